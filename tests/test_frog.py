"""Frog as a named-entity tagger: server protocol, token alignment, recovery, cache, recogniser.

Tests that talk to Frog are skipped where the ``frog`` program is missing
(CI installs it through scripts/setup.sh); the tests of what happens when
Frog cannot run need no Frog and always run.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from woopub.detect.engine import build_analyzer
from woopub.detect.frog import MAX_SENTENCE_TOKENS, FrogTagger, FrogUnavailable
from woopub.detect.frog import FrogUnavailableWarning
from woopub.detect.frog_persons import FrogPersonRecognizer
from woopub.detect.frog_tagging import frog_entities, frog_token_tags

needs_frog_program = pytest.mark.skipif(
    shutil.which("frog") is None,
    reason="Frog is not installed (Debian packages frog, frogdata, uctodata; scripts/setup.sh installs them)",
)


@pytest.fixture(scope="module")
def tagger():
    with FrogTagger(connections=2) as t:
        yield t


def labels(tokens):
    return [t.label for t in tokens]


@needs_frog_program
def test_person_in_dutch_sentence_is_tagged_per(tagger):
    tokens = "Gisteren sprak Pieter van der Berg met de burgemeester van Utrecht .".split()
    tagged = tagger.tag_sentence(tokens)
    assert [t.text for t in tagged] == tokens
    assert labels(tagged)[2:6] == ["PER"] * 4
    assert tagged[2].ner == "B-PER" and tagged[3].ner == "I-PER"
    assert labels(tagged)[:2] == ["O", "O"]
    assert tagged[10].label == "LOC"
    assert tagged[2].pos.startswith("SPEC") and 0 < tagged[2].confidence <= 1
    assert tagged[1].confidence is None  # Frog gives no confidence for O


TRICKY = [
    ["Hij", "zei", "“", "Goedemorgen", "”", "tegen", "'", "Jan-Willem", "'", "Bakker-de", "Groot", "."],
    ["J.P.", "Balkenende", "en", "J.-P.", "Smit", "mailden", "jan.de.vries@minbzk.nl", "(", "cc", ")", "."],
    ["Şükrü", "Yıldırım", "en", "Ağaoğlu", "belden", "met", "Nguyễn", "Thị", "Minh", "en", "王", "."],
    ["<utt>", "EOT", "READY", "", "a\u00a0b", "x\u2028y", "\u200b", "\x00", "tab\there", "nieuwe\nregel"],
    ["http://example.org/" + "a" * 500, "€", "§", "…", "—", "'s-Hertogenbosch", "d'Ancona", "in", "'t", "Veld"],
    [],
]


@needs_frog_program
def test_alignment_holds_for_tricky_tokens(tagger):
    tagged = tagger.tag(TRICKY)
    assert [[t.text for t in s] for s in tagged] == TRICKY
    assert all(t.ner for s in tagged for t in s), "every token has Frog's reading"
    assert tagger.stats.misaligned == 0


@needs_frog_program
def test_sentence_longer_than_one_piece_stays_aligned(tagger):
    tokens = ("Mevrouw Okafor sprak met de heer Jansen over de begroting , " * 40).split()
    assert len(tokens) > 2 * MAX_SENTENCE_TOKENS
    tagged = tagger.tag_sentence(tokens)
    assert [t.text for t in tagged] == tokens
    assert tagged[-2].label == "O"  # "begroting"


_TRICKY_CHARS = st.sampled_from(list("aZéŞıği.-'’\"“”@/()<>中") + ["\u00a0", " ", "\n", "\t", "\u200b", "\u2028"])
_TOKENS = st.one_of(st.text(_TRICKY_CHARS, max_size=12), st.sampled_from(["<utt>", "EOT", "READY", ""]))


@needs_frog_program
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_TOKENS, max_size=12), min_size=1, max_size=6))
def test_any_tokens_come_back_one_for_one(tagger, sentences):
    tagged = tagger.tag(sentences)
    assert [[t.text for t in s] for s in tagged] == sentences
    assert all(t.ner for s in tagged for t in s)


@needs_frog_program
def test_char_offsets_of_tags_point_into_the_text(tagger):
    text = "Aan: Şükrü Yıldırım\n\n\nBeste Şükrü,\n\nIk sprak J.P. de Wit-Ortega (jp.dewit@minfin.nl) in Den Haag.\n"
    tags = frog_token_tags(text, tagger=tagger, needs=None, window=None)
    assert tags, "every sentence was sent"
    assert all(text[t.start : t.end] == t.text for t in tags)
    assert all(t.label in {"PER", "ORG", "LOC", "MISC", "O"} for t in tags)
    assert {t.text for t in tags} >= {"Yıldırım", "J.P.", "Wit-Ortega", "jp.dewit@minfin.nl", "Haag"}
    places = [e for e in frog_entities(text, tagger=tagger, needs=None, window=None) if e.label == "LOC"]
    assert any(e.text == "Den Haag" for e in places)


@needs_frog_program
def test_server_is_restarted_after_it_is_killed(tagger):
    tagger.tag_sentence(["Marie", "Jansen", "belt", "."])
    old = tagger.pid
    restarts = tagger.stats.restarts
    os.killpg(old, signal.SIGKILL)
    tagged = tagger.tag_sentence(["Kees", "de", "Boer", "schreef", "een", "nota", "."])
    assert labels(tagged)[:3] == ["PER"] * 3
    assert tagger.pid not in (None, old)
    assert tagger.stats.restarts == restarts + 1
    assert tagger.available


@needs_frog_program
def test_server_started_in_background_serves_the_first_request():
    with FrogTagger(connections=1) as tagger:
        starting = tagger.start_in_background()
        tagged = tagger.tag_sentence(["Gisteren", "belde", "Fatma", "Demir", "."])
        starting.join()
        assert len(tagger.stats.startup_seconds) == 1, "started once, not twice"
        assert labels(tagged)[2:4] == ["PER", "PER"]


@needs_frog_program
def test_repeated_sentence_is_a_cache_hit(tagger):
    colophon = ["Contactpersoon", "drs.", "A.B.", "Mulder", "T", "070", "123", "45", "67"]
    first = tagger.tag_sentence(colophon)
    hits, requests = tagger.stats.cache_hits, tagger.stats.requests
    again = tagger.tag_sentence(colophon)
    assert again == first
    assert tagger.stats.cache_hits == hits + 1
    assert tagger.stats.requests == requests, "no request for a cached sentence"


@needs_frog_program
def test_threads_share_one_tagger(tagger):
    sentences = [[f"Zin{k}", "met", "Ahmed", "Bouali", "en", "Fatma", "Demir", "."] for k in range(60)]
    results: dict[int, list] = {}

    def work(k: int) -> None:
        results[k] = tagger.tag(sentences[k::4])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for k in range(4):
        assert [[t.text for t in s] for s in results[k]] == sentences[k::4]


@needs_frog_program
def test_recogniser_reports_persons_with_frog_evidence(tagger):
    text = "Gisteren sprak ik met mevrouw Ngozi Okafor over het rapport.\nhet overleg was kort."
    analyzer = build_analyzer([FrogPersonRecognizer(tagger=tagger)])
    results = analyzer.analyze(text, language="nl")
    persons = [(text[r.start : r.end], r.recognition_metadata["evidence"]) for r in results if r.entity_type == "PERSON"]
    assert persons == [("Ngozi Okafor", ["frog:PER"])]


@needs_frog_program
def test_sentence_without_capitalised_words_is_not_sent(tagger):
    requests = tagger.stats.requests
    sentences = tagger.stats.sentences
    text = "het overleg werd verplaatst naar volgende week.\nde notulen volgen later."
    assert frog_token_tags(text, tagger=tagger) == []
    assert (tagger.stats.requests, tagger.stats.sentences) == (requests, sentences)


def test_tagger_without_frog_program_says_so_and_finds_nothing():
    tagger = FrogTagger(binary="woopub-no-such-frog")
    assert not tagger.available
    assert "not installed" in tagger.reason
    with pytest.raises(FrogUnavailable):
        tagger.tag_sentence(["Jan", "de", "Vries"])
    recogniser = FrogPersonRecognizer(tagger=tagger)
    analyzer = build_analyzer([recogniser])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert analyzer.analyze("Ik sprak Jan de Vries.", language="nl") == []
        assert analyzer.analyze("Ik sprak Piet Jansen.", language="nl") == []
    frog_warnings = [w for w in caught if issubclass(w.category, FrogUnavailableWarning)]
    assert len(frog_warnings) == 1, "warned once, not per text"


def test_frog_that_cannot_start_marks_the_tagger_unavailable(tmp_path):
    broken = tmp_path / "frog"
    broken.write_text("#!/bin/sh\necho 'ucto: missing tokenizer rules' >&2\nexit 1\n")
    broken.chmod(0o755)
    tagger = FrogTagger(binary=str(broken), start_timeout=10)
    with pytest.raises(FrogUnavailable, match="missing tokenizer rules"):
        tagger.tag_sentence(["Jan", "de", "Vries"])
    assert not tagger.available
    with pytest.raises(FrogUnavailable):
        tagger.tag_sentence(["Piet"])


@pytest.fixture
def fake_frog(tmp_path):
    """A program that speaks Frog's server protocol and misbehaves on cue (tests/fake_frog.py)."""
    wrapper = tmp_path / "frog"
    fake = Path(__file__).with_name("fake_frog.py")
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{fake}" "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper)


def test_answer_out_of_step_leaves_that_sentence_untagged(fake_frog):
    with FrogTagger(binary=fake_frog, connections=1) as tagger:
        first, second, third = tagger.tag([["Jan", "schreef"], ["x", "DROP", "y"], ["Piet", "las"]])
    assert [t.ner for t in first] == ["O", "O"]
    assert [t.text for t in second] == ["x", "DROP", "y"]
    assert [t.ner for t in second] == ["", "", ""], "untagged, never a pretended O"
    assert [t.ner for t in third] == ["O", "O"], "the rest of the batch is still tagged"
    assert tagger.stats.misaligned == 1
    assert tagger.available


def test_sentence_missing_from_the_answer_leaves_only_that_sentence_untagged(fake_frog):
    with FrogTagger(binary=fake_frog, connections=1) as tagger:
        tagged = tagger.tag([["Jan", "schreef"], ["x", "VANISH"], ["Piet", "las"]])
    assert [[t.ner for t in s] for s in tagged] == [["O", "O"], ["", ""], ["O", "O"]]
    assert tagger.available


def test_server_that_crashes_again_after_restart_is_marked_unavailable(fake_frog):
    with FrogTagger(binary=fake_frog, connections=1) as tagger:
        with pytest.raises(FrogUnavailable, match="after a restart"):
            tagger.tag_sentence(["Jan", "CRASH"])
        assert tagger.stats.restarts == 1
        assert not tagger.available
        with pytest.raises(FrogUnavailable):
            tagger.tag_sentence(["Piet"])
        assert tagger.pid is None, "no server left running"


def test_a_tagger_attached_to_another_process_server_tags_there_and_leaves_it_running(fake_frog):
    with FrogTagger(binary=fake_frog, connections=1) as owner:
        owner.tag_sentence(["Jan"])
        address = owner.server_address()
        assert address is not None and address[1] == owner.pid
        worker = FrogTagger(binary=fake_frog, connections=2)
        assert worker.attach(*address)
        assert [t.ner for t in worker.tag_sentence(["Piet", "las"])] == ["O", "O"]
        assert worker.pid is None and worker.server_address() is None, "it started no server of its own"
        worker.close()
        assert [t.ner for t in owner.tag_sentence(["Kees"])] == ["O"], "the owner's server still runs"


def test_attaching_to_a_server_that_is_gone_falls_back_to_an_own_server(fake_frog):
    from woopub.detect.frog import free_port

    with FrogTagger(binary=fake_frog, connections=1) as tagger:
        assert not tagger.attach(free_port(), os.getpid())
        assert [t.ner for t in tagger.tag_sentence(["Jan"])] == ["O"]
        assert tagger.pid is not None, "started its own"


def _live_in_group(pgid: int) -> list[int]:
    """Processes of a process group that still run (zombies left unreaped by init do not count)."""
    live = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == pgid and state not in ("Z", "X"):
            live.append(int(stat.parent.name))
    return live


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process groups from /proc")
def test_server_dies_with_a_killed_python_process(fake_frog):
    script = (
        "import os, signal\n"
        "from woopub.detect.frog import FrogTagger\n"
        f"t = FrogTagger(binary={fake_frog!r}, connections=1)\n"
        "t.tag_sentence(['Jan'])\n"
        "print(t.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)  # no atexit, no cleanup\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    server = int(done.stdout.split()[0])
    deadline = time.monotonic() + 10
    while _live_in_group(server) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _live_in_group(server) == []


def _view(text: str):
    from woopub.detect.engine import dutch_tokenizer_pipeline
    from woopub.detect.lexicon import lexicon
    from woopub.detect.tokens import TokenView

    return TokenView(text, dutch_tokenizer_pipeline()(text), lexicon())


def test_public_vocabulary_alone_does_not_send_a_sentence_to_frog():
    from woopub.detect.frog_tagging import needs_frog

    view = _view("De stukken gaan naar het Ministerie van Justitie en Veiligheid en de Tweede Kamer.")
    assert not needs_frog(view.tokens)
    view = _view("De stukken gaan naar het Ministerie van Justitie en Veiligheid en naar Okafor.")
    assert needs_frog(view.tokens)


def test_windows_around_capitalised_words_are_merged_when_they_overlap():
    from woopub.detect.frog_tagging import sentences_of, windows

    text = "het overleg over de begroting werd door iedereen nuttig gevonden en daarna zei Okafor dat Demir het rapport nog moet nakijken voor de afdeling"
    (sentence,) = sentences_of(_view(text))
    i, j = [t.i for t in sentence if t.text in ("Okafor", "Demir")]
    assert windows(sentence, width=3) == [(i - 3, j + 4)]
    assert windows(sentence, width=None) == [(0, len(sentence))]


@needs_frog_program
def test_only_the_window_around_a_name_goes_to_frog(tagger):
    text = (
        "het overleg over de begroting van volgend jaar werd door iedereen als nuttig ervaren "
        "en daarna zei mevrouw Kowalski dat de cijfers van het afgelopen kwartaal nog moeten worden nagekeken"
    )
    tags = frog_token_tags(text, tagger=tagger, window=3)
    assert [t.text for t in tags] == ["daarna", "zei", "mevrouw", "Kowalski", "dat", "de", "cijfers"]
    assert [t.label for t in tags if t.text == "Kowalski"] == ["PER"]


@needs_frog_program
def test_frog_leaves_no_file_with_document_text(tmp_path, monkeypatch):
    """Frog logs every request, text included, in its working folder: nothing of it may remain on disk."""
    import glob
    import tempfile

    from woopub.detect.frog import FrogTagger

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    tagger = FrogTagger()
    try:
        tagger.tag([["Fenna", "Wijnberg", "belde", "gisteren", "."]])
        leftovers = [p for p in glob.glob(str(tmp_path / "**"), recursive=True) if p != str(tmp_path) + "/"]
        assert not [p for p in leftovers if "frog" in p], leftovers
    finally:
        tagger.close()
