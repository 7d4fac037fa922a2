"""Measure detection and decision against an annotated corpus.

A corpus is a folder of plain-text documents, each ``<name>.txt`` with its
gold annotations in ``<name>.json`` (format: samples/corpus/docs/README.md):
spans with start, end, entity and label ``redact`` or ``keep``.

Each document is detected and decided as the pipeline does it for a dossier
of one document: detect, decide, collect the persons decided to be redacted,
detect again with those known persons (surname alone, first name, initials
short-hand, e-mail local part) and decide again, then add the other mentions
of every name the document redacts, as the publish pass does before it
redacts. ``dossier_pass=False``
measures the single pass that ``woopub scan-text`` runs.

The figures, per entity type:

  recall          share of gold ``redact`` spans that are found: every
                  non-space character covered by predicted spans decided
                  ``redact`` (of any entity type). Partly covered is a miss.
  precision       share of predicted ``redact`` spans that overlap a gold
                  ``redact`` span (counted under the predicted entity type).
  keep precision  share of gold ``keep`` spans of which no non-space
                  character is redacted.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from woopub.errors import EXIT_USAGE, WoopubError
from woopub.model import REDACT

CONTEXT_CHARS = 40
LABELS = ("redact", "keep")


class CorpusError(WoopubError):
    """The corpus folder or one of its annotation files is unusable."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True, slots=True)
class GoldSpan:
    start: int
    end: int
    entity: str
    label: str  # redact | keep
    text: str
    kind: str = ""  # keep spans: official, org, place, title, word, mailbox, switchboard, ...
    form: str = ""  # person spans: full, initials, outlook, surname, shorthand, ...
    origin: str = ""  # person spans: where the invented name comes from


@dataclass(slots=True)
class CorpusDocument:
    name: str
    text: str
    spans: list[GoldSpan]
    genre: str = ""


@dataclass(frozen=True, slots=True)
class Predicted:
    start: int
    end: int
    entity: str
    text: str
    action: str
    rule: str


@dataclass(slots=True)
class Counts:
    gold: int = 0  # gold redact spans
    found: int = 0
    predicted: int = 0  # predicted redact spans
    correct: int = 0  # ... that overlap a gold redact span
    keep: int = 0  # gold keep spans
    kept: int = 0  # ... with no character redacted

    def add(self, other: "Counts") -> None:
        for k in ("gold", "found", "predicted", "correct", "keep", "kept"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def keep_precision(self) -> float | None:
        return self.kept / self.keep if self.keep else None

    def to_dict(self) -> dict:
        d = asdict(self)
        d.update(recall=_round(self.recall), precision=_round(self.precision),
                 keep_precision=_round(self.keep_precision))
        return d


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold redact span that was not (wholly) redacted."""

    document: str
    entity: str
    text: str
    start: int
    end: int
    context: str
    why: str  # "not detected", "partly covered", or "kept (rule)"
    form: str = ""
    origin: str = ""


@dataclass(frozen=True, slots=True)
class FalseRedaction:
    """A predicted redact span that overlaps no gold redact span."""

    document: str
    entity: str
    text: str
    start: int
    end: int
    context: str
    rule: str
    keep_kind: str = ""  # the kind of gold keep span it hits, if any


@dataclass
class Report:
    corpus: str
    documents: int = 0
    characters: int = 0
    seconds: float = 0.0
    dossier_pass: bool = True
    per_entity: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_form: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_origin: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_kind: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_genre: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    misses: list[Miss] = field(default_factory=list)
    false_redactions: list[FalseRedaction] = field(default_factory=list)

    @property
    def total(self) -> Counts:
        t = Counts()
        for c in self.per_entity.values():
            t.add(c)
        return t

    def to_dict(self) -> dict:
        return {
            "corpus": self.corpus,
            "documents": self.documents,
            "characters": self.characters,
            "seconds": round(self.seconds, 2),
            "chars_per_second": round(self.characters / self.seconds) if self.seconds else None,
            "dossier_pass": self.dossier_pass,
            "entities": {e: c.to_dict() for e, c in sorted(self.per_entity.items())},
            "total": self.total.to_dict(),
            "person_by_form": {k: c.to_dict() for k, c in sorted(self.by_form.items())},
            "person_by_origin": {k: c.to_dict() for k, c in sorted(self.by_origin.items())},
            "keep_by_kind": {k: c.to_dict() for k, c in sorted(self.by_kind.items())},
            "by_genre": {k: c.to_dict() for k, c in sorted(self.by_genre.items())},
            "misses": [asdict(m) for m in self.misses],
            "false_redactions": [asdict(f) for f in self.false_redactions],
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


# -- the corpus ----------------------------------------------------------------


def load_corpus(folder: Path) -> list[CorpusDocument]:
    """Every ``*.json`` annotation file in ``folder`` with the text it names."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder")
    docs = []
    for path in sorted(folder.glob("*.json")):
        try:
            ann = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CorpusError(f"{path}: not readable JSON ({exc})") from exc
        if not isinstance(ann, dict) or not isinstance(ann.get("spans"), list):
            raise CorpusError(f"{path}: expected an object with a 'spans' list")
        text_path = folder / ann.get("document", path.with_suffix(".txt").name)
        try:
            text = text_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CorpusError(f"{path}: its document {text_path.name} cannot be read ({exc})") from exc
        spans = []
        for n, s in enumerate(ann["spans"], start=1):
            try:
                span = GoldSpan(int(s["start"]), int(s["end"]), str(s["entity"]), str(s["label"]),
                                text[int(s["start"]) : int(s["end"])], s.get("kind", ""), s.get("form", ""),
                                s.get("origin", ""))
            except (KeyError, TypeError, ValueError) as exc:
                raise CorpusError(f"{path}: span {n} lacks start, end, entity or label") from exc
            if span.label not in LABELS:
                raise CorpusError(f"{path}: span {n} has label {span.label!r}, expected redact or keep")
            if not 0 <= span.start < span.end <= len(text):
                raise CorpusError(f"{path}: span {n} ({span.start}..{span.end}) lies outside the text")
            if "text" in s and s["text"] != span.text:
                raise CorpusError(f"{path}: span {n} says {s['text']!r} but the text there is {span.text!r}")
            spans.append(span)
        docs.append(CorpusDocument(text_path.name, text, spans, str(ann.get("genre", ""))))
    if not docs:
        raise CorpusError(f"{folder}: no annotation files (*.json)")
    return docs


# -- detection + decision --------------------------------------------------------


def predict(text: str, detector, rules, dossier_pass: bool = True) -> list[Predicted]:
    """Detect and decide on one text, as the pipeline does for a one-document dossier."""
    from woopub.decide.analysis import first_reading, read_dossier

    if dossier_pass:
        findings, decisions = read_dossier({"-": text}, detector, rules)["-"]
    else:
        findings, decisions = first_reading(text, detector, rules)
    return [Predicted(f.start, f.end, f.entity, f.text, d.action, d.rule) for f, d in zip(findings, decisions)]


# -- scoring ----------------------------------------------------------------------


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def _nonspace(text: str, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if not text[i].isspace()]


def score_document(doc: CorpusDocument, predictions: list[Predicted], report: Report) -> None:
    """Add one document's figures, misses and false redactions to ``report``."""
    text = doc.text
    redacted = [False] * len(text)
    for p in predictions:
        if p.action == REDACT:
            for i in range(max(p.start, 0), min(p.end, len(text))):
                redacted[i] = True
    gold_redact = [g for g in doc.spans if g.label == "redact"]
    genre = report.by_genre[doc.genre or "-"]
    for g in doc.spans:
        chars = _nonspace(text, g.start, g.end)
        c = Counts()
        if g.label == "redact":
            c.gold = 1
            covered = sum(redacted[i] for i in chars)
            c.found = int(covered == len(chars))
            if not c.found:
                report.misses.append(Miss(doc.name, g.entity, g.text, g.start, g.end, _context(text, g.start, g.end),
                                          _why(g, covered, predictions), g.form, g.origin))
        else:
            c.keep = 1
            c.kept = int(not any(redacted[i] for i in chars))
        report.per_entity[g.entity].add(c)
        genre.add(c)
        if g.entity == "PERSON" and g.label == "redact":
            report.by_form[g.form.split("+")[0] or "-"].add(c)
            report.by_origin[g.origin or "-"].add(c)
            if "+" in g.form:  # e.g. "initials+line-split": counted under both
                for extra in g.form.split("+")[1:]:
                    report.by_form[extra].add(c)
        if g.label == "keep":
            report.by_kind[g.kind or "-"].add(c)
    for p in predictions:
        if p.action != REDACT:
            continue
        c = Counts(predicted=1)
        c.correct = int(any(g.start < p.end and p.start < g.end for g in gold_redact))
        report.per_entity[p.entity].add(c)
        genre.add(c)
        if not c.correct:
            hit = next((g for g in doc.spans if g.label == "keep" and g.start < p.end and p.start < g.end), None)
            report.false_redactions.append(FalseRedaction(doc.name, p.entity, p.text, p.start, p.end,
                                                          _context(text, p.start, p.end), p.rule,
                                                          hit.kind if hit else ""))


def _why(g: GoldSpan, covered: int, predictions: list[Predicted]) -> str:
    if covered:
        return "partly covered"
    kept = [p for p in predictions if p.start < g.end and g.start < p.end]
    if kept:
        return f"kept ({kept[0].rule})"
    return "not detected"


def evaluate(folder: Path, rules, detector=None, dossier_pass: bool = True) -> Report:
    """Run detection and decision over every document of the corpus in ``folder`` and score it."""
    docs = load_corpus(folder)
    if detector is None:
        from woopub.detect import Detector

        detector = Detector()
    report = Report(str(folder), dossier_pass=dossier_pass)
    t0 = time.perf_counter()
    predictions = [predict(d.text, detector, rules, dossier_pass) for d in docs]
    report.seconds = time.perf_counter() - t0
    for doc, preds in zip(docs, predictions):
        score_document(doc, preds, report)
    report.documents = len(docs)
    report.characters = sum(len(d.text) for d in docs)
    return report


# -- printing -------------------------------------------------------------------------


def _fmt(x: float | None) -> str:
    return "    -" if x is None else f"{x:5.3f}"


def _table(rows: dict[str, Counts], title: str, with_precision: bool = True) -> list[str]:
    head = f"{title:<16} {'gold':>5} {'found':>5} {'recall':>6}"
    if with_precision:
        head += f" {'pred':>5} {'right':>5} {'prec':>6}"
    head += f" {'keep':>5} {'kept':>5} {'keep-p':>6}"
    out = [head]
    for name, c in rows.items():
        line = f"{name:<16} {c.gold:>5} {c.found:>5} {_fmt(c.recall):>6}"
        if with_precision:
            line += f" {c.predicted:>5} {c.correct:>5} {_fmt(c.precision):>6}"
        line += f" {c.keep:>5} {c.kept:>5} {_fmt(c.keep_precision):>6}"
        out.append(line)
    return out


def format_report(report: Report, max_items: int | None = None) -> str:
    """The report as text: tables, then misses and false redactions (``max_items`` each, None for all)."""
    out = [
        f"corpus {report.corpus}: {report.documents} documents, {report.characters} characters, "
        f"{report.seconds:.1f} s ({report.characters / report.seconds if report.seconds else 0:,.0f} chars/s), "
        f"dossier pass {'on' if report.dossier_pass else 'off'}",
        "",
    ]
    rows = dict(sorted(report.per_entity.items()))
    rows["total"] = report.total
    out += _table(rows, "entity")
    out += ["", "PERSON recall by form"]
    out += _table(dict(sorted(report.by_form.items(), key=lambda kv: -kv[1].gold)), "form", with_precision=False)
    out += ["", "PERSON recall by origin"]
    out += _table(dict(sorted(report.by_origin.items(), key=lambda kv: -kv[1].gold)), "origin", with_precision=False)
    out += ["", "keep precision by kind"]
    out += _table(dict(sorted(report.by_kind.items(), key=lambda kv: -kv[1].keep)), "kind", with_precision=False)
    out += ["", "by genre"]
    out += _table(dict(sorted(report.by_genre.items())), "genre")
    for title, items, show in (
        ("misses", report.misses,
         lambda m: f"  {m.document}  {m.entity}  {m.text!r}  {m.why}"
                   + (f"  [{m.form}, {m.origin}]" if m.form else "") + f"\n      {m.context}"),
        ("false redactions", report.false_redactions,
         lambda f: f"  {f.document}  {f.entity}  {f.text!r}  rule {f.rule}"
                   + (f"  [keep: {f.keep_kind}]" if f.keep_kind else "") + f"\n      {f.context}"),
    ):
        out += ["", f"{title} ({len(items)})"]
        shown = items if max_items is None else items[:max_items]
        out += [show(x) for x in shown]
        if len(shown) < len(items):
            out.append(f"  ... and {len(items) - len(shown)} more (--all to list them)")
    return "\n".join(out)
