"""A dossier as a batch: the pipeline's passes as work units, run in parallel, resumable.

  plan     the input documents and their page counts (in a bounded child process)
  scan     a unit per document, on any worker: extract (and OCR), detect, decide
  merge    here: the dossier's person index built
  decide   a unit per document, on any worker: known persons, decide: its proposals, into
           the run state (``woopub scan`` stops here)
  publish  a unit per document, on any worker: every proposal accepted, written by the
           write stage ``woopub apply`` writes with (redact, sanitise, save, verify, move
           into the output folder): ``redact`` is scan + accept all + apply
  verify   a unit per published document (``verify_output``): checked against every value
           redacted anywhere in the dossier

Dossier-wide consistency holds however the units are spread over workers: no
document is published before every document is scanned and the person index
is merged. Results are put back in input order, so a parallel or distributed
run writes the same publication log as a run in one process.

Work units are plain functions of picklable dataclasses, so the review
workflow's ``scan`` (the passes up to the proposals) and ``apply`` (decided
proposals to PDFs) are this run's: ``scan_unit`` and ``propose_unit``, and
``write_unit``, the publish pass (``Dossier.write``).

Between its passes and from one run to the next (resume), a run's state lives in the dossier's
SQLite file: see ``woopub.run.state``.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from woopub.decide.decider import Decider
from woopub.decide.filenames import decide_name, public_reason, told_apart
from woopub.run.guard import run_bounded
from woopub.run.executors import InlineExecutor, Settings, resolve, worker_dossier
from woopub.decide.analysis import add_to_person_index, rules_person_index
from woopub.files import sha256_or_none
from woopub.run.state import READINGS, STATE_FILE, RunState
from woopub.model import KEEP, DocumentOutcome, LogEntry, Proposal
from woopub.reading.planning import OcrStats
from woopub.reading.tesseract import remember_ocr_in
from woopub.run.pipeline import (
    DocumentScan,
    InputDocument,
    RunResult,
    Stopwatch,
    WriteOrder,
    _inside,
    collect_inputs,
)
from woopub.run.safety import RunLock, make_staging, remove_made
from woopub.writing.publish import (
    PROPOSALS_FILE,
    build_log,
    default_internal_dir,
    read_log,
    write_internal_stream,
    write_log,
)
from woopub.detect import PersonIndex
from woopub.writing.publish import read_index, write_internal_names
from woopub.writing.stamped import StampedCopy
from woopub.model import Problem
from woopub.writing.secrets import SecretSet, dossier_wide_secrets, secrets_from
from woopub.writing.verify import check_plain_text, placed_proposals, verify_pdf

STAGING = "staging"
FROG_CACHE = "frog-lezingen.sqlite"
READING_STORE = "lezingen"
OCR_MEMO = "ocr-geheugen"  # the run's folder of what Tesseract read (reading/ocr.py)


class Reporter:
    """Receives a batch's progress. The command line shows it; this one ignores it."""

    def stage(self, name: str, documents: int, pages: int) -> None:
        """A stage begins: ``scan``, ``decide``, ``publish`` or ``verify``, over so many documents and pages."""

    def advance(self, name: str, documents: int, pages: int) -> None:
        """So many more documents and pages are done in stage ``name``."""

    def document(self, outcome: DocumentOutcome, skipped: bool = False) -> None:
        """A document's end result; ``skipped``: already published by an earlier run."""

    def note(self, text: str) -> None:
        """Something the user should know (resuming, reused scans)."""

    def done(self, name: str) -> None:
        """Stage ``name`` is finished."""


class CallbackReporter(Reporter):
    def __init__(self, on_document: Callable[[DocumentOutcome], None] | None = None):
        self.on_document = on_document

    def document(self, outcome: DocumentOutcome, skipped: bool = False) -> None:
        if self.on_document:
            self.on_document(outcome)


# -- work units -----------------------------------------------------------------


@dataclass(frozen=True)
class ScanUnit:
    document: InputDocument
    page_count: int = 0  # for progress
    reuse_sha256: frozenset = frozenset()  # the run state holds a valid scan of the input with one of these hashes


@dataclass
class ScanResult:
    unit: ScanUnit
    scan: DocumentScan | None  # None: the run state's scan of this input is still valid
    sha256: str | None


def scan_unit(unit: ScanUnit, settings) -> ScanResult:
    """Pass 1 over one document, on whichever worker runs it."""
    sha = sha256_or_none(unit.document.path)
    if sha is not None and sha in unit.reuse_sha256:
        return ScanResult(unit, None, sha)
    scan = worker_dossier(settings).scan(unit.document)
    scan.sha256 = sha
    return ScanResult(unit, scan, sha)


@dataclass
class PublishResult:
    outcome: DocumentOutcome
    proposals: list[Proposal]
    entries: list[LogEntry]
    seconds: dict[str, float] = field(default_factory=dict)


def publish_unit(scan: DocumentScan, settings, index, secrets, out_dir: str, staging: str) -> PublishResult:
    """Pass 2 over one document in one child, decided and written (``Dossier.publish``): where the
    worker that writes may not see what the worker that decided read (a cluster)."""
    clock = Stopwatch()
    outcome, proposals, entries = worker_dossier(settings).publish(
        scan, resolve(index), Path(out_dir), Path(staging), resolve(secrets), clock
    )
    return PublishResult(outcome, proposals, entries, dict(clock.seconds))


@dataclass
class ProposeResult:
    proposals: list[Proposal]
    reason: str | None  # why the document has no proposals (cannot be read, changed since its scan)
    seconds: dict[str, float] = field(default_factory=dict)


def propose_unit(scan: DocumentScan, settings, index, keep_reading: bool) -> ProposeResult:
    """The decide half of pass 2 over one document (``Dossier.propose``), on whichever worker runs it."""
    return ProposeResult(*worker_dossier(settings).propose(scan, resolve(index), keep_reading))


def write_unit(order: WriteOrder, settings, secrets, out_dir: str, staging: str, index=None) -> PublishResult:
    """The write stage alone over one document with its decided proposals (``woopub apply``), on any worker."""
    clock = Stopwatch()
    outcome, proposals, entries = worker_dossier(settings).write(order, Path(out_dir), Path(staging),
                                                                 resolve(secrets), clock, resolve(index))
    return PublishResult(outcome, proposals, entries, dict(clock.seconds))


@dataclass(frozen=True)
class VerifyJob:
    path: str
    name: str
    own: list  # the values redacted in this document (``verify.Secret``)
    kept: list[Proposal]  # its kept names: the same letters may stand there
    entries: list[dict]  # its boxes in the publication log
    verified_sha256: str | None = None  # set when this run verified the file before moving it in
    ocr_memo: str | None = None  # the run's folder of what Tesseract read (``RunResult.ocr_memo``)
    placed: tuple = ()  # its short-hand redacted for where it stands: checked in its boxes (``verify.check_placed``)
    stamped: StampedCopy | None = None  # a package's stamped copy of a file this run verified (``writing.stamped``)


def verify_unit(job: VerifyJob, dossier_wide, index=None) -> list[Problem]:
    """Check one published document for its own values and the dossier's name forms (``verify_output``).

    A file this run verified for exactly these values, and that is byte for
    byte unchanged since, is not checked again.
    """
    path = Path(job.path)
    if job.verified_sha256 is not None and job.verified_sha256 == sha256_or_none(path):
        return []
    remember_ocr_in(job.ocr_memo)  # pictures the run read, shown in the same pixels, are not read again
    # resolved once per worker and kept, with its search structures, for every document
    return verify_pdf(path, job.name, [resolve(dossier_wide), SecretSet(job.own)], [*job.kept, *job.placed],
                      job.entries, index=resolve(index), stamped=job.stamped)


def name_unit(names: list[str], settings, index) -> list[str]:
    """The public name of each relative path, decided with the dossier's detectors, rules and persons.

    A name the dossier redacts in a document's text ("De Vries" found in a
    nota) is redacted in a file or folder name as well, where the name alone
    would carry too little evidence.
    """
    dossier = worker_dossier(settings)
    index = resolve(index)
    decider = Decider(dossier.rules, None, index.surnames)
    return [decide_name(n, dossier.detector, decider, index) for n in names]


# -- plan and merge -----------------------------------------------------------------


def page_counts(documents: list[InputDocument], passwords=None) -> list[int]:
    """The page count of every document (0 where it cannot be opened: its scan says why).

    Counted in one bounded child process (``woopub.run.guard``): a hostile file
    may hang or crash MuPDF, never the run. If the child fails, every count
    is 0: documents are then scanned whole and progress counts documents.
    """
    try:
        return run_bounded(_count_pages, documents, passwords, seconds=60 + len(documents))
    except Exception:
        return [0] * len(documents)


def _count_pages(documents: list[InputDocument], passwords) -> list[int]:
    """Opened as they are, not admitted (``woopub.reading.intake``): a count needs no preparing, which costs more."""
    counts = []
    for document in documents:
        password = passwords.for_document(document.name, document.path) if passwords else None
        try:
            with pymupdf.open(document.path, filetype="pdf") as doc:
                if doc.needs_pass and not (password and doc.authenticate(password)):
                    counts.append(0)
                    continue
                counts.append(doc.page_count)
        except Exception:
            counts.append(0)
    return counts


def plan(documents: list[InputDocument], passwords, state: RunState | None) -> list[ScanUnit]:
    """Scan units: one per document (the document reader reads a whole document)."""
    units: list[ScanUnit] = []
    for document, count in zip(documents, page_counts(documents, passwords)):
        reuse = state.reusable_scans(document.name) if state else frozenset()
        units.append(ScanUnit(document, count, reuse))
    return units


# -- the whole run ---------------------------------------------------------------------


def run_batch(
    settings,
    inputs: Iterable[Path],
    out_dir: Path,
    internal_dir: Path | None = None,
    executor=None,
    reporter: Reporter | None = None,
    resume: bool = True,
    keep_proposals: bool = True,
    keep_ocr_memo: bool = False,
    dossier_dir: Path | None = None,
    scope: str | None = None,
    publish: bool = True,
) -> RunResult:
    """Scan every document, merge the person index, publish every document.

    ``settings`` is an ``executors.Settings`` (workers build their own
    Dossier from it) or a ready ``Dossier`` (in-process runs). With
    ``keep_proposals=False`` the result's ``proposals`` stays empty (they are
    in the internal record): what a large batch needs. With ``keep_ocr_memo``
    the folder of what Tesseract read stays for ``verify_output`` (the
    package's stamped copies show the same pictures) and the caller removes
    it (``RunResult.ocr_memo``); else it goes with the run. ``dossier_dir``: the
    dossier folder whose SQLite file holds the run's state (``woopub.run.state``);
    default the internal record. ``scope``: the name of this run's rows there (default the output
    folder): runs of other scopes into the same dossier keep theirs. ``publish=False``: the run
    stops once every document is proposed (``woopub scan``): nothing is written, ``out_dir`` may be
    None (``internal_dir`` is then the run's work folder), the proposed documents' outcomes say "proposed".
    """
    if not publish:
        state = (Path(dossier_dir) if dossier_dir else Path(internal_dir)) / STATE_FILE
        readings = Path(dossier_dir) / READINGS if dossier_dir else None
        batch = Batch(settings, None, Path(internal_dir), executor or InlineExecutor(), reporter or Reporter(), resume,
                      state, readings, scope or "", publish=False)
        return batch.run(inputs, keep_proposals, keep_ocr_memo)
    out_dir = Path(out_dir)
    internal_dir = Path(internal_dir) if internal_dir else default_internal_dir(out_dir)
    if _inside(internal_dir.resolve(), out_dir.resolve()):
        raise ValueError(f"the internal folder {internal_dir} must not be inside the output folder {out_dir}")
    state = (Path(dossier_dir) if dossier_dir else internal_dir) / STATE_FILE
    readings = Path(dossier_dir) / READINGS if dossier_dir else None
    batch = Batch(settings, out_dir, internal_dir, executor or InlineExecutor(), reporter or Reporter(), resume, state,
                  readings, scope or str(out_dir.resolve()))
    return batch.run(inputs, keep_proposals, keep_ocr_memo)


def run_inline(dossier, inputs: Iterable[Path], out_dir: Path, internal_dir: Path | None = None,
               on_document: Callable[[DocumentOutcome], None] | None = None) -> RunResult:
    """The whole dossier in this process, one document after another (tests, benchmarks)."""
    return run_batch(dossier, inputs, out_dir, internal_dir, InlineExecutor(), CallbackReporter(on_document))


class Batch:
    """One run over a dossier: what its passes share."""

    def __init__(self, settings, out_dir: Path, internal_dir: Path, executor, reporter: Reporter, resume: bool,
                 state: Path, readings: Path | None = None, scope: str = "", publish: bool = True):
        self.settings = settings
        self.publish = publish  # False: the run stops at the proposals (``woopub scan``), nothing is written
        self.rules = settings.rules
        self.out_dir = out_dir
        self.internal_dir = internal_dir
        self.staging = internal_dir / STAGING  # replaced by this run's own marked folder in run()
        self.executor = executor
        self.reporter = reporter
        self.resume = resume
        self.state_path = state  # the run's state between its passes and runs (``woopub.run.state``)
        self.readings = readings  # the dossier's folder of OCR'd pages, kept after the run; None: the run's own
        self.scope = scope  # the name of this run's rows in the state (``RunState``)
        self.seconds: dict[str, float] = defaultdict(float)  # worker seconds per stage
        self.ocr = OcrStats()  # what OCR read and left alone, over the scan pass
        self.input_sha: dict[str, str | None] = {}

    def run(self, inputs: Iterable[Path], keep_proposals: bool, keep_ocr_memo: bool = False) -> RunResult:
        # one run per output; the lock is held until the log is written
        with RunLock(self.internal_dir):
            memo = make_staging(self.internal_dir, prefix=OCR_MEMO + "-")
            try:
                result = self._run(inputs, keep_proposals, memo)
            except BaseException:
                remove_made(memo)
                raise
            if keep_ocr_memo:
                result.ocr_memo = str(memo)
            else:
                remove_made(memo)
            return result

    def _run(self, inputs: Iterable[Path], keep_proposals: bool, memo: Path) -> RunResult:
        documents, missing = collect_inputs(list(inputs), exclude=[d for d in (self.out_dir, self.internal_dir) if d])
        if self.publish:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        # a folder of this run's own: a user's files in the internal folder are never emptied
        self.staging = make_staging(self.internal_dir, prefix=STAGING + "-")
        self.state = RunState(self.state_path, self.rules.digest, self.scope)
        try:
            return self._run_with_state(documents, missing, keep_proposals, memo)
        finally:
            self.state.close()

    def _run_with_state(self, documents: list[InputDocument], missing: list[DocumentOutcome], keep_proposals: bool,
                        memo: Path) -> RunResult:
        if not self.resume:
            self.state.forget()
        self.inputs = {d.name: d for d in documents}
        # planned (page counts read) while the Frog server started at the command's start loads its models
        units = plan(documents, getattr(self.settings, "passwords", None), self.state if self.resume else None)
        frog_cache = self.staging / FROG_CACHE  # sentences of the dossier: internal, deleted with staging
        # what the scan pass read (text, words, OCR), for whichever worker publishes the document: internal
        # too, and only where every worker sees this folder (a cluster's hosts keep their own, removed with them)
        # (a dossier's own folder when the run has one: apply and the reviewers' searches read its OCR)
        reading_store = (self.readings or self.staging / READING_STORE) if getattr(self.executor, "same_machine", False) else None
        # what Tesseract read, by its pixels: only where every worker sees this folder, like the readings
        ocr_memo = str(memo) if reading_store is not None else None
        if isinstance(self.settings, Settings):
            self.settings = dataclasses.replace(self.settings, frog_cache=str(frog_cache),
                                                frog_server=self._shared_frog_server(),
                                                reading_store=str(reading_store) if reading_store else None,
                                                ocr_memo=ocr_memo)
        else:  # a ready Dossier, in this process
            remember_ocr_in(ocr_memo)
            self.settings.use_run_stores(frog_cache, self.readings)
        self.settings_handle = self.executor.share(self.settings)
        # every worker finds what another read: a document is decided, then written, in two units
        self.readings_shared = reading_store is not None

        self.moved_in = {}  # name -> SHA-256 of each PDF this run moved into the output folder
        logged = False
        try:
            # the persons decided to be redacted anywhere, merged before anything is published
            index = self.scan_all(units)
            names = [d.name for d in documents]
            self.public = self.public_names(names, missing, index)
            missing = [self._public_outcome(o, [o.document], self.public[o.document]) for o in missing]
            for o in missing:
                self.reporter.document(o)
            # what every document is checked for besides its own redactions: the name forms the dossier spreads
            secrets = SecretSet(dossier_wide_secrets(index))  # the values the other documents redact: once published
            results, skipped, verified = self.publish_all(names, index, secrets)
            remove_made(self.staging)
            outcomes = list(missing)
            entries: list[LogEntry] = []
            for d in documents:
                r = results.pop(d.name)
                outcomes.append(r.outcome)
                entries += r.entries
            if not self.publish:  # scanned and proposed: no log, no internal record (``woopub scan``)
                proposals = list(self.state.proposals(names))
                self.state.keep_only(set(names))
                return RunResult(outcomes, proposals, {}, self.internal_dir, dict(self.seconds), [], {}, self.ocr,
                                 sources={p: o for o, p in self.public.items()})
            log = build_log(outcomes, entries, self.rules)
            write_log(self.out_dir, log)
            logged = True
            write_internal_names(self.internal_dir, self.public)
            write_internal_stream(self.internal_dir, lambda: self.state.proposals(names), outcomes, self.rules,
                                  index=index.to_dict(), proposal_lines=lambda: self.state.chunks(names))
            proposals = list(self.state.proposals(names)) if keep_proposals else []
        except OSError:  # a full disk or read-only output: no PDFs left without the log that lists them
            if not logged:
                self._withdraw_moved_in()
            raise
        finally:
            remove_made(self.staging)
            if not isinstance(self.settings, Settings):  # a Dossier in this process: its sandbox child goes
                self.settings.close()
        self.state.keep_only(set(names))
        return RunResult(outcomes, proposals, log, self.internal_dir, dict(self.seconds), skipped, verified, self.ocr,
                         sources={p: o for o, p in self.public.items()})

    def public_names(self, names: list[str], missing: list[DocumentOutcome], index: PersonIndex) -> dict[str, str]:
        """Original relative path -> the name it is published and logged under, unique in the dossier.

        Decided once the person index is merged, in one unit on a worker (its
        detectors are loaded there). An input that does not exist is named by
        its last part: the path the user typed may name the user's folders.
        """
        originals = names + [o.document for o in missing]
        asked = [Path(n).name if Path(n).is_absolute() else n for n in originals]
        decided: list[str] = []
        if asked:
            handle = self.executor.share(index)
            for _, result in self.executor.map(name_unit, [asked], self.settings_handle, handle):
                decided = result
        return dict(zip(originals, told_apart(decided)))

    @staticmethod
    def _public_outcome(outcome: DocumentOutcome, originals: list[str], public: str) -> DocumentOutcome:
        """An outcome under its public name, its reason free of the input's path."""
        return dataclasses.replace(outcome, document=public, reason=public_reason(outcome.reason, originals, public))

    def _public_scan(self, name: str) -> DocumentScan:
        """The scan of input ``name`` under its public name: the name the publish pass writes everywhere."""
        scan = self.state.scan(self.inputs[name], self.input_sha[name])
        document = scan.document
        scan.document = InputDocument(document.path, self.public[name], source=name)
        return scan

    @staticmethod
    def _originals(document: InputDocument) -> list[str]:
        return [str(document.path), str(document.path.resolve()), document.original]

    def _withdraw_moved_in(self) -> None:
        """Remove the PDFs this run moved into the output, each only while byte for byte the one it wrote."""
        for name, digest in getattr(self, "moved_in", {}).items():
            target = self.out_dir / name
            try:
                if target.is_file() and sha256_or_none(target) == digest:
                    target.unlink()
            except OSError:
                pass  # cannot even remove it: the missing log already marks the output unpublished

    def _shared_frog_server(self) -> tuple[int, int] | None:
        """A pool on this machine shares one Frog server, started here (not one per worker)."""
        if self.executor.workers <= 1 or not getattr(self.executor, "same_machine", False):
            return None
        recognisers = self.settings.recognisers
        if recognisers is not None and "persons" not in recognisers:
            return None
        from woopub.detect.persons import frog_wanted

        if not frog_wanted():  # the user runs --without frog
            return None
        from woopub.detect.frog import shareable_server

        return shareable_server()

    # -- pass 1 -------------------------------------------------------------------------

    def scan_all(self, units: list[ScanUnit]) -> PersonIndex:
        """Every document scanned, into the run state.

        Returns the dossier's person index, built here while the workers scan:
        each scan is added as soon as every document before it is in.
        """
        documents = [u.document for u in units]
        index = rules_person_index(self.rules)
        waiting: dict[str, DocumentScan] = {}  # scanned, not yet added: an earlier document is still out
        next_up = 0
        self.reporter.stage("scan", len(documents), sum(u.page_count for u in units))
        reused = 0
        for _, result in self.executor.map(scan_unit, units, self.settings_handle):
            name = result.unit.document.name
            self.reporter.advance("scan", 1, result.unit.page_count)
            scan, reused_scan = self._document_scan(result)
            reused += reused_scan
            for stage, s in scan.seconds.items():
                self.seconds[stage] += s
            self.ocr.add(scan.ocr)
            self.input_sha[name] = scan.sha256
            waiting[name] = scan
            while next_up < len(documents) and documents[next_up].name in waiting:
                first = waiting.pop(documents[next_up].name)
                add_to_person_index(index, first.findings, first.decisions)
                next_up += 1
        self.reporter.done("scan")
        if reused:
            self.reporter.note(f"resumed: detection of {reused} unchanged document(s) taken from the dossier")
        for document in documents[next_up:]:  # not expected: every document's scan is in
            first = self.state.scan(document, self.input_sha.get(document.name))
            add_to_person_index(index, first.findings, first.decisions)
        return index

    def _document_scan(self, result: ScanResult) -> tuple[DocumentScan, bool]:
        """A document's scan from its unit's result (or from the run state, if it says it is unchanged)."""
        if result.scan is None:
            scan = self.state.scan(result.unit.document, result.sha256)
            if scan is not None and scan.error is None and result.sha256 is not None and scan.sha256 == result.sha256:
                scan.seconds, scan.ocr = {}, {}  # spent by the run that scanned it
                self.state.list_scan(scan)  # this run's now too: kept while any run lists it
                return scan, True
            scan = worker_dossier(self.settings).scan(result.unit.document)  # the state lost it: scan again, here
            scan.sha256 = result.sha256
        else:
            scan = result.scan
        self.state.put_scan(scan)
        return scan, False

    # -- pass 2 -------------------------------------------------------------------------

    def publish_all(self, names: list[str], index, secrets: list):
        """Every document proposed, then (unless the run only proposes) every proposal accepted and
        written by the write stage ``woopub apply`` writes with, or skipped when an earlier run
        published it with the same key."""
        persons = index.digest()
        results: dict[str, PublishResult] = {}
        todo: list[tuple[str, int]] = []  # (document, pages); the scans stay in the run state until sent
        skipped: list[str] = []
        for name in names:
            scan = self._public_scan(name)
            public = scan.document.name
            earlier = None
            if self.resume and self.publish:
                earlier = self.state.publication_for(name, scan.sha256, persons, self.out_dir)
            if earlier is not None and earlier[0].document != public:  # published under another name before
                earlier = None
            if earlier is not None:
                outcome, earlier_entries = earlier  # its proposals stay in the run state
                results[name] = PublishResult(outcome, [], earlier_entries)
                skipped.append(name)
            elif scan.error:
                reason = public_reason(scan.error, self._originals(scan.document), public)
                results[name] = PublishResult(DocumentOutcome(public, "failed", reason=reason), [], [])
            else:
                todo.append((name, scan.pages))
        if skipped:
            self.reporter.note(
                f"resumed: {len(skipped)} of {len(names)} document(s) already published with the same input, "
                "rules, persons and woopub version: skipped"
            )
        for name in names:
            if name in results:
                self.reporter.document(results[name].outcome, skipped=name in skipped)
        # what this run's own verification covered, per file: the closing verification need not repeat it
        verified: dict[str, str] = {}
        index_handle = self.executor.share(index) if todo else None
        if todo and (self.readings_shared or not self.publish):
            todo = self._propose_all(todo, index_handle, results)
        if not self.publish:
            for name, pages in todo:  # proposed, for a reviewer to decide on: nothing written
                results[name] = PublishResult(DocumentOutcome(self.public[name], "proposed", pages=pages), [], [])
                self.reporter.document(results[name].outcome)
            return results, skipped, verified
        self.reporter.stage("publish", len(todo), sum(pages for _, pages in todo))
        if todo:
            secrets_handle = self.executor.share(secrets)
            # every proposal accepted (what woopub redact is: scan, accept all, apply); read as the executor sends them
            if self.readings_shared:
                orders = (WriteOrder(InputDocument(self.inputs[name].path, self.public[name], source=name),
                                     tuple(self.state.proposals([name])), self.input_sha[name]) for name, _ in todo)
                results_in = self.executor.map(write_unit, orders, self.settings_handle, secrets_handle,
                                               str(self.out_dir), str(self.staging), index_handle)
            else:  # a cluster: decided and written in one unit, not read again on another host
                scans = (self._public_scan(name) for name, _ in todo)
                results_in = self.executor.map(publish_unit, scans, self.settings_handle, index_handle, secrets_handle,
                                               str(self.out_dir), str(self.staging))
            for i, result in results_in:
                name, pages = todo[i]
                if result.outcome.reason:
                    document = self.inputs[name]
                    result.outcome = self._public_outcome(result.outcome, self._originals(document), self.public[name])
                if result.outcome.status == "published" and result.outcome.sha256:  # before anything else can fail
                    self.moved_in[name] = result.outcome.sha256
                self.state.put_publication(name, self.input_sha[name], persons, result.outcome, result.proposals,
                                           result.entries)
                if result.outcome.status == "published" and result.outcome.sha256:
                    verified[name] = result.outcome.sha256
                results[name] = dataclasses.replace(result, proposals=[])
                for stage, s in result.seconds.items():
                    self.seconds[stage] += s
                self.reporter.document(result.outcome)
                self.reporter.advance("publish", 1, pages)
        self.reporter.done("publish")
        return results, skipped, verified

    def _propose_all(self, todo: list[tuple[str, int]], index_handle, results: dict) -> list[tuple[str, int]]:
        """Each document's proposals into the run state (the dossier's persons added); returns the
        documents that have proposals, and puts an outcome in ``results`` for each that has none."""
        proposed: list[tuple[str, int]] = []
        self.reporter.stage("decide", len(todo), sum(pages for _, pages in todo))
        scans = (self._public_scan(name) for name, _ in todo)  # read as the executor sends them
        # a run that writes next leaves each reading for its write stage: the document is extracted once
        for i, result in self.executor.map(propose_unit, scans, self.settings_handle, index_handle, self.publish):
            name, pages = todo[i]
            for stage, s in result.seconds.items():
                self.seconds[stage] += s
            self.reporter.advance("decide", 1, pages)
            if result.reason is not None:
                reason = public_reason(result.reason, self._originals(self.inputs[name]), self.public[name])
                outcome = DocumentOutcome(self.public[name], "failed", reason=reason)
                self.state.put_publication(name, self.input_sha[name], "", outcome, [], [])
                results[name] = PublishResult(outcome, [], [])
                self.reporter.document(outcome)
                continue
            self.state.put_proposals(name, result.proposals)
            proposed.append((name, pages))
        self.reporter.done("decide")
        return proposed


def verify_output(out_dir: Path, internal_dir: Path | None = None, executor=None,
                  reporter: Reporter | None = None, run: RunResult | None = None) -> tuple[list[Problem], list[str]]:
    """Verify every PDF in ``out_dir`` with the documents checked in parallel, the record read as a stream.

    With ``run``, the files that run published are not checked again when
    they are unchanged: the run verified them, before moving them into
    ``out_dir``, for the same values (their own and the dossier's name forms).
    """
    executor = executor or InlineExecutor()
    reporter = reporter or Reporter()
    out_dir = Path(out_dir)
    internal_dir = Path(internal_dir) if internal_dir else default_internal_dir(out_dir)
    notes: list[str] = []
    log = read_log(out_dir)
    if log is None:
        return [Problem(str(out_dir), "log", "no publicatielog.json")], notes
    record = internal_dir / PROPOSALS_FILE
    if not record.is_file():
        notes.append(f"no internal record in {internal_dir}: redacted values were not searched for")
    index_data = read_index(internal_dir)
    index = PersonIndex.from_dict(index_data) if index_data else None
    # the dossier's name forms and every value redacted anywhere: the model of woopub redact and apply alike
    wide = dossier_wide_secrets(index, _iter_proposals(record))
    dossier_wide = SecretSet(wide)
    # per document only its redacted values and its kept names, never every proposal at once
    own: dict[str, list[Proposal]] = defaultdict(list)
    kept: dict[str, list[Proposal]] = defaultdict(list)
    for p in _iter_proposals(record):
        (kept if p.action == KEEP else own)[p.document].append(p)
    placed = {document: tuple(placed_proposals(ps)) for document, ps in own.items()}
    own_secrets = {name: secrets_from(ps) for name, ps in own.items()}
    own.clear()
    entries_by_doc: dict[str, list[dict]] = defaultdict(list)
    for e in log["redactions"]:
        entries_by_doc[e["document"]].append(e)
    published = {d["document"]: d.get("pages", 0) for d in log["documents"] if d["status"] == "published"}
    checked = run.verified if run is not None else {}
    memo = run.ocr_memo if run is not None else None
    problems: list[Problem] = []
    jobs = []
    from woopub.package.build import INVENTORY_PDF, PACKAGE, read_stamp_map, read_upload_map
    from woopub.package.check import check_package, package_notes

    uploads = read_upload_map(internal_dir)  # package/upload/<ID>.pdf: a stamped copy of a published document
    stamps = read_stamp_map(internal_dir)
    for pdf in sorted(out_dir.rglob("*")):
        if not pdf.is_file() or pdf.suffix.lower() != ".pdf":
            continue
        name = pdf.relative_to(out_dir).as_posix()
        if name in uploads and uploads[name] in published:
            doc = uploads[name]
            # its published file verified by this run: the copy's pixels outside the stamp need no reading again
            stamped = (StampedCopy(str(out_dir / doc), checked[doc], stamps[name])
                       if doc in checked and stamps.get(name) else None)
            # the copy's kept places are its document's (verify_pdf takes a proposal's places by its document name)
            jobs.append(VerifyJob(str(pdf), name, own_secrets.get(doc, []),
                                  [dataclasses.replace(p, document=name) for p in kept.get(doc, [])],
                                  entries_by_doc.get(doc, []), None, memo,
                                  tuple(dataclasses.replace(p, document=name) for p in placed.get(doc, ())), stamped))
            published.setdefault(name, published[doc])
            continue
        if name == f"{PACKAGE}/{INVENTORY_PDF}":
            continue  # made by woopub from the inventory's rows, not from an input (an upload without its map is not skipped)
        if name not in published:
            problems.append(Problem(name, "log", "PDF is not listed as published in publicatielog.json"))
            continue
        jobs.append(VerifyJob(str(pdf), name, own_secrets.get(name, []), kept.get(name, []),
                              entries_by_doc.get(name, []), checked.get(name), memo, placed.get(name, ())))
    reporter.stage("verify", len(jobs), sum(published[j.name] for j in jobs))
    found: dict[int, list[Problem]] = {}
    if jobs:
        handle, index_handle = executor.share(dossier_wide), executor.share(index)
        for i, result in executor.map(verify_unit, jobs, handle, index_handle):
            found[i] = result
            reporter.advance("verify", 1, published[jobs[i].name])
    reporter.done("verify")
    for i in range(len(jobs)):
        problems += found[i]
    for name in sorted(published):
        if not (out_dir / name).is_file():
            problems.append(Problem(name, "missing", "listed as published but not in the folder"))
    if (out_dir / PACKAGE).is_dir():
        problems += [Problem(PACKAGE, "package", p) for p in check_package(out_dir / PACKAGE, log, internal_dir)]
        notes += package_notes(out_dir / PACKAGE)
        problems += _check_text_versions(out_dir, uploads, own_secrets, kept)
    return problems, notes


def _check_text_versions(out_dir: Path, uploads: dict[str, str], own_secrets: dict, kept: dict) -> list[Problem]:
    """Each text version searched for its own document's redacted values (a name also kept
    on purpose in that document is not searched for: the PDF check placed it by its box)."""
    from woopub.package.build import PACKAGE, TEXT

    problems = []
    for upload, document in sorted(uploads.items()):
        path = out_dir / PACKAGE / TEXT / f"{Path(upload).stem}.txt"
        if not path.is_file():
            continue  # check_package reports it
        kept_values = {" ".join(p.text.split()).lower() for p in kept.get(document, [])}
        secrets = [s for s in own_secrets.get(document, []) if " ".join(s.value.split()).lower() not in kept_values]
        problems += check_plain_text(path.read_text("utf-8"), path.relative_to(out_dir).as_posix(), secrets)
    return problems


def _iter_proposals(path: Path) -> Iterator[Proposal]:
    if not path.is_file():
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield Proposal.from_dict(json.loads(line))


__all__ = ["Reporter", "CallbackReporter", "ScanUnit", "scan_unit", "propose_unit", "write_unit", "publish_unit", "verify_unit", "plan",
           "run_batch", "verify_output"]
