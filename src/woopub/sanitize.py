"""Remove what a published PDF must not carry besides its pages.

Annotations of every kind (sticky notes with their authors, comments,
links with mailto: addresses, form widgets), outline entries, attached and
embedded files, JavaScript and open actions, Info and XMP metadata (also
on images and pages), thumbnails, page-piece data, the structure tree (its
alt texts and ActualText can repeat redacted names). ``Document.scrub()``
does part of this but leaves annotations; the rest is done here by name.

Hidden text is not scrubbed here: it was extracted, detected and redacted
like visible text, and scans keep their OCR layer.
"""

from __future__ import annotations

from collections import Counter

import pymupdf

CATALOG_KEYS = (
    "Names",  # embedded files, JavaScript, named destinations
    "Dests",
    "OpenAction",
    "AA",
    "Outlines",
    "AcroForm",
    "Metadata",
    "PieceInfo",
    "StructTreeRoot",
    "MarkInfo",
    "Collection",  # portfolio
    "Threads",
    "SpiderInfo",
    "Perms",
    "Legal",
)
PAGE_KEYS = ("Annots", "AA", "PieceInfo", "Metadata", "Thumb", "B", "StructParents")
ANY_OBJECT_KEYS = ("Metadata", "PieceInfo")


def sanitize(doc: pymupdf.Document) -> Counter:
    """Strip ``doc`` in place. Returns counts of what was removed, by kind."""
    removed: Counter = Counter()
    for page in doc:
        for widget in list(page.widgets() or ()):
            page.delete_widget(widget)
            removed["form fields"] += 1
        for annot in list(page.annots() or ()):
            page.delete_annot(annot)
            removed["annotations"] += 1
        for link in page.get_links():
            page.delete_link(link)
            removed["links"] += 1
    if doc.get_toc(simple=True):
        removed["outline entries"] += len(doc.get_toc(simple=True))
        doc.set_toc([])
    for name in doc.embfile_names():
        doc.embfile_del(name)
        removed["attached files"] += 1
    if any(v for v in (doc.metadata or {}).values()):
        removed["info metadata"] += 1
    doc.scrub(
        attached_files=True,
        clean_pages=False,
        embedded_files=True,
        hidden_text=False,
        javascript=True,
        metadata=True,
        redactions=False,
        remove_links=True,
        reset_fields=True,
        reset_responses=True,
        thumbnails=True,
        xml_metadata=True,
    )
    doc.set_metadata({})
    doc.del_xml_metadata()
    catalog = doc.pdf_catalog()
    for key in CATALOG_KEYS:
        if doc.xref_get_key(catalog, key)[0] != "null":
            doc.xref_set_key(catalog, key, "null")
            removed[f"catalog /{key}"] += 1
    for page in doc:
        for key in PAGE_KEYS:
            if doc.xref_get_key(page.xref, key)[0] != "null":
                doc.xref_set_key(page.xref, key, "null")
    for xref in range(1, doc.xref_length()):
        for key in ANY_OBJECT_KEYS:
            try:
                if doc.xref_get_key(xref, key)[0] != "null":
                    doc.xref_set_key(xref, key, "null")
                    removed[f"/{key} on objects"] += 1
            except Exception:  # free or broken object numbers
                continue
    return removed


def save_clean(doc: pymupdf.Document, path) -> None:
    """Save without history: a full rewrite, unused objects dropped, streams compressed."""
    doc.save(
        path,
        garbage=4,
        deflate=True,
        deflate_images=True,
        deflate_fonts=True,
        incremental=False,
        encryption=pymupdf.PDF_ENCRYPT_NONE,
        no_new_id=False,
    )
