"""A value redacted in the text layer and drawn in a picture of the document is redacted in the
picture's pixels too, so the document is published rather than withheld by verification."""

from __future__ import annotations

import pymupdf

from conftest import still_there
from ocr_support import ocr_pixels
from woopub.model import REDACT, Proposal
from woopub.run.batch import run_inline
from woopub.reading.ocr import OcrWord, PageReading
from woopub.writing.pictured import picture_proposals


def _slide_with_name_in_capitals(path):
    """The name in the text layer, in a sentence, and in a pasted slide header in capitals, where
    nothing around it says it is a name."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Contactpersoon: mevrouw Fenna Wijnberg, beleidsmedewerker.", fontsize=11)
    slide = pymupdf.open()
    src = slide.new_page(width=300, height=40)
    src.draw_rect(src.rect, color=None, fill=(0.85, 0.9, 1.0))
    src.insert_text((8, 26), "notulen: fenna wijnberg | kwartaal 3", fontsize=15, fontname="hebo")
    png = src.get_pixmap(dpi=200, colorspace=pymupdf.csRGB, alpha=False).tobytes("png")
    page.insert_image(pymupdf.Rect(72, 120, 372, 160), stream=png)
    doc.save(path)


def test_name_in_text_layer_and_picture_is_published_with_the_picture_redacted(tmp_path, rules, detector):
    from woopub.run.pipeline import Dossier

    dossier = tmp_path / "in"
    dossier.mkdir()
    _slide_with_name_in_capitals(dossier / "slide.pdf")
    assert still_there("Wijnberg", ocr_pixels(dossier / "slide.pdf"))
    result = run_inline(Dossier(rules, detector), [dossier], tmp_path / "out")
    assert [o.status for o in result.outcomes] == ["published"], [o.reason for o in result.outcomes]
    shown = ocr_pixels(tmp_path / "out" / "slide.pdf")
    assert not still_there("Wijnberg", shown)
    assert "kwartaal" in shown.lower()  # the rest of the picture stays


def _proposal(text, entity="PERSON", page=1, box=(72, 60, 200, 74)):
    return Proposal(id="d.pdf#1", document="d.pdf", page=page, boxes=(box,), text=text, entity=entity,
                    action=REDACT, ground="5.1.2e", rule="r", score=1.0, reason="", recogniser="t")


def _words(*items):
    return [OcrWord(box, text, 90.0, (0, 0, 0, 0)) for text, box in items]


def test_value_read_in_a_picture_of_another_page_gets_a_box_over_its_words():
    reading = PageReading(1, [], _words(("Agenda", (10, 10, 50, 20)), ("FENNA", (60, 10, 100, 20)),
                                        ("WIJNBERG", (105, 10, 170, 20)), ("2024", (180, 10, 210, 20))))
    added = picture_proposals("d.pdf", {1: reading}, [_proposal("Fenna Wijnberg")])
    assert len(added) == 1
    assert added[0].page == 2 and added[0].ground == "5.1.2e" and len(added[0].boxes) == 2
    assert pymupdf.Rect(added[0].boxes[0]).contains(pymupdf.Rect(60, 10, 100, 20))


def test_phone_number_read_in_pieces_is_found_by_its_digits():
    reading = PageReading(0, [], _words(("tel.", (10, 300, 30, 310)), ("06-1234", (35, 300, 80, 310)),
                                        ("5678", (85, 300, 110, 310))))
    added = picture_proposals("d.pdf", {0: reading}, [_proposal("06 12345678", entity="PHONE")])
    assert [len(p.boxes) for p in added] == [2]


def test_words_already_under_a_box_or_not_matching_get_no_box():
    reading = PageReading(0, [], _words(("Fenna", (80, 62, 120, 72)), ("Wijnberg", (125, 62, 190, 72)),
                                        ("Wijnberg", (10, 300, 60, 310))))
    # the pair is under the text-layer box already; "Wijnberg" alone is not the redacted value
    assert picture_proposals("d.pdf", {0: reading}, [_proposal("Fenna Wijnberg")]) == []
