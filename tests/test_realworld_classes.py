"""Refusal and crash classes found on real-world PDFs, each rebuilt here by generator code."""

import io

import pikepdf

from woopub.verify import check_strings


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
