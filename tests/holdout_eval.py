"""Scoring the pipeline on the holdout dossier (tests/holdout/): shared by
tests/test_holdout.py and bench/holdout_report.py.

A value counts as leaked or lost by the rules of conftest ``still_there``:
case-sensitive on word edges, numbers (8 digits or more) by their digits.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from conftest import pdf_text, still_there

HOLDOUT = Path(__file__).resolve().parent / "holdout"
KNOWN_FAILURES = HOLDOUT / "known_failures.yaml"
KINDS = ("person", "email", "phone", "other")
DOCUMENT_CHECKS = ("published", "verify")  # known failures about a whole document, not one value


def documents() -> list[str]:
    """File names of the holdout PDFs, sorted."""
    return sorted(p.name for p in HOLDOUT.glob("*.pdf"))


def truth(document: str) -> dict:
    data = yaml.safe_load((HOLDOUT / document).with_suffix(".truth.yaml").read_text("utf-8"))
    data["redact"] = {k: list(data["redact"].get(k) or []) for k in KINDS}
    data["keep"] = list(data.get("keep") or [])
    return data


@dataclass(frozen=True)
class Failure:
    document: str
    check: str  # redact | keep | published | verify
    value: str = ""  # empty for a whole-document check

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.document, self.check, self.value)


@dataclass
class DocumentScore:
    document: str
    published: bool
    reason: str | None = None
    leaked: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    redact_total: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    lost: list[str] = field(default_factory=list)
    keep_total: int = 0

    def failures(self) -> list[Failure]:
        if not self.published:
            return [Failure(self.document, "published")]
        out = [Failure(self.document, "redact", v) for vs in self.leaked.values() for v in vs]
        return out + [Failure(self.document, "keep", v) for v in self.lost]


def score(out_dir: Path, document: str, published: bool = True, reason: str | None = None) -> DocumentScore:
    """Which redact values can still be read, and which keep values are gone, in one published PDF."""
    t = truth(document)
    s = DocumentScore(document, published, reason, keep_total=len(t["keep"]))
    for kind in KINDS:
        s.redact_total[kind] = len(t["redact"][kind])
    if not published:
        return s
    text = pdf_text(Path(out_dir) / document)
    for kind in KINDS:
        s.leaked[kind] = [v for v in t["redact"][kind] if still_there(v, text)]
    s.lost = [v for v in t["keep"] if not still_there(v, text)]
    return s


def copy_inputs(target: Path) -> dict[str, str]:
    """Copy the holdout PDFs into ``target``; return their SHA-256 by name."""
    target.mkdir(parents=True, exist_ok=True)
    for name in documents():
        shutil.copyfile(HOLDOUT / name, target / name)
    return {name: sha256(target / name) for name in documents()}


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def known_failures() -> dict[tuple[str, str, str], dict]:
    """known_failures.yaml as {(document, check, value): entry}."""
    if not KNOWN_FAILURES.is_file():
        return {}
    entries = yaml.safe_load(KNOWN_FAILURES.read_text("utf-8")) or []
    known = {}
    for e in entries:
        check = e["check"]
        if check not in ("redact", "keep", *DOCUMENT_CHECKS):
            raise ValueError(f"known_failures.yaml: unknown check {check!r} in {e}")
        if not e.get("reason"):
            raise ValueError(f"known_failures.yaml: entry without a reason: {e}")
        key = (e["document"], check, str(e.get("value", "")) if check not in DOCUMENT_CHECKS else "")
        if key in known:
            raise ValueError(f"known_failures.yaml: listed twice: {key}")
        known[key] = e
    return known
