"""`woopub verify` catches every leak class on its own.

Each hostile case file, untouched, is put in an output folder as if woopub
had published it, with an internal record listing the planted values as
redacted; verify must fail it. For every case whose planted value can be
read at all, the failure must be the leak itself (not only a hygiene
problem next to it); the rest are files verify cannot read completely,
which must fail for that.
"""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from make_cases import CASES, build_all
from woopub.cli import main
from woopub.model import Proposal
from woopub.writing.publish import LOG_JSON, PROPOSALS_FILE
from woopub.run.batch import verify_output

# Cases whose planted values no reader can take from the file as it is, and
# the problem verify must report instead of a leak.
NOT_READABLE = {
    "versleuteld-wachtwoord.pdf": "encrypted",
    "versleuteld-onbekend.pdf": "encrypted",
    "versleuteld-fout-wachtwoord.pdf": "encrypted",
    "geen-pdf.pdf": "unreadable",
    "leeg.pdf": "unreadable",
    "kapotte-stream.pdf": "damaged",
}


def _entity(value: str) -> str:
    return "PHONE" if value[0].isdigit() else "EMAIL" if "@" in value else "PERSON"


def _as_published(folder, case_file, planted):
    """An output folder holding one case file as published, and its internal record."""
    out, internal = folder / "out", folder / "intern"
    out.mkdir(parents=True)
    internal.mkdir()
    shutil.copyfile(folder / "cases" / case_file, out / case_file)
    log = {"documents": [{"document": case_file, "status": "published"}], "redactions": []}
    (out / LOG_JSON).write_text(json.dumps(log), encoding="utf-8")
    record = [
        Proposal(f"{case_file}#{n}", case_file, 1, ((0, 0, 1, 1),), value, _entity(value), "redact", "5.1.2e",
                 "planted", 1.0, "planted value", "test").to_dict()
        for n, value in enumerate(planted, 1)
    ]
    (internal / PROPOSALS_FILE).write_text("".join(json.dumps(r) + "\n" for r in record), encoding="utf-8")
    return out, internal


@pytest.fixture(scope="module")
def cases_dir(tmp_path_factory):
    base = tmp_path_factory.mktemp("leaky")
    build_all(base / "cases")
    return base


# Pictures of text (a screenshot line, strips, a stencil mask, a shared image, outlines) are
# read by verify's own OCR of what the redaction pass reads by OCR (check_pictures).
@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_verify_fails_the_untouched_case_file(cases_dir, tmp_path, case):
    (tmp_path / "cases").symlink_to(cases_dir / "cases")
    out, internal = _as_published(tmp_path, case.file, case.planted)
    problems, notes = verify_output(out, internal)
    assert notes == []
    kinds = {p.kind for p in problems if p.document == case.file}
    expected = NOT_READABLE.get(case.file, "leak")
    assert expected in kinds, f"verify found {sorted(kinds) or 'nothing'} in {case.file}"
    for p in problems:
        assert not any(v in str(p) for v in case.planted), "a problem message shows the value"


def test_verify_command_exits_1_on_a_leaking_file(cases_dir, tmp_path):
    (tmp_path / "cases").symlink_to(cases_dir / "cases")
    out, internal = _as_published(tmp_path, "verborgen-laag.pdf", CASES[0].planted)
    result = CliRunner().invoke(main, ["verify", str(out), "--internal", str(internal)])
    assert result.exit_code == 1 and "leak" in result.output
