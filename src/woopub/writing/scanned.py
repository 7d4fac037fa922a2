"""The last resort of repair: a page on which verification still finds a redacted value is
published as a scan.

Redaction removes glyphs by their positions and pictures' pixels under each box; verification
then reads the published file in every way it can. Where it still finds a value on a page (a
glyph MuPDF's filter did not take, text in a construct redaction does not reach), the page is
rendered as the reader sees it, every place the value stands is blacked out in the pixels (where
the text layer said it stands and where OCR of the rendering reads it), and the page is replaced
by that picture with the redaction boxes and their ground codes on top and the OCR words that stay
as an invisible text layer, as a scanned page is published. The file is then verified again; a
document is withheld only when the value is still found.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pymupdf

from woopub.model import REDACT, LogEntry, Proposal
from woopub.reading.ocr import OcrWord, Tesseract, add_text_layer
from woopub.writing.pictured import _occurrences, _values
from woopub.writing.redact import redact_page
from woopub.writing.sanitize import sanitize, save_clean

SCAN_DPI = 200
# a known value found again: blacked out in the scan. Not "unreadable text": a page whose text could
# not be read was never searched for names, and a scan of it would publish them
REPAIRABLE = {"leak"}
_PAGE = re.compile(r"\bpage (\d+)\b")


def pages_to_scan(path, problems, secret_sets) -> list[int]:
    """The pages (1-based) to publish as scans: those the problems name, else those whose text
    still holds a value. Empty when a problem is of a kind a scan does not repair."""
    if not problems or any(p.kind not in REPAIRABLE for p in problems):
        return []
    named = {int(m.group(1)) for p in problems for m in _PAGE.finditer(p.detail)}
    with pymupdf.open(path) as doc:
        if named:
            return sorted(n for n in named if 1 <= n <= len(doc))
        return [page.number + 1 for page in doc
                if any(s.first_in(page.get_text()) is not None for s in secret_sets)]


def publish_as_scans(path, name: str, pages: list[int], proposals: list[Proposal], entries: list[LogEntry],
                     engine: Tesseract) -> list[LogEntry]:
    """Replace ``pages`` of the published file at ``path`` by scans of themselves with every value
    of ``proposals`` blacked out; returns the log entries of the boxes added."""
    values = _values([p for p in proposals if p.action == REDACT and p.document == name])
    added: list[LogEntry] = []
    path = Path(path)
    rewritten = path.with_name(path.name + ".scan")
    with pymupdf.open(path) as doc:
        for number in pages:
            boxes = [(pymupdf.Rect(e.box), e.ground) for e in entries if e.page == number]
            page = doc[number - 1]
            rotation = page.rotation
            page.set_rotation(0)  # drawn and read in unrotated page space, where the boxes are
            zoom = SCAN_DPI / 72
            picture = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
            read = _read(picture, zoom, engine)
            shown = _text_words(page)
            size = page.rect
            new: list[tuple[pymupdf.Rect, str, Proposal]] = []
            for source, words in _occurrences(read, values) + _occurrences(shown, values):
                for w in words:
                    cover = w.cover
                    if not any(b.contains(cover) for b, _ in boxes) and not any(n.contains(cover) for n, _, _ in new):
                        new.append((cover, source.ground or "", source))
            doc.delete_page(number - 1)
            scan = doc.new_page(number - 1, width=size.width, height=size.height)
            scan.insert_image(scan.rect, pixmap=picture)
            everything = boxes + [(r, g) for r, g, _ in new]
            if everything:
                redact_page(scan, [(tuple(r), g) for r, g in everything])  # the picture's pixels too
            add_text_layer(scan, read, [tuple(r) for r, _ in everything])
            scan.set_rotation(rotation)
            added += [LogEntry(name, number, tuple(round(c, 2) for c in r), g, p.entity, p.rule) for r, g, p in new]
        sanitize(doc)
        save_clean(doc, rewritten)  # a file is not rewritten over itself
    os.replace(rewritten, path)
    return added


def _read(picture: pymupdf.Pixmap, zoom: float, engine: Tesseract) -> list[OcrWord]:
    grey = pymupdf.Pixmap(pymupdf.csGRAY, picture)
    words = []
    for t in engine.read(grey.tobytes("pnm"), SCAN_DPI):
        box = pymupdf.Rect(t.left, t.top, t.left + t.width, t.top + t.height) * (1 / zoom)
        words.append(OcrWord(tuple(box), t.text, t.confidence, (0, *t.line)))
    return words


def _text_words(page: pymupdf.Page) -> list[OcrWord]:
    """The page's text-layer words, as OCR words: where the text layer says a value stands."""
    return [OcrWord(tuple(w[:4]), w[4], 100.0, (0, w[5], w[6], 0)) for w in page.get_text("words")]
