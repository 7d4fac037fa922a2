"""Short-hand redacted for where it stands ("Actie: AD" in minutes) is verified where it stood.

The decide stage finds two capitals as a person's initials only by their place (an action column,
brackets after a named person) and does not spread them through the document: "AD" of "een AD
omzetter" elsewhere is no name. Verification used to hunt the value in the whole document, found
the same letters on another page, and withheld the document (after publishing that page as a scan,
it found them on the next): four ordinary real documents (API slides with "Applicatie (RP)", a
supplier table with "CA"). Now the value must be gone from its own boxes, and that is checked.
"""

from __future__ import annotations

import pymupdf

import woopub.writing.redact as redact
from woopub.detect.dossier import PLACED_SHORTHAND
from woopub.model import REDACT, Proposal
from woopub.reading.extract import extract_text
from woopub.writing.redact import apply_proposals
from woopub.writing.sanitize import sanitize, save_clean
from woopub.writing.secrets import SecretSet, secrets_from
from woopub.writing.verify import verify_pdf


def _minutes(tmp_path, keep_glyphs=False, monkeypatch=None):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Besluitenlijst overleg 12 maart", fontsize=11)
    page.insert_text((72, 130), "Actie: AD", fontsize=11)
    doc.new_page().insert_text((72, 100), "Het signaal gaat door een AD omzetter naar de server.", fontsize=11)
    text = extract_text(doc)
    [box] = [w.box for w in text.words if w.page == 0 and w.text == "AD"]
    proposal = Proposal("notulen.pdf#1", "notulen.pdf", 1, (box,), "AD", "PERSON", REDACT, "5.1.2e", "naam-persoon",
                        0.6, "initialen", "dossier", evidence=(PLACED_SHORTHAND,))
    if keep_glyphs:  # MuPDF's glyph removal takes nothing: the box is drawn, the letters stay beneath it
        apply = redact._apply
        monkeypatch.setattr(redact, "_apply", lambda page, images, graphics, text: apply(
            page, images, graphics, pymupdf.PDF_REDACT_TEXT_NONE))
    entries, _ = apply_proposals(doc, [proposal])
    sanitize(doc)
    out = tmp_path / "notulen.pdf"
    save_clean(doc, out)
    logged = [{"page": e.page, "rect": list(e.box), "ground": e.ground} for e in entries]
    return out, [proposal], logged


def test_placed_short_hand_is_no_leak_where_the_same_letters_stand_elsewhere(tmp_path):
    out, proposals, logged = _minutes(tmp_path)
    with pymupdf.open(out) as doc:
        assert "AD" in doc[1].get_text()  # the converter's "AD" stays: it is no name
    problems = verify_pdf(out, "notulen.pdf", [SecretSet(secrets_from(proposals))], proposals, logged)
    assert problems == []


def test_placed_short_hand_left_in_its_own_box_is_a_leak(tmp_path, monkeypatch):
    out, proposals, logged = _minutes(tmp_path, keep_glyphs=True, monkeypatch=monkeypatch)
    problems = verify_pdf(out, "notulen.pdf", [SecretSet(secrets_from(proposals))], proposals, logged)
    assert [(p.kind, p.detail) for p in problems] == [
        ("leak", "PERSON of proposal notulen.pdf#1 is still in its box on page 1")]


def test_a_phone_number_left_in_the_text_is_named_on_every_page_it_stands_on(tmp_path):
    # a number was reported for the document as a whole: the scan repair then took every page whose
    # text held any value (19 pages of one real document) instead of the two the number stands on
    from woopub.writing.secrets import Secret

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 100), "Een pagina zonder nummer.", fontsize=11)
    doc.new_page().insert_text((72, 100), "Bel 070-3456789 voor vragen.", fontsize=11)
    doc.new_page().insert_text((72, 100), "Of bel (070) 345 67 89 na vijf uur.", fontsize=11)
    doc.save(tmp_path / "nummers.pdf")
    secret = Secret("070-3456789", "PHONE", "PHONE of proposal nummers.pdf#1")
    problems = verify_pdf(tmp_path / "nummers.pdf", "nummers.pdf", [SecretSet([secret])], [], [])
    assert [p.detail for p in problems if p.kind == "leak"] == [
        "PHONE of proposal nummers.pdf#1 is still in the text of page 2",
        "PHONE of proposal nummers.pdf#1 is still in the text of page 3"]
