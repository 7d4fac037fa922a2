"""Extraction: reading order, columns, words broken over line ends."""

import pymupdf
import pytest

from woopub.errors import DamagedPdfError, EncryptedPdfError, NotAPdfError
from woopub.reading.extract import extract_text, open_pdf


def _page_with(items):
    doc = pymupdf.open()
    page = doc.new_page()
    for (x, y), text, size in items:
        page.insert_text((x, y), text, fontsize=size)
    return doc


def test_margin_colophon_is_not_glued_to_body_line():
    # body line and margin line on the same baseline
    doc = _page_with([((72, 100), "De voortgang van het actieplan is besproken met", 10),
                      ((72, 113), "de ketenpartners in de regio.", 10),
                      ((450, 100), "Contactpersoon", 7),
                      ((450, 113), "J. de Vries", 7)])
    text = extract_text(doc).text
    assert "besproken met\nde ketenpartners" in text  # the body paragraph stays whole
    assert "met Contactpersoon" not in text and "met J." not in text
    assert "Contactpersoon\nJ. de Vries" in text


def test_hyphenated_word_over_line_end_is_joined():
    doc = _page_with([((72, 100), "Het rapport is opgesteld door Ver-", 10), ((72, 113), "meulen en anderen.", 10)])
    text = extract_text(doc)
    assert "Vermeulen" in text.text
    start = text.text.index("Vermeulen")
    words = [text.words[i].text for i in text.word_indices(start, start + len("Vermeulen"))]
    assert words == ["Ver-", "meulen"]  # both boxes get redacted


def test_real_hyphen_over_line_end_is_kept():
    doc = _page_with([((72, 100), "Gesproken met mevrouw Jansen-", 10), ((72, 113), "Bakker over de opvang.", 10)])
    assert "Jansen-Bakker" in extract_text(doc).text


def test_pages_are_hard_borders():
    doc = pymupdf.open()
    for line in ("Eerste pagina eindigt met Jan", "de Vries begint de tweede"):
        doc.new_page().insert_text((72, 100), line)
    text = extract_text(doc)
    assert "\f" in text.text
    assert text.page_of(text.text.index("begint")) == 1


def test_not_a_pdf_named_pdf_is_refused(tmp_path):
    p = tmp_path / "brief.pdf"
    p.write_text("Dit is geen PDF maar platte tekst.")
    with pytest.raises(NotAPdfError, match="not a PDF"):
        open_pdf(p)


def test_empty_file_is_refused(tmp_path):
    p = tmp_path / "leeg.pdf"
    p.write_bytes(b"")
    with pytest.raises(NotAPdfError, match="empty"):
        open_pdf(p)


def test_encrypted_pdf_without_password_is_refused(tmp_path):
    p = tmp_path / "geheim.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Jan de Vries")
    doc.save(p, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="geheim", owner_pw="eigenaar")
    with pytest.raises(EncryptedPdfError, match="--password"):
        open_pdf(p)
    with open_pdf(p, password="geheim") as opened:
        assert "Jan de Vries" in extract_text(opened).text


def test_truncated_pdf_is_refused_or_repaired(tmp_path):
    good = tmp_path / "goed.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "tekst")
    doc.save(good)
    bad = tmp_path / "kapot.pdf"
    bad.write_bytes(good.read_bytes()[:60])
    with pytest.raises((DamagedPdfError, NotAPdfError)):
        open_pdf(bad)


def _mirrored_line(text: str):
    """A page with an ordinary line and a line drawn mirrored (a negative horizontal scale), as a
    document turned for a print on transparency shows it: its words run from right to left."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Gewoon geschreven regel", fontsize=11)
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, f"BT /helv 12 Tf -1 0 0 1 520 200 Tm ({text}) Tj ET".encode())
    doc.xref_set_key(page.xref, "Contents", f"[{page.get_contents()[0]} 0 R {xref} 0 R]")
    return doc


def test_a_mirrored_line_is_read_in_the_order_it_was_written():
    doc = _mirrored_line("Clarence Boddicker belt morgen")
    words = [w.text for w in extract_text(doc).words]
    assert words == ["Gewoon", "geschreven", "regel", "Clarence", "Boddicker", "belt", "morgen"]
    assert "Clarence Boddicker" in extract_text(doc).text
