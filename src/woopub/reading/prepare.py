"""Prepare: bring an opened input PDF into the one form woopub extracts, redacts and publishes.

In memory only; the input file is never written. A redaction tool only
protects what its text extraction sees, so before any text is read:

* every optional-content layer is shown: MuPDF does not extract a hidden
  layer, yet any reader can switch it on;
* form fields are flattened into the page: their values are content, and
  are detected and redacted like any text;
* annotations and links are dropped: comments are not part of the record;
* the alternate texts (/ActualText, /Alt, /E) of marked content are
  dropped: MuPDF extracts an /ActualText instead of the glyphs it stands
  for, and redaction removes the glyphs but leaves the property list.

Also the small readers of raw PDF objects that intake and verify share.
"""

from __future__ import annotations

import re
import warnings as pywarnings
from pathlib import Path

import pikepdf
import pymupdf

from woopub.errors import DamagedPdfError, one_line

# Keys of a marked-content property list that carry text of their own.
ALTERNATE_TEXT_KEYS = ("/ActualText", "/Alt", "/E")

_REFERENCE = re.compile(r"\d+\s+\d+\s+R")
_NAMED_REF = re.compile(r"/([^\s/<>\[\]()]+)\s*(\d+) 0 R")


def prepare(doc: pymupdf.Document, path: Path) -> list[str]:
    """Bring ``doc`` into the form that is extracted, redacted and published."""
    notes = []
    join_page_contents(doc)
    layers = show_hidden_layers(doc)
    if layers:
        notes.append(f"{layers} optional-content layer reference(s): every layer shown")
    fields = sum(1 for page in doc for _ in page.widgets())
    if fields:
        try:
            doc.bake(annots=False, widgets=True)
        except Exception as exc:
            raise DamagedPdfError(f"{path}: form fields cannot be flattened ({one_line(exc)})") from exc
        notes.append(f"{fields} form field(s) flattened into the page")
    annots = remove_annotations(doc)
    if annots:
        notes.append(f"{annots} annotation(s) and link(s) removed (comments are not published)")
    attached = doc.embfile_count()
    if attached:
        notes.append(f"{attached} attached file(s) removed: assess and publish them as documents of their own")
    alternates = remove_alternate_texts(doc, path)
    if alternates:
        notes.append(f"{alternates} alternate text(s) of marked content removed")
    scaled = bake_user_units(doc)
    if scaled:
        notes.append(f"{scaled} page(s) with a /UserUnit drawn at that scale in ordinary units")
    return notes


_PAGE_BOXES = ("MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox")


def bake_user_units(doc: pymupdf.Document) -> int:
    """Give pages with a /UserUnit the same size in ordinary units: boxes scaled, content drawn scaled.

    MuPDF places redaction labels on such a page in unscaled units (elsewhere
    than the box); baked, the page is ordinary and prints at the same size.
    """
    count = 0
    for page in doc:
        kind, value = doc.xref_get_key(page.xref, "UserUnit")
        try:
            unit = float(value) if kind in ("int", "float") else 1.0
        except ValueError:
            unit = 1.0
        if kind == "null" or unit == 1.0:
            continue
        if not 0 < unit <= 75000:
            raise DamagedPdfError(f"page {page.number + 1}: /UserUnit {value} is not a page scale")
        for key in _PAGE_BOXES:
            box = doc.xref_get_key(page.xref, key)
            if box[0] == "null" and key == "MediaBox":  # inherited from the page tree
                box = ("array", "[%g %g %g %g]" % tuple(page.mediabox))
            if box[0] == "array":
                numbers = [float(n) * unit for n in box[1].strip("[]").split()]
                doc.xref_set_key(page.xref, key, "[" + " ".join(f"{n:g}" for n in numbers) + "]")
        before, after = doc.get_new_xref(), doc.get_new_xref()
        for xref, data in ((before, b"q %g 0 0 %g 0 0 cm\n" % (unit, unit)), (after, b"\nQ")):
            doc.update_object(xref, "<<>>")
            doc.update_stream(xref, data)
        refs = " ".join(f"{x} 0 R" for x in [before, *page.get_contents(), after])
        doc.xref_set_key(page.xref, "Contents", f"[{refs}]")
        doc.xref_set_key(page.xref, "UserUnit", "null")
        count += 1
    return count


def join_page_contents(doc: pymupdf.Document) -> int:
    """Make each page's content streams one stream. The PDF specification reads them as one, and
    writers (Word 2013, the Adobe PDF Library) split them anywhere between tokens, even between
    an operand and its operator: read one by one, each looks damaged. Returns the pages joined."""
    joined = 0
    for page in doc:
        xrefs = page.get_contents()
        if len(xrefs) < 2:
            continue
        # white space between the parts: a split falls between tokens, never inside one
        data = b"\n".join(doc.xref_stream(x) or b"" for x in xrefs)
        doc.update_stream(xrefs[0], data)
        page.set_contents(xrefs[0])
        joined += 1
    return joined


def show_hidden_layers(doc: pymupdf.Document) -> int:
    """Make every optional-content group visible; returns how many references were neutralised.

    Content in a hidden layer is not extracted by MuPDF, so its words would
    never be detected, yet any reader can switch the layer on. Every
    /Properties entry naming an OCG or OCMD is replaced by an empty property
    list and every /OC key dropped: nothing is optional any more. The layer
    names (which may be personal) go with /OCProperties in sanitize().
    """
    if doc.xref_get_key(doc.pdf_catalog(), "OCProperties")[0] == "null":
        return 0
    # an object naming none of these carries no layer, no /OC and no property list (and none of
    # this changes which objects do): the others are asked about key by key, in order
    carriers = names_carried(doc, _LAYER_NAMES)
    optional = set(doc.get_ocgs())
    for xref in carriers:
        kind = key_value(doc, xref, "Type")
        if kind in ("/OCG", "/OCMD"):
            optional.add(xref)
    count = 0
    for xref in carriers:
        if key_type(doc, xref, "OC") != "null":
            doc.xref_set_key(xref, "OC", "null")
            count += 1
        for prefix in ("", "Resources/"):
            kind, value = key_entry(doc, xref, prefix + "Properties")
            holder, path = xref, f"{prefix}Properties/"
            if kind == "xref":  # a property list of its own: its entries are changed there
                holder, path = int(value.split()[0]), ""
                kind, value = "dict", doc.xref_object(holder, compressed=True)
            if kind != "dict":
                continue
            for name, target in _NAMED_REF.findall(value):
                if int(target) in optional:
                    doc.xref_set_key(holder, f"{path}{name}", "<<>>")
                    count += 1
    return count


def remove_annotations(doc: pymupdf.Document) -> int:
    """Delete every annotation and link (widgets were flattened before)."""
    count = 0
    for page in doc:
        for widget in list(page.widgets()):
            page.delete_widget(widget)
            count += 1
        for annot in list(page.annots()):
            page.delete_annot(annot)
            count += 1
        # what is left in /Annots are links, popups and kinds MuPDF does not list: counted from the
        # array itself, as page.get_links() is quadratic in the number of links (16,384 took minutes)
        kind, value = doc.xref_get_key(page.xref, "Annots")
        if kind == "array":
            count += len(_REFERENCE.findall(value))
        if kind != "null":
            doc.xref_set_key(page.xref, "Annots", "null")
    return count


def content_streams(doc: pymupdf.Document, carriers: dict[int, set[str] | None] | None = None) -> list[int]:
    """Every stream that is drawn as content: pages, form XObjects, tiling patterns, Type3 glyphs.

    ``carriers``: ``names_carried`` of the document with (at least) _CONTENT_NAMES, when the
    caller has it."""
    xrefs: set[int] = set()
    for page in doc:
        xrefs.update(page.get_contents())
    if carriers is None:
        carriers = names_carried(doc, _CONTENT_NAMES)
    for xref, names in carriers.items():
        if names is not None and not names & _CONTENT_NAME_SET:
            continue  # neither /Form nor /PatternType in its source
        if not is_stream(doc, xref):
            continue
        if key_value(doc, xref, "Subtype") == "/Form" or key_value(doc, xref, "PatternType") == "1":
            xrefs.add(xref)
    return sorted(xrefs)


def remove_alternate_texts(doc: pymupdf.Document, path: Path) -> int:
    """Drop /ActualText, /Alt and /E from marked content, in content streams and property lists.

    MuPDF extracts /ActualText instead of the glyphs it stands for, and
    redaction removes the glyphs but leaves the property list: a redacted
    name would survive there. Alternate texts are accessibility aids; the
    structure tree they belong to is removed by sanitize() anyway.
    """
    carriers = names_carried(doc, _CONTENT_OR_ALTERNATE)  # one read of every object for both walks
    count = 0
    rewritten = []
    for xref in content_streams(doc, carriers):
        data = doc.xref_stream(xref) or b""
        if b"BDC" not in data and b"DP" not in data:
            continue
        instructions = parse_content(data, f"{path}: content stream {xref}")
        changed = 0
        for ins in instructions:
            if str(getattr(ins, "operator", "")) in ("BDC", "DP"):
                props = ins.operands[-1] if len(ins.operands) else None
                if isinstance(props, pikepdf.Dictionary):
                    for key in ALTERNATE_TEXT_KEYS:
                        if key in props:
                            del props[key]
                            changed += 1
        if changed:
            doc.update_stream(xref, pikepdf.unparse_content_stream(instructions))
            rewritten.append(xref)
            count += changed
    # a stream rewritten has a new dictionary (its /Length, /Filter): read again; no other object changed
    carriers.update(names_carried(doc, _CONTENT_OR_ALTERNATE, rewritten, all_of=True))
    for xref, names in carriers.items():  # named property lists (resources)
        if names is None:  # free or broken object numbers
            continue
        for key in sorted(names & _ALTERNATE_NAME_SET):
            if key_type(doc, xref, key) not in ("null", ""):
                doc.xref_set_key(xref, key, "null")
                count += 1
    return count


def parse_content(data: bytes, what: str) -> list:
    """Tokenise a content stream with qpdf (through pikepdf); refuse what it cannot parse."""
    scratch = pikepdf.new()
    with pywarnings.catch_warnings(record=True) as caught:
        pywarnings.simplefilter("always")
        try:
            instructions = pikepdf.parse_content_stream(pikepdf.Stream(scratch, data))
        except Exception as exc:
            raise DamagedPdfError(f"{what} cannot be parsed ({one_line(exc)})") from exc
    if caught:
        raise DamagedPdfError(f"{what} cannot be parsed ({one_line(caught[0].message)})")
    return instructions


# -- reading raw objects ------------------------------------------------------------


def names_in_source(names) -> re.Pattern:
    """Any of ``names`` as a whole PDF name ("/Alt", not "/Alternates") in an object's source.

    The source is the one MuPDF writes (``xref_object``): names in their plain
    spelling, without #-escapes for letters, so a key an object carries is
    found here. The group is the name found. Callers use it to skip the many
    objects that carry none of the names, and ask MuPDF about the others.
    """
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"/({alternatives})(?![^\s/<>\[\]()%{{}}])")  # a name ends at white space or a delimiter


def names_carried(doc: pymupdf.Document, pattern: re.Pattern, xrefs=None, all_of: bool = False
                  ) -> dict[int, set[str] | None]:
    """The objects whose source names any of ``pattern``'s names (``names_in_source``), with the names
    found; None for an object whose source cannot be read (the caller asks MuPDF about it as before).

    One read of each object instead of a question to MuPDF per object and key (each question costs
    about as much as the read): a key an object carries, or a name it has as a value, stands in
    its source, so an object naming none of them need not be asked about. ``xrefs``: only these objects (else all);
    ``all_of``: list them even when they name none (an empty set)."""
    found: dict[int, set[str] | None] = {}
    for xref in range(1, doc.xref_length()) if xrefs is None else xrefs:
        try:
            source = doc.xref_object(xref, compressed=True)
        except Exception:  # free or broken object numbers
            found[xref] = None
            continue
        names = set(pattern.findall(source))
        if names or all_of:
            found[xref] = names
    return found


# alternate texts as keys of property lists (resources)
_ALTERNATE_NAME_SET = frozenset(key[1:] for key in ALTERNATE_TEXT_KEYS)
# what makes a stream content of its own (content_streams): a form XObject, a tiling pattern
_CONTENT_NAME_SET = frozenset({"Form", "PatternType"})
_CONTENT_NAMES = names_in_source(_CONTENT_NAME_SET)
_CONTENT_OR_ALTERNATE = names_in_source(_CONTENT_NAME_SET | _ALTERNATE_NAME_SET)
# optional content (show_hidden_layers): a layer (/Type /OCG, /OCMD), an /OC key, a property list
_LAYER_NAMES = names_in_source(("OCG", "OCMD", "OC", "Properties", "Resources"))


def key_entry(doc: pymupdf.Document, xref: int, key: str) -> tuple[str, str]:
    try:
        return doc.xref_get_key(xref, key)
    except Exception:  # free or broken object numbers
        return "null", "null"


def key_value(doc: pymupdf.Document, xref: int, key: str) -> str:
    return key_entry(doc, xref, key)[1]


def key_type(doc: pymupdf.Document, xref: int, key: str) -> str:
    return key_entry(doc, xref, key)[0]


def is_stream(doc: pymupdf.Document, xref: int) -> bool:
    try:
        return bool(doc.xref_is_stream(xref))
    except Exception:
        return False
