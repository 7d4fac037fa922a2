"""The document number in the margin of every published page, as Woo releases carry it.

Placed in the free band above the page's content (else below it), right-aligned,
reading upright as the page is shown (also on a page turned by /Rotate). The
content is everything the page paints (text, paths, images; a page-filling
background or scanned image aside) plus the words the pipeline read there, so
a scan's stamp lands on its white margin, not on its text. A page without a
free band wide and high enough gets no stamp and a warning: the number never
covers content.
"""

from __future__ import annotations

from collections.abc import Iterable

import pymupdf

from woopub.errors import one_line
from woopub.writing.redact import free_helvetica_name

STAMP_FONT = "helv"
STAMP_SIZE = 8.0
STAMP_MIN_SIZE = 5.0
STAMP_GREY = (0.25, 0.25, 0.25)
EDGE = 12.0  # distance from the page edge
GAP = 3.0  # free space kept between the stamp and the content
FULL_PAGE = 0.85  # a painted area covering this share of the page is a background (or a scan), not content
NO_ROOM = "no free margin for the document number"


def content_rect(page: pymupdf.Page, words: Iterable[tuple[float, float, float, float]] = ()) -> pymupdf.Rect | None:
    """What the page shows, in unrotated page space (None: an empty page)."""
    visible = pymupdf.Rect(0, 0, page.cropbox.width, page.cropbox.height)  # unrotated page space
    area = abs(visible)
    box = pymupdf.Rect()  # empty
    for _kind, r in page.get_bboxlog():
        rect = pymupdf.Rect(r) & visible
        if rect.is_empty or abs(rect) >= FULL_PAGE * area:
            continue
        box |= rect
    for w in words:
        box |= pymupdf.Rect(w)
    return None if box.is_empty else box


def stamp_page(page: pymupdf.Page, label: str,
               words: Iterable[tuple[float, float, float, float]] = ()) -> pymupdf.Rect | None:
    """Write ``label`` in the page's top (else bottom) margin; returns where it went (``stamp_rect``),
    None when no margin has room."""
    shown = page.rect  # the page as shown (rotation applied)
    content = content_rect(page, words)
    content = content * page.rotation_matrix if content is not None else None
    size = STAMP_SIZE
    while size >= STAMP_MIN_SIZE:
        width = pymupdf.get_text_length(label, STAMP_FONT, size)
        need = size + 2 * GAP
        top = (content.y0 if content else shown.y1) - shown.y0
        bottom = shown.y1 - (content.y1 if content else shown.y0)
        x = shown.x1 - EDGE - width
        if x < shown.x0 + EDGE:
            size -= 1
            continue
        if top >= need + GAP:
            y = shown.y0 + min(EDGE + size, top - GAP)  # baseline, the band's top part
        elif bottom >= need + GAP:
            y = shown.y1 - min(EDGE, bottom - size - GAP)
        else:
            size -= 1
            continue
        point = pymupdf.Point(x, y) * page.derotation_matrix
        # under a resource name the page does not use: a page's own /helv (a broken object, another
        # font) made PyMuPDF fail here on real files ('NoneType' object has no attribute 'm_internal')
        page.insert_text(point, label, fontsize=size, fontname=free_helvetica_name(page), color=STAMP_GREY,
                         rotate=page.rotation)
        return stamp_rect(x, y, width, size)
    return None


def stamp_rect(x: float, baseline: float, width: float, size: float) -> pymupdf.Rect:
    """Where a stamp written at ``x``/``baseline`` may have changed pixels, in the page as shown (the
    space of its renderings): its letters' full height above the baseline and their descent below,
    widened by GAP all round. Conservative on purpose: the closing verification takes a copy's
    pixels outside it for the published file's (``writing.stamped``), so it must hold every pixel
    the stamp touched, anti-aliasing included."""
    return pymupdf.Rect(x, baseline - size, x + width, baseline + 0.35 * size) + (-GAP, -GAP, GAP, GAP)


def stamp_document(doc: pymupdf.Document, label: str, words_by_page: dict[int, list] | None = None,
                   placed: dict[int, tuple] | None = None) -> list[str]:
    """Stamp every page; returns one warning per page that had no room. ``placed``, when given, gets
    each stamped page's ``stamp_rect`` (by 0-based page number)."""
    warnings = []
    for page in doc:
        try:
            stamped = stamp_page(page, label, (words_by_page or {}).get(page.number, ()))
        except Exception as exc:  # a page PyMuPDF cannot write on: unstamped and said, never a crash
            warnings.append(f"page {page.number + 1}: the document number could not be written ({one_line(exc)})")
            continue
        if stamped is None:
            warnings.append(f"page {page.number + 1}: {NO_ROOM}")
        elif placed is not None:
            placed[page.number] = tuple(stamped)
    return warnings
