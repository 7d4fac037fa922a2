"""The development corpus in samples/corpus: well-formed, valid data, and what its generator makes."""

import json
import re
import subprocess
import sys

import phonenumbers
import pytest
import yaml

from conftest import ROOT
from woopub.evaluate import load_corpus

CORPUS = ROOT / "samples" / "corpus" / "docs"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


def test_corpus_has_enough_documents_and_genres(corpus):
    assert len(corpus) >= 48
    assert len({d.genre for d in corpus}) >= 7


def test_spans_do_not_overlap_and_have_known_entities(corpus):
    entities = {"PERSON", "EMAIL", "PHONE", "BSN", "IBAN", "DATE_OF_BIRTH", "ADDRESS", "LICENSE_PLATE"}
    for doc in corpus:
        spans = sorted(doc.spans, key=lambda s: s.start)
        for a, b in zip(spans, spans[1:]):
            assert a.end <= b.start, (doc.name, a, b)
        assert {s.entity for s in spans} <= entities, doc.name


def test_every_bsn_passes_the_11_proef(corpus):
    bsns = [re.sub(r"\D", "", s.text) for d in corpus for s in d.spans if s.entity == "BSN"]
    assert bsns
    for bsn in bsns:
        assert len(bsn) == 9
        assert (sum((9 - i) * int(c) for i, c in enumerate(bsn[:8])) - int(bsn[8])) % 11 == 0, bsn


def test_every_iban_has_valid_check_digits(corpus):
    ibans = [re.sub(r"\s", "", s.text) for d in corpus for s in d.spans if s.entity == "IBAN"]
    assert ibans
    for iban in ibans:
        assert int("".join(str(int(c, 36)) for c in iban[4:] + iban[:4])) % 97 == 1, iban


def test_every_phone_number_to_redact_is_a_valid_dutch_number(corpus):
    phones = [s.text for d in corpus for s in d.spans if s.entity == "PHONE" and s.label == "redact"]
    assert len(phones) >= 50
    for p in phones:
        assert phonenumbers.is_valid_number(phonenumbers.parse(" ".join(p.split()), "NL")), p


def test_persons_come_in_many_forms_and_origins(corpus):
    persons = [s for d in corpus for s in d.spans if s.entity == "PERSON" and s.label == "redact"]
    forms = {s.form.split("+")[0] for s in persons}
    assert {"full", "initials", "outlook", "caps", "surname", "given-greeting", "shorthand", "local-part"} <= forms
    assert any("line-split" in s.form for s in persons)
    assert len({s.origin for s in persons}) >= 14
    kinds = {s.kind for d in corpus for s in d.spans if s.label == "keep"}
    assert {"official", "org", "place", "title", "word", "mailbox", "switchboard"} <= kinds


def test_no_invented_person_bears_an_office_holders_name(corpus):
    officials = yaml.safe_load((ROOT / "rules" / "officials.yaml").read_text(encoding="utf-8"))["officials"]
    real = {" ".join(o["name"].lower().split()) for o in officials}
    invented = {" ".join(s.text.lower().split()) for d in corpus for s in d.spans
                if s.entity == "PERSON" and s.label == "redact" and s.form.startswith("full")}
    assert invented and not invented & real


def test_committed_corpus_is_what_the_generator_makes():
    result = subprocess.run([sys.executable, str(ROOT / "samples" / "corpus" / "make_corpus.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_annotation_files_name_their_documents():
    for path in CORPUS.glob("*.json"):
        ann = json.loads(path.read_text(encoding="utf-8"))
        assert (CORPUS / ann["document"]).exists() and ann["document"] == path.with_suffix(".txt").name
