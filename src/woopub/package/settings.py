"""What the publication package is made from besides the run: the dossier file.

An officer's YAML file (``--dossier-file``) names the publishing
organisation, the Woo request's mark (the platform's Matter) and, per
document, what the documents themselves do not say or say wrongly: a title,
a date, an assessment ("niet openbaar", "reeds openbaar" with its link), an
annex's main document, a thread. Whatever it sets wins over what woopub
derived, and the inventory says so ("dossierbestand").

``PackageSettings`` is the small part the workers need while publishing
(document numbers for the stamp, which documents are withheld); the whole
``DossierFile`` stays in the process that writes the package.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath

import jsonschema
import yaml

from woopub.errors import RuleError
from woopub.package.ids import document_id

OPENBAAR = "openbaar"
DEELS_OPENBAAR = "deels openbaar"
NIET_OPENBAAR = "niet openbaar"
REEDS_OPENBAAR = "reeds openbaar"
NOG_TE_BEOORDELEN = "nog te beoordelen"  # the inventory's word for a file woopub could not handle
WITHHELD = (NIET_OPENBAAR, REEDS_OPENBAAR)  # set by the officer: not published by this decision


class DossierFileError(RuleError):
    """The dossier file cannot be read or breaks its schema (exit code 2, as a broken rule file)."""

    def __init__(self, message: str):  # the message names the file itself (RuleError takes path, problem)
        path, _, problem = message.partition(": ")
        super().__init__(path, problem or message)


@dataclass(frozen=True)
class DocumentOverride:
    id: str | None = None
    title: str | None = None
    date: dt.date | None = None
    assessment: str | None = None
    grounds: tuple[str, ...] | None = None
    link: str | None = None
    remark: str | None = None
    annex_of: str | None = None
    thread: str | None = None
    suspended: bool = False


@dataclass(frozen=True)
class DossierFile:
    publisher: str | None = None  # TOOI URI or code
    publisher_label: str | None = None
    information_category: str | None = None
    language: str = "nl"
    matter: str | None = None
    case_numbers: tuple[str, ...] = ()
    id_prefix: str = ""
    stamp: bool | None = None
    documents: dict[str, DocumentOverride] = field(default_factory=dict)
    path: str | None = None

    def override(self, name: str) -> DocumentOverride:
        """The overrides for the document at ``name``: by its path, else by its file name."""
        if name in self.documents:
            return self.documents[name]
        base = PurePosixPath(name).name
        return self.documents.get(base, DocumentOverride())

    def unused(self, names: list[str]) -> list[str]:
        """Keys of the file that name no document of the run (a typo the officer should see)."""
        known = set(names) | {PurePosixPath(n).name for n in names}
        return sorted(k for k in self.documents if k not in known)


DOSSIER_FILE_NAME = "woo-dossier.yaml"  # read from an input folder when no --dossier-file is given


def find_dossier_file(inputs) -> Path | None:
    """The dossier file at the top of an input folder (``woo-dossier.yaml``), None when there is none.

    An officer keeps the decision's metadata beside its documents, so ``woopub redact
    dossier/`` needs no option; two input folders that each hold one are ambiguous."""
    found = [Path(p) / DOSSIER_FILE_NAME for p in inputs if Path(p).is_dir() and (Path(p) / DOSSIER_FILE_NAME).is_file()]
    if len(found) > 1:
        raise DossierFileError(f"{found[0]} and {found[1]}: two dossier files; name one with --dossier-file")
    return found[0] if found else None


def is_dossier_file(path: Path, folder: Path) -> bool:
    """True for the dossier file at the top of ``folder``: the decision's metadata, no document of it."""
    return path.name == DOSSIER_FILE_NAME and Path(path).parent.resolve() == Path(folder).resolve()


def load_dossier_file(path: Path | None) -> DossierFile:
    if path is None:
        return DossierFile()
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DossierFileError(f"{path}: cannot be read: {exc}") from exc
    # YAML reads an unquoted 2025-06-18 as a date: the schema checks the text
    data = json.loads(json.dumps(data, default=str))
    validator = jsonschema.Draft202012Validator(_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise DossierFileError(f"{path}: {where}: {error.message}")
    documents = {}
    for name, d in (data.get("documents") or {}).items():
        try:
            day = dt.date.fromisoformat(d["date"]) if "date" in d else None
        except ValueError as exc:
            raise DossierFileError(f"{path}: documents/{name}/date: {exc}") from exc
        documents[name] = DocumentOverride(
            id=d.get("id"), title=d.get("title"), date=day, assessment=d.get("assessment"),
            grounds=tuple(d["grounds"]) if "grounds" in d else None, link=d.get("link"), remark=d.get("remark"),
            annex_of=d.get("annex_of"), thread=d.get("thread"), suspended=bool(d.get("suspended", False)),
        )
    ids = [o.id for o in documents.values() if o.id]
    if len(ids) != len(set(ids)):
        raise DossierFileError(f"{path}: two documents have the same id")
    return DossierFile(
        publisher=data.get("publisher"), publisher_label=data.get("publisher_label"),
        information_category=data.get("information_category"), language=data.get("language", "nl"),
        matter=data.get("matter"), case_numbers=tuple(data.get("case_numbers") or ()),
        id_prefix=data.get("id_prefix", ""), stamp=data.get("stamp"), documents=documents, path=str(path),
    )


def _schema() -> dict:
    return json.loads(resources.files("woopub").joinpath("schemas", "woo-dossier.schema.json").read_text("utf-8"))


@dataclass(frozen=True)
class PackageSettings:
    """What a worker needs to publish a document for the package: its number, whether to stamp it."""

    stamp: bool = True
    id_prefix: str = ""
    ids: tuple[tuple[str, str], ...] = ()  # (name or file name, ID) set in the dossier file
    withheld: tuple[tuple[str, str], ...] = ()  # (name or file name, assessment): not published at all

    @classmethod
    def from_dossier_file(cls, dossier: DossierFile, stamp: bool = True) -> "PackageSettings":
        return cls(
            stamp=stamp if dossier.stamp is None else (dossier.stamp and stamp),
            id_prefix=dossier.id_prefix,
            ids=tuple(sorted((k, o.id) for k, o in dossier.documents.items() if o.id)),
            withheld=tuple(sorted((k, o.assessment) for k, o in dossier.documents.items() if o.assessment in WITHHELD)),
        )

    def _lookup(self, pairs: tuple[tuple[str, str], ...], name: str) -> str | None:
        table = dict(pairs)
        return table.get(name) or table.get(PurePosixPath(name).name)

    def document_id(self, name: str, sha256: str | None) -> str:
        return self._lookup(self.ids, name) or document_id(name, sha256, self.id_prefix)

    def withheld_as(self, name: str) -> str | None:
        """"niet openbaar" or "reeds openbaar" when the dossier file withholds the document, else None."""
        return self._lookup(self.withheld, name)

    @property
    def key(self) -> str:
        """Part of a publication's resume key: another stamp or number means publishing again."""
        return hashlib.sha256(repr((self.stamp, self.id_prefix, self.ids)).encode()).hexdigest()[:16]
