"""The text version of a published document: its text in reading order, each redaction
replaced by its ground code in brackets (``[5.1.2e]``), never by the value.

Made from the same decisions that redacted the PDF, with presidio-anonymizer's
"replace" operator, from the text the pipeline read (text layer plus OCR, in
reading order). A redaction is widened to the whole words it touches, as the
PDF's boxes cover whole words, so the text version says what the PDF shows.
Pages are separated by a form feed, as pdftotext does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pymupdf
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

from woopub.model import KEEP, REDACT, Decision, DocumentText, Finding
from woopub.model import Word
from woopub.reading.extract import build_text, page_words

UNKNOWN_GROUND = "gelakt"  # a redaction without a ground code (never expected: every rule names one)


@dataclass
class TextVersion:
    text: str
    kept: list[tuple[int, int]] = field(default_factory=list)  # where names kept on purpose stand in ``text``
    replaced: int = 0  # redactions replaced (after merging overlapping ones)


def word_extent(text: DocumentText, start: int, end: int) -> tuple[int, int]:
    """``start..end`` widened to the words it touches (what a box on those words covers)."""
    words = text.word_indices(start, end)
    if not words:
        return start, end
    return min(start, text.spans[words[0]][0]), max(end, text.spans[words[-1]][1])


def _merged(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping redactions as one, under the ground codes of all of them."""
    out: list[list] = []
    for start, end, ground in sorted(spans):
        if out and start < out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
            out[-1][2].add(ground)
        else:
            out.append([start, end, {ground}])
    return [(s, e, ", ".join(sorted(g))) for s, e, g in out]


def text_version(text: DocumentText, findings: list[Finding], decisions: list[Decision]) -> TextVersion:
    spans = []
    for f, d in zip(findings, decisions):
        if d.action == REDACT:
            start, end = word_extent(text, f.start, f.end)
            spans.append((start, end, d.ground or UNKNOWN_GROUND))
    spans = _merged(spans)
    # one entity type per ground combination, each replaced by its own bracketed code
    results = [RecognizerResult(entity_type=g, start=s, end=e, score=1.0) for s, e, g in spans]
    operators = {g: OperatorConfig("replace", {"new_value": f"[{g}]"}) for g in {g for _, _, g in spans}}
    out = AnonymizerEngine().anonymize(text=text.text, analyzer_results=results, operators=operators).text if results else text.text
    kept = [_shifted(f.start, f.end, spans) for f, d in zip(findings, decisions) if d.action == KEEP]
    return TextVersion(out, [k for k in kept if k is not None], len(spans))


def _shifted(start: int, end: int, spans: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """Where ``start..end`` of the read text stands in the text version (None: inside a redaction)."""
    shift = 0
    for s, e, g in spans:
        if e <= start:
            shift += len(g) + 2 - (e - s)
        elif s < end:
            return None
    return start + shift, end + shift


LABEL_SLACK = 1.0  # points: a label's word box may stick out of its redaction box by rounding


def _centre_in(box, rect: pymupdf.Rect) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    r = pymupdf.Rect(rect) + (-LABEL_SLACK, -LABEL_SLACK, LABEL_SLACK, LABEL_SLACK)
    return r.contains(pymupdf.Point(x, y))


def _overlap(a, b) -> float:
    """Vertical overlap of two word boxes, as a share of the lower one's height."""
    shared = min(a[3], b[3]) - max(a[1], b[1])
    return shared / max(min(a[3] - a[1], b[3] - b[1]), 0.01)


def _placed(words: list[Word], labels: list[Word]) -> list[Word]:
    """``words`` with each drawn label put into the line it stands on, by its x position.

    The labels are drawn after the page's content, so a reader meets them at the
    page's end; the text version reads each where its box is."""
    out = list(words)
    for label in labels:
        same_line = [w for w in out if w not in labels and _overlap(w.box, label.box) >= 0.5]
        if not same_line:
            out.append(label)
            continue
        near = min(same_line, key=lambda w: min(abs(w.box[0] - label.box[2]), abs(label.box[0] - w.box[2])))
        moved = Word(label.page, label.box, label.text, near.line, near.block)
        line = [i for i, w in enumerate(out) if w.block == near.block and w.line == near.line]
        before = [i for i in line if out[i].box[0] < label.box[0]]
        at = before[-1] + 1 if before else line[0]
        out.insert(at, moved)
        labels = [moved if x is label else x for x in labels]
    return out


def published_text_version(doc: pymupdf.Document, entries: list[dict]) -> TextVersion:
    """The text version of a published (redacted) PDF, from the log's redactions.

    Made from the published file, so it holds nothing the redaction removed,
    whichever way the decisions were made (``redact``, or a reviewer's
    ``apply``): each box's drawn ground code, found as the word inside the
    log's box, becomes a redaction with that ground and is replaced by
    ``[ground]`` with presidio-anonymizer, as ``text_version`` does for the
    text the pipeline read, at the place the box stands in the reading order.
    """
    boxes: dict[int, list[tuple[pymupdf.Rect, str]]] = {}
    for e in entries:
        page = doc[e["page"] - 1]
        rect = pymupdf.Rect(e["rect"])
        # words are read in the page as shown; the log's box is in the unrotated page
        boxes.setdefault(e["page"] - 1, []).extend([(rect, e["ground"]), (rect * page.rotation_matrix, e["ground"])])
    pages, grounds = [], {}
    for i, page in enumerate(doc):
        words = page_words(page, i)
        labels = []
        for w in words:
            ground = next((g for r, g in boxes.get(i, ()) if w.text.strip() == g and _centre_in(w.box, r)), None)
            if ground is not None:
                labels.append(w)
        placed = _placed([w for w in words if w not in labels], labels)
        pages.append(placed)
        for w in placed:
            if any(w.box == x.box and w.text == x.text for x in labels):
                grounds[id(w)] = w.text.strip()
    text = build_text(pages)
    findings, decisions = [], []
    for i, w in enumerate(text.words):
        if id(w) in grounds:
            s, e = text.spans[i]
            findings.append(Finding(s, e, "LABEL", text.text[s:e], 1.0, "publicatielog"))
            decisions.append(Decision(REDACT, grounds[id(w)], "publicatielog", "weggelakt"))
    return text_version(text, findings, decisions)
