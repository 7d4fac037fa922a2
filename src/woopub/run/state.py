"""A run's state between its passes, in the dossier's SQLite file (issue 15's "Shape").

One file holds what the spool, the scan spool and the resume journal held
before: each document's scan (findings and decisions: the person index is
built from them), each document's proposals as its publish pass made them,
and each publication with the key that tells a later run it is still valid.
It holds original values: 0600, in the internal record, or in the review
dossier a run is given (``woopub redact --dossier DIR``), whose
``dossier.sqlite`` it shares (its tables are ``run_*``, beside the review
tables of ``woopub.review.store``).

Resume: a scan is reused when the input's SHA-256, the rule-set hash and the
woopub version are unchanged. A publication is kept when, besides, the hash
of the dossier's person index is unchanged (a new document can add a person
whose name must now be redacted everywhere) and the published file is still
there with the SHA-256 recorded. Every row is committed as its document is
done: an interrupted batch loses at most the documents in flight.

Only the batch's client writes here, never a worker: SQLite over a shared
file system is not needed for a cluster run.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from woopub import __version__
from woopub.model import Decision, DocumentOutcome, Finding, LogEntry, Proposal, plain
from woopub.run.pipeline import DocumentScan, InputDocument

STATE_FILE = "dossier.sqlite"  # the review dossier's file name (``review.store.DB_NAME``)
# the dossier's folder of what the reader read (OCR'd pages, by the file's SHA-256; holds original
# text: 0700): a run given a dossier keeps its OCR there, so apply and searches do not OCR again
READINGS = "ocr-lezingen"

SCHEMA = """
CREATE TABLE IF NOT EXISTS run_scans (
    document TEXT PRIMARY KEY, sha256 TEXT, pages INTEGER NOT NULL, text_length INTEGER NOT NULL,
    error TEXT, findings TEXT NOT NULL, decisions TEXT NOT NULL, seconds TEXT NOT NULL, ocr TEXT NOT NULL,
    rules TEXT NOT NULL, version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS run_proposals (
    document TEXT PRIMARY KEY, lines TEXT NOT NULL, rules TEXT NOT NULL, version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS run_published (
    document TEXT PRIMARY KEY, sha256 TEXT NOT NULL, persons TEXT NOT NULL, outcome TEXT NOT NULL,
    entries TEXT NOT NULL, rules TEXT NOT NULL, version TEXT NOT NULL);
"""


def _finding(d: dict) -> Finding:
    return Finding(**{**d, "evidence": tuple(d.get("evidence", ()))})


def _lines(proposals: Iterable[Proposal]) -> str:
    return "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in proposals)


class RunState:
    """The run's rows in ``path`` (created 0600), valid for ``rules_digest`` and this woopub version."""

    def __init__(self, path: Path, rules_digest: str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():  # created 0600 before SQLite writes a byte into it
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(self.path, 0o600)
        self.key = (rules_digest, __version__)
        self.db = sqlite3.connect(self.path, timeout=30)
        # a committed row survives a stopped process; only a power loss may take the last ones back
        self.db.execute("PRAGMA synchronous=NORMAL")
        with self.db:
            self.db.executescript(SCHEMA)
        self._proposed: set[str] = set()  # the documents whose proposal row belongs to this run

    # -- what an earlier run left --------------------------------------------

    def forget(self) -> None:
        """Start afresh (``--no-resume``): no earlier row is reused."""
        with self.db:
            for table in ("run_scans", "run_proposals", "run_published"):
                self.db.execute(f"DELETE FROM {table}")
        self._proposed.clear()

    def reusable_scan(self, name: str) -> str | None:
        """The SHA-256 of the input a still valid scan of document ``name`` was made of."""
        row = self.db.execute("SELECT sha256 FROM run_scans WHERE document=? AND error IS NULL AND sha256 IS NOT NULL "
                              "AND rules=? AND version=?", (name, *self.key)).fetchone()
        return row[0] if row else None

    def publication_for(self, name: str, sha256: str | None, persons: str, out_dir: Path):
        """(outcome, entries) of an earlier publication still valid, else None; its proposals stay this
        run's (``proposals``)."""
        from woopub.files import sha256_file

        row = self.db.execute("SELECT outcome, entries FROM run_published WHERE document=? AND sha256=? AND persons=? "
                              "AND rules=? AND version=?", (name, sha256, persons, *self.key)).fetchone()
        if row is None or sha256 is None:
            return None
        if not self.db.execute("SELECT 1 FROM run_proposals WHERE document=? AND rules=? AND version=?",
                               (name, *self.key)).fetchone():
            return None
        outcome = DocumentOutcome(**json.loads(row[0]))
        target = Path(out_dir) / outcome.document  # its public name (``decide.filenames``)
        if not target.is_file() or sha256_file(target) != outcome.sha256:
            return None  # removed or changed since: publish again
        entries = [LogEntry(**{**e, "box": tuple(e["box"])}) for e in json.loads(row[1])]
        self._proposed.add(name)
        return outcome, entries

    # -- pass 1 ----------------------------------------------------------------

    def put_scan(self, scan: DocumentScan) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO run_scans VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (scan.document.name, scan.sha256, scan.pages, scan.text_length, scan.error,
                 json.dumps([plain(f) for f in scan.findings], ensure_ascii=False),
                 json.dumps([plain(d) for d in scan.decisions], ensure_ascii=False),
                 json.dumps(scan.seconds), json.dumps(scan.ocr), *self.key))

    def scan(self, document: InputDocument) -> DocumentScan | None:
        """Document ``document``'s scan as stored (this run's, or an earlier one of the same key)."""
        row = self.db.execute("SELECT * FROM run_scans WHERE document=? AND rules=? AND version=?",
                              (document.name, *self.key)).fetchone()
        if row is None:
            return None
        _, sha, pages, length, error, findings, decisions, seconds, ocr, _, _ = row
        return DocumentScan(document, pages=pages, findings=[_finding(f) for f in json.loads(findings)],
                            decisions=[Decision(**d) for d in json.loads(decisions)], error=error, sha256=sha,
                            text_length=length, seconds=json.loads(seconds), ocr=json.loads(ocr))

    # -- pass 2 ----------------------------------------------------------------

    def put_publication(self, name: str, sha256: str | None, persons: str, outcome: DocumentOutcome,
                        proposals: list[Proposal], entries: list[LogEntry]) -> None:
        """A document's proposals, and its publication when it was published (an earlier one goes)."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO run_proposals VALUES (?,?,?,?)", (name, _lines(proposals), *self.key))
            if outcome.status == "published" and sha256 is not None:
                self.db.execute("INSERT OR REPLACE INTO run_published VALUES (?,?,?,?,?,?,?)",
                                (name, sha256, persons, json.dumps(plain(outcome), ensure_ascii=False),
                                 json.dumps([plain(e) for e in entries], ensure_ascii=False), *self.key))
            else:
                self.db.execute("DELETE FROM run_published WHERE document=?", (name,))
        self._proposed.add(name)

    def chunks(self, names: Iterable[str]) -> Iterator[str]:
        """This run's proposals per document as JSON lines, in the order of ``names``."""
        for name in names:
            if name in self._proposed:
                row = self.db.execute("SELECT lines FROM run_proposals WHERE document=?", (name,)).fetchone()
                if row:
                    yield row[0]

    def proposals(self, names: Iterable[str]) -> Iterator[Proposal]:
        for chunk in self.chunks(names):
            for line in chunk.splitlines():
                yield Proposal.from_dict(json.loads(line))

    # -- the end ----------------------------------------------------------------

    def keep_only(self, names: set[str]) -> None:
        """Drop the rows of documents no longer in the dossier and of other rules or woopub versions."""
        with self.db:
            for table in ("run_scans", "run_proposals", "run_published"):
                stale = [(r[0],) for r in self.db.execute(f"SELECT document, rules, version FROM {table}")
                         if r[0] not in names or (r[1], r[2]) != self.key]
                self.db.executemany(f"DELETE FROM {table} WHERE document=?", stale)

    def close(self) -> None:
        self.db.close()


__all__ = ["RunState", "STATE_FILE", "READINGS"]
