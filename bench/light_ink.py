"""Light ink beside dark, light letters on dark fields: how many regions OCR reads are read a second
time (darkened, inverted), and at what cost.

    PYTHONPATH=src .venv/bin/python bench/light_ink.py [FOLDER] [--read] [--fields]

For every PDF of FOLDER (default ../shared/realpdf) whose pages woopub's planner reads by OCR, each
region is rendered as ``read_pages`` renders it and looked at by ``pictures.second_reading`` (CPU
seconds of that look, counted; and of ``darkened_light_ink`` alone, the look before dark fields).
A region whose second reading inverts no dark field must get the very image ``darkened_light_ink``
gives (checked: counted as "differ" otherwise). With ``--read`` each region found to hold light ink
or a dark field is read by Tesseract plainly and a second time (CPU seconds of both, in the
Tesseract processes), and the words the second reading added are printed (for a region with a dark
field, also the first-reading words it let go). ``--fields`` reads only the regions with a dark
field (what that look adds). Prints one summary line of figures.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import pymupdf

from woopub.reading.ocr import _render
from woopub.reading.planning import PictureCheck, plan_page
from woopub.reading.tesseract import Tesseract, with_light_words
from woopub.reading.pictures import darkened_light_ink, second_reading


ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "realpdf"  # as bench/realworld.py: the folder beside the checkout


def _children_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER))
    ap.add_argument("--read", action="store_true", help="read the regions with light ink, plainly and darkened")
    ap.add_argument("--fields", action="store_true", help="with --read: only the regions with a dark field")
    args = ap.parse_args()
    engine = Tesseract()
    files = regions = flagged = added = dropped = with_fields = fields_only = differ = 0
    look = old_look = plain_cpu = dark_cpu = 0.0
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
                old_look += time.process_time() - t
                t = time.process_time()
                again = second_reading(image)
                look += time.process_time() - t
                if again is None:
                    differ += darkened is not None
                    continue
                flagged += 1
                if again.fields:
                    with_fields += 1
                    fields_only += darkened is None
                elif again.image != darkened:
                    differ += 1
                line = f"{path.name} p{page.number + 1} {region.reason} {region.dpi} dpi, {len(again.fields)} field(s)"
                if args.read and (again.fields or not args.fields):
                    c = _children_cpu()
                    first = engine.read(image, region.dpi)
                    plain_cpu += _children_cpu() - c
                    c = _children_cpu()
                    second = engine.read(again.image, region.dpi)
                    dark_cpu += _children_cpu() - c
                    joined = with_light_words(first, second, again.fields)
                    kept = [w for w in first if w in joined]
                    more = joined[len(kept):]
                    added += len(more)
                    dropped += len(first) - len(kept)
                    line += (f": {len(first)} words, +{len(more)}: " + " ".join(w.text for w in more)[:300]
                             + (f"; let go: {' '.join(w.text for w in first if w not in joined)[:200]}"
                                if len(kept) < len(first) else ""))
                print(line, flush=True)
        doc.close()
    print(f"files read by OCR {files}, regions {regions}, read a second time {flagged} ({with_fields} with a dark "
          f"field, {fields_only} of them for it alone), differ from darkened_light_ink {differ}; look CPU "
          f"{look:.1f} s (darkened_light_ink alone {old_look:.1f} s)"
          + (f"; Tesseract CPU on those read: plain {plain_cpu:.1f} s, second {dark_cpu:.1f} s, "
             f"words added {added}, let go {dropped}" if args.read else ""))

if __name__ == "__main__":
    sys.exit(main())
