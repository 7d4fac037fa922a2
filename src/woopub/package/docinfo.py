"""A published document's title and date, read from the published (redacted) PDF.

Read from the file as it is published, after redaction: a title or date taken
there can hold nothing a redaction removed, because what the decisions removed
is no longer in the text (a redacted span reads as its ground code). The
PDF's title metadata is not used: publishing scrubs it, and in the input it
often is a file name or an author's name that no decision ever looked at.

Title: the subject line ("Onderwerp", "Betreft", "Subject") when the first
page has one, else its heading (the line, or up to three lines, in the
largest type on the page, when that type stands out), else its first line of
at least three words. Date: ``decide.docdate`` over the first pages' text (the
labelled "Datum"/"Verzonden" date first). Each comes with its source.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

import pymupdf

from woopub.decide.docdate import document_date

SUBJECT = re.compile(r"^\s*(onderwerp|betreft|subject|inzake)\s*:?\s*(.*\S)?\s*$", re.IGNORECASE)
TITLE_MAX = 200
FIRST_LINE_WORDS = 3  # a first line used as the title when nothing stands out: at least this many words
MIN_LETTERS = 4
DATE_PAGES = 2
HEADING_LINES = 3


@dataclass(frozen=True)
class DocumentInfo:
    title: str | None = None
    title_source: str | None = None  # "onderwerpregel", "kop", "eerste regel"
    date: dt.date | None = None
    date_source: str | None = None  # "document"


def _lines(page: pymupdf.Page) -> list[tuple[str, float, float]]:
    """(text, largest font size, top) per line of the page, in reading order."""
    out = []
    for block in page.get_text("dict", flags=pymupdf.TEXTFLAGS_TEXT)["blocks"]:
        for line in block.get("lines", []):
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            text = " ".join("".join(s["text"] for s in spans).split())
            out.append((text, max(s["size"] for s in spans), line["bbox"][1]))
    return out


def _usable(text: str) -> bool:
    return sum(c.isalpha() for c in text) >= MIN_LETTERS


def _clip(text: str) -> str:
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1].rstrip() + "…"


def document_title(page: pymupdf.Page) -> tuple[str, str] | None:
    lines = _lines(page)
    for i, (text, _, _) in enumerate(lines):
        m = SUBJECT.match(text)
        if m:
            subject = m.group(2) or (lines[i + 1][0] if i + 1 < len(lines) else "")
            if _usable(subject):
                return _clip(subject), "onderwerpregel"
    # the whole page: a cover's title often stands low on it
    upper = [(t, size) for t, size, _ in lines if _usable(t)]
    if not upper:
        return None
    biggest = max(size for _, size in upper)
    sizes = sorted(size for _, size in upper)
    # a heading: larger than most lines, or than the rest when the page has few lines
    standout = biggest > sizes[len(sizes) // 2] or (biggest > sizes[0] and sizes.count(biggest) <= HEADING_LINES)
    if not standout:
        first = next((t for t, _ in upper if len(t.split()) >= FIRST_LINE_WORDS), None)
        return (_clip(first), "eerste regel") if first else None
    first = next(i for i, (_, size) in enumerate(upper) if size == biggest)
    heading = [t for t, _ in itertools.takewhile(lambda ts: ts[1] == biggest, upper[first : first + HEADING_LINES])]
    return _clip(" ".join(heading)), "kop"  # a heading set over more lines is one title


def read_document_info(doc: pymupdf.Document) -> DocumentInfo:
    if doc.page_count == 0:
        return DocumentInfo()
    title = document_title(doc[0])
    text = "\n".join(doc[i].get_text() for i in range(min(DATE_PAGES, doc.page_count)))
    day = document_date(text)
    return DocumentInfo(title[0] if title else None, title[1] if title else None, day, "document" if day else None)
