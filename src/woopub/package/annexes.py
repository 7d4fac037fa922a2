"""Which document is an annex (bijlage) of which, read from the documents themselves.

Two kinds of clue, read from the published text (a redacted span is already gone):

- the annex says so in its heading: "Bijlage 1 bij de nota Voortgang actieplan",
  "Bijlage bij brief met kenmerk 2025-0001234", "Parafenblad bij nota 6445182 (Voortgang
  actieplan)" (source ``bijlagekop``): the main document is the one whose title, or one of
  whose "kenmerk" numbers, the heading names;
- the main document lists it: a "Bijlage(n):" / "Bijlagen" / "Attachments:" label with
  the annexes after it (on its line, split at ";", or as list items below), or lines
  "Bijlage 2: Overzicht contactpersonen" (source ``bijlagelijst``); an item that is a
  file name ("rapport.pdf") names the document of that file (source ``bestandsnaam``).

A clue links an annex to its main document only when it points at exactly one other
document of the dossier; two candidates link nothing (an officer settles it with
``annex_of`` in the dossier file, which always wins). A table of contents' "Bijlage A
....... 41" is a part of the same file, not another document, and is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

import pymupdf

ANNEX_PAGES = 30  # where a nota lists its annexes: its colophon, first page or last pages
HEADING_LINES = 4  # an annex names itself in its first lines
LIST_ITEMS = 12
# "Bijlage 2 bij de nota ...", "Bijlage A: ...", "BIJLAGE I – ..." at the start of a line
ANNEX_LINE = re.compile(r"^\s*bijlage\s*(?:[0-9]{1,2}|[A-Z]|[IVX]{1,4})?\b\s*[:.\-–—]?\s*(?P<rest>.*?)\s*$", re.IGNORECASE)
BELONGS_TO = re.compile(r"^(?:behorende?\s+)?bij\s+(?:de\s+|het\s+)?(?P<ref>.+)$", re.IGNORECASE)
# "Parafenblad bij nota 6445182 (...)", "Beslisnota bij de brief ...": a document about another one
ABOUT_LINE = re.compile(r"^\s*[^\W\d_][\w-]{3,29}\s+(?:behorende?\s+)?bij\s+(?:de\s+|het\s+)?"
                        r"(?P<ref>(?:nota|beslisnota|brief|kamerbrief|besluit|advies|memo|notitie|e-?mail)\b.+)$",
                        re.IGNORECASE)
LIST_LABEL = re.compile(r"^\s*(?:bijlage\s*\(n\)|bijlagen|attachments?)\s*:?\s*(?P<rest>.*?)\s*$", re.IGNORECASE)
LIST_ITEM = re.compile(r"^\s*(?:[-•–*▪·]|\d{1,2}[.)]|[a-z][.)])\s*(?P<item>\S.*?)\s*$")
LEADER = re.compile(r"\.{4,}|…{2,}|(?:\. ){3,}")  # a table of contents' dotted leader
KENMERK = re.compile(r"\b(?:ons\s+)?kenmerk\s*:?\s*(?P<code>[A-Z0-9][A-Z0-9/\-.]{3,39}\d)", re.IGNORECASE)
FILE_NAME = re.compile(r"[^\s;:,\"'<>|]+(?:\s[^\s;:,\"'<>|]+){0,8}?\.(?:pdf|docx?|xlsx?|pptx?|msg|eml|odt|txt)\b",
                       re.IGNORECASE)
SPLIT = re.compile(r"\s*;\s*")
MIN_WORDS = 3  # a title contained in a longer one: the shorter has at least this many words (equal: two)

BIJLAGEKOP = "bijlagekop"
BIJLAGELIJST = "bijlagelijst"
BESTANDSNAAM = "bestandsnaam"


@dataclass(frozen=True)
class AnnexClues:
    reference: str | None = None  # what the annex's heading says it belongs to ("de nota ...")
    listed: tuple[str, ...] = ()  # annex titles and file names the document lists
    kenmerken: tuple[str, ...] = ()  # the document's own reference numbers


def read_annex_clues(doc: pymupdf.Document) -> AnnexClues:
    pages = range(doc.page_count) if doc.page_count <= ANNEX_PAGES else \
        list(range(ANNEX_PAGES // 2)) + list(range(doc.page_count - ANNEX_PAGES // 2, doc.page_count))
    lines_per_page = [[" ".join(t.split()) for t in doc[i].get_text().splitlines()] for i in pages]
    lines_per_page = [[t for t in lines if t] for lines in lines_per_page]
    first = lines_per_page[0] if lines_per_page else []
    reference = None
    for i, line in enumerate(first[:HEADING_LINES]):
        m = ANNEX_LINE.match(line)
        if m:
            rest = m.group("rest") or (first[i + 1] if i + 1 < len(first) else "")
            b = BELONGS_TO.match(rest)
            if b:  # "bij de nota" may go on on the next line
                ref = b.group("ref") + (" " + first[i + 1] if i + 1 < len(first) and len(b.group("ref").split()) < MIN_WORDS else "")
                reference = ref.strip()
            break
        about = ABOUT_LINE.match(line)
        if about:
            reference = about.group("ref").strip()
            break
    listed: list[str] = []
    for n, lines in enumerate(lines_per_page):
        for i, line in enumerate(lines):
            if LEADER.search(line):
                continue
            label = LIST_LABEL.match(line)
            if label:
                rest = label.group("rest")
                if rest and not rest.isdigit():
                    listed += [x for x in SPLIT.split(rest) if x]
                for nxt in lines[i + 1 : i + 1 + LIST_ITEMS]:
                    item = LIST_ITEM.match(nxt)
                    if not item or LEADER.search(nxt):
                        break
                    listed.append(item.group("item"))
                continue
            m = ANNEX_LINE.match(line)
            # "Bijlage 2: Overzicht ..." below the heading area: a listed annex, not the document's own heading
            # (a page that starts with it holds the annex itself: a part of this file, no other document)
            if m and m.group("rest") and line.lstrip()[:1] == "B" and i >= (HEADING_LINES if n == 0 else 1):
                if not BELONGS_TO.match(m.group("rest")):
                    listed.append(m.group("rest"))
    text = "\n".join("\n".join(lines) for lines in lines_per_page[:2])
    kenmerken = tuple(dict.fromkeys(m.group("code") for m in KENMERK.finditer(text)))
    return AnnexClues(reference, tuple(dict.fromkeys(listed)), kenmerken)


def _norm(text: str) -> str:
    m = ANNEX_LINE.match(text)
    if m and m.group("rest"):
        text = m.group("rest")  # "Bijlage 2 Overzicht ..." compares as "Overzicht ..."
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def same_title(listed: str, title: str | None) -> bool:
    a, b = _norm(listed), _norm(title or "")
    if not a or not b:
        return False
    if a == b:  # one word ("Begrippen") is too little to tie two documents together
        return len(a.split()) >= 2
    shorter, longer = sorted((a, b), key=len)
    return len(shorter.split()) >= MIN_WORDS and f" {shorter} " in f" {longer} "


def same_file(listed: str, name: str) -> bool:
    """``listed`` names the file ``name`` (a path in the dossier): by file name, or its stem."""
    files = [m.group(0).lower() for m in FILE_NAME.finditer(listed)]
    base = PurePosixPath(name).name.lower()
    return base in files or any(PurePosixPath(f).stem == PurePosixPath(base).stem for f in files)


@dataclass(frozen=True)
class Candidate:
    name: str  # the document's name in the log
    title: str | None
    clues: AnnexClues


def link_annexes(documents: list[Candidate]) -> dict[str, tuple[str, str]]:
    """annex name -> (main document name, source), for each annex exactly one clue points at."""
    links: dict[str, tuple[str, str]] = {}
    for annex in documents:
        others = [d for d in documents if d.name != annex.name]
        found: list[tuple[str, str]] = []
        ref = annex.clues.reference
        if ref:
            found = [(d.name, BIJLAGEKOP) for d in others
                     if same_title(ref, d.title) or any(k.lower() in ref.lower() for k in d.clues.kenmerken)]
        if not found:
            for d in others:
                if any(same_file(item, annex.name) for item in d.clues.listed):
                    found.append((d.name, BESTANDSNAAM))
                elif any(same_title(item, annex.title) for item in d.clues.listed):
                    found.append((d.name, BIJLAGELIJST))
        if len({main for main, _ in found}) == 1:
            links[annex.name] = found[0]
    # two documents that each name the other: neither is settled
    return {a: (m, s) for a, (m, s) in links.items() if links.get(m, (None,))[0] != a}
