"""OCR benchmark: speed, and recall on scanned versions of the sample documents.

    .venv/bin/python bench/ocr.py                 # all sample documents at 150, 200 and 300 dpi
    .venv/bin/python bench/ocr.py --dpi 200       # one resolution

Prints:

* speed   OCR pages per second at 300 dpi (Tesseract, Dutch model, one
          single-threaded process per core), and the share of a full
          ``woopub redact`` run over the scanned samples spent in OCR.
* recall  each sample document (samples/*.pdf) is printed to images at
          150-300 dpi with noise, blur and a slight skew, as a scanner
          would (samples/make_scans.py), and run through the pipeline
          alone. For every occurrence of a value the sample's
          ``.truth.yaml`` says must go (names, e-mail addresses, phone
          numbers), its place on the scan is known; it counts as found when
          redaction boxes cover it. Target: recall >= 0.97.
* leaks   OCR of every published page's own pixels (the scan images, not
          the rendering with black boxes on top) searched for those values.
          Target: none.

Figures measured while other work runs on the machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pymupdf
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "samples"), str(ROOT / "tests")]

from make_scans import scan_document  # noqa: E402  (samples/)
from ocr_support import ocr_pixels  # noqa: E402  (tests/)

from woopub.detect import Detector  # noqa: E402
from woopub.reading.extract import extract_text  # noqa: E402
from woopub.reading.ocr import read_pages
from woopub.reading.planning import DPI, OcrRegion, _union_area, plan_page
from woopub.reading.tesseract import Tesseract  # noqa: E402
from woopub.run.pipeline import Dossier  # noqa: E402
from woopub.writing.publish import LOG_JSON  # noqa: E402
from woopub.reading.document import DocumentReader  # noqa: E402
from woopub.decide.rules import load_rules  # noqa: E402
from woopub.run.batch import run_inline  # noqa: E402

SAMPLES = ["nota-voortgang-mensenhandel", "email-mensenhandel", "bijlage-contactpersonen"]
COVERED = 0.8  # share of an occurrence's middle band under redaction boxes for it to count as found


def middle_band(box: pymupdf.Rect) -> pymupdf.Rect:
    """The middle of a text box, where the ink of its letters is (font boxes are taller than the ink)."""
    return pymupdf.Rect(box.x0, box.y0 + 0.35 * box.height, box.x1, box.y1 - 0.35 * box.height)


class TimedTesseract(Tesseract):
    """Tesseract that adds up the wall time spent reading."""

    def __init__(self):
        super().__init__()
        self.seconds = 0.0
        self.images = 0

    def read_all(self, jobs):
        start = time.perf_counter()
        try:
            return super().read_all(jobs)
        finally:
            self.seconds += time.perf_counter() - start
            self.images += len(jobs)


def category(value: str) -> str:
    if "@" in value:
        return "e-mail"
    if len(re.sub(r"\D", "", value)) >= 8:
        return "phone"
    return "name"


def occurrences(source: pymupdf.Document, value: str) -> list[tuple[int, pymupdf.Rect]]:
    """Where ``value`` stands in the source document: (page, box) per line it covers."""
    text = extract_text(source)
    pattern = r"(?<![\w@])" + r"\s*".join(map(re.escape, value.split())) + r"(?![\w@])"
    found = []
    for m in re.finditer(pattern, text.text):
        lines: dict[tuple[int, int], pymupdf.Rect] = {}
        for i in text.word_indices(m.start(), m.end()):
            w = text.words[i]
            s, e = text.spans[i]  # the value's letters only: "SÖ" in "SÖ," leaves the comma out
            box = pymupdf.Rect(w.box)
            left = (max(s, m.start()) - s) / max(e - s, 1)
            right = (min(e, m.end()) - s) / max(e - s, 1)
            box = pymupdf.Rect(box.x0 + left * box.width, box.y0, box.x0 + right * box.width, box.y1)
            lines.setdefault((w.page, w.line), pymupdf.Rect())
            lines[(w.page, w.line)] |= box
        found += [(page, box) for (page, _), box in lines.items()]
    return found


def visible_part(page: pymupdf.Page, box: pymupdf.Rect) -> pymupdf.Rect | None:
    """The part of ``box`` where the source page shows ink: a value clipped by a table cell
    in the source (its text goes on past the cell's edge) is only on the scan as far as it shows."""
    zoom = 2
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=box, colorspace=pymupdf.csGRAY, alpha=False)
    xs = [i % pix.width for i, v in enumerate(pix.samples) if v < 160]
    if not xs:
        return None
    return pymupdf.Rect(pix.x + min(xs), box.y0 * zoom, pix.x + max(xs) + 1, box.y1 * zoom) * (1 / zoom)


def still_there(value: str, text: str) -> bool:
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 8 and digits in re.sub(r"\D", "", text):
        return True
    return re.search(r"(?<![\w@])" + r"\s*".join(map(re.escape, value.split())) + r"(?![\w@])", text) is not None


def bench_speed(rules, detector) -> None:
    print("== speed ==")
    engine = TimedTesseract()
    with pymupdf.open(ROOT / "samples" / "scans" / "nota-voortgang-mensenhandel-gescand.pdf") as doc:
        plans = [(page, [OcrRegion(r.rect, r.reason, DPI) for r in plan_page(page)]) for page in doc]
        start = time.perf_counter()
        read_pages(plans, engine)
        wall = time.perf_counter() - start
    print(f"OCR at {DPI} dpi: {len(plans)} pages in {wall:.1f} s = {len(plans) / wall:.2f} pages/s "
          f"({engine.workers} Tesseract processes at once on {engine.workers} core(s))")

    engine = TimedTesseract()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        shutil.copytree(ROOT / "samples" / "scans", inputs, ignore=shutil.ignore_patterns("*.yaml"))
        start = time.perf_counter()
        # in-process (isolate=False): OCR time spent in forked children would not be counted here
        result = run_inline(Dossier(rules, detector, reader=DocumentReader(engine), isolate=False), [inputs], Path(tmp) / "out")
        total = time.perf_counter() - start
    pages = sum(o.pages for o in result.outcomes)
    print(f"woopub redact samples/scans ({pages} pages, detectors already loaded): {total:.1f} s, "
          f"of which OCR {engine.seconds:.1f} s = {100 * engine.seconds / total:.0f}%")


def bench_recall(rules, detector, dpis: list[int], docs: list[str]) -> bool:
    print("== recall on scanned samples ==")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kept_lost = kept_all = 0
    leaks: list[str] = []
    engine = Tesseract()
    with tempfile.TemporaryDirectory() as tmp:
        for dpi in dpis:
            for k, name in enumerate(docs):
                truth = yaml.safe_load((ROOT / "samples" / f"{name}.truth.yaml").read_text("utf-8"))
                folder = Path(tmp) / f"{name}-{dpi}"
                (folder / "in").mkdir(parents=True)
                scanned = folder / "in" / f"{name}.pdf"
                with pymupdf.open(ROOT / "samples" / f"{name}.pdf") as source:
                    pages = scan_document(source, scanned, dpi=dpi, seed=100 * dpi + k)
                    occ = {v: [(page, visible) for page, box in occurrences(source, v)
                               if (visible := visible_part(source[page], box)) is not None]
                           for v in truth["redact"] + truth["keep"]}
                result = run_inline(Dossier(rules, detector), [folder / "in"], folder / "out")
                (outcome,) = result.outcomes
                if outcome.status != "published":
                    print(f"  {name} @ {dpi} dpi: FAILED: {outcome.reason}")
                    continue
                log = json.loads((folder / "out" / LOG_JSON).read_text("utf-8"))
                boxes = defaultdict(list)
                for e in log["redactions"]:
                    boxes[e["page"] - 1].append(pymupdf.Rect(e["rect"]))
                missed = []
                for value in truth["redact"]:
                    for page, box in occ[value]:
                        on_scan = middle_band(box * pages[page].matrix)
                        covered = _union_area([r & on_scan for r in boxes[page] if r.intersects(on_scan)])
                        hit = covered >= COVERED * on_scan.get_area()
                        totals[category(value)][0] += hit
                        totals[category(value)][1] += 1
                        if not hit:
                            missed.append(value)
                lost = []
                for value in truth["keep"]:
                    for page, box in occ[value]:
                        on_scan = middle_band(box * pages[page].matrix)
                        covered = _union_area([r & on_scan for r in boxes[page] if r.intersects(on_scan)])
                        kept_all += 1
                        if covered >= COVERED * on_scan.get_area():
                            kept_lost += 1
                            lost.append(value)
                seen = ocr_pixels(folder / "out" / f"{name}.pdf", engine)
                leaked = [v for v in truth["redact"] if still_there(v, seen)]
                leaks += [f"{name} @ {dpi} dpi: {v}" for v in leaked]
                warn = f"; warnings: {outcome.warnings}" if outcome.warnings else ""
                print(f"  {name} @ {dpi} dpi: missed {sorted(set(missed)) or 'none'}; "
                      f"found by OCR of the published pixels: {leaked or 'none'}; "
                      f"kept values blacked out: {sorted(set(lost)) or 'none'}{warn}")
    ok = True
    for cat in ("name", "e-mail", "phone"):
        hit, n = totals[cat]
        print(f"recall {cat:7s}: {hit}/{n} = {hit / max(n, 1):.3f}")
        ok &= n == 0 or hit / n >= 0.97
    hit = sum(t[0] for t in totals.values())
    n = sum(t[1] for t in totals.values())
    print(f"recall all    : {hit}/{n} = {hit / max(n, 1):.3f}  (target >= 0.97)")
    print(f"kept values blacked out: {kept_lost}/{kept_all}")
    print(f"values found by OCR of the published pages: {len(leaks)}  (target 0)")
    for line in leaks:
        print(f"  LEAK {line}")
    return ok and hit / max(n, 1) >= 0.97 and not leaks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    parser.add_argument("--docs", nargs="+", default=SAMPLES, choices=SAMPLES, help="sample documents to scan")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    problem = Tesseract().problem()
    if problem:
        print(f"cannot benchmark OCR: {problem}")
        return 2
    rules, detector = load_rules(), Detector()
    if not args.skip_speed:
        bench_speed(rules, detector)
    return 0 if bench_recall(rules, detector, args.dpi, args.docs) else 1


if __name__ == "__main__":
    sys.exit(main())
