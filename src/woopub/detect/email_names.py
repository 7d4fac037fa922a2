"""A person's name right before their own e-mail address.

"Vragen kunnen naar Anders Buren (telefoon 06-..., a.buren@minbzk.nl)": both
words are also ordinary Dutch words ("anders", "buren"), so no name list or
shape makes them a name, yet the address spells them out. In colophons,
signatures and contact tables the name stands a few words or cells before its
address; when the words there spell the address's surname part (and the word
before them fits its given name or initial), they are the person.

Only the letters as the address gives them count: "b.vanderovertoom" is
"Biek van der Overtoom", never "Gemeente Utrecht" (an organisation word is
never taken as the given name).
"""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from woopub.detect.contact import functional_local_part
from woopub.detect.dossier import fold_accents

LANGUAGE = "nl"
SCORE = 0.85
EVIDENCE = "name-before-own-e-mail"
# how far before the address the name may end: a phone number and a label fit in between
MAX_GAP = 60
MAX_SURNAME_WORDS = 4

ADDRESS = re.compile(r"(?<![\w.+-])([\w.+-]+)@[\w-]+(?:\.[\w-]+)+")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# "J.P. " right before the surname: on its line, starting a word ("nl.\nJ.P." is not "lJP")
INITIALS_BEFORE = re.compile(r"(?<![^\s(\[,;:])((?:[^\W\d_]\.-?[ \t]?){1,4})[ \t]*$")


def _letters(text: str) -> str:
    """Lower-case letters only, accents folded as the dossier pass folds them: what an address can spell."""
    return "".join(c for c in fold_accents(text.lower()) if c.isalpha() and c.isascii())


class NameBeforeEmailRecognizer(LocalRecognizer):
    """PERSON: the words before an e-mail address that spell its surname part (and given name)."""

    def __init__(self):
        super().__init__(supported_entities=["PERSON"], supported_language=LANGUAGE, name="email-name", context=[])

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        from woopub.detect.lexicon import lexicon

        lex = lexicon()
        organisation_words = set(lex.cues["organisation"]["before"])
        results = []
        for m in ADDRESS.finditer(text):
            pieces = [p for p in re.split(r"[._+-]+", m.group(1).lower()) if p]
            if not pieces or not pieces[-1].isalpha() or len(pieces[-1]) < 2 or (len(pieces) == 1 and len(pieces[0]) < 4):
                continue
            if functional_local_part(m.group(1)):  # "postbus.veiligopgroeien": a mailbox, its words a programme
                continue
            span = self._name_before(text, m.start(), pieces, organisation_words, lex)
            if span is not None:
                results.append(_result(*span))
        return results

    def _name_before(self, text, at, pieces, organisation_words, lex) -> tuple[int, int] | None:
        """With a separator ("a.buren") the last piece is the surname; without one ("jliu",
        "jpdevries") the surname is the end the words spell, and the rest must be their given
        name or initials."""
        joined = len(pieces) == 1
        surname_key, given = pieces[-1], pieces[:-1]
        window_start = max(0, at - MAX_GAP - 80)
        window = text[window_start:at]
        cut = max(window.rfind("\n\n"), window.rfind("@"))  # not past a paragraph or another address
        words = [(window_start + w.start(), window_start + w.end(), w.group())
                 for w in WORD.finditer(window) if w.start() > cut]
        for j in range(len(words) - 1, -1, -1):
            if at - words[j][1] > MAX_GAP:
                break
            last = words[j][2]
            if not last[0].isupper():
                continue
            for i in range(j, max(-1, j - MAX_SURNAME_WORDS), -1):
                if i < j and not _only_space(text, words[i][1], words[i + 1][0]):
                    break
                spelled = _letters("".join(w[2] for w in words[i : j + 1]))
                if joined:
                    if len(spelled) >= len(surname_key):
                        break
                    if not (spelled and surname_key.endswith(spelled)):
                        continue
                    given = [surname_key[: -len(spelled)]]
                elif spelled != surname_key:
                    if len(spelled) >= len(surname_key):
                        break
                    continue
                start = self._given_start(text, words, i, given, organisation_words, lex)
                if start is None and (joined or not self._surname_alone(text, words, i, j, organisation_words, lex)):
                    if joined:
                        continue  # the start of the address is no given name here: maybe longer words are
                    return None
                return (start if start is not None else words[i][0]), words[j][1]
        return None

    @staticmethod
    def _surname_alone(text, words, i, j, organisation_words, lex) -> bool:
        """Without a fitting given name, the words alone are a surname unless they name a
        place or an organisation: "Gemeente Utrecht (g.utrecht@...)" is the municipality."""
        surname = " ".join(w[2] for w in words[i : j + 1]).lower()
        if surname in lex.places or any(w[2].lower() in organisation_words for w in words[i : j + 1]):
            return False
        before = words[i - 1][2].lower() if i > 0 and _only_space(text, words[i - 1][1], words[i][0]) else ""
        return before not in organisation_words

    @staticmethod
    def _given_start(text, words, i, given, organisation_words, lex) -> int | None:
        """Where the given name or initials before the surname start, if they fit the address."""
        initials = INITIALS_BEFORE.search(text[max(0, words[i][0] - 16) : words[i][0]])
        # "T.H." for "th.vanderkamer" or for "t.h.vanderkamer"
        if initials and _letters(initials.group(1)) in ("".join(given), "".join(p[0] for p in given)):
            return words[i][0] - len(initials.group(0)) + (len(initials.group(0)) - len(initials.group(0).lstrip()))
        if i == 0 or not _only_space(text, words[i - 1][1], words[i][0]):
            return None
        word = words[i - 1][2]
        if not word[0].isupper() or word.lower() in organisation_words or word.lower() in lex.public_words:
            return None
        first = given[0]
        fits = _letters(word) == first if len(first) > 1 else _letters(word)[:1] == first
        return words[i - 1][0] if fits else None


def _only_space(text: str, a: int, b: int) -> bool:
    """Words separated by white space alone, at most one line break: one name, maybe wrapped."""
    gap = text[a:b]
    return gap.strip() == "" and gap.count("\n") <= 1


def _result(start: int, end: int) -> RecognizerResult:
    return RecognizerResult(
        "PERSON",
        start,
        end,
        SCORE,
        AnalysisExplanation(recognizer="email-name", original_score=SCORE, textual_explanation=EVIDENCE),
        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: "email-name", "evidence": [EVIDENCE]},
    )
