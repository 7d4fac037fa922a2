"""Review dossier (issue 15): scan into SQLite, decide, re-scan, apply."""

import json
import shutil
import sqlite3
import stat

import pytest
from click.testing import CliRunner

from conftest import make_pdf, pdf_text, still_there, two_samples
from woopub.cli import main
from woopub.review.store import ACCEPTED, REJECTED, DossierVersionError, ReviewDossier, StaleEdit

README_RULES = """\
always_redact:
  - value: Jansen
    reason: Naam van een betrokken burger.
  - value: "Project Zeemeeuw"
    entity: PROJECT
    ground: "5.1.2i"
"""
PROJECT_LINES = ["Voortgang van het Project Zeemeeuw in 2024.", "Het project", "Zeemeeuw is vertraagd door VWS."]


@pytest.fixture()
def runner():
    return CliRunner()


def _scan(runner, inputs, dossier, *extra):
    result = runner.invoke(main, ["scan", *map(str, inputs), "--dossier", str(dossier), "--workers", "1", *extra])
    return result


def test_readme_rule_file_project_name_is_redacted_wherever_it_stands(runner, tmp_path):
    """The README's own dossier rule: the project name no detector finds is redacted under 5.1.2i
    as PROJECT, also where it breaks over a line; VWS is not taken for a surname."""
    rules = tmp_path / "dossier-regels.yaml"
    rules.write_text(README_RULES)
    (tmp_path / "in").mkdir()
    pdf = make_pdf(tmp_path / "in" / "project.pdf", PROJECT_LINES)
    out = tmp_path / "out"
    result = runner.invoke(main, ["redact", str(pdf), "--out", str(out), "--rules", str(rules), "--workers", "1"])
    assert result.exit_code == 0, result.output
    text = pdf_text(out / "project.pdf")
    assert not still_there("Zeemeeuw", text), text
    assert "VWS" in text
    log = json.loads((out / "publicatielog.json").read_text())
    marked = [r for r in log["redactions"] if r["entity"] == "PROJECT"]
    assert len(marked) >= 3 and {r["ground"] for r in marked} == {"5.1.2i"}


def test_scan_stores_proposals_in_a_private_dossier(runner, tmp_path):
    dossier = tmp_path / "dossier"
    result = _scan(runner, [two_samples(tmp_path)], dossier)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(dossier.stat().st_mode) == 0o700
    assert stat.S_IMODE((dossier / "dossier.sqlite").stat().st_mode) == 0o600
    d = ReviewDossier(dossier)
    rows = d.proposals()
    assert {r["document"] for r in rows} == {"bijlage-contactpersonen.pdf", "email-mensenhandel.pdf"}
    assert all(r["status"] == "pending" and r["context"] and json.loads(r["boxes"]) for r in rows)
    assert d.persons() and len(d.documents()) == 2
    assert not [p for p in shutil.os.listdir(dossier) if p.startswith("scan-")]  # work folder removed


def test_rescan_keeps_decisions_on_unchanged_proposals_and_marks_new_ones(runner, tmp_path):
    inputs = two_samples(tmp_path)
    dossier = tmp_path / "dossier"
    first = inputs / "email-mensenhandel.pdf"
    shutil.move(first, tmp_path / "later.pdf")
    assert _scan(runner, [inputs], dossier).exit_code == 0
    d = ReviewDossier(dossier)
    before = d.proposals()
    rejected = before[0]["key"]
    d.decide(rejected, REJECTED, "an")
    d.close()
    shutil.move(tmp_path / "later.pdf", first)
    result = _scan(runner, [inputs], dossier)
    assert result.exit_code == 0, result.output
    assert f"{len(before)} unchanged" in result.output
    d = ReviewDossier(dossier)
    rows = {r["key"]: r for r in d.proposals()}
    assert rows[rejected]["status"] == REJECTED
    new = [r for r in rows.values() if r["first_scan"] == 2]
    assert new and {r["document"] for r in new} == {"email-mensenhandel.pdf"}


def test_apply_publishes_accepted_redactions_only_and_logs_who_decided(runner, tmp_path):
    dossier = tmp_path / "dossier"
    assert _scan(runner, [two_samples(tmp_path)], dossier).exit_code == 0
    d = ReviewDossier(dossier)
    rows = [r for r in d.proposals() if r["action"] == "redact"]
    emails = [r for r in rows if r["entity"] == "EMAIL"]
    kept_value = emails[0]["text"]
    for r in rows:
        d.decide(r["key"], REJECTED if r["text"] == kept_value else ACCEPTED, "Reviewer Anna")
    assert d.add_term("mensenhandel", "5.1.2i", "Reviewer Anna") > 0
    d.close()
    out = tmp_path / "out"
    result = runner.invoke(main, ["apply", str(dossier), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = "".join(pdf_text(p) for p in out.glob("*.pdf"))
    assert kept_value in text  # the reviewer kept it
    gone = [r["text"] for r in rows if r["text"] != kept_value and r["entity"] == "EMAIL"]
    assert gone and not any(still_there(v, text) for v in gone)
    assert "mensenhandel" not in text.lower()  # also inside postbus.mensenhandel@...
    public = (out / "publicatielog.json").read_text() + (out / "publicatielog.csv").read_text()
    assert "Anna" not in public and not any(v in public for v in gone)
    log = json.loads((out / "publicatielog.json").read_text())
    assert {r["rule"] for r in log["redactions"] if r["ground"] == "5.1.2i"} == {"reviewer"}
    assert any(r["rule"] != "reviewer" for r in log["redactions"])
    record = dossier / "apply-record.json"
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert "Reviewer Anna" in record.read_text()


def test_apply_refuses_undecided_proposals(runner, tmp_path):
    dossier = tmp_path / "dossier"
    assert _scan(runner, [two_samples(tmp_path)], dossier).exit_code == 0
    result = runner.invoke(main, ["apply", str(dossier), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "not decided" in result.output
    assert not (tmp_path / "out").exists()


def test_unreadable_document_is_an_open_point_until_a_reviewer_resolves_it(runner, tmp_path):
    inputs = two_samples(tmp_path)
    (inputs / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj garbage")
    dossier = tmp_path / "dossier"
    result = _scan(runner, [inputs], dossier)
    assert result.exit_code == 1 and "1 open point" in result.output
    d = ReviewDossier(dossier)
    (point,) = d.open_points()
    assert point.document == "kapot.pdf" and point.reason
    out = tmp_path / "out"
    assert runner.invoke(main, ["apply", str(dossier), "--out", str(out), "--accept-pending"]).exit_code == 1
    d.resolve("kapot.pdf", "exclude", "an")
    d.close()
    result = runner.invoke(main, ["apply", str(dossier), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 0, result.output
    assert not (out / "kapot.pdf").exists()


def test_stale_edit_is_refused(runner, tmp_path):
    dossier = tmp_path / "dossier"
    assert _scan(runner, [two_samples(tmp_path)], dossier).exit_code == 0
    one, two = ReviewDossier(dossier), ReviewDossier(dossier)
    key = one.proposals()[0]["key"]
    version = one.proposals()[0]["version"]
    one.decide(key, ACCEPTED, "an", version)
    with pytest.raises(StaleEdit):
        two.decide(key, REJECTED, "bo", version)
    assert [a["reviewer"] for a in two.audit(key)] == ["an"]


def test_dossier_of_a_newer_schema_is_refused(tmp_path):
    ReviewDossier(tmp_path / "d").close()
    db = sqlite3.connect(tmp_path / "d" / "dossier.sqlite")
    db.execute("UPDATE meta SET value='99' WHERE key='schema'")
    db.commit()
    db.close()
    with pytest.raises(DossierVersionError, match="newer woopub"):
        ReviewDossier(tmp_path / "d")


def test_report_and_csv_round_trip_are_private_and_take_decisions(runner, tmp_path):
    dossier = tmp_path / "dossier"
    assert _scan(runner, [two_samples(tmp_path)], dossier).exit_code == 0
    result = runner.invoke(main, ["report", str(dossier)])
    assert result.exit_code == 0, result.output
    for name in ("report.html", "report.csv"):
        assert stat.S_IMODE((dossier / "rapport" / name).stat().st_mode) == 0o600
    csv_file = tmp_path / "besluiten.csv"
    assert runner.invoke(main, ["decisions", "export", str(dossier), str(csv_file)]).exit_code == 0
    assert stat.S_IMODE(csv_file.stat().st_mode) == 0o600
    lines = csv_file.read_text().splitlines()
    header, first = lines[0].split(","), lines[1]
    edited = first.replace(",pending,", ",rejected,", 1)
    assert edited != first
    csv_file.write_text("\n".join([lines[0], edited]) + "\n")
    result = runner.invoke(main, ["decisions", "import", str(dossier), str(csv_file), "--reviewer", "bo"])
    assert result.exit_code == 0 and "1 decision(s)" in result.output, result.output
    key = first.split(",")[header.index("key")]
    assert next(r for r in ReviewDossier(dossier).proposals() if r["key"] == key)["status"] == REJECTED
    # the same file again is now stale for that row only if it changes it; a changed-elsewhere row is refused
    d = ReviewDossier(dossier)
    d.decide(key, ACCEPTED, "an")
    d.close()
    result = runner.invoke(main, ["decisions", "import", str(dossier), str(csv_file), "--reviewer", "bo"])
    assert result.exit_code == 1 and "changed by someone else" in result.output
