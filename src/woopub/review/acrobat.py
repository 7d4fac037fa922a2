"""The Acrobat round trip: the dossier as PDFs marked up with unapplied Redact annotations (what
Acrobat's "Mark for redaction" makes), and those PDFs read back after a reviewer changed them.

Each box woopub proposes is one Redact annotation named ``woopub:<proposal key>:<version>:<n>``
(its /NM, which Acrobat keeps), its overlay text the ground. On import, a proposal whose
annotations are all gone was rejected in Acrobat; one with an annotation left stays or becomes
accepted; an annotation without a woopub name is a box the reviewer added. The exported files
hold the original values: a private folder, files 0600.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from woopub.model import KEEP, REDACT
from woopub.review.store import ACCEPTED, REJECTED, ReviewDossier

NAME_PREFIX = "woopub"
AUTHOR = "woopub"
ACROBAT_REVIEWER = "acrobat-import"  # the audit trail's reviewer for an import without a name
DEFAULT_GROUND = "5.1.2e"


@dataclass
class AcrobatImport:
    accepted: int = 0
    rejected: int = 0
    added: int = 0
    refused: list[str] = field(default_factory=list)


def _marked_for_redaction(row) -> bool:
    """What apply would redact if every open proposal were accepted: shown as a Redact mark."""
    if row["action"] == REDACT:
        return row["status"] != REJECTED
    return row["action"] == KEEP and row["status"] == REJECTED


def export_marked(folder: Path, target: Path) -> int:
    """Every document of the dossier, unchanged but for a Redact annotation on every box that
    would be redacted, into ``target`` under its dossier name. Returns the number of annotations."""
    import pymupdf

    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    os.chmod(target, 0o700)
    d = ReviewDossier(folder)
    marks = 0
    sent: dict[str, int] = {}
    try:
        rows = d.proposals()
        for doc_row in d.documents():
            if not doc_row["pages"]:
                continue  # an unreadable file: nothing to mark
            try:
                doc = pymupdf.open(doc_row["path"])
            except Exception:
                continue
            with doc:
                for r in rows:
                    if r["document"] != doc_row["name"] or not _marked_for_redaction(r):
                        continue
                    page = doc[r["page"] - 1]
                    for n, box in enumerate(json.loads(r["boxes"])):
                        ground = r["ground"] or DEFAULT_GROUND
                        annot = page.add_redact_annot(pymupdf.Rect(box), text=ground, fontsize=8, cross_out=False)
                        annot.set_info(title=AUTHOR, subject=ground, content=f"{r['entity']}: {r['rule']} ({r['status']})")
                        doc.xref_set_key(annot.xref, "NM", pymupdf.get_pdf_str(f"{NAME_PREFIX}:{r['key']}:{r['version']}:{n}"))
                        marks += 1
                sent.update({r["key"]: r["version"] for r in rows
                             if r["document"] == doc_row["name"] and _marked_for_redaction(r)})
                out = target / doc_row["name"]
                out.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(out, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
                os.close(fd)
                doc.save(out, garbage=1, deflate=True)
                os.chmod(out, 0o600)
        with d.db:
            d.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (EXPORT_META, json.dumps(sent)))
    finally:
        d.close()
    return marks


EXPORT_META = "acrobat_export"  # the dossier's meta key: which proposals the last export marked, at which version


def exported_versions(d: ReviewDossier) -> dict[str, int]:
    row = d.db.execute("SELECT value FROM meta WHERE key=?", (EXPORT_META,)).fetchone()
    return json.loads(row["value"]) if row else {}


def _parse_name(name: str) -> tuple[str, int] | None:
    parts = (name or "").split(":")
    if len(parts) == 4 and parts[0] == NAME_PREFIX and parts[2].isdigit():
        return parts[1], int(parts[2])
    return None


def _annotation_rects(annot) -> list:
    """One rect per marked line: Acrobat's text selections carry QuadPoints, a drawn area only a Rect."""
    import pymupdf

    points = annot.vertices or []
    if len(points) >= 4 and len(points) % 4 == 0:
        return [pymupdf.Quad(*points[i:i + 4]).rect for i in range(0, len(points), 4)]
    return [annot.rect]


def _ground_of(annot, grounds: set[str]) -> str:
    """The ground a reviewer typed as the mark's overlay text or subject, if it is one of the rules'."""
    doc = annot.parent.parent
    kind, overlay = doc.xref_get_key(annot.xref, "OverlayText")
    for value in ((overlay if kind == "string" else ""), annot.info.get("subject", ""), annot.info.get("content", "")):
        value = (value or "").strip()
        if value in grounds:
            return value
    return DEFAULT_GROUND


def import_marked(folder: Path, files: dict[str, Path], reviewer: str = ACROBAT_REVIEWER,
                  grounds: set[str] | None = None) -> AcrobatImport:
    """``files``: dossier document name -> the PDF a reviewer changed in Acrobat."""
    import pymupdf

    from woopub.review.store import StaleEdit

    grounds = grounds or {DEFAULT_GROUND}
    result = AcrobatImport()
    d = ReviewDossier(folder)
    try:
        rows = {r["key"]: r for r in d.proposals()}
        names = {r["name"] for r in d.documents()}
        for document, path in sorted(files.items()):
            if document not in names:
                result.refused.append(f"{path}: no document {document!r} in this dossier")
                continue
            sent = exported_versions(d)  # proposal key -> its version when its marks were exported
            left: dict[str, int] = {}  # the proposals with a mark still standing
            added = []
            with pymupdf.open(path) as doc:
                for page in doc:
                    for annot in page.annots(types=[pymupdf.PDF_ANNOT_REDACT]):
                        named = _parse_name(annot.info.get("id", ""))
                        if named and named[0] in rows:
                            left[named[0]] = named[1]
                        else:
                            added += [(page.number + 1, rect, _ground_of(annot, grounds)) for rect in _annotation_rects(annot)]
            for r in rows.values():
                if r["document"] != document or r["key"] not in sent:
                    continue
                redact = r["key"] in left  # its mark left standing in Acrobat: redacted
                # a proposal to redact is accepted or rejected; a value the rules kept is "rejected" to redact it
                status = (ACCEPTED if redact else REJECTED) if r["action"] == REDACT else (REJECTED if redact else ACCEPTED)
                if r["status"] == status:
                    continue
                try:  # changed in the dossier since the export: the Acrobat reviewer did not see that
                    d.decide(r["key"], status, reviewer, sent[r["key"]])
                except StaleEdit as exc:
                    result.refused.append(str(exc))
                    continue
                if redact:
                    result.accepted += 1
                else:
                    result.rejected += 1
            for page, rect, ground in added:
                if rect.is_empty or rect.width < 1 or rect.height < 1:
                    continue
                d.add_box(document, page, tuple(rect), ground, reviewer)
                result.added += 1
    finally:
        d.close()
    return result


def files_to_import(folder: Path, sources: list[Path]) -> tuple[dict[str, Path], list[str]]:
    """The dossier document each source PDF stands for: a folder's PDFs by their path under it
    (as export wrote them), a single file by its name, refused when two documents share it."""
    d = ReviewDossier(folder)
    try:
        names = [r["name"] for r in d.documents()]
    finally:
        d.close()
    found: dict[str, Path] = {}
    refused: list[str] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            for pdf in sorted(source.rglob("*")):
                if pdf.is_file() and pdf.suffix.lower() == ".pdf":
                    found[pdf.relative_to(source).as_posix()] = pdf
            continue
        same = [n for n in names if Path(n).name == source.name]
        if len(same) == 1:
            found[same[0]] = source
        else:
            refused.append(f"{source}: {'no document' if not same else 'more than one document'} named "
                           f"{source.name} in this dossier; import the exported folder instead")
    return found, refused
