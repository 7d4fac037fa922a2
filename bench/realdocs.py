"""Detection on real Dutch government PDFs: the hand-annotated set in samples/realdocs/.

    python bench/realdocs.py [--pdfs ../shared/realpdf] [--json]

The annotated documents are read from the folder of real PDFs (their SHA-256
is checked against the annotation), as one dossier, the way the pipeline
reads a text layer: detect and decide, the dossier's person index, the
second pass with the index, and the publish pass's same-document step. Then,
on the annotated pages only:

  person recall           annotated person mentions to redact that redacted PERSON spans cover wholly
  person-box precision    redacted PERSON spans that overlap an annotated person to redact
  removed-word precision  words inside redacted PERSON spans that belong to an annotated person
  office holders kept     annotated mentions to keep (Kamerleden, ministers, credited artists) not redacted
  not-persons kept        annotated capitalised non-persons (acronyms, organisations) not redacted

Every mention counts at each place it stands on its page.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "samples" / "realdocs" / "annotations.yaml"
DEFAULT_PDFS = ROOT.parent / "shared" / "realpdf"
TARGETS = {"person_recall": 0.98, "person_box_precision": 0.95, "removed_word_precision": 0.80}


@dataclass
class Tally:
    hit: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, what: str) -> None:
        self.total += 1
        self.hit += ok
        if not ok:
            self.misses.append(what)

    @property
    def share(self) -> float | None:
        return round(self.hit / self.total, 3) if self.total else None


def mentions(text: str, value: str, start: int, end: int) -> list[tuple[int, int]]:
    """Each place ``value`` stands in text[start:end], as written, words on word edges, any white space between."""
    words = [re.escape(w) for w in value.split()]
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]


def covered(spans: list[tuple[int, int]], text: str, a: int, b: int) -> bool:
    return all(any(s <= i < e for s, e in spans) for i in range(a, b) if not text[i].isspace())


def touched(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s < b and a < e for s, e in spans)


def analyse(texts: dict[str, str]) -> dict[str, list[tuple[int, int, str, str]]]:
    """(start, end, entity, action) of every finding, per document, as the pipeline decides them."""
    from woopub.decide import Decider
    from woopub.detect import Detector
    from woopub.docdate import document_date
    from woopub.pipeline import DocumentScan, Dossier, InputDocument, same_document_mentions
    from woopub.rules import load_rules

    rules, detector = load_rules(), Detector()
    scans = []
    for name, text in texts.items():
        decider = Decider(rules, document_date(text))
        findings = detector.find(text)
        scans.append(DocumentScan(InputDocument(Path(name), name), findings=findings,
                                  decisions=[decider.decide(f) for f in findings]))
    index = Dossier(rules, detector).person_index(scans)
    out = {}
    for scan in scans:
        text = texts[scan.document.name]
        decider = Decider(rules, document_date(text), index.surnames)
        findings = detector.find(text, known=index)
        decisions = [decider.decide(f) for f in findings]
        more = same_document_mentions(text, findings, decisions)
        findings, decisions = findings + more, decisions + [decider.decide(f) for f in more]
        out[scan.document.name] = [(f.start, f.end, f.entity, d.action) for f, d in zip(findings, decisions)]
    return out


def evaluate(pdfs: Path) -> dict:
    import pymupdf
    import yaml

    from woopub.extract import extract_text

    docs = yaml.safe_load(ANNOTATIONS.read_text("utf-8"))
    texts, bounds, skipped = {}, {}, []
    for d in docs:
        path = pdfs / d["file"]
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != d["sha256"]:
            skipped.append(d["file"])
            continue
        with pymupdf.open(path) as pdf:
            doc_text = extract_text(pdf)
        starts = doc_text.page_starts + [len(doc_text.text)]
        texts[d["file"]] = doc_text.text
        bounds[d["file"]] = [(starts[p - 1], starts[p]) for p in d["pages"]]
    found = analyse(texts)
    recall, keep, not_persons = Tally(), Tally(), Tally()
    boxes, words = Tally(), Tally()
    for d in docs:
        name = d["file"]
        if name not in texts:
            continue
        text = texts[name]
        redacted = [(s, e) for s, e, entity, action in found[name] if entity == "PERSON" and action == "redact"]
        for a, b in bounds[name]:
            gold = [(s, e) for p in d["persons"] if p["action"] == "redact" for s, e in mentions(text, p["text"], a, b)]
            for p in d["persons"]:
                for s, e in mentions(text, p["text"], a, b):
                    if p["action"] == "redact":
                        recall.add(covered(redacted, text, s, e), f"{name}: {p['text']}")
                    else:
                        keep.add(not touched(redacted, s, e), f"{name}: {p['text']} ({p['role']})")
            for word in d.get("not_persons", ()):
                for s, e in mentions(text, word, a, b):
                    not_persons.add(not touched(redacted, s, e), f"{name}: {word}")
            for s, e in redacted:
                if a <= s < b:
                    boxes.add(touched(gold, s, e), f"{name}: {' '.join(text[s:e].split())}")
                    for m in re.finditer(r"\S+", text[s:e]):
                        ws, we = s + m.start(), s + m.end()
                        words.add(touched(gold, ws, we), f"{name}: {m.group()}")
    return {
        "documents": len(texts), "pages": sum(len(v) for v in bounds.values()), "skipped": skipped,
        "person_recall": recall.share, "person_mentions": recall.total,
        "person_box_precision": boxes.share, "person_boxes": boxes.total,
        "removed_word_precision": words.share,
        "office_holders_kept": keep.share, "keep_mentions": keep.total,
        "not_persons_kept": not_persons.share, "not_person_mentions": not_persons.total,
        "missed": recall.misses, "wrong_boxes": boxes.misses, "keep_lost": keep.misses,
        "not_persons_lost": not_persons.misses,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdfs", type=Path, default=DEFAULT_PDFS)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.pdfs.is_dir():
        print(f"realdocs: {args.pdfs} not found: the real-document set is measured on ../shared/realpdf", file=sys.stderr)
        return 2
    r = evaluate(args.pdfs)
    if args.json:
        print(json.dumps(r, ensure_ascii=False, indent=1))
        return 0
    print(f"real documents (samples/realdocs): {r['documents']} documents, {r['pages']} annotated pages"
          + (f"; not found or changed: {', '.join(r['skipped'])}" if r["skipped"] else ""))
    rows = [("person recall", "person_recall", r["person_mentions"]),
            ("person-box precision", "person_box_precision", r["person_boxes"]),
            ("removed-word precision (person spans)", "removed_word_precision", None),
            ("office holders and credited authors kept", "office_holders_kept", r["keep_mentions"]),
            ("capitalised non-persons kept", "not_persons_kept", r["not_person_mentions"])]
    for label, key, n in rows:
        target = TARGETS.get(key)
        verdict = "" if target is None or r[key] is None else ("  ok" if r[key] >= target else f"  below target {target}")
        print(f"  {label:42s} {r[key]}" + (f"  (of {n})" if n is not None else "") + verdict)
    for title, key in (("missed", "missed"), ("boxes on no annotated person", "wrong_boxes"),
                       ("kept names redacted", "keep_lost"), ("non-persons redacted", "not_persons_lost")):
        if r[key]:
            print(f"{title}:")
            for item in r[key][:40]:
                print(f"  {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
