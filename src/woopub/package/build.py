"""The publication package from a run's publication log: one function that ``redact`` and
``apply`` both call after they wrote the log.

Writes into ``out/package/``: ``upload/<ID>.pdf`` (each published PDF, stamped with
its number unless ``stamp`` is off), ``productierapport.xlsx``,
``inventarislijst.csv`` and ``inventarislijst.pdf``, ``tekst/<ID>.txt`` (the
text version of each upload, ground codes in brackets), ``diwoo/<ID>.xml`` per
published document (when the dossier file names the publisher), and
``SHA256SUMS``. Every document of the log has a row: a failed or skipped file
is "niet openbaar" with "nog te beoordelen" and its reason. A row's title and
date are the dossier file's, else read from the published PDF
(``docinfo``), else the title is the document number: the original file name
never enters the package (it may hold a name). The log names documents by their
public names (``decide.filenames``); the dossier file names them as the user
does, by the original path, translated through the internal record's name map.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from woopub.package import diwoo
from woopub.package.annexes import Candidate, link_annexes
from woopub.package.docinfo import DocumentInfo
from woopub.package.ids import group_number
from woopub.package.inventory_pdf import write_inventory_pdf
from woopub.package.productierapport import (
    InventoryRow, assessment_from_redactions, write_inventory_csv, write_productierapport,
)
from woopub.package.settings import NOG_TE_BEOORDELEN, REEDS_OPENBAAR, WITHHELD, DossierFile, PackageSettings
from woopub.package.sums import write_sums
from woopub.package.uploads import UploadJob, info_unit, upload_unit
from woopub.writing.publish import read_internal_names

PACKAGE = "package"
UPLOAD = "upload"
TEXT = "tekst"  # the text version of each uploaded PDF: tekst/<ID>.txt
UPLOAD_MAP = "package-uploads.json"  # in the internal folder: upload file -> document (holds original names)
# in the internal folder: upload file -> where the stamp went on each page (``stamp.stamp_rect``), so the
# closing verification knows which pixels of a copy are not its published file's (``writing.stamped``)
STAMP_MAP = "package-stempels.json"
INVENTORY_PDF = "inventarislijst.pdf"
SOURCES = "package-bronnen.json"  # in the internal folder: where each title and date came from
DOSSIER_FILE = "dossierbestand"


def read_upload_map(internal_dir: Path) -> dict[str, str]:
    path = Path(internal_dir) / UPLOAD_MAP
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def read_stamp_map(internal_dir: Path) -> dict[str, dict[int, tuple]]:
    path = Path(internal_dir) / STAMP_MAP
    if not path.is_file():
        return {}
    return {upload: {int(n): tuple(r) for n, r in pages.items()}
            for upload, pages in json.loads(path.read_text("utf-8")).items()}


def _row(doc: dict, settings: PackageSettings, dossier: DossierFile, info: DocumentInfo) -> tuple[InventoryRow, dict]:
    name = doc["document"]
    # from the path alone: the log's SHA-256 is the published file's, which differs between runs
    number = settings.document_id(name, None)
    o = dossier.override(name)
    title, title_source = (o.title, DOSSIER_FILE) if o.title else (info.title, info.title_source)
    date, date_source = (o.date, DOSSIER_FILE) if o.date else (info.date, info.date_source)
    sources = {"id": number, "title_source": title_source or "documentnummer", "date_source": date_source,
               "grounds_source": DOSSIER_FILE if o.grounds is not None else "publicatielog"}
    title = title or number
    if doc["status"] != "published" and o.assessment in WITHHELD:
        # withheld on purpose (a reviewer's mark in woopub apply): assessed, not left to assess
        return InventoryRow(number, title, o.assessment, o.grounds or (), date, remark=o.remark or "",
                            link=o.link or "", suspended=o.suspended), sources
    if doc["status"] != "published":
        reason = (doc.get("reason") or doc["status"]).splitlines()[0]
        return InventoryRow(number, title, o.assessment or "niet openbaar", o.grounds or (), date,
                            file_type="pdf" if name.lower().endswith(".pdf") else "",
                            remark=f"{NOG_TE_BEOORDELEN}: {reason}", link=o.link or "", suspended=o.suspended), sources
    grounds = o.grounds if o.grounds is not None else tuple(sorted(doc.get("per_ground") or {}))
    assessment = assessment_from_redactions(grounds, o.assessment)
    published = f"{number}.pdf" if assessment not in ("niet openbaar", REEDS_OPENBAAR) else None
    return InventoryRow(number, title, assessment, grounds, date, remark=o.remark or "",
                        link=o.link or "", suspended=o.suspended, published=published), sources


def _annex_links(names: list[str], infos: list[DocumentInfo], dossier: DossierFile) -> dict[str, tuple[str, str]]:
    """annex name -> (main document's name, source): the dossier file's ``annex_of`` (an empty one:
    not an annex), else what the documents say (``annexes.link_annexes``)."""
    found = link_annexes([Candidate(n, i.title, i.annex) for n, i in zip(names, infos)])
    by_file = {}
    for n in names:
        by_file.setdefault(PurePosixPath(n).name, n)
    links = {}
    for name in names:
        named = dossier.override(name).annex_of
        if named is None:
            if name in found:
                links[name] = found[name]
        elif named:  # the officer's main document, named by its path or file name
            links[name] = (named if named in names else by_file.get(named, named), DOSSIER_FILE)
    return links


def _families(rows: list[InventoryRow], names: list[str], infos: list[DocumentInfo], settings: PackageSettings,
              dossier: DossierFile, sources: dict[str, dict]) -> list[InventoryRow]:
    """An annex refers to its main document and both share a family number (``_annex_links``).
    E-mails share a thread number: by the dossier file's ``thread`` name, else when their
    subjects are the same without "RE:"/"FW:" (two or more e-mails of the dossier)."""
    threads: dict[str, list[int]] = {}
    for i, (name, info) in enumerate(zip(names, infos)):
        named = dossier.override(name).thread
        if named:
            threads.setdefault("dossier:" + named, []).append(i)
            sources[name]["thread_source"] = DOSSIER_FILE
        elif info.thread_subject:
            threads.setdefault("subject:" + info.thread_subject, []).append(i)
    thread_of = {}
    for key, members in threads.items():
        if len(members) > 1 or key.startswith("dossier:"):
            number = group_number("thread:" + min(rows[i].id for i in members))
            for i in members:
                thread_of[i] = number
                sources[names[i]].setdefault("thread_source", "onderwerpregel")
    links = _annex_links(names, infos, dossier)
    ids = dict(zip(names, (r.id for r in rows)))
    mains = {main for main, _ in links.values()}
    out = []
    for i, (name, row) in enumerate(zip(names, rows)):
        if name in links:
            main, source = links[name]
            main_id = ids.get(main) or settings.document_id(main, None)
            row = dataclasses.replace(row, refers_to=main_id, family=group_number(main_id))
            sources[name]["annex_source"] = source
        elif name in mains:
            row = dataclasses.replace(row, family=group_number(row.id))
        if i in thread_of:
            row = dataclasses.replace(row, thread=thread_of[i])
        out.append(row)
    return out


def _diwoo(root: Path, rows: list[InventoryRow], dossier: DossierFile, now: dt.datetime) -> None:
    publisher_uri = diwoo.publisher_uri(dossier.publisher)
    publisher = (dossier.publisher_label or publisher_uri.rsplit("/", 1)[-1], publisher_uri)
    category = diwoo.information_category(dossier.information_category)
    published = {r.id for r in rows if r.published}
    for row in rows:
        if not row.published:
            continue
        annexes = tuple(r.id for r in rows if r.refers_to == row.id and r.id in published)
        data = diwoo.document_xml(row.id, row.title, publisher, category, row.date, dossier.language,
                                  part_of=row.refers_to if row.refers_to in published else None,
                                  annexes=annexes, now=now)
        diwoo.write_document(root / diwoo.FOLDER, row.id, data)


class _Here:
    """The documents' units in this process, one after another: ``run.executors.InlineExecutor``'s
    ``map``, which this layer (below ``run``) cannot import."""

    @staticmethod
    def map(fn, items, *args):
        for i, item in enumerate(items):
            yield i, fn(item, *args)


def _in_order(results, n: int) -> list:
    """An executor's (position, result) pairs, as they come in, put back in input order."""
    out = [None] * n
    for i, result in results:
        out[i] = result
    return out


def _by_public_names(dossier: DossierFile, public: dict[str, str]) -> DossierFile:
    """The dossier file with its documents (and ``annex_of``) named by their public names.

    The user names a document as it is on disk ("Mail van Jan de Vries.pdf", or its
    file name alone); the log and the output name it "Mail van [5.1.2e].pdf"."""
    if not public or not dossier.documents:
        return dossier
    names = dict(public)
    for original, name in public.items():  # a key by file name alone
        names.setdefault(PurePosixPath(original).name, PurePosixPath(name).name)

    def named(key: str | None) -> str | None:
        return names.get(key, key) if key else key

    documents = {named(k): dataclasses.replace(o, annex_of=named(o.annex_of)) for k, o in dossier.documents.items()}
    return dataclasses.replace(dossier, documents=documents)


def _write_lists(root: Path, rows: list, dossier: DossierFile) -> None:
    """The production report, the inventory as CSV and as accessible PDF."""
    write_productierapport(root / "productierapport.xlsx", rows, dossier.matter or "", dossier.case_numbers)
    write_inventory_csv(root / "inventarislijst.csv", rows)
    write_inventory_pdf(root / INVENTORY_PDF, rows, dossier.matter or "")


def build_package(out_dir: Path, log: dict, dossier: DossierFile | None = None, stamp: bool = True,
                  internal_dir: Path | None = None, now: dt.datetime | None = None, executor=None) -> Path:
    """Write the package for the published folder ``out_dir`` whose log is ``log``; returns its folder.

    With ``internal_dir``, which upload file is which document goes there, so verification
    hunts each stamped copy for its own document's redacted values. ``executor`` (a run's, with
    ``map`` as in ``woopub.run.executors``) reads and stamps the documents in parallel; without
    one they are done here, one after another."""
    executor = executor or _Here()
    dossier = dossier or DossierFile()
    if internal_dir is not None:
        dossier = _by_public_names(dossier, read_internal_names(internal_dir))
    settings = PackageSettings.from_dossier_file(dossier, stamp)
    now = now or dt.datetime.now(dt.timezone.utc)
    root = Path(out_dir) / PACKAGE
    if root.exists():
        shutil.rmtree(root)  # a rerun writes the whole package again
    (root / UPLOAD).mkdir(parents=True)
    entries: dict[str, list[dict]] = {}
    for e in log.get("redactions", []):
        entries.setdefault(e["document"], []).append(e)
    rows, names, infos, sources, uploads, stamps = [], [], [], {}, {}, {}
    # read on the workers, before the stamp goes on (the number is no title); results in the log's order
    published = [d["document"] for d in log["documents"] if d["status"] == "published"]
    read = _in_order(executor.map(info_unit, [(str(Path(out_dir) / name), tuple(entries.get(name, ())))
                                              for name in published]), len(published))
    info_of = dict(zip(published, read))
    for doc in log["documents"]:
        info = info_of.get(doc["document"], DocumentInfo()) if doc["status"] == "published" else DocumentInfo()
        row, sources[doc["document"]] = _row(doc, settings, dossier, info)
        rows.append(row)
        names.append(doc["document"])
        infos.append(info)
    rows = _families(rows, names, infos, settings, dossier, sources)
    (root / TEXT).mkdir()
    jobs = [UploadJob(str(Path(out_dir) / name), tuple(entries.get(name, ())), str(root / TEXT / f"{row.id}.txt"),
                      str(root / UPLOAD / row.published), row.id, settings.stamp)
            for name, row in zip(names, rows) if row.published]
    # text versions and stamped copies, on the workers; each says where its stamps went. The lists
    # need the rows alone: this process writes them meanwhile (the inventory PDF takes 1-2 s)
    with ThreadPoolExecutor(1, thread_name_prefix="woopub-lists") as beside:
        lists = beside.submit(_write_lists, root, rows, dossier)
        placed = iter(_in_order(executor.map(upload_unit, jobs), len(jobs)))
        lists.result()
    for name, row in zip(names, rows):
        if row.published:
            uploads[f"{PACKAGE}/{UPLOAD}/{row.published}"] = name
            stamps[f"{PACKAGE}/{UPLOAD}/{row.published}"] = next(placed)
    if internal_dir is not None:
        Path(internal_dir).mkdir(parents=True, exist_ok=True)
        (Path(internal_dir) / UPLOAD_MAP).write_text(json.dumps(uploads, indent=2, ensure_ascii=False), "utf-8")
        (Path(internal_dir) / STAMP_MAP).write_text(json.dumps(stamps), "utf-8")
        (Path(internal_dir) / SOURCES).write_text(json.dumps(sources, indent=2, ensure_ascii=False), "utf-8")
    if dossier.publisher:
        _diwoo(root, rows, dossier, now)
    write_sums(root)
    return root
