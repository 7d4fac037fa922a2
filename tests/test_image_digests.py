"""Each picture's digest is computed once per image MuPDF holds (``pictures.ImageDigests``), and is
the digest PyMuPDF gives (``get_image_info(hashes=True)``, ``Pixmap(doc, xref).digest``): the
looks verification takes from the scan pass are found by it. A picture whose pixels a redaction
box changed has a new digest, so it is looked at again, never taken for the picture it was."""

from __future__ import annotations

import io

import pymupdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from woopub.reading.ocr import PictureCheck, plan_page
from woopub.reading.pictures import ImageDigests


def _picture(text: str, size=(360, 60)) -> bytes:
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).text((8, 16), text, fill="black", font=ImageFont.load_default(size=24))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _document(path) -> None:
    """Two pages: one picture shown twice and again on the next page, another with the same pixels
    in its own object, one with a soft mask, and an inline image."""
    doc = pymupdf.open()
    page = doc.new_page()
    name = _picture("Fenna Wijnberg")
    xref = page.insert_image(pymupdf.Rect(50, 50, 410, 110), stream=name)
    page.insert_image(pymupdf.Rect(50, 150, 410, 210), xref=xref)
    copy = doc.get_new_xref()  # the same pixels in a second object
    doc.update_object(copy, "<<>>")
    doc.xref_copy(xref, copy)
    page.insert_image(pymupdf.Rect(50, 250, 410, 310), xref=copy)
    rgb = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    rgb.set_rect(rgb.irect, (200, 0, 0))
    mask = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 40, 40), False)
    mask.set_rect(mask.irect, (0,))
    mask.set_rect(pymupdf.IRect(5, 5, 30, 30), (255,))
    page.insert_image(pymupdf.Rect(50, 350, 130, 430), pixmap=pymupdf.Pixmap(rgb, mask))
    inline = b"q 80 0 0 80 300 400 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q\n"
    page.insert_text((50, 500), "Verslag van het overleg")
    doc.update_stream(page.get_contents()[0], doc.xref_stream(page.get_contents()[0]) + b"\n" + inline)
    other = doc.new_page()
    other.insert_image(pymupdf.Rect(50, 50, 410, 110), xref=xref)
    other.insert_text((50, 300), "Tweede pagina")
    doc.save(path)


def test_digests_are_pymupdfs_and_each_image_is_decoded_once(tmp_path):
    _document(tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as doc, pymupdf.open(tmp_path / "d.pdf") as fresh:
        digests = ImageDigests()
        for page in doc:
            ours = digests.page_infos(page)
            theirs = fresh[page.number].get_image_info(hashes=True)
            assert ours == theirs
            assert page.get_image_info(hashes=True) is ours  # kept with the page, as PyMuPDF keeps it
        assert len(ours) == 1 and len(doc[0].get_image_info()) == 5
        # the picture shown three times on two pages, its copy, the masked one, the inline one
        assert digests.decoded == 4
        for xref in range(1, doc.xref_length()):
            if doc.xref_get_key(xref, "Subtype")[1] == "/Image":
                assert digests.of_xref(doc, xref) == pymupdf.Pixmap(doc, xref).digest
        assert digests.decoded == 5  # only the soft mask's own object was not decoded yet
        with pytest.raises(ValueError):
            digests.of_xref(doc, doc[0].xref)  # not an image, as Pixmap(doc, xref) says


def test_a_picture_a_box_changed_is_not_taken_for_what_it_was(tmp_path):
    """The digest shortcut must not keep a picture's old digest once its pixels changed: the same
    document, its image blanked under a redaction box, gives the new pixels' digest."""
    _document(tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        digests = ImageDigests()
        before = [i["digest"] for i in digests.page_infos(doc[1])]
        page = doc[1]
        page.add_redact_annot(pymupdf.Rect(60, 55, 200, 105))
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)
        doc.save(tmp_path / "r.pdf")
        after = [i["digest"] for i in digests.page_infos(doc.reload_page(page))]
        assert after != before
    with pymupdf.open(tmp_path / "r.pdf") as published:
        assert after == [i["digest"] for i in published[1].get_image_info(hashes=True)]


def test_verification_looks_again_at_a_picture_a_box_changed(tmp_path):
    """The scan pass's looks are taken only for the very same pixels: a picture whose letters a box
    blanked (its object changed, its name still the same xref) is looked at anew."""
    _document(tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        check = PictureCheck(doc)
        plans = [plan_page(page, check=check) for page in doc]
        looks = dict(check.looks)
    assert any(r.reason == "image" for r in plans[1])  # the name on page 2 is read
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        page = doc[1]
        page.add_redact_annot(pymupdf.Rect(40, 40, 420, 120))  # the whole picture blanked
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)
        doc.save(tmp_path / "r.pdf")
    with pymupdf.open(tmp_path / "r.pdf") as published:
        new = [i["digest"] for i in published[1].get_image_info(hashes=True)]
        assert not any(d in looks for d in new)  # new pixels: no earlier look applies
        check = PictureCheck(published, looks)
        assert [i["digest"] for i in check.digests.page_infos(published[1])] == new
        assert not any(r.reason == "image" for r in plan_page(published[1], check=check))  # looked at: blank
