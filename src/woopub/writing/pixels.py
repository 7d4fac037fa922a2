"""Pictures fine enough that blanking a box's pixels stays inside the box.

MuPDF removes a picture's pixels under a redaction box by blanking every
image pixel the box touches. A picture whose pixels are large on the page
loses far more than the box: seen in Dutch government factsheets whose text
is drawn as pictures, each a 2 x 2 pixel colour image under a fine soft mask
(the letters): a box over one word turned the colour of half the line white,
and the top half of the line below, while the soft mask itself was blanked
only under the box. A stretched background or logo of a few pixels does the
same at a larger scale.

Before the boxes are applied, every picture a box touches whose pixels (or
its soft mask's) measure more than ``FINEST`` points on the page is replaced
by the same picture at a finer resolution, each pixel repeated: it draws the
same, and the blanking then stays within a point of the box.
"""

from __future__ import annotations

import math

import numpy as np
import pymupdf

FINEST = 1.0  # points: a picture whose pixels are larger on the page is made finer (the damage check allows 3)
MAX_PIXELS = 16_000_000  # a finer picture stays below this many pixels (memory); coarser is left as it is
_DEVICE = {1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}


def refine_coarse_images(page: pymupdf.Page, rects: list[pymupdf.Rect]) -> int:
    """Make the coarse pictures under ``rects`` finer; returns how many image objects were rewritten.

    PyMuPDF tells where a picture is shown (``get_image_info``) but finds its object by the digest of
    its pixels, which pictures that differ only in their soft masks share: every picture object of
    the page with the size of one shown under a box is taken, with its soft mask. One made finer
    that was not under a box draws the same as before."""
    doc = page.parent
    if not page.get_images():  # no picture in the page's resources: nothing to look at (get_image_info runs the page)
        return 0
    sizes: dict[tuple[int, int], tuple[float, float]] = {}  # image size -> largest shown size (points) under a box
    for info in page.get_image_info():
        if not any(pymupdf.Rect(info["bbox"]).intersects(r) for r in rects):
            continue
        m = pymupdf.Matrix(info["transform"])
        shown = (math.hypot(m.a, m.b), math.hypot(m.c, m.d))  # the sides of the unit square on the page
        key = (info["width"], info["height"])
        old = sizes.get(key, (0.0, 0.0))
        sizes[key] = (max(old[0], shown[0]), max(old[1], shown[1]))
    if not sizes:
        return 0
    coarse: dict[int, tuple[int, int]] = {}  # xref -> how many times finer, across and down
    for item in page.get_images(full=True):
        xref, smask, width, height = item[0], item[1], item[2], item[3]
        if (width, height) not in sizes:
            continue
        across, down = sizes[(width, height)]
        for image in (xref, smask):
            if not image or _is_stencil(doc, image):
                continue
            w, h = _int_key(doc, image, "Width"), _int_key(doc, image, "Height")
            if w <= 0 or h <= 0:
                continue
            fx, fy = max(1, math.ceil(across / w / FINEST)), max(1, math.ceil(down / h / FINEST))
            if (fx > 1 or fy > 1) and w * fx * h * fy <= MAX_PIXELS:
                old = coarse.get(image, (1, 1))
                coarse[image] = (max(old[0], fx), max(old[1], fy))
    return sum(_make_finer(doc, image, fx, fy) for image, (fx, fy) in coarse.items())


def _make_finer(doc: pymupdf.Document, xref: int, fx: int, fy: int) -> int:
    try:
        pix = pymupdf.Pixmap(doc, xref)
    except Exception:  # an image MuPDF cannot decode: left for the blanking as it is
        return 0
    if pix.alpha or pix.n not in _DEVICE:
        return 0
    samples = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)
    finer = np.repeat(np.repeat(samples, fy, axis=0), fx, axis=1)
    kind, space = doc.xref_get_key(xref, "ColorSpace")
    indexed = kind == "array" and "Indexed" in space or kind == "xref" and "Indexed" in doc.xref_object(int(space.split()[0]))
    doc.update_stream(xref, np.ascontiguousarray(finer).tobytes(), compress=True)
    doc.xref_set_key(xref, "Width", str(pix.width * fx))
    doc.xref_set_key(xref, "Height", str(pix.height * fy))
    doc.xref_set_key(xref, "BitsPerComponent", "8")
    doc.xref_set_key(xref, "DecodeParms", "null")
    doc.xref_set_key(xref, "Decode", "null")  # the decoded samples are written
    if indexed or kind not in ("name", "array", "xref"):
        # the palette's colours were written out: the picture is in the palette's device colours now
        doc.xref_set_key(xref, "ColorSpace", _DEVICE[pix.n])
    return 1


def _soft_mask(doc: pymupdf.Document, xref: int) -> int:
    kind, value = doc.xref_get_key(xref, "SMask")
    return int(value.split()[0]) if kind == "xref" else 0


def _is_stencil(doc: pymupdf.Document, xref: int) -> bool:
    return doc.xref_get_key(xref, "ImageMask")[1] == "true" or doc.xref_get_key(xref, "Mask")[0] == "array"


def _int_key(doc: pymupdf.Document, xref: int, key: str) -> int:
    kind, value = doc.xref_get_key(xref, key)
    try:
        return int(float(value)) if kind in ("int", "float") else 0
    except ValueError:
        return 0
