"""Intake: open an input PDF and refuse, with one line naming the file, what
cannot be published safely; prepare the rest (``woopub.reading.prepare``).

Refused: missing, empty, not a PDF (a ZIP archive named .pdf included),
truncated or damaged beyond repair (MuPDF's warnings are read), encrypted
without the right password, no pages, beyond a limit, a portfolio, and every
document whose text cannot be read or located reliably: fonts without a
Unicode mapping (Type3 without ToUnicode, CID fonts without one: these
pages need OCR), text inside tiling patterns, text drawn at zero size, page
content MuPDF cannot interpret. Their words could not be detected, so they
are never published as clean.

Owner-password-only PDFs (permissions, no password to open) are published
without encryption, with a warning: they open for anyone, the restrictions
bind reading software rather than the publishing body, and a Woo
publication must be readable and copyable. See README, "Hostile and broken
PDFs".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from woopub.errors import DamagedPdfError, EncryptedPdfError, InputError, NotAPdfError, one_line
from woopub.reading.prepare import is_stream, key_type, key_value, names_carried, names_in_source, parse_content, prepare

# No TEXT_MEDIABOX_CLIP, and an infinite clip (PyMuPDF otherwise drops words
# outside the page rectangle): text outside the crop box and in tiling
# patterns is extracted too, so it is detected like any other text.
# No TEXT_PRESERVE_LIGATURES: "ﬁ" reads "fi".
WORD_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_CID_FOR_UNKNOWN_UNICODE
WORD_CLIP = pymupdf.INFINITE_RECT()

# -- limits (a document beyond one is refused, never half-processed) ---------
MAX_FILE_BYTES = 1 << 30  # 1 GiB
MAX_PAGES = 5000
MAX_IMAGE_PIXELS = 250_000_000  # A3 at 1200 dpi is 140 megapixels
OCR_DPI = 300  # the resolution a page is read at by OCR (reading/ocr.py DPI): A0 is 140 megapixels
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
    r"expected generation number|expected 'obj' keyword|"  # an xref offset off: the object is found by repair
    r"ICC profile \(N=\d+\) is not|"  # a profile for other channels: MuPDF ignores it, draws the alternate
    r"invalid ICC colorspace",  # a profile littlecms cannot open: MuPDF draws in the device colours instead
    re.IGNORECASE,
)

# Text-showing operators of a content stream.
TEXT_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})


pymupdf.TOOLS.mupdf_display_errors(False)  # MuPDF's messages are collected and turned into reasons


class UnreadableTextError(InputError):
    """Text whose characters cannot be mapped to Unicode: its words cannot be detected.

    ``pages`` (1-based) need OCR; ``woopub.reading.ocr`` takes them over.
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
    forget_warnings()
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # MuPDF raises its own error types
        raise DamagedPdfError(f"{path}: damaged PDF ({one_line(exc)})") from exc
    # Opening resolves the outline's destinations: an excerpt's bookmarks pointing at pages cut out
    # of it warn here, and were blamed on page 1. The outline is never published; what pages hold
    # warns again when inspect() reads them.
    forget_warnings()
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


# -- inspecting -----------------------------------------------------------------


def inspect(doc: pymupdf.Document, path: Path) -> list[str]:
    """Refuse ``doc`` when its text cannot be read or located reliably. Returns notes."""
    path = Path(path)
    carriers = names_carried(doc, _CHECKED_NAMES)  # one read of every object for both checks
    _check_images(doc, path, carriers)
    _check_page_sizes(doc, path)
    _check_patterns(doc, path, carriers)
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
    # (glyphs without a Unicode mapping are no refusal: a symbol font's bullets are no text, and a
    # page where such glyphs may carry letters is read by OCR, see ocr.unmapped_letters)
    type3 = _type3_without_tounicode(doc, page) if trace else set()
    for span in trace:
        if span["font"] in type3 and any(not chr(c[0]).isspace() for c in span["chars"]):
            return f"Type3 font {span['font']!r} without ToUnicode"
    return None


def _unplaced_glyphs(page: pymupdf.Page, trace: list[dict]) -> bool:
    """Does the page draw glyphs that no extracted word holds (text of no size, no width)?

    A glyph with an empty box alone is no proof: the second letter of a
    ligature ("fi") has no width of its own, yet its word holds it. So the
    glyphs drawn are counted against the letters of the words extracted.
    Only letters and digits count: personal data is written with them, and a
    stray bullet or dash placed nowhere (seen in generated lists) says nothing.
    """
    glyphs = [c for span in trace for c in span["chars"] if chr(c[0]).isalnum()]
    if not any(_empty(c[3]) for c in glyphs):
        return False
    words = page.get_text("words", flags=WORD_FLAGS, clip=WORD_CLIP)
    return len(glyphs) > sum(sum(ch.isalnum() for ch in w[4]) for w in words)


def loss_warnings() -> list[str]:
    """MuPDF's warnings since the last call that mean content was lost while reading."""
    return [w for w in _warnings() if LOSS_WARNINGS.search(w) and not BENIGN_WARNINGS.search(w)]


# what the object checks look for: a picture (/Subtype /Image), a tiling pattern (/PatternType)
_CHECKED_NAMES = names_in_source(("Image", "PatternType"))


def _check_images(doc: pymupdf.Document, path: Path, carriers: dict[int, set[str] | None]) -> None:
    for xref, names in carriers.items():
        if names is not None and "Image" not in names:
            continue
        if key_value(doc, xref, "Subtype") != "/Image":
            continue
        try:
            width, height = int(key_value(doc, xref, "Width")), int(key_value(doc, xref, "Height"))
        except ValueError:
            continue
        if width * height > MAX_IMAGE_PIXELS:
            raise LimitError(
                f"{path}: image of {width}x{height} pixels exceeds the limit of {MAX_IMAGE_PIXELS // 1_000_000} megapixels"
            )


def _check_page_sizes(doc: pymupdf.Document, path: Path) -> None:
    """Refuse a page too large to render: OCR, the damage check and a page published as its picture
    all draw it, and at OCR's resolution it would be a picture beyond the image limit (a poster of
    6 by 12 metres, measured with /UserUnit 10, is 11,000 megapixels at 300 dpi)."""
    for page in doc:
        size = page.rect  # in points, /UserUnit applied
        pixels = size.width * size.height * (OCR_DPI / 72) ** 2
        if pixels > MAX_IMAGE_PIXELS:
            raise LimitError(
                f"{path}: page {page.number + 1} measures {size.width / 72 * 2.54:.0f} x {size.height / 72 * 2.54:.0f} cm: "
                f"drawn at {OCR_DPI} dpi to read and check it, it would exceed the limit of "
                f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels"
            )


def _check_patterns(doc: pymupdf.Document, path: Path, carriers: dict[int, set[str] | None]) -> None:
    """Refuse text inside tiling patterns: MuPDF redaction does not reach into pattern cells."""
    for xref, names in carriers.items():
        if names is not None and "PatternType" not in names:
            continue
        if key_value(doc, xref, "PatternType") != "1" or not is_stream(doc, xref):
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
        if kind == "Type3" and key_type(doc, xref, "ToUnicode") == "null":
            # the trace names a Type3 font by /Name, /BaseFont or "Type3 (N 0 R)"
            names.update(n for n in (basefont, resname, key_value(doc, xref, "Name").lstrip("/")) if n and n != "null")
            names.add(f"Type3 ({xref} 0 R)")
    return names


def forget_warnings() -> None:
    """Start a fresh warning record. MuPDF folds a warning that repeats the last
    one into a "repeated N times" line, so the earlier document's last warning is
    flushed first: otherwise the same damage in the next file could go unreported."""
    pymupdf.mupdf.fz_flush_warnings()
    pymupdf.TOOLS.reset_mupdf_warnings()


def _warnings() -> list[str]:
    pymupdf.mupdf.fz_flush_warnings()
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
    if type(exc).__name__ == "FzErrorLimit":  # MuPDF refused a picture too large to make
        return f"{path}: a page or picture is too large to draw ({text})"
    return f"{path}: cannot be processed ({type(exc).__name__}: {text})"


# -- small helpers --------------------------------------------------------------


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
