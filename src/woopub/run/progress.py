"""A batch's progress on the command line.

* on a terminal: a rich progress bar per stage (documents, pages, pages per
  second, time left) with the per-document lines scrolling above it;
* not on a terminal (a log file, CI): the same per-document lines, and a
  plain progress line on standard error every few seconds;
* ``--quiet``: only failures (and the command's closing lines);
* ``--json``: one JSON object per line on standard output, for machines.

Per-document lines stay on standard output, failures on standard error, as
the command always printed them.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field

import click

from woopub.run.batch import Reporter
from woopub.model import DocumentOutcome

STAGE_NAMES = {"scan": "detect", "decide": "decide", "publish": "redact", "verify": "verify"}
PLAIN_INTERVAL = 5.0  # seconds between plain progress lines
JSON_INTERVAL = 1.0


@dataclass
class StageCount:
    documents: int
    pages: int
    documents_done: int = 0
    pages_done: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def pages_per_second(self) -> float:
        return self.pages_done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        if self.pages and self.pages_done:
            return max(self.pages - self.pages_done, 0) / self.pages_per_second
        if self.documents and self.documents_done:
            return (self.documents - self.documents_done) * self.elapsed / self.documents_done
        return None


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def shown_name(name: str) -> str:
    """A document name on one line: control characters (a newline in a file name) escaped, quoted then."""
    if name.isprintable():
        return name
    return repr(name)


def document_line(outcome: DocumentOutcome, skipped: bool = False) -> str:
    name = shown_name(outcome.document)
    if outcome.status != "published":
        reason = outcome.reason.replace(outcome.document, name) if outcome.reason else outcome.reason
        return f"{name}: FAILED: {' '.join(str(reason).splitlines())}"
    grounds = ", ".join(f"{g}: {n}" for g, n in sorted(outcome.per_ground.items())) or "none"
    line = (
        f"{name}: published, {outcome.pages} page(s), {outcome.redactions} redaction(s) "
        f"[{grounds}], {outcome.kept} kept public"
    )
    return line + (" (unchanged since an earlier run: skipped)" if skipped else "")


class PlainReporter(Reporter):
    """Lines of text: per document, and progress every few seconds."""

    def __init__(self, interval: float = PLAIN_INTERVAL, quiet: bool = False):
        self.interval = interval
        self.quiet = quiet
        self.counts: dict[str, StageCount] = {}
        self._last = 0.0

    def out(self, text: str) -> None:
        click.echo(text)

    def err(self, text: str) -> None:
        click.echo(text, err=True)

    def stage(self, name: str, documents: int, pages: int) -> None:
        self.counts[name] = StageCount(documents, pages)
        self._last = time.monotonic()
        if not self.quiet and documents:
            self.err(f"{STAGE_NAMES[name]}: {documents} document(s), {pages} page(s)")

    def advance(self, name: str, documents: int, pages: int) -> None:
        c = self.counts[name]
        c.documents_done += documents
        c.pages_done += pages
        if not self.quiet and time.monotonic() - self._last >= self.interval:
            self._last = time.monotonic()
            self.err(self.progress_line(name))

    def progress_line(self, name: str) -> str:
        c = self.counts[name]
        return (
            f"{STAGE_NAMES[name]}: {c.documents_done}/{c.documents} document(s), {c.pages_done}/{c.pages} page(s), "
            f"{c.pages_per_second:.1f} pages/s, {_clock(c.seconds_left)} left"
        )

    def done(self, name: str) -> None:
        c = self.counts.get(name)
        if c and c.documents and not self.quiet:
            self.err(f"{STAGE_NAMES[name]}: done, {c.pages_done} page(s) in {c.elapsed:.1f} s "
                     f"({c.pages_per_second:.1f} pages/s)")

    def document(self, outcome: DocumentOutcome, skipped: bool = False) -> None:
        if outcome.status == "published":
            if not self.quiet:
                self.out(document_line(outcome, skipped))
                for w in outcome.warnings:
                    self.out(f"  warning: {w}")
        else:
            self.err(document_line(outcome))

    def note(self, text: str) -> None:
        if not self.quiet:
            self.err(f"woopub: {text}")

    def close(self) -> None:
        pass


class RichReporter(PlainReporter):
    """A progress bar per stage on the terminal (standard error)."""

    def __init__(self):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        super().__init__()
        self.console = Console(stderr=True)
        self.stdout_is_terminal = sys.stdout.isatty()
        self.progress = Progress(
            TextColumn("[bold]{task.description:<7}"),
            BarColumn(),
            TextColumn("{task.fields[docs]} docs"),
            MofNCompleteColumn(),
            TextColumn("pages"),
            TextColumn("{task.fields[rate]} pages/s"),
            TimeRemainingColumn(),
            console=self.console,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.tasks: dict[str, int] = {}
        self.progress.start()

    def out(self, text: str) -> None:
        if self.stdout_is_terminal:
            self.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(text)

    def err(self, text: str) -> None:
        self.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def stage(self, name: str, documents: int, pages: int) -> None:
        self.counts[name] = StageCount(documents, pages)
        if documents:
            self.tasks[name] = self.progress.add_task(
                STAGE_NAMES[name], total=max(pages, 1), docs=f"0/{documents}", rate="-"
            )

    def advance(self, name: str, documents: int, pages: int) -> None:
        c = self.counts[name]
        c.documents_done += documents
        c.pages_done += pages
        if name in self.tasks:
            self.progress.update(
                self.tasks[name], completed=c.pages_done, docs=f"{c.documents_done}/{c.documents}",
                rate=f"{c.pages_per_second:.1f}",
            )

    def done(self, name: str) -> None:
        if name in self.tasks:
            c = self.counts[name]
            self.progress.update(self.tasks[name], completed=max(c.pages, 1), docs=f"{c.documents_done}/{c.documents}")

    def close(self) -> None:
        self.progress.stop()


class QuietReporter(PlainReporter):
    def __init__(self):
        super().__init__(quiet=True)


class JsonReporter(PlainReporter):
    """One JSON object per line on standard output: stage, progress, document, note, summary."""

    def __init__(self, interval: float = JSON_INTERVAL):
        super().__init__(interval=interval)

    def emit(self, event: str, **data) -> None:
        click.echo(json.dumps({"event": event, **data}, ensure_ascii=False))

    def stage(self, name: str, documents: int, pages: int) -> None:
        self.counts[name] = StageCount(documents, pages)
        self._last = time.monotonic()
        self.emit("stage", stage=STAGE_NAMES[name], documents=documents, pages=pages)

    def _progress(self, name: str) -> None:
        c = self.counts[name]
        left = c.seconds_left
        self.emit("progress", stage=STAGE_NAMES[name], documents_done=c.documents_done, documents=c.documents,
                  pages_done=c.pages_done, pages=c.pages, pages_per_second=round(c.pages_per_second, 2),
                  seconds_left=None if left is None else round(left, 1))

    def advance(self, name: str, documents: int, pages: int) -> None:
        c = self.counts[name]
        c.documents_done += documents
        c.pages_done += pages
        if time.monotonic() - self._last >= self.interval:
            self._last = time.monotonic()
            self._progress(name)

    def done(self, name: str) -> None:
        if name in self.counts:
            self._progress(name)

    def document(self, outcome: DocumentOutcome, skipped: bool = False) -> None:
        row = {"document": outcome.document, "status": outcome.status, "skipped": skipped}
        if outcome.status == "published":
            row.update(pages=outcome.pages, redactions=outcome.redactions, kept=outcome.kept,
                       per_ground=dict(sorted(outcome.per_ground.items())), sha256=outcome.sha256,
                       warnings=outcome.warnings)
        else:
            row["reason"] = outcome.reason
        self.emit("document", **row)

    def note(self, text: str) -> None:
        self.emit("note", text=text)


def make_reporter(quiet: bool = False, as_json: bool = False, terminal: bool | None = None) -> PlainReporter:
    if as_json:
        return JsonReporter()
    if quiet:
        return QuietReporter()
    if terminal is None:
        terminal = sys.stderr.isatty()
    return RichReporter() if terminal else PlainReporter()
