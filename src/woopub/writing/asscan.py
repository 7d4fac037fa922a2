"""A page whose text layer lies is published as a scan: its picture, then redacted, then OCR text.

When a page's text layer may say otherwise than its glyphs draw (a ToUnicode map that says ROT13,
shuffled letters, Private Use characters, a Type3 font whose procedures draw anything: see
reading/ocr.py, "doubtful text layer"), what the reader sees was read by OCR and redacted from
that reading. Removing only the redacted words' glyphs would leave the rest of the lying layer in
the file, for any text extraction to find. So the page is replaced by its rendering before
redaction: pixel redaction then blanks the boxes in that one picture, and the OCR words that stay
are written back as invisible text (ocr.add_text_layer), as on a scanned page.
"""

from __future__ import annotations

import numpy as np
import pymupdf

DPI = 200  # the published picture: body text stays sharp on screen and readable by OCR in verification


def publish_as_scan(page: pymupdf.Page) -> None:
    """Replace everything ``page`` draws by one picture of it (the crop box as it is shown)."""
    doc = page.parent
    rotation = page.rotation
    if rotation:  # the picture is made and placed in unrotated page space; the page keeps its /Rotate
        page.set_rotation(0)
    try:
        pix = page.get_pixmap(dpi=DPI, alpha=False, annots=False)
        rgb = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)
        if (rgb[..., 0] == rgb[..., 1]).all() and (rgb[..., 1] == rgb[..., 2]).all():
            pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)  # a black-and-white page: a third of the bytes
        content = doc.get_new_xref()
        doc.update_object(content, "<<>>")
        doc.update_stream(content, b"")
        # nothing of the old page stays reachable: its content streams, fonts, forms and pictures
        doc.xref_set_key(page.xref, "Contents", f"{content} 0 R")
        doc.xref_set_key(page.xref, "Resources", "<<>>")
        for key in ("Group", "PieceInfo", "StructParents", "Annots"):
            doc.xref_set_key(page.xref, key, "null")
        page.insert_image(page.rect, pixmap=pix)
    finally:
        if rotation:
            page.set_rotation(rotation)
