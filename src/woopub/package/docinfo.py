"""A published document's title and date, read from the published (redacted) PDF.

Read from the file as it is published, after redaction: a title or date taken
there can hold nothing a redaction removed, because what the decisions removed
is no longer in the text; a redacted span reads as its ground code in brackets,
where the box stands (``Gesprek met [5.1.2e]``). The
PDF's title metadata is not used: publishing scrubs it, and in the input it
often is a file name or an author's name that no decision ever looked at.

Title: the subject line ("Onderwerp", "Betreft", "Subject") when the first
page has one, else its heading (the line, or up to three close lines, in the
largest type on the page that stands out from the body's type; not text in a
logo, not a letterhead, not a lone word above a longer heading: ``_heading``),
else its first line of at least three words. Date: ``decide.docdate`` over the first pages' text (the
labelled "Datum"/"Verzonden" date first). Each comes with its source.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import pymupdf

from woopub.docdate import document_date
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
STANDOUT = 1.05  # a heading's type is at least this much larger than the body's
HEADING_GAP = 1.6  # the tops of one heading's lines stand at most this many times their size apart
SIZE_TOLERANCE = 0.03  # one type size, as a PDF's rounding gives it
COVER_CHARS = 300  # a first page with no more text than this is a cover
DISPLAY_TYPE = 18.0  # points: larger than any body text
LOGO_AREA = 0.15  # an image smaller than this share of the page is a logo or picture, not a background
MASTHEAD_BAND = 0.06  # the top of a portrait page, where a letterhead stands
NEAR_SIZE = 0.8  # a lone word yields to a longer heading at least this large (relative)
# a line that is an organisation's name is a letterhead, not the document's title
ORGANISATION = re.compile(
    r"^\s*(?:(?:tweede|eerste)\s+kamer(?:\s+der\s+staten-generaal)?|staten-generaal|ministerie\s+van\s+[\w\s,-]+|"
    r"rijksoverheid|gemeente\s+[\w\s'-]+|provincie\s+[\w\s-]+|waterschap\s+[\w\s-]+|raad\s+van\s+state|"
    r"algemene\s+rekenkamer)\s*$", re.IGNORECASE)
GAP_JOIN = 12.0  # points between a redaction box and the text it split off


@dataclass(frozen=True)
class DocumentInfo:
    title: str | None = None
    title_source: str | None = None  # "onderwerpregel", "kop", "eerste regel"
    date: dt.date | None = None
    date_source: str | None = None  # "document"
    thread_subject: str | None = None  # an e-mail's subject without "RE:"/"FW:": the key of its thread
    annex: AnnexClues = AnnexClues()  # what it says about annexes: its own main document, the annexes it lists


def _lines(page: pymupdf.Page, labels: list[tuple[pymupdf.Rect, str]] = ()) -> list[tuple[str, float, pymupdf.Rect]]:
    """(text, largest font size, box) per line of the page, in reading order.

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
        out.append((text, size, box))
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
    usable = [ln for ln in lines if _usable(ln[0])]
    if not usable:
        return None
    heading = _heading(page, usable)
    if heading:
        return _clip(heading), "kop"
    first = next((t for t, _, _ in usable if len(t.split()) >= FIRST_LINE_WORDS), None)
    return (_clip(first), "eerste regel") if first else None


def _body_size(lines) -> float:
    """The font size most of the page's text is set in (by characters, not lines)."""
    chars: dict[float, int] = {}
    for text, size, _ in lines:
        chars[round(size, 1)] = chars.get(round(size, 1), 0) + len(text)
    return max(chars, key=chars.get)


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= SIZE_TOLERANCE * max(a, b)


def _heading(page: pymupdf.Page, lines) -> str | None:
    """The page's title: its largest type that stands out from the body, skipping a letterhead.

    A line is no title when it stands in a logo or picture (text set in an image's
    area: a small image, not a page-wide background), when it is a letterhead (the
    top band of a portrait page, or an organisation's name: "Tweede Kamer der
    Staten-Generaal"), or a lone word above a longer heading in the same type ("nota"
    above "Brief voortgang ..."). Lines of one heading follow each other closely; a
    wider gap starts another."""
    body = _body_size(lines) * STANDOUT
    if sum(len(t) for t, _, _ in lines) <= COVER_CHARS:
        # a cover (little text) has no body type: its larger type is the title, or, when all its text is
        # in one size, that text when the size is display type (a slide's "Profielen en / Capabilities")
        sizes = {round(size, 1) for _, size, _ in lines}
        body = min(sizes) * STANDOUT if len(sizes) > 1 else (0.0 if min(sizes) >= DISPLAY_TYPE else body)
    area = abs(page.rect)
    logos = [pymupdf.Rect(i["bbox"]) for i in page.get_image_info() if abs(pymupdf.Rect(i["bbox"])) < LOGO_AREA * area]
    portrait = page.rect.height > page.rect.width
    groups: list[list] = []
    for text, size, box in lines:
        if size < body or any(logo.contains(_centre(box)) for logo in logos):
            continue
        if ORGANISATION.match(text):  # a letterhead's line never joins a heading ("... Gemeente 's Gravenhage")
            groups.append([(text, size, box)])
            continue
        last = groups[-1][-1] if groups else None
        # top to top: line boxes of large type overlap their neighbours'
        if last and _same_size(last[1], size) and not ORGANISATION.match(last[0]) and 0 < box.y0 - last[2].y0 <= HEADING_GAP * size \
                and len(groups[-1]) < HEADING_LINES:
            groups[-1].append((text, size, box))
        else:
            groups.append([(text, size, box)])
    if not groups:
        return None

    def letterhead(group) -> bool:
        text = " ".join(t for t, _, _ in group)
        top = group[0][2].y0
        return bool(ORGANISATION.match(text)) or (portrait and top < MASTHEAD_BAND * page.rect.height)

    kept = [g for g in groups if not letterhead(g)] or groups
    biggest = max(g[0][1] for g in kept)
    largest = [g for g in kept if _same_size(g[0][1], biggest)]
    # a lone word ("nota", "NORA") yields to a heading of more words in the same or a near size
    worded = [g for g in kept if g[0][1] >= biggest * NEAR_SIZE and sum(len(t.split()) for t, _, _ in g) >= 2]
    chosen = largest[0]
    if sum(len(t.split()) for t, _, _ in chosen) < 2 and worded:
        chosen = max(worded, key=lambda g: g[0][1])
    return " ".join(t for t, _, _ in chosen)


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
