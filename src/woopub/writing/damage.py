"""Nothing changed but what was redacted: each published page rendered at low resolution beside
its input, the redaction boxes (and a margin) masked out. A page whose pixels differ elsewhere was
damaged by the redaction (a background image turned black, a form's values lost when flattened).

The input is rendered with its annotations and form fields, as a reader sees it; the published
file has none (sanitize drops them, forms are flattened into the page), so the places of the
annotations that are dropped on purpose (notes, highlights, stamps) are masked too.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pymupdf

from woopub.reading.prepare import show_hidden_layers
from woopub.writing.asscan import DPI as SCAN_DPI  # scanned.SCAN_DPI is the same
from woopub.writing.labels import LEGEND_PREFIX

DPI = 40
MARGIN = 3.0  # points around a box: its edge and the label's anti-aliasing
PIXEL_DELTA = 24  # a grey level difference that is a change, not rendering noise (a light tint lost is one)
SHARE = 0.005  # of the unmasked pixels: more than this changed is damage
# ... or, in one place: a word or two lost is a small share of a page, but most of a small square
CELL = 12  # pixels at DPI (about 22 points) on a side
CELL_SHARE = 0.2  # of a square's unmasked pixels changed is damage
KEPT_ANNOTATIONS = {pymupdf.PDF_ANNOT_WIDGET}  # flattened into the page: what they show must stay


def grey(page: pymupdf.Page, annots: bool) -> np.ndarray:
    pix = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY, alpha=False, annots=annots)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)


def legends(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """The legend line redaction writes for boxes too small for their code (``labels``): added on purpose."""
    if LEGEND_PREFIX.split()[0] not in page.get_text():
        return []
    return [pymupdf.Rect(line["bbox"]) for block in page.get_text("dict")["blocks"] for line in block.get("lines", ())
            if "".join(span["text"] for span in line["spans"]).startswith(LEGEND_PREFIX.strip())]


def _soft(grey_image: np.ndarray) -> np.ndarray:
    """Each pixel the mean of its 3 x 3 neighbourhood: the same text drawn by another route (a page
    published as a scan, a font drawn with other hinting) differs at the edges of every stroke;
    a lost word or a blackened picture differs far more."""
    a = np.pad(grey_image.astype(np.int16), 1, mode="edge")
    h, w = grey_image.shape
    return sum(a[dy:dy + h, dx:dx + w] for dy in range(3) for dx in range(3)) // 9


def local_share(changed: np.ndarray, mask: np.ndarray) -> float:
    """The largest share of changed pixels in any CELL x CELL square (of its unmasked pixels)."""
    h, w = changed.shape
    best = 0.0
    for dy in (0, CELL // 2):  # squares offset by half a square too: a lost word on a square's edge
        for dx in (0, CELL // 2):
            c, m = changed[dy:, dx:], mask[dy:, dx:]
            hh, ww = (c.shape[0] // CELL) * CELL, (c.shape[1] // CELL) * CELL
            if not hh or not ww:
                continue
            sums = c[:hh, :ww].reshape(hh // CELL, CELL, ww // CELL, CELL).sum(axis=(1, 3))
            area = m[:hh, :ww].reshape(hh // CELL, CELL, ww // CELL, CELL).sum(axis=(1, 3))
            full = area >= CELL * CELL // 2  # a square mostly under a box says little
            if full.any():
                best = max(best, float((sums[full] / area[full]).max()))
    return best


def as_scanned(page: pymupdf.Page, dpi: int) -> np.ndarray:
    """``page`` rendered as it looks once published as its own picture at ``dpi`` (writing/asscan.py,
    writing/scanned.py), then seen at DPI. A hairline is one device pixel wide at any resolution:
    drawn at 200 dpi and seen at 40 it is a fifth as dark, which is the scan's look, not damage."""
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False, annots=True)
    with pymupdf.open() as doc:
        scan = doc.new_page(width=page.rect.width, height=page.rect.height)
        scan.insert_image(scan.rect, pixmap=pix)
        return grey(scan, annots=False)


def _mask_out(mask: np.ndarray, rects: list[pymupdf.Rect]) -> None:
    """Mark the pixels of ``rects`` (in points, with a margin) as not compared."""
    for rect in rects:
        r = (rect + (-MARGIN, -MARGIN, MARGIN, MARGIN)) * (DPI / 72)
        mask[max(0, int(r.y0)) : int(r.y1) + 1, max(0, int(r.x0)) : int(r.x1) + 1] = False


def changed_pages(source: Path, published: Path, boxes: dict[int, list], password: str | None = None,
                  pictured: frozenset[int] = frozenset()) -> list[tuple[int, float]]:
    """Pages (1-based) whose rendering differs from the input's outside ``boxes`` (per page, in
    unrotated page space), with the share of pixels changed. Every page is compared after a 3x3
    mean (``_soft``); ``pictured``, the pages published as their picture (writing/asscan.py,
    writing/scanned.py), are compared with the input drawn by that same route (``as_scanned``)."""
    out = []
    with pymupdf.open(source) as a, pymupdf.open(published) as b:
        if a.needs_pass and not a.authenticate(password or ""):
            return []  # the scan pass opened it with the dossier's passwords; nothing to compare here
        if len(a) != len(b):
            return [(0, 1.0)]
        show_hidden_layers(a)  # publishing shows every layer on purpose (reading/prepare.py): compare with that
        for n, (pa, pb) in enumerate(zip(a, b), start=1):
            ga = as_scanned(pa, SCAN_DPI) if n in pictured else grey(pa, annots=True)
            gb = grey(pb, annots=False)
            if ga.shape != gb.shape:
                out.append((n, 1.0))
                continue
            changed = np.abs(_soft(ga) - _soft(gb)) > PIXEL_DELTA
            mask = np.ones_like(changed)
            dropped = [annot.rect for annot in pa.annots() if annot.type[0] not in KEPT_ANNOTATIONS]
            _mask_out(mask, [pymupdf.Rect(r) * pb.rotation_matrix for r in list(boxes.get(n, ())) + dropped])
            if not (changed & mask).any():
                # nothing changed outside the boxes: masking the legend too leaves nothing changed, and a
                # share of nothing is 0 however many pixels it is taken of (the legend is not read)
                continue
            _mask_out(mask, [rect * pb.rotation_matrix for rect in legends(pb)])
            share = float((changed & mask).sum()) / max(1, int(mask.sum()))
            if share > SHARE or local_share(changed & mask, mask) > CELL_SHARE:
                out.append((n, round(share, 4)))
    return out
