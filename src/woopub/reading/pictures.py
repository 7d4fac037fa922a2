"""Which pictures may carry text: the cheap look before OCR.

Tesseract takes one to three seconds for a picture; most pictures in real
documents carry no text at all (a slide's background, a photo, a coloured
band, an icon). So each picture is looked at first, in its own pixels (the
image as stored, not the page around it: text drawn over a background is in
the text layer already), in a few milliseconds:

  too small   smaller on the page than a word could be printed legibly
  plain       no contrast: one colour, or a smooth gradient
              (faint contrast counts: a picture whose every mark is light,
              light grey or yellow on white, is looked at stretched to its
              own range, as OCR's thresholding reads it)
  no letters  contrast, but no row of letter-sized marks: a photo, a chart's
              bars, a logo's emblem, a shape

Everything else is read. The test errs on the side of reading: a row of
three marks of letter size and shape, side by side at one height (either
way up, for text turned a quarter), is enough. That is what a one-line
screenshot, an e-mail header pasted as a picture, a scanned signature
block's printed name, a diagram's labels and a page scan all have, and what
gradients, flat logos and most photos do not. Where the pixels cannot be
had (an inline image, an undecodable stream) the picture is read.

A picture read holding light ink beside dark ink (a grey value beside a black
label) is read a second time with the light ink darkened (``darkened_light_ink``):
Tesseract's one threshold for an image keeps the dark ink and drops the light.
"""

from __future__ import annotations

import hashlib

from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pymupdf
from pymupdf import mupdf
from scipy import ndimage

# the reasons a picture is not read by OCR, as the run summary names them
TOO_SMALL = "too small"
PLAIN = "plain or gradient"
NO_LETTERS = "no letters (photo, shape, chart)"

MAX_DECODE = 40_000_000  # pixels: a larger picture is looked at as the page shows it, not decoded whole
MAX_PIXELS = 4_000_000  # larger pictures are looked at binned down to about this many pixels
CONTRAST = 48  # grey levels between a stroke and its surroundings
# grey levels: a picture with less contrast than this in all is plain; one with more but less than
# CONTRAST is looked at stretched to full contrast (Tesseract reads grey 250 text on white, and a
# reader reads CSS lightgray, 211, or yellow, 229 in grey; both were published unread)
FAINT = 4
STROKE_WINDOW = 15  # pixels: strokes narrower than this are found at each scale
PYRAMID_LEVELS = 3  # scales looked at: 1, 1/2, 1/4 (letters with strokes up to ~60 pixels)
MIN_LETTER_PX = 4  # pixels: a smaller letter cannot be read, even enlarged
MAX_LETTER_SHARE = 1.0  # of the picture's height (or width): a tightly cropped line's letters fill it
MAX_WORD_WIDTH = 12.0  # letter heights: letters of a word joined by anti-aliasing, at most this wide
MIN_FILL = 0.08  # share of its box a letter's ink fills, at least ...
MAX_FILL = 0.9  # ... and at most, unless it is a bar
THIN = 0.4  # a mark at most this wide for its height (or high for its width) is a bar
ROW_MARKS = 2  # marks in a row, at least, that make a line of text ...
ROW_LETTERS = 3  # ... holding this many letters
ROW_SAME = 1.15  # marks all of one size, within this ratio, are a pattern, not writing
RUN_TOGETHER = 1.2  # a mark wider than this many times its height may be letters run together ...
STROKES_PER_LETTER = 2  # ... one letter for every two strokes its middle line crosses
WORD_LETTERS = 3  # a single mark of this many letters run together is a word
ROW_GAP = 1.5  # letter heights: the widest gap between two letters (or words) of a row
ROW_HEIGHTS = 2.0  # the largest ratio of heights of neighbours in a row ("a" beside "l", capitals)
ROW_KERN = 0.25  # letter heights: how far a letter may reach back over the one before it (italics, kerning)
ROW_ALIGN = 0.15  # letter heights: neighbours in a row stand on one baseline or hang from one top line, within this
ALIGN_PX = 1.5  # ... or within this many pixels (small letters, anti-aliased)
STROKE = 0.4  # a letter's stroke is at most this share of its height wide (a small bold "o" included)
MIN_STROKE_PX = 3  # ... or this many pixels, for letters a few pixels high
MAX_MARKS = 60_000  # more letter-sized marks than this (noise, a dithered photo): read it rather than guess
HELD_BYTES = 64_000_000  # stored image bytes ImageDigests keeps alive with their digests, at most


@dataclass(frozen=True, slots=True)
class Look:
    """What the cheap look found: whether to read the picture, and if not, why not."""

    read: bool
    reason: str = ""  # one of the reasons above when not read
    letters: int = 0  # the longest row of letter-sized marks found


class ImageDigests:
    """The digest of each picture's pixels, as PyMuPDF gives it (``get_image_info(hashes=True)``,
    ``Pixmap(doc, xref).digest``: the MD5 of the image decoded whole) and, for an image with a soft
    mask or a stencil mask, of the mask's too (PyMuPDF's leaves the mask out), computed once per
    image MuPDF holds instead of once per placement and once more per image object.

    MuPDF loads an image object once and shows that one image wherever it is placed; the same image
    decoded the same way gives the same pixels, so its digest is known by the image itself. An image
    is kept alive (its stored bytes, up to ``HELD_BYTES``) while its digest is: its address cannot
    then be another image's. One per document, pages read, not changed, in between.
    """

    def __init__(self, held_bytes: int = HELD_BYTES, known=None):
        self._held: OrderedDict[int, tuple[object, bytes, int]] = OrderedDict()  # address -> image, digest, bytes
        self._bytes, self._budget = 0, held_bytes
        self.decoded = 0  # images decoded for a digest (the rest known)
        # ``known``: digests found before (another pass of the run) by a key of the image object's
        # bytes: ``key(doc, xref)`` (None: no key), ``get(key)`` (None: not known), ``put(key, digest)``
        self.known = known
        self._keys: dict[int, str | None] = {}  # image object -> its key (the document is not changed meanwhile)

    def page_infos(self, page: pymupdf.Page) -> list[dict]:
        """``page.get_image_info(hashes=True)``, kept with the page as PyMuPDF keeps it."""
        kept = getattr(page, "_image_info", None)
        if kept:
            return kept
        textpage = page.get_textpage(flags=pymupdf.TEXT_PRESERVE_IMAGES)
        infos = textpage.extractIMGINFO(hashes=False)
        images = [block.i_image() for block in textpage.this if block.m_internal.type != mupdf.FZ_STEXT_BLOCK_TEXT]
        objects = {}
        if self.known is not None and any(image.m_internal_value() not in self._held for image in images):
            objects = self._objects(page)
        for info, image in zip(infos, images, strict=True):
            info["digest"] = self._digest(image, page.parent, objects.get(image.m_internal_value(), (0,))[0])
            if info["size"] == 0:  # as PyMuPDF reports it with digests: the decoded size
                info["size"] = image.w() * image.h() * image.n()
        del textpage
        page._image_info = infos
        return infos

    def of_xref(self, doc: pymupdf.Document, xref: int) -> bytes:
        """``pymupdf.Pixmap(doc, xref).digest``; raises where that raises (not an image, pixels MuPDF
        will not hand over)."""
        pdf = pymupdf._as_pdf_document(doc)
        if not 1 <= xref < mupdf.pdf_xref_len(pdf):
            raise ValueError("bad xref")
        ref = mupdf.pdf_new_indirect(pdf, xref, 0)
        kind = mupdf.pdf_dict_get(ref, mupdf.PDF_ENUM_NAME_Subtype)
        if not any(mupdf.pdf_name_eq(kind, name) for name in (mupdf.PDF_ENUM_NAME_Image, mupdf.PDF_ENUM_NAME_Alpha,
                                                               mupdf.PDF_ENUM_NAME_Luminosity)):
            raise ValueError("not an image")
        return self._digest(mupdf.pdf_load_image(pdf, ref), doc, xref)

    def _objects(self, page: pymupdf.Page) -> dict[int, tuple[int, object]]:
        """The page's image objects by the address of the image MuPDF loaded for each (the one a
        placement shows, while MuPDF keeps it): xref and image, kept alive while the page is read."""
        pdf = pymupdf._as_pdf_document(page.parent)
        out = {}
        for item in page.get_images(full=True):
            try:
                image = mupdf.pdf_load_image(pdf, mupdf.pdf_new_indirect(pdf, item[0], 0))
            except Exception:  # not loadable: its placements are decoded, as before
                continue
            out.setdefault(image.m_internal_value(), (item[0], image))
        return out

    def _digest(self, image, doc: pymupdf.Document | None = None, xref: int = 0) -> bytes:
        """``image``'s digest; ``xref``: the object it was loaded from (0: not known)."""
        address = image.m_internal_value()
        held = self._held.get(address)
        if held is not None:
            self._held.move_to_end(address)
            return held[1]
        key = self.key(doc, xref) if xref > 0 else None
        digest = self.known.get(key) if key else None
        if digest is None:
            digest = self._decoded_digest(image)
            if key:
                self.known.put(key, digest)
        self._hold(address, image, digest)
        return digest

    def key(self, doc: pymupdf.Document, xref: int) -> str | None:
        """``known``'s key of image object ``xref`` (None: no key, or no ``known``), computed once."""
        if self.known is None:
            return None
        if xref not in self._keys:
            self._keys[xref] = self.known.key(doc, xref)
        return self._keys[xref]

    def _decoded_digest(self, image) -> bytes:
        digest = _pixels_digest(image)
        mask = image.mask()
        if mask.m_internal:
            # MuPDF's digest is of the colour alone: a black picture whose soft mask holds a name and
            # one whose mask holds a shape would be one picture, and share one look (one left unread)
            digest = hashlib.md5(digest + _pixels_digest(mask)).digest()
        self.decoded += 1
        return digest

    def _hold(self, address: int, image, digest: bytes) -> None:
        stored = mupdf.fz_compressed_image_buffer(image)
        size = stored.fz_compressed_buffer_size() if stored.m_internal else image.w() * image.h() * image.n()
        self._held[address] = (image, digest, size)
        self._bytes += size
        while self._bytes > self._budget and len(self._held) > 1:  # the oldest let go, its address with it
            _, (_, _, gone) = self._held.popitem(last=False)
            self._bytes -= gone


def _pixels_digest(image) -> bytes:
    """The MD5 of an image decoded whole, as PyMuPDF's digests are (``Pixmap.digest``)."""
    everywhere = mupdf.FzIrect(pymupdf.FZ_MIN_INF_RECT, pymupdf.FZ_MIN_INF_RECT,
                               pymupdf.FZ_MAX_INF_RECT, pymupdf.FZ_MAX_INF_RECT)
    pix, _, _ = mupdf.fz_get_pixmap_from_image(image, everywhere, mupdf.FzMatrix(image.w(), 0, 0, image.h(), 0, 0))
    return bytes(mupdf.fz_md5_pixmap2(pix))


def grey_planes(doc: pymupdf.Document, xref: int) -> list[np.ndarray] | None:
    """The picture's pixels as grey arrays: its colour, and its transparency if it has any (a soft
    mask, an explicit mask image, a colour key).

    Text may be in either: a logo's lettering is often a one-colour image
    whose letters are only in the mask; a picture whose paper is masked by a
    colour key may draw its letters in a colour next to the paper's (a
    transparent PNG's background is often black). None when the pixels cannot be had.
    """
    try:
        if doc.xref_get_key(xref, "ImageMask")[1] == "true":  # a stencil: its look is the colour it paints with
            return None
        width, height = (int(doc.xref_get_key(xref, k)[1] or 0) for k in ("Width", "Height"))
        if width * height > MAX_DECODE:  # decoded whole it would take too much memory: look at it as shown
            return None
        pix = pymupdf.Pixmap(doc, xref)
        planes = [grey_of(pix)]
        if pix.alpha:  # a colour key (/Mask [min max]) masks it: the letters may be only in what it lets through
            planes.append(_alpha_of(pix))
        for key in ("SMask", "Mask"):  # a soft mask, or an explicit mask (a stencil image)
            mask = doc.xref_get_key(xref, key)
            if mask[0] == "xref":
                planes.append(_mask_plane(pymupdf.Pixmap(doc, int(mask[1].split()[0]))))
    except Exception:  # an odd stream MuPDF renders but will not hand over: look at it by OCR
        return None
    return planes


def grey_of(pix: pymupdf.Pixmap) -> np.ndarray:
    """A pixmap's pixels as a grey array (its own colours; transparency dropped)."""
    if pix.alpha:
        pix = pymupdf.Pixmap(pix, 0)
    if pix.colorspace is None or pix.n > 1:
        pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)[:, : pix.width]


def _alpha_of(pix: pymupdf.Pixmap) -> np.ndarray:
    """A pixmap's transparency as a grey array."""
    samples = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)
    return samples[:, pix.n - 1: pix.width * pix.n: pix.n]


def stencil_plane(doc: pymupdf.Document, xref: int) -> np.ndarray | None:
    """A stencil mask's (/ImageMask) own pixels as a grey array, what it paints black on white, as
    an image extractor shows it. None for any other image."""
    try:
        if doc.xref_get_key(xref, "ImageMask")[1] != "true":
            return None
        return 255 - _alpha_of(pymupdf.Pixmap(doc, xref))
    except Exception:
        return None


def _mask_plane(pix: pymupdf.Pixmap) -> np.ndarray:
    """A mask image's pixels as a grey array: a stencil (/ImageMask) comes as transparency alone."""
    return _alpha_of(pix) if pix.alpha and pix.n == 1 else grey_of(pix)


def look(planes: list[np.ndarray]) -> Look:
    """Whether any of a picture's grey planes may carry text (see the module's note)."""
    best = Look(False, PLAIN)
    for grey in planes:
        found = _look(_binned(grey))
        if found.read:
            return found
        if best.reason == PLAIN:
            best = found
    return best


def _binned(grey: np.ndarray) -> np.ndarray:
    h, w = grey.shape
    k = int(np.ceil(np.sqrt(h * w / MAX_PIXELS)))
    if k <= 1:
        return grey
    h, w = h // k * k, w // k * k
    return grey[:h, :w].reshape(h // k, k, w // k, k).mean(axis=(1, 3))


def _look(grey: np.ndarray) -> Look:
    if grey.size == 0:
        return Look(False, PLAIN)
    low, high = float(grey.min()), float(grey.max())
    if high - low < FAINT:
        return Look(False, PLAIN)
    if high - low < CONTRAST:  # faint marks only: their contrast is the picture's own, as OCR's threshold finds it
        grey = (grey.astype(np.float32) - low) * (255.0 / (high - low))
    longest = 0
    marked = False
    for g in _pyramid(grey.astype(np.float32)):
        # strokes: darker (lighter) than what closing (opening) the picture over a few strokes' width
        # leaves; a large shape or a gradient stays in both and is no stroke
        for ink in (ndimage.grey_closing(g, size=STROKE_WINDOW) - g > CONTRAST,
                    g - ndimage.grey_opening(g, size=STROKE_WINDOW) > CONTRAST):
            if not ink.any():
                continue
            marked = True
            found = _letter_marks(ink)
            if found is None:  # too many to judge: read it
                return Look(True, letters=ROW_LETTERS)
            upright, sideways = found
            longest = max(longest, _longest_row(upright), _longest_row(sideways[:, [1, 0, 3, 2, 4]]))
            if longest >= ROW_LETTERS:
                return Look(True, letters=longest)
    return Look(False, NO_LETTERS if marked else PLAIN, longest)


def has_letter_row(ink: np.ndarray) -> bool:
    """Whether a mask of ink (one level of a picture's ink, say) holds a row of letter-sized marks,
    as ``look`` judges the strokes it finds (too many marks to judge counts as a row)."""
    found = _letter_marks(ink)
    if found is None:
        return True
    upright, sideways = found
    return max(_longest_row(upright), _longest_row(sideways[:, [1, 0, 3, 2, 4]])) >= ROW_LETTERS


def _pyramid(g: np.ndarray):
    """The picture, then halved, and halved again: thick letters are strokes at a coarser scale."""
    for level in range(PYRAMID_LEVELS):
        if min(g.shape) < 2 * MIN_LETTER_PX:
            return
        yield g
        h, w = g.shape[0] // 2 * 2, g.shape[1] // 2 * 2
        g = g[:h, :w].reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))


def _letter_marks(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The marks of letter size and shape, upright and turned a quarter, as rows of (x0, y0, x1, y1,
    letters), or None when there are too many to judge.

    A letter is a stroke: thin for its height. A solid shape, or a piece of
    one, is not (a bullet, an emblem's field, a figure in a pictogram); nor
    is a bar lying across the line (a rule, a dash). A mark wider than it is
    high may be letters run together (small anti-aliased text): it counts
    one letter per two strokes its middle line crosses.
    """
    labels, count = ndimage.label(ink, structure=np.ones((3, 3), dtype=bool))
    if count == 0:
        return np.zeros((0, 5)), np.zeros((0, 5))
    slices = ndimage.find_objects(labels)
    box = np.array([(s[1].start, s[0].start, s[1].stop, s[0].stop) for s in slices], dtype=np.float64)
    area = np.bincount(labels.ravel(), minlength=count + 1)[1:]
    w, h = box[:, 2] - box[:, 0], box[:, 3] - box[:, 1]
    rows, cols = ink.shape
    fill = area / (w * h)
    shaped = fill >= MIN_FILL
    # "l", "I", "1" fill their box; otherwise a full box is a block, or a bar across the line (a rule)
    upright = shaped & ((fill <= MAX_FILL) | (w <= THIN * h))
    sideways = shaped & ((fill <= MAX_FILL) | (h <= THIN * w))
    upright &= (h >= MIN_LETTER_PX) & (h <= MAX_LETTER_SHARE * rows) & (w <= MAX_WORD_WIDTH * h)
    sideways &= (w >= MIN_LETTER_PX) & (w <= MAX_LETTER_SHARE * cols) & (h <= MAX_WORD_WIDTH * w)
    keep = upright | sideways
    if keep.sum() > MAX_MARKS:
        return None
    if keep.any():
        # the stroke width: twice the farthest an ink pixel of the mark lies from its edge, less one
        depth = ndimage.distance_transform_cdt(ink, metric="chessboard")
        stroke = 2 * _max_per_label(depth, labels, count) - 1
        upright &= stroke <= np.maximum(MIN_STROKE_PX, STROKE * h)
        sideways &= stroke <= np.maximum(MIN_STROKE_PX, STROKE * w)
    return (_with_letters(box, upright, labels, slices, across=True),
            _with_letters(box, sideways, labels, slices, across=False))


def _max_per_label(values: np.ndarray, labels: np.ndarray, count: int) -> np.ndarray:
    """The largest value under each label 1..count (ndimage.maximum sorts every pixel: slower)."""
    where = labels > 0
    out = np.zeros(count + 1, dtype=values.dtype)
    np.maximum.at(out, labels[where], values[where])
    return out[1:]


def _with_letters(box: np.ndarray, keep: np.ndarray, labels: np.ndarray, slices: list, across: bool) -> np.ndarray:
    """The kept boxes with a fifth column: the letters each mark holds."""
    kept = box[keep]
    letters = np.ones(len(kept))
    w, h = kept[:, 2] - kept[:, 0], kept[:, 3] - kept[:, 1]
    long, short = (w, h) if across else (h, w)
    for k in np.flatnonzero(long > RUN_TOGETHER * short):
        i = int(np.flatnonzero(keep)[k])
        mark = labels[slices[i]] == i + 1
        line = mark[mark.shape[0] // 2, :] if across else mark[:, mark.shape[1] // 2]
        strokes = int(np.count_nonzero(np.diff(line.astype(np.int8)) == 1) + line[0])
        letters[k] = max(1, round(strokes / STROKES_PER_LETTER))
    return np.column_stack([kept, letters])


def _longest_row(boxes: np.ndarray) -> int:
    """The most letters in one row of marks: similar heights, one baseline or top line, small gaps,
    each beside the one before it rather than over it."""
    n = len(boxes)
    if n == 0:
        return 0
    b = boxes[np.argsort(boxes[:, 0], kind="stable")]
    x0s, y0s, x1s, y1s = (b[:, k].tolist() for k in range(4))
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        x1, y0, y1 = x1s[i], y0s[i], y1s[i]
        h = y1 - y0
        start = bisect_left(x0s, x1 - ROW_KERN * h)
        stop = bisect_left(x0s, x1 + ROW_GAP * ROW_HEIGHTS * h + 1, lo=start)  # the next may be taller
        for j in range(start, stop):
            if j == i:
                continue
            v0, v1 = y0s[j], y1s[j]
            hj = v1 - v0
            low, high = (h, hj) if h < hj else (hj, h)
            if high > ROW_HEIGHTS * low or x0s[j] < x1 - ROW_KERN * low or x0s[j] - x1 > ROW_GAP * high:
                continue
            if min(abs(v1 - y1), abs(v0 - y0)) > max(ALIGN_PX, ROW_ALIGN * high):  # neither one baseline nor one top line
                continue
            parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return max(_letters(b[g]) for g in groups.values())


def _letters(row: np.ndarray) -> int:
    """How many letters a row of marks holds, 0 when it is a pattern rather than writing.

    Writing mixes letters of several sizes; a row of marks all of one size
    (a building's windows, a fence, the teeth of a comb) is a pattern. A
    single mark is writing only when it holds a word run together.
    """
    w, h = row[:, 2] - row[:, 0], row[:, 3] - row[:, 1]
    if len(row) > 2 and w.max() < ROW_SAME * w.min() and h.max() < ROW_SAME * h.min():
        return 0
    letters = int(row[:, 4].sum())
    if len(row) < ROW_MARKS and letters < WORD_LETTERS:
        return 0
    return letters


# -- light ink beside dark ink (Tesseract's one threshold drops the light) ---------------------------

LIGHT_GAP = 40  # grey levels: ink at least this much darker than the paper, but lighter than Otsu's threshold
NEAR_DARK_PX = 2  # pixels: light pixels this close to dark ink are its anti-aliased edge
LIGHT_LOOK_PIXELS = 2_000_000  # a larger image is looked at for light ink halved (a page at 300 dpi: 8.7 million)
LIGHT_ROW_PIXELS = 2  # light pixels a row of the image (as looked at) holds, at least, to be read again ...
LIGHT_ROW_PAD = 6  # ... with this many rows above and below it (the rest of a dark label, a grey letter's dark core)
SOLID = 0.5  # share of its box a mark of dark ink fills, at least, to be a field (a band, a box) rather than letters
MIN_FIELD_PX = 8  # pixels (as looked at): a dark field lower or narrower than this holds no letter (MIN_LETTER_PX and a rim)


@dataclass(frozen=True, slots=True)
class SecondReading:
    """An image to read a second time: its light ink darkened, its dark fields' light letters inverted."""

    image: bytes  # a grey PNM of the image's size
    # the dark fields inverted in it, (x0, y0, x1, y1) in the image's pixels: where the first reading
    # saw the field as ink, so its words there may be garbage the second reading's replace
    fields: tuple[tuple[int, int, int, int], ...] = ()


def darkened_light_ink(image: bytes) -> bytes | None:
    """``image`` (a grey PNM, as regions are rendered) with its light ink made dark, when it holds
    light ink that Tesseract's one threshold drops: ink lighter than the threshold Otsu's method
    puts between the dark ink and the paper, at least ``LIGHT_GAP`` darker than the paper, and
    (away from the dark ink's anti-aliased edges) a row of letters. None otherwise: most images
    hold one ink, or light marks that are no writing (shading, a photo's mid-tones).

    Only the rows that hold light ink are kept, the rest made paper: Tesseract's time goes by the
    text it is given. The dark ink in those rows stays (a label beside its value; the dark core of
    a grey scanned letter, which a reading of the light ink alone broke: 'SU_* TI' for 'SUKARTI')."""
    found = _split(image)
    if found is None:
        return None
    grey, small, scale, counts, threshold = found
    light = _light_ink(small, counts, threshold)
    return None if light is None else _kept_rows(light[0][grey], light[1], scale)


def second_reading(image: bytes) -> SecondReading | None:
    """What to read a second time in ``image`` (a grey PNM), or None (most images): its light ink
    darkened, as ``darkened_light_ink`` (the same image when it holds no dark field), and the light
    letters of its dark fields (``_dark_fields``) made dark on light, the rows of both kept.

    Tesseract binarises a field darker than its threshold into ink and the light letters on it into
    paper. A line of such letters alone (a title bar, a dark-mode screenshot) it reads inverted by
    itself; beside black text on the paper, on one line (a form's label, its value in a dark field),
    it read the value as garbage ('BSE RW ilalel=ee' for a name)."""
    found = _split(image)
    if found is None:
        return None
    grey, small, scale, counts, threshold = found
    light = _light_ink(small, counts, threshold)
    fields = _dark_fields(small, threshold)
    if light is None and fields is None:
        return None
    out = light[0][grey] if light is not None else grey.copy()
    rows = light[1] if light is not None else np.zeros(small.shape[0], dtype=bool)
    boxes = []
    for (x0, y0, x1, y1), filled, table in fields or ():
        rows[y0:y1] |= filled.any(axis=1)
        big = np.repeat(np.repeat(filled, scale, axis=0), scale, axis=1)
        box = (slice(y0 * scale, y0 * scale + big.shape[0]), slice(x0 * scale, x0 * scale + big.shape[1]))
        big = big[:out[box].shape[0], :out[box].shape[1]]  # (the last odd row or column of a halved image)
        out[box][big] = table[grey[box][big]]
        boxes.append((x0 * scale, y0 * scale, x1 * scale, y1 * scale))
    return SecondReading(_kept_rows(out, rows, scale), tuple(boxes))


def _split(image: bytes):
    """A PNM's pixels, as looked at (halved when large), its histogram and Otsu's threshold; None
    for an image that is not a grey PNM or holds one grey level (a blank region: no ink at all)."""
    grey = _pnm_grey(image)
    if grey is None or grey.size == 0:
        return None
    counts = np.bincount(grey.ravel(), minlength=256)
    if np.count_nonzero(counts) < 2:
        return None
    scale = 2 if grey.size > LIGHT_LOOK_PIXELS else 1  # a page: its letters are large enough halved
    small = _halved(grey) if scale == 2 else grey
    return grey, small, scale, counts, _otsu(counts)


def _light_ink(small: np.ndarray, counts: np.ndarray, threshold: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The grey table that makes the light ink dark, and the rows (as looked at) that hold it."""
    paper = threshold + int(np.argmax(counts[threshold:]))
    if paper - LIGHT_GAP <= threshold or counts[threshold + 1:paper - LIGHT_GAP + 1].sum() == 0:
        return None
    light = (small > threshold) & (small <= paper - LIGHT_GAP) & ~grown_by(small <= threshold, NEAR_DARK_PX)
    if not light.any() or not has_letter_row(light):
        return None
    # the light ink's own level becomes black, the paper white, darker ink stays black
    level = float(np.median(small[light]))
    stretch = np.clip((np.arange(256, dtype=np.float32) - level) * (255.0 / (paper - level)), 0, 255)
    return stretch.astype(np.uint8), np.count_nonzero(light, axis=1) >= LIGHT_ROW_PIXELS


def _dark_fields(small: np.ndarray, threshold: int) -> list | None:
    """The dark fields that hold a row of light letters, each as its box (x0, y0, x1, y1, as looked
    at), its mask in that box (the field with what it encloses) and the grey table that makes its
    letters black on white; None without such a field.

    A field is a mark of ink (at or below Otsu's threshold) that fills at least ``SOLID`` of its
    box and is at least ``MIN_FIELD_PX`` each way: a band, a box, a dark-mode window, not a letter
    (letters fill less, their counters are single holes). Its letters are the light it encloses,
    a row of letters by ``has_letter_row``."""
    dark = small <= threshold
    labels, count = ndimage.label(dark, structure=np.ones((3, 3), dtype=bool))
    if count == 0:
        return None
    slices = ndimage.find_objects(labels)
    h = np.array([s[0].stop - s[0].start for s in slices])
    w = np.array([s[1].stop - s[1].start for s in slices])
    area = np.bincount(labels.ravel(), minlength=count + 1)[1:]
    solid = (area >= SOLID * h * w) & (h >= MIN_FIELD_PX) & (w >= MIN_FIELD_PX) & (area < h * w)
    fields = []
    for i in np.flatnonzero(solid):
        box = slices[i]
        field = labels[box] == i + 1
        filled = ndimage.binary_fill_holes(field)
        letters = filled & ~dark[box]  # the light it encloses (a letter's dark counter is no hole)
        if not letters.any() or not has_letter_row(letters):
            continue
        # the field's own level becomes white, its letters' black (a mid-grey field inverted stays grey)
        ground, ink = float(np.median(small[box][field])), float(np.percentile(small[box][letters], 90))
        stretch = np.clip((ink - np.arange(256, dtype=np.float32)) * (255.0 / max(ink - ground, 1.0)), 0, 255)
        fields.append(((box[1].start, box[0].start, box[1].stop, box[0].stop), filled, stretch.astype(np.uint8)))
    return fields or None


def _kept_rows(out: np.ndarray, rows: np.ndarray, scale: int) -> bytes:
    """``out`` as a grey PNM with only ``rows`` (as looked at) kept, each with ``LIGHT_ROW_PAD`` rows
    above and below it (the rest of a dark label, a grey letter's dark core), the rest made paper."""
    rows = np.convolve(rows, np.ones(2 * LIGHT_ROW_PAD + 1), mode="same") > 0
    rows = np.repeat(rows, scale)
    out[:len(rows)][~rows] = 255
    out[len(rows):] = 255
    h, w = out.shape
    return f"P5\n{w} {h}\n255\n".encode("ascii") + out.tobytes()


def grown_by(mask: np.ndarray, pixels: int) -> np.ndarray:
    """``mask`` grown by ``pixels`` all round (8-neighbours), as shifts."""
    for _ in range(pixels):
        grown = mask.copy()
        grown[1:] |= mask[:-1]
        grown[:-1] |= mask[1:]
        wide = grown.copy()
        wide[:, 1:] |= grown[:, :-1]
        wide[:, :-1] |= grown[:, 1:]
        mask = wide
    return mask


def _halved(grey: np.ndarray) -> np.ndarray:
    """Each 2 x 2 pixels' mean (as four slices: numpy's mean over a reshaped array took 5x longer)."""
    h, w = grey.shape[0] // 2 * 2, grey.shape[1] // 2 * 2
    g = grey[:h, :w].astype(np.uint16)
    return ((g[0::2, 0::2] + g[1::2, 0::2] + g[0::2, 1::2] + g[1::2, 1::2]) / 4).astype(np.float32)


def _pnm_grey(image: bytes) -> np.ndarray | None:
    """The pixels of a binary grey PNM (P5, 8 bits), or None for any other image."""
    parts = image[:64].split(maxsplit=4)
    if len(parts) < 5 or parts[0] != b"P5" or parts[3] != b"255":
        return None
    w, h = int(parts[1]), int(parts[2])
    if len(image) < w * h + len(b"P5 1 1 255 "):
        return None
    return np.frombuffer(image, dtype=np.uint8, offset=len(image) - w * h).reshape(h, w)


def _otsu(counts: np.ndarray) -> int:
    """The grey level Otsu's method splits a histogram at (ink at or below it), as Tesseract binarises."""
    levels = np.arange(len(counts), dtype=np.float64)
    weight = np.cumsum(counts, dtype=np.float64)
    total = weight[-1]
    mass = np.cumsum(counts * levels)
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mass[-1] * weight / total - mass) ** 2 / (weight * (total - weight))
    return int(np.argmax(np.nan_to_num(between[:-1], nan=-1.0)))  # (a level with nothing on one side: no split)
