"""Re-open published PDFs and prove they are clean.

A published PDF fails verification when:
  * any redacted value of the dossier can still be extracted: from the text
    of any page (hidden text and text outside the page included), or from
    any object of the file other than page content (metadata, annotations,
    JavaScript, attachments, form values);
  * it carries annotations, links, form fields, outline entries, attached
    files, JavaScript or open actions, Info or XMP metadata;
  * it has an incremental-update history (an earlier revision could be
    recovered);
  * a redaction box listed in the publication log shows no ground code.

The redacted values come from the internal record next to the output folder
(never from the published folder). Messages name the document, page and
proposal id, never the value itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from woopub.extract import extract_text
from woopub.model import KEEP, REDACT, Proposal
from woopub.publish import default_internal_dir, read_log, read_proposals

# Values shorter than this are not searched in raw PDF objects (too many chance hits).
RAW_MIN_LENGTH = 6
NUMBER_ENTITIES = {"PHONE", "BSN", "IBAN"}
INFO_KEYS = ("title", "author", "subject", "keywords", "creator", "producer", "creationDate", "modDate", "trapped")


@dataclass(frozen=True)
class Problem:
    document: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.document}: {self.kind}: {self.detail}"


@dataclass(frozen=True)
class Secret:
    """A redacted value to hunt for; ``label`` names it without showing it."""

    value: str
    entity: str
    label: str


def secrets_from(proposals: list[Proposal]) -> list[Secret]:
    seen: dict[tuple[str, str], Secret] = {}
    for p in proposals:
        if p.action != REDACT:
            continue
        value = re.sub(r"\s+", " ", p.text).strip()
        if len(value) < 2:
            continue
        seen.setdefault((p.entity, value), Secret(value, p.entity, f"{p.entity} of proposal {p.id}"))
    return list(seen.values())


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_hygiene(doc: pymupdf.Document, raw: bytes, name: str) -> list[Problem]:
    problems = []
    meta = doc.metadata or {}
    if any(meta.get(k) for k in INFO_KEYS):
        problems.append(Problem(name, "metadata", "Info dictionary is not empty"))
    if doc.get_xml_metadata():
        problems.append(Problem(name, "metadata", "XMP metadata present"))
    if doc.get_toc():
        problems.append(Problem(name, "outline", f"{len(doc.get_toc())} outline entries"))
    if doc.embfile_count():
        problems.append(Problem(name, "attachments", f"{doc.embfile_count()} attached files"))
    for page in doc:
        if page.first_annot is not None or page.first_widget is not None:
            problems.append(Problem(name, "annotations", f"page {page.number + 1} has annotations or form fields"))
        if page.get_links():
            problems.append(Problem(name, "links", f"page {page.number + 1} has links"))
    catalog = doc.pdf_catalog()
    for key in ("Names", "OpenAction", "AA", "AcroForm", "Outlines", "Collection"):
        if doc.xref_get_key(catalog, key)[0] != "null":
            problems.append(Problem(name, "catalog", f"/{key} present"))
    for xref in range(1, doc.xref_length()):
        try:
            obj = doc.xref_object(xref, compressed=True)
        except Exception:
            continue
        if "/JavaScript" in obj or "/JS" in obj:
            problems.append(Problem(name, "javascript", f"object {xref} holds JavaScript"))
            break
    if raw.count(b"%%EOF") > 1:
        problems.append(Problem(name, "history", "incremental updates: an earlier revision may be recoverable"))
    return problems


def _keep_boxes(proposals: list[Proposal], document: str) -> dict[int, list[pymupdf.Rect]]:
    boxes: dict[int, list[pymupdf.Rect]] = {}
    for p in proposals:
        if p.action == KEEP and p.document == document:
            boxes.setdefault(p.page, []).extend(pymupdf.Rect(b) for b in p.boxes)
    return boxes


def check_text(doc: pymupdf.Document, name: str, secrets: list[Secret], keep: dict[int, list[pymupdf.Rect]]) -> list[Problem]:
    """Search every page's text (hidden text included) for redacted values."""
    problems = []
    text = extract_text(doc)
    digits_text = _digits(text.text)
    compact_text = _compact(text.text)
    for s in secrets:
        if s.entity in NUMBER_ENTITIES:
            if len(_digits(s.value)) >= 6 and _digits(s.value) in digits_text:
                problems.append(Problem(name, "leak", f"{s.label} is still in the text"))
            continue
        if s.entity == "EMAIL":
            if _compact(s.value).lower() in compact_text.lower():
                problems.append(Problem(name, "leak", f"{s.label} is still in the text"))
            continue
        pattern = re.compile(r"(?<![\w@])" + r"\s+".join(map(re.escape, s.value.split())) + r"(?![\w@])")
        for m in pattern.finditer(text.text):
            words = text.word_indices(m.start(), m.end())
            if words and _all_kept(text, words, keep):
                continue  # the same letters stand here as a deliberately kept name
            page = text.page_of(m.start()) + 1
            problems.append(Problem(name, "leak", f"{s.label} is still in the text of page {page}"))
            break
    return problems


def _all_kept(text, words: list[int], keep: dict[int, list[pymupdf.Rect]]) -> bool:
    for i in words:
        w = text.words[i]
        centre = pymupdf.Rect(w.box).tl + (pymupdf.Rect(w.box).br - pymupdf.Rect(w.box).tl) * 0.5
        if not any(r.contains(centre) for r in keep.get(w.page + 1, ())):
            return False
    return True


def check_objects(doc: pymupdf.Document, name: str, secrets: list[Secret]) -> list[Problem]:
    """Search every object except page content, fonts and images for redacted values."""
    wanted = [s for s in secrets if len(s.value) >= RAW_MIN_LENGTH and (s.entity != "PERSON" or " " in s.value)]
    if not wanted:
        return []
    content = {xref for page in doc for xref in page.get_contents()}
    problems = []
    for xref in range(1, doc.xref_length()):
        if xref in content:
            continue
        try:
            obj = doc.xref_object(xref, compressed=True)
        except Exception:
            continue
        if any(k in obj for k in ("/Image", "/FontFile", "/Form", "/Type/XObject", "/Type /XObject")):
            continue  # pixels, font programs and form content are covered by the text check
        blobs = [obj.encode("latin-1", "replace")]
        if doc.xref_is_stream(xref):
            try:
                blobs.append(doc.xref_stream(xref) or b"")
            except Exception:
                pass
        for s in wanted:
            forms = {s.value.encode("utf-8"), s.value.encode("utf-16-be"), s.value.encode("latin-1", "ignore")}
            if any(f and f in blob for f in forms for blob in blobs):
                problems.append(Problem(name, "leak", f"{s.label} is in PDF object {xref}"))
    return problems


def check_labels(doc: pymupdf.Document, name: str, entries: list[dict]) -> list[Problem]:
    problems = []
    for e in entries:
        page = doc[e["page"] - 1]
        rect = pymupdf.Rect(e["rect"]) + (-1, -1, 1, 1)
        if _compact(e["ground"]) not in _compact(page.get_text("text", clip=rect)):
            problems.append(Problem(name, "label", f"page {e['page']}: a box shows no ground code {e['ground']}"))
    return problems


def verify_pdf(path: Path, name: str, secrets: list[Secret], proposals: list[Proposal], entries: list[dict]) -> list[Problem]:
    raw = Path(path).read_bytes()
    try:
        doc = pymupdf.open(stream=raw, filetype="pdf")
    except Exception as exc:
        return [Problem(name, "unreadable", str(exc))]
    with doc:
        if doc.needs_pass or doc.is_encrypted:
            return [Problem(name, "encrypted", "published file is encrypted")]
        problems = check_hygiene(doc, raw, name)
        problems += check_text(doc, name, secrets, _keep_boxes(proposals, name))
        problems += check_objects(doc, name, secrets)
        problems += check_labels(doc, name, entries)
    return problems


def verify_dir(out_dir: Path, internal_dir: Path | None = None) -> tuple[list[Problem], list[str]]:
    """Verify every PDF in ``out_dir``. Returns (problems, notes)."""
    out_dir = Path(out_dir)
    internal_dir = Path(internal_dir) if internal_dir else default_internal_dir(out_dir)
    notes: list[str] = []
    log = read_log(out_dir)
    if log is None:
        return [Problem(str(out_dir), "log", "no publicatielog.json")], notes
    proposals = read_proposals(internal_dir)
    if proposals is None:
        notes.append(f"no internal record in {internal_dir}: redacted values were not searched for")
        proposals = []
    secrets = secrets_from(proposals)
    entries_by_doc: dict[str, list[dict]] = {}
    for e in log["redactions"]:
        entries_by_doc.setdefault(e["document"], []).append(e)
    published = {d["document"] for d in log["documents"] if d["status"] == "published"}
    problems: list[Problem] = []
    for pdf in sorted(out_dir.rglob("*")):
        if not pdf.is_file() or pdf.suffix.lower() != ".pdf":
            continue
        name = pdf.relative_to(out_dir).as_posix()
        if name not in published:
            problems.append(Problem(name, "log", "PDF is not listed as published in publicatielog.json"))
            continue
        problems += verify_pdf(pdf, name, secrets, proposals, entries_by_doc.get(name, []))
    for name in sorted(published):
        if not (out_dir / name).is_file():
            problems.append(Problem(name, "missing", "listed as published but not in the folder"))
    return problems, notes
