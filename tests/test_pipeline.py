"""End to end on the sample dossier: nothing personal survives, office holders stay."""

import json
import re

import jsonschema
import pymupdf
import pytest

from conftest import SAMPLES, pdf_text, sha256, still_there, truth
from woopub.writing.publish import LOG_CSV, LOG_JSON, read_proposals
from woopub.run.batch import verify_output

NAMES = ["nota-voortgang-mensenhandel", "email-mensenhandel", "bijlage-contactpersonen"]


def test_every_sample_document_is_published(dossier_run):
    statuses = {o.document: o.status for o in dossier_run["result"].outcomes}
    assert statuses == {f"{n}.pdf": "published" for n in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_no_personal_value_survives(dossier_run, name):
    text = pdf_text(dossier_run["out"] / f"{name}.pdf")
    leaks = [v for v in truth(name)["redact"] if still_there(v, text)]
    assert leaks == []


@pytest.mark.parametrize("name", NAMES)
def test_office_holders_and_public_text_stay(dossier_run, name):
    text = " ".join(pdf_text(dossier_run["out"] / f"{name}.pdf").split())
    missing = [v for v in truth(name)["keep"] if " ".join(v.split()) not in text]
    assert missing == []


def test_inputs_are_byte_for_byte_unchanged(dossier_run):
    after = {p.name: sha256(p) for p in dossier_run["inputs"].glob("*.pdf")}
    assert after == dossier_run["hashes_before"]


def test_verify_passes_on_the_output(dossier_run):
    problems, notes = verify_output(dossier_run["out"])
    assert problems == [] and notes == []


def test_publication_log_matches_its_schema_and_the_files(dossier_run):
    from importlib import resources

    log = json.loads((dossier_run["out"] / LOG_JSON).read_text("utf-8"))
    schema = json.loads(resources.files("woopub").joinpath("schemas", "publicatielog.schema.json").read_text())
    jsonschema.validate(log, schema)
    for doc in log["documents"]:
        assert doc["sha256"] == sha256(dossier_run["out"] / doc["document"])
        assert sum(doc["per_ground"].values()) == doc["redactions"]
    assert {r["ground"] for r in log["redactions"]} <= set(log["grounds"])
    csv_rows = (dossier_run["out"] / LOG_CSV).read_text("utf-8").splitlines()
    assert len(csv_rows) == len(log["redactions"]) + 1


def test_publication_log_holds_no_redacted_value(dossier_run):
    proposals = read_proposals(dossier_run["result"].internal_dir)
    published = (dossier_run["out"] / LOG_JSON).read_text("utf-8") + (dossier_run["out"] / LOG_CSV).read_text("utf-8")
    values = {p.text for p in proposals if p.action == "redact"}
    assert values
    for value in values:
        for piece in re.split(r"\s+", value):
            if len(piece) >= 4 and not piece.replace(".", "").isdigit():
                assert piece not in published, "a redacted value (or part of one) is in the publication log"


def test_internal_record_is_outside_the_output_and_named_as_internal(dossier_run):
    internal = dossier_run["result"].internal_dir
    assert "INTERN" in internal.name and dossier_run["out"] not in internal.parents
    assert not any("voorstellen" in p.name or p.suffix == ".html" for p in dossier_run["out"].rglob("*"))
    report = (internal / "rapport-voor-beoordelaars.html").read_text("utf-8")
    assert "NIET PUBLICEREN" in report and "ambtsdrager-rol" in report


def test_every_box_on_every_page_carries_a_ground_code(dossier_run):
    log = json.loads((dossier_run["out"] / LOG_JSON).read_text("utf-8"))
    for r in log["redactions"]:
        with pymupdf.open(dossier_run["out"] / r["document"]) as doc:
            clip = pymupdf.Rect(r["rect"]) + (-1, -1, 1, 1)
            assert r["ground"] in doc[r["page"] - 1].get_text("text", clip=clip).replace("\n", "")


def test_published_files_carry_no_metadata_and_no_history(dossier_run):
    for name in NAMES:
        raw = (dossier_run["out"] / f"{name}.pdf").read_bytes()
        assert raw.count(b"%%EOF") == 1
        with pymupdf.open(stream=raw) as doc:
            assert not any(doc.metadata.get(k) for k in ("author", "title", "creator", "producer"))
            assert doc.get_xml_metadata() == ""


def test_surname_alone_after_full_name_is_redacted_across_documents(dossier_run):
    # "Wijnberg" stands alone in the nota's closing section; the full name is in the e-mail
    text = pdf_text(dossier_run["out"] / "nota-voortgang-mensenhandel.pdf")
    assert not still_there("Wijnberg", text)
    assert not still_there("Mensah-Boateng", text)


def test_initials_used_as_short_hand_are_redacted(dossier_run):
    text = pdf_text(dossier_run["out"] / "bijlage-contactpersonen.pdf")
    for short in ("SÖ", "BtH", "MdH"):
        assert not still_there(short, text)


def test_a_file_changed_between_the_passes_is_not_published(tmp_path, rules, detector):
    # the scan's findings are places in the text it read: applied to another file they would miss
    from conftest import make_pdf
    from woopub.detect import PersonIndex
    from woopub.run.pipeline import Dossier, InputDocument
    from woopub.files import sha256_file
    from woopub.writing.secrets import SecretSet

    (tmp_path / "in").mkdir()
    path = make_pdf(tmp_path / "in" / "nota.pdf", ["Contactpersoon: Fenna Wijnberg", "T 06 12345678"])
    dossier = Dossier(rules, detector)
    scan = dossier.scan(InputDocument(path, "nota.pdf"))
    scan.sha256 = sha256_file(path)
    make_pdf(path, ["Een andere tekst, langer dan de eerste.", "Contactpersoon: Fenna Wijnberg", "T 06 12345678"])
    staging, out = tmp_path / "staging", tmp_path / "out"
    staging.mkdir()
    outcome, proposals, entries = dossier.publish(scan, PersonIndex(), out, staging, SecretSet())
    assert outcome.status == "failed" and "changed after it was scanned" in outcome.reason
    assert not (out / "nota.pdf").exists()
    dossier.close()
