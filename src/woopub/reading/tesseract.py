"""Tesseract, the OCR engine: its command-line program, and the memo of what it read in this run.

The engine is Tesseract's own command-line program with the Dutch model,
asked for TSV output: every word with its box and its confidence. Why not PyMuPDF's
``get_textpage_ocr`` or OCRmyPDF: neither hands back Tesseract's word
confidence, which is how a page that could not be read well is found and
shown to a reviewer (see README, "Scans and OCR"). A picture with light ink
beside dark, or light letters on a dark field, is read a second time
(``pictures.second_reading``) and the words joined (``with_light_words``).
"""

from __future__ import annotations

import dataclasses
import glob
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path


from woopub.errors import InputError
from woopub.files import write_atomic
from woopub.reading.pictures import second_reading

LANGUAGE = "nld"
MIN_WORDS_FOR_CONFIDENCE = 5  # an image with fewer words read (a photo, a logo) is not judged
TIMEOUT = 300  # seconds for one region
PSM = "3"  # Tesseract's page segmentation: fully automatic, the image read as it stands
PSM_TURNED = "1"  # ... with orientation detection first: a reading with low confidence is tried so again
# mean word confidence below which a reading (of MIN_WORDS_FOR_CONFIDENCE words or more) is tried again
# turned: scans read upside down or turned the wrong quarter came out at 15-34; of 500 readings of the
# first 56 documents of ../shared/realpdf 50 are below LOW_CONFIDENCE (each a second reading of 2-8 s)
# and 18 below this (3 of them read better so, upright)
TURNED_BELOW = 50.0
# Light ink beside dark (a greyed-out form field, a mail client's grey "Van:" line): Tesseract
# binarises an image with one threshold (Otsu) that keeps the dark ink and drops ink lighter than it
# (grey 185 beside black is read as paper). An image whose light ink alone, away from the dark ink's
# anti-aliased edges, holds a row of letters is read a second time with that ink made dark.
LIGHT_BLOCK = 10_000  # added to the block number of a line found only in the second reading


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


# -- what Tesseract read, kept for the run ----------------------------------

# What Tesseract read, by ``Tesseract._memo_key``, in the run's folder (internal: OCR text is personal
# data), shared by every worker of the run on this machine: the scan pass, the verification of the
# published file and the closing verification of the package's stamped copy render a picture that
# redaction left alone to the very same pixels, and read it once instead of three times. Only a folder
# that exists is used (the run removes it at its end: later reads in this process read again).
_memo: list[Path | None] = [None]


def remember_ocr_in(folder) -> None:
    """Keep what Tesseract reads in ``folder`` (made by the run), or nowhere (None)."""
    _memo[0] = Path(folder) if folder else None


def memo_folder() -> Path | None:
    """The run's memo folder (``remember_ocr_in``), or None: nothing is kept."""
    return _memo[0]


def memo_path(key: str) -> Path | None:
    folder = _memo[0]
    return folder / f"{key}.tsv" if folder is not None and folder.is_dir() else None


def _memo_get(key: str) -> list[TsvWord] | None:
    path = memo_path(key)
    if path is None:
        return None
    try:
        return parse_tsv(path.read_text("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):  # not there (yet), or cut short: read again
        return None


def _memo_put(key: str, words: list[TsvWord]) -> None:
    path = memo_path(key)
    if path is None:
        return
    # written as Tesseract's own TSV (12 columns, words only): parse_tsv reads it back unchanged
    rows = ["level\tpage\tblock\tpar\tline\tword\tleft\ttop\twidth\theight\tconf\ttext"]
    rows += [f"5\t1\t{w.line[0]}\t{w.line[1]}\t{w.line[2]}\t0\t{w.left}\t{w.top}\t{w.width}\t{w.height}\t"
             f"{w.confidence!r}\t{w.text}" for w in words]
    memo_write(path, "\n".join(rows).encode("utf-8"))


def memo_write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data, mode=0o600)
    except OSError:  # no room: the next reading reads (looks, decodes) again
        pass


def mean_confidence(words) -> float | None:
    """Mean word confidence, weighted by word length; None when nothing was read."""
    weight = sum(len(w.text) for w in words)
    if not weight:
        return None
    return sum(w.confidence * len(w.text) for w in words) / weight
