"""Intake: open an input PDF, refuse what cannot be published safely, and
bring the rest into the one form woopub redacts.

A redaction tool only protects what its text extraction sees. Intake
therefore does two things before any text is read:

* **prepare** (in memory; the input file is never written): show every
  optional-content layer, flatten form fields into page content, drop
  annotations, and drop the alternate texts (/ActualText, /Alt, /E) of
  marked content, so that what MuPDF extracts is exactly what will be
  published.
* **inspect**: refuse, with one line naming the file, every document whose
  text cannot be read or located reliably: missing, empty, not a PDF (a ZIP
  archive named .pdf included), truncated or damaged beyond repair,
  encrypted without the right password, no pages, too large, a portfolio,
  fonts without a Unicode mapping (Type3 without ToUnicode, CID fonts
  without one: these pages need OCR), text inside tiling patterns, text
  drawn at zero size, page content MuPDF cannot interpret.

Owner-password-only PDFs (permissions, no password to open) are published
without encryption, with a warning: they open for anyone, the restrictions
bind reading software rather than the publishing body, and a Woo
publication must be readable and copyable. See README, "Hostile and broken
PDFs".
"""

from __future__ import annotations

import re
import warnings as pywarnings
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from woopub.errors import DamagedPdfError, EncryptedPdfError, InputError, NotAPdfError

# -- limits (a document beyond one is refused, never half-processed) ---------
MAX_FILE_BYTES = 1 << 30  # 1 GiB
MAX_PAGES = 5000
MAX_IMAGE_PIXELS = 250_000_000  # A3 at 1200 dpi is 140 megapixels
MAX_PAGE_CONTENT_BYTES = 64 << 20  # decoded content stream(s) of one page

# %%EOF must stand near the end; readers tolerate a little trailing junk.
EOF_WINDOW = 4096
HEADER_WINDOW = 1024  # the %PDF- header may follow up to 1 KiB of junk
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# MuPDF warnings that mean content was lost while reading. Other warnings
# (a rebuilt cross-reference table, a wrong stream /Length) are repaired
# without loss and only noted.
LOSS_WARNINGS = re.compile(
    r"premature end|object missing|cannot load object|cannot load content stream|cannot find object|"
    r"cannot parse object|non-page object|page tree|syntax error|unknown keyword|zlib|flate|lzw|ccitt|a85d|ahxd|"
    r"corrupt|truncated|too many|stack overflow|invalid character|bad control character|bad escaped character|"
    r"cannot decode image",
    re.IGNORECASE,
)
BENIGN_WARNINGS = re.compile(
    r"cannot find startxref|trying to repair|repairing PDF|cannot recognize xref|expected object number|"
    r"garbage bytes before version marker|stream Length incorrect|invalid xref|broken xref|"
    r"expected generation number|expected 'obj' keyword",  # an xref offset off: the object is found by repair
    re.IGNORECASE,
)

# Text-showing operators of a content stream.
TEXT_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})
# Keys of a marked-content property list that carry text of their own.
ALTERNATE_TEXT_KEYS = ("/ActualText", "/Alt", "/E")
REPLACEMENT_CHARACTER = 0xFFFD
# what MuPDF reports for a glyph it cannot map ("cid12" -> U+000C): never real text
CONTROL_CHARACTERS = frozenset(range(0x20)) - {0x09, 0x0A, 0x0D}

_REF = re.compile(r"(\d+) 0 R")
_NAMED_REF = re.compile(r"/([^\s/<>\[\]()]+)\s*(\d+) 0 R")

pymupdf.TOOLS.mupdf_display_errors(False)  # MuPDF's messages are collected and turned into reasons


class UnreadableTextError(InputError):
    """Text whose characters cannot be mapped to Unicode: its words cannot be detected.

    ``pages`` (1-based) need OCR; ``woopub.ocr`` takes them over.
    """

    def __init__(self, message: str, pages: list[int]):
        super().__init__(message)
        self.pages = pages


class LimitError(InputError):
    """A document beyond a size or time limit."""


@dataclass
class Admitted:
    """An opened, prepared input document and what intake changed or noticed."""

    doc: pymupdf.Document
    notes: list[str] = field(default_factory=list)

    def __enter__(self) -> "Admitted":
        return self

    def __exit__(self, *exc) -> None:
        self.doc.close()


# -- opening ------------------------------------------------------------------


def check_file(path: Path) -> None:
    """Refuse what is not a complete PDF file, before MuPDF sees it."""
    if not path.is_file():
        raise NotAPdfError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise NotAPdfError(f"{path}: empty file")
    if size > MAX_FILE_BYTES:
        raise LimitError(f"{path}: file of {size >> 20} MiB exceeds the limit of {MAX_FILE_BYTES >> 20} MiB")
    with path.open("rb") as fh:
        head = fh.read(HEADER_WINDOW)
        fh.seek(max(0, size - EOF_WINDOW))
        tail = fh.read()
    if head.startswith(ZIP_MAGIC):
        raise NotAPdfError(f"{path}: a ZIP archive, not a PDF: unpack it and add the PDFs inside to the dossier")
    if b"%PDF-" not in head:
        raise NotAPdfError(f"{path}: not a PDF (no %PDF header)")
    if b"%%EOF" not in tail:
        raise DamagedPdfError(f"{path}: truncated PDF (no %%EOF end marker): ask for a complete copy")


def admit(path: Path, password: str | None = None) -> Admitted:
    """Open ``path`` read-only, unlock it, and prepare it for redaction."""
    path = Path(path)
    check_file(path)
    pymupdf.TOOLS.reset_mupdf_warnings()
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # MuPDF raises its own error types
        raise DamagedPdfError(f"{path}: damaged PDF ({one_line(exc)})") from exc
    try:
        notes = _unlock(doc, path, password)
        if doc.is_repaired:
            notes.append("damaged cross-reference table rebuilt")
        if doc.page_count == 0:
            raise DamagedPdfError(f"{path}: PDF has no pages")
        if doc.page_count > MAX_PAGES:
            raise LimitError(f"{path}: {doc.page_count} pages exceed the limit of {MAX_PAGES}")
        if doc.xref_get_key(doc.pdf_catalog(), "Collection")[0] != "null":
            raise InputError(
                f"{path}: a PDF portfolio: its documents are attachments; extract them and add them to the dossier"
            )
        notes += prepare(doc, path)
    except BaseException:
        doc.close()
        raise
    return Admitted(doc, notes)


def _unlock(doc: pymupdf.Document, path: Path, password: str | None) -> list[str]:
    if doc.needs_pass:
        if not password:
            raise EncryptedPdfError(f"{path}: encrypted PDF: needs a password (use --password or --password-file)")
        if not doc.authenticate(password):
            raise EncryptedPdfError(f"{path}: encrypted PDF: the password given does not open it")
        return ["encrypted: opened with the password given, published without encryption"]
    if (doc.metadata or {}).get("encryption"):
        return ["owner-password restrictions (printing, copying, changing) lifted: published without encryption"]
    return []


# -- preparing ------------------------------------------------------------------


def prepare(doc: pymupdf.Document, path: Path) -> list[str]:
    """Bring ``doc`` into the form that is extracted, redacted and published."""
    notes = []
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
    return notes


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
    optional = set(doc.get_ocgs())
    for xref in range(1, doc.xref_length()):
        kind = _get(doc, xref, "Type")
        if kind in ("/OCG", "/OCMD"):
            optional.add(xref)
    count = 0
    for xref in range(1, doc.xref_length()):
        if _get_type(doc, xref, "OC") != "null":
            doc.xref_set_key(xref, "OC", "null")
            count += 1
        for prefix in ("", "Resources/"):
            kind, value = _key(doc, xref, prefix + "Properties")
            if kind != "dict":
                continue
            for name, target in _NAMED_REF.findall(value):
                if int(target) in optional:
                    doc.xref_set_key(xref, f"{prefix}Properties/{name}", "<<>>")
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
        for link in page.get_links():
            page.delete_link(link)
            count += 1
        if doc.xref_get_key(page.xref, "Annots")[0] != "null":
            doc.xref_set_key(page.xref, "Annots", "null")  # popups and annotation kinds MuPDF does not list
    return count


def content_streams(doc: pymupdf.Document) -> list[int]:
    """Every stream that is drawn as content: pages, form XObjects, tiling patterns, Type3 glyphs."""
    xrefs: set[int] = set()
    for page in doc:
        xrefs.update(page.get_contents())
    for xref in range(1, doc.xref_length()):
        if not _is_stream(doc, xref):
            continue
        if _get(doc, xref, "Subtype") == "/Form" or _get(doc, xref, "PatternType") == "1":
            xrefs.add(xref)
    return sorted(xrefs)


def remove_alternate_texts(doc: pymupdf.Document, path: Path) -> int:
    """Drop /ActualText, /Alt and /E from marked content, in content streams and property lists.

    MuPDF extracts /ActualText instead of the glyphs it stands for, and
    redaction removes the glyphs but leaves the property list: a redacted
    name would survive there. Alternate texts are accessibility aids; the
    structure tree they belong to is removed by sanitize() anyway.
    """
    import pikepdf

    count = 0
    for xref in content_streams(doc):
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
            count += changed
    for xref in range(1, doc.xref_length()):  # named property lists (resources)
        for key in ALTERNATE_TEXT_KEYS:
            if _get_type(doc, xref, key[1:]) not in ("null", ""):
                doc.xref_set_key(xref, key[1:], "null")
                count += 1
    return count


def parse_content(data: bytes, what: str) -> list:
    """Tokenise a content stream with qpdf (through pikepdf); refuse what it cannot parse."""
    import pikepdf

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


# -- inspecting -----------------------------------------------------------------


def inspect(doc: pymupdf.Document, path: Path) -> list[str]:
    """Refuse ``doc`` when its text cannot be read or located reliably. Returns notes."""
    path = Path(path)
    _check_images(doc, path)
    _check_patterns(doc, path)
    unreadable: dict[int, str] = {}
    for page in doc:
        number = page.number + 1
        size = sum(len(doc.xref_stream(x) or b"") for x in page.get_contents())
        if size > MAX_PAGE_CONTENT_BYTES:
            raise LimitError(f"{path}: page {number}: {size >> 20} MiB of content exceeds the limit")
        try:
            trace = page.get_texttrace()
            why = unreadable_text(doc, page, trace)
        except RecursionError as exc:
            raise DamagedPdfError(f"{path}: page {number} cannot be interpreted (resources nested too deep)") from exc
        except Exception as exc:
            raise DamagedPdfError(f"{path}: page {number} cannot be interpreted ({one_line(exc)})") from exc
        if why:
            unreadable[number] = why
        if _unplaced_glyphs(page, trace):
            raise DamagedPdfError(
                f"{path}: page {number} holds text drawn at zero size, which cannot be located for redaction"
            )
        lost = loss_warnings()
        if lost:
            raise DamagedPdfError(f"{path}: damaged PDF: page {number}: {lost[0]}")
    if unreadable:
        pages = sorted(unreadable)
        first = pages[0]
        raise UnreadableTextError(
            f"{path}: text cannot be read on page(s) {_ranges(pages)} (page {first}: {unreadable[first]}): "
            "needs OCR before it can be redacted",
            pages,
        )
    return []


def unreadable_text(doc: pymupdf.Document, page: pymupdf.Page, trace: list[dict]) -> str | None:
    """Why the text of a page cannot be read (its words cannot be detected), or None."""
    type3 = _type3_without_tounicode(doc, page) if trace else set()
    for span in trace:
        if any(c[0] == REPLACEMENT_CHARACTER or c[0] in CONTROL_CHARACTERS for c in span["chars"]):
            return f"font {span['font']!r} has no Unicode mapping"
        if span["font"] in type3 and any(not chr(c[0]).isspace() for c in span["chars"]):
            return f"Type3 font {span['font']!r} without ToUnicode"
    return None


def _unplaced_glyphs(page: pymupdf.Page, trace: list[dict]) -> bool:
    """Does the page draw glyphs that no extracted word holds (text of no size, no width)?

    A glyph with an empty box alone is no proof: the second letter of a
    ligature ("fi") has no width of its own, yet its word holds it. So the
    glyphs drawn are counted against the letters of the words extracted.
    """
    glyphs = [c for span in trace for c in span["chars"] if not chr(c[0]).isspace()]
    if not any(_empty(c[3]) for c in glyphs):
        return False
    from woopub.extract import WORD_CLIP, WORD_FLAGS  # extract imports this module

    words = page.get_text("words", flags=WORD_FLAGS, clip=WORD_CLIP)
    return len(glyphs) > sum(sum(not ch.isspace() for ch in w[4]) for w in words)


def loss_warnings() -> list[str]:
    """MuPDF's warnings since the last call that mean content was lost while reading."""
    return [w for w in _warnings() if LOSS_WARNINGS.search(w) and not BENIGN_WARNINGS.search(w)]


def _check_images(doc: pymupdf.Document, path: Path) -> None:
    for xref in range(1, doc.xref_length()):
        if _get(doc, xref, "Subtype") != "/Image":
            continue
        try:
            width, height = int(_get(doc, xref, "Width")), int(_get(doc, xref, "Height"))
        except ValueError:
            continue
        if width * height > MAX_IMAGE_PIXELS:
            raise LimitError(
                f"{path}: image of {width}x{height} pixels exceeds the limit of {MAX_IMAGE_PIXELS // 1_000_000} megapixels"
            )


def _check_patterns(doc: pymupdf.Document, path: Path) -> None:
    """Refuse text inside tiling patterns: MuPDF redaction does not reach into pattern cells."""
    for xref in range(1, doc.xref_length()):
        if _get(doc, xref, "PatternType") != "1" or not _is_stream(doc, xref):
            continue
        data = doc.xref_stream(xref) or b""
        if b"BT" not in data:
            continue
        if any(str(getattr(i, "operator", "")) in TEXT_OPERATORS for i in parse_content(data, f"{path}: pattern {xref}")):
            raise InputError(f"{path}: text inside a tiling pattern (object {xref}), which woopub cannot redact")


def _type3_without_tounicode(doc: pymupdf.Document, page: pymupdf.Page) -> set[str]:
    """Names (as the text trace reports them) of a page's Type3 fonts without a ToUnicode map.

    Type3 glyphs are drawings; without ToUnicode their character codes say
    nothing about what is drawn, even when MuPDF reports plausible letters.
    """
    names: set[str] = set()
    for xref, _, kind, basefont, resname, *_ in page.get_fonts(full=True):
        if kind == "Type3" and _get_type(doc, xref, "ToUnicode") == "null":
            # the trace names a Type3 font by /Name, /BaseFont or "Type3 (N 0 R)"
            names.update(n for n in (basefont, resname, _get(doc, xref, "Name").lstrip("/")) if n and n != "null")
            names.add(f"Type3 ({xref} 0 R)")
    return names


def _warnings() -> list[str]:
    text = pymupdf.TOOLS.mupdf_warnings(reset=True)
    return [w.strip() for w in text.splitlines() if w.strip()]


# -- reasons ----------------------------------------------------------------------


def refusal_reason(path: Path, exc: BaseException) -> str:
    """One line naming the file and why it was refused, for any exception."""
    text = one_line(exc)
    if isinstance(exc, InputError):
        return text if text.startswith(str(path)) else f"{path}: {text}"
    if isinstance(exc, MemoryError) or re.search(r"malloc|out of memory|cannot allocate", text, re.IGNORECASE):
        return f"{path}: needs more memory than the per-document limit"
    return f"{path}: cannot be processed ({type(exc).__name__}: {text})"


# -- small helpers --------------------------------------------------------------


def one_line(exc) -> str:
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__


def _empty(bbox) -> bool:
    x0, y0, x1, y1 = bbox
    return not (x1 > x0 and y1 > y0)


def _ranges(pages: list[int]) -> str:
    out, start = [], pages[0]
    for a, b in zip(pages, pages[1:] + [None]):
        if b != a + 1:
            out.append(str(start) if start == a else f"{start}-{a}")
            start = b
    return ", ".join(out)


def _key(doc: pymupdf.Document, xref: int, key: str) -> tuple[str, str]:
    try:
        return doc.xref_get_key(xref, key)
    except Exception:  # free or broken object numbers
        return "null", "null"


def _get(doc: pymupdf.Document, xref: int, key: str) -> str:
    return _key(doc, xref, key)[1]


def _get_type(doc: pymupdf.Document, xref: int, key: str) -> str:
    return _key(doc, xref, key)[0]


def _is_stream(doc: pymupdf.Document, xref: int) -> bool:
    try:
        return bool(doc.xref_is_stream(xref))
    except Exception:
        return False
