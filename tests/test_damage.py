"""writing/damage.py: a published page that differs from its input outside the redaction boxes is
found; the redactions themselves and the annotations dropped on purpose are not damage."""

import pymupdf

from woopub.writing.damage import changed_pages


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
