"""The publication package from a run's publication log: one function that ``redact`` and
``apply`` both call after they wrote the log.

Writes into ``out/package/``: ``upload/<ID>.pdf`` (each published PDF, stamped with
its number unless ``stamp`` is off), ``productierapport.xlsx``,
``inventarislijst.csv`` and ``SHA256SUMS``. Every document of the log has a row:
a failed or skipped file is "niet openbaar" with "nog te beoordelen" and its
reason. A row's title is the dossier file's title or else the document number:
the original file name never enters the package (it may hold a name). The log
names documents by their public names (``decide.filenames``); the dossier file
names them as the user does, by the original path, found through the internal
record's name map.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pymupdf

from woopub.package.productierapport import (
    InventoryRow, assessment_from_redactions, write_inventory_csv, write_productierapport,
)
from woopub.package.settings import NOG_TE_BEOORDELEN, REEDS_OPENBAAR, DossierFile, PackageSettings
from woopub.package.stamp import stamp_document
from woopub.package.sums import write_sums
from woopub.writing.publish import read_internal_names

PACKAGE = "package"
UPLOAD = "upload"
UPLOAD_MAP = "package-uploads.json"  # in the internal folder: upload file -> document (holds original names)


def read_upload_map(internal_dir: Path) -> dict[str, str]:
    path = Path(internal_dir) / UPLOAD_MAP
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def _row(doc: dict, settings: PackageSettings, dossier: DossierFile, original: str) -> InventoryRow:
    name = doc["document"]
    # from the public path alone: the log's SHA-256 is the published file's, which differs between runs
    number = settings.document_id(name, None)
    o = dossier.override(original)
    title = o.title or number
    if doc["status"] != "published":
        reason = (doc.get("reason") or doc["status"]).splitlines()[0]
        return InventoryRow(number, title, o.assessment or "niet openbaar", o.grounds or (), o.date,
                            file_type="pdf" if name.lower().endswith(".pdf") else "",
                            remark=f"{NOG_TE_BEOORDELEN}: {reason}", link=o.link or "", suspended=o.suspended)
    grounds = o.grounds if o.grounds is not None else tuple(sorted(doc.get("per_ground") or {}))
    assessment = assessment_from_redactions(grounds, o.assessment)
    published = f"{number}.pdf" if assessment not in ("niet openbaar", REEDS_OPENBAAR) else None
    return InventoryRow(number, title, assessment, grounds, o.date, remark=o.remark or "",
                        link=o.link or "", suspended=o.suspended, published=published)


def build_package(out_dir: Path, log: dict, dossier: DossierFile | None = None, stamp: bool = True,
                  internal_dir: Path | None = None) -> Path:
    """Write the package for the published folder ``out_dir`` whose log is ``log``; returns its folder.

    With ``internal_dir``, which upload file is which document goes there, so verification
    hunts each stamped copy for its own document's redacted values."""
    dossier = dossier or DossierFile()
    settings = PackageSettings.from_dossier_file(dossier, stamp)
    root = Path(out_dir) / PACKAGE
    if root.exists():
        shutil.rmtree(root)  # a rerun writes the whole package again
    (root / UPLOAD).mkdir(parents=True)
    rows, uploads = [], {}
    sources = {p: o for o, p in read_internal_names(internal_dir).items()} if internal_dir is not None else {}
    for doc in log["documents"]:
        row = _row(doc, settings, dossier, sources.get(doc["document"], doc["document"]))
        rows.append(row)
        if row.published:
            with pymupdf.open(Path(out_dir) / doc["document"]) as pdf:
                if settings.stamp:
                    stamp_document(pdf, row.id)
                # a full save: no earlier revision stays in the file
                pdf.save(root / UPLOAD / row.published, garbage=3, deflate=True)
            uploads[f"{PACKAGE}/{UPLOAD}/{row.published}"] = doc["document"]
    if internal_dir is not None:
        Path(internal_dir).mkdir(parents=True, exist_ok=True)
        (Path(internal_dir) / UPLOAD_MAP).write_text(json.dumps(uploads, indent=2, ensure_ascii=False), "utf-8")
    write_productierapport(root / "productierapport.xlsx", rows, dossier.matter or "", dossier.case_numbers)
    write_inventory_csv(root / "inventarislijst.csv", rows)
    write_sums(root)
    return root
