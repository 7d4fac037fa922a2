"""One verification model for ``woopub redact`` and ``woopub apply`` (issue 15, Shape): both check
every published file for the dossier's name forms (a person index made the same way: from what is
redacted) and for every value redacted anywhere, outside the places kept on purpose."""

import json

from click.testing import CliRunner

from conftest import make_pdf, swap_published
from woopub.cli import main
from woopub.writing.publish import INDEX_FILE

PHONE = "06-41234567"


def _two(inputs):
    inputs.mkdir()
    make_pdf(inputs / "melding.pdf", ["Contactpersoon is mevrouw Fenna Wijnberg van de afdeling Handhaving.",
                                      "Voor vragen belt u haar op 06-41234567 op werkdagen."])
    make_pdf(inputs / "planning.pdf", ["De planning van de werkzaamheden in het voorjaar."])


def _leaks(out, name: str) -> list[str]:
    verified = CliRunner().invoke(main, ["verify", str(out)])
    return [line for line in verified.output.splitlines() if line.startswith(f"{name}: leak")]


def _index_forms(out) -> list[str]:
    index = json.loads((out.parent / f"{out.name}-INTERN-niet-publiceren" / INDEX_FILE).read_text())
    return index["variants"]


def test_after_redact_a_dossier_with_persons_is_also_checked_for_every_other_value_redacted(tmp_path):
    _two(tmp_path / "in")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["redact", str(tmp_path / "in"), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "Fenna Wijnberg" in _index_forms(out), "the dossier has a person: its index is used"
    assert not _leaks(out, "planning.pdf")
    swap_published(out / "planning.pdf", ["De planning: bel 06-41234567."])
    assert _leaks(out, "planning.pdf"), "a phone number redacted in another document is hunted for too"


def test_after_apply_a_name_form_of_the_person_index_is_a_leak_as_after_redact(tmp_path):
    _two(tmp_path / "in")
    folder, out = tmp_path / "dossier", tmp_path / "out"
    assert CliRunner().invoke(main, ["scan", str(tmp_path / "in"), "--dossier", str(folder), "--workers", "1"]).exit_code == 0
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 0, result.output
    forms = _index_forms(out)
    assert forms.get("Wijnberg") == "surname", forms
    assert not _leaks(out, "planning.pdf")
    # a form no value redacted spells alone: the index makes it, as it does for woopub redact
    swap_published(out / "planning.pdf", ["De planning is besproken met mevrouw Wijnberg."])
    assert _leaks(out, "planning.pdf"), "apply hunts the index's name forms as redact does"
