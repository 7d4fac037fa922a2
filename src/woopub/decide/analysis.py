"""Text in, decided findings out: the one path every caller takes (both passes of the pipeline,
``scan-text``, ``eval``, the benchmarks), so what is measured is what ships.

A dossier is read twice. The first reading detects and decides each document on its own. The
names it decided to redact, with evidence of their own, form the dossier's person index; the
dossier reading then adds every form of those names (surname alone, initials, e-mail local part)
and the other mentions of a redacted name in the same document, and decides again.
"""

from __future__ import annotations

from collections.abc import Iterable

from woopub.decide.decider import Decider
from woopub.docdate import document_date
from woopub.decide.rules import RuleSet
from woopub.detect import Detector, PersonIndex, words_before
from woopub.detect.config import detection_config
from woopub.detect.dossier import PLACED_SHORTHAND, in_organisation_name, value_pattern
from woopub.detect.joined import closed_gap_mentions, joined_mentions
from woopub.detect.lexicon import lexicon
from woopub.detect.overlap import resolve_overlaps
from woopub.detect.persons import everyday_surname_pattern, has_own_evidence
from woopub.model import REDACT, Decision, Finding

# Names found with this confidence and evidence of their own spread in all their forms to the rest
# of the dossier (data/detection.yaml, index_min_score)
INDEX_MIN_SCORE = detection_config().index_min_score


def first_reading(text: str, detector: Detector, rules: RuleSet) -> tuple[list[Finding], list[Decision]]:
    """One document on its own: every finding, decided by the rules."""
    findings = detector.find(text)
    decider = Decider(rules, document_date(text))
    return findings, [decider.decide(f) for f in findings]


def dossier_reading(
    text: str, found: list[Finding], index: PersonIndex, rules: RuleSet
) -> tuple[list[Finding], list[Decision], Decider]:
    """The first reading's findings plus the dossier's known names and this document's other
    mentions of a redacted name, decided again with the dossier's surnames. Returns the decider
    too: signatures on the same pages are decided by it."""
    known = index.recogniser().analyze(text, ["PERSON"]) if len(index) else []
    findings = resolve_overlaps(found + [_known_finding(r, text) for r in known], text)
    decider = Decider(rules, document_date(text), index.surnames)
    decisions = [decider.decide(f) for f in findings]
    more = same_document_mentions(text, findings, decisions)
    if more:
        pairs = sorted([*zip(findings, decisions), *((f, decider.decide(f)) for f in more)],
                       key=lambda fd: (fd[0].start, fd[0].end))
        findings, decisions = [f for f, _ in pairs], [d for _, d in pairs]
    return findings, decisions, decider


def read_dossier(texts: dict[str, str], detector: Detector, rules: RuleSet) -> dict[str, tuple[list[Finding], list[Decision]]]:
    """Both readings over a dossier of plain texts, in order, as the pipeline reads PDFs."""
    first = {name: first_reading(text, detector, rules) for name, text in texts.items()}
    index = person_index(rules, first.values())
    out = {}
    for name, text in texts.items():
        findings, decisions, _ = dossier_reading(text, first[name][0], index, rules)
        out[name] = (findings, decisions)
    return out


def person_index(rules: RuleSet, readings: Iterable[tuple[list[Finding], list[Decision]]]) -> PersonIndex:
    """The persons (and personal e-mail addresses) decided to be redacted anywhere in the dossier."""
    index = rules_person_index(rules)
    for findings, decisions in readings:
        add_to_person_index(index, findings, decisions)
    return index


def rules_person_index(rules: RuleSet) -> PersonIndex:
    """The index before any document: the persons the rules always redact."""
    index = PersonIndex()
    for rule in rules.always_redact:
        if rule.entity in (None, "PERSON"):
            index.add_person(rule.value)
    return index


def add_to_person_index(index: PersonIndex, findings: list[Finding], decisions: list[Decision]) -> None:
    """Add what one document's first reading decided to redact (documents are added in input
    order: the first document to give a form decides what kind of form it is)."""
    for f, d in zip(findings, decisions):
        if d.action == REDACT:
            add_redacted(index, f.entity, f.text, f.score, f.evidence)


def add_redacted(index: PersonIndex, entity: str, text: str, score: float, evidence) -> None:
    """Add one value redacted: a name on evidence of its own, a personal e-mail address. Also what a
    reviewed dossier redacts (``review.apply``): its index is made as a run's is."""
    if entity == "PERSON":
        if score >= INDEX_MIN_SCORE and has_own_evidence(evidence, len(text.split())):
            index.add_person(text)
    elif entity == "EMAIL":
        index.add_email(text)


def same_document_mentions(text: str, findings: list[Finding], decisions: list[Decision]) -> list[Finding]:
    """The other mentions of a name this document redacts, found as verification looks for them.

    "Mevrouw Kind" redacted, "Vragen kunnen naar IJfke Kind" further on: a
    surname that is also a common word is easily missed where no title stands
    before it. Verification would then refuse the document for the leak;
    redacting every mention of the same letters (on word edges, case as
    written) keeps the document consistent. A mention inside another finding
    (a name kept public, an organisation) is left to that finding.
    """
    taken = bytearray(len(text))  # 1 where a finding stands already
    for f in findings:
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
    # short-hand redacted for where it stands ("(FR)" in minutes) is no name wherever the letters stand:
    # verification does not look for it elsewhere either ("85 FR 47712" is the Federal Register)
    values = sorted({" ".join(f.text.split()) for f, d in zip(findings, decisions)
                     if d.action == REDACT and f.entity == "PERSON" and len(f.text.strip()) >= 2
                     and PLACED_SHORTHAND not in f.evidence})
    found: list[Finding] = []
    org_before = set(lexicon().cues["organisation"]["before"])
    patterns = [value_pattern(v) for v in values] + [p for v in values if (p := everyday_surname_pattern(v))]
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            # "Stichting Brouwer" beside the person Brouwer: the organisation's name, kept by rule as the dossier pass does
            evidence = ("dossier:in-organisation-name" if in_organisation_name(text, m.start(), org_before)
                        else "same-name-redacted-in-document")
            found.append(Finding(m.start(), m.end(), "PERSON", m.group(), 0.7, "document",
                                 (evidence,), lead=words_before(text, m.start())))
    # the same name joined into one token: "linkedin.com/in/jan-de-vries", "@JanDeVries", "j_devries"
    for value in values:
        for start, end in [*joined_mentions(text, value), *closed_gap_mentions(text, value)]:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(Finding(start, end, "PERSON", text[start:end], 0.7, "document",
                                 ("same-name-redacted-in-document", "joined-form"), lead=words_before(text, start)))
    return found


def _known_finding(result, text: str) -> Finding:
    meta = result.recognition_metadata or {}
    return Finding(
        start=result.start,
        end=result.end,
        entity="PERSON",
        text=text[result.start : result.end],
        score=round(float(result.score), 2),
        recogniser="dossier",
        evidence=tuple(meta.get("evidence") or ()),
    )
