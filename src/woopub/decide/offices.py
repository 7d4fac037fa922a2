"""Office holders indexed for matching names, and the name folding the decider compares with."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass

from woopub.dutch import fold
from woopub.detect.lexicon import lexicon
from woopub.detect.names import parse_name


@functools.lru_cache(maxsize=65536)  # pure; called for every rule pattern on every finding
def fold_name(text: str) -> str:
    """Lower case without accents or punctuation, single spaces: for comparing names (initials keep their dots)."""
    return fold(text, keep="'.-")


def name_words(text: str) -> list[str]:
    return fold_name(text).replace(".", ". ").split()


@dataclass(frozen=True)
class Role:
    role: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class Official:
    name: str
    party: str | None
    roles: tuple[Role, ...]
    surname: str | None = None  # given when the name alone does not show it
    def role_on(self, day: dt.date | None, grace_years: int) -> Role:
        """The office held on ``day`` (within the grace period), latest first: the one a reviewer is shown."""
        if day is None:
            return self.roles[0]

        def held(r: Role, grace: int) -> bool:
            end = r.end.replace(year=r.end.year + grace) if r.end else None
            return r.start <= day and (end is None or day <= end)

        for grace in (0, grace_years):
            current = [r for r in self.roles if held(r, grace)]
            if current:
                return max(current, key=lambda r: r.start)
        return self.roles[0]

    def active_on(self, day: dt.date | None, grace_years: int) -> bool:
        if day is None:
            return True
        for r in self.roles:
            end = r.end.replace(year=r.end.year + grace_years) if r.end else None
            if r.start <= day and (end is None or day <= end):
                return True
        return False


class OfficialIndex:
    """Office holders by the last word of their surname, for matching names."""

    def __init__(self, officials: list[Official]):
        lex = lexicon()
        self.by_last: dict[str, list[tuple[Official, list[str], list[str]]]] = defaultdict(list)
        for o in officials:
            parsed = parse_name(o.name, lex)
            surname = o.surname or " ".join(x for x in (parsed.interfix, parsed.surname) if x)
            given = [fold_name(g) for g in parsed.given]
            if o.surname:  # given names are what comes before the stated surname
                given = [w for w in name_words(o.name)[: -len(name_words(o.surname))]]
            forms = {surname}
            last = surname.split()[-1]
            if "-" in last:  # "Yeşilgöz-Zegerius" is also written "Yeşilgöz"
                for part in last.split("-"):
                    if len(part) >= 4:
                        forms.add(" ".join(surname.split()[:-1] + [part]))
            for form in forms:
                words = name_words(form)
                self.by_last[words[-1]].append((o, words, given))

    def match(self, text: str, ambiguous: set[str] = frozenset()) -> Official | None:
        """The office holder ``text`` names, if any.

        A bare surname in ``ambiguous`` (also borne by a civil servant in the
        dossier) matches nobody: it could be either person.
        """
        if "," in text:  # Outlook order "Vries, J. (Jan) de" -> "J. Jan de Vries"
            head, _, rest = text.partition(",")
            rest_words = name_words(rest)
            inter = [w for w in rest_words if w in lexicon().interfix_words]
            text = " ".join([w for w in rest_words if w not in inter] + inter + name_words(head))
        words = [w for w in name_words(text) if w.rstrip(".") not in lexicon().titles]
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
