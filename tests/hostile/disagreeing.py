"""Pages whose text layer says otherwise than what their glyphs draw, built for the tests of
issue 13's "a page whose text layer and rendered image disagree is read as a scan".

Unlike the cases in make_cases.py (a simple Helvetica whose ToUnicode map contradicts its own
glyph names, which woopub checks font by font), these leave no such cheap contradiction:

* an embedded TrueType font (Type0, Identity-H, no glyph names) whose ToUnicode map says ROT13;
* the same, with a map that shuffles letters into other letters (gibberish, no cipher a reader
  would guess);
* only the name in Private Use characters, on a page of ordinary text (too few for a share test);
and, as the control, an ordinary Word-like page with an embedded font and a true ToUnicode map.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pymupdf

from make_cases import INNOCENT, NAME, SENTENCE, UNICODE_FONT, _add_content, _add_resource, _lying_font

BODY = [
    INNOCENT,
    "Het ministerie heeft in het afgelopen kwartaal de aanbevelingen uit het rapport besproken",
    "met de betrokken gemeenten en de uitvoeringsorganisaties. De resultaten worden in de",
    "volgende voortgangsrapportage aan de Tweede Kamer gezonden.",
]


def _rot13(ch: str) -> str:
    if ch.isascii() and ch.isalpha():
        base = ord("a") if ch.islower() else ord("A")
        return chr(base + (ord(ch) - base + 13) % 26)
    return ch


def _shuffled() -> dict[str, str]:
    """A fixed substitution of letters by other letters (seeded: the case is the same every run)."""
    rng = random.Random(13)
    out = {}
    for alphabet in ("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
        letters = list(alphabet)
        rng.shuffle(letters)
        out.update(zip(alphabet, letters))
    return out


def _rewrite_tounicode(doc: pymupdf.Document, say) -> None:
    """Every embedded Type0 font's ToUnicode map made to say ``say(char)`` instead of ``char``."""
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Subtype")[1] != "/Type0":
            continue
        kind, ref = doc.xref_get_key(xref, "ToUnicode")
        if kind != "xref":
            continue
        cmap_xref = int(ref.split()[0])
        meaning = _cmap_meaning(doc.xref_stream(cmap_xref).decode("latin-1"))
        pairs = [f"<{code:04X}> <{''.join(say(c) for c in text).encode('utf-16-be').hex().upper()}>"
                 for code, text in sorted(meaning.items())]
        blocks = "".join(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
                         for chunk in (pairs[k:k + 100] for k in range(0, len(pairs), 100)))
        doc.update_stream(cmap_xref, ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
                                      "/CMapName /W def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                                      + blocks + "endcmap CMapName currentdict /CMap defineresource pop end end"
                                      ).encode("latin-1"))


def _cmap_meaning(cmap: str) -> dict[int, str]:
    """The code -> text pairs of a ToUnicode map written as bfrange (start end first) and bfchar lines."""
    meaning = {}
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, first in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for k in range(int(start, 16), int(end, 16) + 1):
                meaning[k] = chr(int(first, 16) + k - int(start, 16))
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            if len(text) % 4 == 0:  # (MuPDF writes some odd-length entries; no letters among them)
                meaning[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be", "replace")
    return meaning


def _page_in_embedded_font(lines: list[str]) -> pymupdf.Document:
    """A Word-like page: every line in an embedded TrueType font (Type0, Identity-H, ToUnicode)."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="body", fontfile=str(UNICODE_FONT))
    for n, line in enumerate(lines):
        page.insert_text((72, 90 + 16 * n), line, fontsize=11, fontname="body")
    doc.subset_fonts()
    return doc


def build_ordinary(path: Path) -> None:
    doc = _page_in_embedded_font([*BODY, SENTENCE])
    doc.save(path)


def build_cid_rot13(path: Path) -> None:
    doc = _page_in_embedded_font([*BODY, SENTENCE])
    _rewrite_tounicode(doc, _rot13)
    doc.save(path)


def build_cid_gibberish(path: Path) -> None:
    table = _shuffled()
    doc = _page_in_embedded_font([*BODY, SENTENCE])
    _rewrite_tounicode(doc, lambda c: table.get(c, c))
    doc.save(path)


def build_name_in_private_use(path: Path) -> None:
    """Only the name in a font whose ToUnicode map gives Private Use characters; the rest plain."""
    doc = pymupdf.open()
    page = doc.new_page()
    for n, line in enumerate(BODY * 2):
        page.insert_text((72, 90 + 16 * n), line, fontsize=11)
    _add_resource(doc, page, "Font", "F8", _lying_font(doc, lambda ch: chr(0xE000 + ord(ch))))
    _add_content(doc, page, b"BT /F9 11 Tf 72 600 Td (Contactpersoon:) Tj ET "
                 b"BT /F8 11 Tf 160 600 Td (" + NAME.encode("latin-1") + b") Tj ET")
    doc.save(path)


def build_name_in_lying_letters(path: Path) -> None:
    """Only the name in an embedded font (Type0, no cmap in its program) whose ToUnicode map shuffles
    letters into other letters; the rest of the page in Helvetica, honest. Two words: too few for
    any test of a font's words."""
    table = _shuffled()
    doc = pymupdf.open()
    page = doc.new_page()
    for n, line in enumerate(BODY * 2):
        page.insert_text((72, 90 + 16 * n), line, fontsize=11)
    page.insert_text((72, 600), "Contactpersoon:", fontsize=11)
    page.insert_font(fontname="naam", fontfile=str(UNICODE_FONT))
    page.insert_text((160, 600), NAME, fontsize=11, fontname="naam")
    doc.subset_fonts()
    _rewrite_tounicode(doc, lambda c: table.get(c, c))
    doc.save(path)


CASES = {
    "cid-rot13.pdf": build_cid_rot13,
    "cid-wartaal.pdf": build_cid_gibberish,
    "naam-prive-tekens.pdf": build_name_in_private_use,
    "naam-wartaal.pdf": build_name_in_lying_letters,
}
