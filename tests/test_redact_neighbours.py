"""Redaction removes the redacted word and nothing beside it: not the letters of tightly set lines
above and below (MuPDF's glyph boxes reach into them), not the colour of a picture whose pixels are
far larger than the box, not a font whose program was rewritten to drop its names."""

import numpy as np
import pymupdf
import pytest

from woopub.model import Proposal
from woopub.reading.extract import extract_text
from woopub.writing.carried import type1_without_names
from woopub.writing.damage import changed_pages
from woopub.writing.redact import apply_proposals

LINES = ["Aanwezig waren de leden", "en mevrouw Pieternel Koopmans", "later binnen en gaf"]
NAME = ("Pieternel", "Koopmans")


def _redact(doc, words):
    text = extract_text(doc)
    boxes = [w.box for w in text.words if w.text in words]
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    apply_proposals(doc, [Proposal("t#1", "t.pdf", 1, (box,), " ".join(words), "PERSON", "redact", "5.1.2e",
                                   "naam-persoon", 0.9, "test", "test")])
    return box


def _words(page):
    return [w[4] for w in page.get_text("words")]


@pytest.mark.parametrize("font, size, leading", [
    ("helv", 11, 11), ("tiro", 12, 12), ("cour", 10, 10),  # line height = font size
    ("helv", 20, 14), ("tiro", 30, 20), ("helv", 30, 21),  # headings set tighter than their size
])
def test_tight_leading_keeps_every_word_of_the_other_lines_and_removes_the_name(font, size, leading):
    doc = pymupdf.open()
    page = doc.new_page()
    for n, line in enumerate(LINES):
        page.insert_text((20, 100 + n * leading), line, fontsize=size, fontname=font)
    before = _words(page)
    _redact(doc, NAME)
    after = _words(page)
    assert not set(NAME) & set(after)  # every glyph of the name is gone from the text layer
    assert not any(n.lower() in page.get_text().lower() for n in NAME)
    expected = [w for w in before if w not in NAME] + ["5.1.2e"]
    assert sorted(after) == sorted(expected)  # every other word, on every line, still extractable


def test_a_box_over_two_lines_removes_both_and_keeps_the_third(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    lines = ["Pieternel Koopmans", "Gijsbrechts Anema", "blijft staan hier"]
    for n, line in enumerate(lines):
        page.insert_text((20, 100 + n * 12), line, fontsize=12, fontname="helv")
    text = extract_text(doc)
    boxes = [w.box for w in text.words if w.text in ("Pieternel", "Koopmans", "Gijsbrechts", "Anema")]
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    apply_proposals(doc, [Proposal("t#1", "t.pdf", 1, (box,), "x", "PERSON", "redact", "5.1.2e", "r", 0.9, "t", "t")])
    after = page.get_text()
    for gone in ("Pieternel", "Koopmans", "Gijsbrechts", "Anema"):
        assert gone not in after
    assert "blijft staan hier" in after


def _text_as_pictures(path):
    """Each line drawn as a 2 x 2 black picture under a fine soft mask holding its letters, as
    some office exports draw text; the same lines as invisible text, as their OCR layer would be."""
    doc = pymupdf.open()
    page = doc.new_page()
    for n, line in enumerate(LINES):
        rect = pymupdf.Rect(40, 100 + n * 11, 300, 111 + n * 11)
        ink = pymupdf.open()
        ink_page = ink.new_page(width=rect.width, height=rect.height)
        ink_page.insert_text((0, 8.5), line, fontsize=10)
        letters = ink_page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
        alpha = pymupdf.Pixmap(pymupdf.csGRAY, letters.width, letters.height,
                               bytes(255 - b for b in letters.samples), 0)
        colour = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 2, 2), 0)
        colour.set_rect(colour.irect, (20 + n, 20, 20))  # one picture per line (PyMuPDF shares equal ones)
        page.insert_image(rect, pixmap=colour, keep_proportion=False)
        xref = page.get_images()[-1][0]
        mask = doc.get_new_xref()
        doc.update_object(mask, f"<< /Type /XObject /Subtype /Image /Width {alpha.width} /Height {alpha.height} "
                                "/ColorSpace /DeviceGray /BitsPerComponent 8 >>")
        doc.update_stream(mask, alpha.samples)
        doc.xref_set_key(xref, "SMask", f"{mask} 0 R")
        page.insert_text((42, 108.5 + n * 11), line, fontsize=10, render_mode=3)
    doc.save(path)


def _mask_under(doc, page, rect: pymupdf.Rect, line: pymupdf.Rect) -> np.ndarray:
    """The soft-mask values of the line's picture under ``rect``."""
    for item in page.get_images(full=True):
        if not item[1]:
            continue
        shown = page.get_image_rects(item[0])
        mask = pymupdf.Pixmap(doc, item[1])
        if not any(abs(r.y0 - line.y0) < 0.5 for r in shown):
            continue
        a = np.frombuffer(mask.samples, dtype=np.uint8).reshape(mask.height, mask.width)
        sx, sy = mask.width / line.width, mask.height / line.height
        return a[int((rect.y0 - line.y0) * sy):int((rect.y1 - line.y0) * sy) + 1,
                 int((rect.x0 - line.x0) * sx):int((rect.x1 - line.x0) * sx) + 1]
    raise AssertionError("no picture for the line")


def test_a_coarse_picture_under_a_fine_soft_mask_loses_only_the_boxed_word(tmp_path):
    source, published = tmp_path / "in.pdf", tmp_path / "out.pdf"
    _text_as_pictures(source)
    doc = pymupdf.open(source)
    line = pymupdf.Rect(40, 111, 300, 122)
    box = pymupdf.Rect(_redact(doc, NAME))
    doc.save(published)
    # the lines around it, and the rest of its own line, look as they did
    assert changed_pages(source, published, {1: [tuple(box)]}) == []
    # leak-proof: the letters of the name are gone from the picture's soft mask, not just covered
    before = pymupdf.open(source)
    letters = _mask_under(before, before[0], box + (1, 1, -1, -1), line)
    assert letters.min() != letters.max()  # the name's letters were there
    after = pymupdf.open(published)
    blanked = _mask_under(after, after[0], box + (1, 1, -1, -1), line)
    assert blanked.min() == blanked.max()
    assert not any(n in after[0].get_text() for n in NAME)


def test_type1_font_with_a_wrong_clear_text_length_keeps_its_glyph_programs():
    clear = b"%!PS-AdobeFont-1.0: Geheim-Font\n/FontName /Geheim-Font def\n/Notice (Jan de Vries) def\ncurrentfile eexec\n"
    encrypted = bytes(range(256)) * 4 + b"(not text) \\ ( ) %"  # binary: parentheses and percent signs included
    program = clear + encrypted + b"\n" + b"0" * 64 + b"\ncleartomark\n"
    for declared in (len(program) * 1000, len(clear), 0):
        rewritten, length = type1_without_names(program, declared)
        assert rewritten[length:] == program[len(clear):]  # everything after eexec byte for byte
        assert b"Jan de Vries" not in rewritten and b"Geheim" not in rewritten


def test_an_earlier_ocr_layer_under_a_tight_ocr_box_is_removed(tmp_path):
    """A scan's invisible OCR layer has glyph boxes taller than the ink; a box from woopub's own
    OCR is tight to the ink. The layer's words under the box go, the rest stays."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Gesprek met Pieternel Koopmans over de planning", fontsize=14, render_mode=3)
    words = {w[4]: pymupdf.Rect(w[:4]) for w in page.get_text("words")}
    ink = words["Pieternel"] | words["Koopmans"]
    box = pymupdf.Rect(ink.x0, ink.y0 + ink.height * 0.3, ink.x1, ink.y1 - ink.height * 0.25)  # tight, as OCR
    apply_proposals(doc, [Proposal("t#1", "t.pdf", 1, (tuple(box),), "x", "PERSON", "redact", "5.1.2e", "r", 0.9,
                                   "t", "t")])
    after = page.get_text()
    assert "Pieternel" not in after and "Koopmans" not in after
    assert "Gesprek met" in after and "over de planning" in after
