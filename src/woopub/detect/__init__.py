"""Stage 2, detect: text in, findings (spans with entity, score, evidence) out.

Recognisers are registered by short name in RECOGNISERS; the Detector runs
them through Presidio's AnalyzerEngine and settles overlaps in one place.
Adding a recogniser is one entry here; it never touches the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from woopub.detect.contact import (
    BsnRecognizer,
    DutchIbanRecognizer,
    DutchPhoneRecognizer,
    EmailFragmentRecognizer,
    OfflineEmailRecognizer,
)
from woopub.detect.config import detection_config
from woopub.detect.dossier import PersonIndex
from woopub.detect.email_names import NameBeforeEmailRecognizer
from woopub.detect.engine import LANGUAGE, build_analyzer
from woopub.detect.lexicon import lexicon
from woopub.detect.overlap import resolve_overlaps
from woopub.detect.persons import GLUED_NAME, PersonRecognizer
from woopub.detect.tokens import preload_frequencies
from woopub.detect.private import (
    AccountNameRecognizer,
    DateOfBirthRecognizer,
    HomeAddressRecognizer,
    LicencePlateRecognizer,
)
from woopub.model import Finding

RECOGNISERS: dict[str, Callable[[], object]] = {
    "email": OfflineEmailRecognizer,
    "email-fragment": EmailFragmentRecognizer,  # OCR: an address cut off or misread
    "phone": DutchPhoneRecognizer,
    "bsn": BsnRecognizer,
    "iban": DutchIbanRecognizer,
    "persons": PersonRecognizer,
    "email-name": NameBeforeEmailRecognizer,  # "Anders Buren (a.buren@...)": words the address spells
    "birthdate": DateOfBirthRecognizer,
    "licence-plate": LicencePlateRecognizer,
    "home-address": HomeAddressRecognizer,
    "account-name": AccountNameRecognizer,  # C:\Users\<login>\... in a printed path
}
DEFAULT_RECOGNISERS = detection_config().recognisers  # data/detection.yaml: which run, in which order
MIN_SCORE = detection_config().min_score  # Presidio's floor; each recogniser applies its own minimum first


def read_shipped_data() -> None:
    """Read the lists and tokenizer rules every Detector uses into their process-wide caches now
    (about 2 s), e.g. before a process pool forks its workers."""
    Detector()
    lexicon().dictionary_words


class Detector:
    """Runs the registered recognisers over a text. Build once, use for many texts."""

    def __init__(self, names: Iterable[str] = DEFAULT_RECOGNISERS):
        unknown = set(names) - set(RECOGNISERS)
        if unknown:
            raise ValueError(f"unknown recogniser(s): {', '.join(sorted(unknown))}")
        self.names = tuple(names)
        self.analyzer = build_analyzer([RECOGNISERS[n]() for n in self.names])
        preload_frequencies()

    def _persons(self):
        return next((r for r in self.analyzer.registry.recognizers if isinstance(r, PersonRecognizer)), None)

    def start_helpers(self) -> None:
        """Start the Frog tagger now, in this process: forked children then share it
        instead of each loading Frog's models. Failure is recorded, not raised."""
        from woopub.detect.frog import FrogUnavailable

        persons = self._persons()
        if persons is not None and persons.use_frog:
            try:
                persons.tagger.start()
            except FrogUnavailable as exc:
                persons.frog_problem = str(exc)

    def share_frog_cache(self, path) -> None:
        """Keep Frog's readings in ``path`` too, shared by the processes of one run."""
        persons = self._persons()
        if persons is not None and persons.use_frog:
            persons.tagger.use_shared_cache(path)

    @property
    def problems(self) -> list[str]:
        """What keeps detection from working at full strength (e.g. Frog missing)."""
        persons = self._persons()
        if persons is not None and persons.frog_problem:
            return [f"person detection runs without the Frog tagger: {persons.frog_problem}"]
        return []

    def find(self, text: str, known: PersonIndex | None = None) -> list[Finding]:
        """All findings in ``text``; ``known`` adds the dossier's known persons."""
        if not text.strip():
            return []
        ad_hoc = [known.recogniser()] if known is not None and len(known) else None
        results = self.analyzer.analyze(
            text, language=LANGUAGE, ad_hoc_recognizers=ad_hoc, score_threshold=MIN_SCORE
        )
        findings = [_to_finding(r, text) for r in results]
        return resolve_overlaps(findings, text)


def words_before(text: str, start: int, width: int = 4) -> str:
    """Up to ``width`` words before ``start`` on its line, lower case ("telefoon (algemeen):")."""
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:start]
    if not line.strip() and line_start > 1:  # the value opens its line: the label is the line above
        line = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
    words = line.split()
    glued = GLUED_NAME.match(words[-1]) if words else None
    if glued:
        words[-1] = glued.group(1)  # "motie-Van Nispen": the name starts inside the word before it
    return " ".join(w.lower() for w in words[-width:])


def _to_finding(result, text: str) -> Finding:
    meta = result.recognition_metadata or {}
    evidence = tuple(meta.get("evidence") or ())
    if not evidence and result.analysis_explanation is not None:
        exp = result.analysis_explanation
        evidence = tuple(x for x in (exp.pattern_name, exp.textual_explanation) if x)
    return Finding(
        start=result.start,
        end=result.end,
        entity=result.entity_type,
        text=text[result.start : result.end],
        score=round(float(result.score), 2),
        recogniser=meta.get("recognizer_name", "?"),
        evidence=evidence,
        lead=meta.get("lead") or words_before(text, result.start),
        line_before=meta.get("line_before", ""),
        trail=meta.get("trail", ""),
    )


__all__ = ["Detector", "PersonIndex", "RECOGNISERS", "DEFAULT_RECOGNISERS", "words_before"]
