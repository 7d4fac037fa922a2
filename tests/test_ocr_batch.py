"""Tesseract reads the pictures of a document in a few processes, not one per picture: starting a
process and loading the Dutch model cost more than reading a small picture. What it reads must be
what it reads in each picture alone."""

from __future__ import annotations

import subprocess

import pymupdf
import pytest

from ocr_support import text_page_image
from woopub.reading.tesseract import Tesseract

LINES = [["Aanwezig: Fenna Wijnberg"], ["Verslag van het overleg"], ["Telefoon 06 4829 1730"],
         ["Met vriendelijke groet"], ["Onderwerp: Actieplan mensenhandel"], ["Volgende keer in maart"]]


def _pnm(lines: list[str]) -> bytes:
    png = text_page_image(lines, width=260, height=60, dpi=300)
    return pymupdf.Pixmap(png).tobytes("pnm")


@pytest.fixture
def processes(monkeypatch):
    """Each Tesseract process started, as its input ('stdin' or a list of images)."""
    started = []
    run = subprocess.run

    def counting(cmd, *args, **kwargs):
        if cmd and str(cmd[0]).endswith("tesseract"):
            started.append(cmd[1])
        return run(cmd, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    return started


def test_pictures_are_read_by_one_process_per_worker_each_as_alone(processes):
    engine = Tesseract()
    images = [_pnm(lines) for lines in LINES]
    alone = [engine.read(image, 300) for image in images]
    assert len(processes) == len(images)
    processes.clear()
    together = engine.read_all([(image, 300) for image in images])
    assert together == alone
    assert len(processes) <= engine.workers < len(images)
    assert "Wijnberg" in " ".join(w.text for w in together[0])


def test_each_resolution_is_read_apart_and_the_same_pixels_once(processes):
    engine = Tesseract()
    first, second = _pnm(LINES[0]), _pnm(LINES[1])
    jobs = [(first, 300), (second, 300), (first, 300), (first, 200)]
    found = engine.read_all(jobs)
    assert len(processes) <= 3  # the repeated pixels are read once
    assert found[0] == found[2] == engine.read(first, 300)
    assert found[1] == engine.read(second, 300)
    assert found[3] == engine.read(first, 200)


def test_an_image_tesseract_cannot_read_fails_alone(processes):
    engine = Tesseract()
    good = _pnm(LINES[0])
    found = engine.read_all([(good, 300), (b"not an image", 300), (_pnm(LINES[1]), 300)])
    assert isinstance(found[1], Exception)
    assert found[0] == engine.read(good, 300)
    assert not isinstance(found[2], Exception) and found[2]
