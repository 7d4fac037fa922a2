"""A page of glyphs without a Unicode meaning that verification read by OCR and found a value on is
replaced by the scan repair, which reads the same page at the same resolution: it takes
verification's words from the run's memo (the same image bytes, ``ocr.page_picture_image``) instead
of running Tesseract on them again. The value is still found by verification, blacked out by the
repair, and the repaired page (new pixels) is read again when the file is verified again."""

from __future__ import annotations


import pymupdf
import pytest

from woopub.model import REDACT, Proposal
from conftest import count_tesseract_reads, make_unmapped_pdf
from woopub.reading.extract import extract_text
from woopub.reading.tesseract import Tesseract, remember_ocr_in
from woopub.writing.scanned import publish_as_scans
from woopub.model import Problem
from woopub.writing.secrets import Secret
from woopub.writing.verify import check_pictures, check_text

NAME = "memo.pdf"
SECRETS = [Secret("Fenna Wijnberg", "PERSON", f"PERSON of proposal {NAME}#1")]
LINES = ["Contactpersoon: mevrouw Fenna Wijnberg, beleidsmedewerker.",
         "Het overleg over de begroting is verplaatst naar donderdag."]


def _unmapped(path):
    make_unmapped_pdf(path, LINES)


@pytest.fixture
def reads(monkeypatch, tmp_path):
    """Every Tesseract run, as the SHA-256 of the image it read; the run's memo in a folder."""
    if Tesseract().problem():
        pytest.skip(Tesseract().problem())
    seen = count_tesseract_reads(monkeypatch)
    (tmp_path / "ocr-memo").mkdir()
    remember_ocr_in(tmp_path / "ocr-memo")
    yield seen
    remember_ocr_in(None)


def _check(path):
    """Verification's OCR checks: glyphs without a Unicode meaning (``check_text``), pictures (``check_pictures``)."""
    with pymupdf.open(path) as doc:
        return check_text(doc, NAME, SECRETS, {}, extract_text(doc)) + check_pictures(doc, NAME, SECRETS, {})


def test_the_repair_takes_the_reading_verification_made_of_the_same_page(tmp_path, reads):
    _unmapped(tmp_path / NAME)
    assert _check(tmp_path / NAME) == [
        Problem(NAME, "leak", f"PERSON of proposal {NAME}#1 is drawn on page 1 (read by OCR)")]
    assert len(reads) == 2  # both pages read, by verification
    proposal = Proposal(id=f"{NAME}#1", document=NAME, page=1, boxes=((200, 86, 330, 104),), text="Fenna Wijnberg",
                        entity="PERSON", action=REDACT, ground="5.1.2e", rule="test", score=1.0, reason="test",
                        recogniser="test")
    added = publish_as_scans(tmp_path / NAME, NAME, [1], [proposal], [], Tesseract())
    assert len(reads) == 2  # the repair read page 1 from the memo: no Tesseract run of its own
    assert added and all(e.page == 1 for e in added)  # and blacked the value out where OCR read it
    assert _check(tmp_path / NAME) == []  # verified again: the value is gone
    # the repaired page (a picture, new pixels) read again, and its box a second time (a black box with
    # its light ground code is a dark field, ``pictures.second_reading``); page 2 from the memo
    assert len(reads) == 4


def test_a_value_the_repair_left_is_still_found_when_the_file_is_verified_again(tmp_path, reads):
    _unmapped(tmp_path / NAME)
    assert _check(tmp_path / NAME)
    # a repair that found nothing to black out (no proposal gives it the value): the page is replaced
    # by its scan with the name still drawn, and verification still finds it there
    publish_as_scans(tmp_path / NAME, NAME, [1], [], [], Tesseract())
    assert len(reads) == 2
    with pymupdf.open(tmp_path / NAME) as doc:
        assert doc[0].get_images()  # page 1 is a scan now, the name still in its pixels
    # found in the pixels (and in the scan's OCR text layer, which says the name too)
    assert Problem(NAME, "leak", f"PERSON of proposal {NAME}#1 is drawn on page 1 (read by OCR)") in _check(tmp_path / NAME)
    # the scan without a box shows the very pixels verification read on the page it replaced: that
    # reading, from the memo, still names the value
    assert len(reads) == 2
