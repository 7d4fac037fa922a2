"""How fast woopub redacts a folder of real PDFs, with OCR'd pages counted apart.

    python bench/realspeed.py                          # ../shared/realpdf/, 2 workers
    python bench/realspeed.py FOLDER --workers 1 2
    python bench/realspeed.py --src /tmp/old/src       # another checkout's source, same conditions

Runs ``woopub redact FOLDER --out OUT --json --workers N`` as a separate
process (bench/scale.py's sampler: peak memory of the whole process tree,
PSS and RSS, and its CPU time) and prints, from the --json summary:
pages per second end to end (start-up included) and per CPU second, the
published pages read by OCR (wholly or in part) apart from the others, the
worker time per stage, and the images OCR left alone, by reason. CPU time
moves less than wall time when other work competes for the cores: compare
runs by both. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from scale import run_redact  # noqa: E402

DEFAULT_FOLDER = ROOT.parent / "shared" / "realpdf"


def report(folder: Path, workers: int, r: dict) -> None:
    s = r["summary"]
    pages, wall, cpu = r["pages"], r["wall"], r["cpu"]
    ocr = s.get("ocr", {})
    ocr_pages = ocr.get("pages", 0)
    print(f"\n{folder} with {workers} worker(s): {s['published']} of {s['documents']} document(s) published, "
          f"{len(s['failed'])} failed, verify {s['verify']}")
    print(f"  {pages} pages in {wall:.1f} s: {pages / wall:.1f} pages/s; CPU {cpu:.1f} s: {pages / cpu:.1f} pages per CPU-second")
    print(f"  pages read by OCR (wholly or in part): {ocr_pages}; without OCR: {pages - ocr_pages}")
    if ocr:
        print(f"  OCR read {ocr.get('whole_pages', 0)} whole page(s) and {ocr.get('images_read', 0)} picture region(s); "
              f"rendering and Tesseract {ocr.get('seconds', 0):.1f} worker s, looking at pictures {ocr.get('look_seconds', 0):.1f}")
        skipped = ocr.get("images_skipped", {})
        if skipped:
            print("  images not read by OCR, by reason: " + ", ".join(f"{k} {v}" for k, v in sorted(skipped.items(), key=lambda kv: -kv[1])))
    stages = r["stages"]
    total = sum(stages.values()) or 1.0
    print("  worker time per stage: " + ", ".join(f"{k} {v:.1f} s ({100 * v / total:.0f}%)" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])))
    print(f"  peak memory of the process tree: {r['peak_mb']:.0f} MB PSS ({r['peak_rss_mb']:.0f} MB RSS)")
    print(f"  load average after the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, nargs="?", default=DEFAULT_FOLDER)
    ap.add_argument("--workers", type=int, nargs="+", default=[2])
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "woopub-realspeed")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="woopub source to run (a snapshot while you edit)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    figures = []
    for workers in args.workers:
        r = run_redact(args.folder, args.work / f"out-{workers}", workers, args.src)
        report(args.folder, workers, r)
        figures.append({"workers": workers, **{k: v for k, v in r.items()}})
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
