"""Each picture's digest is computed once per image MuPDF holds (``pictures.ImageDigests``), and is
the digest PyMuPDF gives (``get_image_info(hashes=True)``, ``Pixmap(doc, xref).digest``): the
looks verification takes from the scan pass are found by it. A picture whose pixels a redaction
box changed has a new digest, so it is looked at again, never taken for the picture it was."""

from __future__ import annotations

import hashlib
import io

import pymupdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from woopub.reading.planning import PictureCheck, plan_page
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


def _expected_infos(page: pymupdf.Page) -> list[dict]:
    """PyMuPDF's ``get_image_info(hashes=True)``, with the digest of a masked picture made of its
    colour's and its mask's (PyMuPDF's leaves the mask out)."""
    doc = page.parent
    infos = [dict(info) for info in page.get_image_info(hashes=True)]
    # asked for xrefs, PyMuPDF adds them to the infos it keeps with the page: asked last, on copies
    for info, placed in zip(infos, page.get_image_info(hashes=True, xrefs=True), strict=True):
        smask = doc.xref_get_key(placed["xref"], "SMask") if placed["xref"] else ("null", "")
        if smask[0] == "xref":
            mask = pymupdf.Pixmap(doc, int(smask[1].split()[0])).digest
            info["digest"] = hashlib.md5(info["digest"] + mask).digest()
    return infos


def test_digests_are_pymupdfs_and_each_image_is_decoded_once(tmp_path):
    _document(tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as doc, pymupdf.open(tmp_path / "d.pdf") as fresh:
        digests = ImageDigests()
        for page in doc:
            ours = digests.page_infos(page)
            theirs = _expected_infos(fresh[page.number])
            assert ours == theirs
            assert page.get_image_info(hashes=True) is ours  # kept with the page, as PyMuPDF keeps it
        assert len(ours) == 1 and len(doc[0].get_image_info()) == 5
        # the picture shown three times on two pages, its copy, the masked one, the inline one
        assert digests.decoded == 4
        for xref in range(1, doc.xref_length()):
            if doc.xref_get_key(xref, "Subtype")[1] == "/Image":
                expected = pymupdf.Pixmap(doc, xref).digest
                smask = doc.xref_get_key(xref, "SMask")
                if smask[0] == "xref":
                    expected = hashlib.md5(expected + pymupdf.Pixmap(doc, int(smask[1].split()[0])).digest).digest()
                assert digests.of_xref(doc, xref) == expected
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


def test_an_image_objects_key_is_its_bytes_and_all_it_refers_to(tmp_path):
    """``planning._object_key`` (a look kept by the bytes the pixels are decoded from, for the whole run):
    the same for the same bytes under other object numbers; another for a changed stream, or a
    changed soft mask, whose colour pixels (and so PyMuPDF's digest) stay the same."""
    from woopub.reading.planning import _object_key

    _document(tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        items = doc[0].get_images(full=True)
        named = {i[7]: i for i in items}  # fzImg0-3 in the order _document placed them
        name, copy, masked, smask = named["fzImg0"][0], named["fzImg2"][0], named["fzImg3"][0], named["fzImg3"][1]
        key, masked_key = _object_key(doc, name), _object_key(doc, masked)
        assert masked_key != key and _object_key(doc, copy) == _object_key(doc, copy)
        doc.save(tmp_path / "renumbered.pdf", garbage=4)
        mask = bytearray(doc.xref_stream(smask))  # 40 x 40 grey: its top ten rows made opaque
        mask[:400] = b"\xff" * 400
        digest = pymupdf.Pixmap(doc, masked).digest
        doc.update_stream(smask, bytes(mask))
        assert pymupdf.Pixmap(doc, masked).digest == digest  # MuPDF's digest does not see the mask
        assert _object_key(doc, masked) != masked_key
        page = doc[1]
        page.add_redact_annot(pymupdf.Rect(60, 55, 200, 105))
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)
        assert _object_key(doc, page.get_images()[0][0]) != key
    with pymupdf.open(tmp_path / "renumbered.pdf") as again:
        numbers = {i[7]: i[0] for i in again[0].get_images(full=True)}  # by the name the page shows it by
        assert (numbers["fzImg0"], numbers["fzImg3"]) != (name, masked)
        assert (_object_key(again, numbers["fzImg0"]), _object_key(again, numbers["fzImg3"])) == (key, masked_key)


def test_a_look_is_taken_by_the_objects_bytes_only_for_the_same_bytes(tmp_path, monkeypatch):
    """In a run (the memo folder), a picture looked at in one pass is not decoded again in another
    for its look when its object's bytes are the same; a picture a box changed is."""
    import woopub.reading.planning as planning
    from woopub.reading.tesseract import remember_ocr_in

    _document(tmp_path / "d.pdf")
    decoded = []
    real = planning.grey_planes
    monkeypatch.setattr(planning, "grey_planes", lambda doc, xref: decoded.append(xref) or real(doc, xref))
    (tmp_path / "memo").mkdir()
    remember_ocr_in(tmp_path / "memo")
    try:
        with pymupdf.open(tmp_path / "d.pdf") as doc:
            check = PictureCheck(doc)
            first = [plan_page(page, check=check) for page in doc]
            doc.save(tmp_path / "again.pdf", garbage=2)  # renumbered, nothing merged
            page = doc[1]
            page.add_redact_annot(pymupdf.Rect(60, 55, 200, 105))
            page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)
            doc.save(tmp_path / "r.pdf")
        assert decoded
        decoded.clear()
        with pymupdf.open(tmp_path / "again.pdf") as again:
            check = PictureCheck(again)
            assert [plan_page(page, check=check) for page in again] == first
        assert decoded == []
        with pymupdf.open(tmp_path / "r.pdf") as redacted:
            check = PictureCheck(redacted)
            plan_page(redacted[1], check=check)
        assert decoded == [redacted_xref(tmp_path / "r.pdf")]
    finally:
        remember_ocr_in(None)


def redacted_xref(path) -> int:
    with pymupdf.open(path) as doc:
        return doc[1].get_images()[0][0]


def test_a_digest_is_taken_by_the_objects_bytes_in_a_later_pass(tmp_path):
    """In a run, an image object's digest found in one pass is taken in another for the same bytes
    (no decoding); the digests are PyMuPDF's all the same, and a changed image is decoded."""
    from woopub.reading.planning import image_digests
    from woopub.reading.tesseract import remember_ocr_in

    _document(tmp_path / "d.pdf")
    (tmp_path / "memo").mkdir()
    remember_ocr_in(tmp_path / "memo")
    try:
        with pymupdf.open(tmp_path / "d.pdf") as doc:
            first = image_digests()
            for page in doc:
                first.page_infos(page)
            page = doc[1]
            page.add_redact_annot(pymupdf.Rect(60, 55, 200, 105))
            page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)
            doc.save(tmp_path / "r.pdf", garbage=4)
        assert first.decoded == 4
        with pymupdf.open(tmp_path / "r.pdf") as published, pymupdf.open(tmp_path / "r.pdf") as fresh:
            later = image_digests()
            for page in published:
                assert later.page_infos(page) == _expected_infos(fresh[page.number])
        # page 2's picture is new pixels (decoded); on page 1 the inline image has no object: decoded
        assert later.decoded == 2
    finally:
        remember_ocr_in(None)


def _masked(text: str | None, size=(360, 60)) -> pymupdf.Pixmap:
    """A black picture whose soft mask holds ``text`` (a PNG of black letters on transparency, as
    Word and screenshot tools write it), or an ellipse: the colour pixels are the same either way."""
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    if text:
        draw.text((8, 16), text, fill=255, font=ImageFont.load_default(size=24))
    else:
        draw.ellipse((100, 5, 260, 55), fill=255)
    out = io.BytesIO()
    mask.save(out, "PNG")
    black = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, *size), False)
    black.set_rect(black.irect, (0, 0, 0))
    return pymupdf.Pixmap(black, pymupdf.Pixmap(out.getvalue()))


@pytest.mark.parametrize("shape_first", [True, False])
def test_pictures_that_differ_in_their_soft_mask_alone_are_looked_at_apart(tmp_path, shape_first):
    """Two black pictures of one size, one masked by a shape and one by a name: MuPDF's digest of
    their pixels is the same, so a look keyed by it made the name's picture take the shape's look
    ("no letters") in one of the two orders, and the name was never read by OCR."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((50, 40), "Verslag van het overleg")
    pictures = [_masked(None), _masked("Fenna Wijnberg")]
    for k, picture in enumerate(pictures if shape_first else pictures[::-1]):
        page.insert_image(pymupdf.Rect(50, 100 + 100 * k, 410, 160 + 100 * k), pixmap=picture)
    doc.save(tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as doc:
        objects = doc[0].get_images()
        assert len(objects) == 2 and len({doc.xref_get_key(o[0], "SMask")[1] for o in objects}) == 2
        assert len({i["digest"] for i in doc[0].get_image_info(hashes=True)}) == 1  # the case itself
        name_at = pymupdf.Rect(50, 200, 410, 260) if shape_first else pymupdf.Rect(50, 100, 410, 160)
        regions = plan_page(doc[0], check=PictureCheck(doc))
        assert any(r.reason == "image" and pymupdf.Rect(r.rect).contains(name_at) for r in regions)
