"""An open point answered by OCR (issue 15): a document whose text layer cannot be read is
pictured page by page in a copy the dossier keeps, read by OCR and reviewed like a scan; the
answer survives a re-scan. And a term searched across the dossier is found in the words OCR reads."""

import json
import stat
from pathlib import Path

import pymupdf
from click.testing import CliRunner

from conftest import pdf_text
from type3_letters import type3_letters_pdf
from woopub.cli import main
from woopub.review.store import ReviewDossier

LINES = ["Contactpersoon: Jan de Vries, telefoon 06-41234567.", "Het project Zonnebloem loopt door tot de zomer."]


def _scan(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    type3_letters_pdf(inputs / "nota.pdf", LINES)
    folder = tmp_path / "dossier"
    result = CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(folder), "--workers", "1"])
    assert result.exit_code == 1 and "1 open point" in result.output, result.output
    return inputs, folder


def test_unreadable_text_answered_by_ocr_in_the_cli_is_reviewed_applied_and_survives_a_rescan(tmp_path):
    inputs, folder = _scan(tmp_path)
    d = ReviewDossier(folder)
    (point,) = d.open_points()
    assert "text cannot be read" in point.reason
    d.close()
    result = CliRunner().invoke(main, ["resolve", str(folder), "nota.pdf", "ocr", "--reviewer", "Anna"])
    assert result.exit_code == 0, result.output
    d = ReviewDossier(folder)
    assert d.open_points() == []
    rows = {r["text"]: dict(r) for r in d.proposals()}
    assert {"Jan de Vries", "06-41234567"} <= set(rows), rows.keys()
    copy = next(iter(d.documents()))["path"]
    assert "ocr-kopieen" in copy and stat.S_IMODE(Path(copy).stat().st_mode) == 0o600
    with pymupdf.open(copy) as doc:  # the pictured page carries no text of its own
        assert doc[0].get_text().strip() == "" and doc[0].get_images()
    assert [a["reviewer"] for a in d.audit("open:nota.pdf")] == ["Anna"]
    d.decide(rows["06-41234567"]["key"], "rejected", "Anna")
    d.close()
    # scanned again: the original still cannot be read, its OCR copy is read again, decisions kept
    result = CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(folder), "--workers", "1"])
    assert result.exit_code == 0 and "0 open point" in result.output, result.output
    d = ReviewDossier(folder)
    again = {r["text"]: dict(r) for r in d.proposals()}
    d.close()
    assert again["06-41234567"]["status"] == "rejected"
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 0, result.output
    with pymupdf.open(out / "nota.pdf") as doc:
        assert "Vries" not in doc[0].get_textpage_ocr(language="nld", dpi=300, full=True).extractText()
    assert CliRunner().invoke(main, ["verify", str(out)]).exit_code == 0


def test_a_term_in_the_words_ocr_reads_is_found_and_redacted(tmp_path):
    inputs, folder = _scan(tmp_path)
    assert CliRunner().invoke(main, ["resolve", str(folder), "nota.pdf", "ocr"]).exit_code == 0
    d = ReviewDossier(folder)
    added = d.add_term("Zonnebloem", "5.1.2i", "Anna")
    d.close()
    assert added == 1
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 0, result.output
    with pymupdf.open(out / "nota.pdf") as doc:
        read = doc[0].get_textpage_ocr(language="nld", dpi=300, full=True).extractText()
    assert "Zonnebloem" not in read and "zomer" in read
    assert "Zonnebloem" not in pdf_text(out / "nota.pdf")


def test_a_term_in_a_picture_on_a_page_with_text_is_found_and_redacted_in_its_pixels(tmp_path):
    """A digital page with a pasted picture of a line of text: the term stands only in the picture."""
    picture = pymupdf.open()
    p = picture.new_page(width=420, height=40)
    p.insert_text((8, 26), "Projectleider Zonnebloem: Hendrika Smit", fontsize=16)
    pix = p.get_pixmap(dpi=200)
    picture.close()
    inputs = tmp_path / "in"
    inputs.mkdir()
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "Het verslag van het overleg over de planning staat hieronder.", fontsize=11)
    page.insert_image(pymupdf.Rect(72, 100, 492, 140), pixmap=pix)
    doc.save(inputs / "verslag.pdf")
    doc.close()
    folder = tmp_path / "dossier"
    result = CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(folder), "--workers", "1"])
    assert result.exit_code == 0, result.output
    d = ReviewDossier(folder)
    assert d.add_term("Zonnebloem", "5.1.2i", "Anna") == 1
    (hit,) = [r for r in d.proposals() if r["text"] == "Zonnebloem"]
    d.close()
    box = pymupdf.Rect(json.loads(hit["boxes"])[0])
    assert pymupdf.Rect(72, 100, 492, 140).contains(box)  # on the picture
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 0, result.output
    with pymupdf.open(out / "verslag.pdf") as doc:
        read = doc[0].get_textpage_ocr(language="nld", dpi=300, full=True).extractText()
    assert "Zonnebloem" not in read and "verslag" in read
