"""``redact`` is scan + accept every proposal + apply (issue 15, Shape).

``woopub scan`` runs the passes up to the proposals and writes no file; ``redact`` then accepts
every proposal and writes each document through the write stage ``woopub apply`` writes with;
a problem verification finds is found where a file is written (apply), which withholds the
file and leaves the document as an open point in the dossier.
"""

import json

from click.testing import CliRunner

from conftest import two_samples
from woopub.cli import main
from woopub.review.store import ReviewDossier


def _no_writing(*args, **kwargs):
    raise AssertionError("a scan writes no document")


def test_scan_proposes_without_writing_a_document(tmp_path, monkeypatch):
    # the sandbox child is forked from this process: it has the patched write stage too
    monkeypatch.setattr("woopub.run.pipeline.write_document", _no_writing)
    dossier = tmp_path / "dossier"
    result = CliRunner().invoke(main, ["scan", str(two_samples(tmp_path)), "--dossier", str(dossier), "--workers", "1"])
    assert result.exit_code == 0 and "0 open point" in result.output, result.output
    d = ReviewDossier(dossier)
    try:
        assert {r["document"] for r in d.proposals()} == {"bijlage-contactpersonen.pdf", "email-mensenhandel.pdf"}
        assert d.open_points() == []
    finally:
        d.close()
    assert not list(tmp_path.rglob("publicatielog.json")), "nothing published, not even into a work folder"


def test_a_problem_verification_finds_at_apply_is_an_open_point_and_nothing_leaks(tmp_path, monkeypatch):
    from woopub.model import Problem

    inputs, dossier, out = two_samples(tmp_path), tmp_path / "dossier", tmp_path / "out"
    assert CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(dossier), "--workers", "1"]).exit_code == 0

    def leaking(path, name, *args, **kwargs):  # as if a value could still be read in the written e-mail
        return [Problem(name, "text", "a redacted value is still in the text")] if name.startswith("email") else []

    monkeypatch.setattr("woopub.writing.write.verify_pdf", leaking)
    applied = CliRunner().invoke(main, ["apply", str(dossier), "--out", str(out), "--accept-pending"])
    assert applied.exit_code == 1, applied.output
    assert not (out / "email-mensenhandel.pdf").exists(), "a file that fails verification is never moved in"
    assert (out / "bijlage-contactpersonen.pdf").is_file()
    d = ReviewDossier(dossier)
    try:
        (point,) = d.open_points()
        assert point.document == "email-mensenhandel.pdf" and "verification failed" in point.reason
    finally:
        d.close()


def test_redact_decides_then_writes_each_document_extracting_it_once(tmp_path, monkeypatch):
    from woopub.reading.document import DocumentReader

    reads = tmp_path / "reads.txt"
    original = DocumentReader._read

    def counted(self, doc, key):  # in the forked children: counted in a file
        with open(reads, "a") as fh:
            fh.write(f"{key}\n")
        return original(self, doc, key)

    monkeypatch.setattr(DocumentReader, "_read", counted)
    result = CliRunner().invoke(main, ["redact", str(two_samples(tmp_path)), "--out", str(tmp_path / "out"),
                                       "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    stages = [e["stage"] for e in events if e.get("event") == "stage"]
    assert stages[:3] == ["detect", "decide", "redact"], "every document is decided before any is written"
    # the scan pass extracts each document; deciding and writing take that reading from the store
    assert len(reads.read_text().split()) == 2
