"""The package's work on each published document, as units a run's workers can take (``build.build_package``).

Each unit opens the published file itself and returns plain data, so the
documents are read and stamped in parallel, on whichever worker, instead of
one after another in the command's own process. Kept apart from ``build`` so
that a worker imports only what these units use (not the xlsx, XML and HTML
writers of the package's lists).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pymupdf

from woopub.package.docinfo import DocumentInfo, read_document_info
from woopub.package.stamp import stamp_document
from woopub.package.textversion import published_text_version


@dataclass(frozen=True)
class UploadJob:
    """One published document's text version and upload copy: where to read and write them."""

    path: str  # the published file
    entries: tuple[dict, ...]  # its boxes in the publication log
    text: str  # where its text version goes
    upload: str  # where its upload copy goes
    number: str  # its document number: the stamp
    stamp: bool


def info_unit(job: tuple[str, tuple[dict, ...]]) -> DocumentInfo:
    """Title, date, thread and annex clues of the published file ``job[0]`` (boxes ``job[1]``), unstamped."""
    path, entries = job
    with pymupdf.open(path) as pdf:
        return read_document_info(pdf, list(entries))


def upload_unit(job: UploadJob) -> dict[int, tuple]:
    """The text version of the file as published, then its copy stamped with its number; returns
    where each page's stamp went (``stamp.stamp_document``), for the closing verification."""
    with pymupdf.open(job.path) as pdf:
        # from the file as published, before the stamp: what the PDF says, in reading order
        version = published_text_version(pdf, list(job.entries))
        Path(job.text).write_text(version.text, "utf-8")
        placed: dict[int, tuple] = {}
        if job.stamp:
            stamp_document(pdf, job.number, placed=placed)
        # a full save: no earlier revision stays in the file
        pdf.save(job.upload, garbage=3, deflate=True)
    return placed
