"""The detection targets (issues 3 and 12) against measured figures.

    python bench/detection.py [--corpus samples/corpus/docs] [--no-conll] [--no-realdocs] [--no-stages]

Prints, for the development corpus (samples/corpus/docs, run as `woopub eval`
does: each document a dossier of its own, with the dossier pass):

  person recall >= 0.99, zero missed e-mail addresses and phone numbers,
  keep precision >= 0.98

then the CoNLL-2002 ned.testa figures through `woopub scan-text`
(bench/conll.py: PER entity recall >= 0.90, token precision >= 0.80), the
real-document set (bench/realdocs.py: person recall >= 0.98, person-box precision
>= 0.95, removed-word precision >= 0.80, office holders kept), and the
characters per second of each detection stage (each registered recogniser
alone, all of them, and the dossier pass) on the corpus text.

Figures measured while other work runs on the machine are noisy; the exit
code is 0 whatever the figures (this is a report, not a test).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from woopub.detect import RECOGNISERS, Detector  # noqa: E402
from woopub.evaluate import evaluate, load_corpus, predict  # noqa: E402
from woopub.decide.rules import load_rules  # noqa: E402

DEFAULT_CORPUS = ROOT / "samples" / "corpus" / "docs"


def _row(target: str, goal: str, measured: str, ok: bool | None) -> str:
    status = "" if ok is None else "ok" if ok else "MISSED"
    return f"{target:<46} {goal:>8} {measured:>10}  {status}"


def corpus_targets(corpus: Path, rules, detector) -> list[str]:
    report = evaluate(corpus, rules, detector)
    single = evaluate(corpus, rules, detector, dossier_pass=False)
    person = report.per_entity["PERSON"]
    email, phone = report.per_entity["EMAIL"], report.per_entity["PHONE"]
    keep = report.total
    lines = [
        f"own corpus ({report.documents} documents, {sum(c.gold for c in report.per_entity.values())} spans to "
        f"redact, {keep.keep} to keep)",
        f"{'target':<46} {'goal':>8} {'measured':>10}  status",
        _row("PERSON recall", ">= 0.99", f"{person.recall:.3f}", person.recall >= 0.99),
        _row("missed e-mail addresses", "0", str(email.gold - email.found), email.gold == email.found),
        _row("missed phone numbers", "0", str(phone.gold - phone.found), phone.gold == phone.found),
        _row("keep precision (all keep spans)", ">= 0.98", f"{keep.keep_precision:.3f}", keep.keep_precision >= 0.98),
        "",
        "for reference:",
        _row("PERSON precision", "", f"{person.precision:.3f}", None),
        _row("PERSON recall without the dossier pass", "", f"{single.per_entity['PERSON'].recall:.3f}", None),
    ]
    for entity, c in sorted(report.per_entity.items()):
        if entity in ("PERSON",) or not c.gold:
            continue
        lines.append(_row(f"{entity} recall", "", f"{c.recall:.3f}", None))
    for kind, c in sorted(report.by_kind.items(), key=lambda kv: kv[1].keep_precision or 0):
        lines.append(_row(f"keep precision: {kind}", "", f"{c.keep_precision:.3f}", None))
    worst = sorted(report.by_form.items(), key=lambda kv: kv[1].recall if kv[1].recall is not None else 1)[:5]
    lines.append("weakest person forms: " + ", ".join(f"{k} {c.recall:.2f} ({c.gold})" for k, c in worst))
    return lines


def conll_targets() -> list[str]:
    import conll

    data = (ROOT / conll.DEFAULT_DATA).resolve()
    if not data.exists():
        return [f"CoNLL-2002: {data} not found; skipped"]
    r = conll.measure(data)
    return [
        f"CoNLL-2002 ned.testa through woopub scan-text ({r['tokens']} tokens)",
        _row("PER entity recall", f">= {conll.TARGET_RECALL}", f"{r['per_recall']:.3f}", r["per_recall"] >= conll.TARGET_RECALL),
        _row("PER token precision", f">= {conll.TARGET_PRECISION}", f"{r['per_token_precision']:.3f}",
             r["per_token_precision"] >= conll.TARGET_PRECISION),
        _row("tokens/s incl. start-up (one call)", "", str(r["tokens_per_second"]), None),
        # the 74 articles are unrelated: as one dossier each article's names are searched in all the others
        *[_row(f"PER {what}, each document a dossier of its own (in-process)", "", f"{alone[key]:.3f}", None)
          for alone in [conll.measure(data, in_process=True)]
          for what, key in (("recall", "per_recall"), ("token precision", "per_token_precision"))],
        _row("tokens/s in-process (no start-up)", "", str(r["tokens_per_second_library"]), None),
    ]


def realdocs_targets() -> list[str]:
    import realdocs

    if not realdocs.DEFAULT_PDFS.is_dir():
        return [f"real documents: {realdocs.DEFAULT_PDFS} not found; skipped"]
    r = realdocs.evaluate(realdocs.DEFAULT_PDFS)
    t = realdocs.TARGETS
    return [
        f"real documents (samples/realdocs: {r['documents']} PDFs, {r['pages']} annotated pages)",
        _row("person recall", f">= {t['person_recall']}", f"{r['person_recall']:.3f}", r["person_recall"] >= t["person_recall"]),
        _row("person-box precision", f">= {t['person_box_precision']}", f"{r['person_box_precision']:.3f}",
             r["person_box_precision"] >= t["person_box_precision"]),
        _row("removed-word precision (person spans)", f">= {t['removed_word_precision']}",
             f"{r['removed_word_precision']:.3f}", r["removed_word_precision"] >= t["removed_word_precision"]),
        _row("office holders and credited makers kept", "all", f"{r['office_holders_kept']:.3f}",
             r["office_holders_kept"] == 1.0),
        _row("capitalised non-persons kept", "", f"{r['not_persons_kept']:.3f}", None),
    ]


def stage_speeds(corpus: Path, rules, detector) -> list[str]:
    texts = [d.text for d in load_corpus(corpus)]
    chars = sum(len(t) for t in texts)
    lines = [f"detection stages on the corpus text ({chars} characters; best of 2 runs)"]

    def rate(fn) -> float:
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            for t in texts:
                fn(t)
            best = min(best, time.perf_counter() - t0)
        return chars / best

    for name in RECOGNISERS:
        one = Detector([name])
        lines.append(f"  recogniser {name:<38} {rate(one.find):>10,.0f} chars/s")
    lines.append(f"  {'all recognisers (as scan-text)':<49} {rate(detector.find):>10,.0f} chars/s")
    lines.append(f"  {'detect, decide, detect again with known persons':<49} "
                 f"{rate(lambda t: predict(t, detector, rules)):>10,.0f} chars/s")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--no-conll", action="store_true", help="skip the CoNLL-2002 measurement")
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage speeds")
    ap.add_argument("--no-realdocs", action="store_true", help="skip the real-document set (samples/realdocs)")
    args = ap.parse_args(argv)
    rules = load_rules()
    detector = Detector()
    out = corpus_targets(args.corpus, rules, detector)
    if not args.no_conll:
        out += [""] + conll_targets()
    if not args.no_realdocs:
        out += [""] + realdocs_targets()
    if not args.no_stages:
        out += [""] + stage_speeds(args.corpus, rules, detector)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
