"""Words as a reader sees them, where the text layer's own words are not.

MuPDF builds words from glyphs in the order the content stream draws them.
Two ways of drawing text break that, on purpose or by a producer's habit:

* every glyph placed on its own (``Tm`` per glyph), written in shuffled or
  reversed order: MuPDF gives one-letter words, or letters of a word in the
  wrong order ("ejni" for "inje"). Such a page (many one-glyph words) is read
  again from its glyphs: grouped by direction and baseline, ordered along the
  line, cut into words at spaces and at gaps wider than the line's usual gap.
* letter-spaced text (character spacing of 2 pt and more) and names in spaced
  capitals ("F E N N A"): one-letter words on one line. A run of three or more
  one-glyph words is joined into words, cut where a gap is clearly wider than
  the run's usual gap between letters.

Both hand back words in PyMuPDF's raw shape ``(x0, y0, x1, y1, text, block,
line, word)``; a joined word's box covers all its glyphs.
"""

from __future__ import annotations

from statistics import median

import pymupdf

FRAGMENTED_MIN = 8  # one-glyph words on a page before it is read again from its glyphs
FRAGMENTED_SHARE = 0.25  # ... and their share of the page's words
RUN_MIN = 3  # one-glyph words in a row that are read as letter-spaced text
RUN_GAP = 0.6  # the widest gap (in line heights) inside a run of spaced letters (table columns are wider)
WORD_GAP_FACTOR = 1.6  # a gap this many times the run's median gap separates words
GLYPH_GAP = 0.2  # a gap of this many font sizes beyond the line's usual gap separates words
# ... and a gap this wide always does: a line of two glyphs has its one gap as its usual gap, so a
# drawing's grid letters at both edges of the page ("F" ... "F") read as one word "FF" a page wide
WORD_GAP_MAX = 3.0


def fragmented(words: list) -> bool:
    """Does a page's text layer fall apart into one-glyph words?"""
    singles = sum(1 for w in words if len(w[4].strip()) == 1)
    return singles >= FRAGMENTED_MIN and singles >= FRAGMENTED_SHARE * len(words)


def words_from_glyphs(page: pymupdf.Page, flags: int, clip) -> list:
    """The page's words rebuilt from glyph positions, not stream order."""
    raw = page.get_text("rawdict", flags=flags, clip=clip)
    glyphs = []  # (direction, across, along, size, char, bbox)
    for block in raw["blocks"]:
        for line in block.get("lines", ()):
            dx, dy = line["dir"]
            direction = (round(dx, 2), round(dy, 2))
            for span in line["spans"]:
                for ch in span["chars"]:
                    ox, oy = ch["origin"]
                    glyphs.append((direction, -dy * ox + dx * oy, dx * ox + dy * oy, span["size"], ch["c"], ch["bbox"]))
    glyphs.sort(key=lambda g: (g[0], g[1]))
    lines: list[list] = []
    for g in glyphs:
        last = lines[-1][-1] if lines else None
        if last is not None and last[0] == g[0] and abs(g[1] - last[1]) <= 0.3 * max(g[3], last[3], 1.0):
            lines[-1].append(g)
        else:
            lines.append([g])
    words = []
    for block_no, line in enumerate(lines):
        line.sort(key=lambda g: g[2])
        for word_no, word in enumerate(_cut_words(line)):
            rect = pymupdf.Rect(word[0][5])
            for g in word[1:]:
                rect |= g[5]
            words.append((rect.x0, rect.y0, rect.x1, rect.y1, "".join(g[4] for g in word), block_no, 0, word_no))
    return words


def _cut_words(line: list) -> list[list]:
    """Cut one line of glyphs (ordered along it) into words at spaces and wide gaps."""
    def extent(g):  # the glyph's length along the line
        x0, y0, x1, y1 = g[5]
        return abs((x1 - x0) * g[0][0]) + abs((y1 - y0) * g[0][1])

    gaps = [b[2] - (a[2] + extent(a)) for a, b in zip(line, line[1:]) if not a[4].isspace() and not b[4].isspace()]
    usual = median(gaps) if gaps else 0.0
    words: list[list] = [[]]
    prev = None
    for g in line:
        if g[4].isspace():
            words.append([])
            prev = None
            continue
        gap = g[2] - (prev[2] + extent(prev)) if prev is not None else 0.0
        if prev is not None and (gap > max(usual, 0.0) + GLYPH_GAP * g[3] or gap > WORD_GAP_MAX * g[3]):
            words.append([])
        words[-1].append(g)
        prev = g
    return [w for w in words if w]


def join_spaced_letters(words: list) -> list:
    """Join runs of one-glyph words on one horizontal line into the words they spell."""
    lines: dict[tuple[int, int], list] = {}
    for w in words:
        lines.setdefault((w[5], w[6]), []).append(w)
    out = []
    for line in lines.values():
        line.sort(key=lambda w: w[0])
        if len(line) < RUN_MIN or _vertical(line):
            out.extend(line)
            continue
        run: list = []
        for w in [*line, None]:
            single = w is not None and len(w[4].strip()) == 1
            if single and run and w[0] - run[-1][2] <= RUN_GAP * (w[3] - w[1]):
                run.append(w)
                continue
            out.extend(_joined_run(run) if len(run) >= RUN_MIN else run)
            run = [w] if single else []
            if w is not None and not single:
                out.append(w)
    return out


def _vertical(line: list) -> bool:
    return max(w[3] for w in line) - min(w[1] for w in line) > max(w[2] for w in line) - min(w[0] for w in line)


def _joined_run(run: list) -> list:
    gaps = [b[0] - a[2] for a, b in zip(run, run[1:])]
    usual = median(gaps)
    height = max(w[3] - w[1] for w in run)
    pieces: list[list] = [[run[0]]]
    for gap, w in zip(gaps, run[1:]):
        if gap > WORD_GAP_FACTOR * max(usual, 0.0) + 0.05 * height:
            pieces.append([])
        pieces[-1].append(w)
    joined = []
    for piece in pieces:
        first = piece[0]
        joined.append((min(w[0] for w in piece), min(w[1] for w in piece), max(w[2] for w in piece),
                       max(w[3] for w in piece), "".join(w[4].strip() for w in piece), first[5], first[6], first[7]))
    return joined
