"""Remove what a published PDF must not carry besides its pages.

Annotations of every kind (sticky notes with their authors, comments,
links with mailto: addresses, form widgets), outline entries, attached and
embedded files, JavaScript and open actions, Info and XMP metadata (also
on images and pages), thumbnails, page-piece data, the structure tree (its
alt texts and ActualText can repeat redacted names). ``Document.scrub()``
does part of this but leaves annotations; the rest is done here by name.

The document catalog, the page tree nodes and the pages keep only the keys
a page needs to be drawn (allow-lists below): whatever else a producer put
there (named destinations, article threads, optional-content layer names,
associated files, signatures, private data) goes, known or not. Page
labels keep their numbering style, not their text prefixes. Every page's
content is rewritten with its resources cut down to what it draws, so a
form XObject that is listed but never drawn (and so never extracted) goes.

Hidden text is not scrubbed here: it was extracted, detected and redacted
like visible text, and scans keep their OCR layer (see woopub.prepare and
woopub.intake for what is made visible or refused before extraction).
"""

from __future__ import annotations

import re
from collections import Counter

import pymupdf

from woopub.errors import DamagedPdfError
from woopub.prepare import names_in_source

# Keys kept in the catalog; everything else goes (/Names with embedded files,
# JavaScript and named destinations, /Dests, /OpenAction, /AA, /Outlines,
# /AcroForm, /Metadata, /PieceInfo, /StructTreeRoot, /MarkInfo, /Collection,
# /Threads, /OCProperties, /AF, /DSS, /Perms, /Legal, /URI, private keys).
CATALOG_ALLOWED = frozenset(
    {"Type", "Pages", "Version", "Extensions", "PageLabels", "PageLayout", "PageMode", "ViewerPreferences", "Lang",
     "OutputIntents"}
)
# Keys kept on a page (/Annots, /AA, /PieceInfo, /Metadata, /Thumb, /B, /StructParents, /ID, /PZ, /VP,
# /SeparationInfo, /Trans, /AF, /Tabs, private keys ... go).
PAGE_ALLOWED = frozenset(
    {"Type", "Parent", "Resources", "MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox", "Contents", "Rotate",
     "Group", "UserUnit"}
)
PAGE_TREE_ALLOWED = frozenset({"Type", "Parent", "Kids", "Count", "Resources", "MediaBox", "CropBox", "Rotate"})
# Keys removed from every object: metadata streams, application data, associated
# files, alternate versions of an image (which pixel redaction does not touch),
# OPI proxies, reference XObjects pointing at other files, structure links.
# Keys whose value may be a text string in a published file: font and
# colour-profile descriptions, the language, the file identifier. Any other
# text string is private data of some producer and goes.
STRING_KEYS_ALLOWED = frozenset(
    {"/Registry", "/Ordering", "/FontFamily", "/FontStretch", "/CharSet", "/Lang", "/ID", "/Panose",
     "/OutputConditionIdentifier", "/OutputCondition", "/RegistryName", "/Info"}
)
ANY_OBJECT_KEYS = (
    "Metadata", "PieceInfo", "AF", "Alternates", "OPI", "Ref", "LastModified", "StructParent", "StructParents", "OC",
)


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
    # JavaScript actions and XMP metadata streams are found in the walk over all objects below,
    # which reads each object once; scrub's own walk asks every object for three keys
    doc.scrub(
        attached_files=True,
        clean_pages=False,
        embedded_files=True,
        hidden_text=False,
        javascript=False,
        metadata=True,
        redactions=False,
        remove_links=True,
        reset_fields=True,
        reset_responses=True,
        thumbnails=True,
        xml_metadata=False,
    )
    doc.set_metadata({})
    doc.del_xml_metadata()
    if doc.xref_get_key(-1, "Info")[0] != "null":
        doc.xref_set_key(-1, "Info", "null")
    catalog = doc.pdf_catalog()
    for key in _disallowed(doc, catalog, CATALOG_ALLOWED):
        doc.xref_set_key(catalog, key, "null")
        removed[f"catalog /{key}"] += 1
    removed["page label prefixes"] += _strip_page_label_prefixes(doc)
    for page in doc:
        for key in _disallowed(doc, page.xref, PAGE_ALLOWED):
            doc.xref_set_key(page.xref, key, "null")
            removed[f"page /{key}"] += 1
        try:
            page.clean_contents(sanitize=True)  # resources cut down to what the page draws
        except Exception as exc:
            raise DamagedPdfError(f"page {page.number + 1}: content cannot be rewritten ({exc})") from exc
    for xref in range(1, doc.xref_length()):
        try:
            is_tree_node = doc.xref_get_key(xref, "Type")[1] == "/Pages"
        except Exception:
            continue
        if is_tree_node:
            for key in _disallowed(doc, xref, PAGE_TREE_ALLOWED):
                doc.xref_set_key(xref, key, "null")
                removed[f"page tree /{key}"] += 1
    for xref in range(1, doc.xref_length()):
        try:  # one read of the object: most objects carry neither these keys nor strings
            source = doc.xref_object(xref, compressed=True)
        except Exception:  # free or broken object numbers
            continue
        suspect, strings = _SUSPECT_NAME.search(source), _may_hold_strings(source)
        if not (suspect or strings):
            continue
        try:
            keys = doc.xref_get_keys(xref)
        except Exception:  # not a dictionary
            continue
        if suspect:
            if _is_javascript_action(doc, xref, keys):
                doc.update_object(xref, "<</S/JavaScript/JS()>>")  # as Document.scrub does
                removed["JavaScript actions"] += 1
                continue
            if "Type" in keys and doc.xref_get_key(xref, "Type")[1] == "/Metadata":
                doc.update_object(xref, "<<>>")  # an XMP metadata stream, wherever it hangs
                doc.update_stream(xref, b"deleted", new=True)
                removed["metadata streams"] += 1
                continue
            for key in keys:
                if key in ANY_OBJECT_KEYS and doc.xref_get_key(xref, key)[0] != "null":
                    doc.xref_set_key(xref, key, "null")
                    removed[f"/{key} on objects"] += 1
        if strings:
            removed["text strings on objects"] += _remove_stray_strings(doc, xref, keys, source)
    return removed


# A name in an object's source that makes it worth a closer look: the keys removed from every
# object, and the values /JavaScript and /Metadata
_SUSPECT_NAME = names_in_source([*ANY_OBJECT_KEYS, "JavaScript", "Metadata"])


def _is_javascript_action(doc: pymupdf.Document, xref: int, keys) -> bool:
    return "S" in keys and doc.xref_get_key(xref, "S")[1] == "/JavaScript"


def _may_hold_strings(source: str) -> bool:
    """Does an object's source have a literal "(...)" or hex "<...>" string anywhere?"""
    return "(" in source or "<" in source.replace("<<", "").replace(">>", "")


# "/Key(" or "/Key<" (not "<<") in an object's source: a key with a string value, at some depth
_STRING_AFTER_KEY = re.compile(r"/([A-Za-z0-9_.+-]+)\s*(?:\(|<(?!<))")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.+-]+")


def _remove_stray_strings(doc: pymupdf.Document, xref: int, keys, source: str) -> int:
    """Drop text strings an object carries under keys where no text belongs (private data).

    Only the object's own keys: strings nested deeper are left to verify,
    which refuses a file that still carries one. The source tells which keys
    can hold a string, so most keys are not asked about one by one; a key
    with unusual characters in its name is always asked.
    """
    candidates = set(_STRING_AFTER_KEY.findall(source))
    count = 0
    for key in keys:
        if key not in candidates and _PLAIN_KEY.fullmatch(key):
            continue
        if "/" + key not in STRING_KEYS_ALLOWED and doc.xref_get_key(xref, key)[0] == "string":
            doc.xref_set_key(xref, key, "null")
            count += 1
    return count


def present_keys(doc: pymupdf.Document, xref: int) -> list[str]:
    """The keys of a dictionary object that have a value (MuPDF keeps removed keys as null)."""
    return [k for k in doc.xref_get_keys(xref) if doc.xref_get_key(xref, k)[0] != "null"]


def _disallowed(doc: pymupdf.Document, xref: int, allowed: frozenset[str]) -> list[str]:
    return [k for k in present_keys(doc, xref) if k not in allowed]


def _strip_page_label_prefixes(doc: pymupdf.Document) -> int:
    """Keep page numbering styles (/S, /St), drop the text prefixes (/P), which can say anything."""
    labels = doc.get_page_labels()
    if not any(label.get("prefix") for label in labels):
        return 0
    doc.set_page_labels([{**label, "prefix": ""} for label in labels])
    return sum(1 for label in labels if label.get("prefix"))


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
