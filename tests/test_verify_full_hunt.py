"""Standalone ``woopub verify`` hunts for every redacted value in every published file when the
dossier has no persons to index (as before the review dossier), and after ``woopub apply``
outside the places a reviewer kept public."""

import shutil

from click.testing import CliRunner

from conftest import make_pdf, swap_published
from woopub.cli import main
from woopub.review.store import REJECTED, ReviewDossier

PHONE = "06-41234567"


def _two(inputs):
    inputs.mkdir()
    make_pdf(inputs / "melding.pdf", ["Voor vragen belt u het meldpunt op 06-41234567 op werkdagen."])
    make_pdf(inputs / "planning.pdf", ["De planning van de werkzaamheden in het voorjaar."])


def test_verify_finds_a_value_redacted_in_one_file_in_another_when_the_dossier_has_no_persons(tmp_path):
    _two(tmp_path / "in")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["redact", str(tmp_path / "in"), "--out", str(out), "--workers", "1",
                                       "--without", "frog"])
    assert result.exit_code == 0, result.output
    swap_published(out / "planning.pdf", ["De planning: bel 06-41234567."])
    verified = CliRunner().invoke(main, ["verify", str(out)])
    assert verified.exit_code == 1
    assert any(line.startswith("planning.pdf: leak") for line in verified.output.splitlines()), verified.output


def test_after_apply_a_value_a_reviewer_kept_in_one_file_is_no_leak_there_but_is_elsewhere(tmp_path):
    inputs = tmp_path / "in"
    _two(inputs)
    shutil.copy(inputs / "melding.pdf", inputs / "melding-kopie.pdf")
    folder = tmp_path / "dossier"
    result = CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(folder), "--workers", "1",
                                       "--without", "frog"])
    assert result.exit_code == 0, result.output
    d = ReviewDossier(folder)
    rows = [r for r in d.proposals() if r["text"] == PHONE]
    assert {r["document"] for r in rows} == {"melding.pdf", "melding-kopie.pdf"}
    d.decide(next(r["key"] for r in rows if r["document"] == "melding-kopie.pdf"), REJECTED, "an")
    d.close()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(main, ["verify", str(out)]).exit_code == 0
    swap_published(out / "planning.pdf", ["De planning: bel 06-41234567."])
    verified = CliRunner().invoke(main, ["verify", str(out)])
    assert any(line.startswith("planning.pdf: leak") for line in verified.output.splitlines()), verified.output
    assert not any(line.startswith("melding-kopie.pdf: leak") for line in verified.output.splitlines())
