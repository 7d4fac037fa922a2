"""``woopub scan --dossier``: the run's passes up to the proposals (extract, detect, the
dossier's persons merged, decide), kept in the review dossier; nothing is written or published.

A document woopub cannot read is an open point here. A problem only verification finds (a value
still in the written file) is found by ``woopub apply``, which verifies every file it writes
before it moves it into the output and stores a file that fails as an open point in the dossier
(``review.apply``): a scan that wrote and verified each file would do the write stage's work
twice and could not spare apply its verification, which alone guards what is published."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

from woopub.model import REDACT
from woopub.review.store import OpenPoint, ReviewDossier

# the name of the scan's rows in the dossier's run state (its output is a throw-away folder of another
# name each time): the next scan resumes from them, a ``redact --dossier`` run's rows stay its own
SCAN_SCOPE = "woopub scan"


def _pages(path: Path) -> int:
    import fitz

    try:
        with fitz.open(path) as doc:
            return doc.page_count
    except Exception:  # an unreadable file is an open point with no pages to show
        return 0


def scan_into_dossier(settings, inputs, folder: Path, executor=None, reporter=None, only: str | None = None) -> dict:
    """Scan ``inputs`` and store documents, proposals, persons and open points in ``folder``.

    ``only``: the one input is a copy the dossier made of its document ``only`` (its pages read by
    OCR, ``review.reread``): stored under that name, the rest of the dossier left as it is.
    A whole scan keeps its run state in the dossier (``woopub.run.state``): a document unchanged
    since the last scan is not detected again. The work folder inside the dossier holds the run's
    lock and staging (and a copy's run state), never a published file."""
    from dataclasses import replace

    from woopub.run.batch import run_batch
    from woopub.run.pipeline import collect_inputs

    ReviewDossier(folder).close()  # the dossier's schema first: the run state's tables go beside it
    work = Path(tempfile.mkdtemp(prefix="scan-", dir=folder))  # 0700 inside the dossier folder
    try:
        docs, not_pdfs = collect_inputs(inputs, exclude=[] if only else [Path(folder)])
        result = run_batch(settings, inputs, None, work, executor, reporter, resume=not only, keep_proposals=True,
                           dossier_dir=None if only else folder, scope=SCAN_SCOPE, publish=False)
        if only:  # the copy's outcome and proposals are its document's
            result.sources = {only: docs[0].name} if docs else {}
            result.outcomes = [replace(o, document=only) for o in result.outcomes]
            result.proposals = [replace(p, document=only, id=f"{only}#{p.id.rsplit('#', 1)[-1]}") for p in result.proposals]
        counts = store_run(settings, folder, result, docs, not_pdfs, partial=bool(only))
        if not only:  # a document whose pages a reviewer had OCR'd is read from its OCR copy again
            counts["reread"] = redo_rereads(settings, folder, executor)
            dossier = ReviewDossier(folder)
            try:
                still = {p.document for p in dossier.open_points()}
            finally:
                dossier.close()
            counts["open_points"] = sum(p in still for p in counts.pop("failed"))
        else:
            counts["open_points"] = len(counts.pop("failed"))
        return counts
    finally:
        shutil.rmtree(work, ignore_errors=True)  # held original values


def store_run(settings, folder: Path, result, docs, not_pdfs, partial: bool = False,
              accepted_by: str | None = None) -> dict:
    """A run's documents, proposals, persons and open points (``run.batch.RunResult``) into the
    review dossier in ``folder``. ``accepted_by``: every proposal of this run that nobody decided
    on yet is accepted, in that name, with an audit row each (``woopub redact --dossier``: a run
    accepts what it proposes). Returns counts; ``failed``: the documents stored as open points."""
    from woopub.files import sha256_or_none

    dossier = ReviewDossier(folder)
    try:
        by_name = {d.name: d for d in docs}
        documents, points = [], []
        for o in result.outcomes + [o for o in not_pdfs if o.document not in {x.document for x in result.outcomes}]:
            doc = by_name.get(result.sources.get(o.document, o.document))  # outcomes carry the public name
            path = doc.path if doc else Path(o.document)
            pages = o.pages or (_pages(path) if doc else 0)
            documents.append((o.document, path.resolve(), sha256_or_none(path) if doc else None, pages))
            if o.status == "failed":  # woopub cannot publish it as it is: a reviewer must resolve it
                points.append(OpenPoint(o.document, o.reason or o.status, tuple(range(1, pages + 1))))
        persons = Counter(p.text for p in result.proposals if p.entity == "PERSON" and p.action == REDACT)
        scan_no = dossier.next_scan()
        counts = dossier.store_scan(scan_no, documents, result.proposals, points, dict(persons), partial=partial)
        # a value the rule file marks is redacted wherever it stands, under its own ground and entity,
        # not only where a detector found a span to relabel
        rules = settings.rules
        for rule in rules.always_redact:
            dossier.add_term(rule.value, rule.ground or rules.default_ground, "rule file", rule.entity, rule.id, "rules-file")
        counts["marked"] = dossier.reapply_terms()
        if accepted_by:
            counts["accepted"] = dossier.accept_pending(scan_no, accepted_by)
        counts.update(documents=len(documents), proposals=len(result.proposals), failed=[p.document for p in points])
        return counts
    finally:
        dossier.close()


def scan_copy(settings, folder: Path, document: str, copy: Path, executor=None) -> dict:
    """Scan the OCR copy ``copy`` (review.reread) into the dossier under its document's name."""
    from woopub.run.executors import make_executor

    own = executor is None
    executor = executor or make_executor(1, None, scratch=folder)
    try:
        return scan_into_dossier(settings, [copy.parent], folder, executor, only=document)
    finally:
        if own:
            executor.close()


def redo_rereads(settings, folder: Path, executor=None) -> int:
    """After a scan: each document a reviewer had OCR'd, whose original is unchanged and that the
    scan found unreadable again, is read from its copy again (its decisions kept). An original
    that changed keeps its open point: a reviewer looks again."""
    from woopub.files import sha256_or_none

    d = ReviewDossier(folder)
    try:
        points = {p.document for p in d.open_points()}
        todo = [(r["document"], Path(r["copy"])) for r in d.db.execute("SELECT * FROM rereads").fetchall()
                if r["document"] in points and Path(r["copy"]).is_file() and sha256_or_none(Path(r["source"])) == r["source_sha256"]]
    finally:
        d.close()
    for document, copy in todo:
        scan_copy(settings, folder, document, copy, executor)
    return len(todo)
