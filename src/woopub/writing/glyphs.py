"""Which band of a redaction box removes the redacted word's glyphs and no others.

MuPDF's redaction removes a glyph when the glyph's box, shrunk by a tenth of
its width and height on each side, touches a redaction rectangle at all
(``pdf_redact_text_filter``, MuPDF 1.28). That box is the font's descender
to ascender over the glyph's advance (``pdf-op-filter.c``), which reaches
well above and below the ink: where lines are set tightly, the boxes of one
line overlap those of the next, and a rectangle over one word also removes
letters of the line above or below.

PyMuPDF's structured text builds a character's box the same way (font
ascender and descender, not the ink), so the glyphs of the page are known
before anything is removed. For each box the band is chosen across the
line: it touches every glyph whose middle lies in the box (the word's own),
and no other glyph that reaches into the box's width. Where no such band
exists (a box over several lines with another line's glyph between them,
text that is neither horizontal nor vertical, a box OCR read over a drawing)
the caller falls back to the middle band of the box, cut back off the glyphs
that only reach into it from outside (``spare_neighbours``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pymupdf

SHRINK = 0.1  # MuPDF shrinks a glyph's box by this share of its width and height on each side
SAFETY = 0.05  # points kept between the band and a glyph it must not touch


@dataclass(frozen=True)
class GlyphBoxes:
    """The page's characters as MuPDF's redaction sees them, as arrays for quick selection."""

    boxes: np.ndarray  # n x 4: x0, y0, x1, y1 after MuPDF's shrink
    full: np.ndarray  # n x 4: the character's box as extraction gives it
    vertical: np.ndarray  # n: the character's line runs up or down the page
    slanted: np.ndarray  # n: the line is neither horizontal nor vertical


def glyph_boxes(page: pymupdf.Page) -> GlyphBoxes:
    rows, full, vertical, slanted = [], [], [], []
    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES
    for block in page.get_text("rawdict", flags=flags)["blocks"]:
        for line in block.get("lines", ()):
            dx, dy = line["dir"]
            upright = abs(dy) < 1e-3
            standing = abs(dx) < 1e-3
            for span in line["spans"]:
                for char in span["chars"]:
                    x0, y0, x1, y1 = char["bbox"]
                    w, h = (x1 - x0) * SHRINK, (y1 - y0) * SHRINK
                    rows.append((x0 + w, y0 + h, x1 - w, y1 - h))
                    full.append((x0, y0, x1, y1))
                    vertical.append(standing)
                    slanted.append(not upright and not standing)
    if not rows:
        empty = np.zeros((0,), dtype=bool)
        return GlyphBoxes(np.zeros((0, 4)), np.zeros((0, 4)), empty, empty)
    return GlyphBoxes(np.array(rows), np.array(full), np.array(vertical), np.array(slanted))


def removal_band(rect: pymupdf.Rect, glyphs: GlyphBoxes) -> pymupdf.Rect | None:
    """A rectangle inside ``rect``'s width (or height, for vertical text) that touches, by MuPDF's
    rule, every glyph of ``rect`` and no other glyph; None where there is none.

    A glyph of the box has its middle in the box, and its box within the box give or take a quarter
    of its height (a word box is the union of its characters' boxes; where lines are set tighter
    than their boxes are tall, the middle of a character of the line above can lie in the box) or
    its middle in the middle half of the box across the line."""
    if not len(glyphs.boxes):
        return None
    f = glyphs.full
    mx, my = (f[:, 0] + f[:, 2]) / 2, (f[:, 1] + f[:, 3]) / 2
    slack = np.minimum(f[:, 2] - f[:, 0], f[:, 3] - f[:, 1]) * 0.25 + 0.5
    inside = (mx >= rect.x0) & (mx <= rect.x1) & (my >= rect.y0) & (my <= rect.y1)
    contained = ((f[:, 0] >= rect.x0 - slack) & (f[:, 2] <= rect.x1 + slack)
                 & (f[:, 1] >= rect.y0 - slack) & (f[:, 3] <= rect.y1 + slack))
    # ... or its middle in the middle half of the box across its line: a box from OCR is tight to the
    # ink, and the characters of an earlier OCR layer under it have taller boxes than the box
    qx, qy = rect.width / 4, rect.height / 4
    core = np.where(glyphs.vertical, (mx >= rect.x0 + qx) & (mx <= rect.x1 - qx), (my >= rect.y0 + qy) & (my <= rect.y1 - qy))
    own = inside & (contained | core)
    if not own.any() or glyphs.slanted[own].any():
        return None
    vertical = bool(glyphs.vertical[own].all())
    if glyphs.vertical[own].any() and not vertical:
        return None
    # along: the axis the line runs on; across: the axis the band is chosen on
    along, across = (1, 0) if vertical else (0, 1)
    lo_along, hi_along = (rect.y0, rect.y1) if vertical else (rect.x0, rect.x1)
    b = glyphs.boxes
    reach = ~own & (b[:, along] <= hi_along) & (b[:, along + 2] >= lo_along)  # others reaching into the width
    own_lo, own_hi = b[own, across], b[own, across + 2]
    top, bottom = float(own_lo.max()), float(own_hi.min())  # a band must start <= bottom and end >= top
    blocked = sorted((float(lo) - SAFETY, float(hi) + SAFETY) for lo, hi in zip(b[reach, across], b[reach, across + 2]))
    if top <= bottom:  # the own glyphs share a stretch: the widest part of it no other glyph touches
        margin = min(SAFETY, (bottom - top) / 4)
        band = _widest_free(top + margin, bottom - margin, blocked)
    else:  # glyphs on several lines: the band spans from the lowest top to the highest bottom
        band = (bottom - SAFETY, top + SAFETY)
        if any(lo < band[1] and hi > band[0] for lo, hi in blocked):
            band = None
    if band is None:
        return None
    if vertical:
        return pymupdf.Rect(band[0], rect.y0, band[1], rect.y1)
    return pymupdf.Rect(rect.x0, band[0], rect.x1, band[1])


def _widest_free(start: float, end: float, blocked: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The widest part of [start, end] outside every (sorted) blocked interval."""
    best, cursor = None, start
    for lo, hi in blocked:
        if hi < cursor:
            continue
        if lo > end:
            break
        if lo > cursor and (best is None or lo - cursor > best[1] - best[0]):
            best = (cursor, lo)
        cursor = max(cursor, hi)
    if cursor <= end and (best is None or end - cursor > best[1] - best[0]):
        best = (cursor, end)
    return best


def _touching(b: np.ndarray, band: pymupdf.Rect) -> np.ndarray:
    return (b[:, 0] <= band.x1) & (b[:, 2] >= band.x0) & (b[:, 1] <= band.y1) & (b[:, 3] >= band.y0)


def spare_neighbours(band: pymupdf.Rect, rect: pymupdf.Rect, glyphs: GlyphBoxes) -> pymupdf.Rect:
    """``band`` (a fallback band through ``rect``) cut back off every glyph whose middle lies outside
    ``rect``, if it then still touches every glyph of ``rect`` it touched; else ``band`` unchanged.

    A box OCR read over a drawing or a picture has no glyphs of its own, and the middle band of
    the box removed a neighbouring glyph that merely reached into it (a tolerance symbol beside
    a leader line the OCR read as letters): damage outside the box, with nothing of the box's
    value in it. A glyph whose middle lies in the box is still removed."""
    if not len(glyphs.boxes):
        return band
    b, f = glyphs.boxes, glyphs.full
    mx, my = (f[:, 0] + f[:, 2]) / 2, (f[:, 1] + f[:, 3]) / 2
    inside = (mx >= rect.x0) & (mx <= rect.x1) & (my >= rect.y0) & (my <= rect.y1)
    touched = _touching(b, band)
    if not (touched & ~inside).any():
        return band
    x0, y0, x1, y1 = band
    for i in np.flatnonzero(touched & ~inside):  # cut from the side the glyph stands on
        if mx[i] > rect.x1:
            x1 = min(x1, b[i, 0] - SAFETY)
        elif mx[i] < rect.x0:
            x0 = max(x0, b[i, 2] + SAFETY)
        elif my[i] > rect.y1:
            y1 = min(y1, b[i, 1] - SAFETY)
        else:
            y0 = max(y0, b[i, 3] + SAFETY)
    cut = pymupdf.Rect(x0, y0, x1, y1)
    if cut.is_empty:
        return band
    now = _touching(b, cut)
    if (touched & inside & ~now).any() or (now & ~inside).any():
        return band  # the box's own glyphs would stay, or the cuts do not clear the others
    return cut
