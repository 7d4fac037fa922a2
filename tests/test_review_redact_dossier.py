"""``woopub redact --dossier``: the run's state lives in the review dossier (issue 15, Shape).

A run's scans, proposals and publications are kept in the dossier's SQLite file between its
passes and runs; the dossier a run leaves holds every proposal accepted, so ``woopub apply``
publishes what ``redact`` published, and ``woopub review`` can take it from there.
"""

import json
import shutil
import sqlite3
import stat

from click.testing import CliRunner

from conftest import SAMPLES, two_samples
from woopub.cli import main
from woopub.review.store import ACCEPTED, ReviewDossier


def _boxes(out) -> dict[str, list]:
    log = json.loads((out / "publicatielog.json").read_text())
    boxes: dict[str, list] = {}
    for r in log["redactions"]:
        boxes.setdefault(r["document"], []).append((r["page"], [round(c, 1) for c in r["rect"]], r["ground"], r["entity"]))
    return {d: sorted(b) for d, b in boxes.items()}


def _redact(tmp_path, inputs, out, *extra):
    return CliRunner().invoke(main, ["redact", str(inputs), "--out", str(out), "--workers", "1", *extra])


def test_redact_into_a_dossier_then_apply_publishes_the_same_boxes(tmp_path):
    inputs, dossier = two_samples(tmp_path), tmp_path / "dossier"
    first = _redact(tmp_path, inputs, tmp_path / "out", "--dossier", str(dossier))
    assert first.exit_code == 0, first.output
    assert "verify: passed" in first.output
    d = ReviewDossier(dossier)
    try:
        rows = d.proposals()
        assert rows and {r["status"] for r in rows} == {ACCEPTED}, "redact accepts every proposal it makes"
        assert all(d.audit(r["key"])[-1]["reviewer"] == "woopub redact" for r in rows)
        assert sorted(r["name"] for r in d.documents()) == ["bijlage-contactpersonen.pdf", "email-mensenhandel.pdf"]
    finally:
        d.close()
    assert stat.S_IMODE((dossier / "dossier.sqlite").stat().st_mode) == 0o600
    applied = CliRunner().invoke(main, ["apply", str(dossier), "--out", str(tmp_path / "applied")])
    assert applied.exit_code == 0, applied.output
    assert _boxes(tmp_path / "applied") == _boxes(tmp_path / "out")


def test_the_run_state_is_in_the_dossier_and_a_second_run_resumes_from_it(tmp_path):
    inputs, dossier = two_samples(tmp_path), tmp_path / "dossier"
    assert _redact(tmp_path, inputs, tmp_path / "out", "--dossier", str(dossier)).exit_code == 0
    internal = tmp_path / "out-INTERN-niet-publiceren"
    assert not (internal / "dossier.sqlite").exists(), "the state went into the dossier given"
    with sqlite3.connect(dossier / "dossier.sqlite") as db:
        scanned = {r[0] for r in db.execute("SELECT document FROM run_scans")}
        published = {r[0] for r in db.execute("SELECT document FROM run_published")}
    assert scanned == published == {"bijlage-contactpersonen.pdf", "email-mensenhandel.pdf"}
    again = _redact(tmp_path, inputs, tmp_path / "out", "--dossier", str(dossier), "--json")
    assert again.exit_code == 0, again.output
    summary = json.loads(again.stdout.splitlines()[-1])
    assert sorted(summary["skipped"]) == ["bijlage-contactpersonen.pdf", "email-mensenhandel.pdf"]


def test_without_a_dossier_the_run_state_is_private_in_the_internal_record(tmp_path):
    inputs = two_samples(tmp_path)
    assert _redact(tmp_path, inputs, tmp_path / "out").exit_code == 0
    state = tmp_path / "out-INTERN-niet-publiceren" / "dossier.sqlite"
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert not list((tmp_path / "out-INTERN-niet-publiceren").glob("*.spool")), "no spool files are left"
    assert not (tmp_path / "out-INTERN-niet-publiceren" / "voortgang.jsonl").exists()


def test_a_dossier_inside_the_output_is_refused(tmp_path):
    inputs = two_samples(tmp_path)
    result = _redact(tmp_path, inputs, tmp_path / "out", "--dossier", str(tmp_path / "out" / "dossier"))
    assert result.exit_code != 0
    assert "must be apart" in result.output
    assert not (tmp_path / "out" / "dossier").exists()


def test_redact_refuses_a_dossier_of_a_newer_woopub(tmp_path):
    dossier = tmp_path / "dossier"
    ReviewDossier(dossier).close()
    with sqlite3.connect(dossier / "dossier.sqlite") as db:
        db.execute("UPDATE meta SET value=? WHERE key='schema'", ("99",))
    result = _redact(tmp_path, two_samples(tmp_path), tmp_path / "out", "--dossier", str(dossier))
    assert result.exit_code != 0 and "newer woopub" in result.output
    assert not (tmp_path / "out").exists()


def test_a_document_apply_cannot_publish_becomes_an_open_point_until_scanned_again(tmp_path):
    import pymupdf

    inputs, dossier = two_samples(tmp_path), tmp_path / "dossier"
    assert CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(dossier), "--workers", "1"]).exit_code == 0
    target = inputs / "email-mensenhandel.pdf"  # changed after the scan: its proposals point anywhere now
    with pymupdf.open(target) as doc:
        doc.set_metadata({"title": "opnieuw opgeslagen"})
        doc.save(tmp_path / "resaved.pdf")
    shutil.move(tmp_path / "resaved.pdf", target)
    applied = CliRunner().invoke(main, ["apply", str(dossier), "--out", str(tmp_path / "out"), "--accept-pending"])
    assert applied.exit_code == 1, applied.output
    d = ReviewDossier(dossier)
    try:
        (point,) = d.open_points()
        assert point.document == "email-mensenhandel.pdf" and "changed after it was scanned" in point.reason
    finally:
        d.close()
    rescan = CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(dossier), "--workers", "1"])
    assert rescan.exit_code == 0 and "0 open point" in rescan.output, rescan.output


def test_pages_the_scan_read_by_ocr_are_kept_in_the_dossier_for_apply(tmp_path):
    from woopub.files import sha256_file

    inputs = tmp_path / "in"
    inputs.mkdir()
    scanned = inputs / "parafenblad-getekend.pdf"
    shutil.copy(SAMPLES / "scans" / "parafenblad-getekend.pdf", scanned)
    dossier = tmp_path / "dossier"
    assert CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(dossier), "--workers", "1"]).exit_code == 0
    readings = dossier / "ocr-lezingen"
    assert stat.S_IMODE(readings.stat().st_mode) == 0o700
    assert list(readings.glob(f"{sha256_file(scanned)}-*.pickle")), "the OCR'd page is kept under the file's hash"
    applied = CliRunner().invoke(main, ["apply", str(dossier), "--out", str(tmp_path / "out"), "--accept-pending"])
    assert applied.exit_code == 0 and "verify: passed" in applied.output, applied.output


def test_two_runs_into_one_dossier_with_other_outputs_keep_each_others_rows(tmp_path):
    """Runs of other inputs and outputs share a dossier: neither drops the other's scans and
    publications, so each resumes as if it were alone."""
    dossier = tmp_path / "dossier"
    first_in, second_in = tmp_path / "a", tmp_path / "b"
    first_in.mkdir()
    second_in.mkdir()
    shutil.copy(SAMPLES / "bijlage-contactpersonen.pdf", first_in / "stuk.pdf")
    shutil.copy(SAMPLES / "email-mensenhandel.pdf", second_in / "stuk.pdf")  # the same name, another file
    shutil.copy(SAMPLES / "bijlage-contactpersonen.pdf", second_in / "bijlage.pdf")
    for inputs, out in ((first_in, "out-a"), (second_in, "out-b")):
        assert _redact(tmp_path, inputs, tmp_path / out, "--dossier", str(dossier)).exit_code == 0
    for inputs, out, names in ((first_in, "out-a", ["stuk.pdf"]), (second_in, "out-b", ["bijlage.pdf", "stuk.pdf"])):
        before = _boxes(tmp_path / out)
        again = _redact(tmp_path, inputs, tmp_path / out, "--dossier", str(dossier), "--json")
        assert again.exit_code == 0, again.output
        summary = json.loads(again.stdout.splitlines()[-1])
        assert sorted(summary["skipped"]) == names, f"{out} resumes from its own rows"
        assert "detection of" in again.output and "unchanged document(s) taken from the dossier" in again.output
        assert _boxes(tmp_path / out) == before
    with sqlite3.connect(dossier / "dossier.sqlite") as db:
        scans = sorted(r[0] for r in db.execute("SELECT document FROM run_scans"))
    assert scans == ["bijlage.pdf", "stuk.pdf", "stuk.pdf"], "both inputs named stuk.pdf keep their scan"
    # a run given fewer documents drops its own rows of the others, never another run's
    (second_in / "bijlage.pdf").unlink()
    (tmp_path / "out-b" / "bijlage.pdf").unlink()  # else verification finds a PDF the log does not list
    assert _redact(tmp_path, second_in, tmp_path / "out-b", "--dossier", str(dossier)).exit_code == 0
    again = _redact(tmp_path, first_in, tmp_path / "out-a", "--dossier", str(dossier), "--json")
    assert json.loads(again.stdout.splitlines()[-1])["skipped"] == ["stuk.pdf"]
    with sqlite3.connect(dossier / "dossier.sqlite") as db:
        scans = sorted(r[0] for r in db.execute("SELECT document FROM run_scans"))
    assert scans == ["stuk.pdf", "stuk.pdf"]
