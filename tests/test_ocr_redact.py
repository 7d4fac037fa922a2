"""Redaction on scanned pages removes the pixels under the box, whatever the image's form.

Scans come as JPEG (DCT), Flate, CCITT G4 (fax, most office scanners in
black and white) and JBIG2 (the compact scans of OCR software); placed with
rotations, inside form XObjects, on pages turned by /Rotate, in tiles. Each
case checks the image's own pixels after redaction (not the rendered page,
where the black box would hide anything).
"""

from __future__ import annotations

import io
import struct

import pymupdf
import pytest
from PIL import Image, ImageDraw, TiffImagePlugin

from ocr_support import image_ink
from woopub.writing.redact import redact_page

W, H = 600, 200  # pixels of the test scan
NAME_BOX = (60, 60, 540, 140)  # where the "name" ink is, in image pixels


def scan_image() -> Image.Image:
    """A 1-bit-friendly scan: a black bar where a name is printed, white paper around."""
    img = Image.new("L", (W, H), 255)
    ImageDraw.Draw(img).rectangle(NAME_BOX, fill=0)
    return img


def _png(img: Image.Image, fmt: str = "PNG", **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def _g4(img: Image.Image) -> bytes:
    """Raw CCITT G4 data of a 1-bit image (one TIFF strip)."""
    old = TiffImagePlugin.STRIP_SIZE
    TiffImagePlugin.STRIP_SIZE = 1 << 30  # one strip: its data is one G4 stream
    try:
        raw = _png(img.convert("1"), "TIFF", compression="group4")
    finally:
        TiffImagePlugin.STRIP_SIZE = old
    tiff = Image.open(io.BytesIO(raw))
    (offset,), (count,) = tiff.tag_v2[273], tiff.tag_v2[279]
    return raw[offset : offset + count]


def _jbig2(img: Image.Image) -> bytes:
    """An embedded JBIG2 stream: page information and one MMR-coded generic region."""

    def segment(number: int, kind: int, data: bytes) -> bytes:
        return struct.pack(">IBBBI", number, kind, 0, 1, len(data)) + data

    inverted = Image.eval(img, lambda v: 255 - v)  # JBIG2 reads 1 as black
    page_info = struct.pack(">IIIIBH", W, H, 0, 0, 0, 0)
    region = struct.pack(">IIIIB", W, H, 0, 0, 0) + bytes([1]) + _g4(inverted)  # flags: MMR
    return segment(0, 48, page_info) + segment(1, 38, region) + segment(2, 49, b"")


def _raw_image(doc: pymupdf.Document, data: bytes, filter_: str, parms: str | None) -> int:
    xref = doc.get_new_xref()
    doc.update_object(xref, f"<</Type/XObject/Subtype/Image/Width {W}/Height {H}/ColorSpace/DeviceGray/BitsPerComponent 1>>")
    doc.update_stream(xref, data, new=True, compress=False)
    doc.xref_set_key(xref, "Filter", filter_)
    if parms:
        doc.xref_set_key(xref, "DecodeParms", parms)
    return xref


def _show_xref(page: pymupdf.Page, rect: pymupdf.Rect, xref: int) -> None:
    """Place an existing image object on the page, filling ``rect``."""
    doc = page.parent
    doc.xref_set_key(page.xref, "Resources", "<</XObject<</Scan %d 0 R>>>>" % xref)
    m = pymupdf.Rect(rect) * page.transformation_matrix
    content = f"q {m.width} 0 0 {m.height} {m.x0} {m.y0} cm /Scan Do Q".encode()
    new = doc.get_new_xref()
    doc.update_object(new, "<<>>")
    doc.update_stream(new, content)
    doc.xref_set_key(page.xref, "Contents", f"{new} 0 R")


def _page_with(kind: str) -> tuple[pymupdf.Document, pymupdf.Page, pymupdf.Rect]:
    """A page showing the scan in the form ``kind``; returns the page and the name's box on it."""
    doc = pymupdf.open()
    page = doc.new_page(width=W, height=H)  # one point per pixel: the name box is the same in both
    box = pymupdf.Rect(NAME_BOX)
    img = scan_image()
    if kind == "jpeg":
        page.insert_image(page.rect, stream=_png(img, "JPEG", quality=80))
    elif kind == "flate":
        page.insert_image(page.rect, stream=_png(img))
    elif kind == "ccitt":
        xref = _raw_image(doc, _g4(img), "/CCITTFaxDecode", f"<</K -1/Columns {W}/Rows {H}/BlackIs1 true>>")
        _show_xref(page, page.rect, xref)
    elif kind == "jbig2":
        _show_xref(page, page.rect, _raw_image(doc, _jbig2(img), "/JBIG2Decode", None))
    elif kind == "rotated-placement":  # the scan placed turned by 90 degrees
        doc = pymupdf.open()
        page = doc.new_page(width=H, height=W)
        page.insert_image(page.rect, stream=_png(img), rotate=90)
        box = pymupdf.Rect(H - NAME_BOX[3], NAME_BOX[0], H - NAME_BOX[1], NAME_BOX[2])
    elif kind == "page-rotate":  # the page turned by /Rotate: boxes are in the unrotated page
        page.insert_image(page.rect, stream=_png(img, "JPEG"))
        page.set_rotation(90)
    elif kind == "form-xobject":  # the scan inside a form XObject (pages imported from another PDF)
        src = pymupdf.open()
        src.new_page(width=W, height=H).insert_image(pymupdf.Rect(0, 0, W, H), stream=_png(img, "JPEG"))
        page.show_pdf_page(page.rect, src, 0)
    elif kind == "tiles":  # a scan cut in strips, the name across two of them
        for k in range(2):
            part = img.crop((0, k * H // 2, W, (k + 1) * H // 2))
            page.insert_image(pymupdf.Rect(0, k * H / 2, W, (k + 1) * H / 2), stream=_png(part), keep_proportion=False)
    else:
        raise ValueError(kind)
    return doc, page, box


KINDS = ["jpeg", "flate", "ccitt", "jbig2", "rotated-placement", "page-rotate", "form-xobject", "tiles"]


@pytest.mark.parametrize("kind", KINDS)
def test_redaction_blanks_the_scan_pixels_under_the_box(kind):
    doc, page, box = _page_with(kind)
    assert image_ink(doc, page.number, box) > 100, "the test scan must show the name before redaction"
    redact_page(page, [(tuple(box), "5.1.2e")])
    assert image_ink(doc, page.number, box) == 0


def test_redaction_leaves_the_pixels_around_the_box():
    doc, page, box = _page_with("jpeg")
    half = pymupdf.Rect(box.x0, box.y0, (box.x0 + box.x1) / 2, box.y1)
    other = pymupdf.Rect(half.x1 + 4, box.y0, box.x1, box.y1)
    redact_page(page, [(tuple(half), "5.1.2e")])
    assert image_ink(doc, page.number, half) == 0
    assert image_ink(doc, page.number, other) > 100


def test_invisible_ocr_layer_under_the_box_is_removed_and_the_rest_kept():
    """A scan with an earlier OCR layer (invisible text): the redacted word leaves no text behind."""
    doc, page, _ = _page_with("jpeg")
    page.insert_text((70, 110), "Wijnberg", fontsize=40, render_mode=3)
    page.insert_text((70, 180), "Actieplan", fontsize=16, render_mode=3)
    word = [w for w in page.get_text("words") if w[4] == "Wijnberg"][0]
    redact_page(page, [(word[:4], "5.1.2e")])
    text = page.get_text()
    assert "Wijnberg" not in text
    assert "Actieplan" in text
