"""A font program sanitize rewrites (its name table) is compressed once, by the save, not also by update_stream."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from woopub.reading.intake import admit
from woopub.writing.sanitize import sanitize, save_clean

HOLDOUT = Path(__file__).resolve().parent / "holdout"


def _programs(doc: pymupdf.Document) -> list[int]:
    found = []
    for xref in range(1, doc.xref_length()):
        for key in ("FontFile", "FontFile2", "FontFile3"):
            kind, value = doc.xref_get_key(xref, key)
            if kind == "xref":
                found.append(int(value.split()[0]))
    return found


def test_rewritten_font_programs_are_stored_plain_until_the_save_compresses_them(tmp_path):
    out = tmp_path / "out.pdf"
    with admit(HOLDOUT / "email-outlook-en.pdf") as admitted:
        doc = admitted.doc
        programs = _programs(doc)
        before = {x: doc.xref_stream(x) for x in programs}
        sanitize(doc)
        rewritten = {x: doc.xref_stream(x) for x in programs if doc.xref_stream(x) != before[x]}
        assert rewritten  # the embedded TrueType fonts' name tables were rewritten
        # not deflated at the best level here: the save compresses every stream anyway
        assert all(doc.xref_get_key(x, "Filter") == ("null", "null") for x in rewritten)
        save_clean(doc, out)
    with pymupdf.open(out) as published:
        programs = _programs(published)
        assert len(programs) == len(rewritten)
        for x in programs:
            assert published.xref_get_key(x, "Filter") == ("name", "/FlateDecode")  # compressed in the file
            assert len(published.xref_stream_raw(x)) < len(published.xref_stream(x))
        assert sorted(published.xref_stream(x) for x in programs) == sorted(rewritten.values())
