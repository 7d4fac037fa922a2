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
from scipy import ndimage

DPI = 40
MARGIN = 3.0  # points around a box: its edge and the label's anti-aliasing
PIXEL_DELTA = 24  # a grey level difference that is a change, not rendering noise (a light tint lost is one)
SHARE = 0.005  # of the unmasked pixels: more than this changed is damage
KEPT_ANNOTATIONS = {pymupdf.PDF_ANNOT_WIDGET}  # flattened into the page: what they show must stay


def grey(page: pymupdf.Page, annots: bool) -> np.ndarray:
    pix = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY, alpha=False, annots=annots)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)


def changed_pages(source: Path, published: Path, boxes: dict[int, list], password: str | None = None,
                  pictured: frozenset[int] = frozenset()) -> list[tuple[int, float]]:
    """Pages (1-based) whose rendering differs from the input's outside ``boxes`` (per page, in
    unrotated page space), with the share of pixels changed. ``pictured``: pages published as their
    picture (writing/asscan.py), compared after a 3x3 mean: a picture scaled down anti-aliases its
    letters otherwise than glyphs drawn at 40 dpi (1.5% of a text page differs by a grey level of
    more than 24; after the mean 0.04%, measured on tests/hostile/disagreeing.py's pages)."""
    out = []
    with pymupdf.open(source) as a, pymupdf.open(published) as b:
        if a.needs_pass and not a.authenticate(password or ""):
            return []  # the scan pass opened it with the dossier's passwords; nothing to compare here
        if len(a) != len(b):
            return [(0, 1.0)]
        for n, (pa, pb) in enumerate(zip(a, b), start=1):
            ga, gb = grey(pa, annots=True), grey(pb, annots=False)
            if ga.shape != gb.shape:
                out.append((n, 1.0))
                continue
            if n in pictured:
                ga, gb = (ndimage.uniform_filter(g.astype(np.float32), 3) for g in (ga, gb))
            changed = np.abs(ga.astype(np.int16) - gb.astype(np.int16)) > PIXEL_DELTA
            mask = np.ones_like(changed)
            dropped = [annot.rect for annot in pa.annots() if annot.type[0] not in KEPT_ANNOTATIONS]
            for rect in [pymupdf.Rect(r) * pb.rotation_matrix for r in list(boxes.get(n, ())) + dropped]:
                r = (rect + (-MARGIN, -MARGIN, MARGIN, MARGIN)) * (DPI / 72)
                mask[max(0, int(r.y0)) : int(r.y1) + 1, max(0, int(r.x0)) : int(r.x1) + 1] = False
            share = float((changed & mask).sum()) / max(1, int(mask.sum()))
            if share > SHARE:
                out.append((n, round(share, 4)))
    return out
