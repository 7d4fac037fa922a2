"""Parallel, distributed and resumed runs give what a run in one process gives."""

from __future__ import annotations

import json
import re
import shutil

import pymupdf
import pytest
from click.testing import CliRunner

from conftest import SAMPLES, make_pdf
from woopub.run.batch import Reporter, run_batch
from woopub.cli import main
from woopub.run.executors import DaskExecutor, InlineExecutor, PoolExecutor, Settings
from woopub.run.pipeline import Dossier
from woopub.writing.publish import LOG_JSON

SAMPLE_PDFS = ["nota-voortgang-mensenhandel.pdf", "email-mensenhandel.pdf", "bijlage-contactpersonen.pdf"]


@pytest.fixture()
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in SAMPLE_PDFS:
        shutil.copyfile(SAMPLES / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def serial(tmp_path_factory, rules, detector):
    """The sample dossier in one process, whole documents: the reference."""
    base = tmp_path_factory.mktemp("serial")
    folder = base / "in"
    folder.mkdir()
    for name in SAMPLE_PDFS:
        shutil.copyfile(SAMPLES / name, folder / name)
    result = run_batch(Dossier(rules, detector), [folder], base / "out", executor=InlineExecutor())
    return result


def comparable(log: dict) -> dict:
    """A publication log without its timestamp and without the hashes of the published files
    (every save gives a PDF a new random file ID, so two fresh runs differ there too)."""
    documents = [{k: v for k, v in d.items() if k != "sha256"} for d in log["documents"]]
    return {**{k: v for k, v in log.items() if k != "created"}, "documents": documents}


def boxes(result) -> dict[str, list]:
    out: dict[str, list] = {}
    for r in result.log["redactions"]:
        out.setdefault(r["document"], []).append((r["page"], tuple(r["rect"]), r["ground"], r["entity"], r["rule"]))
    return out


def test_local_dask_cluster_gives_the_same_boxes_and_log_as_one_process(tmp_path, inputs, rules, serial):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client, DaskExecutor(client=client) as executor:
            assert executor.workers == 2
            result = run_batch(Settings(rules), [inputs], tmp_path / "out", executor=executor)
        # the command line, on the same cluster
        cli = CliRunner().invoke(main, ["redact", str(inputs), "--out", str(tmp_path / "cli"), "--json",
                                        "--scheduler", cluster.scheduler_address])
    assert cli.exit_code == 0, cli.output
    summary = json.loads(cli.stdout.splitlines()[-1])
    assert summary["workers"] == 2 and summary["published"] == 3 and summary["verify"] == "passed"
    assert comparable(json.loads((tmp_path / "cli" / LOG_JSON).read_text("utf-8"))) == comparable(serial.log)
    assert boxes(result) == boxes(serial)
    assert comparable(result.log) == comparable(serial.log)
    assert [p.to_dict() for p in result.proposals] == [p.to_dict() for p in serial.proposals]


def test_process_pool_gives_the_same_log_as_one_process(tmp_path, inputs, rules, serial):
    with PoolExecutor(2, tmp_path / "scratch") as executor:
        result = run_batch(Settings(rules), [inputs], tmp_path / "out", executor=executor)
    assert comparable(result.log) == comparable(serial.log)
    assert not (tmp_path / "scratch").exists(), "shared files (with names from the dossier) are removed"


# -- resume ------------------------------------------------------------------------------


class StopAfter(Reporter):
    """Stops the run after n documents are published, as Ctrl-C would."""

    def __init__(self, n: int):
        self.n = n

    def document(self, outcome, skipped=False):
        self.n -= 1
        if self.n == 0:
            raise KeyboardInterrupt


def test_interrupted_run_resumes_and_writes_the_log_of_a_fresh_run(tmp_path, inputs, rules, detector, serial):
    dossier = Dossier(rules, detector)
    with pytest.raises(KeyboardInterrupt):
        run_batch(dossier, [inputs], tmp_path / "out", reporter=StopAfter(1))
    assert not (tmp_path / "out" / LOG_JSON).exists()
    result = run_batch(dossier, [inputs], tmp_path / "out")
    assert result.skipped == ["bijlage-contactpersonen.pdf"]  # the first one published before the stop
    assert comparable(result.log) == comparable(serial.log)
    assert [p.to_dict() for p in result.proposals] == [p.to_dict() for p in serial.proposals]


def test_unchanged_dossier_is_skipped_whole_and_a_changed_input_is_not(tmp_path, inputs, rules, detector):
    dossier = Dossier(rules, detector)
    first = run_batch(dossier, [inputs], tmp_path / "out")
    again = run_batch(dossier, [inputs], tmp_path / "out")
    assert sorted(again.skipped) == sorted(SAMPLE_PDFS)
    assert comparable(again.log) == comparable(first.log)
    # same content, other bytes (new metadata): published again; the persons are unchanged, so the rest is skipped
    target = inputs / "email-mensenhandel.pdf"
    with pymupdf.open(target) as doc:
        doc.set_metadata({"title": "opnieuw opgeslagen"})
        doc.save(tmp_path / "resaved.pdf")
    shutil.move(tmp_path / "resaved.pdf", target)
    third = run_batch(dossier, [inputs], tmp_path / "out")
    assert "email-mensenhandel.pdf" not in third.skipped
    assert sorted(third.skipped) == ["bijlage-contactpersonen.pdf", "nota-voortgang-mensenhandel.pdf"]


def test_a_new_person_in_a_new_document_publishes_every_document_again(tmp_path, inputs, rules, detector):
    dossier = Dossier(rules, detector)
    run_batch(dossier, [inputs], tmp_path / "out")
    # "Mevrouw Boateng" is a new person: the index of persons changes, so no earlier publication is valid
    make_pdf(inputs / "brief.pdf", ["Beste Ilse,", "Met vriendelijke groet,", "", "Ilse Vandersteen"])
    result = run_batch(dossier, [inputs], tmp_path / "out")
    assert result.skipped == []


def test_changed_rules_publish_every_document_again(tmp_path, inputs, rules, detector):
    from woopub.decide.rules import load_rules

    run_batch(Dossier(rules, detector), [inputs], tmp_path / "out")
    extra = tmp_path / "regels.yaml"
    extra.write_text("always_keep:\n  - value: Escapetruck\n    reason: Naam van een project.\n", encoding="utf-8")
    result = run_batch(Dossier(load_rules([extra]), detector), [inputs], tmp_path / "out")
    assert result.skipped == []


def test_a_removed_published_file_is_published_again(tmp_path, inputs, rules, detector):
    dossier = Dossier(rules, detector)
    run_batch(dossier, [inputs], tmp_path / "out")
    (tmp_path / "out" / "email-mensenhandel.pdf").unlink()
    result = run_batch(dossier, [inputs], tmp_path / "out")
    assert "email-mensenhandel.pdf" not in result.skipped and len(result.skipped) == 2
    assert (tmp_path / "out" / "email-mensenhandel.pdf").is_file()


# -- command line --------------------------------------------------------------------------


def test_json_output_is_one_object_per_line_with_a_summary_last(tmp_path, inputs):
    result = CliRunner().invoke(main, ["redact", str(inputs), "--out", str(tmp_path / "out"), "--json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = {e["event"] for e in events}
    assert {"stage", "progress", "document", "summary"} <= kinds
    summary = events[-1]
    assert summary["event"] == "summary" and summary["published"] == 3 and summary["verify"] == "passed"
    assert summary["pages"] == 8 and summary["exit_code"] == 0
    assert {"extract", "detect", "decide", "redact", "save", "verify"} <= set(summary["stage_seconds"])
    # run again: every document is reported as skipped, and the summary says so
    again = CliRunner().invoke(main, ["redact", str(inputs), "--out", str(tmp_path / "out"), "--json", "--workers", "1"])
    events = [json.loads(line) for line in again.stdout.splitlines()]
    assert sorted(events[-1]["skipped"]) == sorted(SAMPLE_PDFS)
    assert all(e["skipped"] for e in events if e["event"] == "document")


def test_json_output_of_worker_processes_is_only_json(tmp_path, inputs):
    # a real process: worker processes write to the real standard output, which CliRunner does not catch;
    # what they log (Frog's start, file locks) must not reach it
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "woopub", "redact", str(inputs), "--out", str(tmp_path / "out"),
                          "--json", "--workers", "2"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert [json.loads(line)["event"] for line in run.stdout.splitlines()][-1] == "summary"


def test_reading_the_name_lists_leaves_logging_alone():
    import logging
    import subprocess
    import sys

    code = ("import logging; from woopub.detect.lexicon import lexicon; lexicon(); "
            "r = logging.getLogger(); print(len(r.handlers), r.level)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", str(logging.WARNING)]


def test_without_a_terminal_progress_is_plain_lines(tmp_path, inputs):
    result = CliRunner().invoke(main, ["redact", str(inputs), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output, "no terminal control codes in a log"
    assert re.search(r"^detect: done, 8 page\(s\) in [\d.]+ s \([\d.]+ pages/s\)$", result.stderr, re.M)
    assert "email-mensenhandel.pdf: published, 1 page(s)" in result.stdout
    again = CliRunner().invoke(main, ["redact", str(inputs), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert "3 of 3 document(s) already published" in again.stderr
    assert "email-mensenhandel.pdf: published, 1 page(s)" in again.stdout and "skipped" in again.stdout


def test_quiet_prints_only_the_total(tmp_path, inputs):
    result = CliRunner().invoke(main, ["redact", str(inputs), "--out", str(tmp_path / "out"), "-q", "--workers", "1"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [line for line in result.stdout.splitlines() if line.startswith("total:")]
    assert result.stderr == ""


def test_a_terminal_gets_a_progress_bar():
    from woopub.run.progress import PlainReporter, RichReporter, make_reporter

    bar = make_reporter(terminal=True)
    try:
        assert isinstance(bar, RichReporter)
        bar.stage("scan", 2, 10)
        bar.advance("scan", 1, 6)
        assert bar.progress.tasks[0].completed == 6
    finally:
        bar.close()
    assert type(make_reporter(terminal=False)) is PlainReporter


def test_closing_verification_checks_a_file_changed_after_the_run_in_full(tmp_path, inputs, rules, detector):
    from woopub.run.batch import verify_output

    result = run_batch(Dossier(rules, detector), [inputs], tmp_path / "out")
    assert verify_output(tmp_path / "out", run=result) == ([], [])
    # the published file swapped for the original after the run: every value is back
    shutil.copyfile(inputs / "email-mensenhandel.pdf", tmp_path / "out" / "email-mensenhandel.pdf")
    problems, _ = verify_output(tmp_path / "out", run=result)
    assert {p.document for p in problems} == {"email-mensenhandel.pdf"}
    assert {"leak", "metadata"} <= {p.kind for p in problems}
