"""Which of the regions OCR reads yield anything a detector cared about?

    python bench/ocr_yield.py INTERNAL [FOLDER]

INTERNAL is a run's internal folder (``woopub redact FOLDER --internal INTERNAL``; its
``voorstellen.jsonl`` holds every proposal, redacted or kept, with its boxes). Each PDF of FOLDER
(default ../shared/realpdf) is planned again as the run planned it (``ocr.plan_page`` with one
``PictureCheck`` per document; Tesseract is not run) and every region OCR reads is counted as
"yielded" when a proposal's box has its centre in it. Printed: regions by reason (picture on a text
page, whole page), how many yielded, and the pictures left unread by reason. A picture read that
yields nothing is the triage's cost; a picture left unread that held a name would be a leak, which
this script cannot see (tests/test_picture_triage_leaks.py is about that).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pymupdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from woopub.reading.planning import PictureCheck, plan_page  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    internal = Path(sys.argv[1])
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT.parent / "shared" / "realpdf"
    boxes: dict[str, dict[int, list[pymupdf.Rect]]] = defaultdict(lambda: defaultdict(list))
    for line in (internal / "voorstellen.jsonl").read_text("utf-8").splitlines():
        p = json.loads(line)
        boxes[p["document"]][p["page"]] += [pymupdf.Rect(b) for b in p["boxes"]]
    read, yielded, skipped = Counter(), Counter(), Counter()
    examples = defaultdict(list)
    for path in sorted(folder.glob("*.pdf")):
        try:
            doc = pymupdf.open(path)
        except Exception:
            continue
        with doc:
            if doc.needs_pass:
                continue
            check = PictureCheck(doc)
            for page in doc:
                try:
                    regions = plan_page(page, check=check)
                except Exception:
                    continue
                found = boxes.get(path.name, {}).get(page.number + 1, [])
                for r in regions:
                    kind = "picture on a text page" if not r.whole_page else f"whole page ({r.reason})"
                    rect = pymupdf.Rect(r.rect)
                    read[kind] += 1
                    if any(rect.contains((b.tl + b.br) / 2) for b in found):
                        yielded[kind] += 1
                    elif len(examples[kind]) < 8:
                        examples[kind].append(f"{path.name} p{page.number + 1}")
            skipped.update(check.skipped)
    print(f"{folder}: regions OCR reads, and how many hold a proposal (redacted or kept) of {internal}")
    for kind, n in read.most_common():
        print(f"  {kind}: {n} read, {yielded[kind]} yielded ({100 * yielded[kind] / n:.0f}%)")
        print(f"      nothing found in e.g. {', '.join(examples[kind])}")
    print("pictures left unread: " + ", ".join(f"{k} {v}" for k, v in skipped.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
