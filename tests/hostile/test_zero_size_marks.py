"""Glyphs drawn at zero size: letters and digits refuse the document, bare marks do not.

A name drawn at size 0 cannot be located for redaction, so intake refuses
such a page. Generated lists sometimes place their bullets nowhere (no size,
absurd coordinates); a bullet carries no personal data and must not cost
the whole document its publication.
"""

from __future__ import annotations

import pytest

from make_cases import INNOCENT, SENTENCE, _add_content, _doc, _save, _text_op
from woopub.errors import InputError
from woopub.reading.intake import admit, inspect


def _with_zero_size(path, content: bytes):
    doc = _doc(INNOCENT, "Punten voor het overleg:")
    _add_content(doc, doc[0], content)
    _save(doc, path)
    return path


def test_bullets_drawn_at_zero_size_do_not_refuse_the_document(tmp_path):
    path = _with_zero_size(tmp_path / "bullets.pdf", b"BT /F9 0 Tf 72 600 Td (\x95 \x95 \x95 -- \x95) Tj ET")
    with admit(path) as admitted:
        inspect(admitted.doc, path)  # no exception: published as usual


def test_letters_drawn_at_zero_size_still_refuse_it(tmp_path):
    path = _with_zero_size(tmp_path / "letters.pdf", _text_op(SENTENCE, 72, 600, size=0))
    with pytest.raises(InputError, match="zero size"):
        with admit(path) as admitted:
            inspect(admitted.doc, path)
