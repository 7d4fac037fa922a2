"""What Tesseract read is kept by the SHA-256 of the pixels it was given, for the rest of the run:
the same pixels are never read twice (the scan pass, the verification of the published file and
the closing verification of the package's stamped copy render an untouched picture identically)."""

from __future__ import annotations

import hashlib
import json

import pymupdf
import pytest
from click.testing import CliRunner

from conftest import pdf_text, still_there
from ocr_support import text_page_image
from woopub.run.batch import OCR_MEMO
from woopub.reading.tesseract import Tesseract, remember_ocr_in

EMAIL = "f.wijnberg@minjenv.nl"
PHONE = "06 4829 1730"


@pytest.fixture
def counted_reads(monkeypatch, tmp_path):
    """Every Tesseract run, as the SHA-256 of the image it read, appended to a file (forked children too)."""
    log = tmp_path / "reads.txt"
    real = Tesseract.read

    def counting(self, image, dpi):
        with log.open("a") as fh:
            fh.write(hashlib.sha256(image).hexdigest() + f" {dpi}\n")
        return real(self, image, dpi)

    monkeypatch.setattr(Tesseract, "read", counting)
    yield lambda: log.read_text().split("\n")[:-1] if log.is_file() else []
    remember_ocr_in(None)


def _image() -> bytes:
    doc = pymupdf.open(stream=text_page_image(["Onderwerp: Actieplan mensenhandel", "Met vriendelijke groet"]))
    return doc[0].get_pixmap(colorspace=pymupdf.csGRAY, alpha=False).tobytes("pnm")


def test_same_pixels_are_read_once_while_the_folder_exists(tmp_path, counted_reads):
    folder = tmp_path / "memo"
    folder.mkdir()
    remember_ocr_in(folder)
    engine = Tesseract()
    first = engine.read_all([(_image(), 200)])[0]
    again = engine.read_all([(_image(), 200)])[0]
    assert len(counted_reads()) == 1
    assert again == first and any(w.text == "Actieplan" for w in first)
    engine.read_all([(_image(), 300)])  # another resolution is another reading
    assert len(counted_reads()) == 2


def test_without_the_folder_every_reading_runs_tesseract(tmp_path, counted_reads):
    remember_ocr_in(tmp_path / "gone")  # the run removed it: nothing is kept or reused
    Tesseract().read_all([(_image(), 200)])
    Tesseract().read_all([(_image(), 200)])
    assert len(counted_reads()) == 2
    assert not (tmp_path / "gone").exists()


def test_a_cut_short_entry_is_read_again(tmp_path, counted_reads):
    folder = tmp_path / "memo"
    folder.mkdir()
    remember_ocr_in(folder)
    engine = Tesseract()
    first = engine.read_all([(_image(), 200)])[0]
    for entry in folder.iterdir():
        entry.write_text("level\tpage\n5\t1\t1")  # a row without its columns: no words
    assert engine.read_all([(_image(), 200)])[0] == []  # read back as written: an empty reading ...
    for entry in folder.iterdir():
        entry.unlink()
    assert engine.read_all([(_image(), 200)])[0] == first  # ... and a missing entry is read again
    assert len(counted_reads()) == 2


def test_redact_with_its_package_reads_no_pixels_twice_and_leaves_no_memo(tmp_path, counted_reads):
    from woopub.cli import main

    dossier = tmp_path / "in"
    dossier.mkdir()
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Zie de schermafdruk van de mail hieronder.", fontsize=11)
    page.insert_image(pymupdf.Rect(72, 100, 492, 300), stream=text_page_image(
        [f"Van: {EMAIL}", "Onderwerp: Actieplan mensenhandel", f"Bel mij op {PHONE}."]))
    page = doc.new_page()  # a picture no redaction touches: the stamped copy shows the same pixels
    page.insert_text((72, 72), "Bijlage: het schema.", fontsize=11)
    page.insert_image(pymupdf.Rect(72, 100, 492, 300), stream=text_page_image(
        ["Stap 1: aanvraag ontvangen", "Stap 2: besluit nemen"]))
    doc.save(dossier / "nota.pdf")
    out, internal = tmp_path / "out", tmp_path / "intern"
    result = CliRunner().invoke(main, ["redact", str(dossier), "--out", str(out), "--internal", str(internal),
                                       "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    summary = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")][-1]
    assert summary["verify"] == "passed" and summary["published"] == 1
    uploads = list((out / "package" / "upload").glob("*.pdf"))
    assert len(uploads) == 1  # the stamped copy was made and checked by the closing verification
    reads = counted_reads()
    assert reads and len(reads) == len(set(reads)), reads  # no pixels read twice
    # the scan pass read both pictures, verification the redacted one again (its pixels changed) and
    # that one's boxes a second time: a black box with its light ground code is a dark field
    # (``pictures.second_reading``) beside the black label "Van:"
    assert len(reads) == 4
    for published in (out / "nota.pdf", uploads[0]):
        assert [v for v in (EMAIL, PHONE) if still_there(v, pdf_text(published))] == []
    assert not list(internal.glob(OCR_MEMO + "-*"))  # the run's memo went with it
