"""Does an embedded font's ToUnicode map say the letters its glyphs draw? Judged font by font.

disagree.py judges a font by its words: too few to judge when a lying map covers a name alone
("Fenna Wijnberg" drawn, "Xqhhk Zbcwlqsa" in the text layer, the rest of the page honest). So a
font that draws letters in few words is judged by what it is:

1. Its own program. An embedded TrueType/OpenType font maps characters to glyphs (its ``cmap``)
   and may name them (``post``); a CFF font names them (charset). Each glyph drawn has a letter
   by the program; a ToUnicode map giving other letters for two or more glyphs (and for most of
   those compared) lies. No rendering, no OCR: a few milliseconds per font and document.
2. Where the program tells nothing (subset programs without ``cmap`` and with numbered glyph
   names, as PyMuPDF and Word write them): the glyphs' widths. Each glyph's advance is in the text
   trace; under a true map they follow the widths of the letters it says (an i narrow, an m wide:
   correlation with Helvetica's widths 0.95 at the median over the 156 fonts of ../shared/realpdf
   measured, one of them below 0.6, a map that really lies); a shuffled or ROT13 map pairs them at
   random (0.36 and -0.09 on tests/hostile/disagreeing.py). Agreement of 0.6 spares the glance.
3. Otherwise, and only for a font that draws a Latin word no word list knows (a name, or what a
   lying map made of it): a glance. The font's longest lines on the page are rendered and read by
   OCR; letters that do not match the text layer's (fewer than half found) make the font lying.

Fonts not judged here: non-embedded fonts and simple fonts with an encoding (the glyph is chosen
by a named encoding; ocr._tounicode_contradicts compares that with the map), symbol fonts, Type3
(always read by OCR), and fonts with enough words for disagree.py's word-list test. A verdict holds
for the whole document (``FontVerdicts``, one per document), so a glance costs once per font.

Left open: glyphs whose outlines draw other letters than their own program says (a program
edited to lie with the map) and a font whose map lies only for glyphs duplicated for a name while
its other glyphs tell the truth are not found here.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pymupdf

GLANCE_DPI = 300
GLANCE_LINES = 3  # lines of a font rendered for a glance (its longest on the page)
GLANCE_MIN_RATIO = 0.5  # letters of text layer and OCR at least this alike: the map says what is drawn
GLANCE_MIN_LETTERS = 3  # OCR must read this many letters before its reading counts
PROGRAM_WRONG_MIN = 2  # glyphs a map gives other letters than the program does (and most of those compared)
LETTERS_MIN = 3  # a font drawing fewer letters on a page is not judged there

WIDTH_LETTERS_MIN = 6  # distinct letters before their widths are compared
WIDTH_AGREEMENT_MIN = 0.6  # correlation of drawn widths with the letters' widths that spares the glance
_HELVETICA = pymupdf.Font("helv")
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_NUMBERED = re.compile(r"^(glyph|gid|cid|g|index)\d+$|^\.notdef$|^uni[0-9A-F]{4,}\.|^\d+$", re.I)


@dataclass
class FontVerdicts:
    """One document's font verdicts: font name -> lying (True), honest (False)."""

    lying: dict[str, bool] = field(default_factory=dict)
    programs: dict[int, dict[int, str] | None] = field(default_factory=dict)  # font xref -> glyph id -> letter
    glances: int = 0  # fonts read by OCR (for measuring)
    reader: Callable[[], object] | None = None  # makes the OCR engine for a glance (reading/ocr.py gives Tesseract)


def _latin(ch: str) -> bool:
    """A Latin letter: a cipher of a Dutch text stays Latin; other scripts are not judged (OCR reads Dutch)."""
    return ch.isalpha() and ord(ch) < 0x250


def _fold(text: str) -> str:
    return "".join(c for c in text.casefold() if _latin(c))


def _judged_fonts(page: pymupdf.Page) -> dict[str, list[int]]:
    """The page's embedded fonts whose glyphs no named encoding chooses: name -> xrefs."""
    out: dict[str, list[int]] = {}
    doc = page.parent
    for xref, ext, kind, base, _ref, encoding in page.get_fonts():
        if ext == "n/a" or kind == "Type3":
            continue
        if kind != "Type0" and doc.xref_get_key(xref, "Encoding")[0] != "null":
            continue  # a named encoding picks the glyph: ocr._tounicode_contradicts compares it with the map
        if doc.xref_get_key(xref, "ToUnicode")[0] != "xref":
            continue  # no map: unmapped glyphs are read by OCR (ocr.unmapped_letters)
        for name in _names(doc, xref, base):
            out.setdefault(name, []).append(xref)
    return out


def _names(doc: pymupdf.Document, xref: int, base: str) -> set[str]:
    """The names MuPDF may give the font in a text trace: its BaseFont, its descendant's (a Type0
    font's glyphs are the descendant's), its descriptor's FontName; without a subset tag."""
    names = {base}
    found = re.search(r"(\d+) 0 R", doc.xref_get_key(xref, "DescendantFonts")[1])
    for target in (xref, int(found.group(1)) if found else None):
        if target is None:
            continue
        names.add(doc.xref_get_key(target, "BaseFont")[1].lstrip("/"))
        kind, descriptor = doc.xref_get_key(target, "FontDescriptor")
        if kind == "xref":
            names.add(doc.xref_get_key(int(descriptor.split()[0]), "FontName")[1].lstrip("/"))
    # (PDF names write a space as #20)
    return {_SUBSET.sub("", n.replace("#20", " ")) for n in names if n and n != "null"}


def _program(doc: pymupdf.Document, xref: int) -> dict[int, str] | None:
    """Glyph id -> the letter the font's own program gives it (cmap, glyph names), or None."""
    target = xref
    if doc.xref_get_key(xref, "Subtype")[1] == "/Type0":
        found = re.search(r"(\d+) 0 R", doc.xref_get_key(xref, "DescendantFonts")[1])
        if not found:
            return None
        target = int(found.group(1))
        if doc.xref_get_key(target, "CIDToGIDMap")[1] not in ("null", "/Identity"):
            return None  # (texttrace gives glyph ids; a map stream between them is not followed here)
    kind, descriptor = doc.xref_get_key(target, "FontDescriptor")
    if kind != "xref":
        return None
    descriptor_xref = int(descriptor.split()[0])
    for key in ("FontFile2", "FontFile3"):
        kind, ref = doc.xref_get_key(descriptor_xref, key)
        if kind == "xref":
            try:
                return _letters_of(doc.xref_stream(int(ref.split()[0])))
            except Exception:  # a damaged or unusual program: nothing to compare with
                return None
    return None


def _letters_of(data: bytes) -> dict[int, str] | None:
    from fontTools import agl
    from fontTools.cffLib import CFFFontSet
    from fontTools.ttLib import TTFont

    if data[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
        font = TTFont(io.BytesIO(data), lazy=True)
        order = font.getGlyphOrder()
        letters = {}
        if "cmap" in font:
            for table in font["cmap"].tables:
                if table.isUnicode():
                    for code, name in table.cmap.items():
                        letters.setdefault(name, chr(code))
        names = order
    else:  # bare CFF (Type1C, CIDFontType0C)
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(data), None)
        names = cff[cff.fontNames[0]].charset
        letters = {}
    out: dict[int, str] = {}
    for gid, name in enumerate(names):
        letter = letters.get(name)
        if letter is None and not _NUMBERED.match(name):
            letter = agl.toUnicode(name) or None
        if letter and letter.isalpha():
            out[gid] = letter
    return out or None


def _spans(trace: list[dict], name: str) -> list[dict]:
    return [s for s in trace if s["font"] == name and s.get("opacity", 1) != 0 and s.get("type") != 3]


def _program_verdict(letters: dict[int, str], spans: list[dict]) -> bool | None:
    compared = wrong = 0
    for s in spans:
        for c in s["chars"]:
            said, own = chr(c[0]), letters.get(c[1])
            if own is None or not _latin(said):
                continue
            compared += 1
            wrong += said.casefold() != own.casefold()
    if wrong >= PROGRAM_WRONG_MIN and wrong * 2 > compared:
        return True
    return False if compared >= LETTERS_MIN else None


def width_agreement(spans: list[dict]) -> float | None:
    """How well the widths of the glyphs drawn follow the widths Helvetica gives the letters the map
    says they are (Pearson correlation over distinct Latin letters), or None when too few letters or
    all glyphs as wide (a monospaced font). A true map of a proportional font: an i narrow, an m wide;
    a map that says other letters pairs them at random."""
    widths: dict[str, float] = {}
    for s in spans:
        if abs(s["dir"][1]) > 0.01 or s["size"] <= 0:
            continue  # (horizontal lines only: a box's width is then the glyph's advance)
        for c in s["chars"]:
            ch = chr(c[0])
            if _latin(ch) and ch not in widths:
                widths[ch] = (c[3][2] - c[3][0]) / s["size"]
    if len(widths) < WIDTH_LETTERS_MIN:
        return None
    drawn = np.array(list(widths.values()))
    if drawn.std() < 0.02:
        return None
    reference = np.array([_HELVETICA.glyph_advance(ord(ch)) for ch in widths])
    return float(np.corrcoef(reference, drawn)[0, 1])


def _glance(page: pymupdf.Page, spans: list[dict], reader: Callable[[], object] | None) -> bool | None:
    """Render the font's longest lines, read them by OCR: do they say what the text layer says?"""
    if reader is None:
        return None
    engine = reader()
    if engine.problem():
        return None
    lines = sorted(spans, key=lambda s: -len(s["chars"]))[:GLANCE_LINES]
    said, seen = "", ""
    for s in lines:
        rect = pymupdf.Rect(s["bbox"])
        rect = rect + (-rect.height * 0.3, -rect.height * 0.3, rect.height * 0.3, rect.height * 0.3)
        # only this span's line: a white page with the glyphs of the line as they are drawn
        pix = page.get_pixmap(dpi=GLANCE_DPI, clip=rect * page.rotation_matrix, colorspace=pymupdf.csGRAY)
        said += _fold("".join(chr(c[0]) for c in s["chars"]))
        seen += _fold(" ".join(w.text for w in engine.read(pix.tobytes("pnm"), GLANCE_DPI)))
    if len(seen) < GLANCE_MIN_LETTERS:
        return None
    # a line may also show a neighbour's letters (OCR reads the clip): compare with the text layer's letters
    matcher = difflib.SequenceMatcher(None, said, seen, autojunk=False)
    matched = sum(b.size for b in matcher.get_matching_blocks())
    return matched < GLANCE_MIN_RATIO * len(said)


def lying_font(page: pymupdf.Page, verdicts: FontVerdicts, few_words: set[str], trace: list[dict] | None = None
               ) -> str | None:
    """The name of a font on ``page`` whose ToUnicode map says other letters than it draws, or None.

    ``few_words``: fonts with too few words on the page for the word-list test (disagree.py), of which
    one at least is unknown to the word lists: only these are glanced at. ``trace``: the page's
    ``get_texttrace()`` when the caller has it (interpreting the page again is most of the cost).
    """
    doc = page.parent
    for name, xrefs in _judged_fonts(page).items():
        if name in verdicts.lying:
            if verdicts.lying[name]:
                return name
            continue
        if trace is None:
            trace = page.get_texttrace()
        spans = _spans(trace, name)
        said = [chr(c[0]) for s in spans for c in s["chars"] if chr(c[0]).isalpha()]
        latin = sum(_latin(ch) for ch in said)
        if latin < LETTERS_MIN or latin * 2 < len(said):
            continue
        verdict = None
        for xref in xrefs:
            if xref not in verdicts.programs:
                verdicts.programs[xref] = _program(doc, xref)
            letters = verdicts.programs[xref]
            if letters:
                verdict = _program_verdict(letters, spans)
                if verdict is not None:
                    break
        if verdict is None and name in few_words:
            agreement = width_agreement(spans)
            if agreement is not None and agreement >= WIDTH_AGREEMENT_MIN:
                verdict = False  # the letters are as wide as the map says: no glance needed
            else:
                verdicts.glances += 1
                # once per font and document: a line OCR cannot read (no letters) counts as honest
                # rather than being rendered again on every page (the whole page is not read then)
                verdict = bool(_glance(page, spans, verdicts.reader))
        if verdict is not None:
            verdicts.lying[name] = verdict
            if verdict:
                return name
    return None
