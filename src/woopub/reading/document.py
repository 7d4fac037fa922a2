"""Stage 1 for every kind of page: the text layer plus what OCR reads, as one text.

Both passes of the pipeline read a document through ``DocumentReader.read``:
the text layer of every page (hidden text included, see extract.py), and on
pages that need it (scans, images, pages without a usable text layer; see
ocr.py) the words Tesseract reads, joined as extra blocks of the page. OCR is
the slow part, so a reader keeps what it read, by the document's SHA-256 and
page, and the second pass reads nothing again. The scan pass also keeps the
whole reading, so the publish pass does not extract the text layer again
(about a twelfth of the work on a digital page).
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
import time
import weakref
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from woopub.files import write_atomic
from woopub.reading.extract import build_text, page_words, text_layer_words
from woopub.model import REDACT, DocumentText, Proposal, Word
from woopub.reading.ocr import (OcrWord, PageReading, add_text_layer, document_key, merged_raw_words, ocr_raw_words,
                                read_pages)
from woopub.reading.planning import DOUBTFUL, OcrStats, PictureCheck, plan_page
from woopub.reading.tesseract import OcrUnavailableError, Tesseract


@dataclass
class DocumentReading:
    text: DocumentText
    ocr: dict[int, PageReading] = field(default_factory=dict)  # 0-based page -> what OCR read there
    added: dict[int, list[OcrWord]] = field(default_factory=dict)  # OCR words joined to the text, per page
    stats: OcrStats = field(default_factory=OcrStats)  # what this reading read and left alone (empty when kept)
    looks: dict = field(default_factory=dict)  # the pictures' looks (pictures.Look) by pixel digest, for verification
    # the signature marks the scan pass found on the pages (detect/signatures.py), kept with the reading
    # so that the decide pass need not open and prepare the document again; None: not looked for
    signatures: list | None = None

    @property
    def warnings(self) -> list[str]:
        """Pages a reviewer must check by hand: low OCR confidence, nothing readable, OCR failed."""
        return [w for page in sorted(self.ocr) for w in self.ocr[page].warnings()]

    @property
    def ocr_pages(self) -> list[int]:
        """1-based numbers of the pages OCR read (wholly or in part)."""
        return [p + 1 for p in sorted(self.ocr)]

    @property
    def lying_pages(self) -> list[int]:
        """0-based pages whose text layer may say otherwise than their glyphs draw: published as scans."""
        return [n for n in sorted(self.ocr) if any(r.reason == DOUBTFUL for r in self.ocr[n].regions)]

    def add_text_layer(self, doc: pymupdf.Document, proposals: list[Proposal]) -> int:
        """After redaction: write the OCR words that stay as invisible text, so the page stays searchable."""
        written = 0
        for index, words in self.added.items():
            redacted = [b for p in proposals if p.action == REDACT and p.page == index + 1 for b in p.boxes]
            written += add_text_layer(doc[index], words, redacted)
        return written


def _remove_own_folder(folder: Path, maker: int) -> None:
    if os.getpid() == maker:  # not a forked child that inherited the reader
        shutil.rmtree(folder, ignore_errors=True)


class DocumentReader:
    """Reads documents; keeps OCR results so a document is OCR'd once per run.

    The pipeline runs each pass over a document in a forked child process
    (guard.py), so what OCR read is kept on disk too, in a private temporary
    folder that is removed with the reader: the second pass, in another child,
    finds it there.
    """

    def __init__(self, engine: Tesseract | None = None):
        self.engine = engine or Tesseract()
        self._cache: dict[tuple[str, int], PageReading] = {}
        self._shared: Path | None = None  # the run's store, when share_store gave one
        # else a private temporary folder (mode 0700: OCR text is personal data), made here so that
        # children forked for the passes share it; removed with the reader by the process that made it
        self._own: Path | None = Path(tempfile.mkdtemp(prefix="woopub-ocr-"))
        self._maker = os.getpid()
        weakref.finalize(self, _remove_own_folder, self._own, self._maker)
        # False where the pass that would reuse a kept reading may run elsewhere (a cluster's workers)
        self.keep_readings = True

    def share_store(self, folder) -> None:
        """Keep OCR results and readings in ``folder`` (the run's, internal), where every worker of the run finds them.

        A pool's workers each have a reader: without a shared folder a page
        scanned on one worker would be read again when another publishes it.
        ``None``, or a folder that cannot be made, keeps this reader's own.
        """
        if folder is None:
            return
        try:
            Path(folder).mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return
        if Path(folder) != self._shared:
            self._shared = Path(folder)
            self._cache.clear()
            if self._own is not None and os.getpid() == self._maker:  # not needed any more: gone now, not at exit
                shutil.rmtree(self._own, ignore_errors=True)
                self._own = None

    @property
    def _folder(self) -> Path:
        if self._shared is not None:
            return self._shared
        if self._own is None:  # given up for a store that later went: a new one
            self._own = Path(tempfile.mkdtemp(prefix="woopub-ocr-"))
            self._maker = os.getpid()
            weakref.finalize(self, _remove_own_folder, self._own, self._maker)
        return self._own

    def _hold(self, key: str) -> None:
        # in memory, only the document being read: the store on disk keeps every other's pages,
        # and a sandbox child serving a whole dossier would otherwise grow with every OCR'd page
        if self._cache and next(iter(self._cache))[0] != key:
            self._cache.clear()

    def _cached(self, key: str, page: int) -> PageReading | None:
        self._hold(key)
        if (key, page) in self._cache:
            return self._cache[(key, page)]
        path = self._folder / f"{key}-{page}.pickle"
        if path.is_file():
            self._cache[(key, page)] = pickle.loads(path.read_bytes())
            return self._cache[(key, page)]
        return None

    def _keep(self, key: str, reading: PageReading) -> None:
        self._hold(key)
        self._cache[(key, reading.page)] = reading
        write_atomic(self._folder / f"{key}-{reading.page}.pickle", pickle.dumps(reading))

    def read(self, doc: pymupdf.Document, keep: bool = False, reuse: bool = False, key: str | None = None
             ) -> DocumentReading:
        """The document's text, its words and what OCR read.

        ``keep``: also store the whole reading (the scan pass), so that a
        ``reuse`` read of the same file (the publish pass, maybe on another
        worker) takes it from the store instead of extracting every page
        again; a reused reading is removed from the store, unless ``keep``
        leaves it for the next pass (decide, then write). The key is the
        file's SHA-256: only an unchanged file, freshly opened, reads the same.
        ``key``: that SHA-256, when the caller has just computed it.
        """
        key = key or document_key(doc)
        if key and reuse:
            kept = self._kept_reading(key, used_up=not (keep and self.keep_readings))
            if kept is not None:
                return kept
        reading = self._read(doc, key)
        if keep:
            self.keep(key, reading)
        return reading

    def keep(self, key: str | None, reading: DocumentReading) -> None:
        """Store ``reading`` of the file with SHA-256 ``key`` for a later ``reuse`` read or ``kept``
        (what ``read(keep=True)`` does, for a caller that adds to the reading first)."""
        if key and self.keep_readings:
            self._keep_reading(key, reading)

    def kept(self, key: str | None, keep: bool = False) -> DocumentReading | None:
        """The reading stored for the file with SHA-256 ``key``, without the document, or None; used
        up unless ``keep`` (as ``read(reuse=True, keep=keep)``)."""
        if not key:
            return None
        return self._kept_reading(key, used_up=not (keep and self.keep_readings))

    def _kept_reading(self, key: str, used_up: bool = True) -> DocumentReading | None:
        path = self._folder / f"{key}.lezing"
        try:
            data = path.read_bytes()
            if used_up:
                path.unlink()
        except OSError:
            return None
        try:
            text, words, spans, page_starts, ocr, added, looks, signatures = pickle.loads(zlib.decompress(data))
            return DocumentReading(DocumentText(text, [Word(*w) for w in words], spans, page_starts), ocr, added,
                                   looks=looks, signatures=signatures)
        except Exception:  # cut short (a full disk, a killed writer): read the document again
            return None

    def _keep_reading(self, key: str, reading: DocumentReading) -> None:
        """Words as plain tuples, compressed: ~9 KB a page, written and read back in ~1 ms."""
        t = reading.text
        words = [(w.page, w.box, w.text, w.line, w.block) for w in t.words]
        data = zlib.compress(pickle.dumps((t.text, words, t.spans, t.page_starts, reading.ocr, reading.added,
                                           reading.looks, reading.signatures), 5), 1)
        try:
            write_atomic(self._folder / f"{key}.lezing", data)
        except OSError:  # no room: the publish pass extracts again
            pass

    def _read(self, doc: pymupdf.Document, key: str | None) -> DocumentReading:
        text_words = [text_layer_words(page) for page in doc]
        readings: dict[int, PageReading] = {}
        todo = []
        check = PictureCheck(doc)  # each picture looked at once per document
        started = time.perf_counter()
        for page, words in zip(doc, text_words):
            cached = self._cached(key, page.number) if key else None
            if cached is not None:
                readings[page.number] = cached
                continue
            regions = plan_page(page, words, check)
            if regions:
                todo.append((page, regions))
        looked = time.perf_counter() - started
        if todo:
            problem = self.engine.problem()
            if problem:
                pages = ", ".join(str(p.number + 1) for p, _ in todo)
                raise OcrUnavailableError(f"{doc.name or 'document'}: page(s) {pages} need OCR, but {problem}")
            for reading in read_pages(todo, self.engine):
                readings[reading.page] = reading
                if key:
                    self._keep(key, reading)
        stats = OcrStats.of(todo, check, looked, time.perf_counter() - started - looked)

        pages: list[list[Word]] = []
        added: dict[int, list[OcrWord]] = {}
        for page, words in zip(doc, text_words):
            reading = readings.get(page.number)
            if reading is None:
                pages.append(page_words(page, page.number, raw_words=words))
                continue
            if any(r.reason == DOUBTFUL for r in reading.regions):
                # read as a scan: the reader sees what OCR read; the text layer may say anything (a
                # cipher detected as a name would black out what stands there) and is not published
                added[page.number] = list(reading.words)
                pages.append(_ocr_words(page, reading.words, [], reading.rules))
                continue
            words, new = merged_raw_words(page, words, reading)
            own = page_words(page, page.number, raw_words=words)
            added[page.number] = new
            pages.append(own + _ocr_words(page, new, own, reading.rules))
        return DocumentReading(build_text(pages), readings, added, stats, check.looks)


def _ocr_words(page: pymupdf.Page, words: list[OcrWord], after: list[Word], rules=()) -> list[Word]:
    """OCR words as Words, in blocks and lines numbered after the text layer's.

    Lines and blocks come from ocr.ocr_raw_words, which reads the shown page
    (a scan on a page turned by /Rotate reads left to right there; a scan
    whose text stands turned on the page is read turned upright) and the
    scan's table borders; extraction's own joining of digital blocks is not
    applied, as it would join table rows again across their borders. The
    boxes go back to page space.
    """
    if not words:
        return []
    first_block = max((w.block for w in after), default=-1) + 1
    first_line = max((w.line for w in after), default=-1) + 1
    raw = ocr_raw_words(page, words, rules)
    blocks = list(dict.fromkeys(w[5] for w in raw))  # in reading order of their first line
    rank = {b: k for k, b in enumerate(blocks)}
    raw.sort(key=lambda w: (rank[w[5]], w[6]))  # stable: a line's words in the order ocr_raw_words reads them
    return [
        Word(page.number, tuple(pymupdf.Rect(w[:4]) * page.derotation_matrix), w[4], w[6] + first_line, rank[w[5]] + first_block)
        for w in raw
    ]
