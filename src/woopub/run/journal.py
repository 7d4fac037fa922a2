"""The resume journal: what an earlier run over the same output already did.

One JSON line per document scanned (pass 1) and per document published
(pass 2), appended as each one is done, in the internal record
(``voortgang.jsonl``: it holds original values, so it is never published).
An interrupted batch loses at most the documents in flight; a truncated
last line is ignored.

A scan is reused when the input's SHA-256, the rule-set hash and the woopub
version are unchanged. A publication is kept when, besides, the hash of the
dossier's person index is unchanged (a new document can add a person whose
name must now be redacted everywhere) and the published file is still there
with the SHA-256 recorded.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from woopub import __version__
from woopub.model import Decision, DocumentOutcome, Finding, LogEntry, Proposal, plain
from woopub.run.pipeline import DocumentScan, InputDocument

JOURNAL_FILE = "voortgang.jsonl"


def _finding(d: dict) -> Finding:
    return Finding(**{**d, "evidence": tuple(d.get("evidence", ()))})


class Journal:
    def __init__(self, internal_dir: Path, rules_digest: str):
        self.path = Path(internal_dir) / JOURNAL_FILE
        self.key = {"rules": rules_digest, "version": __version__}
        self.scans: dict[str, dict] = {}
        self.published: dict[str, dict] = {}
        self._fh = None

    # -- reading --------------------------------------------------------------

    def load(self) -> None:
        """Read the entries of earlier runs made with the same rules and woopub version."""
        if not self.path.is_file():
            return
        with open(self.path, encoding="utf-8") as fh:
            for line in fh:
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue  # the line being written when the run was stopped
                if entry.get("rules") != self.key["rules"] or entry.get("version") != self.key["version"]:
                    continue
                target = self.scans if entry.get("kind") == "scan" else self.published
                target[entry["document"]] = entry

    def scan_for(self, document: InputDocument, sha256: str | None) -> DocumentScan | None:
        entry = self.scans.pop(document.name, None)  # used once: memory is given back as the run goes
        if entry is None or sha256 is None or entry["sha256"] != sha256:
            return None
        return DocumentScan(
            document,
            pages=entry["pages"],
            findings=[_finding(f) for f in entry["findings"]],
            decisions=[Decision(**d) for d in entry["decisions"]],
            sha256=sha256,
            text_length=entry["text_length"],
        )

    def publication_for(self, name: str, sha256: str | None, persons: str, out_dir: Path):
        """(outcome, proposals, entries) of an earlier publication still valid, else None."""
        from woopub.files import sha256_file

        entry = self.published.pop(name, None)
        if entry is None or sha256 is None or entry["sha256"] != sha256 or entry["persons"] != persons:
            return None
        outcome = DocumentOutcome(**entry["outcome"])
        target = Path(out_dir) / outcome.document  # its public name (``decide.filenames``)
        if not target.is_file() or sha256_file(target) != outcome.sha256:
            return None  # removed or changed since: publish again
        proposals = [Proposal.from_dict(p) for p in entry["proposals"]]
        entries = [LogEntry(**{**e, "box": tuple(e["box"])}) for e in entry["entries"]]
        return outcome, proposals, entries

    # -- writing --------------------------------------------------------------

    def _write(self, entry: dict) -> None:
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            self._fh = os.fdopen(fd, "a", encoding="utf-8")
        self._fh.write(json.dumps({**entry, **self.key}, ensure_ascii=False) + "\n")
        self._fh.flush()  # a stopped run keeps every line written so far

    def add_scan(self, scan: DocumentScan) -> None:
        if scan.error or scan.sha256 is None:
            return
        entry = {
            "kind": "scan",
            "document": scan.document.name,
            "sha256": scan.sha256,
            "pages": scan.pages,
            "text_length": scan.text_length,
            "findings": [plain(f) for f in scan.findings],
            "decisions": [plain(d) for d in scan.decisions],
        }
        self._write(entry)

    def add_published(self, name: str, sha256: str | None, persons: str, outcome: DocumentOutcome,
                      proposals: list[Proposal], entries: list[LogEntry]) -> None:
        if outcome.status != "published" or sha256 is None:
            return
        entry = {
            "kind": "published",
            "document": name,
            "sha256": sha256,
            "persons": persons,
            "outcome": plain(outcome),
            "proposals": [p.to_dict() for p in proposals],
            "entries": [plain(e) for e in entries],
        }
        self._write(entry)

    def compact(self, names: set[str]) -> None:
        """Rewrite the journal with the latest valid entry per document still in the dossier.

        Streams the file (entries are not kept in memory once written: the
        journal of a large release is as large as its internal record).
        """
        self.close()
        self.scans.clear()
        self.published.clear()
        if not self.path.is_file():
            return
        latest: dict[tuple[str, str], int] = {}
        with open(self.path, "rb") as fh:
            offset = 0
            for line in fh:
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    entry = None
                if entry and entry.get("document") in names and all(entry.get(k) == v for k, v in self.key.items()):
                    latest[(entry["kind"], entry["document"])] = offset
                offset += len(line)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(self.path, "rb") as src, os.fdopen(fd, "wb") as dst:
            for offset in sorted(latest.values()):
                src.seek(offset)
                dst.write(src.readline())
        os.replace(tmp, self.path)

    def reset(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)
        self.scans.clear()
        self.published.clear()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
