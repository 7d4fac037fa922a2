"""Signatures and paraphs: handwriting in signature zones, redacted as SIGNATURE.

A signature has no text to detect, so it is found by where it stands and
what it looks like. Zones open at words of the page, digital or read by OCR
(cues in data/signature_cues.yaml):

  closing  under a closing ("Met vriendelijke groet,", "Hoogachtend,") or a
           signing line ("De minister van Justitie en Veiligheid,")
  column   under and beside a table header or form label "Paraaf",
           "Handtekening", "Akkoord" standing in a cell of its own

Inside a zone the page is rendered and its ink is sorted out: printed words
(the text layer; confidently read OCR words on scans), table rules (long
straight runs) and solid shapes (a logo's band, a filled box) are not
handwriting; what is left, grouped into strokes close together, is a mark.
This finds drawn strokes, pasted signature images and ink on a scan alike,
and never looks above its anchor, so a letterhead logo is safe.

Each mark becomes a SIGNATURE proposal, decided by the rules like any other
finding (rules/redact.yaml: ``handtekening``), and redacted in its pixels.
"""

from __future__ import annotations

import functools
from collections import defaultdict, deque
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pymupdf
import yaml

from woopub.detect.lexicon import lexicon
from woopub.model import Box, Finding
from woopub.reading.document import DocumentReading

ENTITY = "SIGNATURE"
ZOOM = 100 / 72  # signatures are found at 100 dpi: strokes are thick enough, pages cheap
INK_LEVEL = 150  # grey value below which a pixel is ink
CLOSING_DEPTH = 130.0  # points under a closing line where the signature may stand
CLOSING_WIDTH = 300.0
COLUMN_DEPTH = 170.0  # points under a "Paraaf" header: a paraph table of some rows
LABEL_REACH = 220.0  # points right of a "Handtekening:" label
ZONE_MARGIN = 24.0  # strokes may leave the zone; the mark takes them in
RULE_H = 30.0  # a straight horizontal run this long (points) is a table rule or underline
RULE_V = 16.0  # a straight vertical run this long is a cell border
CELL = 3  # pixels per cell when grouping ink
JOIN = 2  # cells: strokes this close are one mark
MIN_INK = 40  # ink pixels (at 100 dpi) of the smallest mark
MIN_SIDE = 6.0  # points: the smallest mark's longer side
MIN_THICKNESS = 3.0  # points: a mark thinner than this is a rule, not a hand
MAX_DENSITY = 0.45  # ink share of a mark's box above which it is a solid shape (logo, bar, stamp)
PAD = 2.0  # points around a mark, for the pen's width and anti-aliasing
OCR_PRINTED = 70.0  # OCR word confidence from which a word counts as printed text
MAX_ZONE_WORDS = 10  # a closing or signing line is short


@dataclass(frozen=True, slots=True)
class SignatureMark:
    page: int  # 0-based
    box: Box  # page space (unrotated)
    kind: str  # drawing | image | scan
    zone: str  # closing | column
    cue: str  # the words that opened the zone
    score: float


@dataclass(frozen=True)
class _Zone:
    rect: pymupdf.Rect  # shown (rotated) page space
    kind: str
    cue: str


@functools.lru_cache(maxsize=1)
def _cues() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    data = yaml.safe_load(resources.files("woopub").joinpath("data", "signature_cues.yaml").read_text("utf-8"))
    closings = frozenset(w.lower() for w in lexicon().cues["closing"]["words"])
    return closings, tuple(s.lower() for s in data["signer"]), frozenset(c.lower() for c in data["column"])


def _clean(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").replace(":", " ").split()).strip(" .")


def find_signatures(doc: pymupdf.Document, reading: DocumentReading) -> list[SignatureMark]:
    marks: list[SignatureMark] = []
    lines: dict[int, dict[tuple[int, int], list]] = defaultdict(lambda: defaultdict(list))
    for w in reading.text.words:
        lines[w.page][(w.block, w.line)].append(w)
    for index, page_lines in lines.items():
        page = doc[index]
        zones = _zones(page, list(page_lines.values()))
        if zones:
            marks += _marks_in_zones(page, zones, reading)
    return marks


def _shown(page: pymupdf.Page, box) -> pymupdf.Rect:
    return pymupdf.Rect(box) * page.rotation_matrix


def _zones(page: pymupdf.Page, lines: list[list]) -> list[_Zone]:
    closings, signers, columns = _cues()
    width, height = page.rect.width, page.rect.height
    turn = page.rotation_matrix  # computed once: it is a property that builds a new matrix per call
    zones = []
    for line in lines:
        if not (len(line) <= MAX_ZONE_WORDS or len(line) <= 3):
            continue
        text = _clean(" ".join(w.text for w in line))
        xs0, ys0, xs1, ys1 = zip(*(w.box for w in line))
        box = pymupdf.Rect(min(xs0), min(ys0), max(xs1), max(ys1)) * turn
        raw = " ".join(w.text for w in line).strip()
        if len(line) <= MAX_ZONE_WORDS and (
            text in closings or (raw.endswith(",") and any(text.startswith(s) for s in signers))
        ):
            rect = pymupdf.Rect(box.x0 - 20, box.y1 - 2, min(box.x0 + CLOSING_WIDTH, width), min(box.y1 + CLOSING_DEPTH, height))
            zones.append(_Zone(rect, "closing", text))
            continue
        if len(line) <= 3:
            for i, w in enumerate(line):
                if _clean(w.text) not in columns:
                    continue
                cell = _shown(page, w.box)
                zones += _column_zones(page, cell, _clean(w.text), lines)
    return zones


def _column_zones(page: pymupdf.Page, cell: pymupdf.Rect, cue: str, lines: list[list]) -> list[_Zone]:
    """The column under a header cell, and the space right of it, up to the neighbouring cells."""
    left, right = 0.0, page.rect.width
    h = cell.height
    turn = page.rotation_matrix  # once: the property builds a new matrix per call
    for line in lines:
        for w in line:
            r = pymupdf.Rect(w.box) * turn
            if abs((r.y0 + r.y1) / 2 - (cell.y0 + cell.y1) / 2) > h / 2 or r == cell:
                continue
            if r.x1 <= cell.x0:
                left = max(left, r.x1)
            elif r.x0 >= cell.x1:
                right = min(right, r.x0)
    below = pymupdf.Rect(max(left + 1, cell.x0 - 8), cell.y1 + 1, min(right - 2, cell.x1 + 80), min(cell.y1 + COLUMN_DEPTH, page.rect.height))
    beside = pymupdf.Rect(cell.x1 + 1, cell.y0 - 1.5 * h, min(right - 2, cell.x1 + LABEL_REACH), cell.y1 + 1.5 * h)
    return [_Zone(z, "column", cue) for z in (below, beside) if z.width > 4 and z.height > 4]


def _printed_boxes(page: pymupdf.Page, reading: DocumentReading) -> list[pymupdf.Rect]:
    """Boxes of printed words on the page, in shown space: their ink is not handwriting."""
    ocr = reading.ocr.get(page.number)
    scan = ocr is not None and any(r.whole_page for r in ocr.regions)
    raw = []
    if not scan:  # on a scan the text layer (if any) is an earlier OCR, and may have read a signature as words
        raw += [w[:4] for w in page.get_text("words") if any(c.isalnum() for c in w[4])]
    if ocr is not None:
        raw += [w.box for w in ocr.words if w.confidence >= OCR_PRINTED and sum(c.isalnum() for c in w.text) >= 2]
    if not page.rotation:  # shown space is page space
        return [pymupdf.Rect(b) for b in raw]
    turn = page.rotation_matrix  # once: the property builds a new matrix at every call
    return [pymupdf.Rect(b) * turn for b in raw]


def _marks_in_zones(page: pymupdf.Page, zones: list[_Zone], reading: DocumentReading) -> list[SignatureMark]:
    printed = _printed_boxes(page, reading)
    images = page.get_image_info()  # once for the page: each call reads the whole page again
    found: list[tuple[pymupdf.Rect, _Zone]] = []
    for zone in zones:
        for rect in _ink_marks(page, zone.rect, printed, images):
            same = next((k for k, (r, _) in enumerate(found) if rect.intersects(r) and _overlap(rect, r) > 0.5), None)
            if same is None:
                found.append((rect, zone))
            elif zone.rect.y0 > found[same][1].rect.y0:  # the nearest anchor above names it ("De minister van ...,")
                found[same] = (found[same][0], zone)
    marks = []
    drawings = [d for d in page.get_drawings() if not _is_rule(d)]
    for shown, zone in found:
        box = (shown + (-PAD, -PAD, PAD, PAD)) * page.derotation_matrix
        kind = "scan"
        for d in drawings:  # take in the whole of a drawn stroke, so redaction removes it, not half of it
            r = pymupdf.Rect(d["rect"])
            if r.intersects(box) and _area(r) <= 4 * max(_area(box), 1):
                box |= r + (-PAD, -PAD, PAD, PAD)
                kind = "drawing"
        if kind == "scan":
            for info in images:
                r = pymupdf.Rect(info["bbox"])
                if r.intersects(box):
                    kind = "image" if _area(r) < 0.5 * _area(page.rect) else "scan"
                    break
        marks.append(SignatureMark(page.number, tuple(round(c, 2) for c in box), kind, zone.kind, zone.cue, 0.85))
    return marks


def _is_rule(drawing: dict) -> bool:
    """A table border, an underline or a box: straight lines and rectangles only."""
    items = drawing.get("items") or ()
    return all(item[0] in ("l", "re", "qu") for item in items) and len(items) <= 8


def _area(r: pymupdf.Rect) -> float:
    return max(r.width, 0) * max(r.height, 0)


def _overlap(a: pymupdf.Rect, b: pymupdf.Rect) -> float:
    inter = a & b
    return _area(inter) / max(min(_area(a), _area(b)), 1e-6)


def _ink_marks(page: pymupdf.Page, zone: pymupdf.Rect, printed: list[pymupdf.Rect], images: list[dict]) -> list[pymupdf.Rect]:
    """Handwriting in ``zone`` (shown page space): boxes of ink that is not print, rule or solid shape."""
    clip = (zone + (-ZONE_MARGIN, -ZONE_MARGIN, ZONE_MARGIN, ZONE_MARGIN)) & page.rect
    clip.y0 = max(clip.y0, zone.y0)  # never above the anchor: the letterhead stays
    if clip.is_empty:
        return []
    grey, origin = _render_grey(page, clip, images)
    ink = grey < INK_LEVEL

    def px(r: pymupdf.Rect) -> tuple[int, int, int, int]:
        z = r * pymupdf.Matrix(ZOOM, ZOOM)
        return (max(int(z.x0 - origin.x), 0), max(int(z.y0 - origin.y), 0), max(int(z.x1 - origin.x + 1), 0), max(int(z.y1 - origin.y + 1), 0))

    cx0, cy0, cx1, cy1 = clip
    for r in printed:
        if r.x0 < r.x1 and r.y0 < r.y1 and r.x0 < cx1 and cx0 < r.x1 and r.y0 < cy1 and cy0 < r.y1:  # r.intersects(clip)
            x0, y0, x1, y1 = px(r + (-0.5, -0.5, 0.5, 0.5))
            ink[y0:y1, x0:x1] = False
    rules = _clear_rules(ink, int(RULE_H * ZOOM), int(RULE_V * ZOOM))
    inside = np.zeros_like(ink)
    zx0, zy0, zx1, zy1 = px(zone)
    inside[zy0:zy1, zx0:zx1] = True
    out = []
    for ys, xs in _components(ink, rules):
        if len(ys) < MIN_INK or inside[ys, xs].mean() < 0.5:
            continue
        x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
        w, h = (x1 - x0) / ZOOM, (y1 - y0) / ZOOM
        if max(w, h) < MIN_SIDE or min(w, h) < MIN_THICKNESS or len(ys) / ((x1 - x0) * (y1 - y0)) > MAX_DENSITY:
            continue
        out.append(pymupdf.Rect(x0 + origin.x, y0 + origin.y, x1 + origin.x, y1 + origin.y) * pymupdf.Matrix(1 / ZOOM, 1 / ZOOM))
    return out


def _render_grey(page: pymupdf.Page, clip: pymupdf.Rect, images: list[dict]) -> tuple[np.ndarray, pymupdf.Point]:
    """``clip`` in grey at ZOOM, and where its pixel (0, 0) is in the zoomed page (``images``: the
    page's ``get_image_info()``).

    Images are rendered at (at least) their own resolution and then averaged
    down: rendered straight at 100 dpi, MuPDF decodes a 200 dpi JPEG at half
    size, or not, depending on what it has in its cache, and the ink found
    would depend on what was rendered before.
    """
    native = max(
        (info["width"] / max(pymupdf.Rect(info["bbox"]).width, 1e-3) for info in images
         if pymupdf.Rect(info["bbox"]).intersects(clip * page.derotation_matrix)),
        default=ZOOM,
    )
    factor = max(1, min(6, round(native / ZOOM)))
    pix = page.get_pixmap(matrix=pymupdf.Matrix(ZOOM * factor, ZOOM * factor), clip=clip, colorspace=pymupdf.csGRAY, alpha=False)
    fine = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]
    h, w = fine.shape[0] // factor, fine.shape[1] // factor
    grey = fine[: h * factor, : w * factor].reshape(h, factor, w, factor).mean(axis=(1, 3))
    return grey, pymupdf.Point(pix.x / factor, pix.y / factor)


def _clear_rules(ink: np.ndarray, long_h: int, long_v: int) -> np.ndarray:
    """Remove straight runs (table rules, cell borders, underlines), allowing a scan's slight skew.

    Returns where they were: the paraphs of two table rows are two marks, not one.
    """
    before = ink.copy()
    for mask, length in ((ink, long_h), (ink.T, long_v)):
        if mask.shape[0] < 1 or length < 2:
            continue
        near = mask.copy()
        near[1:] |= mask[:-1]
        near[:-1] |= mask[1:]
        for y in range(mask.shape[0]):
            row = near[y]
            if row.sum() < length:
                continue
            edges = np.flatnonzero(np.diff(np.concatenate(([0], row.view(np.int8), [0]))))
            for start, end in zip(edges[::2], edges[1::2]):
                if end - start >= length:
                    mask[y, start:end] = False
    return before & ~ink


def _cells(mask: np.ndarray) -> np.ndarray:
    h, w = mask.shape
    ch, cw = -(-h // CELL), -(-w // CELL)
    padded = np.zeros((ch * CELL, cw * CELL), dtype=bool)
    padded[:h, :w] = mask
    return padded.reshape(ch, CELL, cw, CELL).any(axis=(1, 3))


def _components(ink: np.ndarray, walls: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Groups of ink pixels, strokes within JOIN cells of each other joined, never across a
    table rule (``walls``): (ys, xs) per group."""
    cells = _cells(ink)
    ch, cw = cells.shape
    framed = np.zeros((ch + 2 * JOIN, cw + 2 * JOIN), dtype=bool)
    framed[JOIN:-JOIN, JOIN:-JOIN] = cells
    grown = np.zeros_like(cells)
    for dy in range(2 * JOIN + 1):
        for dx in range(2 * JOIN + 1):
            grown |= framed[dy : dy + ch, dx : dx + cw]
    grown = (grown & ~_cells(walls)) | cells
    labels = np.zeros((ch, cw), dtype=np.int32)
    count = 0
    for start in zip(*np.nonzero(grown)):
        if labels[start]:
            continue
        count += 1
        labels[start] = count
        queue = deque([start])
        while queue:
            y, x = queue.popleft()
            for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                if 0 <= ny < ch and 0 <= nx < cw and grown[ny, nx] and not labels[ny, nx]:
                    labels[ny, nx] = count
                    queue.append((ny, nx))
    ys, xs = np.nonzero(ink)
    groups = labels[ys // CELL, xs // CELL]
    order = np.argsort(groups, kind="stable")
    ys, xs, groups = ys[order], xs[order], groups[order]
    bounds = np.flatnonzero(np.diff(groups)) + 1
    return [(y, x) for y, x in zip(np.split(ys, bounds), np.split(xs, bounds)) if len(y)]


def signature_finding(m: SignatureMark) -> Finding:
    """The mark as a finding the rules decide (entity SIGNATURE): a description, never its pixels."""
    description = f"[handtekening of paraaf: {m.kind}]"
    evidence = (f"zone:{m.zone}", f"cue:{m.cue}", f"kind:{m.kind}")
    signer = next((f"signer:{p}" for p in _cues()[1] if m.cue.startswith(p)), None)
    if signer:  # a keep rule may spare, say, a minister's signature: evidence: [signer:de minister van]
        evidence += (signer,)
    return Finding(0, len(description), ENTITY, description, m.score, "signatures", evidence)
