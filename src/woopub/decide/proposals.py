"""Decided findings placed on their pages: a ``Proposal`` per page with a box per line the span
covers, and the words around it as context for the reviewer."""

from __future__ import annotations

from collections import defaultdict

from woopub.detect.signatures import ENTITY as SIGNATURE, SignatureMark, signature_finding
from woopub.model import Decision, DocumentText, Finding, Proposal

CONTEXT_CHARS = 60  # either side of a finding, shown to the reviewer (never published)


def proposals_for(name: str, text: DocumentText, findings: list[Finding], decisions: list[Decision]) -> list[Proposal]:
    """Place decided findings on their pages: one box per line the span covers."""
    out: list[Proposal] = []
    for n, (f, d) in enumerate(zip(findings, decisions)):
        by_page: dict[int, dict[tuple[int, int], list]] = defaultdict(lambda: defaultdict(list))
        for i in text.word_indices(f.start, f.end):
            w = text.words[i]
            by_page[w.page][(w.block, w.line)].append(w.box)
        context = text.text[max(0, f.start - CONTEXT_CHARS) : f.end + CONTEXT_CHARS].replace("\f", " ")
        for k, page in enumerate(sorted(by_page)):
            boxes = tuple(
                (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))
                for bs in by_page[page].values()
            )
            out.append(
                Proposal(
                    id=f"{name}#{n + 1}" + (f".{k + 1}" if len(by_page) > 1 else ""),
                    document=name,
                    page=page + 1,
                    boxes=boxes,
                    text=f.text,
                    entity=f.entity,
                    action=d.action,
                    ground=d.ground,
                    rule=d.rule,
                    score=f.score,
                    reason=d.reason,
                    recogniser=f.recogniser,
                    evidence=f.evidence,
                    context=" ".join(context.split()),
                )
            )
    return out


def signature_proposals(document: str, marks: list[SignatureMark], decider) -> list[Proposal]:
    """Decide every signature mark by the rules and place it as a proposal over its box."""
    out = []
    for n, m in enumerate(marks, 1):
        finding = signature_finding(m)
        d = decider.decide(finding)
        out.append(
            Proposal(
                id=f"{document}#handtekening-{n}",
                document=document,
                page=m.page + 1,
                boxes=(m.box,),
                text=finding.text,
                entity=SIGNATURE,
                action=d.action,
                ground=d.ground,
                rule=d.rule,
                score=m.score,
                reason=d.reason,
                recogniser="signatures",
                evidence=finding.evidence,
                context=f"{'onder' if m.zone == 'closing' else 'bij'} '{m.cue}'",
            )
        )
    return out
