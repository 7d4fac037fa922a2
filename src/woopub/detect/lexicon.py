"""Word lists the person recogniser consults.

Dutch first names, surnames and tussenvoegsels come from the ``deduce``
package (maintained by the Dutch clinical de-identification community,
plain-text lists with exception files). We read its source text files
directly: a set lookup is all we need, so there is no minute-long
``Deduce()`` build. woopub's own lists (titles, public vocabulary, cues)
sit in ``woopub/data``.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from importlib import resources

import yaml

# Debian wdutch and wamerican (scripts/setup.sh)
ENGLISH_DICTIONARY = Path("/usr/share/dict/american-english")
DICTIONARIES = (Path("/usr/share/dict/dutch"), ENGLISH_DICTIONARY)


@functools.cache
def deduce_data() -> Path:
    """deduce's package folder, found without importing deduce: its module sets
    up logging to standard output at DEBUG level when imported."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the deduce package (Dutch name lists) is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _read_list(path) -> set[str]:
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(line)
    return out


def _deduce_list(*parts: str) -> set[str]:
    folder = deduce_data().joinpath("data", "lookup", "src", *parts)
    items = _read_list(folder / "items.txt")
    exceptions = folder / "exceptions.txt"
    if exceptions.is_file():
        items -= _read_list(exceptions)
    return items


def _own_list(name: str) -> set[str]:
    return _read_list(resources.files("woopub").joinpath("data", name))


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]  # lower case
    surnames: frozenset[str]  # lower case, without tussenvoegsel
    interfixes: frozenset[str]  # "van", "van der", "'t", ... lower case
    titles: frozenset[str]  # lower case, without trailing dot
    public_words: frozenset[str]  # lower case: organisation, office, calendar words
    stop_words: frozenset[str]  # lower case Dutch function words
    places: frozenset[str]  # lower case: Dutch places (deduce) and countries (pycountry)
    cues: dict
    acronyms: frozenset[str] = frozenset()  # as written and in capitals: "JenV", "JENV"
    institutions: frozenset[str] = frozenset()  # lower case, of two words or more: "albert schweitzer", "antoni van leeuwenhoek"
    name_like: frozenset[str] = frozenset()  # frequent "words" that are names: "heijden" (no everyday Dutch word)

    @functools.cached_property
    def dictionary_words(self) -> frozenset[str]:
        """The words the Dutch and English dictionaries (Debian ``wdutch``, ``wamerican``) write in lower
        case: everyday words however rare ("aanscherpen", "precondition"); their capitalised entries are
        names ("Haasnoot") and left out."""
        words: set[str] = set()
        for path in DICTIONARIES:
            try:
                words.update(w for w in path.read_text(encoding="utf-8", errors="ignore").split() if w[:1].islower())
            except OSError:
                continue
        return frozenset(words)

    @functools.cached_property
    def interfix_initials(self) -> frozenset[str]:
        """The lower-case letters a tussenvoegsel takes in initials short-hand: "vd" ("van der"), "it" ("in 't")."""
        return frozenset("".join(w[0] for w in i.replace("'", "").split()) for i in self.interfixes) - {""}

    @functools.cached_property
    def english_everyday(self) -> frozenset[str]:
        """The words the English dictionary writes in lower case only: "appendix", "traces", "loan";
        not "skinner" or "bill", which it also writes as names ("Skinner", "Bill")."""
        try:
            words = ENGLISH_DICTIONARY.read_text(encoding="utf-8", errors="ignore").split()
        except OSError:
            return frozenset()
        names = {w.lower() for w in words if w[:1].isupper()}
        return frozenset(w for w in words if w[:1].islower() and w not in names)

    def is_dictionary_word(self, lower: str) -> bool:
        """In a dictionary in lower case, or a compound of two such words of four letters or more
        ("anticorruptie|laag", "micro|gateway"): Dutch writes compounds as one word."""
        words = self.dictionary_words
        if lower in words:
            return True
        if len(lower) < 8 or not lower.isalpha():
            return False
        return any(lower[:i] in words and (lower[i:] in words or lower[i] == "s" and lower[i + 1:] in words)
                   for i in range(4, len(lower) - 3))

    @functools.cached_property
    def institutions_by_first_word(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for name in self.institutions:
            out.setdefault(name.split()[0], []).append(name)
        return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}

    @functools.cached_property
    def interfix_words(self) -> frozenset[str]:
        """Words that are a tussenvoegsel or continue one ("van", "der", "'t")."""
        single = {p for p in self.interfixes if " " not in p}
        inner = {w for p in self.interfixes for w in p.split()[1:]}
        return frozenset(single | inner)

    @functools.cached_property
    def role_words(self) -> frozenset[str]:
        """Single role nouns ("woordvoerder", "burgemeester"): they stand before a name, never in it."""
        return frozenset(w for w in self.cues["role"]["words"] if " " not in w)

    @functools.cached_property
    def interfix_pairs(self) -> frozenset[str]:
        """The first two words of every tussenvoegsel of two words or more ("in 't", "op de", "van der")."""
        return frozenset(" ".join(p.split()[:2]) for p in self.interfixes if " " in p)

    @functools.cached_property
    def interfix_openers_single(self) -> frozenset[str]:
        """Words that can open a tussenvoegsel: "van", "de", "ter", "'t", "in" (of "in 't"), ..."""
        return frozenset(p.split()[0] for p in self.interfixes)

    @functools.cached_property
    def greetings(self) -> frozenset[str]:
        """Single words that open a salutation ("Beste", "Hoi"): never part of the name."""
        return frozenset(w for w in self.cues["before"]["words"] if " " not in w and w.isalpha())

    @functools.cached_property
    def interfix_openers(self) -> frozenset[str]:
        """Words that open a tussenvoegsel only with more after them ("in 't", "op de")."""
        return frozenset(p.split()[0] for p in self.interfixes if " " in p) - self.interfix_words


def _countries() -> set[str]:
    """Country names in Dutch and English, from pycountry's ISO 3166 data and its translations."""
    import gettext

    import pycountry

    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)
    names: set[str] = set()
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name), getattr(country, "official_name", country.name)}:
            names.update((name, dutch.gettext(name)))
    return names


# a department or site after the comma marks an institution, not a practitioner's own practice
_INSTITUTION_PARTS = ("afdeling", "locatie", "polikliniek", "vestiging")


def _institutions() -> set[str]:
    """Hospitals and clinics named like persons ("Albert Schweitzer", "Antoni van Leeuwenhoek"),
    from deduce's lists: every hospital, and every healthcare institution listed with a
    department or site ("Antoni van Leeuwenhoek, afdeling Radiotherapie"). Care providers
    listed under their own name alone are left out: they are persons."""
    names = set(_deduce_list("institutions", "lst_hospital"))
    for item in _deduce_list("institutions", "lst_healthcare_institution"):
        head, _, rest = item.partition(",")
        if rest.strip().lower().startswith(_INSTITUTION_PARTS):
            names.add(head.strip())
    return {n.lower() for n in names if len(n.split()) >= 2}


@functools.cache
def lexicon() -> Lexicon:
    places: set[str] = set()
    for sub in ("lst_municipality", "lst_province", "lst_region", "lst_residence"):
        places |= _deduce_list("locations", "lst_placename", sub)
    places |= _countries()
    interfixes = {i.lower() for i in _deduce_list("names", "lst_interfix")}
    interfixes -= {"v", "v.", "vd", "vd.", "v.d.", "v/d"}  # abbreviations read as initials otherwise
    cues = yaml.safe_load(resources.files("woopub").joinpath("data", "cues.yaml").read_text("utf-8"))
    return Lexicon(
        first_names=frozenset(n.lower() for n in _deduce_list("names", "lst_first_name")),
        surnames=frozenset(n.lower() for n in _deduce_list("names", "lst_surname")),
        interfixes=frozenset(interfixes),
        titles=frozenset(t.lower().rstrip(".") for t in _own_list("titles.txt")),
        public_words=frozenset(w.lower() for w in _own_list("public_words.txt")),
        stop_words=frozenset(_deduce_list("whitelist", "lst_stop_word")),
        places=frozenset(p.lower() for p in places),
        cues=cues,
        acronyms=frozenset(a for x in _own_list("acronyms.txt") for a in (x, x.upper())),
        institutions=frozenset(_institutions()),
        name_like=frozenset(_own_list("name_like_words.txt")),
    )
