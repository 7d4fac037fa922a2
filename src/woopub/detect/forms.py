"""Many fixed forms found in one pass over a text: the dossier's known names.

A large dossier knows thousands of name forms. As one regular expression
``(?<!B)(form1|form2|...)(?!A)`` Python tries every alternative at every
position of the text; on a 1,000-page dossier that was half of all the work.
An Aho-Corasick automaton (pyahocorasick) finds every occurrence of every
form in one pass; the boundaries and the choice between overlapping forms
are then applied so that the result is what that expression would give:
leftmost first, the longest form at a place, then on from its end. The
words of a form match across any white space (a name wrapped in a table
cell: "Helenius\\nvan\\nDriebergen").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

import ahocorasick

_SQUEEZABLE = re.compile(r"\s{2,}|[^\S ]")  # white space that is not one plain space


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \w matches in Python's re


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)  # "İ" lowers to two characters


class Squeezed:
    """A text with each run of white space made one space, and the way back to its positions."""

    def __init__(self, text: str):
        pieces: list[str] = []
        self.breaks, self.shifts = [0], [0]  # from squeezed position breaks[k] on, add shifts[k]
        last = length = 0
        for m in _SQUEEZABLE.finditer(text):  # a single plain space is left as it is
            a, b = m.span()
            pieces += [text[last:a], " "]
            length += a - last + 1
            self.breaks.append(length)
            self.shifts.append(b - length)
            last = b
        pieces.append(text[last:])
        self.text = "".join(pieces)

    def original(self, position: int) -> int:
        return position + self.shifts[bisect_right(self.breaks, position) - 1]


class FormMatcher:
    """``(?<![\\w<before>])(forms...)(?![\\w<after>])`` over any white space, by Aho-Corasick."""

    def __init__(self, forms: Iterable[str], before: str, after: str, ignore_case: bool = False):
        self.before, self.after, self.ignore_case = set(before), set(after), ignore_case
        self.automaton = ahocorasick.Automaton()
        for form in forms:
            key = " ".join(form.split())
            if ignore_case:
                key = _lower_same_length(key)
            if key and key not in self.automaton:
                self.automaton.add_word(key, len(key))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def spans(self, text: str, squeezed: Squeezed | None = None) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) in ``text``, as ``re.finditer`` would give them.

        ``squeezed``: ``Squeezed(text)``, when several matchers read the same text.
        """
        if self.empty:
            return []
        squeezed = squeezed or Squeezed(text)
        hay = _lower_same_length(squeezed.text) if self.ignore_case else squeezed.text
        found = []
        for end, length in self.automaton.iter(hay):
            start, stop = end - length + 1, end + 1
            if start > 0 and (_is_word(hay[start - 1]) or hay[start - 1] in self.before):
                continue
            if stop < len(hay) and (_is_word(hay[stop]) or hay[stop] in self.after):
                continue
            found.append((start, stop))
        found.sort(key=lambda s: (s[0], -s[1]))
        spans, reached = [], 0
        for start, stop in found:
            if start >= reached:
                spans.append((squeezed.original(start), squeezed.original(stop - 1) + 1))
                reached = stop
        return spans
