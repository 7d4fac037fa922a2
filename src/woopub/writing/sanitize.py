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

What drawing needs of the rest is kept and rewritten to just that (see
woopub.writing.carried): the trailer's file identifier is new, the language tag
is kept only when well formed, JPEG images lose their metadata segments,
ICC profiles their description and copyright tags, embedded fonts their
names and TrueType/OpenType programs their name tables (a non-embedded
font keeps a known font's name or takes the standard font it resembles),
fonts' CMaps their names, comments and character collections, marked
content its property lists and private tags, spot colours their names
(Spot1, ...), PostScript calculator functions their comments; halftones
go. Images, form XObjects and fonts keep only the keys of the spec that
draw (allow-lists below). A name a producer chose elsewhere (a resource
key, a private key nested in a graphics state) is left for verify, which
searches objects for a value spelled as a name too ("Fenna#20Wijnberg").
OutputIntents (a PDF/A claim the publication no longer makes) go.

Hidden text is not scrubbed here: it was extracted, detected and redacted
like visible text, and scans keep their OCR layer (see woopub.reading.prepare and
woopub.reading.intake for what is made visible or refused before extraction).
"""

from __future__ import annotations

import os
import re
import zlib
from collections import Counter

import pymupdf

from woopub.writing.carried import (
    NEUTRAL_CMAP_NAME,
    bare_marked_content,
    cff_without_names,
    cmap_without_names,
    colourant_names,
    icc_without_text,
    is_known_font,
    jpeg_without_metadata,
    jpx_without_metadata,
    language_tag,
    object_tokens,
    rename_colourants,
    sfnt_without_names,
    standard_font_for,
    type1_without_names,
    without_entries,
    without_keys,
)
from woopub.errors import DamagedPdfError
from woopub.reading.prepare import names_in_source
from woopub.writing.linestart import keep_line_starts

# Keys kept in the catalog; everything else goes (/Names with embedded files,
# JavaScript and named destinations, /Dests, /OpenAction, /AA, /Outlines,
# /AcroForm, /Metadata, /PieceInfo, /StructTreeRoot, /MarkInfo, /Collection,
# /Threads, /OCProperties, /AF, /DSS, /Perms, /Legal, /URI, private keys).
CATALOG_ALLOWED = frozenset(
    {"Type", "Pages", "Version", "Extensions", "PageLabels", "PageLayout", "PageMode", "ViewerPreferences", "Lang"}
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
# Keys whose value may be a text string in a published file: a CID font's character collection and
# the language (kept only as a well-formed tag). Any other text string is private data of some
# producer, or a description drawing does not need (a font's family and character set), and goes.
STRING_KEYS_ALLOWED = frozenset({"/Registry", "/Ordering", "/Lang", "/ID"})  # /ID: the trailer's, made new
# Marked-content property lists (/Properties) go with the properties in the content (see carried.py).
ANY_OBJECT_KEYS = (
    "Metadata", "PieceInfo", "AF", "Alternates", "OPI", "Ref", "LastModified", "StructParent", "StructParents", "OC",
    "Properties",
)
# Font descriptor keys that describe, not draw: family and character-set strings, the style (Panose)
FONT_DESCRIPTOR_DROPPED = ("FontFamily", "CharSet", "Style", "FontStretch")


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
    if not _plain_page_tree(doc):  # rebuilt flat, as MuPDF's page selection writes it
        doc.select(list(range(doc.page_count)))
        removed["page tree rebuilt"] += 1
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
        _remove_key(doc, catalog, key)
        removed[f"catalog /{key}"] += 1
    removed["page label prefixes"] += _strip_page_label_prefixes(doc)
    for number in range(doc.page_count):
        page = doc[number]
        extra = _disallowed(doc, page.xref, PAGE_ALLOWED)
        for key in extra:
            _remove_key(doc, page.xref, key)
            removed[f"page /{key}"] += 1
        if not all(_PLAIN_KEY.fullmatch(key) for key in extra):  # the page's dictionary written anew: load it again
            page = doc[number]
        try:
            keep_line_starts(page)  # MuPDF's rewriting drops "0 0 Td", which is no no-op
            page.clean_contents(sanitize=True)  # resources cut down to what the page draws
        except Exception as exc:
            raise DamagedPdfError(f"page {page.number + 1}: content cannot be rewritten ({exc})") from exc
        removed["marked-content property lists"] += _bare_page_content(doc, page)
    fonts, profiles, coloured = [], set(), []
    for xref in range(1, doc.xref_length()):
        try:  # one read of the object: most objects carry none of the keys or strings asked about below
            source = doc.xref_object(xref, compressed=True)
        except Exception:  # free or broken object numbers
            continue
        if _PAGES_NAME.search(source) and _page_tree_node_stripped(doc, xref, removed):
            source = doc.xref_object(xref, compressed=True)
        if ("/Registry" in source or "/Ordering" in source) and _inline_allowed_strings(doc, xref, source):
            removed["indirect allowed strings made direct"] += 1
            source = doc.xref_object(xref, compressed=True)
        _rewrite_carrier(doc, xref, source, fonts, profiles, removed)
        if _COLOURANT_PLACE.search(source):
            coloured.append(xref)
        if _NESTED_DROPPED.search(source) and _drop_nested_keys(doc, xref):
            removed["halftones"] += 1
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
    removed["font names"] += _rename_fonts(doc, fonts)
    removed["CMap names and comments"] += _cmaps_without_names(doc, fonts)
    removed["spot colour names"] += _rename_spot_colours(doc, coloured)
    for xref in sorted(profiles):
        profile = icc_without_text(doc.xref_stream(xref) or b"")
        if profile is not None:
            doc.update_stream(xref, profile)
            removed["colour profile texts"] += 1
    removed["key names of removed entries"] += _without_removed_entries(doc)
    return +removed  # what was removed, without the kinds counted zero


# Where a spot colour's name stands: colour spaces and their attributes (``carried.rename_colourants``)
_COLOURANT_PLACE = names_in_source(["Separation", "DeviceN", "Colorants", "MixingHints", "Components"])
# Dropped at any depth: a halftone (/HT of a graphics state) names itself and its colourants, and a
# screen or a printer's own screening draws without it
NESTED_DROPPED = frozenset({"/HT"})
_NESTED_DROPPED = names_in_source([k[1:] for k in NESTED_DROPPED])


def _drop_nested_keys(doc: pymupdf.Document, xref: int) -> bool:
    """Drop ``NESTED_DROPPED`` from an object, wherever in it they stand (read again: it may have
    been rewritten since the walk read it)."""
    tokens = object_tokens(doc.xref_object(xref, compressed=True))
    bare = without_keys(tokens, NESTED_DROPPED) if tokens is not None else None
    if bare is None or bare == tokens:
        return False  # a source that does not split cleanly is left for verify to judge
    doc.update_object(xref, " ".join(bare))
    return True


def _rename_spot_colours(doc: pymupdf.Document, xrefs: list[int]) -> int:
    """Name spot colours Spot1, Spot2, ... wherever they stand as colourants (a designer's swatch
    name can be anything, a person's name too); the same name in, the same name out. Colour
    spaces draw through their alternate space, whatever their colourants are called."""
    tokens = {x: object_tokens(doc.xref_object(x, compressed=True)) for x in xrefs}
    names = sorted({n for t in tokens.values() if t is not None for n in colourant_names(t)})
    taken = set(names)
    fresh = (f"/Spot{n}" for n in range(1, len(names) * 2 + 2) if f"/Spot{n}" not in taken)
    new = {name: next(fresh) for name in names if not re.fullmatch(r"/Spot\d+", name)}
    count = 0
    for xref, t in tokens.items():
        if t is None or not new:
            continue
        renamed = rename_colourants(t, new)
        if renamed != t:
            doc.update_object(xref, " ".join(renamed))
            count += 1
    return count


def _remove_key(doc: pymupdf.Document, xref: int, key: str) -> None:
    """Remove an entry. MuPDF's ``xref_set_key(..., "null")`` leaves the key's name ("/Key null",
    dropped at the end by ``_without_removed_entries``); a key with a space or other characters
    a name writes as #-escapes ("Fenna#20Wijnberg") it refuses or writes as another key: such a
    key is taken out of the object's source here."""
    if _PLAIN_KEY.fullmatch(key):
        doc.xref_set_key(xref, key, "null")
        return
    tokens = object_tokens(doc.xref_object(xref, compressed=True))
    bare = without_entries(tokens, frozenset({"/" + key})) if tokens is not None else None
    if bare is None:
        raise DamagedPdfError(f"object {xref}: a key that cannot be removed")
    doc.update_object(xref, " ".join(bare))


def _without_removed_entries(doc: pymupdf.Document) -> int:
    """Drop every dictionary entry whose value is null (the same as no entry): a key removed by
    sanitising stays in MuPDF's output as "/Key null", and a producer's private key can be named
    after anyone."""
    count = 0
    for xref in range(1, doc.xref_length()):
        try:
            source = doc.xref_object(xref, compressed=True)
        except Exception:
            continue
        if "null" not in source:
            continue
        tokens = object_tokens(source)
        bare = without_entries(tokens) if tokens is not None else None
        if bare is not None and bare != tokens:
            doc.update_object(xref, " ".join(bare))
            count += 1
    return count


def _plain_page_tree(doc: pymupdf.Document) -> bool:
    """Every node of the page tree reached once, and its leaves the document's pages. MuPDF reads
    a tree that names one node in several places (an empty /Pages node listed five times, left by
    a tool that deleted pages); another reader (qpdf) calls that a loop and refuses the file."""
    pages, seen, todo = 0, set(), [doc.xref_get_key(doc.pdf_catalog(), "Pages")]
    while todo:
        kind, value = todo.pop()
        if kind != "xref":
            return False
        xref = int(value.split()[0])
        if xref in seen:
            return False
        seen.add(xref)
        if doc.xref_get_key(xref, "Type")[1] == "/Page":
            pages += 1
            continue
        kids = doc.xref_get_key(xref, "Kids")
        if kids[0] != "array":
            return False
        todo += [("xref", f"{ref} 0 R") for ref in re.findall(r"(\d+)\s+\d+\s+R", kids[1])]
    return pages == doc.page_count


_FORM = re.compile(r"/Subtype\s*/Form(?![A-Za-z])")
_FONT = re.compile(r"/Type\s*/Font(?![A-Za-z])")
_DESCRIPTOR = re.compile(r"/Type\s*/FontDescriptor(?![A-Za-z])")
_ICC_REF = re.compile(r"/ICCBased\s*(\d+)\s+0\s+R")
_CALCULATOR = re.compile(r"/FunctionType\s*4(?![\d.])")  # a PostScript calculator function (a stream)
_XOBJECT = re.compile(r"/Subtype\s*/(?:Form|Image)(?![A-Za-z])")
# The keys an image, a form XObject and a font keep: the specification's, less what describes rather
# than draws (the obsolete /Name of PDF 1.0, an image's /ID, measures, metadata and the keys every
# object loses). A key a producer made up (its value a name, a number, a dictionary: strings go by
# themselves) goes, whatever it is called.
_STREAM_KEYS = {"Length", "Filter", "DecodeParms", "F", "FFilter", "FDecodeParms", "DL"}
KEYS_ALLOWED = {
    "/Image": frozenset({"Type", "Subtype", "Width", "Height", "ColorSpace", "BitsPerComponent", "Intent", "ImageMask",
                         "Mask", "Decode", "Interpolate", "SMask", "SMaskInData", "Matte", *_STREAM_KEYS,
                         # the inline image's abbreviations, which MuPDF reads in an image object too
                         "W", "H", "BPC", "CS", "IM", "D", "I", "DP"}),
    "/Form": frozenset({"Type", "Subtype", "FormType", "BBox", "Matrix", "Resources", "Group", *_STREAM_KEYS}),
    "/Font": frozenset({"Type", "Subtype", "BaseFont", "FirstChar", "LastChar", "Widths", "FontDescriptor", "Encoding",
                        "ToUnicode", "FontBBox", "FontMatrix", "CharProcs", "Resources", "DescendantFonts",
                        "CIDSystemInfo", "DW", "W", "DW2", "W2", "CIDToGIDMap"}),
}


def _keys_outside_spec(doc: pymupdf.Document, xref: int, source: str) -> int:
    """Drop the keys of an image, form XObject or font outside ``KEYS_ALLOWED``."""
    if _XOBJECT.search(source):
        kind = doc.xref_get_key(xref, "Subtype")[1]
    elif _FONT.search(source):
        kind = doc.xref_get_key(xref, "Type")[1]
    else:
        return 0
    allowed = KEYS_ALLOWED.get(kind)
    if allowed is None:
        return 0
    extra = [k for k in present_keys(doc, xref) if k not in allowed]
    for key in extra:
        _remove_key(doc, xref, key)
    return len(extra)


def _page_tree_node_stripped(doc: pymupdf.Document, xref: int, removed: Counter) -> bool:
    """Drop the keys a page tree node (/Type /Pages) does not need; whether any was dropped."""
    try:
        if doc.xref_get_key(xref, "Type")[1] != "/Pages":
            return False
    except Exception:
        return False
    keys = _disallowed(doc, xref, PAGE_TREE_ALLOWED)
    for key in keys:
        _remove_key(doc, xref, key)
        removed[f"page tree /{key}"] += 1
    return bool(keys)


def _rewrite_carrier(doc: pymupdf.Document, xref: int, source: str, fonts: list, profiles: set,
                     done: Counter) -> None:
    """Rewrite one object to what drawing needs of it, if it is a form, font, descriptor or JPEG image
    (counted in ``done``).

    Fonts are collected for renaming once all are known, ICC profiles (found
    by the colour spaces naming them) for blanking their text tags.
    """
    profiles.update(int(x) for x in _ICC_REF.findall(source))
    done["private keys on images, forms and fonts"] += _keys_outside_spec(doc, xref, source)
    if _FORM.search(source):
        content = bare_marked_content(doc.xref_stream(xref) or b"")
        if content is not None:
            doc.update_stream(xref, content)
            done["marked-content property lists"] += 1
        if doc.xref_get_key(xref, "Resources/Properties")[0] != "null":
            doc.xref_set_key(xref, "Resources/Properties", "null")
    elif _FONT.search(source):
        fonts.append(xref)  # (its obsolete /Name of PDF 1.0 went with the keys outside the spec)
    elif _DESCRIPTOR.search(source):
        for key in FONT_DESCRIPTOR_DROPPED:
            if doc.xref_get_key(xref, key)[0] != "null":
                doc.xref_set_key(xref, key, "null")
                done["font descriptions"] += 1
    elif "/DCTDecode" in source and (jpeg := _jpeg_data(doc, xref)) is not None:
        raw = jpeg
        image = jpeg_without_metadata(raw)
        if image is None:
            raise DamagedPdfError(f"image object {xref}: JPEG data that cannot be read to drop its metadata")
        if image != raw or doc.xref_get_key(xref, "Filter")[1] != "/DCTDecode":
            doc.update_stream(xref, image, compress=False)
            doc.xref_set_key(xref, "Filter", "/DCTDecode")  # update_stream dropped it
            done["image metadata segments"] += 1
    elif "/JPXDecode" in source:
        done.update(_jpx_without_metadata(doc, xref))
    elif _CALCULATOR.search(source):
        program = doc.xref_stream(xref) or b""
        bare = re.sub(rb"%[^\r\n]*", b"", program)  # a calculator function has no strings: % starts a comment
        if bare != program:
            doc.update_stream(xref, bare)
            done["function comments"] += 1


def _jpx_without_metadata(doc: pymupdf.Document, xref: int) -> Counter:
    """A JPEG 2000 image rewritten to the boxes and segments decoding needs (its XML, UUID and
    comment text dropped); refused when it cannot be read to do that."""
    if doc.xref_get_key(xref, "Filter")[1] != "/JPXDecode":
        raise DamagedPdfError(f"image object {xref}: JPEG 2000 data under another filter, cannot drop its metadata")
    raw = doc.xref_stream_raw(xref)
    image = jpx_without_metadata(raw)
    if image is None:
        raise DamagedPdfError(f"image object {xref}: JPEG 2000 data that cannot be read to drop its metadata")
    if image == raw:
        return Counter()
    doc.update_stream(xref, image, compress=False)
    doc.xref_set_key(xref, "Filter", "/JPXDecode")  # update_stream dropped it
    return Counter({"image metadata segments": 1})


def _jpeg_data(doc: pymupdf.Document, xref: int) -> bytes | None:
    """The JPEG data of an image stream: stored as it is, or inside a Flate layer ([/FlateDecode /DCTDecode])."""
    kind, value = doc.xref_get_key(xref, "Filter")
    if value == "/DCTDecode":
        return doc.xref_stream_raw(xref)
    if kind == "array" and re.findall(r"/[A-Za-z0-9]+", value) == ["/FlateDecode", "/DCTDecode"]:
        if doc.xref_get_key(xref, "DecodeParms")[0] != "null":  # a predictor for JPEG data: not met
            return None
        try:
            return zlib.decompress(doc.xref_stream_raw(xref))
        except zlib.error as exc:
            raise DamagedPdfError(f"image object {xref}: compressed JPEG data cannot be read ({exc})") from exc
    return None


def _bare_page_content(doc: pymupdf.Document, page: pymupdf.Page) -> int:
    """Drop marked-content property lists from a page's content (one stream after clean_contents)."""
    if doc.xref_get_key(page.xref, "Resources/Properties")[0] != "null":  # resources made direct by clean_contents
        doc.xref_set_key(page.xref, "Resources/Properties", "null")
    contents = page.get_contents()
    if not contents:
        return 0
    content = bare_marked_content(page.read_contents())
    if content is None:
        return 0
    doc.update_stream(contents[0], content)
    if len(contents) > 1:
        doc.xref_set_key(page.xref, "Contents", f"{contents[0]} 0 R")
    return 1


def _descriptor(doc: pymupdf.Document, font: int) -> int | None:
    kind, value = doc.xref_get_key(font, "FontDescriptor")
    return int(value.split()[0]) if kind == "xref" else None


def _number(doc: pymupdf.Document, xref: int | None, key: str) -> float:
    if xref is None:
        return 0.0
    kind, value = doc.xref_get_key(xref, key)
    try:
        return float(value) if kind in ("int", "float") else 0.0
    except ValueError:
        return 0.0


def _rename_fonts(doc: pymupdf.Document, fonts: list[int]) -> int:
    """Give fonts names that say nothing: embedded ones "Font1" (a subset keeps its "ABCDEF+" tag),
    others a known font's name or the standard font they resemble. Same name in, same name out."""
    names: dict[str, str] = {}
    programs_done: set[int] = set()
    count = 0
    for font in fonts:
        kind, value = doc.xref_get_key(font, "BaseFont")
        if kind != "name":
            continue
        old = value[1:]
        descriptor = _descriptor(doc, font)
        embedded = descriptor is not None and any(
            doc.xref_get_key(descriptor, k)[0] != "null" for k in ("FontFile", "FontFile2", "FontFile3"))
        subtype = doc.xref_get_key(font, "Subtype")[1]
        if old not in names:
            if embedded or subtype in ("/Type0", "/Type3"):
                prefix = m.group(0) if (m := re.match(r"[A-Z]{6}\+", old)) else ""
                names[old] = f"{prefix}Font{len(names) + 1}"
            elif is_known_font(old):
                names[old] = old
            else:
                names[old] = standard_font_for(old, int(_number(doc, descriptor, "Flags")),
                                               _number(doc, descriptor, "FontWeight"),
                                               _number(doc, descriptor, "ItalicAngle"))
        new = names[old]
        if new != old:
            doc.xref_set_key(font, "BaseFont", "/" + new)
            count += 1
        if descriptor is not None and doc.xref_get_key(descriptor, "FontName")[0] == "name":
            doc.xref_set_key(descriptor, "FontName", "/" + new)
        if descriptor is not None and descriptor not in programs_done:
            programs_done.add(descriptor)
            _programs_without_names(doc, descriptor)
    return count


def _cmaps_without_names(doc: pymupdf.Document, fonts: list[int]) -> int:
    """Rewrite the CMaps of fonts (ToUnicode maps, embedded encodings) to their mappings: a
    producer names a font's ToUnicode map after the font (pdfTeX: "TeX-<font>-0", in its name and
    title comment), and the font's own name is made neutral by ``_rename_fonts``."""
    done: set[int] = set()
    count = 0
    for font in fonts:
        for key in ("ToUnicode", "Encoding"):
            kind, ref = doc.xref_get_key(font, key)
            if kind != "xref":
                continue
            xref = int(ref.split()[0])
            if xref in done or not doc.xref_is_stream(xref):
                continue
            done.add(xref)
            cmap = cmap_without_names(doc.xref_stream(xref) or b"")
            if cmap is not None:
                doc.update_stream(xref, cmap)
                count += 1
            if doc.xref_get_key(xref, "CMapName")[0] == "name":  # an embedded encoding's dictionary
                doc.xref_set_key(xref, "CMapName", NEUTRAL_CMAP_NAME.decode())
    return count


def _programs_without_names(doc: pymupdf.Document, descriptor: int) -> None:
    """Rewrite an embedded font program's own names: TrueType/OpenType name tables (FontFile2,
    FontFile3 /OpenType), Type1 clear text (FontFile) and bare CFF (FontFile3 /Type1C,
    /CIDFontType0C). A program that cannot be read this way is left for verify to judge."""
    for key in ("FontFile", "FontFile2", "FontFile3"):
        kind, ref = doc.xref_get_key(descriptor, key)
        if kind != "xref":
            continue
        program = int(ref.split()[0])
        data = doc.xref_stream(program) or b""
        cleaned = sfnt_without_names(data)
        if cleaned is None and key == "FontFile3":
            cleaned = cff_without_names(data)
        # stored plain here and compressed once, by the save (``save_clean``: deflate_fonts, MuPDF's
        # default level): update_stream's own compression runs at the best level, the largest single
        # cost of writing a text document (fonts are most of its bytes)
        if cleaned is not None:
            doc.update_stream(program, cleaned, compress=False)
        elif key == "FontFile":
            clear = doc.xref_get_key(program, "Length1")
            rewritten = type1_without_names(data, int(clear[1])) if clear[0] == "int" else None
            if rewritten is not None:
                doc.update_stream(program, rewritten[0], compress=False)
                doc.xref_set_key(program, "Length1", str(rewritten[1]))


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
        kind, value = doc.xref_get_key(xref, key)
        if kind != "string":
            continue
        if key == "Lang":  # kept as a well-formed language tag only
            tag = language_tag(value)
            if tag is not None:
                if tag != value:
                    doc.xref_set_key(xref, key, f"({tag})")
                continue
        elif "/" + key in STRING_KEYS_ALLOWED:
            continue
        _remove_key(doc, xref, key)
        count += 1
    return count


def _inline_allowed_strings(doc: pymupdf.Document, xref: int, source: str) -> bool:
    """A string allowed under its key (a CID font's /Registry "Adobe", /Ordering "Identity") that a
    producer wrote as an object of its own is written in place: verification takes a string object
    on its own for carried text, as it cannot tell which key it stands under (seen: pypdf and
    PyMuPDF test files, a NORA handreiking; the key stands in a dictionary nested in the font's).
    Whether object ``xref`` (whose source is ``source``) was rewritten so."""

    def direct(match: re.Match) -> str:
        target = doc.xref_object(int(match.group(2)), compressed=True).strip()
        if not target.startswith(("(", "<")) or target.startswith("<<"):
            return match.group(0)
        return f"/{match.group(1)}{target}"

    new = _ALLOWED_STRING_REF.sub(direct, source)
    if new == source or doc.xref_is_stream(xref):
        return False
    doc.update_object(xref, new)
    return True


_ALLOWED_STRING_REF = re.compile(r"/(Registry|Ordering)\s*(\d+)\s+\d+\s+R")
_PAGES_NAME = names_in_source(["Pages"])  # a page tree node's /Type (and the catalog's key)


def present_keys(doc: pymupdf.Document, xref: int) -> list[str]:
    """The keys of a dictionary object that have a value (MuPDF keeps removed keys as null)."""
    return [k for k in doc.xref_get_keys(xref) if doc.xref_get_key(xref, k)[0] != "null"]


def _disallowed(doc: pymupdf.Document, xref: int, allowed: frozenset[str]) -> list[str]:
    return [k for k in present_keys(doc, xref) if k not in allowed]


def _strip_page_label_prefixes(doc: pymupdf.Document) -> int:
    """Keep page numbering styles (/S, /St), drop the text prefixes (/P), which can say anything.
    The labels are written anew whenever there are any: a label dictionary can carry a producer's
    own keys and names too."""
    labels = doc.get_page_labels()
    if not labels:
        return 0
    doc.set_page_labels([{**label, "prefix": ""} for label in labels])
    return sum(1 for label in labels if label.get("prefix"))


def save_clean(doc: pymupdf.Document, path) -> None:
    """Save without history: a full rewrite, unused objects dropped, streams compressed.

    The file identifier is new: MuPDF keeps the first half of the old one,
    which a producer may have written as any text.
    """
    doc.xref_set_key(-1, "ID", f"[<{os.urandom(16).hex()}><{os.urandom(16).hex()}>]")
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
