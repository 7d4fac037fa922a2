"""The publication package of the sample dossier, as the issue's "Done when" runs it, and the dossier
file an officer keeps beside the documents (``woo-dossier.yaml``)."""

from __future__ import annotations

import csv
import json
import shutil

import pikepdf
import pymupdf
import pytest
from click.testing import CliRunner
from lxml import etree
from openpyxl import load_workbook

from conftest import SAMPLES, make_pdf
from woopub.cli import main
from woopub.package import diwoo
from woopub.package.check import NO_PUBLISHER
from woopub.package.ids import document_id
from woopub.package.sums import check_sums

DW = {"d": diwoo.NS}
SAMPLE_PDFS = ("nota-voortgang-mensenhandel.pdf", "email-mensenhandel.pdf", "bijlage-contactpersonen.pdf")


@pytest.mark.slow
def test_redact_samples_folder_writes_every_package_file_with_diwoo_from_the_folders_dossier_file(tmp_path):
    """``woopub redact samples/ --out PUB`` from the repository as it is: the dossier file in samples/
    names the publisher, so every published document has its DiWoo XML."""
    out = tmp_path / "PUB"
    runner = CliRunner()
    result = runner.invoke(main, ["redact", str(SAMPLES), "--out", str(out), "--workers", "1"])
    # samples/ also holds generator scripts and truth files: listed as not published (exit 1), not left out
    assert result.exit_code == 1 and "verify: passed" in result.output, result.output
    assert f"dossier file: {SAMPLES / 'woo-dossier.yaml'}" in result.output
    assert NO_PUBLISHER not in result.output
    root = out / "package"
    log = json.loads((out / "publicatielog.json").read_text("utf-8"))
    assert "woo-dossier.yaml" not in {d["document"] for d in log["documents"]}  # metadata, no document
    published = {d["document"] for d in log["documents"] if d["status"] == "published"}
    assert set(SAMPLE_PDFS) <= published
    ids = {name: document_id(name, None) for name in published}
    rows = {r["Nummer"]: r for r in csv.DictReader(open(root / "inventarislijst.csv", encoding="utf-8"))}
    assert len(rows) == len(log["documents"])
    sheet = load_workbook(root / "productierapport.xlsx").active
    header = [c.value for c in sheet[1]]
    report = {r[0]: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert report.keys() == rows.keys() and {r["Matter"] for r in report.values()} == {"WOO-2025-17"}
    for name, number in ids.items():
        assert (root / "upload" / f"{number}.pdf").is_file() and (root / "tekst" / f"{number}.txt").is_file()
        xml = (root / "diwoo" / f"{number}.xml").read_bytes()
        assert diwoo.validation_errors(xml) == []
        doc = etree.fromstring(xml).find("d:DiWoo", DW)
        assert doc.findtext("d:identifiers/d:identifier", namespaces=DW) == number
        publisher = doc.find("d:publisher", DW)
        assert publisher.get("resource") == "https://identifier.overheid.nl/tooi/id/ministerie/mnre1058"
        assert publisher.text == "ministerie van Justitie en Veiligheid"
        assert doc.findtext("d:titelcollectie/d:officieleTitel", namespaces=DW) == rows[number]["Document"]
        assert doc.findtext("d:creatiedatum", namespaces=DW) == rows[number]["Datum"]
    nota, email = ids["nota-voortgang-mensenhandel.pdf"], ids["email-mensenhandel.pdf"]
    assert rows[nota]["Document"] == "Brief voortgang Samen tegen mensenhandel"  # not the word "nota" above it
    assert rows[email]["Document"] == "RE: reactie motie Boomsma/Van Nispen" and rows[email]["Datum"] == "2025-06-10"
    text = (root / "tekst" / f"{email}.txt").read_text("utf-8")
    assert "[5.1.2e]" in text and "Fenna" not in text and "Boomsma" in text
    with pymupdf.open(root / "upload" / f"{email}.pdf") as pdf:
        assert email in pdf[0].get_text()  # the stamp
    with pikepdf.open(root / "inventarislijst.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root
    assert check_sums(root) == []
    assert runner.invoke(main, ["verify", str(out)]).exit_code == 0


def _dossier(tmp_path, dossier_yaml: str | None):
    inputs = tmp_path / "in"
    inputs.mkdir()
    make_pdf(inputs / "brief.pdf", ["Datum: 18 juni 2025", "Onderwerp: voortgang actieplan", "Beste Fenna,"])
    if dossier_yaml is not None:
        (inputs / "woo-dossier.yaml").write_text(dossier_yaml, "utf-8")
    return inputs


def test_dossier_file_beside_the_documents_is_read_and_never_listed_as_a_document(tmp_path):
    inputs = _dossier(tmp_path, "publisher: gm0363\npublisher_label: gemeente Amsterdam\nmatter: WOO-1\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["redact", str(inputs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    number = document_id("brief.pdf", None)
    xml = etree.fromstring((out / "package" / "diwoo" / f"{number}.xml").read_bytes())
    assert xml.find("d:DiWoo/d:publisher", DW).get("resource") == "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
    rows = list(csv.DictReader(open(out / "package" / "inventarislijst.csv", encoding="utf-8")))
    assert [r["Nummer"] for r in rows] == [number]


def test_without_a_publisher_no_diwoo_is_written_and_verification_says_so_in_one_line(tmp_path):
    inputs = _dossier(tmp_path, None)
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(main, ["redact", str(inputs), "--out", str(out)])
    assert result.exit_code == 0, result.output  # metadata missing is said, not a failed publication
    assert result.output.count(NO_PUBLISHER) == 1
    assert not (out / "package" / "diwoo").exists()
    again = runner.invoke(main, ["verify", str(out)])
    assert again.exit_code == 0 and NO_PUBLISHER in again.output


def test_package_check_finds_an_upload_without_diwoo_when_the_others_have_it(tmp_path):
    inputs = _dossier(tmp_path, "publisher: mnre1058\n")
    make_pdf(inputs / "tweede.pdf", ["Onderwerp: tweede brief"])
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["redact", str(inputs), "--out", str(out)]).exit_code == 0
    (out / "package" / "diwoo" / f"{document_id('tweede.pdf', None)}.xml").unlink()
    result = runner.invoke(main, ["verify", str(out)])
    assert result.exit_code == 1 and f"{document_id('tweede.pdf', None)}.pdf has no DiWoo metadata" in result.output


def test_two_input_folders_with_a_dossier_file_each_are_refused_before_anything_runs(tmp_path):
    first = _dossier(tmp_path, "publisher: mnre1058\n")
    second = tmp_path / "tweede"
    shutil.copytree(first, second)
    result = CliRunner().invoke(main, ["redact", str(first), str(second), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "two dossier files" in result.output
    assert not (tmp_path / "out").exists()


def test_scan_keeps_the_dossier_file_and_apply_reads_it(tmp_path):
    inputs = _dossier(tmp_path, "publisher: mnre1058\nmatter: WOO-2\n")
    runner = CliRunner()
    review = tmp_path / "review"
    assert runner.invoke(main, ["scan", str(inputs), "--dossier", str(review), "--workers", "1"]).exit_code == 0
    assert (review / "woo-dossier.yaml").read_text("utf-8") == (inputs / "woo-dossier.yaml").read_text("utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["apply", str(review), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 0, result.output
    assert (out / "package" / "diwoo" / f"{document_id('brief.pdf', None)}.xml").is_file()
