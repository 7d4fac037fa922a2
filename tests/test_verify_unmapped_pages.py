"""Verification reads a page whose glyphs carry no Unicode meaning by OCR (``verify.check_text``):
each such page is still read and searched, named on its own, in page order; the pages are read
through the run's memo of Tesseract, so the same rendering read again in the run (the verification
after a scan repair, which left the page alone) does not run Tesseract a second time."""

from __future__ import annotations


import pymupdf
import pytest

from conftest import count_tesseract_reads, make_unmapped_pdf
from woopub.reading.extract import extract_text
from woopub.reading.tesseract import Tesseract, remember_ocr_in
from woopub.model import Problem
from woopub.writing.secrets import Secret
from woopub.writing.verify import check_text

SECRETS = [Secret("Fenna Wijnberg", "PERSON", "PERSON of proposal memo.pdf#1")]
LINES = ["Contactpersoon: mevrouw Fenna Wijnberg, beleidsmedewerker.",
         "Het overleg over de begroting is verplaatst naar donderdag.",
         "Vragen over de planning kunnen naar Fenna Wijnberg."]


def _unmapped(path):
    make_unmapped_pdf(path, LINES)


@pytest.fixture
def reads(monkeypatch):
    """Every Tesseract run, as the SHA-256 of the image it read."""
    seen = count_tesseract_reads(monkeypatch)
    yield seen
    remember_ocr_in(None)


def _check(path):
    with pymupdf.open(path) as doc:
        return check_text(doc, "memo.pdf", SECRETS, {}, extract_text(doc))


def test_each_unmapped_page_is_read_and_named_in_page_order(tmp_path, reads):
    if Tesseract().problem():
        pytest.skip(Tesseract().problem())
    _unmapped(tmp_path / "memo.pdf")
    assert _check(tmp_path / "memo.pdf") == [
        Problem("memo.pdf", "leak", f"PERSON of proposal memo.pdf#1 is drawn on page {n} (read by OCR)") for n in (1, 3)]
    assert len(reads) == 3  # every page read, the one without the name too


def test_the_same_rendering_is_not_read_twice_in_a_run(tmp_path, reads):
    if Tesseract().problem():
        pytest.skip(Tesseract().problem())
    _unmapped(tmp_path / "memo.pdf")
    (tmp_path / "memo-ocr").mkdir()
    remember_ocr_in(tmp_path / "memo-ocr")
    first = _check(tmp_path / "memo.pdf")
    assert len(reads) == 3
    assert _check(tmp_path / "memo.pdf") == first and len(first) == 2
    assert len(reads) == 3  # the second verification took the words read by the first


def test_a_failed_reading_names_its_page(tmp_path, monkeypatch):
    def failing(self, image, dpi):
        raise RuntimeError("tesseract exited with 1: out of memory")

    monkeypatch.setattr(Tesseract, "read", failing)
    if Tesseract().problem():
        pytest.skip(Tesseract().problem())
    _unmapped(tmp_path / "memo.pdf")
    assert _check(tmp_path / "memo.pdf") == [
        Problem("memo.pdf", "unreadable text", f"page {n}: OCR failed (tesseract exited with 1: out of memory)")
        for n in (1, 2, 3)]
