"""Verification does not do twice what the redaction pass did to the same pixels: a region (a
scanned page included) that renders to the very pixels Tesseract read before takes that reading's
words, and a picture with the same pixels takes the earlier look. Other pixels are read and looked
at again, and a value in reused words is still a leak."""

from __future__ import annotations

import pymupdf
import pytest

from conftest import make_scan
import woopub.reading.planning as planning
from woopub.reading.ocr import read_pages
from woopub.reading.planning import PictureCheck, plan_page
from woopub.reading.tesseract import Tesseract
from woopub.writing.secrets import Secret
from woopub.writing.verify import check_pictures

SECRET = [Secret("Fenna Wijnberg", "PERSON", "PERSON of proposal d#1")]


def _read(path) -> dict:
    """What the redaction pass keeps: its readings by 0-based page."""
    with pymupdf.open(path) as doc:
        plans = [(p, r) for p in doc if (r := plan_page(p))]
        return {r.page: r for r in read_pages(plans, Tesseract())}


@pytest.fixture
def tesseract_calls(monkeypatch):
    calls = []
    real = Tesseract.read

    def counting(self, image, dpi):
        calls.append(dpi)
        return real(self, image, dpi)

    monkeypatch.setattr(Tesseract, "read", counting)
    return calls


LINES = ["Verslag van het overleg", "Aanwezig: Fenna Wijnberg, beleidsmedewerker", "Volgende keer in maart"]


def test_scan_with_the_same_pixels_is_not_read_again_and_its_value_still_found(tmp_path, tesseract_calls):
    make_scan(tmp_path / "d.pdf", LINES, top=90)
    readings = _read(tmp_path / "d.pdf")
    assert readings[0].regions[0].whole_page and len(tesseract_calls) == 1
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        problems = check_pictures(doc, "d.pdf", SECRET, {}, readings=readings)
    assert len(tesseract_calls) == 1  # the scan pass's reading, nothing read again
    assert [p.kind for p in problems] == ["leak"]


def test_reused_words_are_the_words_a_new_reading_gives(tmp_path):
    make_scan(tmp_path / "d.pdf", LINES, top=90)
    first = _read(tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        plans = [(p, r) for p in doc if (r := plan_page(p))]
        again = read_pages(plans, Tesseract(), first)[0]
        fresh = read_pages(plans, Tesseract())[0]
    assert [(w.text, w.box) for w in again.words] == [(w.text, w.box) for w in fresh.words]
    assert "Wijnberg" in " ".join(w.text for w in again.words)


def test_scan_whose_pixels_changed_is_read_again(tmp_path, tesseract_calls):
    make_scan(tmp_path / "before.pdf", LINES, top=90)
    readings = _read(tmp_path / "before.pdf")
    make_scan(tmp_path / "after.pdf", [LINES[0], "Aanwezig: Fenna Wijnberg, secretaris", LINES[2]], top=90)
    with pymupdf.open(tmp_path / "after.pdf") as doc:
        problems = check_pictures(doc, "after.pdf", SECRET, {}, readings=readings)
    assert len(tesseract_calls) == 2 and [p.kind for p in problems] == ["leak"]


def test_scan_with_a_redaction_drawn_on_it_is_read_again(tmp_path, tesseract_calls):
    make_scan(tmp_path / "d.pdf", LINES, top=90)
    readings = _read(tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        doc[0].draw_rect(pymupdf.Rect(140, 100, 300, 122), color=(0, 0, 0), fill=(0, 0, 0))  # over the name
        check_pictures(doc, "d.pdf", SECRET, {}, readings=readings)
    assert len(tesseract_calls) == 2


def _page_with_logo_and_photo(path) -> None:
    src = pymupdf.open().new_page(width=300, height=40)
    src.insert_text((8, 26), "KWARTAALCIJFERS 2024", fontsize=15, fontname="hebo")
    lettering = src.get_pixmap(dpi=200, colorspace=pymupdf.csRGB, alpha=False).tobytes("png")
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Een pagina met tekst en een plaatje.", fontsize=11)
    page.insert_image(pymupdf.Rect(72, 120, 372, 160), stream=lettering)
    doc.save(path)


@pytest.fixture
def looks(monkeypatch):
    calls = []
    real = planning.look

    def counting(planes):
        calls.append(len(planes))
        return real(planes)

    monkeypatch.setattr(planning, "look", counting)
    return calls


def test_picture_looked_at_before_is_not_looked_at_again(tmp_path, looks):
    _page_with_logo_and_photo(tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        first = PictureCheck(doc)
        assert [p.look.read for p in first.pictures(doc[0])] == [True]
        assert len(looks) == 1
        again = PictureCheck(doc, first.looks)
        assert [p.look.read for p in again.pictures(doc[0])] == [True]
    assert len(looks) == 1


def test_picture_under_a_redaction_box_is_looked_at_again_in_verification(tmp_path, looks):
    _page_with_logo_and_photo(tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        first = PictureCheck(doc)
        first.pictures(doc[0])
        check_pictures(doc, "d.pdf", SECRET, {}, boxes={1: [pymupdf.Rect(80, 125, 200, 150)]}, looks=first.looks)
        assert len(looks) == 2
        check_pictures(doc, "d.pdf", SECRET, {}, boxes={}, looks=first.looks)
        assert len(looks) == 2
