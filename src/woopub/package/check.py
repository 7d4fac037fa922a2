"""``woopub verify`` on the publication package: complete and consistent with the log.

Checks, without the redacted values (``run.batch.verify_output`` adds the
search of the text versions for them):

- ``SHA256SUMS`` lists every file and each is unchanged;
- only the package's own kinds of file are inside (no internal record, no log
  with original names, nothing else);
- the production report has one row per document of the publication log,
  IDs unique;
- every upload has its row, every row that says it is published has its
  upload, and a text version; every DiWoo file belongs to an upload and
  validates, and when any upload has DiWoo metadata, every upload has it
  (none at all is a note, ``package_notes``: no publisher was named);
- ``inventarislijst.pdf`` has the machine-checkable structure of PDF/UA-1
  (``accessibility``; not a veraPDF validation);
- per uploaded document, the grounds in its row are the grounds the log
  counts for it (a superset when the dossier file set them).
"""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from woopub.package import diwoo
from woopub.package.accessibility import pdfua_problems
from woopub.package.build import INVENTORY_PDF, SOURCES, TEXT, UPLOAD, read_upload_map
from woopub.package.settings import DOSSIER_FILE_NAME
from woopub.package.productierapport import COLUMNS, PUBLISHED_JUDGEMENTS
from woopub.package.sums import SUMS, check_sums

TOP_FILES = {"productierapport.xlsx", "inventarislijst.csv", "inventarislijst.pdf", SUMS}
FOLDERS = {UPLOAD: ".pdf", TEXT: ".txt", diwoo.FOLDER: ".xml"}


def _rows(root: Path) -> list[dict]:
    sheet = load_workbook(root / "productierapport.xlsx", read_only=True).active
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    fields = {h: f for h, f in COLUMNS}
    return [{fields.get(h, h): ("" if v is None else str(v)) for h, v in zip(header, r)} for r in rows]


def check_package(root: Path, log: dict, internal_dir: Path | None = None) -> list[str]:
    problems: list[str] = []
    if not (root / SUMS).is_file():
        return [f"{SUMS} missing"]
    problems += check_sums(root)
    for p in sorted(root.rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(root)
        if len(rel.parts) == 1 and rel.name in TOP_FILES:
            continue
        if len(rel.parts) == 2 and FOLDERS.get(rel.parts[0]) == p.suffix:
            continue
        problems.append(f"{rel.as_posix()}: not a file of the publication package")
    try:
        rows = _rows(root)
    except (OSError, KeyError, StopIteration, ValueError) as exc:
        return problems + [f"productierapport.xlsx cannot be read: {exc}"]
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        problems.append("productierapport.xlsx: two rows share an ID")
    if len(rows) != len(log["documents"]):
        problems.append(f"productierapport.xlsx has {len(rows)} row(s), the publication log {len(log['documents'])} document(s)")
    by_id = {r["id"]: r for r in rows}
    uploads = {p.stem for p in (root / UPLOAD).glob("*.pdf")} if (root / UPLOAD).is_dir() else set()
    for stem in sorted(uploads - by_id.keys()):
        problems.append(f"{UPLOAD}/{stem}.pdf has no row in productierapport.xlsx")
    for r in rows:
        if r["judgement"] in PUBLISHED_JUDGEMENTS and r["id"] not in uploads:
            problems.append(f"row {r['id']} ({r['judgement']}) has no file in {UPLOAD}/")
        if r["judgement"] not in PUBLISHED_JUDGEMENTS and r["id"] in uploads:
            problems.append(f"{UPLOAD}/{r['id']}.pdf is uploaded but its row says {r['judgement']}")
    texts = {p.stem for p in (root / TEXT).glob("*.txt")} if (root / TEXT).is_dir() else set()
    for stem in sorted(uploads - texts):
        problems.append(f"{UPLOAD}/{stem}.pdf has no text version in {TEXT}/")
    for stem in sorted(texts - uploads):
        problems.append(f"{TEXT}/{stem}.txt belongs to no upload")
    described = {p.stem for p in (root / diwoo.FOLDER).glob("*.xml")} if (root / diwoo.FOLDER).is_dir() else set()
    if described:  # none at all is a note (no publisher known), some missing a fault
        for stem in sorted(uploads - described):
            problems.append(f"{UPLOAD}/{stem}.pdf has no DiWoo metadata in {diwoo.FOLDER}/")
    for p in sorted((root / diwoo.FOLDER).glob("*.xml")) if (root / diwoo.FOLDER).is_dir() else []:
        if p.stem not in uploads:
            problems.append(f"{diwoo.FOLDER}/{p.name} belongs to no upload")
        errors = diwoo.validation_errors(p.read_bytes())
        if errors:
            problems.append(f"{diwoo.FOLDER}/{p.name} breaks the DiWoo schema: {errors[0]}")
    if (root / INVENTORY_PDF).is_file():
        problems += [f"{INVENTORY_PDF}: {p}" for p in pdfua_problems(root / INVENTORY_PDF)]
    else:
        problems.append(f"{INVENTORY_PDF} missing")
    if internal_dir is not None:
        problems += _check_grounds(root, log, by_id, internal_dir)
    return problems


NO_PUBLISHER = ("no DiWoo metadata: no publisher known; name it (publisher: a TOOI code or URI) in "
                f"{DOSSIER_FILE_NAME} beside the documents or with --dossier-file")


PACKAGE_NOTE = "package: "


def package_notes(root: Path) -> list[str]:
    """What the package lacks without being wrong: DiWoo metadata when no publisher was named.

    woopub never guesses the publishing organisation: a wrong publisher in open.overheid.nl's
    metadata is worse than none, and the officer is told in one line."""
    uploads = list((root / UPLOAD).glob("*.pdf")) if (root / UPLOAD).is_dir() else []
    described = list((root / diwoo.FOLDER).glob("*.xml")) if (root / diwoo.FOLDER).is_dir() else []
    return [PACKAGE_NOTE + NO_PUBLISHER] if uploads and not described else []


def _check_grounds(root: Path, log: dict, by_id: dict[str, dict], internal_dir: Path) -> list[str]:
    """Per uploaded document: the row's grounds against the grounds the log counts for it."""
    problems = []
    uploads = read_upload_map(internal_dir)
    sources_path = Path(internal_dir) / SOURCES
    sources = json.loads(sources_path.read_text("utf-8")) if sources_path.is_file() else {}
    logged = {d["document"]: set(d.get("per_ground") or {}) for d in log["documents"]}
    for upload, document in sorted(uploads.items()):
        row = by_id.get(Path(upload).stem)
        if row is None or document not in logged:
            continue
        listed = {g.strip() for g in row["ground"].split(";") if g.strip()}
        by_dossier = (sources.get(document) or {}).get("grounds_source") == "dossierbestand"
        if (not by_dossier and listed != logged[document]) or (by_dossier and not logged[document] <= listed):
            problems.append(f"row {row['id']}: grounds {'; '.join(sorted(listed)) or '(none)'} do not match the "
                            f"publication log's {'; '.join(sorted(logged[document])) or '(none)'}")
    return problems
