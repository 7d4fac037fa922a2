"""What OCR must read on a page, decided before anything is read.

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

The looks at pictures and their digests are kept for the run in its memo
folder (``tesseract.memo_folder``), so a later pass does not decode them again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pymupdf

from woopub.model import Box
from woopub.reading.disagree import text_layer_suspect
from woopub.reading.fontmaps import FontVerdicts
from woopub.reading.pictures import (FAINT, MAX_DECODE, TOO_SMALL, ImageDigests, Look, grey_of, grey_planes, look,
                                     stencil_plane)
from woopub.reading.tesseract import Tesseract, memo_folder, memo_path, memo_write

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
DOUBTFUL = "doubtful text layer"  # the reason of a page whose text layer may lie: published as a scan

_UNREADABLE = re.compile(r"[\ufffd\ue000-\uf8ff]")


# -- looks at pictures and their digests, kept for the run --------------------


def _memo_look(planes: list[np.ndarray], also: str | None = None) -> Look:
    """``pictures.look``, kept in the run's folder by the SHA-256 of the very pixels looked at: the
    closing verification of a stamped copy looks at the same pictures again, in another process.
    ``also``: a second key to keep it by (``_object_key``: the bytes the pixels were decoded from)."""
    if memo_folder() is None:
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
    path = memo_path(key)
    if path is None:
        return None
    try:
        read, reason, letters = path.read_text("utf-8").split("\t")
        return Look(read == "1", reason, int(letters))
    except (OSError, ValueError):  # not there (yet), or cut short: look
        return None


def _memo_look_put(key: str, found: Look) -> None:
    path = memo_path(key)
    if path is not None:
        memo_write(path, f"{int(found.read)}\t{found.reason}\t{found.letters}".encode("utf-8"))


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
        return _object_key(doc, xref) if memo_folder() is not None else None

    @staticmethod
    def get(key: str) -> bytes | None:
        path = memo_path("digestobj-" + key)
        try:
            digest = bytes.fromhex(path.read_text("ascii")) if path is not None else None
        except (OSError, ValueError):  # not there (yet): decode
            return None
        return digest if digest is not None and len(digest) == 16 else None

    @staticmethod
    def put(key: str, digest: bytes) -> None:
        path = memo_path("digestobj-" + key)
        if path is not None:
            memo_write(path, digest.hex().encode("ascii"))


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


def rect_area(r: pymupdf.Rect) -> float:
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
            union = union_of([p.rect for p in parts]) & near
            # tiles abut: their areas add up to their union's (a logo on a photo overlaps it instead)
            if len(parts) < 2 or _too_small(union) or sum(rect_area(p.rect) for p in parts) > TILE_OVERLAP * rect_area(union):
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
    return rect.width < MIN_IMAGE_SIDE or rect.height < MIN_IMAGE_SIDE or rect_area(rect) < MIN_IMAGE_AREA


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
    page_area = rect_area(whole) or 1.0
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
        rect = union_of([p.rect for p in members]) & whole
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


def union_of(rects: list[pymupdf.Rect]) -> pymupdf.Rect:
    box = pymupdf.Rect(rects[0])
    for r in rects[1:]:
        box |= r
    return box
