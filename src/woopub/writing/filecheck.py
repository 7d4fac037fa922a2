"""Verification of what a published file carries beside its pages' text and pixels.

The file's hygiene (metadata, outlines, attachments, annotations, links, keys outside sanitize's
allow-lists, alternate texts, incremental history) and the redacted values in every object and
stream (``check_objects``), in every text string as a second parser (qpdf) reads it
(``check_strings``), and in the raw bytes, unreferenced streams included (``check_raw``).
"""

from __future__ import annotations

import io
import re
import zlib

import pikepdf
import pymupdf

from woopub.errors import InputError
from woopub.model import Problem
from woopub.reading.prepare import ALTERNATE_TEXT_KEYS, content_streams, names_in_source, parse_content
from woopub.writing.sanitize import ANY_OBJECT_KEYS, CATALOG_ALLOWED, PAGE_ALLOWED, STRING_KEYS_ALLOWED, present_keys
from woopub.writing.secrets import Matchers, Secret, secret_sets

INFO_KEYS = ("title", "author", "subject", "keywords", "creator", "producer", "creationDate", "modDate", "trapped")
# A stream inflating beyond this is not searched further (a decompression bomb).
RAW_STREAM_LIMIT = 256 << 20
_RAW_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_RAW_IMAGE = re.compile(rb"/Subtype\s*/Image")
RAW_DICT_WINDOW = 4096  # how far back from "stream" its dictionary is looked for


def check_hygiene(doc: pymupdf.Document, raw: bytes, name: str) -> list[Problem]:
    problems = []
    meta = doc.metadata or {}
    if any(meta.get(k) for k in INFO_KEYS):
        problems.append(Problem(name, "metadata", "Info dictionary is not empty"))
    if doc.get_xml_metadata():
        problems.append(Problem(name, "metadata", "XMP metadata present"))
    if doc.get_toc():
        problems.append(Problem(name, "outline", f"{len(doc.get_toc())} outline entries"))
    if doc.embfile_count():
        problems.append(Problem(name, "attachments", f"{doc.embfile_count()} attached files"))
    for page in doc:
        if page.first_annot is not None or page.first_widget is not None:
            problems.append(Problem(name, "annotations", f"page {page.number + 1} has annotations or form fields"))
        if page.get_links():
            problems.append(Problem(name, "links", f"page {page.number + 1} has links"))
    catalog = doc.pdf_catalog()
    for key in present_keys(doc, catalog):
        if key not in CATALOG_ALLOWED:
            problems.append(Problem(name, "catalog", f"{shown_key(key)} present"))
    for page in doc:
        extra = [k for k in present_keys(doc, page.xref) if k not in PAGE_ALLOWED]
        if extra:
            problems.append(Problem(name, "page", f"page {page.number + 1} carries {', '.join(map(shown_key, extra))}"))
    if any(label.get("prefix") for label in doc.get_page_labels()):
        problems.append(Problem(name, "page labels", "page labels carry text prefixes"))
    javascript = False
    for xref in range(1, doc.xref_length()):
        try:
            obj = doc.xref_object(xref, compressed=True)
        except Exception:
            continue
        if not javascript and _JAVASCRIPT_NAME.search(obj):
            problems.append(Problem(name, "javascript", f"object {xref} holds JavaScript"))
            javascript = True
        if not _CARRIED_NAME.search(obj):  # MuPDF writes the source: a key present is named in it
            continue
        try:
            keys = present_keys(doc, xref)
        except Exception:
            continue
        carried = [k for k in keys if k in ANY_OBJECT_KEYS or "/" + k in ALTERNATE_TEXT_KEYS]
        if carried:
            problems.append(Problem(name, "carried data", f"object {xref} carries /{', /'.join(carried)}"))
    problems += _check_marked_content(doc, name)
    if raw.count(b"%%EOF") > 1 or len(re.findall(rb"startxref", raw)) > 1:
        problems.append(Problem(name, "history", "incremental updates: an earlier revision may be recoverable"))
    return problems


# The names MuPDF knows (its name table: the keys and values of the spec it reads). A key outside
# them is a producer's own and can be anything, a person's name too: a message never shows it.
KNOWN_NAMES = frozenset(n[len("PDF_ENUM_NAME_"):] for n in dir(pymupdf.mupdf) if n.startswith("PDF_ENUM_NAME_")) | {
    "Threads", "Legal", "Perms", "SpiderInfo", "Collection", "Requirements", "NeedsRendering", "DSS", "DPartRoot",
    "PresSteps", "SeparationInfo", "BoxColorInfo", "Trans", "Dur", "VP", "PZ", "Tabs", "Thumb", "B", "Outlines",
    "PieceInfo", "LastModified", "Metadata"}  # catalog and page keys of the spec MuPDF does not read


def shown_key(key: str) -> str:
    """A dictionary key as a message may show it: "/Key" if MuPDF knows the name, else a description."""
    return f"/{key.lstrip('/')}" if key.lstrip("/") in KNOWN_NAMES else "a key of the producer's own"


# a key that no published object may carry, as a whole name in an object's source
# whole names: a font's subset tag may start with them ("/JSKKZL+LiberationSans", pdftocairo)
_JAVASCRIPT_NAME = names_in_source(["JavaScript", "JS"])
_CARRIED_NAME = names_in_source([*ANY_OBJECT_KEYS, *(k.lstrip("/") for k in ALTERNATE_TEXT_KEYS)])


def _check_marked_content(doc: pymupdf.Document, name: str) -> list[Problem]:
    """Alternate texts (/ActualText, /Alt, /E) in the marked content of any content stream."""
    for xref in content_streams(doc):
        data = doc.xref_stream(xref) or b""
        if b"BDC" not in data and b"DP" not in data:
            continue
        try:
            instructions = parse_content(data, f"content stream {xref}")
        except InputError as exc:
            return [Problem(name, "content", str(exc))]
        for ins in instructions:
            if str(getattr(ins, "operator", "")) in ("BDC", "DP") and len(ins.operands):
                props = ins.operands[-1]
                if isinstance(props, pikepdf.Dictionary) and any(k in props for k in ALTERNATE_TEXT_KEYS):
                    return [Problem(name, "alternate text", f"content stream {xref} carries alternate text")]
    return []


def check_objects(doc: pymupdf.Document, name: str, secrets: list[Secret], kept: frozenset[str] = frozenset()) -> list[Problem]:
    """Search every object and every stream except images and font programs for redacted values.

    Content streams are searched too: text MuPDF cannot show (content it
    fails to parse) still stands there. A value also kept public in this
    document (``kept``, lower case) is not searched in content streams: the
    text check tells its kept occurrences from leaks by their place.
    """
    matcher = Matchers(secrets)
    if matcher.empty:
        return []
    content = set(content_streams(doc))
    problems = []
    for xref in range(1, doc.xref_length()):
        try:
            obj = doc.xref_object(xref, compressed=True)
        except Exception:
            continue
        if "/Image" in obj or "/FontFile" in obj or "/Length1" in obj:
            continue  # pixels and font programs
        blob = obj.encode("latin-1", "replace")
        if doc.xref_is_stream(xref):
            try:
                blob += b"\n" + (doc.xref_stream(xref) or b"")
            except Exception:
                pass
        for s in matcher.find(blob):
            if not (xref in content and s.value.lower() in kept):
                problems.append(Problem(name, "leak", f"{s.label} is in PDF object {xref}"))
    return problems


def check_strings(raw: bytes, name: str, secrets: list[Secret]) -> list[Problem]:
    """Read the file with a second parser (qpdf) and check every text string in it.

    A string outside ``STRING_KEYS_ALLOWED`` (or a colour palette) is a
    problem by itself: after sanitising, no text belongs anywhere but in
    page content. Every string is also searched for redacted values.
    """
    try:
        pdf = pikepdf.open(io.BytesIO(raw))
    except Exception as exc:
        return [Problem(name, "unreadable", f"a second PDF parser (qpdf) cannot read the file ({exc})")]
    groups = secret_sets(secrets)
    problems: list[Problem] = []
    stray: list[str] = []
    with pdf:
        # pikepdf gives an indirect number or boolean as a plain Python value, without objgen
        roots = [("trailer", pdf.trailer)] + [(f"object {o.objgen[0]}", o) for o in pdf.objects
                                              if isinstance(o, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream, pikepdf.String))]
        try:
            for where, root in roots:
                for key, text in _strings(root):
                    if key not in STRING_KEYS_ALLOWED and key != PALETTE:  # a palette draws: searched, not stray
                        stray.append(f"{where} {shown_key(key)}")
                    found = next((s for s in (g.first_in(text) for g in groups) if s is not None), None)
                    if found:
                        problems.append(Problem(name, "leak", f"{found.label} is in a text string of {where}"))
        except Exception as exc:  # qpdf opened it but cannot read all of it
            problems.append(Problem(name, "unreadable", f"a second PDF parser (qpdf) cannot read all of it ({exc})"))
    if stray:
        problems.append(Problem(name, "carried text", f"text strings where none belong: {', '.join(stray[:5])}"))
    return problems


PALETTE = "/Indexed"  # the colour table of an /Indexed colour space, a string of colour values


def _strings(obj, key: str = "", depth: int = 0):
    """(key, text) of every string directly in ``obj`` (not through references)."""
    if depth > 64:
        return
    if isinstance(obj, pikepdf.String):
        yield key, _decode(obj)
        if key == PALETTE:  # colour values, not text: a producer's bytes may spell UTF-16 without a mark
            data = bytes(obj)
            yield from ((key, data[k:].decode(c, "ignore")) for c in ("utf-16-be", "utf-16-le") for k in (0, 1))
    elif isinstance(obj, pikepdf.Array):
        palette = len(obj) >= 4 and obj[0] == pikepdf.Name.Indexed
        for item in obj:
            if not getattr(item, "is_indirect", False):
                yield from _strings(item, PALETTE if palette else key, depth + 1)
    elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        for k, v in obj.items():
            if not getattr(v, "is_indirect", False):
                yield from _strings(v, k, depth + 1)


def _decode(s: pikepdf.String) -> str:
    try:
        return str(s)
    except Exception:
        return bytes(s).decode("latin-1")


def check_raw(raw: bytes, name: str, secrets: list[Secret]) -> list[Problem]:
    """Search the raw bytes and every Flate stream in them, referenced or not.

    This sees what the cross-reference table hides: objects of an earlier
    revision, orphaned objects, data after the end of the file. Image data
    is not inflated: pixels hold no text to search (that is OCR's work).
    """
    matcher = Matchers(secrets)
    if matcher.empty:
        return []
    found = set(matcher.find(raw))
    for m in _RAW_STREAM.finditer(raw):
        head = raw[max(0, m.start() - RAW_DICT_WINDOW) : m.start()]
        if _RAW_IMAGE.search(head.rsplit(b" obj", 1)[-1]):
            continue
        try:
            found.update(matcher.find(zlib.decompressobj().decompress(raw[m.end() : m.end() + RAW_STREAM_LIMIT], RAW_STREAM_LIMIT)))
        except zlib.error:
            continue
    return [Problem(name, "leak", f"{s.label} is in the raw bytes of the file") for s in sorted(found, key=lambda s: s.label)]
