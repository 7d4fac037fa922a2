"""``woopub apply``: publish a reviewed dossier with the redactions its reviewers decided on.

Each document goes through the same steps as the publish pass (redact, scrub, save
without history, verify); the proposals are the dossier's, not the detector's.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from woopub.model import KEEP, REDACT, DocumentOutcome, LogEntry, Proposal
from woopub.review.store import (
    ACCEPTED, NIET_OPENBAAR, PENDING, REEDS_OPENBAAR, REJECTED, WHOLE_DOCUMENT, Mark, ReviewDossier,
)

REVIEWER_RULE = "reviewer"  # the log's rule for a box a reviewer decided against (or beside) the rules
DEFAULT_GROUND = "5.1.2e"  # a kept value a reviewer rejects is personal data unless they give a ground
INTERNAL_RECORD = "apply-record.json"


class UndecidedProposals(Exception):
    """The dossier still has proposals nobody decided on."""


@dataclass
class ApplyResult:
    outcomes: list[DocumentOutcome] = field(default_factory=list)
    entries: list[LogEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what verification says without failing (no publisher)


def effective_redactions(rows) -> list[tuple[Proposal, str]]:
    """The boxes to redact with where they came from ("rule" or "reviewer"): a proposal to redact
    that was accepted, and a value the rules kept that a reviewer rejected (wants redacted)."""
    out = []
    for r in rows:
        redact = (r["action"] == REDACT and r["status"] == ACCEPTED) or (r["action"] == KEEP and r["status"] == REJECTED)
        if not redact:
            continue
        by_reviewer = r["action"] == KEEP or r["source"] == REVIEWER_RULE
        p = Proposal(
            id=r["id"], document=r["document"], page=r["page"],
            boxes=tuple(tuple(b) for b in json.loads(r["boxes"])), text=r["text"], entity=r["entity"],
            action=REDACT, ground=r["ground"] or DEFAULT_GROUND,
            rule=REVIEWER_RULE if by_reviewer else r["rule"], score=r["score"], reason=r["reason"],
            recogniser=r["recogniser"], evidence=tuple(json.loads(r["evidence"])), context=r["context"],
        )
        out.append((p, REVIEWER_RULE if by_reviewer else "rule"))
    return out


def apply_dossier(folder: Path, out_dir: Path, rules, accept_pending: bool = False, dossier_file=None,
                  stamp: bool = True, internal_dir: Path | None = None) -> ApplyResult:
    """Publish ``folder``'s documents into ``out_dir`` with the reviewers' decisions, then write the
    publication package (``OUT/package``, as ``woopub redact`` does) and the internal record
    (``internal_dir``, default beside ``out_dir``) that ``woopub verify`` reads, and verify both."""
    from woopub.package.build import build_package
    from woopub.reading.intake import admit
    from woopub.run.batch import verify_output
    from woopub.writing.publish import INDEX_FILE, build_log, default_internal_dir, write_internal, write_log
    from woopub.reading.ocr import lying_pages
    from woopub.writing.asscan import publish_as_scan
    from woopub.writing.redact import apply_proposals
    from woopub.writing.sanitize import sanitize, save_clean
    from woopub.files import sha256_file
    from woopub.writing.verify import SecretSet, secrets_from, term_secrets, verify_pdf

    dossier = ReviewDossier(folder)
    try:
        rows = dossier.proposals()
        pending = [r for r in rows if r["status"] == PENDING and r["action"] == REDACT]
        if pending and not accept_pending:
            raise UndecidedProposals(
                f"{len(pending)} proposal(s) to redact are not decided yet: review them (woopub review) "
                f"or pass --accept-pending to accept them as proposed")
        if accept_pending:
            rows = [dict(r, status=ACCEPTED) if r["status"] == PENDING else dict(r) for r in rows]
        result = ApplyResult()
        record, published_proposals = [], []
        out_dir.mkdir(parents=True, exist_ok=True)
        internal_dir = Path(internal_dir) if internal_dir else default_internal_dir(out_dir)
        # every term a reviewer searched is hunted for in every document, also where the search
        # stored no hit: a hit the search missed is then a failed verification, not a quiet leak
        searched = SecretSet(term_secrets([(t["term"], t["entity"]) for t in dossier.terms()]))
        marks = dossier.marks()
        withheld = {m.document: m for m in marks if m.page == WHOLE_DOCUMENT}
        excluded = {p.document for p in dossier.open_points() if p.resolution == "exclude"}
        for doc_row in dossier.documents():
            name = doc_row["name"]
            if name in withheld:  # assessed as a whole: not published by this decision, listed with why
                result.outcomes.append(DocumentOutcome(name, "skipped", pages=doc_row["pages"],
                                                       reason=_withheld_reason(withheld[name])))
                continue
            if name in excluded:
                result.outcomes.append(DocumentOutcome(name, "skipped", reason="excluded by a reviewer"))
                continue
            point = next((p for p in dossier.open_points()
                          if p.document == name and p.resolution in (None, "ocr")), None)
            if point:
                result.outcomes.append(DocumentOutcome(name, "failed", reason=f"open point: {point.reason}"))
                continue
            chosen = [(p, src) for p, src in effective_redactions(rows) if p.document == name]
            whole = next((p for p in dossier.open_points() if p.document == name and p.resolution == "redact-pages"), None)
            # pages to black out whole: those woopub could not read (open point) and those marked niet openbaar
            whole_pages = {n: (DEFAULT_GROUND, "whole page redacted by a reviewer") for n in (whole.pages if whole else ())}
            whole_pages.update({m.page: (m.ground, "page marked niet openbaar by a reviewer") for m in marks
                                if m.document == name and m.page != WHOLE_DOCUMENT and m.mark == NIET_OPENBAAR})
            gone = sorted(n for n in whole_pages if n > doc_row["pages"])
            if gone:  # the document changed since the mark (a re-scan): a reviewer must look again
                result.outcomes.append(DocumentOutcome(
                    name, "failed", reason=f"page {gone[0]} was marked to redact whole and is no longer in the "
                                           f"document ({doc_row['pages']} pages): review its marks again"))
                continue
            proposals = [p for p, _ in chosen]
            target = out_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with admit(Path(doc_row["path"])) as admitted:
                for n, (ground, why) in sorted(whole_pages.items()):
                    r = tuple(admitted.doc[n - 1].rect)
                    p = Proposal(id=f"{name}#page{n}", document=name, page=n, boxes=(r,), text="", entity="PAGE",
                                 action=REDACT, ground=ground, rule=REVIEWER_RULE, score=1.0,
                                 reason=why, recogniser=REVIEWER_RULE)
                    chosen.append((p, REVIEWER_RULE))
                    proposals.append(p)
                # a page whose text layer may lie is published as its picture, as woopub redact does
                # (writing/asscan.py); without an OCR text layer here: nothing was read again
                for n in lying_pages(admitted.doc):
                    publish_as_scan(admitted.doc[n])
                entries, warnings = apply_proposals(admitted.doc, proposals)
                sanitize(admitted.doc)
                save_clean(admitted.doc, target)
            problems = verify_pdf(target, name, [SecretSet(secrets_from(proposals)), searched], proposals,
                                  [{"page": e.page, "rect": list(e.box), "ground": e.ground} for e in entries])
            problems += _text_left_on_whole_pages(target, name, whole_pages)
            if problems:
                target.unlink(missing_ok=True)
                result.problems += [str(p) for p in problems]
                result.outcomes.append(DocumentOutcome(name, "failed", reason=f"verification failed: {problems[0]}"))
                continue
            result.entries += entries
            published_proposals += proposals + kept_places(rows, name)
            result.outcomes.append(DocumentOutcome(
                name, "published", pages=doc_row["pages"], redactions=len(proposals),
                per_ground=dict(Counter(p.ground for p in proposals)), sha256=sha256_file(target), warnings=warnings))
            record += [{"document": name, "page": p.page, "text": p.text, "ground": p.ground, "source": src,
                        "rule": p.rule, "reviewers": _reviewers(dossier, rows, p)} for p, src in chosen]
        log = build_log(result.outcomes, result.entries, rules)
        write_log(out_dir, log)
        # what woopub verify hunts for in the published files (the original values: outside OUT): every
        # value redacted anywhere, in every file (no person index: the full hunt), outside the places a
        # reviewer or rule kept public (written as KEEP: a value redacted in one document is no leak
        # where a reviewer kept it), and the searched terms everywhere
        write_internal(internal_dir, published_proposals, result.outcomes, rules)
        (internal_dir / INDEX_FILE).unlink(missing_ok=True)  # a stale index would narrow the hunt to names
        build_package(out_dir, log, _with_marks(dossier_file, marks), stamp, internal_dir)
        problems, notes = verify_output(out_dir, internal_dir)
        result.problems += [str(p) for p in problems]
        result.notes += notes
        _write_private(folder / INTERNAL_RECORD, json.dumps(record, ensure_ascii=False, indent=2))
        return result
    finally:
        dossier.close()


def kept_places(rows, document: str) -> list[Proposal]:
    """The mentions in ``document`` that stay public by decision (a rule kept it and nobody rejected
    that, or a reviewer rejected a proposal to redact), as KEEP proposals: verification allows the
    value there and hunts for it everywhere else it was redacted."""
    out = []
    for r in rows:
        if r["document"] != document:
            continue
        kept = (r["action"] == KEEP and r["status"] != REJECTED) or (r["action"] == REDACT and r["status"] == REJECTED)
        if kept and r["text"].strip():
            out.append(Proposal(id=r["id"], document=document, page=r["page"],
                                boxes=tuple(tuple(b) for b in json.loads(r["boxes"])), text=r["text"],
                                entity=r["entity"], action=KEEP, ground=None, rule=r["rule"], score=r["score"],
                                reason=r["reason"], recogniser=r["recogniser"], context=r["context"]))
    return out


def _text_left_on_whole_pages(path: Path, name: str, whole_pages: dict) -> list:
    """A page redacted whole has no text left but its ground labels (a whole-page proposal has no
    value verification could hunt for)."""
    import pymupdf

    from woopub.reading.extract import text_layer_words
    from woopub.writing.verify import Problem

    problems = []
    with pymupdf.open(path) as doc:
        for n, (ground, _) in sorted(whole_pages.items()):
            left = [w for w in text_layer_words(doc[n - 1]) if w[4].strip() and w[4].strip() != ground]
            if left:
                problems.append(Problem(name, "leak", f"page {n} was redacted whole and still has {len(left)} word(s)"))
    return problems


def _withheld_reason(mark: Mark) -> str:
    """The public log's reason for a document a reviewer withheld (a ground or a public link: no personal data)."""
    if mark.mark == NIET_OPENBAAR:
        return f"{NIET_OPENBAAR} ({mark.ground}): assessed by a reviewer"
    return f"{REEDS_OPENBAAR}: {mark.link}"


def _with_marks(dossier_file, marks: list[Mark]):
    """The officer's dossier file with the reviewers' marks as its per-document assessments: a
    reviewer's mark, taken later and per document, wins over the file's assessment for that document."""
    from dataclasses import replace

    from woopub.package.settings import DossierFile

    dossier_file = dossier_file or DossierFile()
    documents = dict(dossier_file.documents)
    for m in marks:
        base = documents.get(m.document) or dossier_file.override(m.document)
        if m.page == WHOLE_DOCUMENT:
            documents[m.document] = replace(base, assessment=m.mark, grounds=(m.ground,) if m.ground else (),
                                            link=m.link or base.link)
        elif m.mark == REEDS_OPENBAAR:  # one page already public: said in the inventory's remark
            note = f"pagina {m.page} {REEDS_OPENBAAR}: {m.link}"
            documents[m.document] = replace(base, remark="; ".join(x for x in (base.remark, note) if x))
        # a niet-openbaar page is redacted whole: its ground is among the document's grounds
    return replace(dossier_file, documents=documents)


def _reviewers(dossier: ReviewDossier, rows, p: Proposal) -> list[str]:
    key = next((r["key"] for r in rows if r["id"] == p.id and r["document"] == p.document and r["page"] == p.page), None)
    return [a["reviewer"] for a in dossier.audit(key or f"open:{p.document}")]


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o600)
