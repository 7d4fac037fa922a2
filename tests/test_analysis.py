"""The one path from text to decided findings (woopub.decide.analysis), which the pipeline's two
passes, scan-text, eval and the benchmarks all take."""

import json

from click.testing import CliRunner

from woopub.cli import main
from woopub.decide.analysis import read_dossier
from woopub.decide.rules import load_rules
from woopub.detect.dossier import in_organisation_name


def _redacted(findings, decisions):
    return {f.text for f, d in zip(findings, decisions) if d.action == "redact"}


def test_a_name_beside_a_bracketed_organisation_is_redacted_in_the_dossier_reading(detector):
    # the word before "M. Peters" is "Centrum" only across ")," : the name is beside the
    # organisation, not inside its name (it was kept as part of one in the second reading)
    text = ("Verslag overleg\n\nAanwezig: I. Bouzid, D. Kooistra (Pieter Baan Centrum), M. Peters (Nidos), "
            "drs. M.A. Verbeek\n\nM. Peters licht de cijfers toe.\n")
    findings, decisions = read_dossier({"a": text}, detector, load_rules())["a"]
    assert "M. Peters" in _redacted(findings, decisions)


def test_organisation_word_only_counts_when_nothing_but_space_stands_between():
    org = {"stichting", "centrum", "ministerie"}
    for before, inside in [("Stichting ", True), ("Stichting van de ", True), ("Centrum), ", False),
                           ("Ministerie | ", False), ("Centrum: ", False)]:
        text = before + "Peters"
        assert in_organisation_name(text, len(before), org) is inside, before


def test_scan_text_reads_its_files_as_one_dossier(tmp_path):
    # the surname alone in the second text is found because the first names the person in full
    (tmp_path / "a.txt").write_text("Beste collega,\n\nMet vriendelijke groet,\nMarleen Oosterwijk\nbeleidsmedewerker\n")
    (tmp_path / "b.txt").write_text("Het stuk gaat morgen naar Oosterwijk voor een laatste blik.\n")
    result = CliRunner().invoke(main, ["scan-text", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    in_b = [r for r in lines if r["document"].endswith("b.txt") and r["entity"] == "PERSON"]
    assert [(r["text"], r["action"]) for r in in_b] == [("Oosterwijk", "redact")]
    alone = CliRunner().invoke(main, ["scan-text", str(tmp_path / "b.txt")])
    assert not any(json.loads(line)["text"] == "Oosterwijk" and json.loads(line)["action"] == "redact"
                   for line in alone.output.splitlines() if line.startswith("{"))
