"""redact.py / glyphs.spare_neighbours: a box OCR read over a drawing (no glyphs of its own) removes
the drawing's text only where it stands in the box. The middle band of such a box removed a
tolerance symbol beside it whose glyph box merely reached into the box (pdfminer's issue_495
drawing: OCR read a circle and a leader line as "ZT"), and the damage check withheld the file."""

import pymupdf

from woopub.writing.damage import changed_pages
from woopub.writing.redact import redact_page
from woopub.writing.sanitize import sanitize, save_clean

BOX = pymupdf.Rect(200, 190, 290, 240)  # where OCR read two letters in the drawing's line art


def _drawing(path):
    doc = pymupdf.open()
    page = doc.new_page(width=600, height=400)
    page.draw_circle((245, 225), 22)
    page.draw_line((250, 205), (300, 195))  # a leader line from the circle to the symbol's frame
    page.insert_text((287, 212), "W 0,1", fontsize=24)  # the symbol's glyph box reaches into BOX
    doc.save(path)


def test_a_glyph_reaching_into_an_ocr_box_from_outside_stays(tmp_path):
    _drawing(tmp_path / "in.pdf")
    doc = pymupdf.open(tmp_path / "in.pdf")
    w = next(pymupdf.Rect(c["bbox"]) for b in doc[0].get_text("rawdict")["blocks"] for line in b["lines"]
             for s in line["spans"] for c in s["chars"] if c["c"] == "W")
    assert w.intersects(BOX) and not BOX.contains((w.tl + w.br) / 2)  # the case: reaches in, stands outside
    redact_page(doc[0], [(tuple(BOX), "5.1.2e")])
    text = doc[0].get_text()
    assert "W 0,1" in text


def test_the_band_is_not_cut_off_a_glyph_standing_in_the_box():
    from woopub.writing.glyphs import glyph_boxes, spare_neighbours

    doc = pymupdf.open()
    page = doc.new_page(width=600, height=400)
    page.insert_text((287, 212), "W 0,1", fontsize=24)
    page.insert_text((284, 228), "Ø", fontsize=12)  # its middle in BOX, its box reaching out of it
    band = pymupdf.Rect(200, 196, 290, 234)
    glyphs = glyph_boxes(page)
    cut = spare_neighbours(band, BOX, glyphs)
    own = [i for i, f in enumerate(glyphs.full.tolist()) if BOX.contains(pymupdf.Point((f[0] + f[2]) / 2, (f[1] + f[3]) / 2))]
    assert own and all(pymupdf.Rect(glyphs.boxes[i].tolist()).intersects(cut) for i in own)


def test_an_ocr_box_over_a_drawing_beside_a_symbol_passes_the_damage_check(tmp_path):
    _drawing(tmp_path / "in.pdf")
    doc = pymupdf.open(tmp_path / "in.pdf")
    redact_page(doc[0], [(tuple(BOX), "5.1.2e")])
    sanitize(doc)
    save_clean(doc, tmp_path / "out.pdf")
    assert changed_pages(tmp_path / "in.pdf", tmp_path / "out.pdf", {1: [tuple(BOX)]}) == []
