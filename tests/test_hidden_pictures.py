"""A picture whose own pixels show letters the page does not show (covered by a later drawing, placed
off the page, drawn at opacity 0) is read in its own pixels (``ocr.HIDDEN_PICTURE``): an image
extractor takes it out whole, and as the page shows it OCR read nothing, so its name was published
(hostile case verborgen-afbeelding.pdf). A picture the page shows is read as shown, as before."""

from __future__ import annotations

import pymupdf
import pytest

from woopub.reading.ocr import _render
from woopub.reading.planning import HIDDEN_PICTURE, PictureCheck, plan_page

SENTENCE = "Contactpersoon: Fenna Wijnberg, telefoon 06-48291730"


def _document() -> pymupdf.Document:
    scratch = pymupdf.open()
    line = scratch.new_page(width=330, height=16)
    line.insert_text((2, 12), SENTENCE, fontsize=11)
    pix = line.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    doc = pymupdf.open()
    contents = {
        "covered": b"q 330 0 0 16 72 480 cm /Im1 Do Q 1 g 72 480 330 16 re f",
        "off the page": b"330 0 0 16 700 480 cm /Im1 Do",
        "opacity 0": b"/G0 gs 330 0 0 16 72 480 cm /Im1 Do",
        "shown": b"330 0 0 16 72 480 cm /Im1 Do",
    }
    image = doc.get_new_xref()
    doc.update_object(image, f"<< /Type /XObject /Subtype /Image /Width {pix.width} /Height {pix.height} "
                             "/ColorSpace /DeviceGray /BitsPerComponent 8 >>")
    doc.update_stream(image, bytes(pix.samples), new=True)
    for content in contents.values():
        page = doc.new_page()
        page.insert_text((72, 90), "Voortgang van de beleidsnota.", fontsize=11)
        stream = doc.get_new_xref()
        doc.update_object(stream, "<<>>")
        doc.update_stream(stream, b"q " + content + b" Q", new=True)
        doc.xref_set_key(page.xref, "Contents", "[" + " ".join(f"{x} 0 R" for x in [*page.get_contents(), stream]) + "]")
        kind, value = doc.xref_get_key(page.xref, "Resources")
        resources = int(value.split()[0]) if kind == "xref" else page.xref
        prefix = "" if kind == "xref" else "Resources/"
        doc.xref_set_key(resources, prefix + "XObject", f"<< /Im1 {image} 0 R >>")
        doc.xref_set_key(resources, prefix + "ExtGState", "<< /G0 << /Type /ExtGState /ca 0 /CA 0 >> >>")
    return pymupdf.open("pdf", doc.tobytes())


@pytest.mark.parametrize("number, where", [(0, "covered"), (1, "off the page"), (2, "opacity 0")])
def test_a_picture_the_page_does_not_show_is_read_in_its_own_pixels(number, where):
    doc = _document()
    page = doc[number]
    hidden = [r for r in plan_page(page, check=PictureCheck(doc)) if r.reason == HIDDEN_PICTURE]
    assert len(hidden) == 1, where
    x0 = 700 if where == "off the page" else 72
    top = page.rect.height - 496  # PDF y 480..496, in page space from the top
    assert tuple(hidden[0].rect) == pytest.approx((x0, top, x0 + 330, top + 16), abs=0.1)
    # its own pixels map onto its placement: the image's corners onto the region's
    image, to_page, _, _ = _render(page, hidden[0])
    pnm = pymupdf.Pixmap(image)
    assert tuple(pymupdf.Point(0, 0) * to_page) == pytest.approx((x0, top), abs=0.1)
    assert tuple(pymupdf.Point(pnm.width, pnm.height) * to_page) == pytest.approx((x0 + 330, top + 16), abs=0.1)
    assert min(pnm.samples) < 64  # the letters, not a blank rendering


def test_a_picture_the_page_shows_is_read_as_shown():
    doc = _document()
    regions = plan_page(doc[3], check=PictureCheck(doc))
    assert [r.reason for r in regions] == ["image"]


def test_a_stencil_painted_white_on_white_is_read_in_its_own_bits():
    """A stencil's look elsewhere is the colour it paints with; painted white on white, its own bits
    (what an extractor shows) hold the letters."""
    scratch = pymupdf.open()
    line = scratch.new_page(width=330, height=16)
    line.insert_text((2, 12), SENTENCE, fontsize=11)
    pix = line.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    rows = []
    for y in range(pix.height):
        row = pix.samples[y * pix.stride: y * pix.stride + pix.width]
        bits = "".join("0" if v < 128 else "1" for v in row) + "1" * (-pix.width % 8)
        rows.append(int(bits, 2).to_bytes(len(bits) // 8, "big"))
    doc = pymupdf.open()
    page = doc.new_page()
    stencil = doc.get_new_xref()
    doc.update_object(stencil, f"<< /Type /XObject /Subtype /Image /Width {pix.width} /Height {pix.height} "
                               "/ImageMask true /BitsPerComponent 1 >>")
    doc.update_stream(stencil, b"".join(rows), new=True)
    doc.xref_set_key(page.xref, "Resources", f"<< /XObject << /Im1 {stencil} 0 R >> >>")
    stream = doc.get_new_xref()
    doc.update_object(stream, "<<>>")
    doc.update_stream(stream, b"q 1 g 330 0 0 16 72 480 cm /Im1 Do Q", new=True)
    doc.xref_set_key(page.xref, "Contents", f"{stream} 0 R")
    doc = pymupdf.open("pdf", doc.tobytes())
    hidden = [r for r in plan_page(doc[0], check=PictureCheck(doc)) if r.reason == HIDDEN_PICTURE]
    assert len(hidden) == 1
    image, _, _, _ = _render(doc[0], hidden[0])
    assert min(pymupdf.Pixmap(image).samples) < 64 < max(pymupdf.Pixmap(image).samples)


def test_a_picture_shown_too_small_to_read_is_read_in_its_own_pixels():
    """A full-resolution screenshot placed 4 points high: too small as shown, legible zoomed in."""
    scratch = pymupdf.open()
    line = scratch.new_page(width=330, height=16)
    line.insert_text((2, 12), SENTENCE, fontsize=11)
    pix = line.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image(pymupdf.Rect(72, 300, 72 + 330 * 4 / 16, 304), pixmap=pix)
    doc = pymupdf.open("pdf", doc.tobytes())
    hidden = [r for r in plan_page(doc[0], check=PictureCheck(doc)) if r.reason == HIDDEN_PICTURE]
    assert len(hidden) == 1
