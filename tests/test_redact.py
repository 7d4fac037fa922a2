"""Redaction removes text for real and labels every box."""

import pymupdf
import pytest

from woopub.reading.extract import extract_text
from woopub.model import Proposal
from woopub.writing.redact import apply_proposals, fit_label, redact_page


def _proposal(doc_text, word_texts, page=1, ground="5.1.2e"):
    idx = [i for i, w in enumerate(doc_text.words) if w.text in word_texts]
    boxes = [doc_text.words[i].box for i in idx]
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return Proposal("t#1", "t.pdf", page, (box,), " ".join(word_texts), "PERSON", "redact", ground, "naam-persoon",
                    0.9, "test", "test")


def _doc(lines):
    doc = pymupdf.open()
    page = doc.new_page()
    for n, line in enumerate(lines):
        page.insert_text((72, 100 + n * 13), line, fontsize=11)
    return doc


def test_text_under_the_box_is_removed_and_the_lines_around_it_stay():
    doc = _doc(["De heer Jan de Vries belde met mevrouw Bakker.", "Volgende regel met Boer en boer eronder.",
                "Derde regel blijft helemaal staan."])
    text = extract_text(doc)
    apply_proposals(doc, [_proposal(text, ["Boer"])])
    after = doc[0].get_text()
    assert "Boer" not in after
    assert "boer eronder" in after  # same letters, other word: untouched
    assert "De heer Jan de Vries belde met mevrouw Bakker." in after  # line above intact
    assert "Derde regel blijft helemaal staan." in after  # line below intact


def test_every_box_carries_its_ground_code():
    doc = _doc(["Contact: Jan de Vries en J. Smit."])
    text = extract_text(doc)
    entries, warnings = apply_proposals(doc, [_proposal(text, ["Jan", "de", "Vries"]), _proposal(text, ["J."], ground="5.1.2e")])
    assert len(entries) == 2
    wide, narrow = entries
    assert "5.1.2e" in doc[0].get_text("text", clip=pymupdf.Rect(wide.box) + (-1, -1, 1, 1)).replace("\n", "")
    # "J." is too narrow for the full code at a legible size: its short form, and the page's legend
    assert doc[0].get_text("text", clip=pymupdf.Rect(narrow.box) + (-1, -1, 1, 1)).strip() == "2e"
    assert "2e = 5.1.2e" in doc[0].get_text()
    assert warnings == ["page 1: box too small for a legible ground code at 6 pt (shown as '2e', the code in the page's legend)"]


def test_label_is_narrowed_then_shrunk_to_fit_small_boxes():
    wide = fit_label("5.1.2e", pymupdf.Rect(0, 0, 80, 14))
    assert wide.stretch == 1 and wide.fits and wide.fontsize >= 9
    narrow = fit_label("5.1.2e", pymupdf.Rect(0, 0, 14, 14))
    assert narrow.stretch < 1 and narrow.fits
    tiny = fit_label("5.1.2e", pymupdf.Rect(0, 0, 3, 5))
    assert not tiny.fits


def test_image_pixels_under_a_box_are_removed():
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 50), 0)
    pix.set_rect(pix.irect, (30, 30, 30))
    page.insert_image(pymupdf.Rect(72, 72, 272, 122), pixmap=pix)
    box = (100, 80, 150, 110)
    apply_proposals(doc, [Proposal("i#1", "i.pdf", 1, (box,), "handtekening", "SIGNATURE", "redact", "5.1.2e",
                                   "handtekening", 1.0, "test", "test")])
    xref = page.get_images()[0][0]
    img = pymupdf.Pixmap(doc, xref)
    # the image itself was blanked under the box, not just covered
    assert img.pixel(50, 25) != (30, 30, 30)
    assert img.pixel(5, 5) == (30, 30, 30)


def test_on_a_turned_page_the_text_under_the_box_goes_and_the_rest_stays():
    # /Rotate turns the page as shown; word boxes are in the unrotated page, and so must the redactions be
    for rotation in (90, 180, 270):
        doc = _doc(["Overleg met Priya Raghunathan over de begroting.", "Tweede regel blijft staan."])
        doc[0].set_rotation(rotation)
        text = extract_text(doc)
        apply_proposals(doc, [_proposal(text, ["Priya", "Raghunathan"])])
        after = doc[0].get_text()
        assert "Priya" not in after and "Raghunathan" not in after, rotation
        assert "Overleg met" in after and "over de begroting." in after, rotation
        assert "Tweede regel blijft staan." in after, rotation
        assert doc[0].rotation == rotation
        assert not list(doc[0].annots()), rotation  # applied, none left behind


def _page_with_own_helv(font_object: str) -> tuple[pymupdf.Document, pymupdf.Page]:
    """A saved and reopened page whose own font resource /helv is not Helvetica."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Contactpersoon Fenna Wijnberg", fontname="tiro", fontsize=11)
    if font_object == "type3":  # a Type3 font whose one glyph draws nothing
        proc = doc.get_new_xref()
        doc.update_object(proc, "<<>>")
        doc.update_stream(proc, b"0 0 0 0 0 0 d1")
        font_object = (f"<</Type/Font/Subtype/Type3/FontBBox[0 0 1 1]/FontMatrix[0.001 0 0 0.001 0 0]"
                       f"/CharProcs<</a {proc} 0 R>>/Encoding<</Differences[97/a]>>/FirstChar 97/LastChar 97/Widths[500]>>")
    font = doc.get_new_xref()
    doc.update_object(font, font_object)
    fonts = doc.xref_get_key(page.xref, "Resources")[1].split()[0]
    doc.xref_set_key(int(fonts), "Font/helv", f"{font} 0 R")
    content = page.get_contents()[0]  # the page draws with its /helv, so redaction keeps it
    doc.update_stream(content, doc.xref_stream(content) + b"\nBT /helv 11 Tf 72 300 Td (aaa) Tj ET")
    doc = pymupdf.open("pdf", doc.tobytes())
    return doc, doc[0]


@pytest.mark.parametrize("font_object", ["<</Type/Font/Subtype/Type1/BaseFont/Times-Roman>>", "type3", "null", "42"],
                         ids=["times", "type3", "null", "not-a-font"])
def test_label_drawn_in_helvetica_when_the_page_has_its_own_helv(font_object):
    doc, page = _page_with_own_helv(font_object)
    box = page.search_for("Fenna Wijnberg")[0]
    redact_page(page, [(tuple(box), "5.1.2e")])
    spans = [s for b in page.get_text("dict")["blocks"] for line in b.get("lines", []) for s in line["spans"]]
    label = [s for s in spans if s["text"] == "5.1.2e"]
    assert label and all(s["font"] == "Helvetica" for s in label), [(s["text"], s["font"]) for s in spans]
    assert "Fenna" not in page.get_text()
    # the white label is really drawn inside the black box (a Type3 /helv drew nothing)
    pix = page.get_pixmap(clip=box, dpi=200)
    assert any(pix.pixel(x, y)[0] > 200 for x in range(pix.width) for y in range(pix.height))
    doc.tobytes()  # and the document still saves
