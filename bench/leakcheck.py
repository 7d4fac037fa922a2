"""Are redacted values still readable in the published files? A second reader's answer.

    python bench/leakcheck.py KEPT [--ocr] [--dossier] [--show N]

KEPT is the folder ``bench/realworld.py --keep KEPT`` leaves (``out/`` and ``intern/``). For each
published document, every value woopub redacted in it (the internal record's proposals) is looked
for in the published file by the hostile tests' oracle (``tests/hostile/leaks.py``), a reader
written apart from woopub's verification: the raw bytes and every inflated stream (Latin-1 and
UTF-16 either way round), every object, string and name through qpdf, the text through MuPDF (layers
on, alternate texts used and ignored) and through Poppler's ``pdftotext``; with ``--ocr`` also
Tesseract's reading of every page that carries a redaction box, rendered at 300 dpi.

Real text is not a planted test: a short value ("AA", "Bart") stands inside ordinary words, so a
value is matched as a whole word (after folding look-alike letters and invisible characters); a
single word as written or in capitals ("ward no. 6" is not the name "Ward"), a name of several words
in any case and also joined; numbers of 8 digits or more by their digits with separators between
them. A value a rule keeps at another place in the same document (a cited author, a minister) is left
out and counted: a reader of the whole file cannot tell those places apart. ``--dossier`` also looks for every person value redacted anywhere in the dossier in
every published document (woopub redacts a dossier's persons everywhere). Values of one or two
letters are left out: as whole words they are common words and table entries.

Prints the documents checked, the values looked for, and every hit: document, reader, value's
entity. The values are printed only with ``--show``: they are personal data (internal only).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))
sys.path.insert(0, str(ROOT / "src"))
import ahocorasick  # noqa: E402
import leaks  # noqa: E402
from woopub.writing.publish import read_internal_names  # noqa: E402

NUMBER_ENTITIES = {"PHONE_NUMBER", "NL_BSN", "IBAN_CODE", "NL_IBAN"}


# runs of characters a text can be written in (Latin, Greek and Cyrillic look-alikes, invisible
# characters): binary data read as Latin-1 or UTF-16 is mostly something else, and only these runs
# can hold a readable value
_TEXT_RUN = re.compile(r"[\t\n\r\x20-\x7e\xa0-\u024f\u0370-\u04ff\u1e00-\u1eff\u2000-\u206f\ufeff\ufb00-\ufb06]{3,}")


def _text_runs(text: str) -> str:
    return "\x00".join(_TEXT_RUN.findall(text))


def _fold(text: str) -> str:
    """Look-alike letters, invisible characters and soft hyphens folded; white space one space."""
    text = leaks.unicodedata.normalize("NFKC", text).translate(leaks._LOOKALIKES)
    text = re.sub(r"[\u00ad\u200b-\u200d\u2060\ufeff]", "", text)
    return re.sub(r"\s+", " ", text)


def _forms(value: str, entity: str) -> list:
    """What to look for: a number as a pattern of its digits, a name as its folded forms (whole words)."""
    digits = re.sub(r"\D", "", value)
    if entity in NUMBER_ENTITIES or (len(digits) >= 8 and len(digits) >= len(re.sub(r"\s", "", value)) - 4):
        if len(digits) < 8:
            return []
        return [re.compile(r"(?<!\d)" + r"[\s().+/-]{0,3}".join(digits) + r"(?!\d)")]
    folded = _fold(value).strip()
    if len(folded.replace(" ", "").replace(".", "")) < 3:
        return []
    if " " not in folded:  # a word as written or in capitals: "ward" in a text is not the name "Ward"
        return sorted({folded, folded.upper()})
    spellings = {folded, folded.upper(), folded.lower()}  # a full name is the name in any case, and joined
    return sorted(spellings | {s.replace(" ", "") for s in spellings})


def _whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end >= len(text) or not text[end].isalnum())


def _readable(text: str, start: int, end: int) -> bool:
    """A match standing in readable text: compressed bytes read as Latin-1 hold any short word by
    chance, so a match whose neighbourhood is not mostly plain ASCII does not count (binary bytes are
    that only about a third of the time, text nearly always)."""
    around = text[max(0, start - 12):start] + text[end:end + 12]
    return sum(" " <= c <= "~" or c in "\t\n\r" for c in around) >= 0.8 * len(around)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kept", type=Path)
    ap.add_argument("--ocr", action="store_true", help="also read pages with boxes by Tesseract")
    ap.add_argument("--dossier", action="store_true", help="look for the dossier's person values everywhere")
    ap.add_argument("--show", action="store_true", help="print the values found (personal data)")
    ap.add_argument("--document", action="append", default=[], help="only this published document (repeatable)")
    args = ap.parse_args(argv)
    out, internal = args.kept / "out", args.kept / "intern"
    public = read_internal_names(internal)  # original name -> published name, where they differ
    values: dict[str, dict[str, str]] = defaultdict(dict)  # document -> value -> entity
    box_pages: dict[str, set[int]] = defaultdict(set)
    dossier: dict[str, str] = {}
    kept: dict[str, set[str]] = defaultdict(set)  # document -> values a rule keeps at some place in it
    for line in (internal / "voorstellen.jsonl").read_text("utf-8").splitlines():
        p = json.loads(line)
        if not p.get("text"):
            continue
        text = " ".join(p["text"].split())
        if p["action"] != "redact":
            kept[p["document"]].add(_fold(text).lower())
            continue
        values[p["document"]][text] = p["entity"]
        box_pages[p["document"]].add(p["page"] - 1 if p.get("page") else 0)
        if p["entity"] == "PERSON":
            dossier[text] = p["entity"]
    hits, looked, docs, skipped_kept = Counter(), 0, 0, 0
    shown = []
    for document in sorted(values):
        if args.document and document not in args.document:
            continue
        path = out / public.get(document, document)
        if not path.is_file():
            continue  # refused or withheld: nothing published
        docs += 1
        wanted = dict(values[document])
        if args.dossier:
            wanted.update({v: e for v, e in dossier.items() if v not in wanted})
        # a value kept at one place and redacted at another (a cited author, a minister): a reader of
        # the whole file cannot tell the places apart; verification checks those by place
        also_kept = {v for v in wanted if _fold(v).lower() in kept[document]}
        skipped_kept += len(also_kept)
        wanted = {v: e for v, e in wanted.items() if v not in also_kept}
        raw = path.read_bytes()
        readings = {"bytes, objects, text": [_fold(_text_runs(t)) for t in leaks._readings(raw)]}
        if args.ocr:
            readings["OCR"] = [_fold("\n".join(leaks._ocr(path.read_bytes(), pages=box_pages[document])))]
        words = ahocorasick.Automaton()  # folded form -> (form, value, entity): one pass over megabytes of text
        numbers = []
        for value, entity in wanted.items():
            forms = _forms(value, entity)
            looked += bool(forms)
            for form in forms:
                if isinstance(form, re.Pattern):
                    numbers.append((form, value, entity))
                elif form not in words:
                    words.add_word(form, (form, value, entity))
        if len(words):
            words.make_automaton()
        found: dict[str, tuple[str, str]] = {}
        for reader, texts in readings.items():
            for text in texts:
                for end, (form, value, entity) in (words.iter(text) if len(words) else ()):
                    start = end + 1 - len(form)
                    if value not in found and _whole_word(text, start, end + 1) and _readable(text, start, end + 1):
                        found[value] = (reader, entity)
                for pattern, value, entity in numbers:
                    if value not in found and any(_readable(text, *m.span()) for m in pattern.finditer(text)):
                        found[value] = (reader, entity)
        for value, (reader, entity) in found.items():
            hits[(reader, entity)] += 1
            shown.append((document, reader, entity, value))
    print(f"{args.kept}: {docs} published documents, {looked} (document, value) pairs looked for"
          f"{' (dossier persons everywhere)' if args.dossier else ''}{', OCR of pages with boxes' if args.ocr else ''}; "
          f"{skipped_kept} left out: kept by a rule at another place in the same document")
    print(f"found: {sum(hits.values())}" + "".join(f"; {r} {e}: {n}" for (r, e), n in hits.most_common()))
    for document, reader, entity, value in shown:
        print(f"  {document}: {reader}: {entity}" + (f" {value!r}" if args.show else ""))
    return 1 if hits else 0


if __name__ == "__main__":
    raise SystemExit(main())
