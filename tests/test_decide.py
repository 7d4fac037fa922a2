"""Decisions: what is redacted under which ground, and what stays public."""

import pytest

from woopub.decide.decider import Decider


@pytest.fixture(scope="module")
def decided(rules, detector):
    def run(text, extra_rules=None):
        decider = Decider(extra_rules or rules)
        return {f.text: decider.decide(f) for f in detector.find(text)}

    return run


def test_civil_servant_name_email_and_mobile_are_redacted_under_5_1_2e(decided):
    d = decided("Van: Wijnberg, F. (Fenna) <f.wijnberg@minjenv.nl>\nBel mij op 06-48291730.")
    assert d["Wijnberg, F. (Fenna)"].action == "redact" and d["Wijnberg, F. (Fenna)"].ground == "5.1.2e"
    assert d["f.wijnberg@minjenv.nl"].ground == "5.1.2e"
    assert d["06-48291730"].rule == "telefoonnummer"


def test_bsn_is_redacted_under_5_1_1e(decided):
    d = decided("Het BSN van betrokkene is 123456782.")
    assert d["123456782"].ground == "5.1.1e"


def test_number_failing_the_11_proef_is_not_a_bsn(decided):
    assert "123456789" not in decided("Zaaknummer 123456789 is afgesloten.")


def test_minister_with_role_cue_stays_public(decided):
    d = decided("Daarna heeft minister Van Weel de brief ondertekend.")
    assert d["Van Weel"].action == "keep" and d["Van Weel"].rule == "ambtsdrager-rol"
    assert "minister" in d["Van Weel"].reason


def test_all_members_of_a_list_of_kamerleden_stay_public(decided):
    d = decided("Op 21 december is door de leden Mutluer (GL/PvdA), Bikker (CU), Tseggai (GL/PvdA) "
                "en Van Nispen (SP) een motie ingediend.")
    for name in ("Bikker", "Van Nispen"):
        assert d[name].action == "keep", name


def test_motion_with_two_names_stays_public(decided):
    d = decided("De motie Boomsma/Van Nispen verzoekt de regering om een centrale structuur.")
    assert d["Boomsma"].action == "keep" and d["Van Nispen"].action == "keep"


def test_role_does_not_carry_over_to_a_civil_servant_in_the_same_sentence(decided):
    d = decided("Het overleg met minister Bruins en Piet Jansen is verplaatst.")
    assert d["Bruins"].action == "keep"
    assert d["Piet Jansen"].action == "redact"


def test_signature_under_de_minister_stays_public(decided):
    d = decided("Met vriendelijke groet,\n\nDe Minister van Justitie en Veiligheid,\n\nD.M. van Weel\n")
    assert d["D.M. van Weel"].action == "keep" and d["D.M. van Weel"].rule == "ambtsdrager-ondertekening"


def test_official_from_keep_list_stays_public_without_cue(decided):
    d = decided("In het debat zei Caroline van der Plas dat de boeren gehoord moeten worden.")
    assert d["Caroline van der Plas"].action == "keep" and d["Caroline van der Plas"].rule == "ambtsdrager-lijst"


def test_civil_servant_sharing_an_officials_surname_is_redacted(decided):
    d = decided("Het verslag is gemaakt door Jan Bikker van de directie Wetgeving.")
    assert d["Jan Bikker"].action == "redact"


def test_functional_mailbox_and_switchboard_stay_public(decided):
    d = decided("Mail naar postbus.mensenhandel@minjenv.nl of bel 070 370 79 11.")
    assert d["postbus.mensenhandel@minjenv.nl"].action == "keep"
    assert d["070 370 79 11"].action == "keep"


def test_dossier_rule_always_redact_and_always_keep(tmp_path, rules, decided):
    from woopub.decide.rules import load_rules

    extra = tmp_path / "dossier.yaml"
    extra.write_text("always_redact:\n  - value: Van Weel\n    reason: Naamgenoot, geen minister.\n"
                     "always_keep:\n  - value: Piet Jansen\n", encoding="utf-8")
    d = decided("Minister Van Weel sprak met Piet Jansen.", load_rules([extra]))
    assert d["Van Weel"].action == "redact" and d["Van Weel"].rule == "dossier-always-redact"
    assert d["Piet Jansen"].action == "keep"
