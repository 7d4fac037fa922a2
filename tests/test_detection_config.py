"""Detection configuration as data (src/woopub/data/detection.yaml) and the evidence tags rule
files may name."""

import copy
import re
from importlib import resources

import pytest
import yaml
from click.testing import CliRunner

from woopub.cli import main
from woopub.decide.analysis import read_dossier
from woopub.decide.rules import load_rules
from woopub.detect import DEFAULT_RECOGNISERS, RECOGNISERS, Detector
from woopub.detect.config import DetectionConfigError, detection_config, parse_config
from woopub.detect.persons import EVIDENCE

from conftest import SAMPLES

SHIPPED = yaml.safe_load(resources.files("woopub").joinpath("data", "detection.yaml").read_text("utf-8"))


def test_the_shipped_configuration_drives_the_detector():
    assert DEFAULT_RECOGNISERS == tuple(SHIPPED["recognisers"])
    assert set(DEFAULT_RECOGNISERS) <= set(RECOGNISERS)
    assert EVIDENCE == SHIPPED["persons"]["weights"]


@pytest.mark.parametrize("change, where", [
    (lambda d: d["persons"]["weights"].__setitem__("initials", "veel"), "persons/weights/initials"),
    (lambda d: d.__setitem__("min_score", 1.5), "min_score"),
    (lambda d: d["evidence"].__setitem__("email", ["local part functional", " "]), "evidence/email/1"),
    (lambda d: d.__setitem__("recognizers", d.pop("recognisers")), "top"),
])
def test_a_broken_configuration_is_refused_with_its_place(change, where):
    data = copy.deepcopy(SHIPPED)
    change(data)
    with pytest.raises(DetectionConfigError, match=re.escape(where)):
        parse_config(data)


def test_a_rule_naming_evidence_no_recogniser_records_is_refused(tmp_path):
    rule = tmp_path / "dossier-regels.yaml"
    rule.write_text(
        "keep:\n"
        "  - id: organisatie\n"
        "    entity: PERSON\n"
        "    evidence:\n"
        "      - \"dossier:in-organisaton-name\"\n"  # the typo: this rule would never match
        "    reason: Deel van een organisatienaam.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "check", "--rules", str(rule)])
    assert result.exit_code != 0
    assert "dossier:in-organisaton-name" in result.output and ":5" in result.output
    rule.write_text(rule.read_text().replace("organisaton", "organisation"), encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "check", "--rules", str(rule)])
    assert result.exit_code == 0, result.output


def test_every_tag_the_detectors_record_on_the_corpus_is_declared(detector):
    # the declared vocabulary stays true: what the recognisers write is in it
    texts = {p.name: p.read_text("utf-8") for p in sorted((SAMPLES / "corpus" / "docs").glob("*.txt"))}
    assert len(texts) > 20
    config = detection_config()
    recorded = {e for findings, _ in read_dossier(texts, detector, load_rules()).values() for f in findings for e in f.evidence}
    assert recorded
    assert sorted(e for e in recorded if not config.knows_evidence(e)) == []
