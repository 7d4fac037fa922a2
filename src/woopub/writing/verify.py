"""Re-open published PDFs and prove they are clean.

A published PDF fails verification when:
  * any redacted value of the dossier can still be extracted: from the text
    of any page (hidden text, hidden layers, text outside the page and text
    drawn at zero size included), from any object of the file (metadata,
    annotations, JavaScript, attachments, form values, layer names, page
    labels, content streams), from any text string as a second parser
    (qpdf) reads it, or from any stream in the raw bytes, also those no
    cross-reference table points to (earlier revisions, orphans);
  * it carries annotations, links, form fields, outline entries, attached
    files, JavaScript or open actions, Info or XMP metadata, catalog or page
    entries outside sanitize's allow-lists (named destinations, threads,
    layers, thumbnails, ...), page-label prefixes, alternate texts of marked
    content, alternate images, or a text string where no text belongs;
  * it has an incremental-update history (an earlier revision could be
    recovered);
  * a redaction box listed in the publication log shows no ground code.

The redacted values come from the internal record next to the output folder
(never from the published folder). Messages name the document, page and
proposal id, never the value itself.

This module checks the pages (text, pictures, ground codes) and runs every
check (``verify_pdf``); what the file carries beside its pages (objects,
strings, raw bytes, hygiene) is checked in ``writing.filecheck``, and the
values hunted for are ``writing.secrets``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from woopub.decide.marked import term_pattern
from woopub.detect.dossier import PLACED_SHORTHAND, value_pattern
from woopub.errors import one_line
from woopub.reading.ocr import page_picture_image, read_pages
from woopub.reading.planning import PictureCheck, image_digests, plan_page, unmapped_letters
from woopub.reading.tesseract import Tesseract
from woopub.reading.pictures import ImageDigests
from woopub.reading.extract import WORD_CLIP, WORD_FLAGS, extract_text, text_layer_words
from woopub.reading.intake import forget_warnings, loss_warnings, unreadable_text
from woopub.model import KEEP, REDACT, Problem, Proposal
from woopub.reading.prepare import show_hidden_layers
from woopub.writing.filecheck import check_hygiene, check_objects, check_raw, check_strings
from woopub.writing.labels import LEGEND_PREFIX, short_code
from woopub.writing.stamped import StampedCopy, StampProof, stamp_proof
from woopub.writing.secrets import (DOSSIER_FORM_LABEL, INVISIBLE_MIN_LENGTH, NUMBER_ENTITIES, Secret, SecretSet,
                                    digits_only, normal_form, occurring, secret_sets, without_spaces)


def _term_leaks(name: str, text: str, secrets, where: str) -> list[Problem]:
    """Searched terms (``Secret.anywhere``) still in ``text``: with the pattern the search used."""
    problems = []
    for group in secret_sets(secrets):
        for s in group:
            if not s.anywhere:
                continue
            pattern = term_pattern(s.value)
            if pattern is not None and pattern.search(text):
                problems.append(Problem(name, "leak", f"{s.label} is still in the {where}"))
    return problems


def _keep_boxes(proposals: list[Proposal], document: str) -> dict[int, list[pymupdf.Rect]]:
    boxes: dict[int, list[pymupdf.Rect]] = {}
    for p in proposals:
        if p.action == KEEP and p.document == document:
            boxes.setdefault(p.page, []).extend(pymupdf.Rect(b) for b in p.boxes)
    return boxes


VERIFY_OCR_DPI = 200


def _check_by_ocr(pages: list[pymupdf.Page], name: str, secrets: list[Secret]) -> dict[int, list[Problem]]:
    """Verify pages whose glyphs carry no Unicode meaning by reading their renderings with OCR, as the
    redaction pass did; without OCR a page cannot be verified. The problems of each page, by its
    0-based number. The pages are read together (in parallel) and through Tesseract's memo of the
    run (``Tesseract.read_all``): the same rendering read before in this run (the verification
    before a scan repair, which left this page alone) takes the words read then."""
    engine = Tesseract()
    if engine.problem():
        return _without_ocr(pages, name, engine)
    out = {}
    for start in range(0, len(pages), engine.workers):  # as many renderings held at once as are read at once
        out.update(_read_unmapped(pages[start:start + engine.workers], name, secrets, engine))
    return out


def _without_ocr(pages: list[pymupdf.Page], name: str, engine: Tesseract) -> dict[int, list[Problem]]:
    return {p.number: [Problem(name, "unreadable text", f"page {p.number + 1}: glyphs without a Unicode "
                                                        f"meaning, and no OCR to read them ({engine.problem()})")]
            for p in pages}


def _check_bands(pages: list[pymupdf.Page], name: str, secrets, proof: StampProof | None) -> dict[int, list[Problem]]:
    """The stamp's band of each proven page read by OCR and searched, as ``_check_by_ocr`` searches a
    whole page (the rest of the page is the verified published file's)."""
    if not pages:
        return {}
    engine = Tesseract()
    if engine.problem():
        return _without_ocr(pages, name, engine)
    out = {}
    for reading in read_pages([(p, [proof.band(p, VERIFY_OCR_DPI)]) for p in pages], engine, rules=False):
        number = reading.page + 1
        if reading.error:
            failed = f"page {number}: OCR failed ({one_line(reading.error)})"
            out[reading.page] = [Problem(name, "unreadable text", failed)]
        else:
            out[reading.page] = _leaks_in(name, number, [(w.box, w.text) for w in reading.words], {}, secrets)
    return out


def _read_unmapped(pages: list[pymupdf.Page], name: str, secrets: list[Secret], engine: Tesseract) -> dict[int, list[Problem]]:
    """``_check_by_ocr`` for a few pages, rendered and read at once."""
    # in the form the scan repair reads a page in (``page_picture_image``): a page found here to show a
    # value is replaced by a scan whose reading is then this one, from the run's memo, not a second run
    zoom = pymupdf.Matrix(VERIFY_OCR_DPI / 72, VERIFY_OCR_DPI / 72)
    jobs = [(page_picture_image(page.get_pixmap(matrix=zoom, alpha=False)), VERIFY_OCR_DPI) for page in pages]
    try:
        results = engine.read_all(jobs)
    except Exception as exc:  # as a failed reading of each page
        results = [exc] * len(pages)
    out = {}
    for page, result in zip(pages, results):
        if isinstance(result, Exception):
            out[page.number] = [Problem(name, "unreadable text", f"page {page.number + 1}: OCR failed ({one_line(result)})")]
            continue
        read = " ".join(w.text for w in result)
        found = [s for group in secret_sets(secrets) if (s := group.first_in(read)) is not None]
        out[page.number] = ([Problem(name, "leak", f"{found[0].label} is drawn on page {page.number + 1} (read by OCR)")]
                            if found else [])
    return out


def _centre(box) -> pymupdf.Point:
    rect = pymupdf.Rect(box)
    return (rect.tl + rect.br) / 2


@dataclass(frozen=True)
class PicturesRead:
    """What the redaction pass read by OCR in the pictures of one page, before redacting it: the
    regions (page space), the words read there, and the pictures shown there (digest of their
    pixels and where they stand). Verification reuses a region's words when the published page
    shows the same pictures in it and no redaction box touches it (``check_pictures``)."""

    regions: tuple  # of (Box, reason)
    words: tuple  # of (Box, text)
    images: frozenset  # of (digest, rounded bbox)


def _images_shown(page: pymupdf.Page, digests: ImageDigests | None = None) -> frozenset:
    infos = digests.page_infos(page) if digests is not None else page.get_image_info(hashes=True)
    return frozenset((info.get("digest") or b"", tuple(round(c, 1) for c in info["bbox"])) for info in infos)


def pictures_read(doc: pymupdf.Document, readings: dict) -> dict[int, PicturesRead]:
    """The redaction pass's OCR of pictures, per 0-based page, recorded before the page is redacted.
    Pages read whole (scans), pages with annotations or form fields (sanitising changes what is
    drawn over the pictures) and pages whose OCR failed are not recorded: verification reads them."""
    out = {}
    if doc.get_ocgs():  # layers sanitising may show or drop change what is drawn over a picture
        return out
    digests = image_digests()  # each image decoded once for its digest, not at every placement
    for index, reading in readings.items():
        if reading.error or not reading.regions or any(r.whole_page for r in reading.regions):
            continue
        page = doc[index]
        if page.first_annot is not None or page.first_widget is not None:
            continue
        out[index] = PicturesRead(tuple((tuple(r.rect), r.reason) for r in reading.regions),
                                  tuple((w.box, w.text) for w in reading.words), _images_shown(page, digests))
    return out


def _reusable(region, page: pymupdf.Page, earlier: "PicturesRead | None", boxes: list[pymupdf.Rect],
              shown: list, digests: ImageDigests | None = None) -> bool:
    """Whether the redaction pass's reading of ``region`` still says what the published page shows:
    the same region was read, no redaction box touches it, and the pictures in it are the same
    pixels in the same places. When in doubt: no (verification reads it again)."""
    if earlier is None or region.whole_page:
        return False
    rect = pymupdf.Rect(region.rect)
    if not any(reason == region.reason and _same_rect(rect, pymupdf.Rect(r)) for r, reason in earlier.regions):
        return False
    if any(b.intersects(rect) for b in boxes):
        return False
    if not shown:
        shown.append(_images_shown(page, digests))  # the digests ``pictures_read`` recorded
    now = {i for i in shown[0] if pymupdf.Rect(i[1]).intersects(rect)}
    before = {i for i in earlier.images if pymupdf.Rect(i[1]).intersects(rect)}
    return bool(now) and now == before and all(digest for digest, _ in now)


def _same_rect(a: pymupdf.Rect, b: pymupdf.Rect, tolerance: float = 0.5) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def check_pictures(doc: pymupdf.Document, name: str, secrets: list[Secret],
                   keep: dict[int, list[pymupdf.Rect]], earlier: dict[int, PicturesRead] | None = None,
                   boxes: dict[int, list[pymupdf.Rect]] | None = None, readings: dict | None = None,
                   looks: dict | None = None, proof: StampProof | None = None) -> list[Problem]:
    """Read by OCR what the redaction pass reads by OCR (images, strips, stencil masks, letters
    drawn as outlines, doubtful text layers, scans) and search it for redacted values: a value
    shown only as pixels is found nowhere else. Pages that show none of these cost nothing;
    unmapped-glyph pages are read by ``check_text``. Words in a keep box are not searched.
    Only this document's redacted values are searched: OCR of a slide full of capitals matches
    the dossier's short name forms by chance (13 of 171 files of ../shared/realpdf withheld so).

    ``earlier`` (``pictures_read``) and ``boxes`` (the redaction boxes, per 1-based page): a
    picture the redaction pass read and left untouched is not read again; its earlier words
    are searched instead (``_reusable`` says when that is sound).

    ``readings`` (the redaction pass's ``PageReading`` per 0-based page): a region the published
    page renders to the very pixels that pass read (a scan without redactions) takes its words
    (``read_pages``). ``looks``: that pass's looks at pictures, by the digest of their pixels.

    ``proof``: the document is a stamped copy of a published file the run verified; on a page proven
    equal to it outside the stamp, the regions the stamp touches are read as the stamp's band alone
    (``writing.stamped``)."""
    own = [s for group in secret_sets(secrets) for s in group if s.label != DOSSIER_FORM_LABEL]
    if not own:
        return []
    secrets = [SecretSet(own)]
    earlier, boxes = earlier or {}, boxes or {}
    plans, reused = [], {}
    # the pages with redaction boxes, each loaded once: PyMuPDF keeps a page's image digests with
    # the page, so the pictures are decoded for their digests once, not for each question asked
    boxed = {n - 1: doc[n - 1] for n, rects in boxes.items() if rects and 0 < n <= len(doc)}
    check = PictureCheck(doc)  # each picture looked at once per document
    check.looks = _looks_untouched(boxed, looks, boxes, check.digests)
    for number in range(len(doc)):
        page = boxed[number] if number in boxed else doc[number]
        regions = plan_page(page, check=check)
        if not regions or unmapped_letters(page):
            continue
        if proof is not None:
            regions = proof.regions(page, regions)
        shown: list = []
        page_boxes = boxes.get(page.number + 1, [])
        old = [r for r in regions if _reusable(r, page, earlier.get(page.number), page_boxes, shown, check.digests)]
        if old:
            rects = [pymupdf.Rect(r.rect) for r in old]
            reused[page.number] = [(box, text) for box, text in earlier[page.number].words
                                   if any(r.contains(_centre(box)) for r in rects)]
        new = [r for r in regions if r not in old]
        if new:
            plans.append((page, new))
    problems = [problem for number, words in sorted(reused.items())
                for problem in _leaks_in(name, number + 1, words, keep, secrets)]
    if not plans:
        return problems
    engine = Tesseract()
    if engine.problem():
        return problems + [Problem(name, "unreadable text", f"page {plans[0][0].number + 1}: pictures that may hold "
                                                             f"text, and no OCR to read them ({engine.problem()})")]
    for reading in read_pages(plans, engine, readings, rules=False):
        number = reading.page + 1
        if reading.error:
            problems.append(Problem(name, "unreadable text", f"page {number}: OCR failed ({one_line(reading.error)})"))
            continue
        problems += _leaks_in(name, number, [(w.box, w.text) for w in reading.words], keep, secrets)
    return problems


def _looks_untouched(boxed: dict[int, pymupdf.Page], looks: dict | None, boxes: dict[int, list[pymupdf.Rect]],
                     digests: ImageDigests) -> dict:
    """The redaction pass's looks at pictures, less those of pictures a redaction box touches: their
    digest may be of pixels redaction left while it changed their transparency (looked at again).
    ``boxed``: the pages with boxes (by 0-based number), ``boxes`` by 1-based number; ``digests``:
    the document's (each image decoded once for its digest)."""
    if not looks:
        return {}
    looks = dict(looks)
    for number, page in boxed.items():
        rects = boxes[number + 1]
        for info in digests.page_infos(page):
            if any(pymupdf.Rect(info["bbox"]).intersects(r) for r in rects):
                looks.pop(info.get("digest"), None)
    return looks


def _leaks_in(name: str, number: int, words, keep, secrets) -> list[Problem]:
    kept = keep.get(number, [])
    read = " ".join(text for box, text in words if not any(k.contains(_centre(box)) for k in kept))
    found = [s for group in secret_sets(secrets) if (s := group.first_in(read)) is not None]
    return [Problem(name, "leak", f"{found[0].label} is drawn on page {number} (read by OCR)")] if found else []


def check_text(doc: pymupdf.Document, name: str, secrets: list[Secret], keep: dict[int, list[pymupdf.Rect]],
               text=None, proof: StampProof | None = None) -> list[Problem]:
    """Search every page's text (hidden text included) for redacted values.

    ``text``: the document's text as extracted before, reused when no hidden layer was switched on.
    ``proof``: a stamped copy's pages proven equal to its verified published file outside the stamp
    (``writing.stamped``) are read by OCR in the stamp's band alone, not whole.
    """
    problems = []
    if show_hidden_layers(doc) or text is None:  # what any reader sees after switching every layer on
        text = extract_text(doc)
    digits_text = digits_only(text.text)
    compact_text = without_spaces(text.text)
    traces = [page.get_texttrace() for page in doc]
    found: list = []  # in page order: a page to read by OCR, or the problem that ends the pass
    for page, trace in zip(doc, traces):
        why = unreadable_text(doc, page, trace)
        if why:  # a value drawn in these glyphs could not be found: the file cannot be verified
            found.append(Problem(name, "unreadable text", f"page {page.number + 1}: {why}"))
            break
        if trace and unmapped_letters(page, trace):  # glyphs without a Unicode meaning: read what they draw
            found.append(page)
    pages = [p for p in found if not isinstance(p, Problem)]
    proven = [p for p in pages if proof is not None and proof.proven(p, VERIFY_OCR_DPI)]
    read = _check_by_ocr([p for p in pages if p not in proven], name, secrets) if pages else {}
    read.update(_check_bands(proven, name, secrets, proof))
    for item in found:
        problems += [item] if isinstance(item, Problem) else read[item.number]
    drawn = normal_form(without_spaces("".join(chr(c[0]) for trace in traces for span in trace for c in span["chars"])))
    placed = normal_form(compact_text)
    drawn_digits, placed_digits = digits_only(drawn), digits_only(placed)
    compact_lower = compact_text.lower()
    for group in secret_sets(secrets):
        problems += _check_text_for(group, name, text, keep, drawn, placed, drawn_digits, placed_digits,
                                    digits_text, compact_lower)
    problems += _term_leaks(name, text.text, secrets, "text")
    return problems


def _check_text_for(group: "SecretSet", name, text, keep, drawn, placed, drawn_digits, placed_digits,
                    digits_text, compact_lower) -> list[Problem]:
    problems = []
    # A large dossier hunts for thousands of name forms in every document, and most are nowhere
    # in it: which forms (and words of forms) occur at all is found in one pass each.
    normal = group.normal
    drawn_forms = occurring(group.form_automaton, drawn)
    text_words = occurring(group.word_automaton, text.text)
    for k in group.candidates(drawn_forms, text_words, (digits_text, drawn_digits), compact_lower):
        s = group.secrets[k]
        maybe_drawn = s.entity in NUMBER_ENTITIES or normal[s.value] in drawn_forms
        if maybe_drawn and _invisible_count(s, drawn, drawn_digits) > _invisible_count(s, placed, placed_digits):
            problems.append(Problem(name, "leak", f"{s.label} is drawn invisibly (no size) in a content stream"))
            continue
        if s.entity in NUMBER_ENTITIES:
            if len(digits_only(s.value)) >= 6 and digits_only(s.value) in digits_text:
                problems += _left_on_pages(name, s, text, digits_only, digits_only(s.value))
            continue
        if s.entity == "EMAIL":
            if without_spaces(s.value).lower() in compact_lower:
                problems += _left_on_pages(name, s, text, lambda t: without_spaces(t).lower(), without_spaces(s.value).lower())
            continue
        words = s.value.split()
        if not all(w in text_words for w in words):
            continue  # a word of it is nowhere: no need for the pattern (most values are gone)
        named: set[int] = set()  # every page the value is left on, once: the scan repair takes them all
        for m in value_pattern(s.value).finditer(text.text):
            words = text.word_indices(m.start(), m.end())
            if words and _all_kept(text, words, keep):
                continue  # the same letters stand here as a deliberately kept name
            page = text.page_of(m.start()) + 1
            if page not in named:
                named.add(page)
                problems.append(Problem(name, "leak", f"{s.label} is still in the text of page {page}"))
    return problems


def _left_on_pages(name: str, secret: Secret, text, form, needle: str) -> list[Problem]:
    """A number or e-mail address found in the document's text (in ``form``: its digits, its letters
    without spaces), named on every page it stands on, so the scan repair takes those pages; found
    only across a page's end, the document is named."""
    starts = [*text.page_starts, len(text.text)] if text.page_starts else [0, len(text.text)]
    pages = [n + 1 for n in range(len(starts) - 1) if needle in form(text.text[starts[n]:starts[n + 1]])]
    return ([Problem(name, "leak", f"{secret.label} is still in the text of page {n}") for n in pages]
            or [Problem(name, "leak", f"{secret.label} is still in the text")])


def check_plain_text(text: str, name: str, secrets, kept: list[tuple[int, int]] = (), index=None) -> list[Problem]:
    """A published text file (a text version, a cell of the inventory) searched as a page's text is:
    a redacted value anywhere outside the ``kept`` ranges (names kept on purpose) is a leak,
    and so is a name form the dossier's recogniser still finds there."""
    problems: list[Problem] = []
    digits_text, compact_lower = digits_only(text), without_spaces(text).lower()
    forms = normal_form(without_spaces(text))

    def is_kept(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in kept)

    for group in secret_sets(secrets):
        words = occurring(group.word_automaton, text)
        for k in group.candidates(occurring(group.form_automaton, forms), words, (digits_text, digits_text),
                                  compact_lower):
            s = group.secrets[k]
            if s.entity in NUMBER_ENTITIES:
                leak = len(digits_only(s.value)) >= 6 and digits_only(s.value) in digits_text
            elif s.entity == "EMAIL":
                leak = bool(without_spaces(s.value)) and without_spaces(s.value).lower() in compact_lower
            else:
                leak = any(not is_kept(m.start(), m.end()) for m in value_pattern(s.value).finditer(text))
            if leak:
                problems.append(Problem(name, "leak", f"{s.label} is in the text"))
    problems += _term_leaks(name, text, secrets, "text")
    if index is not None and len(index):
        for r in index.recogniser().analyze(text, ["PERSON"]):
            if "dossier:in-organisation-name" in (r.recognition_metadata or {}).get("evidence", ()):
                continue
            if not is_kept(r.start, r.end):
                problems.append(Problem(name, "leak", "a name form redacted across the dossier is in the text"))
                break
    return problems


def _invisible_count(secret: Secret, compact_text: str, digits_text: str) -> int:
    """Occurrences of a value in compacted text (in its digits, for numbers)."""
    if secret.entity in NUMBER_ENTITIES:
        digits = digits_only(secret.value)
        return digits_text.count(digits) if len(digits) >= 6 else 0
    value = normal_form(without_spaces(secret.value))
    # in text without spaces a short value ("DP", "Lin") turns up inside other words by chance
    return compact_text.count(value) if len(value) >= INVISIBLE_MIN_LENGTH else 0


def _all_kept(text, words: list[int], keep: dict[int, list[pymupdf.Rect]]) -> bool:
    for i in words:
        w = text.words[i]
        centre = pymupdf.Rect(w.box).tl + (pymupdf.Rect(w.box).br - pymupdf.Rect(w.box).tl) * 0.5
        if not any(r.contains(centre) for r in keep.get(w.page + 1, ())):
            return False
    return True


def check_labels(doc: pymupdf.Document, name: str, entries: list[dict], text=None) -> list[Problem]:
    """Every box of the log shows its ground code: the words of each page read once,
    then each box asks which of them stand in it. ``text``: the document's words, as
    ``extract_text`` gave them (read here if not given)."""
    problems = []
    words: dict[int, list] = {}
    if text is not None and entries:
        for w in text.words:
            words.setdefault(w.page, []).append(((w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2, w.text))
    raw: dict[int, list] = {}
    for e in entries:
        number = e["page"] - 1
        if number not in words:
            words[number] = _raw_words(doc[number])
        if _shows_code(e, words[number]):
            continue
        # a reading of the page may join the label with a glyph stacked on it into one word ("5" of an
        # OCR layer above a small box: "55.1.2e", centred outside the box): the label's own glyphs
        if number not in raw:
            raw[number] = _glyphs(doc[number])
        if not _shows_code(e, raw[number]):
            problems.append(Problem(name, "label", f"page {e['page']}: a box shows no ground code {e['ground']}"))
    return problems


def _raw_words(page: pymupdf.Page) -> list:
    """(centre x, centre y, text) of the page's words; no media-box clip: a box outside the visible
    page (over text outside the crop box) counts too."""
    return [((w[0] + w[2]) / 2, (w[1] + w[3]) / 2, w[4]) for w in text_layer_words(page)]


def _glyphs(page: pymupdf.Page) -> list:
    """(centre x, centre y, character) of every glyph of the page, in the order its text runs draw them."""
    raw = page.get_text("rawdict", flags=WORD_FLAGS, clip=WORD_CLIP)
    return [((c["bbox"][0] + c["bbox"][2]) / 2, (c["bbox"][1] + c["bbox"][3]) / 2, c["c"])
            for block in raw["blocks"] for line in block.get("lines", ()) for span in line["spans"]
            for c in span["chars"]]


def _shows_code(entry: dict, words: list) -> bool:
    """Do the words centred in the logged box (with a 1 pt margin) show its ground code, or, for a
    box too small for it, its short form or nothing with the page's legend naming it?"""
    x0, y0, x1, y1 = pymupdf.Rect(entry["rect"]) + (-1, -1, 1, 1)
    inside = "".join(w for mx, my, w in words if x0 <= mx <= x1 and y0 <= my <= y1)
    # a label is centred in its box: a neighbouring word whose centre is in the margin (a line of
    # text set tight beside the box) is not what the box shows
    x0, y0, x1, y1 = entry["rect"]
    within = "".join(w for mx, my, w in words if x0 <= mx <= x1 and y0 <= my <= y1)
    return without_spaces(entry["ground"]) in without_spaces(inside) or _in_legend(entry["ground"], within, words)


def _in_legend(code: str, inside: str, words) -> bool:
    """A box too small for its legible code shows its short form or nothing, and the page's legend
    line (``labels.legend_text``) names the code."""
    if without_spaces(inside) not in ("", without_spaces(short_code(code))):
        return False
    page = without_spaces(" ".join(w for _, _, w in words))
    at = page.find(without_spaces(LEGEND_PREFIX))
    return at >= 0 and without_spaces(code) in page[at:]


def placed_proposals(proposals: Iterable[Proposal]) -> list[Proposal]:
    """The redactions of short-hand found only by where it stands (``check_placed`` verifies them)."""
    return [p for p in proposals if p.action == REDACT and PLACED_SHORTHAND in p.evidence]


def check_placed(name: str, proposals: list[Proposal], text) -> list[Problem]:
    """Short-hand redacted for where it stands ("Actie: AD") is gone from its own boxes: the words
    centred in a box (the ground code drawn there, an OCR text layer) do not spell it. Elsewhere the
    same letters are no name ("AD" of an API text) and are not looked for."""
    problems = []
    for p in placed_proposals(proposals):
        if p.document != name:
            continue
        boxes = [pymupdf.Rect(b) for b in p.boxes]
        inside = " ".join(w.text for w in text.words if w.page == p.page - 1
                          and any(b.contains(_centre(w.box)) for b in boxes))
        if value_pattern(" ".join(p.text.split())).search(inside):
            problems.append(Problem(name, "leak", f"{p.entity} of proposal {p.id} is still in its box on page {p.page}"))
    return problems


def check_dossier_names(doc: pymupdf.Document, name: str, index, keep: dict[int, list[pymupdf.Rect]],
                        text=None) -> list[Problem]:
    """The dossier's name forms, found by the same recogniser that redacted them:
    whatever it still finds outside a box kept on purpose is a leak."""
    if index is None or not len(index):
        return []
    text = text if text is not None else extract_text(doc)
    problems, named = [], set()  # every page a form is left on, once: the scan repair takes them all
    for words in dossier_forms_left(text, index, keep):
        page = text.words[words[0]].page + 1
        if page not in named:
            named.add(page)
            problems.append(Problem(name, "leak", f"{DOSSIER_FORM_LABEL} is still in the text of page {page}"))
    return problems


def dossier_forms_left(text, index, keep: dict[int, list[pymupdf.Rect]]) -> list[list[int]]:
    """The words (indices in ``text``) of each dossier name form the index's recogniser finds in
    ``text`` outside the boxes kept on purpose (``keep``, by 1-based page)."""
    out = []
    for r in index.recogniser().analyze(text.text, ["PERSON"]):
        evidence = (r.recognition_metadata or {}).get("evidence", ())
        if "dossier:in-organisation-name" in evidence:
            continue  # the rules keep these ("Wet Mulder")
        if PLACED_SHORTHAND in evidence:
            continue  # redaction moves what stands beside it; the values redacted are hunted for by themselves
        words = text.word_indices(r.start, r.end)
        if words and not _all_kept(text, words, keep):
            out.append(words)
    return out


def verify_pdf(path: Path, name: str, secrets: list[Secret], proposals: list[Proposal], entries: list[dict],
               index=None, pictures: dict[int, PicturesRead] | None = None, readings: dict | None = None,
               looks: dict | None = None, stamped: StampedCopy | None = None) -> list[Problem]:
    """``pictures``: what the redaction pass read in the pictures (``pictures_read``), reused for
    pictures redaction left untouched; ``readings`` and ``looks``: that pass's OCR readings and
    looks at pictures, reused where the published pixels are the same (``check_pictures``).
    ``stamped``: the file is a package's stamped copy of a published file this run verified: its
    pixel checks are that file's where the pixels are that file's (``writing.stamped``)."""
    raw = Path(path).read_bytes()
    forget_warnings()  # earlier documents' warnings are not this one's
    try:
        doc = pymupdf.open(stream=raw, filetype="pdf")
    except Exception as exc:
        return [Problem(name, "unreadable", str(exc))]
    with doc, stamp_proof(stamped, doc) as proof:
        if doc.needs_pass or doc.is_encrypted:
            return [Problem(name, "encrypted", "published file is encrypted")]
        kept = frozenset(" ".join(p.text.split()).lower() for p in proposals if p.action == KEEP and p.document == name)
        keep_boxes = _keep_boxes(proposals, name)
        # a value kept public here by decision (redacted in another document) is no leak here: the
        # checks that cannot tell its kept places from others (numbers, e-mail, bytes) leave it out;
        # a name is still hunted for in the text outside its kept boxes
        secrets = _without_kept(secrets, kept, names_too=False)
        raw_secrets = _without_kept(secrets, kept, names_too=True)
        text = []  # the page text, extracted once for the two checks that read it

        def page_text():
            if not text:
                text.append(extract_text(doc))
            return text[0]

        checks = [
            lambda: check_hygiene(doc, raw, name),
            lambda: check_labels(doc, name, entries, page_text() if entries else None),
            lambda: check_objects(doc, name, secrets, kept),
            lambda: check_dossier_names(doc, name, index, keep_boxes, page_text()),
            lambda: check_pictures(doc, name, secrets, keep_boxes, pictures, _redaction_boxes(entries), readings, looks,
                                   proof),
            lambda: check_placed(name, proposals, page_text()),
            lambda: check_text(doc, name, secrets, keep_boxes, page_text(), proof),  # shows hidden layers: last
        ]
        problems = []
        for check in checks:
            try:
                problems += check()
            except Exception as exc:  # what cannot be read cannot be shown to be clean
                problems.append(Problem(name, "unreadable", one_line(exc)))
        problems += [Problem(name, "damaged", w) for w in loss_warnings()[:1]]
    problems += check_strings(raw, name, raw_secrets)
    problems += check_raw(raw, name, raw_secrets)
    return problems


def _without_kept(secrets, kept: frozenset[str], names_too: bool) -> list:
    """``secrets`` without the values kept public in this document (``kept``, lower case); a set
    that holds none of them is passed on as it is (its search structures stay built)."""
    if not kept:
        return secrets
    out = []
    for group in secret_sets(secrets):
        drop = [s for s in group if " ".join(s.value.split()).lower() in kept and (names_too or s.entity != "PERSON")]
        out.append(SecretSet(s for s in group if s not in drop) if drop else group)
    return out


def _redaction_boxes(entries: list[dict]) -> dict[int, list[pymupdf.Rect]]:
    boxes = defaultdict(list)
    for e in entries:
        boxes[e["page"]].append(pymupdf.Rect(e["rect"]))
    return boxes
