"""Scans and images: read with Tesseract the text that the text layer lacks.

Every word read there that the text layer does not already hold at the same
place joins the page's words (``merged_raw_words``) in PyMuPDF's raw word
shape, so detection and decision treat it like digital text and its box is
where the pixels are. A word the text layer holds too (the same letters in
the same place) is not added twice; the text-layer word's box grows to cover
the pixels, so a redaction box always covers the word as it is printed.

What is read where is planned in ``reading.planning``; the engine is
``reading.tesseract``. This module reads the planned regions (``read_pages``),
joins the words to the page's text (``merged_raw_words``) and writes the
published page's invisible text layer (``add_text_layer``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pymupdf
from scipy import ndimage

from woopub.model import Box
from woopub.reading.pictures import grown_by, stencil_plane
from woopub.reading.planning import HIDDEN_PICTURE, OcrRegion, rect_area, union_of
from woopub.reading.tesseract import MIN_WORDS_FOR_CONFIDENCE, Tesseract, mean_confidence

LOW_CONFIDENCE = 70.0  # mean word confidence below which a page is listed for a human check
INK_LEVEL = 128  # grey value below which a pixel is ink
INK_SHARE_UNREAD = 0.005  # a scan with this much ink and (almost) no words read could not be read
RULE_LENGTH = 30.0  # points: a straight line of ink this long is a table border, not a letter
WORD_PAD = 0.6  # points added around an OCR word box
WORD_PAD_SHARE = 0.12  # or this share of the word's height, if more
CHECK_BY_HAND = "check it by hand"  # every warning about a page OCR could not read well ends so
_NOISE = re.compile(r"[_|~=`'\u2018\u2019\"\u201c\u201d.,:;\u2014\u2013-]+")  # a "word" OCR made of specks


# -- reading -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OcrWord:
    box: Box  # page space (unrotated), tight around the ink as Tesseract reports it
    text: str
    confidence: float  # Tesseract's word confidence, 0..100
    line: tuple[int, int, int, int]  # (region, block, paragraph, line)

    @property
    def cover(self) -> pymupdf.Rect:
        """The box a redaction must cover: a little wider, for the blurred edge of each stroke."""
        box = pymupdf.Rect(self.box)
        pad = max(WORD_PAD, WORD_PAD_SHARE * min(box.width, box.height))
        return box + (-pad, -pad, pad, pad)


@dataclass
class PageReading:
    """What OCR read on one page."""

    page: int  # 0-based
    regions: list[OcrRegion]
    words: list[OcrWord] = field(default_factory=list)
    ink: float = 0.0  # share of ink pixels in the whole-page region read (0 when only images were read)
    rules: list[Box] = field(default_factory=list)  # table borders and other straight lines, page space
    error: str | None = None
    # SHA-256 of each region's rendered pixels, as Tesseract was given them: a later reading of the
    # same pixels (verification of a page redaction left alone) takes these words instead of reading again
    digests: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float | None:
        """Mean word confidence, weighted by word length; None when nothing was read."""
        return mean_confidence(self.words)

    def warnings(self) -> list[str]:
        """What a reviewer must check on this page by hand (1-based page numbers)."""
        n = self.page + 1
        if self.error:
            return [f"page {n}: OCR failed ({self.error}); the page could not be read: {CHECK_BY_HAND}"]
        whole = any(r.whole_page for r in self.regions)
        what = "scanned page" if whole else "image(s)"
        if whole and len(self.words) < 3 and self.ink >= INK_SHARE_UNREAD:
            return [f"page {n}: {what} without readable text (OCR read {len(self.words)} word(s)): {CHECK_BY_HAND}"]
        conf = self.confidence
        if conf is not None and conf < LOW_CONFIDENCE and (whole or len(self.words) >= MIN_WORDS_FOR_CONFIDENCE):
            return [f"page {n}: {what} read with low OCR confidence ({conf:.0f}/100): {CHECK_BY_HAND}"]
        return []


def page_picture_image(picture: pymupdf.Pixmap) -> bytes:
    """A page's colour rendering (``picture``) as the grey image Tesseract is given: one form for
    verification's reading of a page of glyphs without a Unicode meaning and the scan repair's
    reading of the page it then replaces (writing/scanned.py). The same page rendered at the same
    resolution (and unrotated: the repair reads a page unrotated) is then the same bytes, and the
    repair takes verification's words from the run's memo instead of running Tesseract on those
    pixels a second time."""
    return pymupdf.Pixmap(pymupdf.csGRAY, picture).tobytes("pnm")


def _render(page: pymupdf.Page, region: OcrRegion, rules: bool = True) -> tuple[bytes, pymupdf.Matrix, float, list[Box]]:
    """The region as a grey PNM image, the matrix from its pixels to page space, its ink share
    and (with ``rules``) its table rules (page space)."""
    if region.reason == HIDDEN_PICTURE:
        return _render_own(page, region)
    zoom = region.dpi / 72
    clip = pymupdf.Rect(region.rect) * page.rotation_matrix  # get_pixmap clips in the rotated (shown) page
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=clip, colorspace=pymupdf.csGRAY, alpha=False)
    # pixel (0, 0) is the zoomed page's point (pix.x, pix.y)
    to_page = pymupdf.Matrix(1, 0, 0, 1, pix.x, pix.y) * pymupdf.Matrix(1 / zoom, 1 / zoom) * page.derotation_matrix
    ink = 0.0
    if region.whole_page:
        ink = _ink_share(pix)
    return pix.tobytes("pnm"), to_page, ink, _rules(pix, to_page, zoom) if rules else []


def _render_own(page: pymupdf.Page, region: OcrRegion) -> tuple[bytes, pymupdf.Matrix, float, list[Box]]:
    """A hidden picture's own pixels on white (its transparency applied), enlarged to the region's
    resolution, and the matrix from them to page space through its placement."""
    xref, *placement = region.picture
    stencil = stencil_plane(page.parent, int(xref))
    if stencil is not None:  # what it paints, black on white
        pix = pymupdf.Pixmap(pymupdf.csGRAY, stencil.shape[1], stencil.shape[0], np.ascontiguousarray(stencil).tobytes(), False)
    else:
        pix = pymupdf.Pixmap(page.parent, int(xref))
        if pix.alpha:  # as it comes out of the file, transparency dropped
            pix = pymupdf.Pixmap(pix, 0)
        if pix.colorspace is None or pix.n != 1:
            pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
    place = pymupdf.Matrix(*placement)
    shown = pymupdf.Rect(0, 0, 1, 1).transform(place)
    wanted = max(shown.width, shown.height) * region.dpi / 72  # pixels along its longer side
    scale = max(1, min(8, int(round(wanted / max(pix.width, pix.height)))))
    if scale > 1:
        pix = pymupdf.Pixmap(pix, pix.width * scale, pix.height * scale, None)
    to_page = pymupdf.Matrix(1 / pix.width, 0, 0, 1 / pix.height, 0, 0) * place * page.derotation_matrix
    return pix.tobytes("pnm"), to_page, 0.0, []


def _rules(pix: pymupdf.Pixmap, to_page: pymupdf.Matrix, zoom: float) -> list[Box]:
    """Straight lines of ink at least RULE_LENGTH long: the borders of a scanned table.

    OCR words carry no table structure; these lines tell where a cell ends
    (ocr_raw_words). A neighbouring row is ORed in, so a slightly skewed scan's
    rule still reads as one run. Each line is one box (a pixel wider all
    round); horizontal and vertical lines are kept apart, so a table's grid
    stays rows and columns. (Runs joined as rectangles, pairwise, took half a
    minute on a page of long dark runs.)
    """
    ink = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width] < INK_LEVEL
    length = int(RULE_LENGTH * zoom)
    out: list[Box] = []
    for horizontal in (True, False):
        m = ink if horizontal else ink.T
        near = m.copy()
        near[1:] |= m[:-1]
        near[:-1] |= m[1:]
        for row0, col0, row1, col1 in _long_run_boxes(near, length):
            r = pymupdf.Rect(col0, row0, col1, row1)
            if not horizontal:
                r = pymupdf.Rect(r.y0, r.x0, r.y1, r.x1)
            out.append(tuple(r * to_page))
    return out


def _long_run_boxes(mask: np.ndarray, length: int) -> list[tuple[int, int, int, int]]:
    """(row0, col0, row1, col1), ends exclusive, of each group of ``mask``'s runs along a row at
    least ``length`` long that touch (8-neighbours), a pixel wider all round within the mask.

    Only the window around the long runs is filled and labelled: a page whose rules are a few
    lines (most pages) costs a few rows, not a pass over every pixel (the whole image took 0.3 s
    a region, twice per page read).
    """
    rows, cols = mask.shape
    padded = np.zeros((rows, cols + 2), dtype=bool)
    padded[:, 1:-1] = mask
    # where a pixel differs from the one before it a run starts or ends; each row begins and ends
    # outside any run, so in row-major order the changes alternate: start, end, start, end
    row, col = np.nonzero(padded[:, 1:] != padded[:, :-1])
    row, start, end = row[0::2], col[0::2], col[1::2]
    long = (end - start) >= length
    if not long.any():
        return []
    row, start, end = row[long], start[long], end[long]
    top, bottom = max(0, int(row.min()) - 1), min(rows, int(row.max()) + 2)
    left, right = max(0, int(start.min()) - 1), min(cols, int(end.max()) + 1)
    marks = np.zeros((bottom - top, right - left + 1), dtype=np.int8)
    marks[row - top, start - left] = 1  # runs do not touch: no run starts where another one ends
    marks[row - top, end - left] = -1
    runs = np.cumsum(marks, axis=1, dtype=np.int8)[:, :-1] > 0
    # a pixel wider all round: a 3 x 3 dilation, as shifts (scipy's binary_dilation took 5x longer)
    labels, _ = ndimage.label(grown_by(runs, 1))
    return [(r.start + top, c.start + left, r.stop + top, c.stop + left) for r, c in ndimage.find_objects(labels)]


def _ink_share(pix: pymupdf.Pixmap) -> float:
    samples = np.frombuffer(pix.samples_mv, dtype=np.uint8)
    step = max(1, len(samples) // 200_000)
    picked = samples[::step]
    return int(np.count_nonzero(picked < INK_LEVEL)) / max(len(picked), 1)


def read_pages(plans: list[tuple[pymupdf.Page, list[OcrRegion]]], engine: Tesseract,
               earlier: dict[int, PageReading] | None = None, rules: bool = True) -> list[PageReading]:
    """Render every region (PyMuPDF is not thread-safe), then read them all, in parallel.

    ``rules``: also find the table borders (``PageReading.rules``), which lay out the words read;
    verification, which only searches the words, does without them.

    ``earlier``: readings of these pages made before (by 0-based page). A region rendered to the
    very pixels an earlier reading gave Tesseract (same place, resolution and SHA-256) takes that
    reading's words: Tesseract reads the same pixels the same way, and takes seconds a region."""
    jobs, places = [], []
    readings = [PageReading(page.number, regions) for page, regions in plans]
    for k, (page, regions) in enumerate(plans):
        before = (earlier or {}).get(page.number)
        for r, region in enumerate(regions):
            image, to_page, ink, found = _render(page, region, rules)
            digest = hashlib.sha256(image).hexdigest()
            readings[k].digests.append(digest)
            readings[k].ink = max(readings[k].ink, ink)
            readings[k].rules += found
            same = _same_pixels(before, region, digest)
            if same is not None:
                readings[k].words += [dataclasses.replace(w, line=(r, *w.line[1:])) for w in before.words
                                      if w.line[0] == same]
                continue
            jobs.append((image, region.dpi))
            places.append((k, r, to_page))
    for (k, r, to_page), result in zip(places, engine.read_all(jobs)):
        reading = readings[k]
        if isinstance(result, Exception):
            reading.error = str(result) or type(result).__name__
            continue
        region = pymupdf.Rect(reading.regions[r].rect)
        for t in result:
            text = t.text.strip("_|")  # underscores and bars at a word's edge are specks and table rules
            if not text or _NOISE.fullmatch(text):
                continue
            box = pymupdf.Rect(t.left, t.top, t.left + t.width, t.top + t.height) * to_page
            centre = (box.tl + box.br) / 2
            if not region.contains(centre):
                continue
            for piece, part in _split_label(text, box, plans[k][0]):
                reading.words.append(OcrWord(tuple(part), piece, t.confidence, (r, *t.line)))
    return readings


def _same_pixels(before: PageReading | None, region: OcrRegion, digest: str) -> int | None:
    """The index of the region of ``before`` that read exactly these pixels, or None."""
    if before is None or before.error:
        return None
    for r, (old, old_digest) in enumerate(zip(before.regions, getattr(before, "digests", ()))):
        if old_digest == digest and old.dpi == region.dpi and _same_box(old.rect, region.rect):
            return r
    return None


def _same_box(a: Box, b: Box, tolerance: float = 0.01) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


_GLUED_LABEL = re.compile(r"([A-Z])([+0]\d.*)")  # "M06" as OCR reads "M 06 4829 1730" in a colophon


def _split_label(text: str, box: pymupdf.Rect, page: pymupdf.Page) -> list[tuple[str, pymupdf.Rect]]:
    """Split a one-letter label OCR glued to the phone number after it ("M06" -> "M", "06"),
    so the number reads as a number. Other words stay whole."""
    m = _GLUED_LABEL.fullmatch(text)
    if not m:
        return [(text, box)]
    shown = box * page.rotation_matrix  # the word runs left to right as the page is shown
    cut = shown.x0 + shown.width / len(text)
    label = pymupdf.Rect(shown.x0, shown.y0, cut, shown.y1) * page.derotation_matrix
    number = pymupdf.Rect(cut, shown.y0, shown.x1, shown.y1) * page.derotation_matrix
    return [(m.group(1), label), (m.group(2), number)]


# -- joining OCR words to the text layer ------------------------------------


def _fold(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _overlap(a: pymupdf.Rect, b: pymupdf.Rect) -> float:
    """Intersection as a share of the smaller of the two boxes."""
    inter = rect_area(a & b) if a.intersects(b) else 0.0
    return inter / max(min(rect_area(a), rect_area(b)), 1e-6)


def merged_raw_words(page: pymupdf.Page, text_words: list, reading: PageReading) -> tuple[list, list[OcrWord]]:
    """The text-layer words (boxes grown over their printed pixels) and the OCR words to add.

    An OCR word is already in the text layer when text-layer words overlapping
    it spell the same letters (alone, or joined: OCR may read "06-12345678"
    where the text layer has "06-" and "12345678"). Otherwise it is added:
    a poor OCR layer ("Wijnbcrg") does not hide a good reading ("Wijnberg").
    """
    grown = [list(w) for w in text_words]
    rects = [pymupdf.Rect(w[:4]) for w in text_words]
    added: list[OcrWord] = []
    for o in reading.words:
        key = _fold(o.text)
        if not key:
            continue
        box = o.cover
        near = sorted((i for i, r in enumerate(rects) if _overlap(r, box) >= 0.3), key=lambda i: rects[i].x0)
        joined = _fold("".join(text_words[i][4] for i in near))
        if near and (key == joined or (len(key) >= 3 and key in joined) or (len(joined) >= 3 and joined in key)):
            for i in near:
                g = grown[i]
                g[1], g[3] = min(g[1], box.y0), max(g[3], box.y1)
                if len(near) == 1:
                    g[0], g[2] = min(g[0], box.x0), max(g[2], box.x1)
            continue
        added.append(o)
    return [tuple(g) for g in grown], added


OCR_COLUMN_GAP = 0.9  # line heights: a wider gap between two OCR words is a cell or column border
CONTINUES_BELOW = 0.9  # line heights: the largest gap from a line to the next line of its paragraph
INDENT = 2.5  # line heights: how far a next line may start right of the one above (list items)


def ocr_raw_words(page: pymupdf.Page, words: Iterable[OcrWord], rules: Iterable[Box] = ()) -> list[tuple]:
    """OCR words in PyMuPDF's raw shape, in the shown (rotated) page, with blocks rebuilt from the layout.

    Tesseract's own blocks cut tables badly: the two lines of a phone number
    wrapped in a cell ("030 286" / "3412") land in different blocks, and cells
    of one row in one line. So its lines are cut at gaps wider than a cell
    border leaves (OCR word boxes are tight, so the gap is smaller than for
    digital text), and each piece is chained to the piece right under it that
    starts at the same x or a little indented (a list item): a column of a
    table, a paragraph, a margin colophon each become one block, read line by
    line as extraction reads digital text. A table's borders (``rules``, found
    in the scan's pixels) also end a cell: across a line and between lines.
    """
    words = list(words)
    # the layout is read with the text upright: as the page is shown, turned as far again as the
    # text stands turned on it (a page scanned upside down: ``Tesseract.read_turned``)
    shown = page.rotation_matrix * _reading_turn(page, words)
    shown_rules = [pymupdf.Rect(r) * shown for r in rules]
    across = [r for r in shown_rules if r.width >= r.height]  # rules between rows
    upright = [r for r in shown_rules if r.height > r.width]  # rules between columns
    rows: dict[tuple, list] = defaultdict(list)
    for w in words:
        rows[w.line].append((pymupdf.Rect(w.box) * shown, w.text, w.cover * page.rotation_matrix))
    pieces: list[list] = []
    for row in rows.values():
        row.sort(key=lambda item: item[0].x0)
        height = sorted(item[0].height for item in row)[len(row) // 2] or 1.0
        pieces.append([row[0]])
        for prev, item in zip(row, row[1:]):
            middle = (item[0].y0 + item[0].y1) / 2
            border = any(prev[0].x1 - 1 <= (v.x0 + v.x1) / 2 <= item[0].x0 + 1 and v.y0 <= middle <= v.y1 for v in upright)
            if border or item[0].x0 - prev[0].x1 > OCR_COLUMN_GAP * height:
                pieces.append([])
            pieces[-1].append(item)
    boxes = [union_of([item[0] for item in piece]) for piece in pieces]
    slope = _skew(rows.values())  # a skewed scan's right-hand cells stand higher: read rows level
    level = [(b.y0 + b.y1) / 2 - slope * (b.x0 + b.x1) / 2 for b in boxes]
    order = []  # pieces in rows (left to right), rows top to bottom
    for i in sorted(range(len(pieces)), key=lambda i: level[i]):
        if order and level[i] - level[order[-1][0]] < 0.5 * min(boxes[i].height, boxes[order[-1][0]].height):
            order[-1].append(i)
        else:
            order.append([i])
    order = [i for row in order for i in sorted(row, key=lambda i: boxes[i].x0)]
    block_of: dict[int, int] = {}
    has_next: set[int] = set()
    for n, i in enumerate(order):
        below = boxes[i]
        h = below.height or 1.0
        best = None
        for j in reversed(order[:n]):
            above = boxes[j]
            if j in has_next or below.y0 - above.y1 > CONTINUES_BELOW * h or above.y1 > below.y0 + 0.5 * h:
                continue
            if above.x0 - 0.3 * h <= below.x0 <= above.x0 + INDENT * h and below.x0 < above.x1:
                between = (above.y1 - 1, below.y0 + 1)
                if not any(between[0] <= (r.y0 + r.y1) / 2 <= between[1] and r.x0 < below.x1 and r.x1 > below.x0 for r in across):
                    best = j
                break
        if best is None:
            block_of[i] = len(set(block_of.values()))
        else:
            block_of[i] = block_of[best]
            has_next.add(best)
    out = []
    for n, i in enumerate(order):
        for _, text, r in pieces[i]:  # the layout is read from the ink, the word box is what redaction covers
            out.append((r.x0, r.y0, r.x1, r.y1, text, block_of[i], n, 0))
    return out


# The turn that stands text upright, by the way its lines run on the shown page (y downwards)
_TURNS = {"left": pymupdf.Matrix(-1, 0, 0, -1, 0, 0), "down": pymupdf.Matrix(0, -1, 1, 0, 0, 0),
          "up": pymupdf.Matrix(0, 1, -1, 0, 0, 0)}


def _reading_turn(page: pymupdf.Page, words: list[OcrWord]) -> pymupdf.Matrix:
    """How far the words read stand turned on the shown page, as the matrix that turns them
    upright: Tesseract gives a line's words in reading order, so its first and last word tell which
    way the line runs; most words decide. Upright text, or a page with no line of two words, is not turned."""
    lines: dict[tuple, list[OcrWord]] = defaultdict(list)
    for w in words:
        lines[w.line].append(w)
    votes: Counter[str] = Counter()
    for line in lines.values():
        if len(line) < 2:
            continue
        first, last = (pymupdf.Rect(line[k].box) * page.rotation_matrix for k in (0, -1))
        dx, dy = (last.x0 + last.x1 - first.x0 - first.x1) / 2, (last.y0 + last.y1 - first.y0 - first.y1) / 2
        votes[("right" if dx > 0 else "left") if abs(dx) >= abs(dy) else ("down" if dy > 0 else "up")] += len(line)
    way = max(votes, key=lambda k: (votes[k], k == "right"), default="right")
    return _TURNS.get(way, pymupdf.Identity)


def _skew(rows: Iterable[list]) -> float:
    """The slope of the text lines (dy/dx), the median over lines of three words or more."""
    slopes = []
    for row in rows:
        if len(row) < 3:
            continue
        xs = [(item[0].x0 + item[0].x1) / 2 for item in row]
        ys = [item[0].y1 for item in row]  # the bottom of the box: the baseline, or a descender
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        var = sum((x - mx) ** 2 for x in xs)
        if var > 0:
            slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var)
    return sorted(slopes)[len(slopes) // 2] if slopes else 0.0


# -- the published page's invisible text layer ------------------------------

TEXT_LAYER_FONT = "WoopubOcr"


def add_text_layer(page: pymupdf.Page, words: list[OcrWord], redacted: list[Box]) -> int:
    """Write ``words`` as invisible text (render mode 3) where they stand, except under ``redacted`` boxes.

    The published scan page stays searchable and readable by screen readers
    for every word that was not redacted. Returns the number of words written.
    """
    cut = [pymupdf.Rect(b) for b in redacted]
    # a word whose middle is under a box was redacted; a neighbour the box only grazes stays
    keep = [w for w in words if w.text.strip() and not any(c.contains(_middle(w.box)) for c in cut)]
    if not keep:
        return 0
    font = pymupdf.Font("helv")  # MuPDF's Nimbus Sans: Latin, Greek, Cyrillic; embedded with a Unicode map
    page.insert_font(fontname=TEXT_LAYER_FONT, fontbuffer=font.buffer)
    shape = page.new_shape()
    turn = pymupdf.Matrix(page.rotation)
    # Shape.insert_text looks the font up in the page's font list at every word, and that list is
    # made by walking the page's resources: a fifth of the publish pass on scanned pages. The list
    # does not change while the words are written (the font is in it now), so it is read once.
    fonts = page.get_fonts()
    page.get_fonts = lambda full=False: fonts if not full else page.parent.get_page_fonts(page.number, full=True)
    try:
        for w in keep:
            shown = pymupdf.Rect(w.box) * page.rotation_matrix
            if shown.is_empty:
                continue
            size = max(shown.height * 0.8, 1.0)
            length = font.text_length(w.text, size) or 1.0
            base = pymupdf.Point(shown.x0, shown.y1 - 0.2 * shown.height) * page.derotation_matrix
            stretch = ~turn * pymupdf.Matrix(shown.width / length, 1) * turn
            shape.insert_text(base, w.text, fontname=TEXT_LAYER_FONT, fontsize=size, rotate=page.rotation,
                              render_mode=3, morph=(base, stretch))
    finally:
        del page.get_fonts  # the page's own method again
    shape.commit()
    return len(keep)


def _middle(box: Box) -> pymupdf.Point:
    r = pymupdf.Rect(box)
    return pymupdf.Point((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2)


# -- a document --------------------------------------------------------------


def document_key(doc: pymupdf.Document) -> str | None:
    """SHA-256 of the document's file, to find its readings again in the second pass."""
    name = getattr(doc, "name", "")
    if not name or not Path(name).is_file():
        return None
    h = hashlib.sha256()
    with open(name, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
