"""The closing verification takes a stamped upload copy as its verified published file plus the
stamp (``writing.stamped``): a page equal to the published one outside the stamp is not read whole
by OCR again, only the stamp's band; a copy with anything else changed is read whole, as before,
and a value drawn into it is found."""

from __future__ import annotations

import hashlib
import json
import shutil

import numpy as np
import pymupdf
import pytest

from conftest import SAMPLES, make_scan
from woopub.package.build import build_package
from woopub.package.stamp import stamp_document
from woopub.reading.tesseract import Tesseract
from woopub.run.batch import run_inline, verify_output
from woopub.writing.publish import LOG_JSON
from woopub.writing.stamped import StampedCopy
from woopub.writing.secrets import Secret
from woopub.writing.verify import verify_pdf

SECRET = [Secret("Fenna Wijnberg", "PERSON", "PERSON of proposal d#1")]
LINES = ["Verslag van het overleg", "Aanwezig: de beleidsmedewerker", "Volgende keer in maart"]
WHOLE = 0.5  # an image read by Tesseract taller than this share of the page's rendering: a page read whole


def _picture(text: str, fontsize: float = 16) -> bytes:
    """``text`` typed and photographed: a PNG, no text layer."""
    sheet = pymupdf.open().new_page(width=400, height=40)
    sheet.insert_text((10, 28), text, fontsize=fontsize, fontname="helv")
    return sheet.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY).tobytes("png")


def _stamp(published, copy) -> dict[int, tuple]:
    placed: dict[int, tuple] = {}
    with pymupdf.open(published) as doc:
        assert stamp_document(doc, "WOO-0001-0042", placed=placed) == []
        doc.save(copy, garbage=3, deflate=True)
    return placed


def _read_problems(problems) -> list[str]:
    """What the pixel checks said (these synthetic files carry an Info dictionary: hygiene's, not ours)."""
    return [p.kind for p in problems if p.kind in ("leak", "unreadable text", "unreadable")]


def _copy_of(published, placed) -> StampedCopy:
    return StampedCopy(str(published), hashlib.sha256(published.read_bytes()).hexdigest(), placed)


@pytest.fixture
def reads(monkeypatch):
    """The height share of the page of each image Tesseract is given (through the memo or not)."""
    heights = []
    real = Tesseract.read_all

    def counting(self, jobs):
        for image, dpi in jobs:
            pix = pymupdf.Pixmap(image)
            heights.append(pix.height / (842 * dpi / 72))
        return real(self, jobs)

    monkeypatch.setattr(Tesseract, "read_all", counting)
    return heights


def _grey(page: pymupdf.Page, dpi: int) -> np.ndarray:
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.stride)


@pytest.mark.parametrize("rotation", [0, 90])
def test_the_stamp_changes_no_pixel_outside_the_rectangle_it_records(rotation):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((60, 400), "Gewone tekst op de pagina", fontsize=12)
    page.set_rotation(rotation)
    before = pymupdf.open("pdf", doc.tobytes())
    placed: dict[int, tuple] = {}
    stamp_document(doc, "WOO-0001-0042-gyjqp", placed=placed)
    stamp = pymupdf.Rect(placed[0])
    for dpi in (150, 300, 450):
        ys, xs = np.nonzero(_grey(before[0], dpi) != _grey(doc[0], dpi))
        zoom = dpi / 72
        changed = pymupdf.Rect(xs.min() / zoom, ys.min() / zoom, (xs.max() + 1) / zoom, (ys.max() + 1) / zoom)
        assert stamp.contains(changed), (dpi, changed, stamp)


def test_a_copy_equal_outside_the_stamp_is_not_read_whole_again(tmp_path, reads):
    make_scan(tmp_path / "d.pdf", LINES)
    placed = _stamp(tmp_path / "d.pdf", tmp_path / "copy.pdf")
    problems = verify_pdf(tmp_path / "copy.pdf", "copy.pdf", SECRET, [], [],
                          stamped=_copy_of(tmp_path / "d.pdf", placed))
    assert _read_problems(problems) == []
    assert reads and max(reads) < WHOLE  # the stamp's band alone
    reads.clear()
    assert _read_problems(verify_pdf(tmp_path / "copy.pdf", "copy.pdf", SECRET, [], [])) == []
    assert max(reads) > WHOLE  # without the proof: the page read whole, as before


def test_a_copy_altered_outside_the_stamp_is_read_whole_and_its_value_found(tmp_path, reads):
    make_scan(tmp_path / "d.pdf", LINES)
    placed = _stamp(tmp_path / "d.pdf", tmp_path / "copy.pdf")
    with pymupdf.open(tmp_path / "copy.pdf") as doc:  # a picture of the value, after the stamp
        doc[0].insert_image(pymupdf.Rect(60, 300, 460, 340), stream=_picture("Fenna Wijnberg"))
        doc.save(tmp_path / "altered.pdf", garbage=3, deflate=True)
    problems = verify_pdf(tmp_path / "altered.pdf", "altered.pdf", SECRET, [], [],
                          stamped=_copy_of(tmp_path / "d.pdf", placed))
    assert _read_problems(problems) == ["leak"]
    assert max(reads) > WHOLE


def test_a_value_drawn_in_the_stamp_s_band_is_read_there(tmp_path, reads):
    make_scan(tmp_path / "d.pdf", LINES)
    placed = _stamp(tmp_path / "d.pdf", tmp_path / "copy.pdf")
    band = pymupdf.Rect(placed[0])
    with pymupdf.open(tmp_path / "copy.pdf") as doc:
        doc[0].insert_image(pymupdf.Rect(band.x0, band.y0, band.x0 + band.height * 10, band.y1),
                            stream=_picture("Fenna Wijnberg"))
        doc.save(tmp_path / "altered.pdf", garbage=3, deflate=True)
    problems = verify_pdf(tmp_path / "altered.pdf", "altered.pdf", SECRET, [], [],
                          stamped=_copy_of(tmp_path / "d.pdf", placed))
    assert _read_problems(problems) == ["leak"]
    assert max(reads) < WHOLE  # found in the band, the rest of the page being the published file's


def test_a_published_file_changed_since_the_run_verified_it_proves_nothing(tmp_path, reads):
    make_scan(tmp_path / "d.pdf", LINES)
    placed = _stamp(tmp_path / "d.pdf", tmp_path / "copy.pdf")
    verified = _copy_of(tmp_path / "d.pdf", placed)
    make_scan(tmp_path / "d.pdf", LINES[:2])  # another file under the verified one's name
    assert _read_problems(verify_pdf(tmp_path / "copy.pdf", "copy.pdf", SECRET, [], [], stamped=verified)) == []
    assert max(reads) > WHOLE


@pytest.fixture(scope="module")
def scan_package(tmp_path_factory, rules, detector):
    """samples/scans through a run, its package built and the closing verification's reads counted."""
    from woopub.run.pipeline import Dossier

    base = tmp_path_factory.mktemp("stamped")
    shutil.copytree(SAMPLES / "scans", base / "in", ignore=shutil.ignore_patterns("*.yaml"))
    result = run_inline(Dossier(rules, detector), [base / "in"], base / "out")
    log = json.loads((base / "out" / LOG_JSON).read_text("utf-8"))
    build_package(base / "out", log, internal_dir=result.internal_dir)
    return base / "out", result


def test_closing_verification_reads_no_stamped_scan_whole_and_finds_a_value_drawn_into_a_copy(scan_package, reads):
    out, result = scan_package
    assert verify_output(out, result.internal_dir, run=result)[0] == []
    assert reads and max(reads) < WHOLE  # the run's published scans, stamped: only their bands read
    copy = sorted((out / "package" / "upload").glob("*.pdf"))[0]
    with pymupdf.open(copy) as doc:
        doc[0].insert_image(pymupdf.Rect(60, 400, 460, 440), stream=_picture("Fenna Wijnberg"))
        doc.save(copy.with_suffix(".new"), garbage=3, deflate=True)
    copy.with_suffix(".new").replace(copy)
    problems, _ = verify_output(out, result.internal_dir, run=result)
    leaks = [p for p in problems if p.kind == "leak" and p.document == f"package/upload/{copy.name}"]
    assert leaks, problems


def test_a_page_of_glyphs_without_unicode_meaning_is_read_in_the_stamp_s_band_only_while_equal(tmp_path, reads):
    doc = pymupdf.open()  # lines in a font without a ToUnicode map: read by OCR (``verify.check_text``)
    page = doc.new_page(width=595, height=842)
    page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("helv").buffer)  # Type0, Identity-H
    for k, line in enumerate(LINES):
        page.insert_text((72, 120 + 28 * k), line, fontname="F0", fontsize=14)
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "ToUnicode")[0] != "null":
            doc.xref_set_key(xref, "ToUnicode", "null")
    doc.save(tmp_path / "d.pdf")
    placed = _stamp(tmp_path / "d.pdf", tmp_path / "copy.pdf")
    verified = _copy_of(tmp_path / "d.pdf", placed)
    assert _read_problems(verify_pdf(tmp_path / "copy.pdf", "copy.pdf", SECRET, [], [], stamped=verified)) == []
    assert reads and max(reads) < WHOLE
    reads.clear()
    with pymupdf.open(tmp_path / "copy.pdf") as doc:
        doc[0].insert_image(pymupdf.Rect(60, 400, 460, 440), stream=_picture("Fenna Wijnberg"))
        doc.save(tmp_path / "altered.pdf", garbage=3, deflate=True)
    problems = verify_pdf(tmp_path / "altered.pdf", "altered.pdf", SECRET, [], [], stamped=verified)
    assert "leak" in _read_problems(problems) and max(reads) > WHOLE
