"""Light ink beside dark: how many regions OCR reads are read a second time darkened, and at what cost.

    PYTHONPATH=src .venv/bin/python bench/light_ink.py [FOLDER] [--read]

For every PDF of FOLDER (default ../shared/realpdf) whose pages woopub's planner reads by OCR, each
region is rendered as ``read_pages`` renders it and looked at by ``pictures.darkened_light_ink`` (CPU
seconds of that look, counted). With ``--read`` each region found to hold light ink is read by
Tesseract plainly and darkened (CPU seconds of both, in the Tesseract processes), and the words only
the darkened reading found are printed. Prints one summary line of figures.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import pymupdf

from woopub.reading.ocr import PictureCheck, Tesseract, _render, plan_page, with_light_words
from woopub.reading.pictures import darkened_light_ink


ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "realpdf"  # as bench/realworld.py: the folder beside the checkout


def _children_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    ap.add_argument("--read", action="store_true", help="read the regions with light ink, plainly and darkened")
    args = ap.parse_args()
    engine = Tesseract()
    files = regions = flagged = added = 0
    look = plain_cpu = dark_cpu = 0.0
    for path in sorted(Path(args.folder).glob("*.pdf")):
        try:
            doc = pymupdf.open(path)
            check = PictureCheck(doc)
            plans = [(page, plan_page(page, check=check)) for page in doc]
        except Exception:  # refused by woopub anyway
            continue
        plans = [(p, r) for p, r in plans if r]
        if not plans:
            continue
        files += 1
        for page, found in plans:
            for region in found:
                image = _render(page, region, rules=False)[0]
                regions += 1
                t = time.process_time()
                darkened = darkened_light_ink(image)
                look += time.process_time() - t
                if darkened is None:
                    continue
                flagged += 1
                line = f"{path.name} p{page.number + 1} {region.reason} {region.dpi} dpi"
                if args.read:
                    c = _children_cpu()
                    first = engine.read(image, region.dpi)
                    plain_cpu += _children_cpu() - c
                    c = _children_cpu()
                    second = engine.read(darkened, region.dpi)
                    dark_cpu += _children_cpu() - c
                    more = with_light_words(first, second)[len(first):]
                    added += len(more)
                    line += f": {len(first)} words, +{len(more)}: " + " ".join(w.text for w in more)[:300]
                print(line, flush=True)
        doc.close()
    print(f"files read by OCR {files}, regions {regions}, with light ink {flagged}; look CPU {look:.1f} s"
          + (f"; Tesseract CPU on those regions: plain {plain_cpu:.1f} s, darkened {dark_cpu:.1f} s, "
             f"words added {added}" if args.read else ""))


if __name__ == "__main__":
    sys.exit(main())
