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

Several runs may share one file (``--dossier DIR`` with different output
folders, and ``woopub scan`` into the same dossier): each run has its scope
(its output folder, or the name its caller gives), and its proposals,
publications and list of documents are kept per scope. A scan is kept per
input (name and SHA-256), shared by every scope that lists it, and goes only
when no scope lists it any more: one run never drops another's rows.

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
    document TEXT NOT NULL, sha256 TEXT NOT NULL, pages INTEGER NOT NULL, text_length INTEGER NOT NULL,
    error TEXT, findings TEXT NOT NULL, decisions TEXT NOT NULL, seconds TEXT NOT NULL, ocr TEXT NOT NULL,
    rules TEXT NOT NULL, version TEXT NOT NULL, PRIMARY KEY (document, sha256));
CREATE TABLE IF NOT EXISTS run_members (
    scope TEXT NOT NULL, document TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (scope, document));
CREATE TABLE IF NOT EXISTS run_proposals (
    scope TEXT NOT NULL, document TEXT NOT NULL, lines TEXT NOT NULL, rules TEXT NOT NULL, version TEXT NOT NULL,
    PRIMARY KEY (scope, document));
CREATE TABLE IF NOT EXISTS run_published (
    scope TEXT NOT NULL, document TEXT NOT NULL, sha256 TEXT NOT NULL, persons TEXT NOT NULL, outcome TEXT NOT NULL,
    entries TEXT NOT NULL, rules TEXT NOT NULL, version TEXT NOT NULL, PRIMARY KEY (scope, document));
"""
TABLES = ("run_scans", "run_members", "run_proposals", "run_published")
NO_SHA = ""  # the key of a scan of an input that could not be read (no SHA-256)


def _stale_layout(db: sqlite3.Connection) -> bool:
    """Tables of a woopub before scopes (one run's rows per file): they are a cache, dropped and made again."""
    columns = {r[1] for r in db.execute("PRAGMA table_info(run_published)")}
    return bool(columns) and "scope" not in columns


def _finding(d: dict) -> Finding:
    return Finding(**{**d, "evidence": tuple(d.get("evidence", ()))})


def _lines(proposals: Iterable[Proposal]) -> str:
    return "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in proposals)


class RunState:
    """The rows of run scope ``scope`` in ``path`` (created 0600), valid for ``rules_digest`` and this
    woopub version."""

    def __init__(self, path: Path, rules_digest: str, scope: str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():  # created 0600 before SQLite writes a byte into it
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(self.path, 0o600)
        self.key = (rules_digest, __version__)
        self.scope = scope
        self.db = sqlite3.connect(self.path, timeout=30)
        # a committed row survives a stopped process; only a power loss may take the last ones back
        self.db.execute("PRAGMA synchronous=NORMAL")
        with self.db:
            if _stale_layout(self.db):
                for table in TABLES:
                    self.db.execute(f"DROP TABLE IF EXISTS {table}")
            self.db.executescript(SCHEMA)
        self._proposed: set[str] = set()  # the documents whose proposal row belongs to this run

    # -- what an earlier run left --------------------------------------------

    def forget(self) -> None:
        """Start afresh (``--no-resume``): no earlier row of this scope is reused (other scopes' stay)."""
        with self.db:
            for table in ("run_members", "run_proposals", "run_published"):
                self.db.execute(f"DELETE FROM {table} WHERE scope=?", (self.scope,))
        self._proposed.clear()

    def reusable_scans(self, name: str) -> frozenset[str]:
        """The SHA-256s of the inputs named ``name`` a still valid scan was made of (any scope's)."""
        rows = self.db.execute("SELECT sha256 FROM run_scans WHERE document=? AND error IS NULL AND sha256 != ? "
                               "AND rules=? AND version=?", (name, NO_SHA, *self.key))
        return frozenset(r[0] for r in rows)

    def publication_for(self, name: str, sha256: str | None, persons: str, out_dir: Path):
        """(outcome, entries) of an earlier publication still valid, else None; its proposals stay this
        run's (``proposals``)."""
        from woopub.files import sha256_file

        row = self.db.execute("SELECT outcome, entries FROM run_published WHERE scope=? AND document=? AND sha256=? "
                              "AND persons=? AND rules=? AND version=?",
                              (self.scope, name, sha256, persons, *self.key)).fetchone()
        if row is None or sha256 is None:
            return None
        if not self.db.execute("SELECT 1 FROM run_proposals WHERE scope=? AND document=? AND rules=? AND version=?",
                               (self.scope, name, *self.key)).fetchone():
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
        """A document's scan, listed as this scope's (its earlier input of the same name no longer is)."""
        sha = scan.sha256 or NO_SHA
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO run_scans VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (scan.document.name, sha, scan.pages, scan.text_length, scan.error,
                 json.dumps([plain(f) for f in scan.findings], ensure_ascii=False),
                 json.dumps([plain(d) for d in scan.decisions], ensure_ascii=False),
                 json.dumps(scan.seconds), json.dumps(scan.ocr), *self.key))
            self._list(scan)

    def list_scan(self, scan: DocumentScan) -> None:
        """A stored scan (another run's, perhaps) listed as this scope's."""
        with self.db:
            self._list(scan)

    def _list(self, scan: DocumentScan) -> None:
        self.db.execute("INSERT OR REPLACE INTO run_members VALUES (?,?,?)",
                        (self.scope, scan.document.name, scan.sha256 or NO_SHA))

    def scan(self, document: InputDocument, sha256: str | None) -> DocumentScan | None:
        """The stored scan of input ``document`` with this SHA-256 (this run's, or an earlier one of the same key)."""
        row = self.db.execute("SELECT * FROM run_scans WHERE document=? AND sha256=? AND rules=? AND version=?",
                              (document.name, sha256 or NO_SHA, *self.key)).fetchone()
        if row is None:
            return None
        _, sha, pages, length, error, findings, decisions, seconds, ocr, _, _ = row
        return DocumentScan(document, pages=pages, findings=[_finding(f) for f in json.loads(findings)],
                            decisions=[Decision(**d) for d in json.loads(decisions)], error=error,
                            sha256=sha or None, text_length=length, seconds=json.loads(seconds), ocr=json.loads(ocr))

    # -- pass 2 ----------------------------------------------------------------

    def put_proposals(self, name: str, proposals: list[Proposal]) -> None:
        """A document's proposals as decided, before it is written (its earlier publication goes)."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO run_proposals VALUES (?,?,?,?,?)",
                            (self.scope, name, _lines(proposals), *self.key))
            self.db.execute("DELETE FROM run_published WHERE scope=? AND document=?", (self.scope, name))
        self._proposed.add(name)

    def put_publication(self, name: str, sha256: str | None, persons: str, outcome: DocumentOutcome,
                        proposals: list[Proposal], entries: list[LogEntry]) -> None:
        """A document's proposals, and its publication when it was published (an earlier one goes)."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO run_proposals VALUES (?,?,?,?,?)",
                            (self.scope, name, _lines(proposals), *self.key))
            if outcome.status == "published" and sha256 is not None:
                self.db.execute("INSERT OR REPLACE INTO run_published VALUES (?,?,?,?,?,?,?,?)",
                                (self.scope, name, sha256, persons, json.dumps(plain(outcome), ensure_ascii=False),
                                 json.dumps([plain(e) for e in entries], ensure_ascii=False), *self.key))
            else:
                self.db.execute("DELETE FROM run_published WHERE scope=? AND document=?", (self.scope, name))
        self._proposed.add(name)

    def chunks(self, names: Iterable[str]) -> Iterator[str]:
        """This run's proposals per document as JSON lines, in the order of ``names``."""
        for name in names:
            if name in self._proposed:
                row = self.db.execute("SELECT lines FROM run_proposals WHERE scope=? AND document=?",
                                      (self.scope, name)).fetchone()
                if row:
                    yield row[0]

    def proposals(self, names: Iterable[str]) -> Iterator[Proposal]:
        for chunk in self.chunks(names):
            for line in chunk.splitlines():
                yield Proposal.from_dict(json.loads(line))

    # -- the end ----------------------------------------------------------------

    def keep_only(self, names: set[str]) -> None:
        """Drop this scope's rows of documents no longer in its dossier or of other rules or woopub versions,
        and each scan no scope lists any more (a scan of other rules is replaced when its input is scanned)."""
        with self.db:
            for table in ("run_members", "run_proposals", "run_published"):
                gone = [(self.scope, r[0]) for r in self.db.execute(f"SELECT document FROM {table} WHERE scope=?",
                                                                     (self.scope,)) if r[0] not in names]
                self.db.executemany(f"DELETE FROM {table} WHERE scope=? AND document=?", gone)
            for table in ("run_proposals", "run_published"):
                self.db.execute(f"DELETE FROM {table} WHERE scope=? AND (rules!=? OR version!=?)", (self.scope, *self.key))
            self.db.execute("DELETE FROM run_scans WHERE NOT EXISTS (SELECT 1 FROM run_members m WHERE "
                            "m.document=run_scans.document AND m.sha256=run_scans.sha256)")

    def close(self) -> None:
        self.db.close()


__all__ = ["RunState", "STATE_FILE", "READINGS"]
