"""Person names from name shape, name lists, and context and structure cues.

A candidate is a run of name-shaped tokens ("J.P. (Jan-Peter) van der
Berg-Smit", "Vries, J. (Jan) de", "Oluwaseun Adebayo"). Each candidate
collects evidence, each piece with a weight (see EVIDENCE and cues.yaml);
the score is the clamped sum. Evidence is recorded with the finding so a
reviewer sees why a span was taken for a name.

For the decision stage every candidate also carries its ``lead`` (the words
before it, past a list of co-ordinated names: "de leden Mutluer (GL/PvdA),
Bikker (CU) en Van Nispen" gives "door de leden" to all three), the line
before it when it opens its line (signature blocks under "De Minister van
..."), and its ``trail`` ("(SP)").
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from woopub.detect.config import detection_config
from woopub.dutch import MONTH_ABBREVIATIONS, MONTHS as DUTCH_MONTHS
from woopub.detect.lexicon import Lexicon, lexicon
from woopub.detect.tokens import (
    ENGLISH_FUNCTION_WORDS,
    AMP,
    BULLETS,
    CLOSE,
    COMMA,
    COMMON,
    INITIALS,
    INTERFIX,
    NAME,
    OPEN,
    OTHER,
    SHORT_INTERFIXES,
    SLASH,
    TITLE,
    WORD,
    Token,
    TokenView,
    is_common_word,
    is_compound_with_lowercase_tail,
    zipf,
)

# Weights of the pieces of evidence (data/detection.yaml, persons): the score of a candidate is
# BASE plus the weights of its evidence, clamped to [0, 1]; MIN_SCORE reports it.
BASE = detection_config().person_base
EVIDENCE = detection_config().person_weights
# Evidence that says "a person" by itself. Only a name with such evidence enters the
# dossier's person index, which then redacts its every form in every document; a name
# that rests on its shape, a list or Frog alone is redacted where it stands, no further.
OWN_EVIDENCE = ("title:", "initials", "given-name-in-brackets", "initials-in-brackets-after", "outlook-order", "matches-e-mail", "surname-in-capitals",
                "cue:label", "cue:signature", "cue:column", "cue:comment-author",
                "cue:before:", "cue:role:")
# name prefixes written with an inner capital: "McDonald", "MacLeod", "IJsbrand"
INNER_CAPITAL_PREFIX = re.compile(r"^(?:Mc|Mac|IJ|Ij)(?=[A-Z]?)")
# a determiner before a word makes it a thing ("het Kadaster", "een API", "deze Logius-standaard")
DETERMINERS = r"(?:het|een|deze|dit|onze|uw|elke|iedere|welke|geen|the)"


# cues that say where a name may stand, not that the word there is one
PLACE_CUES = ("cue:before:", "cue:role:", "cue:label", "cue:column", "cue:signature")
# a credit line before a name: a photo's, illustration's or cover's maker, kept by rule (makers-vermelding)
# (and every maker it lists: "Cover: Jamillah Knowles & Digit", "Foto: A. Bos, C. de Wit en E. Smit")
CREDIT_BEFORE = re.compile(r"(?:©|\(c\)|\b(?:[Ff]oto(?:grafie)?|[Bb]eeld|[Ii]llustratie|[Cc]over|[Pp]hoto|[Ii]mage)\s*:)\s*"
                           r"(?:(?:[A-Z][\w'.-]*|van|de|der|den|ter|te|la|le|du)(?:[ \t]+(?:[A-Z][\w'.-]*|van|de|der|den|ter|te|la|le|du))*"
                           r"[ \t]*(?:&|,|\ben\b|\band\b)[ \t]*)*$")
# a citation of a published work right after the name: "Fielding (2000)", "(Fielding, 2000)", "Wang et al."
CITATION_AFTER = re.compile(r"[ \t]*(?:\(\s*(?:1[6-9]|20)\d\d[a-z]?\s*[),;:]|,?[ \t]+et[ \t]+al\b|,[ \t]*(?:1[6-9]|20)\d\d[a-z]?\s*[);])")
# the same citation written out: "door Roy Fielding in 2000", "by Ada Lovelace in 1843". Only a year
# long before the document's own date makes it one: "opgesteld door Jan de Vries in 2019" in a 2020
# nota names a colleague at work, not the author of a published work
ATTRIBUTED_BEFORE = re.compile(r"\b(?:[Dd]oor|by)[ \t\n]+$")
YEAR_AFTER = re.compile(r"[ \t\n]+in[ \t\n]+((?:1[6-9]|20)\d\d)\b")
CITED_YEARS_BEFORE = 10
# a lettered heading after "Bijlage", "Hoofdstuk": "Bijlage A. Opdracht"
HEADING_WORDS = {"bijlage", "hoofdstuk", "deel", "paragraaf", "annex", "appendix", "bijlagen"}
# what the shape and usage of the words say against a name (see _usage_evidence)
AGAINST = {"everyday-words-only", "everyday-word-in-name", "everyday-word-alone", "acronym-shape", "repeated-word", "used-as-noun",
           "enumerated-heading"}


# where the same word names something else than the person the text introduced: "Stichting Brouwer"
NOT_THE_PERSON = {"part-of-organisation-name", "institution-name", "affiliation-in-brackets", "place-phrase"}


def has_own_evidence(evidence, words: int = 1) -> bool:
    """Does a person finding stand on evidence of its own (see OWN_EVIDENCE)? A listed given name
    before a surname, or a name of two or more words that Frog reads as a person, does too when
    the words' shape and usage say nothing against it ("Gartner Magic Kwadrant")."""
    if "enumerated-heading" in evidence:
        return False
    own = [e for e in evidence if e.startswith(OWN_EVIDENCE)]
    if own and "everyday-word-alone" in evidence and all(e.startswith(PLACE_CUES) for e in own):
        # "De Morgen" under "auteur": a place where names stand and an everyday word are redacted
        # where they stand, not spread as a surname through the dossier
        return False
    if own and words == 1 and all(e.startswith(PLACE_CUES) for e in own) and not {"surname", "first-name-alone"} & set(evidence):
        # "Directeur-Generaal Rechtspleging", an attendee list's "Kadaster" line: a place where names
        # stand also holds organisations; one unlisted word there is no name by the place alone
        return False
    if own:
        return True
    if AGAINST & set(evidence):
        return False
    if "first-name" in evidence or words > 1 and "cue:speaker" in evidence:  # "[09:22] Iryna Kovalenko: ..."
        return True
    return (words > 1 and "frog:PER" in evidence and bool({"first-name", "surname", "two-unknown-parts"} & set(evidence))
            )


def acronym_shaped(word: str) -> bool:
    """Is the word written as an acronym or product name ("API", "DigiD", "PaaS", "G2B", "API's"),
    not as a name ("Jansen", "Jan-Willem", "McDonald", "O'Brien", "IJsbrand")?"""
    if any(c.isdigit() for c in word):
        return True
    word = re.sub(r"['’]s$", "", word)
    for part in re.split(r"[-'’]", word):
        part = INNER_CAPITAL_PREFIX.sub("", part)
        if sum(c.isupper() for c in part) >= 2:
            return True
    return False

# A lone name part this frequent in Dutch (wordfreq Zipf) is also an everyday word.
COMMON_NAME_ZIPF = 4.0
_EMAIL = re.compile(r"([\w.+-]+)@[\w-]+")  # also an address OCR read cut off: "c.okafor@comens"
MIN_SCORE = detection_config().person_min_score
# Candidates scored in this range are open: Frog is asked about them.
FROG_ASK = (0.0, 0.8)
FROG_WINDOW = 2  # tokens either side of an open candidate that Frog reads
SAME_NAME_SOURCE = 0.75  # a single word found this surely makes its other mentions names too
# A chat or minutes line opened by who speaks: optional time stamp, one to four
# words, a colon: "[10-06-2025 09:14] Fenna Wijnberg: ...", "Kwabena: akkoord".
SPEAKER = re.compile(
    r"^\s*(?:\[?\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{2,4})?,?\s+\d{1,2}:\d{2}(?::\d{2})?\]?\s*(?:-\s*)?)?"
    # who: a capitalised word, then up to three words without digits that are capitalised or a tussenvoegsel
    r"(?P<who>[^\W\d_a-z][^\W\d_]*(?:[’'.-][^\W\d_]+)*(?:[ \t]+(?:[^\W\d_a-z][^\W\d_’'.-]*|van|de|der|den|ter|ten|'t|el|al|bin|ben)\.?){0,3}?)"
    r"(?:\s*:\s+\S|[ \t]+\d{1,2}:\d{2}\b)"
)
# a record's field: a short key, a colon, a value ("Eigen id: 20219495", "Documentsoort: c_002fc258")
FIELD = re.compile(r"^\s*([^:\n]{1,30}?)\s*:\s+\S")
# an author's initials alone in brackets on the last line of a piece: "( KS )", "(JdV)"
INITIALS_SIGNATURE = re.compile(r"^\s*\(\s*(?P<who>[A-Z][A-Za-z]{0,2}[A-Z])\s*\)\s*$")
# a person's initials used as short-hand: "AO", "JtH", "RitV", "AvdZ", "EMJR"
SHORTHAND = re.compile(r"[A-Z](?:[a-z]{0,3}[A-Z]){1,4}")
# the author of a comment in a Word export: "[Opmerking KG: ...]", "Opmerking [KG1]:", "Commented [Demir, M.]:"
COMMENT_AUTHOR = re.compile(
    r"\b(?:Opmerking|Commentaar|Comment(?:ed)?)\s*\[?\s*(?P<who>[^\s:\[\]][^:\[\]\n]{0,40}?)\d*\s*\]?\s*:", re.IGNORECASE
)
# table cells: separated by a tab or a bar
CELL_SEPARATOR = re.compile(r"\t+|\s+\|\s+")
# a chat user name as speaker: "ruud.hermans 11:14", "ralhassan: ok"
USERNAME_SPEAKER = re.compile(r"^\s*(?P<user>[a-z][a-z0-9]*(?:[._][a-z0-9]+)*)(?:[ \t]+\d{1,2}:\d{2}\b|:\s)")
ADDRESS_AFTER = re.compile(r",?[ \t]*[A-Z][\w'’.-]*(?:[ \t]+[\w'’.-]+){0,3}[ \t]+\d{1,5}[a-zA-Z]?\b[^\n]{0,12}\d{4}[ \t]?[A-Z]{2}\b")
HYPHEN_INTERFIX = re.compile(r"-(van|de|der|den|ter|ten|te|'t|van der|van de|in 't)$")
PLACE_PREPOSITIONS = {"in", "te", "naar", "uit", "vanuit", "nabij", "richting", "via"}
ORG_LINKS = {"van", "voor", "de", "het", "der", "den", "en", "ter", "tot", "'t"}
# a date or a long number starts a data column; a house number ("Halvemaanpassage 1") does not
DATA_CELL = re.compile(r"^\d[\d./-]{4,}$")
ENTRY_END = {"<", "|", "(", "[", ";", "/", "-", "–", "—", "]"}  # what ends a name entry in headers and tables
LABEL_LINE_WORDS = 7  # lines under a label ("Aanwezig:") hold a name each, not a sentence
LABEL_BLOCK_LINES = 30
# a word glued to the first part of a name by a hyphen: "motie-Six" (Dijkstra), "motie-Van" (Nispen)
GLUED_NAME = re.compile(r"^([a-zë]{3,})-(?:[A-Z][\w'’]*)$")
# Words that join names in a list whose members share one lead ("de leden A, B en C").
LIST_JOINERS = {"en", "of", "c.s.", "cs", "e.a."}
PLURAL_ROLES = {"leden", "kamerleden", "moties", "ministers", "staatssecretarissen", "bewindspersonen", "indieners"}
NAME_PARTS = {NAME, INITIALS, INTERFIX}
# Dutch writes months in lower case: a capitalised one before a name is a given name ("Mei Zhang")
MONTHS = frozenset(DUTCH_MONTHS)
# a month, written out or cut short, in Dutch or English: "SEP. 18", "Okt. 3" is a date, not a name
DATE_MONTHS = MONTHS | frozenset(MONTH_ABBREVIATIONS) | {
    "january", "february", "march", "may", "june", "july", "august", "october", "mar", "oct"}
DAY_AFTER = re.compile(r"\.?[ \t]*(?:[1-9]|[12]\d|3[01]|(?:19|20)\d\d)\b(?![.,:]?\d)")


@dataclass
class Candidate:
    tokens: list[Token]
    evidence: list[str] = field(default_factory=list)
    titles: list[Token] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


class CueIndex:
    """Lines of a text that cues mark as holding names (labels, signature blocks)."""

    def __init__(self, view: TokenView, cues: dict):
        self.view = view
        self.before = sorted((w.split() for w in cues["before"]["words"]), key=len, reverse=True)
        self.roles = sorted((w.split() for w in cues["role"]["words"]), key=len, reverse=True)
        self.speech_before = set(cues["speech"]["before"])
        self.speech_after = set(cues["speech"]["after"])
        self.org_before = set(cues["organisation"]["before"])
        self.org_after = set(cues["organisation"]["after"])
        self.verbs = set(cues["verb_after_given_name"])
        self.labels = {w.lower() for w in cues["label"]["words"]}
        self.list_labels = {w.lower() for w in cues["label"]["list_words"]}
        self.closings = {w.lower() for w in cues["closing"]["words"]}
        self.closing_reach = int(cues["closing"].get("lines", 3))
        self.weights = {k: float(cues[k]["weight"]) for k in ("before", "label", "closing", "role", "speech")}
        self.label_lines: set[int] = set()  # lines whose names are under a label
        self.label_inline: dict[int, int] = {}  # line -> offset where names start after "Label:"
        self.signature_lines: set[int] = set()
        self.speakers: list[tuple[int, int]] = []  # "[10-06 09:14] Fenna Wijnberg: ..." -> span of the speaker
        self.usernames: list[tuple[int, int]] = []  # "ruud.hermans 11:14 ..." or "(KS)" -> span of the person
        self.name_spans: list[tuple[int, int, str]] = []  # a table cell under "Naam", a comment's author -> span, cue
        self.columns = {w.lower() for w in cues["column"]["words"]}
        self.view_acronyms = lexicon().acronyms
        # words the text glues to a colon and a word: a namespace or key ("rdfs:label"), not a chat user
        self._prefixes = set(re.findall(r"(?<![\w.:/-])([a-z][a-z0-9]*):[A-Za-z]", view.text))
        self._alone: dict[str, bool] = {}  # word -> _alone_throughout, one scan of the text per word
        self.weights["speaker"] = float(cues["speaker"]["weight"])
        self.not_speakers = {w.lower() for w in cues["speaker"].get("not_speakers", ())}
        self.weights["column"] = float(cues["column"]["weight"])
        self._index()
        self._table_columns()
        self._comment_authors()
        self.nouns = self._words_used_as_nouns()
        # initials in brackets or as a speaker are no person's when the text uses the word as a noun: "(API)"
        self.usernames = [(a, b) for a, b in self.usernames
                          if not acronym_shaped(self.view.text[a:b]) or self.view.text[a:b].lower() not in self.nouns]

    def _words_used_as_nouns(self) -> set[str]:
        """Capitalised words the text itself uses as nouns, lower case: after a determiner ("het
        Kadaster", "een API"; "de" only before a word in no name list), an acronym with a plural
        ("API's"), or a word written in lower case elsewhere ("sturing"). (Not the head of a compound:
        news writes "Bush-regering".)"""
        text, lex = self.view.text, lexicon()
        found = {m.group(1).lower() for m in re.finditer(rf"\b{DETERMINERS}\s+([A-Z][\w'’]*)", text)}
        found |= {m.group(1).lower() for m in re.finditer(r"\bde\s+([A-Z][\w'’]*)", text)
                  if m.group(1).lower() not in lex.surnames and m.group(1).lower() not in lex.first_names}
        found |= {m.group(1).lower() for m in re.finditer(r"\b([A-Z]{2,})['’]?s\b", text)}  # "API's": initials take no plural
        found |= {m.group(1).lower() for m in re.finditer(r"\b([A-Z][A-Za-z]{2,})\d+\b", text)}  # "ALEF60": a code
        lower_words = {t.text for t in self.view.tokens if t.text.islower() and not t.sentence_start}
        found |= {w for w in lower_words if w not in lex.first_names and w not in lex.surnames}
        return found

    @staticmethod
    def _norm(line: str) -> str:
        return re.sub(r"\s+", " ", line.strip().lower()).rstrip(" ,.:!")

    def _index(self) -> None:
        lines = self.view.text.split("\n")
        starts = self.view.line_starts
        pending_label, pending_from, pending_list = False, 0, False
        closing_seen_at = None
        by_line: dict[int, list[Token]] = {}
        for t in self.view.tokens:
            by_line.setdefault(t.line, []).append(t)
        lower_words = {t.text for t in self.view.tokens if t.text.islower()}
        for n, raw in enumerate(lines):
            sp = SPEAKER.match(raw)
            if (sp and self._norm(sp.group("who")) not in self.labels | self.list_labels | self.not_speakers
                    and not self._everyday_key(sp.group("who"))
                    and not self._field_line(sp.group("who"), lines, n, lower_words)):
                self.speakers.append((starts[n] + sp.start("who"), starts[n] + sp.end("who")))
            sig = INITIALS_SIGNATURE.match(raw)
            if sig and sig.group("who") not in self.view_acronyms and not spelled_before(
                    sig.group("who"), self.view.text[max(0, starts[n] - 120):starts[n]]):
                self.usernames.append((starts[n] + sig.start("who"), starts[n] + sig.end("who")))
            user = USERNAME_SPEAKER.match(raw)
            # (not the rest of a word hyphenated at the line before: "buitenstaan-" / "ders: ...")
            if user and self._is_username(user.group("user")) and not (n and lines[n - 1].rstrip().endswith("-")):
                self.usernames.append((starts[n] + user.start("user"), starts[n] + user.end("user")))
            norm = self._norm(raw)
            if not norm:
                pending_label = False  # a blank line ends a labelled group
                continue
            if norm in self.labels or norm in self.list_labels:
                # "Contactpersoon" alone: the name is on the next line; "Aanwezig": on the next lines
                pending_label, pending_from, pending_list = True, n, norm in self.list_labels
                continue
            m = re.match(r"\s*([^:]{1,40}?)\s*:\s*(.*)$", raw)
            label = self._norm(m.group(1)) if m else ""
            if label in self.labels or label in self.list_labels:
                if m.group(2).strip():
                    self.label_inline[n] = starts[n] + m.start(2)
                    pending_label = False
                else:
                    pending_label, pending_from, pending_list = True, n, label in self.list_labels
                    continue
            elif pending_label:
                # a labelled group is a short list: it ends at the first line that reads as a sentence
                if len(norm.split()) > LABEL_LINE_WORDS or n - pending_from > LABEL_BLOCK_LINES:
                    pending_label = False
                else:
                    self.label_lines.add(n)
                    pending_label = pending_list  # a single label covers one line
            if norm in self.closings:
                closing_seen_at = n
                continue
            if closing_seen_at is not None:
                # the signature is the first short line after the closing that holds a name part
                if n - closing_seen_at > self.closing_reach or len(norm.split()) > 8:
                    closing_seen_at = None
                elif any(t.kind in (NAME, INITIALS) for t in by_line.get(n, ())):
                    self.signature_lines.add(n)
                    closing_seen_at = None

    @staticmethod
    def _beside(lines: list[str], n: int, step: int) -> int:
        """The next line up or down that is more than a bullet ("-", "•" alone on a line in slides)."""
        k = n + step
        while 0 <= k < len(lines) and lines[k].strip() in BULLETS | {"-"}:
            k += step
        return k

    def _field_line(self, who: str, lines: list[str], n: int, lower_words: set[str]) -> bool:
        """Is "Word: value" a field of a record rather than a speaker? When the text writes the
        one word in lower case too ("de stelling:" ... "Stelling: ..."), or a line beside it is a
        field whose key holds no name ("Type: Kapvergunning" above "Taal: NLD")."""
        if " " not in who.strip() and who.strip().lower() in lower_words:
            return True
        lex = lexicon()
        for k in (self._beside(lines, n, -1), self._beside(lines, n, 1)):
            m = FIELD.match(lines[k]) if 0 <= k < len(lines) else None
            key = self._norm(m.group(1)) if m else ""
            if not m or key in self.labels | self.list_labels or any(key.split()[-len(r):] == r for r in self.roles):
                continue  # "Voorzitter: ..." above "Jansen: ..." are minutes
            words = [w.lower() for w in re.findall(r"[^\W\d_]+", m.group(1))]
            if (words and not re.search(r"\d", m.group(1)) and any(zipf(w) >= 3.0 for w in words)
                    and not any(w in lex.first_names or w in lex.surnames for w in words)):
                return True
        return False

    def _is_shorthand(self, word: str) -> bool:
        return bool(SHORTHAND.fullmatch(word)) and word not in self.view_acronyms and word.lower() not in lexicon().public_words

    def _person_place(self, start: int, end: int, cue: str) -> None:
        """A place where a person stands: initials short-hand there is that person, a name there gets the cue."""
        text = self.view.text[start:end]
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            return
        if self._is_shorthand(text):
            self.usernames.append((start + lead, start + lead + len(text)))
        else:
            self.name_spans.append((start + lead, start + lead + len(text), cue))

    def _table_columns(self) -> None:
        """Columns headed by a person word ("Naam", "Paraaf", "Wie", "Afzender"): each cell
        below the header, to the end of the table (a blank line), holds a person."""
        text, starts = self.view.text, self.view.line_starts
        lines = text.split("\n")
        persons_at: set[int] = set()
        for n, raw in enumerate(lines):
            if not raw.strip():
                persons_at = set()
                continue
            cells = self._cells(raw)
            if len(cells) < 2:
                persons_at = set()
                continue
            header = {k for k, (a, b) in enumerate(cells) if self._norm(raw[a:b]) in self.columns}
            if header:
                persons_at = header
                continue
            for k in persons_at:
                if k < len(cells):
                    a, b = cells[k]
                    self._person_place(starts[n] + a, starts[n] + b, "cue:column")

    @staticmethod
    def _cells(line: str) -> list[tuple[int, int]]:
        cells, at = [], 0
        for m in CELL_SEPARATOR.finditer(line):
            cells.append((at, m.start()))
            at = m.end()
        cells.append((at, len(line)))
        if cells and not line[cells[0][0] : cells[0][1]].strip() and line.lstrip().startswith("|"):
            cells = cells[1:]  # "| a | b |": the bar opens the row
        return cells

    def _comment_authors(self) -> None:
        for m in COMMENT_AUTHOR.finditer(self.view.text):
            self._person_place(m.start("who"), m.end("who"), "cue:comment-author")

    def alone_throughout(self, tok: Token, lex: Lexicon) -> bool:
        if tok.text not in self._alone:
            self._alone[tok.text] = _alone_throughout(tok, self.view.text, lex)
        return self._alone[tok.text]

    def cues_for(self, cand: Candidate) -> list[tuple[str, float]]:
        found = []
        first = cand.titles[0] if cand.titles else cand.tokens[0]
        line = first.line
        # words directly before the name on its line
        toks = self.view.tokens
        before = [t.lower for t in toks[max(0, first.i - 3) : first.i] if t.line == line and t.kind not in (COMMA,)]
        for phrase in self.before:
            if len(before) >= len(phrase) and before[-len(phrase) :] == phrase:
                found.append((f"cue:before:{' '.join(phrase)}", self.weights["before"]))
                break
        else:
            for phrase in self.roles:
                if len(before) >= len(phrase) and before[-len(phrase) :] == phrase:
                    found.append((f"cue:role:{' '.join(phrase)}", self.weights["role"]))
                    break
        nxt = cand.tokens[-1].i + 1
        if (before and before[-1] in self.speech_before) or (
            nxt < len(toks) and toks[nxt].line == cand.tokens[-1].line and toks[nxt].lower in self.speech_after
        ):
            found.append(("cue:speech", self.weights["speech"]))
        if line in self.label_inline and first.start >= self.label_inline[line]:
            found.append(("cue:label", self.weights["label"]))
        elif line in self.label_lines and self._opens_line(first):
            found.append(("cue:label-block", self.weights["label"]))
        if line in self.signature_lines and self._opens_line(first):
            found.append(("cue:signature", self.weights["closing"]))
        if any(a <= cand.start and cand.end <= b for a, b in self.speakers):
            found.append(("cue:speaker", self.weights["speaker"]))
        where = next((cue for a, b, cue in self.name_spans if a <= cand.start and cand.end <= b), None)
        if where and not any(c.startswith("cue:label") for c, _ in found):
            found.append((where, self.weights["column"]))
        return found

    def _is_username(self, user: str) -> bool:
        """A chat handle, not a word opening a line: it has a dot, underscore or digit, or is no Dutch word."""
        if len(user) < 4 or user in self.labels or user in self.list_labels or user in self._prefixes:
            return False
        return bool(re.search(r"[._\d]", user)) or zipf(user) < 2.5 and user not in lexicon().dictionary_words

    @staticmethod
    def _everyday_key(who: str) -> bool:
        """One word the dictionary writes in lower case and no name list holds: the key of a field
        or a slide's bullet ("Anticorruptielaag: ..."), not a speaker."""
        lex, low = lexicon(), who.strip().lower()
        return (" " not in low and lex.is_dictionary_word(low) and low not in lex.first_names
                and low not in lex.surnames)

    def in_organisation_name(self, cand: Candidate) -> bool:
        """Does an organisation word stand right after the name, or before it
        (across "van", "voor de", ...)? Then the name names an organisation."""
        toks = self.view.tokens
        last, first = cand.tokens[-1], (cand.titles[0] if cand.titles else cand.tokens[0])
        nxt = last.i + 1
        # past the rest of a capitalised phrase: "Johan Cruijff Foundation", "Koning Willem I College"
        while nxt < len(toks) and nxt - last.i <= 3 and toks[nxt].break_before == 0 and toks[nxt].lower not in self.org_after \
                and (toks[nxt].text[:1].isupper() and toks[nxt].kind in (NAME, COMMON, INITIALS, OTHER)):
            nxt += 1
        if nxt < len(toks) and toks[nxt].break_before < 2 and toks[nxt].lower in self.org_after:
            return True
        j = first.i - 1
        while j >= 0 and first.i - j <= 4 and toks[j].line == first.line and toks[j].lower in ORG_LINKS:
            j -= 1
        return j >= 0 and toks[j].line == first.line and toks[j].lower in self.org_before

    def after_article(self, cand: Candidate) -> bool:
        """A lower-case "het" or "een" right before the name: an organisation or thing.
        ("de" is left alone: "de Vries" is common sloppy writing for the surname.)"""
        toks = self.view.tokens
        j = cand.tokens[0].i - 1
        return j >= 0 and toks[j].line == cand.tokens[0].line and toks[j].text in ("het", "een")

    def after_place_preposition(self, cand: Candidate) -> bool:
        toks = self.view.tokens
        j = cand.tokens[0].i - 1
        return j >= 0 and toks[j].line == cand.tokens[0].line and toks[j].lower in PLACE_PREPOSITIONS

    def verb_follows(self, cand: Candidate) -> bool:
        toks = self.view.tokens
        nxt = cand.tokens[-1].i + 1
        return nxt < len(toks) and toks[nxt].line == cand.tokens[-1].line and toks[nxt].lower in self.verbs

    def _opens_line(self, tok: Token) -> bool:
        """Only titles or a bullet stand before ``tok`` on its line."""
        toks = self.view.tokens
        j = tok.i - 1
        while j >= 0 and toks[j].line == tok.line:
            if toks[j].kind != TITLE and toks[j].text not in BULLETS:
                return False
            j -= 1
        return True


WITHOUT_ENV = "WOOPUB_WITHOUT"  # detectors the user chose to run without, comma-separated


def frog_wanted() -> bool:
    """False when the user runs `--without frog` (the pool's processes inherit the environment)."""
    return "frog" not in os.environ.get(WITHOUT_ENV, "").split(",")


def run_without(names) -> Callable[[], None]:
    """Run this command (and the workers it starts, which inherit the environment) without the named
    detectors; returns what puts the environment back, so a command run in-process leaves none behind."""
    before = os.environ.get(WITHOUT_ENV)
    os.environ[WITHOUT_ENV] = ",".join(names)

    def restore() -> None:
        if before is None:
            os.environ.pop(WITHOUT_ENV, None)
        else:
            os.environ[WITHOUT_ENV] = before
    return restore


class PersonRecognizer(LocalRecognizer):
    """Dutch person names: lists + shape + cues. Entity PERSON."""

    def __init__(self, lex: Lexicon | None = None, tagger=None, use_frog: bool | None = None):
        self.lex = lex or lexicon()
        self.org_after = frozenset(self.lex.cues["organisation"]["after"])
        self.postal_box = frozenset(self.lex.cues["postal_box"])
        self.use_frog = use_frog if use_frog is not None else frog_wanted()
        self._tagger = tagger
        self.frog_problem: str | None = None  # why Frog could not help, once known
        super().__init__(supported_entities=["PERSON"], supported_language="nl", name="persons", context=[])

    @property
    def tagger(self):
        if self._tagger is None:
            from woopub.detect.frog import default_tagger

            self._tagger = default_tagger()
        return self._tagger

    def load(self) -> None:  # lists are loaded lazily by lexicon()
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        view = TokenView(text, nlp_artifacts.tokens, self.lex)
        cues = CueIndex(view, self.lex.cues)
        email_parts = _email_name_parts(text)
        scored = [(cand, *self.score(cand, view, cues, email_parts)) for cand in self.candidates(view)]
        extra: list[Candidate] = []
        if self.use_frog:
            scored, extra = self._ask_frog(view, scored)
        # A name found with good evidence makes the same word a name elsewhere in the text
        # ("Shimon Peres" ... "Peres"; Frog's "Barak" once ... "Barak"): the same document
        # rarely uses one word for two things.
        # Only a name with person evidence of its own is a source, not one the shape alone suggested.
        known = {c.tokens[-1].lower for c, score, ev in scored
                 if score >= MIN_SCORE and len(c.tokens) > 1 and has_own_evidence(ev, len(c.tokens))}
        known |= {c.tokens[0].lower for c, score, ev in scored if score >= SAME_NAME_SOURCE and len(c.tokens) == 1
                  and c.tokens[0].kind == NAME and (_strong(ev) or "frog:PER" in ev) and not AGAINST & set(ev)}
        results = [self._username_result(a, b, text) for a, b in cues.usernames]
        for cand in extra:  # names Frog found next to an open candidate, weighed like any other
            score, evidence = self.score(cand, view, cues, email_parts)
            scored.append((cand, round(max(0.0, min(1.0, score + EVIDENCE["frog:PER"])), 2), evidence + ["frog:PER"]))
        for cand, score, evidence in scored:
            if (score < MIN_SCORE and len(cand.tokens) == 1 and cand.tokens[0].lower in known
                    and not (AGAINST - {"everyday-word-alone"} | NOT_THE_PERSON) & set(evidence)):
                # the document settles what Frog read differently in one sentence, and that
                # an everyday word ("Barak" after "Ehud Barak") is a surname here
                undo = -EVIDENCE["frog:not-a-person"] if any(e.startswith("frog:") and e != "frog:PER" for e in evidence) else 0
                undo -= EVIDENCE["everyday-word-alone"] if "everyday-word-alone" in evidence else 0
                score = round(min(1.0, score + undo + EVIDENCE["same-name-in-text"]), 2)
                evidence = evidence + ["same-name-in-text"]
            if score < MIN_SCORE:
                continue
            result = RecognizerResult(
                "PERSON",
                cand.start,
                cand.end,
                score,
                AnalysisExplanation(
                    recognizer="persons", original_score=score, textual_explanation=", ".join(evidence)
                ),
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    "evidence": evidence,
                    "lead": lead_of(cand, view),
                    "line_before": line_before(cand, view),
                    "trail": trail_of(cand, view),
                },
            )
            results.append(result)
        return results

    def _ask_frog(self, view: TokenView, scored: list) -> tuple[list, list[Candidate]]:
        """Ask Frog about the candidates the cheaper evidence left open.

        Only windows around open candidates go to Frog (it is the slow stage).
        Its PER raises a candidate's score, its ORG/LOC/MISC lowers it; a PER
        entity Frog finds in a window where no candidate stands is added.
        """
        from woopub.detect.frog import FrogUnavailable
        from woopub.detect.frog_tagging import merge_entities, tag_view

        open_tokens = {t.i for cand, score, ev in scored if FROG_ASK[0] <= score < FROG_ASK[1] for t in cand.tokens}
        if not open_tokens:
            return scored, []

        def triggers(sentence):
            return [k for k, t in enumerate(sentence) if t.i in open_tokens]

        def needs(sentence):
            return any(t.i in open_tokens for t in sentence)

        try:
            pairs = tag_view(view, self.tagger, needs, FROG_WINDOW, triggers)
        except FrogUnavailable as exc:
            self.frog_problem = str(exc)
            return scored, []
        label = {tok.i: reading.label for tok, reading in pairs}
        rescored = []
        for cand, score, ev in scored:
            names = [t for t in cand.tokens if t.kind in (NAME, COMMON, INTERFIX, INITIALS)]
            labels = {label[t.i] for t in names if t.i in label}
            if "PER" in labels and not (len(names) == 1 and _alone_on_line(names[0], view) and not self._listed(names[0])):
                score, ev = min(1.0, score + EVIDENCE["frog:PER"]), ev + ["frog:PER"]
            elif labels and labels <= {"ORG", "LOC", "MISC", "PRO", "EVE"} and not _strong(ev):
                score, ev = max(0.0, score + EVIDENCE["frog:not-a-person"]), ev + [f"frog:{sorted(labels)[0]}"]
            rescored.append((cand, round(score, 2), ev))
        taken = {t.i for cand, _, _ in scored for t in cand.tokens}
        extra = [
            Candidate([t for t in ent.tokens if t.kind != WORD])
            for ent in merge_entities(view.text, pairs)
            if ent.label == "PER" and not any(t.i in taken for t in ent.tokens)
            and any(t.kind in (NAME, COMMON) and t.lower not in self.lex.stop_words for t in ent.tokens)
        ]
        return rescored, [c for c in extra if c.tokens]

    def _listed(self, tok: Token) -> bool:
        return any(p in self.lex.first_names or p in self.lex.surnames for p in tok.lower.split("-") if p)

    def _username_result(self, start: int, end: int, text: str) -> RecognizerResult:
        score = 0.75
        return RecognizerResult(
            "PERSON", start, end, score,
            AnalysisExplanation(recognizer="persons", original_score=score, textual_explanation="cue:speaker-username"),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "evidence": ["cue:speaker-username"],
            },
        )

    # -- candidates -------------------------------------------------------

    def candidates(self, view: TokenView) -> list[Candidate]:
        toks = view.tokens
        out: list[Candidate] = []
        i = 0
        while i < len(toks):
            cand, nxt = self._run_at(toks, i)
            if cand is not None:
                out.append(cand)
            i = max(nxt, i + 1)
        return out

    def _run_at(self, toks: list[Token], i: int) -> tuple[Candidate | None, int]:
        """Read the longest name run starting at token i."""
        j = i
        titles: list[Token] = []
        while j < len(toks) and toks[j].kind == TITLE and (j == i or toks[j].break_before == 0):
            titles.append(toks[j])
            j += 1
            if j < len(toks) and toks[j].text == "." and toks[j].break_before == 0:
                j += 1  # "mw" "." split by the tokenizer
        parts: list[Token] = []
        if j + 1 < len(toks) and self._month_as_given_name(toks, j):
            toks[j].kind = NAME
        # "Do, L. (Linh)", "Graaf, G.A. de": an everyday word is the surname when initials follow the comma
        if (j + 2 < len(toks) and toks[j].kind == COMMON and toks[j].text.istitle() and toks[j + 1].kind == COMMA
                and toks[j + 2].kind == INITIALS and toks[j + 2].break_before == 0):
            toks[j].kind = NAME
        while j < len(toks):
            t = toks[j]
            if parts and t.break_before == 2:
                break
            if parts and t.break_before == 1 and not self._continues_over_line_end(
                    parts, t, toks[j + 1] if j + 1 < len(toks) else None):
                break
            if t.kind in NAME_PARTS:
                outlook_tail = bool(parts) and parts[-1].kind == INITIALS and any(p.kind == COMMA for p in parts)  # "Graaf, G.A. de"
                if (t.kind == INTERFIX and t.text.islower() and not outlook_tail and self._name_complete(parts)
                        and not (not titles and self._surname_follows(toks, j, parts))):
                    break  # "Patrick Du Bois van Sabena", "Kees Broere in de Volkskrant": "van", "in" start a new phrase
                parts.append(t)
                j += 1
                continue
            # "Li Na Chen": capitalised everyday words before or between name parts,
            # only when a name part follows on the line (the score then decides)
            if t.kind == COMMON and self._common_word_in_name(toks, j, parts):
                parts.append(t)
                j += 1
                continue
            # "L. de Wit", "Lotte de Wit", "mevrouw De Boer", "L. Do": an everyday word as the surname
            # (after a bare capitalised tussenvoegsel, not when more capitalised words follow: "Van Hall Larenstein")
            bare_interfix = bool(parts) and all(p.kind == INTERFIX for p in parts) and not titles
            more_follows = (j + 1 < len(toks) and toks[j + 1].break_before == 0 and toks[j + 1].text[:1].isupper()
                            and toks[j + 1].kind in (NAME, COMMON))
            if (t.kind == COMMON and t.break_before == 0 and not is_compound_with_lowercase_tail(t.text, self.lex)  # not "op de J-schijf"
                    and not (bare_interfix and more_follows)
                    and (_surname_slot(parts, bool(titles)) or self._after_given_name(toks, j, parts))):
                parts.append(t)
                j += 1
                break
            # "J. (Jan) de Vries": a given name in brackets after initials or a name
            if (
                t.kind == OPEN
                and parts
                and j + 2 < len(toks)
                and toks[j + 1].kind == NAME
                and toks[j + 2].kind == CLOSE
                # after initials any name ("J. (Jan)"); after a name only a listed first name written
                # as one, so "Barak (Israël)" and "Anciaux (VU)" do not swallow country or party
                and (parts[-1].kind == INITIALS
                     or parts[-1].kind == NAME and toks[j + 1].lower in self.lex.first_names and toks[j + 1].text.istitle()
                     # Outlook order with a trailing tussenvoegsel: "Graaf, G.A. de (Gerrit)"
                     or parts[-1].kind == INTERFIX and any(p.kind == COMMA for p in parts))
            ):
                parts.extend(toks[j : j + 3])
                j += 3
                continue
            # Outlook order "Vries, J. (Jan) de" / "Wijngaarde, Jennifer": surname, comma, given name
            if (
                t.kind == COMMA
                and parts
                and not any(p.kind == COMMA for p in parts)
                and (parts[-1].kind == NAME or len(parts) == 1 and parts[0].text.istitle())
                and all(p.kind in (NAME, INTERFIX) for p in parts)
                # "MARIEKE DE GROOT, PASCAL THUIS": a given name, then its surname, ends an entry of a list
                and not (len(parts) >= 2 and parts[0].kind == NAME and parts[0].lower in self.lex.first_names
                         and parts[0].lower not in self.lex.surnames and parts[-1].kind == NAME)
                and self._outlook_given_follows(toks, j)
            ):
                parts.append(t)
                j += 1
                continue
            break
        # trailing post-nominal titles (MSc) count as evidence
        post: list[Token] = []
        # (not "de heer Jansen", where "de" is no name and "heer" is the title of the next one)
        while (j < len(toks) and toks[j].kind == TITLE and toks[j].break_before == 0
               and any(p.kind in (NAME, INITIALS) for p in parts) and not self._title_of_next_name(toks, j)):
            post.append(toks[j])
            j += 1
        has_title = bool(titles) or bool(post)
        parts = self._trim(parts, has_title=has_title, title_before=bool(titles))
        if not parts or not _name_parts(parts, has_title):
            return None, j  # "mevrouw J." or a lone tussenvoegsel is too little to go on
        return Candidate(parts, titles=titles + post), j

    @staticmethod
    def _title_of_next_name(toks: list[Token], j: int) -> bool:
        k = j + 1
        while k < len(toks) and toks[k].kind == TITLE and toks[k].break_before == 0:
            k += 1
        return k < len(toks) and toks[k].break_before == 0 and toks[k].kind in NAME_PARTS

    @staticmethod
    def _month_as_given_name(toks: list[Token], j: int) -> bool:
        t, nxt = toks[j], toks[j + 1]
        before = toks[j - 1] if j else None
        return (t.kind == WORD and t.lower in MONTHS and t.text.istitle() and nxt.kind == NAME and nxt.break_before == 0
                and not (before is not None and before.text.isdigit() and before.line == t.line))  # not "3 Mei"

    def _after_given_name(self, toks: list[Token], j: int, parts: list[Token]) -> bool:
        """"Hoa Do", "Linh Ha": a capitalised everyday word right after a lone listed given name
        is its surname when the name ends there (the score then decides)."""
        t = toks[j]
        parts = _past_lower_interfix(parts)  # "van Bram Vloer": the run may have opened at the preposition
        # (a given name in capitals before a capitalised word is an acronym: "NORA Expertgroep")
        # (nor is an organisation word: "Lion Air", "Anna Stichting" name a company or foundation)
        if (len(parts) != 1 or parts[0].kind != NAME or not parts[0].text.istitle() or not t.text.istitle()
                or t.lower in self.lex.stop_words or t.lower in self.org_after):
            return False
        given = parts[0].lower
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        ends_line = nxt is None or nxt.break_before > 0
        if given not in self.lex.first_names:
            return False
        if given in self.lex.surnames:
            # "Alexander Green" alone on its line in a list of names: given name and surname, whatever
            # else "Alexander" can be; in running text "Willem Alexander Kazerne" is no such pair
            opens_line = parts[0].break_before > 0 or parts[0].i == 0
            return opens_line and ends_line
        return ends_line or nxt.kind not in (NAME, INITIALS, INTERFIX, COMMON)

    def _outlook_given_follows(self, toks: list[Token], j: int) -> bool:
        """After "Surname," come initials, a listed given name, or given names that end the entry."""
        k = j + 1
        if k >= len(toks) or toks[k].break_before:
            return False
        if toks[k].start == toks[j].end and toks[k].kind != INITIALS and toks[k].lower not in self.lex.first_names:
            return False  # "Intern/Extern,Syteem": Outlook puts a space after the comma
        if toks[k].kind == INITIALS:
            # "Samira Ziani, D. Kooistra": initials with a surname of their own start the next name of a list
            after = toks[k + 1] if k + 1 < len(toks) else None
            return not (after is not None and after.break_before == 0 and after.kind == NAME)
        # "Bouma, Wytske <...>", "| Le, Thi Lan |": the given names end the entry; in running
        # text "Erik Zabel, Rolf Aldag, ..." is a list of names, not one name in Outlook order
        while k < len(toks) and toks[k].kind in (NAME, COMMON) and toks[k].break_before == 0:
            k += 1
        # (a tussenvoegsel ends "Graaf, Gerrit de"; before a surname it opens one: "Van Weyenberg, Romke de Jong en Kat")
        interfix_ends = toks[k].kind == INTERFIX and not (k + 1 < len(toks) and toks[k + 1].break_before == 0
                                                         and toks[k + 1].kind in (NAME, COMMON) and toks[k + 1].text[:1].isupper()) if k < len(toks) else False
        ends_entry = (k >= len(toks) or toks[k].break_before or toks[k].text in ENTRY_END or interfix_ends
                      or DATA_CELL.match(toks[k].text) is not None)  # "Zijlstra, Lysbeth 25-03-1965": a data column starts
        return k > j + 1 and toks[j + 1].kind == NAME and ends_entry

    def _surname_follows(self, toks: list[Token], j: int, parts: list[Token]) -> bool:
        """"Sep de Vries": one word that is also a surname (a given name the lists lack), then a
        tussenvoegsel and a listed surname on the line: the surname of one name, not a new phrase."""
        words = [p for p in parts if p.kind != INTERFIX]  # "van Sep de Vries": the run opened at "van"
        if len(words) != 1 or words[0].kind != NAME:
            return False
        k = j
        while k < len(toks) and toks[k].kind == INTERFIX and toks[k].text.islower() and toks[k].break_before == 0:
            k += 1
        return (k < len(toks) and toks[k].break_before == 0 and toks[k].kind == NAME and toks[k].text.istitle()
                and toks[k].lower in self.lex.surnames)

    def _name_complete(self, parts: list[Token]) -> bool:
        """Do ``parts`` already hold a surname? Then a lower-case tussenvoegsel after
        them starts a phrase ("van Sabena"), not the surname ("Jan van Dijk")."""
        names = [p for p in parts if p.kind == NAME]
        if not names or parts[-1].kind == INTERFIX:
            return False
        if any(p.kind == INTERFIX and p.text[:1].isupper() for p in parts):
            return True  # "Du Bois", "De Vries" already
        if len(names) >= 2 and names[-1].lower not in self.lex.first_names:
            return True
        return len(names) == 1 and names[0].lower in self.lex.surnames and names[0].lower not in self.lex.first_names

    @staticmethod
    def _common_word_in_name(toks: list[Token], j: int, parts: list[Token]) -> bool:
        t = toks[j]
        # after a capitalised tussenvoegsel that opens the run too: "Van Long Hoang"
        opener = len(parts) == 1 and parts[0].kind == INTERFIX and parts[0].text.istitle()
        if parts and (parts[-1].kind not in (NAME, INITIALS, COMMON) and not opener or t.break_before):
            return False
        if not parts and t.lower in lexicon().stop_words:
            return False  # "Maar Barak", "Volgens Jansen": a function word never opens a name
        if not parts and len(t.text) >= 7 and zipf(t.lower, "en") < 4.5:
            return False  # "Opmerking Demir", "Chatbericht Veld": a long Dutch word heads the line, it is no given name
        if (not parts and len(t.text) > 3 and j + 1 < len(toks) and toks[j + 1].kind == NAME
                and toks[j + 1].lower in lexicon().first_names):
            return False  # "Review Stephen", "Input Dimitri van Hees": a name starts at its given name
        k = j + 1
        while k < len(toks) and k <= j + 2 and toks[k].break_before == 0:
            if toks[k].kind == NAME:
                return True
            if toks[k].kind != COMMON:
                return False
            k += 1
        return False

    def _continues_over_line_end(self, parts: list[Token], nxt: Token, after: Token | None = None) -> bool:
        """Does a name go on over a line end? When it cannot end here, or has only given names so far.
        ``after`` is the token after ``nxt``."""
        last = parts[-1]
        if nxt.kind not in NAME_PARTS or any(p.kind == COMMA for p in parts):
            return False  # "HADDAD, L." ends an entry of a list, one per line
        if last.kind == INTERFIX and last.text.istitle() and last.lower in self.lex.surnames and len(parts) > 1:
            return False  # "mevr. T. Le" + newline: "Le" is the surname, the name ends
        if all(p.kind == INTERFIX for p in parts) and self._name_opens_line(nxt, after):
            return False  # a nota's header "Van" + newline + "Eefje Griffioen": a label, a given name opens the name
        if last.kind in (INITIALS, INTERFIX) or (last.kind == NAME and last.text.endswith("-")):
            return True
        if last.kind == NAME and HYPHEN_INTERFIX.search(last.lower):
            return True  # "Hoogendoorn-van" + newline + "Rossum"
        # "... en Kwame" + newline + "Mensah-Boateng": given names wrap onto the next line
        # (a lower-case "van" before them is the preposition: "moeder van Emir" + newline + "Aydın")
        given = [p for p in parts if not (p.kind == INTERFIX and p.text.islower())]
        # (not into a line that opens with a capitalised "De": "in Brecht" + newline + "De Morgen", a masthead)
        return (bool(given) and all(p.kind == NAME and p.lower in self.lex.first_names for p in given)
                and not nxt.sentence_start and not (nxt.kind == INTERFIX and nxt.text.istitle()))

    def _name_opens_line(self, nxt: Token, after: Token | None) -> bool:
        """A listed given name that opens a line, with a capitalised name part beside it: a name of its own
        (a tussenvoegsel stands before a surname, not before a given name and surname)."""
        return (nxt.kind == NAME and nxt.lower in self.lex.first_names and after is not None
                and after.break_before == 0 and after.kind == NAME and after.text[:1].isupper())

    @staticmethod
    def _trim(parts: list[Token], has_title: bool, title_before: bool = True) -> list[Token]:
        # a run cannot end in a tussenvoegsel, comma or open bracket ("Jan van" -> "Jan"),
        # except in Outlook order where the tussenvoegsel trails: "Vries, J. (Jan) de"
        outlook = any(p.kind == COMMA for p in parts)
        while parts:
            last = parts[-1]
            if last.kind in (COMMA, OPEN):
                parts = parts[:-1]
            elif last.kind == COMMON and not (outlook or _surname_slot(parts[:-1], has_title) or _after_lone_given_name(parts)):
                parts = parts[:-1]
            elif last.kind == COMMON and outlook and len(parts) > 1 and parts[-2].kind == INITIALS and parts[0].kind != INITIALS:
                parts = parts[:-1]  # "Sung, S.H. Evaluation of ...": in Outlook order the initials end the name
            elif last.kind == INTERFIX and not outlook and not (last.text.istitle() and (
                    _surname_slot(parts[:-1], has_title)
                    # "Mai Anh Le": a capitalised tussenvoegsel that is also a surname ends a name of given names
                    or last.lower in lexicon().surnames and any(p.kind == NAME for p in parts[:-1]))):
                parts = parts[:-1]  # "Jan van" -> "Jan"; but "mevrouw Le", "T. Le" keep their surname
            else:
                break
        # A surname without given name or title writes its tussenvoegsel with a
        # capital ("De Vries"); a lower-case "de" opening a run is an article
        # ("de Reshape Foundation").
        if not title_before:  # ("van Jan de Vries MSc": a title after the name says nothing of "van")
            while parts and parts[0].kind == INTERFIX and parts[0].text.islower():
                parts = parts[1:]
        # "Het", "Der" never open a surname ("Het Parool"); "De", "Van", "Ter" can
        while parts and parts[0].kind == INTERFIX and parts[0].lower not in lexicon().interfix_openers_single:
            parts = parts[1:]
        if parts and all(p.kind == INTERFIX for p in parts):
            # "mevrouw Le", "de heer Le": after a title, a capitalised tussenvoegsel that is also a surname
            if has_title and len(parts) == 1 and parts[0].text.istitle() and parts[0].lower in lexicon().surnames:
                return parts
            return []
        return parts

    # -- evidence ---------------------------------------------------------

    def score(self, cand: Candidate, view: TokenView, cues: CueIndex, email_parts: set[str] = frozenset()) -> tuple[float, list[str]]:
        lex = self.lex
        ev: list[tuple[str, float]] = []
        # (a name Frog found may consist of words our own classes call ordinary)
        names = _name_parts(cand.tokens, bool(cand.titles)) or [t for t in cand.tokens if t.kind in (NAME, COMMON)] or cand.tokens
        kinds = [p.kind for p in cand.tokens]
        if cand.titles:
            ev.append((f"title:{cand.titles[0].text}", EVIDENCE["title"]))
        if INITIALS in kinds:
            ev.append(("initials", EVIDENCE["initials"]))
        if OPEN in kinds:
            ev.append(("given-name-in-brackets", EVIDENCE["given-name-in-brackets"]))
        if COMMA in kinds:
            ev.append(("outlook-order", EVIDENCE["outlook-order"]))
        if not cand.titles and _initials_follow(cand, view):
            ev.append(("initials-in-brackets-after", EVIDENCE["initials-in-brackets-after"]))
        first, last = names[0], names[-1]
        first_listed = first.lower in lex.first_names or first.lower.split("-")[0] in lex.first_names
        caps_heading = first.line in cues.view.caps_lines
        if first_listed and len(first.text) > 1 and first.text.isupper() and (any(
                p.text.istitle() or not caps_heading and _acronym_beside(p, lex) for p in names[1:])
                # "VOOR GEO QUERIES IS ...": in a heading in capitals a given name before an everyday word
                or caps_heading and len(names) == 2 and INTERFIX not in kinds and names[1].text.isupper()
                and names[1].lower not in lex.surnames and lex.is_dictionary_word(names[1].lower)):
            # a given name in capitals before capitalised words, or before an acronym in running text, is an
            # acronym itself: "AI Act Service Desk", "Impact NORA RFC"
            first_listed = False
        last_listed = any(part in lex.surnames for part in last.lower.split("-"))
        if len(names) > 1 and first_listed and cand.tokens[0] is first:
            ev.append(("first-name", EVIDENCE["first-name"]))
        elif len(names) == 1 and first_listed and INITIALS not in kinds:
            ev.append(("first-name-alone", EVIDENCE["first-name-alone"]))
        if last_listed and (len(names) > 1 or INITIALS in kinds or INTERFIX in kinds or not first_listed):
            ev.append(("surname", EVIDENCE["surname"]))
        # a capitalised "De" opening a sentence is as likely the article ("De Tros") as a tussenvoegsel
        if INTERFIX in kinds and names and not (cand.tokens[0].kind == INTERFIX and cand.tokens[0].sentence_start and not cand.titles):
            ev.append(("tussenvoegsel", EVIDENCE["tussenvoegsel"]))
        if len(names) > 1 and not first_listed and not last_listed:
            ev.append(("two-unknown-parts", EVIDENCE["two-unknown-parts"]))
        lead_tok = cand.titles[0] if cand.titles else cand.tokens[0]
        if not lead_tok.sentence_start:
            ev.append(("capitalised-mid-sentence", EVIDENCE["capitalised-mid-sentence"]))
        nxt = cand.tokens[-1].i + 1
        if nxt < len(view.tokens) and view.tokens[nxt].break_before == 0 and re.fullmatch(r"\d{1,5}[a-zA-Z]?", view.tokens[nxt].text):
            ev.append(("followed-by-number", EVIDENCE["followed-by-number"]))  # "Dorpsstraat 12", "Kamer 4"
            if " ".join(t.lower for t in cand.tokens) in self.postal_box:
                ev.append(("postal-box", EVIDENCE["postal-box"]))  # "P.O. Box 992": an address, not "P.O." and "Box"
        elif len(names) == 1 and last.lower.rstrip(".") in DATE_MONTHS and DAY_AFTER.match(view.text, cand.end):
            ev.append(("followed-by-number", EVIDENCE["followed-by-number"]))  # "SEP. 18": a month and its day
        if cues.in_organisation_name(cand):
            ev.append(("part-of-organisation-name", EVIDENCE["part-of-organisation-name"]))
        # not "een Shimon Peres"; but "het Corona Overbruggingskrediet": no listed name and an everyday word
        if not cand.titles and cues.after_article(cand) and (
                len(cand.tokens) == 1 or not first_listed and not last_listed and any(_everyday(p, lex) for p in names)):
            ev.append(("after-article", EVIDENCE["after-article"]))
        if not cand.titles and INITIALS not in kinds and _firm_name(cand, view):
            ev.append(("firm-name", EVIDENCE["firm-name"]))
        if not cand.titles and INITIALS not in kinds and _defines_short_name(cand, view):
            ev.append(("defines-short-name", EVIDENCE["defines-short-name"]))
        if len(names) == 1 and len(cand.tokens) == 1 and first_listed and _after_acronym(cand, view):
            ev.append(("after-acronym", EVIDENCE["after-acronym"]))
        if len(names) > 1 and not cand.titles and INITIALS not in kinds and _acronym_in_name(names, cues, lex):
            ev.append(("acronym-in-name", EVIDENCE["acronym-in-name"]))  # "JSON Lint", "GEO API": a product, not a person
        if ADDRESS_AFTER.match(view.text, cand.end):
            ev.append(("before-address", EVIDENCE["before-address"]))  # "Timmerhuis, Halvemaanpassage 1, 3011 AH"
        if not cand.titles and INITIALS not in kinds and COMMA not in kinds and _institution_at(cand, view, lex):
            ev.append(("institution-name", EVIDENCE["institution-name"]))
        if _bracketed_after_name(cand, view):
            ev.append(("affiliation-in-brackets", EVIDENCE["affiliation-in-brackets"]))  # "M. Lin (Van Hall Larenstein)"
        if first_listed and cand.tokens[0] is first and cues.verb_follows(cand):
            ev.append(("verb-after-given-name", EVIDENCE["verb-after-given-name"]))
        caps_parts = [p for p in names if p.text.isupper() and len(p.text) > 1]
        title_parts = [p for p in names if p.text.istitle() and all(p.line == c.line for c in caps_parts)]  # not "NORA\nPeter"
        if caps_parts and title_parts and (
            any(p.lower in lex.first_names for p in title_parts) or any(p.lower in lex.surnames for p in caps_parts)
        ):
            ev.append(("surname-in-capitals", EVIDENCE["surname-in-capitals"]))  # "KOVALENKO Oksana"
        if not cand.titles and INITIALS not in kinds and not first_listed and cues.after_place_preposition(cand):
            ev.append(("after-place-preposition", EVIDENCE["after-place-preposition"]))  # "in Den Hey-Acker"
        if CREDIT_BEFORE.search(view.text, max(0, cand.start - 90), cand.start):
            ev.append(("credited-creator", 0.0))  # "Foto: Jan Jansen", "© Jan Jansen": the maker of a published work
        if CITATION_AFTER.match(view.text, cand.end) or _attributed_long_ago(cand, view):
            ev.append(("cited-author", 0.0))  # the author of a published work, named where it is cited
        if email_parts and _matches_email(cand, email_parts):
            ev.append(("matches-e-mail", EVIDENCE["matches-e-mail"]))
        org = any(e == "part-of-organisation-name" for e, _ in ev)
        # a label says a name stands on the line, not that an organisation's name is one:
        # "Aanwezig: ..., D. Kooistra (Pieter Baan Centrum)"
        ev.extend(c for c in cues.cues_for(cand) if not (org and c[0].startswith(("cue:label", "cue:column"))))
        strong = {e for e, _ in ev} - {"capitalised-mid-sentence", "first-name-alone", "surname", "tussenvoegsel"}
        if len(cand.tokens) == 1 and lead_tok.sentence_start and not strong:
            ev.append(("sentence-start-alone", EVIDENCE["sentence-start-alone"]))
        if len(cand.tokens) == 1 and not strong and zipf(first.lower) >= COMMON_NAME_ZIPF:
            ev.append(("common-word", EVIDENCE["common-word"]))
        phrase = " ".join(t.lower for t in cand.tokens)
        if phrase in lex.places and not strong & {"initials", "first-name", "given-name-in-brackets"} and not cand.titles:
            ev.append(("place-phrase", EVIDENCE["place-phrase"]))
        # "Van Nispen" is a surname made of a place: the tussenvoegsel says so
        elif all(p.lower in lex.places for p in names) and INTERFIX not in kinds and not strong:
            ev.append(("place-name", EVIDENCE["place-name"]))
        toks = cand.tokens
        # ("Bijlage C. Gerealiseerde API's" in a table of contents: any length)
        after_heading_word = toks[0].i > 0 and view.tokens[toks[0].i - 1].lower in HEADING_WORDS
        # ("Bijlage C. ...": after "Bijlage" a letter is always the annex's; at a line's start only before an everyday word)
        # (at a line's start also in a run of lettered lines: "A. Insuffisance rénale\nB. Acidose lactique\nC. Diarrhée")
        if (len(toks) >= 2 and not cand.titles and toks[0].kind == INITIALS and re.fullmatch(r"[A-Z]\.", toks[0].text)
                and (after_heading_word or toks[1].lower not in lex.surnames and cues._opens_line(toks[0])
                     and (zipf(toks[1].lower) >= 3.0 or _in_lettered_run(toks[0], view)))):
            ev.append(("enumerated-heading", EVIDENCE["enumerated-heading"]))
        if not has_own_evidence([e for e, _ in ev], len(names)):
            cued = any(e.startswith("cue:") for e, _ in ev)
            ev.extend(self._usage_evidence(cand, names, kinds, cues, cued))
            tags = [e for e, _ in ev]
            if "everyday-word-alone" in tags and any(e.startswith("cue:role:") for e in tags):
                # "directeur-generaal Rechtspleging", "hoofd Communicatie": after a function an everyday
                # word names the function's unit, and Frog's reading of it as a person is no evidence
                ev.append(("unit-after-role", EVIDENCE["unit-after-role"]))
        score = max(0.0, min(1.0, BASE + sum(w for _, w in ev)))
        return round(score, 2), [e for e, _ in ev]

    def _usage_evidence(self, cand: Candidate, names: list[Token], kinds: list[str], cues: CueIndex,
                        cued: bool = False) -> list[tuple[str, float]]:
        """What the shape and the text's own usage say against a name with no evidence of its own."""
        lex, found = self.lex, []
        if len(names) == 1 and INITIALS not in kinds:
            word = names[0]
            # (a heading in capitals says nothing by its shape; one word alone on its line does)
            if acronym_shaped(word.text) and (word.line not in cues.view.caps_lines or _alone_on_line(word, cues.view)):
                found.append(("acronym-shape", EVIDENCE["acronym-shape"]))
            elif word.lower in cues.nouns:
                found.append(("used-as-noun", EVIDENCE["used-as-noun"]))
            elif _everyday_dutch(word, lex) or cues.view.english and word.lower in lex.english_everyday:
                # "Initiële", "Aanvullingen", "Ctrl" read as a name by Frog in a table: an unlisted everyday word alone;
                # in an English text also a listed given name the English dictionary has only as a word ("Loan")
                found.append(("everyday-word-alone", EVIDENCE["everyday-word-alone"]))
            elif not cued and cues.alone_throughout(word, lex):
                # (a chat's speaker or a label's name is often a first name alone throughout: "Kübra: ...")
                found.append(("unlisted-word-alone-throughout", EVIDENCE["unlisted-word-alone-throughout"]))
        elif len(names) > 1 and not cand.titles:
            if all(_everyday(p, lex) for p in names):
                found.append(("everyday-words-only", EVIDENCE["everyday-words-only"]))
            elif any(_everyday(p, lex) for p in names):
                found.append(("everyday-word-in-name", EVIDENCE["everyday-word-in-name"]))
            if len({p.lower for p in names}) < len(names):
                found.append(("repeated-word", EVIDENCE["repeated-word"]))  # "Logius Logius"
        return found


# a line opened by one capital letter and a full stop or bracket, then white space: "B.\t Acidose lactique", "c) Diarrhée"
LETTERED_LINE = re.compile(r"^[ \t]*([A-Z])[.)][ \t]+\S", re.MULTILINE)
LETTERED_REACH = 12  # lines either side where the rest of a lettered list stands


def _in_lettered_run(tok: Token, view: TokenView) -> bool:
    """Does the line ``tok`` opens with a letter belong to a lettered list: three lines near each other
    opened by consecutive letters ("A.", "B.", "C."), this one among them? Initials of persons listed
    one a line follow no alphabet."""
    starts = view.line_starts
    first = starts[max(0, tok.line - LETTERED_REACH)]
    last = starts[tok.line + LETTERED_REACH + 1] if tok.line + LETTERED_REACH + 1 < len(starts) else len(view.text)
    letters = {ord(m.group(1)) for m in LETTERED_LINE.finditer(view.text, first, last)}
    own = ord(tok.text[0])
    return any({a, a + 1, a + 2} <= letters for a in (own - 2, own - 1, own))


def _acronym_in_name(names: list[Token], cues: CueIndex, lex: Lexicon) -> bool:
    """Is one of the words an acronym: a known one, one the text uses as a noun ("de API"), or short
    capitals that are no name and no word ("JSON") beside no listed given name ("LI Wei" is a name)?"""
    for p in names:
        if p.text.isupper() and len(p.text) > 1 and (p.text in lex.acronyms or p.lower in cues.nouns):
            return True
    # (two or three capitals first are initials written without dots: "AJ Bakker", "JW Schouten")
    return (not any(p.lower in lex.first_names for p in names)
            and any(len(p.text) > 1 and _acronym_beside(p, lex) and not (k == 0 and len(p.text) <= 3)
                    for k, p in enumerate(names)))


def _past_lower_interfix(parts: list[Token]) -> list[Token]:
    """``parts`` without the lower-case tussenvoegsels that open them ("van Bram" -> "Bram")."""
    k = 0
    while k < len(parts) and parts[k].kind == INTERFIX and parts[k].text.islower():
        k += 1
    return parts[k:]


def spelled_before(letters: str, before: str) -> bool:
    """Do the words right before spell the capitals, and are they no names? "SOFTWARE DEVELOPMENT
    LIFECYCLE (SDLC)" defines an abbreviation; "Jan de Vries (JdV)" gives a person's initials."""
    abbr = letters.lower()
    if not re.search(r"[^\W\d_]\s*$", before):
        return False  # "... kan starten.\n(KS)": a finished sentence, then its author's initials
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", before)]
    lex = lexicon()

    def spells(a: str, ws: list[str]) -> bool:  # each word gives its first letter, and maybe more ("LifeCycle": L, C)
        if not ws:
            return not a
        if not a or a[0] != ws[0][0]:
            return False
        return any(_subsequence(a[1:1 + t], ws[0][1:]) and spells(a[1 + t:], ws[1:]) for t in range(len(a)))

    # "Required for Compliance (RC)": the function words between give no letter
    content = [w for w in words if w not in lex.stop_words and w not in ENGLISH_FUNCTION_WORDS]
    for ws in (words, content):
        for k in range(1, len(abbr) + 1):
            tail = ws[-k:]
            if len(tail) == k and spells(abbr, tail):
                # "Silvion Moesan (SM)": words in no dictionary that spell the letters are a name
                return (not any(w in lex.first_names or w in lex.surnames for w in tail)
                        and any(lex.is_dictionary_word(w) for w in tail))
    return False


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(c in it for c in needle)


def _acronym_beside(tok: Token, lex: Lexicon) -> bool:
    """A short word in capitals that is a known acronym, or no name and no word: "RFC", "API"."""
    return tok.text.isupper() and (tok.text in lex.acronyms or len(tok.text) <= 4 and tok.lower not in lex.surnames
                                   and tok.lower not in lex.first_names and not lex.is_dictionary_word(tok.lower))


def _after_lone_given_name(parts: list[Token]) -> bool:
    """"Pascal Thuis", "Hoa Do": a capitalised everyday word that ends a name after a listed given
    name (one that is no surname) is the surname; the run took it only where the name ends."""
    lex = lexicon()
    parts = _past_lower_interfix(parts)
    return (len(parts) == 2 and parts[0].kind == NAME and parts[0].text.istitle() and parts[0].lower in lex.first_names
            and (parts[0].lower not in lex.surnames or parts[0].break_before > 0 or parts[0].i == 0)  # "Alexander Green" on its line
            and parts[1].text.istitle())


def _alone_on_line(tok: Token, view: TokenView) -> bool:
    """Is ``tok`` the only word on its line ("Kadaster" under a name in an attendee list)? Frog then
    reads it without a sentence, and its PER says little. Numbers and marks beside it do not
    count: "ALEF 2021.4.1" is a word alone with its version.)"""
    toks = view.tokens
    for step in (-1, 1):
        j = tok.i + step
        while 0 <= j < len(toks) and toks[j].line == tok.line:
            if any(c.isalpha() for c in toks[j].text):
                return False
            j += step
    return True


def _everyday(tok: Token, lex: Lexicon) -> bool:
    """A word in no name list that is an everyday Dutch or English word, or an acronym."""
    low = tok.lower
    if low in lex.first_names or low in lex.surnames:
        return False
    return acronym_shaped(tok.text) or zipf(low) >= 3.0 or zipf(low, "en") >= 3.5 or low in lex.dictionary_words


# a lone unlisted word this often in one text, never beside a given name, initials or a title
ALONE_THROUGHOUT = 3
_NAME_BEFORE = re.compile(r"(?:\b[A-Z]\.\s*|\b(?:dhr|mevr|mw|drs|dr|ir|mr|ing|prof)\.?\s+|\b(?:heer|mevrouw)\s+)$", re.IGNORECASE)


def _alone_throughout(tok: Token, text: str, lex: Lexicon) -> bool:
    """Does the text name this unlisted word again and again, always alone ("Logius", "Geonovum",
    "Numeriek")? A person named that often is named in full, with initials or a title at least
    once; an organisation, product or heading word never is."""
    low = tok.lower
    if low in lex.surnames or low in lex.first_names or not tok.text[:1].isupper():
        return False
    seen = 0
    for m in re.finditer(rf"(?<![\w@.-]){re.escape(tok.text)}(?![\w@-])", text):
        before = text[max(0, m.start() - 40) : m.start()].split("\n")[-1]
        words = before.split()
        interfix = False
        while words and (words[-1].lower() in lex.interfix_words or words[-1].lower().rstrip(".") in SHORT_INTERFIXES):
            words.pop()  # "Marloes vd Heijden", "Jan van der Berg": past the tussenvoegsel
            interfix = True
        prev = words[-1] if words else ""
        if _NAME_BEFORE.search(before) or (prev[:1].isupper() and prev.isalpha() and (
                interfix or prev.lower() in lex.first_names or zipf(prev.lower()) < 3.0)):
            return False  # "Vojislav Kostunica": once beside a word that may be a given name
        seen += 1
    return seen >= ALONE_THROUGHOUT


def _everyday_dutch(tok: Token, lex: Lexicon) -> bool:
    """An everyday Dutch word in no name list: frequent and not a name by the dictionary ("sturing",
    "initiële"; not "Heijden", which word counts find as often), or a word the dictionary writes in
    lower case however rare ("aanscherpen", "preparatie")."""
    low = tok.lower
    return ((zipf(low) >= 3.0 and low not in lex.name_like or lex.is_dictionary_word(low))
            and low.split("-")[0] not in lex.first_names and low not in lex.surnames)


def _institution_at(cand: Candidate, view: TokenView, lex: Lexicon) -> bool:
    """Does a listed institution's name start with the candidate and cover it ("Antoni" of
    "Antoni van Leeuwenhoek")?"""
    text = view.text[cand.start : cand.start + 80].lower()
    text = re.sub(r"\s+", " ", text)
    covered = len(re.sub(r"\s+", " ", view.text[cand.start : cand.end]))
    for name in lex.institutions_by_first_word.get(cand.tokens[0].lower, ()):
        if len(name) >= covered and text.startswith(name) and (len(text) == len(name) or not text[len(name)].isalnum()):
            return True
    return False


def _strong(evidence: list[str]) -> bool:
    """Evidence that outweighs Frog calling a name an organisation or place."""
    return any(e.startswith(("title:", "initials", "cue:", "first-name", "matches-e-mail", "given-name")) for e in evidence)


def _email_name_parts(text: str) -> set[str]:
    """Pieces of the e-mail local parts in a text: "bram.ter.horst" -> bram, ter, horst, terhorst."""
    parts: set[str] = set()
    for m in _EMAIL.finditer(text):
        pieces = [p for p in re.split(r"[._-]+", m.group(1).lower()) if len(p) > 1]
        parts.update(p for p in pieces if len(p) >= 3)
        for i in range(len(pieces)):
            parts.add("".join(pieces[i:]))
    return parts


def _matches_email(cand: Candidate, parts: set[str]) -> bool:
    names = [t for t in cand.tokens if t.kind in (NAME, INTERFIX)]
    if not names:
        return False
    surname = names[-1].lower
    i = len(names) - 2
    joined = surname
    while i >= 0 and names[i].kind == INTERFIX:
        joined = names[i].lower.replace("'", "") + joined
        i -= 1
    return len(surname) >= 3 and (surname in parts or joined in parts or surname.replace("-", "") in parts)


def _firm_name(cand: Candidate, view: TokenView) -> bool:
    """"Vellekoop & Meesters", "Loyens & Loeff": one capitalised word on each side of "&", neither
    with a given name or initials before it, is a firm's name. ("Jamillah Knowles & Digit" is not.)"""
    toks = view.tokens
    if len(cand.tokens) != 1:
        return False
    i = cand.tokens[0].i

    def lone(k: int) -> bool:  # a capitalised word with no name part before it on the line
        if not (0 <= k < len(toks)) or not toks[k].text[:1].isupper() or toks[k].line != cand.tokens[0].line:
            return False
        return not (k > 0 and toks[k - 1].line == toks[k].line and toks[k - 1].kind in (NAME, INITIALS, INTERFIX))

    if i + 2 < len(toks) and toks[i + 1].text == "&":
        return lone(i) and lone(i + 2)
    return i >= 2 and toks[i - 1].text == "&" and lone(i - 2) and lone(i)


def _defines_short_name(cand: Candidate, view: TokenView) -> bool:
    """A capitalised phrase that the text then shortens in brackets to its own first word:
    "Qredits Microfinanciering Nederland (Qredits)". Organisations introduce short names so;
    persons do not."""
    toks = view.tokens
    first = cand.tokens[0]
    k = first.i + 1
    while k < len(toks) and k - first.i <= 6 and toks[k].line == first.line and toks[k].text[:1].isupper():
        k += 1
    return (k - first.i >= 2 and k + 2 < len(toks) and toks[k].kind == OPEN and toks[k + 2].kind == CLOSE
            and toks[k + 1].text == first.text)


def _after_acronym(cand: Candidate, view: TokenView) -> bool:
    """A word in capitals (not initials, not a title) right before the name on its line: "CIO Rijk"."""
    toks = view.tokens
    j = cand.tokens[0].i - 1
    return (j >= 0 and toks[j].line == cand.tokens[0].line and toks[j].kind not in (INITIALS, TITLE)
            and len(toks[j].text) >= 2 and toks[j].text.isupper() and toks[j].text.isalpha())


def _initials_follow(cand: Candidate, view: TokenView) -> bool:
    """Do the name's initials follow it in brackets: "Silvion Moesan (SM)", "Jan de Vries (JdV)"?
    Minutes and review tables introduce the short-hand they then use for a person this way."""
    toks = view.tokens
    b = cand.tokens[-1].i + 1
    # (the brackets may open the next line: a list of names wraps, "Željko Obrenović\n(ZO), ...")
    if b + 2 >= len(toks) or toks[b].kind != OPEN or toks[b + 2].kind != CLOSE or toks[b].break_before > 1:
        return False
    letters = toks[b + 1].text
    lex = lexicon()
    if not (SHORTHAND.fullmatch(letters) and letters not in lex.acronyms):
        return False
    words = [t for t in cand.tokens if t.kind in (NAME, COMMON, INTERFIX)]
    if len(words) < 2 or any(t.kind == COMMON for t in words) and not any(t.kind == NAME for t in words):
        return False
    everyday = [t for t in words if t.kind != INTERFIX and t.lower not in lex.first_names and t.lower not in lex.surnames
                and lex.is_dictionary_word(t.lower)]
    if 2 * len(everyday) >= len([t for t in words if t.kind != INTERFIX]):
        return False  # "Rich Authorization Request (RAR)": an abbreviation defined by its words
    # initials are written without the accents of the name's letters: "Željko Obrenović (ZO)"
    every = _unaccented("".join(t.text[0] for t in words))
    bare = _unaccented("".join(t.text[0] for t in words if t.kind != INTERFIX))
    return _unaccented(letters).lower() in (every.lower(), bare.lower())


def _unaccented(letters: str) -> str:
    return "".join(unicodedata.normalize("NFKD", c)[0] for c in letters)


def _attributed_long_ago(cand: Candidate, view: TokenView) -> bool:
    """Is the candidate credited with something done long before the document was written
    ("door Roy Thomas Fielding in 2000" in a nota of 2018)? Without a date of its own the
    document gives no such answer."""
    if cand.titles or not ATTRIBUTED_BEFORE.search(view.text, max(0, cand.start - 8), cand.start):
        return False
    year = YEAR_AFTER.match(view.text, cand.end)
    written = view.document_date
    return bool(year and written and written.year - int(year.group(1)) >= CITED_YEARS_BEFORE)


def _bracketed_after_name(cand: Candidate, view: TokenView) -> bool:
    """Is the whole candidate in brackets right after a name ("J. Smit (Verwey-Jonker)")?
    There it names where the person works. A given name in brackets is not: "J. (Jan) Smit"."""
    toks = view.tokens
    a, b = cand.tokens[0].i - 1, cand.tokens[-1].i + 1
    if cand.titles or a < 1 or b >= len(toks) or toks[a].kind != OPEN or toks[b].kind != CLOSE:
        return False
    return toks[a - 1].kind in (NAME, COMMON) and toks[a - 1].break_before == 0 or toks[a - 1].text.endswith(".")


def _name_parts(parts: list[Token], has_title: bool) -> list[Token]:
    """The name-shaped parts, plus an everyday word or capitalised tussenvoegsel
    standing where the surname goes ("R. de Wit", "mevrouw Le")."""
    names = [p for p in parts if p.kind == NAME]
    last = parts[-1] if parts else None
    if last is not None and last.kind in (COMMON, INTERFIX) and (
            _surname_slot(parts[:-1], has_title) or last.kind == COMMON and _after_lone_given_name(parts)):
        names.append(last)
    return names


def _surname_slot(parts: list[Token], has_title: bool) -> bool:
    """Is the next word where a surname stands? After initials, after a title
    alone, or after a tussenvoegsel that follows a given name or initials."""
    if not parts:
        return has_title
    last = parts[-1]
    if last.kind == INITIALS:
        return True
    if last.kind == INTERFIX:
        before = [p for p in parts[:-1] if p.kind != INTERFIX]
        # "die De Prins doortrok", "meent Van der Voort": mid-sentence a capitalised tussenvoegsel opens a surname
        # (at a sentence's start too "Van der", "Van den": no article or preposition reads so)
        opens_surname = not before and parts[0].text[:1].isupper() and (
            not parts[0].sentence_start or " ".join(p.lower for p in parts) in ("van der", "van den"))
        return has_title or opens_surname or bool(before) and before[-1].kind in (NAME, INITIALS)
    return False


# -- context for the decision stage -------------------------------------


def lead_of(cand: Candidate, view: TokenView, width: int = 3) -> str:
    """The words before a name, past co-ordinated names of one list."""
    toks = view.tokens
    j = (cand.titles[0] if cand.titles else cand.tokens[0]).i - 1
    line = toks[j + 1].line
    glued = GLUED_NAME.match(toks[j].text) if j >= 0 and toks[j].line == line and not cand.titles else None
    if glued:
        # "de motie-Six Dijkstra", "motie-Van Nispen": the name starts inside the word before it
        before = [toks[k].lower for k in range(max(0, j - width + 1), j) if toks[k].line == line]
        return " ".join(before + [glued.group(1).lower()])
    skipped_list = False
    crossed_slash = False
    while j >= 0 and toks[j].break_before < 2 and toks[j].line >= line - 1:
        t = toks[j]
        if t.kind == CLOSE:  # a bracketed party or given name: "(CU)"
            k = j
            while k >= 0 and toks[k].kind != OPEN and j - k < 6:
                k -= 1
            j = k - 1
            skipped_list = True
            continue
        if t.kind in (SLASH, AMP):
            crossed_slash = True
            j -= 1
            continue
        if t.kind == COMMA or t.lower in LIST_JOINERS:
            j -= 1
            skipped_list = True
            continue
        # (a surname that is an everyday word counts: "Romke de Jong en Kat")
        if (t.kind in NAME_PARTS or t.kind == COMMON and t.text[:1].isupper()) and (skipped_list or crossed_slash):
            j -= 1
            continue
        break
    words = []
    while j >= 0 and len(words) < width and toks[j].break_before < 2:
        if toks[j].kind in (COMMA,):
            break
        words.append(toks[j].lower)
        if toks[j].break_before:
            break
        j -= 1
    lead = " ".join(reversed(words))
    if skipped_list and not crossed_slash and not (set(lead.split()) & PLURAL_ROLES) and not _party_list(cand, view):
        return ""  # "met minister Bruins en Jan de Vries": the role does not carry over
    return lead


def _party_list(cand: Candidate, view: TokenView) -> bool:
    """Is the name part of a list whose members carry a bracketed party?"""
    return bool(trail_of(cand, view)) or any(
        t.kind == CLOSE for t in view.tokens[max(0, cand.tokens[0].i - 3) : cand.tokens[0].i]
    )


def trail_of(cand: Candidate, view: TokenView) -> str:
    """A bracketed word right after the name, e.g. "(GL/PvdA)"."""
    toks = view.tokens
    j = cand.tokens[-1].i + 1
    if j < len(toks) and toks[j].kind == OPEN and toks[j].break_before == 0:
        k = j + 1
        while k < len(toks) and toks[k].kind != CLOSE and k - j < 6:
            k += 1
        if k < len(toks) and toks[k].kind == CLOSE:
            return view.text[toks[j].start : toks[k].end]
    return ""


def line_before(cand: Candidate, view: TokenView) -> str:
    """The previous non-empty line when the name opens its line (signatures)."""
    first = cand.titles[0] if cand.titles else cand.tokens[0]
    if first.i > 0 and view.tokens[first.i - 1].line == first.line:
        return ""
    n = first.line - 1
    while n >= 0:
        text = view.line_text(n).strip()
        if text:
            return text
        n -= 1
    return ""


__all__ = ["PersonRecognizer", "Candidate", "EVIDENCE", "MIN_SCORE", "WORD", "OTHER"]


def everyday_surname_pattern(name: str) -> re.Pattern | None:
    """"Pascal Thuis" redacted, then "vroeg Thuis" further on: a surname that is an everyday word
    is in no dossier form (it would redact the word everywhere), so the document's own other
    mentions are found here: capitalised, on word edges, where no sentence starts."""
    words = name.split()
    if len(words) < 2 or not words[-1][:1].isupper() or len(words[-1]) < 3 or not words[-1].isalpha():
        return None
    if not is_common_word(words[-1].lower(), lexicon()):
        return None  # a surname of its own is a dossier form already
    # after a letter (and maybe a comma) and one space: mid-sentence
    return re.compile(rf"(?:(?<=[^\W\d_] )|(?<=[^\W\d_][,;] )){re.escape(words[-1])}(?![\w-])")

