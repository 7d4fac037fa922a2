"""Which pages and images are read by OCR, how OCR words join the text, and what a reviewer is told.

The end-to-end cases OCR one small page each (a second or two).
"""

from __future__ import annotations

import pymupdf
import pytest
from click.testing import CliRunner

from conftest import SAMPLES, make_pdf, pdf_text, still_there
from ocr_support import handwriting_pdf, image_ink, ocr_pixels, scanned_pdf, text_page_image
from woopub.reading.ocr import OcrWord, PageReading, add_text_layer, merged_raw_words
from woopub.reading.planning import OcrRegion, PictureCheck, plan_page
from woopub.reading.tesseract import Tesseract, TsvWord, with_light_words
from woopub.reading.document import DocumentReader
from woopub.reading.pictures import darkened_light_ink, second_reading
from woopub.run.batch import run_inline

NAME = "Fenna Wijnberg"
EMAIL = "f.wijnberg@minjenv.nl"
PHONE = "06 4829 1730"


def run(dossier_dir, out, rules, detector, reader=None):
    from woopub.run.pipeline import Dossier

    return run_inline(Dossier(rules, detector, reader=reader), [dossier_dir], out)


# -- which pages need OCR -----------------------------------------------------


def test_digital_text_pages_need_no_ocr():
    for name in ("nota-voortgang-mensenhandel", "email-mensenhandel", "bijlage-contactpersonen"):
        with pymupdf.open(SAMPLES / f"{name}.pdf") as doc:
            assert [plan_page(page) for page in doc] == [[] for _ in doc]


def test_image_only_page_is_read_whole_as_a_scan(tmp_path):
    with pymupdf.open(scanned_pdf(tmp_path / "scan.pdf", ["Hallo"])) as doc:
        (region,) = plan_page(doc[0])
    assert region.reason == "scan" and region.whole_page


def _text_as_curves(line: str) -> pymupdf.Document:
    """A page whose only text is ``line`` drawn as curves (glyph outlines), no text layer."""
    page = pymupdf.open().new_page()
    page.insert_text((72, 100), line, fontsize=11)
    svg = pymupdf.open("svg", page.get_svg_image(text_as_path=True).encode())
    return pymupdf.open("pdf", svg.convert_to_pdf())


def test_page_with_text_drawn_as_curves_and_no_text_layer_is_read_whole():
    doc = _text_as_curves(f"{NAME}, {PHONE}")
    assert not doc[0].get_text("words") and doc[0].get_drawings()
    (region,) = plan_page(doc[0])
    assert region.reason == "no text layer"


def test_page_of_a_drawing_without_letters_is_not_read_and_is_counted():
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_bezier((100, 100), (150, 50), (200, 150), (250, 100))
    page.draw_rect(pymupdf.Rect(100, 200, 300, 300), fill=(0.2, 0.4, 0.8))
    check = PictureCheck(doc)
    assert plan_page(page, check=check) == []
    assert check.drawn_pages_skipped == 1


def test_text_layer_of_unmapped_glyphs_is_read_whole():
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd", fontsize=11)
    words = [(72, 60, 140, 75, "\ufffd\ufffd\ufffd\ufffd", 0, 0, 0), (145, 60, 190, 75, "\ufffd\ufffd\ufffd", 0, 0, 1)]
    (region,) = plan_page(page, words)
    assert region.reason == "unreadable text layer"


def test_screenshot_on_a_text_page_is_read_in_its_area_and_icons_are_not():
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Zie de schermafdruk hieronder.", fontsize=11)
    page.insert_image(pymupdf.Rect(72, 100, 472, 300), stream=text_page_image(["Van: " + NAME]))
    page.insert_image(pymupdf.Rect(500, 60, 510, 70), stream=text_page_image(["x"], 40, 40))  # an icon
    (region,) = plan_page(page)
    shot = max((pymupdf.Rect(i["bbox"]) for i in page.get_image_info()), key=lambda r: r.get_area())
    assert region.reason == "image" and pymupdf.Rect(region.rect) == shot


# -- joining OCR words to the text layer ----------------------------------


def _reading(*words: OcrWord) -> PageReading:
    return PageReading(0, [OcrRegion((0, 0, 600, 800), "scan")], list(words))


def test_ocr_word_already_in_the_text_layer_is_not_added_but_its_box_covers_the_pixels():
    page = pymupdf.open().new_page()
    text = [(100.0, 100.0, 150.0, 110.0, "Wijnberg", 0, 0, 0)]
    grown, added = merged_raw_words(page, text, _reading(OcrWord((99.0, 98.0, 152.0, 113.0), "Wijnberg", 95.0, (0, 1, 1, 1))))
    assert added == []
    assert pymupdf.Rect(grown[0][:4]).contains(pymupdf.Rect(99.0, 98.0, 152.0, 113.0))


def test_ocr_word_split_differently_in_the_text_layer_is_not_added():
    page = pymupdf.open().new_page()
    text = [(100.0, 100.0, 118.0, 110.0, "06-", 0, 0, 0), (119.0, 100.0, 170.0, 110.0, "48291730", 0, 0, 1)]
    _, added = merged_raw_words(page, text, _reading(OcrWord((100.0, 100.0, 170.0, 110.0), "06-48291730", 90.0, (0, 1, 1, 1))))
    assert added == []


def test_good_reading_over_a_poor_ocr_layer_is_added():
    """An earlier OCR layer read "Wijnbcrg": Tesseract's "Wijnberg" joins the text, so it is detected."""
    page = pymupdf.open().new_page()
    text = [(100.0, 100.0, 150.0, 110.0, "Wijnbcrg", 0, 0, 0)]
    _, added = merged_raw_words(page, text, _reading(OcrWord((100.0, 100.0, 150.0, 110.0), "Wijnberg", 93.0, (0, 1, 1, 1))))
    assert [w.text for w in added] == ["Wijnberg"]


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_invisible_text_layer_lands_on_the_words_it_stands_for(rotation):
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=300)
    page.set_rotation(rotation)
    shown = pymupdf.Rect(50, 40, 150, 55)  # where the word is seen
    word = OcrWord(tuple(shown * page.derotation_matrix), "Actieplan", 96.0, (0, 1, 1, 1))
    other = OcrWord(tuple(pymupdf.Rect(50, 80, 150, 95) * page.derotation_matrix), "Wijnberg", 96.0, (0, 1, 1, 2))
    assert add_text_layer(page, [word, other], [other.box]) == 1
    (hit,) = page.search_for("Actieplan")
    assert _overlap(hit * page.rotation_matrix, shown) > 0.6
    assert "Wijnberg" not in page.get_text()
    assert all(s["type"] == 3 for s in page.get_texttrace())


def _overlap(a, b):
    inter = pymupdf.Rect(a) & pymupdf.Rect(b)
    return inter.get_area() / min(pymupdf.Rect(a).get_area(), pymupdf.Rect(b).get_area())


class _Counting(Tesseract):
    """Tesseract that notes every image it reads in ``calls``."""

    def __init__(self, calls: list):
        super().__init__()
        self.calls = calls

    def read(self, image, dpi):
        self.calls.append(dpi)
        return super().read(image, dpi)


def test_second_pass_reads_from_the_cache(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf", ["Actieplan mensenhandel"], width=300, height=120)
    calls = []
    reader = DocumentReader(_Counting(calls))
    with pymupdf.open(path) as doc:
        first = reader.read(doc).text.text
    with pymupdf.open(path) as doc:
        second = reader.read(doc).text.text
    assert "Actieplan" in first and first == second and len(calls) == 1


def test_readers_sharing_a_store_read_a_page_once(tmp_path):
    # a pool's workers each have a reader: the one that publishes finds what the one that scanned read
    path = scanned_pdf(tmp_path / "scan.pdf", ["Actieplan mensenhandel"], width=300, height=120)
    calls = []
    store = tmp_path / "run" / "ocr"
    scanning, publishing = DocumentReader(_Counting(calls)), DocumentReader(_Counting(calls))
    for reader in (scanning, publishing):
        reader.share_store(store)
    with pymupdf.open(path) as doc:
        first = scanning.read(doc).text.text
    with pymupdf.open(path) as doc:
        second = publishing.read(doc).text.text
    assert "Actieplan" in first and first == second and len(calls) == 1
    assert oct(store.stat().st_mode & 0o777) == oct(0o700)  # what OCR read is personal data


# -- end to end -------------------------------------------------------------


def test_screenshot_of_an_email_pasted_in_a_text_page_is_redacted_in_its_pixels(tmp_path, rules, detector):
    dossier = tmp_path / "in"
    dossier.mkdir()
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Zie de schermafdruk van de mail van de minister hieronder.", fontsize=11)
    shot = pymupdf.Rect(72, 100, 492, 300)
    page.insert_image(shot, stream=text_page_image(
        [f"Van: Wijnberg, F. (Fenna) <{EMAIL}>", "Onderwerp: Actieplan mensenhandel", f"Bel mij op {PHONE}."]))
    doc.save(dossier / "nota.pdf")
    result = run(dossier, tmp_path / "out", rules, detector)
    assert [o.status for o in result.outcomes] == ["published"]
    out = tmp_path / "out" / "nota.pdf"
    seen = ocr_pixels(out)
    assert "Actieplan" in seen  # the screenshot was read, and the rest of it stays
    assert [v for v in ("Wijnberg", "Fenna", EMAIL, PHONE) if still_there(v, seen)] == []
    assert [v for v in ("Wijnberg", "Fenna", EMAIL, PHONE) if still_there(v, pdf_text(out))] == []
    assert "Actieplan" in pdf_text(out)  # searchable: the kept words are an invisible text layer


@pytest.mark.parametrize("rotation", [0, 90])
def test_scan_on_a_turned_page_is_redacted_where_the_name_stands(tmp_path, rules, detector, rotation):
    dossier = tmp_path / "in"
    dossier.mkdir()
    scanned_pdf(dossier / "brief.pdf", ["Geachte mevrouw Tuinstra,", f"Met vriendelijke groet, {NAME}", f"Telefoon {PHONE}"], rotate=rotation)
    result = run(dossier, tmp_path / "out", rules, detector)
    assert [o.status for o in result.outcomes] == ["published"]
    seen = ocr_pixels(tmp_path / "out" / "brief.pdf")
    assert "Geachte" in seen
    assert [v for v in ("Wijnberg", "Tuinstra", PHONE) if still_there(v, seen)] == []
    with pymupdf.open(tmp_path / "out" / "brief.pdf") as doc:  # ground codes and the text layer read upright, as shown
        lines = [ln for b in doc[0].get_text("dict")["blocks"] if b["type"] == 0 for ln in b["lines"]]
        assert any("5.1.2e" in "".join(s["text"] for s in ln["spans"]) for ln in lines)
        assert len({tuple(round(c) for c in ln["dir"]) for ln in lines}) == 1


def test_poor_earlier_ocr_layer_does_not_hide_the_name(tmp_path, rules, detector):
    """A scan with an invisible OCR layer that misread the name: the name is still found and removed,
    and the misread words under the box go with it."""
    dossier = tmp_path / "in"
    dossier.mkdir()
    path = scanned_pdf(tmp_path / "scan.pdf", ["Opgesteld door Fenna Wijnberg", "Actieplan mensenhandel"])
    doc = pymupdf.open(path)
    page = doc[0]
    found = {w.text: w.box for w in DocumentReader().read(doc).text.words}
    for text, garbled in (("Fenna", "Fcnna"), ("Wijnberg", "Wijnbcrg")):
        x0, y0, x1, y1 = found[text]
        page.insert_text((x0, y1 - 2), garbled, fontsize=(y1 - y0) * 0.9, render_mode=3)
    doc.save(dossier / "scan.pdf")
    result = run(dossier, tmp_path / "out", rules, detector)
    assert [o.status for o in result.outcomes] == ["published"]
    out = tmp_path / "out" / "scan.pdf"
    assert [v for v in ("Wijnberg", "Wijnbcrg", "Fcnna") if still_there(v, pdf_text(out))] == []
    with pymupdf.open(out) as published:
        box = pymupdf.Rect(found["Wijnberg"])
        with pymupdf.open(path) as source:
            assert image_ink(source, 0, box) > 20 and image_ink(published, 0, box) == 0


def test_page_that_cannot_be_read_is_listed_for_a_human_not_published_as_clean(tmp_path, rules, detector):
    """A photographed page of handwriting: OCR reads nothing. Warned in the outcome, the report and the CLI."""
    from woopub.cli import main
    from woopub.writing.publish import REPORT_FILE

    dossier = tmp_path / "in"
    dossier.mkdir()
    handwriting_pdf(dossier / "notitie.pdf")
    make_pdf(dossier / "gewoon.pdf", ["Een gewone pagina zonder bijzonderheden."])
    result = CliRunner().invoke(main, ["redact", str(dossier), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "notitie.pdf: published" in result.output
    assert "warning: page 1: scanned page" in result.output and "check it by hand" in result.output
    assert "check by hand: 1 page(s)" in result.output
    report = (tmp_path / "out-INTERN-niet-publiceren" / REPORT_FILE).read_text("utf-8")
    assert "page 1: scanned page" in report


def test_missing_tesseract_fails_the_scan_and_publishes_the_rest(tmp_path, rules, detector):
    dossier = tmp_path / "in"
    dossier.mkdir()
    scanned_pdf(dossier / "scan.pdf", [NAME])
    make_pdf(dossier / "digitaal.pdf", ["Een gewone pagina."])
    reader = DocumentReader(Tesseract(program="woopub-no-such-tesseract"))
    result = run(dossier, tmp_path / "out", rules, detector, reader=reader)
    status = {o.document: o for o in result.outcomes}
    assert status["digitaal.pdf"].status == "published"
    assert status["scan.pdf"].status == "failed" and "need OCR" in status["scan.pdf"].reason
    assert not (tmp_path / "out" / "scan.pdf").exists()


# -- what OCR gets wrong, and detection copes with ------------------------


def test_dossier_names_are_found_with_the_accents_ocr_lost(detector):
    from woopub.detect import PersonIndex

    index = PersonIndex()
    index.add_person("Ş. (Şükrü) Yıldırım-Bakker")
    index.add_person("Sevda Öztürk")
    text = "Overleg (aanwezig: SO; MdH) met Sükrü Yildirim-Bakker en mevrouw Ozturk."
    found = {text[r.start : r.end] for r in index.recogniser().analyze(text, ["PERSON"])}
    assert {"SO", "Sükrü", "Yildirim-Bakker", "Ozturk"} <= found


def test_email_address_cut_off_at_a_table_cell_is_still_an_email(detector):
    found = {(f.entity, f.text) for f in detector.find("Contact: s.ozturk@utrecht.r en Chidi Okafor, c.okafor@comens")}
    assert {("EMAIL", "s.ozturk@utrecht.r"), ("EMAIL", "c.okafor@comens"), ("PERSON", "Chidi Okafor")} <= found


def test_colophon_label_glued_to_a_phone_number_is_split():
    from woopub.reading.ocr import _split_label

    page = pymupdf.open().new_page()
    (label, first), (number, rest) = _split_label("M06", pymupdf.Rect(100, 100, 130, 110), page)
    assert (label, number) == ("M", "06") and first.x1 == rest.x0 == 110
    assert _split_label("B8/3-regeling", pymupdf.Rect(0, 0, 10, 10), page)[0][0] == "B8/3-regeling"


def test_email_address_ending_a_sentence_is_not_glued_to_the_next_line():
    from woopub.reading.extract import build_text
    from woopub.model import Word

    words = [Word(0, (0, 0, 80, 10), "r.bouzambou@minjenv.nl.", 0, 0), Word(0, (0, 12, 20, 22), "Het", 1, 0)]
    assert build_text([words]).text == "r.bouzambou@minjenv.nl.\nHet"


def test_each_page_is_ocred_once_per_run_also_when_passes_run_in_child_processes(tmp_path, rules, detector):
    """Both passes read the document; the second, in another forked child, finds the first's OCR on disk."""
    from woopub.run.pipeline import Dossier

    calls = tmp_path / "calls"

    class Counting(Tesseract):
        def read(self, image, dpi):
            with open(calls, "a") as fh:
                fh.write("read\n")
            return super().read(image, dpi)

    dossier_dir = tmp_path / "in"
    dossier_dir.mkdir()
    scanned_pdf(dossier_dir / "brief.pdf", [f"Met vriendelijke groet, {NAME}"], width=300, height=120)
    dossier = Dossier(rules, detector, reader=DocumentReader(Counting()))
    result = run_inline(dossier, [dossier_dir], tmp_path / "out")
    assert [o.status for o in result.outcomes] == ["published"]
    assert calls.read_text().split() == ["read"]
    assert "Wijnberg" not in pdf_text(tmp_path / "out" / "brief.pdf")


def test_the_publish_pass_takes_the_reading_the_scan_pass_kept(tmp_path, monkeypatch):
    # the scan pass keeps its whole reading; the publish pass of the same file takes it (and it is
    # used up), with the same text, words and boxes as extracting again would give
    from woopub.reading import document as reading_module
    src = SAMPLES / "nota-voortgang-mensenhandel.pdf"
    store = tmp_path / "store"
    scanning, publishing = DocumentReader(), DocumentReader()
    for reader in (scanning, publishing):
        reader.share_store(store)
    with pymupdf.open(src) as doc:
        kept = scanning.read(doc, keep=True)
    assert len(list(store.glob("*.lezing"))) == 1
    extracted = []
    real = reading_module.text_layer_words
    monkeypatch.setattr(reading_module, "text_layer_words", lambda page: extracted.append(page.number) or real(page))
    with pymupdf.open(src) as doc:
        reused = publishing.read(doc, reuse=True)
    assert extracted == [] and not list(store.glob("*.lezing"))
    assert reused.text.text == kept.text.text and reused.text.words == kept.text.words
    assert reused.text.spans == kept.text.spans and reused.text.page_starts == kept.text.page_starts
    with pymupdf.open(src) as doc:
        again = publishing.read(doc, reuse=True)  # used up: extracted again, the same
    assert extracted and again.text.words == kept.text.words


def test_a_damaged_kept_reading_is_read_again(tmp_path):
    src = SAMPLES / "nota-voortgang-mensenhandel.pdf"
    reader = DocumentReader()
    reader.share_store(tmp_path / "store")
    with pymupdf.open(src) as doc:
        kept = reader.read(doc, keep=True)
    (stored,) = (tmp_path / "store").glob("*.lezing")
    stored.write_bytes(stored.read_bytes()[:100])  # a write cut short
    with pymupdf.open(src) as doc:
        again = reader.read(doc, reuse=True)
    assert again.text.text == kept.text.text and again.text.words == kept.text.words


# -- a scan whose text stands turned on the page --------------------------------


def _turned_scan(path, lines: list[str], turn: int) -> None:
    """An image-only page whose text stands turned by ``turn`` degrees (fed into the scanner upside
    down, or a landscape page scanned upright): no /Rotate puts it right."""
    src = pymupdf.open()
    page = src.new_page()
    for n, line in enumerate(lines):
        page.insert_text((72, 100 + 18 * n), line, fontsize=11)
    page.set_rotation(turn)
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    doc = pymupdf.open()
    doc.new_page(width=pix.width * 72 / 200, height=pix.height * 72 / 200).insert_image(
        pymupdf.Rect(0, 0, pix.width * 72 / 200, pix.height * 72 / 200), pixmap=pix)
    doc.save(path)


def _read_every_way_up(path) -> list[str]:
    """What OCR reads on each page of ``path`` shown each of the four ways up (a reader turns it)."""
    engine = Tesseract()
    with pymupdf.open(path) as doc:
        return [" ".join(w.text for w in engine.read(page.get_pixmap(
            matrix=pymupdf.Matrix(300 / 72, 300 / 72).prerotate(turn), colorspace=pymupdf.csGRAY).tobytes("pnm"), 300))
            for page in doc for turn in (0, 90, 180, 270)]


def test_a_page_scanned_upside_down_or_turned_is_read_upright(tmp_path, rules, detector):
    """Tesseract reads text turned a quarter one way only: a page scanned upside down or turned the
    other quarter was read as garbage (confidence 34/100), so nothing on it was found, and it was
    published with a warning, showing the name to anyone who turns the page. Now a reading with low
    confidence is read again with orientation detection, and its lines are laid out turned upright."""
    lines = ["Geachte heer De Boer,", "", "Hierbij ontvangt u de stukken over de voortgang van de beleidsnota.",
             f"Voor vragen kunt u contact opnemen met {NAME},", f"telefoon {PHONE}, e-mail {EMAIL}."]
    dossier = tmp_path / "in"
    dossier.mkdir()
    for turn in (180, 270):
        _turned_scan(dossier / f"scan-{turn}.pdf", lines, turn)
        assert any(still_there(NAME, text) for text in _read_every_way_up(dossier / f"scan-{turn}.pdf"))
    result = run(dossier, tmp_path / "out", rules, detector)
    assert [o.status for o in result.outcomes] == ["published", "published"]
    for turn in (180, 270):
        read = _read_every_way_up(tmp_path / "out" / f"scan-{turn}.pdf")
        assert any("Geachte" in text for text in read), "the page itself is still there"
        for value in (NAME, "Wijnberg", EMAIL, PHONE, "De Boer"):
            assert not any(still_there(value, text) for text in read), f"{value} readable on the page turned {turn}"
        # the OCR text layer runs as the text does: the names are found as names, not backwards
        text = pdf_text(tmp_path / "out" / f"scan-{turn}.pdf")
        assert "Hierbij ontvangt u de stukken" in " ".join(text.split())


# -- light ink beside dark ------------------------------------------------------


def _two_tone_image(values: tuple[str, ...] = (NAME, EMAIL), grey: float = 185 / 255, dpi: int = 300) -> bytes:
    """A form as a grey PNM: black labels, each value after it in light grey (a greyed-out field)."""
    page = pymupdf.open().new_page(width=300, height=90)
    page.insert_text((10, 20), "Gegevens van de aanvrager", fontsize=11)
    for n, (label, value) in enumerate(zip(("Van:", "E-mail:"), values)):
        page.insert_text((10, 42 + 18 * n), label, fontsize=11)
        page.insert_text((55, 42 + 18 * n), value, fontsize=11, color=(grey, grey, grey))
    return page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False).tobytes("pnm")


def test_light_grey_values_beside_black_labels_are_read():
    """Tesseract thresholds an image once (Otsu): beside black text, grey 185 falls to the paper and
    the name, e-mail were never read, found nor redacted. The light ink is read a second time."""
    words = Tesseract().read_all([(_two_tone_image(), 300)])[0]
    text = " ".join(w.text for w in words)
    assert "Gegevens" in text and "Wijnberg" in text and EMAIL in text
    line = {w.text: w.line for w in words}
    assert line["Van:"] == line["Wijnberg"], "the value joins its label's line"


def test_pictures_of_one_ink_are_not_read_twice():
    black = _two_tone_image(grey=0)
    grey_only = pymupdf.open().new_page(width=300, height=60)
    grey_only.insert_text((10, 30), NAME, fontsize=11, color=(0.7, 0.7, 0.7))
    shaded = pymupdf.open().new_page(width=300, height=60)  # a table's header row: black text on a grey band
    shaded.draw_rect(pymupdf.Rect(5, 15, 295, 45), color=None, fill=(0.75, 0.75, 0.75))
    shaded.insert_text((10, 34), "Naam, functie en afdeling van de behandelaar", fontsize=11)
    small = _two_tone_image(grey=0, dpi=150)
    for image in (black, small, *(p.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY).tobytes("pnm") for p in (grey_only, shaded))):
        assert darkened_light_ink(image) is None
    assert darkened_light_ink(_two_tone_image()) is not None


# -- light letters on dark fields ---------------------------------------------------


def _dark_fields_image(fill: tuple = (0.1, 0.15, 0.35), dpi: int = 300) -> bytes:
    """A form as a grey PNM: black labels on white, each value beside it in white on a dark field."""
    page = pymupdf.open().new_page(width=320, height=70)
    page.insert_text((6, 14), "Gegevens van de aanvrager", fontsize=11)
    for n, (label, value) in enumerate([("Contactpersoon:", NAME), ("E-mail:", EMAIL)]):
        base = 32 + 18 * n
        page.insert_text((6, base), label, fontsize=11)
        width = pymupdf.get_text_length(value, "helv", 11)
        page.draw_rect(pymupdf.Rect(100, base - 11, 100 + width + 8, base + 4), color=None, fill=fill)
        page.insert_text((104, base), value, fontsize=11, color=(1, 1, 1))
    return page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False).tobytes("pnm")


@pytest.mark.parametrize("fill", [(0.1, 0.15, 0.35), (140 / 255,) * 3], ids=["navy", "grey 140"])
def test_white_values_on_dark_fields_beside_black_labels_are_read(fill):
    """Tesseract binarises a dark field to ink and its white letters to paper; on a line of its own it
    reads them inverted, beside a black label it read the name as garbage ('BSE RW ilalel=ee'). The
    fields are read a second time, inverted, and their words replace the garbage on the label's line."""
    words = Tesseract().read_all([(_dark_fields_image(fill), 300)])[0]
    text = " ".join(w.text for w in words)
    assert NAME in text and EMAIL in text
    line = {w.text: w.line for w in words}
    assert line["Contactpersoon:"] == line["Wijnberg"], "the value joins its label's line"


def test_pictures_without_dark_fields_are_read_again_as_before():
    """An image without a dark field holding light letters gets the second reading it got before
    (light ink darkened, or none): dark text on white, a grey band under black text, bold black letters."""
    shaded = pymupdf.open().new_page(width=300, height=60)  # a table's header row: black text on a grey band
    shaded.draw_rect(pymupdf.Rect(5, 15, 295, 45), color=None, fill=(0.75, 0.75, 0.75))
    shaded.insert_text((10, 34), "Naam, functie en afdeling van de behandelaar", fontsize=11)
    bold = pymupdf.open().new_page(width=300, height=60)  # heavy letters with counters: no field
    bold.insert_text((10, 40), "BOODBAAR 8888", fontsize=30, fontname="hebo")
    plain = [_two_tone_image(grey=0), _two_tone_image(grey=0, dpi=150)]
    plain += [p.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY).tobytes("pnm") for p in (shaded, bold)]
    for image in plain:
        assert second_reading(image) is None
    two_tone = _two_tone_image()
    again = second_reading(two_tone)
    assert again.image == darkened_light_ink(two_tone) and again.fields == ()
    assert second_reading(_dark_fields_image()).fields


def test_garbage_in_a_dark_field_gives_way_to_the_inverted_reading():
    def word(text, left, confidence, line=(1, 1, 1)):
        return TsvWord(left, 10, 90, 30, text, confidence, line)

    label, garbage, outside = word("Van:", 0, 95), word("BSE", 110, 40), word("Datum:", 400, 90, (2, 1, 1))
    second = [word("Fenna", 110, 93, (7, 1, 1)), word("Datum;", 400, 95, (8, 1, 1))]
    joined = with_light_words([label, garbage, outside], second, fields=((100, 0, 300, 50),))
    assert [w.text for w in joined] == ["Van:", "Datum:", "Fenna"], "garbage let go; outside fields, the first reading stands"
    assert joined[-1].line == label.line
    sure = word("BSE", 110, 97)  # the first reading more confident: both kept
    assert [w.text for w in with_light_words([label, sure], second[:1], fields=((100, 0, 300, 50),))] == ["Van:", "BSE", "Fenna"]
    assert [w.text for w in with_light_words([label, garbage], second[:1])] == ["Van:", "BSE"], "no field: as before"


def test_a_blank_region_is_read_as_blank_not_refused():
    """A region of one grey level (a white strip) has no ink to split: Otsu's split of it was all NaN
    and raised, which refused two ordinary Dutch factsheets of ../shared/realpdf in verification."""
    blank = pymupdf.open().new_page(width=300, height=60).get_pixmap(dpi=300, colorspace=pymupdf.csGRAY).tobytes("pnm")
    assert darkened_light_ink(blank) is None
    assert Tesseract().read_all([(blank, 300)]) == [[]]
