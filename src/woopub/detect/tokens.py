"""A token view shared by the person recognisers.

spaCy's blank Dutch tokenizer cuts the text; this module adds what the name
recognisers need to know about every token: its shape class, its line, and
whether it opens a sentence. One tokenisation, shared by every recogniser.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

from wordfreq import zipf_frequency

from spacy.lang.en.stop_words import STOP_WORDS as _EN_STOP
from spacy.lang.nl.stop_words import STOP_WORDS as _NL_STOP

from woopub.detect.lexicon import Lexicon
from woopub.docdate import document_date

# Token classes
TITLE = "TITLE"  # drs., mevrouw, de heer (the "heer"), MSc
INITIALS = "INI"  # J. / J.P. / J.-P. / Th.
INTERFIX = "PFX"  # van, de, der, 't, Van (tussenvoegsel)
SHORT_INTERFIXES = {"vd", "v.d", "vdr", "v/d", "v.d.", "vd."}  # "Marloes vd Heijden": van de(r) as people type it
NAME = "CAP"  # name-shaped word: capitalised, letters with - or '
WORD = "WORD"  # public vocabulary or a greeting: never part of a name ("Ministerie", "Beste")
COMMON = "COMMON"  # capitalised ordinary word ("Samen", "Na"): part of a name only between name parts
OPEN, CLOSE = "OPEN", "CLOSE"
COMMA, SLASH, AMP = "COMMA", "SLASH", "AMP"
OTHER = "O"

_INITIALS = re.compile(r"^(?:[^\W\d_]\.-?){1,5}$")
_LONG_INITIALS = {"th.", "chr.", "ch.", "ph.", "joh.", "jac.", "corn.", "wm.", "fr.", "gerh.", "hub.", "jos.", "ant.", "alb.", "mich."}
_ENGLISH_ONLY = ENGLISH_FUNCTION_WORDS = frozenset(_EN_STOP - _NL_STOP)
_DUTCH_ONLY = frozenset(_NL_STOP - _EN_STOP)
# letters only: no name carries a digit ("Ki67", "Qwen2", "B2B" are terms)
_NAME_SHAPE = re.compile(r"^(?:[’']?[^\W\d_](?:[^\W\d_]|[’'-])*|[^\W\d_]{1,3}[’'][^\W\d_](?:[^\W\d_]|[’'-])*)$")


def is_initials(text: str) -> bool:
    """J. / J.P. / J.-P. / Ş. / Th."""
    if text.lower() in _LONG_INITIALS:
        return True
    return bool(_INITIALS.match(text)) and all(c.isupper() for c in text if c.isalpha())


def is_name_shaped(text: str, caps_line: bool) -> bool:
    """Capitalised word of letters (with - or ') that has lower case, or any case on an all-caps line."""
    if not _NAME_SHAPE.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    first = letters[0] if text[0] in "’'" or not text[0].isalpha() else text[0]
    if len(letters) > 1 and text[1] in "’'" and text[0].islower():  # d'Ancona, l'Ami
        first = text[2] if len(text) > 2 else first
    if not first.isupper():
        return False
    return any(c.islower() for c in letters) or (caps_line and len(letters) > 1)

# capitalised adjectives made from places and peoples: "Canadese", "Vlaams-Brabantse"
ADJECTIVE_OF_PLACE = re.compile(r"(?:iaanse|aanse|ische|sche|eese|ese|itse|atse|ndse|ntse|ijnse|aalse|eelse|oelse|euwse|aagse|amse)$")

# A capitalised word that is not in any name list but is this common in Dutch
# (wordfreq Zipf scale: 3.5 = about 3 per million words) is read as an
# ordinary word ("Wetgeving", "Samen"), not a name.
COMMON_WORD_ZIPF = 3.5
# English text turns up in Woo dossiers too (EU mail, "Policy Officer"); only very common English words
COMMON_ENGLISH_ZIPF = 4.5


@dataclass(slots=True)
class Token:
    i: int
    text: str
    start: int
    end: int
    line: int
    kind: str
    lower: str
    sentence_start: bool = False
    break_before: int = 0  # 0 same line, 1 new line, 2 blank line / page


def preload_frequencies() -> None:
    """Load wordfreq's Dutch and English tables now, so forked children inherit them
    (loading one takes a third of a second, in every child that needs it)."""
    for language in ("nl", "en"):
        zipf_frequency("de", language)


@functools.lru_cache(maxsize=200_000)
def zipf(lower: str, language: str = "nl") -> float:
    return zipf_frequency(lower, language)


@functools.lru_cache(maxsize=50_000)
def is_compound_word(lower: str) -> bool:
    """A Dutch compound of two everyday words ("presentielijst", "advocatenkantoor"), not a name."""
    if len(lower) < 8 or not lower.isalpha():
        return False
    if any(zipf(lower[:i]) >= 3.5 and zipf(lower[i:]) >= 3.5 for i in range(3, len(lower) - 3)):
        return True
    # with a linking s: "voortgang-s-brief", "overleg-s-vorm"
    return any(lower[i] == "s" and zipf(lower[:i]) >= 3.5 and zipf(lower[i + 1 :]) >= 3.5 for i in range(4, len(lower) - 4))


def is_common_word(lower: str, lex: Lexicon, english: bool = False) -> bool:
    """An ordinary Dutch word that is in no name list ("wetgeving", "samen").

    A hyphenated word is ordinary only when every part is ("Bakker-Smit" is not).
    ``english``: the text is written in English: a word its dictionary has only in lower case is ordinary too.
    """
    parts = [p for p in lower.split("-") if p]
    if not parts:
        return False
    for part in parts:
        if part in lex.first_names or part in lex.surnames:
            return False
        if zipf(part) < COMMON_WORD_ZIPF and zipf(part, "en") < COMMON_ENGLISH_ZIPF and not (
                english and part in lex.english_everyday):
            return False
    return True


# prefixes after which a name has a capital inside: "McDonald", "DeShawn", "MacKenzie", "FitzGerald"
_INNER_CAPITAL_PREFIXES = {"mc", "mac", "fitz", "de", "di", "da", "du", "la", "le", "van", "von", "o", "st"}


def is_abbreviation_or_brand(text: str, interfix_initials: frozenset[str] = frozenset()) -> bool:
    """Written like an abbreviation or a brand, not a name: two capitals before lower case
    ("DSenB", not the Dutch "IJsbrand"), "X en Y" ("JenV"), or a capital inside a word
    after a prefix no name has ("CoMensha", "WhatsApp", "PostNL"). ``interfix_initials``: the
    lower-case letters of initials short-hand ("vd" in "AvdZ"); given, other lower case between
    capitals is a term ("LaaS", "MaaS"), not someone's initials."""
    if "-" in text or "'" in text or "’" in text or text.isupper() or not text[:1].isupper():
        return False
    if len(text) > 2 and text[1].isupper() and text[2].islower() and not text.startswith("IJ"):
        return True
    if re.search(r"[A-Z]en[A-Z]", text):
        return True
    inner = re.search(r"(?<=[a-z])[A-Z]", text)
    if inner is None:
        return False
    if re.fullmatch(r"[A-Z](?:[a-z]{0,3}[A-Z]){1,4}", text) and (
            not interfix_initials or all(run in interfix_initials for run in re.findall(r"[a-z]+", text))):
        return False  # a person's initials short-hand: "JtH", "RitV", "AvdZ"
    return text[: inner.start()].lower() not in _INNER_CAPITAL_PREFIXES


@functools.lru_cache(maxsize=50_000)
def is_participle(lower: str) -> bool:
    """A Dutch past participle ("geëxporteerd", "gemaakt"): ge- + stem + -d/-t of a known verb."""
    if not (lower.startswith("ge") and lower[-1:] in "dt" and len(lower) >= 7):
        return False
    stem = lower[2:-1].lstrip("ë")
    stem = "e" + stem if lower[2:3] == "ë" else stem  # "geëxporteerd" -> "exporteer"
    # a long vowel written double in a closed syllable is single in the infinitive: "exporteer" -> "exporteren"
    short = re.sub(r"(aa|ee|oo|uu)(?=[^aeiou]$)", lambda m: m.group(1)[0], stem)
    return any(zipf(v) >= 3.0 for v in {stem + "en", short + "en"})


def is_compound_with_lowercase_tail(text: str, lex: Lexicon) -> bool:
    """"Woo-verzoek", "J-schijf", "EU-richtlijn": the part after the hyphen is an everyday word
    written in lower case. Double surnames capitalise every part ("Bakker-Smit"), except a
    tussenvoegsel ("Hoogendoorn-van")."""
    if "-" not in text:
        return False
    tail = text.rsplit("-", 1)[1]
    return tail.isalpha() and tail.islower() and len(tail) >= 3 and tail not in lex.interfix_words and zipf(tail) >= 3.0


def is_law_name(lower: str) -> bool:
    """"Participatiewet", "Omgevingswet": an everyday word (with a linking s) before "wet"."""
    head = lower[:-3]
    return lower.endswith("wet") and len(head) >= 4 and (zipf(head) >= 3.5 or head.endswith("s") and zipf(head[:-1]) >= 3.5)


CAPS_JOINERS = {"en", "of", "c.s.", "and", "or"}  # (English lines too: "SAINT LOUIS MO AND RETURN")
_VOWEL = re.compile(r"[aeiouyv]")  # (pinyin writes ü as v: "Lv")


def classify(text: str, lex: Lexicon, caps_line: bool, english: bool = False) -> str:
    if text == "(":
        return OPEN
    if text == ")":
        return CLOSE
    if text == ",":
        return COMMA
    if text == "/":
        return SLASH
    if text == "&":
        return AMP
    if text in lex.acronyms:
        return WORD
    lower = text.lower()
    bare = lower.rstrip(".")
    if bare in lex.titles and (text.endswith(".") or len(bare) > 3 or text[0].isupper() and not (text.isupper() and not caps_line)):
        # "Dr Jansen", "DRS. JANSEN"; two capitals without a dot on a mixed line are an acronym ("BC Cancer")
        return TITLE
    if is_initials(text):
        return INITIALS
    if lower in lex.interfix_words and (text.islower() or text.istitle() or caps_line):
        return INTERFIX
    if text.islower() and lower in SHORT_INTERFIXES:
        return INTERFIX
    if caps_line and text.isupper() and (lower in CAPS_JOINERS or is_common_word(lower, lex, english)):
        return WORD  # "MOTIE VAN DE LEDEN BIKKER EN GRINWIS": a heading's words and its "EN" join no name
    if is_name_shaped(text, caps_line):
        if not _VOWEL.search(unicodedata.normalize("NFKD", lower)) and lower not in lex.surnames and lower not in lex.first_names:
            return WORD  # "Dn", "Ctrl": no vowel, no name (a listed "Ng" is one)
        if is_abbreviation_or_brand(text, lex.interfix_initials):
            return WORD  # "DSenB", "CoMensha"
        if lower in lex.public_words or lower in lex.greetings or any(p in lex.public_words for p in lower.split("-")):
            return WORD
        if lower in lex.role_words:
            # "Woordvoerder", "Kamerlid": before a name, never in it; "Koning", "Burgemeester"
            # are also surnames, so they may still stand where a surname goes ("Jan de Koning")
            return COMMON if lower in lex.surnames else WORD
        if ADJECTIVE_OF_PLACE.search(lower) and lower not in lex.surnames and lower not in lex.first_names:
            return WORD  # "Britse", "Zeeuwse", "Joegoslavische": adjectives of a country or place
        if lower in lex.stop_words or is_common_word(lower, lex, english):
            return COMMON
        if lower not in lex.surnames and lower not in lex.first_names and (
                is_compound_word(lower) or is_participle(lower) or is_compound_with_lowercase_tail(text, lex) or is_law_name(lower)):
            return COMMON  # "Teamchef", "Voortgangsbrief", "Geëxporteerd", "Woo-verzoek"
        return NAME
    return OTHER


def written_in_english(words) -> bool:
    """Is a text in English rather than Dutch, by the function words only one of the two languages has?
    (A Dutch dossier holds English mail and test files; their everyday words are no names either.)"""
    english = dutch = 0
    for w in words:
        if w in _ENGLISH_ONLY:
            english += 1
        elif w in _DUTCH_ONLY:
            dutch += 1
    return english >= 20 and english > 2 * dutch


def _continues_hyphenated(prev: Token, tok: Token) -> bool:
    return tok.break_before == 1 and prev.text.endswith("-") and prev.text[:-1][-1:].isalpha() and tok.text[0].islower()


OPENING_QUOTES = {'"', "“", "„", "'", "‘", "«"}
BULLETS = {"•", "–", "—", "-", "*", "o", "▪", "·", "‣"}


def _opens_sentence(prev: Token | None, tok: Token) -> bool:
    """Is ``tok`` where a capital letter says nothing (sentence, item or block start)?"""
    if prev is None or tok.break_before == 2:
        return True
    if prev.kind in (TITLE, INITIALS):
        return False
    if prev.text in BULLETS or prev.text[-1] in ".!?:;" or prev.text in OPENING_QUOTES:
        return True
    # the first word of a line after a heading-like line ("pagina", "Mensen") opens a sentence too
    return tok.break_before == 1 and prev.sentence_start and prev.kind in (WORD, COMMON, OTHER)


class TokenView:
    """Tokens of one text with line numbers, classes and sentence starts."""

    @functools.cached_property
    def document_date(self):
        """The document's own date, if it names one."""
        return document_date(self.text)

    def __init__(self, text: str, spacy_doc, lex: Lexicon):
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.tokens: list[Token] = []
        pending_break = 2
        for t in spacy_doc:
            if t.is_space:
                ws = t.text
                pending_break = max(pending_break, 2 if ("\n\n" in ws or "\f" in ws) else (1 if "\n" in ws else 0))
                continue
            # spaCy attaches trailing whitespace to tokens; newlines inside "whitespace" tokens are handled above
            start = t.idx
            line = bisect.bisect_right(self.line_starts, start) - 1
            self.tokens.append(Token(len(self.tokens), t.text, start, start + len(t.text), line, OTHER, t.text.lower(), False, pending_break))
            pending_break = 0
            if "\n" in t.whitespace_:
                pending_break = 1
        self._fix_line_breaks()
        self.caps_lines = caps_lines = self._caps_lines()
        self.english = written_in_english(t.lower for t in self.tokens)
        prev = None
        for tok in self.tokens:
            tok.kind = classify(tok.text, lex, tok.line in caps_lines, self.english)
            if tok.kind == TITLE and prev is not None and _continues_hyphenated(prev, tok):
                tok.kind = OTHER  # "exit-" / "ing.": the end of a word broken over the line, no title "ing."
            prev = tok
        self._caps_names(lex)
        self._compounds_of_own_terms(lex)
        prev: Token | None = None
        for tok, nxt in zip(self.tokens, self.tokens[1:] + [None]):
            # "in 't Veld", "op de Beek": an opener is a tussenvoegsel only before one
            if (nxt is not None and tok.lower in lex.interfix_openers and nxt.kind == INTERFIX and nxt.break_before == 0
                    and f"{tok.lower} {nxt.lower}" in lex.interfix_pairs):
                tok.kind = INTERFIX  # "in 't", "op de", not "in de"
            tok.sentence_start = _opens_sentence(prev, tok)
            prev = tok

    def _compounds_of_own_terms(self, lex: Lexicon) -> None:
        """"Digikoppelingstandaarden" where the text also writes "Digikoppeling": a long word made of a
        term of the text and an everyday word ("standaarden") is a compound, not a name."""
        folded = None
        for tok in self.tokens:
            if tok.kind != NAME or len(tok.text) < 14 or not tok.text.isalpha():
                continue
            for i in range(4, len(tok.lower) - 6):
                if tok.lower[i:] in lex.dictionary_words:
                    folded = folded if folded is not None else self.text.lower()
                    head = tok.lower[:i]
                    if re.search(rf"(?<!\w){re.escape(head)}(?![a-z])", folded):
                        tok.kind = COMMON
                    break

    def _caps_names(self, lex: Lexicon) -> None:
        """Names in capitals on a mixed line: "HADDAD, Lina", "Agnieszka WÓJCIK", "NADIA EL OUARDI | ...".

        A capitals word is a name part when a name list knows it, or when it
        stands right next to a name part on its line; a capitals tussenvoegsel
        ("EL", "VAN DER") counts between two of them. Abbreviations never do.
        """
        def caps(t: Token) -> bool:
            return (
                t.kind == OTHER
                and t.text.isupper()  # first: false for nearly every token, and cheap
                and sum(c.isalpha() for c in t.text) >= 2
                and all(c.isalpha() or c in "-'’" for c in t.text)
                and t.text not in lex.acronyms
                and t.lower not in lex.public_words
                and t.lower not in lex.stop_words
            )

        def listed(t: Token) -> bool:
            return any(p in lex.first_names or p in lex.surnames for p in t.lower.split("-") if p)

        toks = self.tokens
        for i, t in enumerate(toks):
            if i and re.fullmatch(r"\d{4}", toks[i - 1].text) and re.fullmatch(r"[A-Z]{2}", t.text):
                t.kind = WORD  # the letters of a postcode: "2511 VX Den Haag"
                continue
            if caps(t) and any(p in lex.first_names or p in lex.surnames for p in t.lower.split("-") if p):
                t.kind = NAME
        # "GEERTJE DE WIT", "HANNEKE VAN DE KAMP": a name, tussenvoegsels in capitals, then the
        # surname (an everyday word too: "de Wit")
        for i, t in enumerate(toks):
            if t.kind != NAME:
                continue
            k = i + 1
            while k < len(toks) and toks[k].line == t.line and toks[k].text.isupper() and toks[k].lower in lex.interfix_words:
                k += 1
            if i + 1 < k < len(toks) and toks[k].line == t.line and (toks[k].kind == NAME or caps(toks[k]) or (
                    toks[k].kind == OTHER and toks[k].text.isupper() and toks[k].text.isalpha() and len(toks[k].text) > 1
                    and toks[k].text not in lex.acronyms)):
                for m in range(i + 1, k):
                    toks[m].kind = INTERFIX
                toks[k].kind = NAME
        for _ in range(2):  # spread to neighbours: "ELIF KAYA-ADEYEMI", "WOJCIK Agnieszka"
            for i, t in enumerate(toks):
                if t.kind == OTHER and t.text.isupper() and t.lower in lex.interfix_words:
                    before = toks[i - 1] if i else None
                    after = toks[i + 1] if i + 1 < len(toks) else None
                    if before and after and before.kind == NAME and after.line == t.line and (caps(after) or after.kind == NAME):
                        t.kind = INTERFIX
                    continue
                if not caps(t) or is_common_word(t.lower, lex, self.english) or is_compound_word(t.lower):
                    continue
                near = [toks[j] for j in (i - 1, i + 1) if 0 <= j < len(toks) and toks[j].line == t.line]
                if i + 2 < len(toks) and toks[i + 1].kind == COMMA and toks[i + 2].line == t.line:
                    near.append(toks[i + 2])  # "HADDAD, Lina"
                # "WOJCIK Agnieszka", "KOVALENKO Oksana"; whether such a pair is a name, the score decides
                if any(n.kind == NAME for n in near):
                    t.kind = NAME
        # "SEMHAR ANDEMARIAM": two or more words in capitals that no list knows, side by side and
        # no everyday words; whether they are a name, the cues decide (alone they score too low)
        def unknown_caps(t: Token) -> bool:
            return (caps(t) and len(t.text) >= 4 and re.search(r"[AEIOUY]", t.text) is not None
                    and not is_common_word(t.lower, lex, self.english) and not is_compound_word(t.lower))

        for a, b in zip(toks, toks[1:]):
            if b.line == a.line and b.break_before == 0 and unknown_caps(a) and unknown_caps(b):
                a.kind = b.kind = NAME
        self._caps_line_entries(lex)

    def _caps_line_entries(self, lex: Lexicon) -> None:
        """"AANWEZIG: MARIEKE DE GROOT, PASCAL THUIS": on a line in capitals a listed given name, its
        tussenvoegsels and one more word that ends the entry (a comma, "EN", the line's end) are a
        name, the last word its surname however everyday; "VOOR GEO QUERIES IS ..." runs on."""
        toks = self.tokens
        for i, t in enumerate(toks):
            if t.kind != NAME or t.line not in self.caps_lines or not t.text.isupper() or t.lower not in lex.first_names:
                continue
            k = i + 1
            while k < len(toks) and toks[k].line == t.line and toks[k].break_before == 0 and toks[k].lower in lex.interfix_words:
                k += 1
            if not (k < len(toks) and toks[k].line == t.line and toks[k].break_before == 0 and toks[k].kind in (WORD, OTHER)
                    and toks[k].text.isupper() and toks[k].text.isalpha() and len(toks[k].text) > 1
                    and toks[k].text not in lex.acronyms and toks[k].lower not in CAPS_JOINERS):
                continue
            end = toks[k + 1] if k + 1 < len(toks) else None
            if end is None or end.line != t.line or end.break_before or end.kind == COMMA or end.lower in CAPS_JOINERS \
                    or end.text in ("|", ";", "(", "/"):
                for m in range(i + 1, k):
                    toks[m].kind = INTERFIX
                toks[k].kind = NAME

    def _fix_line_breaks(self) -> None:
        # break_before from token positions: robust to how spaCy groups whitespace
        prev = None
        for tok in self.tokens:
            if prev is not None:
                gap = self.text[prev.end : tok.start]
                # a tab separates table cells: no name runs across it
                tok.break_before = 2 if ("\n\n" in gap or "\f" in gap or "\t" in gap) else (1 if "\n" in gap else 0)
            prev = tok

    def _caps_lines(self) -> set[int]:
        """Lines written in capitals ("JAN DE VRIES"): shape says nothing there."""
        lines = set()
        for line in {tok.line for tok in self.tokens}:
            text = self.line_text(line)
            if text == text.upper() and sum(c.isupper() for c in text) >= 4:  # no lower case, 4 capitals
                lines.add(line)
        return lines

    def line_text(self, line: int) -> str:
        if line < 0 or line >= len(self.line_starts):
            return ""
        end = self.line_starts[line + 1] - 1 if line + 1 < len(self.line_starts) else len(self.text)
        return self.text[self.line_starts[line] : end]
