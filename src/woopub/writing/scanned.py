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

from woopub.detect.dossier import PLACED_SHORTHAND, value_pattern
from woopub.model import KEEP, REDACT, LogEntry, Proposal
from woopub.reading.extract import extract_text
from woopub.reading.ocr import OcrWord, _middle, add_text_layer, page_picture_image
from woopub.reading.tesseract import Tesseract
from woopub.writing.pictured import _joined, _occurrences, _values
from woopub.writing.redact import redact_page
from woopub.writing.sanitize import sanitize, save_clean
from woopub.writing.secrets import NUMBER_ENTITIES, STRING_MIN_LENGTH
from woopub.writing.verify import VERIFY_OCR_DPI, dossier_forms_left

SCAN_DPI = VERIFY_OCR_DPI  # 200: the page verification read is read here from the memo, at one resolution
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
                     engine: Tesseract, index=None) -> list[LogEntry]:
    """Replace ``pages`` of the published file at ``path`` by scans of themselves with every value
    of ``proposals`` blacked out, and every name form of the dossier's ``index`` that OCR reads
    there (verification hunts for both); returns the log entries of the boxes added."""
    redacted = [p for p in proposals if p.action == REDACT and p.document == name]
    values = _values(redacted)
    # a dossier name form is a person's name: boxed under the ground of the document's own names
    person = next((p for p in redacted if p.entity == "PERSON"), None)
    added: list[LogEntry] = []
    path = Path(path)
    rewritten = path.with_name(path.name + ".scan")
    with pymupdf.open(path) as doc:
        # the rest of the document, for the recogniser: a short-hand is a name form only where the text
        # names its person ("DW" beside "Dirk Wolters"), and verification reads the whole document
        context = extract_text(doc).text if index is not None and len(index) else ""
        zoom = SCAN_DPI / 72
        pictures = [_picture(doc[number - 1], zoom) for number in pages]
        # every page read at once: Tesseract shares them among its processes and the run's memo
        readings = _read_all(pictures, zoom, engine)
        for number, picture, read in zip(pages, pictures, readings):
            boxes = [(pymupdf.Rect(e.box), e.ground) for e in entries if e.page == number]
            page = doc[number - 1]
            rotation = page.rotation
            page.set_rotation(0)  # drawn and read in unrotated page space, where the boxes are
            shown = _text_words(page)
            size = page.rect
            new: list[tuple[pymupdf.Rect, str, Proposal]] = []
            kept = [pymupdf.Rect(b) for p in proposals if p.action == KEEP and p.document == name and p.page == number
                    for b in p.boxes]
            found = _occurrences(read, values) + _occurrences(shown, values)
            found += _short_names(read, redacted, kept) + _short_names(shown, redacted, kept)
            if person is not None:
                found += [(person, words) for words in
                          _dossier_names(read, index, kept, context) + _dossier_names(shown, index, kept, context)]
            for source, words in found:
                for w in words:
                    cover = w.cover
                    if not any(b.contains(cover) for b, _ in boxes) and not any(n.contains(cover) for n, _, _ in new):
                        new.append((cover, source.ground or "", source))
            doc.delete_page(number - 1)
            scan = _scan_page(doc, number, size, picture, read, boxes + [(r, g) for r, g, _ in new])
            # the text layer read back as verification reads it (its own lines, the whole document as
            # context) may show a form the reading's words joined in one run did not: box it, write again
            for _ in range(LATE_FORM_ROUNDS if person is not None else 0):
                late = [_cover(r, read) for r in _forms_in_text_layer(doc, number, index, kept)
                        if not any(n.contains(_middle(tuple(r))) for n, _, _ in new)]
                if not late:
                    break
                new += [(r, person.ground or "", person) for r in late]
                doc.delete_page(number - 1)
                scan = _scan_page(doc, number, size, picture, read, boxes + [(r, g) for r, g, _ in new])
            scan.set_rotation(rotation)
            added += [LogEntry(name, number, tuple(round(c, 2) for c in r), g, p.entity, p.rule) for r, g, p in new]
        sanitize(doc)
        save_clean(doc, rewritten)  # a file is not rewritten over itself
    os.replace(rewritten, path)
    return added


LATE_FORM_ROUNDS = 3  # a page written again at most this often for forms its text layer shows


def _scan_page(doc: pymupdf.Document, number: int, size: pymupdf.Rect, picture: pymupdf.Pixmap,
               read: list[OcrWord], boxes: list[tuple[pymupdf.Rect, str]]) -> pymupdf.Page:
    """Page ``number`` (1-based) made anew: ``picture`` with ``boxes`` redacted in its pixels and
    drawn with their codes, and the OCR words outside them as its invisible text layer."""
    scan = doc.new_page(number - 1, width=size.width, height=size.height)
    scan.insert_image(scan.rect, pixmap=picture)
    if boxes:
        redact_page(scan, [(tuple(r), g) for r, g in boxes])  # the picture's pixels too
    add_text_layer(scan, read, [tuple(r) for r, _ in boxes])
    return scan


def _cover(rect: pymupdf.Rect, read: list[OcrWord]) -> pymupdf.Rect:
    """The box over a text-layer word: the OCR word it was written from (its ink, padded), else itself."""
    for w in read:
        if pymupdf.Rect(w.box).contains(_middle(tuple(rect))):
            return pymupdf.Rect(w.cover) | rect
    return rect


def _forms_in_text_layer(doc: pymupdf.Document, number: int, index, kept: list[pymupdf.Rect]) -> list[pymupdf.Rect]:
    """The word boxes on page ``number`` in which verification's ``check_dossier_names`` finds a
    dossier name form, outside the boxes of names kept on purpose."""
    if index is None or not len(index):
        return []
    text = extract_text(doc)
    return [pymupdf.Rect(text.words[i].box) for words in dossier_forms_left(text, index, {number: kept})
            for i in words if text.words[i].page == number - 1]


def _short_names(words: list[OcrWord], redacted: list[Proposal], kept: list[pymupdf.Rect]) -> list:
    """Where a name too short for ``_values`` ("An", "NH") stands as a word, as verification's text
    check finds it (``value_pattern``: case kept, on word edges), outside the boxes of kept names."""
    text, owner = _joined(words, lambda w: " ".join(w.text.split()), " ")
    out, seen = [], set()
    for p in redacted:
        value = " ".join(p.text.split())
        if (p.entity in NUMBER_ENTITIES or p.entity == "EMAIL" or len(value) >= STRING_MIN_LENGTH or value in seen
                or PLACED_SHORTHAND in p.evidence):  # verification looks for it in its own boxes only
            continue
        seen.add(value)
        for m in value_pattern(value).finditer(text):
            spanned = [words[k] for k in sorted({owner[i] for i in range(m.start(), m.end()) if owner[i] >= 0})]
            if spanned and not all(any(b.contains(_middle(w.box)) for b in kept) for w in spanned):
                out.append((p, spanned))
    return out


def _dossier_names(words: list[OcrWord], index, kept: list[pymupdf.Rect], context: str = "") -> list[list[OcrWord]]:
    """The words in which the dossier's recogniser finds a name form, as verification's
    ``check_dossier_names`` finds them in the whole document (outside the boxes of names kept on
    purpose): the page's words are read with the document's ``context`` after them."""
    if index is None or not len(index) or not words:
        return []
    text, owner = _joined(words, lambda w: " ".join(w.text.split()), " ")
    out = []
    for r in index.recogniser().analyze(text + "\n\f\n" + context, ["PERSON"]):
        if r.end > len(text):
            continue  # in the context, not on this page
        evidence = (r.recognition_metadata or {}).get("evidence", ())
        if "dossier:in-organisation-name" in evidence or PLACED_SHORTHAND in evidence:
            continue  # verification leaves these too
        spanned = [words[k] for k in sorted({owner[i] for i in range(r.start, r.end) if owner[i] >= 0})]
        if spanned and not all(any(b.contains(_middle(w.box)) for b in kept) for w in spanned):
            out.append(spanned)
    return out


def _picture(page: pymupdf.Page, zoom: float) -> pymupdf.Pixmap:
    """The page as the reader sees it, in unrotated page space (where the boxes are)."""
    rotation = page.rotation
    page.set_rotation(0)
    try:
        return page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
    finally:
        page.set_rotation(rotation)


def _read_all(pictures: list[pymupdf.Pixmap], zoom: float, engine: Tesseract) -> list[list[OcrWord]]:
    # as verification reads a page (``page_picture_image``): the page it just read is not read again
    jobs = [(page_picture_image(picture), SCAN_DPI) for picture in pictures]
    readings = []
    for found in engine.read_all(jobs):
        if isinstance(found, Exception):
            raise found  # as a failed read did before: the repair does not publish a page it could not read
        readings.append([OcrWord(tuple(pymupdf.Rect(t.left, t.top, t.left + t.width, t.top + t.height) * (1 / zoom)),
                                 t.text, t.confidence, (0, *t.line)) for t in found])
    return readings


def _text_words(page: pymupdf.Page) -> list[OcrWord]:
    """The page's text-layer words, as OCR words: where the text layer says a value stands."""
    return [OcrWord(tuple(w[:4]), w[4], 100.0, (0, w[5], w[6], 0)) for w in page.get_text("words")]
