"""Scanned and signed sample documents, for the OCR path (samples/scans/).

    python samples/make_scans.py

* scans/nota-voortgang-mensenhandel-gescand.pdf  the sample nota printed,
  initialled in the paraph table and scanned: each page an image (grey,
  200 dpi, JPEG) with noise and a slight skew, no text layer.
* scans/parafenblad-getekend.pdf  a routing slip (parafenblad): typed text
  with a paraph table whose "Paraaf" column is initialled by hand (vector
  strokes, as a pen tablet leaves them) and a signature image under
  "Met vriendelijke groet". The Rijksoverheid-style logo on top stays.

The same functions make the scans the OCR benchmark (bench/ocr.py) and the
tests use. Everything is drawn here, from a seed: no file is downloaded.
"""

from __future__ import annotations

import io
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pymupdf
import yaml
from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
SCANS = HERE / "scans"


# -- handwriting ---------------------------------------------------------------


def scribble(rect: pymupdf.Rect, seed: int, loops: int = 5) -> list[list[tuple[float, float]]]:
    """Strokes of a made-up signature or paraph filling ``rect``: lists of points."""
    rng = random.Random(seed)
    strokes = []
    for _ in range(rng.randint(1, 2)):
        points = []
        steps = 24 * loops
        for i in range(steps + 1):
            t = i / steps
            px = rect.x0 + rect.width * (0.05 + 0.9 * t) + rect.width * 0.06 * math.sin(t * loops * 2 * math.pi + rng.random())
            py = rect.y0 + rect.height * (0.5 + 0.38 * math.sin(t * loops * 2 * math.pi * 1.3 + rng.random()) * (0.6 + 0.4 * math.cos(t * 7)))
            points.append((px, py))
        strokes.append(points)
    # a flourish under it
    strokes.append([(rect.x0 + rect.width * (0.1 + 0.8 * i / 10), rect.y1 - rect.height * (0.12 + 0.05 * math.sin(i))) for i in range(11)])
    return strokes


def draw_scribble(page: pymupdf.Page, rect: pymupdf.Rect, seed: int, color=(0.05, 0.1, 0.45)) -> None:
    """A paraph or signature as vector strokes on a PDF page."""
    shape = page.new_shape()
    for stroke in scribble(rect, seed):
        shape.draw_polyline([pymupdf.Point(p) for p in stroke])
    shape.finish(color=color, width=1.1, closePath=False, lineCap=1, lineJoin=1)
    shape.commit()


def scribble_png(width: int, height: int, seed: int) -> bytes:
    """A signature as a PNG image (ink on white), as a scanned signature pasted into a document."""
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    for stroke in scribble(pymupdf.Rect(0, 0, width, height), seed, loops=6):
        draw.line(stroke, fill=30, width=max(2, width // 120), joint="curve")
    buf = io.BytesIO()
    img.filter(ImageFilter.GaussianBlur(0.6)).save(buf, "PNG")
    return buf.getvalue()


# -- scanning ----------------------------------------------------------------


@dataclass(frozen=True)
class ScannedPage:
    """How a source page maps onto its scan: ``source point * matrix`` = scan point."""

    matrix: pymupdf.Matrix


def scan_page_image(page: pymupdf.Page, dpi: int, rng: np.random.Generator, skew: float, noise: float) -> tuple[Image.Image, pymupdf.Matrix]:
    """Render ``page`` as a scanner would see it: grey, skewed, noisy. Returns the image and the source-to-scan matrix."""
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    img = img.rotate(skew, resample=Image.BICUBIC, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.5))
    arr = np.asarray(img).astype(np.float32)
    arr = arr * 0.92 + 12  # grey paper, ink not quite black
    arr += rng.normal(0, noise, arr.shape)
    specks = rng.random(arr.shape) < 0.0004
    arr[specks] = rng.uniform(0, 120, specks.sum())
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    # PIL turns counter-clockwise about the centre; in page points (y down) that is this matrix
    rect = page.rect
    centre = pymupdf.Point(rect.width / 2, rect.height / 2)
    turn = pymupdf.Matrix(-skew)
    matrix = pymupdf.Matrix(1, 0, 0, 1, -centre.x, -centre.y) * turn * pymupdf.Matrix(1, 0, 0, 1, centre.x, centre.y)
    return img, matrix


def scan_document(
    source: pymupdf.Document,
    target: Path,
    dpi: int = 200,
    seed: int = 7,
    max_skew: float = 1.2,
    noise: float = 6.0,
    quality: int = 60,
) -> list[ScannedPage]:
    """Write an image-only PDF of ``source`` as scanned pages (JPEG, no text layer)."""
    rng = np.random.default_rng(seed)
    out = pymupdf.open()
    pages = []
    for page in source:
        skew = float(rng.uniform(-max_skew, max_skew))
        img, matrix = scan_page_image(page, dpi, rng, skew, noise)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality)
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=buf.getvalue())
        pages.append(ScannedPage(matrix))
    target.parent.mkdir(parents=True, exist_ok=True)
    out.save(target, garbage=4, deflate=True)
    out.close()
    return pages


# -- the documents ---------------------------------------------------------------


def initial_paraph_table(doc: pymupdf.Document, seed: int = 11) -> list[tuple[int, pymupdf.Rect]]:
    """Initial every row of each paraph table ("Paraaf" column) by hand. Returns (page, box) per paraph."""
    drawn = []
    for page in doc:
        for header in page.search_for("Paraaf"):
            cells = [w for w in page.get_text("words") if w[1] > header.y1 and abs(w[0] - header.x0) < 3]
            for k, w in enumerate(cells):
                box = pymupdf.Rect(w[0] - 2, w[1] - 4, w[0] + 30, w[3] + 3)
                draw_scribble(page, box, seed + k)
                drawn.append((page.number, box))
    return drawn


def draw_logo(page: pymupdf.Page) -> None:
    """A Rijksoverheid-style logo: a dark blue band with an emblem and a word mark (not a signature)."""
    band = pymupdf.Rect(page.rect.width / 2 - 14, 0, page.rect.width / 2 + 14, 62)
    page.draw_rect(band, color=None, fill=(0.08, 0.16, 0.42))
    page.draw_circle(band.tl + (14, 34), 7, color=(1, 1, 1), fill=None, width=1.4)
    page.insert_text((band.x1 + 6, 40), "Rijksoverheid", fontsize=9, fontname="helv")


PARAPH_ROWS = [
    ("Beleidsmedewerker", "mr. drs. H.J. (Hanneke) Verschoor-Buitenhuis", "070 370 64 22"),
    ("Coördinator", "R. (Rachid) Bouzambou", "06 3145 9926"),
    ("Afdelingshoofd", "ing. T.W. (Tjeerd) Faber", "06 5201 7718"),
]


def make_paraph_page(path: Path) -> dict:
    """A routing slip with drawn paraphs and a pasted signature image."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    draw_logo(page)
    y = 110
    for line, size in [
        ("Ministerie van Justitie en Veiligheid", 9),
        ("Parafenblad bij nota 6445182 (Brief voortgang Samen tegen mensenhandel)", 11),
        ("Opgesteld door: mr. drs. H.J. Verschoor-Buitenhuis (h.verschoor@minjenv.nl)", 9),
        ("Ter beslissing aan: de minister van Justitie en Veiligheid", 9),
    ]:
        page.insert_text((72, y), line, fontsize=size, fontname="helv")
        y += size * 1.9
    # the paraph table
    cols = [72, 190, 400, 470, 540]
    top = y + 10
    header = ["Functie", "Naam", "Paraaf", "Datum"]
    rows = [header] + [[f, n, "", f"1{3 + k}-06-2025"] for k, (f, n, _) in enumerate(PARAPH_ROWS)]
    signatures = []
    row_h = 26
    for r, row in enumerate(rows):
        ry = top + r * row_h
        for c, cell in enumerate(row):
            rect = pymupdf.Rect(cols[c], ry, cols[c + 1], ry + row_h)
            page.draw_rect(rect, color=(0.3, 0.3, 0.3), width=0.6)
            if cell:
                size = 8.5 if r else 9
                name = "hebo" if r == 0 else "helv"
                page.insert_textbox(rect + (3, 7, -2, 0), cell, fontsize=size if len(cell) < 36 else 7.5, fontname=name)
        if r:
            box = pymupdf.Rect(cols[2] + 6, ry + 3, cols[3] - 8, ry + row_h - 3)
            draw_scribble(page, box, 100 + r)
            signatures.append(_signature(0, box))
    y = top + len(rows) * row_h + 30
    for line in [
        "Vragen over deze nota: R. Bouzambou, telefoon 06 3145 9926, r.bouzambou@minjenv.nl.",
        "Het functionele adres postbus.mensenhandel@minjenv.nl blijft openbaar.",
        "",
        "Met vriendelijke groet,",
    ]:
        page.insert_text((72, y), line, fontsize=9, fontname="helv")
        y += 17
    page.insert_image(pymupdf.Rect(72, y - 4, 212, y + 46), stream=scribble_png(560, 200, 321))
    signatures.append(_signature(0, pymupdf.Rect(72, y - 4, 212, y + 46)))
    y += 62
    for line in ["ing. T.W. Faber", "Afdelingshoofd Cybercrime en zeden"]:
        page.insert_text((72, y), line, fontsize=9, fontname="helv")
        y += 13
    doc.save(path, garbage=4, deflate=True)
    doc.close()
    return {
        "redact": [
            "Verschoor-Buitenhuis", "H.J. Verschoor-Buitenhuis", "Hanneke", "h.verschoor@minjenv.nl", "Bouzambou",
            "Rachid", "06 3145 9926", "r.bouzambou@minjenv.nl", "Faber", "Tjeerd",
        ],
        "keep": [
            "Parafenblad", "minister van Justitie en Veiligheid", "postbus.mensenhandel@minjenv.nl", "Rijksoverheid",
            "Beleidsmedewerker", "Afdelingshoofd", "6445182",
        ],
        "signatures": signatures,
    }


def _signature(page: int, box: pymupdf.Rect) -> dict:
    return {"page": page + 1, "box": [round(c, 1) for c in box]}


def make_scanned_nota(path: Path, seed: int = 7) -> dict:
    """The sample nota, its paraph table initialled by hand, printed and scanned."""
    source = pymupdf.open(HERE / "nota-voortgang-mensenhandel.pdf")
    paraphs = initial_paraph_table(source)
    pages = scan_document(source, path, dpi=200, seed=seed)
    truth = yaml.safe_load((HERE / "nota-voortgang-mensenhandel.truth.yaml").read_text("utf-8"))
    signatures = [_signature(n, box * pages[n].matrix) for n, box in paraphs]
    return {"redact": truth["redact"], "keep": truth["keep"], "signatures": signatures}


def main() -> None:
    SCANS.mkdir(exist_ok=True)
    for name, make in (
        ("nota-voortgang-mensenhandel-gescand", make_scanned_nota),
        ("parafenblad-getekend", make_paraph_page),
    ):
        truth = make(SCANS / f"{name}.pdf")
        (SCANS / f"{name}.truth.yaml").write_text(
            "# What must not survive redaction (redact), what must stay readable (keep),\n"
            "# and where handwritten signatures and paraphs stand (page, box in points).\n"
            + yaml.safe_dump(truth, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        print(f"wrote samples/scans/{name}.pdf")


if __name__ == "__main__":
    sys.exit(main())
