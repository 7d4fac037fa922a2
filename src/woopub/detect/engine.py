"""Presidio's AnalyzerEngine on a Dutch spaCy pipeline that needs no model.

No trained Dutch spaCy pipeline is installable here, and nothing may be
downloaded at run time, so the engine runs ``spacy.blank("nl")``: Dutch
tokenisation rules, no statistical components. Person names come from our
own recognisers instead of spaCy NER.
"""

from __future__ import annotations

import logging

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from spacy.util import compile_infix_regex

LANGUAGE = "nl"

# Presidio warns for every recogniser of a language it is not asked for.
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)


def dutch_tokenizer_pipeline() -> spacy.language.Language:
    nlp = spacy.blank(LANGUAGE)
    # split "Boomsma/Van" and "GL/PvdA" at the slash, as in motions "motie A/B"
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[\w)])/(?=[\w(])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


class BlankDutchNlpEngine(SpacyNlpEngine):
    """A SpacyNlpEngine whose pipeline is built, not loaded from a model package."""

    def __init__(self):
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": "blank:nl"}])

    def load(self) -> None:
        self.nlp = {LANGUAGE: dutch_tokenizer_pipeline()}


def build_analyzer(recognisers: list) -> AnalyzerEngine:
    nlp_engine = BlankDutchNlpEngine()
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recogniser in recognisers:
        registry.add_recognizer(recogniser)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE])
