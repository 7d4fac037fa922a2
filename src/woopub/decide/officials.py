"""The keep-list of office holders, refreshed from the Tweede Kamer open-data API.

Three steps with plain data between them, so each is tested on its own:

  fetch   ``fetch_pages``: HTTP GET of an OData v4 query, following
          ``@odata.nextLink`` page by page (standard library, with a timeout)
  parse   ``parse_memberships``: FractieZetelPersoon rows (a person on a party
          seat from ``Van`` to ``TotEnMet``) -> officials entries, one per
          person, with their Tweede Kamerlid periods
  merge   ``merge``: fetched entries + the list in use -> the new list and what
          changed; hand-added entries and roles are kept

The API (gegevensmagazijn.tweedekamer.nl, OData v4, data model 2.0) registers
Kamerleden, their party seats and committees; it has no register of cabinet
members. Ministers and state secretaries therefore stay hand-compiled entries
(``source: hand``) that an update never removes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from woopub import __version__
from woopub.dutch import fold
from woopub.errors import WoopubError
from woopub.decide.rules import OFFICIALS_FILE, officials_file, read_rule_file, user_rules_dir

API_ROOT = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"
KAMERLID = "Tweede Kamerlid"
SOURCE_API = "tk-odata"  # every role of the entry comes from the API
SOURCE_MIXED = "tk-odata+hand"  # Kamerlid roles from the API, other roles added by hand
SOURCE_HAND = "hand"
# A response with fewer sitting members than this is taken for a broken or
# partial answer: writing it would drop most of the Kamer from the keep-list.
MIN_SITTING = 100
MAX_PAGES = 200  # the whole history since 2012 is some 30 pages of 250 rows

PERSOON_FIELDS = "Id,Roepnaam,Voornamen,Initialen,Tussenvoegsel,Achternaam,Verwijderd"


class FetchError(WoopubError):
    """The API could not be reached or gave no usable answer. Nothing was written."""


# --- fetch -----------------------------------------------------------------


def membership_url(since: dt.date, root: str = API_ROOT) -> str:
    """First page of every party-seat membership that ran on or after ``since``, person and party inline."""
    query = {
        "$filter": f"Verwijderd eq false and (TotEnMet eq null or TotEnMet ge {since.isoformat()}T00:00:00Z)",
        "$expand": f"Persoon($select={PERSOON_FIELDS}),"
                   "FractieZetel($select=Id,Fractie_Id;$expand=Fractie($select=Id,Afkorting,NaamNL))",
        "$orderby": "Van",
    }
    return f"{root}/FractieZetelPersoon?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote, safe="$(),;=")


def _get_json(url: str, timeout: float) -> dict:
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": f"woopub/{__version__} (officials keep-list)"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (https URL built above)
        return json.loads(response.read().decode("utf-8"))


def fetch_pages(url: str, timeout: float = 30.0, get_json: Callable[[str, float], dict] | None = None) -> Iterator[dict]:
    """Yield each page of an OData collection, following ``@odata.nextLink``.

    Any network, HTTP or JSON problem becomes one ``FetchError`` with a
    one-line reason.
    """
    get_json = get_json or _get_json
    seen: set[str] = set()
    host = urllib.parse.urlsplit(url).netloc
    while url:
        if url in seen or len(seen) >= MAX_PAGES:
            raise FetchError(f"paging did not end after {len(seen)} page(s) ({url})")
        seen.add(url)
        try:
            page = get_json(url, timeout)
        except urllib.error.HTTPError as exc:
            raise FetchError(f"{host} answered HTTP {exc.code} {exc.reason}") from exc
        except urllib.error.URLError as exc:
            raise FetchError(f"cannot reach {host}: {exc.reason}") from exc
        except TimeoutError as exc:
            raise FetchError(f"no answer from {host} within {timeout:g} s") from exc
        except (OSError, ValueError) as exc:  # connection reset, bad JSON, bad encoding
            raise FetchError(f"unusable answer from {host}: {exc}") from exc
        if not isinstance(page, dict) or not isinstance(page.get("value"), list):
            raise FetchError(f"unexpected answer from {host}: no 'value' list")
        yield page
        url = page.get("@odata.nextLink")


# --- parse -----------------------------------------------------------------


def _day(stamp: str | None) -> dt.date | None:
    """The calendar date of an API timestamp, in the Kamer's own time zone.

    ``2024-07-04T00:00:00+02:00`` is 4 July; converting it to UTC first would
    give 3 July.
    """
    if not stamp:
        return None
    return dt.date.fromisoformat(stamp[:10])


@dataclass
class _Person:
    tk_id: str
    name: str
    surname: str | None
    periods: list[tuple[dt.date, dt.date | None, str | None]] = field(default_factory=list)


def _person_name(p: dict) -> tuple[str, str | None]:
    """Display name (roepnaam, tussenvoegsel, achternaam) and, when the name alone does not show it, the surname."""
    given = (p.get("Roepnaam") or "").strip() or (p.get("Initialen") or "").strip()
    if not given and p.get("Voornamen"):
        given = p["Voornamen"].split()[0]
    surname = " ".join(x.strip() for x in (p.get("Tussenvoegsel"), p.get("Achternaam")) if x and x.strip())
    name = " ".join(x for x in (given, surname) if x)
    # "Six Dijkstra", "Bruins Slot": a surname of two words would be read as
    # first name + surname; state it.
    stated = surname if " " in (p.get("Achternaam") or "").strip() else None
    return name, stated


def parse_memberships(pages: Iterable[dict]) -> list[dict]:
    """Officials entries from FractieZetelPersoon pages with Persoon and FractieZetel/Fractie expanded.

    Consecutive seats of one person (a move to another group) become one
    Tweede Kamerlid period; a return after a gap is a second period. The party
    is that of the latest seat.
    """
    people: dict[str, _Person] = {}
    for page in pages:
        for row in page["value"]:
            person = row.get("Persoon")
            if row.get("Verwijderd") or not person or person.get("Verwijderd") or not row.get("Van"):
                continue
            if not (person.get("Achternaam") or "").strip():
                continue
            fractie = (row.get("FractieZetel") or {}).get("Fractie") or {}
            party = (fractie.get("Afkorting") or fractie.get("NaamNL") or "").strip() or None
            name, surname = _person_name(person)
            entry = people.setdefault(person["Id"], _Person(person["Id"], name, surname))
            entry.periods.append((_day(row["Van"]), _day(row.get("TotEnMet")), party))
    entries = []
    for p in people.values():
        p.periods.sort(key=lambda x: x[0])
        roles: list[dict] = []
        party = None
        for start, end, seat_party in p.periods:
            party = seat_party or party
            last = roles[-1] if roles else None
            if last and (last["to"] is None or start <= last["to"] + dt.timedelta(days=1)):
                if last["to"] is not None and (end is None or end > last["to"]):
                    last["to"] = end
                continue
            roles.append({"role": KAMERLID, "from": start, "to": end})
        entry = {"name": p.name}
        if p.surname:
            entry["surname"] = p.surname
        if party:
            entry["party"] = party
        entry["source"] = SOURCE_API
        entry["tk_id"] = p.tk_id
        entry["roles"] = [_role_out(r) for r in reversed(roles)]  # latest period first
        entries.append(entry)
    entries.sort(key=lambda e: (fold(e.get("surname") or e["name"].split()[-1]), fold(e["name"])))
    return entries


def _role_out(r: dict) -> dict:
    out = {"role": r["role"], "from": r["from"].isoformat()}
    if r["to"] is not None:
        out["to"] = r["to"].isoformat()
    return out


def sitting_members(entries: Iterable[dict]) -> int:
    return sum(1 for e in entries if any(r["role"] == KAMERLID and not r.get("to") for r in e["roles"]))


# --- merge -----------------------------------------------------------------


@dataclass
class Changes:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, list[str]]] = field(default_factory=list)  # entry, one line per difference

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _keys(entry: dict) -> list[str]:
    """Ways to recognise the same person in the list and in the API answer."""
    keys = [f"id:{entry['tk_id']}"] if entry.get("tk_id") else []
    keys.append("name:" + fold(entry["name"]))
    return keys


def _period(r: dict) -> str:
    return f"{r['role']} {r['from']}–{r.get('to') or ''}"


def merge(existing: list[dict], fetched: list[dict], since: dt.date) -> tuple[list[dict], Changes]:
    """The new keep-list: ``existing`` brought up to date with ``fetched``.

    * A person in both: their Tweede Kamerlid periods that ran on or after
      ``since`` are replaced by the API's; periods that ended before ``since``
      (outside what was fetched) and every other role (minister, staatssecretaris,
      Kamervoorzitter) stay. The party becomes the API's.
    * A person only in the API answer is added.
    * An entry only in the list stays, unless it came from the API alone
      (``source: tk-odata``) and its periods ran on or after ``since``: the
      API no longer lists that membership. Hand-added entries always stay.

    Existing entries keep their order; new ones are appended in the API's order.
    """
    index: dict[str, dict] = {}
    for f in fetched:
        for k in _keys(f):
            index.setdefault(k, f)
    matched: set[int] = set()
    changes = Changes()
    out: list[dict] = []
    cutoff = since.isoformat()
    for old in existing:
        new = next((index[k] for k in _keys(old) if k in index), None)
        if new is None and old.get("source") == SOURCE_API:
            still = [r for r in old["roles"] if r.get("to") and r["to"] < cutoff]
            if not still:
                changes.removed.append(old)
                continue
            if still != old["roles"]:
                changes.changed.append((old, [f"- {_period(r)}" for r in old["roles"] if r not in still]))
                old = {**old, "roles": still}
            out.append(old)
            continue
        if new is None:
            out.append(old if old.get("source") else {**old, "source": SOURCE_HAND})
            continue
        matched.add(id(new))
        kept = [r for r in old["roles"] if r["role"] != KAMERLID or (r.get("to") and r["to"] < cutoff)]
        roles = kept + [r for r in new["roles"] if r not in kept]
        merged = {"name": old["name"]}
        if old.get("surname") or new.get("surname"):
            merged["surname"] = old.get("surname") or new["surname"]
        party = new.get("party") or old.get("party")
        if party:
            merged["party"] = party
        # an entry without a source is hand-compiled (the shipped list)
        from_api_alone = old.get("source") == SOURCE_API and all(r["role"] == KAMERLID for r in roles)
        merged["source"] = SOURCE_API if from_api_alone else SOURCE_MIXED
        merged["tk_id"] = new["tk_id"]
        merged["roles"] = roles
        diff = [f"- {_period(r)}" for r in old["roles"] if r not in roles]
        diff += [f"+ {_period(r)}" for r in roles if r not in old["roles"]]
        if (old.get("party") or None) != (merged.get("party") or None):
            diff.append(f"party {old.get('party') or '-'} -> {merged.get('party') or '-'}")
        if diff:
            changes.changed.append((merged, diff))
        out.append(merged)
    for new in fetched:
        if id(new) not in matched:
            out.append(new)
            changes.added.append(new)
    return out, changes


def describe(entry: dict) -> str:
    party = f" ({entry['party']})" if entry.get("party") else ""
    roles = "; ".join(_period(r) for r in entry["roles"])
    return f"{entry['name']}{party}: {roles}"


def report_lines(changes: Changes) -> list[str]:
    lines = [f"added {describe(e)}" for e in changes.added]
    lines += [f"removed {describe(e)}" for e in changes.removed]
    for entry, diff in changes.changed:
        lines.append(f"changed {entry['name']}: " + ", ".join(diff))
    return lines


# --- write -----------------------------------------------------------------

HEADER = """\
# Public office holders whose names stay public when they act in their public
# role: members of the cabinet (ministers, state secretaries) and of the
# Tweede Kamer. Format and matching: see the shipped rules/officials.yaml.
#
# Written by `woopub rules officials --update` on {today}: Tweede Kamer
# membership periods from the Tweede Kamer open-data API (entries with
# source: tk-odata), merged with the list that was in use ({base}).
# Entries with source: hand (cabinet members: the API has no register of
# them) and hand-added roles were kept as they were.
"""


def _dump_entry(entry: dict) -> str:
    order = ("name", "surname", "party", "source", "tk_id", "roles")
    data = {k: entry[k] for k in order if entry.get(k)}
    text = yaml.safe_dump(data, default_flow_style=True, sort_keys=False, allow_unicode=True, width=10**9).strip()
    return re.sub(r"'(\d{4}-\d{2}-\d{2})'", r"\1", text)  # dates plain, as in the hand-written file


def render(doc: dict, today: dt.date, base: str) -> str:
    parties = yaml.safe_dump(doc["parties"], default_flow_style=True, allow_unicode=True, width=10**9).strip()
    lines = [HEADER.format(today=today.isoformat(), base=base), f"as_of: {doc['as_of']}",
             f"grace_years: {doc['grace_years']}", f"source: {json.dumps(doc['source'], ensure_ascii=False)}", "",
             f"parties: {parties}", "", "officials:"]
    lines += [f"  - {_dump_entry(e)}" for e in doc["officials"]]
    return "\n".join(lines) + "\n"


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        read_rule_file(Path(tmp))  # schema check before it replaces anything
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- update ----------------------------------------------------------------


@dataclass
class UpdateResult:
    path: Path
    base: Path
    changes: Changes
    entries: int
    sitting: int
    since: dt.date


def default_since(today: dt.date, grace_years: int) -> dt.date:
    """Memberships that ended longer ago than the grace period no longer keep a name public."""
    try:
        return today.replace(year=today.year - grace_years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - grace_years, day=28)


def update(out: Path | None = None, since: dt.date | None = None, today: dt.date | None = None,
           timeout: float = 30.0, fetch: Callable[[str, float], Iterable[dict]] | None = None) -> UpdateResult:
    """Fetch, merge with the list in use and write; raises FetchError before writing anything."""
    today = today or dt.date.today()
    target = Path(out) if out else user_rules_dir() / OFFICIALS_FILE
    base_path = target if target.is_file() else officials_file()
    base = read_rule_file(base_path)
    grace = base.get("grace_years", 5)
    since = since or default_since(today, grace)
    pages = (fetch or fetch_pages)(membership_url(since), timeout)
    fetched = parse_memberships(pages)
    sitting = sitting_members(fetched)
    if sitting < MIN_SITTING:
        raise FetchError(f"the API listed only {sitting} sitting member(s); expected about 150, so nothing was written")
    merged, changes = merge(base.get("officials", []), fetched, since)
    parties = list(base.get("parties", []))
    parties += sorted({e["party"] for e in merged if e.get("party")} - set(parties))
    doc = {
        "as_of": today.isoformat(),
        "grace_years": grace,
        "source": f"Tweede Kamer open data ({API_ROOT}), memberships since {since.isoformat()}, "
                  f"fetched {today.isoformat()}; cabinet members hand-compiled",
        "parties": parties,
        "officials": merged,
    }
    base_text = f"{base_path}, as of {base.get('as_of', 'unknown')}"
    _write_atomically(target, render(doc, today, base_text))
    return UpdateResult(target, base_path, changes, len(merged), sitting, since)
