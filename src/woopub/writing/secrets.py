"""The redacted values verification hunts for, and the structures that find them fast.

A ``Secret`` is one value (a name form, an e-mail address, a number) with a label that names it
without showing it; a ``SecretSet`` holds many, with their search structures (Aho-Corasick automata
over text and bytes) built once, on first use. ``writing.verify`` checks page text and pictures with
them, ``writing.filecheck`` every object, string and byte of the file.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from woopub.detect.dossier import PLACED_SHORTHAND
from woopub.decide.marked import TERM_EVIDENCE
from woopub.model import REDACT, Proposal

# Values shorter than this are not searched in raw PDF objects (too many chance hits).
RAW_MIN_LENGTH = 6
# A number of this many digits or more is also searched as its digits alone ("0648291730" for
# "06-48291730"); fewer stand in coordinates and offsets by chance.
NUMBER_DIGITS_ALONE = 9
NUMBER_ENTITIES = {"PHONE", "BSN", "IBAN"}
INVISIBLE_MIN_LENGTH = 6
# Values shorter than this are not searched in text strings of objects.
STRING_MIN_LENGTH = 4


@dataclass(frozen=True)
class Secret:
    """A redacted value to hunt for; ``label`` names it without showing it."""

    value: str
    entity: str
    label: str
    # a term a reviewer searched: a leak wherever its letters stand, inside longer words and in
    # any case too, as the review dossier's search redacts it (``decide.marked.term_pattern``)
    anywhere: bool = False


DOSSIER_FORM_LABEL = "a name form redacted across the dossier"


def index_secrets(index, long_only: bool = False) -> list[Secret]:
    """The name forms a dossier redacts in every document (``PersonIndex``), as
    values to hunt for in metadata, strings and streams. The page text itself is
    checked with the dossier's recogniser (``check_dossier_names``); ``long_only``
    leaves the short forms to that check."""
    forms = index.searched_everywhere()
    if long_only:
        forms = [f for f in forms if len(f) >= INVISIBLE_MIN_LENGTH]
    return [Secret(form, "PERSON", DOSSIER_FORM_LABEL) for form in forms]


def dossier_wide_secrets(index=None, redacted: Iterable[Proposal] = (), terms: Iterable[Secret] = ()) -> list[Secret]:
    """What every document of a dossier is checked for besides its own values: one model for
    ``woopub redact`` and ``woopub apply`` (each has a person index, ``index``, made the same way).

    The dossier's long name forms (the page text is also checked with the index's recogniser,
    ``check_dossier_names``); every value ``redacted`` anywhere (once every document is published:
    ``run.batch.verify_output``), outside the places kept on purpose (KEEP proposals), but a one-word
    name only in its own document, as the index hunts full forms everywhere and the same word elsewhere
    may be no name ("Rechtspleging"); every term searched across the dossier, in ``redacted`` or
    ``terms``, wherever it stands."""
    wide = index_secrets(index, long_only=True) if index is not None and len(index) else []
    seen = set(wide)
    for s in [*secrets_from(redacted), *terms]:
        if s not in seen and (s.anywhere or s.entity != "PERSON" or len(s.value.split()) > 1):
            seen.add(s)
            wide.append(s)
    return wide


def secrets_from(proposals: Iterable[Proposal]) -> list[Secret]:
    """The values ``proposals`` redact, to hunt for wherever they stand; short-hand redacted for
    where it stands is left to ``check_placed`` (it is no name elsewhere: the decide stage does not
    spread it through the document either, ``decide.analysis.same_document_mentions``)."""
    seen: dict[tuple[str, str], Secret] = {}
    for p in proposals:
        if p.action != REDACT or PLACED_SHORTHAND in p.evidence:
            continue
        value = re.sub(r"\s+", " ", p.text).strip()
        if len(value) < 2:
            continue
        anywhere = TERM_EVIDENCE in p.evidence
        key = (p.entity, value, anywhere)
        seen.setdefault(key, Secret(value, p.entity, f"{p.entity} of proposal {p.id}", anywhere))
    return list(seen.values())


def term_secrets(terms) -> list[Secret]:
    """The terms reviewers searched across the dossier (``(term, entity)``), hunted for in every document."""
    return [Secret(" ".join(t.split()), entity or "VALUE", f"a term searched across the dossier ({entity or 'VALUE'})",
                   anywhere=True) for t, entity in terms if len(t.strip()) >= 2]

class SecretSet:
    """Values to hunt for, with their search structures built once, on first use.

    The dossier's name forms (thousands in a large dossier) are hunted for in
    every document: built per document, their automata were most of the
    verification work. The pipeline builds them in the parent, before it
    forks the children that verify each document. Pickled, only the values
    travel; a worker builds the structures again, once.
    """

    def __init__(self, secrets=()):
        self.secrets = tuple(secrets)

    def __len__(self) -> int:
        return len(self.secrets)

    def __iter__(self):
        return iter(self.secrets)

    def __getstate__(self) -> dict:
        return {"secrets": self.secrets}

    def __setstate__(self, state: dict) -> None:
        self.secrets = state["secrets"]

    def warm(self) -> "SecretSet":
        for name in ("matcher", "searchable", "normal", "form_automaton", "word_automaton", "_places", "_string_search"):
            getattr(self, name)
        return self

    @functools.cached_property
    def _places(self) -> "_Places":
        """Where each kind of value is listed: by normal form, by digits, by compact e-mail, and
        names by their rarest word (a name is in a text only if all its words are)."""
        by_normal, by_digits, by_email, by_word = (defaultdict(list) for _ in range(4))
        name_words: dict[int, frozenset[str]] = {}
        always = []
        for k, s in enumerate(self.secrets):
            if s.entity in NUMBER_ENTITIES:
                digits = digits_only(s.value)
                if len(digits) >= 6:  # shorter numbers are never reported (see _invisible_count)
                    by_digits[digits].append(k)
                continue
            by_normal[self.normal[s.value]].append(k)
            if s.entity == "EMAIL":
                compact = without_spaces(s.value).lower()
                (by_email[compact] if compact else always).append(k)
            else:
                name_words[k] = frozenset(s.value.split())
                if not name_words[k]:
                    always.append(k)  # no word to look for: checked as it is, everywhere
        frequency = Counter(w for words in name_words.values() for w in words)
        for k, words in name_words.items():
            if words:
                by_word[min(words, key=lambda w: (frequency[w], w))].append(k)
        return _Places(by_normal, by_digits, by_email, by_word, name_words, always,
                       _automaton(set(by_digits)), _automaton(set(by_email)))

    def candidates(self, drawn_forms: set[str], text_words: set[str], digit_texts: tuple[str, str],
                   compact_lower: str) -> list[int]:
        """Positions of the values that can be in a document at all, in order.

        A value none of whose forms occur cannot be reported, so a document is
        checked for these only, not for every name form of the dossier.
        """
        places = self._places
        found: set[int] = set(places.always)
        for form in drawn_forms:
            found.update(places.by_normal.get(form, ()))
        for text in digit_texts:
            for digits in occurring(places.digit_automaton, text):
                found.update(places.by_digits[digits])
        for email in occurring(places.email_automaton, compact_lower):
            found.update(places.by_email[email])
        for w in text_words:
            found.update(k for k in places.by_rarest_word.get(w, ()) if places.name_words[k] <= text_words)
        return sorted(found)

    @functools.cached_property
    def matcher(self) -> "_Matcher":
        """Byte forms of the values long enough for raw bytes and objects."""
        return _Matcher(_wanted(list(self.secrets)))

    @functools.cached_property
    def searchable(self) -> list:
        return _searchable([s for s in self.secrets if len(s.value) >= STRING_MIN_LENGTH])

    @functools.cached_property
    def _string_search(self):
        """For ``first_in``: the searchable forms by where they first stand, in two automata."""
        words, digits, always = {}, {}, []
        for k, (_, value, is_number) in enumerate(self.searchable):
            if not value:
                always.append(k)  # an empty form is in every string
            else:
                (digits if is_number else words).setdefault(value, k)
        return _automaton(set(words)), words, _automaton(set(digits)), digits, always

    def first_in(self, text: str) -> "Secret | None":
        """The first searchable value in ``text`` (a string of a PDF object): its words, in any
        spacing and case, or its digits. One pass over the string, however many values."""
        word_automaton, words, digit_automaton, digits, always = self._string_search
        flat = " ".join(text.split()).lower()
        at = [*always, *(words[v] for v in occurring(word_automaton, flat)),
              *(digits[v] for v in occurring(digit_automaton, digits_only(text)))]
        return self.searchable[min(at)][0] if at else None

    @functools.cached_property
    def normal(self) -> dict[str, str]:
        """Each name's value, compacted and normalised, as the invisible-text check compares it."""
        return {s.value: normal_form(without_spaces(s.value)) for s in self.secrets if s.entity not in NUMBER_ENTITIES}

    @functools.cached_property
    def form_automaton(self):
        return _automaton(set(self.normal.values()))

    @functools.cached_property
    def word_automaton(self):
        return _automaton({w for s in self.secrets if s.entity not in NUMBER_ENTITIES and s.entity != "EMAIL"
                           for w in s.value.split()})


@dataclass(frozen=True)
class _Places:
    """Positions of a SecretSet's values by what finds them in a document (``SecretSet.candidates``)."""

    by_normal: dict[str, list[int]]  # normal form (compact, NFKC, lower case): names and e-mail addresses
    by_digits: dict[str, list[int]]  # digits of numbers of 6 digits or more
    by_email: dict[str, list[int]]  # e-mail address, compact and lower case
    by_rarest_word: dict[str, list[int]]  # names, by the word of theirs that the fewest names share
    name_words: dict[int, frozenset[str]]  # a name's words: all must be in the text
    always: list[int]  # values with nothing to look for (empty): always checked
    digit_automaton: object
    email_automaton: object


def secret_sets(secrets) -> list[SecretSet]:
    """``secrets`` as sets: a SecretSet, a list of them, or plain Secrets (made one set)."""
    if isinstance(secrets, SecretSet):
        return [secrets]
    sets = [x for x in secrets if isinstance(x, SecretSet)]
    loose = [x for x in secrets if not isinstance(x, SecretSet)]
    return sets + ([SecretSet(loose)] if loose else [])


def _automaton(keys: set[str]):
    keys = {k for k in keys if k}
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def occurring(automaton, text: str) -> set[str]:
    """The automaton's keys that occur in ``text`` as substrings, in one pass."""
    return {key for _, key in automaton.iter(text)} if automaton is not None else set()


def digits_only(text: str) -> str:
    return re.sub(r"\D", "", text)


def without_spaces(text: str) -> str:
    return "".join(text.split())

def normal_form(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _wanted(secrets: list[Secret]) -> list[Secret]:
    """Values long and specific enough to search for in raw bytes without chance hits."""
    return [s for s in secrets if len(s.value) >= RAW_MIN_LENGTH and (s.entity != "PERSON" or " " in s.value)]


def _byte_forms(value: str) -> set[bytes]:
    """The bytes a value can stand in: as text (UTF-8, Latin-1, UTF-16 either way round), and, for a
    value of several words, with its words joined as a PDF name or a producer's identifier joins
    them ("Fenna#20Wijnberg", "FennaWijnberg", "fenna_wijnberg") or broken over lines; a number's
    digits alone. A name object holds no space: a colourant, a resource or a private key named after
    a person spells the name joined, and the exact text alone read past it."""
    words = value.split()
    texts = {value}
    if len(words) > 1:
        texts |= {sep.join(words) for sep in ("", "-", "_", "  ", "\n", "\r\n")}
        texts |= {sep.join(words).lower() for sep in ("", "-", "_", ".")}
    digits = re.sub(r"\D", "", value)
    if len(digits) >= NUMBER_DIGITS_ALONE and digits != value:
        texts.add(digits)
    texts = {t for t in texts if len(t) >= RAW_MIN_LENGTH or t == value}
    forms = {value.encode("utf-16-be"), value.encode("utf-16-le")}
    forms |= {f for t in texts for f in (t.encode("utf-8"), t.encode("latin-1", "ignore"))}
    forms |= {_as_name(t, hex_form) for t in texts for hex_form in (b"#%02X", b"#%02x")}
    return {f for f in forms if f}


def _as_name(text: str, hex_form: bytes) -> bytes:
    """``text`` as a PDF name writes it: every byte outside printable ASCII, and the delimiters, as
    #XX (MuPDF writes upper-case hex digits, qpdf lower case)."""
    return b"".join(bytes([b]) if 0x21 <= b <= 0x7E and b not in b"#/()<>[]{}%" else hex_form % b
                    for b in text.encode("utf-8"))


class _Matcher:
    """Finds the byte forms of many values in one pass over a blob.

    An Aho-Corasick automaton (pyahocorasick): a regular expression of
    hundreds of alternatives is many times slower over megabytes of streams.
    Bytes are matched as latin-1 text, one character per byte.
    """

    def __init__(self, secrets: list[Secret]):
        self.automaton = ahocorasick.Automaton()
        self.secrets: list[Secret] = []  # the automaton's values are places in this list
        for s in secrets:
            for form in _byte_forms(s.value):
                key = form.decode("latin-1")
                if key not in self.automaton:
                    self.automaton.add_word(key, len(self.secrets))
                    self.secrets.append(s)
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, blob: bytes) -> list[Secret]:
        if self.empty:
            return []
        # a set of small ints per match, not of Secrets: a frozen dataclass hashes all its fields at every
        # match, and a short name form matches thousands of times in a document's streams
        found = {self.secrets[i] for i in {i for _, i in self.automaton.iter(blob.decode("latin-1"))}}
        return sorted(found, key=lambda s: s.label)


class Matchers:
    """The matchers of several sets of values (the dossier's, built once; a document's own), as one."""

    def __init__(self, secrets):
        self.matchers = [g.matcher for g in secret_sets(secrets) if not g.matcher.empty]
        self.empty = not self.matchers

    def find(self, blob: bytes) -> list[Secret]:
        found = {s for m in self.matchers for s in m.find(blob)}
        return sorted(found, key=lambda s: s.label)

def _searchable(secrets: list[Secret]) -> list[tuple[Secret, str, bool]]:
    """Each value once in the form ``SecretSet.first_in`` compares: its digits (numbers) or its words, lower case."""
    out = []
    for s in secrets:
        if s.entity in NUMBER_ENTITIES:
            if len(digits_only(s.value)) >= 6:
                out.append((s, digits_only(s.value), True))
        else:
            out.append((s, " ".join(s.value.split()).lower(), False))
    return out
