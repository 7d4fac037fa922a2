"""Stage 5, publish: the publication log beside the PDFs, the internal record apart.

publicatielog.json / .csv  (published)  per box: document, page, rectangle,
                           ground, entity, rule; per document: pages,
                           redactions per ground, SHA-256 of the published
                           file; the woopub version and the rule-set hash.
                           Never a redacted value, nor a hash or piece of one.

<out>-INTERN-niet-publiceren/  (not published)  every proposal with its
                           original value and context, for reviewers and for
                           ``woopub verify``; and an HTML report.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import jinja2

from woopub.files import write_atomic
from woopub import __version__
from woopub.model import KEEP, REDACT, DocumentOutcome, LogEntry, Proposal
from woopub.decide.rules import RuleSet

LOG_JSON = "publicatielog.json"
LOG_CSV = "publicatielog.csv"
INTERNAL_SUFFIX = "-INTERN-niet-publiceren"
PROPOSALS_FILE = "voorstellen.jsonl"
INDEX_FILE = "dossier-namen.json"
NAMES_FILE = "bestandsnamen.json"  # original relative path -> the name it is published under (internal)
REPORT_FILE = "rapport-voor-beoordelaars.html"
INTERNAL_README = "LEES-MIJ.txt"


def default_internal_dir(out_dir: Path) -> Path:
    out_dir = Path(out_dir).resolve()
    return out_dir.parent / (out_dir.name + INTERNAL_SUFFIX)


def build_log(outcomes: list[DocumentOutcome], entries: list[LogEntry], rules: RuleSet) -> dict:
    used = sorted({e.ground for e in entries})
    return {
        "woopub_version": __version__,
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "rules": {"sha256": rules.digest, "files": [p.name for p in rules.files]},
        "grounds": {
            code: {"article": rules.grounds[code].article, "text": rules.grounds[code].text}
            for code in used
            if code in rules.grounds
        },
        "documents": [_document_row(o) for o in outcomes],
        "redactions": [
            {
                "document": e.document,
                "page": e.page,
                "rect": [round(c, 2) for c in e.box],
                "ground": e.ground,
                "entity": e.entity,
                "rule": e.rule,
            }
            for e in entries
        ],
    }


def _document_row(o: DocumentOutcome) -> dict:
    row: dict = {"document": o.document, "status": o.status}
    if o.status == "published":
        row.update(pages=o.pages, redactions=o.redactions, per_ground=dict(sorted(o.per_ground.items())), sha256=o.sha256)
    if o.reason:
        row["reason"] = o.reason
    return row


def write_log(out_dir: Path, log: dict) -> None:
    """The log as JSON and as CSV, each written as it is encoded: the whole text of a large
    release's log (a few hundred bytes a box) is never held in memory at once."""
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False)  # what json.dumps(log, indent=2, ...) writes
    write_atomic(out_dir / LOG_JSON, itertools.chain(encoder.iterencode(log), ["\n"]))
    write_atomic(out_dir / LOG_CSV, _csv_lines(log))


def _csv_lines(log: dict) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    rows = itertools.chain(
        [["document", "page", "x0", "y0", "x1", "y1", "ground", "entity", "rule"]],
        ([r["document"], r["page"], *r["rect"], r["ground"], r["entity"], r["rule"]] for r in log["redactions"]),
    )
    for row in rows:
        writer.writerow(row)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()


def read_log(out_dir: Path) -> dict | None:
    path = Path(out_dir) / LOG_JSON
    return json.loads(path.read_text("utf-8")) if path.is_file() else None


def per_ground(entries: list[LogEntry]) -> dict[str, int]:
    return dict(Counter(e.ground for e in entries))


# -- internal record ------------------------------------------------------


def write_internal(internal_dir: Path, proposals: list[Proposal], outcomes: list[DocumentOutcome], rules: RuleSet,
                   index: dict | None = None) -> None:
    internal_dir.mkdir(parents=True, exist_ok=True)
    (internal_dir / INTERNAL_README).write_text(
        "INTERN - NIET PUBLICEREN\n\n"
        "Deze map bevat de oorspronkelijke waarden van alle gelakte en niet-gelakte\n"
        "persoonsgegevens, voor beoordelaars en voor `woopub verify`. Publiceer\n"
        "alleen de map met de gelakte PDF's en de publicatielog.\n",
        encoding="utf-8",
    )
    lines = "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in proposals)
    write_atomic(internal_dir / PROPOSALS_FILE, lines.encode("utf-8"))
    if index is not None:  # the name forms redacted dossier-wide: verify hunts for them in every file
        write_atomic(internal_dir / INDEX_FILE, json.dumps(index, ensure_ascii=False, indent=1).encode("utf-8"))
    write_atomic(internal_dir / REPORT_FILE, render_report(proposals, outcomes, rules).encode("utf-8"))


def write_internal_stream(
    internal_dir: Path, proposals: Callable[[], Iterable[Proposal]], outcomes: list[DocumentOutcome], rules: RuleSet,
    index: dict | None = None, proposal_lines: Callable[[], Iterable[str]] | None = None,
) -> None:
    """``write_internal`` for a dossier too large to hold in memory.

    ``proposals()`` gives the proposals in document order and is called
    (up to) four times; nothing is built whole in memory but the "check
    first" list. ``proposal_lines()``, if given, gives them as the JSON lines
    of the proposals file already (a spool's), so they are not read and written again.
    """
    internal_dir.mkdir(parents=True, exist_ok=True)
    write_internal(internal_dir, [], outcomes, rules, index)  # the read-me and the index
    lines = proposal_lines() if proposal_lines else (json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in proposals())
    write_atomic(internal_dir / PROPOSALS_FILE, lines)
    pages = sum(o.pages for o in outcomes if o.status == "published")
    overview = redaction_overview(proposals(), pages)
    check = _check_first(proposals(), overview)
    env = jinja2.Environment(loader=jinja2.PackageLoader("woopub", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    chunks = env.get_template("report.html.j2").generate(
        version=__version__, created=dt.datetime.now().strftime("%Y-%m-%d %H:%M"), outcomes=outcomes,
        by_doc=_ByDocument(proposals), check=check, overview=overview, grounds=rules.grounds, REDACT=REDACT, KEEP=KEEP,
    )
    write_atomic(internal_dir / REPORT_FILE, chunks)


TOP_STRINGS = 15


@dataclass
class RedactionOverview:
    """What an officer checks first for over-redaction: boxes per page by entity, the most
    frequent redacted strings (internal: they are the values), and the person redactions
    that rest on weak evidence alone (no title, initials, given name, label or signature)."""

    boxes_per_page: dict[str, float] = field(default_factory=dict)
    top_strings: list[tuple[str, int]] = field(default_factory=list)
    weak: list[Proposal] = field(default_factory=list)


def redaction_overview(proposals: Iterable[Proposal], pages: int) -> RedactionOverview:
    from woopub.detect.persons import has_own_evidence

    boxes: Counter = Counter()
    strings: Counter = Counter()
    weak: list[Proposal] = []
    for p in proposals:
        if p.action != REDACT:
            continue
        boxes[p.entity] += len(p.boxes)
        strings[" ".join(p.text.split())] += 1
        if p.entity == "PERSON" and not has_own_evidence(p.evidence, len(p.text.split())) \
                and not any(e.startswith("dossier:") for e in p.evidence):
            weak.append(p)
    per_page = {e: round(n / pages, 2) for e, n in boxes.most_common()} if pages else {}
    return RedactionOverview(per_page, strings.most_common(TOP_STRINGS), weak)


def _check_first(proposals: Iterable[Proposal], overview: RedactionOverview) -> list[Proposal]:
    """Person redactions on weak evidence alone first, then kept names and low scores."""
    weak = {p.id for p in overview.weak}
    rest = [p for p in proposals if p.id not in weak and ((p.action == KEEP and p.entity == "PERSON") or p.score < 0.7)]
    return overview.weak + rest


class _ByDocument:
    """The report's per-document sections, read in turn (``items()`` as a dict's)."""

    def __init__(self, proposals: Callable[[], Iterable[Proposal]]):
        self.proposals = proposals

    def items(self):
        for doc, group in itertools.groupby(self.proposals(), key=lambda p: p.document):
            yield doc, list(group)


def read_proposals(internal_dir: Path) -> list[Proposal] | None:
    path = Path(internal_dir) / PROPOSALS_FILE
    if not path.is_file():
        return None
    return [Proposal.from_dict(json.loads(line)) for line in path.read_text("utf-8").splitlines() if line.strip()]


def write_internal_names(internal_dir: Path, public: dict[str, str]) -> None:
    """Which input was published under which name: the internal record's key to the original names."""
    data = json.dumps(public, indent=2, ensure_ascii=False).encode("utf-8")
    write_atomic(Path(internal_dir) / NAMES_FILE, data)


def read_internal_names(internal_dir: Path) -> dict[str, str]:
    path = Path(internal_dir) / NAMES_FILE
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def read_index(internal_dir: Path) -> dict | None:
    path = Path(internal_dir) / INDEX_FILE
    return json.loads(path.read_text("utf-8")) if path.is_file() else None


def render_report(proposals: list[Proposal], outcomes: list[DocumentOutcome], rules: RuleSet) -> str:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("woopub", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
    )
    by_doc: dict[str, list[Proposal]] = {}
    for p in proposals:
        by_doc.setdefault(p.document, []).append(p)
    overview = redaction_overview(proposals, sum(o.pages for o in outcomes if o.status == "published"))
    check = _check_first(proposals, overview)
    return env.get_template("report.html.j2").render(
        version=__version__,
        created=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        outcomes=outcomes,
        by_doc=by_doc,
        check=check,
        overview=overview,
        grounds=rules.grounds,
        REDACT=REDACT,
        KEEP=KEEP,
    )


