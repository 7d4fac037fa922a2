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
from woopub.review.store import ACCEPTED, PENDING, REJECTED, ReviewDossier

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


def apply_dossier(folder: Path, out_dir: Path, rules, accept_pending: bool = False) -> ApplyResult:
    from woopub.reading.intake import admit
    from woopub.writing.publish import build_log, write_log
    from woopub.writing.redact import apply_proposals
    from woopub.writing.sanitize import sanitize, save_clean
    from woopub.files import sha256_file
    from woopub.writing.verify import SecretSet, secrets_from, verify_pdf

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
        record = []
        out_dir.mkdir(parents=True, exist_ok=True)
        excluded = {p.document for p in dossier.open_points() if p.resolution == "exclude"}
        for doc_row in dossier.documents():
            name = doc_row["name"]
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
            proposals = [p for p, _ in chosen]
            target = out_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with admit(Path(doc_row["path"])) as admitted:
                if whole:  # a reviewer chose to black out the pages woopub could not read
                    for n in whole.pages:
                        r = tuple(admitted.doc[n - 1].rect)
                        p = Proposal(id=f"{name}#page{n}", document=name, page=n, boxes=(r,), text="", entity="PAGE",
                                     action=REDACT, ground=DEFAULT_GROUND, rule=REVIEWER_RULE, score=1.0,
                                     reason="whole page redacted by a reviewer", recogniser=REVIEWER_RULE)
                        chosen.append((p, REVIEWER_RULE))
                        proposals.append(p)
                entries, warnings = apply_proposals(admitted.doc, proposals)
                sanitize(admitted.doc)
                save_clean(admitted.doc, target)
            problems = verify_pdf(target, name, [SecretSet(secrets_from(proposals))], proposals,
                                  [{"page": e.page, "rect": list(e.box), "ground": e.ground} for e in entries])
            if problems:
                target.unlink(missing_ok=True)
                result.problems += [str(p) for p in problems]
                result.outcomes.append(DocumentOutcome(name, "failed", reason=f"verification failed: {problems[0]}"))
                continue
            result.entries += entries
            result.outcomes.append(DocumentOutcome(
                name, "published", pages=doc_row["pages"], redactions=len(proposals),
                per_ground=dict(Counter(p.ground for p in proposals)), sha256=sha256_file(target), warnings=warnings))
            record += [{"document": name, "page": p.page, "text": p.text, "ground": p.ground, "source": src,
                        "rule": p.rule, "reviewers": _reviewers(dossier, rows, p)} for p, src in chosen]
        write_log(out_dir, build_log(result.outcomes, result.entries, rules))
        _write_private(folder / INTERNAL_RECORD, json.dumps(record, ensure_ascii=False, indent=2))
        return result
    finally:
        dossier.close()


def _reviewers(dossier: ReviewDossier, rows, p: Proposal) -> list[str]:
    key = next((r["key"] for r in rows if r["id"] == p.id and r["document"] == p.document and r["page"] == p.page), None)
    return [a["reviewer"] for a in dossier.audit(key or f"open:{p.document}")]


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o600)
