"""Text positions kept through MuPDF's content rewriting (``clean_contents(sanitize=True)`` and
``apply_redactions``), where its filter gets two moves wrong. Both are spelled out beforehand in
a form the filter copies faithfully and that draws the same.

* ``0 0 Td`` (or ``TD``) moves the text position back to the start of the current line: after a
  shown string it is not a no-op. The filter drops it as one, and the text after it moves right
  by what was shown before it. Seen in Tweede Kamer documents: a heading drawn after
  ``( )Tj 0 0 TD`` moved 3 points. The same move by a hundred-thousandth of a point down is kept
  by the filter and draws the same.
* ``'`` and ``"`` (next line, then show) move down by the leading (``TL``). The filter writes every
  ``Td`` it passes as ``TD``, which also sets the leading, and copies ``'`` as ``T*``: a line
  shown by ``'`` after ``0 -15 Td`` under ``12 TL`` moves 3 points down (seen in a PyMuPDF
  manual made by Ghostscript), and after the first ``20 700 Td`` of a text object it moves off
  the page. An explicit ``T*`` the filter turns into the move it stands for, so ``'`` is written
  as ``T* (..) Tj`` and ``aw ac (..) "`` as ``aw Tw ac Tc T* (..) Tj`` (the same, by the PDF
  specification's definition of both operators).
"""

from __future__ import annotations

import re

import pikepdf
import pymupdf

from woopub.reading.prepare import parse_content

# "0 0 Td" / "0 0 TD" as operators: after whitespace or a delimiter, before whitespace or a delimiter
_LINE_START = re.compile(rb"(?:(?<=[\s\]\)>])|^)0 0 T([dD])(?=[\s\[\(<\/%]|$)")


def _replacement(match: re.Match) -> bytes:
    # TD also sets the leading to 0 (-ty): kept explicit
    return b"0 TL 0 0.00001 Td" if match.group(1) == b"D" else b"0 0.00001 Td"


def _instruction(operands: list, operator: str) -> pikepdf.ContentStreamInstruction:
    return pikepdf.ContentStreamInstruction(operands, pikepdf.Operator(operator))


def spell_out_next_line_shows(data: bytes, what: str) -> bytes | None:
    """``data`` with every ``'`` and ``"`` written as ``T*`` and ``Tj`` (and ``Tw``, ``Tc``); None if
    it has none. A content stream qpdf cannot parse is left to the filter (None)."""
    if b"'" not in data and b'"' not in data:  # the bytes may still be inside strings: parsed below
        return None
    try:
        instructions = parse_content(data, what)
    except Exception:
        return None  # intake refuses what cannot be parsed; nothing of ours to rewrite here
    out, changed = [], 0
    for ins in instructions:
        operator = str(getattr(ins, "operator", ""))
        if operator == "'" and len(ins.operands) == 1:
            out += [_instruction([], "T*"), _instruction([ins.operands[0]], "Tj")]
        elif operator == '"' and len(ins.operands) == 3:
            word, char, text = ins.operands
            out += [_instruction([word], "Tw"), _instruction([char], "Tc"), _instruction([], "T*"),
                    _instruction([text], "Tj")]
        else:
            out.append(ins)
            continue
        changed += 1
    return pikepdf.unparse_content_stream(out) if changed else None


def keep_line_starts(page: pymupdf.Page) -> int:
    """Rewrite the page's "0 0 Td", ``'`` and ``"`` (in its content and the form XObjects it draws)
    so MuPDF's filter keeps where their text stands; returns how many streams were rewritten."""
    doc = page.parent
    count = 0
    forms = [x[0] for x in page.get_xobjects() if x[0] > 0]
    for xref in [*page.get_contents(), *forms]:
        data = doc.xref_stream(xref) or b""
        new = spell_out_next_line_shows(data, f"content stream {xref}") or data
        if b"0 0 T" in new:
            new = _LINE_START.sub(_replacement, new)
        if new != data:
            doc.update_stream(xref, new)
            count += 1
    return count
