"""A login name in a printed file path is personal data, found even where the person's name is not.

Word's footer field and e-mail printouts show paths such as C:\\Users\\<login>\\...; the folder under
a user-profile root is the login. Web addresses and shared or system profiles are left alone.
"""

from __future__ import annotations

import pymupdf
import pytest

from conftest import pdf_text, still_there
from woopub.detect.private import AccountNameRecognizer


@pytest.fixture(scope="module")
def accounts():
    recogniser = AccountNameRecognizer()
    return lambda text: [text[r.start:r.end] for r in recogniser.analyze(text, None)]


@pytest.mark.parametrize("text, login", [
    (r"Bestand: C:\Users\fwijnberg\Documents\nota.docx", "fwijnberg"),
    (r"H:\Users\f.wijnberg\Nota's\2026", "f.wijnberg"),
    (r"\\minjenv.local\home$\pjansen\nota.docx", "pjansen"),
    (r"\\srv01\data\profiles$\pjansen\Desktop\bijlage.xlsx", "pjansen"),
    (r"C:\Documents and Settings\jvdberg\Mijn documenten\brief.doc", "jvdberg"),
    (r"C:\Users\Jan de Vries\Documents\nota.docx", "Jan de Vries"),  # a local account named in full
    ("/home/fwijnberg/nota.odt", "fwijnberg"),
    ("opgeslagen in /Users/anne-marie.de-vries/Downloads.", "anne-marie.de-vries"),
    ("file:///C:/Users/jdevries/Desktop/x.pdf", "jdevries"),
])
def test_the_login_under_a_user_profile_root_is_found(accounts, text, login):
    assert accounts(text) == [login]


@pytest.mark.parametrize("text", [
    "http://knowledgecenter.csg.org/kc/users/jennifer-ginn",  # a web profile, not a file path
    r"C:\Users\Public\Documents\formulier.pdf",
    r"C:\Documents and Settings\All Users\Start Menu",
    "zie /home/runner/work/woopub",
    "de users/home pagina",
    r"C:\Program Files\Users\x",  # not a profile root
])
def test_urls_shared_profiles_and_other_folders_are_not_logins(accounts, text):
    assert accounts(text) == []


def test_a_printed_path_loses_its_login_in_the_published_pdf(tmp_path, rules, detector):
    from woopub.run.batch import run_inline
    from woopub.run.pipeline import Dossier

    dossier = tmp_path / "in"
    dossier.mkdir()
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Nota over de voortgang van het Actieplan mensenhandel.", fontsize=11)
    page.insert_text((72, 800), r"C:\Users\fwijnberg\Documents\Nota actieplan.docx", fontsize=8)
    doc.save(dossier / "nota.pdf")

    result = run_inline(Dossier(rules, detector), [dossier], tmp_path / "out")
    (outcome,) = result.outcomes
    assert outcome.status == "published", outcome.reason
    assert [(p.text, p.ground) for p in result.proposals if p.action == "redact"] == [("fwijnberg", "5.1.2e")]
    text = pdf_text(tmp_path / "out" / "nota.pdf")
    assert not still_there("fwijnberg", text)
    # boxes cover whole words: the path up to the next space goes with the login
    assert "actieplan.docx" in text and "Actieplan mensenhandel" in text
