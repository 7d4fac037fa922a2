"""An open point answered by OCR: the pages whose text cannot be read (a Type3 font without
ToUnicode, ...) are replaced by their picture in a copy the dossier keeps, and the copy is
scanned into the dossier under the document's name. From then on the document's words on
those pages are the words OCR reads, proposed, reviewed and redacted in the pixels as a scan's.

The copy holds the original content: it stays in the dossier folder (0700, files 0600).
Scanning the dossier again reads the copy again, as long as the original is unchanged
(``review.scan.redo_rereads``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from woopub.review.store import ReviewDossier

COPIES = "ocr-kopieen"
RASTER_DPI = 300  # the resolution OCR reads at (reading.ocr renders scans at about this)


class CannotReread(Exception):
    """OCR cannot answer this open point (the file cannot even be opened)."""


def pages_to_picture(path: Path) -> list[int]:
    """1-based pages whose text layer cannot be read as text (as intake judges it); every page if
    the reason lies elsewhere (OCR of the whole document is then the answer the reviewer chose)."""
    import pymupdf

    from woopub.reading.intake import unreadable_text

    try:
        doc = pymupdf.open(path)
    except Exception as exc:
        raise CannotReread(f"{Path(path).name} cannot be opened ({exc}): OCR cannot read it; exclude it instead") from exc
    with doc:
        if doc.needs_pass:
            raise CannotReread(f"{Path(path).name} is encrypted: decrypt it first, OCR cannot read it")
        pages = []
        for page in doc:
            try:
                if unreadable_text(doc, page, page.get_texttrace()):
                    pages.append(page.number + 1)
            except Exception:  # a page that cannot be interpreted is pictured too
                pages.append(page.number + 1)
        return pages or list(range(1, doc.page_count + 1))


def pictured_copy(source: Path, pages: list[int], target: Path) -> None:
    """``source`` with each of ``pages`` replaced by its picture (as shown, at RASTER_DPI), the
    other pages unchanged. No text of a pictured page survives: the page is only its image."""
    import pymupdf

    target.parent.mkdir(parents=True, exist_ok=True)
    with pymupdf.open(source) as src, pymupdf.open() as out:
        for page in src:
            if page.number + 1 not in pages:
                out.insert_pdf(src, from_page=page.number, to_page=page.number, annots=False, links=False)
                continue
            pix = page.get_pixmap(dpi=RASTER_DPI, annots=False)
            shown = page.rect  # the page as shown (its rotation applied): the picture is upright
            new = out.new_page(width=shown.width, height=shown.height)
            new.insert_image(new.rect, pixmap=pix)
        fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        os.close(fd)
        out.save(target, garbage=3, deflate=True)
    os.chmod(target, 0o600)


def _sha256(path: Path) -> str | None:
    from woopub.files import sha256_or_none

    return sha256_or_none(Path(path))


def reread_by_ocr(settings, folder: Path, document: str, reviewer: str, executor=None) -> dict:
    """Answer ``document``'s open point by OCR: picture its unreadable pages in a copy, scan the
    copy into the dossier under the document's name. Returns the scan's counts."""
    from woopub.review.scan import scan_copy

    d = ReviewDossier(folder)
    try:
        point = next((p for p in d.open_points() if p.document == document), None)
        if point is None:
            raise KeyError(document)
        row = next(r for r in d.documents() if r["name"] == document)
        source = Path(row["path"])
        known = d.db.execute("SELECT * FROM rereads WHERE document=?", (document,)).fetchone()
        if known:  # the copy was made before: picture the original again, not the copy
            source = Path(known["source"])
        pages = pages_to_picture(source)
        digest = hashlib.sha256(document.encode()).hexdigest()[:16]
        copy = Path(folder) / COPIES / digest / Path(document).name
        (Path(folder) / COPIES).mkdir(mode=0o700, exist_ok=True)
        os.chmod(Path(folder) / COPIES, 0o700)
        copy.parent.mkdir(mode=0o700, exist_ok=True)
        pictured_copy(source, pages, copy)
        with d.db:
            d.db.execute("INSERT OR REPLACE INTO rereads VALUES (?,?,?,?,?)",
                         (document, str(source), _sha256(source), str(copy), json.dumps(pages)))
            d.db.execute("UPDATE open_points SET resolution='ocr' WHERE document=?", (document,))
            d._audit(f"open:{document}", reviewer, {"resolution": point.resolution, "reason": point.reason},
                     {"resolution": "ocr", "pages": pages})
    finally:
        d.close()
    return scan_copy(settings, folder, document, copy, executor)
