"""A page whose text layer falls apart into one-glyph words is read from its glyphs by position
(``reading.glyphs``); letters far apart on one baseline are no word.

An engineering drawing labels its grid with one letter at each edge of the page, on one baseline.
A line of two glyphs has its one gap as its "usual" gap, so "F" ... "F" was read as one word "FF"
a page wide; detection took it for initials and its box, across the whole drawing, removed every
line it crossed (pdfminer issue 495, withheld by the damage check)."""

import pymupdf

from woopub.reading.extract import extract_text


def test_grid_letters_at_both_edges_of_a_drawing_are_two_words():
    doc = pymupdf.open()
    page = doc.new_page(width=1200, height=800)
    for k, row in enumerate("ABCDEF"):
        y = 100 + 100 * k
        page.insert_text((15, y), row, fontsize=10)
        page.insert_text((1180, y), row, fontsize=10)
    for k, column in enumerate("12345678"):
        page.insert_text((100 + 120 * k, 20), column, fontsize=10)
    page.insert_text((900, 760), "Getekend 29.03.2021", fontsize=10)
    words = extract_text(doc).words
    assert [w.text for w in words if w.text in ("F", "FF")] == ["F", "F"]
    assert all(pymupdf.Rect(w.box).width < 150 for w in words)
    assert any(w.text == "Getekend" for w in words)  # letters of one word stay one word
