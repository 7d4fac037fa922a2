"""Frog's named entities as a PERSON recogniser (Presidio): a PERSON for every run of PER tokens,
with ``recognition_metadata["evidence"] == ["frog:PER"]``. What goes to Frog and how its tags map
back to the text is ``frog_tagging``.
"""

from __future__ import annotations

import threading
import warnings

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from woopub.detect.frog import FrogTagger, FrogUnavailable, FrogUnavailableWarning, default_tagger
from woopub.detect.frog_tagging import WINDOW, NeedsFrog, _view, merge_entities, needs_frog, tag_view
from woopub.detect.lexicon import Lexicon, lexicon
from woopub.detect.persons import Candidate, lead_of, line_before, trail_of

# PERSON score from Frog's confidence in the entity (mean over its tokens):
# 0.8 when Frog is sure, 0.6 at even odds. Frog alone is right about four
# times in five on news text (ned.testa), so it never scores as a certainty.
SCORE_BASE = 0.4
SCORE_PER_CONFIDENCE = 0.4


class FrogPersonRecognizer(LocalRecognizer):
    """PERSON spans from Frog's NER, on the sentences ``needs`` selects (windows of ``window``).

    When Frog is not installed or stops working, it warns once
    (``FrogUnavailableWarning``) and finds nothing.
    """

    def __init__(
        self,
        tagger: FrogTagger | None = None,
        needs: NeedsFrog | None = needs_frog,
        window: int | None = WINDOW,
        lex: Lexicon | None = None,
    ):
        self._tagger = tagger
        self.needs = needs
        self.window = window
        self.lex = lex or lexicon()
        self._warned = False
        self._warn_lock = threading.Lock()
        super().__init__(supported_entities=["PERSON"], supported_language="nl", name="frog", context=[])

    def load(self) -> None:  # the Frog server starts on first use
        pass

    @property
    def tagger(self) -> FrogTagger:
        if self._tagger is None:
            self._tagger = default_tagger()
        return self._tagger

    def analyze(self, text, entities, nlp_artifacts=None):
        if entities and "PERSON" not in entities:
            return []
        view = _view(text, nlp_artifacts, self.lex)
        try:
            pairs = tag_view(view, self.tagger, self.needs, self.window)
        except FrogUnavailable as exc:
            self._warn(str(exc))
            return []
        results = []
        for ent in merge_entities(text, pairs):
            if ent.label != "PER":
                continue
            score = round(SCORE_BASE + SCORE_PER_CONFIDENCE * ent.confidence, 2)
            cand = Candidate(list(ent.tokens))
            results.append(
                RecognizerResult(
                    "PERSON",
                    ent.start,
                    ent.end,
                    score,
                    AnalysisExplanation(
                        recognizer=self.name,
                        original_score=score,
                        textual_explanation=f"Frog NER: PER (confidence {ent.confidence:.2f})",
                    ),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        "evidence": ["frog:PER"],
                        "frog_confidence": round(ent.confidence, 3),
                        "lead": lead_of(cand, view),
                        "line_before": line_before(cand, view),
                        "trail": trail_of(cand, view),
                    },
                )
            )
        return results

    def _warn(self, reason: str) -> None:
        with self._warn_lock:
            if self._warned:
                return
            self._warned = True
        warnings.warn(f"Frog person recogniser finds nothing: {reason}", FrogUnavailableWarning, stacklevel=2)
