"""Document numbers: one per input file, the same on every run.

The Woo publication platform (open.minvws.nl) reads a file's ID from the
leading letters, digits and hyphens of its name and lower-cases IDs, so an ID
here is lower-case letters, digits and hyphens only, and a file is uploaded
as ``<ID>.pdf``: the extension stops the ID, so every file maps to its own row.

Derived from the document's path in the dossier (and, when given, the SHA-256 of its bytes;
build_package passes none: the log holds the published file's hash, which differs per run), never from the order of a run. The
letters are consonants: an ID never spells a word and holds no digits, so a
stamped ID can never complete a redacted phone number or name that
verification hunts for.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

CONSONANTS = "bcdfghjklmnpqrstvwxz"
ID_LETTERS = 10  # 20**10 IDs: two of 100,000 documents share one with a chance of about 1 in 2,000
ID_PATTERN = re.compile(r"^[a-z0-9-]{1,170}$")  # the platform's DocumentId, lower case (its file-name reader stops at a dot)
FAMILY_MAX = 2**31 - 1  # the platform stores family and thread IDs as integers


def _digest(*parts: str) -> bytes:
    key = "\0".join(unicodedata.normalize("NFC", p) for p in parts)
    return hashlib.sha256(key.encode("utf-8")).digest()


def document_id(name: str, sha256: str | None, prefix: str = "") -> str:
    """The ID of the document at path ``name`` (relative, as in the log) with content hash ``sha256``."""
    number = int.from_bytes(_digest(name, sha256 or "")[:8], "big")
    letters = []
    for _ in range(ID_LETTERS):
        number, r = divmod(number, len(CONSONANTS))
        letters.append(CONSONANTS[r])
    return prefix + "".join(letters)


def group_number(key: str) -> int:
    """A positive integer for a family or an e-mail thread, from the ID that anchors it."""
    return int.from_bytes(_digest("group", key)[:4], "big") % FAMILY_MAX + 1


def valid_id(value: str) -> bool:
    return bool(ID_PATTERN.match(value))
