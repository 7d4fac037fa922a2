"""Phone numbers as real documents write them, assigned by the numbering plan or not."""

import pytest


@pytest.fixture(scope="module")
def phones(detector):
    def run(text):
        return [f.text for f in detector.find(text) if f.entity == "PHONE"]

    return run


@pytest.mark.parametrize("text, number", [
    ("Contact: Piet Jansen, tel. 06-00123456", "06-00123456"),  # 06-00: assigned to no one, still a phone number
    ("Mobiel: 06-99887766", "06-99887766"),
    ("T 070 000 1111\nE p.jansen@example.nl", "070 000 1111"),
    ("bereikbaar op 06 00 11 22 33", "06 00 11 22 33"),
])
def test_unassigned_number_after_a_phone_cue_is_a_phone_number(phones, text, number):
    assert number in phones(text)


@pytest.mark.parametrize("text", [
    "Versie 1.2 van 12-03-2024 vervangt de vorige.",
    "Zie artikel 0600123456 van de regeling.",  # the shape without a cue is not enough for an unassigned number
    "Het dossier 2024-0612345 is gesloten.",
])
def test_numbers_without_a_cue_or_of_another_shape_are_not_phones(phones, text):
    assert phones(text) == []
