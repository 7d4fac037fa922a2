"""``SHA256SUMS`` over the package, in the format ``sha256sum -c`` reads."""

from __future__ import annotations

from pathlib import Path

from woopub.files import sha256_file as _sha256

SUMS = "SHA256SUMS"


def write_sums(root: Path) -> Path:
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != SUMS)
    out = root / SUMS
    out.write_text("".join(f"{_sha256(p)}  {p.relative_to(root).as_posix()}\n" for p in files), "utf-8")
    return out


def check_sums(root: Path) -> list[str]:
    """Problems: a listed file missing or changed, a file in the package not listed."""
    problems, listed = [], set()
    for line in (root / SUMS).read_text("utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed.add(name)
        p = root / name
        if not p.is_file():
            problems.append(f"{name}: listed in {SUMS} but missing")
        elif _sha256(p) != digest:
            problems.append(f"{name}: changed since {SUMS} was written")
    for p in root.rglob("*"):
        if p.is_file() and p.name != SUMS and p.relative_to(root).as_posix() not in listed:
            problems.append(f"{p.relative_to(root).as_posix()}: not in {SUMS}")
    return problems
