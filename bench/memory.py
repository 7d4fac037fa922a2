"""Does woopub redact's memory stay flat as a dossier grows? The same documents at N, 2N, 4N.

    python bench/memory.py                         # the default set, 1, 2 and 4 rounds, 2 workers
    python bench/memory.py --rounds 1 2 4 8 --workers 1
    python bench/memory.py --files a.pdf b.pdf --src /tmp/old/src

A round is one copy of every file of the set (by default 10 Dutch government
PDFs from ../shared/realpdf, three PDFs of other makers and the three PDFs of
samples/), each copy under a name of its own ("r02-nota.pdf"): woopub takes
every copy for a document of its own (a copy is a real file, not a link: the
command reads a file reached by two paths once; and it has bytes of its own,
a metadata field rewritten, unless --same-bytes: what woopub keeps by a file's
SHA-256 is then not shared by the copies, as in a real dossier), scans it, hunts it for
every name the dossier redacts anywhere and publishes it. Each round also
adds one generated document (bench/dossiergen.py, its own seed) with civil
servants of its own, so the dossier's person index, and with it the
cross-document name hunt, grows with the rounds as in a real dossier.

For each size it runs ``woopub redact DIR --out OUT --json --workers N`` once
(bench/scale.py's ``run_redact``: peak PSS and RSS of the whole process tree,
the command, its pool and workers and the Frog server, and the peak RSS of
each of those kinds) and reads the command's own memory (RSS, and PSS) each
time it prints an event: after each document of the publish pass, at each
progress line (about every second, the scan pass's too) and at each stage. Memory is flat when the peaks at 4N are about those at N and the
command's memory does not climb from one document to the next. Not a test:
it prints figures. Timings are noisy when other work runs on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import dossiergen  # noqa: E402
from scale import run_redact  # noqa: E402

REAL = ROOT.parent / "shared" / "realpdf"
DEFAULT_FILES = [  # text documents and pictures OCR reads; names, tables, a Kamerstuk, a scan
    REAL / "nl-kpapis__2020_04_24_Verslag_Overleg_Werkgroep_API_Architectuur.pdf",
    REAL / "nl-kpapis__2020_07_03_Verslag_Overleg_Werkgroep_API_Architectuur.pdf",
    REAL / "nl-kpapis__DSO_API_strategie_presentatie_kickoff_werkgroep_API_strategie.pdf",
    REAL / "nl-plooi__ah-tk-20202021-3235.pdf",
    REAL / "nl-plooi__kst-32545-143.pdf",
    REAL / "nl-plooi__20110301-5687928a-draagmoederschap.pdf",
    REAL / "nl-regels__OpdrachtALEF12.pdf",
    REAL / "nl-regels__PresentatieALEF210.pdf",
    REAL / "nl-algokader__Levenscyclus_vergelijkingstabel.pdf",
    REAL / "nl-woo-web__16115.pdf",
    REAL / "camelot__eu-023.pdf",
    REAL / "pdfplumber__2023-06-20-PV.pdf",
    REAL / "pymupdf__test_2907.pdf",
    ROOT / "samples" / "nota-voortgang-mensenhandel.pdf",
    ROOT / "samples" / "email-mensenhandel.pdf",
    ROOT / "samples" / "bijlage-contactpersonen.pdf",
]
GENERATED_PAGES = 2  # per round: a nota or an e-mail chain with persons of its own


def copy(source: Path, target: Path, r: int, distinct: bool) -> None:
    """A copy of ``source``; ``distinct``: with its own bytes (a metadata field of its own, rewritten by
    pikepdf), so that what woopub keeps by a file's SHA-256 (the readings of a document) is not shared
    by the copies, as in a real dossier, where no two documents are byte for byte the same."""
    if distinct:
        try:
            import pikepdf

            with pikepdf.open(source) as pdf:
                if not pdf.get_warnings():  # a damaged file qpdf repaired would be another document: copied as it is
                    pdf.docinfo["/Subject"] = f"copy {r}"
                    pdf.save(target)
                    return
        except Exception:  # a file pikepdf cannot rewrite: copied as it is
            pass
    shutil.copyfile(source, target)


def build(work: Path, files: list[Path], rounds: int, distinct: bool = True) -> Path:
    """``rounds`` copies of ``files`` and one generated document per round, in a folder of their own."""
    folder = work / f"dossier-{rounds}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for r in range(rounds):
        for f in files:
            copy(f, folder / f"r{r:02d}-{f.name}", r, distinct)
        generated = work / f"generated-{r}"
        if not (generated / ".complete").exists():
            shutil.rmtree(generated, ignore_errors=True)
            dossiergen.generate(GENERATED_PAGES, generated, seed=1000 + r)
            (generated / ".complete").write_text("")
        for f in sorted(generated.glob("*.pdf")):
            shutil.copyfile(f, folder / f"r{r:02d}-gen-{f.name}")
    return folder


class MainMemory:
    """The command's own memory each time it prints an event (its workers and Frog are not in it)."""

    def __init__(self):
        self.rows: list[dict] = []
        self.documents = 0
        self.stage = ""

    def __call__(self, event: dict, process: psutil.Process) -> None:
        kind = event.get("event")
        if kind == "stage":
            self.stage = event["stage"]
        elif kind == "document":
            self.documents += 1
        elif kind != "progress":  # progress: every second or so, the scan pass's too (its index grows here)
            return
        try:
            info = process.memory_full_info()  # PSS: the kernel walks the page tables (a few ms)
        except psutil.Error:
            return
        self.rows.append({"event": kind, "stage": self.stage, "documents": self.documents,
                          "rss_mb": info.rss / 2**20, "pss_mb": info.pss / 2**20})

    def after_documents(self) -> list[dict]:
        return [r for r in self.rows if r["event"] == "document"]


def measure(folder: Path, work: Path, workers: int, src: Path) -> dict:
    main = MainMemory()
    r = run_redact(folder, work / f"out-{folder.name}", workers, src, on_event=main, extra=("--no-resume",))
    docs = main.after_documents()
    scanning = next((row["stage"] for row in main.rows if row["event"] == "stage"), "")  # the first stage
    s = r["summary"]
    figures = {
        "documents": s["documents"], "published": s["published"], "failed": [f["document"] for f in s["failed"]], "pages": r["pages"],
        "seconds": round(r["wall"], 1), "verify": s["verify"],
        "peak_pss_mb": round(r["peak_mb"]), "peak_rss_mb": round(r["peak_rss_mb"]),
        "peak_rss_mb_by": {k: round(v) for k, v in sorted(r["peak_rss_mb_by"].items())},
        "main_rss_mb_after_documents": [round(d["rss_mb"], 1) for d in docs],
        "main_pss_mb_after_documents": [round(d["pss_mb"], 1) for d in docs],
        "main_rss_mb_while_scanning": [round(row["rss_mb"], 1) for row in main.rows
                                       if row["event"] == "progress" and row["stage"] == scanning],
        "main_at_stages": {row["stage"]: round(row["rss_mb"], 1) for row in main.rows if row["event"] == "stage"},
    }
    if len(docs) >= 4:  # the first documents warm caches and imports: compare the second quarter with the last
        quarter = len(docs) // 4
        early = max(d["rss_mb"] for d in docs[quarter:2 * quarter])
        late = max(d["rss_mb"] for d in docs[-quarter:])
        figures["main_rss_growth_mb"] = round(late - early, 1)
    return figures


def report(rows: list[tuple[int, dict]], files: list[Path], distinct: bool) -> None:
    print(f"\nthe set ({len(files)} files, per round, plus {GENERATED_PAGES} generated page(s) with persons of their own; "
          f"copies {'each with bytes of its own' if distinct else 'byte for byte equal'}):")
    for f in files:
        print(f"  {f.relative_to(ROOT.parent) if f.is_relative_to(ROOT.parent) else f}")
    print(f"\n{'rounds':>6} {'docs':>5} {'pages':>5} {'wall s':>7} {'PSS MB':>7} {'RSS MB':>7}  peak RSS MB by kind"
          f"{'':>14} main RSS MB: first doc / last doc / growth 2nd quarter to last")
    for rounds, f in rows:
        after = f["main_rss_mb_after_documents"]
        by = ", ".join(f"{k} {v}" for k, v in f["peak_rss_mb_by"].items())
        print(f"{rounds:>6} {f['documents']:>5} {f['pages']:>5} {f['seconds']:>7} {f['peak_pss_mb']:>7} {f['peak_rss_mb']:>7}  "
              f"{by:<34} {after[0] if after else '-'} / {after[-1] if after else '-'} / {f.get('main_rss_growth_mb', '-')}")
    if len(rows) > 1:
        (n, small), (m, large) = rows[0], rows[-1]
        print(f"peak at {m} rounds / at {n}: {large['peak_pss_mb'] / small['peak_pss_mb']:.2f}x PSS, "
              f"{large['peak_rss_mb'] / small['peak_rss_mb']:.2f}x RSS for {large['documents'] / small['documents']:.1f}x the documents")
    for rounds, f in rows:
        if f["failed"]:
            print(f"not published at {rounds} round(s): {', '.join(f['failed'])}")
    print(f"load average now: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores (timings are noisy under load)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--files", type=Path, nargs="+", default=DEFAULT_FILES)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "woopub-memory")
    ap.add_argument("--same-bytes", action="store_true", help="copies byte for byte equal to their file (by default each has its own bytes)")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="woopub source to run (a snapshot while you edit)")
    ap.add_argument("--json", type=Path, help="also write the figures here, with the command's memory after each document")
    args = ap.parse_args()
    files = [f for f in args.files if f.is_file()]
    if not files:
        raise SystemExit("memory: none of the files exists (../shared/realpdf beside the repository?)")
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for rounds in args.rounds:
        folder = build(args.work, files, rounds, not args.same_bytes)
        figures = measure(folder, args.work, args.workers, args.src)
        rows.append((rounds, figures))
        print(f"  {rounds} round(s): {figures['documents']} documents, {figures['pages']} pages, {figures['seconds']} s, "
              f"peak {figures['peak_pss_mb']} MB PSS ({figures['peak_rss_mb']} MB RSS), main {figures['main_at_stages']}",
              flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        # the run's output and its internal record (redacted values) go too; the generated documents stay
        for made in args.work.glob(f"out-{folder.name}*"):
            shutil.rmtree(made, ignore_errors=True)
    report(rows, files, not args.same_bytes)
    if args.json:
        args.json.write_text(json.dumps([{"rounds": n, **f} for n, f in rows], indent=1))


if __name__ == "__main__":
    main()
