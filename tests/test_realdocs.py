"""The real-document evaluation set: well-formed, and the detection figures on it do not fall back."""

import csv
import sys
import importlib.util
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
REALPDF = ROOT.parent / "shared" / "realpdf"
ANNOTATIONS = ROOT / "samples" / "realdocs" / "annotations.yaml"


def test_every_annotated_document_is_a_manifest_entry_with_pages_and_labels():
    docs = yaml.safe_load(ANNOTATIONS.read_text("utf-8"))
    assert len(docs) >= 15
    for d in docs:
        assert d["file"].startswith("nl-") and len(d["sha256"]) == 64 and d["pages"]
        for p in d["persons"]:
            assert p["action"] in ("redact", "keep") and p["role"] and p["text"].strip()
    if (REALPDF / "MANIFEST.csv").is_file():
        manifest = {r["name"]: r["sha256"] for r in csv.DictReader((REALPDF / "MANIFEST.csv").open(encoding="utf-8"))}
        assert all(manifest.get(d["file"]) == d["sha256"] for d in docs)


@pytest.mark.slow
@pytest.mark.skipif(not REALPDF.is_dir(), reason="the real PDFs lie beside the repository in ../shared/realpdf")
def test_detection_on_real_documents_does_not_fall_back():
    # the targets (README): a change that loses ground fails here
    spec = importlib.util.spec_from_file_location("realdocs", ROOT / "bench" / "realdocs.py")
    realdocs = importlib.util.module_from_spec(spec)
    sys.modules["realdocs"] = realdocs  # its dataclasses look their module up there
    spec.loader.exec_module(realdocs)
    r = realdocs.evaluate(REALPDF)
    assert r["skipped"] == []
    assert r["person_recall"] >= 0.98
    assert r["person_box_precision"] >= 0.95
    assert r["office_holders_kept"] == 1.0
    assert r["not_persons_kept"] >= 0.99
    assert r["removed_word_precision"] >= 0.80
