"""Frog's reading of woopub's tokens: which pieces of a text go to Frog, and its tags back as
character offsets (per token, or merged into entities).

Frog is the slow stage (one to two thousand tokens a second per worker), so
it reads as little as will do:

* only sentences a cheap predicate selects (``needs_frog``): a sentence with
  no capitalised word past its first (public vocabulary such as "Ministerie"
  aside) and no unusual capitalised first word holds no name Frog would
  find. The predicate is a parameter, so the evidence combination can send
  only the sentences its cheaper stages left open;
* of those, only windows of ``WINDOW`` tokens either side of each trigger
  token (a capitalised word that could be a name; ``frog_triggers``),
  overlapping windows merged. Frog's NER looks a few words either way; on
  ned.testa windows of 3 find exactly the names whole sentences find
  (bench/frog.py) while sending about half the tokens.

Sentences are the spans between TokenView's sentence starts (sentence ends,
list items, blank lines); the tagger cuts longer ones into pieces of at most
``frog.MAX_SENTENCE_TOKENS`` tokens. A token in a sentence that was not sent
has no tag at all: "not asked" is not "O".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from woopub.detect.engine import dutch_tokenizer_pipeline
from woopub.detect.frog import FrogTagger, FrogToken, default_tagger
from woopub.detect.lexicon import Lexicon, lexicon
from woopub.detect.tokens import INITIALS, NAME, WORD, Token, TokenView

# Frog's classes as CoNLL-2002 names them: products and events are MISC there.
CONLL_CLASS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "PRO": "MISC", "EVE": "MISC", "O": "O"}

# Tokens either side of a trigger that go to Frog with it; None sends whole sentences.
WINDOW = 3

NeedsFrog = Callable[[Sequence[Token]], bool]
Triggers = Callable[[Sequence[Token]], list[int]]


def _capitalised(text: str) -> bool:
    first = next((c for c in text if c.isalpha()), "")
    return first.isupper()


def frog_triggers(sentence: Sequence[Token]) -> list[int]:
    """Positions of the words that could be (part of) a name Frog would find.

    A capitalised word past the first of its sentence; the first word, which
    is capitalised anyway, only when it is name-shaped and no ordinary Dutch
    word (TokenView's NAME) or initials. Public vocabulary (TokenView's WORD:
    "Ministerie", "Directie", months, greetings) never triggers: in the
    sample dossier that halves what goes to Frog, and on ned.testa it loses
    no name (bench/frog.py).
    """
    return [
        i
        for i, tok in enumerate(sentence)
        if _capitalised(tok.text) and tok.kind != WORD and (i > 0 or tok.kind in (NAME, INITIALS))
    ]


def needs_frog(sentence: Sequence[Token]) -> bool:
    """Could Frog find a name in this sentence? (It has a trigger word.)"""
    return bool(frog_triggers(sentence))


def windows(sentence: Sequence[Token], triggers: Triggers = frog_triggers, width: int | None = WINDOW) -> list[tuple[int, int]]:
    """The [start, end) token ranges of a selected sentence that go to Frog.

    Whole sentence when ``width`` is None or no trigger is found (a custom
    predicate may select a sentence for reasons of its own).
    """
    hits = triggers(sentence) if width is not None else []
    if not hits:
        return [(0, len(sentence))]
    ranges: list[tuple[int, int]] = []
    for i in hits:
        start, end = max(0, i - width), min(len(sentence), i + width + 1)
        if ranges and start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end))
        else:
            ranges.append((start, end))
    return ranges


def sentences_of(view: TokenView) -> list[list[Token]]:
    """Tokens grouped by sentence, list item or block (TokenView's sentence starts)."""
    out: list[list[Token]] = []
    for tok in view.tokens:
        if tok.sentence_start or not out:
            out.append([])
        out[-1].append(tok)
    return out


@dataclass(frozen=True, slots=True)
class FrogTag:
    """Frog's class for one token, at its character offsets."""

    start: int
    end: int
    text: str
    label: str  # PER, ORG, LOC, MISC or O (CoNLL classes)
    iob: str  # "B", "I" or "O"
    frog_class: str  # Frog's own: PER, ORG, LOC, PRO, EVE, MISC, O
    confidence: float | None  # Frog's confidence in the class; None for O


@dataclass(frozen=True, slots=True)
class FrogEntity:
    """A run of tokens Frog tagged as one named entity."""

    start: int
    end: int
    text: str
    label: str  # PER, ORG, LOC or MISC
    frog_class: str
    confidence: float  # mean over its tokens
    tokens: tuple[Token, ...]


def _view(text: str, nlp_artifacts, lex: Lexicon) -> TokenView:
    if nlp_artifacts is not None and getattr(nlp_artifacts, "tokens", None) is not None:
        return TokenView(text, nlp_artifacts.tokens, lex)
    return TokenView(text, dutch_tokenizer_pipeline()(text), lex)  # the engine's tokenizer: the same tokens either way


def pieces_to_tag(
    view: TokenView, needs: NeedsFrog | None = needs_frog, window: int | None = WINDOW, triggers: Triggers = frog_triggers
) -> list[list[Token]]:
    """The token runs that go to Frog: windows in the sentences ``needs`` selects (all when None)."""
    out = []
    for sentence in sentences_of(view):
        if needs is None or needs(sentence):
            out.extend(sentence[a:b] for a, b in windows(sentence, triggers, window))
    return out


def tag_view(
    view: TokenView,
    tagger: FrogTagger,
    needs: NeedsFrog | None = needs_frog,
    window: int | None = WINDOW,
    triggers: Triggers = frog_triggers,
) -> list[tuple[Token, FrogToken]]:
    """Frog's reading of every token it was sent (see ``pieces_to_tag``), in text order.

    Raises ``FrogUnavailable`` when Frog cannot run.
    """
    pieces = pieces_to_tag(view, needs, window, triggers)
    if not pieces:
        return []
    readings = tagger.tag([[t.text for t in p] for p in pieces])
    return [pair for p, r in zip(pieces, readings) for pair in zip(p, r) if pair[1].ner]


def _tag(tok: Token, reading: FrogToken) -> FrogTag:
    frog_class = reading.label
    iob = reading.ner[0] if "-" in reading.ner else "O"
    return FrogTag(tok.start, tok.end, tok.text, CONLL_CLASS.get(frog_class, "MISC"), iob, frog_class, reading.confidence)


def merge_entities(view_text: str, pairs: list[tuple[Token, FrogToken]]) -> list[FrogEntity]:
    """Merge B-/I- runs. An I- after a different class or O opens an entity (Frog emits those)."""
    out: list[FrogEntity] = []
    run: list[tuple[Token, FrogToken]] = []

    def close() -> None:
        if run:
            toks = tuple(t for t, _ in run)
            confs = [r.confidence or 0.0 for _, r in run]
            frog_class = run[0][1].label
            start, end = toks[0].start, toks[-1].end
            out.append(
                FrogEntity(start, end, view_text[start:end], CONLL_CLASS.get(frog_class, "MISC"), frog_class, sum(confs) / len(confs), toks)
            )
            run.clear()

    prev: Token | None = None
    for tok, reading in pairs:
        label = reading.label
        continues = (
            run
            and reading.ner.startswith("I-")
            and label == run[-1][1].label
            and prev is not None
            and tok.i == prev.i + 1
        )
        if not continues:
            close()
        if label != "O":
            run.append((tok, reading))
        prev = tok
    close()
    return out


def frog_token_tags(
    text: str,
    tagger: FrogTagger | None = None,
    needs: NeedsFrog | None = needs_frog,
    window: int | None = WINDOW,
    lex: Lexicon | None = None,
) -> list[FrogTag]:
    """Frog's class (PER/ORG/LOC/MISC/O) for every token it was sent, with offsets.

    ``needs=None, window=None`` sends the whole text. Raises ``FrogUnavailable``
    when Frog cannot run: an empty answer would read as "no names here".
    """
    view = _view(text, None, lex or lexicon())
    return [_tag(t, r) for t, r in tag_view(view, tagger or default_tagger(), needs, window)]


def frog_entities(
    text: str,
    tagger: FrogTagger | None = None,
    needs: NeedsFrog | None = needs_frog,
    window: int | None = WINDOW,
    lex: Lexicon | None = None,
) -> list[FrogEntity]:
    """Frog's named entities in ``text`` as character spans. Raises ``FrogUnavailable``."""
    view = _view(text, None, lex or lexicon())
    return merge_entities(text, tag_view(view, tagger or default_tagger(), needs, window))
