"""Cheap signs that a page's text layer may not say what its glyphs draw.

A font's ToUnicode map can say anything: ROT13, letters shuffled into other letters, Private Use
characters, while the glyphs draw a civil servant's name. ocr.py already catches a simple font
whose map contradicts its own glyph names, Type3 fonts and glyphs without any Unicode meaning;
these checks catch what has no glyph names to compare with (an embedded TrueType font, Type0
Identity-H), by looking at the text itself:

* a word of Private Use characters drawn visibly in a font that is not a symbol font;
* a font whose lower-case words of four letters and more are almost all unknown to a Dutch and
  English word list (ordinary Dutch text, compounds included, has most of its words in the list).

A page with such a sign is read whole by OCR (ocr.plan_page): each OCR word that the text-layer
words under it do not spell joins the page's words (ocr.merged_raw_words), so what the reader sees
is detected and redacted, pixels and all, as on a scan; verify.py reads the published page the same
way.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from pathlib import Path

import pymupdf

from woopub.reading.fontmaps import FontVerdicts, lying_font

# Debian wdutch and wamerican (scripts/setup.sh): plain lists, one word a line. English too: Woo
# dossiers hold English reports and mails, which would otherwise look like gibberish
WORD_LISTS = (Path("/usr/share/dict/dutch"), Path("/usr/share/dict/american-english"),
              Path("/usr/share/dict/british-english"))
PRIVATE_USE_RUN = 3  # Private Use characters in a row that spell a word (one alone is an icon of a web font)
FONT_WORDS_MIN = 8  # words of 4+ letters a font must draw before its words are judged
KNOWN_SHARE_MIN = 0.25  # ... and the share of them a word list must know (Dutch prose: well above half)

_PRIVATE_RUN = re.compile(r"[\ue000-\uf8ff\U000f0000-\U0010fffd]{%d}" % PRIVATE_USE_RUN)
# lower-case Latin words of 4 to 20 letters: a cipher of Latin text stays Latin and keeps its case;
# capitalised words (names, acronyms) are unknown to any list, longer ones are words a producer
# ran together without spaces (TeX), and other scripts are no cipher of a Dutch text
_ANY_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{3,20}(?![^\W\d_])")  # words of 3 to 20 letters, any case
_WORD = re.compile(r"(?<![^\W\d_])[a-zß-öø-ÿ]{4,20}(?![^\W\d_])")


@functools.cache
def known_words() -> frozenset[str]:
    """Lower-cased words of the installed word lists (empty when none is installed)."""
    words: set[str] = set()
    for path in WORD_LISTS:  # about 0.4 s: built before the pipeline forks (run/pipeline.py, run/preload.py)
        try:
            words.update(path.read_text(encoding="utf-8", errors="ignore").lower().split())
        except OSError:
            continue
    return frozenset(words)


def _known(word: str, lexicon: frozenset[str]) -> bool:
    w = word.lower()
    # plural and inflected forms the lists leave out ("rapporten", "gemeenten", "besproken")
    return w in lexicon or any(w.endswith(s) and w[: -len(s)] in lexicon for s in ("s", "en", "n", "e", "'s"))


def text_layer_suspect(page: pymupdf.Page, symbol_font: re.Pattern, verdicts: FontVerdicts | None = None,
                       trace: list | None = None) -> str | None:
    """Why the page's text layer may say otherwise than its glyphs draw, or None.

    ``verdicts``: the document's fonts judged so far (fontmaps.py), one per document; ``trace``: the
    page's ``get_texttrace()``, when the caller has read it."""
    trace = page.get_texttrace() if trace is None else trace
    for span in trace:
        if symbol_font.search(span["font"] or "") or span.get("type") == 3 or span.get("opacity", 1) == 0:
            continue
        visible = "".join(chr(c[0]) for c in span["chars"] if c[3][2] > c[3][0] and c[3][3] > c[3][1])
        if _PRIVATE_RUN.search(visible):
            return "Private Use characters in a text font"
    lexicon = known_words()
    if not lexicon:
        return None
    # MuPDF's lines put spaces where the glyphs leave gaps, also where the stream writes none (TeX)
    by_font: dict[str, list[str]] = defaultdict(list)
    for block in page.get_text("dict", flags=0)["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                by_font[span["font"]].append(span["text"])
    few_words = set()
    for font, texts in by_font.items():
        if symbol_font.search(font):
            continue
        words = _WORD.findall(" ".join(texts))
        if len(words) < FONT_WORDS_MIN:
            # a glance is for a font that draws a word no list knows (a name, or what a lying map
            # made of it): headings of known words cost nothing (a map lying into known words is
            # not found this way; README, known gaps)
            if any(not _known(w, lexicon) for w in _ANY_WORD.findall(" ".join(texts))):
                few_words.add(font)
        elif sum(_known(w, lexicon) for w in words) < KNOWN_SHARE_MIN * len(words):
            return "a font whose words no word list knows"
    # too few words to judge (a name alone): the font's own program, or a glance by OCR (fontmaps.py)
    if lying_font(page, verdicts if verdicts is not None else FontVerdicts(), few_words, trace):
        return "a font whose letters are not what it draws"
    return None
