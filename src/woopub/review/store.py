"""The review dossier: one SQLite file holding documents, pages, proposals,
persons and open points between the scan and the apply (issue 15).

It holds the original values, so its folder is 0700 and its files 0600.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from woopub.decide.marked import TERM_EVIDENCE
from woopub.model import REDACT, Proposal
from woopub.run.state import READINGS  # noqa: F401  (the dossier's OCR readings: one name for run and review)

SCHEMA_VERSION = 2  # 2: marks (niet openbaar / reeds openbaar); a 1 is migrated by creating the table
DB_NAME = "dossier.sqlite"
PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
RESOLUTIONS = ("exclude", "redact-pages", "ocr")
NIET_OPENBAAR, REEDS_OPENBAAR = "niet openbaar", "reeds openbaar"
MARKS = (NIET_OPENBAAR, REEDS_OPENBAAR)
WHOLE_DOCUMENT = 0  # the page number of a mark on the whole document

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    name TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT, pages INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'open', scan INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    document TEXT NOT NULL, page INTEGER NOT NULL, PRIMARY KEY (document, page));
CREATE TABLE IF NOT EXISTS proposals (
    key TEXT PRIMARY KEY, id TEXT NOT NULL, document TEXT NOT NULL, page INTEGER NOT NULL,
    boxes TEXT NOT NULL, text TEXT NOT NULL, entity TEXT NOT NULL, action TEXT NOT NULL,
    ground TEXT, rule TEXT NOT NULL, score REAL NOT NULL, reason TEXT NOT NULL,
    recogniser TEXT NOT NULL, evidence TEXT NOT NULL, context TEXT NOT NULL,
    person TEXT, status TEXT NOT NULL DEFAULT 'pending', source TEXT NOT NULL DEFAULT 'rule',
    first_scan INTEGER NOT NULL, last_scan INTEGER NOT NULL, version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS persons (name TEXT PRIMARY KEY, mentions INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS open_points (
    document TEXT PRIMARY KEY, reason TEXT NOT NULL, pages TEXT NOT NULL,
    resolution TEXT, scan INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS terms (
    term TEXT NOT NULL, ground TEXT NOT NULL, entity TEXT, rule TEXT NOT NULL, source TEXT NOT NULL,
    reviewer TEXT NOT NULL, PRIMARY KEY (term, source));
CREATE TABLE IF NOT EXISTS marks (
    document TEXT NOT NULL, page INTEGER NOT NULL, mark TEXT NOT NULL, ground TEXT, link TEXT,
    PRIMARY KEY (document, page));
CREATE TABLE IF NOT EXISTS rereads (
    document TEXT PRIMARY KEY, source TEXT NOT NULL, source_sha256 TEXT, copy TEXT NOT NULL, pages TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
    n INTEGER PRIMARY KEY AUTOINCREMENT, proposal TEXT, reviewer TEXT NOT NULL, at TEXT NOT NULL,
    before TEXT, after TEXT);
-- apply reads one document's proposals and each box's audit at a time: without these, every
-- document (every box) would read the whole table
CREATE INDEX IF NOT EXISTS proposals_by_document ON proposals (document, page, id);
CREATE INDEX IF NOT EXISTS audit_by_proposal ON audit (proposal, n);
"""


class DossierVersionError(Exception):
    """The dossier was made by a woopub whose schema this one cannot read."""


@dataclass(frozen=True)
class Mark:
    """A reviewer's assessment of a page or (page 0) a whole document: "niet openbaar" under its
    ground, or "reeds openbaar" with the public link where it already stands."""

    document: str
    page: int
    mark: str
    ground: str | None = None
    link: str | None = None


@dataclass(frozen=True)
class OpenPoint:
    document: str
    reason: str
    pages: tuple[int, ...]
    resolution: str | None = None  # "exclude", "redact-pages", "ocr"


def proposal_key(sha256: str | None, p: Proposal) -> str:
    """Same document content, same place, same value, same entity: the same proposal, so a
    decision taken on it survives a re-scan. Anything else is a new proposal."""
    raw = json.dumps([sha256, p.document, p.page, [list(b) for b in p.boxes], p.text, p.entity])
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def _private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)


class ReviewDossier:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        _private_dir(self.folder)
        self.path = self.folder / DB_NAME
        fresh = not self.path.exists()
        if fresh:  # created 0600 before SQLite writes a byte into it
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(self.path, 0o600)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.row_factory = sqlite3.Row
        self._check_version(fresh)

    def _check_version(self, fresh: bool) -> None:
        has_meta = self.db.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone()
        if not fresh and has_meta:
            row = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            version = int(row["value"]) if row else 0
            if version > SCHEMA_VERSION:
                raise DossierVersionError(
                    f"{self.path} was made by a newer woopub (schema {version}, this one reads up to "
                    f"{SCHEMA_VERSION}): use that version or scan into a new dossier")
            if version < 1:
                raise DossierVersionError(f"{self.path} has no known schema version: scan into a new dossier")
        elif not fresh and not has_meta:
            raise DossierVersionError(f"{self.path} is not a woopub dossier")
        with self.db:
            self.db.executescript(SCHEMA)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))

    def close(self) -> None:
        self.db.close()

    def next_scan(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key='scans'").fetchone()
        n = int(row["value"]) + 1 if row else 1
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('scans', ?)", (str(n),))
        return n

    def store_scan(self, scan_no: int, documents, proposals, open_points, persons, partial: bool = False) -> dict:
        """``documents``: (name, path, sha256, pages); returns counts of new and kept proposals.
        ``partial``: only these documents were scanned (an OCR copy): the others' open points and
        the dossier's persons stay."""
        new = kept = 0
        sha = {d[0]: d[2] for d in documents}
        with self.db:
            for name, path, digest, pages in documents:
                self.db.execute(
                    "INSERT INTO documents (name, path, sha256, pages, scan) VALUES (?,?,?,?,?) "
                    "ON CONFLICT(name) DO UPDATE SET path=excluded.path, sha256=excluded.sha256, "
                    "pages=excluded.pages, scan=excluded.scan", (name, str(path), digest, pages, scan_no))
                self.db.executemany("INSERT OR IGNORE INTO pages VALUES (?,?)", [(name, n) for n in range(1, pages + 1)])
            for p in proposals:
                key = proposal_key(sha.get(p.document), p)
                row = self.db.execute("SELECT key FROM proposals WHERE key=?", (key,)).fetchone()
                if row:
                    kept += 1
                    self.db.execute("UPDATE proposals SET last_scan=?, id=?, rule=?, ground=CASE WHEN status='pending' "
                                    "THEN ? ELSE ground END WHERE key=?", (scan_no, p.id, p.rule, p.ground, key))
                    continue
                new += 1
                self._insert(key, p, scan_no)
            if partial:  # the scanned documents' open points are answered by this scan (or made again below)
                self.db.executemany("DELETE FROM open_points WHERE document=?", [(d[0],) for d in documents])
            else:
                self.db.execute("DELETE FROM open_points WHERE scan < ? AND resolution IS NULL", (scan_no,))
            for point in open_points:
                self.db.execute(
                    "INSERT INTO open_points (document, reason, pages, scan) VALUES (?,?,?,?) "
                    "ON CONFLICT(document) DO UPDATE SET reason=excluded.reason, pages=excluded.pages, scan=excluded.scan",
                    (point.document, point.reason, json.dumps(list(point.pages)), scan_no))
            if partial:
                self.db.executemany("INSERT INTO persons VALUES (?,?) ON CONFLICT(name) DO UPDATE SET "
                                    "mentions=mentions+excluded.mentions", sorted(persons.items()))
            else:
                self.db.execute("DELETE FROM persons")
                self.db.executemany("INSERT INTO persons VALUES (?,?)", sorted(persons.items()))
        return {"new": new, "kept": kept}

    # -- reading ----------------------------------------------------------

    def proposals(self, document: str | None = None, current_only: bool = True) -> list[sqlite3.Row]:
        sql, args = "SELECT * FROM proposals WHERE 1=1", []
        if current_only:
            sql += " AND last_scan=(SELECT MAX(scan) FROM documents d WHERE d.name=proposals.document)"
        if document:
            sql += " AND document=?"
            args.append(document)
        return self.db.execute(sql + " ORDER BY document, page, id", args).fetchall()

    def undecided(self) -> int:
        """How many current proposals to redact nobody decided on yet."""
        return self.db.execute(
            "SELECT COUNT(*) FROM proposals WHERE status=? AND action=? AND "
            "last_scan=(SELECT MAX(scan) FROM documents d WHERE d.name=proposals.document)", (PENDING, REDACT)).fetchone()[0]

    def open_points(self) -> list[OpenPoint]:
        rows = self.db.execute("SELECT * FROM open_points ORDER BY document").fetchall()
        return [OpenPoint(r["document"], r["reason"], tuple(json.loads(r["pages"])), r["resolution"]) for r in rows]

    def add_open_point(self, document: str, reason: str, pages: tuple[int, ...]) -> bool:
        """A document ``woopub apply`` could not publish (a problem verification found, a damaged
        page) becomes an open point for a reviewer, as a scan makes one; an open point already
        there is kept with its answer. Returns whether one was added."""
        scan_no = int((self.db.execute("SELECT value FROM meta WHERE key='scans'").fetchone() or {"value": 0})["value"])
        with self.db:
            cur = self.db.execute("INSERT OR IGNORE INTO open_points (document, reason, pages, scan) VALUES (?,?,?,?)",
                                  (document, reason, json.dumps(list(pages)), scan_no))
        return cur.rowcount > 0

    def resolve(self, document: str, resolution: str, reviewer: str) -> None:
        """A reviewer's answer to an open point (kept across re-scans)."""
        if resolution not in RESOLUTIONS:
            raise ValueError(f"unknown resolution {resolution!r}; one of {', '.join(RESOLUTIONS)}")
        with self.db:
            row = self.db.execute("SELECT resolution FROM open_points WHERE document=?", (document,)).fetchone()
            if row is None:
                raise KeyError(document)
            self.db.execute("UPDATE open_points SET resolution=? WHERE document=?", (resolution, document))
            self._audit(f"open:{document}", reviewer, {"resolution": row["resolution"]}, {"resolution": resolution})

    def mark(self, document: str, page: int, mark: str | None, reviewer: str, ground: str | None = None,
             link: str | None = None) -> None:
        """Mark a page (``page`` from 1) or the whole document (``page`` 0) "niet openbaar" (needs a
        ground) or "reeds openbaar" (needs an http(s) link); ``mark`` None takes the mark away."""
        row = next((r for r in self.documents() if r["name"] == document), None)
        if row is None:
            raise KeyError(document)
        if not (page == WHOLE_DOCUMENT or 1 <= page <= row["pages"]):
            raise ValueError(f"{document} has no page {page}")
        if mark is not None and mark not in MARKS:
            raise ValueError(f"unknown mark {mark!r}; one of {', '.join(MARKS)}")
        ground = (ground or "").strip() or None
        link = (link or "").strip() or None
        if mark == NIET_OPENBAAR and not ground:
            raise ValueError("niet openbaar needs the ground it is withheld under")
        if mark == REEDS_OPENBAAR and not (link and link.startswith(("https://", "http://"))):
            raise ValueError("reeds openbaar needs the public link (https://...) where it already stands")
        if mark == REEDS_OPENBAAR:
            ground = None
        else:
            link = None
        with self.db:
            old = self.db.execute("SELECT mark, ground, link FROM marks WHERE document=? AND page=?",
                                  (document, page)).fetchone()
            if mark is None:
                self.db.execute("DELETE FROM marks WHERE document=? AND page=?", (document, page))
            else:
                self.db.execute("INSERT OR REPLACE INTO marks VALUES (?,?,?,?,?)", (document, page, mark, ground, link))
            self._audit(f"mark:{document}:{page}", reviewer, dict(old) if old else None,
                        {"mark": mark, "ground": ground, "link": link})

    def marks(self) -> list[Mark]:
        rows = self.db.execute("SELECT * FROM marks ORDER BY document, page").fetchall()
        return [Mark(r["document"], r["page"], r["mark"], r["ground"], r["link"]) for r in rows]

    def add_term(self, term: str, ground: str, reviewer: str, entity: str | None = None,
                 rule: str = "reviewer", source: str = "reviewer") -> int:
        """Redact ``term`` wherever it stands in the dossier's documents: inside longer words, in any
        case, broken over a line end (``decide.marked.term_pattern``, the pattern verification hunts
        with). Returns the number of proposals (one a page) added."""
        from woopub.decide.marked import term_pattern

        term = " ".join(term.split())
        if len(term) < 2 or term_pattern(term) is None:
            raise ValueError("a term to redact needs at least two characters")
        added = 0
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO terms VALUES (?,?,?,?,?,?)", (term, ground, entity, rule, source, reviewer))
            scan_no = int((self.db.execute("SELECT value FROM meta WHERE key='scans'").fetchone() or {"value": 0})["value"])
            for d in self.documents():
                hits = term_hits(Path(d["path"]), term, self.folder / READINGS, d["sha256"])
                for page, boxes in sorted(hits.items()):
                    p = Proposal(id=f"{d['name']}#{source}:{page}:{term}", document=d["name"], page=page,
                                 boxes=tuple(tuple(round(c, 2) for c in b) for b in boxes), text=term,
                                 entity=entity or "VALUE", action=REDACT, ground=ground, rule=rule, score=1.0,
                                 reason=f"marked by {source}", recogniser=source, evidence=(TERM_EVIDENCE,),
                                 context="")
                    key = proposal_key(d["sha256"], p)
                    if self.db.execute("SELECT 1 FROM proposals WHERE key=?", (key,)).fetchone():
                        self.db.execute("UPDATE proposals SET last_scan=? WHERE key=?", (scan_no, key))
                        continue
                    self._insert(key, p, scan_no, status=ACCEPTED, source=source)
                    self._audit(key, reviewer, None, {"status": ACCEPTED, "ground": ground, "term": term})
                    added += 1
        return added

    def terms(self) -> list[sqlite3.Row]:
        """Every term a reviewer searched or a rule file marked: apply verifies each document for all."""
        return self.db.execute("SELECT * FROM terms ORDER BY term").fetchall()

    def add_box(self, document: str, page: int, rect: tuple, ground: str, reviewer: str,
                snap_to_words: bool = False) -> str:
        """A box a reviewer drew (pixels on a scan; the words under it on a text page are its text,
        so verification checks they are gone). ``snap_to_words``: the box grows to the whole words
        it touches, as a selection of words does."""
        import fitz

        d = next(r for r in self.documents() if r["name"] == document)
        with fitz.open(d["path"]) as doc:
            box = fitz.Rect(rect)
            words = [w for w in doc[page - 1].get_text("words") if fitz.Rect(w[:4]).intersects(box)]
        if snap_to_words and words:
            box = fitz.Rect(words[0][:4])
            for w in words[1:]:
                box |= fitz.Rect(w[:4])
        text = " ".join(w[4] for w in words)
        p = Proposal(id=f"{document}#box:{page}:{','.join(f'{c:.0f}' for c in box)}", document=document, page=page,
                     boxes=(tuple(round(c, 2) for c in box),), text=text, entity="VALUE" if text else "AREA",
                     action=REDACT, ground=ground, rule="reviewer", score=1.0, reason="drawn by a reviewer",
                     recogniser="reviewer")
        key = proposal_key(d["sha256"], p)
        scan_no = int(self.db.execute("SELECT value FROM meta WHERE key='scans'").fetchone()["value"])
        with self.db:
            if not self.db.execute("SELECT 1 FROM proposals WHERE key=?", (key,)).fetchone():
                self._insert(key, p, scan_no, status=ACCEPTED, source="reviewer")
                self._audit(key, reviewer, None, {"status": ACCEPTED, "ground": ground})
        return key

    def reapply_terms(self) -> int:
        """After a re-scan: every term a reviewer or rule file marked, searched again."""
        terms = self.db.execute("SELECT * FROM terms").fetchall()
        return sum(self.add_term(t["term"], t["ground"], t["reviewer"], t["entity"], t["rule"], t["source"]) for t in terms)

    def _audit(self, key: str, reviewer: str, before, after) -> None:
        from datetime import datetime, timezone

        self.db.execute(
            "INSERT INTO audit (proposal, reviewer, at, before, after) VALUES (?,?,?,?,?)",
            (key, reviewer, datetime.now(timezone.utc).isoformat(timespec="seconds"),
             json.dumps(before) if before is not None else None, json.dumps(after)))

    def _insert(self, key: str, p: Proposal, scan_no: int, status: str = "pending", source: str = "rule") -> None:
        self.db.execute(
            "INSERT INTO proposals (key, id, document, page, boxes, text, entity, action, ground, rule, score, "
            "reason, recogniser, evidence, context, person, status, source, first_scan, last_scan) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (key, p.id, p.document, p.page, json.dumps([list(b) for b in p.boxes]), p.text, p.entity,
             p.action, p.ground, p.rule, p.score, p.reason, p.recogniser, json.dumps(list(p.evidence)),
             p.context, p.text if p.entity == "PERSON" else None, status, source, scan_no, scan_no))

    def documents(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM documents ORDER BY name").fetchall()

    def persons(self) -> dict[str, int]:
        return {r["name"]: r["mentions"] for r in self.db.execute("SELECT * FROM persons")}

    # -- deciding ---------------------------------------------------------

    def decide(self, key: str, status: str, reviewer: str, version: int | None = None, ground: str | None = None) -> int:
        """Set a proposal's status (and ground); refuses a stale edit (``version`` not current).
        Returns the new version."""
        if status not in (PENDING, ACCEPTED, REJECTED):
            raise ValueError(f"unknown status {status!r}")
        with self.db:
            row = self.db.execute("SELECT status, ground, version FROM proposals WHERE key=?", (key,)).fetchone()
            if row is None:
                raise KeyError(key)
            if version is not None and row["version"] != version:
                raise StaleEdit(f"proposal {key} was changed by someone else meanwhile (now {row['status']}, "
                                f"ground {row['ground']}): reload and decide again")
            after_ground = ground if ground is not None else row["ground"]
            self.db.execute("UPDATE proposals SET status=?, ground=?, version=version+1 WHERE key=?",
                            (status, after_ground, key))
            self._audit(key, reviewer, {"status": row["status"], "ground": row["ground"]},
                        {"status": status, "ground": after_ground})
            return row["version"] + 1

    def accept_pending(self, scan_no: int, reviewer: str) -> int:
        """Accept every proposal of scan ``scan_no`` nobody decided on, each with its audit row
        (``woopub redact --dossier``: the run accepts what it proposes, as ``apply --accept-pending``)."""
        from datetime import datetime, timezone

        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.db:
            rows = self.db.execute("SELECT key, ground FROM proposals WHERE status=? AND last_scan=?",
                                   (PENDING, scan_no)).fetchall()
            self.db.executemany("UPDATE proposals SET status=?, version=version+1 WHERE key=?",
                                [(ACCEPTED, r["key"]) for r in rows])
            self.db.executemany(
                "INSERT INTO audit (proposal, reviewer, at, before, after) VALUES (?,?,?,?,?)",
                [(r["key"], reviewer, at, json.dumps({"status": PENDING, "ground": r["ground"]}),
                  json.dumps({"status": ACCEPTED, "ground": r["ground"]})) for r in rows])
        return len(rows)

    def audit(self, key: str | None = None) -> list[sqlite3.Row]:
        if key:
            return self.db.execute("SELECT * FROM audit WHERE proposal=? ORDER BY n", (key,)).fetchall()
        return self.db.execute("SELECT * FROM audit ORDER BY n").fetchall()


def term_hits(path: Path, term: str, readings: Path | None = None, key: str | None = None) -> dict[int, list[tuple]]:
    """The boxes (whole words, 1-based page -> boxes) where ``term`` stands in the PDF at ``path``.

    Searched in the text the detectors and verification read (``DocumentReader``: words built
    from the glyphs, hyphenated line ends joined, look-alike letters folded, and the words OCR
    reads on scanned pages and in pictures), not only with PyMuPDF's ``search_for``: a word whose
    glyphs MuPDF splits in two ("postbus.mensenha" + "ndel@...") is not found by ``search_for``
    and stayed readable. ``search_for``'s hits are added besides, grown to the whole words they
    touch on their own line. ``readings``: a folder where what OCR read is kept (by ``key``, the
    file's SHA-256), so a page is OCR'd once for every search.
    """
    import pymupdf

    from woopub.decide.marked import term_pattern
    from woopub.reading.intake import admit

    pattern = term_pattern(term)
    found: dict[int, list[tuple]] = {}
    try:  # prepared as apply prepares it (admit), so the boxes fall where apply redacts
        admitted = admit(path)
    except Exception:  # an unreadable document is an open point, not searched
        return found
    with admitted as a:
        doc = a.doc
        text = _read(doc, readings, key)
        for m in pattern.finditer(text.text):
            lines: dict[tuple, list] = {}
            for i in text.word_indices(m.start(), m.end()):
                w = text.words[i]
                lines.setdefault((w.page, w.block, w.line), []).append(w.box)
            for (page, _, _), bs in lines.items():
                found.setdefault(page + 1, []).append(
                    (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs)))
        for page in doc:
            rects = page.search_for(term)
            if not rects:
                continue
            words = [pymupdf.Rect(w[:4]) for w in page.get_text("words")]
            have = found.setdefault(page.number + 1, [])
            for r in rects:  # a hit the text search placed already is one box in the log, not two
                grown = _grown(r, words)
                if not any((pymupdf.Rect(b) & grown).get_area() >= 0.8 * grown.get_area() for b in have):
                    have.append(tuple(grown))
    return {n: list(dict.fromkeys(boxes)) for n, boxes in found.items()}


def _read(doc, readings: Path | None, key: str | None):
    """The document's words with what OCR reads where the text layer is not all (as the scan read
    it); only the text layer where OCR is not installed."""
    from woopub.reading.document import DocumentReader
    from woopub.reading.extract import extract_text
    from woopub.reading.tesseract import OcrUnavailableError

    reader = DocumentReader()
    if readings is not None:
        _private_dir(readings)
        reader.share_store(readings)
    try:
        return reader.read(doc, key=key).text
    except OcrUnavailableError:
        return extract_text(doc)


def _grown(rect, words):
    """A hit inside a longer word grows to that whole word (the redaction removes whole words, a
    part of one would stay readable); only words on the hit's own line, not the lines around it."""
    import pymupdf

    hit = pymupdf.Rect(rect)
    out = pymupdf.Rect(hit)
    for w in words:
        overlap = w & hit
        if not overlap.is_empty and overlap.height >= 0.5 * min(hit.height, w.height):
            out |= w
    return out


class StaleEdit(Exception):
    """A reviewer decided on a proposal another reviewer changed after the page was loaded."""
