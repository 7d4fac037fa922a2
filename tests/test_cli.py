"""The command line: exit codes, bad input, help texts."""

import os
import shutil
import signal

import pymupdf
import pytest
from click.testing import CliRunner

from conftest import SAMPLES, make_pdf, sha256
from woopub import __version__
from woopub.cli import main


@pytest.fixture()
def runner():
    return CliRunner()


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, prefix + (name,))
        else:
            yield prefix + (name,)


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_every_command_has_help_with_an_example(runner):
    commands = list(_commands(main))
    assert ("redact",) in commands and ("verify",) in commands
    for cmd in commands:
        result = runner.invoke(main, [*cmd, "--help"])
        assert result.exit_code == 0, cmd
        assert "Example" in result.output, f"{' '.join(cmd)} --help has no example"
        assert "Exit codes" in result.output, f"{' '.join(cmd)} --help does not list exit codes"


def test_usage_error_exits_2(runner, tmp_path):
    result = runner.invoke(main, ["redact", str(tmp_path)])  # no --out
    assert result.exit_code == 2


def test_bad_inputs_fail_alone_and_the_rest_is_published(runner, tmp_path):
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    make_pdf(dossier / "goed.pdf", ["Beste Fenna,", "Bel mij op 06-48291730.", "Groet, Jan de Vries"])
    (dossier / "tekst.pdf").write_text("Dit is geen PDF.")
    (dossier / "leeg.pdf").write_bytes(b"")
    good = (dossier / "goed.pdf").read_bytes()
    (dossier / "kapot.pdf").write_bytes(good[: len(good) // 3])
    enc = pymupdf.open()
    enc.new_page().insert_text((72, 72), "Geheim")
    enc.save(dossier / "versleuteld.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    before = {p.name: sha256(p) for p in dossier.iterdir()}
    out = tmp_path / "out"
    result = runner.invoke(main, ["redact", str(dossier), "--out", str(out)])
    assert result.exit_code == 1
    assert "goed.pdf: published" in result.output
    for name, reason in (("tekst.pdf", "not a PDF"), ("leeg.pdf", "empty"), ("versleuteld.pdf", "encrypted")):
        line = next(line for line in result.output.splitlines() if name in line and "FAILED" in line)
        assert reason in line
    assert any("kapot.pdf" in line for line in result.output.splitlines() if "FAILED" in line or "published" in line)
    published = sorted(p.name for p in out.glob("*.pdf"))
    assert "goed.pdf" in published and "tekst.pdf" not in published and "versleuteld.pdf" not in published
    assert not [p for p in out.rglob("*") if p.name.startswith(".")], "no half-written files in OUT_DIR"
    assert {p.name: sha256(p) for p in dossier.iterdir()} == before


def test_broken_rule_file_stops_before_any_output(runner, tmp_path):
    bad = tmp_path / "regels.yaml"
    bad.write_text("always_keep:\n  - value: X\n    kleur: rood\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["redact", str(SAMPLES / "email-mensenhandel.pdf"), "--out", str(out), "--rules", str(bad)])
    assert result.exit_code == 2
    assert "regels.yaml:2" in result.output and "kleur" in result.output
    assert not out.exists()


def test_redact_then_verify_on_samples_exits_0(runner, tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(SAMPLES, inputs, ignore=shutil.ignore_patterns("*.py", "seed", "*.yaml", "scans", "corpus"))
    out = tmp_path / "out"
    result = runner.invoke(main, ["redact", str(inputs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "total: 3 of 3 document(s) published" in result.output
    assert runner.invoke(main, ["verify", str(out)]).exit_code == 0


def test_verify_fails_on_a_file_that_leaks(runner, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    make_pdf(inputs / "brief.pdf", ["Beste Fenna,", "Met vriendelijke groet,", "", "Jan de Vries"])
    out = tmp_path / "out"
    assert runner.invoke(main, ["redact", str(inputs), "--out", str(out)]).exit_code == 0
    # swap the published file for the original: every redacted value is back
    shutil.copyfile(inputs / "brief.pdf", out / "brief.pdf")
    result = runner.invoke(main, ["verify", str(out)])
    assert result.exit_code == 1 and "leak" in result.output
    assert "Fenna" not in result.output and "Vries" not in result.output


def test_scan_text_prints_one_json_line_per_span(runner):
    result = runner.invoke(main, ["scan-text", "-"], input="Beste Fenna, het lid Bikker (CU) belt 06-48291730.\n")
    import json

    rows = [json.loads(line) for line in result.output.splitlines()]
    by_text = {r["text"]: r for r in rows}
    assert by_text["Fenna"]["action"] == "redact" and by_text["Fenna"]["entity"] == "PERSON"
    assert by_text["Bikker"]["action"] == "keep"
    assert by_text["06-48291730"]["ground"] == "5.1.2e"
    for r in rows:
        assert "Beste Fenna, het lid Bikker (CU) belt 06-48291730.\n"[r["start"] : r["end"]] == r["text"]


def test_scan_text_standard_output_holds_only_json_lines():
    """Libraries that log to standard output (deduce sets that up on import) must not
    spoil the JSON lines other tools read."""
    import json
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "woopub", "scan-text", "-"], input="Beste Fenna, bel 06-48291730.\n",
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines and all(json.loads(line)["entity"] for line in lines)


def test_a_run_leaves_no_temporary_folders(tmp_path):
    import os
    import subprocess
    import sys

    from conftest import make_pdf

    (tmp_path / "in").mkdir()
    make_pdf(tmp_path / "in" / "nota.pdf", ["Contactpersoon: Fenna Wijnberg", "T 06 12345678"])
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    done = subprocess.run([sys.executable, "-m", "woopub", "redact", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                           "--internal", str(tmp_path / "intern")], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in temp.iterdir()) == []


def test_a_rule_error_while_frog_loads_leaves_no_temporary_folder(tmp_path):
    # Frog starts loading before the rules are read (it is the slowest start); a run that stops on a
    # rule error a moment later still removes its working folder (the tagger closes once Frog is up)
    import os
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    make_pdf(tmp_path / "in" / "nota.pdf", ["Contactpersoon: Fenna Wijnberg"])
    (tmp_path / "regels.yaml").write_text("keep:\n  - id: x\n    bogus: 1\n", "utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    done = subprocess.run([sys.executable, "-m", "woopub", "redact", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                           "--rules", str(tmp_path / "regels.yaml"), "--workers", "1"],
                          env={**os.environ, "TMPDIR": str(temp)}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "rule error" in done.stderr, done.stderr
    assert sorted(p.name for p in temp.iterdir()) == []
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["redact", "scan"])
def test_without_applies_to_its_own_run_only(runner, tmp_path, monkeypatch, command):
    # the detectors to skip reach the workers through the environment; a command run in-process
    # (a test, a notebook) must not leave "--without frog" behind for every run after it
    monkeypatch.delenv("WOOPUB_WITHOUT", raising=False)
    (tmp_path / "in").mkdir()
    make_pdf(tmp_path / "in" / "brief.pdf", ["Beste Jan de Vries, bel 06-41234567."])
    target = ["--dossier", str(tmp_path / "dossier")] if command == "scan" else ["--out", str(tmp_path / "uit")]
    result = runner.invoke(main, [command, str(tmp_path / "in"), *target, "--workers", "1", "--without", "frog"])
    assert result.exit_code == 0, result.output
    assert "WOOPUB_WITHOUT" not in os.environ


def test_running_a_command_in_process_leaves_ctrl_c_to_the_caller(runner, tmp_path):
    # the handler that ends a stopped run after a grace period belongs to the woopub program only
    before = signal.getsignal(signal.SIGINT)
    result = runner.invoke(main, ["redact", str(tmp_path / "missing"), "--out", str(tmp_path / "uit")])
    assert result.exit_code == 2
    assert signal.getsignal(signal.SIGINT) is before
