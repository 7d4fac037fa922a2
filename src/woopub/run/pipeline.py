"""The dossier pipeline: extract -> detect -> decide -> redact -> publish.

Two passes over the dossier, so that a person found in one document is
redacted in all of them:

  scan     every document: extract its text, detect, decide.
  index    the persons (and personal e-mail addresses) decided to be redacted
           anywhere in the dossier, with the forms their names take.
  decide   every document again: add the mentions of known persons, decide:
           its proposals (``propose``; what ``woopub scan`` stores for review).
  write    every proposal accepted: redact, sanitise, save, verify, and only
           then move it into the output folder (``write``: the write stage
           ``woopub apply`` writes a reviewed dossier with).

A document that cannot be read or fails verification is reported and left
out; the others go on. Inputs are opened read-only and never written.
Each pass over a document runs bounded in time and memory (``woopub.run.guard``),
and whatever goes wrong in it becomes that document's one-line reason.
"""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from woopub.reading.disagree import known_words
from woopub.decide.decider import Decider
from woopub.detect import Detector, PersonIndex
from woopub.errors import InputError
from woopub.run.guard import Sandbox, can_isolate
from woopub.reading.intake import admit, inspect, refusal_reason
from woopub.model import KEEP, REDACT, Decision, DocumentOutcome, Finding, LogEntry, Proposal
from woopub.reading.ocr import document_key
from woopub.reading.planning import OcrStats
from woopub.reading.passwords import Passwords
from woopub.decide.marked import marked_proposals
from woopub.decide.analysis import dossier_reading, first_reading
from woopub.decide.proposals import proposals_for, signature_proposals
from woopub.files import move_into_place, sha256_file, sha256_or_none
from woopub.reading.document import DocumentReader
from woopub.writing.pictured import picture_proposals
from woopub.decide.rules import RuleSet
from woopub.detect.signatures import find_signatures
from woopub.package.settings import is_dossier_file
from woopub.writing.secrets import Secret, SecretSet
from woopub.writing.write import whole_page_proposal, write_document

WARM_UP_TEXT = "Beste Jan de Vries, bel mij op 06-12345678 of mail j.devries@example.nl."


@dataclass(frozen=True)
class InputDocument:
    path: Path
    name: str  # relative path in the dossier; from the publish pass on, its public name (``decide.filenames``)
    source: str = ""  # the original relative path once ``name`` is the public one: internal only

    @property
    def original(self) -> str:
        return self.source or self.name


@dataclass
class DocumentScan:
    """What the first pass learned about one document."""

    document: InputDocument
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    error: str | None = None
    sha256: str | None = None  # of the input file: part of the resume key
    text_length: int = 0  # characters of the extracted text
    seconds: dict[str, float] = field(default_factory=dict)  # time per stage (extract, detect, decide)
    ocr: dict = field(default_factory=dict)  # what OCR read and left alone (ocr.OcrStats as a dict)


class Stopwatch:
    """Seconds spent per pipeline stage, for the benchmark and the --json summary."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start

    def move(self, seconds: float, source: str, target: str) -> None:
        """Count ``seconds`` of stage ``source`` as stage ``target`` (a part timed inside it)."""
        self.seconds[source] -= seconds
        self.seconds[target] += seconds


@dataclass
class RunResult:
    outcomes: list[DocumentOutcome]
    proposals: list[Proposal]
    log: dict
    internal_dir: Path
    seconds: dict[str, float] = field(default_factory=dict)  # worker seconds per stage
    skipped: list[str] = field(default_factory=list)  # already published by an earlier run (resume)
    # the documents this run published and verified (their own values and the dossier's name
    # forms), by the SHA-256 of the file: the closing verification need not repeat them
    verified: dict[str, str] = field(default_factory=dict)
    ocr: OcrStats = field(default_factory=OcrStats)  # what OCR read and left alone, over the scan pass
    sources: dict[str, str] = field(default_factory=dict)  # public name -> original relative path (internal)
    # the run's folder of what Tesseract read (reading/ocr.py), kept for the closing verification when
    # run_batch was asked to (keep_ocr_memo); whoever asked removes it (safety.remove_made)
    ocr_memo: str | None = None

    @property
    def failed(self) -> list[DocumentOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def collect_inputs(inputs: Iterable[Path], exclude: Iterable[Path] = ()) -> tuple[list[InputDocument], list[DocumentOutcome]]:
    """PDF files and folders (searched recursively) -> documents, plus outcomes for missing paths."""
    excluded = [Path(p).resolve() for p in exclude]
    docs: list[InputDocument] = []
    missing: list[DocumentOutcome] = []
    seen: set[Path] = set()
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for p, problem in _dossier_files(path, excluded):
                name = p.relative_to(path).as_posix()  # sub-folders are mirrored
                if problem:  # named in the output and the log, never silently dropped
                    missing.append(DocumentOutcome(name, "failed", reason=f"{name}: {problem}: not published"))
                else:
                    _add(docs, seen, p, name)
        elif path.is_file():
            _add(docs, seen, path, path.name)
        else:
            missing.append(DocumentOutcome(str(raw), "failed", reason=f"{raw}: no such file or folder"))
    return _apart(docs), missing


def _apart(docs: list[InputDocument]) -> list[InputDocument]:
    """Two inputs with one name told apart by their path under the folder they share.

    Never by the absolute path: it names the user's own folders (often the
    user's name), and the name is published.
    """
    names = Counter(d.name for d in docs)
    clashes = {n for n, c in names.items() if c > 1}
    if not clashes:
        return docs
    out: list[InputDocument] = []
    for d in docs:
        if d.name not in clashes:
            out.append(d)
            continue
        same = [x.path.resolve() for x in docs if x.name == d.name]
        root = Path(os.path.commonpath([p.parent for p in same]))
        out.append(InputDocument(d.path, d.path.resolve().relative_to(root).as_posix()))
    return out


PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024  # the PDF specification lets a reader find the header within the first 1024 bytes


def _dossier_files(folder: Path, excluded: list[Path]) -> Iterable[tuple[Path, str | None]]:
    """Every file under ``folder`` with why it cannot be a document (None: a PDF).

    A PDF is known by its first bytes, not its name (no extension, `.pdf.bak`, a
    trailing space); symlinked folders are followed once (no loops); an
    unreadable folder or a dangling link is reported, not skipped.
    """
    visited: set[Path] = set()
    found: list[tuple[Path, str | None]] = []

    def walk(d: Path) -> None:
        real = d.resolve()
        if real in visited or any(_inside(real, e) for e in excluded):
            return
        visited.add(real)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            found.append((d, f"folder cannot be read ({exc.strerror or exc})"))
            return
        for e in entries:
            p = Path(e.path)
            try:
                if e.is_dir():  # follows a symlinked folder
                    walk(p)
                    continue
                if not e.is_file():
                    found.append((p, "dangling link" if e.is_symlink() else "not a regular file"))
                    continue
            except OSError as exc:
                found.append((p, f"cannot be read ({exc.strerror or exc})"))
                continue
            if any(_inside(p.resolve(), ex) for ex in excluded) or is_dossier_file(p, folder):
                continue  # the dossier file is the decision's metadata (package.settings), no document
            found.append((p, _not_a_pdf(p)))

    walk(folder)
    return found


def _not_a_pdf(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(MAGIC_WINDOW)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if PDF_MAGIC in head:
        return None
    if path.name.strip().lower().endswith(".pdf"):  # named a PDF: admission gives the precise reason
        return None
    return "not a PDF"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _add(docs: list[InputDocument], seen: set[Path], path: Path, name: str) -> None:
    key = path.resolve()
    if key not in seen:
        seen.add(key)
        docs.append(InputDocument(path, name))


@dataclass(frozen=True)
class WriteOrder:
    """One document with its decided proposals, for the write stage alone (``woopub apply``)."""

    document: InputDocument
    proposals: tuple[Proposal, ...]  # REDACT: boxes to redact; KEEP: places a value stays public
    sha256: str | None = None  # of the input when it was scanned: a file changed since is not written
    whole_pages: tuple[tuple[int, str, str], ...] = ()  # (page, ground, why): redacted whole
    whole_rule: str = "reviewer"  # the rule a whole page is logged under


def _published(name: str, pages: int, proposals: list[Proposal], warnings: list[str]) -> DocumentOutcome:
    redacted = [p for p in proposals if p.action == REDACT]
    return DocumentOutcome(name, "published", pages=pages, redactions=len(redacted),
                           kept=sum(p.action == KEEP for p in proposals),
                           per_ground=dict(Counter(p.ground for p in redacted)), warnings=warnings)


def _written(name: str, pages: int, proposals: list[Proposal], written, clock: Stopwatch
             ) -> tuple[DocumentOutcome, list[Proposal], list[LogEntry], dict[str, float]]:
    """What a publishing pass gives back once the write stage is done: the outcome, the proposals,
    the log's boxes (none if the document was not published) and the seconds per stage."""
    if not written.published:
        return DocumentOutcome(name, "failed", reason=written.reason), proposals, [], dict(clock.seconds)
    return _published(name, pages, proposals, written.warnings), proposals, written.entries, dict(clock.seconds)


def _move_in(outcome: DocumentOutcome, staging: Path, out_dir: Path, clock: Stopwatch) -> None:
    """A document verified in staging enters the output folder only now."""
    if outcome.status != "published":
        return
    with clock.stage("save"):
        target = out_dir / outcome.document
        target.parent.mkdir(parents=True, exist_ok=True)
        move_into_place(staging / outcome.document, target)
        outcome.sha256 = sha256_file(target)


class Dossier:
    """Runs the pipeline over a set of input documents."""

    def __init__(
        self,
        rules: RuleSet,
        detector: Detector | None = None,
        password: str | None = None,
        passwords: Passwords | None = None,
        isolate: bool = True,
        reader: DocumentReader | None = None,
        recognisers: tuple[str, ...] | None = None,
    ):
        self.rules = rules
        # built when first needed (~2 s): the write stage alone (woopub apply) detects nothing
        self._detector = detector
        self._recognisers = recognisers
        self._frog_cache: str | None = None
        self.passwords = passwords or Passwords(password)
        self.isolate = isolate and can_isolate()  # each pass over a document in a bounded child process
        self.reader = reader or DocumentReader()  # text layer + OCR; keeps OCR results for the second pass
        self._warm = False  # the detector's lazy parts built (before the first fork)
        self._sandbox: Sandbox | None = None  # the child that runs the passes over documents
        self._stores: tuple | None = None  # the run's shared stores this Dossier uses

    @property
    def detector(self) -> Detector:
        if self._detector is None:
            self._detector = Detector(self._recognisers) if self._recognisers else Detector()
            self._detector.share_frog_cache(self._frog_cache)
        return self._detector

    def _password(self, document: InputDocument) -> str | None:
        return self.passwords.for_document(document.original, document.path)

    def _bounded(self, fn, shared: tuple, *args, detects: bool = True):
        """``fn(*shared, *args)`` in this Dossier's sandbox child (``woopub.run.guard``), which serves
        document after document while ``fn`` and the ``shared`` objects stay the same.
        ``detects``: ``fn`` runs the detector (its lazy parts are built before the fork)."""
        if not self.isolate:
            return fn(*shared, *args)
        if detects and not self._warm:  # build the detector's lazy parts once, before forking
            self.detector.start_helpers()  # one Frog server, shared by every forked child
            self.detector.find(WARM_UP_TEXT)
            Decider(self.rules)  # the office-holder index, built once
            known_words()  # the word lists that judge a text layer (reading/disagree.py), read once
            self._warm = True
        if self._sandbox is None:
            self._sandbox = Sandbox()
        return self._sandbox.run(fn, shared, *args)

    def close(self) -> None:
        """Stop the sandbox child (it also stops when this Dossier is collected)."""
        if self._sandbox is not None:
            self._sandbox.close()

    def use_run_stores(self, frog_cache, reading_store=None, keep_readings: bool = True) -> None:
        """Share Frog's readings and OCR results through this run's stores (``woopub.run.batch``).

        ``keep_readings``: keep what the scan pass read for the publish pass; off
        where that pass may run on another machine, which could not reuse it.
        A sandbox child forked for an earlier run still points at that run's
        stores, so it is stopped when they change.
        """
        stores = (str(frog_cache) if frog_cache else None, str(reading_store) if reading_store else None, keep_readings)
        if stores == self._stores:
            return
        self.close()
        self._frog_cache = stores[0]
        if self._detector is not None:
            self._detector.share_frog_cache(stores[0])
        self.reader.share_store(stores[1])
        self.reader.keep_readings = keep_readings
        self._stores = stores

    # -- pass 1 -------------------------------------------------------------

    def scan(self, document: InputDocument) -> DocumentScan:
        try:
            return self._bounded(self._scan, (), document)
        except Exception as exc:  # one document never stops the batch
            return DocumentScan(document, error=refusal_reason(document.path, exc))

    def _scan(self, document: InputDocument) -> DocumentScan:
        scan = DocumentScan(document)
        clock = Stopwatch()
        try:
            with clock.stage("extract"), admit(document.path, self._password(document)) as admitted:
                inspect(admitted.doc, document.path)
                scan.pages = admitted.doc.page_count
                key = document_key(admitted.doc)
                reading = self.reader.read(admitted.doc, key=key)
                started = time.perf_counter()
                # found here, kept with the reading: the decide pass need not open the document again
                reading.signatures = find_signatures(admitted.doc, reading)
                clock.move(time.perf_counter() - started, "extract", "decide")
                self.reader.keep(key, reading)  # for the publish pass
                text = reading.text
        except InputError as exc:
            scan.error = str(exc)
            return scan
        scan.ocr = asdict(reading.stats)
        clock.move(reading.stats.look_seconds, "extract", "look")  # looking at pictures before OCR
        clock.move(reading.stats.read_seconds, "extract", "ocr")
        with clock.stage("detect"):
            scan.findings, scan.decisions = first_reading(text.text, self.detector, self.rules)
        scan.text_length = len(text.text)
        scan.seconds = dict(clock.seconds)
        return scan

    # -- pass 2 -------------------------------------------------------------

    def publish(
        self, scan: DocumentScan, index: PersonIndex, out_dir: Path, staging: Path, secrets: list[Secret] | SecretSet,
        clock: Stopwatch | None = None,
    ) -> tuple[DocumentOutcome, list[Proposal], list[LogEntry]]:
        """Pass 2 over one document as ``woopub redact`` makes it, in one child: its proposals
        (``propose``), every one accepted, written by the write stage ``woopub apply`` writes with
        (``write``). For a worker that cannot leave its reading to another (a cluster's): the child
        keeps what OCR read for its write stage; a batch on one machine decides every document first."""
        clock = clock or Stopwatch()
        if scan.error:
            return DocumentOutcome(scan.document.name, "failed", reason=scan.error), [], []
        if len(index):
            index.recogniser()  # built once here, not in every document's child
        secrets = (secrets if isinstance(secrets, SecretSet) else SecretSet(secrets)).warm()
        return self._pass(scan.document, clock, out_dir, staging, self._publish, (index, secrets), scan, staging)

    def _publish(self, index: PersonIndex, secrets: SecretSet, scan: DocumentScan, staging: Path
                 ) -> tuple[DocumentOutcome, list[Proposal], list[LogEntry], dict[str, float]]:
        proposals, reason, seconds = self._propose(index, scan, keep_reading=True)
        if reason is not None:
            return DocumentOutcome(scan.document.name, "failed", reason=reason), [], [], seconds
        order = WriteOrder(scan.document, tuple(proposals), scan.sha256)
        outcome, proposals, entries, written = self._write(secrets, index, order, staging)
        for stage, s in written.items():
            seconds[stage] = seconds.get(stage, 0.0) + s
        return outcome, proposals, entries, seconds

    def propose(self, scan: DocumentScan, index: PersonIndex, keep_reading: bool = False
                ) -> tuple[list[Proposal], str | None, dict[str, float]]:
        """The decide half of pass 2, in the sandbox child: the document's proposals, with the dossier's
        persons (``index``) added to what its scan found, or why there are none, and the seconds per stage.

        ``keep_reading``: leave the document's reading in the store for the write stage that follows
        (``publish``), so that it is extracted once; else it is used up here (``woopub scan``)."""
        if scan.error:
            return [], scan.error, {}
        if len(index):
            index.recogniser()  # built once here, not in every document's child
        try:
            return self._bounded(self._propose, (index,), scan, keep_reading)
        except Exception as exc:  # one document never stops the others
            return [], refusal_reason(scan.document.path, exc), {}

    def _propose(self, index: PersonIndex, scan: DocumentScan, keep_reading: bool
                 ) -> tuple[list[Proposal], str | None, dict[str, float]]:
        clock = Stopwatch()
        name = scan.document.name
        if scan.sha256 is not None and sha256_or_none(scan.document.path) != scan.sha256:
            # the findings are places in the text that was scanned: in another file they point anywhere
            return [], f"{name}: the file changed after it was scanned; run woopub again", dict(clock.seconds)
        with clock.stage("extract"):  # as the scan pass read it
            reading = self.reader.kept(scan.sha256, keep=keep_reading)
        try:
            if reading is not None and reading.signatures is not None:
                proposals = self.decide(None, reading, scan, index, clock)  # all it needs: the document stays shut
            else:  # not kept (a cluster's worker, a full disk): read again
                with admit(scan.document.path, self._password(scan.document)) as admitted:
                    if reading is None:
                        with clock.stage("extract"):
                            reading = self.reader.read(admitted.doc, reuse=True, keep=keep_reading, key=scan.sha256)
                    proposals = self.decide(admitted.doc, reading, scan, index, clock)
        except InputError as exc:
            return [], str(exc), dict(clock.seconds)
        return proposals, None, dict(clock.seconds)

    def decide(self, doc, reading, scan: DocumentScan, index: PersonIndex, clock: Stopwatch) -> list[Proposal]:
        """The document's proposals, with the dossier's persons (``index``) added to what its scan found
        (``propose``, in its child). What ``woopub apply`` is given decided instead. ``doc``: the
        prepared document, needed only when the reading carries no signature marks (else None)."""
        name = scan.document.name
        text = reading.text
        with clock.stage("detect"):
            findings, decisions, decider = dossier_reading(text.text, scan.findings, index, self.rules)
        with clock.stage("decide"):
            proposals = proposals_for(name, text, findings, decisions)
            marks = reading.signatures if reading.signatures is not None else find_signatures(doc, reading)
            proposals += signature_proposals(name, marks, decider)
            proposals += marked_proposals(name, text, self.rules)
            # a value redacted in one reading of a page is redacted in the others: pictures too
            proposals += picture_proposals(name, reading.ocr, proposals)
        return proposals

    # -- the write stage alone (woopub apply) -------------------------------

    def write(self, order: "WriteOrder", out_dir: Path, staging: Path, secrets: list[Secret] | SecretSet,
              clock: Stopwatch | None = None, index: PersonIndex | None = None
              ) -> tuple[DocumentOutcome, list[Proposal], list[LogEntry]]:
        """Publish ``order``'s document with its decided proposals through the same write stage as
        ``publish`` (in the sandbox child, bounded), into ``out_dir`` once verified: for its own values,
        ``secrets`` and the names of the reviewed dossier's person index (``index``), as ``publish``."""
        clock = clock or Stopwatch()
        index = index if index is not None else PersonIndex()
        if len(index):
            index.recogniser()  # built once here, not in every document's child
        secrets = (secrets if isinstance(secrets, SecretSet) else SecretSet(secrets)).warm()
        return self._pass(order.document, clock, out_dir, staging, self._write, (secrets, index), order, staging,
                          detects=False)

    def _pass(self, document: InputDocument, clock: Stopwatch, out_dir: Path, staging: Path, fn, shared: tuple,
              *args, detects: bool = True) -> tuple[DocumentOutcome, list[Proposal], list[LogEntry]]:
        """Run a publishing pass ``fn`` in the sandbox child, add its seconds to ``clock`` and move
        a verified document from ``staging`` into ``out_dir``."""
        try:
            outcome, proposals, entries, seconds = self._bounded(fn, shared, *args, detects=detects)
        except Exception as exc:  # one document never stops the others
            return DocumentOutcome(document.name, "failed", reason=refusal_reason(document.path, exc)), [], []
        for stage, s in seconds.items():
            clock.seconds[stage] += s
        _move_in(outcome, staging, out_dir, clock)
        return outcome, proposals, entries

    def _write(self, secrets: SecretSet, index: PersonIndex, order: "WriteOrder", staging: Path
               ) -> tuple[DocumentOutcome, list[Proposal], list[LogEntry], dict[str, float]]:
        clock = Stopwatch()
        name = order.document.name
        if order.sha256 is not None and sha256_or_none(order.document.path) != order.sha256:
            # the proposals are places in the file that was scanned: in another file they point anywhere
            reason = f"{name}: the file changed after it was scanned; scan the dossier again"
            return DocumentOutcome(name, "failed", reason=reason), [], [], dict(clock.seconds)
        password = self._password(order.document)
        try:
            with admit(order.document.path, password) as admitted:
                doc = admitted.doc
                with clock.stage("extract"):  # OCR where the scan read by OCR: for the text layer and the pictures
                    # a reading the decide half left (``publish``) is taken, not extracted again
                    reading = self.reader.read(doc, reuse=True, key=order.sha256)
                with clock.stage("decide"):
                    proposals = list(order.proposals) + [
                        whole_page_proposal(doc, name, n, ground, why, order.whole_rule)
                        for n, ground, why in order.whole_pages]
                    # a value redacted in one reading of a page is redacted in the others: pictures too
                    proposals += picture_proposals(name, reading.ocr, proposals)
                written = write_document(doc, order.document.path, name, proposals, reading, staging / name,
                                         [secrets], password=password, index=index, engine=self.reader.engine,
                                         notes=admitted.notes, clock=clock)
                pages = doc.page_count
        except InputError as exc:
            return DocumentOutcome(name, "failed", reason=str(exc)), [], [], dict(clock.seconds)
        return _written(name, pages, proposals, written, clock)

    # -- the whole run ------------------------------------------------------
