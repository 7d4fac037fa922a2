"""The inventarislijst as an accessible PDF: a tagged table (PDF/UA-1) made with WeasyPrint.

WeasyPrint lays out HTML and CSS and, with the ``pdf/ua-1`` variant, writes a
tagged PDF: a structure tree with Table, TR, TH and TD elements in reading
order, the document language, a title in the metadata shown as the window
title, and embedded fonts (checked in tests/test_package.py). PyMuPDF's Story
lays out HTML too but writes no structure tree, and ReportLab's open-source
edition cannot tag a PDF either; WeasyPrint is maintained and does both.
Column headers are ``<th scope="col">``; the header row repeats on every page.
WeasyPrint 70 tags them TH without the scope, so each TH gets ``/Scope /Column``
afterwards (pikepdf): a screen reader then reads each cell with its header.
Not checked here: full PDF/UA conformance (no veraPDF on the machine).
"""

from __future__ import annotations

import io
from html import escape
from pathlib import Path

import pikepdf

from woopub.package.productierapport import INVENTORY_HEADER, InventoryRow, inventory_lines

PDF_VARIANT = "pdf/ua-1"
LANGUAGE = "nl"
STYLE = """
@page { size: A4 landscape; margin: 15mm 12mm; @bottom-right { content: "pagina " counter(page) " van " counter(pages); font-size: 8pt; } }
body { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 9pt; }
h1 { font-size: 14pt; margin: 0 0 4mm 0; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
th, td { border: 0.5pt solid #444; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
tr { page-break-inside: avoid; }
"""


def inventory_html(rows: list[InventoryRow], matter: str = "") -> str:
    title = "Inventarislijst" + (f" {matter}" if matter else "")
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in INVENTORY_HEADER)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in line) + "</tr>" for line in inventory_lines(rows))
    return (f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>"
            f"<table><caption>{escape(title)}: {len(rows)} documenten</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>")


def write_inventory_pdf(path: Path, rows: list[InventoryRow], matter: str = "") -> None:
    from weasyprint import HTML  # loads Pango: only when the package is written

    data = HTML(string=inventory_html(rows, matter)).write_pdf(pdf_variant=PDF_VARIANT)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for element in _structure(pdf.Root.StructTreeRoot):
            if element.get("/S") == "/TH":
                element.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name.Column)
        pdf.save(path)


def _structure(element, depth: int = 0):
    """Every structure element under ``element`` (the tree is shallow: a table's cells are at depth 4)."""
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and depth < 64:
            yield kid
            yield from _structure(kid, depth + 1)
