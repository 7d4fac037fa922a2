"""The keep-list of office holders: parsing the Tweede Kamer API, merging, writing, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.parse
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from woopub.decide import officials
from woopub.cli import main
from woopub.decide.decider import Decider
from woopub.decide.offices import OfficialIndex
from woopub.dutch import fold
from woopub.model import Finding
from woopub.decide.officials import FetchError, fetch_pages, membership_url, merge, parse_memberships, report_lines
from woopub.decide.rules import load_rules, officials_file, read_rule_file, shipped_rules_dir

FIXTURES = Path(__file__).parent / "fixtures" / "tk-odata"
SINCE = dt.date(2020, 11, 1)
TODAY = dt.date(2026, 11, 1)  # after the shipped list's as_of, so the refreshed list is used


def recorded_api(requested: list[str] | None = None):
    """A stand-in for the HTTP GET that serves the fixture pages: the first URL, then the nextLink."""
    pages = [json.loads((FIXTURES / f"fractiezetelpersoon-page{n}.json").read_text("utf-8")) for n in (1, 2)]

    def get_json(url: str, timeout: float) -> dict:
        if requested is not None:
            requested.append(url)
        return pages[1] if url == pages[0]["@odata.nextLink"] else pages[0]

    return get_json


@pytest.fixture()
def fetched():
    return parse_memberships(fetch_pages(membership_url(SINCE), get_json=recorded_api()))


@pytest.fixture()
def xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "woopub" / "rules"


def by_name(entries):
    return {e["name"]: e for e in entries}


# --- fetch -------------------------------------------------------------------


def test_paging_follows_the_next_link_from_a_query_on_the_since_date():
    requested: list[str] = []
    pages = list(fetch_pages(membership_url(SINCE), get_json=recorded_api(requested)))
    assert len(pages) == 2 and len(requested) == 2
    first = urllib.parse.unquote(requested[0])
    assert first.startswith("https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/FractieZetelPersoon?")
    assert "TotEnMet eq null or TotEnMet ge 2020-11-01T00:00:00Z" in first
    assert "Persoon($select=" in first and "Fractie($select=Id,Afkorting,NaamNL)" in first
    assert " " not in requested[0]
    assert requested[1] == pages[0]["@odata.nextLink"]


def test_a_next_link_that_points_back_is_refused():
    page = {"value": [], "@odata.nextLink": "https://example.invalid/x"}
    with pytest.raises(FetchError, match="paging did not end"):
        list(fetch_pages("https://example.invalid/x", get_json=lambda url, t: page))


@pytest.mark.parametrize(
    "problem, message",
    [
        (urllib.error.URLError("[Errno -2] Name or service not known"), "cannot reach gegevensmagazijn"),
        (urllib.error.HTTPError("u", 503, "Service Unavailable", {}, None), "HTTP 503"),
        (TimeoutError(), "within 30 s"),
        (json.JSONDecodeError("Expecting value", "<html>", 0), "unusable answer"),
    ],
)
def test_network_and_answer_problems_become_one_fetch_error(problem, message):
    def failing(url, timeout):
        raise problem

    with pytest.raises(FetchError, match=message) as exc:
        list(fetch_pages(membership_url(SINCE), get_json=failing))
    assert "\n" not in str(exc.value)


def test_an_answer_without_a_value_list_is_refused():
    with pytest.raises(FetchError, match="no 'value' list"):
        list(fetch_pages(membership_url(SINCE), get_json=lambda url, t: {"error": {"message": "Bad filter"}}))


# --- parse -------------------------------------------------------------------


def test_recorded_pages_become_one_entry_per_person(fetched):
    entries = by_name(fetched)
    assert set(entries) == {"Fleur Agema", "Caroline van der Plas", "Jesse Six Dijkstra", "Sanne de Voorbeeld",
                            "Ahmet Yılmaz", "H.W. van Bekkum"}
    agema = entries["Fleur Agema"]
    assert agema["party"] == "PVV" and agema["source"] == "tk-odata"
    assert agema["tk_id"] == "1c889902-6ede-427c-8682-000f683fffaa"
    assert agema["roles"] == [{"role": "Tweede Kamerlid", "from": "2006-11-30", "to": "2024-07-01"}]


def test_dates_are_the_kamers_calendar_days_not_utc():
    page = {"value": [{"Van": "2024-07-04T00:00:00+02:00", "TotEnMet": None, "Verwijderd": False,
                       "Persoon": {"Id": "x", "Roepnaam": "Jan", "Achternaam": "Vos"}, "FractieZetel": None}]}
    (entry,) = parse_memberships([page])
    assert entry["roles"] == [{"role": "Tweede Kamerlid", "from": "2024-07-04"}]
    assert "party" not in entry


def test_two_word_surname_is_stated_and_tussenvoegsel_is_not(fetched):
    entries = by_name(fetched)
    assert entries["Jesse Six Dijkstra"]["surname"] == "Six Dijkstra"
    assert "surname" not in entries["Caroline van der Plas"]


def test_move_to_another_group_is_one_period_with_the_latest_party(fetched):
    voorbeeld = by_name(fetched)["Sanne de Voorbeeld"]
    assert voorbeeld["party"] == "Groep Voorbeeld"
    assert voorbeeld["roles"] == [{"role": "Tweede Kamerlid", "from": "2021-03-31"}]


def test_return_after_a_gap_is_a_second_period_latest_first(fetched):
    assert by_name(fetched)["Ahmet Yılmaz"]["roles"] == [
        {"role": "Tweede Kamerlid", "from": "2024-07-04"},
        {"role": "Tweede Kamerlid", "from": "2021-03-31", "to": "2023-12-05"},
    ]


def test_deleted_rows_and_missing_persons_are_skipped(fetched):
    assert not [e for e in fetched if "Verwijderdpersoon" in e["name"]]
    assert len(fetched) == 6


# --- merge -------------------------------------------------------------------

HAND = [
    {"name": "Dick Schoof", "roles": [{"role": "minister-president", "from": "2024-07-02"}]},
    {"name": "Fleur Agema", "party": "PVV", "roles": [
        {"role": "minister van VWS", "from": "2024-07-02", "to": "2025-06-03"},
        {"role": "Tweede Kamerlid", "from": "2006-11-30", "to": "2024-07-02"}]},
    {"name": "Caroline van der Plas", "party": "BBB", "roles": [{"role": "Tweede Kamerlid", "from": "2021-03-31"}]},
]


def test_merge_keeps_hand_added_entries_and_roles(fetched):
    merged, changes = merge(HAND, fetched, SINCE)
    entries = by_name(merged)
    assert entries["Dick Schoof"] == {**HAND[0], "source": "hand"}  # untouched, marked as hand-compiled
    agema = entries["Fleur Agema"]
    assert agema["roles"][0] == {"role": "minister van VWS", "from": "2024-07-02", "to": "2025-06-03"}
    assert {"role": "Tweede Kamerlid", "from": "2006-11-30", "to": "2024-07-01"} in agema["roles"]
    assert {"role": "Tweede Kamerlid", "from": "2006-11-30", "to": "2024-07-02"} not in agema["roles"]
    assert agema["source"] == "tk-odata+hand" and agema["tk_id"]
    assert [e["name"] for e in merged[:3]] == ["Dick Schoof", "Fleur Agema", "Caroline van der Plas"]
    assert {e["name"] for e in changes.added} == {"Jesse Six Dijkstra", "Sanne de Voorbeeld", "Ahmet Yılmaz",
                                                   "H.W. van Bekkum"}
    assert not changes.removed


def test_kamerlid_period_before_the_fetched_window_is_kept(fetched):
    old = [{"name": "Ahmet Yılmaz", "roles": [{"role": "Tweede Kamerlid", "from": "2012-09-20", "to": "2017-03-22"}]}]
    merged, _ = merge(old, fetched, SINCE)
    roles = by_name(merged)["Ahmet Yılmaz"]["roles"]
    assert roles[0] == {"role": "Tweede Kamerlid", "from": "2012-09-20", "to": "2017-03-22"}
    assert len(roles) == 3


def test_entry_from_an_earlier_update_that_the_api_no_longer_lists_is_removed(fetched):
    gone = {"name": "Kees Vertrokken", "party": "SP", "source": "tk-odata",
            "tk_id": "00000000-0000-4000-8000-000000000001",
            "roles": [{"role": "Tweede Kamerlid", "from": "2021-03-31", "to": "2023-12-05"}]}
    old_history = {"name": "Lies Lang-Geleden", "party": "CDA", "source": "tk-odata",
                   "tk_id": "00000000-0000-4000-8000-000000000002",
                   "roles": [{"role": "Tweede Kamerlid", "from": "2012-09-20", "to": "2017-03-22"}]}
    merged, changes = merge([gone, old_history], fetched, SINCE)
    names = {e["name"] for e in merged}
    assert "Kees Vertrokken" not in names and [e["name"] for e in changes.removed] == ["Kees Vertrokken"]
    assert "Lies Lang-Geleden" in names  # ended before the window: not asked for, so not removed


def test_person_is_recognised_by_api_id_after_a_name_change(fetched):
    old = [{"name": "Sanne Oudenaam", "source": "tk-odata", "tk_id": "2f4b6d8a-0c1e-4a3b-9d5f-1e3a5c7b9d48",
            "roles": [{"role": "Tweede Kamerlid", "from": "2021-03-31"}]}]
    merged, changes = merge(old, fetched, SINCE)
    assert "Sanne de Voorbeeld" not in {e["name"] for e in changes.added}
    assert sum(1 for e in merged if e.get("tk_id") == old[0]["tk_id"]) == 1


def test_diff_lists_added_removed_and_changed_roles(fetched):
    gone = {"name": "Kees Vertrokken", "party": "SP", "source": "tk-odata",
            "roles": [{"role": "Tweede Kamerlid", "from": "2021-03-31"}]}
    _, changes = merge(HAND + [gone], fetched, SINCE)
    lines = report_lines(changes)
    assert "added Jesse Six Dijkstra (NSC): Tweede Kamerlid 2023-12-06–" in lines
    assert "removed Kees Vertrokken (SP): Tweede Kamerlid 2021-03-31–" in lines
    assert ("changed Fleur Agema: - Tweede Kamerlid 2006-11-30–2024-07-02, "
            "+ Tweede Kamerlid 2006-11-30–2024-07-01") in lines
    assert not [line for line in lines if "Dick Schoof" in line or "Caroline van der Plas" in line]


# --- write and load ----------------------------------------------------------


@pytest.fixture()
def few_sitting_is_enough(monkeypatch):
    monkeypatch.setattr(officials, "MIN_SITTING", 1)


def test_update_writes_a_list_that_load_rules_reads_and_decisions_use(xdg, few_sitting_is_enough):
    shipped = read_rule_file(shipped_rules_dir() / "officials.yaml")
    result = officials.update(since=SINCE, today=TODAY, fetch=lambda url, t: fetch_pages(url, t, recorded_api()))
    assert result.path == xdg / "officials.yaml" and result.path.is_file()
    assert officials_file() == result.path
    rules = load_rules()
    assert result.path in rules.files and shipped_rules_dir() / "officials.yaml" not in rules.files
    written = read_rule_file(result.path)
    assert written["as_of"] == "2026-11-01"
    assert len(rules.officials) == len(written["officials"]) == result.entries
    # every hand-compiled entry of the shipped list is still there
    assert {e["name"] for e in shipped["officials"]} <= {o.name for o in rules.officials}
    index = OfficialIndex(rules.officials)
    assert index.match("Six Dijkstra").name == "Jesse Six Dijkstra"
    assert index.match("A. Yılmaz").name == "Ahmet Yılmaz"
    assert index.match("Dick Schoof") is not None
    decider = Decider(rules, document_date=dt.date(2025, 10, 1))
    text = "Jesse Six Dijkstra"
    decision = decider.decide(Finding(0, len(text), "PERSON", text, 0.9, "persons"))
    assert decision.action == "keep" and decision.rule == "ambtsdrager-lijst"


def test_a_refreshed_list_older_than_the_shipped_one_is_not_used(xdg):
    xdg.mkdir(parents=True)
    (xdg / "officials.yaml").write_text(
        "as_of: 2020-01-01\nofficials:\n  - {name: Oud Lid, roles: [{role: Tweede Kamerlid, from: 2017-03-23}]}\n",
        encoding="utf-8")
    assert officials_file() == shipped_rules_dir() / "officials.yaml"
    assert "Oud Lid" not in {o.name for o in load_rules().officials}


def test_too_few_sitting_members_writes_nothing(xdg):
    with pytest.raises(FetchError, match="only 5 sitting"):
        officials.update(since=SINCE, today=TODAY, fetch=lambda url, t: fetch_pages(url, t, recorded_api()))
    assert not xdg.exists()


def test_names_with_apostrophes_and_accents_survive_the_round_trip(tmp_path):
    entries = [{"name": "Bas van 't Wout", "party": "VVD", "source": "hand",
                "roles": [{"role": "Tweede Kamerlid", "from": "2012-09-20", "to": "2021-03-30"}]},
               {"name": "Doğukan Ergin", "party": "DENK", "source": "tk-odata",
                "tk_id": "00000000-0000-4000-8000-000000000003",
                "roles": [{"role": "Tweede Kamerlid", "from": "2023-12-06"}]},
               {"name": "Ingrid Michon-Derkzen", "party": "VVD", "roles": [{"role": "minister: a, b", "from": "2025-01-01"}]}]
    doc = {"as_of": "2025-11-01", "grace_years": 5, "source": 'API "x"', "parties": ["VVD", "DENK"], "officials": entries}
    path = tmp_path / "officials.yaml"
    path.write_text(officials.render(doc, TODAY, "test"), encoding="utf-8")
    assert read_rule_file(path)["officials"] == entries
    assert "from: 2012-09-20" in path.read_text("utf-8")  # dates plain, as in the hand-written file


# --- command line ------------------------------------------------------------


def test_cli_update_without_network_says_so_in_one_line_and_keeps_the_list(xdg, monkeypatch):
    def offline(url, timeout):
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(officials, "_get_json", offline)
    before = load_rules().digest
    result = CliRunner().invoke(main, ["rules", "officials", "--update"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "cannot reach gegevensmagazijn.tweedekamer.nl" in lines[0]
    assert "stays in use" in lines[0]
    assert not xdg.exists()
    assert officials_file() == shipped_rules_dir() / "officials.yaml" and load_rules().digest == before


def test_cli_update_prints_the_changes_and_writes_to_out(tmp_path, xdg, monkeypatch, few_sitting_is_enough):
    monkeypatch.setattr(officials, "_get_json", recorded_api())
    out = tmp_path / "officials.yaml"
    result = CliRunner().invoke(main, ["rules", "officials", "--update", "--out", str(out), "--since", "2020-11-01"])
    assert result.exit_code == 0, result.output
    assert "added Ahmet Yılmaz (GroenLinks-PvdA): Tweede Kamerlid 2024-07-04–; Tweede Kamerlid 2021-03-31–2023-12-05" \
        in result.output
    assert "changed Fleur Agema:" in result.output
    assert "Dick Schoof" not in result.output  # hand-compiled, not in the API answer: untouched
    assert f"written to {out}" in result.output
    assert not xdg.exists()  # --out given: the user folder is left alone
    assert {"Jesse Six Dijkstra", "Dick Schoof"} <= {o.name for o in load_rules([out]).officials}


def test_cli_lists_entries_with_count_and_as_of(xdg):
    result = CliRunner().invoke(main, ["rules", "officials"])
    assert result.exit_code == 0
    shipped = yaml.safe_load((shipped_rules_dir() / "officials.yaml").read_text("utf-8"))
    last = result.output.splitlines()[-1]
    assert f"{len(shipped['officials'])} office holder(s)" in last
    assert f"as_of {shipped['as_of']}" in last
    assert any(line.startswith("Dick Schoof") for line in result.output.splitlines())


def test_cli_since_without_update_is_a_usage_error():
    assert CliRunner().invoke(main, ["rules", "officials", "--since", "2024-01-01"]).exit_code == 2


# --- the shipped keep-list ---------------------------------------------------


def test_shipped_list_names_each_person_once_with_ordered_dates():
    shipped = read_rule_file(shipped_rules_dir() / "officials.yaml")["officials"]
    names = [fold(e["name"]) for e in shipped]
    assert len(names) == len(set(names))
    for e in shipped:
        for role in e["roles"]:
            assert not role.get("to") or role["from"] <= role["to"], e["name"]


def _decide(rules, text, day):
    return Decider(rules, document_date=day).decide(Finding(0, len(text), "PERSON", text, 0.9, "persons"))


def test_reason_names_the_office_held_on_the_document_date(rules):
    in_2023 = _decide(rules, "Dilan Yeşilgöz-Zegerius", dt.date(2023, 3, 1))
    in_2026 = _decide(rules, "Dilan Yeşilgöz-Zegerius", dt.date(2026, 3, 1))
    assert in_2023.action == in_2026.action == "keep"
    assert "minister van Justitie en Veiligheid" in in_2023.reason
    assert "minister van Defensie" in in_2026.reason


def test_office_holder_is_kept_within_the_grace_period_and_not_after(rules):
    # Staghouwer was minister of agriculture in 2022 only; grace_years is 5
    assert _decide(rules, "Henk Staghouwer", dt.date(2024, 5, 1)).action == "keep"
    assert _decide(rules, "Henk Staghouwer", dt.date(2028, 5, 1)).action == "redact"
