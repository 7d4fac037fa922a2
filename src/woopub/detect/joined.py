"""A known person's name written as one token: URLs, handles, user names.

"Jan de Vries" redacted, then "linkedin.com/in/jan-de-vries", "@JanDeVries"
or "j_devries" carry the same name. The parts are matched in order joined by
nothing, "_", "-" or "." in any case, with the first name or its initial.
"""

from __future__ import annotations

import re

_JOIN = r"[_\-.]?"


def joined_pattern(value: str) -> re.Pattern | None:
    """A pattern for the joined forms of a multi-word name, or None for a one-word value."""
    parts = [p for p in re.split(r"[\s.]+", value) if p]
    if len(parts) < 2 or len(parts[-1]) < 3:
        return None
    first, rest = parts[0], parts[1:]
    head = f"(?:{re.escape(first)}|{re.escape(first[0])})"
    body = _JOIN.join(re.escape(p) for p in rest)
    # a joined form only: "Jan de Vries" itself (with spaces) is left to the ordinary finding
    return re.compile(rf"(?<![^\W_]){head}{_JOIN}{body}(?![^\W_])", re.IGNORECASE)


def joined_mentions(text: str, value: str) -> list[tuple[int, int]]:
    pattern = joined_pattern(value)
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text) if " " not in m.group() and "\n" not in m.group()]


def closed_gap_mentions(text: str, value: str) -> list[tuple[int, int]]:
    """A multi-word name with a space between its words left out, as written: OCR of a scan reads
    "Frank van Es" as "Frank vanEs". Case as written and word edges, as ``value_pattern`` finds the
    name itself, so a short surname does not turn up inside words ("vanes"); the name with every
    space in place is left to that pattern."""
    words = value.split()
    if len(words) < 2 or len("".join(words)) < 4:
        return []
    pattern = re.compile(r"(?<![\w@.-])" + r"\s*".join(map(re.escape, words)) + r"(?![\w@-])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)
            if len(m.group().split()) < len(words)]  # at least one space missing
