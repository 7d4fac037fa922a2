"""Sanitising strips what rides along with the pages; verify catches every leftover."""

import pymupdf
import pytest

from woopub.writing.sanitize import sanitize, save_clean
from woopub.writing.filecheck import check_hygiene, check_objects, check_strings
from woopub.writing.secrets import Secret
from woopub.writing.verify import check_text, verify_pdf

SECRET = Secret("Fenna Wijnberg", "PERSON", "PERSON of proposal t#1")


def loaded_pdf(path):
    """A PDF carrying a name in every place a PDF can carry one."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Een onschuldige regel tekst.")
    doc.set_metadata({"author": "Fenna Wijnberg", "title": "Nota"})
    doc.set_xml_metadata("<x:xmpmeta xmlns:x='adobe:ns:meta/'><dc>Fenna Wijnberg</dc></x:xmpmeta>")
    note = page.add_text_annot((100, 100), "Graag nog naar kijken")
    note.set_info(title="Fenna Wijnberg")
    note.update()
    doc.set_toc([[1, "Opmerking van Fenna Wijnberg", 1]])
    doc.embfile_add("notitie.txt", b"Fenna Wijnberg, 06-48291730", filename="notitie.txt")
    widget = pymupdf.Widget()
    widget.field_name, widget.field_type = "behandelaar", pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_value, widget.rect = "Fenna Wijnberg", pymupdf.Rect(72, 200, 300, 220)
    page.add_widget(widget)
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 60, 200, 75), "uri": "mailto:f.wijnberg@minjenv.nl"})
    doc.set_page_labels([])
    doc.save(path)
    doc.close()
    # JavaScript as an open action
    doc = pymupdf.open(path)
    js = doc.get_new_xref()
    doc.update_object(js, "<< /S /JavaScript /JS (app.alert('Fenna Wijnberg')) >>")
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"{js} 0 R")
    doc.saveIncr()
    doc.close()
    return path


def test_verify_catches_every_kind_of_leftover(tmp_path):
    path = loaded_pdf(tmp_path / "vol.pdf")
    raw = path.read_bytes()
    with pymupdf.open(path) as doc:
        kinds = {p.kind for p in check_hygiene(doc, raw, "vol.pdf")}
        leaks = check_objects(doc, "vol.pdf", [SECRET])
    assert {"metadata", "outline", "attachments", "annotations", "links", "catalog", "javascript", "history"} <= kinds
    assert leaks, "the name in metadata, annotations, attachments and JavaScript must be found"
    assert all("Fenna" not in str(p) for p in leaks), "messages never show the value"


def test_sanitised_file_passes_hygiene_and_holds_the_name_nowhere(tmp_path):
    path = loaded_pdf(tmp_path / "vol.pdf")
    out = tmp_path / "schoon.pdf"
    with pymupdf.open(path) as doc:
        removed = sanitize(doc)
        save_clean(doc, out)
    assert removed["annotations"] >= 1 and removed["attached files"] == 1 and removed["form fields"] == 1
    raw = out.read_bytes()
    assert b"Wijnberg" not in raw
    with pymupdf.open(out) as doc:
        assert check_hygiene(doc, raw, "schoon.pdf") == []
        assert check_objects(doc, "schoon.pdf", [SECRET]) == []
        assert "Een onschuldige regel tekst." in doc[0].get_text()


def test_verify_finds_a_value_left_in_page_text_even_when_invisible(tmp_path):
    path = tmp_path / "verborgen.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Zichtbare tekst.")
    page.insert_text((72, 90), "Fenna Wijnberg", render_mode=3)  # invisible text
    doc.save(path)
    doc.close()
    problems = verify_pdf(path, "verborgen.pdf", [SECRET], [], [])
    assert any(p.kind == "leak" for p in problems)


def test_kept_occurrence_of_the_same_letters_is_not_a_leak(tmp_path):
    from woopub.reading.extract import extract_text

    path = tmp_path / "kamer.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Het lid Bikker diende een motie in.")
    doc.save(path)
    with pymupdf.open(path) as d:
        text = extract_text(d)
        w = next(x for x in text.words if x.text == "Bikker")
    with pymupdf.open(path) as d:
        assert check_text(d, "kamer.pdf", [Secret("Bikker", "PERSON", "x")], {1: [pymupdf.Rect(w.box)]}) == []
        assert check_text(d, "kamer.pdf", [Secret("Bikker", "PERSON", "x")], {}) != []


def test_javascript_actions_and_metadata_streams_are_emptied_wherever_they_hang():
    # names written with #-escapes are read in their plain spelling: no way around the check
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Tekst van de nota.")
    action = doc.get_new_xref()
    doc.update_object(action, "<</S/Java#53cript/JS(app.alert\\('Fenna Wijnberg'\\))>>")
    xmp = doc.get_new_xref()
    doc.update_object(xmp, "<</Type/Meta#64ata/Subtype/XML>>")
    doc.update_stream(xmp, b"<x:xmpmeta><dc:creator>Fenna Wijnberg</dc:creator></x:xmpmeta>")
    holder = doc.get_new_xref()
    doc.update_object(holder, f"<</Next {action} 0 R/Stream {xmp} 0 R>>")
    removed = sanitize(doc)
    assert removed["JavaScript actions"] == 1 and removed["metadata streams"] == 1
    assert "Wijnberg" not in doc.xref_object(action) and b"Wijnberg" not in doc.xref_stream(xmp)


def test_verification_finds_a_box_without_its_ground_code(tmp_path):
    from woopub.reading.extract import extract_text
    from woopub.model import Proposal
    from woopub.writing.redact import apply_proposals

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Overleg met Fenna Wijnberg over de planning.", fontsize=11)
    page.insert_text((72, 130), "Tweede regel zonder naam.", fontsize=11)
    text = extract_text(doc)
    boxes = [w.box for w in text.words if w.text in ("Fenna", "Wijnberg")]
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    entries, _ = apply_proposals(doc, [Proposal("t#1", "t.pdf", 1, (box,), "Fenna Wijnberg", "PERSON", "redact", "5.1.2e",
                                                 "r", 0.9, "test", "test")])
    out = tmp_path / "t.pdf"
    save_clean(doc, out)
    logged = [{"page": e.page, "rect": list(e.box), "ground": e.ground} for e in entries]
    assert not [p for p in verify_pdf(out, "t.pdf", [], [], logged) if p.kind == "label"]
    elsewhere = [{"page": 1, "rect": [72, 120, 200, 134], "ground": "5.1.2e"}]  # over the second line: no box there
    assert [p.kind for p in verify_pdf(out, "t.pdf", [], [], logged + elsewhere) if p.kind == "label"] == ["label"]


def test_cid_font_registry_written_as_objects_of_their_own_is_no_carried_text(tmp_path):
    """/Registry and /Ordering of a CID font as separate string objects (pypdf, PyMuPDF test files, a
    NORA handreiking) are written in place, not refused as text strings where none belong."""
    import pymupdf

    from woopub.writing.sanitize import sanitize, save_clean
    from woopub.writing.filecheck import check_strings

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("helv").buffer)
    page.insert_text((72, 72), "Gewone tekst in een CID-lettertype.", fontname="F0")
    cid = next(x for x in range(1, doc.xref_length()) if "/CIDSystemInfo" in doc.xref_object(x))
    for key, value in (("Registry", "(Adobe)"), ("Ordering", "(Identity)")):
        string = doc.get_new_xref()
        doc.update_object(string, value)
        doc.xref_set_key(cid, f"CIDSystemInfo/{key}", f"{string} 0 R")
    doc.save(tmp_path / "in.pdf")
    raw_in = (tmp_path / "in.pdf").read_bytes()
    assert check_strings(raw_in, "in.pdf", [])  # the input has the string objects on their own
    doc = pymupdf.open(tmp_path / "in.pdf")
    sanitize(doc)
    save_clean(doc, tmp_path / "out.pdf")
    assert check_strings((tmp_path / "out.pdf").read_bytes(), "out.pdf", []) == []
    assert "CID-lettertype" in pymupdf.open(tmp_path / "out.pdf")[0].get_text()


# a value in the forms a producer writes it outside text: a PDF name has no space ("#20" or joined),
# a PostScript comment re-spaces it, UTF-16 without a byte-order mark either way round, a number's digits
@pytest.mark.parametrize("source, stream, secret", [
    ("<< /ExtGState << /Fenna#20Wijnberg << /ca 1 >> >> >>", None, SECRET),
    ("[/Separation /FennaWijnberg /DeviceGray << /FunctionType 2 /Domain [0 1] /C0 [1] /C1 [0] /N 1 >>]", None,
     SECRET),
    ("<< /Opsteller /fenna_wijnberg >>", None, SECRET),
    ("<< /FunctionType 4 /Domain [0 1] /Range [0 1] >>", b"{ % Fenna  Wijnberg\n 1 exch sub }", SECRET),
    ("<< /FunctionType 4 /Domain [0 1] /Range [0 1] >>", b"{ % Fenna\r\nWijnberg\n 1 exch sub }", SECRET),
    ("<< /FunctionType 4 /Domain [0 1] /Range [0 1] >>", "Fenna Wijnberg".encode("utf-16-le") + b" 1 exch sub",
     SECRET),
    ("<< /Tel /0648291730 >>", None, Secret("06-48291730", "PHONE", "PHONE of proposal t#2")),
], ids=["resource-name", "colourant", "private-name", "respaced-comment", "comment-over-lines", "utf-16-le",
        "phone-digits"])
def test_objects_are_searched_for_values_as_names_and_other_spellings(source, stream, secret):
    doc = pymupdf.open()
    doc.new_page()
    xref = doc.get_new_xref()
    doc.update_object(xref, source)
    if stream is not None:
        doc.update_stream(xref, stream, new=True)
    doc.xref_set_key(doc.pdf_catalog(), "Hier", f"{xref} 0 R")
    assert [p.kind for p in check_objects(doc, "x.pdf", [secret])] == ["leak"]


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le"])
def test_a_colour_palette_spelling_a_value_in_utf16_is_found(codec):
    doc = pymupdf.open()
    doc.new_page()
    palette = ("Fenna Wijnberg".encode(codec) + bytes(30))[:30]
    image = doc.get_new_xref()
    doc.update_object(image, "<< /Type /XObject /Subtype /Image /Width 4 /Height 1 /BitsPerComponent 8 "
                             f"/ColorSpace [/Indexed /DeviceRGB 9 <{palette.hex()}>] >>")
    doc.update_stream(image, bytes(4), new=True)
    doc.xref_set_key(doc.pdf_catalog(), "Hier", f"{image} 0 R")
    assert "leak" in {p.kind for p in check_strings(doc.tobytes(), "x.pdf", [SECRET])}


def _with_private_key_names(path):
    """A page whose catalog, page and font carry keys named after a person (joined, with a space)."""
    import pikepdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Een onschuldige regel tekst.")
    doc.save(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for where in (pdf.Root, pdf.pages[0].obj, *pdf.pages[0].Resources.Font.values()):
            where[pikepdf.Name("/FennaWijnberg")] = True
            where[pikepdf.Name("/Fenna Wijnberg")] = pikepdf.Name("/Ja")
        pdf.save(path)
    return path


def test_removed_keys_take_their_names_along(tmp_path):
    # MuPDF wrote a removed key as "/FennaWijnberg null" and refused a key with a space ("bad 'key'")
    out = tmp_path / "schoon.pdf"
    with pymupdf.open(_with_private_key_names(tmp_path / "sleutels.pdf")) as doc:
        sanitize(doc)
        save_clean(doc, out)
    with pymupdf.open(out) as doc:
        sources = "".join(doc.xref_object(x, compressed=True) for x in range(1, doc.xref_length()))
        assert "Fenna" not in sources and check_hygiene(doc, out.read_bytes(), "schoon.pdf") == []


def test_a_message_never_shows_a_key_of_the_producers_own(tmp_path):
    path = _with_private_key_names(tmp_path / "sleutels.pdf")
    with pymupdf.open(path) as doc:
        problems = check_hygiene(doc, path.read_bytes(), "sleutels.pdf")
    assert {p.kind for p in problems} >= {"catalog", "page"}
    assert all("Fenna" not in str(p) for p in problems)


def test_a_font_whose_subset_tag_starts_with_js_is_no_javascript(tmp_path):
    # pdftocairo's random subset tags ("JSKKZL+LiberationSans") once read as the /JS key: a clean file refused
    out = tmp_path / "schoon.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 72), "Een onschuldige regel tekst.")
        doc.save(out)
    with pymupdf.open(out) as doc:
        font = next(x for x in range(1, doc.xref_length()) if "/Type/Font" in doc.xref_object(x, compressed=True))
        doc.xref_set_key(font, "BaseFont", "/JSKKZL+LiberationSans")
        doc.save(tmp_path / "js-tag.pdf")
    tagged = tmp_path / "js-tag.pdf"
    with pymupdf.open(tagged) as doc:
        assert "javascript" not in {p.kind for p in check_hygiene(doc, tagged.read_bytes(), "js-tag.pdf")}
