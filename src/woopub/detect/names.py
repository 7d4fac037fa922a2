"""Splitting a person's name into its parts, for matching and for variants."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from woopub.detect.lexicon import Lexicon
from woopub.detect.tokens import COMMON, INITIALS, INTERFIX, NAME, TITLE, WORD, classify


@dataclass
class PersonName:
    given: list[str] = field(default_factory=list)  # "Jan-Willem"
    initials: list[str] = field(default_factory=list)  # "J.W."
    interfix: str = ""  # "van der"
    surname: str = ""  # "Berg-Smit"

    @property
    def full(self) -> str:
        return " ".join(self.given + ([self.interfix] if self.interfix else []) + [self.surname]).strip()


def parse_name(text: str, lex: Lexicon) -> PersonName:
    """Split a detected name into given names, initials, tussenvoegsel and surname."""
    caps = text.isupper()

    words = re.findall(r"[^\s(),]+", text)
    # "in" of "in 't", "op" of "op den": a tussenvoegsel only before the rest of it
    openers = {w for w, nxt in zip(words, words[1:]) if f"{w.lower()} {nxt.lower()}" in lex.interfix_pairs}

    def kind(word: str) -> str:
        if word in openers:
            return INTERFIX
        k = classify(word, lex, caps)
        return NAME if k in (WORD, COMMON) else k  # the text is known to be a name: "Plas", "Na" are name parts here

    name = PersonName()
    outlook = "," in text  # "Vries, J. (Jan) de"
    kinds = [(w, kind(w)) for w in words]
    kinds = [(w, k) for w, k in kinds if k != TITLE]
    if outlook:
        head, _, rest = text.partition(",")
        head_words = head.split()
        name.surname = head_words[-1] if head_words else ""
        name.interfix = " ".join(head_words[:-1])
        for w, k in [(w, kind(w)) for w in re.findall(r"[^\s(),]+", rest)]:
            if k == INITIALS:
                name.initials.append(w)
            elif k == NAME:
                name.given.append(w)
            elif k == INTERFIX:
                name.interfix = (name.interfix + " " + w).strip()
        return name
    # a given name in brackets is never the surname: "N. (Nadia)", "J.P. (Jan-Peter) Smits"
    bracketed = set(re.findall(r"\(([^()\s]+)\)", text))
    name.given.extend(w for w in bracketed if classify(w, lex, caps) in (NAME, WORD, COMMON))
    kinds = [(w, k) for w, k in kinds if w not in bracketed]
    # one word that is a listed given name is a given name: "Hendrik-Jan", "Fatma"
    if len(kinds) == 1 and kinds[0][0].lower().split("-")[0] in lex.first_names and kinds[0][0].lower() not in lex.surnames:
        name.given.append(kinds[0][0])
        return name
    # the surname is the last name-shaped part with the tussenvoegsels before it
    idx = [i for i, (_, k) in enumerate(kinds) if k == NAME]
    if not idx:
        return name
    last = idx[-1]
    name.surname = kinds[last][0]
    i = last - 1
    interfix = []
    while i >= 0 and kinds[i][1] == INTERFIX:
        interfix.insert(0, kinds[i][0])
        i -= 1
    name.interfix = " ".join(interfix)
    for w, k in kinds[: i + 1]:
        if k == INITIALS:
            name.initials.append(w)
        elif k == NAME:
            name.given.append(w)
    return name
