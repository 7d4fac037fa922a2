"""The inventory of a Woo decision, written as the platform's production report and as a CSV.

``productierapport.xlsx`` follows the import of the Rijksoverheid Woo platform
(minvws/nl-rdo-woo-web, ``src/Service/Inventory/Reader/InventoryReaderFactory.php``
and ``src/Domain/Publication/Dossier/Type/WooDecision/Judgement.php`` at commit
314e9c0e7d144854a2e879f9a174cf70966ef225, and its
``docs/gebruikershandleiding/publiceren/woo-besluit/productierapport.md``):
the header names are the documented ones (each is among the names the reader
accepts, compared lower-case), the required columns (ID, Document,
Beoordeling, Beoordelingsgrond) are always present, and the judgement is one
of the four values ``Judgement::fromString`` knows (any other becomes
"niet openbaar" there, so we never write another).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from woopub.package.settings import DEELS_OPENBAAR, NIET_OPENBAAR, OPENBAAR, REEDS_OPENBAAR

# (header written, the platform's MetadataField it maps to); order as in the platform's documentation
COLUMNS = (
    ("ID", "id"), ("Matter", "matter"), ("Family ID", "family"), ("Email Thread ID", "threadid"),
    ("Document", "document"), ("File type", "sourcetype"), ("Datum", "date"), ("Beoordeling", "judgement"),
    ("Opgeschort", "suspended"), ("Beoordelingsgrond", "ground"), ("Toelichting", "remark"),
    ("Publieke link", "link"), ("Gerelateerd ID", "refers_to"), ("Zaaknummer", "inquiry_number"),
)
JUDGEMENTS = (OPENBAAR, DEELS_OPENBAAR, REEDS_OPENBAAR, NIET_OPENBAAR)
PUBLISHED_JUDGEMENTS = (OPENBAAR, DEELS_OPENBAAR)  # the judgements whose document this decision uploads
SHEET = "Productierapport"


@dataclass(frozen=True)
class InventoryRow:
    """One document of the dossier as the inventory lists it (published or not)."""

    id: str
    title: str
    assessment: str
    grounds: tuple[str, ...] = ()
    date: dt.date | None = None
    file_type: str = "pdf"
    remark: str = ""
    link: str = ""
    family: int | None = None
    thread: int | None = None
    refers_to: str = ""
    suspended: bool = False
    published: str | None = None  # the file's name in the upload folder; None: no file is published

    def grounds_text(self) -> str:
        return "; ".join(self.grounds)


def assessment_from_redactions(grounds: tuple[str, ...], override: str | None = None) -> str:
    """The officer's or reviewer's assessment when set; else none redacted → openbaar, some → deels openbaar."""
    if override:
        if override not in JUDGEMENTS:
            raise ValueError(f"unknown assessment {override!r}")
        return override
    return DEELS_OPENBAAR if grounds else OPENBAAR


def _cells(row: InventoryRow, matter: str, case_numbers: tuple[str, ...]) -> list:
    if row.assessment not in JUDGEMENTS:
        raise ValueError(f"{row.id}: unknown assessment {row.assessment!r}")
    values = {
        "id": row.id, "matter": matter, "family": row.family, "threadid": row.thread, "document": row.title,
        "sourcetype": row.file_type, "date": row.date.isoformat() if row.date else "",
        "judgement": row.assessment, "suspended": "yes" if row.suspended else "", "ground": row.grounds_text(),
        "remark": row.remark, "link": row.link, "refers_to": row.refers_to, "inquiry_number": ";".join(case_numbers),
    }
    # a worksheet cannot hold control characters (a reason or a title from a damaged file may)
    return [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else ("" if v is None else v)
            for v in (values[field] for _, field in COLUMNS)]


def write_productierapport(path: Path, rows: list[InventoryRow], matter: str, case_numbers: tuple[str, ...] = ()) -> None:
    ids = [r.id for r in rows]
    if len(ids) != len(set(ids)):
        raise ValueError("two inventory rows share an ID: the platform would match both to one file")
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([header for header, _ in COLUMNS])
    for row in rows:
        # dates as ISO text: the platform reads JJJJ-MM-DD, and text cannot be re-typed by a spreadsheet's locale
        sheet.append(_cells(row, matter, case_numbers))
    book.save(path)


INVENTORY_HEADER = ("Nummer", "Datum", "Document", "Beoordeling", "Weigeringsgronden", "Opmerkingen")


def inventory_lines(rows: list[InventoryRow]) -> list[tuple[str, ...]]:
    """The decision letter's inventory: number, date, document, assessment, grounds, remarks."""
    return [(r.id, r.date.isoformat() if r.date else "", r.title, r.assessment, r.grounds_text(), r.remark) for r in rows]


def write_inventory_csv(path: Path, rows: list[InventoryRow]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(INVENTORY_HEADER)
        w.writerows(inventory_lines(rows))
