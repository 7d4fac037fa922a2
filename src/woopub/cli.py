"""Command line: a thin layer over the library. Each command parses its
options, calls one library function and prints a summary.

Exit codes: 0 all fine; 1 a document failed or verification found a problem;
2 usage or configuration error (bad option, broken rule file).
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import sys
import threading
import time
from pathlib import Path

import click

from woopub import __version__
from woopub.errors import EXIT_DOCUMENT_FAILED, EXIT_OK, EXIT_USAGE, RuleError, one_line, store_write_fault

EXIT_CODES_HELP = """
\b
Exit codes:
  0  every document published and verified
  1  a document was refused or failed, or verification found a problem,
     or Frog cannot start (see --without)
  2  usage or configuration error (bad option, broken rule file, missing
     input, no PDF, output at or inside an input, another run on the output)
"""

rules_option = click.option(
    "--rules",
    "rule_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra rule file or folder of rule files (repeatable), added to the shipped rules.",
)


def _load_rules(rule_paths):
    from woopub.decide.rules import load_rules

    try:
        return load_rules(list(rule_paths))
    except RuleError as exc:
        click.echo(f"woopub: rule error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def _exit_on_write_fault(exc: OSError) -> None:
    from woopub.errors import EXIT_CANNOT_WRITE, write_fault_line

    line = write_fault_line(exc)
    if line:
        click.echo(line, err=True)
        sys.exit(EXIT_CANNOT_WRITE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="woopub")
def main() -> None:
    """woopub: redact civil servants' personal data from Woo dossiers, for real.

    \b
    Examples:
      woopub redact dossier/ --out gepubliceerd/
      woopub verify gepubliceerd/
      woopub scan-text brief.txt
    """
    # standard output carries results (JSON lines, summaries); diagnostics go to standard error
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="woopub: %(levelname)s: %(message)s", force=True)


def run() -> None:
    """The `woopub` program: the command group with its Ctrl-C handling, which belongs to the
    process and not to a caller running the commands in-process (a test, a notebook)."""
    from woopub.run.safety import private_temp_root

    signal.signal(signal.SIGINT, _interrupted)
    signal.signal(signal.SIGTERM, _terminated)  # `kill`, a time limit, a CI job cancelled: clean up as for Ctrl-C
    with private_temp_root():
        main()


STOP_SECONDS = 10  # after Ctrl-C: time for the clean-up before the process ends anyway


def _interrupted(signum, frame) -> None:
    """Ctrl-C stops the run through the usual clean-up, but a clean-up that hangs (a pool waiting for a
    worker, a thread) never keeps a stopped run alive: the workers' children die with their parent."""
    def end() -> None:
        time.sleep(STOP_SECONDS)
        os._exit(130)

    threading.Thread(target=end, name="stop", daemon=True).start()
    signal.default_int_handler(signum, frame)


def _terminated(signum, frame) -> None:
    if os.getpid() != _PROGRAM:  # a forked child ends as SIGTERM ends it; its parent cleans up
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    _interrupted(signum, frame)


_PROGRAM = os.getpid()


def batch_options(fn):
    """Options of the commands that run a batch: workers, cluster, progress, resume."""
    options = [
        click.option("--workers", type=click.IntRange(min=1), default=None,
                     help="Worker processes on this machine (default: one per core; 1 runs in this process)."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Run on a Dask cluster, e.g. tcp://10.0.0.5:8786. Every worker must see the input, "
                          "output and internal folders under the same paths."),
        click.option("--quiet", "-q", is_flag=True, help="No progress and no per-document lines; only failures and the total."),
        click.option("--json", "as_json", is_flag=True,
                     help="Machine-readable progress: one JSON object per line on standard output, a summary last."),
        click.option("--no-resume", is_flag=True,
                     help="Start afresh: ignore what an earlier, interrupted run over the same output already did."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the redacted PDFs and the publication log.")
@click.option("--internal", "internal_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the internal record (original values, reviewer report). "
                   "Default: beside OUT_DIR, named OUT_DIR-INTERN-niet-publiceren. Never inside OUT_DIR.")
@click.option("--password", help="Password for encrypted input PDFs.")
@click.option("--password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help='JSON file with a password per document: {"nota.pdf": "geheim", "bijlagen/brief.pdf": "..."}; '
                   "documents named by their path in the dossier or their file name. Wins over --password.")
@click.option("--without", "without", multiple=True, type=click.Choice(["frog"]),
              help="Run without a detector woopub otherwise requires: --without frog goes on with the name lists "
                   "and patterns alone when Frog cannot run (fewer names found).")
@click.option("--dossier-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML file with the Woo decision's metadata and per-document titles, dates, assessments "
                   "for the publication package (OUT_DIR/package). Default: woo-dossier.yaml at the top of an "
                   "input folder.")
@click.option("--stamp/--no-stamp", default=True, help="Document number in the margin of every page of the package's PDFs.")
@click.option("--dossier", "dossier_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of a review dossier (SQLite, holds the original values: 0700) the run keeps its state in "
                   "and leaves its documents, proposals (accepted) and open points in, for woopub review and "
                   "woopub apply. Default: the run's state stays in the internal record.")
@rules_option
@batch_options
def redact(inputs, out_dir, internal_dir, password, password_file, rule_paths, workers, scheduler, quiet, as_json,
           no_resume, without, dossier_file, stamp, dossier_dir):
    """Redact INPUT PDFs (files or folders, searched recursively) into OUT_DIR.

    Writes each redacted PDF under the same name, plus publicatielog.json and
    publicatielog.csv, then verifies the output. The original values and a
    reviewer report go to the internal folder, outside OUT_DIR.

    Documents are processed in parallel on all cores (or on a Dask cluster
    with --scheduler). A run that was stopped continues where it stopped:
    documents already published with the same input, rules and persons are
    skipped and still listed in the log.

    \b
    Examples:
      woopub redact samples/ --out out/
      woopub redact nota.pdf bijlagen/ --out out/ --rules dossier-regels.yaml
      woopub redact dossier/ --out out/ --scheduler tcp://10.0.0.5:8786 --json
    """
    import time

    from woopub.run.executors import Settings, make_executor
    from woopub.reading.passwords import Passwords, PasswordFileError, load_password_file
    from woopub.writing.publish import default_internal_dir

    started = time.monotonic()
    from woopub.package.settings import DossierFileError, find_dossier_file, load_dossier_file

    try:
        passwords = Passwords(password, load_password_file(password_file) if password_file else {})
        dossier_file = dossier_file or find_dossier_file(inputs)
        dossier = load_dossier_file(dossier_file)
    except (PasswordFileError, DossierFileError) as exc:
        click.echo(f"woopub: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    internal = internal_dir or default_internal_dir(out_dir)
    from woopub.run.pipeline import collect_inputs
    from woopub.review.store import DossierVersionError, ReviewDossier
    from woopub.run.safety import PathConflict, check_not_empty, check_paths

    try:  # before anything is written: no input is ever written over or written among
        check_paths(inputs, out_dir, internal, dossier_dir)
        check_not_empty(inputs, collect_inputs(inputs, exclude=[out_dir, internal])[0])
        if dossier_dir is not None:  # its schema checked (and made) before any document is read
            ReviewDossier(dossier_dir).close()
    except PathConflict as exc:
        click.echo(f"woopub: {exc}", err=True)
        sys.exit(exc.exit_code)
    except DossierVersionError as exc:  # a dossier made by another woopub version, or no dossier at all
        click.echo(f"woopub: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if without:  # before the pool starts: its processes inherit it
        from woopub.detect.persons import run_without

        click.get_current_context().call_on_close(run_without(without))
    if not scheduler and "frog" not in without:  # Frog loads (~4 s) beside everything below (workers share it)
        from woopub.detect.frog import start_default_in_background

        start_default_in_background()
    try:  # workers next: they load the detectors while this process loads the rules and the pipeline
        executor = make_executor(workers, scheduler, scratch=Path(internal) / ".werkbestanden")
    except OSError as exc:
        _exit_on_write_fault(exc)
        raise click.UsageError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
    try:
        rules = _load_rules(rule_paths)
    except SystemExit:
        executor.close()
        raise
    from woopub.run.batch import run_batch, verify_output
    from woopub.run.safety import RunInProgress, remove_made
    from woopub.run.progress import make_reporter

    if not scheduler and "frog" not in without:
        _require_frog(executor)
    reporter = make_reporter(quiet=quiet, as_json=as_json)
    package_failed = False
    try:
        with executor:
            reporter.note(f"loading detectors, {executor.description} ...")
            try:
                result = run_batch(Settings(rules, passwords), inputs, out_dir, internal_dir, executor, reporter,
                                   resume=not no_resume, keep_proposals=dossier_dir is not None, keep_ocr_memo=True,
                                   dossier_dir=dossier_dir)
            except ValueError as exc:
                raise click.UsageError(str(exc)) from exc
            except RunInProgress as exc:
                click.echo(f"woopub: {exc}", err=True)
                sys.exit(exc.exit_code)
            from woopub.package.build import build_package

            try:
                build_package(out_dir, result.log, dossier, stamp, result.internal_dir, executor=executor)
            except OSError:
                raise
            except Exception as exc:  # the documents are out and verified; the package says what went wrong
                click.echo(f"woopub: the publication package could not be built: {one_line(exc)}", err=True)
                package_failed = True
            try:
                problems, notes = verify_output(out_dir, result.internal_dir, executor, reporter, result)
            finally:
                if result.ocr_memo:
                    remove_made(Path(result.ocr_memo))
            if dossier_dir is not None:  # what the run proposed and accepted, for a reviewer to look at again
                from woopub.review.scan import store_run

                store_run(Settings(rules, passwords), dossier_dir, result,
                          *collect_inputs(inputs, exclude=[out_dir, internal, dossier_dir]), accepted_by="woopub redact")
                result.proposals = []
    except OSError as exc:  # a full disk or read-only output: one line, not a traceback
        _exit_on_write_fault(exc)
        raise
    except sqlite3.Error as exc:  # the same for the run state's SQLite file
        fault = store_write_fault(exc)
        if fault is not None:
            _exit_on_write_fault(fault)
        raise
    finally:
        reporter.close()
    from woopub.package.check import PACKAGE_NOTE

    published = [o for o in result.outcomes if o.status == "published"]
    pages = sum(o.pages for o in published)
    redactions = sum(o.redactions for o in published)
    exit_code = EXIT_DOCUMENT_FAILED if (result.failed or problems or package_failed) else EXIT_OK
    seconds = time.monotonic() - started
    if as_json:
        click.echo(json.dumps({
            "event": "summary",
            "documents": len(result.outcomes),
            "published": len(published),
            "failed": [{"document": o.document, "reason": o.reason} for o in result.failed],
            "skipped": result.skipped,
            "pages": pages,
            "redactions": redactions,
            "boxes_per_page": _boxes_per_page(result.internal_dir, pages),
            "verify": "passed" if not problems else "failed",
            "problems": [str(p) for p in problems],
            "notes": notes,
            "seconds": round(seconds, 2),
            "pages_per_second": round(pages / seconds, 2) if seconds else None,
            "stage_seconds": {k: round(v, 3) for k, v in sorted(result.seconds.items())},
            "ocr": _ocr_summary(result.ocr),
            "workers": executor.workers,
            "internal_record": str(result.internal_dir),
            "exit_code": exit_code,
        }, ensure_ascii=False))
        sys.exit(exit_code)
    click.echo(
        f"total: {len(published)} of {len(result.outcomes)} document(s) published, {pages} page(s), "
        f"{redactions} redaction(s); verify: {'passed' if not problems else f'{len(problems)} problem(s)'}"
    )
    if not quiet:
        line = _ocr_line(result.ocr)
        if line:
            click.echo(line)
        _echo_overview(result.internal_dir, pages)
        _echo_pages_to_check(published)
        if dossier.path:
            click.echo(f"dossier file: {dossier.path}")
        click.echo(f"internal record (do not publish): {result.internal_dir}")
        if dossier_dir is not None:
            click.echo(f"dossier (do not publish): {dossier_dir}: woopub review {dossier_dir} to look again, "
                       f"woopub apply {dossier_dir} to publish its decisions")
    for note in notes:
        if quiet and note.startswith(PACKAGE_NOTE):
            continue  # metadata the package lacks (no publisher): -q asked for the total only; verify says it
        click.echo(f"note: {note}", err=True)
    for name in passwords.unused([result.sources.get(o.document, o.document) for o in result.outcomes]):
        click.echo(f"note: the password file names {name}, which is not among the inputs", err=True)
    for p in problems:
        click.echo(f"verify: {p}", err=True)
    if result.failed:
        from woopub.run.progress import shown_name

        click.echo("failed: " + ", ".join(shown_name(o.document) for o in result.failed), err=True)
        for o in result.failed:  # the reasons again, together at the end of a long run
            click.echo("  " + " ".join(str(o.reason).replace(o.document, shown_name(o.document)).splitlines()), err=True)
    sys.exit(exit_code)


def _ocr_summary(stats) -> dict:
    """What OCR read and which pictures it left alone, by reason (the --json summary's "ocr")."""
    return {
        "pages": stats.pages,
        "whole_pages": stats.whole_pages,
        "images_read": stats.images,
        "images_skipped": dict(sorted(stats.images_skipped.items(), key=lambda kv: -kv[1])),
        "drawn_pages_skipped": stats.drawn_pages_skipped,
        "seconds": round(stats.read_seconds, 2),
        "look_seconds": round(stats.look_seconds, 2),
    }


def _ocr_line(stats) -> str:
    """One line on what OCR read and left alone, or "" when the run had no pictures to look at."""
    skipped = sum(stats.images_skipped.values())
    if not (stats.pages or skipped or stats.drawn_pages_skipped):
        return ""
    reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(stats.images_skipped.items(), key=lambda kv: -kv[1]))
    line = (f"OCR: {stats.pages} page(s) read ({stats.whole_pages} whole, pictures on {stats.pages - stats.whole_pages}); "
            f"{skipped} picture(s) not read" + (f": {reasons}" if reasons else ""))
    if stats.drawn_pages_skipped:
        line += f"; {stats.drawn_pages_skipped} page(s) without text layer showed no letters"
    return line
def _require_frog(executor) -> None:
    """A detector the configuration relies on that cannot start fails the run, before anything is written."""
    from woopub.detect.frog import FrogUnavailable, default_tagger

    try:
        default_tagger().start()  # waits for the start begun in the background
    except FrogUnavailable as exc:
        executor.close()
        reason = " ".join(str(exc).split())  # one line, whatever Frog printed
        click.echo(f"woopub: the Dutch name recogniser Frog cannot run ({reason}); repair it, or run with "
                   "--without frog to publish without it (fewer names found); nothing was written", err=True)
        sys.exit(EXIT_DOCUMENT_FAILED)


def _boxes_per_page(internal_dir, pages: int) -> dict[str, float]:
    from woopub.writing.publish import read_proposals, redaction_overview

    return redaction_overview(read_proposals(internal_dir) or [], pages).boxes_per_page


def _echo_overview(internal_dir, pages: int) -> None:
    """Boxes per page by entity and the most redacted strings, so over-redaction shows at a glance.
    The strings are redacted values: on the terminal only, never in --json (CI logs) or the public log."""
    from woopub.writing.publish import read_proposals, redaction_overview

    overview = redaction_overview(read_proposals(internal_dir) or [], pages)
    if overview.boxes_per_page:
        click.echo("boxes per page: " + ", ".join(f"{e} {n}" for e, n in overview.boxes_per_page.items()))
        click.echo("most redacted: " + ", ".join(f"{t!r} {n}" for t, n in overview.top_strings[:10])
                   + (f"; {len(overview.weak)} name(s) on weak evidence alone: see the report" if overview.weak else ""))


def _echo_pages_to_check(published) -> None:
    """Scanned pages OCR could not read (well): a human must look at them before publication."""
    from woopub.reading.ocr import CHECK_BY_HAND

    pages = [(o.document, w.split(":", 1)[0]) for o in published for w in o.warnings if w.endswith(CHECK_BY_HAND)]
    if pages:
        where = ", ".join(f"{doc} {page}" for doc, page in pages)
        click.echo(f"check by hand: {len(pages)} page(s) OCR could not read well: {where} (see the reviewer report)")


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--internal", "internal_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Internal record to take the redacted values from (default: beside OUT_DIR).")
def verify(out_dir, internal_dir):
    """Check every published PDF in OUT_DIR for leaks and leftovers.

    Fails when a redacted value can still be extracted anywhere in a file
    (hidden layers, invisible text, objects, text strings, earlier
    revisions included), or when metadata, annotations, outline entries,
    attachments, form fields, JavaScript, named destinations, alternate
    texts, stray text strings or an incremental-update history remain, when
    text cannot be read (fonts without Unicode mapping), or a box lacks its
    ground code.

    \b
    Example:
      woopub verify out/
    """
    from woopub.run.batch import verify_output

    problems, notes = verify_output(out_dir, internal_dir)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    for p in problems:
        click.echo(str(p))
    click.echo(f"verify: {'passed' if not problems else f'{len(problems)} problem(s)'}")
    sys.exit(EXIT_DOCUMENT_FAILED if problems else EXIT_OK)


@main.command("scan-text", epilog=EXIT_CODES_HELP)
@click.argument("files", nargs=-1, required=True, type=click.File("r", encoding="utf-8"))
@rules_option
def scan_text(files, rule_paths):
    """Detect and decide on plain text: one JSON line per span found.

    The texts are read as one dossier, as `redact` reads PDFs: a name
    redacted in one is also found in its other forms in the others. Each
    line has document (the file name; - for standard input), start and end
    (character offsets into that text), entity, score, action (redact or
    keep), ground, reason and rule. Names that stay public are reported
    too, with action keep. Use - to read standard input.

    \b
    Examples:
      woopub scan-text brief.txt
      woopub scan-text nota.txt bijlage-1.txt bijlage-2.txt
      echo "Beste Jan, bel me op 06-12345678." | woopub scan-text -
    """
    from woopub.detect.frog import start_default_in_background

    start_default_in_background()  # Frog loads while the detectors are built
    from woopub.decide.analysis import read_dossier
    from woopub.detect import Detector

    rules = _load_rules(rule_paths)
    texts = {}
    for file in files:
        name = getattr(file, "name", "-")
        texts[name if name not in texts else f"{name}#{len(texts) + 1}"] = file.read()
    read = read_dossier(texts, Detector(), rules)  # both readings, as `redact` reads a dossier
    for name, (findings, decisions) in read.items():
        for f, d in zip(findings, decisions):
            click.echo(
                json.dumps(
                    {
                        "document": "-" if name == "<stdin>" else name,
                        "start": f.start,
                        "end": f.end,
                        "entity": f.entity,
                        "text": f.text,
                        "score": f.score,
                        "action": d.action,
                        "ground": d.ground,
                        "reason": d.reason,
                        "rule": d.rule,
                        "evidence": list(f.evidence),
                    },
                    ensure_ascii=False,
                )
            )
    sys.exit(EXIT_OK)


EVAL_EXIT_CODES_HELP = """
\b
Exit codes:
  0  the report was printed (targets are checked by bench/detection.py, not here)
  2  usage error, or the corpus folder or an annotation file is unusable
"""


@main.command("eval", epilog=EVAL_EXIT_CODES_HELP)
@click.argument("corpus_dir", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.option("--single-pass", is_flag=True,
              help="Skip the dossier pass (known persons' other name forms), as scan-text does.")
@click.option("--all", "show_all", is_flag=True, help="List every miss and false redaction (default: the first 25).")
@rules_option
def eval_corpus(corpus_dir, as_json, single_pass, show_all, rule_paths):
    """Measure detection on an annotated corpus: recall, precision, keep precision.

    CORPUS_DIR holds <name>.txt documents with gold spans in <name>.json
    (see samples/corpus/docs/README.md). Per entity type: recall (a gold
    redact span counts as found when every non-space character is redacted),
    precision (share of redacted spans that overlap a gold redact span) and
    keep precision (share of gold keep spans left wholly unredacted); then
    the misses and false redactions with their context.

    \b
    Examples:
      woopub eval samples/corpus/docs
      woopub eval samples/corpus/docs --json > eval.json
    """
    from woopub.evaluate import CorpusError, evaluate, format_report

    rules = _load_rules(rule_paths)
    try:
        report = evaluate(corpus_dir, rules, dossier_pass=not single_pass)
    except CorpusError as exc:
        click.echo(f"woopub: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        click.echo(format_report(report, max_items=None if show_all else 25))
    sys.exit(EXIT_OK)


@main.group()
def rules():
    """Inspect and check rule files."""


@rules.command("check", epilog=EXIT_CODES_HELP)
@rules_option
def rules_check(rule_paths):
    """Validate the shipped rules plus any --rules files, and summarise them.

    \b
    Example:
      woopub rules check --rules dossier-regels.yaml
    """
    rs = _load_rules(rule_paths)
    click.echo(f"rule files: {', '.join(str(p) for p in rs.files)}")
    click.echo(
        f"{len(rs.grounds)} grounds, {len(rs.keep)} keep rules, {len(rs.redact)} redact rules, "
        f"{len(rs.officials)} office holders, {len(rs.always_redact)} always-redact and "
        f"{len(rs.always_keep)} always-keep values; rule-set sha256 {rs.digest}"
    )
    sys.exit(EXIT_OK)


OFFICIALS_EXIT_HELP = """
\b
Exit codes:
  0  listed, or the keep-list was refreshed and written
  1  the Tweede Kamer API could not be reached or gave no usable answer;
     nothing was written and the list in use stays in use
  2  usage or configuration error (bad option, broken rule file)
"""


@rules.command("officials", epilog=OFFICIALS_EXIT_HELP)
@click.option("--update", is_flag=True,
              help="Refresh the Tweede Kamer members from the Tweede Kamer open-data API (needs a network).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              help="With --update: file to write (default: the user rules folder, "
                   "$XDG_DATA_HOME/woopub/rules/officials.yaml, which woopub then reads instead of the shipped list).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="With --update: fetch memberships that ran on or after this date (default: grace_years ago).")
@click.option("--timeout", type=click.FloatRange(min=1), default=30, show_default=True,
              help="With --update: seconds to wait for each API answer.")
def rules_officials(update, out_path, since, timeout):
    """List the keep-list of office holders, or refresh it with --update.

    Without --update: the file in use, its as_of date and one line per office
    holder (name, party, roles with dates). With --update: fetches Tweede
    Kamer membership periods from the Tweede Kamer open-data API, merges them
    with the list in use (hand-added entries such as cabinet members stay),
    writes the result and prints what was added, removed or changed.

    \b
    Examples:
      woopub rules officials
      woopub rules officials --update
      woopub rules officials --update --out rules/officials.yaml --since 2023-12-06
    """
    from woopub.decide.rules import officials_file, read_rule_file

    if not update:
        if out_path or since:
            raise click.UsageError("--out and --since go with --update")
        path = officials_file()
        try:
            data = read_rule_file(path)
        except RuleError as exc:
            click.echo(f"woopub: rule error: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        from woopub.decide.officials import describe

        entries = data.get("officials", [])
        for e in entries:
            click.echo(describe(e))
        cabinet = sum(1 for e in entries if any(r["role"] != "Tweede Kamerlid" for r in e["roles"]))
        click.echo(f"{len(entries)} office holder(s), {cabinet} with a role outside the Kamer; "
                   f"as_of {data.get('as_of', 'unknown')}; file {path}")
        sys.exit(EXIT_OK)

    from woopub.decide.officials import FetchError, report_lines
    from woopub.decide.officials import update as update_officials

    try:
        result = update_officials(out_path, since.date() if since else None, timeout=timeout)
    except FetchError as exc:
        click.echo(f"woopub: officials not updated: {exc}; the list in use stays in use", err=True)
        sys.exit(EXIT_DOCUMENT_FAILED)
    except RuleError as exc:
        click.echo(f"woopub: rule error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    for line in report_lines(result.changes):
        click.echo(line)
    c = result.changes
    click.echo(f"{len(c.added)} added, {len(c.removed)} removed, {len(c.changed)} changed; "
               f"{result.entries} office holder(s), {result.sitting} sitting Kamerleden in the API answer "
               f"(memberships since {result.since}); written to {result.path}")
    sys.exit(EXIT_OK)

from woopub.review.commands import register as _register_review  # noqa: E402

_register_review(main, rules_option, _load_rules, EXIT_CODES_HELP)

if __name__ == "__main__":  # pragma: no cover
    main()
