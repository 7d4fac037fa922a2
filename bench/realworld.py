"""Run woopub over a folder of real-world PDFs and report what came out.

Prints outcomes by reason (published / refused with the reason's class /
crashed), pages per second (OCR'd pages counted apart), the most frequent
redacted strings (from the internal proposals file, never published), boxes
per page, and a damage check: each published page compared with its input
outside the redaction boxes (rendered at low resolution, and the words).

    python bench/realworld.py [FOLDER] [--workers 1] [--limit N] [--keep DIR]

FOLDER defaults to ../shared/realpdf/ beside the repository. Long runs: use
``nice -n 10``; speed figures taken while other work runs are noisy.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = REPO.parent / "shared" / "realpdf"
DAMAGE_DPI = 40
MARGIN = 4.0  # points around each box that may change (label, anti-aliasing)
PIXEL_TOLERANCE = 40  # a channel difference below this is rendering noise
CHANGED_SHARE = 0.002  # share of unmasked pixels that may differ before a page counts as changed


def reason_class(reason: str | None) -> str:
    """The reason's kind without the document's details (names, numbers, paths)."""
    if not reason:
        return "(no reason)"
    text = reason.split(":", 1)[-1] if reason.count(":") and len(reason.split(":", 1)[0]) > 60 else reason
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", text)
    text = re.sub(r"\d+", "N", text)
    return text.strip()[:110]


def run_woopub(inputs: list[Path], out: Path, workers: int) -> tuple[list[dict], dict | None, float, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    cmd = [sys.executable, "-m", "woopub", "redact", *map(str, inputs), "--out", str(out), "--json",
           "--workers", str(workers), "--no-resume"]
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    seconds = time.monotonic() - started
    documents, summary = [], None
    for line in proc.stdout.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("event") == "document":
            documents.append(event)
        elif event.get("event") == "summary":
            summary = event
    return documents, summary, seconds, proc.stderr


def damage(input_pdf: Path, output_pdf: Path, boxes: dict[int, list[tuple]]) -> list[str]:
    """Pages of the output that differ from the input outside the redaction boxes."""
    import numpy as np
    import pymupdf

    found = []
    with pymupdf.open(input_pdf) as a, pymupdf.open(output_pdf) as b:
        if len(a) != len(b):
            return [f"page count {len(a)} -> {len(b)}"]
        for i in range(len(a)):
            pa, pb = a[i], b[i]
            rects = [pymupdf.Rect(r) + (-MARGIN, -MARGIN, MARGIN, MARGIN) for r in boxes.get(i + 1, [])]
            ia = pa.get_pixmap(dpi=DAMAGE_DPI, alpha=False)
            ib = pb.get_pixmap(dpi=DAMAGE_DPI, alpha=False)
            if (ia.width, ia.height) != (ib.width, ib.height):
                found.append(f"page {i + 1}: size changed")
                continue
            xa = np.frombuffer(ia.samples, np.uint8).reshape(ia.height, ia.width, ia.n).astype(np.int16)
            xb = np.frombuffer(ib.samples, np.uint8).reshape(ib.height, ib.width, ib.n).astype(np.int16)
            mask = np.ones((ia.height, ia.width), bool)
            scale = DAMAGE_DPI / 72
            matrix = pa.rotation_matrix
            for r in rects:
                r = (r * matrix) * scale
                mask[max(int(r.y0), 0):int(r.y1) + 2, max(int(r.x0), 0):int(r.x1) + 2] = False
            diff = (np.abs(xa - xb).max(axis=2) > PIXEL_TOLERANCE) & mask
            share = diff.sum() / max(mask.sum(), 1)
            if share > CHANGED_SHARE:
                found.append(f"page {i + 1}: {share:.1%} of pixels outside boxes changed")
                continue
            words_a = _words_outside(pa, rects)
            words_b = _words_outside(pb, rects)
            lost = words_a - words_b
            if len(lost) > max(2, len(words_a) // 50):
                found.append(f"page {i + 1}: {len(lost)} words outside boxes lost")
    return found


def _words_outside(page, rects) -> collections.Counter:
    words = collections.Counter()
    for w in page.get_text("words"):
        import pymupdf

        r = pymupdf.Rect(w[:4])
        if not any(r.intersects(x) for x in rects):
            words[w[4]] += 1
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="only the first N PDFs (by name)")
    parser.add_argument("--keep", type=Path, help="write the output here instead of a temporary folder")
    parser.add_argument("--no-damage", action="store_true", help="skip the damage check")
    args = parser.parse_args()

    pdfs = sorted(p for p in args.folder.rglob("*") if p.suffix.lower() == ".pdf")
    if args.limit:
        pdfs = pdfs[: args.limit]
    work = args.keep or Path(tempfile.mkdtemp(prefix="woopub-realworld-"))
    out = work / "out"
    documents, summary, seconds, stderr = run_woopub(pdfs, out, args.workers)
    internal = Path(summary["internal_record"]) if summary else Path(str(out) + "-INTERN-niet-publiceren")

    by_name = {d["document"]: d for d in documents}
    outcomes = collections.Counter()
    reasons = collections.Counter()
    crashed = []
    for pdf in pdfs:
        d = by_name.get(pdf.name) or next((v for k, v in by_name.items() if k.endswith(pdf.name)), None)
        if d is None:
            outcomes["no outcome (run died?)"] += 1
            crashed.append(pdf.name)
        elif d["status"] == "published":
            outcomes["published"] += 1
        else:
            reason = d.get("reason") or ""
            kind = "crashed" if re.search(r"Error|Exception|Traceback|object has no attribute", reason) else "refused"
            outcomes[kind] += 1
            reasons[f"{kind}: {reason_class(reason)}"] += 1
    published = [d for d in documents if d["status"] == "published"]
    pages = sum(d.get("pages", 0) for d in published)
    ocr_pages = sum(1 for d in published for w in d.get("warnings", []) if "OCR" in w or "ocr" in w)

    print(f"# woopub over {args.folder} ({len(pdfs)} PDFs, {args.workers} worker(s))\n")
    print("| outcome | documents |\n|---|---:|")
    for k, v in outcomes.most_common():
        print(f"| {k} | {v} |")
    if reasons:
        print("\n| reason class | documents |\n|---|---:|")
        for k, v in reasons.most_common():
            print(f"| {k} | {v} |")
    print(f"\npages published: {pages} in {seconds:.0f} s = {pages / seconds:.2f} pages/s overall"
          f" (whole run incl. start-up; pages with an OCR warning: {ocr_pages})")
    if summary:
        print(f"verify: {summary['verify']}; problems: {len(summary['problems'])}")
        for p in summary["problems"][:20]:
            print(f"  {p}")
        stage = summary.get("stage_seconds") or {}
        if stage:
            print("stage seconds: " + ", ".join(f"{k} {v:.0f}" for k, v in stage.items()))
    elif stderr:
        print("woopub stderr (last lines):\n" + "\n".join(stderr.splitlines()[-15:]))

    strings = collections.Counter()
    boxes: dict[str, dict[int, list]] = collections.defaultdict(lambda: collections.defaultdict(list))
    proposals = internal / "voorstellen.jsonl"
    if proposals.exists():
        for line in proposals.read_text(encoding="utf-8").splitlines():
            p = json.loads(line)
            if p.get("action") == "redact":
                strings[p["text"]] += 1
                boxes[p["document"]][p["page"]].extend(p["boxes"])
    n_boxes = sum(len(b) for doc in boxes.values() for b in doc.values())
    print(f"\nboxes: {n_boxes} on {pages} pages = {n_boxes / max(pages, 1):.2f} per page")
    print("\nmost frequent redacted strings (internal, do not publish):")
    for text, count in strings.most_common(30):
        print(f"  {count:5d}  {text}")

    if not args.no_damage:
        damaged = []
        for d in published:
            src = next((p for p in pdfs if p.name == Path(d["document"]).name), None)
            dst = out / d["document"]
            if src is None or not dst.exists():
                continue
            try:
                found = damage(src, dst, boxes.get(d["document"], {}))
            except Exception as exc:  # noqa: BLE001 - a check that cannot run is reported, not fatal
                found = [f"damage check failed: {exc}"]
            if found:
                damaged.append((d["document"], found))
        print(f"\ndamage check ({DAMAGE_DPI} dpi, words): {len(damaged)} of {len(published)} published documents changed")
        for name, found in damaged:
            print(f"  {name}: {'; '.join(found[:3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
