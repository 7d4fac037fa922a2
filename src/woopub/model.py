"""Plain data passed between the pipeline stages.

extract  -> DocumentText (text + the word boxes it came from)
detect   -> Finding      (a span of that text, with entity and evidence)
decide   -> Decision     (keep or redact, under which ground and rule)
          = Proposal     (a decided finding placed on a page: boxes + decision)
redact   -> applies a list of decided Proposals to a PDF
publish  -> PublicationLog rows (never the redacted text)

Coordinates are PDF points in PyMuPDF's page space (origin top-left).
Page numbers in everything a human reads are 1-based.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, fields
from typing import Literal

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

REDACT = "redact"
KEEP = "keep"
Action = Literal["redact", "keep"]


@dataclass(frozen=True, slots=True)
class Word:
    """One word as it stands on the page."""

    page: int  # 0-based page index
    box: Box
    text: str
    line: int  # line id, unique within the page (lines are split at wide gaps)
    block: int  # block id, unique within the page (a column part of a text block)


@dataclass(slots=True)
class DocumentText:
    """A document's text in reading order, with a map from characters to words.

    ``spans[i]`` is the (start, end) range that ``words[i]`` contributes to
    ``text``. A word hyphenated over a line end contributes its part without
    the hyphen, so "Ver-" + "meulen" reads "Vermeulen" to the detectors.
    """

    text: str
    words: list[Word]
    spans: list[tuple[int, int]]
    page_starts: list[int] = field(default_factory=list)  # offset where each page begins
    _starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._starts = [s for s, _ in self.spans]

    def word_indices(self, start: int, end: int) -> list[int]:
        """Indices of the words whose characters overlap text[start:end]."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        found = []
        while i < len(self.spans) and self.spans[i][0] < end:
            s, e = self.spans[i]
            if e > start and s < end:
                found.append(i)
            i += 1
        return found

    def page_of(self, offset: int) -> int:
        """0-based page index of a character offset."""
        return max(bisect.bisect_right(self.page_starts, offset) - 1, 0)


@dataclass(frozen=True, slots=True)
class Finding:
    """A span of text that a recogniser thinks is personal data."""

    start: int
    end: int
    entity: str  # PERSON, EMAIL, PHONE, BSN, IBAN, ...
    text: str
    score: float
    recogniser: str
    evidence: tuple[str, ...] = ()  # why: "title:drs.", "cue:signature", "phonenumbers:mobile"
    lead: str = ""  # the words before the span (past a list of co-ordinated names)
    line_before: str = ""  # the previous line, when the span opens its line
    trail: str = ""  # a bracketed word right after the span, e.g. "(SP)"

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"empty or inverted span {self.start}..{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"text {self.text!r} does not fit span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    ground: str | None  # Woo ground code as printed in the box, e.g. "5.1.2e"; None when kept
    rule: str  # id of the rule that decided
    reason: str  # one sentence a reviewer can read


@dataclass(frozen=True, slots=True)
class Proposal:
    """A decided finding placed on one page: what a reviewer accepts or rejects.

    ``text`` holds the original value and is therefore internal: it is never
    written into the published folder.
    """

    id: str
    document: str  # path relative to the dossier root
    page: int  # 1-based
    boxes: tuple[Box, ...]  # one per line the span covers
    text: str
    entity: str
    action: Action
    ground: str | None
    rule: str
    score: float
    reason: str
    recogniser: str
    evidence: tuple[str, ...] = ()
    context: str = ""  # the text around the value, for the reviewer (internal)

    def to_dict(self) -> dict:
        d = plain(self)
        d["boxes"] = [list(b) for b in self.boxes]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Proposal":
        return cls(**{**d, "boxes": tuple(tuple(b) for b in d["boxes"]), "evidence": tuple(d.get("evidence", ()))})


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One redaction box as the publication log shows it: no text, ever."""

    document: str
    page: int
    box: Box
    ground: str
    entity: str
    rule: str


@dataclass(slots=True)
class DocumentOutcome:
    """What happened to one input document."""

    document: str
    status: Literal["published", "failed", "skipped"]
    pages: int = 0
    redactions: int = 0
    kept: int = 0
    per_ground: dict[str, int] = field(default_factory=dict)
    sha256: str | None = None
    reason: str | None = None  # why it failed, one line
    warnings: list[str] = field(default_factory=list)


def plain(record) -> dict:
    """A flat record (the dataclasses above) as a dict of its fields, for JSON.

    ``dataclasses.asdict`` deep-copies every value and took most of a
    batch's main-process time; these records hold only strings, numbers,
    tuples and flat lists or dicts of them, so a shallow copy is the same.
    """
    names = _FIELD_NAMES.get(type(record))
    if names is None:
        names = _FIELD_NAMES[type(record)] = tuple(f.name for f in fields(record))
    d = {name: getattr(record, name) for name in names}
    for name, value in d.items():
        if isinstance(value, (list, dict)):
            d[name] = value.copy()
    return d


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


@dataclass(frozen=True)
class Problem:
    """What verification found wrong with a published document (never the value itself)."""

    document: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.document}: {self.kind}: {self.detail}"
