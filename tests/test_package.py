"""The publication package's parts, each written and read back.

The production report follows minvws/nl-rdo-woo-web at commit
314e9c0e7d144854a2e879f9a174cf70966ef225 (InventoryReaderFactory.php, Judgement.php,
docs/gebruikershandleiding/publiceren/woo-besluit/productierapport.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re

import pikepdf
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


# -- DiWoo, titles and dates, the accessible inventory, text versions, the package check --

from lxml import etree  # noqa: E402

from woopub.package import diwoo  # noqa: E402
from woopub.package.build import build_package  # noqa: E402
from woopub.package.check import check_package  # noqa: E402
from woopub.package.settings import DocumentOverride, DossierFile  # noqa: E402
from woopub.writing.redact import redact_page  # noqa: E402

DW = {"d": diwoo.NS}


def _redacted_nota(path, name_line=True):
    """A nota whose subject line holds a civil servant's name, redacted as woopub redacts (box + ground code)."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 90), "Ministerie van Voorbeeldzaken", fontsize=10)
    page.insert_text((72, 130), "Datum: 18 juni 2025", fontsize=10)
    page.insert_text((72, 146), "Onderwerp: Gesprek met Jan Jansen over de begroting", fontsize=10)
    page.insert_text((72, 180), "Jan Jansen belde over de nota van de minister.", fontsize=10)
    boxes = [tuple(r) for r in page.search_for("Jan Jansen")] if name_line else []
    redact_page(page, [(b, "5.1.2e") for b in boxes])
    doc.save(path, garbage=3)
    return [{"document": path.name, "page": 1, "rect": list(b), "ground": "5.1.2e"} for b in boxes]


def _log(name, entries, grounds=("5.1.2e",)):
    return {"documents": [{"document": name, "status": "published", "per_ground": {g: len(entries) for g in grounds}}],
            "redactions": entries}


def test_diwoo_xml_validates_against_the_schema_and_carries_the_documents_values(tmp_path):
    entries = _redacted_nota(tmp_path / "nota.pdf")
    dossier = DossierFile(publisher="gm0363", publisher_label="gemeente Amsterdam", matter="WOO-2025-17")
    root = build_package(tmp_path, _log("nota.pdf", entries), dossier, stamp=False)
    number = document_id("nota.pdf", None)
    data = (root / "diwoo" / f"{number}.xml").read_bytes()
    assert diwoo.validation_errors(data) == []
    x = etree.fromstring(data)
    assert x.findtext("d:DiWoo/d:identifiers/d:identifier", namespaces=DW) == number
    publisher = x.find("d:DiWoo/d:publisher", DW)
    assert publisher.get("resource") == "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
    assert publisher.text == "gemeente Amsterdam"
    title = x.findtext("d:DiWoo/d:titelcollectie/d:officieleTitel", namespaces=DW)
    assert title == "Gesprek met [5.1.2e] over de begroting"
    category = x.find("d:DiWoo/d:classificatiecollectie/d:informatiecategorieen/d:informatiecategorie", DW)
    assert category.text == "Woo-verzoeken en -besluiten"
    assert category.get("resource") == "https://identifier.overheid.nl/tooi/def/thes/kern/c_3baef532"
    assert x.findtext("d:DiWoo/d:creatiedatum", namespaces=DW) == "2025-06-18"
    assert x.find("d:DiWoo/d:language", DW).get("resource").endswith("/language/NLD")
    assert x.find("d:DiWoo/d:format", DW).get("resource").endswith("/file-type/PDF")
    handling = x.find("d:DiWoo/d:documenthandelingen/d:documenthandeling", DW)
    assert handling.findtext("d:soortHandeling", namespaces=DW) == "vaststelling"
    assert handling.findtext("d:atTime", namespaces=DW) == "2025-06-18T00:00:00"


def test_diwoo_schema_refuses_a_document_without_publisher_and_a_category_off_the_woo_list():
    good = diwoo.document_xml("bcdfghjklm", "Nota", ("ministerie van Financiën", diwoo.publisher_uri("mnre1090")),
                              diwoo.information_category("adviezen"), None,
                              now=dt.datetime(2025, 7, 1, 9, 30))
    assert diwoo.validation_errors(good) == []
    x = etree.fromstring(good)
    assert x.find("d:DiWoo/d:documenthandelingen/d:documenthandeling/d:soortHandeling", DW).text == "ontvangst"
    x.find("d:DiWoo", DW).remove(x.find("d:DiWoo/d:publisher", DW))
    assert diwoo.validation_errors(etree.tostring(x))
    other = good.replace(b"c_99a836c7", b"c_00000000")
    assert diwoo.validation_errors(other)
    with pytest.raises(diwoo.DiWooError):
        diwoo.information_category("notulen")
    with pytest.raises(diwoo.DiWooError):
        diwoo.publisher_uri("Gemeente Amsterdam")


def test_title_and_date_come_from_the_published_pdf_and_a_redacted_name_never_enters_the_title(tmp_path):
    entries = _redacted_nota(tmp_path / "nota.pdf")
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Evaluatie van het actieplan", fontsize=18)
    page.insert_text((72, 140), "Den Haag, 3 maart 2024", fontsize=10)
    page.insert_text((72, 160), "Een gewone zin in de tekst van het rapport.", fontsize=10)
    doc.save(tmp_path / "rapport.pdf")
    log = _log("nota.pdf", entries)
    log["documents"].append({"document": "rapport.pdf", "status": "published", "per_ground": {}})
    root = build_package(tmp_path, log, internal_dir=tmp_path / "intern")
    rows = list(csv.DictReader(open(root / "inventarislijst.csv", encoding="utf-8")))
    assert rows[0]["Document"] == "Gesprek met [5.1.2e] over de begroting"  # the box read as its ground
    assert rows[0]["Datum"] == "2025-06-18"
    assert rows[1]["Document"] == "Evaluatie van het actieplan" and rows[1]["Datum"] == "2024-03-03"
    sources = json.loads((tmp_path / "intern" / "package-bronnen.json").read_text("utf-8"))
    assert sources["nota.pdf"]["title_source"] == "onderwerpregel" and sources["rapport.pdf"]["title_source"] == "kop"
    assert sources["nota.pdf"]["date_source"] == "document"
    sheet = load_workbook(root / "productierapport.xlsx").active
    assert [c.value for c in sheet[3]][4] == "Evaluatie van het actieplan"


def _structure(element):
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _structure(kid)


def test_inventory_pdf_is_a_tagged_table_with_a_header_cell_per_column(tmp_path):
    from woopub.package.inventory_pdf import write_inventory_pdf

    rows = _rows()
    write_inventory_pdf(tmp_path / "inventarislijst.pdf", rows, "WOO-2025-17")
    with pikepdf.open(tmp_path / "inventarislijst.pdf") as pdf:
        assert pdf.Root.MarkInfo.Marked is True and str(pdf.Root.Lang) == "nl"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        elements = list(_structure(pdf.Root.StructTreeRoot))
        kinds = [str(e.S) for e in elements]
        assert kinds.count("/Table") == 1 and kinds.count("/TR") == len(rows) + 1
        headers = [e for e in elements if e.S == "/TH"]
        assert len(headers) == 6 and all(h.A.Scope == "/Column" for h in headers)
        assert kinds.count("/TD") == 6 * len(rows)
    with pymupdf.open(tmp_path / "inventarislijst.pdf") as doc:
        text = doc[0].get_text()
        for header in ("Nummer", "Datum", "Document", "Beoordeling", "Weigeringsgronden", "Opmerkingen"):
            assert header in text
        assert all(r.id in text for r in rows) and "deels openbaar" in text and "5.1.2e" in text
        assert doc.get_page_fonts(0) and all(f[1] != "n/a" for f in doc.get_page_fonts(0))  # fonts embedded


def test_package_text_version_reads_each_box_as_its_ground_where_it_stands(tmp_path):
    entries = _redacted_nota(tmp_path / "nota.pdf")
    root = build_package(tmp_path, _log("nota.pdf", entries))
    text = (root / "tekst" / f"{document_id('nota.pdf', None)}.txt").read_text("utf-8")
    words = " ".join(text.split())  # a box leaves a wide gap, which the reader takes for a line end
    assert "Onderwerp: Gesprek met [5.1.2e] over de begroting" in words
    assert "[5.1.2e] belde over de nota van de minister." in words
    assert "Jansen" not in text and "Jan " not in text
    assert text.index("Datum") < text.index("Onderwerp") < text.index("belde")  # reading order kept
    with pymupdf.open(tmp_path / "nota.pdf") as pdf:  # the same words as the published PDF, none more
        pdf_words = sorted(w[4] for w in pdf[0].get_text("words") if w[4] != "5.1.2e")
    assert sorted(w for w in text.split() if w != "[5.1.2e]") == pdf_words


def test_package_check_finds_a_missing_upload_a_stray_file_and_grounds_that_differ_from_the_log(tmp_path):
    entries = _redacted_nota(tmp_path / "nota.pdf")
    _one_page(["Een tweede nota zonder namen."]).save(tmp_path / "tweede.pdf")
    log = _log("nota.pdf", entries)
    log["documents"].append({"document": "tweede.pdf", "status": "published", "per_ground": {}})
    internal = tmp_path / "intern"
    root = build_package(tmp_path, log, DossierFile(publisher="mnre1058"), internal_dir=internal)
    assert check_package(root, log, internal) == []
    nota, tweede = document_id("nota.pdf", None), document_id("tweede.pdf", None)
    # the log counts a ground the row does not list
    changed = {**log, "documents": [{**log["documents"][0], "per_ground": {"5.1.2e": 2, "5.1.1c": 1}}, log["documents"][1]]}
    assert any(f"row {nota}: grounds 5.1.2e do not match" in p for p in check_package(root, changed, internal))
    # a log with a document more than the report has rows
    more = {**log, "documents": log["documents"] + [{"document": "derde.pdf", "status": "failed"}]}
    assert any("2 row(s), the publication log 3" in p for p in check_package(root, more, internal))
    (root / "upload" / f"{tweede}.pdf").unlink()
    (root / "package-uploads.json").write_text("{}")
    problems = check_package(root, log, internal)
    assert any(f"row {tweede} (openbaar) has no file in upload/" in p for p in problems)
    assert any("package-uploads.json: not a file of the publication package" in p for p in problems)
    assert any(f"tekst/{tweede}.txt belongs to no upload" in p for p in problems)
    assert any(f"diwoo/{tweede}.xml belongs to no upload" in p for p in problems)


def test_redact_writes_the_whole_package_and_verify_checks_it(tmp_path):
    from click.testing import CliRunner

    from woopub.cli import main

    inputs = tmp_path / "in"
    inputs.mkdir()
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 90), "Datum: 18 juni 2025", fontsize=10)
    page.insert_text((72, 110), "Onderwerp: voortgang actieplan", fontsize=10)
    page.insert_text((72, 150), "Beste Fenna, bel me op 06-48291730.", fontsize=10)
    page.insert_text((72, 170), "Met vriendelijke groet, Jan de Vries", fontsize=10)
    doc.save(inputs / "brief.pdf")
    (inputs / "notities.txt").write_text("los bestand")
    dossier = tmp_path / "dossier.yaml"
    dossier.write_text("publisher: mnre1058\npublisher_label: ministerie van Justitie en Veiligheid\n"
                       "matter: WOO-2025-17\n", "utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(main, ["redact", str(inputs), "--out", str(out), "--dossier-file", str(dossier)])
    # the text file is not published (exit 1) but listed; the package passes verification
    assert result.exit_code == 1 and "verify: passed" in result.output, result.output
    root = out / "package"
    number = document_id("brief.pdf", None)
    assert (root / "upload" / f"{number}.pdf").is_file() and (root / "inventarislijst.pdf").is_file()
    assert diwoo.validation_errors((root / "diwoo" / f"{number}.xml").read_bytes()) == []
    text = (root / "tekst" / f"{number}.txt").read_text("utf-8")
    assert "[5.1.2e]" in text and "48291730" not in text and "Fenna" not in text
    rows = list(csv.DictReader(open(root / "inventarislijst.csv", encoding="utf-8")))
    by_number = {r["Nummer"]: r for r in rows}
    assert len(rows) == 2 and by_number[number]["Document"] == "voortgang actieplan"
    other = by_number[document_id("notities.txt", None)]
    assert other["Beoordeling"] == "niet openbaar" and "nog te beoordelen" in other["Opmerkingen"]
    assert runner.invoke(main, ["verify", str(out)]).exit_code == 0
    # without the internal map of uploads, a stamped copy is not taken on trust
    (tmp_path / "leeg").mkdir()
    result = runner.invoke(main, ["verify", str(out), "--internal", str(tmp_path / "leeg")])
    assert result.exit_code == 1 and f"package/upload/{number}.pdf: log: PDF is not listed" in result.output
    (root / "tekst" / f"{number}.txt").write_text("Beste Fenna, bel me op 06-48291730.", "utf-8")
    result = runner.invoke(main, ["verify", str(out)])
    assert result.exit_code == 1 and "leak" in result.output and "changed since SHA256SUMS" in result.output
    assert "Fenna" not in result.output


def test_title_is_a_cover_heading_set_over_two_lines_low_on_the_page_or_else_the_first_line():
    from woopub.package.docinfo import read_document_info

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 60), "Implementatie", fontsize=20)
    page.insert_text((72, 640), "Factsheet verordening", fontsize=34)
    page.insert_text((72, 680), "voor bestuurders", fontsize=34)
    info = read_document_info(doc)
    assert (info.title, info.title_source) == ("Factsheet verordening voor bestuurders", "kop")
    flat = pymupdf.open()
    page = flat.new_page()
    for i, line in enumerate(["Verslag van het overleg werkgroep", "Aanwezig: de leden", "1 Opening"]):
        page.insert_text((72, 80 + 16 * i), line, fontsize=11)
    info = read_document_info(flat)
    assert (info.title, info.title_source, info.date) == ("Verslag van het overleg werkgroep", "eerste regel", None)


def test_apply_after_review_writes_the_package_with_the_reviewers_grounds(tmp_path):
    import shutil

    from click.testing import CliRunner

    from conftest import SAMPLES
    from woopub.cli import main
    from woopub.review.store import ACCEPTED, ReviewDossier

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLES / "email-mensenhandel.pdf", inputs / "email.pdf")
    runner = CliRunner()
    dossier = tmp_path / "dossier"
    assert runner.invoke(main, ["scan", str(inputs), "--dossier", str(dossier), "--workers", "1"]).exit_code == 0
    d = ReviewDossier(dossier)
    for r in d.proposals():
        if r["action"] == "redact":
            d.decide(r["key"], ACCEPTED, "Reviewer Anna")
    assert d.add_term("motie", "5.1.2i", "Reviewer Anna") > 0
    d.close()
    out = tmp_path / "out"
    result = runner.invoke(main, ["apply", str(dossier), "--out", str(out)])
    assert result.exit_code == 0, result.output
    number = document_id("email.pdf", None)
    root = out / "package"
    assert sorted(p.name for p in (root / "upload").iterdir()) == [f"{number}.pdf"]
    row = next(csv.DictReader(open(root / "inventarislijst.csv", encoding="utf-8")))
    assert row["Weigeringsgronden"] == "5.1.2e; 5.1.2i" and row["Beoordeling"] == "deels openbaar"
    text = (root / "tekst" / f"{number}.txt").read_text("utf-8")
    assert "[5.1.2i]" in text and "motie" not in text.lower()
    log = json.loads((out / "publicatielog.json").read_text("utf-8"))
    assert check_package(root, log, dossier) == []
    assert "Anna" not in (root / "inventarislijst.csv").read_text("utf-8")


def _email(path, subject, sender_box=True):
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(["Van: Jan Jansen", "Verzonden: dinsdag 10 juni 2025 09:14", "Aan: Postbus DGRR",
                              f"Onderwerp: {subject}", "", "Dank voor het concept."]):
        page.insert_text((72, 80 + 14 * i), line, fontsize=10)
    boxes = [tuple(r) for r in page.search_for("Jan Jansen")]
    redact_page(page, [(b, "5.1.2e") for b in boxes])
    doc.save(path)
    return [{"document": path.name, "page": 1, "rect": list(b), "ground": "5.1.2e"} for b in boxes]


def test_emails_with_one_subject_share_a_thread_number_and_an_annex_its_nota_family(tmp_path):
    entries = _email(tmp_path / "mail1.pdf", "reactie motie Boomsma")
    entries += _email(tmp_path / "mail2.pdf", "RE: FW: Reactie motie  Boomsma")
    entries += _email(tmp_path / "mail3.pdf", "Agenda overleg")
    _one_page(["Nota over de begroting."]).save(tmp_path / "nota.pdf")
    _one_page(["Bijlage bij de nota."]).save(tmp_path / "bijlage.pdf")
    names = ["mail1.pdf", "mail2.pdf", "mail3.pdf", "nota.pdf", "bijlage.pdf"]
    log = {"documents": [{"document": n, "status": "published", "per_ground": {"5.1.2e": 1} if "mail" in n else {}}
                         for n in names], "redactions": entries}
    dossier = DossierFile(publisher="mnre1058", documents={"bijlage.pdf": DocumentOverride(annex_of="nota.pdf")})
    internal = tmp_path / "intern"
    root = build_package(tmp_path, log, dossier, internal_dir=internal)
    rows = {r[0]: r for r in load_workbook(root / "productierapport.xlsx").active.iter_rows(min_row=2, values_only=True)}
    ids = {n: document_id(n, None) for n in names}
    thread = [rows[ids[n]][3] for n in ("mail1.pdf", "mail2.pdf", "mail3.pdf")]
    assert thread[0] and thread[0] == thread[1] and thread[2] in (None, "")  # a lone e-mail has no thread
    assert rows[ids["bijlage.pdf"]][12] == ids["nota.pdf"]  # Gerelateerd ID
    assert rows[ids["bijlage.pdf"]][2] == rows[ids["nota.pdf"]][2] and rows[ids["nota.pdf"]][2]  # one family
    sources = json.loads((internal / "package-bronnen.json").read_text("utf-8"))
    assert sources["mail2.pdf"]["thread_source"] == "onderwerpregel"
    nota = etree.fromstring((root / "diwoo" / f"{ids['nota.pdf']}.xml").read_bytes())
    relation = nota.find("d:DiWoo/d:documentrelaties/d:documentrelatie", DW)
    assert relation.findtext("d:role", namespaces=DW) == "heeft bijlage"
    assert relation.findtext("d:relation", namespaces=DW) == ids["bijlage.pdf"]
    annex = etree.fromstring((root / "diwoo" / f"{ids['bijlage.pdf']}.xml").read_bytes())
    assert annex.findtext("d:DiWoo/d:isPartOf", namespaces=DW) == ids["nota.pdf"]
    assert check_package(root, log, internal) == []


def test_control_characters_in_a_title_or_reason_never_break_the_production_report(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "Voortgang\x07 van de nota over het plan", fontsize=11)
    page.insert_text((72, 100), "Tweede regel", fontsize=11)
    doc.save(tmp_path / "nota.pdf")
    log = {"documents": [{"document": "nota.pdf", "status": "published", "per_ground": {}},
                         {"document": "kapot.pdf", "status": "failed", "reason": "cannot be read: \x01\x02 broken"}]}
    root = build_package(tmp_path, log)
    rows = list(load_workbook(root / "productierapport.xlsx").active.iter_rows(min_row=2, values_only=True))
    assert rows[0][4] == "Voortgang van de nota over het plan"
    assert rows[1][10] == "nog te beoordelen: cannot be read:  broken"


def test_a_page_with_a_broken_font_of_its_own_named_helv_is_stamped_not_crashed():
    # seen on a published pdfplumber test file: PyMuPDF took the page's own /helv (a TrueType font
    # without its descriptor) for the stamp and failed, which ended the whole run in a traceback
    import pymupdf

    from woopub.package.stamp import stamp_document

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 300), "Inhoud van de pagina", fontsize=11)
    font = doc.get_new_xref()
    doc.update_object(font, "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Font1 /FirstChar 32 /LastChar 32 /Widths [500] >>")
    resources = doc.xref_get_key(page.xref, "Resources")
    if resources[0] == "xref":
        res_xref = int(resources[1].split()[0])
        doc.xref_set_key(res_xref, "Font/helv", f"{font} 0 R")
    else:
        doc.xref_set_key(page.xref, "Resources/Font/helv", f"{font} 0 R")
    doc = pymupdf.open("pdf", doc.tobytes())
    warnings = stamp_document(doc, "WOO-0001")
    text = doc[0].get_text()
    assert "WOO-0001" in text or warnings  # stamped, or said why not: never an exception


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


def _break(path, change):
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        change(pdf)
        pdf.save(path)


def test_inventory_pdf_has_pdf_ua_structure_over_pages_and_each_missing_part_is_found(tmp_path):
    """Not veraPDF (neither Debian nor PyPI has it): the structure PDF/UA-1 asks that a program
    can check, on an inventory of three pages; then each requirement removed in turn is reported."""
    from woopub.package.accessibility import pdfua_problems
    from woopub.package.inventory_pdf import write_inventory_pdf

    path = tmp_path / "inventarislijst.pdf"
    write_inventory_pdf(path, _rows() * 30, "WOO-2025-17")
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) >= 2 and str(pdf.open_metadata()["{http://purl.org/dc/elements/1.1/}title"]) \
            == "Inventarislijst WOO-2025-17"
    assert pdfua_problems(path) == []
    clean = path.read_bytes()

    def without_scope(pdf):
        from woopub.package.inventory_pdf import _structure as elements

        for e in elements(pdf.Root.StructTreeRoot):
            if e.S == "/TH":
                del e["/A"]

    def without_title(pdf):
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            del meta["dc:title"]

    cases = {
        "a /TH without /Scope (7.5)": without_scope,
        "catalog: no /Lang (7.2)": lambda pdf: pdf.Root.__delitem__("/Lang"),
        "catalog: /MarkInfo /Marked is not true (7.1)": lambda pdf: setattr(pdf.Root.MarkInfo, "Marked", False),
        "XMP metadata: no dc:title (7.1)": without_title,
        "catalog: /ViewerPreferences /DisplayDocTitle is not true (7.1)":
            lambda pdf: pdf.Root.__delitem__("/ViewerPreferences"),
    }
    for expected, change in cases.items():
        path.write_bytes(clean)
        _break(path, change)
        assert expected in pdfua_problems(path), expected
    # text drawn on the page afterwards, outside any marked content: untagged
    path.write_bytes(clean)
    with pymupdf.open(path) as doc:
        doc[0].insert_text((40, 40), "los", fontsize=9)
        doc.save(tmp_path / "los.pdf")
    assert any("neither tagged nor an artifact" in p for p in pdfua_problems(tmp_path / "los.pdf"))


def _pages(path, *pages):
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        y = 80
        for line in lines:
            size = line[1] if isinstance(line, tuple) else 10
            page.insert_text((72, y), line[0] if isinstance(line, tuple) else line, fontsize=size)
            y += size * 1.6
    doc.save(path)


def _annex_dossier(tmp_path):
    _pages(tmp_path / "nota.pdf",
           [("Evaluatie actieplan mensenhandel", 16), "Ons kenmerk 2025-0001234", "Datum 18 juni 2025",
            "1. Aanleiding", "De minister vraagt om een evaluatie."],
           ["Inhoud", "Bijlage A. Begrippen ............ 12", "Bijlage(n):",
            "1. Overzicht contactpersonen Actieplan", "2. Planning van de acties 2025"])
    _pages(tmp_path / "contact.pdf", [("Bijlage 1 Overzicht contactpersonen Actieplan", 14), "Naam, functie."])
    _pages(tmp_path / "planning.pdf", [("Planning van de acties 2025", 14), "Kwartaal 1: start."])
    _pages(tmp_path / "begrippen.pdf", [("Begrippen", 14), "Actieplan: het plan."])
    _pages(tmp_path / "brief.pdf", [("Bijlage bij de brief met kenmerk 2025-0001234", 14), "Cijfers over 2024."])
    _pages(tmp_path / "mail.pdf", ["Van: Postbus DGRR", "Verzonden: dinsdag 10 juni 2025 09:14", "Aan: Postbus WODC",
                                   "Onderwerp: cijfers", "Bijlagen: cijfers 2024.pdf; agenda.docx", "Zie bijlage."])
    _pages(tmp_path / "cijfers 2024.pdf", [("Cijfers", 14), "Tabel 1."])
    names = ["nota.pdf", "contact.pdf", "planning.pdf", "begrippen.pdf", "brief.pdf", "mail.pdf", "cijfers 2024.pdf"]
    log = {"documents": [{"document": n, "status": "published", "per_ground": {}} for n in names], "redactions": []}
    return names, log


def test_an_annex_is_linked_to_its_nota_by_the_nota_s_annex_list_its_own_heading_or_a_file_name(tmp_path):
    names, log = _annex_dossier(tmp_path)
    internal = tmp_path / "intern"
    root = build_package(tmp_path, log, DossierFile(publisher="mnre1058"), internal_dir=internal)
    ids = {n: document_id(n, None) for n in names}
    rows = {r[0]: r for r in load_workbook(root / "productierapport.xlsx").active.iter_rows(min_row=2, values_only=True)}
    sources = json.loads((internal / "package-bronnen.json").read_text("utf-8"))
    expected = {"contact.pdf": ("nota.pdf", "bijlagelijst"), "planning.pdf": ("nota.pdf", "bijlagelijst"),
                "brief.pdf": ("nota.pdf", "bijlagekop"), "cijfers 2024.pdf": ("mail.pdf", "bestandsnaam")}
    for annex, (main, source) in expected.items():
        assert rows[ids[annex]][12] == ids[main], annex  # Gerelateerd ID
        assert rows[ids[annex]][2] == rows[ids[main]][2] and rows[ids[main]][2], annex  # one family
        assert sources[annex]["annex_source"] == source
    # a table of contents' "Bijlage A. Begrippen ....... 12" is a part of the nota, no other document
    assert rows[ids["begrippen.pdf"]][12] in (None, "") and "annex_source" not in sources["begrippen.pdf"]
    nota = etree.fromstring((root / "diwoo" / f"{ids['nota.pdf']}.xml").read_bytes())
    related = {r.findtext("d:relation", namespaces=DW) for r in nota.iterfind("d:DiWoo/d:documentrelaties/d:documentrelatie", DW)}
    assert related == {ids["contact.pdf"], ids["planning.pdf"], ids["brief.pdf"]}
    assert check_package(root, log, internal) == []


def test_dossier_file_overrides_an_annex_link_the_documents_make_and_two_candidates_link_nothing(tmp_path):
    names, log = _annex_dossier(tmp_path)
    _pages(tmp_path / "nota2.pdf", [("Tweede nota", 16), "Bijlagen:", "- Planning van de acties 2025"])
    log["documents"].append({"document": "nota2.pdf", "status": "published", "per_ground": {}})
    dossier = DossierFile(publisher="mnre1058", documents={
        "contact.pdf": DocumentOverride(annex_of=""), "begrippen.pdf": DocumentOverride(annex_of="nota2.pdf")})
    internal = tmp_path / "intern"
    root = build_package(tmp_path, log, dossier, internal_dir=internal)
    ids = {n: document_id(n, None) for n in names + ["nota2.pdf"]}
    rows = {r[0]: r for r in load_workbook(root / "productierapport.xlsx").active.iter_rows(min_row=2, values_only=True)}
    sources = json.loads((internal / "package-bronnen.json").read_text("utf-8"))
    assert rows[ids["contact.pdf"]][12] in (None, "")  # the officer says: no annex
    assert rows[ids["begrippen.pdf"]][12] == ids["nota2.pdf"] and sources["begrippen.pdf"]["annex_source"] == "dossierbestand"
    assert rows[ids["planning.pdf"]][12] in (None, "")  # both notas list it: an officer decides
    assert rows[ids["brief.pdf"]][12] == ids["nota.pdf"]  # what the documents say still counts elsewhere


BODY = ["De minister heeft de Kamer toegezegd om twee keer per jaar te rapporteren over de voortgang.",
        "In deze brief staan de acties die zijn afgerond en de acties die nog lopen, met de planning.",
        "Daarnaast wordt ingegaan op het onderzoek naar de landelijke aansturing en de moties.",
        "Tot slot volgt een reactie op het advies van de Nationaal Rapporteur over de aanpak."]


def _titled_page(doc, heading_lines, width=595, height=842, picture=None):
    page = doc.new_page(width=width, height=height)
    if picture is not None:  # (rect, ...): a picture drawn first, text may stand on it
        pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 20, 20), False)
        pix.set_rect(pix.irect, (200, 30, 30))
        page.insert_image(picture, pixmap=pix)
    for text, size, y in heading_lines:
        page.insert_text((60, y), text, fontsize=size)
    y = 300
    for line in BODY:
        page.insert_text((60, y), line, fontsize=9)
        y += 12
    return page


def test_a_letterhead_a_logo_s_text_and_a_lone_word_above_the_heading_never_become_the_title():
    from woopub.package.docinfo import document_title

    doc = pymupdf.open()
    letterhead = _titled_page(doc, [("Tweede Kamer der Staten-Generaal", 18, 30), ("Vergaderjaar 2020-2021", 9.6, 95),
                                    ("Motie van het lid Jansen over de spaarrente", 12, 150)])
    assert document_title(letterhead) == ("Motie van het lid Jansen over de spaarrente", "kop")
    lone = _titled_page(doc, [("nota", 13, 110), ("Brief voortgang Samen tegen mensenhandel", 13, 136)])
    assert document_title(lone) == ("Brief voortgang Samen tegen mensenhandel", "kop")
    logo = _titled_page(doc, [("Evaluatie van de regeling", 16, 170)], picture=pymupdf.Rect(380, 40, 560, 130))
    logo.insert_text((390, 95), "Logo Huis", fontsize=28)  # larger than the title, set in the picture
    assert document_title(logo) == ("Evaluatie van de regeling", "kop")
    # a slide: the picture fills the page (a background, not a logo); the title is set over two lines
    slide = doc.new_page(width=960, height=540)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 20, 20), False)
    pix.set_rect(pix.irect, (240, 240, 255))
    slide.insert_image(slide.rect, pixmap=pix)
    slide.insert_text((500, 190), "Roadmap", fontsize=50)
    slide.insert_text((500, 244), "OAuth", fontsize=50)
    slide.insert_text((160, 190), "Heiko de Vries", fontsize=20)
    assert document_title(slide) == ("Roadmap OAuth", "kop")


def test_a_routing_slip_about_a_nota_joins_its_family_unless_two_documents_carry_that_title(tmp_path):
    _pages(tmp_path / "nota.pdf", [("Brief voortgang Samen tegen mensenhandel", 14), "Ons kenmerk 6445182", *BODY])
    _pages(tmp_path / "paraaf.pdf", [("Parafenblad bij nota 6445182 (Brief voortgang Samen tegen mensenhandel)", 12),
                                     "Functie Naam Paraaf Datum"])
    log = {"documents": [{"document": n, "status": "published", "per_ground": {}} for n in ("nota.pdf", "paraaf.pdf")],
           "redactions": []}
    internal = tmp_path / "intern"
    root = build_package(tmp_path, log, DossierFile(), internal_dir=internal)
    rows = {r[0]: r for r in load_workbook(root / "productierapport.xlsx").active.iter_rows(min_row=2, values_only=True)}
    assert rows[document_id("paraaf.pdf", None)][12] == document_id("nota.pdf", None)
    # the same nota once more (a scan of it): the slip points at two documents, an officer decides
    (tmp_path / "scan.pdf").write_bytes((tmp_path / "nota.pdf").read_bytes())
    log["documents"].append({"document": "scan.pdf", "status": "published", "per_ground": {}})
    root = build_package(tmp_path, log, DossierFile(), internal_dir=internal)
    rows = {r[0]: r for r in load_workbook(root / "productierapport.xlsx").active.iter_rows(min_row=2, values_only=True)}
    assert rows[document_id("paraaf.pdf", None)][12] in (None, "")


class _ReversedExecutor:
    """A run's executor as the package sees it: ``map`` yields (position, result), here last unit first,
    as a pool's workers may finish them; each unit is recorded."""

    def __init__(self):
        self.units = []

    def map(self, fn, items, *args):
        items = list(items)
        self.units += [(fn.__name__, item) for item in items]
        for i in reversed(range(len(items))):
            yield i, fn(items[i], *args)


def test_package_reads_and_stamps_each_document_on_the_runs_workers_and_keeps_the_log_order(tmp_path):
    # the per-document work (title and date, text version, stamped copy) goes through the run's
    # executor, whose workers finish in any order: the package equals one built in this process
    titles = ["Evaluatie van het actieplan", "Verslag van het overleg", "Advies over de begroting"]
    for k, title in enumerate(titles):
        doc = pymupdf.open()
        page = doc.new_page()
        page.insert_text((72, 100), title, fontsize=18)
        page.insert_text((72, 140), f"Den Haag, {k + 3} maart 2024", fontsize=10)
        doc.save(tmp_path / f"doc{k}.pdf")
    log = {"documents": [{"document": f"doc{k}.pdf", "status": "published", "per_ground": {}} for k in range(3)]
           + [{"document": "notities.docx", "status": "skipped", "reason": "not a PDF (Word document)"}]}
    executor = _ReversedExecutor()
    for k in range(3):  # the same published files in a second output folder
        (tmp_path / "pool").mkdir(exist_ok=True)
        (tmp_path / "pool" / f"doc{k}.pdf").write_bytes((tmp_path / f"doc{k}.pdf").read_bytes())
    here = build_package(tmp_path, log)
    pooled = build_package(tmp_path / "pool", log, executor=executor)
    assert [name for name, _ in executor.units] == ["info_unit"] * 3 + ["upload_unit"] * 3
    assert (pooled / "inventarislijst.csv").read_text("utf-8") == (here / "inventarislijst.csv").read_text("utf-8")
    rows = list(csv.DictReader(open(pooled / "inventarislijst.csv", encoding="utf-8")))
    assert [r["Document"] for r in rows[:3]] == titles and rows[2]["Datum"] == "2024-03-05"
    texts = sorted(p.name for p in (here / "tekst").iterdir())
    assert texts == sorted(p.name for p in (pooled / "tekst").iterdir()) and len(texts) == 3
    for name in texts:
        assert (pooled / "tekst" / name).read_text("utf-8") == (here / "tekst" / name).read_text("utf-8")
    for row in rows[:3]:
        number = row["Nummer"]
        with pymupdf.open(pooled / "upload" / f"{number}.pdf") as pdf:
            assert pdf[0].search_for(number)  # stamped with its own number
    assert check_sums(pooled) == []
