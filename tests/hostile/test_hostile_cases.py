"""Every hostile or broken PDF of make_cases.py ends as the table in docs/hostile-inputs.md says.

One batch, through the command line, over all cases at once: each case is
published and verified clean (no planted value readable in it any way the
oracle knows) or refused with one line naming the file; the batch goes on;
the exit code and the closing summary name every refused document; inputs
are unchanged; the output folder holds nothing half-written.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import ROOT, sha256
from leaks import planted_left
from make_cases import CASES, PASSWORD_FILE, PUBLISHED, REFUSED, build_all, readme_table
from woopub.cli import main
from woopub.writing.publish import LOG_CSV, LOG_JSON
from woopub.writing.secrets import Secret
from woopub.writing.verify import verify_pdf

BY_FILE = {c.file: c for c in CASES}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    inputs = base / "dossier"
    build_all(inputs)
    password_file = base / PASSWORD_FILE
    (inputs / PASSWORD_FILE).rename(password_file)
    before = {p.name: sha256(p) for p in inputs.iterdir()}
    out = base / "out"
    result = CliRunner().invoke(
        main, ["redact", str(inputs), "--out", str(out), "--password-file", str(password_file)], catch_exceptions=False
    )
    log = json.loads((out / LOG_JSON).read_text("utf-8"))
    outcomes = {d["document"]: d for d in log["documents"]}
    return {"inputs": inputs, "out": out, "result": result, "outcomes": outcomes, "before": before}


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_case_ends_as_the_readme_table_says(hostile_run, case):
    outcome = hostile_run["outcomes"][case.file]
    if case.expect == PUBLISHED:
        assert outcome["status"] == "published", outcome.get("reason")
        assert (hostile_run["out"] / case.file).is_file()
    else:
        assert outcome["status"] == "failed", f"{case.file} was published"
        reason = outcome["reason"]
        assert case.file in reason and "\n" not in reason, "one line, naming the file"
        assert case.reason in reason
        assert not (hostile_run["out"] / case.file).exists()


@pytest.mark.parametrize("case", [c for c in CASES if c.expect == PUBLISHED], ids=lambda c: c.file)
def test_published_case_holds_no_planted_value(hostile_run, case):
    path = hostile_run["out"] / case.file
    assert planted_left(path, case.planted, ocr=case.ocr, turned=case.turned, light=case.light,
                        inverse=case.inverse) == []
    secrets = [Secret(v, "PHONE" if v[0].isdigit() else "EMAIL" if "@" in v else "PERSON", f"planted #{n}")
               for n, v in enumerate(case.planted)]
    assert verify_pdf(path, case.file, secrets, [], []) == []


@pytest.mark.parametrize("case", [c for c in CASES if c.expect == PUBLISHED and not c.password], ids=lambda c: c.file)
def test_planted_values_are_readable_in_the_input(hostile_run, case):
    """The case is a real hiding place: a reader finds every planted value in the input (stored, or
    drawn: OCR only when what is stored does not hold them all). Encrypted inputs are left out."""
    path = hostile_run["inputs"] / case.file
    found = planted_left(path, case.planted)
    if found != list(case.planted) and case.ocr:
        found = planted_left(path, case.planted, ocr=True, turned=case.turned, light=case.light, inverse=case.inverse)
    assert found == list(case.planted)


def test_inputs_are_never_modified(hostile_run):
    after = {p.name: sha256(p) for p in hostile_run["inputs"].iterdir()}
    assert after == hostile_run["before"]


def test_output_folder_holds_only_verified_files(hostile_run):
    out = hostile_run["out"]
    # (the publication package, package/, holds the same documents stamped and numbered: checked by tests/test_package.py)
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.relative_to(out).parts[0] != "package")
    published = sorted(c.file for c in CASES if c.expect == PUBLISHED)
    assert names == sorted(published + [LOG_JSON, LOG_CSV]), "no partial, staged or refused file in the output"
    uploads = list((out / "package" / "upload").glob("*.pdf"))
    assert len(uploads) == len(published), "one stamped upload per published document, none for a refused one"


def test_exit_code_and_summary_name_every_refused_document(hostile_run):
    result = hostile_run["result"]
    assert result.exit_code == 1
    assert "verify: passed" in result.output, "woopub verify over the output folder after the run"
    refused = [c.file for c in CASES if c.expect == REFUSED]
    summary = next(line for line in result.output.splitlines() if line.startswith("failed: "))
    assert sorted(summary[len("failed: "):].split(", ")) == sorted(refused)
    closing = result.output[result.output.index(summary):]
    for name in refused:
        assert name in closing.split("\n", 1)[1], f"the closing summary gives no reason for {name}"


def test_passwords_never_appear_in_output_or_log(hostile_run):
    secret_words = [c.password for c in CASES if c.password and len(c.password) > 6]
    text = hostile_run["result"].output + (hostile_run["out"] / LOG_JSON).read_text("utf-8")
    assert not any(p in text for p in secret_words)


def test_readme_table_lists_every_case():
    readme = (ROOT / "docs" / "hostile-inputs.md").read_text("utf-8")  # moved out of the README with its section
    assert readme_table() in readme, "docs/hostile-inputs.md out of step: run python tests/hostile/make_cases.py --table"
