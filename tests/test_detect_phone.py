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


@pytest.mark.parametrize("text", [
    "STAFF TRANSPORTATION 05/25/2019 05/24/2019 DHAW20190033",  # "05/25/2019 05" is a valid Elburg number
    "PEDRO SANT ANNA 05/08/1999 81.33 76.33 95.00",
    "RODRIGO SANTOS 28/07/1999 84.00 76.67",  # "07/1999 84.00" after "28/"
])
def test_dates_in_a_table_are_not_phone_numbers(phones, text):
    assert phones(text) == []


@pytest.mark.parametrize("text, number", [
    ("tel 0612345678 01-02-2024", "0612345678"),
    ("T 070 - 456 7890\n12-03-2024", "070 - 456 7890"),
    ("Datum 06-12-2024, mobiel 06-12 34 56 78", "06-12 34 56 78"),
])
def test_a_phone_number_beside_a_date_is_still_found(phones, text, number):
    assert phones(text) == [number]
