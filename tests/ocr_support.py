"""Helpers for the OCR tests: look at a published PDF's pixels, not only its text."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from woopub.reading.tesseract import Tesseract


def image_ink(doc: pymupdf.Document, page_index: int, box, step: int = 2) -> int:
    """Dark pixels under ``box`` in the page's images: their own pixels, whatever is drawn on top."""
    doc = pymupdf.open("pdf", doc.tobytes(garbage=3, deflate=True))  # images changed in memory get an xref
    page = doc[page_index]
    dark = 0
    for info in page.get_image_info(xrefs=True):
        pix = pymupdf.Pixmap(doc, info["xref"])
        if pix.alpha:
            pix = pymupdf.Pixmap(pix, 0)
        if pix.n > 1:
            pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
        r = pymupdf.Rect(box) * ~pymupdf.Matrix(info["transform"])
        r = pymupdf.Rect(r.x0 * pix.width, r.y0 * pix.height, r.x1 * pix.width, r.y1 * pix.height)
        r.normalize()
        r &= pymupdf.Rect(0, 0, pix.width, pix.height)
        for y in range(int(r.y0), int(r.y1), step):
            for x in range(int(r.x0), int(r.x1), step):
                dark += pix.pixel(x, y)[0] < 128
    return dark


def ocr_pixels(path: Path, engine: Tesseract | None = None) -> str:
    """Everything OCR reads in a PDF's pixels: each page as shown, and each image on its own
    (an image's pixels under a black box would show here)."""
    engine = engine or Tesseract()
    parts = []
    with pymupdf.open(path) as doc:
        for page in doc:
            images = page.get_image_info(xrefs=True)
            if not any(pymupdf.Rect(i["bbox"]).get_area() > 0.5 * page.rect.get_area() for i in images):
                # a scan's own pixels are read below; this reads what a text page shows
                pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY, alpha=False)
                parts.append(" ".join(w.text for w in engine.read(pix.tobytes("pnm"), 300)))
            for info in images:
                img = pymupdf.Pixmap(doc, info["xref"])
                if img.width < 100 or img.height < 30:
                    continue
                if img.colorspace is None:  # a stencil mask: only coverage, read as ink on paper
                    ink = bytes(255 - b for b in img.samples)
                    img = pymupdf.Pixmap(pymupdf.csGRAY, img.width, img.height, ink, 0)
                if img.alpha:
                    img = pymupdf.Pixmap(img, 0)
                if img.n > 1:
                    img = pymupdf.Pixmap(pymupdf.csGRAY, img)
                bbox = pymupdf.Rect(info["bbox"])
                dpi = max(72, int(img.width / max(bbox.width, 1) * 72))
                parts.append(" ".join(w.text for w in engine.read(img.tobytes("pnm"), dpi)))
    return "\n".join(parts)


def text_page_image(lines: list[str], width: float = 420, height: float = 300, dpi: int = 200, fontsize: float = 11) -> bytes:
    """PNG of typed lines, as a scanner or a screenshot would give them."""
    doc = pymupdf.open()
    page = doc.new_page(width=width, height=height)
    y = 40
    for line in lines:
        page.insert_text((30, y), line, fontsize=fontsize, fontname="helv")
        y += fontsize * 1.8
    return page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False).tobytes("png")


def scanned_pdf(path: Path, lines: list[str], rotate: int = 0, width: float = 420, height: float = 300, dpi: int = 200) -> Path:
    """An image-only PDF page of ``lines``; with ``rotate``, stored turned and shown upright by /Rotate."""
    image = text_page_image(lines, width, height, dpi)
    doc = pymupdf.open()
    if rotate in (90, 270):
        page = doc.new_page(width=height, height=width)
        page.insert_image(page.rect, stream=image, rotate=rotate)
    else:
        page = doc.new_page(width=width, height=height)
        page.insert_image(page.rect, stream=image, rotate=rotate)
    page.set_rotation(rotate)
    doc.save(path)
    return path


def handwriting_pdf(path: Path, seed: int = 3) -> Path:
    """A photographed page of handwriting: loops of ink that no OCR can read as words."""
    import io
    import math
    import random

    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    img = Image.new("L", (840, 600), 250)
    draw = ImageDraw.Draw(img)
    for row in range(8):
        y = 60 + row * 65
        points = []
        for i in range(300):
            t = i / 300
            points.append((40 + 760 * t + 9 * math.sin(t * 90 + rng.random()), y + 14 * math.sin(t * 130) * math.cos(t * 17 + row)))
        draw.line(points, fill=20, width=3)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    doc = pymupdf.open()
    page = doc.new_page(width=420, height=300)
    page.insert_image(page.rect, stream=buf.getvalue())
    doc.save(path)
    return path
