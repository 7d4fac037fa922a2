"""Issue 13: a page whose text layer says otherwise than its glyphs draw is read by OCR.

The cases (disagreeing.py) have no glyph names to contradict the ToUnicode map, so only the text
itself gives them away. Each must come out published with the name gone from the rendered page
(OCR of the output) and from every text reading; an ordinary page in an embedded font is not read
by OCR at all.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pymupdf
import pytest
from click.testing import CliRunner

from disagreeing import BODY, CASES, _rewrite_tounicode, _rot13, _shuffled, build_ordinary
from leaks import planted_left
from make_cases import NAME, SENTENCE, UNICODE_FONT
from woopub.cli import main
from woopub.model import Proposal
from woopub.reading.fontmaps import WIDTH_AGREEMENT_MIN, width_agreement
from woopub.reading.ocr import TEXT_LAYER_FONT
from woopub.reading.planning import PictureCheck, plan_page
from woopub.writing.publish import LOG_JSON, PROPOSALS_FILE
from woopub.run.batch import verify_output

needs_ocr = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("disagree")
    inputs = base / "dossier"
    inputs.mkdir()
    for name, build in CASES.items():
        build(inputs / name)
    out = base / "out"
    result = CliRunner().invoke(main, ["redact", str(inputs), "--out", str(out)], catch_exceptions=False)
    log = json.loads((out / LOG_JSON).read_text("utf-8"))
    return {"inputs": inputs, "out": out, "result": result, "outcomes": {d["document"]: d for d in log["documents"]}}


def test_ordinary_page_in_an_embedded_font_is_not_read_by_ocr(tmp_path):
    build_ordinary(tmp_path / "gewoon.pdf")
    with pymupdf.open(tmp_path / "gewoon.pdf") as doc:
        assert NAME in doc[0].get_text()  # the control's text layer is true
        assert plan_page(doc[0]) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_lying_text_layer_is_read_by_ocr(tmp_path, case):
    CASES[case](tmp_path / case)
    with pymupdf.open(tmp_path / case) as doc:
        assert NAME not in doc[0].get_text()  # the text layer does not give the name away
        assert [r.reason for r in plan_page(doc[0])] == ["doubtful text layer"]


@needs_ocr
@pytest.mark.parametrize("case", sorted(CASES))
def test_lying_text_layer_published_without_the_name(run, case):
    assert planted_left(run["inputs"] / case, (NAME,), ocr=True) == [NAME]  # a reader of the page sees it
    outcome = run["outcomes"][case]
    assert outcome["status"] == "published", outcome.get("reason")
    assert planted_left(run["out"] / case, (NAME,), ocr=True) == []


@needs_ocr
@pytest.mark.parametrize("case", sorted(CASES))
def test_verify_reads_the_drawn_name_of_an_unredacted_case(tmp_path, case):
    out, internal = tmp_path / "out", tmp_path / "intern"
    out.mkdir()
    internal.mkdir()
    CASES[case](out / case)
    (out / LOG_JSON).write_text(json.dumps({"documents": [{"document": case, "status": "published"}],
                                            "redactions": []}), encoding="utf-8")
    record = Proposal(f"{case}#1", case, 1, ((0, 0, 1, 1),), NAME, "PERSON", "redact", "5.1.2e", "planted", 1.0,
                      "planted value", "test").to_dict()
    (internal / PROPOSALS_FILE).write_text(json.dumps(record) + "\n", encoding="utf-8")
    problems, _ = verify_output(out, internal)
    assert "leak" in {p.kind for p in problems if p.document == case}


@needs_ocr
@pytest.mark.parametrize("case", sorted(CASES))
def test_lying_page_is_published_as_a_scan_without_its_lying_text(run, case):
    """The lying layer's other words are gone too: the page is one picture with the OCR words as its text."""
    with pymupdf.open(run["inputs"] / case) as doc:
        lying = {w[4] for w in doc[0].get_text("words")} - {w for line in [*BODY, SENTENCE] for w in line.split()}
    with pymupdf.open(run["out"] / case) as doc:
        page = doc[0]
        # one picture; fonts only for the OCR text layer and the labels of the boxes
        assert len(page.get_images()) == 1
        assert {f[4] for f in page.get_fonts() if f[3] != "Helvetica"} == {TEXT_LAYER_FONT}
        published = {w[4] for w in page.get_text("words")}
    assert not lying & published, "a word of the lying text layer is still in the published page"
    assert {"ministerie", "gemeenten", "Kamer"} <= published, "the OCR words stay searchable"
    poppler = subprocess.run(["pdftotext", str(run["out"] / case), "-"], capture_output=True, text=True).stdout
    assert not lying & set(poppler.split())


def _name_page(path, subset: bool, say=None):
    """Body text in Helvetica; the name alone in embedded DejaVu (a subset: no cmap in its program)."""
    doc = pymupdf.open()
    page = doc.new_page()
    for n, line in enumerate(BODY):
        page.insert_text((72, 90 + 16 * n), line, fontsize=11)
    page.insert_font(fontname="naam", fontfile=str(UNICODE_FONT))
    page.insert_text((72, 400), NAME, fontsize=11, fontname="naam")
    if subset:
        doc.subset_fonts()
    if say:
        _rewrite_tounicode(doc, say)
    doc.save(path)


@pytest.mark.parametrize("subset", [True, False], ids=["subset", "whole-program"])
def test_an_honest_name_alone_in_an_embedded_font_costs_no_glance(tmp_path, subset):
    _name_page(tmp_path / "naam.pdf", subset)
    with pymupdf.open(tmp_path / "naam.pdf") as doc:
        check = PictureCheck(doc)
        assert NAME in doc[0].get_text()
        assert plan_page(doc[0], None, check) == []
        assert check.fonts.glances == 0, "judged by its program or its glyph widths, not by OCR"


def test_a_lying_map_is_found_by_the_font_program_without_ocr(tmp_path):
    _name_page(tmp_path / "naam.pdf", subset=False, say=_rot13)  # the whole program keeps its cmap
    with pymupdf.open(tmp_path / "naam.pdf") as doc:
        check = PictureCheck(doc)
        assert NAME not in doc[0].get_text()
        assert [r.reason for r in plan_page(doc[0], None, check)] == ["doubtful text layer"]
        assert check.fonts.glances == 0 and list(check.fonts.lying.values()) == [True]


def test_glyph_widths_follow_a_true_map_and_not_a_shuffled_one(tmp_path):
    _name_page(tmp_path / "eerlijk.pdf", subset=True)
    _name_page(tmp_path / "geschud.pdf", subset=True, say=lambda c: _shuffled().get(c, c))
    agreement = {}
    for name in ("eerlijk", "geschud"):
        with pymupdf.open(tmp_path / f"{name}.pdf") as doc:
            spans = [s for s in doc[0].get_texttrace() if s["font"].startswith("DejaVu")]
            agreement[name] = width_agreement(spans)
    assert agreement["eerlijk"] >= WIDTH_AGREEMENT_MIN > agreement["geschud"]
