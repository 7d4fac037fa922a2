"""The Acrobat round trip (issue 15): the dossier exported as PDFs with unapplied Redact marks,
changed as a reviewer changes them in Acrobat (a mark removed, one added with a ground as its
overlay text, saved incrementally), read back, applied."""

import json
import stat

import pymupdf
from click.testing import CliRunner

from conftest import pdf_text
from woopub.cli import main
from woopub.review.store import ACCEPTED, REJECTED, ReviewDossier

LINES = ["Voor vragen belt u 06-41234567 op werkdagen.",
         "Mail naar meldpunt.jansen@example.nl of bel 06-49876543.",
         "Het project Zonnebloem loopt door tot de zomer."]


def _scan(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(LINES):
        page.insert_text((72, 80 + 16 * i), line, fontsize=11)
    doc.save(inputs / "melding.pdf")
    folder = tmp_path / "dossier"
    result = CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(folder), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return folder


def _redact_marks(path):
    with pymupdf.open(path) as doc:
        return [(a.info["id"], doc.xref_get_key(a.xref, "OverlayText")[1], tuple(a.rect))
                for page in doc for a in page.annots(types=[pymupdf.PDF_ANNOT_REDACT])]


def _by_text(folder):
    d = ReviewDossier(folder)
    try:
        return {r["text"]: dict(r) for r in d.proposals()}
    finally:
        d.close()


def test_acrobat_round_trip_removed_mark_rejects_added_mark_redacts_then_apply(tmp_path):
    folder = _scan(tmp_path)
    rows = _by_text(folder)
    assert {"06-41234567", "06-49876543", "meldpunt.jansen@example.nl"} <= set(rows)
    exported = tmp_path / "acrobat"
    result = CliRunner().invoke(main, ["acrobat", "export", str(folder), str(exported)])
    assert result.exit_code == 0, result.output
    marked = exported / "melding.pdf"
    assert stat.S_IMODE(marked.stat().st_mode) == 0o600 and stat.S_IMODE(exported.stat().st_mode) == 0o700
    marks = _redact_marks(marked)
    redact_rows = [r for r in rows.values() if r["action"] == "redact"]
    assert len(marks) == sum(len(json.loads(r["boxes"])) for r in redact_rows)
    assert {m[0].split(":")[1] for m in marks} == {r["key"] for r in redact_rows}
    assert all(m[1] == "5.1.2e" for m in marks)
    assert "06-41234567" in pdf_text(marked)  # marked, not applied: the reviewer still reads it

    # the reviewer in Acrobat: the first number is the office's public number (mark removed), the
    # project name must go under 5.1.2i (marked, overlay text the ground); saved as Acrobat saves
    public = rows["06-41234567"]["key"]
    with pymupdf.open(marked) as doc:
        page = doc[0]
        for a in list(page.annots(types=[pymupdf.PDF_ANNOT_REDACT])):
            if a.info["id"].split(":")[1] == public:
                page.delete_annot(a)
        project = page.search_for("Zonnebloem")[0]
        page.add_redact_annot(project, text="5.1.2i")
        doc.save(marked, incremental=True, encryption=pymupdf.PDF_ENCRYPT_KEEP)

    result = CliRunner().invoke(main, ["acrobat", "import", str(folder), str(exported)])
    assert result.exit_code == 0, result.output
    assert f"{len(redact_rows) - 1} accepted, 1 rejected, 1 box(es) added" in result.output
    after = _by_text(folder)
    assert after["06-41234567"]["status"] == REJECTED
    assert after["06-49876543"]["status"] == ACCEPTED and after["meldpunt.jansen@example.nl"]["status"] == ACCEPTED
    added = after["Zonnebloem"]
    assert (added["status"], added["ground"], added["source"]) == (ACCEPTED, "5.1.2i", "reviewer")
    d = ReviewDossier(folder)
    assert {a["reviewer"] for a in d.audit()} == {"acrobat-import"}
    d.close()

    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["apply", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = pdf_text(out / "melding.pdf")
    assert "06-41234567" in text
    assert "06-49876543" not in text and "jansen" not in text and "Zonnebloem" not in text
    log = json.loads((out / "publicatielog.json").read_text())
    assert ("5.1.2i", "reviewer") in {(r["ground"], r["rule"]) for r in log["redactions"]}


def test_acrobat_import_refuses_a_mark_decided_otherwise_since_the_export_and_names_the_reviewer(tmp_path):
    folder = _scan(tmp_path)
    exported = tmp_path / "acrobat"
    assert CliRunner().invoke(main, ["acrobat", "export", str(folder), str(exported)]).exit_code == 0
    rows = _by_text(folder)
    d = ReviewDossier(folder)
    d.decide(rows["06-49876543"]["key"], ACCEPTED, "Anna")  # in the browser, meanwhile
    d.close()
    with pymupdf.open(exported / "melding.pdf") as doc:  # in Acrobat, every mark removed
        page = doc[0]
        annot = page.first_annot
        while annot:
            annot = page.delete_annot(annot)
        doc.save(exported / "melding.pdf", incremental=True, encryption=pymupdf.PDF_ENCRYPT_KEEP)
    result = CliRunner().invoke(main, ["acrobat", "import", str(folder), str(exported / "melding.pdf"),
                                       "--reviewer", "Bo via Acrobat"])
    assert result.exit_code == 1 and "changed by someone else" in result.output, result.output
    after = _by_text(folder)
    assert after["06-49876543"]["status"] == ACCEPTED  # Anna's decision stands
    assert after["06-41234567"]["status"] == REJECTED
    d = ReviewDossier(folder)
    assert [a["reviewer"] for a in d.audit(rows["06-41234567"]["key"])] == ["Bo via Acrobat"]
    d.close()
