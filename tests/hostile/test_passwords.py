"""Passwords: --password for all, --password-file (JSON) per document; wrong files are usage errors."""

import json
import shutil

import pymupdf
import pytest
from click.testing import CliRunner

from make_cases import SENTENCE, _doc
from woopub.cli import main
from woopub.reading.passwords import PasswordFileError, Passwords, load_password_file


def _encrypted(path, password):
    doc = _doc("Vertrouwelijk.", SENTENCE)
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=password, owner_pw="eigenaar")
    doc.close()


def test_a_document_entry_wins_over_the_password_for_all(tmp_path):
    book = Passwords("voor-allen", {"bijlagen/brief.pdf": "eigen", "nota.pdf": "nota-ww"})
    assert book.for_document("bijlagen/brief.pdf", tmp_path / "bijlagen" / "brief.pdf") == "eigen"
    assert book.for_document("stukken/nota.pdf", tmp_path / "stukken" / "nota.pdf") == "nota-ww"  # by file name
    assert book.for_document("ander.pdf", tmp_path / "ander.pdf") == "voor-allen"
    assert book.unused(["bijlagen/brief.pdf"]) == ["nota.pdf"]


@pytest.mark.parametrize("content", ['{"nota.pdf": 123}', "nota.pdf: geheim", '["geheim"]'])
def test_a_broken_password_file_is_a_usage_error(tmp_path, content):
    path = tmp_path / "wachtwoorden.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PasswordFileError, match="wachtwoorden.json"):
        load_password_file(path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["redact", str(tmp_path), "--out", str(out), "--password-file", str(path)])
    assert result.exit_code == 2 and not out.exists()


def test_each_document_opens_with_its_own_password(tmp_path):
    dossier = tmp_path / "dossier"
    (dossier / "bijlagen").mkdir(parents=True)
    _encrypted(dossier / "nota.pdf", "eerste wachtwoord")
    _encrypted(dossier / "bijlagen" / "brief.pdf", 'tweede "wachtwoord" #2')
    _encrypted(dossier / "ander.pdf", "voor de rest")
    passwords = tmp_path / "wachtwoorden.json"
    passwords.write_text(json.dumps({"nota.pdf": "eerste wachtwoord", "bijlagen/brief.pdf": 'tweede "wachtwoord" #2',
                                     "bestaat-niet.pdf": "x"}), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["redact", str(dossier), "--out", str(out), "--password-file", str(passwords),
                                       "--password", "voor de rest"])
    assert result.exit_code == 0, result.output
    for name in ("nota.pdf", "bijlagen/brief.pdf", "ander.pdf"):
        with pymupdf.open(out / name) as doc:
            assert not doc.needs_pass and not doc.is_encrypted
            assert "Wijnberg" not in doc[0].get_text()
    assert "the password file names bestaat-niet.pdf, which is not among the inputs" in result.output
    assert "eerste wachtwoord" not in result.output and "voor de rest" not in result.output


def test_an_encrypted_document_without_password_is_refused_and_the_rest_published(tmp_path):
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    _encrypted(dossier / "geheim.pdf", "x")
    _doc("Openbaar stuk.").save(dossier / "open.pdf")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["redact", str(dossier), "--out", str(out)])
    assert result.exit_code == 1
    assert "geheim.pdf: FAILED:" in result.output and "needs a password" in result.output
    assert (out / "open.pdf").is_file() and not (out / "geheim.pdf").exists()
    shutil.rmtree(out)
