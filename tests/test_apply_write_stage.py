"""woopub apply publishes through the write stage woopub redact uses (writing/write.py, issue 15):
a reviewed scan keeps a searchable OCR text layer for the words that stay, and a page the
redaction damaged outside its boxes is withheld, as in a batch run."""

import pymupdf
from click.testing import CliRunner

from conftest import pdf_text, still_there
from ocr_support import ocr_pixels
from woopub.cli import main
from woopub.review.store import ReviewDossier

LINES = ["Contactpersoon: Jan de Vries, telefoon 06-41234567.",
         "Het project Zonnebloem loopt door tot de zomer van volgend jaar."]


def _scanned_page(path):
    """One page that is only a picture of its text (no text layer), as a scanner makes it."""
    source = pymupdf.open()
    page = source.new_page()
    for i, line in enumerate(LINES):
        page.insert_text((72, 100 + 24 * i), line, fontsize=12)
    pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
    source.close()
    doc = pymupdf.open()
    scan = doc.new_page()
    scan.insert_image(scan.rect, pixmap=pix)
    doc.save(path)
    doc.close()


def _scan(tmp_path, make):
    inputs = tmp_path / "in"
    inputs.mkdir()
    make(inputs)
    folder = tmp_path / "dossier"
    result = CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(folder), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return folder


def test_a_reviewed_scan_is_published_with_an_ocr_text_layer_and_the_value_gone_from_text_and_pixels(tmp_path):
    folder = _scan(tmp_path, lambda inputs: _scanned_page(inputs / "scan.pdf"))
    with pymupdf.open(tmp_path / "in" / "scan.pdf") as doc:
        assert doc[0].get_text().strip() == ""  # nothing to search in the input but its pixels
    d = ReviewDossier(folder)
    rows = {r["text"]: r for r in d.proposals()}
    assert "Jan de Vries" in rows, rows.keys()
    d.decide(rows["Jan de Vries"]["key"], "accepted", "Anna")
    d.close()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 0, result.output
    with pymupdf.open(out / "scan.pdf") as doc:
        layer = doc[0].get_text()
    assert "Zonnebloem" in layer and "zomer" in layer  # the words that stay are searchable
    text, pixels = pdf_text(out / "scan.pdf"), ocr_pixels(out / "scan.pdf")
    assert "zomer" in pixels
    for value in ("Jan de Vries", "Vries"):
        assert not still_there(value, text) and not still_there(value, pixels), value
    assert CliRunner().invoke(main, ["verify", str(out)]).exit_code == 0


def test_apply_withholds_a_page_the_redaction_damaged_outside_its_boxes(tmp_path, monkeypatch):
    """As redact does (writing/damage.py): a background turned black by the redaction is damage."""
    import woopub.writing.write as write

    def make(inputs):
        doc = pymupdf.open()
        page = doc.new_page()
        page.draw_rect(pymupdf.Rect(40, 40, 560, 300), color=None, fill=(0.8, 0.85, 0.9))  # a letterhead's tint
        page.insert_text((72, 400), "Contactpersoon: Jan de Vries, telefoon 06-41234567", fontsize=11)
        doc.save(inputs / "brief.pdf")
        doc.close()

    folder = _scan(tmp_path, make)
    real = write.sanitize

    def blackening(doc):  # the redaction blackens the letterhead: damage outside every box
        doc[0].draw_rect(pymupdf.Rect(40, 40, 560, 300), color=None, fill=(0, 0, 0))
        real(doc)

    monkeypatch.setattr(write, "sanitize", blackening)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 1, result.output
    assert "brief.pdf: page 1 looks different from the input outside its redactions" in result.output
    assert not (out / "brief.pdf").exists()


def test_apply_on_worker_processes_publishes_what_apply_in_this_process_does(tmp_path):
    import json
    import shutil

    from conftest import SAMPLES

    def make(inputs):
        for name in ("bijlage-contactpersonen.pdf", "email-mensenhandel.pdf"):
            shutil.copy(SAMPLES / name, inputs / name)

    folder = _scan(tmp_path, make)
    logs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}"
        result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending",
                                           "--workers", workers])
        assert result.exit_code == 0, result.output
        logs.append(json.loads((out / "publicatielog.json").read_text())["redactions"])
    assert logs[0] and logs[0] == logs[1]
    assert not (folder / ".werkbestanden").exists()  # the pool's shared files are gone
