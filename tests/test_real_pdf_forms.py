"""Forms of ordinary PDFs that real writers make, each published, not refused."""

import pikepdf
import pytest

from conftest import pdf_text
from woopub.run.batch import run_inline



def _font():
    return pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)


def _page_pdf(path, parts: list[bytes], resources=None):
    """A one-page PDF whose content is split over ``parts`` streams."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    page.obj.Resources = resources or pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pdf.make_indirect(_font())))
    page.obj.Contents = pikepdf.Array([pdf.make_stream(p) for p in parts])
    pdf.save(path)
    return path


def _run(tmp_path, rules, detector):
    from woopub.run.pipeline import Dossier

    result = run_inline(Dossier(rules, detector), [tmp_path / "in"], tmp_path / "out")
    return {o.document: o for o in result.outcomes}


def test_content_split_between_an_operand_and_its_operator_is_one_stream(tmp_path, rules, detector):
    # Word 2013 and the Adobe PDF Library split a page's content anywhere between tokens
    (tmp_path / "in").mkdir()
    _page_pdf(tmp_path / "in" / "gesplitst.pdf", [
        b"/Span <</ActualText (Contactpersoon)>> BDC BT /F1 12 Tf 72 760 Td [(Contactpersoon: Fenna) -250 (Wijnberg)]  ",
        b"TJ ET EMC BT /F1 12 Tf 72 744 Td [(Telefoon 06 12345678)] ",
        b"TJ ET",
    ])
    outcomes = _run(tmp_path, rules, detector)
    assert outcomes["gesplitst.pdf"].status == "published", outcomes["gesplitst.pdf"].reason
    text = pdf_text(tmp_path / "out" / "gesplitst.pdf")
    assert "Wijnberg" not in text and "12345678" not in text and "Contactpersoon" in text


def test_an_indexed_colour_palette_is_not_stray_text(tmp_path, rules, detector):
    (tmp_path / "in").mkdir()
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    image = pdf.make_stream(b"\x00\x01", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=2, Height=1,
                            BitsPerComponent=8,
                            ColorSpace=pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 1,
                                                      pikepdf.String(b"\x10\x20\x30\xff\xee\xdd")]))
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im1=image),
                                            Font=pikepdf.Dictionary(F1=pdf.make_indirect(_font())))
    page.obj.Contents = pdf.make_stream(b"q 200 0 0 100 72 600 cm /Im1 Do Q BT /F1 12 Tf 72 760 Td (Het beleid) Tj ET")
    pdf.save(tmp_path / "in" / "palet.pdf")
    outcomes = _run(tmp_path, rules, detector)
    assert outcomes["palet.pdf"].status == "published", outcomes["palet.pdf"].reason


def test_indirect_numbers_and_booleans_do_not_crash_verification(tmp_path):
    # Word, Aspose and PDFlib write indirect numbers (a /Length); pikepdf returns them as plain ints
    import pymupdf

    from woopub.writing.filecheck import check_strings

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Het beleid")
    number, truth = doc.get_new_xref(), doc.get_new_xref()
    doc.update_object(number, "42")
    doc.update_object(truth, "true")
    doc.xref_set_key(doc.pdf_catalog(), "Extra", f"[{number} 0 R {truth} 0 R]")
    doc.save(tmp_path / "plain.pdf")
    check_strings((tmp_path / "plain.pdf").read_bytes(), "plain.pdf", [])  # raised AttributeError: 'int' ... 'objgen'


REALPDF = __import__("pathlib").Path(__file__).resolve().parents[1].parent / "shared" / "realpdf"


@pytest.mark.skipif(not REALPDF.is_dir(), reason="the real PDFs lie beside the repository in ../shared/realpdf")
@pytest.mark.parametrize("name", [
    "qpdf__appearances-b.pdf",  # ZapfDingbats check boxes of a flattened form
    "pdfjs__issue4550.pdf",  # a TrueType text font whose glyphs no ToUnicode maps: the pages are read by OCR
    "pdfjs__issue5874.pdf",  # an Urdu font without a Unicode mapping: read by OCR
])
def test_glyphs_without_a_unicode_mapping_do_not_refuse_a_document(tmp_path, rules, detector, name):
    import shutil

    (tmp_path / "in").mkdir()
    shutil.copy(REALPDF / name, tmp_path / "in" / name)
    outcomes = _run(tmp_path, rules, detector)
    assert outcomes[name].status == "published", outcomes[name].reason


def test_an_unmapped_glyph_in_a_symbol_font_is_no_letter_but_in_a_text_font_it_may_be():
    from woopub.reading.planning import SYMBOL_FONT

    assert SYMBOL_FONT.search("Wingdings-Regular") and SYMBOL_FONT.search("ZapfDingbats") and SYMBOL_FONT.search("CMEX10")
    assert not SYMBOL_FONT.search("RubikLight-Medium") and not SYMBOL_FONT.search("Calibri")
