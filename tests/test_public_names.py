"""Issue 17: personal data in file and folder names never reaches the published side.

A dossier whose file and folder names carry a civil servant's name (also named
in the documents' text) is redacted through the command line; no output file
or folder name, no line of the public log, no package file and no printed line
holds the name, and every input is listed with its outcome.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_pdf
from woopub.cli import main
from woopub.writing.publish import NAMES_FILE

TEXT = [
    "Nota aan de minister van Binnenlandse Zaken",
    "Behandeld door: Jan de Vries, senior beleidsmedewerker",
    "Telefoon 06-48291730",
    "De heer De Vries stelt voor de regeling te wijzigen.",
]
INPUTS = [
    "Mail van Jan de Vries 12-03-2024.pdf",
    "bijlagen/Jan de Vries/cv.pdf",
    "JanDeVries_notities.pdf",
    "a/nota.pdf",
    "b/nota.pdf",
    "Brief van minister Rob Jetten.pdf",
]
BROKEN = "Jan de Vries kapot.pdf"  # refused: its outcome and reason are listed under its public name
LEAKS = ("vries", "jan")


def _visible_texts(out: Path) -> list[tuple[str, str]]:
    """(where, text) of everything published that is not a PDF's content: every path, every text file."""
    found = [(str(p), p.relative_to(out).as_posix()) for p in out.rglob("*")]
    for p in out.rglob("*"):
        if p.is_file() and p.suffix.lower() in (".json", ".csv", ".txt", ".html", ".xml") or p.name == "SHA256SUMS":
            found.append((str(p), p.read_text("utf-8")))
        if p.suffix.lower() == ".pdf":  # the published PDFs, their stamped copies, the accessible inventory
            import pymupdf

            with pymupdf.open(p) as pdf:
                found.append((str(p), " ".join(page.get_text() for page in pdf)))
        if p.suffix == ".xlsx":
            import openpyxl

            book = openpyxl.load_workbook(p)
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    found.append((f"{p}:{sheet.title}", " ".join(str(v) for v in row if v is not None)))
    return found


@pytest.fixture(scope="module")
def named_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("jan-de-vries-home")  # the user's own folder path holds the name too
    dossier = base / "dossier"
    for rel in INPUTS:
        (dossier / rel).parent.mkdir(parents=True, exist_ok=True)
        make_pdf(dossier / rel, TEXT if "Jetten" not in rel else ["Brief van de minister-president over de regeling."])
    (dossier / BROKEN).write_bytes(b"%PDF-1.4 cut off")
    out = base / "uit"
    result = CliRunner().invoke(main, ["redact", str(dossier), "--out", str(out), "--internal", str(base / "intern"),
                                       "--workers", "1"])
    return {"base": base, "dossier": dossier, "out": out, "internal": base / "intern", "result": result}


def test_no_name_in_any_published_path_log_or_package(named_run):
    out = named_run["out"]
    leaks = [(where, text) for where, text in _visible_texts(out) if any(w in text.lower() for w in LEAKS)]
    assert not leaks, leaks[:5]
    assert (out / "publicatielog.json").is_file() and (out / "package" / "inventarislijst.csv").is_file()


# printed for the officer at the terminal on purpose (``cli._echo_overview``, the record's path): not public
OFFICER_ONLY = ("most redacted:", "internal record (do not publish):")


def test_no_name_in_the_printed_result_lines(named_run):
    result = named_run["result"]
    lines = [line for line in result.output.splitlines() if not line.startswith(OFFICER_ONLY)]
    assert not [line for line in lines if any(w in line.lower() for w in LEAKS)], result.output
    assert sum(": published" in line for line in lines) == len(INPUTS)
    assert any("[5.1.2e] kapot.pdf: FAILED" in line for line in lines), result.output


def test_no_name_in_the_json_output(named_run, tmp_path):
    result = CliRunner().invoke(main, ["redact", str(named_run["dossier"]), "--out", str(tmp_path / "uit"),
                                       "--internal", str(tmp_path / "intern"), "--workers", "1", "--json"])
    events = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    documents = [e for e in events if e.get("document")]
    assert len({e["document"] for e in documents}) == len(INPUTS) + 1
    # the summary's path of the internal record is the user's own folder, for the officer
    shown = [{k: v for k, v in e.items() if k != "internal_record"} for e in events]
    leaks = [e for e in shown if any(w in json.dumps(e).lower() for w in LEAKS)]
    assert not leaks, leaks


def test_every_input_listed_with_its_outcome(named_run):
    log = json.loads((named_run["out"] / "publicatielog.json").read_text("utf-8"))
    assert len(log["documents"]) == len(INPUTS) + 1
    failed = [d for d in log["documents"] if d["status"] != "published"]
    assert [d["document"] for d in failed] == ["[5.1.2e] kapot.pdf"] and failed[0]["reason"]
    published = {p.relative_to(named_run["out"]).as_posix() for p in named_run["out"].rglob("*.pdf")
                 if "package" not in p.parts}
    assert published == {d["document"] for d in log["documents"] if d["status"] == "published"}
    assert named_run["result"].exit_code == 1, named_run["result"].output  # the broken input fails the run


def test_name_redacted_in_file_and_folder_names_by_ground(named_run):
    names = {d["document"] for d in json.loads((named_run["out"] / "publicatielog.json").read_text("utf-8"))["documents"]}
    assert "Mail van [5.1.2e] 12-03-2024.pdf" in names
    assert "bijlagen/[5.1.2e]/cv.pdf" in names


def test_two_inputs_with_one_name_apart_by_relative_path_not_absolute(named_run):
    names = {d["document"] for d in json.loads((named_run["out"] / "publicatielog.json").read_text("utf-8"))["documents"]}
    assert {"a/nota.pdf", "b/nota.pdf"} <= names
    base = str(named_run["base"]).lstrip("/")
    assert not [n for n in names if base in n or n.startswith("/")]


def test_minister_in_file_name_stays(named_run):
    names = {d["document"] for d in json.loads((named_run["out"] / "publicatielog.json").read_text("utf-8"))["documents"]}
    assert "Brief van minister Rob Jetten.pdf" in names


def test_internal_record_maps_original_to_public_name(named_run):
    mapping = json.loads((named_run["internal"] / NAMES_FILE).read_text("utf-8"))
    assert mapping["Mail van Jan de Vries 12-03-2024.pdf"] == "Mail van [5.1.2e] 12-03-2024.pdf"
    assert set(mapping) == set(INPUTS) | {BROKEN}


def test_inputs_given_as_files_with_one_name_apart_by_their_shared_folder(tmp_path):
    from woopub.run.pipeline import collect_inputs

    for folder in ("x", "y"):
        make_pdf((tmp_path / "Jan de Vries" / folder).mkdir(parents=True) or tmp_path / "Jan de Vries" / folder / "nota.pdf",
                 "Nota")
    docs, _ = collect_inputs([tmp_path / "Jan de Vries" / "x" / "nota.pdf", tmp_path / "Jan de Vries" / "y" / "nota.pdf"])
    assert [d.name for d in docs] == ["x/nota.pdf", "y/nota.pdf"]


def test_public_names_told_apart_after_redaction():
    from woopub.decide.filenames import told_apart

    assert told_apart(["[5.1.2e]/cv.pdf", "[5.1.2e]/cv.pdf", "[5.1.2e]/CV.pdf"]) == [
        "[5.1.2e]/cv.pdf", "[5.1.2e]/cv (2).pdf", "[5.1.2e]/CV (3).pdf"]
