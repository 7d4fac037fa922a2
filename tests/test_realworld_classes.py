"""Refusal and crash classes found on real-world PDFs, each rebuilt here by generator code."""

import io
from pathlib import Path

import pikepdf
import pymupdf
import pytest

from woopub.writing.filecheck import check_strings


def _pdf_bytes(pdf: pikepdf.Pdf) -> bytes:
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def test_indirect_number_objects_do_not_crash_the_string_check():
    # Word/Aspose/PDFlib write a stream's /Length as an indirect number; pikepdf lists it as a plain int
    body = b"BT /F1 12 Tf 72 720 Td (Hallo) Tj ET"
    hand = (b"%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
            b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
            b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>> endobj\n"
            b"4 0 obj <</Length 5 0 R>> stream\n" + body + b"\nendstream endobj\n"
            b"5 0 obj " + str(len(body)).encode() + b" endobj\n6 0 obj true endobj\n"
            b"trailer <</Root 1 0 R/Size 7>>\n%%EOF\n")
    raw = hand  # qpdf rebuilds the missing cross-reference table on opening
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        assert any(isinstance(o, (int, bool)) for o in pdf.objects)
    assert check_strings(raw, "doc.pdf", []) == []


def test_indexed_colour_palette_string_is_not_carried_text():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    palette = pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 1, pikepdf.String(b"\x00\x00\x00\xff\xff\xff")])
    image = pikepdf.Stream(pdf, b"\x00\x01", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=2, Height=1,
                           BitsPerComponent=8, ColorSpace=palette)
    pdf.pages[0].Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=pdf.make_indirect(image)))
    # an indirect palette array (as Word writes it) too
    pdf.Root.Extra = pdf.make_indirect(pikepdf.Array(list(palette)))
    assert check_strings(_pdf_bytes(pdf), "doc.pdf", []) == []


def test_string_outside_allowed_keys_is_still_flagged():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.Stray = pikepdf.String("Jan Jansen")
    problems = check_strings(_pdf_bytes(pdf), "doc.pdf", [])
    assert [p.kind for p in problems] == ["carried text"]


def _hand_pdf(tmp_path, contents: list[bytes], annots: list[bytes] = ()) -> "Path":
    """A one-page PDF written by hand: its content in the streams given, Helvetica as F1, annotations as objects."""
    n = len(contents)
    refs = " ".join(f"{5 + i} 0 R" for i in range(n)).encode()
    annot_refs = b" ".join(b"%d 0 R" % (5 + n + i) for i in range(len(annots)))
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents[" + refs + b"]"
        + (b"/Annots[" + annot_refs + b"]" if annots else b"") + b">>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
    ] + [b"<</Length %d>>stream\n" % len(c) + c + b"\nendstream" for c in contents] + list(annots)
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Root 1 0 R/Size %d>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path = tmp_path / "hand.pdf"
    path.write_bytes(bytes(out))
    return path


def test_content_split_between_operand_and_operator_is_one_stream(tmp_path):
    from woopub.reading.intake import admit, inspect

    # the split falls inside BDC's operands and between Tj's operand and operator
    parts = [b"/Span <</Lang (nl-NL)", b">> BDC BT /F1 12 Tf 72 720 Td (Jan Jansen belt)", b"Tj ET EMC"]
    path = _hand_pdf(tmp_path, parts)
    with admit(path) as admitted:
        assert len(admitted.doc[0].get_contents()) == 1
        inspect(admitted.doc, path)
        assert "Jan Jansen belt" in admitted.doc[0].get_text()


def test_sixteen_thousand_links_on_a_page_are_removed_quickly(tmp_path):
    import time

    from woopub.reading.intake import admit

    link = b"<</Type/Annot/Subtype/Link/Rect[%d 10 %d 20]/A<</S/URI/URI(https://example.org/)>>>>"
    annots = [link % (i % 500, i % 500 + 5) for i in range(16384)]
    path = _hand_pdf(tmp_path, [b"BT /F1 12 Tf 72 720 Td (Links) Tj ET"], annots)
    started = time.monotonic()
    with admit(path) as admitted:
        assert admitted.doc.xref_get_key(admitted.doc[0].xref, "Annots")[0] == "null"
        assert any("16384 annotation(s) and link(s)" in n for n in admitted.notes)
    assert time.monotonic() - started < 20


def test_a_poster_page_measured_in_user_units_is_refused_in_one_line(tmp_path):
    import pymupdf

    from woopub.reading.intake import LimitError, admit, inspect

    doc = pymupdf.open()
    page = doc.new_page(width=1800, height=3600)
    page.insert_text((72, 72), "Affiche")
    doc.xref_set_key(page.xref, "UserUnit", "10")  # each unit 10/72 inch: 6.4 by 12.7 metres
    doc.save(tmp_path / "poster.pdf")
    with admit(tmp_path / "poster.pdf") as admitted:
        with pytest.raises(LimitError, match=r"page 1 measures 635 x 1270 cm: .* exceed the limit of 250 megapixels"):
            inspect(admitted.doc, tmp_path / "poster.pdf")


def test_an_a0_page_is_no_poster_beyond_the_limit(tmp_path):
    import pymupdf

    from woopub.reading.intake import admit, inspect

    doc = pymupdf.open()
    doc.new_page(width=2384, height=3370).insert_text((72, 72), "Plattegrond")
    doc.save(tmp_path / "a0.pdf")
    with admit(tmp_path / "a0.pdf") as admitted:
        inspect(admitted.doc, tmp_path / "a0.pdf")


def test_mupdf_refusing_a_picture_too_large_is_a_plain_reason():
    import pymupdf

    from woopub.reading.intake import refusal_reason

    doc = pymupdf.open()
    page = doc.new_page(width=36000, height=36000)
    with pytest.raises(Exception) as raised:
        page.get_pixmap(dpi=300)
    assert refusal_reason(Path("poster.pdf"), raised.value).startswith("poster.pdf: a page or picture is too large to draw (")


def test_an_icc_profile_mupdf_cannot_open_is_no_damaged_pdf(tmp_path):
    from woopub.reading.intake import admit, inspect

    # a PDF/A converter's output intent with a profile littlecms refuses: MuPDF draws the page in the
    # device colours instead ("invalid ICC colorspace"); the text and pictures are all there
    path = tmp_path / "pdfa.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 72), "Nota van Jan Jansen", fontsize=12)
        doc.save(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        profile = pdf.make_stream(b"\x00" * 128)
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1, OutputConditionIdentifier=pikepdf.String("sRGB"),
            DestOutputProfile=profile)])
        pdf.save(path)
    with admit(path) as admitted:
        inspect(admitted.doc, path)
        assert "Jan Jansen" in admitted.doc[0].get_text()
