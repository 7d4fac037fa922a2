"""Dossier-wide consistency: once a person is found, every mention is found.

The pipeline detects every document first, collects the names it decided to
redact into a PersonIndex, and then runs ``KnownPersonRecognizer`` over every
document again. The index turns a full name into the forms the same person
takes elsewhere: surname with or without tussenvoegsel, first name (in a
greeting or anywhere), initials used as short-hand in minutes ("JdV"), and
the local part of their e-mail address.

Matching is case-sensitive on whole words: "Boer" the person is not "boer"
the farmer.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from woopub.detect.forms import FormMatcher, Squeezed
from woopub.detect.lexicon import Lexicon, lexicon
from woopub.detect.names import parse_name
from woopub.detect.persons import ORG_LINKS, spelled_before
from woopub.detect.tokens import is_common_word, written_in_english, zipf

# Local parts that name a function, not a person (also kept by the rules).
FUNCTIONAL_LOCAL_PARTS = re.compile(
    r"^(postbus|info|secretariaat|woo|wob|communicatie|pers|voorlichting|noreply|no-reply|"
    r"helpdesk|servicedesk|contact|klantcontact|webmaster|dpo|fg|privacy|receptie|"
    r"bestuurssecretariaat|griffie|post|mail|office|admin|support)([._-].*)?$",
    re.IGNORECASE,
)
# Initials used as short-hand ("SK", "AvdZ", "KEA") are found anywhere as a
# whole word, except the few two-letter forms that are also abbreviations of
# mail and notes ("RE", "FW", "NB"): those only where minutes and tables put
# initials (line or cell start, after "actie", a colon, comma, bracket).
POSTCODE_DIGITS = re.compile(r"(?<![\d/.-])\b\d{4} ?$")  # "2511 DP", not "28-10-2023\tFA"
CONTEXT_ONLY = {"RE", "FW", "CC", "NB", "PS", "OK", "TV", "ID", "AM", "PM", "NL", "BV", "NV", "EN", "OF", "IN", "OP"}
SHORTHAND_CONTEXT = re.compile(r"(?:^|[\n\t|(\[,:;/]|\b(?:actie|actiehouder|wie|door|cc|aan|en|paraaf))\s*$", re.IGNORECASE)


LINE_START = re.compile(r"(?:^|\n)[ \t]*$")
STRONG_SHORTHAND_BEFORE = re.compile(r"(?:[(\[|]|\b(?:actie|actiehouder|actiepunt|wie|door|paraaf|cc)\s*:?)\s*$", re.IGNORECASE)
ACTION_BEFORE = re.compile(r"(?:\||\b(?:actie|actiehouder|actiepunt|wie|door|paraaf|cc)\s*:?)\s*$", re.IGNORECASE)
SHORTHAND_AFTER = re.compile(r"[ \t]*(?:[:–-]|$)", re.MULTILINE)


# short-hand found only by where it stands: verification, which reads the page with its boxes
# cut out, sees other places ("Logius EL" redacted to "5.1.2e\nEL"), so it does not look for these
PLACED_SHORTHAND = "dossier:initials short-hand in place"


# English articles, conjunctions and prepositions: as a form of a name alone they would match everywhere
ENGLISH_ARTICLES_AND_JOINERS = frozenset({"a", "an", "and", "the", "of", "or", "but", "both", "nor", "to", "in", "on",
                                          "at", "by", "for", "with", "from", "as", "if", "so"})


# two letters that spell a word this frequent ("IS", "ER", "WE", "OF") are as often that word in capitals
FREQUENT_WORD_ZIPF = 5.0


def shorthand_anywhere(form: str, english: bool = True) -> bool:
    """Is this initials short-hand found wherever it stands (and so checked everywhere)? The English
    word counts only in a text that may be English ("IT zoekt dit uit" in Dutch minutes is a person)."""
    frequency = max(zipf(form.lower()), zipf(form.lower(), "en") if english else 0.0)
    return form not in CONTEXT_ONLY and not (len(form) == 2 and frequency >= FREQUENT_WORD_ZIPF)


def _used_as_term(form: str, text: str) -> bool:
    """Does the text use the letters as a term of its own: with an article or a plural ("het IMM",
    "de IDE", "API's"), or spelled out before them ("Integration Maturity Model (IMM)")? A person's
    initials take neither."""
    if re.search(rf"\b(?:de|het|een|deze|dit|the|an?)\s+{re.escape(form)}\b|\b{re.escape(form)}['’]s\b", text):
        return True
    for m in re.finditer(rf"\({re.escape(form)}\)", text):
        if spelled_before(form, _words_before(text, m.start())):
            return True
    return False


def _words_before(text: str, end: int, reach: int = 80) -> str:
    """The whole words in about ``reach`` characters before ``end`` (none cut in half)."""
    start = max(0, end - reach)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _compounded(form: str, text: str) -> bool:
    """Does the text use the letters as the head of a longer term ("RDNAPTRANS", "RD-coördinaten")?
    Initials standing for a person make no compounds."""
    return re.search(rf"(?<!\w){re.escape(form)}(?:[A-Z]{{2}}|-[^\W\d_]{{2}})", text) is not None


def fold_accents(text: str) -> str:
    """``text`` with every letter stripped of its accents, character for character."""
    return text if text.isascii() else text.translate(_FOLDED)


class _FoldTable(dict):
    """str.translate's table, filled as characters come: each is folded once per process."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


# letters Unicode does not decompose, as OCR and ASCII spellings write them ("Yıldırım" -> "Yildirim")
_UNDECOMPOSED = {"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"}


def _fold_char(c: str) -> str:  # remembered by _FoldTable
    if c.isascii():
        return c
    if c in _UNDECOMPOSED:
        return _UNDECOMPOSED[c]
    base = unicodedata.normalize("NFKD", c)[0]
    return base if base.isalpha() and len(base) == 1 else c


_FOLDED = _FoldTable()


def _cap_interfix(interfix: str) -> str:
    return interfix[:1].upper() + interfix[1:] if interfix else ""


def in_organisation_name(text: str, start: int, org_before: set[str] | frozenset[str]) -> bool:
    """Is the word before ``start`` (past "van", "voor de") an organisation word ("Stichting",
    "Wet")? Then the name at ``start`` names the organisation, not the person."""
    before = text[max(0, start - 60) : start].split("\n")[-1]
    # only white space between the words: "(Pieter Baan Centrum), M. Peters" and "Ministerie | Lina
    # Alhamoud" name a person beside an organisation, not inside its name
    run = re.search(r"(?:[\w'-]+\s+)*$", before).group()
    words = run.split()
    while words and words[-1].lower() in ORG_LINKS:
        words.pop()
    return bool(words) and words[-1].lower() in org_before


ROMAN_NUMERAL = re.compile(r"(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_WORD = re.compile(r"(?<![\w.])[IVXLCDM]{1,6}(?![\w.])")


def _numbered_in_roman(form: str, text: str, start: int, end: int) -> bool:
    """Is a Roman-numeral-shaped short-hand ("IV", "XI") one of a run of Roman numerals nearby?"""
    if not ROMAN_NUMERAL.fullmatch(form):
        return False
    near = text[max(0, start - 25) : start] + " " + text[end : end + 25]
    numerals = [w for w in _ROMAN_WORD.findall(near) if ROMAN_NUMERAL.fullmatch(w)]
    # a run: two more numerals, one of them a plain count ("IV en VI bespreken" are two persons)
    return len(numerals) >= 2 and any(w in ("I", "II", "III") for w in numerals)


class PersonIndex:
    """The persons of a dossier and the forms their names take."""

    def __init__(self, lex: Lexicon | None = None):
        self.lex = lex or lexicon()
        self.variants: dict[str, str] = {}  # form -> kind of form
        self.shorthands: set[str] = set()
        self.context_shorthands: set[str] = set()  # short-hand that is also an abbreviation ("UK"): only in minutes-like places
        self.local_parts: set[str] = set()
        self.surnames: set[str] = set()  # "van der berg", lower case: who could be confused with an office holder
        # two-letter short-hand -> the surnames it stands for: "IV" is found outside minutes-like places only in a
        # text that names one of them (two capitals are as often an abbreviation or a numeral: "IV", "AI")
        self.short_owners: dict[str, set[str]] = {}
        self._recogniser: KnownPersonRecognizer | None = None

    # Workers receive the index pickled: without the lexicon (every worker has
    # its own) and without the compiled recogniser (rebuilt once per worker).
    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("lex", "_recogniser")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, lex=lexicon(), _recogniser=None)

    def digest(self) -> str:
        """SHA-256 over every form the index holds: equal digests find the same mentions."""
        body = json.dumps(
            [sorted(self.variants.items()), sorted(self.shorthands), sorted(self.local_parts), sorted(self.surnames),
             sorted(self.context_shorthands), sorted((k, sorted(v)) for k, v in self.short_owners.items())],
            ensure_ascii=False,
        )
        return hashlib.sha256(body.encode("utf-8")).hexdigest()

    def __len__(self) -> int:
        return len(self.variants) + len(self.shorthands) + len(self.context_shorthands) + len(self.local_parts)

    def _usable(self, word: str) -> bool:
        low = word.lower()
        return (
            len(word) >= 2
            and low not in self.lex.public_words
            and low not in self.lex.stop_words
            and low not in ENGLISH_ARTICLES_AND_JOINERS  # "An" (Yifan An) would be every "An" of an English text
            and low not in self.lex.interfix_words
            and not is_common_word(low, self.lex)
        )

    def add_person(self, text: str, confident: bool = True) -> None:
        """Add a person by the name as found. A name found with little confidence
        adds only itself, exactly as written; a confident one adds all its forms."""
        self._recogniser = None
        if not confident:
            full = re.sub(r"\s+", " ", text.strip())
            if all(self._usable(w) for w in full.split()):
                self.variants.setdefault(full, "same name")
            return
        name = parse_name(text, self.lex)
        if not name.surname and not name.given:
            return
        if name.surname:
            self.surnames.add(f"{name.interfix} {name.surname}".strip().lower())
        full = re.sub(r"\s+", " ", text.strip())
        if len(full.split()) > 1:
            self.variants.setdefault(full, "full name")
        if name.surname:
            if name.interfix:
                self.variants.setdefault(f"{name.interfix} {name.surname}", "surname")
                self.variants.setdefault(f"{_cap_interfix(name.interfix)} {name.surname}", "surname")
            elif self._usable(name.surname):
                self.variants.setdefault(name.surname, "surname")
                for part in name.surname.split("-"):
                    if self._usable(part) and len(part) >= 3:
                        self.variants.setdefault(part, "part of double surname")
        for given in name.given:
            if self._usable(given) and len(given) >= 3:
                self.variants.setdefault(given, "first name")
        if name.surname:
            for form in self._shorthand_forms(name):
                if form in self.lex.acronyms or form.lower() in self.lex.public_words:
                    self.context_shorthands.add(form)  # "UK" for Ursula Kartosen: only where minutes put initials
                else:
                    self.shorthands.add(form)
                if len(form) == 2 or form in self.context_shorthands:
                    self.short_owners.setdefault(form, set()).add(name.surname)

    @staticmethod
    def _shorthand_forms(name) -> set[str]:
        """The initials a person's name is short-handed to: "Jan-Willem Schouten" JWS,
        "Rutger in 't Veld" RitV and RV, "Thu Trang Pham" TTP and TP."""
        # every part of a hyphenated given name counts: "Anne-Marie" is A and M
        given_parts = [[p[0] for p in re.split(r"-", g) if p] for g in name.given]
        initials = [c for i in name.initials for c in i if c.isupper()]
        letters = [c for g in given_parts for c in g] or initials
        if not letters:
            return set()
        givens = {"".join(letters).upper(), "".join(initials)} - {""}  # "Graaf, G.A. de (Gerrit)": GdG and GAdG
        if len(given_parts) > 1:
            givens.add("".join(given_parts[0]).upper())  # the first given name alone: "Thu Trang Pham" TP
        # the first letter of each word of the tussenvoegsel, past an apostrophe: "in 't" -> "it"
        inter = "".join(next((c for c in w if c.isalpha()), "") for w in name.interfix.split())
        # "El Amrani" -> EA, "Kaya-Adeyemi" -> KA as well as K
        parts = [p for p in re.split(r"[\s-]+", name.surname) if p]
        surname_letters = {parts[0][0].upper(), "".join(p[0] for p in parts).upper()}
        forms = set()
        for given in givens:
            for sur in surname_letters:
                forms |= {given + inter.lower() + sur, given + sur, (given + inter + sur).upper()}
        return {f for f in forms if len(f) >= 2}

    def add_email(self, address: str) -> None:
        self._recogniser = None
        local = address.split("@", 1)[0]
        if FUNCTIONAL_LOCAL_PARTS.match(local) or len(local) < 3:
            return
        self.local_parts.add(local)
        pieces = [p for p in re.split(r"[._-]+", local) if p]
        # "jan.de.vries", "j.p.devries"; not "9-ANM-Seattle-ACO-AMOC-Requests", an office's mailbox
        if 2 <= len(pieces) <= 4 and not any(c.isdigit() for c in local):
            surname = pieces[-1]
            # longest glued form first, then by name: the same choice in every process ("dehaan" is
            # "de Haan", never "d' Ehaan"); set order differs between processes and changed the index digest
            for interfix in sorted(self.lex.interfixes, key=lambda i: (-len(i.replace(" ", "").replace("'", "")), i)):
                glued = interfix.replace(" ", "").replace("'", "")
                if glued and surname.startswith(glued) and len(surname) > len(glued) + 2:
                    core = surname[len(glued) :].capitalize()
                    if self._usable(core):
                        self.variants.setdefault(f"{interfix} {core}", "surname from e-mail")
                        self.variants.setdefault(f"{_cap_interfix(interfix)} {core}", "surname from e-mail")
                    break
            else:
                if self._usable(surname) and len(surname) >= 3:
                    self.variants.setdefault(surname.capitalize(), "surname from e-mail")

    def searched_everywhere(self) -> list[str]:
        """The forms the recogniser finds wherever they stand (short upper-case
        initials such as "SK" only in minutes-like places, so they are left out)."""
        shorthands = [s for s in self.shorthands if shorthand_anywhere(s)]
        return sorted(set(self.variants) | set(shorthands) | self.local_parts)

    def to_dict(self) -> dict:
        return {"variants": self.variants, "shorthands": sorted(self.shorthands),
                "local_parts": sorted(self.local_parts), "surnames": sorted(self.surnames),
                "context_shorthands": sorted(self.context_shorthands),
                "short_owners": {k: sorted(v) for k, v in sorted(self.short_owners.items())}}

    @classmethod
    def from_dict(cls, data: dict) -> "PersonIndex":
        index = cls()
        index.variants = dict(data.get("variants", {}))
        index.shorthands = set(data.get("shorthands", ()))
        index.context_shorthands = set(data.get("context_shorthands", ()))
        index.local_parts = set(data.get("local_parts", ()))
        index.surnames = set(data.get("surnames", ()))
        index.short_owners = {k: set(v) for k, v in data.get("short_owners", {}).items()}
        return index

    def recogniser(self) -> "KnownPersonRecognizer":
        # built once per index, not per document: compiling every known form is the costly part
        if self._recogniser is None:
            self._recogniser = KnownPersonRecognizer(self)
        return self._recogniser


# the kinds of known forms also looked for in capitals: those read from a written name
CAPITALS_KINDS = frozenset({"full name", "surname", "part of double surname"})
# a given name in capitals is as often an acronym or a word ("737 MAX", "ROB", "NORA API"): looked for
# only when this long, and found only where the text names the person as written and the word stands alone
CAPITALS_GIVEN_LETTERS = 4
CAPITALS_GIVEN = "dossier:first name in capitals"
_WORD_BESIDE = re.compile(r"[^\W_][\w'’.-]*")


def capitals_given_name(given: str, lex: Lexicon) -> str | None:
    """The capitals form of a known given name looked for at all: long enough, no known acronym and no
    everyday word in either dictionary ("MARK", "ROSE", "WILL" are words in capitals)."""
    caps = given.upper()
    if (caps == given or sum(c.isalpha() for c in caps) < CAPITALS_GIVEN_LETTERS or caps in lex.acronyms
            or given.lower() in lex.dictionary_words):
        return None
    return caps


def word_beside(text: str, start: int, end: int) -> tuple[str, str]:
    """The words right before and after ``text[start:end]`` on its line ("" at a line's edge)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = _WORD_BESIDE.findall(text[line_start:start])
    after = _WORD_BESIDE.findall(text[end : len(text) if line_end < 0 else line_end])
    return (before[-1] if before else ""), (after[0] if after else "")


class KnownPersonRecognizer(LocalRecognizer):
    """Finds the dossier's known persons in any of their forms. Entity PERSON."""

    SCORE = 0.85

    def __init__(self, index: PersonIndex):
        self.index = index
        self.forms = {" ".join(fold_accents(f).split()): f for f in index.variants}
        # a known name in capitals is the same name ("WIJNBERG" in a letterhead, "FENNA WIJNBERG");
        # not a given name alone ("737 MAX", "ROB") nor a surname guessed from an e-mail address
        # ("EUCPN" of secretariat.eucpn@...), a known acronym, or a form too short to tell from one
        for variant, kind in index.variants.items():
            caps = variant.upper()
            if (caps != variant and kind in CAPITALS_KINDS and sum(c.isalpha() for c in caps) >= 3
                    and caps not in index.lex.acronyms):
                self.forms.setdefault(" ".join(fold_accents(caps).split()), variant)
        # a known given name in capitals ("BART!" where "Bart" is redacted), checked where it stands
        self.caps_given: dict[str, re.Pattern] = {}  # capitals form -> the given name as written, on word edges
        for variant, kind in index.variants.items():
            caps = capitals_given_name(variant, index.lex) if kind == "first name" else None
            key = " ".join(fold_accents(caps).split()) if caps else None
            if key and key not in self.forms:
                self.forms[key] = variant
                self.caps_given[key] = re.compile(rf"(?<![\w@.-]){re.escape(fold_accents(variant))}(?![\w@-])")
        # thousands of forms in a large dossier: one Aho-Corasick pass each, not a regex alternation
        self.pattern = FormMatcher(self.forms, before="@.-", after="@-")
        self.context_only = {fold_accents(s) for s in index.context_shorthands}
        self.shorthand = FormMatcher((fold_accents(s) for s in index.shorthands | index.context_shorthands),
                                     before="@.", after="@")
        self.local = FormMatcher(index.local_parts, before="@.", after="@", ignore_case=True)
        # short-hand -> one pattern for the surnames it stands for, compiled once per index
        self.owners = {fold_accents(k): re.compile("|".join(rf"(?<!\w){re.escape(fold_accents(o))}(?!\w)" for o in sorted(v)))
                       for k, v in index.short_owners.items()}
        self.org_before = set(index.lex.cues["organisation"]["before"])
        super().__init__(supported_entities=["PERSON"], supported_language="nl", name="dossier", context=[])

    def load(self) -> None:
        pass

    def _in_organisation_name(self, text: str, start: int) -> bool:
        return in_organisation_name(text, start, self.org_before)

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        # matched on a copy without accents, same length, so "Zielinski" (from an
        # e-mail address) finds "Zieliński" and "Ozturk" finds "Öztürk"
        folded = fold_accents(text)
        squeezed = Squeezed(folded)  # white space made single once, for the three matchers
        for start, end in self.pattern.spans(folded, squeezed):
            if self._in_organisation_name(text, start):
                # "Wet Mulder", "Stichting De Boer": not the person; reported so the rules keep it in view
                results.append(self._result(start, end, "dossier:in-organisation-name"))
                continue
            key = " ".join(folded[start:end].split())
            if key in self.caps_given:
                if self._given_in_capitals(key, folded, start, end):
                    results.append(self._result(start, end, CAPITALS_GIVEN))
                continue
            form = self.forms[key]
            results.append(self._result(start, end, f"dossier:{self.index.variants[form]}"))
        terms: dict[str, bool] = {}  # form -> _used_as_term, once per text
        english = None  # written_in_english, once per text and only when short-hand is found
        for start, end in self.shorthand.spans(folded, squeezed):  # "SÖ" as OCR reads it: "SO", "SÒ"
            form = folded[start:end]
            before = text[max(0, start - 15) : start]
            if POSTCODE_DIGITS.search(before):
                continue  # "2511 DP Den Haag": the letters of a postcode
            if _numbered_in_roman(form, text, start, end):
                continue  # "I | II | III | IV": a column of Roman numerals, not someone's initials
            if text[start - 1 : start] == "(" and (text[start - 2 : start - 1].isalnum()
                                                   or spelled_before(form, _words_before(text, start - 1))):
                continue  # "Required for Compliance (RC)" defines an abbreviation here; "RDNAPTRANS(TM)" marks a word
            named = self._owner_named(form, folded)
            context = SHORTHAND_CONTEXT.search(before)
            if context and not named and not (STRONG_SHORTHAND_BEFORE.search(before) or (
                    LINE_START.search(before) and SHORTHAND_AFTER.match(text, end))):
                # two capitals in a table cell or a list of an unrelated text ("AD", "FR", "ID") are as often
                # an abbreviation; minutes write "AD: ...", "Actie: AD", "(AD)"
                context = None
            if form not in terms:
                terms[form] = _used_as_term(form, folded)
            if english is None:
                english = written_in_english(w.lower() for w in re.findall(r"\w+", folded))
            abbreviation = (form in self.context_only or not shorthand_anywhere(form, english)  # "OK", "PDF", "RE", "IS"
                            or _compounded(form, folded)  # "RD" beside "RDNAPTRANS", "RD-stelsel"
                            or terms[form])  # "het IMM", "Integration Maturity Model (IMM)"
            anywhere = not abbreviation and named
            # (a longer form counts as named unchecked: a term the text uses is short-hand only where an action puts it)
            vouched = named and (form in self.owners or not terms[form])
            if anywhere:
                results.append(self._result(start, end, "dossier:initials short-hand"))
            elif context and (vouched or not abbreviation or ACTION_BEFORE.search(before)):
                # an abbreviation in a minutes-like place is short-hand only where the text names its person
                # or an action column or word puts it: "200 (OK)" in an API text is no Ouren Kuiper
                results.append(self._result(start, end, PLACED_SHORTHAND))
        for start, end in self.local.spans(text, squeezed if folded is text else None):
            results.append(self._result(start, end, "dossier:e-mail local part"))
        return results

    def _given_in_capitals(self, key: str, folded: str, start: int, end: int) -> bool:
        """Is a known given name in capitals the person here? Only in a text that names them as written
        ("BART!" beside "Bart Simpson"), and not where capitals stand for a term: beside another word in
        capitals or a number on its line ("NORA API", "737 MAX"), with an article or spelled out
        ("de NORA"), or heading a longer term ("NORA-principes")."""
        if not self.caps_given[key].search(folded):
            return False
        for word in word_beside(folded, start, end):
            if any(c.isdigit() for c in word) or (word.isupper() and sum(c.isalpha() for c in word) >= 2
                                                  and word not in self.forms and not self._plain_in_capitals(word)):
                return False
        return not (_used_as_term(key, folded) or _compounded(key, folded))

    def _plain_in_capitals(self, word: str) -> bool:
        """Is a word in capitals an everyday word or a name part ("AAN: BART EN LISA"), not a term like "API"?"""
        low, lex = word.strip(".").lower(), self.index.lex
        return (low in lex.stop_words or low in lex.interfix_words or low in lex.first_names or low in lex.surnames
                or is_common_word(low, lex, english=True))

    def _owner_named(self, form: str, folded: str) -> bool:
        """Does the text name a person this two-letter short-hand stands for? (Longer forms: always.)"""
        pattern = self.owners.get(form)
        return pattern is None or pattern.search(folded) is not None

    def _result(self, start: int, end: int, evidence: str) -> RecognizerResult:
        return RecognizerResult(
            "PERSON",
            start,
            end,
            self.SCORE,
            AnalysisExplanation(recognizer="dossier", original_score=self.SCORE, textual_explanation=evidence),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "evidence": [evidence],
            },
        )


def value_pattern(value: str) -> re.Pattern:
    """Where a redacted name stands in text: its words, any white space between, on word edges.

    The word edges the dossier recogniser uses: "Hendrik" is not in "Hendrik-Ido-Ambacht".
    The redaction stage finds a document's other mentions of a name with this same pattern.
    """
    words = [re.escape(w) for w in value.split()]
    if not words:  # nothing to find but an edge, as the plain pattern would
        return re.compile(r"(?<![\w@.-])(?![\w@-])")
    # the edge before the name is checked after its first word: a pattern that opens with a
    # literal is searched for by that literal, one that opens with a look-behind char by char (25x slower)
    return re.compile(words[0] + rf"(?<![\w@.-]{words[0]})" + "".join(r"\s+" + w for w in words[1:]) + r"(?![\w@-])")
