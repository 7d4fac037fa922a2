"""Stage 1, extract: a PDF in, its words with their boxes in reading order out.

The detectors see one string per document. Three layout habits of Woo
documents shape how that string is built:

* Rijkshuisstijl pages carry a colophon in the right margin beside the body.
  MuPDF may report a body line and a margin line on the same baseline as one
  line; we cut lines at wide gaps and read each column part as its own block,
  so a margin word is never glued to a body line.
* Names and numbers wrap over a line end. Lines of one block are joined with
  "\\n" (the person detector may cross it); a word hyphenated over a line end
  is joined without the hyphen when the next line goes on in lower case
  ("Ver-" + "meulen"), and with it when it goes on with a capital or a digit
  ("Jansen-" + "Bakker", "06-" + "12345678").
* Blocks are separated by a blank line, pages by a form feed: hard borders.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pymupdf

from woopub.reading.glyphs import fragmented, join_spaced_letters, words_from_glyphs
from woopub.reading.intake import WORD_CLIP, WORD_FLAGS, admit  # the flags intake counts words with too
from woopub.model import DocumentText, Word


# A gap wider than this many line heights between two words on one baseline
# separates columns (body text vs. margin colophon, table cells).
COLUMN_GAP = 1.6

PAGE_BREAK = "\n\f\n"
BLOCK_BREAK = "\n\n"
LINE_BREAK = "\n"

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_LINE_END_HYPHENS = ("-", "\u2010", "\u2011")


def open_pdf(path: Path, password: str | None = None) -> pymupdf.Document:
    """Open a PDF, prepared for redaction, or raise an InputError saying, in one line, why not.

    See ``woopub.reading.intake``: the checks, the limits and what preparing changes.
    """
    return admit(path, password).doc


# Cyrillic and Greek letters that look like Latin ones. A word mixing them with Latin letters is
# disguised ("Fеnnа" with Cyrillic е and а): detectors read it in Latin; its box is the word's own.
# A word all in another script (a Russian name) is left as it is.
_LOOKALIKES = str.maketrans("аеорсхуіјѕԁһӏАВЕКМНОРСТХІЈЅοαΑΒΕΗΙΚΜΝΟΡΤΧΥΖ", "aeopcxyijsdhlABEKMHOPCTXIJSoaABEHIKMNOPTXYZ")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def normalise(word: str) -> str:
    """What the detectors read for a word: NFKC, without invisible characters, look-alike letters
    of other scripts in a Latin word read as Latin."""
    word = unicodedata.normalize("NFKC", word).translate(_INVISIBLE).replace("\u00a0", " ")
    if _LATIN_LETTER.search(word) and not word.isascii():
        folded = word.translate(_LOOKALIKES)
        if folded != word:
            return folded
    return word


def text_layer_words(page: pymupdf.Page) -> list:
    """Every word of the page's text layer in PyMuPDF's raw shape, also outside the visible page.

    ``get_text`` clips to the page unless told otherwise; text placed off the
    page is still in the file, so it is read (and detected) too. Glyphs placed
    one by one and letter-spaced words are read as words (woopub.reading.glyphs).
    """
    words = page.get_text("words", sort=False, flags=WORD_FLAGS, clip=WORD_CLIP)
    if fragmented(words):  # glyphs placed one by one, out of order: read by position (see woopub.reading.glyphs)
        words = words_from_glyphs(page, WORD_FLAGS, WORD_CLIP)
    return join_spaced_letters(words)


def page_words(page: pymupdf.Page, page_index: int, raw_words: list | None = None) -> list[Word]:
    """The words of one page in reading order, with line and block ids.

    ``raw_words`` lets a caller pass words from elsewhere (an OCR text page)
    in PyMuPDF's ``(x0, y0, x1, y1, text, block, line, word)`` shape.
    """
    if raw_words is None:
        raw_words = text_layer_words(page)
    lines: dict[tuple[int, int], list] = defaultdict(list)
    block_order: list[int] = []
    for w in raw_words:
        if not w[4].strip():
            continue
        if w[5] not in block_order:
            block_order.append(w[5])
        lines[(w[5], w[6])].append(w)

    # 1. cut lines at wide gaps; column part k of every line of a block -> sub-block k
    blocks: list[list[list]] = []
    for block in block_order:
        parts: dict[int, list[list]] = defaultdict(list)
        for (b, _), line in lines.items():
            if b != block:
                continue
            leftward = _runs_leftward(line)
            line.sort(key=lambda w: w[0])
            segments = _split_at_gaps(line)
            if leftward:  # mirrored text (or a script written right to left): read as it was written
                segments = [segment[::-1] for segment in reversed(segments)]
            for k, segment in enumerate(segments):
                parts[k].append(segment)
        blocks.extend(parts[k] for k in sorted(parts))
    # 2. re-join blocks that continue one another in the same column
    blocks = _join_column_blocks(blocks)

    words: list[Word] = []
    line_id = 0
    for block_id, block in enumerate(blocks):
        for segment in block:
            for w in segment:
                words.append(Word(page_index, tuple(w[:4]), w[4], line_id, block_id))
            line_id += 1
    return words


def _bbox(segment: list) -> tuple[float, float, float, float]:
    return (min(w[0] for w in segment), min(w[1] for w in segment), max(w[2] for w in segment), max(w[3] for w in segment))


def _join_column_blocks(blocks: list[list[list]]) -> list[list[list]]:
    """Attach a block to an earlier one when it is that block's next line.

    Text frames and our own column cuts can leave the lines of one margin
    colophon in separate blocks; joined, a label ("Contactpersoon") and the
    name under it read as one group. A block joins when its first line starts
    at the same x as the other block's last line and sits right under it.
    """
    joined: list[list[list]] = []
    for block in blocks:
        x0, top, _, _ = _bbox(block[0])
        target = None
        for candidate in reversed(joined[-12:]):
            lx0, ltop, _, lbottom = _bbox(candidate[-1])
            height = lbottom - ltop
            if abs(lx0 - x0) <= 2.5 and -0.5 * height <= top - lbottom <= 0.6 * height and top > ltop:
                target = candidate
                break
        if target is None:
            joined.append(list(block))
        else:
            target.extend(block)
    return joined


def _runs_leftward(line: list) -> bool:
    """Whether a line's words, in the order the page writes them, each stand left of the one before:
    text drawn mirrored (a negative horizontal scale) reads from right to left, and sorted from left
    to right its names came out reversed ("Boddicker Clarence"), for detection to miss."""
    if len(line) < 2:
        return False
    written = sorted(line, key=lambda w: w[7])
    return all(b[0] < a[0] for a, b in zip(written, written[1:]))


def _split_at_gaps(line: list) -> list[list]:
    height = max(w[3] - w[1] for w in line) or 1.0
    segments = [[line[0]]]
    for prev, w in zip(line, line[1:]):
        if w[0] - prev[2] > COLUMN_GAP * height:
            segments.append([])
        segments[-1].append(w)
    return segments


_EMAIL_HEAD = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)*\.?$")


def _joins_without_space(prev_piece: str, next_piece: str) -> tuple[bool, bool]:
    """(join directly, drop the trailing hyphen) for a line break between two words."""
    if len(prev_piece) > 1 and prev_piece.endswith(_LINE_END_HYPHENS) and next_piece:
        head = next_piece[0]
        if head.islower():
            return True, True  # "Ver-" + "meulen": a word split by hyphenation
        if head.isupper() or head.isdigit():
            return True, False  # "Jansen-" + "Bakker", "06-" + "1234": a real hyphen
    # an e-mail address wrapped inside itself: "j.devries@min" + "jenv.nl"
    # (but "j.devries@minjenv.nl." + "Het" is an address that ends a sentence)
    domain = prev_piece.split("@")[-1]
    sentence_end = domain.endswith(".") and "." in domain[:-1] and next_piece[:1].isupper()
    if _EMAIL_HEAD.match(prev_piece) and not sentence_end and (prev_piece.endswith((".", "@", "-")) or "." not in domain):
        if next_piece[:1].isalnum():
            return True, False
    return False, False


def build_text(pages: list[list[Word]]) -> DocumentText:
    """Join the words of all pages into one string, remembering where each came from."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    kept: list[Word] = []
    page_starts: list[int] = []
    pos = 0
    prev: Word | None = None
    prev_piece = ""
    for page in pages:
        page_starts.append(pos + (len(PAGE_BREAK) if prev is not None else 0))
        for w in page:
            piece = normalise(w.text).strip()
            if not piece:
                continue
            if prev is None:
                sep = ""
            elif prev.page != w.page:
                sep = PAGE_BREAK
            elif prev.block != w.block:
                sep = BLOCK_BREAK
            elif prev.line != w.line:
                direct, drop_hyphen = _joins_without_space(prev_piece, piece)
                sep = "" if direct else LINE_BREAK
                if drop_hyphen:
                    parts[-1] = parts[-1][:-1]
                    s, e = spans[-1]
                    spans[-1] = (s, e - 1)
                    pos -= 1
            else:
                sep = " "
            if sep:
                parts.append(sep)
                pos += len(sep)
            parts.append(piece)
            spans.append((pos, pos + len(piece)))
            kept.append(w)
            pos += len(piece)
            prev, prev_piece = w, piece
    # pages without words still need a start offset; the list above covers every page
    return DocumentText("".join(parts), kept, spans, page_starts)


def extract_text(doc: pymupdf.Document) -> DocumentText:
    return build_text([page_words(page, i) for i, page in enumerate(doc)])
