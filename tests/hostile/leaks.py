"""An oracle for the hostile-PDF tests, written apart from woopub.writing.verify.

It reads a file every way these tests know (raw bytes, every Flate stream
in them, every object, string, name and decoded stream through qpdf, as
Latin-1 and as UTF-16 either way round (strings too, without a byte-order mark), the text of every page through
MuPDF, with its layers switched on, its alternate texts used and ignored,
and through Poppler's pdftotext, raw and in layout order) and says which
planted values it finds. Asked to, it also reads the rendered pages by OCR
(and, for a page whose text may stand turned, each of the four ways up), and
every image object's own pixels, as an image extractor takes them out.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import zlib
from pathlib import Path

import pikepdf
import pymupdf

INF = pymupdf.INFINITE_RECT()
TEXT_FLAGS = (pymupdf.TEXT_PRESERVE_WHITESPACE, pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_IGNORE_ACTUALTEXT)


# Letters of other scripts that look like Latin ones (Cyrillic, Greek): a reader sees the Latin word
_LOOKALIKES = str.maketrans("аеорсхуіјѕԁһӏАВЕКМНОРСТХІЈЅοαΑΒΕΗΙΚΜΝΟΡΤΧΥΖ", "aeopcxyijsdhlABEKMHOPCTXIJSoaABEHIKMNOPTXYZ")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_LOOKALIKES)
    return re.sub(r"[\s\u00ad\u200b-\u200d\u2060\ufeff]+", "", text).lower()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _decodings(data: bytes) -> list[str]:
    return [data.decode("latin-1"), *(data[k:].decode(c, "ignore") for c in ("utf-16-be", "utf-16-le") for k in (0, 1))]


def _poppler(raw: bytes) -> list[str]:
    """The text Poppler's pdftotext reads, in stream order and in layout order."""
    if shutil.which("pdftotext") is None:
        raise RuntimeError("pdftotext (Debian poppler-utils, see scripts/setup.sh) is needed by the leak oracle")
    texts = []
    for mode in ("-raw", "-layout"):
        run = subprocess.run(["pdftotext", mode, "-q", "-", "-"], input=raw, capture_output=True, timeout=120)
        texts.append(run.stdout.decode("utf-8", "replace"))
    return texts


def _ocr(raw: bytes, turns: tuple[int, ...] = (0,), pages: set[int] | None = None, light: bool = False,
         inverse: bool = False) -> list[str]:
    """Tesseract's reading of every page (or of ``pages``, numbered from 0) rendered at 300 dpi, turned
    by each of ``turns`` degrees (and, with ``light``, also each page in grey with its light ink darkened:
    Tesseract's one threshold for a page keeps black text and drops grey text beside it, which a reader reads;
    with ``inverse``, also each page in grey inverted: white letters on a dark field beside black text on
    white fall to the paper with the field made ink, on a line Tesseract does not read inverted)."""
    with pymupdf.open(stream=raw, filetype="pdf") as doc:
        pixmaps = [p.get_pixmap(matrix=pymupdf.Matrix(300 / 72, 300 / 72).prerotate(t))
                   for p in doc if pages is None or p.number in pages for t in turns]
    pngs = [pix.tobytes("png") for pix in pixmaps]
    if light:
        pngs += [_darkened(pix) for pix in pixmaps]
    if inverse:
        pngs += [_inverted(pix) for pix in pixmaps]
    return [subprocess.run(["tesseract", "stdin", "stdout", "-l", "nld"], input=png, capture_output=True,
                           timeout=300).stdout.decode("utf-8", "replace") for png in pngs]


def _image_ocr(raw: bytes) -> list[str]:
    """Tesseract's reading of every image object's own pixels, as an image extractor (pdfimages)
    takes them out: a picture covered, transparent or placed off the page shows nothing rendered."""
    texts = []
    with pymupdf.open(stream=raw, filetype="pdf") as doc:
        for xref in range(1, doc.xref_length()):
            if doc.xref_get_key(xref, "Subtype")[1] != "/Image":
                continue
            try:
                pix = pymupdf.Pixmap(doc, xref)
                if pix.alpha and pix.n == 1:  # a stencil mask: what it paints, black on white
                    paint = bytes(255 - v for v in pix.samples)
                    pix = pymupdf.Pixmap(pymupdf.csGRAY, pix.width, pix.height, paint, False)
                elif pix.alpha:
                    pix = pymupdf.Pixmap(pix, 0)
                if pix.colorspace is None or pix.n != 1:
                    pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
            except Exception:
                continue
            if min(pix.width, pix.height) < 8 or pix.width * pix.height > 25_000_000:
                continue
            texts.append(subprocess.run(["tesseract", "stdin", "stdout", "-l", "nld"], input=pix.tobytes("png"),
                                        capture_output=True, timeout=300).stdout.decode("utf-8", "replace"))
    return texts


def _darkened(pix: pymupdf.Pixmap) -> bytes:
    """``pix`` in grey, every level raised to the 8th power (grey 185 -> 20, 229 -> 108, white stays white)."""
    grey = pymupdf.Pixmap(pymupdf.csGRAY, pix) if pix.n > 1 or pix.alpha else pix
    table = bytes(round(255 * (v / 255) ** 8) for v in range(256))
    out = pymupdf.Pixmap(pymupdf.csGRAY, grey.width, grey.height, bytes(grey.samples).translate(table), False)
    return out.tobytes("png")


def _inverted(pix: pymupdf.Pixmap) -> bytes:
    """``pix`` in grey, negative: light letters on a dark field become dark on light."""
    grey = pymupdf.Pixmap(pymupdf.csGRAY, pix) if pix.n > 1 or pix.alpha else pix
    table = bytes(255 - v for v in range(256))
    out = pymupdf.Pixmap(pymupdf.csGRAY, grey.width, grey.height, bytes(grey.samples).translate(table), False)
    return out.tobytes("png")


def _readings(raw: bytes) -> list[str]:
    texts = _decodings(raw) + _poppler(raw)
    for m in re.finditer(rb"stream\r?\n", raw):
        try:
            data = zlib.decompressobj().decompress(raw[m.end() : m.end() + (64 << 20)], 64 << 20)
        except zlib.error:
            continue
        texts += _decodings(data)
    try:
        with pikepdf.open(io.BytesIO(raw)) as pdf:
            for obj in [pdf.trailer, *pdf.objects]:
                texts.append(repr(obj))
                texts += list(_strings_and_names(obj))
                if isinstance(obj, pikepdf.Stream):
                    try:
                        texts.append(obj.read_bytes().decode("latin-1"))
                    except Exception:
                        texts.append(obj.read_raw_bytes().decode("latin-1"))
    except Exception:
        pass
    try:
        doc = pymupdf.open(stream=raw, filetype="pdf")
    except Exception:
        return texts
    with doc:
        if doc.needs_pass:
            return texts
        for flags in TEXT_FLAGS:
            for page in doc:
                try:
                    texts.append(page.get_text("text", flags=flags, clip=INF))
                    texts.append("".join(chr(c[0]) for s in page.get_texttrace() for c in s["chars"]))
                except Exception:
                    pass
        try:
            for xref in range(1, doc.xref_length()):  # every layer on: hidden-layer text too
                if doc.xref_get_key(xref, "Type")[1] == "/OCG":
                    doc.set_layer(-1, on=[xref])
            doc.xref_set_key(doc.pdf_catalog(), "OCProperties", "null")
            texts += [p.get_text("text", flags=TEXT_FLAGS[0], clip=INF) for p in pymupdf.open("pdf", doc.tobytes())]
        except Exception:
            pass
    return texts


def _strings_and_names(obj, depth: int = 0):
    if depth > 50:
        return
    if isinstance(obj, pikepdf.String):  # also its bytes as UTF-16 without a byte-order mark (a colour palette)
        yield str(obj)
        yield from _decodings(bytes(obj))
    elif isinstance(obj, pikepdf.Name):
        yield str(obj)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            if isinstance(item, pikepdf.Object) and not item.is_indirect:
                yield from _strings_and_names(item, depth + 1)
    elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        for key, value in obj.items():
            yield key
            if isinstance(value, pikepdf.Object) and not value.is_indirect:
                yield from _strings_and_names(value, depth + 1)


def planted_left(path: Path, planted: tuple[str, ...], ocr: bool = False, turned: bool = False,
                 light: bool = False, inverse: bool = False) -> list[str]:
    """The planted values that can still be read from ``path`` (by OCR of its pages and its images' own
    pixels too if ``ocr``, each page shown each of the four ways up if ``turned``: a reader turns a page
    scanned upside down; darkened if ``light``: a reader reads light grey text beside black; and
    inverted if ``inverse``: a reader reads white letters on a dark field beside black text)."""
    raw = Path(path).read_bytes()
    readings = _readings(raw) + (_ocr(raw, (0, 90, 180, 270) if turned else (0,), light=light, inverse=inverse)
                                 if ocr or light or inverse else [])
    readings += _image_ocr(raw) if ocr else []
    flat = [_norm(t) for t in readings]
    digits = [_digits(t) for t in readings]
    found = []
    for value in planted:
        if re.fullmatch(r"[\d\s()+-]+", value):
            hit = any(_digits(value) in d for d in digits)
        else:
            hit = any(_norm(value) in f for f in flat)
        if hit:
            found.append(value)
    return found
