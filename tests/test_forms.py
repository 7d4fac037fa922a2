"""The Aho-Corasick form matcher gives exactly what the regular expression it replaced gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from woopub.detect.forms import FormMatcher

LETTERS = "abAB@.- \n\tİé"


def _regex_spans(forms, text, before, after, ignore_case=False):
    ordered = sorted({" ".join(f.split()) for f in forms if f.split()}, key=len, reverse=True)
    if not ordered:
        return []
    pattern = re.compile(
        rf"(?<![\w{re.escape(before)}])(" + "|".join(r"\s+".join(map(re.escape, f.split())) for f in ordered)
        + rf")(?![\w{re.escape(after)}])",
        re.IGNORECASE if ignore_case else 0,
    )
    return [m.span(1) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(LETTERS, min_size=1, max_size=6), min_size=1, max_size=6), st.text(LETTERS, max_size=60))
def test_same_spans_as_the_alternation(forms, text):
    assert FormMatcher(forms, before="@.-", after="@-").spans(text) == _regex_spans(forms, text, "@.-", "@-")


def test_longest_form_at_a_place_then_on_from_its_end():
    m = FormMatcher(["Anna", "Anna de Wit", "Wit"], before="@.-", after="@-")
    text = "Anna de\nWit en Anna, Witte, a.Wit en Wit-Jansen"
    assert [text[a:b] for a, b in m.spans(text)] == ["Anna de\nWit", "Anna"]


def test_ignoring_case_keeps_positions_where_lower_case_is_longer():
    m = FormMatcher(["j.dewit"], before="@.", after="@", ignore_case=True)
    text = "İİ J.DeWit schreef"
    assert [text[a:b] for a, b in m.spans(text)] == ["J.DeWit"]


@settings(max_examples=300, deadline=None)
@given(st.text(LETTERS, min_size=1, max_size=8), st.text(LETTERS, max_size=60))
def test_value_pattern_checks_the_edge_before_a_name_as_a_leading_look_behind_would(value, text):
    # value_pattern puts the look-behind after the first word, so the search can jump to that
    # literal; it must find exactly what the plain pattern with the look-behind first finds
    from woopub.detect.dossier import value_pattern

    plain = re.compile(r"(?<![\w@.-])" + r"\s+".join(map(re.escape, value.split())) + r"(?![\w@-])")
    assert [m.span() for m in value_pattern(value).finditer(text)] == [m.span() for m in plain.finditer(text)]


# -- verification looks only at the values that can be in a document ----------------------

VALUE_LETTERS = "abAB@.-0123456789 "


def _text_of(string: str):
    from woopub.model import DocumentText, Word

    words, spans, pos = [], [], 0
    for k, w in enumerate(string.split(" ")):
        if w:
            words.append(Word(0, (k * 10.0, 0.0, k * 10.0 + 9, 10.0), w, 0, 0))
            spans.append((pos, pos + len(w)))
        pos += len(w) + 1
    return DocumentText(string, words, spans, [0])


@st.composite
def _values_and_texts(draw):
    """Values of several kinds, and a placed and a drawn text made of pieces of them and noise."""
    kinds = st.sampled_from(["PERSON", "EMAIL", "PHONE", "BSN"])
    values = draw(st.lists(st.tuples(st.text(VALUE_LETTERS, min_size=1, max_size=12), kinds), min_size=1, max_size=8))
    piece = st.one_of(st.sampled_from([v for v, _ in values]), st.text(VALUE_LETTERS, max_size=6))
    placed = " ".join(draw(st.lists(piece, max_size=10)))
    drawn = " ".join(draw(st.lists(piece, max_size=4)))
    return values, placed, drawn


@settings(max_examples=500, deadline=None)
@given(_values_and_texts())
def test_a_document_checked_for_its_candidate_values_only_gets_every_problem(case):
    # the check restricted to the values whose forms occur reports what checking every value reports
    from woopub.writing import secrets as values_of, verify
    class Everything(values_of.SecretSet):
        def candidates(self, *args):
            return list(range(len(self.secrets)))

    values, placed_text, drawn_text = case
    secrets = [values_of.Secret(v, e, f"waarde {k}") for k, (v, e) in enumerate(values)]
    text = _text_of(placed_text)
    drawn = values_of.normal_form(values_of.without_spaces(drawn_text + placed_text))
    placed = values_of.normal_form(values_of.without_spaces(placed_text))
    args = ("doc.pdf", text, {}, drawn, placed, values_of.digits_only(drawn), values_of.digits_only(placed),
            values_of.digits_only(placed_text), values_of.without_spaces(placed_text).lower())
    everything = verify._check_text_for(Everything(secrets), *args)
    assert verify._check_text_for(values_of.SecretSet(secrets), *args) == everything
    _found.append(bool(everything))


_found: list[bool] = []


def test_the_candidate_check_was_tried_on_documents_with_problems():
    assert any(_found), "no generated case had a value in its text: the comparison above proved nothing"


@settings(max_examples=500, deadline=None)
@given(_values_and_texts())
def test_the_first_value_in_a_string_is_the_one_a_search_in_order_finds(case):
    # check_strings asks which value a PDF text string holds: one pass with automata must name
    # the same value as trying the values one by one, in order
    from woopub.writing.secrets import Secret, SecretSet, digits_only
    values, text, _ = case
    group = SecretSet([Secret(v, e, f"waarde {k}") for k, (v, e) in enumerate(values)])
    flat, digits = " ".join(text.split()).lower(), digits_only(text)
    in_order = next((s for s, value, is_number in group.searchable if value in (digits if is_number else flat)), None)
    assert group.first_in(text) == in_order
