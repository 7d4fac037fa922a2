"""A published document's title and date, read from the published (redacted) PDF.

Read from the file as it is published, after redaction: a title or date taken
there can hold nothing a redaction removed, because what the decisions removed
is no longer in the text; a redacted span reads as its ground code in brackets,
where the box stands (``Gesprek met [5.1.2e]``). The
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
import unicodedata
from dataclasses import dataclass

import pymupdf

from woopub.decide.docdate import document_date
from woopub.package.annexes import AnnexClues, read_annex_clues

SENDER = re.compile(r"^\s*(van|from)\s*:", re.IGNORECASE)
SENT = re.compile(r"^\s*(verzonden|sent|datum|date)\s*:", re.IGNORECASE)
REPLY = re.compile(r"^\s*((re|fw|fwd|aw|wg|tr|antw|doorst)\s*:\s*)+", re.IGNORECASE)
SUBJECT = re.compile(r"^\s*(onderwerp|betreft|subject|inzake)\s*:?\s*(.*\S)?\s*$", re.IGNORECASE)
TITLE_MAX = 200
FIRST_LINE_WORDS = 3  # a first line used as the title when nothing stands out: at least this many words
MIN_LETTERS = 4
DATE_PAGES = 2
HEADING_LINES = 3
GAP_JOIN = 12.0  # points between a redaction box and the text it split off


@dataclass(frozen=True)
class DocumentInfo:
    title: str | None = None
    title_source: str | None = None  # "onderwerpregel", "kop", "eerste regel"
    date: dt.date | None = None
    date_source: str | None = None  # "document"
    thread_subject: str | None = None  # an e-mail's subject without "RE:"/"FW:": the key of its thread
    annex: AnnexClues = AnnexClues()  # what it says about annexes: its own main document, the annexes it lists


def _lines(page: pymupdf.Page, labels: list[tuple[pymupdf.Rect, str]] = ()) -> list[tuple[str, float, float]]:
    """(text, largest font size, top) per line of the page, in reading order.

    ``labels`` are the page's redaction boxes with their ground codes (from the log): a
    drawn code is read as ``[code]`` in the line it stands on, where the box is, not as
    the separate line at the page's end that the drawing order makes of it."""
    lines, codes = [], []
    for block in page.get_text("dict", flags=pymupdf.TEXTFLAGS_TEXT)["blocks"]:
        for line in block.get("lines", []):
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            text = " ".join("".join(s["text"] for s in spans).split())
            box = pymupdf.Rect(line["bbox"])
            hit = next(((r, g) for r, g in labels if text == g and r.contains(_centre(box))), None)
            if hit is not None:
                codes.append(hit)  # the redaction box, not the narrower code drawn in it
            else:
                lines.append([[(s["bbox"][0], s["text"]) for s in spans], max(s["size"] for s in spans), box])
    for box, code in codes:
        row = [ln for ln in lines if _overlap(ln[2], box) >= 0.5]
        if not row:
            continue
        # the line nearest the box on its row takes the code, and the line the box split off
        # on its other side (a reader splits a line at a wide gap) joins it again
        target = min(row, key=lambda ln: min(abs(ln[2].x0 - box.x1), abs(box.x0 - ln[2].x1)))
        target[0].append((box.x0, f"[{code}]"))
        target[2] |= box
        beside = [ln for ln in row if ln is not target and abs(ln[2].x0 - box.x1) <= GAP_JOIN
                  or ln is not target and abs(box.x0 - ln[2].x1) <= GAP_JOIN]
        for ln in beside[:1]:
            target[0].extend(ln[0])
            target[1] = max(target[1], ln[1])
            target[2] |= ln[2]
            lines.remove(ln)
    out = []
    for pieces, size, box in lines:
        text = " ".join(" ".join(t for _, t in sorted(pieces, key=lambda p: p[0])).split())
        out.append((text, size, box.y0))
    return out


def _centre(box: pymupdf.Rect) -> pymupdf.Point:
    return pymupdf.Point((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)


def _overlap(a: pymupdf.Rect, b: pymupdf.Rect) -> float:
    shared = min(a.y1, b.y1) - max(a.y0, b.y0)
    return shared / max(min(a.height, b.height), 0.01)


def _usable(text: str) -> bool:
    return sum(c.isalpha() for c in text) >= MIN_LETTERS


def _clip(text: str) -> str:
    # control and private-use characters (a hostile file's text layer) are no part of a title
    text = " ".join("".join(c for c in text if unicodedata.category(c)[0] != "C").split())
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1].rstrip() + "…"


def document_title(page: pymupdf.Page, labels: list[tuple[pymupdf.Rect, str]] = ()) -> tuple[str, str] | None:
    lines = _lines(page, labels)
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


def read_document_info(doc: pymupdf.Document, entries: list[dict] = ()) -> DocumentInfo:
    """``entries``: the log's redactions of this document (page, rect, ground)."""
    if doc.page_count == 0:
        return DocumentInfo()
    first = doc[0]
    labels = [(pymupdf.Rect(e["rect"]) * first.rotation_matrix, e["ground"]) for e in entries if e["page"] == 1]
    title = document_title(first, labels)
    thread = _thread_subject(first, labels)
    text = "\n".join(doc[i].get_text() for i in range(min(DATE_PAGES, doc.page_count)))
    day = document_date(text)
    return DocumentInfo(title[0] if title else None, title[1] if title else None, day, "document" if day else None,
                        thread, read_annex_clues(doc))


def thread_key(subject: str) -> str:
    """An e-mail subject as its thread knows it: without reply and forward prefixes, case and spacing."""
    return " ".join(REPLY.sub("", subject).split()).lower()


def _thread_subject(page: pymupdf.Page, labels) -> str | None:
    """The thread key of an e-mail (a page with a sender line, a sent line and a subject line)."""
    lines = [t for t, _, _ in _lines(page, labels)]
    if not (any(SENDER.match(t) for t in lines) and any(SENT.match(t) for t in lines)):
        return None
    for i, t in enumerate(lines):
        m = SUBJECT.match(t)
        if m:
            subject = m.group(2) or (lines[i + 1] if i + 1 < len(lines) else "")
            key = thread_key(subject)
            return key if _usable(key) else None
    return None
