"""Stage 4, redact: apply decided proposals to a PDF, for real.

For every box of every proposal to redact:

1. Pixels and vector drawings under the full box are removed (images are
   blanked in the box, drawings wholly inside it are dropped).
2. Text is removed from the content stream, by a band through the box that
   touches only the redacted word's own glyphs: MuPDF removes every glyph
   whose box (the font's descender to ascender over its advance, shrunk by a
   tenth on each side) touches a redaction, and on tightly set lines those
   boxes overlap the line above or below (``glyphs.removal_band``). Before
   that, a picture too coarse to blank within the box is made finer
   (``pixels.refine_coarse_images``): MuPDF blanks whole image pixels.
3. A black box is drawn over the full box, with the ground code in white,
   fitted to the box (narrowed, then shrunk). Every label is checked.

Boxes are the word boxes found at extraction: never a re-search of the
text (PyMuPDF's search is case-insensitive and would also black out the
farmer "boer" along with the person Boer).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

import pymupdf

from woopub.model import REDACT, Box, LogEntry, Proposal
from woopub.writing.glyphs import glyph_boxes, removal_band, spare_neighbours
from woopub.writing.labels import fit_label  # noqa: F401  (where callers found it before labels.py)
from woopub.writing.labels import LABEL_FONT, LABEL_MIN_SIZE, LABEL_MIN_STRETCH, Label, choose_label, legend_place, legend_text
from woopub.writing.linestart import keep_line_starts
from woopub.writing.pixels import refine_coarse_images

TEXT_BAND = 0.3  # cut this share of the height off the top and the bottom for text removal
# ... but never more than this (points): the band keeps a word box off the lines above and below;
# on a tall box (a page marked niet openbaar, a drawn area) 30% off each edge left those lines readable
TEXT_BAND_MAX_CUT = 6.0


def _text_band(box: pymupdf.Rect) -> pymupdf.Rect:
    cut = min(box.height * TEXT_BAND, TEXT_BAND_MAX_CUT)
    return pymupdf.Rect(box.x0, box.y0 + cut, box.x1, box.y1 - cut)


def _draw_box(page: pymupdf.Page, shape: pymupdf.Shape, box: pymupdf.Rect, code: str, font: str = LABEL_FONT,
              no_legend: bool = False) -> Label:
    """Add a black box and its ground code to ``shape`` (committed once per page). ``no_legend``: the
    page has no room for a legend line, so a box too small for a legible code shows it smaller."""
    shape.draw_rect(box)
    shape.finish(color=None, fill=(0, 0, 0))
    # the label reads upright as the page is shown, also on a page turned by /Rotate (scans)
    shown = box * page.rotation_matrix
    label = choose_label(code, shown)
    if no_legend and label.text != code:
        # the code in the box at whatever size fits: small, but on the page (fits stays False)
        stretch = LABEL_MIN_STRETCH
        length = pymupdf.get_text_length(code, LABEL_FONT, 1.0) * stretch
        size = max(1.0, min(shown.height * 0.8, shown.width / length if length else shown.height))
        label = Label(size, stretch, False, code)
    if not label.text:
        return label  # too small for a legible code: the page's legend names it
    length = pymupdf.get_text_length(label.text, LABEL_FONT, label.fontsize) * label.stretch
    x = shown.x0 + max((shown.width - length) / 2, 0)
    y = shown.y0 + (shown.height + label.fontsize * 0.7) / 2
    _write(page, shape, pymupdf.Point(x, y), label.text, label.fontsize, label.stretch, font, (1, 1, 1))
    return label


def _write(page, shape, at: pymupdf.Point, text: str, size: float, stretch: float, font: str, colour) -> None:
    """Text starting at ``at`` (the page as shown), upright as shown, narrowed by ``stretch``."""
    point = at * page.derotation_matrix
    turn = pymupdf.Matrix(page.rotation)
    morph = (point, ~turn * pymupdf.Matrix(stretch, 1) * turn) if stretch < 1 else None
    shape.insert_text(point, text, fontsize=size, fontname=font, color=colour, morph=morph, rotate=page.rotation)


def _draw_legend(page: pymupdf.Page, shape: pymupdf.Shape, labels: list[tuple[Label, str]], font: str) -> bool | None:
    """The legend line for boxes without their full code; None if none is needed, False if there is no room."""
    text = legend_text(labels)
    if not text:
        return None
    place = legend_place(page, text)
    if place is None:
        return False
    _write(page, shape, place[0], text, LABEL_MIN_SIZE, place[1], font, (0, 0, 0))
    return True


def _mark_for_redaction(page: pymupdf.Page, rects: list[pymupdf.Rect]) -> None:
    """Add a redaction annotation for every rect (unrotated page space), to be applied at once.

    PyMuPDF's ``add_redact_annot`` gives every annotation an appearance and a
    unique name, and finding a unique name reads the names of all the page's
    annotations: quadratic in the boxes of a page, and most of the time spent
    redacting. Annotations that are applied (and so removed) right away need
    neither: they are made with MuPDF's own calls where PyMuPDF exposes them.
    """
    pdf_page = getattr(page, "_pdf_page", None)
    if pdf_page is None or not hasattr(pymupdf, "mupdf"):
        for rect in rects:
            page.add_redact_annot(rect, fill=False, cross_out=False)
        return
    mupdf = pymupdf.mupdf
    rotation = page.rotation
    if rotation:  # MuPDF reads an annotation's rect in the page as shown: read it unrotated, as PyMuPDF does
        page.set_rotation(0)
    try:
        target = pdf_page()
        for rect in rects:
            annot = mupdf.pdf_create_annot(target, mupdf.PDF_ANNOT_REDACT)
            mupdf.pdf_set_annot_rect(annot, mupdf.FzRect(rect.x0, rect.y0, rect.x1, rect.y1))
    finally:
        if rotation:
            page.set_rotation(rotation)


def _apply(page: pymupdf.Page, images: int, graphics: int, text: int) -> None:
    """Apply the page's redaction annotations (MuPDF's pdf_redact_page, which also removes them).

    PyMuPDF's public ``apply_redactions`` first reads every annotation back to
    draw fills and texts we never set; where its one-call core exists, use that.
    """
    core = getattr(page, "_apply_redactions", None)
    if core is None:
        page.apply_redactions(images=images, graphics=graphics, text=text)
    elif not core(text, images, graphics):
        raise ValueError("MuPDF could not apply the redactions")


def redact_page(page: pymupdf.Page, boxes: list[tuple[Box, str]]) -> list[Label]:
    """Remove everything under ``boxes`` [(box, ground code)] and draw labelled boxes."""
    rects = [(pymupdf.Rect(b), code) for b, code in boxes]
    keep_line_starts(page)  # MuPDF's redaction rewrites the content and would drop "0 0 Td"
    glyphs = glyph_boxes(page)  # before anything changes: the page's text as MuPDF's redaction sees it
    refine_coarse_images(page, [rect for rect, _ in rects])
    # 1. pixels and drawings under the full box; text untouched
    _mark_for_redaction(page, [rect for rect, _ in rects])
    _apply(page, images=pymupdf.PDF_REDACT_IMAGE_PIXELS, graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
           text=pymupdf.PDF_REDACT_TEXT_NONE)
    # 2. text under a band that touches the word's own glyphs only (else the middle band); images and
    #    drawings untouched
    _mark_for_redaction(page, [removal_band(rect, glyphs) or spare_neighbours(_text_band(rect), rect, glyphs)
                               for rect, _ in rects])
    _apply(page, images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
           text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    # 3. black boxes with the ground code: one drawing for the page (a call per box costs
    #    a font lookup and a content-stream rewrite each)
    shape = page.new_shape()
    planned = legend_text([(choose_label(code, rect * page.rotation_matrix), code) for rect, code in rects])
    no_legend = bool(planned) and legend_place(page, planned) is None
    with _font_looked_up_once(page) as font:
        labels = [_draw_box(page, shape, rect, code, font, no_legend) for rect, code in rects]
        legend = None if no_legend else _draw_legend(page, shape, [(label, code) for label, (_, code) in zip(labels, rects)], font)
    shape.commit(overlay=True)
    if legend is not None:  # a box without its full code is legible through the legend, if there is one
        labels = [lab if lab.text == code else dataclasses.replace(lab, fits=legend)
                  for lab, (_, code) in zip(labels, rects)]
    return labels


def free_helvetica_name(page: pymupdf.Page) -> str:
    """A font resource name the page does not use that PyMuPDF still reads as Base-14 Helvetica.

    PyMuPDF takes a font already on the page under the requested name as it is: a document's
    own /helv (Times, a Type3 font, a broken object) would draw the labels in that font, with
    Helvetica's widths, or fail. Base-14 names are matched without case, resource names with
    case, so another spelling of "helv" or "Helvetica" is free unless the page uses them all.
    """
    taken = {str(f[4]) for f in page.get_fonts()}
    for base in (LABEL_FONT, "Helvetica"):
        for n in range(2 ** len(base)):
            name = "".join(c.upper() if n >> i & 1 else c.lower() for i, c in enumerate(base))
            if name not in taken:
                return name
    raise ValueError("the page uses every font resource name the label font can take")


@contextmanager
def _font_looked_up_once(page: pymupdf.Page):
    """PyMuPDF's ``Shape.insert_text`` asks the page for its font at every label, and the
    page reads its whole font list each time: most of a label's cost. The font is put on
    the page once here (under a name the page does not use), and for this page's labels
    the answer is remembered. Yields the resource name to draw the labels with."""
    name = free_helvetica_name(page)
    xref = page.insert_font(fontname=name)
    page.insert_font = lambda *args, **kwargs: xref
    try:
        yield name
    finally:
        del page.insert_font


def apply_proposals(doc: pymupdf.Document, proposals: list[Proposal]) -> tuple[list[LogEntry], list[str]]:
    """Apply every proposal whose action is redact.

    Returns one log entry per box, and warnings for labels that had to be
    drawn smaller than legible.
    """
    by_page: dict[int, list[Proposal]] = defaultdict(list)
    for p in proposals:
        if p.action == REDACT:
            by_page[p.page].append(p)
    log: list[LogEntry] = []
    warnings: list[str] = []
    for number in sorted(by_page):
        page = doc[number - 1]
        items = [(box, p) for p in by_page[number] for box in p.boxes]
        labels = redact_page(page, [(box, p.ground or "") for box, p in items])
        for (box, p), label in zip(items, labels):
            log.append(LogEntry(p.document, number, tuple(round(c, 2) for c in box), p.ground or "", p.entity, p.rule))
            if label.text == (p.ground or "") and not label.fits:
                warnings.append(f"page {number}: box too small for a legible ground code at {LABEL_MIN_SIZE:g} pt and "
                                f"no room for a legend on the page: the code is shown at {label.fontsize:.1f} pt")
            elif label.text != (p.ground or ""):
                how = ("no room for a legend on the page: the code is in the publication log only" if not label.fits
                       else f"shown as '{label.text}', the code in the page's legend" if label.text
                       else "no code in the box, the code in the page's legend")
                warnings.append(f"page {number}: box too small for a legible ground code at {LABEL_MIN_SIZE:g} pt ({how})")
    return log, warnings
