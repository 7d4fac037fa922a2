"""Rule files: schema-checked, broken files named with their line."""

import pytest

from woopub.errors import RuleError
from woopub.decide.rules import load_rules


def test_shipped_rules_load_with_every_ground(rules):
    for code in ["5.1.1c", "5.1.1d", "5.1.1e", "5.1.5", "5.2"] + [f"5.1.2{c}" for c in "abcdefghi"]:
        assert code in rules.grounds, code
    assert rules.grounds["5.1.2e"].text.startswith("De eerbiediging van de persoonlijke levenssfeer")
    assert len(rules.digest) == 64


def test_unknown_key_is_reported_with_file_and_line(tmp_path):
    bad = tmp_path / "dossier.yaml"
    bad.write_text("always_redact:\n  - value: Jansen\n    colour: red\n", encoding="utf-8")
    with pytest.raises(RuleError) as exc:
        load_rules([bad])
    assert exc.value.path.endswith("dossier.yaml")
    assert exc.value.line == 2
    assert "colour" in exc.value.problem


def test_yaml_syntax_error_is_reported_with_line(tmp_path):
    bad = tmp_path / "kapot.yaml"
    bad.write_text("keep:\n  - id: x\n    entity: [PERSON\n", encoding="utf-8")
    with pytest.raises(RuleError) as exc:
        load_rules([bad])
    assert "YAML syntax" in exc.value.problem and exc.value.line is not None


def test_undefined_ground_is_refused(tmp_path):
    bad = tmp_path / "regels.yaml"
    bad.write_text("redact:\n  - id: extra\n    entity: PERSON\n    ground: 5.1.2z\n    reason: x\n", encoding="utf-8")
    with pytest.raises(RuleError, match="5.1.2z"):
        load_rules([bad])


def test_unquoted_ground_number_gets_a_hint(tmp_path):
    bad = tmp_path / "regels.yaml"
    bad.write_text("always_redact:\n  - value: Jansen\n    ground: 5.2\n", encoding="utf-8")
    with pytest.raises(RuleError, match="in quotes"):
        load_rules([bad])


def test_duplicate_rule_id_is_refused(tmp_path):
    bad = tmp_path / "regels.yaml"
    bad.write_text("keep:\n  - id: functionele-mailbox\n    entity: EMAIL\n    reason: dubbel\n", encoding="utf-8")
    with pytest.raises(RuleError, match="already used"):
        load_rules([bad])


def test_dossier_rules_folder_is_added(tmp_path):
    (tmp_path / "a.yaml").write_text("always_keep:\n  - value: Escapetruck\n", encoding="utf-8")
    rs = load_rules([tmp_path])
    assert [v.value for v in rs.always_keep] == ["Escapetruck"]
    assert rs.digest != load_rules().digest
