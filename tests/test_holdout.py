"""The pipeline on the holdout dossier: Woo-style documents its authors did not write.

The holdout (tests/holdout/) was written by an outside tester before reading the
detection code. The truth files are not weakened to make this suite pass: what
the pipeline gets wrong today is listed, value by value with the reason observed,
in tests/holdout/known_failures.yaml. Each test compares what fails now with that
list, so
  * a new leak or a newly lost keep value fails the suite;
  * a listed value that now passes fails it too ("unexpectedly passes"), until it
    is removed from the list, so the list only ever shrinks.
"""

from __future__ import annotations

import pytest

from holdout_eval import copy_inputs, documents, known_failures, score, sha256, truth
from woopub.run.batch import verify_output
from woopub.run.batch import run_inline

DOCUMENTS = documents()
KNOWN = known_failures()


@pytest.fixture(scope="session")
def holdout_run(tmp_path_factory, rules, detector):
    """The holdout dossier redacted once, as one dossier, with the library Dossier."""
    from woopub.run.pipeline import Dossier

    base = tmp_path_factory.mktemp("holdout")
    inputs = base / "in"
    before = copy_inputs(inputs)
    result = run_inline(Dossier(rules, detector), [inputs], base / "out")
    outcomes = {o.document: o for o in result.outcomes}
    problems, notes = verify_output(base / "out")
    return {"inputs": inputs, "out": base / "out", "result": result, "outcomes": outcomes, "hashes_before": before,
            "verify": (problems, notes)}


def _score(holdout_run, document):
    outcome = holdout_run["outcomes"][document]
    return score(holdout_run["out"], document, outcome.status == "published", outcome.reason)


def _compare(document: str, check: str, failing: set[str]) -> None:
    known = {value for (doc, c, value) in KNOWN if doc == document and c == check}
    new = sorted(failing - known)
    fixed = sorted(known - failing)
    messages = []
    if new:
        messages.append(f"{document}: new {check} failure(s): {new}")
    if fixed:
        messages.append(f"{document}: {check} value(s) unexpectedly pass — remove from known_failures.yaml: {fixed}")
    assert not messages, "\n".join(messages)


def _published_or_skip(holdout_run, document):
    outcome = holdout_run["outcomes"][document]
    if outcome.status != "published":
        if (document, "published", "") in KNOWN:
            pytest.skip(f"{document} is not published (known failure): its values cannot be checked")
        pytest.fail(f"{document} was not published: {outcome.reason}")


def test_every_holdout_document_has_a_truth_file():
    assert len(DOCUMENTS) >= 14
    for document in DOCUMENTS:
        t = truth(document)
        assert t["keep"], f"{document}: no keep values"


def test_known_failures_name_real_documents_and_values():
    for (document, check, value), entry in KNOWN.items():
        assert document in DOCUMENTS, entry
        if check == "redact":
            assert value in [v for vs in truth(document)["redact"].values() for v in vs], entry
        elif check == "keep":
            assert value in truth(document)["keep"], entry


@pytest.mark.slow
@pytest.mark.parametrize("document", DOCUMENTS)
def test_holdout_document_is_published(holdout_run, document):
    published = holdout_run["outcomes"][document].status == "published"
    _compare(document, "published", set() if published else {""})


@pytest.mark.slow
@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_personal_value_of_the_holdout_survives(holdout_run, document):
    _published_or_skip(holdout_run, document)
    s = _score(holdout_run, document)
    _compare(document, "redact", {v for vs in s.leaked.values() for v in vs})


@pytest.mark.slow
@pytest.mark.parametrize("document", DOCUMENTS)
def test_office_holders_and_public_text_of_the_holdout_stay(holdout_run, document):
    _published_or_skip(holdout_run, document)
    s = _score(holdout_run, document)
    _compare(document, "keep", set(s.lost))


@pytest.mark.slow
@pytest.mark.parametrize("document", DOCUMENTS)
def test_verify_passes_on_the_holdout_output(holdout_run, document):
    if holdout_run["outcomes"][document].status != "published":
        pytest.skip(f"{document} is not published")
    problems, notes = holdout_run["verify"]
    assert notes == []
    mine = [str(p) for p in problems if p.document == document]
    _compare(document, "verify", {""} if mine else set())


@pytest.mark.slow
def test_verify_finds_no_problem_outside_the_documents(holdout_run):
    problems, _ = holdout_run["verify"]
    assert [str(p) for p in problems if p.document not in DOCUMENTS] == []


@pytest.mark.slow
def test_holdout_inputs_are_byte_for_byte_unchanged(holdout_run):
    after = {name: sha256(holdout_run["inputs"] / name) for name in DOCUMENTS}
    assert after == holdout_run["hashes_before"]
