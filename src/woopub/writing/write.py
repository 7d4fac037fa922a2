"""The write stage: one document's decided proposals made into a verified PDF, or withheld with why.

``woopub redact`` (``run.pipeline``, after its decide part) and ``woopub apply`` (``review.apply``,
with a dossier's accepted proposals) publish through this one function, so a reviewed dossier is
published exactly as safely as a batch run:

  redact   pages whose text layer may lie published as their picture; every box redacted
           (text, vector paths and image pixels under it); the OCR words that stay written back
           as an invisible text layer, so a scan stays searchable; scrubbed; saved without history
  verify   the saved file searched for every value (this document's and the dossier's), in text,
           strings, streams and the pictures OCR read; a page redacted whole must hold no words
  repair   the last resort: pages still showing a value published as scans with the value
           blacked out in the pixels, then verified again
  damage   each page compared with its input outside the boxes: a page changed elsewhere is withheld

The caller admits the input (``reading.intake.admit``) and reads it (``reading.document``), and
moves the staged file into the output only when ``Written.reason`` is None.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from woopub.model import REDACT, LogEntry, Proposal
from woopub.reading.extract import text_layer_words
from woopub.reading.tesseract import Tesseract
from woopub.writing.asscan import publish_as_scan
from woopub.writing.damage import changed_pages
from woopub.writing.redact import apply_proposals
from woopub.writing.sanitize import sanitize, save_clean
from woopub.writing.scanned import pages_to_scan, publish_as_scans
from woopub.model import Problem
from woopub.writing.secrets import SecretSet, secrets_from
from woopub.writing.verify import pictures_read, verify_pdf

WHOLE_PAGE = "PAGE"  # the entity of a proposal that redacts a page whole (its box is the page)
REPAIR_ROUNDS = 3  # scan repair, then verification again, at most this often (each round verifies the file)


@dataclass
class Written:
    """What the write stage made of one document."""

    entries: list[LogEntry] = field(default_factory=list)  # one per box, for the publication log
    warnings: list[str] = field(default_factory=list)
    reason: str | None = None  # why it is withheld (labels, never values); None: verified, in ``staged``
    problems: list[Problem] = field(default_factory=list)  # what verification found (withheld)

    @property
    def published(self) -> bool:
        return self.reason is None


class _NoClock:
    def stage(self, name: str):
        return nullcontext()


def write_document(
    doc: pymupdf.Document,
    source: Path,
    name: str,
    proposals: list[Proposal],
    reading,
    staged: Path,
    secrets: list[SecretSet],
    *,
    password: str | None = None,
    index=None,
    engine: Tesseract | None = None,
    notes: list[str] = (),
    clock=None,
) -> Written:
    """Redact ``doc`` (the admitted input at ``source``) by ``proposals``, save it to ``staged`` and
    verify it; on any problem ``staged`` is removed and ``Written.reason`` says why.

    ``reading``: the document's ``DocumentReading`` (text layer and OCR), for the OCR text layer,
    the lying pages, and the pictures verification need not read again. ``secrets``: the values
    hunted for besides this document's own (the dossier's, the terms reviewers searched).
    ``clock``: anything with ``stage(name)`` as a context manager (``run.pipeline.Stopwatch``).
    """
    clock = clock or _NoClock()
    engine = engine or Tesseract()
    staged.parent.mkdir(parents=True, exist_ok=True)
    with clock.stage("redact"):
        pictures = pictures_read(doc, reading.ocr)  # before redaction changes the pages
        lying = reading.lying_pages
        for n in lying:  # each replaced by its picture: no lying text stays on it
            publish_as_scan(doc[n])
        entries, warnings = apply_proposals(doc, proposals)
        reading.add_text_layer(doc, proposals)  # scans stay searchable for the words that stay
        warnings = list(notes) + reading.warnings + warnings
        sanitize(doc)
    with clock.stage("save"):
        save_clean(doc, staged)
    secret_sets = [*secrets, SecretSet(secrets_from(proposals))]
    whole = {p.page: p.ground or "" for p in proposals if p.action == REDACT and p.entity == WHOLE_PAGE}
    with clock.stage("verify"):
        problems = verify_pdf(staged, name, secret_sets, proposals, _boxes(entries), index=index,
                              pictures=pictures, readings=reading.ocr, looks=reading.looks)
        problems += text_left_on_whole_pages(staged, name, whole)
    scanned: list[int] = []
    first = problems[0] if problems else None
    # the last resort: the pages still showing a value published as scans, then verified again; the
    # pages a scan's OCR layer shows a value on anew are repaired in the next round, a page once only
    for _ in range(REPAIR_ROUNDS if engine.problem() is None else 0):
        new = [n for n in pages_to_scan(staged, problems, secret_sets) if n not in scanned] if problems else []
        if not new:
            break
        # a page changed outside its boxes that no scan replaces withholds the document whatever the
        # repair does: found before the repair renders and reads pages by OCR, not after it
        with clock.stage("verify"):
            damaged = [d for d in _damaged(source, staged, entries, password,
                                           frozenset(n + 1 for n in lying) | set(scanned)) if d[0] not in new]
        if damaged:
            staged.unlink(missing_ok=True)
            return Written(entries, warnings, _damage_reason(name, damaged), problems)
        scanned += new
        with clock.stage("verify"):
            entries += publish_as_scans(staged, name, new, proposals, entries, engine, index)
            # the redaction pass's readings and looks, taken only for the very same pixels: a page the
            # repair replaced is read again, the pages it left alone are not
            problems = verify_pdf(staged, name, secret_sets, proposals, _boxes(entries), index=index,
                                  readings=reading.ocr, looks=reading.looks)
            problems += text_left_on_whole_pages(staged, name, whole)
    if scanned:
        pages = ", ".join(map(str, sorted(scanned)))
        if problems:
            problems = [Problem(name, problems[0].kind, (
                f"{first.detail}; page(s) {pages} were then published as scans with the value blacked out "
                f"in the pixels, and still: {problems[0].detail}; withheld, redact this document by hand"))]
        else:
            warnings.append(f"page(s) {pages}: published as a scan with an OCR text layer, because after "
                            f"redaction verification still found a redacted value there ({first.detail})")
    if problems:
        staged.unlink(missing_ok=True)
        return Written(entries, warnings, f"verification failed: {problems[0]}", problems)
    with clock.stage("verify"):
        damaged = _damaged(source, staged, entries, password, frozenset(n + 1 for n in lying) | set(scanned))
    if damaged:
        staged.unlink(missing_ok=True)
        return Written(entries, warnings, _damage_reason(name, damaged))
    return Written(entries, warnings)


def _damaged(source: Path, staged: Path, entries: list[LogEntry], password: str | None, pictured) -> list:
    """The pages of ``staged`` that look different from ``source`` outside their boxes (damage.py);
    ``pictured``: the 1-based pages published as their picture, compared as drawn that way."""
    boxes: dict[int, list] = defaultdict(list)
    for e in entries:
        boxes[e.page].append(e.box)
    return changed_pages(source, staged, boxes, password, pictured=pictured)


def _damage_reason(name: str, damaged: list) -> str:
    page, share = damaged[0]
    return (f"verification failed: {name}: page {page} looks different from the input outside its "
            f"redactions ({share:.1%} of it changed); withheld so nothing is published damaged")


def whole_page_proposal(doc: pymupdf.Document, name: str, number: int, ground: str, why: str, rule: str) -> Proposal:
    """A proposal that redacts page ``number`` (1-based) whole, under ``ground``."""
    return Proposal(id=f"{name}#page{number}", document=name, page=number, boxes=(tuple(doc[number - 1].rect),),
                    text="", entity=WHOLE_PAGE, action=REDACT, ground=ground, rule=rule, score=1.0, reason=why,
                    recogniser=rule)


def text_left_on_whole_pages(path: Path, name: str, whole: dict[int, str]) -> list[Problem]:
    """A page redacted whole has no text left but its ground labels (a whole-page proposal has no
    value verification could hunt for)."""
    problems = []
    if not whole:
        return problems
    with pymupdf.open(path) as doc:
        for n, ground in sorted(whole.items()):
            left = [w for w in text_layer_words(doc[n - 1]) if w[4].strip() and w[4].strip() != ground]
            if left:
                problems.append(Problem(name, "leak", f"page {n} was redacted whole and still has {len(left)} word(s)"))
    return problems


def _boxes(entries: list[LogEntry]) -> list[dict]:
    return [{"page": e.page, "rect": list(e.box), "ground": e.ground} for e in entries]
