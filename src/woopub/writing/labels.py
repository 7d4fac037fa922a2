"""The ground code in every box, legible at 100% zoom.

A label is drawn at LABEL_MIN_SIZE points or larger (narrowed to LABEL_MIN_STRETCH first), never
smaller: a code shrunk to 3 points over "AI" is not legible. A box too small for its full code
("5.1.2e") gets the short form ("2e": the lid and letter of article 5.1, which every ground of the
rules shares), and a box too small for that gets none. The codes of such a page are then written
once in a legend line in an empty strip at the foot (or else the head) of the page, at the same
legible size: "Woo-gronden kleine vlakken: 2e = 5.1.2e; zonder code: 5.1.2e (2x)". A legend
is only written where nothing is drawn; with no room for one, the outcome says so, and the
publication log lists every box with its ground either way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pymupdf

LABEL_FONT = "helv"
LABEL_MAX_SIZE = 9.0
LABEL_MIN_SIZE = 6.0  # points: legible at 100% zoom
LABEL_MIN_STRETCH = 0.55  # narrowest horizontal scaling of the label text
LEGEND_MARGIN = 4.0  # points between the legend strip and the page edge
LEGEND_PREFIX = "Woo-gronden kleine vlakken: "


@dataclass(frozen=True)
class Label:
    fontsize: float
    stretch: float  # horizontal scale, 1.0 = normal
    fits: bool
    text: str = ""  # what the box shows: the code, its short form, or nothing


def fit_label(text: str, box: pymupdf.Rect) -> Label:
    """The largest label of ``text`` that fits the box: narrowed first, then smaller, never below
    LABEL_MIN_SIZE (``fits`` False when it does not fit at that size)."""
    width, height = box.width * 0.92, box.height
    size = min(LABEL_MAX_SIZE, height * 0.78)
    length = pymupdf.get_text_length(text, LABEL_FONT, max(size, 0.1))
    stretch = 1.0
    if length > width:
        stretch = max(LABEL_MIN_STRETCH, width / length)
        if length * stretch > width:
            size = size * width / (length * stretch)
    fits = size >= LABEL_MIN_SIZE - 0.01 and height >= LABEL_MIN_SIZE
    size = max(size, LABEL_MIN_SIZE)
    fits = fits and pymupdf.get_text_length(text, LABEL_FONT, size) * stretch <= box.width + 0.01
    return Label(round(size, 2), round(stretch, 3), fits, text)


def short_code(code: str) -> str:
    """"5.1.2e" -> "2e"; a code of another form stays as it is."""
    return code[4:] if code.startswith("5.1.") and len(code) > 4 else code


def choose_label(code: str, box: pymupdf.Rect) -> Label:
    """The full code if it fits legibly, else its short form, else no label."""
    full = fit_label(code, box)
    if full.fits or not code:
        return full
    short = short_code(code)
    if short != code:
        label = fit_label(short, box)
        if label.fits:
            return label
    return Label(LABEL_MIN_SIZE, 1.0, False, "")


def legend_text(labels: list[tuple[Label, str]]) -> str:
    """The legend line for the boxes of a page whose label is not their full code; "" if none."""
    shortened = sorted({(label.text, code) for label, code in labels if label.text and label.text != code})
    bare = Counter(code for label, code in labels if not label.text and code)
    parts = [f"{s} = {c}" for s, c in shortened]
    if bare:
        parts.append("zonder code: " + ", ".join(f"{c} ({n}x)" for c, n in sorted(bare.items())))
    return LEGEND_PREFIX + "; ".join(parts) if parts else ""


def legend_place(page: pymupdf.Page, text: str) -> tuple[pymupdf.Point, float] | None:
    """Where the legend line goes (its baseline start in the page as shown, and its horizontal
    scale): an empty strip at the foot of the page, else at its head; None if neither is empty."""
    shown = page.rect  # the page as shown (rotation applied)
    height = LABEL_MIN_SIZE * 1.3
    length = pymupdf.get_text_length(text, LABEL_FONT, LABEL_MIN_SIZE)
    room = shown.width - 2 * LEGEND_MARGIN
    stretch = min(1.0, room / length) if length else 1.0
    if stretch < LABEL_MIN_STRETCH:
        return None
    drawn = [pymupdf.Rect(r) * page.rotation_matrix for _, r in page.get_bboxlog()]
    for top in (shown.y1 - LEGEND_MARGIN - height, shown.y0 + LEGEND_MARGIN):
        strip = pymupdf.Rect(shown.x0 + LEGEND_MARGIN, top, shown.x1 - LEGEND_MARGIN, top + height)
        if not any(r.intersects(strip) for r in drawn if not r.is_empty):
            return pymupdf.Point(strip.x0, strip.y0 + LABEL_MIN_SIZE), stretch
    return None
