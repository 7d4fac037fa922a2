"""Personal data in file and folder names: detected, decided and replaced by the ground code."""

from woopub.decide.decider import Decider
from woopub.decide.filenames import decide_name, name_as_text, public_name
from woopub.model import KEEP, REDACT, Decision, Finding


def _find(relative: str, value: str) -> Finding:
    text = name_as_text(relative)
    start = relative.index(value)
    return Finding(start, start + len(value), "PERSON", text[start : start + len(value)], 0.9, "test")


def test_redacted_name_in_file_name_becomes_ground_code():
    rel = "Mail van Jan de Vries 12-03-2024.pdf"
    safe = public_name(rel, [_find(rel, "Jan de Vries")], [Decision(REDACT, "5.1.2e", "r", "why")])
    assert safe == "Mail van [5.1.2e] 12-03-2024.pdf"


def test_name_kept_public_stays_in_file_name():
    rel = "Brief minister Mark Rutte.pdf"
    assert public_name(rel, [_find(rel, "Mark Rutte")], [Decision(KEEP, None, "r", "why")]) == rel


def test_name_in_folder_name_is_replaced_and_folders_kept():
    rel = "bijlagen/Marieke Jansen/cv.pdf"
    safe = public_name(rel, [_find(rel, "Marieke Jansen")], [Decision(REDACT, "5.1.2e", "r", "why")])
    assert safe == "bijlagen/[5.1.2e]/cv.pdf"


def test_detectors_read_joined_file_name_words(rules, detector):
    # underscores and hyphens read as spaces: "Jan_de_Vries" is the name Jan de Vries
    safe = decide_name("Mail_van_dhr._Jan_de_Vries_12-03-2024.pdf", detector, Decider(rules))
    assert "Vries" not in safe and "[5.1.2e]" in safe and safe.endswith(".pdf")


def test_email_in_file_name_is_replaced(rules, detector):
    safe = decide_name("doorgestuurd j.devries@minbzk.nl.pdf", detector, Decider(rules))
    assert "devries" not in safe


def test_known_name_joined_in_url_handle_and_user_name_is_redacted(rules, detector):
    from woopub.decide.analysis import same_document_mentions

    text = ("Met vriendelijke groet,\ndrs. Jan de Vries\nbeleidsmedewerker\n"
            "Profiel: linkedin.com/in/jan-de-vries en op X @JanDeVries, intern j_devries.\n")
    findings = detector.find(text)
    decider = Decider(rules)
    decisions = [decider.decide(f) for f in findings]
    more = same_document_mentions(text, findings, decisions)
    redacted = {f.text for f in more if decider.decide(f).action == REDACT}
    assert {"jan-de-vries", "JanDeVries", "j_devries"} <= redacted


def test_surname_before_extension_is_read_as_a_word(rules, detector):
    # "Jansen.pdf" is the word Jansen followed by its extension, not one token
    safe = decide_name("cv Marieke Jansen.pdf", detector, Decider(rules))
    assert "Jansen" not in safe and "Marieke" not in safe and safe.endswith(".pdf")


def test_converted_file_extension_does_not_hide_the_surname(rules, detector):
    safe = decide_name("Aantekeningen Fenna Wijnberg.docx.pdf", detector, Decider(rules))
    assert "Wijnberg" not in safe and safe.endswith(".docx.pdf")


def test_title_case_words_alone_stay_in_a_file_name(rules, detector):
    # a file name is Title Case: capitals and a listed first name are no evidence there
    name = "nl-algokader__AI-Verordening_Geletterdheid_Factsheet_Bestuurders.pdf"
    assert decide_name(name, detector, Decider(rules)) == name


def test_name_the_dossier_redacts_is_redacted_in_a_file_name_without_evidence_of_its_own(rules, detector):
    from woopub.detect import PersonIndex

    index = PersonIndex()
    index.add_person("Jan de Vries")
    decider = Decider(rules, None, index.surnames)
    assert "Vries" not in decide_name("notities De Vries.pdf", detector, decider, index)
    assert decide_name("JanDeVries_notities.pdf", detector, decider, index) == "[5.1.2e]_notities.pdf"
