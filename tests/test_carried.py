"""What a published PDF carries beside its drawing is cut to what drawing needs (woopub.writing.carried)."""

from __future__ import annotations

import pymupdf
import pytest

from woopub.writing.carried import (
    bare_marked_content,
    cmap_without_names,
    colourant_names,
    icc_without_text,
    jpeg_without_metadata,
    jpx_without_metadata,
    language_tag,
    object_tokens,
    rename_colourants,
    without_keys,
)


def _jpeg() -> bytes:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 32, 16), False)
    pix.set_rect(pymupdf.IRect(0, 0, 16, 16), (200, 40, 40))
    pix.set_rect(pymupdf.IRect(16, 0, 32, 16), (40, 40, 200))
    return pix.tobytes("jpeg")


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


def test_jpeg_loses_app_and_comment_segments_and_trailing_data_but_decodes_the_same():
    plain = _jpeg()
    dressed = (plain[:2] + _segment(0xE1, b"Exif\0\0Jansen") + _segment(0xFE, b"Jansen") + _segment(0xED, b"Jansen")
               + plain[2:] + b"Jansen")
    cleaned = jpeg_without_metadata(dressed)
    assert b"Jansen" not in cleaned and b"JFIF" not in cleaned
    assert pymupdf.Pixmap(cleaned).samples == pymupdf.Pixmap(plain).samples


def test_jpeg_keeps_adobe_colour_transform_cut_to_its_fixed_length():
    plain = _jpeg()
    adobe = _segment(0xEE, b"Adobe\0\x64\0\0\0\0\x01" + b"Jansen")
    cleaned = jpeg_without_metadata(plain[:2] + adobe + plain[2:])
    assert b"Adobe\0\x64\0\0\0\0\x01" in cleaned and b"Jansen" not in cleaned


def test_not_a_jpeg_is_not_guessed_at():
    assert jpeg_without_metadata(b"GIF89a....") is None


def _icc(text: bytes) -> bytes:
    desc = b"desc" + bytes(4) + len(text).to_bytes(4, "big") + text
    curve = b"curv" + bytes(4) + (1).to_bytes(4, "big") + (256).to_bytes(2, "big") + bytes(2)
    table_end = 128 + 4 + 24
    header = bytearray(128)
    header[36:40] = b"acsp"
    header[84:100] = b"M" * 16
    body = desc + bytes(-len(desc) % 4) + curve
    tags = (b"desc" + table_end.to_bytes(4, "big") + len(desc).to_bytes(4, "big")
            + b"kTRC" + (table_end + len(desc) + (-len(desc) % 4)).to_bytes(4, "big") + len(curve).to_bytes(4, "big"))
    profile = bytes(header) + (2).to_bytes(4, "big") + tags + body
    return profile[:0] + len(profile).to_bytes(4, "big") + profile[4:]


def test_icc_profile_keeps_its_curves_and_loses_its_description():
    profile = _icc(b"Profiel van J. Jansen\0")
    cleaned = icc_without_text(profile)
    assert b"Jansen" not in cleaned and len(cleaned) == len(profile)
    assert cleaned[-len(b"curv") - 10:] == profile[-len(b"curv") - 10:]  # the curve tag untouched
    assert cleaned[84:100] == bytes(16)  # the profile ID no longer claimed


@pytest.mark.parametrize("value, tag", [("nl-NL", "nl-NL"), ("NL_nl", "nl-NL"), ("nl", "nl"), ("sr-latn-rs", "sr-Latn-RS"),
                                        ("nl-NL-x-Jan Jansen", None), ("Jansen", None), ("", None)])
def test_language_tag_is_kept_only_well_formed(value, tag):
    assert language_tag(value) == tag


def test_marked_content_loses_property_lists_and_private_tags():
    content = (b"/Jansen <</Auteur (J. Jansen) /MCID 3>> BDC /P /MC0 BDC BT /F1 9 Tf (tekst) Tj ET EMC EMC "
               b"/Note <</Tel (0612345678)>> DP")
    bare = bare_marked_content(content)
    assert b"Jansen" not in bare and b"0612345678" not in bare and b"MC0" not in bare
    assert b"(tekst) Tj" in bare and bare.count(b"BMC") == 2 and b"/Span BMC" in bare and b"/P BMC" in bare


def test_content_without_marked_content_is_left_alone():
    assert bare_marked_content(b"BT /F1 9 Tf (tekst) Tj ET") is None


def _codestream(comment: bytes) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (16, 8), 120).save(out, "JPEG2000", no_jp2=True, comment=comment)
    return out.getvalue()


def test_jpeg2000_comment_in_a_tile_part_header_is_dropped_and_the_tile_length_corrected():
    import io

    from PIL import Image

    data = bytearray(_codestream(b"hoofd Fenna Wijnberg"))
    sot = data.index(b"\xff\x90")
    psot = int.from_bytes(data[sot + 6 : sot + 10], "big")
    com = b"\xff\x64" + (4 + 12).to_bytes(2, "big") + b"\x00\x01" + b"tegel Wijnbg"
    data[sot + 12 : sot + 12] = com  # a comment in the tile-part header, before SOD
    if psot:
        data[sot + 6 : sot + 10] = (psot + len(com)).to_bytes(4, "big")
    cleaned = jpx_without_metadata(bytes(data) + b"achteraf Wijnberg")
    assert cleaned is not None and b"Wijn" not in cleaned and b"\xff\x64" not in cleaned
    assert Image.open(io.BytesIO(cleaned)).getpixel((3, 3)) == 120


def test_jpeg2000_that_is_not_one_is_not_rewritten():
    assert jpx_without_metadata(b"\x00\x00\x00\x0cjP  \r\n\x87\n") is None  # no codestream box
    assert jpx_without_metadata(b"\xff\x4f\xff\x51\x00") is None  # a codestream cut short
    assert jpx_without_metadata(b"%PDF-1.7") is None


SPOTS = ("<</CS1[/Separation/Fenna#20Wijnberg/DeviceGray 5 0 R]/CS2[/DeviceN[/Cyan/FennaWijnberg]/DeviceCMYK 7 0 R"
         "<</Subtype/NChannel/Colorants<</FennaWijnberg 8 0 R>>/Process<</ColorSpace/DeviceCMYK/Components[/Cyan]>>"
         "/MixingHints<</Solidities<</FennaWijnberg 0.5>>/PrintingOrder[/Cyan/FennaWijnberg]>>>>]"
         "/Fenna#20Wijnberg 9 0 R/Opsteller(x /Separation /Y)>>")


def test_spot_colour_names_are_found_and_renamed_where_they_stand_as_colourants():
    tokens = object_tokens(SPOTS)
    assert colourant_names(tokens) == {"/Fenna#20Wijnberg", "/FennaWijnberg"}  # /Cyan is a process colourant
    renamed = " ".join(rename_colourants(tokens, {"/Fenna#20Wijnberg": "/Spot1", "/FennaWijnberg": "/Spot2"}))
    assert "Fenna" not in renamed.replace("/Fenna#20Wijnberg 9 0 R", "")
    assert "/Fenna#20Wijnberg 9 0 R" in renamed, "a resource key of the same spelling is no colourant"
    assert "[ /Separation /Spot1 /DeviceGray 5 0 R ]" in renamed and "[ /Cyan /Spot2 ]" in renamed
    assert "(x /Separation /Y)" in renamed, "strings are left as they are"


def test_keys_are_dropped_at_any_depth_with_their_values():
    source = "<</Type/ExtGState/HT<</HalftoneName/Fenna#20W/X[1 2<</HT 3>>]>>/A<</B<</HT 5 0 R/C[1 2]>>>>/D 4 0 R>>"
    assert " ".join(without_keys(object_tokens(source), frozenset({"/HT"}))) == (
        "<< /Type /ExtGState /A << /B << /C [ 1 2 ] >> >> /D 4 0 R >>")


def test_a_cmap_keeps_its_mapping_and_says_nothing_else():
    cmap = (b"%!PS-Adobe-3.0 Resource-CMap\n%%Title: (TeX-FennaWijnberg-0 Fenna Wijnberg)\n/CIDInit /ProcSet "
            b"findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Fenna\\) % x) /Ordering "
            b"(FennaWijnberg) /Supplement 0 >> def /CMapName /TeX-FennaWijnberg-0 def 1 begincodespacerange <00> <FF> "
            b"endcodespacerange 1 beginbfchar <41> <0041> endbfchar endcmap CMapName currentdict /CMap defineresource pop "
            b"end end")
    bare = cmap_without_names(cmap)
    assert b"Fenna" not in bare
    assert b"/Registry (Adobe) /Ordering (Identity)" in bare and b"/CMapName /Adobe-Identity-UCS def" in bare
    assert b"1 beginbfchar <41> <0041> endbfchar" in bare
    assert cmap_without_names(bare) is None
