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
