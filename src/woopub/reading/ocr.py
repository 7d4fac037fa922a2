"""Scans and images: read with Tesseract the text that the text layer lacks.

Which parts of a page are read (``plan_page``):

  scan                   images cover most of the page: a scanned or
                         photographed page, with or without an earlier OCR
                         layer (which may be poor or partial). The whole page.
  no text layer          the page shows something but carries no text layer
                         (text drawn as curves, a page of vector art).
  unreadable text layer  the text layer is mostly characters without a
                         Unicode meaning (fonts without a ToUnicode map).
  image                  an image on a text page: a pasted screenshot of an
                         e-mail, a scanned annex, a signature. Its area only.
                         Images too small to read alone that touch (a picture
                         stored as strips or tiles) are read together.
  doubtful text layer    a Type3 font, or a text layer of very few distinct
                         letters: the text layer may not say what is drawn.
                         The whole page; OCR words it lacks join it.
  drawn text             a line of small filled curved shapes where the text
                         layer has no words: text as glyph outlines. Its area.

Every word read there that the text layer does not already hold at the same
place joins the page's words (``merged_raw_words``) in PyMuPDF's raw word
shape, so detection and decision treat it like digital text and its box is
where the pixels are. A word the text layer holds too (the same letters in
the same place) is not added twice; the text-layer word's box grows to cover
the pixels, so a redaction box always covers the word as it is printed.

The engine is Tesseract's own command-line program with the Dutch model,
asked for TSV output: every word with its box and its confidence. PyMuPDF
renders the page and maps the boxes back to page space. Why not PyMuPDF's
``get_textpage_ocr`` or OCRmyPDF: neither hands back Tesseract's word
confidence, which is how a page that could not be read well is found and
shown to a reviewer (see README, "Scans and OCR").
"""

from __future__ import annotations

import dataclasses
import glob
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pymupdf
from scipy import ndimage

from woopub.errors import InputError
from woopub.files import write_atomic
from woopub.model import Box
from woopub.reading.disagree import text_layer_suspect
from woopub.reading.fontmaps import FontVerdicts
from woopub.reading.pictures import (FAINT, MAX_DECODE, TOO_SMALL, ImageDigests, Look, grey_of, grey_planes, grown_by,
                                     look, second_reading, stencil_plane)

LANGUAGE = "nld"
DPI = 300  # Tesseract reads body text best at 300 dpi; more costs time and gains little
MAX_DPI = 450  # images with finer pixels than 300 dpi (a shrunken screenshot) are read at up to this
MIN_SCAN_DPI = 150  # a coarser scan (a fax) is enlarged to this
SCAN_SHARE = 0.5  # images covering this share of a page make it a scan
MIN_IMAGE_SIDE = 5.0  # points: a picture lower (or narrower) than this shows no legible line of text
MIN_IMAGE_AREA = 50.0  # square points (e.g. 5 x 10): smaller pictures are bullets and rules
TILE_OVERLAP = 1.1  # pictures whose areas add up to at most this share of their union's abut (tiles, strips)
NEAR = 6.0  # points: text-bearing pictures this close are read as one region (a scan cut in tiles, lines of text)
LOOK_ZOOM = 150 / 72  # pixels per point, at least, for looking at what a page or an inline picture shows
MAX_LOOK_ZOOM = 300 / 72  # ... and at most
MIN_OWN_DENSITY = 0.5  # pixels per point: a picture coarser than this cannot show a letter by its own pixels
UNREADABLE_SHARE = 0.3  # share of text-layer characters without a Unicode meaning
LOW_CONFIDENCE = 70.0  # mean word confidence below which a page is listed for a human check
MIN_WORDS_FOR_CONFIDENCE = 5  # an image with fewer words read (a photo, a logo) is not judged
INK_LEVEL = 128  # grey value below which a pixel is ink
INK_SHARE_UNREAD = 0.005  # a scan with this much ink and (almost) no words read could not be read
TIMEOUT = 300  # seconds for one region
PSM = "3"  # Tesseract's page segmentation: fully automatic, the image read as it stands
PSM_TURNED = "1"  # ... with orientation detection first: a reading with low confidence is tried so again
# mean word confidence below which a reading (of MIN_WORDS_FOR_CONFIDENCE words or more) is tried again
# turned: scans read upside down or turned the wrong quarter came out at 15-34; of 500 readings of the
# first 56 documents of ../shared/realpdf 50 are below LOW_CONFIDENCE (each a second reading of 2-8 s)
# and 18 below this (3 of them read better so, upright)
TURNED_BELOW = 50.0
DOUBTFUL = "doubtful text layer"  # the reason of a page whose text layer may lie: published as a scan
RULE_LENGTH = 30.0  # points: a straight line of ink this long is a table border, not a letter
WORD_PAD = 0.6  # points added around an OCR word box
WORD_PAD_SHARE = 0.12  # or this share of the word's height, if more
# Light ink beside dark (a greyed-out form field, a mail client's grey "Van:" line): Tesseract
# binarises an image with one threshold (Otsu) that keeps the dark ink and drops ink lighter than it
# (grey 185 beside black is read as paper). An image whose light ink alone, away from the dark ink's
# anti-aliased edges, holds a row of letters is read a second time with that ink made dark.
LIGHT_BLOCK = 10_000  # added to the block number of a line found only in the second reading
CHECK_BY_HAND = "check it by hand"  # every warning about a page OCR could not read well ends so

_UNREADABLE = re.compile(r"[\ufffd\ue000-\uf8ff]")
_NOISE = re.compile(r"[_|~=`'\u2018\u2019\"\u201c\u201d.,:;\u2014\u2013-]+")  # a "word" OCR made of specks


class OcrUnavailableError(InputError):
    """A document needs OCR and Tesseract (or its Dutch model) is not installed."""


# -- the engine --------------------------------------------------------------


def find_tessdata(language: str = LANGUAGE) -> str | None:
    """The folder that holds ``<language>.traineddata``: $TESSDATA_PREFIX, or Debian's."""
    candidates = [os.environ.get("TESSDATA_PREFIX", "")]
    candidates += sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata"), reverse=True)
    candidates += ["/usr/share/tesseract-ocr/tessdata", "/usr/share/tessdata", "/usr/local/share/tessdata"]
    for folder in candidates:
        if folder and Path(folder, f"{language}.traineddata").is_file():
            return folder
    return None


@dataclass(frozen=True, slots=True)
class TsvWord:
    """One word as Tesseract's TSV reports it, in the pixels of the image read."""

    left: int
    top: int
    width: int
    height: int
    text: str
    confidence: float
    line: tuple[int, int, int]  # (block, paragraph, line)


def parse_tsv(tsv: str) -> list[TsvWord]:
    return [word for words in parse_tsv_pages(tsv).values() for word in words]


def parse_tsv_pages(tsv: str) -> dict[int, list[TsvWord]]:
    """The words of Tesseract's TSV by its page number (1-based: the images of a list, in order)."""
    pages: dict[int, list[TsvWord]] = defaultdict(list)
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        pages[int(cols[1])].append(
            TsvWord(
                int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9]), cols[11].strip(), max(float(cols[10]), 0.0),
                (int(cols[2]), int(cols[3]), int(cols[4])),
            )
        )
    return pages


class Tesseract:
    """Tesseract's command-line program: as many processes at once as there are cores, each reading
    a share of the images (``read_all``).

    Each process runs single-threaded (OMP_THREAD_LIMIT=1): Tesseract's own
    OpenMP threads made one page 4-5x slower here on two busy cores, while
    two single-threaded processes keep both cores busy.
    """

    def __init__(self, language: str = LANGUAGE, tessdata: str | None = None, program: str = "tesseract"):
        self.language = language
        self.program = shutil.which(program)
        self.tessdata = tessdata or find_tessdata(language)
        self.workers = max(1, min(4, os.cpu_count() or 1))

    def problem(self) -> str | None:
        """Why OCR cannot run here, or None."""
        if self.program is None:
            return "Tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-nld)"
        if self.tessdata is None:
            return f"Tesseract's '{self.language}' model is not installed (Debian: apt-get install tesseract-ocr-{self.language})"
        return None

    def read(self, image: bytes, dpi: int) -> list[TsvWord]:
        return parse_tsv(self._run("stdin", dpi, image, TIMEOUT))

    def read_many(self, images: list[bytes], dpi: int) -> list[list[TsvWord]]:
        """Several images at one resolution, in one process: the model is loaded once. Starting a
        process and loading the model took longer than reading a small picture (a slide's diagram,
        a screenshot's strip): 43 of a deck's pictures read in 0.9 CPU seconds at once against 6.0
        one by one. Tesseract reads each image of a list as it reads it alone: its LSTM recogniser
        learns nothing from one image for the next (the same words, boxes and confidences,
        compared on 71 pictures and slides of ../shared/realpdf)."""
        if len(images) == 1:
            return [self.read(images[0], dpi)]
        # a private folder (mkdtemp: 0700), as the images may show personal data; removed at once
        with tempfile.TemporaryDirectory(prefix="woopub-ocr-") as folder:
            names = []
            for k, image in enumerate(images):
                path = Path(folder, f"{k}.img")
                path.write_bytes(image)
                names.append(str(path))
            listing = Path(folder, "images.txt")
            listing.write_text("\n".join(names) + "\n", "utf-8")
            pages = parse_tsv_pages(self._run(str(listing), dpi, None, TIMEOUT * len(images)))
        return [pages.get(k + 1, []) for k in range(len(images))]

    def read_turned(self, image: bytes, dpi: int) -> list[TsvWord] | None:
        """``read``, Tesseract first finding which way up the text stands (orientation detection)
        and turning the image to read it; the words' boxes in the image as given. None when its
        orientation model is not installed (Debian: tesseract-ocr-osd)."""
        if self.tessdata is None or not Path(self.tessdata, "osd.traineddata").is_file():
            return None
        return parse_tsv(self._run("stdin", dpi, image, TIMEOUT, psm=PSM_TURNED))

    def _run(self, source: str, dpi: int, image: bytes | None, timeout: float, psm: str = PSM) -> str:
        env = {**os.environ, "OMP_THREAD_LIMIT": "1", "TESSDATA_PREFIX": self.tessdata or ""}
        cmd = [self.program, source, "stdout", "-l", self.language, "--dpi", str(dpi), "--psm", psm, "tsv"]
        done = subprocess.run(cmd, input=image, capture_output=True, env=env, timeout=timeout, check=False)
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(f"tesseract exited with {done.returncode}: {message[-1] if message else ''}")
        return done.stdout.decode("utf-8", "replace")

    def read_all(self, jobs: list[tuple[bytes, int]]) -> list[list[TsvWord] | Exception]:
        """What Tesseract reads in each (image, dpi) job, or the error that stopped it. Images read
        before are taken from the run's memo; the others, each once, are shared among ``workers``
        processes per resolution (``read_many``), the largest first to the least loaded. An image
        with light ink beside dark, or light letters on a dark field (``pictures.second_reading``), is
        read twice, the second time with its light ink made dark and its fields' letters dark on
        light, and the words only that reading found join the first reading's."""
        results: list[list[TsvWord] | Exception | None] = [None] * len(jobs)
        keys = [self._memo_key(*job) for job in jobs]
        todo: dict[str, list[int]] = {}  # memo key -> the jobs with those pixels
        for i, key in enumerate(keys):
            if key not in todo:
                known = _memo_get(key)
                if known is not None:
                    results[i] = known
                    continue
            todo.setdefault(key, []).append(i)
        reads = {key: jobs[places[0]] for key, places in todo.items()}
        light = {}
        for key, job in reads.items():
            again = second_reading(job[0])
            if again is not None:
                light[key] = again
        found = self._read_shared({**reads, **{(key, "light"): (again.image, reads[key][1]) for key, again in light.items()}})
        for key, places in todo.items():
            words = found[key]
            if not isinstance(words, Exception) and key in light:
                more = found[(key, "light")]
                # without the second reading the light ink's words are unknown: the image was not read
                words = more if isinstance(more, Exception) else with_light_words(words, more, light[key].fields)
            if not isinstance(words, Exception):
                _memo_put(key, words)
            for i in places:
                results[i] = words
        return results

    def _read_shared(self, reads: dict) -> dict:
        """Tesseract's words (each ``_upright``) in each (image, dpi) of ``reads``, by its key, or the
        error that stopped it: shared among ``workers`` processes per resolution."""
        found: dict = {}
        by_dpi: dict[int, list] = defaultdict(list)
        for key, job in reads.items():
            by_dpi[job[1]].append(key)
        batches = []
        for dpi, group in by_dpi.items():
            shares: list[list] = [[] for _ in range(min(self.workers, len(group)))]
            loads = [0] * len(shares)
            for key in sorted(group, key=lambda k: -len(reads[k][0])):
                least = loads.index(min(loads))
                shares[least].append(key)
                loads[least] += len(reads[key][0])
            batches += [(dpi, share) for share in shares]

        def one(batch):
            dpi, share = batch
            images = [reads[key][0] for key in share]
            try:
                words = self.read_many(images, dpi) if len(share) > 1 else [self.read(images[0], dpi)]
            except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
                if len(share) > 1:  # each alone, so that only the image that fails is missing
                    for key in share:
                        one((dpi, [key]))
                    return
                words = [exc]
            for key, read in zip(share, words):
                found[key] = read if isinstance(read, Exception) else self._upright(reads[key], read)

        if len(batches) <= 1:
            for batch in batches:
                one(batch)
        else:
            with ThreadPoolExecutor(self.workers) as pool:
                list(pool.map(one, batches))
        return found

    def _upright(self, job: tuple[bytes, int], words: list[TsvWord]) -> list[TsvWord]:
        """``words`` read in ``job``, or, when they were read with very low confidence (``TURNED_BELOW``),
        the reading of the image turned the way its text stands, if that is read with more confidence. Tesseract's
        page segmentation (``PSM``) reads text turned a quarter one way, but a page scanned upside
        down or turned the other quarter comes out as garbage: the names on it were not found,
        redacted nor searched for, and the page was published showing them to anyone who turns it."""
        before = mean_confidence(words)
        if before is None or before >= TURNED_BELOW or len(words) < MIN_WORDS_FOR_CONFIDENCE:
            return words
        try:
            turned = self.read_turned(*job)
        except (OSError, RuntimeError, subprocess.SubprocessError):  # the first reading stands
            return words
        after = mean_confidence(turned) if turned else None
        return turned if after is not None and after > before else words

    def _memo_key(self, image: bytes, dpi: int) -> str:
        """Tesseract reads the same pixels at the same resolution with the same model the same way:
        its words are known by this key (the engine, its model and the image's SHA-256)."""
        engine = f"{type(self).__module__}.{type(self).__qualname__}|{self.program}|{self.language}|{self.tessdata}|{dpi}"
        return hashlib.sha256(engine.encode("utf-8") + b"\0" + image).hexdigest()


def with_light_words(words: list[TsvWord], light: list[TsvWord], fields: tuple = ()) -> list[TsvWord]:
    """``words`` and the words of the second reading (``light``) that no word of ``words`` covers.
    A line of the second reading that holds a word of ``words`` too ("Van:"), or stands on a line of
    ``words`` beside one of its words, joins that line: label and value ("Fenna Wijnberg") stay one
    line of text. Other lines keep their own (blocks numbered from ``LIGHT_BLOCK``).

    In a dark field the second reading inverted (``fields``, boxes in the image's pixels) the first
    reading saw the field as ink: a second-reading word there joins even where a first-reading word
    of other text covers it, and such a first-reading word, when less confident, is garbage
    ('BSE RW' for 'Fenna Wijnberg') and let go."""
    def box(w):
        return w.left, w.top, w.left + w.width, w.top + w.height

    def in_field(w):
        x, y = w.left + w.width / 2, w.top + w.height / 2
        return any(x0 <= x < x1 and y0 <= y < y1 for x0, y0, x1, y1 in fields)

    def covered(a, b):
        x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
        shared = max(0, x1 - x0) * max(0, y1 - y0)
        return shared > 0.5 * min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))

    def beside(a, b):  # one row (half the lower height shared), a few heights apart at most
        low = min(a[3] - a[1], b[3] - b[1])
        return min(a[3], b[3]) - max(a[1], b[1]) >= 0.5 * low and max(a[0], b[0]) - min(a[2], b[2]) <= 3 * low

    lines: dict[tuple, tuple] = {}  # a line of the light reading -> the line of ``words`` it joins
    added = []
    replaced: set[int] = set()  # garbage of the first reading in a field: indexes into ``words``
    for word in light:
        known = next((k for k in words if covered(box(word), box(k))), None)
        if known is None:
            added.append(word)
            continue
        lines.setdefault(word.line, known.line)  # read in both: the light reading's line is that line ("Van:" read twice)
        if fields and in_field(word):  # read otherwise before: kept, the less confident first reading let go
            over = [n for n, k in enumerate(words) if covered(box(word), box(k))]
            if all(words[n].text != word.text for n in over):
                added.append(word)
                replaced.update(n for n in over if in_field(words[n]) and words[n].confidence < word.confidence)
    if replaced:
        words = [k for n, k in enumerate(words) if n not in replaced]
    for word in added:
        if word.line not in lines:
            near = [k for k in words if beside(box(word), box(k))]
            if near:
                lines[word.line] = min(near, key=lambda k: abs(k.left + k.width / 2 - word.left - word.width / 2)).line
    return words + [dataclasses.replace(w, line=lines.get(w.line, (LIGHT_BLOCK + w.line[0], *w.line[1:])))
                     for w in added]


# What Tesseract read, by ``Tesseract._memo_key``, in the run's folder (internal: OCR text is personal
# data), shared by every worker of the run on this machine: the scan pass, the verification of the
# published file and the closing verification of the package's stamped copy render a picture that
# redaction left alone to the very same pixels, and read it once instead of three times. Only a folder
# that exists is used (the run removes it at its end: later reads in this process read again).
_memo: list[Path | None] = [None]


def remember_ocr_in(folder) -> None:
    """Keep what Tesseract reads in ``folder`` (made by the run), or nowhere (None)."""
    _memo[0] = Path(folder) if folder else None


def _memo_path(key: str) -> Path | None:
    folder = _memo[0]
    return folder / f"{key}.tsv" if folder is not None and folder.is_dir() else None


def _memo_get(key: str) -> list[TsvWord] | None:
    path = _memo_path(key)
    if path is None:
        return None
    try:
        return parse_tsv(path.read_text("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):  # not there (yet), or cut short: read again
        return None


def _memo_put(key: str, words: list[TsvWord]) -> None:
    path = _memo_path(key)
    if path is None:
        return
    # written as Tesseract's own TSV (12 columns, words only): parse_tsv reads it back unchanged
    rows = ["level\tpage\tblock\tpar\tline\tword\tleft\ttop\twidth\theight\tconf\ttext"]
    rows += [f"5\t1\t{w.line[0]}\t{w.line[1]}\t{w.line[2]}\t0\t{w.left}\t{w.top}\t{w.width}\t{w.height}\t"
             f"{w.confidence!r}\t{w.text}" for w in words]
    _memo_write(path, "\n".join(rows).encode("utf-8"))


def _memo_write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data, mode=0o600)
    except OSError:  # no room: the next reading reads (looks, decodes) again
        pass


def _memo_look(planes: list[np.ndarray], also: str | None = None) -> Look:
    """``pictures.look``, kept in the run's folder by the SHA-256 of the very pixels looked at: the
    closing verification of a stamped copy looks at the same pictures again, in another process.
    ``also``: a second key to keep it by (``_object_key``: the bytes the pixels were decoded from)."""
    if _memo[0] is None:
        return look(planes)
    digest = hashlib.sha256()
    for plane in planes:
        digest.update(repr(plane.shape).encode("ascii"))
        digest.update(np.ascontiguousarray(plane).tobytes())
    found = _memo_look_get("look-" + digest.hexdigest())
    if found is None:
        found = look(planes)
        _memo_look_put("look-" + digest.hexdigest(), found)
    if also:
        _memo_look_put(also, found)
    return found


def _memo_look_get(key: str) -> Look | None:
    path = _memo_path(key)
    if path is None:
        return None
    try:
        read, reason, letters = path.read_text("utf-8").split("\t")
        return Look(read == "1", reason, int(letters))
    except (OSError, ValueError):  # not there (yet), or cut short: look
        return None


def _memo_look_put(key: str, found: Look) -> None:
    path = _memo_path(key)
    if path is not None:
        _memo_write(path, f"{int(found.read)}\t{found.reason}\t{found.letters}".encode("utf-8"))


def _memo_object_look(key: str) -> Look | None:
    """The look at an image object's own pixels taken in this run (any pass, any worker), known by
    the bytes they are decoded from: no decoding, no hashing of pixels."""
    return _memo_look_get("lookobj-" + key)


class _KnownDigests:
    """Image objects' digests (``ImageDigests``) found in this run, in its memo folder by
    ``_object_key``: a later pass (verification of the published file, of its stamped copy) takes an
    unchanged image's digest without decoding it. Nothing kept without the run's folder."""

    @staticmethod
    def key(doc: pymupdf.Document, xref: int) -> str | None:
        return _object_key(doc, xref) if _memo[0] is not None else None

    @staticmethod
    def get(key: str) -> bytes | None:
        path = _memo_path("digestobj-" + key)
        try:
            digest = bytes.fromhex(path.read_text("ascii")) if path is not None else None
        except (OSError, ValueError):  # not there (yet): decode
            return None
        return digest if digest is not None and len(digest) == 16 else None

    @staticmethod
    def put(key: str, digest: bytes) -> None:
        path = _memo_path("digestobj-" + key)
        if path is not None:
            _memo_write(path, digest.hex().encode("ascii"))


def image_digests() -> ImageDigests:
    """A document's ``ImageDigests``, taking and keeping digests in the run's memo folder."""
    return ImageDigests(known=_KnownDigests)


_REFERENCE = re.compile(r"(\d+)\s+\d+\s+R\b")
MAX_KEY_OBJECTS = 64  # objects an image's key may span (its mask, colour space, palette, ...); more: no key


def _object_key(doc: pymupdf.Document, xref: int) -> str | None:
    """A key that is the same only for the same pixels: the SHA-256 of the image object's dictionary
    as written and its stored bytes, and so of every object it refers to (soft mask, mask, colour
    space and its profile or palette, decoding parameters), and of the document's output intents
    (colour management). ``pictures.grey_planes`` decodes from nothing else. None when the object
    spans too many others or cannot be read."""
    digest = hashlib.sha256()
    order: dict[int, int] = {}  # object number -> place in the walk: the key holds no object numbers

    def walked(number: int) -> str:
        if number not in order:
            order[number] = len(order)
            todo.append(number)
        return f"@{order[number]}"

    todo: list[int] = []
    try:
        intents = doc.xref_get_key(doc.pdf_catalog(), "OutputIntents")
        digest.update(_REFERENCE.sub(lambda m: walked(int(m[1])), f"{intents[0]}\0{intents[1]}\0").encode("utf-8"))
        walked(xref)
        done = 0
        while done < len(todo):
            number = todo[done]
            done += 1
            if done > MAX_KEY_OBJECTS:
                return None
            source = _REFERENCE.sub(lambda m: walked(int(m[1])), doc.xref_object(number, compressed=True))
            digest.update(f"{order[number]}\0{source}\0".encode("utf-8"))
            if doc.xref_is_stream(number):
                stored = doc.xref_stream_raw(number) or b""
                digest.update(len(stored).to_bytes(8, "big"))
                digest.update(stored)
    except Exception:  # an object MuPDF will not give: decode and look
        return None
    return digest.hexdigest()


# -- what a page needs -------------------------------------------------------


# a picture whose own pixels show letters that the page does not show (covered by a later drawing,
# transparent, placed off the page) or shows too small to read (a reader zooms in): anyone taking the
# picture out of the file reads them
HIDDEN_PICTURE = "hidden picture"


@dataclass(frozen=True, slots=True)
class OcrRegion:
    rect: Box  # page space (unrotated, as text extraction and redaction use)
    reason: str  # scan | no text layer | unreadable text layer | doubtful text layer | unmapped glyphs | image | drawn text | UNMAPPED_LINES | HIDDEN_PICTURE
    dpi: int = DPI
    # HIDDEN_PICTURE: the image object and its placement (the matrix from its unit square to the page
    # as shown): read in its own pixels, not as the page shows it
    picture: tuple[float, ...] = ()

    @property
    def whole_page(self) -> bool:
        return self.reason not in ("image", "drawn text", UNMAPPED_LINES, HIDDEN_PICTURE)


def _area(r: pymupdf.Rect) -> float:
    return max(r.width, 0) * max(r.height, 0)


def _union_area(rects: list[pymupdf.Rect]) -> float:
    """Area covered by ``rects`` (overlaps counted once), on a coarse grid."""
    if not rects:
        return 0.0
    xs = sorted({r.x0 for r in rects} | {r.x1 for r in rects})
    total = 0.0
    for a, b in zip(xs, xs[1:]):
        spans = sorted((r.y0, r.y1) for r in rects if r.x0 <= a and r.x1 >= b)
        covered, top, bottom = 0.0, None, None
        for y0, y1 in spans:
            if top is None or y0 > bottom:
                if top is not None:
                    covered += bottom - top
                top, bottom = y0, y1
            else:
                bottom = max(bottom, y1)
        if top is not None:
            covered += bottom - top
        total += (b - a) * covered
    return total


@dataclass(frozen=True, slots=True)
class _Picture:
    rect: pymupdf.Rect  # where it is shown, clipped to the page (page space)
    density: float  # its pixels per point
    look: Look  # whether it may carry text (pictures.look)


class PictureCheck:
    """One document's pictures, each looked at once (``pictures.look``), and what was left unread.

    A picture placed on many pages (a logo, a slide's background) is looked
    at on the first; ``skipped`` counts the placements OCR left alone, by
    reason, for the run's summary. Placements are known by the digest of
    their pixels, and a digest by the image object that has it, each image
    decoded once per document for its digest (``ImageDigests``: PyMuPDF's
    ``get_image_info`` decodes every placement, ``Pixmap(doc, xref)`` every
    image object again).
    """

    def __init__(self, doc: pymupdf.Document | None = None, looks: dict[bytes, Look] | None = None):
        self.doc = doc
        # by the digest of the picture's pixels; ``looks``: an earlier check's (verification takes the
        # redaction pass's: the same pixels look the same)
        self.looks: dict[bytes, Look] = dict(looks or {})
        self.xrefs: dict[bytes, int] = {}  # digest -> image object
        self.digested: set[int] = set()  # image objects whose digest is known (or cannot be had)
        self.digests = image_digests()
        self.skipped: Counter[str] = Counter()
        self.drawn_pages_skipped = 0  # pages without a text layer whose drawing holds no letters
        self.hidden: list[OcrRegion] = []  # the last page's hidden pictures (``pictures``)
        self.fonts = FontVerdicts(reader=Tesseract)  # the document's fonts judged by their maps (reading/fontmaps.py)

    def pictures(self, page: pymupdf.Page) -> list[_Picture]:
        """The page's pictures larger than an icon, each with its look; icons are counted as skipped."""
        visible = page.mediabox if page.rotation == 0 else page.rect * page.derotation_matrix
        out = []
        infos = self.digests.page_infos(page)
        if any(info.get("digest") not in self.looks for info in infos):  # a picture not looked at yet
            self._digest_images(page)
        small = []
        shown = _Shown(page)
        self.hidden = []
        for info in infos:
            rect = pymupdf.Rect(info["bbox"]) & visible
            full = pymupdf.Rect(info["bbox"])
            side = max(full.width, full.height, 1.0)
            density = max(info.get("width", 0), info.get("height", 0)) / side  # pixels per point
            if rect.is_empty:  # placed off the page
                if self._own_letters(page, info, density):
                    self._hide(page, info, full, density)
                continue
            if _too_small(rect):
                if self._own_letters(page, info, density):  # shown too small, its pixels hold legible letters
                    self._hide(page, info, full, density)
                self.skipped[TOO_SMALL] += 1
                small.append(_Picture(rect, density, Look(False, TOO_SMALL)))
                continue
            found = self._look(shown, info, rect, density)
            out.append(_Picture(rect, density, found))
            # letters in its own pixels where the page shows one plain colour (covered, transparent):
            # read those too (the page looked at there at a pixel a point: a scan is rendered once more)
            if self._own_letters(page, info, density) and shown.plain(rect):
                self._hide(page, info, full, density)
        self._unlisted(page, infos)
        return self._tiles_joined(shown, out, small)

    def _unlisted(self, page: pymupdf.Page, infos: list[dict]) -> None:
        """Pictures drawn where the image list does not see them (MuPDF leaves out a picture drawn
        at opacity 0): each such image object with letters of its own is read at each such place."""
        items = page.get_images()
        if not items:
            return
        placed = [pymupdf.Rect(info["bbox"]) for info in infos]
        places = [pymupdf.Rect(r) for kind, r in page.get_bboxlog() if kind == "fill-image"]
        places = [r for r in places if not r.is_empty and not any(_near(r, q) for q in placed)]
        if not places:  # every picture drawn is listed
            return
        self._digest_images(page)
        listed = {self.xrefs.get(info.get("digest"), 0) for info in infos}
        unseen = [item[0] for item in items if item[0] not in listed]
        digests = {x: d for d, x in self.xrefs.items()}
        sizes = {item[0]: (item[2], item[3]) for item in items}
        for xref in unseen:
            width, height = sizes[xref]
            for r in places if xref in digests else ():  # which place is its own is not known: read at
                # each place of its shape, upright (another image's place gets no words of its pixels)
                if not height or not r.height or abs(width / height / (r.width / r.height) - 1) > 0.1:
                    continue
                info = {"digest": digests[xref], "transform": (r.width, 0, 0, r.height, r.x0, r.y0)}
                density = max(width, height) / max(r.width, r.height, 1.0)
                if self._own_letters(page, info, density):
                    self._hide(page, info, r, density)

    def _own_letters(self, page: pymupdf.Page, info: dict, density: float) -> bool:
        """Whether a placement's image object shows letters in its own pixels (looked at once per image)."""
        digest = info.get("digest")
        xref = self.xrefs.get(digest, 0)
        if xref <= 0 or density < MIN_OWN_DENSITY:
            return False
        stencil = stencil_plane(page.parent, xref)
        if stencil is not None:  # its look elsewhere is the colour it paints with: here its own bits
            return _memo_look([stencil]).read
        found = self.looks.get(digest)
        if found is None:
            planes = grey_planes(page.parent, xref)
            if planes is None:
                return False
            found = self.looks[digest] = _memo_look(planes)
        return found.read

    def _hide(self, page: pymupdf.Page, info: dict, full: pymupdf.Rect, density: float) -> None:
        xref = self.xrefs.get(info.get("digest"), 0)
        rect = full * page.derotation_matrix
        self.hidden.append(OcrRegion(tuple(rect), HIDDEN_PICTURE, _dpi(density), (xref, *tuple(info["transform"]))))

    def _tiles_joined(self, shown: _Shown, pictures: list[_Picture], small: list[_Picture]) -> list[_Picture]:
        """Pictures that abut without text of their own (a screenshot stored as strips or tiles, each
        cutting its letters) are looked at together, as the page shows them, and read as one if letters show."""
        unread = [p for p in pictures if not p.look.read] + small
        if len(unread) < 2:
            return pictures
        joined_any = []
        for near in _merge_rects([p.rect + (-1, -1, 1, 1) for p in unread]):
            parts = [p for p in unread if p.rect.intersects(near)]
            union = _union([p.rect for p in parts]) & near
            # tiles abut: their areas add up to their union's (a logo on a photo overlaps it instead)
            if len(parts) < 2 or _too_small(union) or sum(_area(p.rect) for p in parts) > TILE_OVERLAP * _area(union):
                continue
            density = max(p.density for p in parts)
            found = _memo_look([shown.grey(union, density)])
            if found.read:
                joined_any.append((parts, _Picture(union, density, found)))
        for parts, joined in joined_any:
            self.skipped[TOO_SMALL] -= sum(1 for p in parts if p.look.reason == TOO_SMALL)
            pictures = [p for p in pictures if not any(p is q for q in parts)] + [joined]
        return pictures

    def _digest_images(self, page: pymupdf.Page) -> None:
        doc = page.parent
        for item in page.get_images():
            xref = item[0]
            if xref in self.digested:
                continue
            self.digested.add(xref)
            if item[2] * item[3] > MAX_DECODE:  # looked at as shown rather than decoded whole
                continue
            try:
                self.xrefs[self.digests.of_xref(doc, xref)] = xref
            except Exception:  # pixels MuPDF will not hand over: looked at as shown
                continue

    def _look(self, shown: _Shown, info: dict, rect: pymupdf.Rect, density: float) -> Look:
        if density < MIN_OWN_DENSITY:
            # too few pixels to show a letter: what shows is shaped elsewhere (a soft mask drawing text
            # through a patch of colour), so look at it as the page shows it, placement by placement
            return _memo_look([shown.grey(rect, density)])
        digest = info.get("digest")
        if digest in self.looks:
            return self.looks[digest]
        xref = self.xrefs.get(digest, 0)
        doc = shown.page.parent
        known = self.digests.key(doc, xref) if xref > 0 else None
        found = _memo_object_look(known) if known else None  # these very bytes looked at before in the run
        if found is None:
            planes = grey_planes(doc, xref) if xref > 0 else None
            if planes is None:  # an inline image, or pixels MuPDF will not hand over: look at it as shown
                found = _memo_look([shown.grey(rect, density)])
            else:  # its own pixels: kept by the bytes they are decoded from too (the look as shown is not)
                found = _memo_look(planes, "lookobj-" + known if known else None)
        if digest and xref > 0:  # a look as shown depends on the placement: not kept
            self.looks[digest] = found
        return found

    def drawing_has_letters(self, page: pymupdf.Page) -> bool:
        """Whether a page without a (readable) text layer shows letters: text drawn as curves."""
        found = _memo_look([_shown_grey(page, page.rect * page.derotation_matrix, LOOK_ZOOM)])
        if not found.read:
            self.drawn_pages_skipped += 1
        return found.read

    def summary(self) -> dict:
        return {"images_skipped": dict(self.skipped), "drawn_pages_skipped": self.drawn_pages_skipped}


def _shown_grey(page: pymupdf.Page, rect: pymupdf.Rect, pixels_per_point: float, listed=None) -> np.ndarray:
    """``rect`` (page space) as shown, in grey, at about its own resolution (within LOOK_ZOOM..MAX_LOOK_ZOOM).
    ``listed``: the page's display list, when the caller has one (``page.get_pixmap`` makes one a call)."""
    zoom = min(MAX_LOOK_ZOOM, max(LOOK_ZOOM, pixels_per_point))
    clip = pymupdf.Rect(rect) * page.rotation_matrix
    source = listed if listed is not None else page
    pix = source.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=clip, colorspace=pymupdf.csGRAY, alpha=False)
    return grey_of(pix)


class _Shown:
    """One page's pictures rendered as shown: the page's display list made once for all of them
    (``page.get_pixmap`` makes one per call, then renders from it: the same pixels)."""

    def __init__(self, page: pymupdf.Page):
        self.page = page
        self._listed = None

    def grey(self, rect: pymupdf.Rect, pixels_per_point: float) -> np.ndarray:
        if self._listed is None:
            self._listed = self.page.get_displaylist()  # annotations included, as page.get_pixmap
        return _shown_grey(self.page, rect, pixels_per_point, self._listed)

    def plain(self, rect: pymupdf.Rect) -> bool:
        """Whether the page shows one colour in ``rect`` (seen at a pixel a point)."""
        if self._listed is None:
            self._listed = self.page.get_displaylist()
        inner = pymupdf.Rect(rect) + (1, 1, -1, -1)  # its edge pixels may take in a neighbour's ink
        clip = (inner if not inner.is_empty else pymupdf.Rect(rect)) * self.page.rotation_matrix
        grey = grey_of(self._listed.get_pixmap(matrix=pymupdf.Identity, clip=clip, colorspace=pymupdf.csGRAY, alpha=False))
        return grey.size == 0 or int(grey.max()) - int(grey.min()) < FAINT


def _near(a: pymupdf.Rect, b: pymupdf.Rect, tolerance: float = 0.5) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def _too_small(rect: pymupdf.Rect) -> bool:
    return rect.width < MIN_IMAGE_SIDE or rect.height < MIN_IMAGE_SIDE or _area(rect) < MIN_IMAGE_AREA


DRAWN_GLYPH_HEIGHT = 40.0  # points: a filled shape with curves no higher than this may be a drawn letter
DRAWN_TEXT_MIN = 8  # drawn letters in a row before their line is read by OCR


def _drawn_text_rects(page: pymupdf.Page, text_words: list) -> list[pymupdf.Rect]:
    """Lines of small filled curved shapes where the text layer has no words: text drawn as outlines."""
    shapes = []  # filled shapes of a letter's size
    for d in page.get_cdrawings():
        rect = pymupdf.Rect(d["rect"])
        if "f" not in d.get("type", "") or not 0 < rect.height <= DRAWN_GLYPH_HEIGHT:
            continue
        if rect.width > 1.5 * DRAWN_GLYPH_HEIGHT:
            continue
        shapes.append((rect, d))
    if not shapes:
        return []
    # those on no word of the text layer (Rect.intersects for all pairs at once: pages with
    # thousands of words and shapes took seconds pair by pair)
    free = np.ones(len(shapes), dtype=bool)
    if text_words:
        w = np.array([tuple(t[:4]) for t in text_words], dtype=np.float64)
        w = w[(w[:, 0] < w[:, 2]) & (w[:, 1] < w[:, 3])]  # an empty word box intersects nothing
        for start in range(0, len(shapes), 512):
            part = np.array([tuple(r) for r, _ in shapes[start:start + 512]], dtype=np.float64)
            hit = ((np.maximum(part[:, None, 0], w[None, :, 0]) < np.minimum(part[:, None, 2], w[None, :, 2]))
                   & (np.maximum(part[:, None, 1], w[None, :, 1]) < np.minimum(part[:, None, 3], w[None, :, 3])))
            free[start:start + len(part)] = ~hit.any(axis=1)
    glyphs, curved = [], []  # letters like F and W are drawn with straight lines only
    for (rect, d), keep in zip(shapes, free):
        if not keep:
            continue
        glyphs.append(rect)
        if any(item[0] == "c" for item in d["items"]):
            curved.append(rect)
    if len(curved) < DRAWN_TEXT_MIN:
        return []
    lines = _merge_rects([g + (-3, 0, 3, 0) for g in glyphs])
    return [line for line in lines
            if sum(1 for g in curved if g.intersects(line)) >= DRAWN_TEXT_MIN and line.width >= 3 * line.height]


# fonts whose glyphs are symbols (bullets, check boxes, arrows, math brackets): an unmapped glyph there is no letter
SYMBOL_FONT = re.compile(r"(?i)wingding|webding|dingbat|symbol|marlett|cmex|cmsy|msam|msbm|mt ?extra|opensymbol|"
                         r"fontawesome|emoji|bookshelf|icons?\b|glyphicons|math")


def unmapped_letters(page: pymupdf.Page, trace: list | None = None) -> bool:
    """Does the page draw glyphs without a Unicode meaning that may be letters: visible (a box with
    area; .notdef draws nothing) and in a font that is not a symbol font? Then OCR reads the page."""
    return bool(unmapped_spans(page, trace))


# a region read around a run of unmapped glyphs reaches this many of its heights along its line, so
# a word that is partly such glyphs is read whole, and this share of its height across it
UNMAPPED_REACH_ALONG = 3.0
UNMAPPED_REACH_ACROSS = 0.25
UNMAPPED_LINES = "unmapped glyphs in place"  # regions around them on a page with a readable text layer


def unmapped_spans(page: pymupdf.Page, trace: list | None = None) -> list[pymupdf.Rect]:
    """The boxes (unrotated page space) of the text runs that draw glyphs without a Unicode meaning
    that may be letters (see ``unmapped_letters``)."""
    out = []
    for span in page.get_texttrace() if trace is None else trace:  # ``trace``: the page's, read before
        # a symbol font's glyphs are no letters; invisible text (an OCR layer) draws nothing
        if SYMBOL_FONT.search(span["font"] or "") or span.get("type") == 3 or span.get("opacity", 1) == 0:
            continue
        for c in span["chars"]:
            if (c[0] == 0xFFFD or c[0] < 0x20 and c[0] not in (9, 10, 13)) and c[3][2] > c[3][0] and c[3][3] > c[3][1]:
                out.append(pymupdf.Rect(span["bbox"]))
                break
    return out


def _around_unmapped(page: pymupdf.Page, spans: list[pymupdf.Rect], whole: pymupdf.Rect) -> list[pymupdf.Rect]:
    """Regions to read around runs of unmapped glyphs, grown along their line (in the page as shown,
    where text runs left to right) so a word that is partly such glyphs is read whole."""
    grown = []
    for r in spans:
        shown = r * page.rotation_matrix
        h = max(min(shown.height, shown.width), 1.0)  # a run's height across its line
        if shown.width >= shown.height:
            g = shown + (-UNMAPPED_REACH_ALONG * h, -UNMAPPED_REACH_ACROSS * h, UNMAPPED_REACH_ALONG * h, UNMAPPED_REACH_ACROSS * h)
        else:
            g = shown + (-UNMAPPED_REACH_ACROSS * h, -UNMAPPED_REACH_ALONG * h, UNMAPPED_REACH_ACROSS * h, UNMAPPED_REACH_ALONG * h)
        grown.append((g * page.derotation_matrix) & whole)
    return _merge_rects([g for g in grown if not g.is_empty])


def _doubtful_text_layer(page: pymupdf.Page, text_words: list) -> bool:
    """Signs that the text layer may not say what the glyphs draw: a Type3 font (its glyphs are
    procedures that can draw anything), letters from too few distinct characters ("xxxx xxx"), or a
    simple font whose ToUnicode map contradicts its own glyph names (ROT13, shuffled letters)."""
    letters = [c.lower() for w in text_words for c in w[4] if c.isalnum()]
    if len(letters) >= 20 and len(set(letters)) <= 4:
        return True
    fonts = page.get_fonts()
    return any(f[2] == "Type3" for f in fonts) or any(_tounicode_contradicts(page.parent, f[0]) for f in fonts)


_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,8})>")
_CODEPAGES = {"/WinAnsiEncoding": "cp1252", "/MacRomanEncoding": "mac_roman"}
CONTRADICTIONS_MIN = 5  # letters a simple font's ToUnicode map gives otherwise than its glyph names


def _tounicode_contradicts(doc: pymupdf.Document, font: int) -> bool:
    """Does the font's ToUnicode map give other letters than its encoding's glyph names (codes of one byte)?"""
    if doc.xref_get_key(font, "Subtype")[1] not in ("/Type1", "/TrueType", "/MMType1"):
        return False
    kind, ref = doc.xref_get_key(font, "ToUnicode")
    if kind != "xref":
        return False
    by_encoding: dict[int, str] = {}
    kind, encoding = doc.xref_get_key(font, "Encoding")
    if kind == "xref":
        encoding_xref = int(encoding.split()[0])
        codepage = _CODEPAGES.get(doc.xref_get_key(encoding_xref, "BaseEncoding")[1])
        differences = doc.xref_get_key(encoding_xref, "Differences")[1]
    else:
        codepage, differences = _CODEPAGES.get(encoding), ""
    if codepage:
        by_encoding = {c: bytes([c]).decode(codepage, "replace") for c in range(33, 256)}
    code = 0
    for token in differences.strip("[]").split():
        if token.lstrip("-").isdigit():
            code = int(token)
        elif token.startswith("/"):
            by_encoding[code] = chr(pymupdf.glyph_name_to_unicode(token[1:]) or 0xFFFD)
            code += 1
    try:
        cmap = doc.xref_stream(int(ref.split()[0])) or b""
    except Exception:
        return False
    wrong = 0
    for code_hex, text_hex in _BFCHAR.findall(cmap):
        expected = by_encoding.get(int(code_hex, 16), "")
        said = unicodedata.normalize("NFKC", bytes.fromhex(text_hex.decode()).decode("utf-16-be", "replace"))
        if expected.isalnum() and said.isalnum() and said.lower() != expected.lower():
            wrong += 1
    return wrong >= CONTRADICTIONS_MIN


def _merge_rects(rects: list[pymupdf.Rect]) -> list[pymupdf.Rect]:
    """Overlapping rectangles joined. (``m |= r`` on a list item would rebind the name, not change the item.)"""
    merged: list[pymupdf.Rect] = []
    for r in sorted(rects, key=lambda r: (r.y0, r.x0)):
        r = pymupdf.Rect(r)
        for k, m in enumerate(merged):
            if m.intersects(r):
                merged[k] = m | r  # "m |= r" would rebind m and leave the list as it was
                break
        else:
            merged.append(r)
    if len(merged) < len(rects):
        return _merge_rects(merged) if len(merged) > 1 else merged
    return merged


def plan_page(page: pymupdf.Page, text_words: list | None = None, check: PictureCheck | None = None) -> list[OcrRegion]:
    """The regions of ``page`` that must be read by OCR (none for a plain text page).

    ``check``: the document's pictures looked at so far (one per document
    keeps a repeated picture from being looked at again, and counts what was
    left unread). Pictures whose letters the page does not show are read in
    their own pixels, whatever else the page needs.
    """
    check = check if check is not None else PictureCheck()
    regions = _plan_shown(page, text_words, check)
    return regions + check.hidden


def _plan_shown(page: pymupdf.Page, text_words: list | None, check: PictureCheck) -> list[OcrRegion]:
    """The regions of ``page`` read as the page shows them."""
    from woopub.reading.extract import text_layer_words

    if text_words is None:
        text_words = text_layer_words(page)
    whole = page.rect * page.derotation_matrix
    page_area = _area(whole) or 1.0
    pictures = check.pictures(page)
    traced: list = []

    def trace() -> list:  # the page's text trace, read once for the checks that look at glyphs
        if not traced:
            traced.append(page.get_texttrace())
        return traced[0]

    letters = "".join(w[4] for w in text_words)
    readable = [w for w in text_words if any(c.isalnum() for c in _UNREADABLE.sub("", w[4]))]
    if not readable:
        # no text layer to go by: a scanned page, or text drawn as curves, is read whole, whatever its
        # pictures look like (a faint scan, handwriting); a page of drawing only when it shows letters
        if pictures and _union_area([p.rect for p in pictures]) >= SCAN_SHARE * page_area:
            return [OcrRegion(tuple(whole), "scan", _scan_dpi(max(p.density for p in pictures)))]
        if letters and len(_UNREADABLE.findall(letters)) >= UNREADABLE_SHARE * len(letters):
            return [OcrRegion(tuple(whole), "unreadable text layer")]
        if unmapped_letters(page, trace()):
            return [OcrRegion(tuple(whole), "unmapped glyphs")]
        if pictures or check.drawing_has_letters(page):
            return [OcrRegion(tuple(whole), "no text layer")]
        return []
    # a text page: only the pictures that may carry text the text layer lacks are read
    text_pictures = [p for p in pictures if p.look.read]
    for p in pictures:
        if not p.look.read:
            check.skipped[p.look.reason] += 1
    if text_pictures and _union_area([p.rect for p in text_pictures]) >= SCAN_SHARE * page_area:
        return [OcrRegion(tuple(whole), "scan", _scan_dpi(max(p.density for p in text_pictures)))]
    if len(_UNREADABLE.findall(letters)) >= UNREADABLE_SHARE * len(letters):
        return [OcrRegion(tuple(whole), "unreadable text layer")]
    if _doubtful_text_layer(page, text_words):  # OCR words the text layer lacks join it
        return [OcrRegion(tuple(whole), DOUBTFUL)]
    if text_layer_suspect(page, SYMBOL_FONT, check.fonts, trace()):  # ToUnicode may lie where no glyph names tell (disagree.py)
        return [OcrRegion(tuple(whole), DOUBTFUL)]
    regions = []
    # pictures side by side (a scan cut in tiles, lines of text drawn as pictures) are read as one
    for near in _merge_rects([p.rect + (-NEAR, -NEAR, NEAR, NEAR) for p in text_pictures]):
        members = [p for p in text_pictures if p.rect.intersects(near)]
        rect = _union([p.rect for p in members]) & whole
        regions.append(OcrRegion(tuple(rect), "image", _dpi(max(p.density for p in members))))
    regions += [OcrRegion(tuple(r + (-2, -2, 2, 2)), "drawn text") for r in _drawn_text_rects(page, text_words)]
    # glyphs without a Unicode meaning on a page with a readable text layer: the letters the layer
    # lacks are where they stand, so their lines are read, not the whole page (read whole, a
    # technical drawing's circles and leader lines came out as "ZT" and "EA", taken for initials)
    regions += [OcrRegion(tuple(r), UNMAPPED_LINES) for r in _around_unmapped(page, unmapped_spans(page, trace()), whole)]
    return regions


def lying_pages(doc: pymupdf.Document) -> list[int]:
    """0-based pages whose text layer may say otherwise than their glyphs draw (the signs plan_page
    reads as "doubtful text layer"), for a pass that publishes without reading again (review/apply.py)."""
    from woopub.reading.extract import text_layer_words

    check = PictureCheck(doc)
    return [page.number for page in doc
            if _doubtful_text_layer(page, text_layer_words(page)) or text_layer_suspect(page, SYMBOL_FONT, check.fonts)]


def _dpi(pixels_per_point: float) -> int:
    """An image on a text page: read at 300 dpi, or finer when the image has finer pixels (a shrunken
    screenshot). Screen text needs enlarging to be read well."""
    return int(min(MAX_DPI, max(DPI, round(pixels_per_point * 72 / 25) * 25)))


def _scan_dpi(pixels_per_point: float) -> int:
    """A scanned page: read at its own resolution, pixel for pixel. Enlarging a 150 dpi scan to
    300 dpi read worse (bench/ocr.py: mean confidence 87 against 90, names lost) and took longer."""
    return int(min(MAX_DPI, max(MIN_SCAN_DPI, round(pixels_per_point * 72 / 25) * 25)))


@dataclass
class OcrStats:
    """What OCR did in one document, for the run's summary: pages and regions read, pictures left alone."""

    pages: int = 0  # pages read, wholly or in part
    whole_pages: int = 0  # of which read whole (scans, pages without a usable text layer)
    images: int = 0  # picture regions read on text pages
    images_skipped: dict[str, int] = field(default_factory=dict)  # picture placements not read, by reason
    drawn_pages_skipped: int = 0  # pages without a text layer whose drawing shows no letters
    look_seconds: float = 0.0  # looking at pages and pictures
    read_seconds: float = 0.0  # rendering and Tesseract

    @classmethod
    def of(cls, plans: list[tuple[pymupdf.Page, list[OcrRegion]]], check: PictureCheck, look_seconds: float,
           read_seconds: float) -> OcrStats:
        whole = sum(any(r.whole_page for r in regions) for _, regions in plans)
        images = sum(not r.whole_page for _, regions in plans for r in regions)
        return cls(len(plans), whole, images, dict(check.skipped), check.drawn_pages_skipped, look_seconds, read_seconds)

    def add(self, other: OcrStats | dict) -> None:
        other = other if isinstance(other, dict) else dataclasses.asdict(other)
        for name, value in other.items():
            if name == "images_skipped":
                for reason, n in value.items():
                    self.images_skipped[reason] = self.images_skipped.get(reason, 0) + n
            else:
                setattr(self, name, getattr(self, name) + value)


# -- reading -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OcrWord:
    box: Box  # page space (unrotated), tight around the ink as Tesseract reports it
    text: str
    confidence: float  # Tesseract's word confidence, 0..100
    line: tuple[int, int, int, int]  # (region, block, paragraph, line)

    @property
    def cover(self) -> pymupdf.Rect:
        """The box a redaction must cover: a little wider, for the blurred edge of each stroke."""
        box = pymupdf.Rect(self.box)
        pad = max(WORD_PAD, WORD_PAD_SHARE * min(box.width, box.height))
        return box + (-pad, -pad, pad, pad)


def mean_confidence(words) -> float | None:
    """Mean word confidence, weighted by word length; None when nothing was read."""
    weight = sum(len(w.text) for w in words)
    if not weight:
        return None
    return sum(w.confidence * len(w.text) for w in words) / weight


@dataclass
class PageReading:
    """What OCR read on one page."""

    page: int  # 0-based
    regions: list[OcrRegion]
    words: list[OcrWord] = field(default_factory=list)
    ink: float = 0.0  # share of ink pixels in the whole-page region read (0 when only images were read)
    rules: list[Box] = field(default_factory=list)  # table borders and other straight lines, page space
    error: str | None = None
    # SHA-256 of each region's rendered pixels, as Tesseract was given them: a later reading of the
    # same pixels (verification of a page redaction left alone) takes these words instead of reading again
    digests: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float | None:
        """Mean word confidence, weighted by word length; None when nothing was read."""
        return mean_confidence(self.words)

    def warnings(self) -> list[str]:
        """What a reviewer must check on this page by hand (1-based page numbers)."""
        n = self.page + 1
        if self.error:
            return [f"page {n}: OCR failed ({self.error}); the page could not be read: {CHECK_BY_HAND}"]
        whole = any(r.whole_page for r in self.regions)
        what = "scanned page" if whole else "image(s)"
        if whole and len(self.words) < 3 and self.ink >= INK_SHARE_UNREAD:
            return [f"page {n}: {what} without readable text (OCR read {len(self.words)} word(s)): {CHECK_BY_HAND}"]
        conf = self.confidence
        if conf is not None and conf < LOW_CONFIDENCE and (whole or len(self.words) >= MIN_WORDS_FOR_CONFIDENCE):
            return [f"page {n}: {what} read with low OCR confidence ({conf:.0f}/100): {CHECK_BY_HAND}"]
        return []


def page_picture_image(picture: pymupdf.Pixmap) -> bytes:
    """A page's colour rendering (``picture``) as the grey image Tesseract is given: one form for
    verification's reading of a page of glyphs without a Unicode meaning and the scan repair's
    reading of the page it then replaces (writing/scanned.py). The same page rendered at the same
    resolution (and unrotated: the repair reads a page unrotated) is then the same bytes, and the
    repair takes verification's words from the run's memo instead of running Tesseract on those
    pixels a second time."""
    return pymupdf.Pixmap(pymupdf.csGRAY, picture).tobytes("pnm")


def _render(page: pymupdf.Page, region: OcrRegion, rules: bool = True) -> tuple[bytes, pymupdf.Matrix, float, list[Box]]:
    """The region as a grey PNM image, the matrix from its pixels to page space, its ink share
    and (with ``rules``) its table rules (page space)."""
    if region.reason == HIDDEN_PICTURE:
        return _render_own(page, region)
    zoom = region.dpi / 72
    clip = pymupdf.Rect(region.rect) * page.rotation_matrix  # get_pixmap clips in the rotated (shown) page
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=clip, colorspace=pymupdf.csGRAY, alpha=False)
    # pixel (0, 0) is the zoomed page's point (pix.x, pix.y)
    to_page = pymupdf.Matrix(1, 0, 0, 1, pix.x, pix.y) * pymupdf.Matrix(1 / zoom, 1 / zoom) * page.derotation_matrix
    ink = 0.0
    if region.whole_page:
        ink = _ink_share(pix)
    return pix.tobytes("pnm"), to_page, ink, _rules(pix, to_page, zoom) if rules else []


def _render_own(page: pymupdf.Page, region: OcrRegion) -> tuple[bytes, pymupdf.Matrix, float, list[Box]]:
    """A hidden picture's own pixels on white (its transparency applied), enlarged to the region's
    resolution, and the matrix from them to page space through its placement."""
    xref, *placement = region.picture
    stencil = stencil_plane(page.parent, int(xref))
    if stencil is not None:  # what it paints, black on white
        pix = pymupdf.Pixmap(pymupdf.csGRAY, stencil.shape[1], stencil.shape[0], np.ascontiguousarray(stencil).tobytes(), False)
    else:
        pix = pymupdf.Pixmap(page.parent, int(xref))
        if pix.alpha:  # as it comes out of the file, transparency dropped
            pix = pymupdf.Pixmap(pix, 0)
        if pix.colorspace is None or pix.n != 1:
            pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
    place = pymupdf.Matrix(*placement)
    shown = pymupdf.Rect(0, 0, 1, 1).transform(place)
    wanted = max(shown.width, shown.height) * region.dpi / 72  # pixels along its longer side
    scale = max(1, min(8, int(round(wanted / max(pix.width, pix.height)))))
    if scale > 1:
        pix = pymupdf.Pixmap(pix, pix.width * scale, pix.height * scale, None)
    to_page = pymupdf.Matrix(1 / pix.width, 0, 0, 1 / pix.height, 0, 0) * place * page.derotation_matrix
    return pix.tobytes("pnm"), to_page, 0.0, []


def _rules(pix: pymupdf.Pixmap, to_page: pymupdf.Matrix, zoom: float) -> list[Box]:
    """Straight lines of ink at least RULE_LENGTH long: the borders of a scanned table.

    OCR words carry no table structure; these lines tell where a cell ends
    (ocr_raw_words). A neighbouring row is ORed in, so a slightly skewed scan's
    rule still reads as one run. Each line is one box (a pixel wider all
    round); horizontal and vertical lines are kept apart, so a table's grid
    stays rows and columns. (Runs joined as rectangles, pairwise, took half a
    minute on a page of long dark runs.)
    """
    ink = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width] < INK_LEVEL
    length = int(RULE_LENGTH * zoom)
    out: list[Box] = []
    for horizontal in (True, False):
        m = ink if horizontal else ink.T
        near = m.copy()
        near[1:] |= m[:-1]
        near[:-1] |= m[1:]
        for row0, col0, row1, col1 in _long_run_boxes(near, length):
            r = pymupdf.Rect(col0, row0, col1, row1)
            if not horizontal:
                r = pymupdf.Rect(r.y0, r.x0, r.y1, r.x1)
            out.append(tuple(r * to_page))
    return out


def _long_run_boxes(mask: np.ndarray, length: int) -> list[tuple[int, int, int, int]]:
    """(row0, col0, row1, col1), ends exclusive, of each group of ``mask``'s runs along a row at
    least ``length`` long that touch (8-neighbours), a pixel wider all round within the mask.

    Only the window around the long runs is filled and labelled: a page whose rules are a few
    lines (most pages) costs a few rows, not a pass over every pixel (the whole image took 0.3 s
    a region, twice per page read).
    """
    rows, cols = mask.shape
    padded = np.zeros((rows, cols + 2), dtype=bool)
    padded[:, 1:-1] = mask
    # where a pixel differs from the one before it a run starts or ends; each row begins and ends
    # outside any run, so in row-major order the changes alternate: start, end, start, end
    row, col = np.nonzero(padded[:, 1:] != padded[:, :-1])
    row, start, end = row[0::2], col[0::2], col[1::2]
    long = (end - start) >= length
    if not long.any():
        return []
    row, start, end = row[long], start[long], end[long]
    top, bottom = max(0, int(row.min()) - 1), min(rows, int(row.max()) + 2)
    left, right = max(0, int(start.min()) - 1), min(cols, int(end.max()) + 1)
    marks = np.zeros((bottom - top, right - left + 1), dtype=np.int8)
    marks[row - top, start - left] = 1  # runs do not touch: no run starts where another one ends
    marks[row - top, end - left] = -1
    runs = np.cumsum(marks, axis=1, dtype=np.int8)[:, :-1] > 0
    # a pixel wider all round: a 3 x 3 dilation, as shifts (scipy's binary_dilation took 5x longer)
    labels, _ = ndimage.label(grown_by(runs, 1))
    return [(r.start + top, c.start + left, r.stop + top, c.stop + left) for r, c in ndimage.find_objects(labels)]


def _ink_share(pix: pymupdf.Pixmap) -> float:
    samples = np.frombuffer(pix.samples_mv, dtype=np.uint8)
    step = max(1, len(samples) // 200_000)
    picked = samples[::step]
    return int(np.count_nonzero(picked < INK_LEVEL)) / max(len(picked), 1)


def read_pages(plans: list[tuple[pymupdf.Page, list[OcrRegion]]], engine: Tesseract,
               earlier: dict[int, PageReading] | None = None, rules: bool = True) -> list[PageReading]:
    """Render every region (PyMuPDF is not thread-safe), then read them all, in parallel.

    ``rules``: also find the table borders (``PageReading.rules``), which lay out the words read;
    verification, which only searches the words, does without them.

    ``earlier``: readings of these pages made before (by 0-based page). A region rendered to the
    very pixels an earlier reading gave Tesseract (same place, resolution and SHA-256) takes that
    reading's words: Tesseract reads the same pixels the same way, and takes seconds a region."""
    jobs, places = [], []
    readings = [PageReading(page.number, regions) for page, regions in plans]
    for k, (page, regions) in enumerate(plans):
        before = (earlier or {}).get(page.number)
        for r, region in enumerate(regions):
            image, to_page, ink, found = _render(page, region, rules)
            digest = hashlib.sha256(image).hexdigest()
            readings[k].digests.append(digest)
            readings[k].ink = max(readings[k].ink, ink)
            readings[k].rules += found
            same = _same_pixels(before, region, digest)
            if same is not None:
                readings[k].words += [dataclasses.replace(w, line=(r, *w.line[1:])) for w in before.words
                                      if w.line[0] == same]
                continue
            jobs.append((image, region.dpi))
            places.append((k, r, to_page))
    for (k, r, to_page), result in zip(places, engine.read_all(jobs)):
        reading = readings[k]
        if isinstance(result, Exception):
            reading.error = str(result) or type(result).__name__
            continue
        region = pymupdf.Rect(reading.regions[r].rect)
        for t in result:
            text = t.text.strip("_|")  # underscores and bars at a word's edge are specks and table rules
            if not text or _NOISE.fullmatch(text):
                continue
            box = pymupdf.Rect(t.left, t.top, t.left + t.width, t.top + t.height) * to_page
            centre = (box.tl + box.br) / 2
            if not region.contains(centre):
                continue
            for piece, part in _split_label(text, box, plans[k][0]):
                reading.words.append(OcrWord(tuple(part), piece, t.confidence, (r, *t.line)))
    return readings


def _same_pixels(before: PageReading | None, region: OcrRegion, digest: str) -> int | None:
    """The index of the region of ``before`` that read exactly these pixels, or None."""
    if before is None or before.error:
        return None
    for r, (old, old_digest) in enumerate(zip(before.regions, getattr(before, "digests", ()))):
        if old_digest == digest and old.dpi == region.dpi and _same_box(old.rect, region.rect):
            return r
    return None


def _same_box(a: Box, b: Box, tolerance: float = 0.01) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


_GLUED_LABEL = re.compile(r"([A-Z])([+0]\d.*)")  # "M06" as OCR reads "M 06 4829 1730" in a colophon


def _split_label(text: str, box: pymupdf.Rect, page: pymupdf.Page) -> list[tuple[str, pymupdf.Rect]]:
    """Split a one-letter label OCR glued to the phone number after it ("M06" -> "M", "06"),
    so the number reads as a number. Other words stay whole."""
    m = _GLUED_LABEL.fullmatch(text)
    if not m:
        return [(text, box)]
    shown = box * page.rotation_matrix  # the word runs left to right as the page is shown
    cut = shown.x0 + shown.width / len(text)
    label = pymupdf.Rect(shown.x0, shown.y0, cut, shown.y1) * page.derotation_matrix
    number = pymupdf.Rect(cut, shown.y0, shown.x1, shown.y1) * page.derotation_matrix
    return [(m.group(1), label), (m.group(2), number)]


# -- joining OCR words to the text layer ------------------------------------


def _fold(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _overlap(a: pymupdf.Rect, b: pymupdf.Rect) -> float:
    """Intersection as a share of the smaller of the two boxes."""
    inter = _area(a & b) if a.intersects(b) else 0.0
    return inter / max(min(_area(a), _area(b)), 1e-6)


def merged_raw_words(page: pymupdf.Page, text_words: list, reading: PageReading) -> tuple[list, list[OcrWord]]:
    """The text-layer words (boxes grown over their printed pixels) and the OCR words to add.

    An OCR word is already in the text layer when text-layer words overlapping
    it spell the same letters (alone, or joined: OCR may read "06-12345678"
    where the text layer has "06-" and "12345678"). Otherwise it is added:
    a poor OCR layer ("Wijnbcrg") does not hide a good reading ("Wijnberg").
    """
    grown = [list(w) for w in text_words]
    rects = [pymupdf.Rect(w[:4]) for w in text_words]
    added: list[OcrWord] = []
    for o in reading.words:
        key = _fold(o.text)
        if not key:
            continue
        box = o.cover
        near = sorted((i for i, r in enumerate(rects) if _overlap(r, box) >= 0.3), key=lambda i: rects[i].x0)
        joined = _fold("".join(text_words[i][4] for i in near))
        if near and (key == joined or (len(key) >= 3 and key in joined) or (len(joined) >= 3 and joined in key)):
            for i in near:
                g = grown[i]
                g[1], g[3] = min(g[1], box.y0), max(g[3], box.y1)
                if len(near) == 1:
                    g[0], g[2] = min(g[0], box.x0), max(g[2], box.x1)
            continue
        added.append(o)
    return [tuple(g) for g in grown], added


OCR_COLUMN_GAP = 0.9  # line heights: a wider gap between two OCR words is a cell or column border
CONTINUES_BELOW = 0.9  # line heights: the largest gap from a line to the next line of its paragraph
INDENT = 2.5  # line heights: how far a next line may start right of the one above (list items)


def ocr_raw_words(page: pymupdf.Page, words: Iterable[OcrWord], rules: Iterable[Box] = ()) -> list[tuple]:
    """OCR words in PyMuPDF's raw shape, in the shown (rotated) page, with blocks rebuilt from the layout.

    Tesseract's own blocks cut tables badly: the two lines of a phone number
    wrapped in a cell ("030 286" / "3412") land in different blocks, and cells
    of one row in one line. So its lines are cut at gaps wider than a cell
    border leaves (OCR word boxes are tight, so the gap is smaller than for
    digital text), and each piece is chained to the piece right under it that
    starts at the same x or a little indented (a list item): a column of a
    table, a paragraph, a margin colophon each become one block, read line by
    line as extraction reads digital text. A table's borders (``rules``, found
    in the scan's pixels) also end a cell: across a line and between lines.
    """
    words = list(words)
    # the layout is read with the text upright: as the page is shown, turned as far again as the
    # text stands turned on it (a page scanned upside down: ``Tesseract.read_turned``)
    shown = page.rotation_matrix * _reading_turn(page, words)
    shown_rules = [pymupdf.Rect(r) * shown for r in rules]
    across = [r for r in shown_rules if r.width >= r.height]  # rules between rows
    upright = [r for r in shown_rules if r.height > r.width]  # rules between columns
    rows: dict[tuple, list] = defaultdict(list)
    for w in words:
        rows[w.line].append((pymupdf.Rect(w.box) * shown, w.text, w.cover * page.rotation_matrix))
    pieces: list[list] = []
    for row in rows.values():
        row.sort(key=lambda item: item[0].x0)
        height = sorted(item[0].height for item in row)[len(row) // 2] or 1.0
        pieces.append([row[0]])
        for prev, item in zip(row, row[1:]):
            middle = (item[0].y0 + item[0].y1) / 2
            border = any(prev[0].x1 - 1 <= (v.x0 + v.x1) / 2 <= item[0].x0 + 1 and v.y0 <= middle <= v.y1 for v in upright)
            if border or item[0].x0 - prev[0].x1 > OCR_COLUMN_GAP * height:
                pieces.append([])
            pieces[-1].append(item)
    boxes = [_union([item[0] for item in piece]) for piece in pieces]
    slope = _skew(rows.values())  # a skewed scan's right-hand cells stand higher: read rows level
    level = [(b.y0 + b.y1) / 2 - slope * (b.x0 + b.x1) / 2 for b in boxes]
    order = []  # pieces in rows (left to right), rows top to bottom
    for i in sorted(range(len(pieces)), key=lambda i: level[i]):
        if order and level[i] - level[order[-1][0]] < 0.5 * min(boxes[i].height, boxes[order[-1][0]].height):
            order[-1].append(i)
        else:
            order.append([i])
    order = [i for row in order for i in sorted(row, key=lambda i: boxes[i].x0)]
    block_of: dict[int, int] = {}
    has_next: set[int] = set()
    for n, i in enumerate(order):
        below = boxes[i]
        h = below.height or 1.0
        best = None
        for j in reversed(order[:n]):
            above = boxes[j]
            if j in has_next or below.y0 - above.y1 > CONTINUES_BELOW * h or above.y1 > below.y0 + 0.5 * h:
                continue
            if above.x0 - 0.3 * h <= below.x0 <= above.x0 + INDENT * h and below.x0 < above.x1:
                between = (above.y1 - 1, below.y0 + 1)
                if not any(between[0] <= (r.y0 + r.y1) / 2 <= between[1] and r.x0 < below.x1 and r.x1 > below.x0 for r in across):
                    best = j
                break
        if best is None:
            block_of[i] = len(set(block_of.values()))
        else:
            block_of[i] = block_of[best]
            has_next.add(best)
    out = []
    for n, i in enumerate(order):
        for _, text, r in pieces[i]:  # the layout is read from the ink, the word box is what redaction covers
            out.append((r.x0, r.y0, r.x1, r.y1, text, block_of[i], n, 0))
    return out


# The turn that stands text upright, by the way its lines run on the shown page (y downwards)
_TURNS = {"left": pymupdf.Matrix(-1, 0, 0, -1, 0, 0), "down": pymupdf.Matrix(0, -1, 1, 0, 0, 0),
          "up": pymupdf.Matrix(0, 1, -1, 0, 0, 0)}


def _reading_turn(page: pymupdf.Page, words: list[OcrWord]) -> pymupdf.Matrix:
    """How far the words read stand turned on the shown page, as the matrix that turns them
    upright: Tesseract gives a line's words in reading order, so its first and last word tell which
    way the line runs; most words decide. Upright text, or a page with no line of two words, is not turned."""
    lines: dict[tuple, list[OcrWord]] = defaultdict(list)
    for w in words:
        lines[w.line].append(w)
    votes: Counter[str] = Counter()
    for line in lines.values():
        if len(line) < 2:
            continue
        first, last = (pymupdf.Rect(line[k].box) * page.rotation_matrix for k in (0, -1))
        dx, dy = (last.x0 + last.x1 - first.x0 - first.x1) / 2, (last.y0 + last.y1 - first.y0 - first.y1) / 2
        votes[("right" if dx > 0 else "left") if abs(dx) >= abs(dy) else ("down" if dy > 0 else "up")] += len(line)
    way = max(votes, key=lambda k: (votes[k], k == "right"), default="right")
    return _TURNS.get(way, pymupdf.Identity)


def _skew(rows: Iterable[list]) -> float:
    """The slope of the text lines (dy/dx), the median over lines of three words or more."""
    slopes = []
    for row in rows:
        if len(row) < 3:
            continue
        xs = [(item[0].x0 + item[0].x1) / 2 for item in row]
        ys = [item[0].y1 for item in row]  # the bottom of the box: the baseline, or a descender
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        var = sum((x - mx) ** 2 for x in xs)
        if var > 0:
            slopes.append(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var)
    return sorted(slopes)[len(slopes) // 2] if slopes else 0.0


def _union(rects: list[pymupdf.Rect]) -> pymupdf.Rect:
    box = pymupdf.Rect(rects[0])
    for r in rects[1:]:
        box |= r
    return box


# -- the published page's invisible text layer ------------------------------

TEXT_LAYER_FONT = "WoopubOcr"


def add_text_layer(page: pymupdf.Page, words: list[OcrWord], redacted: list[Box]) -> int:
    """Write ``words`` as invisible text (render mode 3) where they stand, except under ``redacted`` boxes.

    The published scan page stays searchable and readable by screen readers
    for every word that was not redacted. Returns the number of words written.
    """
    cut = [pymupdf.Rect(b) for b in redacted]
    # a word whose middle is under a box was redacted; a neighbour the box only grazes stays
    keep = [w for w in words if w.text.strip() and not any(c.contains(_middle(w.box)) for c in cut)]
    if not keep:
        return 0
    font = pymupdf.Font("helv")  # MuPDF's Nimbus Sans: Latin, Greek, Cyrillic; embedded with a Unicode map
    page.insert_font(fontname=TEXT_LAYER_FONT, fontbuffer=font.buffer)
    shape = page.new_shape()
    turn = pymupdf.Matrix(page.rotation)
    # Shape.insert_text looks the font up in the page's font list at every word, and that list is
    # made by walking the page's resources: a fifth of the publish pass on scanned pages. The list
    # does not change while the words are written (the font is in it now), so it is read once.
    fonts = page.get_fonts()
    page.get_fonts = lambda full=False: fonts if not full else page.parent.get_page_fonts(page.number, full=True)
    try:
        for w in keep:
            shown = pymupdf.Rect(w.box) * page.rotation_matrix
            if shown.is_empty:
                continue
            size = max(shown.height * 0.8, 1.0)
            length = font.text_length(w.text, size) or 1.0
            base = pymupdf.Point(shown.x0, shown.y1 - 0.2 * shown.height) * page.derotation_matrix
            stretch = ~turn * pymupdf.Matrix(shown.width / length, 1) * turn
            shape.insert_text(base, w.text, fontname=TEXT_LAYER_FONT, fontsize=size, rotate=page.rotation,
                              render_mode=3, morph=(base, stretch))
    finally:
        del page.get_fonts  # the page's own method again
    shape.commit()
    return len(keep)


def _middle(box: Box) -> pymupdf.Point:
    r = pymupdf.Rect(box)
    return pymupdf.Point((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2)


# -- a document --------------------------------------------------------------


def document_key(doc: pymupdf.Document) -> str | None:
    """SHA-256 of the document's file, to find its readings again in the second pass."""
    name = getattr(doc, "name", "")
    if not name or not Path(name).is_file():
        return None
    h = hashlib.sha256()
    with open(name, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
