"""A term a reviewer searches across the review dossier is gone from every published PDF, wherever
and however it stands, and verification fails a document where it is still readable (issue 15)."""

import json

import pymupdf
import pytest
from click.testing import CliRunner

from conftest import pdf_text
from woopub.cli import main
from woopub.review.store import ACCEPTED, ReviewDossier

TERM = "mensenhandel"


def _clipped_cell_pdf(path):
    """A table cell as HTML-to-PDF makes it: the e-mail address overflows its cell and a clip path
    hides its end. MuPDF's words and search_for see only "postbus.mensenha"; the rest is in the file."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 60), "Contactpersonen", fontsize=11)
    font = page.get_fonts()[0][4]
    xref = page.get_contents()[0]
    cell = f"\nq 72 90 90 20 re W n BT /{font} 11 Tf 72 100 Td (postbus.mensenhandel@minjenv.nl) Tj ET Q\n"
    doc.update_stream(xref, doc.xref_stream(xref) + cell.encode())
    page.insert_text((72, 140), "De aanpak van mensen-", fontsize=11)  # hyphenated over a line end
    page.insert_text((72, 154), "handel gaat door.", fontsize=11)
    page.insert_text((72, 180), "MENSENHANDEL in hoofdletters, en de Mensenhandelwet.", fontsize=11)
    page.insert_text((72, 220), "Deze regel blijft staan.", fontsize=11)
    doc.save(path)
    doc.close()
    return path


def _dossier(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    _clipped_cell_pdf(inputs / "tabel.pdf")
    folder = tmp_path / "dossier"
    result = CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(folder), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return folder


def test_the_clipped_cell_hides_the_term_from_mupdf_search(tmp_path):
    """The premise: PyMuPDF's own search does not find the clipped hit, so a search by it alone leaks."""
    with pymupdf.open(_clipped_cell_pdf(tmp_path / "t.pdf")) as doc:
        hits = doc[0].search_for(TERM)
        assert not any(r.y0 < 115 for r in hits)
        assert "postbus.mensenha" in [w[4] for w in doc[0].get_text("words")]


def test_searched_term_is_gone_inside_clipped_hyphenated_and_capitalised_words(tmp_path):
    folder = _dossier(tmp_path)
    d = ReviewDossier(folder)
    for r in d.proposals():
        d.decide(r["key"], ACCEPTED, "Reviewer Anna")
    assert d.add_term(TERM, "5.1.2i", "Reviewer Anna") == 1  # one proposal for the one page
    (row,) = [r for r in d.proposals() if r["text"] == TERM]
    assert len(json.loads(row["boxes"])) >= 4  # e-mail, both halves of mensen-/handel, capitals, -wet
    d.close()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = pdf_text(out / "tabel.pdf")
    assert TERM not in text.lower().replace("-\n", "").replace("\n", ""), text
    assert "Deze regel blijft staan." in text  # only the words holding the term are removed
    assert "Contactpersonen" in text


def test_verification_fails_a_document_where_a_searched_term_is_still_readable(tmp_path):
    """A hit the search did not store (here: removed from the dossier) is caught by apply's
    verification, which hunts every searched term in every document, inside words too."""
    folder = _dossier(tmp_path)
    d = ReviewDossier(folder)
    for r in d.proposals():
        d.decide(r["key"], ACCEPTED, "an")
    d.add_term(TERM, "5.1.2i", "an")
    d.db.execute("DELETE FROM proposals WHERE text=?", (TERM,))  # as if the search had found nothing
    d.db.commit()
    d.close()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "verify: failed" in result.output
    assert "a term searched across the dossier" in result.output
    assert not (out / "tabel.pdf").exists()


@pytest.mark.parametrize("text, found", [
    ("postbus.mensenhandel@minjenv.nl", True), ("MENSENHANDEL", True), ("mensen-\nhandel", True),
    ("mensen\nhandel", True), ("mensen handel", False), ("mensenhan", False),
])
def test_term_pattern_is_what_search_and_verification_share(text, found):
    from woopub.decide.marked import term_pattern

    assert bool(term_pattern(TERM).search(text)) is found


def test_woopub_verify_hunts_a_searched_term_in_every_published_document(tmp_path):
    """``woopub verify OUT`` after apply reads the internal record apply wrote: a searched term found
    in one document is a leak in any other published file too (here a file changed after apply)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    _clipped_cell_pdf(inputs / "tabel.pdf")
    other = pymupdf.open()
    other.new_page().insert_text((72, 80), "Een brief zonder de term.", fontsize=11)
    other.save(inputs / "brief.pdf")
    folder = tmp_path / "dossier"
    assert CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(folder), "--workers", "1"]).exit_code == 0
    d = ReviewDossier(folder)
    d.add_term(TERM, "5.1.2i", "an")
    d.close()
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"]).exit_code == 0
    clean = CliRunner().invoke(main, ["verify", str(out)])
    assert clean.exit_code == 0, clean.output
    changed = pymupdf.open(out / "brief.pdf")
    changed[0].insert_text((72, 120), "Zie de Mensenhandelwet.", fontsize=11)
    changed.save(out / "brief-2.pdf")
    changed.close()
    (out / "brief-2.pdf").replace(out / "brief.pdf")
    result = CliRunner().invoke(main, ["verify", str(out)])
    assert result.exit_code == 1
    assert "brief.pdf: leak:" in result.output and f"#reviewer:1:{TERM}" in result.output, result.output
