"""Passwords for encrypted input PDFs.

``--password`` gives one password for every encrypted document;
``--password-file`` gives one per document. The password file is JSON, an
object from document to password::

    {
      "nota.pdf": "geheim",
      "bijlagen/brief-aan-gemeente.pdf": "een ander wachtwoord"
    }

A document is named as woopub names it in the output folder and the log
(its path relative to the dossier folder given on the command line) or by
its bare file name. A document in the file wins over ``--password``. JSON,
because a password may hold any character (spaces, quotes, ``#``, ``:``)
and JSON says exactly where it begins and ends.

Passwords are never printed or written anywhere by woopub.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from woopub.errors import EXIT_USAGE, WoopubError


class PasswordFileError(WoopubError):
    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Passwords:
    default: str | None = None
    per_document: dict[str, str] = field(default_factory=dict)

    def for_document(self, name: str, path: Path) -> str | None:
        """The password for a document named ``name`` (relative path) at ``path``."""
        for key in (name, Path(path).name):
            if key in self.per_document:
                return self.per_document[key]
        return self.default

    def unused(self, names: list[str]) -> list[str]:
        """Entries of the password file that match none of the documents (typing errors)."""
        known = set(names) | {Path(n).name for n in names}
        return sorted(k for k in self.per_document if k not in known)


def load_password_file(path: Path) -> dict[str, str]:
    path = Path(path)
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise PasswordFileError(f"{path}: cannot read the password file ({exc.strerror})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PasswordFileError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise PasswordFileError(f'{path}: expected a JSON object of "document": "password" pairs')
    return data
