"""A value redacted anywhere in a document is redacted in every reading of its pages.

The text layer and OCR of the pictures are two readings of one page. A name
redacted in the text layer may also be drawn in a picture (a slide's
screenshot, an e-mail header pasted as an image, a logo with a person's
name) where detection did not find it, because the picture's words stand
without the context that found the name in the text. Verification reads the
pictures again and would withhold the document. Instead, the redaction pass
looks for every redacted value in the OCR words it read and adds a box over
each word that shows it: the box removes the picture's pixels there
(``redact.redact_page`` blanks image pixels under every box).

A value is looked for as verification looks for it (``SecretSet.first_in``):
its words in any case and spacing, anywhere in the page's OCR reading, or its
digits for a number. The words that make up an occurrence are boxed whole.
"""

from __future__ import annotations

import dataclasses

import pymupdf

from woopub.model import KEEP, REDACT, Proposal
from woopub.reading.ocr import OcrWord, PageReading
from woopub.writing.secrets import NUMBER_ENTITIES, STRING_MIN_LENGTH, digits_only

RECOGNISER = "redacted value, read in a picture"


def picture_proposals(name: str, readings: dict[int, PageReading], proposals: list[Proposal]) -> list[Proposal]:
    """Proposals that redact, in the OCR words of every page, the values ``proposals`` redact elsewhere."""
    redacted = [p for p in proposals if p.action == REDACT and p.document == name]
    values = _values(redacted)
    if not values or not readings:
        return []
    out: list[Proposal] = []
    for index in sorted(readings):
        reading = readings[index]
        if reading.error or not reading.words:
            continue
        number = index + 1
        covered = [pymupdf.Rect(b) for p in redacted if p.page == number for b in p.boxes]
        kept = [pymupdf.Rect(b) for p in proposals if p.action == KEEP and p.document == name and p.page == number
                for b in p.boxes]
        words = [w for w in reading.words if not _inside(w, kept)]
        for source, hits in _occurrences(words, values):
            boxes = tuple(tuple(w.cover) for w in hits if not _inside(w, covered))
            if not boxes:
                continue
            covered += [pymupdf.Rect(b) for b in boxes]
            out.append(dataclasses.replace(
                source, id=f"{source.id}@p{number}-{len(out) + 1}", page=number, boxes=boxes,
                recogniser=RECOGNISER, context=""))
    return out


def _values(redacted: list[Proposal]) -> list[tuple[str, bool, Proposal]]:
    """Each redacted value once, in the form verification compares: (lower-case words or digits, is a number, proposal)."""
    seen: dict[tuple[str, bool], Proposal] = {}
    for p in redacted:
        if p.entity in NUMBER_ENTITIES:
            digits = digits_only(p.text)
            if len(digits) >= 6:
                seen.setdefault((digits, True), p)
            continue
        value = " ".join(p.text.split()).lower()
        if len(value) >= STRING_MIN_LENGTH:
            seen.setdefault((value, False), p)
    return [(v, is_number, p) for (v, is_number), p in seen.items()]


def _occurrences(words: list[OcrWord], values) -> list[tuple[Proposal, list[OcrWord]]]:
    """Every place a value stands in ``words`` (in reading order), with the words it spans."""
    flat, at = _joined(words, lambda w: " ".join(w.text.split()).lower(), " ")
    digits, digit_at = _joined(words, lambda w: digits_only(w.text), "")
    out = []
    for value, is_number, source in values:
        text, owner = (digits, digit_at) if is_number else (flat, at)
        start = text.find(value)
        while start >= 0:
            spanned = sorted({owner[k] for k in range(start, start + len(value)) if owner[k] >= 0})
            out.append((source, [words[k] for k in spanned]))
            start = text.find(value, start + 1)
    return out


def _joined(words: list[OcrWord], form, sep: str) -> tuple[str, list[int]]:
    """The words' forms joined by ``sep``, and for each character the word it belongs to (-1: a separator)."""
    parts, owner = [], []
    for k, w in enumerate(words):
        piece = form(w)
        if parts and sep:
            parts.append(sep)
            owner += [-1] * len(sep)
        parts.append(piece)
        owner += [k] * len(piece)
    return "".join(parts), owner


def _inside(word: OcrWord, rects: list[pymupdf.Rect]) -> bool:
    box = pymupdf.Rect(word.box)
    centre = (box.tl + box.br) / 2
    return any(r.contains(centre) for r in rects)
