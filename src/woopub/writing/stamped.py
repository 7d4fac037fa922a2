"""A stamped upload copy proven, page by page, to be its verified published file plus the stamp.

The closing verification checks the package's upload copies (``package.build``: each published
PDF with its document number stamped in the margin) as published files. The stamp changes the
pixels of every page, so a page that verification reads whole by OCR (a scan, a slide that is
one picture, a page repaired as a scan) missed the OCR memo and was read again in full, though
the run had verified the published file the copy was made from (docs/performance.md: two
thirds of the closing verification).

Here a copy's page whose rendering, at the resolution verification reads it at, equals the
published page's outside the stamp's rectangle takes the published file's pixel checks: a value
drawn outside the rectangle would be drawn in the published file too, which the run verified.
Only the stamp's band is read (``band``). Any doubt leaves the page to the full check: no stamp
recorded for the page, the published file changed since the run verified it, the page counts
or page sizes differ, a rendering fails, one pixel differs. The checks that do not read pixels
(text, objects, strings, raw bytes, labels, hygiene) run on the copy as on any file.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pymupdf

from woopub.reading.planning import DPI, OcrRegion

STAMP_BAND = "stamp band"  # the reason of the region that reads a proven page's stamp


@dataclass(frozen=True)
class StampedCopy:
    """What the closing verification knows of an upload copy: the published file it was made from,
    that file's SHA-256 when this run verified it, and where the stamp went on each page (0-based
    page -> rectangle in the page as shown, ``package.stamp.stamp_rect``)."""

    published: str
    verified_sha256: str
    stamps: dict[int, tuple]


class StampProof:
    """The published file of one copy, opened once, and where its stamps went."""

    def __init__(self, published: pymupdf.Document, stamps: dict[int, tuple]):
        self.published = published
        self.stamps = stamps

    def band(self, page: pymupdf.Page, dpi: int = DPI) -> OcrRegion | None:
        """The page's stamp as a region to read (unrotated page space, as ``plan_page`` gives them),
        at ``dpi`` but never coarser than body text is read at: small letters put there stay legible."""
        stamp = self.stamps.get(page.number)
        if stamp is None:
            return None
        return OcrRegion(tuple(pymupdf.Rect(stamp) * page.derotation_matrix), STAMP_BAND, max(DPI, dpi))

    def proven(self, page: pymupdf.Page, dpi: int) -> bool:
        """Does ``page`` of the copy render at ``dpi`` to the published page's pixels outside its stamp?
        Asked at most once a page (``check_pictures`` leaves the pages ``check_text`` reads to it),
        so nothing is kept: the copy's layers may be shown between the two."""
        stamp = self.stamps.get(page.number)
        return stamp is not None and _same_outside(page, self.published[page.number], pymupdf.Rect(stamp), dpi)

    def regions(self, page: pymupdf.Page, regions: list[OcrRegion]) -> list[OcrRegion]:
        """``regions`` (``plan_page`` of the copy's page) to read: those the stamp touches are left
        to the published file's check, and the band read instead, when the page is proven at the
        finest resolution they are read at; else all of them, as for any file."""
        band = self.band(page)
        if band is None:
            return regions
        rect = pymupdf.Rect(band.rect)
        touched = [r for r in regions if pymupdf.Rect(r.rect).intersects(rect)]
        dpi = max((r.dpi for r in touched), default=DPI)
        if not touched or not self.proven(page, dpi):
            return regions
        return [r for r in regions if r not in touched] + [self.band(page, dpi)]


@contextlib.contextmanager
def stamp_proof(copy: StampedCopy | None, doc: pymupdf.Document):
    """A ``StampProof`` for the copy ``doc``, or None (every page fully checked) when there is no
    record, the published file is not the one the run verified, or its pages do not match."""
    published = _open_verified(copy) if copy is not None and copy.stamps else None
    if published is None:
        yield None
        return
    with published:
        try:
            same = published.page_count == doc.page_count and not published.needs_pass and all(
                a.rect == b.rect and a.rotation == b.rotation for a, b in zip(published, doc))
        except Exception:
            same = False
        yield StampProof(published, copy.stamps) if same else None


def _open_verified(copy: StampedCopy) -> pymupdf.Document | None:
    """The published file, if its bytes are the ones the run verified: hashed and opened from one
    read, so nothing can change in between."""
    try:
        raw = Path(copy.published).read_bytes()
        if hashlib.sha256(raw).hexdigest() != copy.verified_sha256:
            return None
        return pymupdf.open(stream=raw, filetype="pdf")
    except Exception:
        return None


def _same_outside(page: pymupdf.Page, published: pymupdf.Page, stamp: pymupdf.Rect, dpi: int) -> bool:
    """The two pages rendered in grey at ``dpi`` as verification renders them, equal pixel for pixel
    outside ``stamp`` (page as shown), widened by a pixel for rounding."""
    try:
        zoom = pymupdf.Matrix(dpi / 72, dpi / 72)
        a = page.get_pixmap(matrix=zoom, colorspace=pymupdf.csGRAY, alpha=False)
        b = published.get_pixmap(matrix=zoom, colorspace=pymupdf.csGRAY, alpha=False)
    except Exception:
        return False
    if a.irect != b.irect or a.stride != b.stride:
        return False
    pa = np.frombuffer(a.samples, dtype=np.uint8).reshape(a.height, a.stride).copy()
    pb = np.frombuffer(b.samples, dtype=np.uint8).reshape(b.height, b.stride).copy()
    # pixel (0, 0) is the zoomed page's point (a.x, a.y)
    z = dpi / 72
    x0, y0 = max(0, math.floor(stamp.x0 * z) - a.x - 1), max(0, math.floor(stamp.y0 * z) - a.y - 1)
    x1, y1 = max(0, math.ceil(stamp.x1 * z) - a.x + 1), max(0, math.ceil(stamp.y1 * z) - a.y + 1)
    pa[y0:y1, x0:x1] = 0
    pb[y0:y1, x0:x1] = 0
    return bool(np.array_equal(pa, pb))
