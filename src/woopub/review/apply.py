"""``woopub apply``: publish a reviewed dossier with the redactions its reviewers decided on.

Each document goes through the write stage of ``woopub redact`` (``writing.write``: redact, OCR
text layer, scrub, save without history, verify, scan repair, damage check); the proposals are
the dossier's, not the detector's.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from woopub.model import KEEP, REDACT, DocumentOutcome, LogEntry, Proposal
from woopub.writing.write import WHOLE_PAGE
from woopub.review.store import (
    ACCEPTED, NIET_OPENBAAR, PENDING, READINGS, REEDS_OPENBAAR, REJECTED, WHOLE_DOCUMENT, Mark, ReviewDossier,
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
                  stamp: bool = True, internal_dir: Path | None = None, executor=None) -> ApplyResult:
    """Publish ``folder``'s documents into ``out_dir`` with the reviewers' decisions, then write the
    publication package (``OUT/package``, as ``woopub redact`` does) and the internal record
    (``internal_dir``, default beside ``out_dir``) that ``woopub verify`` reads, and verify both.

    Each document goes through the write stage ``woopub redact`` publishes through
    (``writing.write``, run by ``run.batch.write_unit`` in a bounded child, on ``executor``'s
    workers): its OCR text layer, the pictures, the last-resort scan repair and the damage check."""
    from woopub.package.build import build_package
    from woopub.reading.passwords import Passwords
    from woopub.run.batch import verify_output, write_unit
    from woopub.run.executors import Settings
    from woopub.run.pipeline import Dossier, InputDocument, WriteOrder
    from woopub.run.safety import make_staging, remove_made
    from woopub.writing.publish import build_log, default_internal_dir, write_internal_stream, write_log
    from woopub.writing.secrets import SecretSet, dossier_wide_secrets, term_secrets

    dossier = ReviewDossier(folder)
    own = None  # the Dossier that writes in this process (no executor given): closed at the end
    staging = spooled = record = None
    try:
        pending = dossier.undecided()
        if pending and not accept_pending:
            raise UndecidedProposals(
                f"{pending} proposal(s) to redact are not decided yet: review them (woopub review) "
                f"or pass --accept-pending to accept them as proposed")

        def rows_of(name: str) -> list:
            """One document's rows, read when it is written: never every row of the dossier at once."""
            rows = dossier.proposals(document=name)
            if accept_pending:
                return [dict(r, status=ACCEPTED) if r["status"] == PENDING else dict(r) for r in rows]
            return rows

        result = ApplyResult()
        out_dir.mkdir(parents=True, exist_ok=True)
        internal_dir = Path(internal_dir) if internal_dir else default_internal_dir(out_dir)
        # verified as woopub redact verifies (``verify.dossier_wide_secrets``): the dossier's person index,
        # made as a run makes it from what is redacted, and every term a reviewer searched, in every
        # document, also where the search stored no hit (a hit it missed is a failed verification)
        documents = dossier.documents()
        index = reviewed_person_index(rules, (rows_of(d["name"]) for d in documents))
        searched = SecretSet(dossier_wide_secrets(index, terms=term_secrets([(t["term"], t["entity"])
                                                                              for t in dossier.terms()])))
        marks = dossier.marks()
        withheld = {m.document: m for m in marks if m.page == WHOLE_DOCUMENT}
        points = dossier.open_points()
        excluded = {p.document for p in points if p.resolution == "exclude"}
        outcomes: list[DocumentOutcome | None] = []  # in the dossier's order; None: written below
        todo = []  # (slot in outcomes, the document's row)
        for doc_row in documents:
            outcome = _not_written(points, doc_row["name"], doc_row, withheld, excluded, marks)
            outcomes.append(outcome)
            if outcome is None:
                todo.append((len(outcomes) - 1, doc_row))

        def order(doc_row) -> WriteOrder:
            name = doc_row["name"]
            rows = rows_of(name)
            return WriteOrder(
                InputDocument(Path(doc_row["path"]), name),
                tuple([p for p, _ in effective_redactions(rows)] + kept_places(rows, name)), doc_row["sha256"],
                tuple((n, g, why) for n, (g, why) in sorted(_whole_pages(points, name, marks).items())), REVIEWER_RULE)

        if executor is None:
            from woopub.run.executors import InlineExecutor

            own, executor = Dossier(rules, passwords=Passwords(None)), InlineExecutor()
            own.use_run_stores(None, folder / READINGS)  # pages the scan read by OCR are not read again
        settings = own or executor.share(Settings(rules, Passwords(None), reading_store=str(folder / READINGS)))
        staging = make_staging(internal_dir, prefix="apply-")
        # the published proposals and the internal record are written as each document is done and read
        # back as a stream: never every proposal of the dossier in memory at once
        spool = staging / "gepubliceerde-voorstellen.jsonl"
        spooled = open(spool, "w", encoding="utf-8")
        record = _PrivateList(folder / (INTERNAL_RECORD + ".deel"))
        # the orders are made as the executor sends them and the results taken in the dossier's order
        # as they come in: a written document's rows are let go before the next are read
        waiting: dict[int, object] = {}
        next_up = 0
        for i, w in executor.map(write_unit, (order(d) for _, d in todo), settings, executor.share(searched),
                                 str(out_dir), str(staging), executor.share(index)):
            waiting[i] = w
            while next_up in waiting:
                slot, doc_row = todo[next_up]
                w = waiting.pop(next_up)
                next_up += 1
                outcomes[slot] = w.outcome
                if w.outcome.status != "published":
                    if w.outcome.reason and w.outcome.reason.startswith("verification failed: "):
                        result.problems.append(w.outcome.reason.removeprefix("verification failed: "))
                    # in front of a reviewer (resolve it, or scan again), not only in this run's output
                    dossier.add_open_point(doc_row["name"], w.outcome.reason or w.outcome.status,
                                           tuple(range(1, doc_row["pages"] + 1)))
                    continue
                result.entries += w.entries
                spooled.writelines(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in w.proposals)
                for item in _record(dossier, rows_of(doc_row["name"]), w.proposals):
                    record.add(item)
        spooled.close()
        result.outcomes = [o for o in outcomes if o is not None]
        log = build_log(result.outcomes, result.entries, rules)
        write_log(out_dir, log)
        # what woopub verify hunts for in the published files (the original values: outside OUT), as for
        # woopub redact: the person index, every value redacted anywhere, outside the places a reviewer or
        # rule kept public (written as KEEP: a value redacted in one document is no leak where a reviewer
        # kept it), and the searched terms everywhere
        write_internal_stream(internal_dir, lambda: _read_spool(spool), result.outcomes, rules, index=index.to_dict(),
                              proposal_lines=lambda: _lines_of(spool))
        build_package(out_dir, log, _with_marks(dossier_file, marks), stamp, internal_dir)
        problems, notes = verify_output(out_dir, internal_dir)
        result.problems += [str(p) for p in problems]
        result.notes += notes
        record.finish(folder / INTERNAL_RECORD)
        return result
    finally:
        if spooled is not None:
            spooled.close()
        if record is not None:
            record.discard()
        if own is not None:
            own.close()
        if staging is not None:
            remove_made(staging)
        dossier.close()


def reviewed_person_index(rules, documents_rows):
    """The person index of a reviewed dossier (``documents_rows``: each document's rows, in the dossier's
    order), made as ``woopub redact`` makes its own from the scans: from what is redacted now."""
    from woopub.decide.analysis import add_redacted, rules_person_index

    index = rules_person_index(rules)
    for rows in documents_rows:
        for p, _ in effective_redactions(rows):
            add_redacted(index, p.entity, p.text, p.score, p.evidence)
    return index


def _record(dossier: ReviewDossier, rows, proposals: list[Proposal]) -> list[dict]:
    """The internal record of one written document's boxes: value, ground, whether a rule or a
    reviewer decided it, and who (never in the public log)."""
    sources = {(p.document, p.id): src for p, src in effective_redactions(rows)}
    keys = {(r["id"], r["document"], r["page"]): r["key"] for r in rows}
    keys.update({(r["id"], r["document"], None): r["key"] for r in rows})
    return [{"document": p.document, "page": p.page, "text": p.text, "ground": p.ground,
             "source": _source(sources, p), "rule": p.rule, "reviewers": _reviewers(dossier, keys, p)}
            for p in proposals if p.action == REDACT]


def _not_written(points, name: str, doc_row, withheld: dict, excluded: set, marks) -> DocumentOutcome | None:
    """The outcome of a document apply does not write (withheld, excluded, an open point, a mark
    that no longer fits it); None for a document to write."""
    if name in withheld:  # assessed as a whole: not published by this decision, listed with why
        return DocumentOutcome(name, "skipped", pages=doc_row["pages"], reason=_withheld_reason(withheld[name]))
    if name in excluded:
        return DocumentOutcome(name, "skipped", reason="excluded by a reviewer")
    point = next((p for p in points if p.document == name and p.resolution in (None, "ocr")), None)
    if point:
        return DocumentOutcome(name, "failed", reason=f"open point: {point.reason}")
    gone = sorted(n for n in _whole_pages(points, name, marks) if n > doc_row["pages"])
    if gone:  # the document changed since the mark (a re-scan): a reviewer must look again
        return DocumentOutcome(name, "failed", reason=f"page {gone[0]} was marked to redact whole and is no longer in "
                                                      f"the document ({doc_row['pages']} pages): review its marks again")
    return None


def _whole_pages(points, name: str, marks) -> dict[int, tuple[str, str]]:
    """Pages to black out whole: those woopub could not read (an open point answered so) and those
    marked niet openbaar, with their ground and why."""
    whole = next((p for p in points if p.document == name and p.resolution == "redact-pages"), None)
    pages = {n: (DEFAULT_GROUND, "whole page redacted by a reviewer") for n in (whole.pages if whole else ())}
    pages.update({m.page: (m.ground, "page marked niet openbaar by a reviewer") for m in marks
                  if m.document == name and m.page != WHOLE_DOCUMENT and m.mark == NIET_OPENBAAR})
    return pages


def _source(sources: dict, p: Proposal) -> str:
    """Whether a published box came from a rule or a reviewer: a whole page is a reviewer's, a box the
    write stage added in a picture (``writing.pictured``: id ``SOURCE@p...``) is its source's."""
    if p.entity == WHOLE_PAGE:
        return REVIEWER_RULE
    return sources.get((p.document, p.id)) or sources.get((p.document, p.id.rsplit("@p", 1)[0]), "rule")


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


def _reviewers(dossier: ReviewDossier, keys: dict, p: Proposal) -> list[str]:
    """``keys``: (id, document, page) -> the proposal's key in the dossier, and (id, document, None)."""
    key = keys.get((p.id, p.document, p.page))
    if key is None:  # a box the write stage added in a picture: its source proposal's (``_source``)
        key = keys.get((p.id.rsplit("@p", 1)[0], p.document, None))
    return [a["reviewer"] for a in dossier.audit(key or f"open:{p.document}")]


def _lines_of(path: Path):
    with open(path, encoding="utf-8") as fh:
        yield from fh


def _read_spool(path: Path):
    for line in _lines_of(path):
        yield Proposal.from_dict(json.loads(line))


class _PrivateList:
    """A JSON list written item by item into a file only its owner reads (it holds original values),
    put in place by ``finish``."""

    def __init__(self, path: Path):
        self.path = path
        self.fh = os.fdopen(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600), "w", encoding="utf-8")
        os.chmod(path, 0o600)
        self.fh.write("[")
        self.first = True

    def add(self, item: dict) -> None:
        self.fh.write(("\n" if self.first else ",\n") + json.dumps(item, ensure_ascii=False, indent=2))
        self.first = False

    def finish(self, target: Path) -> None:
        self.fh.write("\n]\n")
        self.fh.close()
        os.replace(self.path, target)

    def discard(self) -> None:
        self.fh.close()
        self.path.unlink(missing_ok=True)
