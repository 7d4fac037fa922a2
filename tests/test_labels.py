"""The ground code is legible in every box at 100% zoom (6 pt or more): a box too small shows the
short form or nothing, and the page's legend line names the code, where it covers nothing."""

import pymupdf

from woopub.model import Proposal
from woopub.reading.extract import extract_text
from woopub.writing.labels import LABEL_MIN_SIZE
from woopub.writing.redact import apply_proposals
from woopub.writing.verify import check_labels


def _redact(doc, words):
    text = extract_text(doc)
    proposals = []
    for n, word in enumerate(words):
        box = next(w.box for w in text.words if w.text == word)
        proposals.append(Proposal(f"t#{n}", "t.pdf", 1, (box,), word, "PERSON", "redact", "5.1.2e", "naam-persoon",
                                  0.9, "test", "test"))
    return apply_proposals(doc, proposals)


def _label_sizes(page):
    return [s["size"] for b in page.get_text("dict")["blocks"] for l in b.get("lines", ()) for s in l["spans"]
            if any(part in s["text"] for part in ("5.1.2e", "2e"))]


def test_a_box_over_a_two_letter_word_shows_a_legible_label_and_the_legend_names_the_code():
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Besproken met IK en de rest van het team.", fontsize=9)
    entries, warnings = _redact(doc, ["IK"])
    assert all(size >= LABEL_MIN_SIZE for size in _label_sizes(page))  # no 3-point code any more
    assert "Woo-gronden kleine vlakken:" in page.get_text() and "5.1.2e" in page.get_text()
    assert len(warnings) == 1 and "legend" in warnings[0]
    # the legend stands in the empty foot of the page, clear of the text
    legend = [b for b in page.get_text("blocks") if "Woo-gronden" in b[4]]
    assert legend and legend[0][1] > 700
    assert check_labels(doc, "t.pdf", [{"page": e.page, "rect": list(e.box), "ground": e.ground} for e in entries]) == []


def test_a_full_page_gets_no_legend_over_its_content_shows_the_code_small_and_says_so():
    doc = pymupdf.open()
    page = doc.new_page()
    for y in range(9, 842, 8):  # text from head to foot: no empty strip for a legend
        page.insert_text((20, y), "regel met tekst tot aan de rand van de pagina " * 2, fontsize=8)
    page.insert_text((72, 425), "Besproken met IK erbij.", fontsize=6)
    before = page.get_text()
    entries, warnings = _redact(doc, ["IK"])
    assert "Woo-gronden" not in page.get_text()
    assert len(warnings) == 1 and "no room for a legend" in warnings[0] and "shown at" in warnings[0]
    assert before.count("regel met tekst") == page.get_text().count("regel met tekst")
    # the code stands in its box, below the legible size: the document is published, the officer told
    assert not check_labels(doc, "t.pdf", [{"page": e.page, "rect": list(e.box), "ground": e.ground} for e in entries])


def test_the_legend_line_is_no_damage(tmp_path):
    from woopub.writing.damage import changed_pages

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Besproken met IK en de rest van het team.", fontsize=9)
    doc.save(tmp_path / "in.pdf")
    entries, _ = _redact(doc, ["IK"])
    doc.save(tmp_path / "out.pdf")
    assert "Woo-gronden" in doc[0].get_text()
    assert changed_pages(tmp_path / "in.pdf", tmp_path / "out.pdf", {1: [e.box for e in entries]}) == []


def test_a_word_set_tight_beside_a_small_box_is_not_read_as_its_label():
    # an OCR text layer sets the words of a neighbouring line (here a tightly set column) so close
    # that one's centre lies within a point of the box: the box still shows its short code only
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Besproken met IK en de rest van het team.", fontsize=9)
    entries, _ = _redact(doc, ["IK"])
    box = pymupdf.Rect(entries[0].box)
    found = [{"page": e.page, "rect": list(e.box), "ground": e.ground} for e in entries]
    width = pymupdf.get_text_length("vo", "helv", 2.5)
    page.insert_text((box.x1 + 0.6 - width / 2, box.y1 - 1), "vo", fontsize=2.5, render_mode=3)
    assert check_labels(doc, "t.pdf", found) == []
    # a word standing in the box itself is no label: the check still fails it
    page.insert_text((box.x0 + 1, box.y0 + 4), "Jan", fontsize=2.5, render_mode=3)
    assert check_labels(doc, "t.pdf", found) != []


def test_a_small_boxs_code_is_found_when_a_glyph_stacked_on_it_joins_its_word(tmp_path, monkeypatch):
    # an engineering drawing: grid letters one glyph a word, so the page is read from its glyphs; a box
    # too small for a legend-free page shows its code at 5 pt, and the OCR text layer's large "5" just
    # above it was joined with the code into "55.1.2e", centred outside the box (pdfminer issue 495)
    import woopub.writing.redact as redact

    monkeypatch.setattr(redact, "legend_place", lambda page, text: None)  # no room for a legend line
    doc = pymupdf.open()
    page = doc.new_page(width=600, height=400)
    for k, c in enumerate("ABCDEFGH12345678"):
        page.insert_text((20 + 35 * k, 20), c, fontsize=9)
        page.insert_text((20 + 35 * k, 390), c, fontsize=9)
    box = (300.4, 199.16, 311.7, 205.4)
    entries, _ = apply_proposals(doc, [Proposal("t#1", "t.pdf", 1, (box,), "EA", "PERSON", "redact", "5.1.2e",
                                                "naam-persoon", 0.9, "test", "test")])
    page.insert_text((301, 200.5), "5", fontsize=17, render_mode=3)  # an invisible OCR word above the box
    out = tmp_path / "t.pdf"
    doc.save(out)
    logged = [{"page": e.page, "rect": list(e.box), "ground": e.ground} for e in entries]
    with pymupdf.open(out) as published:
        assert any(w.text == "55.1.2e" for w in extract_text(published).words)  # the joined reading
        assert check_labels(published, "t.pdf", logged, extract_text(published)) == []
        elsewhere = [{"page": 1, "rect": [100, 100, 111.3, 106.24], "ground": "5.1.2e"}]  # a box showing nothing
        assert len(check_labels(published, "t.pdf", logged + elsewhere, extract_text(published))) == 1


def test_a_label_joined_with_a_glyph_beside_it_is_read_from_its_own_glyphs_when_no_text_is_given():
    # a reading may join the label with a glyph set tight against it ("55.1.2e", centred outside
    # the box); the label's own glyphs show the code, with or without the document's words given
    doc = pymupdf.open()
    page = doc.new_page()
    box = pymupdf.Rect(200, 100, 240, 112)
    width = pymupdf.get_text_length("5555555555", fontsize=7)
    page.insert_text((box.x0 + 2 - width, box.y1 - 3), "5555555555" + "5.1.2e", fontsize=7)
    entry = {"page": 1, "rect": list(box), "ground": "5.1.2e"}
    assert any(w[4].endswith("5.1.2e") and len(w[4]) > 6 for w in page.get_text("words"))  # joined as meant
    assert check_labels(doc, "t.pdf", [entry]) == []
    assert check_labels(doc, "t.pdf", [entry], text=extract_text(doc)) == []
