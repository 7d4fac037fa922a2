"""A PDF whose text is drawn by a Type3 font without ToUnicode: each glyph draws its letter
(Helvetica inside the glyph procedure), so a reader sees words and woopub refuses the text layer
("text cannot be read ... needs OCR"). Built with PyMuPDF's low-level calls."""

from pathlib import Path

import pymupdf


def type3_letters_pdf(path: Path, lines: list[str]) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    chars = sorted(set("".join(lines)))
    helv = doc.get_new_xref()
    doc.update_object(helv, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    widths = {c: int(pymupdf.get_text_length(c, fontname="helv", fontsize=1000)) for c in chars}
    procs = {}
    for c in chars:
        x = doc.get_new_xref()
        doc.update_object(x, "<< >>")
        doc.update_stream(x, f"{widths[c]} 0 d0 BT /H 1000 Tf 0 0 Td <{ord(c):02X}> Tj ET".encode())
        procs[c] = x
    diffs = " ".join(f"{ord(c)} /g{ord(c)}" for c in chars)  # glyph names without a Unicode meaning
    charprocs = " ".join(f"/g{ord(c)} {x} 0 R" for c, x in procs.items())
    first, last = min(ord(c) for c in chars), max(ord(c) for c in chars)
    w = " ".join(str(widths.get(chr(i), 0)) for i in range(first, last + 1))
    font = doc.get_new_xref()
    doc.update_object(font, "<< /Type /Font /Subtype /Type3 /FontBBox [0 -250 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
                            f"/CharProcs << {charprocs} >> /Encoding << /Type /Encoding /Differences [{diffs}] >> "
                            f"/FirstChar {first} /LastChar {last} /Widths [{w}] /Resources << /Font << /H {helv} 0 R >> >> >>")
    doc.xref_set_key(page.xref, "Resources", f"<< /Font << /T3 {font} 0 R >> >>")
    ops = "".join(f"BT /T3 12 Tf 72 {760 - 18 * i} Td <{line.encode('latin-1').hex()}> Tj ET\n" for i, line in enumerate(lines))
    content = doc.get_new_xref()
    doc.update_object(content, "<< >>")
    doc.update_stream(content, ops.encode())
    doc.xref_set_key(page.xref, "Contents", f"{content} 0 R")
    doc.save(path)
    doc.close()
    return Path(path)
