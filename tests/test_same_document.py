"""A name redacted in a document is redacted at each of its other mentions there."""

from __future__ import annotations

from woopub.model import KEEP, REDACT, Decision, Finding
from woopub.decide.analysis import same_document_mentions

REDACTED = Decision(REDACT, "5.1.2e", "naam-persoon", "Naam van een ambtenaar.")
KEPT = Decision(KEEP, None, "organisatie", "Naam van een organisatie.")


def _finding(text: str, word: str, nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Finding(start, start + len(word), "PERSON", word, 0.7, "persons")


def test_a_surname_that_is_a_common_word_is_redacted_where_no_title_marks_it():
    text = "Mevrouw Kind heeft dit besproken. Vragen kunnen naar Ilse Kind (telefoon 06-12345678)."
    first = _finding(text, "Kind")
    found = same_document_mentions(text, [first], [REDACTED])
    assert [(f.text, f.start) for f in found] == [("Kind", text.index("Kind", first.end))]
    assert "same-name-redacted-in-document" in found[0].evidence


def test_only_the_letters_as_written_on_word_edges_count():
    text = "Mevrouw Kind belde. Het kind speelt; Kinderen spelen; Kind-en-Gezin; i.kind@example.nl."
    found = same_document_mentions(text, [_finding(text, "Kind")], [REDACTED])
    assert found == []


def test_a_mention_inside_a_kept_finding_is_left_to_that_finding():
    text = "De heer Van Dam belde. Het Van Dam Instituut antwoordde."
    person = _finding(text, "Van Dam")
    institute = Finding(text.index("Van Dam Instituut"), text.index("Van Dam Instituut") + len("Van Dam Instituut"),
                        "PERSON", "Van Dam Instituut", 0.5, "persons")
    assert same_document_mentions(text, [person, institute], [REDACTED, KEPT]) == []


def test_a_name_wrapped_over_two_lines_is_found_as_verification_finds_it():
    text = "Opgesteld door Ilse van Dam.\nVragen aan Ilse van\nDam, telefoon 070-1234567."
    found = same_document_mentions(text, [_finding(text, "Ilse van Dam")], [REDACTED])
    assert [f.text for f in found] == ["Ilse van\nDam"]


def test_the_surname_in_an_organisations_name_is_kept_as_the_organisation():
    text = "Aanwezig: de heer Brouwer. De Stichting Brouwer organiseert het congres."
    found = same_document_mentions(text, [_finding(text, "Brouwer")], [REDACTED])
    assert [f.evidence for f in found] == [("dossier:in-organisation-name",)]  # kept by rule naam-in-organisatienaam


def test_an_organisation_word_before_the_same_surname_is_not_the_person(detector):
    text = "Aanwezig: Tonnie Brouwer (Nederlandse Arbeidsinspectie)\n\nDe Stichting Brouwer organiseert het congres."
    stichting = text.index("Stichting Brouwer") + len("Stichting ")
    assert not any(f.start == stichting and f.entity == "PERSON" for f in detector.find(text))


def test_a_name_whose_space_ocr_dropped_is_found_as_written():
    # a scan read by OCR at 150 dpi: "Frank van Es" came out as "Frank vanEs" and "van Es" stayed legible
    text = "Deelnemers:\nFrank vanEs\nIvo Hendriks\nActie: van Es stuurt de notulen. De weather vanes draaien."
    found = same_document_mentions(text, [_finding(text, "van Es")], [REDACTED])
    assert [f.text for f in found] == ["vanEs"]
    assert "same-name-redacted-in-document" in found[0].evidence
