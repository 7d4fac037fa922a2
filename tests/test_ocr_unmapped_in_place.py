"""reading/ocr.plan_page: on a page with a readable text layer, glyphs without a Unicode meaning are
read by OCR where they stand (their line, grown along it), not the whole page. Read whole, a
technical drawing's circles and leader lines came out as "ZT" and "EA" (pdfminer's issue_495),
were taken for a dossier person's initials and blacked out over the drawing."""

import pymupdf

from ocr_support import Tesseract
from woopub.reading.document import DocumentReader
from woopub.reading.planning import plan_page

NAME = "Fenna Wijnberg"


def _drawing_with_unmapped_line():
    doc = pymupdf.open()
    page = doc.new_page(width=842, height=595)
    page.insert_text((40, 60), "Tekening van de houder, schaal 1:2, maten in millimeter.", fontsize=11)
    # the circles and leader lines of a drawing, far from any text
    for r in (30, 18):
        page.draw_circle((600, 300), r, width=1.5)
    page.draw_line((618, 282), (700, 230), width=1)
    page.draw_line((400, 300), (800, 300), width=0.5)
    # a line of text in a font without a Unicode mapping (Identity-H, no ToUnicode)
    page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("helv").buffer)
    page.insert_text((40, 520), f"Getekend door {NAME}", fontname="F0", fontsize=11)
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "ToUnicode")[0] != "null":
            doc.xref_set_key(xref, "ToUnicode", "null")
    return pymupdf.open("pdf", doc.tobytes())


def test_unmapped_glyphs_on_a_text_page_are_read_in_their_line_not_the_whole_page():
    doc = _drawing_with_unmapped_line()
    page = doc[0]
    regions = plan_page(page)
    assert regions and all(r.reason == "unmapped glyphs in place" and not r.whole_page for r in regions)
    line = pymupdf.Rect(40, 505, 200, 525)
    assert any(pymupdf.Rect(r.rect).intersects(line) for r in regions)
    drawing = pymupdf.Rect(560, 220, 800, 340)
    assert not any(pymupdf.Rect(r.rect).intersects(drawing) for r in regions)


def test_the_name_in_unmapped_glyphs_is_still_read():
    if Tesseract().problem():
        import pytest

        pytest.skip("Tesseract is not installed")
    doc = _drawing_with_unmapped_line()
    reading = DocumentReader().read(doc)
    assert NAME in reading.text.text
