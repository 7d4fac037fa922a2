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
    from woopub.verify import value_pattern

    plain = re.compile(r"(?<![\w@.-])" + r"\s+".join(map(re.escape, value.split())) + r"(?![\w@-])")
    assert [m.span() for m in value_pattern(value).finditer(text)] == [m.span() for m in plain.finditer(text)]
