"""The publication package's parts, each written and read back.

The production report follows minvws/nl-rdo-woo-web at commit
314e9c0e7d144854a2e879f9a174cf70966ef225 (InventoryReaderFactory.php, Judgement.php,
docs/gebruikershandleiding/publiceren/woo-besluit/productierapport.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import re

import pymupdf
import pytest
from openpyxl import load_workbook

from woopub.model import KEEP, REDACT, Decision, DocumentText, Finding, Word
from woopub.package.ids import document_id, valid_id
from woopub.package.productierapport import (
    InventoryRow, assessment_from_redactions, write_inventory_csv, write_productierapport,
)
from woopub.package.stamp import content_rect, stamp_document
from woopub.package.sums import check_sums, write_sums
from woopub.package.textversion import text_version

# The platform's column mapping as read in InventoryReaderFactory.php: field -> (required, accepted names)
PLATFORM_MAPPING = {
    "date": (False, {"date", "datum"}),
    "document": (True, {"document", "document id", "documentnr", "document nr", "documentnr.", "document nr.",
                        "nr.", "omschrijving", "name"}),
    "family": (False, {"family", "familie", "family id"}),
    "sourcetype": (False, {"file type", "filetype"}),
    "ground": (True, {"beoordelingsgrond", "grond", "tagmulti006", "beoordelingsgrond (; gescheiden)"}),
    "id": (True, {"id"}),
    "judgement": (True, {"beoordeling", "openbaarmaking"}),
    "threadid": (False, {"thread id", "email thread id", "email thread"}),
    "inquiry_number": (False, {"zaaknr", "casenr", "zaak", "case", "zaaknummer"}),
    "suspended": (False, {"opgeschort", "suspended", "tag015"}),
    "link": (False, {"publiekelinktag", "publieke link", "publiekelink", "publicatielink", "publicatie link",
                     "publiekelink ( | gescheiden)"}),
    "remark": (False, {"toelichting", "opmerking"}),
    "matter": (False, {"matter", "matter / marjoleinnummer"}),
    "refers_to": (False, {"gerelateerd id"}),
}
# Judgement::fromString: anything else is read as "niet openbaar"
PLATFORM_JUDGEMENTS = {"openbaar", "deels openbaar", "reeds openbaar", "niet openbaar"}
# the platform's file-name rule: the ID is the leading letters, digits and hyphens of the name
PLATFORM_FILE_ID = re.compile(r"^[A-Za-z0-9-]+")


def _rows():
    a = document_id("nota.pdf", "aa" * 32)
    b = document_id("bijlage.pdf", "bb" * 32)
    c = document_id("notities.docx", "cc" * 32)
    return [
        InventoryRow(a, "Nota over de begroting", assessment_from_redactions(("5.1.2e",)), ("5.1.2e",),
                     dt.date(2025, 6, 18), family=7, published=f"{a}.pdf"),
        InventoryRow(b, "Bijlage bij de nota", assessment_from_redactions(()), (), None, family=7,
                     refers_to=a, published=f"{b}.pdf"),
        InventoryRow(c, c, "niet openbaar", (), None, file_type="doc",
                     remark="geen PDF: niet door woopub verwerkt (nog te beoordelen)"),
    ]


def test_productierapport_has_every_required_column_under_a_name_the_platform_accepts(tmp_path):
    rows = _rows()
    path = tmp_path / "productierapport.xlsx"
    write_productierapport(path, rows, matter="WOO-2025-17", case_numbers=("1234567",))
    sheet = load_workbook(path).active
    header = [str(c.value).strip().lower() for c in sheet[1]]
    found = {}
    for field, (required, names) in PLATFORM_MAPPING.items():
        hits = [i for i, h in enumerate(header) if h in names]
        assert len(hits) <= 1, field
        if required:
            assert hits, f"required column {field} missing"
        if hits:
            found[field] = hits[0]
    assert all(any(h in names for _, names in PLATFORM_MAPPING.values()) for h in header), "unknown header"
    data = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(data) == 3
    for row, cells in zip(rows, data):
        assert cells[found["id"]] == row.id
        assert cells[found["judgement"]] in PLATFORM_JUDGEMENTS
        assert cells[found["judgement"]] == row.assessment
        assert cells[found["matter"]] == "WOO-2025-17"
        assert cells[found["inquiry_number"]] == "1234567"
    assert data[0][found["ground"]] == "5.1.2e" and data[0][found["judgement"]] == "deels openbaar"
    assert data[0][found["date"]] == "2025-06-18"
    assert data[1][found["judgement"]] == "openbaar" and data[1][found["refers_to"]] == rows[0].id
    assert data[0][found["family"]] == data[1][found["family"]] == 7


def test_productierapport_refuses_two_rows_with_one_id(tmp_path):
    rows = _rows()
    with pytest.raises(ValueError):
        write_productierapport(tmp_path / "p.xlsx", rows + [rows[0]], matter="WOO-1")


def test_assessment_set_by_reviewer_wins_and_unknown_value_is_refused():
    assert assessment_from_redactions(("5.1.2e",), "niet openbaar") == "niet openbaar"
    with pytest.raises(ValueError):
        assessment_from_redactions((), "half openbaar")


def test_ids_are_stable_and_each_upload_file_maps_to_its_own_row():
    rows = _rows()
    assert document_id("nota.pdf", "aa" * 32) == rows[0].id  # same input, same number
    assert document_id("nota.pdf", "ab" * 32) != rows[0].id  # another content, another document
    names = [r.published for r in rows if r.published]
    assert [PLATFORM_FILE_ID.match(n).group(0) for n in names] == [r.id for r in rows if r.published]
    assert all(valid_id(r.id) and not re.search(r"\d", r.id) for r in rows)


def test_inventory_csv_lists_every_row_with_assessment_and_grounds(tmp_path):
    rows = _rows()
    path = tmp_path / "inventarislijst.csv"
    write_inventory_csv(path, rows)
    read = list(csv.DictReader(open(path, encoding="utf-8")))
    assert [r["Nummer"] for r in read] == [r.id for r in rows]
    assert read[0]["Weigeringsgronden"] == "5.1.2e" and read[0]["Beoordeling"] == "deels openbaar"
    assert read[2]["Beoordeling"] == "niet openbaar" and "geen PDF" in read[2]["Opmerkingen"]


def _one_page(text_lines):
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(text_lines):
        page.insert_text((72, 200 + 16 * i), line, fontsize=11)
    return doc


def _document_text(page) -> DocumentText:
    words, spans, parts, pos = [], [], [], 0
    for x0, y0, x1, y1, w, block, line, _ in page.get_text("words"):
        if parts:
            parts.append(" ")
            pos += 1
        words.append(Word(0, (x0, y0, x1, y1), w, line, block))
        spans.append((pos, pos + len(w)))
        parts.append(w)
        pos += len(w)
    return DocumentText("".join(parts), words, spans, [0])


def test_text_version_says_what_the_redacted_pdf_says():
    doc = _one_page(["Contact met Jan Jansen over de nota.", "Minister De Vries stemt in."])
    page = doc[0]
    text = _document_text(page)
    name_at = text.text.index("Jan Jansen")
    minister_at = text.text.index("De Vries")
    findings = [Finding(name_at, name_at + 10, "PERSON", "Jan Jansen", 0.9, "test"),
                Finding(minister_at, minister_at + 8, "PERSON", "De Vries", 0.9, "test")]
    decisions = [Decision(REDACT, "5.1.2e", "r1", "ambtenaar"), Decision(KEEP, None, "r2", "minister")]
    version = text_version(text, findings, decisions)
    assert "[5.1.2e]" in version.text and "Jan" not in version.text and "De Vries" in version.text
    for i in text.word_indices(name_at, name_at + 10):
        page.add_redact_annot(pymupdf.Rect(text.words[i].box))
    page.apply_redactions()
    pdf_words = [w[4] for w in page.get_text("words")]
    assert pdf_words == [w for w in version.text.split() if w != "[5.1.2e]"]
    assert version.replaced == 1 and len(version.kept) == 1


def test_stamp_is_on_every_page_and_outside_the_content():
    doc = _one_page(["Een regel tekst in het midden van de pagina."])
    doc.new_page().insert_text((72, 72), "Tweede pagina, bovenaan.", fontsize=11)
    before = [content_rect(p) for p in doc]
    assert stamp_document(doc, "bcdfghjklm") == []
    data = doc.tobytes()
    doc = pymupdf.open("pdf", data)
    for page, content in zip(doc, before):
        hits = page.search_for("bcdfghjklm")
        assert len(hits) == 1
        assert not hits[0].intersects(content)


def test_sha256sums_cover_the_package_and_catch_a_change_and_a_stray_file(tmp_path):
    (tmp_path / "upload").mkdir()
    (tmp_path / "upload" / "abc.pdf").write_bytes(b"%PDF-1.7 x")
    (tmp_path / "productierapport.xlsx").write_bytes(b"x")
    write_sums(tmp_path)
    assert check_sums(tmp_path) == []
    (tmp_path / "upload" / "abc.pdf").write_bytes(b"changed")
    (tmp_path / "extra.txt").write_text("x")
    problems = check_sums(tmp_path)
    assert any("changed" in p for p in problems) and any("extra.txt: not in" in p for p in problems)


def test_package_from_a_log_has_a_row_per_file_and_a_stamped_upload_per_published_pdf(tmp_path):
    doc = _one_page(["Een nota met een naam erin."])
    doc.save(tmp_path / "nota.pdf")
    log = {"documents": [
        {"document": "nota.pdf", "status": "published", "per_ground": {"5.1.2e": 2}, "sha256": "aa" * 32},
        {"document": "Jan Jansen notities.docx", "status": "skipped", "reason": "not a PDF (Word document)"},
    ]}
    from woopub.package.build import build_package
    root = build_package(tmp_path, log)
    sheet = load_workbook(root / "productierapport.xlsx").active
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == 2
    uploads = sorted(p.name for p in (root / "upload").iterdir())
    nota_id = document_id("nota.pdf", None)
    assert uploads == [f"{nota_id}.pdf"]
    assert rows[0][0] == nota_id and rows[0][7] == "deels openbaar" and rows[0][9] == "5.1.2e"
    assert rows[1][7] == "niet openbaar" and "nog te beoordelen" in rows[1][10]
    assert check_sums(root) == []
    with pymupdf.open(root / "upload" / f"{nota_id}.pdf") as pdf:
        assert pdf[0].search_for(nota_id)
    # the original file name (holding a name) is never in the package
    assert "Jansen" not in (root / "inventarislijst.csv").read_text("utf-8")
    assert all("Jansen" not in str(c) for r in rows for c in r)


def test_dossier_file_withholds_a_document_and_sets_its_title_and_date(tmp_path):
    from woopub.package.build import build_package
    from woopub.package.settings import load_dossier_file

    _one_page(["Nota."]).save(tmp_path / "nota.pdf")
    _one_page(["Advies."]).save(tmp_path / "advies.pdf")
    (tmp_path / "dossier.yaml").write_text(
        "matter: WOO-2025-17\n"
        "documents:\n"
        "  nota.pdf: {title: Nota voortgang, date: 2025-06-18}\n"
        "  advies.pdf: {assessment: niet openbaar, grounds: [5.1.2i], remark: intern beraad}\n", "utf-8")
    dossier = load_dossier_file(tmp_path / "dossier.yaml")
    log = {"documents": [
        {"document": "nota.pdf", "status": "published", "per_ground": {}, "sha256": "aa" * 32},
        {"document": "advies.pdf", "status": "published", "per_ground": {}, "sha256": "bb" * 32},
    ]}
    root = build_package(tmp_path, log, dossier, stamp=False)
    rows = list(load_workbook(root / "productierapport.xlsx").active.iter_rows(min_row=2, values_only=True))
    assert rows[0][1] == "WOO-2025-17" and rows[0][4] == "Nota voortgang" and rows[0][6] == "2025-06-18"
    assert rows[0][7] == "openbaar"  # no redactions
    assert rows[1][7] == "niet openbaar" and rows[1][9] == "5.1.2i" and rows[1][10] == "intern beraad"
    uploads = [p.name for p in (root / "upload").iterdir()]
    assert uploads == [f"{rows[0][0]}.pdf"]  # the withheld document is listed, not uploaded
    with pymupdf.open(root / "upload" / uploads[0]) as pdf:
        assert not pdf[0].search_for(rows[0][0])  # --no-stamp


def test_document_numbers_stay_the_same_when_a_rerun_publishes_a_file_with_another_hash(tmp_path):
    from woopub.package.build import build_package

    _one_page(["Nota."]).save(tmp_path / "nota.pdf")
    first = build_package(tmp_path, {"documents": [{"document": "nota.pdf", "status": "published", "sha256": "aa" * 32}]})
    names = sorted(p.name for p in (first / "upload").iterdir())
    again = build_package(tmp_path, {"documents": [{"document": "nota.pdf", "status": "published", "sha256": "bb" * 32}]})
    assert sorted(p.name for p in (again / "upload").iterdir()) == names


def test_dossier_file_names_a_document_by_its_original_name_the_log_by_its_public_one(tmp_path):
    # the user's dossier file says "Mail van Jan de Vries.pdf"; the log and the output say the public name
    from woopub.package.build import build_package
    from woopub.package.settings import load_dossier_file
    from woopub.writing.publish import write_internal_names

    _one_page(["Mail."]).save(tmp_path / "Mail van [5.1.2e].pdf")
    (tmp_path / "dossier.yaml").write_text(
        "documents:\n  Mail van Jan de Vries.pdf: {title: Mail over de regeling}\n", "utf-8")
    internal = tmp_path / "intern"
    internal.mkdir()
    write_internal_names(internal, {"Mail van Jan de Vries.pdf": "Mail van [5.1.2e].pdf"})
    log = {"documents": [{"document": "Mail van [5.1.2e].pdf", "status": "published", "per_ground": {}}]}
    root = build_package(tmp_path, log, load_dossier_file(tmp_path / "dossier.yaml"), False, internal)
    rows = list(load_workbook(root / "productierapport.xlsx").active.iter_rows(min_row=2, values_only=True))
    assert rows[0][4] == "Mail over de regeling"
    assert "Vries" not in (root / "inventarislijst.csv").read_text("utf-8")
