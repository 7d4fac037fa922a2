"""writing/sanitize.py: a page tree that names one node in several places (MuPDF reads it, qpdf
calls it a loop) is published flat, so that verification's second parser reads the file."""

import pikepdf
import pymupdf
import pytest

from woopub.writing.sanitize import sanitize, save_clean


def _pages_naming_one_node_five_times(path):
    doc = pymupdf.open()
    for n in range(2):
        doc.new_page().insert_text((72, 72), f"Pagina {n + 1}")
    root = int(doc.xref_get_key(doc.pdf_catalog(), "Pages")[1].split()[0])
    empty = doc.get_new_xref()
    doc.update_object(empty, f"<</Type/Pages/Count 0/Kids[]/Parent {root} 0 R>>")
    middle = doc.get_new_xref()
    doc.update_object(middle, f"<</Type/Pages/Count 0/Kids[{' '.join([f'{empty} 0 R'] * 5)}]/Parent {root} 0 R>>")
    doc.xref_set_key(empty, "Parent", f"{middle} 0 R")
    kids = doc.xref_get_key(root, "Kids")[1]
    doc.xref_set_key(root, "Kids", f"[{middle} 0 R {kids[1:-1]}]")
    doc.save(path)


def test_a_page_tree_naming_one_node_twice_is_published_flat(tmp_path):
    _pages_naming_one_node_five_times(tmp_path / "in.pdf")
    with pytest.raises(pikepdf.PdfError, match="[Ll]oop"):
        pikepdf.open(tmp_path / "in.pdf").pages[0]
    doc = pymupdf.open(tmp_path / "in.pdf")
    assert doc.page_count == 2
    removed = sanitize(doc)
    save_clean(doc, tmp_path / "out.pdf")
    assert removed["page tree rebuilt"] == 1
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        assert len(pdf.pages) == 2
    with pymupdf.open(tmp_path / "out.pdf") as out:
        assert [p.get_text().strip() for p in out] == ["Pagina 1", "Pagina 2"]


def test_a_plain_page_tree_is_left_as_it_is(tmp_path):
    doc = pymupdf.open()
    doc.new_page()
    assert sanitize(doc)["page tree rebuilt"] == 0
