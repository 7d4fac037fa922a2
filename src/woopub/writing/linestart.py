"""A return to the start of the line ("0 0 Td") kept through MuPDF's content rewriting.

``0 0 Td`` (or ``TD``) moves the text position back to the start of the current
line: after a shown string it is not a no-op. MuPDF's content filter
(``clean_contents(sanitize=True)`` and ``apply_redactions``) drops it as one,
and the text after it moves right by what was shown before it. Seen in Tweede
Kamer documents: a heading drawn after ``( )Tj 0 0 TD`` moved 3 points. The
same move by a hundred-thousandth of a point down is kept by the filter and
draws the same.
"""

from __future__ import annotations

import re

import pymupdf

# "0 0 Td" / "0 0 TD" as operators: after whitespace or a delimiter, before whitespace or a delimiter
_LINE_START = re.compile(rb"(?:(?<=[\s\]\)>])|^)0 0 T([dD])(?=[\s\[\(<\/%]|$)")


def _replacement(match: re.Match) -> bytes:
    # TD also sets the leading to 0 (-ty): kept explicit
    return b"0 TL 0 0.00001 Td" if match.group(1) == b"D" else b"0 0.00001 Td"


def keep_line_starts(page: pymupdf.Page) -> int:
    """Rewrite the page's "0 0 Td" so MuPDF's filter keeps them; returns how many were rewritten."""
    doc = page.parent
    count = 0
    for xref in page.get_contents():
        data = doc.xref_stream(xref) or b""
        if b"0 0 T" not in data:
            continue
        new, n = _LINE_START.subn(_replacement, data)
        if n:
            doc.update_stream(xref, new)
            count += n
    return count
