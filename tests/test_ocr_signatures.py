"""Signature zones: handwriting is found where signatures stand, and nothing else is taken for it."""

from __future__ import annotations

import sys

import pymupdf
import pytest

from conftest import SAMPLES
from woopub.reading.document import DocumentReader
from woopub.detect.signatures import find_signatures

sys.path.insert(0, str(SAMPLES))
from make_scans import draw_logo, draw_scribble, scribble_png  # noqa: E402


def marks_of(doc: pymupdf.Document):
    return find_signatures(doc, DocumentReader().read(doc))


def _letter(closing_lines: list[str]) -> tuple[pymupdf.Document, pymupdf.Page, float]:
    doc = pymupdf.open()
    page = doc.new_page()
    draw_logo(page)
    page.insert_text((72, 120), "Geachte voorzitter,", fontsize=10)
    page.insert_text((72, 140), "Hierbij ontvangt u de voortgangsbrief over het Actieplan.", fontsize=10)
    y = 180
    for line in closing_lines:
        page.insert_text((72, y), line, fontsize=10)
        y += 16
    return doc, page, y


@pytest.mark.parametrize("name", ["nota-voortgang-mensenhandel", "email-mensenhandel", "bijlage-contactpersonen"])
def test_typed_closings_and_paraph_tables_without_handwriting_give_no_signature(name):
    with pymupdf.open(SAMPLES / f"{name}.pdf") as doc:
        assert marks_of(doc) == []


def test_drawn_signature_under_a_signing_line_is_found_with_its_signer():
    doc, page, y = _letter(["Hoogachtend,", "", "De minister van Justitie en Veiligheid,"])
    draw_scribble(page, pymupdf.Rect(80, y, 200, y + 40), seed=5)
    page.insert_text((72, y + 60), "D.M. van Weel", fontsize=10)
    (mark,) = marks_of(doc)
    assert mark.kind == "drawing" and mark.zone == "closing" and mark.cue.startswith("de minister van")
    strokes = max(page.get_drawings(), key=lambda d: len(d["items"]))
    assert pymupdf.Rect(mark.box).contains(strokes["rect"])  # all of it, so redaction removes the whole drawing


def test_signature_image_beside_a_paraaf_label_is_found():
    doc, page, y = _letter(["Akkoord voor verzending."])
    page.insert_text((72, y + 20), "Paraaf:", fontsize=10)
    page.insert_image(pymupdf.Rect(115, y + 2, 195, y + 30), stream=scribble_png(320, 112, 9))
    (mark,) = marks_of(doc)
    assert mark.kind == "image" and mark.zone == "column" and mark.cue == "paraaf"


def test_logo_stamp_and_rules_in_a_signature_zone_are_not_signatures():
    doc, page, y = _letter(["Met vriendelijke groet,"])
    page.draw_rect(pymupdf.Rect(80, y, 110, y + 30), color=None, fill=(0.08, 0.16, 0.42))  # a solid emblem
    page.draw_line((72, y + 45), (300, y + 45), width=0.8)  # a signing line to write on
    page.insert_text((72, y + 60), "Team Mensenhandel", fontsize=10)
    assert marks_of(doc) == []


def test_letterhead_logo_above_the_closing_is_never_looked_at():
    doc, page, _ = _letter(["Met vriendelijke groet,"])
    draw_scribble(page, pymupdf.Rect(330, 10, 420, 50), seed=2)  # handwriting in the letterhead, above the zone
    assert marks_of(doc) == []


def test_the_decide_pass_takes_the_signatures_the_scan_kept_and_leaves_the_document_shut(tmp_path, rules, detector,
                                                                                       monkeypatch):
    from woopub.detect import PersonIndex
    from woopub.files import sha256_file
    from woopub.reading.intake import admit
    from woopub.run import pipeline
    from woopub.run.pipeline import Dossier, InputDocument

    doc, page, y = _letter(["Hoogachtend,", "", "De minister van Justitie en Veiligheid,"])
    draw_scribble(page, pymupdf.Rect(80, y, 200, y + 40), seed=5)
    page.insert_text((72, y + 60), "D.M. van Weel", fontsize=10)
    path = tmp_path / "brief.pdf"
    doc.save(path)
    with admit(path) as admitted:  # what the decide pass found when it opened the document itself
        (expected,) = marks_of(admitted.doc)

    dossier = Dossier(rules, detector, isolate=False)
    scan = dossier.scan(InputDocument(path, "brief.pdf"))
    scan.sha256 = sha256_file(path)
    opened = []
    monkeypatch.setattr(pipeline, "admit", lambda *a, **k: opened.append(a) or admit(*a, **k))
    proposals, reason, _ = dossier.propose(scan, PersonIndex(), keep_reading=True)
    assert reason is None and opened == []
    (signature,) = [p for p in proposals if p.recogniser == "signatures"]
    assert signature.boxes == (expected.box,)
