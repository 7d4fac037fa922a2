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
    # a document may have one entry per split (other pages of it), never two in one split or a page twice
    assert len({(d["file"], d.get("split", "development")) for d in docs}) == len(docs)
    pages = [(d["file"], p) for d in docs for p in d["pages"]]
    assert len(set(pages)) == len(pages)
    assert sum(d.get("split") == "heldout" for d in docs) >= 10
    assert sum(d.get("split") == "heldout2" for d in docs) >= 10
    assert sum(d.get("split") == "heldout3" for d in docs) >= 10
    for d in docs:
        assert d["file"].startswith("nl-") and len(d["sha256"]) == 64 and d["pages"]
        assert d.get("split", "development") in ("development", "heldout", "heldout2", "heldout3")
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
    dev, held = r["splits"]["development"], r["splits"]["heldout"]
    # the development split at the targets
    assert dev["person_recall"] >= 0.98
    assert dev["person_box_precision"] >= 0.95
    assert dev["office_holders_kept"] == 1.0
    assert dev["not_persons_kept"] >= 0.99
    assert dev["removed_word_precision"] >= 0.80
    # the blind held-out split at its measured figures (0.976 / 0.870 / 0.896, December 2026): below the
    # targets, so a floor against losing ground, not a claim
    assert held["person_recall"] >= 0.97
    assert held["person_box_precision"] >= 0.86
    assert held["removed_word_precision"] >= 0.88
    # the second blind split (heldout2) at its first measurement (1.0 / 0.875 / 0.905 / 0.994, December
    # 2026): few persons (7 mentions), so mostly a floor on capitalised non-persons kept
    held2 = r["splits"]["heldout2"]
    assert held2["person_recall"] >= 0.98
    assert held2["office_holders_kept"] == 1.0
    assert held2["not_persons_kept"] >= 0.99
    # the third blind split (heldout3, later pages) at its first measurement (0.976 / 0.976 / 0.975, kept
    # 0.75, non-persons 0.999, December 2026): recall and kept below target, so a floor, not a claim
    held3 = r["splits"]["heldout3"]
    assert held3["person_recall"] >= 0.97
    assert held3["person_box_precision"] >= 0.97
    assert held3["removed_word_precision"] >= 0.97
    assert held3["not_persons_kept"] >= 0.99
