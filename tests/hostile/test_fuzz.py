"""Fuzz: Hypothesis mutates the sample PDFs and a PDF with planted data.

For every mutated file, one run of the pipeline must end without an
unhandled exception and within its time limit, in one of two ways: the
document is refused with one line naming it, or it is published and then
holds none of the planted values (checked by woopub's verify and by the
independent oracle in ``leaks.py``).

Bounded for CI: ``WOOPUB_FUZZ_SECONDS`` (default 60) of mutating, at most
``WOOPUB_FUZZ_EXAMPLES`` examples (default 200), examples fixed
(derandomised) so a run is repeatable; a failing example is printed by
Hypothesis. Raise both locally to search longer.
"""

from __future__ import annotations

import os
import re
import time

import pymupdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES, truth
from leaks import planted_left
from make_cases import EMAIL, INNOCENT, NAME, PHONE, SENTENCE, _add_content, _doc, _text_op
from woopub.run import guard
from woopub.run.pipeline import Dossier
from woopub.decide.rules import load_rules
from woopub.writing.secrets import Secret
from woopub.writing.verify import verify_pdf
from woopub.run.batch import run_inline

FUZZ_SECONDS = float(os.environ.get("WOOPUB_FUZZ_SECONDS", "60"))
FUZZ_EXAMPLES = int(os.environ.get("WOOPUB_FUZZ_EXAMPLES", "200"))
DOCUMENT_SECONDS = 60  # per pass in the fuzz run: a hang shows as a refusal, not as a stuck test
_started: list[float] = []

KEYWORDS = [b"obj", b"endobj", b"stream", b"endstream", b" R", b"<<", b">>", b"[", b"]", b"/Length", b"/Filter",
            b"/Kids", b"/Count", b"/Type", b"/Font", b"/Contents", b"0", b"-1", b"99999999", b"(", b")", b"BT", b"ET"]

mutation = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(1, 255)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 64)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=32)),
    st.tuples(st.just("copy"), st.floats(0, 1), st.floats(0, 1), st.integers(1, 512)),
    st.tuples(st.just("truncate"), st.floats(0.05, 1)),
    st.tuples(st.just("number"), st.floats(0, 1), st.integers(-1000, 10**9)),
    st.tuples(st.just("keyword"), st.floats(0, 1), st.sampled_from(KEYWORDS)),
)
_NUMBER = re.compile(rb"-?\d+")


def mutate(data: bytes, mutations: list[tuple]) -> bytes:
    for m in mutations:
        kind, at = m[0], int(m[1] * max(len(data) - 1, 0))
        if kind == "flip":
            data = data[:at] + bytes([data[at] ^ m[2]]) + data[at + 1 :] if data else data
        elif kind == "delete":
            data = data[:at] + data[at + m[2] :]
        elif kind == "insert":
            data = data[:at] + m[2] + data[at:]
        elif kind == "copy":
            src = int(m[2] * max(len(data) - 1, 0))
            data = data[:at] + data[src : src + m[3]] + data[at:]
        elif kind == "truncate":
            data = data[: max(1, int(m[1] * len(data)))]
        elif kind == "number":
            numbers = list(_NUMBER.finditer(data))
            if numbers:
                n = numbers[int(m[1] * (len(numbers) - 1))]
                data = data[: n.start()] + str(m[2]).encode() + data[n.end() :]
        elif kind == "keyword":
            data = data[:at] + m[2] + data[at:]
    return data


def _planted_seed() -> bytes:
    """Uncompressed, so mutations hit structure and text: the sentence in content, metadata and a note."""
    doc = _doc(INNOCENT)
    _add_content(doc, doc[0], _text_op(SENTENCE, 72, 600))
    doc.set_metadata({"author": NAME})
    doc[0].add_text_annot((500, 80), SENTENCE).update()
    return doc.tobytes()


def _seeds() -> dict[str, tuple[bytes, tuple[str, ...]]]:
    seeds = {"planted.pdf": (_planted_seed(), (NAME, EMAIL, PHONE))}
    for path in sorted(SAMPLES.glob("*.pdf")):
        # e-mail addresses and full names: found wherever they stand, whatever the context
        values = [v for v in truth(path.stem)["redact"] if "@" in v or (" " in v and not re.search(r"\d", v))]
        seeds[path.name] = (path.read_bytes(), tuple(values))
    return seeds


SEEDS = _seeds()


@pytest.fixture(scope="module")
def fuzz_dossier(tmp_path_factory, detector):
    rule_file = tmp_path_factory.mktemp("rules") / "geplant.yaml"
    names = sorted({v for _, planted in SEEDS.values() for v in planted if "@" not in v and not v[0].isdigit()})
    rule_file.write_text(
        "always_redact:\n" + "".join(f'  - value: "{n}"\n    reason: "Geplante waarde (fuzz-test)."\n' for n in names),
        encoding="utf-8",
    )
    return Dossier(load_rules([rule_file]), detector)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(seed=st.sampled_from(sorted(SEEDS)), mutations=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_pdf_is_refused_or_published_clean(fuzz_dossier, tmp_path_factory, monkeypatch, seed, mutations):
    _started[:] = _started or [time.monotonic()]
    if time.monotonic() - _started[0] > FUZZ_SECONDS:
        return  # the time budget for CI is spent
    monkeypatch.setattr(guard, "DOCUMENT_SECONDS", DOCUMENT_SECONDS)
    data, planted = SEEDS[seed]
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "in" / seed
    path.parent.mkdir()
    path.write_bytes(mutate(data, mutations))
    out = folder / "out"
    result = run_inline(fuzz_dossier, [path.parent], out)  # must not raise
    (outcome,) = result.outcomes
    if outcome.status == "failed":
        assert seed in outcome.reason and "\n" not in outcome.reason
        assert not (out / seed).exists()
        return
    assert outcome.status == "published"
    assert planted_left(out / seed, planted) == []
    secrets = [Secret(v, "EMAIL" if "@" in v else "PHONE" if v[0].isdigit() else "PERSON", f"planted #{n}")
               for n, v in enumerate(planted)]
    assert verify_pdf(out / seed, seed, secrets, result.proposals, []) == []


def test_mutations_change_the_file():
    data = SEEDS["planted.pdf"][0]
    assert mutate(data, [("number", 0.5, 7)]) != data and mutate(data, [("truncate", 0.5)]) == data[: len(data) // 2]
    with pymupdf.open(stream=data) as doc:
        assert NAME in doc[0].get_text()
