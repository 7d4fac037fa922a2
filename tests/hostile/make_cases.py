"""Build one hostile or broken PDF per case of the hostile-PDF issue.

Every case plants the personal data of an invented civil servant (name,
e-mail, phone: ``PLANTED``) in one hiding place, and says what woopub must
do with it: publish it clean, or refuse it with a reason. The tests run the
whole set through ``woopub redact`` and check both; the README table
"Hostile and broken PDFs" is generated from ``CASES`` (``readme_table()``)
and a test keeps the two in step.

    python tests/hostile/make_cases.py OUT_DIR     # write the cases and wachtwoorden.json
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pymupdf

NAME = "Fenna Wijnberg"
EMAIL = "f.wijnberg@minjenv.nl"
PHONE = "06-48291730"
PLANTED = (NAME, EMAIL, PHONE)
SENTENCE = f"Contactpersoon: {NAME}, telefoon {PHONE}, e-mail {EMAIL}"
INNOCENT = "Voortgang van de beleidsnota over mensenhandel, tweede kwartaal."
PASSWORD = "Woo 2025: geheim \"wachtwoord\"#1"  # every character JSON must carry
PASSWORD_FILE = "wachtwoorden.json"

PUBLISHED = "published"
REFUSED = "refused"


@dataclass(frozen=True)
class Case:
    file: str
    group: str
    what: str  # the case, for the README table
    expect: str  # PUBLISHED or REFUSED
    outcome: str  # what woopub does (published) or the reason it gives (refused), for the README
    reason: str = ""  # a piece of the refusal reason the test requires
    planted: tuple[str, ...] = PLANTED  # values that must not survive in a published file
    password: str | None = None  # entry in the password file
    # the published pages are also read by OCR (issue 13, done when: every published case); off only
    # where rendering every page at 300 dpi is the size case itself
    ocr: bool = True
    turned: bool = False  # the oracle's OCR reads each page the four ways up (text standing turned on it)
    light: bool = False  # the oracle's OCR also reads each page with its light ink darkened (grey text beside black)
    inverse: bool = False  # ... and each page inverted (white letters on dark fields beside black text)
    build: Callable[[Path], None] = field(default=lambda path: None, repr=False)


# -- building blocks ------------------------------------------------------------


def _doc(*lines: str, pages: int = 1) -> pymupdf.Document:
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page()
        for n, line in enumerate(lines):
            page.insert_text((72, 90 + 16 * n), line, fontsize=11)
    return doc


def _save(doc: pymupdf.Document, path: Path, **kw) -> None:
    doc.save(path, **kw)
    doc.close()


def _object(doc: pymupdf.Document, source: str, stream: bytes | None = None) -> int:
    xref = doc.get_new_xref()
    doc.update_object(xref, source)
    if stream is not None:
        doc.update_stream(xref, stream, new=True, compress=False)
    return xref


def _resources(doc: pymupdf.Document, page: pymupdf.Page) -> int:
    """The xref of a page's resource dictionary, made indirect if it was not."""
    kind, value = doc.xref_get_key(page.xref, "Resources")
    if kind == "xref":
        return int(value.split()[0])
    xref = _object(doc, value if kind == "dict" else "<<>>")
    doc.xref_set_key(page.xref, "Resources", f"{xref} 0 R")
    return xref


def _add_resource(doc: pymupdf.Document, page: pymupdf.Page, kind: str, name: str, xref: int) -> None:
    res = _resources(doc, page)
    sub_kind, sub = doc.xref_get_key(res, kind)
    if sub_kind == "xref":
        doc.xref_set_key(int(sub.split()[0]), name, f"{xref} 0 R")
    elif sub_kind == "dict":
        doc.xref_set_key(res, f"{kind}/{name}", f"{xref} 0 R")
    else:
        doc.xref_set_key(res, kind, f"<</{name} {xref} 0 R>>")


def _helvetica(doc: pymupdf.Document) -> int:
    return _object(doc, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")


def _add_content(doc: pymupdf.Document, page: pymupdf.Page, content: bytes) -> None:
    """Append a content stream to a page; /F9 is Helvetica."""
    _add_resource(doc, page, "Font", "F9", _helvetica(doc))
    xref = _object(doc, "<<>>", b"q " + content + b" Q")
    old = page.get_contents()
    doc.xref_set_key(page.xref, "Contents", "[" + " ".join(f"{x} 0 R" for x in [*old, xref]) + "]")


def _pdf_string(text: str) -> bytes:
    return b"(" + text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _text_op(text: str, x: float, y: float, size: float = 11, font: bytes = b"/F9") -> bytes:
    return b"BT " + font + b" %g Tf %g %g Td " % (size, x, y) + _pdf_string(text) + b" Tj ET"


def _pdf_with_sentence(pages: int = 1) -> pymupdf.Document:
    return _doc(INNOCENT, SENTENCE, pages=pages)


def _hide(doc: pymupdf.Document, key_path: str, value: str) -> None:
    doc.xref_set_key(doc.pdf_catalog(), key_path, value)


def _text_string(text: str) -> str:
    """A PDF text string in UTF-16BE hex, as producers write non-ASCII metadata."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


# -- encrypted --------------------------------------------------------------------


def build_user_password(path: Path) -> None:
    _save(_pdf_with_sentence(), path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=PASSWORD, owner_pw="eigenaar-x")


def build_owner_only(path: Path) -> None:
    _save(_pdf_with_sentence(), path, encryption=pymupdf.PDF_ENCRYPT_AES_128, owner_pw="eigenaar-x", user_pw="",
          permissions=pymupdf.PDF_PERM_PRINT)


def build_unknown_password(path: Path) -> None:
    _save(_pdf_with_sentence(), path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="niemand-weet-het", owner_pw="x")


# -- damaged ----------------------------------------------------------------------


def build_truncated(path: Path) -> None:
    data = _pdf_with_sentence(pages=3).tobytes()
    path.write_bytes(data[: int(len(data) * 0.6)])


def build_broken_xref(path: Path) -> None:
    data = _pdf_with_sentence().tobytes()
    broken = re.sub(rb"\d{10} 00000 n", b"0000000009 00000 n", data)  # every offset wrong: MuPDF rebuilds it
    assert broken != data
    path.write_bytes(broken)


def build_corrupt_stream(path: Path) -> None:
    doc = _pdf_with_sentence()
    data = doc.tobytes(deflate=True)
    m = re.search(rb"/Filter\s*/FlateDecode[^>]*>>\s*stream\r?\n", data)
    start = m.end() + 8
    path.write_bytes(data[:start] + bytes(b ^ 0x5A for b in data[start : start + 40]) + data[start + 40 :])


def _without_object(data: bytes, xref: int) -> bytes:
    """``data`` with object ``xref`` left out of its cross-reference table (the table split around
    it, other offsets unchanged): a reference to it finds nothing, as in an excerpt whose pages
    were cut out of a longer report."""
    head = re.compile(rb"xref\n0 (\d+)\n").search(data, data.rindex(b"\nxref\n"))
    count = int(head[1])
    entries = re.findall(rb"\d{10} \d{5} [nf] ?\r?\n", data[head.end():])[:count]
    table = (b"xref\n0 %d\n" % xref + b"".join(entries[:xref])
             + b"%d %d\n" % (xref + 1, count - xref - 1) + b"".join(entries[xref + 1:]))
    return data[: head.start()] + table + data[head.end() + sum(map(len, entries)):]


def build_dangling_bookmark(path: Path) -> None:
    doc = _pdf_with_sentence(pages=2)
    doc.set_toc([[1, "Inleiding", 1], [1, "Bijlage", 2]])
    cut = _object(doc, "<< /Type /Page >>")  # a page of the whole report, not in this excerpt
    _object(doc, "<< >>")  # the cut one is not the last object
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Title")[0] == "string":
            doc.xref_set_key(xref, "A", "null")
            doc.xref_set_key(xref, "Dest", f"[{cut} 0 R /XYZ 0 0 null]")
    path.write_bytes(_without_object(doc.tobytes(), cut))


def build_zero_pages(path: Path) -> None:
    body = [
        b"%PDF-1.7\n",
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n",
        b"3 0 obj\n<< /Author " + _pdf_string(NAME) + b" >>\nendobj\n",
    ]
    offsets, pos = [], 0
    for part in body:
        offsets.append(pos)
        pos += len(part)
    xref = b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets[1:])
    trailer = b"trailer\n<< /Size 4 /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n" % pos
    path.write_bytes(b"".join(body) + xref + trailer)


def build_not_a_pdf(path: Path) -> None:
    path.write_text(f"Notitie\n\n{SENTENCE}\n", encoding="utf-8")


def build_empty(path: Path) -> None:
    path.write_bytes(b"")


def build_zip(path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:  # stored: the PDF's own %PDF header lies inside
        zf.writestr("nota.pdf", _pdf_with_sentence().tobytes())
    path.write_bytes(buf.getvalue())


# -- hidden text and history --------------------------------------------------------


def build_earlier_revision(path: Path) -> None:
    doc = _doc(INNOCENT)
    _add_content(doc, doc[0], _text_op(SENTENCE, 72, 600))
    _save(doc, path)  # revision 1: uncompressed, the sentence readable in the bytes
    doc = pymupdf.open(path)
    page = doc[0]
    doc.xref_set_key(page.xref, "Contents", f"{_object(doc, '<<>>', b'q ' + _text_op(INNOCENT, 72, 750) + b' Q')} 0 R")
    doc.saveIncr()  # revision 2 shows only the innocent line; revision 1 is still in the file
    doc.close()


def build_hidden_layer(path: Path) -> None:
    doc = _doc(INNOCENT)
    ocg = doc.add_ocg(f"Opmerkingen {NAME}", on=False)
    doc[0].insert_text((72, 200), SENTENCE, fontsize=11, oc=ocg)
    _save(doc, path)


def build_hidden_layer_indirect_properties(path: Path) -> None:
    doc = _doc(INNOCENT)
    ocg = doc.add_ocg(f"Opmerkingen {NAME}", on=False)
    doc[0].insert_text((72, 200), SENTENCE, fontsize=11, oc=ocg)
    res = _resources(doc, doc[0])
    kind, value = doc.xref_get_key(res, "Properties")
    assert kind == "dict", kind
    doc.xref_set_key(res, "Properties", f"{_object(doc, value)} 0 R")  # the property list an object of its own
    _save(doc, path)


def build_invisible(path: Path) -> None:
    doc = _doc(INNOCENT)
    doc[0].insert_text((72, 200), SENTENCE, fontsize=11, render_mode=3)
    _save(doc, path)


def build_white_on_white(path: Path) -> None:
    doc = _doc(INNOCENT)
    doc[0].insert_text((72, 200), SENTENCE, fontsize=11, color=(1, 1, 1))
    _save(doc, path)


def build_under_image(path: Path) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    page.insert_text((72, 200), SENTENCE, fontsize=11)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 20), False)
    pix.set_rect(pix.irect, (200, 200, 200))
    page.insert_image(pymupdf.Rect(60, 180, 540, 215), pixmap=pix)
    _save(doc, path)


def build_outside_crop(path: Path) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    page.insert_text((72, 700), SENTENCE, fontsize=11)  # below the crop box
    _add_content(doc, page, _text_op(SENTENCE, 72, -40))  # below the media box
    page.set_cropbox(pymupdf.Rect(0, 0, 595, 400))
    _save(doc, path)


def build_form_xobjects(path: Path) -> None:
    src = _pdf_with_sentence()
    doc = _doc(INNOCENT)
    page = doc[0]
    page.show_pdf_page(pymupdf.Rect(0, 200, 595, 642), src, 0)  # drawn through a form XObject
    font = _helvetica(doc)
    unused = _object(
        doc,
        f"<< /Type /XObject /Subtype /Form /BBox [0 0 500 50] /Resources << /Font << /F9 {font} 0 R >> >> >>",
        _text_op(SENTENCE, 0, 10),
    )
    _add_resource(doc, page, "XObject", "Ongebruikt", unused)  # listed, never drawn
    _save(doc, path)


def build_tiling_pattern(path: Path) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    font = _helvetica(doc)
    pattern = _object(
        doc,
        "<< /Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 500 20] /XStep 500 /YStep 20 "
        f"/Resources << /Font << /F9 {font} 0 R >> >> >>",
        _text_op(SENTENCE, 0, 5, size=9),
    )
    _add_resource(doc, page, "Pattern", "P1", pattern)
    _add_content(doc, page, b"/Pattern cs /P1 scn 60 400 480 100 re f")
    _save(doc, path)


def build_ligatures(path: Path) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    font = _object(
        doc,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        "/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl] >> >>",
    )
    _add_resource(doc, page, "Font", "FL", font)
    text = "Contactpersoon: So\x01e Wijnberg, e-mail so\x01e.wijnberg@minjenv.nl"
    _add_content(doc, page, _text_op(text, 72, 600, font=b"/FL"))
    _save(doc, path)


def _type3_font(doc: pymupdf.Document, codes: str, tounicode: bool, ligatures: dict[str, str] | None = None) -> int:
    procs = {}
    for ch in sorted(set(codes)):
        procs[ch] = _object(doc, "<<>>", b"600 0 0 0 500 700 d1 0 0 500 700 re f")
    diffs = " ".join(f"{ord(ch)} /g{ord(ch)}" for ch in sorted(set(codes)))
    charprocs = " ".join(f"/g{ord(ch)} {x} 0 R" for ch, x in procs.items())
    widths = " ".join("600" for _ in range(1, 127))
    extra = ""
    if tounicode:
        meaning = {ch: (ligatures or {}).get(ch, ch) for ch in sorted(set(codes))}
        pairs = "\n".join(f"<{ord(ch):02X}> <{text.encode('utf-16-be').hex().upper()}>" for ch, text in meaning.items())
        cmap = (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /W def "
            "1 begincodespacerange <00> <FF> endcodespacerange "
            f"{len(set(codes))} beginbfchar\n{pairs}\nendbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
        ).encode()
        extra = f"/ToUnicode {_object(doc, '<<>>', cmap)} 0 R"
    return _object(
        doc,
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700] /FontMatrix [0.001 0 0 0.001 0 0] "
        f"/CharProcs << {charprocs} >> /Encoding << /Type /Encoding /Differences [{diffs}] >> "
        f"/FirstChar 1 /LastChar 126 /Widths [{widths}] /Resources << >> {extra} >>",
    )


def build_type3(path: Path, tounicode: bool = False) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    _add_resource(doc, page, "Font", "T3", _type3_font(doc, SENTENCE, tounicode))
    _add_content(doc, page, _text_op(SENTENCE, 72, 600, font=b"/T3"))
    _save(doc, path)


def build_type3_with_tounicode(path: Path) -> None:
    build_type3(path, tounicode=True)


def build_tounicode_ligature(path: Path) -> None:
    """One glyph, two letters: "fi" as TeX writes it (ToUnicode maps the code to both)."""
    doc = _doc(INNOCENT)
    page = doc[0]
    text = "Contactpersoon: So\x01e Wijnberg, e-mail so\x01e.wijnberg@minjenv.nl"
    _add_resource(doc, page, "Font", "T3", _type3_font(doc, text, tounicode=True, ligatures={"\x01": "fi"}))
    _add_content(doc, page, _text_op(text, 72, 600, font=b"/T3"))
    _save(doc, path)


def build_custom_encoding(path: Path) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    diffs = " ".join(f"{ord(ch)} /glyph{n}" for n, ch in enumerate(sorted(set(SENTENCE))))
    font = _object(doc, f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Differences [{diffs}] >> >>")
    _add_resource(doc, page, "Font", "FX", font)
    _add_content(doc, page, _text_op(SENTENCE, 72, 600, font=b"/FX"))
    _save(doc, path)


def build_cid_without_tounicode(path: Path) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("helv").buffer)  # Type0, Identity-H
    page.insert_text((72, 600), SENTENCE, fontname="F0", fontsize=11)
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "ToUnicode")[0] != "null":
            doc.xref_set_key(xref, "ToUnicode", "null")
    _save(doc, path)


def build_actualtext(path: Path) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    span = b"/Span << /ActualText " + _pdf_string(SENTENCE) + b" /Alt " + _pdf_string(NAME) + b" >> BDC "
    _add_content(doc, page, span + _text_op("zie bijlage", 72, 600) + b" EMC")
    _save(doc, path)


def build_zero_size(path: Path) -> None:
    doc = _doc(INNOCENT)
    _add_content(doc, doc[0], _text_op(SENTENCE, 72, 600, size=0))
    _save(doc, path)


# -- carried data -------------------------------------------------------------------


def build_annotations(path: Path) -> None:
    doc = _doc(INNOCENT, "Zie de opmerkingen in de kantlijn.")
    page = doc[0]
    note = page.add_text_annot((500, 80), f"Bellen met {NAME} ({PHONE})")
    note.set_info(title=NAME, subject=EMAIL)
    note.update()
    free = page.add_freetext_annot(pymupdf.Rect(72, 300, 400, 330), SENTENCE, fontsize=9)
    free.set_info(title=NAME)
    free.update()
    stamp = page.add_stamp_annot(pymupdf.Rect(350, 400, 550, 460), stamp=0)
    stamp.set_info(title=NAME, content=f"Goedgekeurd door {NAME}")
    stamp.update()
    quads = page.search_for("beleidsnota")
    high = page.add_highlight_annot(quads)
    high.set_info(title=NAME, content=f"Navragen bij {EMAIL}")
    high.set_popup(pymupdf.Rect(400, 100, 550, 200))
    high.update()
    ink = page.add_ink_annot([[(100, 500), (150, 520), (200, 500)]])
    ink.set_info(title=NAME)
    ink.update()
    page.add_file_annot((520, 600), SENTENCE.encode(), f"notitie {NAME}.txt", desc=SENTENCE)
    page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 82, 300, 95), "uri": f"mailto:{EMAIL}"})
    red = page.add_redact_annot(pymupdf.Rect(72, 95, 300, 110), text=NAME)  # marked, never applied
    red.set_info(title=NAME)
    red.update()
    _save(doc, path)


def build_form_fields(path: Path) -> None:
    doc = _doc(INNOCENT, "Ingevuld formulier:")
    page = doc[0]
    for n, (kind, name, value) in enumerate(
        [
            (pymupdf.PDF_WIDGET_TYPE_TEXT, "behandelaar", SENTENCE),
            (pymupdf.PDF_WIDGET_TYPE_TEXT, "verborgen", NAME),
            (pymupdf.PDF_WIDGET_TYPE_CHECKBOX, "akkoord", True),
            (pymupdf.PDF_WIDGET_TYPE_COMBOBOX, "afdeling", "DGSenV"),
        ]
    ):
        w = pymupdf.Widget()
        w.field_name, w.field_type, w.field_value = name, kind, value
        w.field_label = f"Invuller: {NAME}"  # /TU, the tooltip
        w.rect = pymupdf.Rect(72, 150 + 30 * n, 560 if kind == pymupdf.PDF_WIDGET_TYPE_TEXT else 90, 170 + 30 * n)
        if kind == pymupdf.PDF_WIDGET_TYPE_COMBOBOX:
            w.choice_values = ["DGSenV", NAME]
            w.rect = pymupdf.Rect(72, 150 + 30 * n, 300, 170 + 30 * n)
        if name == "verborgen":
            w.field_display = 1  # hidden: never shown, its value still in the file
        page.add_widget(w)
    _save(doc, path)


def build_javascript(path: Path) -> None:
    doc = _doc(INNOCENT)
    js = f"app.alert('Vragen? Bel {NAME} op {PHONE}');"
    action = _object(doc, f"<< /S /JavaScript /JS {_pdf_string(js).decode('latin-1')} >>")
    names = _object(doc, f"<< /Names [(contact) {action} 0 R] >>")
    _hide(doc, "Names", f"<< /JavaScript {names} 0 R >>")
    _hide(doc, "OpenAction", f"{action} 0 R")
    doc.xref_set_key(doc[0].xref, "AA", f"<< /O {action} 0 R >>")
    _save(doc, path)


def build_attachments(path: Path) -> None:
    doc = _doc(INNOCENT)
    doc.embfile_add(f"cv {NAME}.txt", SENTENCE.encode(), filename=f"cv {NAME}.txt", desc=f"CV van {NAME}")
    _save(doc, path)


def build_portfolio(path: Path) -> None:
    doc = _doc("Deze portfolio bevat de stukken als bijlagen.")
    doc.embfile_add("nota.pdf", _pdf_with_sentence().tobytes(), filename="nota.pdf", desc=SENTENCE)
    _hide(doc, "Collection", "<< /Type /Collection /View /T >>")
    _save(doc, path)


def _gray_image(doc: pymupdf.Document, pixels: bytes) -> int:
    return _object(
        doc,
        f"<< /Type /XObject /Subtype /Image /Width {len(pixels)} /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 >>",
        pixels,
    )


def build_thumbnail(path: Path) -> None:
    doc = _doc(INNOCENT)
    # a thumbnail is a picture of the unredacted page; here its pixel bytes spell the sentence
    doc.xref_set_key(doc[0].xref, "Thumb", f"{_gray_image(doc, SENTENCE.encode())} 0 R")
    _save(doc, path)


def build_metadata(path: Path) -> None:
    doc = _doc(INNOCENT)
    doc.set_metadata({"author": NAME, "title": f"Nota van {NAME}", "subject": EMAIL, "keywords": PHONE,
                      "creator": f"Word ({NAME})"})
    doc.set_xml_metadata(
        "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
        f"<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:creator>{NAME}</dc:creator>"
        f"<dc:description>{SENTENCE}</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    _save(doc, path)


def build_pieceinfo(path: Path) -> None:
    doc = _doc(INNOCENT)
    private = f"<< /Woopub << /LastModified (D:20250618) /Private << /Opsteller {_text_string(NAME)} /Tel ({PHONE}) >> >> >>"
    _hide(doc, "PieceInfo", private)
    doc.xref_set_key(doc[0].xref, "PieceInfo", private.replace("Opsteller", "Bewerker"))
    doc.xref_set_key(doc[0].xref, "LastModified", "(D:20250618)")
    _save(doc, path)


def build_bookmarks(path: Path) -> None:
    doc = _doc(INNOCENT, pages=2)
    doc.set_toc([[1, "Inleiding", 1], [1, f"Gesprek met {NAME}", 2], [2, EMAIL, 2]])
    _save(doc, path)


def build_named_destinations(path: Path) -> None:
    doc = _doc(INNOCENT, pages=2)
    page = doc[1].xref
    tree = _object(doc, f"<< /Names [{_pdf_string(SENTENCE).decode('latin-1')} [{page} 0 R /Fit]] >>")
    _hide(doc, "Names", f"<< /Dests {tree} 0 R >>")
    _hide(doc, "Dests", f"<< /{NAME.replace(' ', '#20')} [{page} 0 R /Fit] >>")
    _save(doc, path)


def build_page_labels(path: Path) -> None:
    doc = _doc(INNOCENT, pages=2)
    doc.set_page_labels([{"startpage": 0, "prefix": f"{NAME} - ", "style": "D", "firstpagenum": 1}])
    _save(doc, path)


def build_threads(path: Path) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    thread = doc.get_new_xref()
    bead = _object(doc, f"<< /Type /Bead /T {thread} 0 R /P {page.xref} 0 R /R [72 700 500 760] >>")
    doc.xref_set_key(bead, "N", f"{bead} 0 R")
    doc.xref_set_key(bead, "V", f"{bead} 0 R")
    doc.update_object(thread, f"<< /Type /Thread /F {bead} 0 R /I << /Title {_pdf_string(SENTENCE).decode()} /Author ({NAME}) >> >>")
    _hide(doc, "Threads", f"[{thread} 0 R]")
    doc.xref_set_key(page.xref, "B", f"[{bead} 0 R]")
    _save(doc, path)


def build_private_keys(path: Path) -> None:
    doc = _doc(INNOCENT)
    _hide(doc, "BehandeldDoor", _pdf_string(SENTENCE).decode())
    doc.xref_set_key(doc[0].xref, "Opsteller", _text_string(NAME))
    doc.xref_set_key(doc[0].xref, "Contact", f"[{_pdf_string(EMAIL).decode()} ({PHONE})]")
    font = doc[0].get_fonts()[0][0]
    doc.xref_set_key(font, "Opmerking", _pdf_string(f"Lettertype gekozen door {NAME}").decode())  # on any object
    _save(doc, path)


def build_private_key_names(path: Path) -> None:
    """Private keys named after the person (with a space, joined, the e-mail address) on the catalog, a
    page, a font and an image, and private name values: what is removed must take the key's name along."""
    doc = _pdf_with_sentence()
    _add_resource(doc, doc[0], "XObject", "Im9", _gray_image(doc, b"\x80\x40"))
    _add_content(doc, doc[0], b"50 0 0 20 72 300 cm /Im9 Do")
    doc.save(path)
    doc.close()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:  # MuPDF cannot write a key with a space
        joined = pikepdf.Name("/" + NAME.replace(" ", ""))
        pdf.Root[pikepdf.Name("/" + NAME)] = pikepdf.String(PHONE)
        pdf.Root[joined] = pikepdf.Name("/Ja")
        page = pdf.pages[0].obj
        page[pikepdf.Name("/" + NAME)] = True
        page[pikepdf.Name("/" + EMAIL)] = 1
        for resource in (page.Resources.Font, page.Resources.XObject):
            for key in list(resource.keys()):
                resource[key][joined] = True
                resource[key].Opsteller = pikepdf.Name("/" + NAME)
                resource[key][pikepdf.Name("/" + PHONE)] = pikepdf.Array([pikepdf.Name("/" + EMAIL)])
        pdf.save(path)


def build_alternate_image(path: Path) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 40, 10), False)
    pix.set_rect(pix.irect, (128,))
    page.insert_image(pymupdf.Rect(72, 300, 272, 350), pixmap=pix)
    image = next(x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "Subtype")[1] == "/Image")
    # an alternate version for printing: pixel redaction never touches it
    doc.xref_set_key(image, "Alternates", f"[<< /Image {_gray_image(doc, SENTENCE.encode())} 0 R /DefaultForPrinting true >>]")
    _save(doc, path)


# -- data that is not page content (the value is also visible on the page) -----------------------


def build_language_tag(path: Path) -> None:
    doc = _pdf_with_sentence()
    _hide(doc, "Lang", _text_string(f"nl-NL-x-{NAME} {EMAIL} {PHONE}"))
    _save(doc, path)


def build_file_identifier(path: Path) -> None:
    doc = _pdf_with_sentence()
    doc.save(path)
    doc.close()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:  # MuPDF would write an /ID of its own
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(NAME), pikepdf.String(f"{EMAIL} {PHONE}")])
        pdf.save(path, static_id=True)


def build_private_trailer_keys(path: Path) -> None:
    doc = _pdf_with_sentence()
    doc.save(path)
    doc.close()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:  # MuPDF drops unknown trailer keys it writes
        pdf.trailer.Opsteller = pikepdf.String(NAME)
        pdf.trailer.Contact = pikepdf.Dictionary(Mail=pikepdf.String(EMAIL), Tel=pikepdf.String(PHONE))
        pdf.save(path)


def _icc_profile(text: str) -> bytes:
    """A grey ICC profile (v2) whose description, copyright and a private tag hold ``text``."""
    ascii_text = text.encode("latin-1") + b"\0"
    desc = b"desc" + bytes(4) + len(ascii_text).to_bytes(4, "big") + ascii_text + bytes(4 + 4 + 2 + 1 + 67)
    cprt = b"text" + bytes(4) + ascii_text
    wtpt = b"XYZ " + bytes(4) + (63190).to_bytes(4, "big") + (65536).to_bytes(4, "big") + (54061).to_bytes(4, "big")
    ktrc = b"curv" + bytes(4) + (1).to_bytes(4, "big") + (256).to_bytes(2, "big") + bytes(2)
    priv = b"Fwij" + bytes(4) + text.encode("utf-16-be")
    tags = [(b"desc", desc), (b"cprt", cprt), (b"wtpt", wtpt), (b"kTRC", ktrc), (b"Fwij", priv)]
    offset, table, body = 128 + 4 + 12 * len(tags), b"", b""
    for sig, data in tags:
        data += bytes(-len(data) % 4)
        table += sig + (offset + len(body)).to_bytes(4, "big") + len(data).to_bytes(4, "big")
        body += data
    size = offset + len(body)
    header = (size.to_bytes(4, "big") + b"lcms" + bytes([2, 0x10, 0, 0]) + b"mntrGRAY" + b"XYZ " + bytes(12)
              + b"acsp" + b"APPL" + bytes(4) + b"Fenn" + b"Wijn" + bytes(8) + bytes(4)
              + (63190).to_bytes(4, "big") + (65536).to_bytes(4, "big") + (54061).to_bytes(4, "big") + b"Fenn")
    header += bytes(128 - len(header))
    return header + len(tags).to_bytes(4, "big") + table + body


def build_output_intent(path: Path) -> None:
    doc = _pdf_with_sentence()
    profile = _object(doc, "<< /N 1 >>", _icc_profile(SENTENCE))
    intent = _object(doc, f"<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier ({NAME}) "
                          f"/OutputCondition ({EMAIL}) /RegistryName ({PHONE}) /Info {_pdf_string(SENTENCE).decode()} "
                          f"/DestOutputProfile {profile} 0 R >>")
    _hide(doc, "OutputIntents", f"[{intent} 0 R]")
    _save(doc, path)


def build_icc_profile(path: Path) -> None:
    doc = _pdf_with_sentence()
    page = doc[0]
    profile = _object(doc, "<< /N 1 /Alternate /DeviceGray >>", _icc_profile(SENTENCE))
    image = _object(doc, f"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /BitsPerComponent 8 "
                         f"/ColorSpace [/ICCBased {profile} 0 R] >>", bytes(range(0, 256, 4)))
    _add_resource(doc, page, "XObject", "Im9", image)
    _add_content(doc, page, b"80 0 0 80 72 500 cm /Im9 Do")
    _save(doc, path)


def build_icc_profile_wrong_channels(path: Path) -> None:
    # the profile is grey, the colour space says three channels: MuPDF draws the image in its
    # /Alternate and says "ignoring broken ICC profile" (ImageMagick wrote one like it)
    doc = _pdf_with_sentence()
    page = doc[0]
    profile = _object(doc, "<< /N 3 /Alternate /DeviceRGB >>", _icc_profile("kleurprofiel"))
    image = _object(doc, f"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /BitsPerComponent 8 "
                         f"/ColorSpace [/ICCBased {profile} 0 R] >>", bytes(range(0, 192)))
    _add_resource(doc, page, "XObject", "Im9", image)
    _add_content(doc, page, b"80 0 0 80 72 500 cm /Im9 Do")
    _save(doc, path)


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


def build_jpeg_metadata(path: Path) -> None:
    doc = _pdf_with_sentence()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 64, 32), False)
    pix.set_rect(pix.irect, (180, 200, 220))
    jpeg = pix.tobytes("jpeg")
    tiff = (b"MM\0*\0\0\0\x08\0\x01" + b"\x01\x3b\0\x02" + (len(NAME) + 1).to_bytes(4, "big")
            + (26).to_bytes(4, "big") + b"\0\0\0\0" + NAME.encode() + b"\0")  # Artist tag
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{NAME}</dc:creator></x:xmpmeta>'.encode()
    segments = (_jpeg_segment(0xE1, b"Exif\0\0" + tiff) + _jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + xmp)
                + _jpeg_segment(0xFE, SENTENCE.encode()) + _jpeg_segment(0xED, b"Photoshop 3.0\0" + EMAIL.encode())
                + _jpeg_segment(0xEB, f"{PHONE} {NAME}".encode("utf-16-le")))
    jpeg = jpeg[:2] + segments + jpeg[2:] + f"na het einde: {SENTENCE}".encode()
    doc[0].insert_image(pymupdf.Rect(72, 300, 264, 396), stream=jpeg)
    # the same JPEG once more inside a Flate layer, as some producers store it
    chained = _object(doc, "<< /Type /XObject /Subtype /Image /Width 64 /Height 32 /ColorSpace /DeviceRGB "
                           "/BitsPerComponent 8 /Filter [/FlateDecode /DCTDecode] >>")
    doc.update_stream(chained, zlib.compress(jpeg), compress=False)
    doc.xref_set_key(chained, "Filter", "[/FlateDecode /DCTDecode]")
    _add_resource(doc, doc[0], "XObject", "Im8", chained)
    _add_content(doc, doc[0], b"192 0 0 96 300 300 cm /Im8 Do")
    _save(doc, path)


def _jp2_box(kind: bytes, payload: bytes) -> bytes:
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def build_jpeg2000_metadata(path: Path) -> None:
    """JPEG 2000 images: a JP2 file with an XML box (XMP), a UUID box, a comment in the codestream
    and data after the last box; and a bare codestream with a comment, stored as JPXDecode."""
    from PIL import Image

    image = Image.new("L", (64, 32), 190)
    jp2, bare = io.BytesIO(), io.BytesIO()
    image.save(jp2, "JPEG2000", comment=SENTENCE.encode())
    image.save(bare, "JPEG2000", no_jp2=True, comment=f"{EMAIL} {PHONE}".encode())
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{NAME}</dc:creator></x:xmpmeta>'.encode()
    data = (jp2.getvalue() + _jp2_box(b"xml ", xmp) + _jp2_box(b"uuid", bytes(16) + EMAIL.encode())
            + f"na het einde: {PHONE}".encode())
    doc = _pdf_with_sentence()
    page = doc[0]
    for n, stream in enumerate((data, bare.getvalue())):
        xref = _object(doc, "<< /Type /XObject /Subtype /Image /Width 64 /Height 32 /ColorSpace /DeviceGray "
                            "/BitsPerComponent 8 >>")
        doc.update_stream(xref, stream, compress=False)
        doc.xref_set_key(xref, "Filter", "/JPXDecode")
        _add_resource(doc, page, "XObject", f"Jp{n}", xref)
        _add_content(doc, page, b"192 0 0 96 %d 300 cm /Jp%d Do" % (72 + 220 * n, n))
    _save(doc, path)


def build_font_names(path: Path) -> None:
    doc = _pdf_with_sentence()
    page = doc[0]
    page.insert_font(fontname="FW", fontbuffer=pymupdf.Font("tiro").buffer)  # embedded
    page.insert_text((72, 200), INNOCENT, fontname="FW", fontsize=11)
    _add_content(doc, page, _text_op(INNOCENT, 72, 500))  # /F9, not embedded
    for xref, *_, resource, _ in page.get_fonts():
        if resource == "helv":  # the redaction labels' font (woopub reuses it by that name)
            continue
        embedded = doc.xref_get_key(xref, "Subtype")[1] == "/Type0"
        name = "ABCDEF+" + NAME.replace(" ", "-") if embedded else NAME.replace(" ", "")
        if embedded:  # the drawing font is the descendant, which carries the descriptor
            doc.xref_set_key(xref, "BaseFont", "/" + name)
            xref = int(doc.xref_get_key(xref, "DescendantFonts")[1].strip("[]").split()[0])
        doc.xref_set_key(xref, "BaseFont", "/" + name)
        descriptor = int(doc.xref_get_key(xref, "FontDescriptor")[1].split()[0]) if embedded else _object(
            doc, "<< /Type /FontDescriptor /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 700 "
                 "/Descent -200 /CapHeight 700 /StemV 80 >>")
        doc.xref_set_key(xref, "FontDescriptor", f"{descriptor} 0 R")
        doc.xref_set_key(descriptor, "FontName", "/" + name)
        doc.xref_set_key(descriptor, "FontFamily", _text_string(NAME))
        doc.xref_set_key(descriptor, "CharSet", _pdf_string(f"/{EMAIL}/{PHONE}").decode())
        doc.xref_set_key(descriptor, "FontStretch", "/" + NAME.replace(" ", ""))
        doc.xref_set_key(descriptor, "Style", f"<< /Panose <{PHONE.encode().hex()}> >>")
        doc.xref_set_key(xref, "Name", "/" + NAME.replace(" ", "") + "Font")
    _save(doc, path)


def build_font_program_names(path: Path) -> None:
    """An embedded TrueType font whose name table (licence text) holds the sentence."""
    font = bytearray(UNICODE_FONT.read_bytes())
    licence = "Permission is hereby granted".encode("utf-16-be")
    at = font.index(licence)
    planted = SENTENCE.encode("utf-16-be")
    font[at : at + len(planted)] = planted
    doc = _pdf_with_sentence()
    page = doc[0]
    page.insert_font(fontname="NT", fontbuffer=bytes(font))
    page.insert_text((72, 200), INNOCENT, fontname="NT", fontsize=11)
    _save(doc, path)


def _box_glyph_program() -> list:
    """A Type1/CFF charstring drawing a filled box (what the glyph looks like does not matter here)."""
    return [0, 600, "hsbw", 50, 0, "rmoveto", 400, 0, "rlineto", 0, 600, "rlineto", -400, 0, "rlineto",
            "closepath", "endchar"]


def _type1_program() -> tuple[bytes, int, int]:
    """A Type1 font program whose clear text names the person (FontName, FullName, FamilyName,
    Notice, a header comment); glyphs a..z are boxes. Returns (program, Length1, Length2)."""
    from fontTools.misc import eexec
    from fontTools.misc.psCharStrings import T1CharString

    def charstring(program: list) -> bytes:
        cs = T1CharString(program=program)
        cs.compile()
        return eexec.encrypt(b"\0\0\0\0" + cs.bytecode, 4330)[0]

    tag = NAME.replace(" ", "")
    clear = (f"%!PS-AdobeFont-1.0: {tag} 001.000\n%%Title: {SENTENCE}\n11 dict begin\n"
             f"/FontInfo 5 dict dup begin\n/FullName ({SENTENCE}) readonly def\n/FamilyName ({NAME}) readonly def\n"
             f"/Notice ({EMAIL} {PHONE}) readonly def\n/Weight (Medium) readonly def\nend readonly def\n"
             f"/FontName /{tag} def\n/Encoding StandardEncoding def\n/PaintType 0 def\n/FontType 1 def\n"
             "/FontMatrix [0.001 0 0 0.001 0 0] readonly def\n/FontBBox {0 0 600 600} readonly def\n"
             "currentdict end\ncurrentfile eexec\n").encode("latin-1")
    glyphs = [(".notdef", [0, 600, "hsbw", "endchar"])] + [(c, _box_glyph_program()) for c in "abcdefghijklmnopqrstuvwxyz"]
    private = (b"dup /Private 8 dict dup begin\n/RD{string currentfile exch readstring pop}executeonly def\n"
               b"/ND{noaccess def}executeonly def\n/NP{noaccess put}executeonly def\n/lenIV 4 def\n"
               b"/password 5839 def\n/MinFeature{16 16}def\n/BlueValues [] def\n"
               b"2 index /CharStrings %d dict dup begin\n" % len(glyphs))
    for name, program in glyphs:
        code = charstring(program)
        private += b"/%s %d RD " % (name.encode(), len(code)) + code + b" ND\n"
    private += b"end\nend\nreadonly put\nnoaccess put\ndup /FontName get exch definefont pop\nmark currentfile closefile\n"
    encrypted = eexec.encrypt(b"\0\0\0\0" + private, 55665)[0]
    trailer = (b"0" * 64 + b"\n") * 8 + b"cleartomark\n"
    return clear + encrypted + trailer, len(clear), len(encrypted)


def _cff_program() -> bytes:
    """A bare CFF font program named after the person, whose Notice, Copyright, FullName and
    FamilyName hold the sentence; glyphs a..z are boxes."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    glyph_order = [".notdef", *"abcdefghijklmnopqrstuvwxyz"]
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(glyph_order)
    builder.setupCharacterMap({ord(c): c for c in glyph_order[1:]})
    strings = {}
    for g in glyph_order:
        pen = T2CharStringPen(600, None)
        pen.moveTo((50, 0)), pen.lineTo((450, 0)), pen.lineTo((450, 600)), pen.lineTo((50, 600)), pen.closePath()
        strings[g] = pen.getCharString()
    tag = NAME.replace(" ", "")
    builder.setupCFF(tag, {"FullName": SENTENCE, "FamilyName": NAME, "Notice": f"{EMAIL} {PHONE}",
                           "Copyright": SENTENCE, "Weight": NAME}, strings, {})
    builder.setupHorizontalMetrics({g: (600, 50) for g in glyph_order})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "X", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    buffer = io.BytesIO()
    builder.save(buffer)
    from fontTools.ttLib import TTFont

    return TTFont(io.BytesIO(buffer.getvalue())).getTableData("CFF ")


def _simple_font_with_program(doc: pymupdf.Document, subtype: str, file_key: str, program: int) -> int:
    descriptor = _object(doc, f"<</Type/FontDescriptor/FontName/Font0/Flags 32/FontBBox[0 0 600 600]/ItalicAngle 0"
                              f"/Ascent 800/Descent -200/CapHeight 600/StemV 80/{file_key} {program} 0 R>>")
    return _object(doc, f"<</Type/Font/Subtype/{subtype}/BaseFont/Font0/FirstChar 97/LastChar 122"
                        f"/Widths[{' '.join(['600'] * 26)}]/Encoding/WinAnsiEncoding/FontDescriptor {descriptor} 0 R>>")


def _page_drawing_innocent_with(doc: pymupdf.Document, font: int, path: Path) -> None:
    page = doc[0]
    _add_resource(doc, page, "Font", "FP", font)
    _add_content(doc, page, _text_op("voortgang", 72, 500, font=b"/FP"))
    _save(doc, path)


def build_type1_program_names(path: Path) -> None:
    """An embedded Type1 font program (FontFile) whose clear text names the person."""
    program, clear, encrypted = _type1_program()
    doc = _pdf_with_sentence()
    xref = _object(doc, f"<</Length1 {clear}/Length2 {encrypted}/Length3 0>>", program)
    _page_drawing_innocent_with(doc, _simple_font_with_program(doc, "Type1", "FontFile", xref), path)


def build_cff_program_names(path: Path) -> None:
    """An embedded bare CFF font program (FontFile3 /Type1C) named after the person."""
    doc = _pdf_with_sentence()
    xref = _object(doc, "<</Subtype/Type1C>>", _cff_program())
    _page_drawing_innocent_with(doc, _simple_font_with_program(doc, "Type1", "FontFile3", xref), path)


def build_structure_keys(path: Path) -> None:
    """Keys of the specification that hold text or files and draw nothing: OPI proxies and reference
    XObjects on a form, associated files (/AF) on a form, a page, the catalog and a property list
    given directly in a page's resources, document parts (/DPartRoot) and a viewport's measure."""
    doc = _pdf_with_sentence()
    doc.save(path)
    doc.close()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        def filespec(name: str) -> pikepdf.Object:
            data = pdf.make_stream(SENTENCE.encode())
            data.Type = pikepdf.Name.EmbeddedFile
            return pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Filespec, F=pikepdf.String(f"{name}.txt"), UF=pikepdf.String(f"{name}.txt"),
                Desc=pikepdf.String(SENTENCE), EF=pikepdf.Dictionary(F=data, UF=data)))

        page = pdf.pages[0].obj
        form = pdf.make_stream(b"0 0 m 10 10 l S")
        form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 10, 10]
        form.OPI = pikepdf.Dictionary({"/2.0": pikepdf.Dictionary(
            Type=pikepdf.Name.OPI, Version=2.0, F=filespec(NAME), MainImage=pikepdf.String(f"{NAME} {EMAIL}"))})
        form.Ref = pikepdf.Dictionary(F=filespec(EMAIL), Page=pikepdf.String(NAME),
                                      ID=pikepdf.Array([pikepdf.String(EMAIL), pikepdf.String(PHONE)]))
        form.AF = pikepdf.Array([filespec(NAME)])
        page.Resources.XObject = pikepdf.Dictionary(Fx9=form)
        pdf.pages[0].contents_add(pdf.make_stream(b"q 1 0 0 1 300 300 cm /Fx9 Do Q"))
        page.AF = pikepdf.Array([filespec(EMAIL)])
        pdf.Root.AF = pikepdf.Array([filespec(PHONE)])
        page.Resources.Properties = pikepdf.Dictionary(MC9=pikepdf.Dictionary(AF=pikepdf.Array([filespec(NAME)])))
        parts = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.DPartRoot))
        part = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.DPart, Parent=parts, Start=page, End=page,
            DPM=pikepdf.Dictionary(Opsteller=pikepdf.String(NAME), Contact=pikepdf.String(f"{EMAIL} {PHONE}"))))
        parts.DPartRootNode = part
        parts.NodeNameList = pikepdf.Array([pikepdf.Name("/" + NAME.replace(" ", ""))])
        pdf.Root.DPartRoot, page.DPart = parts, part
        number = pikepdf.Dictionary(Type=pikepdf.Name.NumberFormat, U=pikepdf.String(NAME), C=1, D=1,
                                    PS=pikepdf.String(EMAIL), SS=pikepdf.String(PHONE))
        measure = pikepdf.Dictionary(Type=pikepdf.Name.Measure, Subtype=pikepdf.Name.RL, R=pikepdf.String(f"1 cm = {NAME}"),
                                     X=[number], D=[number], A=[number])
        page.VP = pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.Viewport, BBox=[0, 0, 600, 800],
                                                    Name=pikepdf.String(NAME), Measure=measure)])
        pdf.save(path)


def build_marked_content(path: Path) -> None:
    doc = _pdf_with_sentence()
    page = doc[0]
    props = _object(doc, f"<< /Auteur {_pdf_string(NAME).decode()} /Contact << /Mail ({EMAIL}) /Tel ({PHONE}) >> >>")
    _add_resource(doc, page, "Properties", "MC9", props)
    inline = f"<< /Opsteller {_pdf_string(NAME).decode()} /E ({EMAIL}) /Tel ({PHONE}) >>".encode()
    _add_content(doc, page, b"/FennaWijnberg " + inline + b" BDC /Span /MC9 BDC "
                 + _text_op(INNOCENT, 72, 400) + b" EMC EMC /Note " + inline + b" DP")
    _save(doc, path)


def _as_name(text: str) -> str:
    """``text`` as a PDF name (a space as #20), as a producer writes a name it was given."""
    return "/" + text.replace(" ", "#20")


def build_spot_colours(path: Path) -> None:
    """Spot colours named after the person: a Separation (the name as a designer's swatch), a
    DeviceN with NChannel attributes naming them again, a PostScript calculator tint transform
    whose comments hold the sentence, and a halftone named after the person."""
    doc = _pdf_with_sentence()
    page = doc[0]
    tint = _object(doc, "<< /FunctionType 4 /Domain [0 1] /Range [0 1] >>",
                   f"{{ % {SENTENCE}\n% {NAME.replace(' ', '')}\n 1 exch sub }}".encode())
    spot = _object(doc, f"[/Separation {_as_name(NAME)} /DeviceGray {tint} 0 R]")
    names = f"{_as_name(NAME.replace(' ', ''))} {_as_name(EMAIL)} {_as_name(PHONE)}"
    devicen = _object(doc, f"[/DeviceN [{names}] /DeviceCMYK << /FunctionType 2 /Domain [0 1 0 1 0 1] "
                           "/C0 [0 0 0 0] /C1 [0 0 0 1] /N 1 >> << /Subtype /NChannel /Colorants << "
                           f"{_as_name(NAME.replace(' ', ''))} {spot} 0 R >> /MixingHints << /PrintingOrder [{names}] "
                           f"/Solidities << {_as_name(EMAIL)} 0.5 >> >> >>]")
    halftone = _object(doc, "<< /Type /ExtGState /HT << /Type /Halftone /HalftoneType 1 /Frequency 60 /Angle 45 "
                            f"/SpotFunction /Round /HalftoneName {_as_name(NAME)} >> >>")
    _add_resource(doc, page, "ColorSpace", "CS1", spot)
    _add_resource(doc, page, "ColorSpace", "CS2", devicen)
    _add_resource(doc, page, "ExtGState", "GS1", halftone)
    _add_content(doc, page, b"/GS1 gs /CS1 cs 1 scn 72 300 100 20 re f /CS2 cs 0.5 0.5 0.5 scn 72 330 100 20 re f")
    _save(doc, path)


def build_tounicode_named(path: Path) -> None:
    """An embedded font named after the person (a handwriting font), whose ToUnicode map is named
    after it as pdfTeX names one ("TeX-<font>-0", in its name and its title comment)."""
    doc = _pdf_with_sentence()
    page = doc[0]
    page.insert_font(fontname="HS", fontbuffer=pymupdf.Font("tiro").buffer)
    page.insert_text((72, 200), INNOCENT, fontname="HS", fontsize=11)
    tag = f"TeX-{NAME.replace(' ', '')}-0".encode()
    for xref, *_, resource, _ in page.get_fonts():
        if resource == "HS":
            doc.xref_set_key(xref, "BaseFont", "/" + NAME.replace(" ", ""))
            cmap = int(doc.xref_get_key(xref, "ToUnicode")[1].split()[0])
            data = re.sub(rb"/CMapName\s*/\S+", b"/CMapName /" + tag, doc.xref_stream(cmap))
            doc.update_stream(cmap, b"%!PS-Adobe-3.0 Resource-CMap\n%%BeginResource: CMap (" + tag + b")\n%%Title: ("
                              + tag + b" " + NAME.replace(" ", "").encode() + b" 0)\n" + data)
    _save(doc, path)


def build_page_label_names(path: Path) -> None:
    """Page labels whose dictionaries carry a producer's own keys, with names spelling the data."""
    doc = _pdf_with_sentence(pages=2)
    _hide(doc, "PageLabels", f"<< /Nums [0 << /S /D /Opsteller {_as_name(NAME)} /Contact [{_as_name(EMAIL)} "
                             f"{_as_name(PHONE)}] >> 1 << /S /r {_as_name(NAME.replace(' ', ''))} true >>] >>")
    _save(doc, path)



def build_xobject_names(path: Path) -> None:
    """An image and a form XObject carrying the obsolete /Name of PDF 1.0, named after the person (as a
    tool names a picture after its file)."""
    doc = _pdf_with_sentence()
    page = doc[0]
    image = _object(doc, f"<< /Type /XObject /Subtype /Image /Name {_as_name(NAME)} /Width 2 /Height 1 "
                         "/ColorSpace /DeviceGray /BitsPerComponent 8 >>", b"\x80\x40")
    form = _object(doc, f"<< /Type /XObject /Subtype /Form /Name {_as_name(NAME.replace(' ', '_'))} "
                        "/BBox [0 0 100 100] >>", b"0 0 10 10 re f")
    _add_resource(doc, page, "XObject", "Im9", image)
    _add_resource(doc, page, "XObject", "Fm9", form)
    _add_content(doc, page, b"q 50 0 0 20 72 300 cm /Im9 Do Q q 1 0 0 1 72 400 cm /Fm9 Do Q")
    _save(doc, path)


def build_palette_text(path: Path) -> None:
    """An indexed image whose colour table (/Indexed lookup string) spells the name in UTF-16, without a
    byte-order mark: a colour table draws, so it is kept as it is."""
    doc = _pdf_with_sentence()
    table = (NAME.encode("utf-16-le") + bytes(30))[:30]
    image = _object(doc, "<< /Type /XObject /Subtype /Image /Width 4 /Height 1 /BitsPerComponent 8 "
                         f"/ColorSpace [/Indexed /DeviceRGB 9 <{table.hex()}>] >>", bytes(range(4)))
    _add_resource(doc, doc[0], "XObject", "Im9", image)
    _add_content(doc, doc[0], b"80 0 0 20 72 300 cm /Im9 Do")
    _save(doc, path)

# -- visible text that is not read as the words a reader sees -----------------------------------------

BSN = "123456782"  # passes the eleven test; invented
IBAN_SPACED = "nl91 abna 0417 1643 00"
PHONE_DOTS = "06.48.29.17.30"
EMAIL_SPELLED = "f.wijnberg [at] minjenv [dot] nl"
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian fonts-dejavu-core


def _glyph_ops(text: str, x: float, y: float, order: str, size: float = 11) -> bytes:
    """Each glyph of ``text`` placed on its own with Tm, written in ``order`` (reversed, shuffled)."""
    placed, pos = [], x
    for ch in text:
        placed.append(b"1 0 0 1 %.2f %.2f Tm " % (pos, y) + _pdf_string(ch) + b" Tj")
        pos += pymupdf.get_text_length(ch, "helv", size)
    if order == "reversed":
        placed.reverse()
    else:  # a fixed shuffle: every glyph away from its neighbours in the stream
        placed = placed[::3] + placed[1::3] + placed[2::3]
        placed = placed[::2] + placed[1::2]
    return b"BT /F9 %g Tf " % size + b" ".join(placed) + b" ET"


def build_glyphs_shuffled(path: Path) -> None:
    doc = _doc(INNOCENT)
    _add_content(doc, doc[0], _glyph_ops(SENTENCE, 72, 700, "shuffled"))
    _save(doc, path)


def build_glyphs_reversed(path: Path) -> None:
    doc = _doc(INNOCENT)
    _add_content(doc, doc[0], _glyph_ops(SENTENCE, 72, 700, "reversed"))
    _save(doc, path)


def build_letter_spaced(path: Path) -> None:
    doc = _doc(INNOCENT)
    _add_content(doc, doc[0], b"BT /F9 10 Tf 3 Tc 40 650 Td " + _pdf_string(SENTENCE) + b" Tj ET")
    _save(doc, path)


def build_spaced_capitals(path: Path) -> None:
    doc = _doc(INNOCENT, f"Telefoon {PHONE}, e-mail {EMAIL}")
    spaced = " ".join(NAME.upper()).replace("   ", "   ")  # "F E N N A   W I J N B E R G"
    doc[0].insert_text((72, 50), spaced, fontsize=9)
    _save(doc, path)


def build_rotated_lines(path: Path) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    page.insert_text((40, 700), SENTENCE, fontsize=9, rotate=90)
    page.insert_text((560, 150), SENTENCE, fontsize=9, rotate=270)
    c, s_ = 0.1736, 0.9848  # 80 degrees
    _add_content(doc, page, b"BT /F9 9 Tf %.4f %.4f %.4f %.4f 300 120 Tm " % (c, s_, -s_, c) + _pdf_string(SENTENCE)
                 + b" Tj ET")
    _save(doc, path)


def _unicode_page(text: str) -> pymupdf.Document:
    doc = _doc(INNOCENT)
    page = doc[0]
    page.insert_font(fontname="U", fontfile=str(UNICODE_FONT))
    page.insert_text((72, 140), text, fontname="U", fontsize=11)
    return doc


def build_invisible_characters(path: Path) -> None:
    doc = _unicode_page(f"Contactpersoon: Fen\u200bna Wijn\u00adberg, e-mail f.wijn\u200dberg@minjenv.nl, "
                        f"telefoon 06-4829\u20601730")
    _save(doc, path)


def build_homoglyphs(path: Path) -> None:
    doc = _unicode_page("Contactpersoon: F\u0435nn\u0430 Wijnb\u0435rg, e-mail f.wijnb\u0435rg@minj\u0435nv.nl")
    _save(doc, path)


def build_table_cells(path: Path) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    rows = [("Naam", NAME), ("BSN", BSN), ("Rekening", IBAN_SPACED), ("Telefoon", PHONE_DOTS)]
    for n, (label, value) in enumerate(rows):
        y = 200 + 20 * n
        page.draw_rect(pymupdf.Rect(70, y - 14, 200, y + 6))
        page.draw_rect(pymupdf.Rect(200, y - 14, 420, y + 6))
        page.insert_text((74, y), label, fontsize=10)
        page.insert_text((204, y), value, fontsize=10)
    _save(doc, path)


def build_spelled_email(path: Path) -> None:
    doc = _doc(INNOCENT, f"Vragen kunt u sturen naar {EMAIL_SPELLED}.")
    _save(doc, path)


def _tounicode_cmap(doc: pymupdf.Document, meaning: dict[int, str]) -> int:
    pairs = "\n".join(f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>" for code, text in meaning.items())
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /W def "
            "1 begincodespacerange <00> <FF> endcodespacerange "
            f"{len(meaning)} beginbfchar\n{pairs}\nendbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    return _object(doc, "<<>>", cmap.encode())


def _lying_font(doc: pymupdf.Document, say) -> int:
    """Helvetica whose ToUnicode map says ``say(char)`` for every character it draws."""
    meaning = {code: say(chr(code)) for code in range(32, 127)}
    return _object(doc, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
                        f"/ToUnicode {_tounicode_cmap(doc, meaning)} 0 R >>")


def _page_with_lying_font(path: Path, say) -> None:
    doc = _doc(INNOCENT)
    page = doc[0]
    _add_resource(doc, page, "Font", "F8", _lying_font(doc, say))
    _add_content(doc, page, _text_op(SENTENCE, 72, 650, font=b"/F8"))
    _save(doc, path)


def _rot13(ch: str) -> str:
    if ch.isascii() and ch.isalpha():
        base = ord("a") if ch.islower() else ord("A")
        return chr(base + (ord(ch) - base + 13) % 26)
    return ch


def build_tounicode_rot13(path: Path) -> None:
    _page_with_lying_font(path, _rot13)


def build_tounicode_private_use(path: Path) -> None:
    _page_with_lying_font(path, lambda ch: chr(0xE000 + ord(ch)))


def build_full_width(path: Path) -> None:
    """Digits and e-mail that the text layer gives as full-width forms (the glyphs are plain)."""
    doc = _doc(INNOCENT)
    page = doc[0]
    _add_resource(doc, page, "Font", "F8", _lying_font(doc, lambda ch: chr(ord(ch) + 0xFEE0) if ch.isalnum() or ch in "@.-" else ch))
    _add_content(doc, page, _text_op(f"Telefoon {PHONE}, e-mail {EMAIL}", 72, 650, font=b"/F8"))
    _save(doc, path)


def build_iban_grouping(path: Path) -> None:
    doc = _doc(INNOCENT, f"Rekeningnummer van {NAME}: NL9 1ABN A04 1716 4300.")
    _save(doc, path)


def build_user_unit(path: Path) -> None:
    doc = _doc(INNOCENT, SENTENCE)
    doc.xref_set_key(doc[0].xref, "UserUnit", "2")
    _save(doc, path)


# -- pictures of text on a page that also has a text layer -------------------------------------------------


def _text_picture(text: str, height: float = 11, dpi: int = 200) -> pymupdf.Pixmap:
    """A grey picture of ``text`` in one line, as a screenshot holds it."""
    width = pymupdf.get_text_length(text, "helv", height) + 4
    scratch = pymupdf.open()
    page = scratch.new_page(width=width, height=height * 1.3)
    page.insert_text((2, height), text, fontsize=height)
    return page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)


def _image_object(doc: pymupdf.Document, pix: pymupdf.Pixmap, mask: bool = False) -> int:
    if not mask:
        return _object(doc, f"<< /Type /XObject /Subtype /Image /Width {pix.width} /Height {pix.height} "
                            "/ColorSpace /DeviceGray /BitsPerComponent 8 >>", bytes(pix.samples))
    rows = []
    for y in range(pix.height):  # 1 bit a pixel; 0 paints with the fill colour
        row = pix.samples[y * pix.stride: y * pix.stride + pix.width]
        bits = "".join("0" if v < 128 else "1" for v in row)
        bits += "1" * (-len(bits) % 8)
        rows.append(int(bits, 2).to_bytes(len(bits) // 8, "big"))
    return _object(doc, f"<< /Type /XObject /Subtype /Image /Width {pix.width} /Height {pix.height} "
                        "/ImageMask true /BitsPerComponent 1 >>", b"".join(rows))


def _picture_rect(pix: pymupdf.Pixmap, y: float, height: float = 14.3) -> pymupdf.Rect:
    return pymupdf.Rect(72, y, 72 + height * pix.width / pix.height, y + height)


def build_screenshot_line(path: Path) -> None:
    doc = _doc(INNOCENT)
    pix = _text_picture(SENTENCE)
    doc[0].insert_image(_picture_rect(pix, 300), pixmap=pix)
    _save(doc, path)


def build_faint_screenshot(path: Path) -> None:
    """The screenshot line in yellow on white: grey 229 on 255, less contrast than a stroke needed."""
    doc = _doc(INNOCENT)
    width = pymupdf.get_text_length(SENTENCE, "helv", 11) + 4
    scratch = pymupdf.open()
    src = scratch.new_page(width=width, height=11 * 1.3)
    src.insert_text((2, 11), SENTENCE, fontsize=11, color=(1, 0.9, 0))
    pix = src.get_pixmap(dpi=200, colorspace=pymupdf.csRGB)
    doc[0].insert_image(_picture_rect(pix, 300), pixmap=pix)
    _save(doc, path)


LIGHT_GREY = 185 / 255  # a greyed-out form field's value, a mail client's "Van:" line: lighter than Otsu keeps


def _two_tone_lines(page: pymupdf.Page, x: float, y: float, size: float = 11) -> None:
    """Black labels, each followed by its value in light grey, as a mail client or a form shows them."""
    for n, (label, value) in enumerate([("Van:", NAME), ("Telefoon:", PHONE), ("E-mail:", EMAIL)]):
        base = y + n * size * 1.6
        page.insert_text((x, base), label, fontsize=size)
        page.insert_text((x + 5.5 * size, base), value, fontsize=size, color=(LIGHT_GREY,) * 3)


def build_two_tone_screenshot(path: Path) -> None:
    """A screenshot of a mail header: the labels black, the name, phone and e-mail in grey 185 on white.
    Tesseract thresholds the whole picture once (Otsu): the black is kept, the grey falls to the paper."""
    doc = _doc(INNOCENT)
    scratch = pymupdf.open()
    src = scratch.new_page(width=260, height=74)
    src.insert_text((4, 12), "Onderwerp: voortgang beleidsnota", fontsize=11)
    _two_tone_lines(src, 4, 12 + 11 * 1.6)
    pix = src.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    doc[0].insert_image(pymupdf.Rect(72, 300, 72 + 260, 300 + 74), pixmap=pix)
    _save(doc, path)


def _save_scan(pix: pymupdf.Pixmap, path: Path) -> None:
    """``pix`` (rendered at 200 dpi) published alone as an image-only page of its own size: a scan."""
    doc = pymupdf.open()
    doc.new_page(width=pix.width * 72 / 200, height=pix.height * 72 / 200).insert_image(
        pymupdf.Rect(0, 0, pix.width * 72 / 200, pix.height * 72 / 200), pixmap=pix)
    _save(doc, path)


def build_two_tone_scan(path: Path) -> None:
    """A scanned form: black printed text and labels, the filled-in values in grey 185 (a whole-page picture)."""
    src = pymupdf.open()
    page = src.new_page()
    for n, line in enumerate(["Aanvraagformulier", "", INNOCENT, "Gegevens van de contactpersoon:"]):
        page.insert_text((72, 100 + 18 * n), line, fontsize=11)
    _two_tone_lines(page, 72, 100 + 18 * 5)
    page.insert_text((72, 100 + 18 * 9), "Dit formulier is volledig ingevuld en ondertekend.", fontsize=11)
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    _save_scan(pix, path)


NAVY = (0.1, 0.15, 0.35)  # a title bar, a slide's footer band
NEAR_BLACK = 30 / 255  # a mail client in dark mode: its background ...
PALE_GREY = 200 / 255  # ... and its text


def _banner_lines(page: pymupdf.Page, x: float, y: float, width: float, size: float = 11,
                  fill=NAVY, ink=(1, 1, 1)) -> None:
    """A dark band holding the contact person in light letters: name, then phone and e-mail."""
    page.draw_rect(pymupdf.Rect(x, y, x + width, y + size * 4.2), color=None, fill=fill)
    page.insert_text((x + 6, y + size * 1.5), f"Contactpersoon: {NAME}", fontsize=size, color=ink)
    page.insert_text((x + 6, y + size * 3.2), f"{PHONE}  |  {EMAIL}", fontsize=size, color=ink)


def build_banner_screenshot(path: Path) -> None:
    """A screenshot of a message: black body text on white under a navy title bar whose white letters
    hold the contact person's name, phone and e-mail."""
    doc = _doc(INNOCENT)
    scratch = pymupdf.open()
    src = scratch.new_page(width=300, height=110)
    _banner_lines(src, 0, 0, 300)
    for n, line in enumerate(["Onderwerp: voortgang beleidsnota", "De nota is besproken in het overleg.",
                              "Het vervolg volgt na de zomer."]):
        src.insert_text((6, 66 + 15 * n), line, fontsize=11)
    pix = src.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    doc[0].insert_image(pymupdf.Rect(72, 300, 72 + 300, 300 + 110), pixmap=pix)
    _save(doc, path)


def build_dark_mode_screenshot(path: Path) -> None:
    """A screenshot of a mail client in dark mode: every line grey 200 on grey 30."""
    doc = _doc(INNOCENT)
    scratch = pymupdf.open()
    src = scratch.new_page(width=300, height=80)
    src.draw_rect(src.rect, color=None, fill=(NEAR_BLACK,) * 3)
    for n, line in enumerate(["Onderwerp: voortgang beleidsnota", f"Van: {NAME}", f"Telefoon: {PHONE}",
                              f"E-mail: {EMAIL}"]):
        src.insert_text((6, 16 + 17 * n), line, fontsize=11, color=(PALE_GREY,) * 3)
    pix = src.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    doc[0].insert_image(pymupdf.Rect(72, 300, 72 + 300, 300 + 80), pixmap=pix)
    _save(doc, path)


def _dark_field_lines(page: pymupdf.Page, x: float, y: float, size: float = 11) -> None:
    """Black labels on white, each value beside it in white on a navy field on the same line."""
    for n, (label, value) in enumerate([("Contactpersoon:", NAME), ("Telefoon:", PHONE), ("E-mail:", EMAIL)]):
        base = y + n * size * 1.6
        page.insert_text((x, base), label, fontsize=size)
        width = pymupdf.get_text_length(value, "helv", size)
        page.draw_rect(pymupdf.Rect(x + 94, base - size, x + 102 + width, base + 4), color=None, fill=NAVY)
        page.insert_text((x + 98, base), value, fontsize=size, color=(1, 1, 1))


def build_dark_fields_screenshot(path: Path) -> None:
    """A screenshot of a form: each label in black on white, its value in white on a navy field on the
    same line (Tesseract's binarisation makes the field ink and the value's letters paper)."""
    doc = _doc(INNOCENT)
    scratch = pymupdf.open()
    src = scratch.new_page(width=320, height=90)
    src.insert_text((6, 14), "Onderwerp: voortgang beleidsnota", fontsize=11)
    _dark_field_lines(src, 6, 32)
    pix = src.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    doc[0].insert_image(pymupdf.Rect(72, 300, 72 + 320, 300 + 90), pixmap=pix)
    _save(doc, path)


def build_dark_fields_scan(path: Path) -> None:
    """A scanned form (a whole-page picture): black print, the values in white on navy fields."""
    src = pymupdf.open()
    page = src.new_page()
    for n, line in enumerate(["Aanvraagformulier", "", INNOCENT, "Gegevens van de contactpersoon:"]):
        page.insert_text((72, 100 + 18 * n), line, fontsize=11)
    _dark_field_lines(page, 72, 100 + 18 * 5)
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    _save_scan(pix, path)


def build_banner_scan(path: Path) -> None:
    """A scanned letter (a whole-page picture): black print on white, the contact person in white on
    a navy band at its foot."""
    src = pymupdf.open()
    page = src.new_page()
    for n, line in enumerate(["Geachte heer De Boer,", "", INNOCENT, "Met vriendelijke groet,", "",
                              "De directie"]):
        page.insert_text((72, 100 + 18 * n), line, fontsize=11)
    _banner_lines(page, 72, 260, page.rect.width - 144)
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    _save_scan(pix, path)


def build_image_strips(path: Path) -> None:
    doc = _doc(INNOCENT)
    pix = _text_picture(SENTENCE)
    rect, strips = _picture_rect(pix, 300), 5
    step = pix.height // strips + 1
    for n in range(strips):
        top = n * step
        bottom = min(pix.height, top + step)
        part = pymupdf.Pixmap(pix, pix.width, pix.height, pymupdf.IRect(0, top, pix.width, bottom))
        y0 = rect.y0 + rect.height * top / pix.height
        y1 = rect.y0 + rect.height * bottom / pix.height
        doc[0].insert_image(pymupdf.Rect(rect.x0, y0, rect.x1, y1), pixmap=part)
    _save(doc, path)


def build_stencil_mask(path: Path, paint: bytes = b"0") -> None:
    """The screenshot as a 1-bit stencil mask, painted in grey level ``paint`` (black by default)."""
    doc = _doc(INNOCENT)
    page = doc[0]
    pix = _text_picture(SENTENCE)
    rect = _picture_rect(pix, 300)
    _add_resource(doc, page, "XObject", "Im7", _image_object(doc, pix, mask=True))
    h = page.rect.height
    _add_content(doc, page, paint + b" g %.2f 0 0 %.2f %.2f %.2f cm /Im7 Do" % (rect.width, rect.height, rect.x0, h - rect.y1))
    _save(doc, path)


def _masked_picture(doc: pymupdf.Document, pix: pymupdf.Pixmap, mask: str, samples: bytes) -> int:
    return _object(doc, f"<< /Type /XObject /Subtype /Image /Width {pix.width} /Height {pix.height} "
                        f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Mask {mask} >>", samples)


def _draw_picture(doc: pymupdf.Document, page: pymupdf.Page, image: int, rect: pymupdf.Rect) -> None:
    _add_resource(doc, page, "XObject", "Im7", image)
    h = page.rect.height
    _add_content(doc, page, b"%.2f 0 0 %.2f %.2f %.2f cm /Im7 Do" % (rect.width, rect.height, rect.x0, h - rect.y1))


def build_explicit_mask(path: Path) -> None:
    """An all-black picture whose explicit /Mask (a 1-bit stencil image) holds the letters."""
    doc = _doc(INNOCENT)
    pix = _text_picture(SENTENCE)
    stencil = _image_object(doc, pix, mask=True)
    _draw_picture(doc, doc[0], _masked_picture(doc, pix, f"{stencil} 0 R", bytes(pix.width * pix.height)),
                  _picture_rect(pix, 300))
    _save(doc, path)


def build_colour_key(path: Path) -> None:
    """Ink 0 and paper 1 (both black to the eye) with a colour key (/Mask [1 1]) masking the paper:
    a transparent PNG whose background colour is black, as converters write one."""
    doc = _doc(INNOCENT)
    pix = _text_picture(SENTENCE)
    _draw_picture(doc, doc[0], _masked_picture(doc, pix, "[1 1]", bytes(0 if v < 128 else 1 for v in pix.samples)),
                  _picture_rect(pix, 300))
    _save(doc, path)


def build_hidden_pictures(path: Path) -> None:
    """The screenshot of the sentence drawn where the page does not show it, one way a page: covered
    by a white rectangle, placed off the page, at opacity 0. An image extractor (pdfimages) takes
    it out whole."""
    doc = _doc(INNOCENT, pages=3)
    pix = _text_picture(SENTENCE)
    rect = _picture_rect(pix, 300)
    h = doc[0].rect.height
    place = b"%.2f 0 0 %.2f %%.2f %.2f cm /Im7 Do" % (rect.width, rect.height, h - rect.y1)
    covered = b"q " + place % rect.x0 + b" Q 1 g %.2f %.2f %.2f %.2f re f" % (rect.x0, h - rect.y1, rect.width, rect.height)
    off_page = place % (doc[0].rect.width + 100)
    invisible = b"/G0 gs " + place % rect.x0
    for page, content in zip(doc, (covered, off_page, invisible)):
        _add_resource(doc, page, "XObject", "Im7", _image_object(doc, pix))
        _add_resource(doc, page, "ExtGState", "G0", _object(doc, "<< /Type /ExtGState /ca 0 /CA 0 >>"))
        _add_content(doc, page, content)
    _save(doc, path)


def build_white_stencil(path: Path) -> None:
    """The screenshot as a 1-bit stencil mask painted white on the white page: an image extractor
    shows the letters black on white."""
    build_stencil_mask(path, paint=b"1")


def build_tiny_picture(path: Path) -> None:
    """The full-resolution screenshot placed 4 points high: a reader zooms in, an extractor takes it whole."""
    doc = _doc(INNOCENT)
    pix = _text_picture(SENTENCE)
    _draw_picture(doc, doc[0], _image_object(doc, pix), _picture_rect(pix, 300, height=4))
    _save(doc, path)


def build_transparent_picture(path: Path) -> None:
    """The screenshot with a soft mask of one transparent pixel: drawn, and shows nothing."""
    doc = _doc(INNOCENT)
    pix = _text_picture(SENTENCE)
    clear = _object(doc, "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                         "/BitsPerComponent 8 >>", b"\x00")
    image = _object(doc, f"<< /Type /XObject /Subtype /Image /Width {pix.width} /Height {pix.height} "
                          f"/ColorSpace /DeviceGray /BitsPerComponent 8 /SMask {clear} 0 R >>", bytes(pix.samples))
    _draw_picture(doc, doc[0], image, _picture_rect(pix, 300))
    _save(doc, path)


def build_shared_image(path: Path) -> None:
    doc = _doc(INNOCENT, pages=2)
    pix = _text_picture(SENTENCE)
    xref = doc[0].insert_image(_picture_rect(pix, 300), pixmap=pix)
    doc[1].insert_image(_picture_rect(pix, 500), xref=xref)  # the same image object on page 2
    _save(doc, path)


def build_text_as_outlines(path: Path) -> None:
    scratch = pymupdf.open()
    page = scratch.new_page(width=500, height=40)
    page.insert_text((5, 25), SENTENCE, fontsize=11)
    svg = page.get_svg_image(text_as_path=True)
    outlines = pymupdf.open(stream=svg.encode(), filetype="svg")
    drawing = pymupdf.open("pdf", outlines.convert_to_pdf())
    doc = _doc(INNOCENT)
    doc[0].show_pdf_page(pymupdf.Rect(72, 300, 572, 340), drawing, 0)
    _save(doc, path)


def build_type3_drawing_text(path: Path) -> None:
    """A Type3 font whose glyph procedures draw letters with Helvetica; its ToUnicode says 'x' for each."""
    doc = _doc(INNOCENT)
    page = doc[0]
    codes = sorted(set(SENTENCE))
    helvetica = _helvetica(doc)
    procs = {ch: _object(doc, "<<>>", b"%d 0 d0 BT /H 1000 Tf 0 0 Td " % (pymupdf.get_text_length(ch, "helv", 1000))
                         + _pdf_string(ch) + b" Tj ET") for ch in codes}
    widths = " ".join(str(int(pymupdf.get_text_length(chr(c), "helv", 1000))) if chr(c) in procs else "0"
                      for c in range(32, 127))
    cmap = _tounicode_cmap(doc, {ord(ch): "x" for ch in codes})
    font = _object(doc, "<< /Type /Font /Subtype /Type3 /FontBBox [0 -200 1000 800] /FontMatrix [0.001 0 0 0.001 0 0] "
                        f"/CharProcs << {' '.join(f'/g{ord(c)} {x} 0 R' for c, x in procs.items())} >> "
                        f"/Encoding << /Type /Encoding /Differences [{' '.join(f'{ord(c)} /g{ord(c)}' for c in codes)}] >> "
                        f"/FirstChar 32 /LastChar 126 /Widths [{widths}] /Resources << /Font << /H {helvetica} 0 R >> >> "
                        f"/ToUnicode {cmap} 0 R >>")
    _add_resource(doc, page, "Font", "T3", font)
    _add_content(doc, page, _text_op(SENTENCE, 72, 500, font=b"/T3"))
    _save(doc, path)


def build_scan_upside_down(path: Path) -> None:
    """A letter scanned upside down: an image-only page whose text stands turned 180 degrees."""
    src = pymupdf.open()
    page = src.new_page()
    for n, line in enumerate(["Geachte heer De Boer,", "", INNOCENT, f"Voor vragen: {SENTENCE}.", "",
                              "Met vriendelijke groet,", "", NAME]):
        page.insert_text((72, 100 + 18 * n), line, fontsize=11)
    page.set_rotation(180)
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    _save_scan(pix, path)


# -- size ----------------------------------------------------------------------------

BIG_PAGES = 2000


def build_many_pages(path: Path) -> None:
    doc = pymupdf.open()
    for n in range(BIG_PAGES):
        page = doc.new_page()
        page.insert_text((72, 90), f"Bijlage bij de voortgangsrapportage, pagina {n + 1}.", fontsize=11)
        if n % 400 == 399:
            page.insert_text((72, 110), SENTENCE, fontsize=11)
    _save(doc, path, garbage=1, deflate=True)


def _big_image_page(doc: pymupdf.Document, side: int, bits: int = 8) -> pymupdf.Page:
    page = doc.new_page()
    row = b"\x00" + b"\xff" * (side * bits // 8)  # PNG predictor byte + a white row
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    image = _object(
        doc,
        f"<< /Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceGray "
        f"/BitsPerComponent {bits} /Filter /FlateDecode "
        f"/DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent {bits} /Columns {side} >> >>",
    )
    doc.update_stream(image, data, new=True, compress=False)
    doc.xref_set_key(image, "Filter", "/FlateDecode")
    _add_resource(doc, page, "XObject", "Im1", image)
    _add_content(doc, page, b"q 500 0 0 700 50 50 cm /Im1 Do Q " + _text_op(SENTENCE, 72, 600))
    return page


def build_100_megapixels(path: Path) -> None:
    doc = pymupdf.open()
    _big_image_page(doc, 10_000)
    _save(doc, path)


def build_too_many_pixels(path: Path) -> None:
    doc = pymupdf.open()
    _big_image_page(doc, 20_000, bits=1)  # 400 megapixels
    _save(doc, path)


def build_nested_graphics_states(path: Path) -> None:
    doc = _doc(INNOCENT)
    depth = 100_000
    _add_content(doc, doc[0], b"q " * depth + _text_op(SENTENCE, 72, 600) + b" Q" * depth)
    _save(doc, path)


def build_nested_forms(path: Path) -> None:
    doc = _doc(INNOCENT)
    font = _helvetica(doc)
    inner = _object(
        doc,
        f"<< /Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /Font << /F9 {font} 0 R >> >> >>",
        _text_op(SENTENCE, 72, 600),
    )
    for _ in range(1000):
        inner = _object(
            doc,
            f"<< /Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /XObject << /X {inner} 0 R >> >> >>",
            b"q /X Do Q",
        )
    _add_resource(doc, doc[0], "XObject", "X", inner)
    _add_content(doc, doc[0], b"/X Do")
    _save(doc, path)


# -- the cases -------------------------------------------------------------------------

E, D, H, C, S = "Encrypted", "Damaged", "Hidden text and history", "Carried data", "Size"
AS_SCAN = "read as a scan: the page published as its picture, pixels redacted, the OCR words as its text layer"


def _disagreeing(name: str) -> Callable[[Path], None]:
    """A builder of disagreeing.py (imported when called: that module imports from this one)."""
    def build(path: Path) -> None:
        import disagreeing

        getattr(disagreeing, name)(path)
    return build


# measured: white (or grey 200) letters on fields of grey 30 to 170, on a line of their own, were read
INVERTED_BY_TESSERACT = "read by OCR (Tesseract reads a line of light letters on dark inverted by itself), redacted"
N = "Not page content (value also visible)"
V = "Visible text read otherwise"
R = "Refusals that can be publications"
P = "Pictures of text beside a text layer"

CASES: list[Case] = [
    Case("versleuteld-wachtwoord.pdf", E, "user password, given in the password file", PUBLISHED,
         "opened with the password; published without encryption", password=PASSWORD, build=build_user_password),
    Case("versleuteld-eigenaar.pdf", E, "owner password only (permissions: print only)", PUBLISHED,
         "published without encryption, with a warning that the restrictions were lifted", build=build_owner_only),
    Case("versleuteld-onbekend.pdf", E, "user password nobody gave", REFUSED,
         "encrypted PDF: needs a password (use --password or --password-file)", reason="needs a password",
         build=build_unknown_password),
    Case("versleuteld-fout-wachtwoord.pdf", E, "user password, wrong one in the password file", REFUSED,
         "encrypted PDF: the password given does not open it", reason="does not open it", password="fout",
         build=build_unknown_password),
    Case("afgekapt.pdf", D, "truncated (the last 40 % missing)", REFUSED,
         "truncated PDF (no %%EOF end marker): ask for a complete copy", reason="truncated", build=build_truncated),
    Case("kapotte-xref.pdf", D, "every cross-reference offset wrong", PUBLISHED,
         "MuPDF rebuilds the table, nothing is lost; published with a warning", build=build_broken_xref),
    Case("kapotte-stream.pdf", D, "page content with corrupted compressed data", REFUSED,
         "damaged PDF: page 1: (the MuPDF error)", reason="damaged PDF", build=build_corrupt_stream),
    Case("bladwijzer-naar-niets.pdf", D, "bookmarks pointing at a page object the file does not hold (an excerpt)",
         PUBLISHED, "the bookmarks go, as every outline does; nothing on the pages is lost",
         build=build_dangling_bookmark),
    Case("icc-profiel-verkeerd.pdf", D, "an image's ICC profile with another number of channels than its colour space",
         PUBLISHED, "MuPDF draws the image in the alternate colour space; nothing is lost", build=build_icc_profile_wrong_channels),
    Case("geen-paginas.pdf", D, "zero pages (Info carries a name)", REFUSED, "PDF has no pages",
         reason="no pages", build=build_zero_pages),
    Case("geen-pdf.pdf", D, "a text file named .pdf", REFUSED, "not a PDF (no %PDF header)", reason="not a PDF",
         build=build_not_a_pdf),
    Case("leeg.pdf", D, "an empty file", REFUSED, "empty file", reason="empty file", build=build_empty),
    Case("zip-met-pdf.pdf", D, "a ZIP archive holding a PDF, named .pdf", REFUSED,
         "a ZIP archive, not a PDF: unpack it and add the PDFs inside", reason="ZIP archive", build=build_zip),
    Case("eerdere-versie.pdf", H, "incremental update; the earlier revision holds the text", PUBLISHED,
         "saved as a full rewrite: the earlier revision is gone", build=build_earlier_revision),
    Case("verborgen-laag.pdf", H, "text in a hidden optional-content layer named after the person", PUBLISHED,
         "every layer shown, the text detected and redacted, layer names dropped", build=build_hidden_layer),
    Case("verborgen-laag-eigen-lijst.pdf", H, "the same, the page's property list an indirect object", PUBLISHED,
         "as above: the layer is shown through the list it stands in", build=build_hidden_layer_indirect_properties),
    Case("onzichtbare-tekst.pdf", H, "invisible text (render mode 3)", PUBLISHED, "detected and redacted like visible text",
         build=build_invisible),
    Case("wit-op-wit.pdf", H, "white text on white", PUBLISHED, "detected and redacted like visible text",
         build=build_white_on_white),
    Case("tekst-onder-afbeelding.pdf", H, "text under an image", PUBLISHED,
         "detected and redacted; the image is blanked under the box", build=build_under_image),
    Case("buiten-cropbox.pdf", H, "text outside the crop box and outside the media box", PUBLISHED,
         "extracted with an unbounded clip, detected and redacted", build=build_outside_crop),
    Case("form-xobjects.pdf", H, "text in a drawn form XObject, and in one listed but never drawn", PUBLISHED,
         "drawn text redacted inside the form; the undrawn form dropped with the unused resources",
         build=build_form_xobjects),
    Case("tegelpatroon.pdf", H, "text inside a tiling pattern", REFUSED,
         "text inside a tiling pattern, which woopub cannot redact", reason="tiling pattern", build=build_tiling_pattern),
    Case("ligaturen.pdf", H, "name and e-mail with fi ligatures", PUBLISHED,
         "ligatures read as their letters, detected and redacted", planted=("Sofie Wijnberg", "sofie.wijnberg@minjenv.nl"),
         build=build_ligatures),
    Case("ligatuur-tounicode.pdf", H, "one glyph mapped to two letters (fi) by ToUnicode, as TeX writes it",
         PUBLISHED, "both letters read, detected and redacted", planted=("Sofie Wijnberg", "sofie.wijnberg@minjenv.nl"),
         build=build_tounicode_ligature),
    Case("type3-zonder-tounicode.pdf", H, "Type3 font without ToUnicode", REFUSED,
         "text cannot be read on page(s) 1 (Type3 font without ToUnicode): needs OCR", reason="needs OCR",
         build=build_type3),
    Case("type3-met-tounicode.pdf", H, "Type3 font with a ToUnicode map", PUBLISHED, "read through ToUnicode, redacted",
         build=build_type3_with_tounicode),
    Case("eigen-codering.pdf", H, "custom encoding: glyph names no reader knows, no ToUnicode", PUBLISHED,
         "glyphs without a Unicode meaning: the page read by OCR and redacted as a scan", build=build_custom_encoding),
    Case("cid-zonder-tounicode.pdf", H, "CID font (Identity-H) without ToUnicode", PUBLISHED,
         "glyphs without a Unicode meaning: the page read by OCR and redacted as a scan",
         build=build_cid_without_tounicode),
    Case("actualtext.pdf", H, "marked content whose /ActualText and /Alt hold the data", PUBLISHED,
         "alternate texts dropped before extraction", build=build_actualtext),
    Case("nul-grootte.pdf", H, "text drawn at font size 0", REFUSED,
         "text drawn at zero size, which cannot be located for redaction", reason="zero size", build=build_zero_size),
    Case("annotaties.pdf", C, "sticky note, free text, stamp, highlight with comment and popup, ink, file attachment, "
         "mailto: link, unapplied redaction", PUBLISHED, "all annotations and links removed before extraction",
         build=build_annotations),
    Case("formulier.pdf", C, "form fields with values, a hidden field, tooltips, choice options", PUBLISHED,
         "fields flattened into the page, the values detected and redacted, the form dropped", build=build_form_fields),
    Case("javascript.pdf", C, "document JavaScript, open action, page action", PUBLISHED, "all removed",
         planted=(NAME, PHONE), build=build_javascript),
    Case("bijlagen.pdf", C, "attached file (name, description, content)", PUBLISHED,
         "attachment removed, with a warning to assess it as a document of its own", build=build_attachments),
    Case("portfolio.pdf", C, "PDF portfolio (collection) of attached documents", REFUSED,
         "a PDF portfolio: extract its documents and add them to the dossier", reason="portfolio",
         build=build_portfolio),
    Case("miniatuur.pdf", C, "embedded page thumbnail", PUBLISHED, "thumbnail removed", build=build_thumbnail),
    Case("metadata.pdf", C, "Info and XMP metadata", PUBLISHED, "both removed", build=build_metadata),
    Case("pieceinfo.pdf", C, "document- and page-level PieceInfo, /LastModified", PUBLISHED, "removed",
         planted=(NAME, PHONE), build=build_pieceinfo),
    Case("bladwijzers.pdf", C, "bookmarks (outline)", PUBLISHED, "outline removed", planted=(NAME, EMAIL),
         build=build_bookmarks),
    Case("benoemde-bestemmingen.pdf", C, "named destinations (/Dests and the /Names tree)", PUBLISHED, "removed",
         build=build_named_destinations),
    Case("paginalabels.pdf", C, "page labels with a text prefix", PUBLISHED, "numbering style kept, prefix dropped",
         planted=(NAME,), build=build_page_labels),
    Case("artikeldraden.pdf", C, "article threads and beads", PUBLISHED, "removed", build=build_threads),
    Case("prive-sleutels.pdf", C, "private keys with text in the catalog, on a page and on a font", PUBLISHED,
         "removed by the allow-lists", build=build_private_keys),
    Case("prive-sleutelnamen.pdf", C, "private keys named after the person (with a space, joined, the e-mail) on the "
         "catalog, a page, a font and an image, private name values", PUBLISHED,
         "removed with their names (images, forms and fonts keep the keys of the spec that draw)",
         build=build_private_key_names),
    Case("structuursleutels.pdf", C, "keys of the spec that hold text or files and draw nothing: OPI and reference "
         "XObjects on a form, associated files (/AF) on a form, a page, the catalog and a direct property list, "
         "document parts (/DPartRoot), a viewport's measure", PUBLISHED, "removed by the allow-lists",
         build=build_structure_keys),
    Case("alternatieve-afbeelding.pdf", C, "image with an alternate version for printing", PUBLISHED,
         "alternate removed", build=build_alternate_image),
    Case("taalcode.pdf", N, "catalog /Lang holding name, e-mail and phone after a language tag", PUBLISHED,
         "kept only as a well-formed language tag (here dropped)", build=build_language_tag),
    Case("bestands-id.pdf", N, "trailer /ID written as the name and e-mail", PUBLISHED, "a new /ID",
         build=build_file_identifier),
    Case("prive-trailer.pdf", N, "private trailer keys with text", PUBLISHED, "not written (trailer keys of the spec only)",
         build=build_private_trailer_keys),
    Case("outputintent.pdf", N, "OutputIntent with condition strings and a profile describing the person",
         PUBLISHED, "OutputIntents dropped", build=build_output_intent),
    Case("icc-profiel.pdf", N, "image colour space with an ICC profile whose description, copyright and a private "
         "tag hold the data", PUBLISHED, "every profile tag that is not numbers blanked", build=build_icc_profile),
    Case("jpeg-metadata.pdf", N, "JPEG with EXIF Artist, XMP, COM, Photoshop and UTF-16 APPn segments, and data "
         "after its end marker", PUBLISHED, "rewritten with its coding segments only", build=build_jpeg_metadata),
    Case("jpeg2000-metadata.pdf", N, "JPEG 2000 images: XML (XMP) and UUID boxes, a codestream comment, data after "
         "the last box, and a bare codestream with a comment", PUBLISHED, "rewritten to the boxes and segments "
         "decoding needs", build=build_jpeg2000_metadata),
    Case("lettertype-namen.pdf", N, "embedded and non-embedded fonts named after the person, family, charset, "
         "stretch and Panose strings", PUBLISHED, "embedded fonts renamed Font1.. (subset tag kept), others the "
         "standard font they resemble; descriptions dropped", build=build_font_names),
    Case("lettertype-programma.pdf", N, "an embedded TrueType font whose name table holds the sentence", PUBLISHED,
         "the program's name table blanked", build=build_font_program_names),
    Case("lettertype-type1.pdf", N, "an embedded Type1 font program whose clear text (FontName, FullName, Notice, a "
         "comment) holds the name, sentence, e-mail and phone", PUBLISHED, "strings emptied, font program named Font",
         build=build_type1_program_names),
    Case("lettertype-cff.pdf", N, "an embedded bare CFF font program (Type1C) named after the person, its Notice, "
         "Copyright, FullName and FamilyName holding the data", PUBLISHED, "CFF rewritten: name Font, those strings "
         "left out", build=build_cff_program_names),
    Case("steunkleuren.pdf", N, "spot colours (Separation, DeviceN and its NChannel attributes) named after the person, "
         "a PostScript calculator tint transform whose comments hold the data, a halftone named after the person",
         PUBLISHED, "spot colours renamed Spot1.., calculator comments and halftones dropped",
         build=build_spot_colours),
    Case("tounicode-naam.pdf", N, "an embedded font named after the person, its ToUnicode map named after the "
         "font as pdfTeX names one (its name and title comment)", PUBLISHED, "font renamed; the map's name, "
         "comments and character collection neutral", planted=(NAME,), build=build_tounicode_named),
    Case("paginalabel-namen.pdf", N, "page labels whose dictionaries carry a producer's keys, names spelling the "
         "data", PUBLISHED, "labels written anew: numbering style only", build=build_page_label_names),
    Case("xobject-naam.pdf", N, "an image and a form XObject whose obsolete /Name (PDF 1.0) spells the person's name",
         PUBLISHED, "the obsolete /Name dropped", planted=(NAME,), build=build_xobject_names),
    Case("palet-tekst.pdf", N, "an indexed image whose colour table spells the name in UTF-16 without a byte-order "
         "mark", REFUSED, "verification finds the name in the colour table (which draws, and is not rewritten)",
         reason="verification failed", planted=(NAME,), build=build_palette_text),
    Case("marked-content.pdf", N, "marked-content tag named after the person, inline and resource property lists, "
         "a marked point", PUBLISHED, "property lists dropped (BDC -> BMC, DP -> MP), private tags renamed /Span",
         build=build_marked_content),
    Case("glyphs-geschud.pdf", V, "each glyph placed on its own, in shuffled stream order", PUBLISHED,
         "words rebuilt from glyph positions, detected and redacted", ocr=True, build=build_glyphs_shuffled),
    Case("glyphs-omgekeerd.pdf", V, "each glyph placed on its own, in reversed stream order", PUBLISHED,
         "words rebuilt from glyph positions, detected and redacted", ocr=True, build=build_glyphs_reversed),
    Case("spatiering.pdf", V, "letter-spaced text (3 pt character spacing)", PUBLISHED,
         "read as words, detected and redacted", ocr=True, build=build_letter_spaced),
    Case("spatie-kapitalen.pdf", V, "the name in spaced capitals in a letterhead (F E N N A)", PUBLISHED,
         "read as a word, detected and redacted", ocr=True, build=build_spaced_capitals),
    Case("gedraaide-regels.pdf", V, "the sentence rotated 90, 270 and 80 degrees in the margins", PUBLISHED,
         "read along its direction, detected and redacted", ocr=True, build=build_rotated_lines),
    Case("onzichtbare-tekens.pdf", V, "soft hyphen, zero-width space, joiner and word joiner inside name, e-mail, "
         "phone", PUBLISHED, "read without them, detected and redacted", ocr=True, build=build_invisible_characters),
    Case("homoglyphs.pdf", V, "Cyrillic a and e inside the name and e-mail", PUBLISHED,
         "folded to Latin for detection; the boxes cover the real glyphs", planted=(NAME, EMAIL), ocr=True,
         build=build_homoglyphs),
    Case("tabelcellen.pdf", V, "table cells: name, BSN, lower-case IBAN with spaces, phone with dots", PUBLISHED,
         "each cell detected and redacted", planted=(NAME, BSN, IBAN_SPACED, PHONE_DOTS), ocr=True,
         build=build_table_cells),
    Case("email-uitgeschreven.pdf", V, 'e-mail written "name [at] domain [dot] nl"', PUBLISHED,
         "detected as an e-mail and redacted", planted=(EMAIL_SPELLED,), ocr=True, build=build_spelled_email),
    Case("tounicode-rot13.pdf", V, "ToUnicode map that says ROT13 while the glyphs draw the sentence", PUBLISHED,
         AS_SCAN, ocr=True, build=build_tounicode_rot13),
    Case("tounicode-prive.pdf", V, "ToUnicode map that says Private Use characters while the glyphs draw the sentence",
         PUBLISHED, AS_SCAN, ocr=True, build=build_tounicode_private_use),
    Case("cid-rot13.pdf", V, "an embedded TrueType font (Type0, no glyph names) whose ToUnicode map says ROT13",
         PUBLISHED, AS_SCAN, ocr=True, build=_disagreeing("build_cid_rot13")),
    Case("cid-wartaal.pdf", V, "an embedded TrueType font (Type0, no glyph names) whose ToUnicode map shuffles "
         "letters into gibberish", PUBLISHED, AS_SCAN, ocr=True, build=_disagreeing("build_cid_gibberish")),
    Case("naam-prive-tekens.pdf", V, "the name alone in Private Use characters on a page of ordinary text", PUBLISHED,
         AS_SCAN, planted=(NAME,), ocr=True, build=_disagreeing("build_name_in_private_use")),
    Case("naam-wartaal.pdf", V, "the name alone in an embedded font whose ToUnicode map shuffles its letters, the "
         "rest of the page honest", PUBLISHED, "the font judged by a glance (OCR of its line): " + AS_SCAN,
         planted=(NAME,), ocr=True, build=_disagreeing("build_name_in_lying_letters")),
    Case("volle-breedte.pdf", R, "phone and e-mail in full-width forms in the text layer", PUBLISHED,
         "normalised (NFKC), detected and redacted", planted=(PHONE, EMAIL), ocr=True, build=build_full_width),
    Case("iban-groepering.pdf", R, "an IBAN grouped oddly (NL9 1ABN A04 ...)", PUBLISHED, "detected and redacted",
         planted=(NAME, "NL91ABNA0417164300"), ocr=True, build=build_iban_grouping),
    Case("userunit.pdf", R, "a page with /UserUnit 2", PUBLISHED, "redacted in the page's own units", ocr=True,
         build=build_user_unit),
    Case("schermafdruk-regel.pdf", P, "a one-line screenshot of the sentence, 11 pt high, no signature cue", PUBLISHED,
         "the image read by OCR, detected and its pixels redacted", ocr=True, build=build_screenshot_line),
    Case("schermafdruk-geel.pdf", P, "the screenshot line in yellow on white (faint in grey: 229 on 255)", PUBLISHED,
         "looked at stretched to its own contrast, read by OCR, redacted", ocr=True, build=build_faint_screenshot),
    Case("schermafdruk-tweekleurig.pdf", P, "a screenshot of a mail header: black labels, the name, phone and "
         "e-mail in grey 185 on white", PUBLISHED, "the rows of its light ink read a second time, made dark; redacted", light=True,
         build=build_two_tone_screenshot),
    Case("scan-tweekleurig.pdf", P, "a scanned form: black print, the values filled in in grey 185 (image only)",
         PUBLISHED, "the rows of its light ink read a second time, made dark; redacted", light=True, build=build_two_tone_scan),
    Case("schermafdruk-donkere-balk.pdf", P, "a screenshot of a message: black text on white under a navy title "
         "bar holding the name, phone and e-mail in white", PUBLISHED, INVERTED_BY_TESSERACT, inverse=True,
         build=build_banner_screenshot),
    Case("schermafdruk-donker.pdf", P, "a screenshot of a mail client in dark mode: every line grey 200 on grey 30",
         PUBLISHED, INVERTED_BY_TESSERACT, inverse=True, build=build_dark_mode_screenshot),
    Case("schermafdruk-donkere-vakken.pdf", P, "a screenshot of a form: each label black on white, its value (name, "
         "phone, e-mail) in white on a navy field on the same line", PUBLISHED,
         "the dark fields holding a row of light letters read a second time, inverted; redacted", inverse=True,
         build=build_dark_fields_screenshot),
    Case("scan-donkere-vakken.pdf", P, "a scanned form: black print, the values in white on navy fields beside "
         "their labels (image only)", PUBLISHED, "the dark fields holding a row of light letters read a second time, "
         "inverted; redacted", inverse=True, build=build_dark_fields_scan),
    Case("scan-donkere-balk.pdf", P, "a scanned letter: black print, the contact person in white on a navy band "
         "(image only)", PUBLISHED, INVERTED_BY_TESSERACT, inverse=True, build=build_banner_scan),
    Case("afbeelding-stroken.pdf", P, "the screenshot stored as five image strips", PUBLISHED,
         "the strips read together by OCR, redacted", ocr=True, build=build_image_strips),
    Case("stencilmasker.pdf", P, "the screenshot as a 1-bit stencil mask", PUBLISHED,
         "read by OCR, redacted", ocr=True, build=build_stencil_mask),
    Case("expliciet-masker.pdf", P, "an all-black picture whose explicit /Mask (a stencil image) holds the letters",
         PUBLISHED, "the mask looked at as well as the colour, read by OCR, redacted", ocr=True,
         build=build_explicit_mask),
    Case("kleursleutel.pdf", P, "ink 0 and paper 1 (both black) with a colour key (/Mask [1 1]) masking the paper",
         REFUSED, "read by OCR and redacted, then withheld by the damage check: MuPDF's redaction rewrites the "
         "colour key as a soft mask, drawn lighter at low resolution", reason="looks different from the input",
         build=build_colour_key),
    Case("verborgen-afbeelding.pdf", P, "the screenshot drawn where the page does not show it: covered by a white "
         "rectangle, off the page, at opacity 0 (one page each); an image extractor takes it out whole", PUBLISHED,
         "a picture whose own pixels show letters the page does not is read in its own pixels, its pixels "
         "redacted", ocr=True, build=build_hidden_pictures),
    Case("witte-stencil.pdf", P, "the screenshot as a 1-bit stencil mask painted white on white", PUBLISHED,
         "the stencil's own bits read, where the page shows nothing; redacted", ocr=True, build=build_white_stencil),
    Case("piepkleine-afbeelding.pdf", P, "the screenshot at full resolution placed 4 points high", PUBLISHED,
         "too small to be read as shown, its own pixels read; redacted", ocr=True, build=build_tiny_picture),
    Case("doorzichtige-afbeelding.pdf", P, "the screenshot under a soft mask of one transparent pixel", REFUSED,
         "read in its own pixels and redacted, then withheld by the damage check: MuPDF's redaction redraws "
         "the soft mask", reason="looks different from the input", build=build_transparent_picture),
    Case("gedeelde-afbeelding.pdf", P, "one image object drawn on two pages", PUBLISHED,
         "redacted wherever it is drawn", ocr=True, build=build_shared_image),
    Case("tekst-als-paden.pdf", P, "the sentence as glyph outlines (paths) on a page with a text layer", PUBLISHED,
         "read by OCR, redacted", ocr=True, build=build_text_as_outlines),
    Case("type3-tekent-tekst.pdf", P, "a Type3 font whose glyph procedures draw the letters; ToUnicode says 'x'",
         PUBLISHED, AS_SCAN, ocr=True, build=build_type3_drawing_text),
    Case("scan-ondersteboven.pdf", P, "a letter scanned upside down (image only, no /Rotate)", PUBLISHED,
         "read again with orientation detection, its lines laid out upright, redacted", turned=True,
         build=build_scan_upside_down),
    Case("2000-paginas.pdf", S, f"{BIG_PAGES} pages", PUBLISHED, "published within the per-document limits",
         ocr=False, build=build_many_pages),
    Case("100-megapixel.pdf", S, "a page with a 100-megapixel image under the text", PUBLISHED,
         "published; the image blanked under the boxes", ocr=False, build=build_100_megapixels),
    Case("400-megapixel.pdf", S, "a 400-megapixel image", REFUSED, "image exceeds the limit of 250 megapixels",
         reason="exceeds the limit", build=build_too_many_pixels),
    Case("diep-genest-q.pdf", S, "100,000 nested graphics states", REFUSED,
         "page 1 cannot be interpreted (too many nested graphics states)", reason="cannot be interpreted",
         build=build_nested_graphics_states),
    Case("diep-genest-forms.pdf", S, "form XObjects nested 1,000 deep", REFUSED,
         "page 1 cannot be interpreted (exception stack overflow)", reason="cannot be interpreted",
         build=build_nested_forms),
]


def build_all(folder: Path, only: list[str] | None = None) -> list[Path]:
    """Write every case (or those named in ``only``) and the password file into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in CASES:
        if only is None or case.file in only:
            case.build(folder / case.file)
            paths.append(folder / case.file)
    passwords = {c.file: c.password for c in CASES if c.password and (only is None or c.file in only)}
    (folder / PASSWORD_FILE).write_text(json.dumps(passwords, ensure_ascii=False, indent=2), encoding="utf-8")
    return paths


def readme_table() -> str:
    rows = ["| case | file | woopub |", "|---|---|---|"]
    for c in CASES:
        verdict = f"published clean: {c.outcome}" if c.expect == PUBLISHED else f"refused: {c.outcome}"
        rows.append(f"| {c.group}: {c.what} | `{c.file}` | {verdict} |")
    return "\n".join(rows)


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "--table":
        print(readme_table())
    elif len(sys.argv) == 2:
        for p in build_all(Path(sys.argv[1])):
            print(p)
    else:
        sys.exit("usage: make_cases.py OUT_DIR | --table")
