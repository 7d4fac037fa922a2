"""Did a change alter what woopub decides? Dump every proposal of a run, then compare two dumps.

    python bench/compare_runs.py dump OUT.jsonl INPUT... [--src DIR] [--workers N]
    python bench/compare_runs.py diff BEFORE.jsonl AFTER.jsonl [--show N]

``dump`` runs ``woopub redact`` over the inputs with the sources in ``--src`` (default: this
checkout's src/; give another worktree's src/ to dump an older commit) and keeps, from the
internal record, each proposal's document, page, text, entity, action, ground and rule.
``diff`` counts the proposals only one run made or decided differently, per rule, and shows the
first ``--show`` of them. Texts of personal data are printed: run it on your own machine only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("document", "page", "text", "entity", "action", "ground", "rule")


def dump(out: Path, inputs: list[str], src: Path, workers: int) -> int:
    env = dict(os.environ, PYTHONPATH=str(src))
    with tempfile.TemporaryDirectory(prefix="woopub-compare-") as tmp:
        run_out, internal = Path(tmp) / "out", Path(tmp) / "internal"
        result = subprocess.run([sys.executable, "-m", "woopub", "redact", *inputs, "--out", str(run_out),
                                 "--internal", str(internal), "--workers", str(workers)],
                                env=env, capture_output=True, text=True)
        if result.returncode not in (0, 1):  # 1: some document failed, which is part of the picture
            sys.exit(f"woopub redact failed ({result.returncode}): {result.stderr[-2000:]}")
        records = []
        for line in (internal / "voorstellen.jsonl").read_text("utf-8").splitlines():
            p = json.loads(line)
            records.append({k: p.get(k) for k in FIELDS})
        outcomes = [line for line in result.stdout.splitlines() if ": " in line]
    out.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records), "utf-8")
    print(f"{len(records)} proposals from {len(outcomes)} result lines -> {out}")
    return 0


def _key(r: dict) -> tuple:
    return (r["document"], r["page"], " ".join((r["text"] or "").split()), r["entity"])


def diff(before: Path, after: Path, show: int) -> int:
    a = Counter((_key(r), r["action"], r["rule"]) for r in map(json.loads, before.read_text("utf-8").splitlines()))
    b = Counter((_key(r), r["action"], r["rule"]) for r in map(json.loads, after.read_text("utf-8").splitlines()))
    only_a, only_b = a - b, b - a
    print(f"before {sum(a.values())} proposals, after {sum(b.values())}; "
          f"{sum(only_a.values())} only before, {sum(only_b.values())} only after")
    for label, side in (("only before", only_a), ("only after", only_b)):
        by_rule = Counter()
        for (key, action, rule), n in side.items():
            by_rule[f"{action} {rule}"] += n
        if by_rule:
            print(f"{label}: " + ", ".join(f"{k} {v}" for k, v in by_rule.most_common()))
        for (key, action, rule), n in list(side.items())[:show]:
            print(f"  {label}: {key[0]} p{key[1]} {key[3]} {key[2]!r} -> {action} ({rule}) x{n}")
    return 0 if not only_a and not only_b else 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("inputs", nargs="+")
    d.add_argument("--src", type=Path, default=ROOT / "src")
    d.add_argument("--workers", type=int, default=2)
    c = sub.add_parser("diff")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--show", type=int, default=20)
    args = ap.parse_args(argv)
    if args.command == "dump":
        return dump(args.out, args.inputs, args.src.resolve(), args.workers)
    return diff(args.before, args.after, args.show)


if __name__ == "__main__":
    sys.exit(main())
