"""Stage 3, decide: each finding is kept or redacted, by the rules, with a reason.

Order (the first rule that matches decides):
  1. always_redact   values a dossier rule file says to redact
  2. always_keep     values a dossier rule file says to keep
  3. keep            exceptions: office holders in their public role, functional
                     mailboxes, switchboard numbers (rules/keep.yaml)
  4. redact          per entity, with its Woo ground (rules/redact.yaml)
  5. default         anything else is redacted: an unmatched finding never leaks
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections import defaultdict

import phonenumbers

from woopub.detect.lexicon import lexicon
from woopub.detect.names import parse_name
from woopub.model import KEEP, REDACT, Decision, Finding
from woopub.decide.rules import Official, Rule, RuleSet, ValueRule


@functools.lru_cache(maxsize=65536)  # pure; called for every rule pattern on every finding
def _fold(text: str) -> str:
    """Lower case without accents or punctuation, single spaces: for comparing names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s'.-]", " ", text)).strip()


def _words(text: str) -> list[str]:
    return _fold(text).replace(".", ". ").split()


def _national_number(text: str) -> str:
    text = " ".join(text.split())  # a number wrapped over a line end
    try:
        number = phonenumbers.parse(text, "NL")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return re.sub(r"\D", "", text)


class OfficialIndex:
    """Office holders by the last word of their surname, for matching names."""

    def __init__(self, officials: list[Official]):
        lex = lexicon()
        self.by_last: dict[str, list[tuple[Official, list[str], list[str]]]] = defaultdict(list)
        for o in officials:
            parsed = parse_name(o.name, lex)
            surname = o.surname or " ".join(x for x in (parsed.interfix, parsed.surname) if x)
            given = [_fold(g) for g in parsed.given]
            if o.surname:  # given names are what comes before the stated surname
                given = [w for w in _words(o.name)[: -len(_words(o.surname))]]
            forms = {surname}
            last = surname.split()[-1]
            if "-" in last:  # "Yeşilgöz-Zegerius" is also written "Yeşilgöz"
                for part in last.split("-"):
                    if len(part) >= 4:
                        forms.add(" ".join(surname.split()[:-1] + [part]))
            for form in forms:
                words = _words(form)
                self.by_last[words[-1]].append((o, words, given))

    def match(self, text: str, ambiguous: set[str] = frozenset()) -> Official | None:
        """The office holder ``text`` names, if any.

        A bare surname in ``ambiguous`` (also borne by a civil servant in the
        dossier) matches nobody: it could be either person.
        """
        if "," in text:  # Outlook order "Vries, J. (Jan) de" -> "J. Jan de Vries"
            head, _, rest = text.partition(",")
            rest_words = _words(rest)
            inter = [w for w in rest_words if w in lexicon().interfix_words]
            text = " ".join([w for w in rest_words if w not in inter] + inter + _words(head))
        words = [w for w in _words(text) if w.rstrip(".") not in lexicon().titles]
        if not words:
            return None
        for official, surname, given in self.by_last.get(words[-1], ()):
            n = len(surname)
            if words[-n:] != surname:
                continue
            rest = words[:-n]
            if not rest and " ".join(surname) in ambiguous:
                return None
            if not rest or self._fits(rest, given):
                return official
        return None

    @staticmethod
    def _fits(rest: list[str], given: list[str]) -> bool:
        """Do the given names or initials in the text fit the office holder's?"""
        if not given:
            return True
        head = rest[0]
        if head.endswith(".") or len(head) == 1:  # initials "j." or "d.m."
            return head[0] == given[0][0]
        return head == given[0]


_OFFICIAL_INDEXES: dict[str, OfficialIndex] = {}


def _official_index(rules: RuleSet) -> OfficialIndex:
    """One office-holder index per rule set (built once, before worker processes fork)."""
    if rules.digest not in _OFFICIAL_INDEXES:
        _OFFICIAL_INDEXES[rules.digest] = OfficialIndex(rules.officials)
    return _OFFICIAL_INDEXES[rules.digest]


_last_folded: tuple = (None, 0, frozenset())


def _folded(names: set[str]) -> frozenset[str]:
    """``names`` folded; the dossier's surnames (thousands) come again for every document, so
    the last set is remembered (by identity and size: the set only grows while scans come in)."""
    global _last_folded
    seen, size, folded = _last_folded
    if seen is not names or size != len(names):
        folded = frozenset(_fold(s) for s in names)
        _last_folded = (names, len(names), folded)
    return folded


class Decider:
    def __init__(self, rules: RuleSet, document_date: dt.date | None = None, known_surnames: set[str] = frozenset()):
        self.rules = rules
        self.document_date = document_date
        self.known_surnames = _folded(known_surnames)
        self.officials = _official_index(rules)
        self.parties = {_fold(p) for p in rules.parties}

    def decide(self, f: Finding) -> Decision:
        for v in self.rules.always_redact:
            if self._value_matches(v, f, whole=False):
                return Decision(REDACT, v.ground or self._ground_for(f.entity), v.id, v.reason)
        for v in self.rules.always_keep:
            if self._value_matches(v, f, whole=True):
                return Decision(KEEP, None, v.id, v.reason)
        for rule in self.rules.keep:
            detail = self._matches(rule, f)
            if detail is not None:
                return Decision(KEEP, None, rule.id, rule.reason + detail)
        for rule in self.rules.redact:
            if self._matches(rule, f) is not None:
                return Decision(REDACT, rule.ground, rule.id, rule.reason)
        return Decision(REDACT, self.rules.default_ground, "default", self.rules.default_reason)

    def _ground_for(self, entity: str) -> str:
        for rule in self.rules.redact:
            if entity in rule.entities and rule.ground:
                return rule.ground
        return self.rules.default_ground

    @staticmethod
    def _value_matches(v: ValueRule, f: Finding, whole: bool) -> bool:
        if v.entity and v.entity != f.entity:
            return False
        text = re.sub(r"\s+", " ", f.text).strip()
        if whole:
            return text == v.value
        return re.search(r"(?<!\w)" + re.escape(v.value) + r"(?!\w)", text) is not None

    def _matches(self, rule: Rule, f: Finding) -> str | None:
        """None when the rule does not apply, else a detail for the reason ("" if none)."""
        c = rule.conditions
        if f.entity not in rule.entities:
            return None
        if "min_score" in c and f.score < c["min_score"]:
            return None
        if "evidence" in c and not any(_has_evidence(f, e) for e in c["evidence"]):
            return None
        if "evidence_none" in c and any(_has_evidence(f, e) for e in c["evidence_none"]):
            return None
        detail = ""
        if "lead_ends_with" in c:
            lead = _fold(f.lead).split()
            hit = next((p for p in c["lead_ends_with"] if lead[-len(p.split()) :] == _fold(p).split()), None)
            if hit is None:
                return None
            detail = f" (voorafgegaan door '{hit}')"
        if "line_before_starts_with" in c:
            line = _fold(f.line_before).split()
            hit = next((p for p in c["line_before_starts_with"] if line[: len(p.split())] == _fold(p).split()), None)
            if hit is None:
                return None
            detail = f" (onder '{f.line_before.strip()}')"
        if c.get("trail_is_party"):
            inner = _fold(f.trail.strip("() "))
            if not inner or not (inner in self.parties or inner.replace(" ", "") in self.parties):
                return None
            detail = f" (fractie {f.trail.strip()})"
        if c.get("official"):
            official = self.officials.match(f.text, self.known_surnames)
            if official is None or not official.active_on(self.document_date, self.rules.grace_years):
                return None
            detail = f" ({official.name}, {official.role_on(self.document_date, self.rules.grace_years).role})"
        if "local_part_matches" in c:
            local = f.text.split("@", 1)[0]
            if not self.rules.local_part_matches(c["local_part_matches"], local):
                return None
        if "number_in" in c:
            if _national_number(f.text) not in {_national_number(n) for n in c["number_in"]}:
                return None
        return detail


def _has_evidence(f: Finding, wanted: str) -> bool:
    return any(e == wanted or e.startswith(wanted + ":") for e in f.evidence)
