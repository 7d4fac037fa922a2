"""Shared fixtures. Building the detector takes a few seconds, so it is built once."""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

import pymupdf
import pytest
import yaml
from woopub.run.batch import run_inline

# A keep-list refreshed on this machine (woopub rules officials --update) lives
# under $XDG_DATA_HOME and would replace the shipped one: tests use the shipped rules.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="woopub-tests-xdg-")
atexit.register(shutil.rmtree, os.environ["XDG_DATA_HOME"], True)  # test runs leave no temporary folders

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def rules():
    from woopub.decide.rules import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def detector():
    from woopub.detect import Detector

    return Detector()


@pytest.fixture(scope="session")
def dossier_run(tmp_path_factory, rules, detector):
    """The sample dossier redacted once for all end-to-end tests."""
    from woopub.run.pipeline import Dossier

    base = tmp_path_factory.mktemp("run")
    inputs = base / "in"
    shutil.copytree(SAMPLES, inputs, ignore=shutil.ignore_patterns("*.py", "seed", "*.yaml", "out*", "scans", "corpus"))
    before = {p.name: sha256(p) for p in inputs.glob("*.pdf")}
    result = run_inline(Dossier(rules, detector), [inputs], base / "out")
    return {"base": base, "inputs": inputs, "out": base / "out", "result": result, "hashes_before": before}


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def truth(name: str) -> dict:
    return yaml.safe_load((SAMPLES / f"{name}.truth.yaml").read_text("utf-8"))


def pdf_text(path: Path) -> str:
    """All text MuPDF can extract, hidden text and text outside the page included."""
    from woopub.reading.extract import extract_text

    with pymupdf.open(path) as doc:
        return extract_text(doc).text


def still_there(value: str, text: str) -> bool:
    """Is ``value`` readable in ``text``, across line breaks, case-sensitively on word edges?"""
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 8 and digits in re.sub(r"\D", "", text):
        return True
    pattern = r"(?<![\w@])" + r"\s*".join(map(re.escape, value.split())) + r"(?![\w@])"
    return re.search(pattern, text) is not None


def make_pdf(path: Path, lines: list[str] | str, fontsize: float = 11, **meta) -> Path:
    """A one-page PDF with the given lines of text."""
    doc = pymupdf.open()
    page = doc.new_page()
    y = 72
    for line in [lines] if isinstance(lines, str) else lines:
        page.insert_text((72, y), line, fontsize=fontsize)
        y += fontsize * 1.25
    if meta:
        doc.set_metadata(meta)
    doc.save(path)
    doc.close()
    return path


def two_samples(tmp_path: Path) -> Path:
    """An input folder with two of the sample PDFs (a contact list and an e-mail)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("bijlage-contactpersonen.pdf", "email-mensenhandel.pdf"):
        shutil.copy(SAMPLES / name, inputs / name)
    return inputs


def swap_published(path: Path, lines: list[str]) -> None:
    """A published file swapped for one that carries other text, otherwise clean (sanitised)."""
    from woopub.writing.sanitize import sanitize, save_clean

    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(lines):
        page.insert_text((72, 80 + 16 * i), line, fontsize=11)
    sanitize(doc)
    save_clean(doc, path)
    doc.close()


def make_scan(path: Path, lines: list[str], top: float = 120) -> None:
    """A page that is one picture of typed lines (16 pt, 150 dpi), no text layer: a scan."""
    sheet = pymupdf.open().new_page(width=595, height=842)
    for k, line in enumerate(lines):
        sheet.insert_text((60, top + 28 * k), line, fontsize=16, fontname="helv")
    png = sheet.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY).tobytes("png")
    doc = pymupdf.open()
    doc.new_page(width=595, height=842).insert_image(pymupdf.Rect(0, 0, 595, 842), stream=png)
    doc.save(path)


def make_unmapped_pdf(path, lines):
    """One line a page, in a font without a ToUnicode map: the text layer says nothing readable."""
    import pymupdf

    doc = pymupdf.open()
    for line in lines:
        page = doc.new_page()
        page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("helv").buffer)  # Type0, Identity-H
        page.insert_text((72, 100), line, fontname="F0", fontsize=14)
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "ToUnicode")[0] != "null":
            doc.xref_set_key(xref, "ToUnicode", "null")
    doc.save(path)


def count_tesseract_reads(monkeypatch) -> list[str]:
    """Every Tesseract run from now on, as the SHA-256 of the image it read (the list fills as they run)."""
    import hashlib

    from woopub.reading.tesseract import Tesseract

    seen: list[str] = []
    real = Tesseract.read

    def counting(self, image, dpi):
        seen.append(hashlib.sha256(image).hexdigest())
        return real(self, image, dpi)

    monkeypatch.setattr(Tesseract, "read", counting)
    return seen
