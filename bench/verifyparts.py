"""Where verification's time goes: the write stage's and the closing verification's parts, per document.

    python bench/verifyparts.py FOLDER [--report parts.json] [--src DIR] [--plans plans.json] [--keep DIR]

Runs ``woopub redact FOLDER --workers 1 --json`` in this process, with the document passes in this
process too (no sandbox child), and times verification's parts: ``verify_pdf`` and each of its checks,
planning pages and looking at pictures, rendering regions, Tesseract runs (with their count, and the
images given to Tesseract: read, or taken from the run's memo of pixels read before), the scan repair and the damage check, each both in wall seconds and in CPU seconds of this process and
the Tesseract processes it ran (CPU moves less than wall time when other work shares the cores).
Parts are printed per phase: ``write`` (the write stage: the run's worker seconds "verify"),
``closing`` (the closing verification of the output and the package's stamped upload copies, which
the run's stage seconds do not count) and ``-`` (the scan pass, for comparison). Not a test: it
prints figures. The input folder is left alone; the output goes to a temporary folder (internal
record included), removed at the end, unless ``--keep DIR`` (it is moved there).

``--plans FILE``: every page's regions as ``plan_page`` planned them, per phase, document, call of
``verify_pdf`` (a repair verifies again) and page, written as JSON: two runs of different code on the
same folder must plan the same regions (compare with ``--compare A B``).
"""

from __future__ import annotations

import argparse
import functools
import json
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ("check_hygiene", "check_labels", "check_objects", "check_dossier_names", "check_pictures", "check_placed",
          "check_text", "check_strings", "check_raw", "extract_text", "plan_page", "read_pages", "_check_by_ocr")


def cpu_now() -> float:
    """CPU seconds of this process and of its children that ended (Tesseract's runs)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class Parts:
    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.by_document: dict[str, float] = defaultdict(float)
        self.phase, self.document = "-", "-"
        self.plans: dict[str, list] = {}  # phase|document|verification|page -> regions planned
        self.rounds: dict[tuple, int] = defaultdict(int)  # verifications of a document so far, per phase

    def wrap(self, owner, name: str, label: str | None = None, phase: str | None = None, named=None) -> None:
        fn = getattr(owner, name)
        label = label or name

        @functools.wraps(fn)
        def timed(*args, **kwargs):
            before = self.phase, self.document
            if phase is not None:
                self.phase = phase
            if named is not None:
                self.document = named(args)
            if label == "verify_pdf":
                self.rounds[(self.phase, self.document)] += 1
            wall, cpu = time.perf_counter(), cpu_now()
            try:
                return fn(*args, **kwargs)
            finally:
                key = f"{self.phase}|{label}"
                self.wall[key] += time.perf_counter() - wall
                self.cpu[key] += cpu_now() - cpu
                self.calls[key] += 1
                if label == "verify_pdf":
                    self.by_document[f"{self.phase}|{self.document}"] += time.perf_counter() - wall
                self.phase, self.document = before

        setattr(owner, name, timed)


def instrument(parts: Parts) -> None:
    import woopub.reading.ocr as ocr
    try:  # planning and the engine have modules of their own since s17 (older sources: all in ocr)
        import woopub.reading.planning as planning
        import woopub.reading.tesseract as tesseract
    except ImportError:
        planning = tesseract = ocr
    import woopub.run.batch as batch
    import woopub.run.pipeline as pipeline
    import woopub.writing.verify as verify
    import woopub.writing.write as write

    pipeline.can_isolate = lambda: False  # the passes in this process, where the timers are
    parts.wrap(write, "verify_pdf", phase="write", named=lambda a: a[1])
    parts.wrap(batch, "verify_pdf", phase="closing", named=lambda a: a[1])
    parts.wrap(write, "changed_pages", "damage check", phase="write")
    parts.wrap(write, "publish_as_scans", "scan repair", phase="write")
    for name in CHECKS:
        if hasattr(verify, name):
            parts.wrap(verify, name)
    parts.wrap(ocr, "_render", "render a region")
    parts.wrap(tesseract.Tesseract, "read", "tesseract")
    parts.wrap(tesseract.Tesseract, "_run", "tesseract process")  # every run, batches of images (read_many) included
    count_images(parts, tesseract)
    try:  # a stamped copy's pages compared with their published file's (not in older sources)
        import woopub.writing.stamped as stamped
        parts.wrap(stamped, "_same_outside", "stamp proof: compare pixels")
    except ImportError:
        pass
    parts.wrap(planning.PictureCheck, "pictures", "look at pictures")
    count_decodes(parts, planning)
    record_plans(parts, verify)


def record_plans(parts: Parts, verify) -> None:
    """Each page's planned regions, keyed ``phase|document|verification|page`` (``parts.plans``):
    verification's and the scan pass's calls of ``plan_page``."""
    import woopub.reading.document as document

    def recording(plan):
        @functools.wraps(plan)
        def recorded(page, *args, **kwargs):
            regions = plan(page, *args, **kwargs)
            name = parts.document if parts.phase != "-" else Path(page.parent.name).name  # the scan pass: the input
            where = f"{parts.phase}|{name}|{parts.rounds[(parts.phase, parts.document)]}|{page.number}"
            parts.plans[where] = [[list(r.rect), r.reason, r.dpi] for r in regions]
            return regions

        return recorded

    verify.plan_page = recording(verify.plan_page)  # verification's, timed
    document.plan_page = recording(document.plan_page)  # the scan pass's


def count_decodes(parts: Parts, planning) -> None:
    """What planning costs beyond seconds, per phase: pages run for their image lists
    (``get_textpage`` keeping images, which ``get_image_info`` and ``ImageDigests`` run), images
    decoded and hashed for their digest (MuPDF's MD5 of a decoded image), image objects decoded
    (``Pixmap(doc, xref)``: digests and looks at a picture's own pixels) and pictures rendered as
    shown to look at them."""
    import pymupdf
    from pymupdf import mupdf

    textpage = pymupdf.Page.get_textpage

    @functools.wraps(textpage)
    def counted_textpage(page, *args, **kwargs):
        flags = kwargs.get("flags", args[1] if len(args) > 1 else 0) or 0
        if flags & pymupdf.TEXT_PRESERVE_IMAGES:
            parts.calls[f"{parts.phase}|image lists of a page"] += 1
        return textpage(page, *args, **kwargs)

    pymupdf.Page.get_textpage = counted_textpage
    md5 = mupdf.fz_md5_pixmap2

    def counted_md5(*args):
        parts.calls[f"{parts.phase}|images hashed for a digest"] += 1
        return md5(*args)

    mupdf.fz_md5_pixmap2 = counted_md5
    plain = pymupdf.Pixmap

    class Pixmap(plain):
        def __init__(self, *args):
            if len(args) == 2 and isinstance(args[0], pymupdf.Document) and isinstance(args[1], int):
                parts.calls[f"{parts.phase}|image objects decoded"] += 1
            super().__init__(*args)

    pymupdf.Pixmap = Pixmap
    if hasattr(planning, "_shown_grey"):
        parts.wrap(planning, "_shown_grey", "render a picture to look at")


def count_images(parts: Parts, tesseract) -> None:
    """Images given to ``Tesseract.read_all``, per phase: read by Tesseract, or taken from the run's memo
    (the same pixels read before in the run). Counted as ``images read|memo`` in the parts' calls."""
    read_all = tesseract.Tesseract.read_all

    @functools.wraps(read_all)
    def counted(self, jobs):
        known = sum(1 for job in jobs if tesseract._memo_get(self._memo_key(*job)) is not None)
        parts.calls[f"{parts.phase}|images from the memo"] += known
        parts.calls[f"{parts.phase}|images read"] += len(jobs) - known
        return read_all(self, jobs)

    tesseract.Tesseract.read_all = counted


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--report", type=Path, help="also write the figures here (JSON)")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="woopub source to run")
    ap.add_argument("--plans", type=Path, help="write every page's planned regions here (JSON)")
    ap.add_argument("--keep", type=Path, help="move the output and internal record here instead of removing them")
    ap.add_argument("--compare", type=Path, nargs=2, metavar=("A", "B"),
                    help="only compare two --plans files: exit 1 if any page's regions differ")
    args = ap.parse_args()
    if args.compare:
        sys.exit(compare_plans(*args.compare))
    sys.path.insert(0, str(args.src))
    parts = Parts()
    instrument(parts)
    from woopub.cli import main as woopub

    work = Path(tempfile.mkdtemp(prefix="woopub-verifyparts-"))
    started, cpu = time.perf_counter(), cpu_now()
    try:
        try:
            woopub(["redact", str(args.folder), "--out", str(work / "out"), "--internal", str(work / "intern"),
                    "--workers", "1", "--json", "--no-resume"], standalone_mode=False)
        except SystemExit:
            pass
    finally:
        if args.keep:
            shutil.move(str(work), str(args.keep))
        shutil.rmtree(work, ignore_errors=True)
    wall, cpu = time.perf_counter() - started, cpu_now() - cpu
    print(f"\nwhole command: {wall:.1f} s wall, {cpu:.1f} s CPU (this process and its Tesseract runs; Frog apart)")
    print(f"{'phase|part':42s} {'wall s':>8s} {'CPU s':>8s} {'calls':>6s}")
    for key in sorted(set(parts.wall) | set(parts.calls)):
        print(f"{key:42s} {parts.wall[key]:8.2f} {parts.cpu[key]:8.2f} {parts.calls[key]:6d}")
    print("slowest verifications (wall s):")
    for key, seconds in sorted(parts.by_document.items(), key=lambda kv: -kv[1])[:10]:
        print(f"  {seconds:7.2f}  {key}")
    if args.report:
        args.report.write_text(json.dumps({"wall": wall, "cpu": cpu, "parts_wall": parts.wall, "parts_cpu": parts.cpu,
                                           "calls": parts.calls, "by_document": parts.by_document}, indent=1))
    if args.plans:
        args.plans.write_text(json.dumps(parts.plans, indent=0, sort_keys=True))


def compare_plans(a: Path, b: Path) -> int:
    """Print the pages planned differently (or in one run only); 1 if any, else 0."""
    one, two = json.loads(a.read_text()), json.loads(b.read_text())
    differ = sorted(k for k in one.keys() | two.keys() if one.get(k) != two.get(k))
    for key in differ[:50]:
        print(f"{key}: {one.get(key)} != {two.get(key)}")
    regions = sum(len(v) for v in one.values())
    print(f"{len(one)} and {len(two)} pages planned ({regions} regions in the first); {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    main()
