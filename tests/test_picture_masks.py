"""A picture's letters may be only in what masks it: a soft mask, an explicit mask (a stencil image)
or a colour key. The cheap look (``pictures.grey_planes``, ``pictures.look``) sees all three, so OCR
reads such a picture; it looked at the colour alone and published an all-black picture whose explicit
mask, or whose colour key, drew the name (hostile cases expliciet-masker.pdf, kleursleutel.pdf)."""

from __future__ import annotations

import pymupdf
import pytest

from woopub.reading.pictures import grey_planes, look


def _letters() -> pymupdf.Pixmap:
    scratch = pymupdf.open()
    page = scratch.new_page(width=300, height=20)
    page.insert_text((2, 14), "Contactpersoon Fenna Wijnberg", fontsize=12)
    return page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)


def _image(doc: pymupdf.Document, pix: pymupdf.Pixmap, extra: str, samples: bytes) -> int:
    xref = doc.get_new_xref()
    doc.update_object(xref, f"<< /Type /XObject /Subtype /Image /Width {pix.width} /Height {pix.height} "
                            f"/ColorSpace /DeviceGray /BitsPerComponent 8 {extra} >>")
    doc.update_stream(xref, samples, new=True, compress=False)
    return xref


def _stencil(doc: pymupdf.Document, pix: pymupdf.Pixmap) -> int:
    rows = []
    for y in range(pix.height):
        row = pix.samples[y * pix.stride: y * pix.stride + pix.width]
        bits = "".join("0" if v < 128 else "1" for v in row) + "1" * (-pix.width % 8)
        rows.append(int(bits, 2).to_bytes(len(bits) // 8, "big"))
    xref = doc.get_new_xref()
    doc.update_object(xref, f"<< /Type /XObject /Subtype /Image /Width {pix.width} /Height {pix.height} "
                            "/ImageMask true /BitsPerComponent 1 >>")
    doc.update_stream(xref, b"".join(rows), new=True, compress=False)
    return xref


@pytest.mark.parametrize("kind", ["explicit mask", "colour key", "soft mask"])
def test_letters_only_in_the_mask_are_seen(kind):
    doc = pymupdf.open()
    doc.new_page()
    pix = _letters()
    black = bytes(pix.width * pix.height)
    if kind == "explicit mask":
        xref = _image(doc, pix, f"/Mask {_stencil(doc, pix)} 0 R", black)
    elif kind == "colour key":  # ink 0, paper 1: both black, the paper keyed out
        xref = _image(doc, pix, "/Mask [1 1]", bytes(0 if v < 128 else 1 for v in pix.samples))
    else:
        soft = _image(doc, pix, "", bytes(255 - v for v in pix.samples))
        xref = _image(doc, pix, f"/SMask {soft} 0 R", black)
    planes = grey_planes(doc, xref)
    assert not look(planes[:1]).read  # the colour alone is plain
    assert look(planes).read


def test_a_plain_picture_with_a_plain_mask_is_not_read():
    doc = pymupdf.open()
    doc.new_page()
    pix = _letters()
    xref = _image(doc, pix, "/Mask [1 1]", bytes(pix.width * pix.height))  # nothing keyed out
    assert not look(grey_planes(doc, xref)).read
