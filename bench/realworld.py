"""woopub on a folder of real PDFs: outcomes by reason, speed, what was redacted most, damage.

    python bench/realworld.py [FOLDER] [--workers 2] [--top 30] [--keep DIR] [--json] [--split]

FOLDER defaults to ../shared/realpdf (beside the repository). The script runs
`woopub redact --json` over it, as an officer would, and prints:

  outcomes     published / refused, refusals grouped by their reason with the
               file names and numbers taken out ("not a PDF", "truncated PDF")
  speed        pages per second of the whole run, and the pages without a text
               layer (which woopub reads by OCR) counted apart; with --split
               also two more runs, timed apart: the documents OCR leaves
               alone, and the documents with a page OCR reads (whole or a
               picture on it), as woopub's own planner decides beforehand
  redactions   boxes per page by entity and the most frequent redacted strings
               (from the internal record: the strings are redacted values, so
               the output of this script is internal too)
  damage       each published page rendered at low resolution beside its input,
               the redaction boxes (and a margin) masked out: a page whose pixels
               differ elsewhere was changed by more than its redactions

The figures say which documents they were measured on: the folder's name and
the number of files and pages are printed first. The woopub run is this
checkout's (src/ first on its path); its output and internal record go to a
temporary folder that is removed afterwards, unless --keep names one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import pymupdf
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from woopub.writing.damage import DPI as DAMAGE_DPI, changed_pages  # noqa: E402
from woopub.writing.publish import read_internal_names  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "realpdf"


def reason_class(reason: str) -> str:
    """A refusal's reason without its file, object numbers and counts: the class it belongs to."""
    reason = reason.split(": FAILED: ")[-1]
    reason = re.sub(r"^(verification failed: )?[^:]*\.pdf: ", r"\1", reason)
    reason = re.sub(r"^/\S+: ", "", reason)
    reason = re.sub(r"\d+(\.\d+)?", "N", reason)
    return reason[:110]


def pages_without_text(path: Path) -> int:
    try:
        with pymupdf.open(path) as doc:
            return sum(1 for page in doc if not page.get_text("text").strip())
    except Exception:
        return 0


def run_woopub(folder: Path, work: Path, workers: int) -> tuple[subprocess.CompletedProcess, float, list[dict]]:
    """``woopub redact --json`` over ``folder``: the finished process, its wall seconds, its JSON events."""
    # this checkout's woopub, not the one the environment has installed (another worktree's, main's)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "woopub", "redact", str(folder), "--out", str(work / "out"),
                           "--internal", str(work / "intern"), "--json", "--workers", str(workers), "--no-resume"],
                          capture_output=True, text=True, env=env)
    seconds = time.monotonic() - started
    return done, seconds, [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def needs_ocr(path: Path) -> bool:
    """Whether woopub's planner reads any page of the file by OCR (a scan, a picture that may hold text)."""
    from woopub.reading.planning import PictureCheck, plan_page

    try:
        with pymupdf.open(path) as doc:
            check = PictureCheck(doc)
            return any(plan_page(page, check=check) for page in doc)
    except Exception:  # refused by woopub anyway: counted with the text documents
        return False


def split_runs(files: list[Path], workers: int) -> dict:
    """The documents OCR leaves alone and those it reads, each group run and timed on its own."""
    groups = {"without_ocr": [], "with_ocr": []}
    for f in files:
        groups["with_ocr" if needs_ocr(f) else "without_ocr"].append(f)
    figures = {}
    for name, members in groups.items():
        if not members:
            continue
        work = Path(tempfile.mkdtemp(prefix=f"woopub-realworld-{name}-"))
        try:  # the folder holds the internal record (redacted values): it goes however the run ends
            folder = work / "in"
            folder.mkdir()
            for k, f in enumerate(members):
                (folder / f"{k:03d}-{f.name}").symlink_to(f.resolve())
            done, seconds, events = run_woopub(folder, work, workers)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        summary = next((e for e in events if e.get("event") == "summary"), {})
        pages = summary.get("pages", 0)
        figures[name] = {"files": len(members), "published": summary.get("published", 0),
                         "refused": len(summary.get("failed", ())), "pages": pages, "seconds": round(seconds, 1),
                         "pages_per_second": round(pages / seconds, 2) if seconds else 0.0,
                         "ocr_pages": summary.get("ocr", {}).get("pages", 0),
                         "stage_seconds": summary.get("stage_seconds", {}), "exit_code": done.returncode,
                         "error": "" if summary else done.stderr[-500:]}
    return figures


def damaged_pages(source: Path, published: Path, boxes: dict, warnings) -> list[tuple[int, float]]:
    """changed_pages as verification runs it: a page published as its picture is compared with the input
    drawn that way. The run names the scan repair's pages in its warnings ("page(s) 3, 5: published as a
    scan"); a page whose text layer may lie (writing/asscan.py) is known only to the run, so a changed page
    that ``lying_pages`` finds is compared again as a picture."""
    import pymupdf

    from woopub.reading.planning import lying_pages

    repaired: set[int] = set()
    for w in warnings:
        m = re.match(r"page\(s\) ([\d, ]+): published as a scan", w)
        if m:
            repaired |= {int(n) for n in m.group(1).replace(" ", "").split(",") if n}
    found = changed_pages(source, published, boxes, pictured=frozenset(repaired))
    if not found:
        return found
    with pymupdf.open(source) as doc:
        lying = {n + 1 for n in lying_pages(doc)} if not doc.needs_pass else set()
    again = {p for p, _ in found} & lying
    if not again:
        return found
    second = dict(changed_pages(source, published, boxes, pictured=frozenset(repaired | lying)))
    return [(p, share) for p, share in found if p not in again] + [(p, second[p]) for p in sorted(again) if p in second]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--keep", type=Path, help="write the output and internal record here (default: a temporary folder)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--split", action="store_true",
                    help="also time the documents OCR leaves alone and those it reads in two runs of their own")
    args = ap.parse_args()
    if not args.folder.is_dir():
        print(f"realworld: {args.folder} not found", file=sys.stderr)
        return 2
    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
    work = args.keep or Path(tempfile.mkdtemp(prefix="woopub-realworld-"))
    try:
        return report(args, files, work)
    finally:  # a temporary folder holds the internal record (redacted values): never left behind
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def report(args, files: list[Path], work: Path) -> int:
    """Run woopub over the folder into ``work`` and print (or, with --json, dump) the figures."""
    out, internal = work / "out", work / "intern"
    done, seconds, events = run_woopub(args.folder, work, args.workers)
    summary = next((e for e in events if e.get("event") == "summary"), None)
    if summary is None:
        print(f"realworld: woopub ended without a summary (exit {done.returncode}):\n{done.stderr[-3000:]}", file=sys.stderr)
        return 1
    outcomes = {e["document"]: e for e in events if e.get("event") == "document"}
    refused = Counter(reason_class(f["reason"]) for f in summary["failed"])
    refused_files = defaultdict(list)
    for f in summary["failed"]:
        refused_files[reason_class(f["reason"])].append(f["document"])
    crashed = [f for f in summary["failed"] if "Traceback" in f["reason"] or "Error:" in f["reason"]]
    published = [d for d, e in outcomes.items() if e["status"] == "published"]
    source_of = {public: original for original, public in read_internal_names(internal).items()}  # names with a redaction
    no_text = {d: pages_without_text(args.folder / source_of.get(d, d)) for d in published}
    ocr_pages = sum(no_text.values())
    text_pages = summary["pages"] - ocr_pages

    log = json.loads((out / "publicatielog.json").read_text("utf-8")) if (out / "publicatielog.json").is_file() else {}
    boxes: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for r in log.get("redactions", ()):
        boxes[r["document"]][r["page"]].append(r["rect"])
    damage = {}
    for d in published:
        try:
            found = damaged_pages(args.folder / source_of.get(d, d), out / d, boxes.get(d, {}),
                                  outcomes.get(d, {}).get("warnings", ()))
        except Exception as exc:  # a file this script cannot render is reported, not fatal
            found = [(0, f"cannot compare: {exc}")]
        if found:
            damage[d] = found

    strings, entities = Counter(), Counter()
    proposals = internal / "voorstellen.jsonl"
    if proposals.is_file():
        for line in proposals.read_text("utf-8").splitlines():
            p = json.loads(line)
            if p["action"] == "redact" and p["document"] in outcomes and outcomes[p["document"]]["status"] == "published":
                strings[" ".join(p["text"].split())] += 1
                entities[p["entity"]] += len(p["boxes"])
    pages = summary["pages"] or 1
    figures = {
        "folder": str(args.folder), "files": len(files), "workers": args.workers,
        "published": len(published), "refused": len(summary["failed"]), "crashed": len(crashed),
        "refused_by_reason": {k: {"count": n, "files": refused_files[k]} for k, n in refused.most_common()},
        "pages": summary["pages"], "pages_without_text_layer": ocr_pages, "seconds": round(seconds, 1),
        "pages_per_second": round(summary["pages"] / seconds, 2),
        "text_layer_pages": text_pages,
        "ocr_read_pages": summary.get("ocr", {}).get("pages", 0),  # read by OCR, whole or a picture on them
        "ocr_whole_pages": summary.get("ocr", {}).get("whole_pages", 0),
        "ocr_images_read": summary.get("ocr", {}).get("images_read", 0),
        "ocr_images_skipped": summary.get("ocr", {}).get("images_skipped", {}),
        "stage_seconds": summary.get("stage_seconds", {}),
        "boxes_per_page": {e: round(n / pages, 2) for e, n in entities.most_common()},
        "most_redacted": strings.most_common(args.top),
        "damaged": {d: pages for d, pages in damage.items()},
        "exit_code": done.returncode,
    }
    if args.split:
        figures["split"] = split_runs(files, args.workers)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        return 0
    print(f"{args.folder}: {len(files)} PDF file(s); woopub redact --workers {args.workers}, exit {done.returncode}")
    print(f"published {len(published)}, refused {len(summary['failed'])} (unhandled errors: {len(crashed)})")
    for reason, n in refused.most_common():
        print(f"  {n:3d}  {reason}")
        for name in refused_files[reason]:
            print(f"         {name}")
    print(f"pages published {summary['pages']} ({ocr_pages} without a text layer, read by OCR) in {seconds:.1f} s: "
          f"{summary['pages'] / seconds:.2f} pages/s over all, start-up included")
    o = summary.get("ocr", {})
    print(f"OCR read {o.get('pages', 0)} page(s): {o.get('whole_pages', 0)} whole, pictures on the others "
          f"({o.get('images_read', 0)} picture region(s) read; left alone: "
          + (", ".join(f"{n} {why}" for why, n in o.get("images_skipped", {}).items()) or "none") + ")")
    for name, f in figures.get("split", {}).items():
        print(f"  documents {name.replace('_', ' ')}: {f['files']} file(s) ({f['published']} published, {f['refused']} refused), "
              f"{f['pages']} page(s) ({f['ocr_pages']} read by OCR) in {f['seconds']} s on their own, start-up included: "
              f"{f['pages_per_second']} pages/s" + (f"; woopub ended without a summary (exit {f['exit_code']}): {f['error']}"
                                                    if f["error"] else ""))
    print("time per stage (worker seconds): " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(summary.get('stage_seconds', {}).items())))
    print("boxes per page: " + ", ".join(f"{e} {n / pages:.2f}" for e, n in entities.most_common()))
    print(f"most redacted (internal: these are redacted values), top {args.top}:")
    for text, n in strings.most_common(args.top):
        print(f"  {n:4d}  {text!r}")
    print(f"damage check ({DAMAGE_DPI} dpi, boxes masked, as verification runs it): {len(damage)} of {len(published)} published file(s) changed outside their boxes")
    for d, found in damage.items():
        print(f"  {d}: page(s) {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
