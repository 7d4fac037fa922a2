"""Presidio's AnalyzerEngine on a Dutch spaCy pipeline that needs no model.

No trained Dutch spaCy pipeline is installable here, and nothing may be
downloaded at run time, so the engine runs ``spacy.blank("nl")``: Dutch
tokenisation rules, no statistical components. Person names come from our
own recognisers instead of spaCy NER.
"""

from __future__ import annotations

import logging
import threading
from bisect import bisect_right

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from spacy.util import compile_infix_regex

LANGUAGE = "nl"

# Presidio warns for every recogniser of a language it is not asked for.
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)


_built = threading.local()  # one pipeline per thread: spaCy does not promise a tokenizer is thread-safe


def dutch_tokenizer_pipeline() -> spacy.language.Language:
    """The tokenizer pipeline: shipped rules only, built once per thread (building takes 0.8 s)."""
    if not hasattr(_built, "nlp"):
        nlp = spacy.blank(LANGUAGE)
        # split "Boomsma/Van" and "GL/PvdA" at the slash, as in motions "motie A/B"; not "v/d" (van de)
        infixes = list(nlp.Defaults.infixes) + [r"(?<=[\w)])(?<!\bv)/(?=[\w(])"]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        _built.nlp = nlp
    return _built.nlp


class BlankDutchNlpEngine(SpacyNlpEngine):
    """A SpacyNlpEngine whose pipeline is built, not loaded from a model package."""

    def __init__(self):
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:nl"}])

    def load(self) -> None:
        self.nlp = {LANGUAGE: dutch_tokenizer_pipeline()}


class IndexedContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's context enhancer, finding a match's token by bisection.

    Presidio walks the whole document's tokens for every result, building a
    spaCy Token object each step: on a ten-page document that was most of
    the detection time. Token ends are ascending, so the first token ending
    after the match's start is the same token, found in log time.
    """

    def __init__(self):
        super().__init__()
        self._tokens = None
        self._ends: list[int] = []

    def _find_index_of_match_token(self, word: str, start: int, tokens, tokens_indices: list[int]) -> int:
        if self._tokens is not tokens:
            self._tokens, self._ends = tokens, [i + len(t) for i, t in zip(tokens_indices, tokens)]
        i = bisect_right(self._ends, start)
        if i == len(self._ends):
            raise ValueError(f"Did not find word {word!r} in the list of tokens although it is expected to be found")
        return i


def build_analyzer(recognisers: list) -> AnalyzerEngine:
    nlp_engine = BlankDutchNlpEngine()
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recogniser in recognisers:
        registry.add_recognizer(recogniser)
    return AnalyzerEngine(
        registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE],
        context_aware_enhancer=IndexedContextEnhancer(),
    )
