"""Loading the rule set: YAML files a jurist can read, checked against a schema.

The rule set is every ``*.yaml`` in the shipped ``rules/`` folder, followed by
the files given with ``--rules`` (a file or a folder of files). Lists are
concatenated in that order. A broken file stops the run before any output,
with the file, the line and the problem.

The keep-list of office holders is the one exception: ``woopub rules officials
--update`` writes a refreshed ``officials.yaml`` to a user folder
(``user_rules_dir()``), and that file takes the place of the shipped one while
it is at least as recent (its ``as_of``). A newer woopub release with a newer
shipped list wins over an older refresh.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jsonschema
import yaml

from woopub.decide.offices import Official, OfficialIndex, Role
from woopub.detect.config import detection_config
from woopub.errors import RuleError

SHIPPED_RULES = "rules"
OFFICIALS_FILE = "officials.yaml"


def shipped_rules_dir() -> Path:
    """The rules installed with the package, or the repository's rules/ in a checkout."""
    installed = resources.files("woopub").joinpath(SHIPPED_RULES)
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parents[3] / SHIPPED_RULES


def user_rules_dir() -> Path:
    """Where a refreshed keep-list is written: ``$XDG_DATA_HOME/woopub/rules`` (``~/.local/share/woopub/rules``)."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "woopub" / SHIPPED_RULES


def officials_file() -> Path:
    """The keep-list in use: the refreshed one when it is at least as recent as the shipped one."""
    shipped = shipped_rules_dir() / OFFICIALS_FILE
    refreshed = user_rules_dir() / OFFICIALS_FILE
    if not refreshed.is_file():
        return shipped

    def as_of(path: Path) -> str:
        try:
            return str((yaml.load(path.read_text("utf-8"), Loader=_Loader) or {}).get("as_of", ""))
        except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError):
            return "~"  # unreadable: use it, so loading reports the problem with file and line

    return refreshed if as_of(refreshed) >= as_of(shipped) else shipped


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader that leaves dates as text (the schema checks their form); libyaml's parser where
    PyYAML has it (the pure-Python one took 0.3 s of every run's start on the shipped rules)."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


def _schema() -> dict:
    return json.loads(resources.files("woopub").joinpath("schemas", "rules.schema.json").read_text("utf-8"))


@dataclass(frozen=True)
class Ground:
    code: str
    article: str
    text: str


@dataclass(frozen=True)
class Rule:
    id: str
    action: str  # "keep" or "redact"
    entities: frozenset[str]
    reason: str
    ground: str | None = None
    conditions: dict = field(default_factory=dict, hash=False, compare=False)
    source: str = ""  # file:line, for reviewers and error messages


@dataclass(frozen=True)
class ValueRule:
    value: str
    action: str
    entity: str | None
    ground: str | None
    reason: str
    id: str
    source: str = ""


@dataclass
class RuleSet:
    grounds: dict[str, Ground]
    default_ground: str
    default_reason: str
    keep: list[Rule]
    redact: list[Rule]
    always_redact: list[ValueRule]
    always_keep: list[ValueRule]
    officials: list[Official]
    parties: set[str]
    grace_years: int
    files: list[Path]
    digest: str  # sha256 over the files, in order: the rule-set hash in the publication log
    # the office holders indexed for matching, built once with the rule set and shared by every decider
    official_index: OfficialIndex = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        if self.official_index is None:
            self.official_index = OfficialIndex(self.officials)

    def local_part_matches(self, patterns: list[str], local: str) -> bool:
        return any(fnmatch.fnmatch(local.lower(), p.lower()) for p in patterns)


def _line_of(node: yaml.Node, path) -> int | None:
    """Line (1-based) of the YAML node at a jsonschema error path."""
    for key in path:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if k.value == key]
            if not match:
                break
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return node.start_mark.line + 1


def _read(path: Path) -> tuple[dict, yaml.Node, bytes]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        loader = _Loader(text)
        try:  # parsed once: the nodes give the lines of errors, the data is built from them
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except UnicodeDecodeError as exc:
        raise RuleError(path, f"not UTF-8 text ({exc.reason})") from exc
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise RuleError(path, f"YAML syntax: {exc.problem}", line) from exc
    if data is None:
        return {}, node, raw
    if not isinstance(data, dict):
        raise RuleError(path, "a rule file must be a mapping (key: value) at the top", 1)
    validator = jsonschema.Draft202012Validator(_schema(), format_checker=jsonschema.FormatChecker())
    err = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if err is not None:
        where = "/".join(str(p) for p in err.absolute_path) or "top"
        hint = ' (write ground codes in quotes, e.g. "5.2")' if isinstance(err.instance, float) else ""
        raise RuleError(path, f"{where}: {err.message}{hint}", _line_of(node, err.absolute_path))
    return data, node, raw


def read_rule_file(path: Path) -> dict:
    """One rule file, schema-checked (raises RuleError with file and line)."""
    return _read(Path(path))[0]


def _files(extra: list[Path]) -> list[Path]:
    files = sorted(shipped_rules_dir().glob("*.yaml"))
    files = [officials_file() if p.name == OFFICIALS_FILE else p for p in files]
    if not files:
        raise RuleError(shipped_rules_dir(), "no rule files found (broken installation)")
    for p in extra:
        p = Path(p)
        if p.is_dir():
            found = sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
            if not found:
                raise RuleError(p, "folder holds no .yaml rule files")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            raise RuleError(p, "no such rule file or folder")
    return files


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_rules(extra: list[Path] | tuple = ()) -> RuleSet:
    files = _files(list(extra))
    digest = hashlib.sha256()
    grounds: dict[str, Ground] = {}
    keep: list[Rule] = []
    redact: list[Rule] = []
    always: dict[str, list[ValueRule]] = {"redact": [], "keep": []}
    officials: list[Official] = []
    parties: set[str] = set()
    default = None
    grace = 5
    ids: dict[str, str] = {}
    pending_grounds: list[tuple[str, Path, yaml.Node, list]] = []

    for path in files:
        data, node, raw = _read(path)
        digest.update(path.name.encode() + b"\0" + raw + b"\0")
        for g in data.get("grounds", []):
            grounds[g["code"]] = Ground(g["code"], g["article"], g["text"])
        if "default" in data:
            default = data["default"]
            pending_grounds.append((default["ground"], path, node, ["default", "ground"]))
        for section, action, target in (("keep", "keep", keep), ("redact", "redact", redact)):
            for n, r in enumerate(data.get(section, [])):
                where = f"{path}:{_line_of(node, [section, n])}"
                if r["id"] in ids:
                    raise RuleError(path, f"rule id {r['id']!r} is already used at {ids[r['id']]}", _line_of(node, [section, n]))
                ids[r["id"]] = where
                entity = r["entity"]
                conditions = {k: v for k, v in r.items() if k not in ("id", "entity", "ground", "reason")}
                for key in ("evidence", "evidence_none"):
                    for k, tag in enumerate(conditions.get(key) or ()):
                        if not detection_config().knows_evidence(tag):
                            # a tag no recogniser records never matches: the rule would be off without a word
                            raise RuleError(path, f"rule {r['id']!r}: no recogniser records the evidence {tag!r} "
                                            "(see src/woopub/data/detection.yaml, evidence)", _line_of(node, [section, n, key, k]))
                target.append(
                    Rule(r["id"], action, frozenset([entity] if isinstance(entity, str) else entity), r["reason"],
                         r.get("ground"), conditions, where)
                )
                if action == "redact":
                    pending_grounds.append((r["ground"], path, node, [section, n, "ground"]))
        for action in ("redact", "keep"):
            for n, v in enumerate(data.get(f"always_{action}", [])):
                where = f"{path}:{_line_of(node, [f'always_{action}', n])}"
                if action == "redact" and v.get("ground"):
                    pending_grounds.append((v["ground"], path, node, [f"always_{action}", n, "ground"]))
                always[action].append(
                    ValueRule(v["value"], action, v.get("entity"), v.get("ground"),
                              v.get("reason") or f"Dossierregel: altijd {'lakken' if action == 'redact' else 'openbaar'}.",
                              f"dossier-always-{action}", where)
                )
        for o in data.get("officials", []):
            roles = tuple(Role(r["role"], _date(r["from"]), _date(r.get("to"))) for r in o["roles"])
            officials.append(Official(o["name"], o.get("party"), roles, o.get("surname")))
        parties.update(data.get("parties", []))
        grace = data.get("grace_years", grace)

    if default is None:
        raise RuleError(files[0].parent, "no `default` ground is set in any rule file")
    for code, path, node, at in pending_grounds:
        if code not in grounds:
            raise RuleError(path, f"ground {code!r} is not defined under `grounds`", _line_of(node, at))
    return RuleSet(
        grounds=grounds,
        default_ground=default["ground"],
        default_reason=default["reason"],
        keep=keep,
        redact=redact,
        always_redact=always["redact"],
        always_keep=always["keep"],
        officials=officials,
        parties=parties,
        grace_years=grace,
        files=files,
        digest=digest.hexdigest(),
    )


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)
