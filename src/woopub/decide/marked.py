"""Values a rule file marks (``always_redact``) are redacted wherever they stand in the text,
under the ground given and with their own entity, not only where a detector found a span
(before, a marked project name or passage no detector found stayed in the PDF)."""

from __future__ import annotations

import re

from woopub.decide.proposals import proposals_for
from woopub.model import REDACT, Decision, DocumentText, Finding, Proposal


def marked_value_pattern(value: str) -> re.Pattern | None:
    words = value.split()
    if not words:
        return None
    # any run of whitespace (a line break, a page break) between the words; whole words only
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def marked_findings(text: str, rules) -> tuple[list[Finding], list[Decision]]:
    findings, decisions = [], []
    for rule in rules.always_redact:
        pattern = marked_value_pattern(rule.value)
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            findings.append(Finding(m.start(), m.end(), rule.entity or "VALUE", m.group(), 1.0, "rule-file",
                                    (f"always_redact:{rule.id}",)))
            decisions.append(Decision(REDACT, rule.ground or rules.default_ground, rule.id, rule.reason))
    return findings, decisions


def marked_proposals(name: str, text: DocumentText, rules) -> list[Proposal]:
    """Proposals for every occurrence of a marked value (a box over one a detector also found
    is harmless: the same text is removed once)."""
    findings, decisions = marked_findings(text.text, rules)
    if not findings:
        return []
    out = proposals_for(name, text, findings, decisions)
    return [_renamed(p) for p in out]


def _renamed(p: Proposal) -> Proposal:
    from dataclasses import replace

    return replace(p, id=p.id.replace("#", "#marked-", 1))


TERM_EVIDENCE = "review:searched-term"  # evidence of a searched term's proposal: verified as found anywhere

# a searched term may stand broken over a line end, with or without a hyphen ("mensen-\nhandel",
# an e-mail address wrapped in a table cell): any two of its letters may be parted so
TERM_BREAK = r"(?:[-\u2010\u2011\u00ad]?[ \t]*\n[ \t]*)?"


def term_pattern(term: str) -> re.Pattern | None:
    """Where a term a reviewer searched (or a rule file marks for the review dossier) stands in a
    document's text: anywhere, inside longer words too ("postbus.mensenhandel@..."), in any case,
    its words parted by any white space and any letter pair by a line break. The review dossier
    adds hits with this pattern and verification hunts for what it finds: the same pattern, so
    what the search would find is what verification calls a leak."""
    from woopub.reading.extract import normalise

    words = normalise(term).split()
    if not words:
        return None
    body = r"\s+".join(TERM_BREAK.join(re.escape(c) for c in w) for w in words)
    return re.compile(body, re.IGNORECASE)
