"""An oracle for the hostile-PDF tests, written apart from woopub.verify.

It reads a file every way these tests know (raw bytes, every Flate stream
in them, every object, string, name and decoded stream through qpdf, and
the text of every page through MuPDF, with its layers switched on, its
alternate texts used and ignored) and says which planted values it finds.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zlib
from pathlib import Path

import pikepdf
import pymupdf

INF = pymupdf.INFINITE_RECT()
TEXT_FLAGS = (pymupdf.TEXT_PRESERVE_WHITESPACE, pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_IGNORE_ACTUALTEXT)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _readings(raw: bytes) -> list[str]:
    texts = [raw.decode("latin-1"), raw.decode("utf-16-be", "ignore")]
    for m in re.finditer(rb"stream\r?\n", raw):
        try:
            data = zlib.decompressobj().decompress(raw[m.end() : m.end() + (64 << 20)], 64 << 20)
        except zlib.error:
            continue
        texts += [data.decode("latin-1"), data.decode("utf-16-be", "ignore")]
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
    if isinstance(obj, (pikepdf.String, pikepdf.Name)):
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


def planted_left(path: Path, planted: tuple[str, ...]) -> list[str]:
    """The planted values that can still be read from ``path``."""
    readings = _readings(Path(path).read_bytes())
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
