"""writing/damage.py: a published page that differs from its input outside the redaction boxes is
found; the redactions themselves and the annotations dropped on purpose are not damage."""

import pymupdf

from woopub.writing.damage import changed_pages
from woopub.writing.labels import LEGEND_PREFIX


def _page(path, *, black=None, note=False, picture=True):
    doc = pymupdf.open()
    page = doc.new_page()
    if picture:  # a background picture, as a letterhead has
        page.draw_rect(pymupdf.Rect(40, 40, 560, 300), color=None, fill=(0.8, 0.85, 0.9))
    page.insert_text((72, 400), "Contactpersoon: Jan de Vries, telefoon 06-12345678", fontsize=11)
    if black is not None:
        page.draw_rect(black, color=None, fill=(0, 0, 0))
    if note:
        page.add_text_annot((500, 500), "opmerking van de behandelaar")
    doc.save(path)


def test_unchanged_and_redaction_only_pages_pass(tmp_path):
    box = pymupdf.Rect(160, 388, 250, 404)
    _page(tmp_path / "in.pdf", note=True)
    _page(tmp_path / "out.pdf", black=box)
    assert changed_pages(tmp_path / "in.pdf", tmp_path / "out.pdf", {1: [tuple(box)]}) == []


def test_a_background_turned_black_outside_the_boxes_is_damage(tmp_path):
    box = pymupdf.Rect(160, 388, 250, 404)
    _page(tmp_path / "in.pdf")
    _page(tmp_path / "out.pdf", black=pymupdf.Rect(40, 40, 560, 300))
    found = changed_pages(tmp_path / "in.pdf", tmp_path / "out.pdf", {1: [tuple(box)]})
    assert [page for page, _ in found] == [1] and found[0][1] > 0.1


def test_a_lost_picture_is_damage(tmp_path):
    _page(tmp_path / "in.pdf")
    _page(tmp_path / "out.pdf", picture=False)
    assert [page for page, _ in changed_pages(tmp_path / "in.pdf", tmp_path / "out.pdf", {})] == [1]



def _drawing(path):
    """Large lettering (a plan's headings, a Type3 font's dash glyphs) at places between pixels:
    drawn at the check's 40 dpi each glyph is snapped to the pixel grid, in a 200 dpi picture it is not."""
    doc = pymupdf.open()
    page = doc.new_page(width=284, height=336)
    for i, y in enumerate(range(40, 300, 14)):
        page.insert_text((10 + (i * 0.23) % 1.8, y + 0.3), "Tekening DN160 S - 4/8 B", fontsize=24)
    doc.save(path)


def _published_as_scan(source, target, lose_text=False):
    from woopub.writing.asscan import publish_as_scan

    doc = pymupdf.open(source)
    if lose_text:
        doc[0].add_redact_annot(pymupdf.Rect(0, 0, 284, 40))
        doc[0].apply_redactions()
    publish_as_scan(doc[0])
    doc.save(target)


def test_a_page_published_as_its_picture_is_compared_as_drawn_by_that_route(tmp_path):
    _drawing(tmp_path / "in.pdf")
    _published_as_scan(tmp_path / "in.pdf", tmp_path / "out.pdf")
    # seen directly at the check's resolution the lettering moved by up to a pixel ...
    assert changed_pages(tmp_path / "in.pdf", tmp_path / "out.pdf", {}) != []
    # ... drawn by the route the page was published by, nothing changed
    assert changed_pages(tmp_path / "in.pdf", tmp_path / "out.pdf", {}, pictured=frozenset({1})) == []


def test_a_page_published_as_its_picture_that_lost_words_is_damage(tmp_path):
    _drawing(tmp_path / "in.pdf")
    _published_as_scan(tmp_path / "in.pdf", tmp_path / "out.pdf", lose_text=True)
    assert [p for p, _ in changed_pages(tmp_path / "in.pdf", tmp_path / "out.pdf", {}, pictured=frozenset({1}))] == [1]


def _legend_page(path, legend: bool):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 400), "Contactpersoon: Jan de Vries, telefoon 06-12345678", fontsize=11)
    if legend:  # the line redaction writes for boxes too small for their code (writing/labels.py)
        page.insert_text((30, 820), LEGEND_PREFIX + "e = 5.1.2e", fontsize=6)
    doc.save(path)


def test_the_legend_line_is_masked_where_the_page_changed_and_not_read_where_it_did_not(tmp_path, monkeypatch):
    from woopub.writing import damage

    read = []
    monkeypatch.setattr(damage, "legends", lambda page, real=damage.legends: read.append(page.number) or real(page))
    box = pymupdf.Rect(160, 388, 250, 404)
    _legend_page(tmp_path / "in.pdf", legend=False)
    _legend_page(tmp_path / "same.pdf", legend=False)
    _legend_page(tmp_path / "legend.pdf", legend=True)
    # the legend line is the only change: masked, not damage
    assert changed_pages(tmp_path / "in.pdf", tmp_path / "legend.pdf", {1: [tuple(box)]}) == []
    assert read == [0]
    # nothing changed outside the boxes: passes without reading the page's text for a legend
    assert changed_pages(tmp_path / "in.pdf", tmp_path / "same.pdf", {1: [tuple(box)]}) == []
    assert read == [0]
