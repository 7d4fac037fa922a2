"""Review dossier (issue 15): "niet openbaar" and "reeds openbaar" marks on a page or a document,
and apply writing the same publication package as woopub redact."""

import csv
import json
import shutil

import pymupdf
import pytest
from click.testing import CliRunner

from conftest import SAMPLES, pdf_text
from woopub.cli import main
from woopub.review.store import NIET_OPENBAAR, REEDS_OPENBAAR, ReviewDossier

LINK = "https://www.rijksoverheid.nl/documenten/kamerstukken/2024/05/01/brief"


def _pdf(path, pages):
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        for i, line in enumerate(lines):
            page.insert_text((72, 80 + 16 * i), line, fontsize=11)
    doc.save(path)
    doc.close()


def _scan(tmp_path, make):
    inputs = tmp_path / "in"
    inputs.mkdir()
    make(inputs)
    folder = tmp_path / "dossier"
    result = CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(folder), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return folder


def _three(inputs):
    _pdf(inputs / "nota.pdf", [["Eerste pagina over de begroting."], ["Tweede pagina: het advies over de fusie."],
                               ["Derde pagina met de planning."]])
    _pdf(inputs / "advies.pdf", [["Intern advies over de fusie van de diensten."]])
    _pdf(inputs / "kamerbrief.pdf", [["Kamerbrief over de voortgang van de fusie."]])


def _inventory(out):
    with open(out / "package" / "inventarislijst.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_marked_pages_and_documents_are_withheld_and_assessed_so(tmp_path):
    folder = _scan(tmp_path, _three)
    d = ReviewDossier(folder)
    d.mark("nota.pdf", 2, NIET_OPENBAAR, "Reviewer Anna", ground="5.1.2i")
    d.mark("advies.pdf", 0, NIET_OPENBAAR, "Reviewer Anna", ground="5.2")
    d.mark("kamerbrief.pdf", 0, REEDS_OPENBAAR, "Reviewer Anna", link=LINK)
    assert [a["proposal"] for a in d.audit() if a["proposal"].startswith("mark:")] == [
        "mark:nota.pdf:2", "mark:advies.pdf:0", "mark:kamerbrief.pdf:0"]
    d.close()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 0, result.output
    assert not (out / "advies.pdf").exists() and not (out / "kamerbrief.pdf").exists()
    with pymupdf.open(out / "nota.pdf") as doc:
        texts = [page.get_text() for page in doc]
    assert "Eerste pagina" in texts[0] and "Derde pagina" in texts[2]
    assert "advies" not in texts[1] and "Tweede" not in texts[1]
    log = json.loads((out / "publicatielog.json").read_text())
    rows = {r["document"]: r for r in log["documents"]}
    assert rows["advies.pdf"]["status"] == "skipped" and "5.2" in rows["advies.pdf"]["reason"]
    assert LINK in rows["kamerbrief.pdf"]["reason"]
    assert [(r["page"], r["ground"], r["rule"]) for r in log["redactions"] if r["document"] == "nota.pdf"] == [
        (2, "5.1.2i", "reviewer")]
    assert "Anna" not in json.dumps(log)
    inventory = {r["Beoordeling"]: r for r in _inventory(out)}
    assert inventory["deels openbaar"]["Weigeringsgronden"] == "5.1.2i"
    assert inventory["niet openbaar"]["Weigeringsgronden"] == "5.2"
    assert inventory["reeds openbaar"]["Opmerkingen"] == ""
    uploads = list((out / "package" / "upload").glob("*.pdf"))
    assert [p.stem for p in uploads] == [inventory["deels openbaar"]["Nummer"]]  # only the published one
    assert "Tweede" not in pdf_text(uploads[0])
    verified = CliRunner().invoke(main, ["verify", str(out)])
    assert verified.exit_code == 0, verified.output


def test_a_reeds_openbaar_page_is_noted_and_its_document_still_reviewed(tmp_path):
    folder = _scan(tmp_path, _three)
    d = ReviewDossier(folder)
    d.mark("nota.pdf", 3, REEDS_OPENBAAR, "an", link=LINK)
    d.add_term("begroting", "5.1.2i", "an")
    d.close()
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"]).exit_code == 0
    text = pdf_text(out / "nota.pdf")
    assert "Derde pagina" in text and "begroting" not in text
    nota = next(r for r in _inventory(out) if r["Weigeringsgronden"] == "5.1.2i")
    assert nota["Beoordeling"] == "deels openbaar" and nota["Opmerkingen"] == f"pagina 3 reeds openbaar: {LINK}"


def test_a_mark_needs_its_ground_or_link_and_can_be_taken_away(tmp_path):
    folder = _scan(tmp_path, _three)
    d = ReviewDossier(folder)
    with pytest.raises(ValueError, match="ground"):
        d.mark("nota.pdf", 1, NIET_OPENBAAR, "an")
    with pytest.raises(ValueError, match="link"):
        d.mark("nota.pdf", 0, REEDS_OPENBAAR, "an", link="rijksoverheid.nl")
    with pytest.raises(ValueError, match="no page"):
        d.mark("nota.pdf", 4, NIET_OPENBAAR, "an", ground="5.2")
    d.mark("advies.pdf", 0, NIET_OPENBAAR, "an", ground="5.2")
    d.mark("advies.pdf", 0, None, "bo")
    assert d.marks() == []
    trail = d.audit("mark:advies.pdf:0")
    assert [a["reviewer"] for a in trail] == ["an", "bo"] and json.loads(trail[1]["before"])["ground"] == "5.2"
    d.close()
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"]).exit_code == 0
    assert "fusie" in pdf_text(out / "advies.pdf")


def test_apply_writes_the_package_redact_writes_for_the_same_decisions(tmp_path):
    """Every proposal accepted: apply's package has redact's rows, numbers, assessments and grounds."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("bijlage-contactpersonen.pdf", "email-mensenhandel.pdf"):
        shutil.copy(SAMPLES / name, inputs / name)
    redacted = tmp_path / "redact-out"
    result = CliRunner().invoke(main, ["redact", str(inputs), "--out", str(redacted), "--workers", "1"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "dossier"
    assert CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(folder), "--workers", "1"]).exit_code == 0
    applied = tmp_path / "apply-out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(applied), "--accept-pending"])
    assert result.exit_code == 0, result.output
    assert _inventory(applied) == _inventory(redacted)
    names = lambda out: sorted(p.name for p in (out / "package" / "upload").iterdir())  # noqa: E731
    assert names(applied) == names(redacted) and len(names(applied)) == 2
    assert (applied / "package" / "productierapport.xlsx").is_file() and (applied / "package" / "SHA256SUMS").is_file()
    verified = CliRunner().invoke(main, ["verify", str(applied)])
    assert verified.exit_code == 0, verified.output


def test_a_page_marked_niet_openbaar_with_text_left_fails_verification(tmp_path, monkeypatch):
    """Were the redaction to leave text on a page redacted whole (as a 30% band did before), apply
    refuses the document: a whole-page box has no value for the usual hunt, so its words are counted."""
    import woopub.writing.redact as redact
    import woopub.writing.write as write

    folder = _scan(tmp_path, _three)
    d = ReviewDossier(folder)
    d.mark("nota.pdf", 2, NIET_OPENBAAR, "an", ground="5.1.2i")
    d.close()
    monkeypatch.setattr(redact, "TEXT_BAND_MAX_CUT", 10_000.0)  # the old band: 30% off top and bottom
    monkeypatch.setattr(redact, "removal_band", lambda rect, glyphs: None)  # ... and not the glyphs' own band
    monkeypatch.setattr(write, "pages_to_scan", lambda *a: [])  # and no scan repair (the next test has it)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 1, result.output
    assert "page 2 was redacted whole and still has" in result.output
    assert not (out / "nota.pdf").exists()


def test_a_page_marked_niet_openbaar_with_text_left_is_repaired_as_a_scan(tmp_path, monkeypatch):
    """The same leaky redaction with the write stage's last resort (as woopub redact has it): the page
    still holding words is published as a scan of itself, blacked out whole, with no words left."""
    import woopub.writing.redact as redact

    folder = _scan(tmp_path, _three)
    d = ReviewDossier(folder)
    d.mark("nota.pdf", 2, NIET_OPENBAAR, "an", ground="5.1.2i")
    d.close()
    monkeypatch.setattr(redact, "TEXT_BAND_MAX_CUT", 10_000.0)
    monkeypatch.setattr(redact, "removal_band", lambda rect, glyphs: None)
    from woopub.decide.rules import load_rules
    from woopub.review.apply import apply_dossier

    out = tmp_path / "out"
    result = apply_dossier(folder, out, load_rules(), accept_pending=True)
    assert not result.problems, result.problems
    (outcome,) = [o for o in result.outcomes if o.document == "nota.pdf"]
    assert outcome.status == "published" and any("page(s) 2: published as a scan" in w for w in outcome.warnings)
    with pymupdf.open(out / "nota.pdf") as doc:
        assert [w for w in doc[1].get_text().split() if w != "5.1.2i"] == []


def test_marks_survive_a_rescan_and_a_mark_on_a_page_now_gone_stops_the_document(tmp_path):
    folder = _scan(tmp_path, _three)
    d = ReviewDossier(folder)
    d.mark("nota.pdf", 3, NIET_OPENBAAR, "an", ground="5.1.2i")
    d.mark("advies.pdf", 0, NIET_OPENBAAR, "an", ground="5.2")
    d.close()
    _pdf(tmp_path / "in" / "nota.pdf", [["Eerste pagina over de begroting."], ["Tweede pagina."]])  # one page less
    result = CliRunner().invoke(main, ["scan", str(tmp_path / "in"), "--dossier", str(folder), "--workers", "1"])
    assert result.exit_code == 0, result.output
    d = ReviewDossier(folder)
    assert {(m.document, m.page) for m in d.marks()} == {("nota.pdf", 3), ("advies.pdf", 0)}
    d.close()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 1 and "page 3 was marked to redact whole and is no longer" in result.output
    assert not (out / "nota.pdf").exists() and not (out / "advies.pdf").exists()
    assert "fusie" in pdf_text(out / "kamerbrief.pdf")


def _csv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_marks_in_the_report_and_through_the_csv_review_file(tmp_path):
    folder = _scan(tmp_path, _three)
    d = ReviewDossier(folder)
    d.mark("kamerbrief.pdf", 0, REEDS_OPENBAAR, "Reviewer Anna", link=LINK)
    d.close()
    table = tmp_path / "besluiten.csv"
    assert CliRunner().invoke(main, ["decisions", "export", str(folder), str(table)]).exit_code == 0
    rows = _csv_rows(table)
    marks = {(r["document"], r["page"]): r for r in rows if r["key"] == "mark"}
    assert set(marks) == {("advies.pdf", "0"), ("kamerbrief.pdf", "0"), ("nota.pdf", "0")}  # every document once
    assert (marks[("kamerbrief.pdf", "0")]["mark"], marks[("kamerbrief.pdf", "0")]["link"]) == (REEDS_OPENBAAR, LINK)
    # in the spreadsheet: advies niet openbaar under 5.2, a new row for page 2 of nota, the kamerbrief's mark taken
    # away, and a row with a mark that does not exist
    marks[("advies.pdf", "0")].update(mark=NIET_OPENBAAR, ground="5.2")
    marks[("kamerbrief.pdf", "0")].update(mark="", link="")
    page2 = dict(marks[("nota.pdf", "0")], page="2", version="", mark=NIET_OPENBAAR, ground="5.1.2i")
    wrong = dict(marks[("nota.pdf", "0")], page="3", version="", mark="geheim", ground="")
    _write_csv(table, [r for r in rows if r["key"] != "mark"] + list(marks.values()) + [page2, wrong])
    result = CliRunner().invoke(main, ["decisions", "import", str(folder), str(table), "--reviewer", "Bo"])
    assert result.exit_code == 1 and "3 decision(s)" in result.output, result.output
    assert "unknown mark 'geheim'" in result.output
    d = ReviewDossier(folder)
    assert {(m.document, m.page, m.mark, m.ground) for m in d.marks()} == {
        ("advies.pdf", 0, NIET_OPENBAAR, "5.2"), ("nota.pdf", 2, NIET_OPENBAAR, "5.1.2i")}
    assert [a["reviewer"] for a in d.audit("mark:kamerbrief.pdf:0")] == ["Reviewer Anna", "Bo"]
    d.mark("advies.pdf", 0, NIET_OPENBAAR, "Anna", ground="5.1.2i")  # changed after the import
    d.close()
    # the same file again: the advies row is now stale and refused; nothing else changes
    _write_csv(table, [r for r in rows if r["key"] != "mark"] + list(marks.values()) + [page2])
    result = CliRunner().invoke(main, ["decisions", "import", str(folder), str(table), "--reviewer", "Bo"])
    assert result.exit_code == 1 and "changed by someone else" in result.output and "0 decision(s)" in result.output
    report = CliRunner().invoke(main, ["report", str(folder)])
    assert report.exit_code == 0, report.output
    page = (folder / "rapport" / "report.html").read_text()
    assert "Niet openbaar en reeds openbaar" in page and "5.1.2i" in page and "Anna" in page
    report_rows = _csv_rows(folder / "rapport" / "report.csv")
    assert ("nota.pdf", "2", NIET_OPENBAAR) in {(r["document"], r["page"], r["mark"]) for r in report_rows}
