"""File plumbing every stage shares: content hashes, write-then-move, moving into place.

A file a reader may see is never half written: it is written beside its target under a unique
temporary name and renamed over it (atomic on one file system).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sha256_or_none(path: Path) -> str | None:
    """The file's hash, or None when it cannot be read (the caller says why)."""
    try:
        return sha256_file(path)
    except OSError:
        return None


def write_atomic(path: Path, data: bytes | str | Iterable[str], mode: int | None = None) -> None:
    """Write ``data`` (bytes, a text, or text chunks as they come) to ``path`` by write-then-move.
    ``mode``: the file's permissions (0o600 for what holds original values)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb" if isinstance(data, bytes) else "w", **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as fh:
            if isinstance(data, (bytes, str)):
                fh.write(data)
            else:
                for chunk in data:
                    fh.write(chunk)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def move_into_place(src: Path, dst: Path) -> None:
    """Move ``src`` to ``dst``; across file systems by a copy beside the target, then a rename."""
    try:
        os.replace(src, dst)
    except OSError:
        tmp = dst.with_name(f".{dst.name}.partial")
        try:
            shutil.copyfile(src, tmp)
            os.replace(tmp, dst)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        Path(src).unlink(missing_ok=True)
