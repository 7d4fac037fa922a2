"""Verification does not OCR again a picture the redaction pass read and left untouched: the
earlier reading and the redacted values decide. A picture changed by redaction, or not read
before, is read again."""

from __future__ import annotations

import pymupdf
import pytest

import woopub.writing.verify as verify
from woopub.writing.secrets import Secret
from woopub.writing.verify import PicturesRead, check_pictures, pictures_read


def _picture(text: str) -> bytes:
    src = pymupdf.open().new_page(width=300, height=40)
    src.insert_text((8, 26), text, fontsize=15, fontname="hebo")
    return src.get_pixmap(dpi=200, colorspace=pymupdf.csRGB, alpha=False).tobytes("png")


def _page_with_picture(path, picture_text: str):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Contactpersoon: mevrouw Fenna Wijnberg, beleidsmedewerker.", fontsize=11)
    page.insert_image(pymupdf.Rect(72, 120, 372, 160), stream=_picture(picture_text))
    doc.save(path)


@pytest.fixture
def ocr_calls(monkeypatch):
    calls = []
    real = verify.read_pages

    def counting(plans, engine, earlier=None, **options):
        calls.extend((page.number, tuple(r.reason for r in regions)) for page, regions in plans)
        return real(plans, engine, earlier, **options)

    monkeypatch.setattr(verify, "read_pages", counting)
    return calls


def _earlier(path) -> dict[int, PicturesRead]:
    """What the redaction pass records: plan and read the input's pictures."""
    from woopub.reading.ocr import read_pages
    from woopub.reading.planning import plan_page
    from woopub.reading.tesseract import Tesseract

    with pymupdf.open(path) as doc:
        plans = [(p, r) for p in doc if (r := plan_page(p))]
        readings = {r.page: r for r in read_pages(plans, Tesseract())}
        return pictures_read(doc, readings)


SECRET = [Secret("Fenna Wijnberg", "PERSON", "PERSON of proposal d#1")]


def test_untouched_picture_is_not_read_again(tmp_path, ocr_calls):
    _page_with_picture(tmp_path / "d.pdf", "KWARTAALCIJFERS 2024 OVERZICHT")
    earlier = _earlier(tmp_path / "d.pdf")
    assert 0 in earlier
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        box = {1: [pymupdf.Rect(160, 60, 240, 75)]}  # the text-layer name's box, away from the picture
        assert check_pictures(doc, "d.pdf", SECRET, {}, earlier, box) == []
    assert ocr_calls == []


def test_earlier_reading_of_an_untouched_picture_still_finds_a_value(tmp_path, ocr_calls):
    _page_with_picture(tmp_path / "d.pdf", "FENNA WIJNBERG KWARTAAL 3")
    earlier = _earlier(tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        problems = check_pictures(doc, "d.pdf", SECRET, {}, earlier, {})
    assert [p.kind for p in problems] == ["leak"] and ocr_calls == []


def test_picture_under_a_redaction_box_is_read_again(tmp_path, ocr_calls):
    _page_with_picture(tmp_path / "d.pdf", "FENNA WIJNBERG KWARTAAL 3")
    earlier = _earlier(tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        check_pictures(doc, "d.pdf", SECRET, {}, earlier, {1: [pymupdf.Rect(80, 125, 200, 150)]})
    assert ocr_calls == [(0, ("image",))]


def test_changed_picture_is_read_again(tmp_path, ocr_calls):
    _page_with_picture(tmp_path / "before.pdf", "KWARTAALCIJFERS 2024 OVERZICHT")
    _page_with_picture(tmp_path / "after.pdf", "FENNA WIJNBERG KWARTAAL 3")  # same place, other pixels
    earlier = _earlier(tmp_path / "before.pdf")
    with pymupdf.open(tmp_path / "after.pdf") as doc:
        problems = check_pictures(doc, "after.pdf", SECRET, {}, earlier, {})
    assert ocr_calls == [(0, ("image",))] and [p.kind for p in problems] == ["leak"]


def test_page_with_annotations_is_not_recorded(tmp_path):
    _page_with_picture(tmp_path / "d.pdf", "KWARTAALCIJFERS 2024 OVERZICHT")
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        doc[0].add_rect_annot(pymupdf.Rect(72, 120, 200, 160))
        doc.save(tmp_path / "a.pdf")
    assert _earlier(tmp_path / "a.pdf") == {}
