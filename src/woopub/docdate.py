"""The date of a document, for matching office holders to their term."""

from __future__ import annotations

import datetime as dt
import re

from woopub.dutch import MONTHS

MONTH_NUMBER = {m: i for i, m in enumerate(MONTHS, start=1)}
_LABELLED = re.compile(r"(?:datum|verzonden|date|sent|vergaderdatum)\s*:?\s*\n?\s*(?:\w+dag\s+)?(.{6,30})", re.IGNORECASE)
_WRITTEN = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")


def _parse(text: str) -> dt.date | None:
    for rx, conv in ((_WRITTEN, lambda m: (int(m[3]), MONTH_NUMBER[m[2].lower()], int(m[1]))),
                     (_NUMERIC, lambda m: (int(m[3]), int(m[2]), int(m[1])))):
        m = rx.search(text)
        if m:
            try:
                return dt.date(*conv(m))
            except ValueError:
                continue
    return None


_BIRTH = re.compile(r"(geboren|geb\.|geboortedatum|date of birth)\W{0,3}\s*(op\s*)?$", re.IGNORECASE)
EARLIEST = dt.date(1990, 1, 1)  # a Woo document older than this is rare; a birth date is not


def document_date(text: str) -> dt.date | None:
    """The first labelled date ("Datum 18 juni 2025"), else the first date that is
    not a date of birth, in the first 3,000 characters."""
    head = text[:3000]
    for m in _LABELLED.finditer(head):
        day = _parse(m.group(1))
        if day and day >= EARLIEST:
            return day
    for rx in (_WRITTEN, _NUMERIC):
        for m in rx.finditer(head):
            if _BIRTH.search(head[max(0, m.start() - 25) : m.start()]):
                continue
            day = _parse(m.group(0))
            if day and day >= EARLIEST:
                return day
    return None
