"""Command line of the review workflow (scan into a dossier), registered on ``woopub.cli.main``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from woopub.errors import EXIT_DOCUMENT_FAILED, EXIT_OK, EXIT_USAGE


def register(main, rules_option, load_rules, exit_codes_help: str = "") -> None:
    @main.command("scan", epilog=exit_codes_help)
    @click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option("--dossier", "folder", required=True, type=click.Path(file_okay=False, path_type=Path),
                  help="Folder of the review dossier (SQLite, holds the original values: 0700). "
                       "Scanning into an existing dossier keeps every decision on an unchanged proposal.")
    @click.option("--workers", type=click.IntRange(min=1), default=None,
                  help="Worker processes on this machine (default: one per core; 1 runs in this process).")
    @click.option("--without", "without", multiple=True, type=click.Choice(["frog"]),
                  help="Go on without Frog (fewer names found).")
    @rules_option
    def scan(inputs, folder, workers, without, rule_paths):
        """Scan INPUT PDFs into a review dossier: propose, do not publish.

        Documents woopub cannot publish as they are become open points with
        their reason, for a reviewer to resolve.

        \b
        Example:
          woopub scan samples/ --dossier dossier/
        """

        from woopub.run.executors import Settings, make_executor
        from woopub.reading.passwords import Passwords
        from woopub.review.scan import scan_into_dossier
        from woopub.package.settings import DossierFileError
        from woopub.review.store import DossierVersionError

        rules = load_rules(rule_paths)
        if without:
            from woopub.detect.persons import run_without

            click.get_current_context().call_on_close(run_without(without))
        try:
            folder.mkdir(parents=True, exist_ok=True)
            kept = _keep_dossier_file(inputs, folder)  # before the scan: a broken file is said at once
            executor = make_executor(workers, None, scratch=folder)
            try:
                counts = scan_into_dossier(Settings(rules, Passwords(None)), inputs, folder, executor)
            finally:
                executor.close()
        except (DossierVersionError, DossierFileError) as exc:
            click.echo(f"woopub: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        if kept:
            click.echo(f"dossier file {kept} kept in {folder} for woopub apply")
        click.echo(f"dossier {folder}: {counts['documents']} document(s), {counts['proposals']} proposal(s) "
                   f"({counts['new']} new, {counts['kept']} unchanged with their decision), "
                   f"{counts['open_points']} open point(s)")
        sys.exit(EXIT_OK if not counts["open_points"] else EXIT_DOCUMENT_FAILED)

    @main.command("apply", epilog=exit_codes_help)
    @click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
                  help="Folder for the published PDFs and the publication log.")
    @click.option("--accept-pending", is_flag=True,
                  help="Accept every proposal nobody decided on as proposed (what woopub redact does).")
    @click.option("--internal", "internal_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="Folder for the internal record woopub verify reads (default: OUT_DIR's name + .intern, beside it).")
    @click.option("--dossier-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                  help="YAML file with the Woo decision's metadata for the publication package (as woopub redact); "
                       "a reviewer's niet/reeds openbaar mark wins over its assessment of that document.")
    @click.option("--stamp/--no-stamp", default=True, help="Document number in the margin of every page of the package's PDFs.")
    @click.option("--workers", type=click.IntRange(min=1), default=1,
                  help="Worker processes on this machine (default 1: in this process, each document in a bounded child).")
    @rules_option
    def apply(folder, out_dir, accept_pending, internal_dir, dossier_file, stamp, workers, rule_paths):
        """Publish a reviewed dossier: only the redactions reviewers accepted or added.

        Verifies every document as woopub redact does and writes the same
        publication package (OUT_DIR/package). A document a reviewer marked
        niet openbaar or reeds openbaar is not published and listed with its
        ground or link; a page marked niet openbaar is redacted whole. The
        publication log says per box whether a rule or a reviewer decided it
        (never the value or the reviewer's name; both are in the dossier's
        apply-record.json).

        \b
        Example:
          woopub apply dossier/ --out publicatie/
        """
        from woopub.review.apply import UndecidedProposals, apply_dossier
        from woopub.review.store import DossierVersionError
        from woopub.run.executors import make_executor
        out, own = out_dir.resolve(), folder.resolve()
        if out == own or own in out.parents or out in own.parents:
            click.echo(f"woopub: --out {out_dir} is the dossier folder, inside it or around it: the dossier holds "
                       "the original values; choose a folder outside it; nothing was written", err=True)
            sys.exit(EXIT_USAGE)
        if internal_dir is not None and (internal_dir.resolve() == out or out in internal_dir.resolve().parents):
            click.echo(f"woopub: --internal {internal_dir} is inside --out {out_dir}: it holds the original values; "
                       "nothing was written", err=True)
            sys.exit(EXIT_USAGE)
        from woopub.package.settings import DOSSIER_FILE_NAME, DossierFileError, load_dossier_file

        if dossier_file is None and (folder / DOSSIER_FILE_NAME).is_file():
            dossier_file = folder / DOSSIER_FILE_NAME  # kept there by woopub scan, or put there by the officer
        try:
            dossier_file = load_dossier_file(dossier_file)
            # a pool's shared files hold the values hunted for: kept in the dossier folder (0700)
            executor = make_executor(workers, None, scratch=folder / ".werkbestanden") if workers > 1 else None
            try:
                result = apply_dossier(folder, out_dir, load_rules(rule_paths), accept_pending, dossier_file, stamp,
                                       internal_dir, executor)
            finally:
                if executor is not None:
                    executor.close()
        except (UndecidedProposals, DossierVersionError, DossierFileError) as exc:
            click.echo(f"woopub: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        # apply_dossier wrote the package (with the reviewers' marks) and verified it with the output
        published = [o for o in result.outcomes if o.status == "published"]
        click.echo(f"total: {len(published)} of {len(result.outcomes)} document(s) published, "
                   f"{len(result.entries)} box(es); verify: {'passed' if not result.problems else 'failed'}")
        for o in result.outcomes:
            if o.status != "published":
                click.echo(f"{o.status}: {o.document}: {o.reason}", err=True)
        for note in result.notes:
            click.echo(f"note: {note}", err=True)
        for p in result.problems:  # labels, never values
            click.echo(f"verify: {p}", err=True)
        failed = result.problems or any(o.status == "failed" for o in result.outcomes)
        sys.exit(EXIT_DOCUMENT_FAILED if failed else EXIT_OK)

    @main.command("review", epilog=exit_codes_help)
    @click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (default: a free one).")
    @click.option("--reviewer", default=None, help="Your name in the audit trail (default: your login name).")
    @rules_option
    def review(folder, port, reviewer, rule_paths):
        """Review a dossier in the browser on this machine (127.0.0.1 only).

        Prints a URL with a random token; the page works only with it.

        \\b
        Example:
          woopub review dossier/ --reviewer "A. de Vries"
        """
        import getpass

        from werkzeug.serving import make_server

        from woopub.review.server import create_app

        from woopub.reading.passwords import Passwords
        from woopub.review.reread import reread_by_ocr
        from woopub.run.executors import Settings

        rules = load_rules(rule_paths)
        settings = Settings(rules, Passwords(None))
        app = create_app(folder, reviewer or getpass.getuser(), {c: g.text for c, g in sorted(rules.grounds.items())},
                         reread=lambda document, who: reread_by_ocr(settings, folder, document, who))
        server = make_server("127.0.0.1", port, app, threaded=True)
        click.echo(f"woopub review: http://127.0.0.1:{server.server_port}/?token={app.config['TOKEN']}", err=False)
        click.echo("stop with Ctrl+C", err=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass

    @main.command("report", epilog=exit_codes_help)
    @click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.option("--to", "target", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="Folder for report.html and report.csv (default: DIR/rapport). Never a publication folder.")
    def report(folder, target):
        """Write the dossier's static review report (HTML and CSV, readable by you only).

        \\b
        Example:
          woopub report dossier/
        """
        from woopub.writing.publish import LOG_JSON
        from woopub.review.exchange import write_report

        target = target or folder / "rapport"
        if (target / LOG_JSON).exists() or (target.parent / LOG_JSON).exists():
            click.echo(f"woopub: {target} is (inside) a publication folder: choose another; nothing was written", err=True)
            sys.exit(EXIT_USAGE)
        page, table = write_report(folder, target)
        click.echo(f"report: {page} and {table}")

    @main.group("decisions")
    def decisions():
        """Export and import a dossier's decisions as a CSV review file."""

    @decisions.command("export", epilog=exit_codes_help)
    @click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
    def decisions_export(folder, target):
        """Write every proposal with its status to a CSV file (0600).

        \\b
        Example:
          woopub decisions export dossier/ besluiten.csv
        """
        from woopub.review.exchange import export_decisions

        click.echo(f"{export_decisions(folder, target)} proposal(s) written to {target}")

    @decisions.command("import", epilog=exit_codes_help)
    @click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--reviewer", default=None, help="Your name in the audit trail (default: your login name).")
    def decisions_import(folder, source, reviewer):
        """Take the status and ground columns of an edited CSV review file.

        \\b
        Example:
          woopub decisions import dossier/ besluiten.csv --reviewer "A. de Vries"
        """
        import getpass

        from woopub.review.exchange import import_decisions

        changed, refused = import_decisions(folder, source, reviewer or getpass.getuser())
        click.echo(f"{changed} decision(s) taken from {source}")
        for line in refused:
            click.echo(f"refused: {line}", err=True)
        sys.exit(EXIT_DOCUMENT_FAILED if refused else EXIT_OK)

    @main.group("acrobat")
    def acrobat():
        """The Acrobat round trip: PDFs marked for redaction, reviewed in Acrobat, read back."""

    @acrobat.command("export", epilog=exit_codes_help)
    @click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.argument("target", type=click.Path(file_okay=False, path_type=Path))
    def acrobat_export(folder, target):
        """Write every document with an unapplied Redact mark on each box woopub would redact.

        Open them in Acrobat (Tools > Redact shows the marks), remove a mark
        to reject it, add marks with "Mark for redaction" (type a ground such
        as 5.1.2i as the overlay text), save, and read them back with
        woopub acrobat import. The files hold the original values (0600).

        \b
        Example:
          woopub acrobat export dossier/ acrobat/
        """
        from woopub.review.acrobat import export_marked

        out, own = target.resolve(), folder.resolve()
        if out == own:
            click.echo(f"woopub: {target} is the dossier folder: choose another; nothing was written", err=True)
            sys.exit(EXIT_USAGE)
        click.echo(f"{export_marked(folder, target)} redaction mark(s) written into {target}")

    @acrobat.command("import", epilog=exit_codes_help)
    @click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
    @click.option("--reviewer", default=None, help="Name in the audit trail (default: acrobat-import).")
    @rules_option
    def acrobat_import(folder, sources, reviewer, rule_paths):
        """Read back PDFs reviewed in Acrobat: a removed mark rejects its proposal, a mark left
        standing accepts it, a new mark is a box added (its overlay text, if a ground, is its ground).

        SOURCES: the exported folder, or single PDFs named as in the dossier.

        \b
        Example:
          woopub acrobat import dossier/ acrobat/ --reviewer "A. de Vries"
        """
        from woopub.review.acrobat import ACROBAT_REVIEWER, files_to_import, import_marked

        files, refused = files_to_import(folder, list(sources))
        result = import_marked(folder, files, reviewer or ACROBAT_REVIEWER, set(load_rules(rule_paths).grounds))
        click.echo(f"{len(files)} file(s): {result.accepted} accepted, {result.rejected} rejected, "
                   f"{result.added} box(es) added")
        for line in refused + result.refused:
            click.echo(f"refused: {line}", err=True)
        sys.exit(EXIT_DOCUMENT_FAILED if refused or result.refused else EXIT_OK)

    @main.command("resolve", epilog=exit_codes_help)
    @click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.argument("document")
    @click.argument("answer", type=click.Choice(["ocr", "exclude", "redact-pages"]))
    @click.option("--reviewer", default=None, help="Your name in the audit trail (default: your login name).")
    @rules_option
    def resolve(folder, document, answer, reviewer, rule_paths):
        """Answer a document's open point: ocr (its unreadable pages become pictures, read by
        OCR and scanned into the dossier for review), exclude (not published) or redact-pages
        (its pages redacted whole).

        \b
        Example:
          woopub resolve dossier/ nota.pdf ocr --reviewer "A. de Vries"
        """
        import getpass

        from woopub.review.store import ReviewDossier

        who = reviewer or getpass.getuser()
        if answer == "ocr":
            from woopub.reading.passwords import Passwords
            from woopub.review.reread import CannotReread, reread_by_ocr
            from woopub.run.executors import Settings

            try:
                counts = reread_by_ocr(Settings(load_rules(rule_paths), Passwords(None)), folder, document, who)
            except KeyError:
                click.echo(f"woopub: {document} has no open point in {folder}", err=True)
                sys.exit(EXIT_USAGE)
            except CannotReread as exc:
                click.echo(f"woopub: {exc}", err=True)
                sys.exit(EXIT_DOCUMENT_FAILED)
            still = counts["open_points"]
            click.echo(f"{document}: read by OCR, {counts['proposals']} proposal(s) to review"
                       + ("; still an open point" if still else ""))
            sys.exit(EXIT_DOCUMENT_FAILED if still else EXIT_OK)
        d = ReviewDossier(folder)
        try:
            d.resolve(document, answer, who)
        except KeyError:
            click.echo(f"woopub: {document} has no open point in {folder}", err=True)
            sys.exit(EXIT_USAGE)
        finally:
            d.close()
        click.echo(f"{document}: {answer}")

def _keep_dossier_file(inputs, folder: Path) -> Path | None:
    """A copy of the inputs' dossier file (``woo-dossier.yaml``) in the review dossier, for woopub apply.

    The officer may edit that copy before applying; a later scan does not overwrite it."""
    import shutil

    from woopub.package.settings import DOSSIER_FILE_NAME, find_dossier_file, load_dossier_file

    found = find_dossier_file(inputs)
    if found is None or (folder / DOSSIER_FILE_NAME).exists():
        return None
    load_dossier_file(found)  # a broken file is said now, not at apply
    shutil.copyfile(found, folder / DOSSIER_FILE_NAME)
    return found
