"""writing/linestart.py: lines placed by the next-line operators ' and " stay where they were through
redaction and sanitising. MuPDF's content filter writes every Td as TD (which also sets the
leading) and copies ' as T*, so a line shown by ' after "0 -15 Td" under "12 TL" moved 3 points
down (seen in a manual made by Ghostscript: the damage check then withheld the document)."""

import pymupdf

from woopub.writing.damage import changed_pages
from woopub.writing.redact import redact_page
from woopub.writing.sanitize import sanitize, save_clean

# a paragraph set as the Ghostscript manual sets it: the leading once, lines by ' and ", a new
# paragraph by Td further down than the leading, a name to redact on the last line
CONTENT = (b"BT /helv 10 Tf 12 TL 72 700 Td (Het verslag van het overleg is vastgesteld.)Tj "
           b"(Aanwezig waren de leden van de werkgroep.)' 0 -15 Td (Een nieuwe alinea begint hier.)Tj "
           b"(Deze regel staat onder de vorige, op afstand van de leading.)' "
           b"1 0.2 (En deze regel ook, met woordafstand.)\" (Vragen aan Jan Jansen, het secretariaat.)' ET")


def _source(path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((10, 10), " ", fontname="helv")  # the font resource /helv
    doc.update_stream(page.get_contents()[0], CONTENT)
    doc.save(path)


def _lines(page):
    return [(line["spans"][0]["text"][:12], round(line["spans"][0]["origin"][1], 1))
            for block in page.get_text("dict")["blocks"] for line in block.get("lines", ())]


def test_lines_shown_by_quote_operators_stay_put_through_redaction(tmp_path):
    _source(tmp_path / "in.pdf")
    doc = pymupdf.open(tmp_path / "in.pdf")
    before = _lines(doc[0])
    name = doc[0].search_for("Jan Jansen")[0]
    redact_page(doc[0], [(tuple(name), "5.1.2e")])
    after = [line for line in _lines(doc[0]) if line[0] != "5.1.2e"]
    assert sorted({y for _, y in after}) == sorted({y for _, y in before})  # the redacted line may be split
    assert "Jan Jansen" not in doc[0].get_text()


def test_lines_shown_by_quote_operators_stay_put_through_sanitising(tmp_path):
    _source(tmp_path / "in.pdf")
    doc = pymupdf.open(tmp_path / "in.pdf")
    before = _lines(doc[0])
    sanitize(doc)
    assert _lines(doc[0]) == before


def test_a_redacted_page_set_by_quote_operators_passes_the_damage_check(tmp_path):
    _source(tmp_path / "in.pdf")
    doc = pymupdf.open(tmp_path / "in.pdf")
    name = doc[0].search_for("Jan Jansen")[0]
    redact_page(doc[0], [(tuple(name), "5.1.2e")])
    sanitize(doc)
    save_clean(doc, tmp_path / "out.pdf")
    assert changed_pages(tmp_path / "in.pdf", tmp_path / "out.pdf", {1: [tuple(name)]}) == []


def test_quotes_inside_strings_are_not_operators(tmp_path):
    from woopub.writing.linestart import spell_out_next_line_shows

    assert spell_out_next_line_shows(b"BT /helv 10 Tf 72 700 Td (it's \"so\")Tj ET", "test") is None
    new = spell_out_next_line_shows(b"BT /helv 10 Tf 12 TL 72 700 Td (it's)' 1 2 (x\")\" ET", "test")
    assert b"T*" in new and b"'" in new and b"Tw" in new and b"Tc" in new
    assert b")'" not in new and b')"' not in new
