"""End to end: the scanned nota and the signed paraph page in samples/scans/.

Built by samples/make_scans.py: the sample nota initialled by hand and scanned
(grey JPEG, noise, skew, no text layer), and a routing slip with drawn paraphs
and a pasted signature image. Run through the whole pipeline, every civil
servant's name, number, e-mail and signature must be gone from the pixels
(OCR of the published pages and of their images) and from any text layer;
every box carries its ground code; the rest stays searchable.

OCR makes these tests take some seconds; they run in the default suite.
"""

from __future__ import annotations

import json
import shutil

import pymupdf
import pytest
import yaml

from conftest import SAMPLES, pdf_text, still_there
from ocr_support import image_ink, ocr_pixels
from woopub.writing.publish import LOG_JSON
from woopub.run.batch import verify_output
from woopub.run.batch import run_inline

SCANS = SAMPLES / "scans"
NAMES = ["nota-voortgang-mensenhandel-gescand", "parafenblad-getekend"]


def scan_truth(name: str) -> dict:
    return yaml.safe_load((SCANS / f"{name}.truth.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def scan_run(tmp_path_factory, rules, detector):
    from woopub.run.pipeline import Dossier

    base = tmp_path_factory.mktemp("scans")
    inputs = base / "in"
    shutil.copytree(SCANS, inputs, ignore=shutil.ignore_patterns("*.yaml"))
    result = run_inline(Dossier(rules, detector), [inputs], base / "out")
    out = base / "out"
    return {"out": out, "result": result, "log": json.loads((out / LOG_JSON).read_text("utf-8")),
            "pixels": {name: ocr_pixels(out / f"{name}.pdf") for name in NAMES}}


def test_scans_are_published_and_verified(scan_run):
    assert {o.document: o.status for o in scan_run["result"].outcomes} == {f"{n}.pdf": "published" for n in NAMES}
    problems, _ = verify_output(scan_run["out"])
    assert problems == []


@pytest.mark.parametrize("name", NAMES)
def test_no_personal_value_left_in_any_text_layer(scan_run, name):
    text = pdf_text(scan_run["out"] / f"{name}.pdf")
    assert [v for v in scan_truth(name)["redact"] if still_there(v, text)] == []


@pytest.mark.parametrize("name", NAMES)
def test_no_personal_value_left_in_the_pixels(scan_run, name):
    """OCR of each published page and of each of its images on its own finds none of them."""
    seen = scan_run["pixels"][name]
    assert len(seen.split()) > 40  # the pages were read: the check means something
    assert [v for v in scan_truth(name)["redact"] if still_there(v, seen)] == []


@pytest.mark.parametrize("name", NAMES)
def test_the_rest_stays_searchable(scan_run, name):
    """Words that stay are in the published text layer (invisible on scans) and found by search."""
    text = " ".join(pdf_text(scan_run["out"] / f"{name}.pdf").split())
    assert [v for v in scan_truth(name)["keep"] if not still_there(v, text)] == []
    with pymupdf.open(scan_run["out"] / f"{name}.pdf") as doc:
        assert any(page.search_for("minister van Justitie") for page in doc)


def test_scanned_page_text_layer_is_invisible(scan_run):
    with pymupdf.open(scan_run["out"] / "nota-voortgang-mensenhandel-gescand.pdf") as doc:
        spans = [s for page in doc for s in page.get_texttrace() if "5.1.2e" not in "".join(chr(c[0]) for c in s["chars"])]
        assert spans and all(s["type"] == 3 for s in spans)  # render mode 3: searchable, not shown


@pytest.mark.parametrize("name", NAMES)
def test_every_signature_and_paraph_is_gone_from_the_pixels_and_logged(scan_run, name):
    truth = scan_truth(name)["signatures"]
    entries = [e for e in scan_run["log"]["redactions"] if e["document"] == f"{name}.pdf" and e["entity"] == "SIGNATURE"]
    assert entries and all(e["rule"] == "handtekening" and e["ground"] == "5.1.2e" for e in entries)
    source = pymupdf.open(SCANS / f"{name}.pdf")
    published = pymupdf.open(scan_run["out"] / f"{name}.pdf")
    for sig in truth:
        page, box = sig["page"] - 1, pymupdf.Rect(sig["box"])
        covered = [pymupdf.Rect(e["rect"]) for e in entries if e["page"] == sig["page"] and pymupdf.Rect(e["rect"]).intersects(box)]
        assert covered, f"no SIGNATURE box over the signature at {sig}"
        # pixels: images (scans, pasted signatures) keep no ink there
        before, after = image_ink(source, page, box), image_ink(published, page, box)
        assert after <= 0.03 * before + 2, f"{after} of {before} ink pixels left at {sig}"
        # drawn strokes: removed from the page content, not covered
        strokes = [d for d in published[page].get_drawings() if len(d["items"]) > 8 and pymupdf.Rect(d["rect"]).intersects(box)]
        assert strokes == []


def test_letterhead_logo_is_not_taken_for_a_signature(scan_run):
    logo = pymupdf.Rect(280, 0, 320, 62)
    with pymupdf.open(scan_run["out"] / "parafenblad-getekend.pdf") as doc:
        fills = [d for d in doc[0].get_drawings() if d.get("fill") and pymupdf.Rect(d["rect"]).intersects(logo)]
        assert fills and all(max(d["fill"]) > 0.3 for d in fills)  # the blue band, not a black box
    assert not any(pymupdf.Rect(e["rect"]).intersects(logo) for e in scan_run["log"]["redactions"])


def test_ground_code_is_printed_in_every_box(scan_run):
    for e in scan_run["log"]["redactions"]:
        with pymupdf.open(scan_run["out"] / e["document"]) as doc:
            label = doc[e["page"] - 1].get_text("text", clip=pymupdf.Rect(e["rect"]) + (-1, -1, 1, 1))
            assert e["ground"] in "".join(label.split())
