"""DiWoo metadata per published document, as the standard's XML (``diwoo:Document``).

DiWoo (standaarden.overheid.nl/diwoo/metadata, version 0.9.8) is the metadata
open.overheid.nl harvests. One file per published document,
``package/diwoo/<ID>.xml``, validated against ``schemas/diwoo-metadata-woopub.xsd``
(written from the standard: see its header for why it is not the official file
and how it differs). Values come from the inventory row (number, title, date)
and the dossier file (publisher, information category, language).

The document action (``documenthandeling``, required by the standard) is
"vaststelling" on the document's own date when one is known; without a date
it is "ontvangst" at the moment the package is written: the organisation
holds the document then, and no earlier moment is known. An officer gives the
date in the dossier file.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

NS = "https://standaarden.overheid.nl/diwoo/metadata/"
SCHEMA_FILE = "diwoo-metadata-woopub.xsd"
FOLDER = "diwoo"

TOOI_ID = "https://identifier.overheid.nl/tooi/id/"
KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
# TOOI organisation codes start with letters that name the register (gm0363: gemeente Amsterdam)
ORGANISATION_KINDS = {"gm": "gemeente", "mnre": "ministerie", "pv": "provincie", "ws": "waterschap",
                      "zb": "zbo", "oorg": "oorg", "col": "col", "so": "so"}
_CODE = re.compile(r"^([a-z]+)(\d+)$")

# TOOI set scw_woo_informatiecategorieen/4: label -> concept (the Woo's list, art. 3.3)
INFORMATION_CATEGORIES = {
    "Woo-verzoeken en -besluiten": "c_3baef532",
    "adviezen": "c_99a836c7",
    "agenda's en besluitenlijsten bestuurscolleges": "c_3a248e3a",
    "bereikbaarheidsgegevens": "c_89ee6784",
    "beschikkingen": "c_46a81018",
    "bij vertegenwoordigende organen ingekomen stukken": "c_8c840238",
    "convenanten": "c_8fc2335c",
    "inspanningsverplichting art 3.1 Woo": "c_816e508d",
    "jaarplannen en jaarverslagen": "c_c6cd1213",
    "klachtoordelen": "c_a870c43d",
    "onderzoeksrapporten": "c_fdaee95e",
    "ontwerpen van wet- en regelgeving met adviesaanvraag": "c_759721e2",
    "organisatie en werkwijze": "c_40a05794",
    "overige besluiten van algemene strekking": "c_aab6bfc7",
    "subsidieverplichtingen anders dan met beschikking": "c_cf268088",
    "vergaderstukken Staten-Generaal": "c_c76862ab",
    "vergaderstukken decentrale overheden": "c_db4862c3",
    "wetten en algemeen verbindende voorschriften": "c_139c6280",
}
DEFAULT_CATEGORY = "Woo-verzoeken en -besluiten"
# TOOI set ccw_plooi_documenthandelingen/2
VASTSTELLING = ("vaststelling", KERN + "c_641ecd76")
ONTVANGST = ("ontvangst", KERN + "c_dfcee535")
HEEFT_BIJLAGE = ("heeft bijlage", KERN + "c_05f4a5f3")
# TOOI set scw_talen/1 (EU language authority) for the languages a dossier file may name
LANGUAGES = {"nl": ("Nederlands", "NLD"), "en": ("Engels", "ENG"), "fy": ("Fries", "FRY"),
             "de": ("Duits", "DEU"), "fr": ("Frans", "FRA")}
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
PDF_FORMAT = ("PDF", "http://publications.europa.eu/resource/authority/file-type/PDF")


class DiWooError(ValueError):
    """The dossier file's publisher or category cannot be written as DiWoo."""


def publisher_uri(value: str) -> str:
    """A TOOI organisation URI from the URI itself or its code (``gm0363``, ``mnre1058``)."""
    value = value.strip()
    if value.startswith(TOOI_ID):
        return value
    m = _CODE.match(value.lower())
    if not m or m.group(1) not in ORGANISATION_KINDS:
        raise DiWooError(f"publisher {value!r} is no TOOI organisation code (gm0363, mnre1058, pv27, ws0155, ...)")
    return f"{TOOI_ID}{ORGANISATION_KINDS[m.group(1)]}/{value.lower()}"


def information_category(value: str | None) -> tuple[str, str]:
    """(label, URI) of a Woo information category given by its label or URI; default Woo-verzoeken en -besluiten."""
    value = (value or DEFAULT_CATEGORY).strip()
    for label, concept in INFORMATION_CATEGORIES.items():
        if value.lower() in (label.lower(), (KERN + concept).lower(), concept):
            return label, KERN + concept
    raise DiWooError(f"information category {value!r} is not on the Woo's list (art. 3.3): "
                     + "; ".join(INFORMATION_CATEGORIES))


def _el(parent, name: str, text: str | None = None, resource: str | None = None):
    e = etree.SubElement(parent, f"{{{NS}}}{name}")
    if text is not None:
        e.text = text
    if resource is not None:
        e.set("resource", resource)
    return e


def document_xml(identifier: str, title: str, publisher: tuple[str, str], category: tuple[str, str],
                 created: dt.date | None, language: str = "nl", part_of: str | None = None,
                 annexes: tuple[str, ...] = (), now: dt.datetime | None = None) -> bytes:
    """One ``diwoo:Document``; ``publisher`` and ``category`` are (label, URI)."""
    root = etree.Element(f"{{{NS}}}Document", nsmap={"diwoo": NS})
    d = _el(root, "DiWoo")
    _el(_el(d, "identifiers"), "identifier", identifier)
    _el(d, "publisher", publisher[0], publisher[1])
    _el(_el(d, "titelcollectie"), "officieleTitel", title)
    _el(_el(_el(d, "classificatiecollectie"), "informatiecategorieen"), "informatiecategorie", *category)
    if created is not None:
        _el(d, "creatiedatum", created.isoformat())
    name, code = LANGUAGES[language]
    _el(d, "language", name, EU_LANGUAGE + code)
    _el(d, "format", *PDF_FORMAT)
    if part_of:
        _el(d, "isPartOf", part_of, part_of)
    handling = _el(_el(d, "documenthandelingen"), "documenthandeling")
    if created is not None:
        kind, at = VASTSTELLING, dt.datetime.combine(created, dt.time())
    else:
        kind, at = ONTVANGST, (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0, tzinfo=None)
    _el(handling, "soortHandeling", *kind)
    _el(handling, "atTime", at.isoformat())
    _el(handling, "wasAssociatedWith", publisher[0], publisher[1])
    if annexes:
        relations = _el(d, "documentrelaties")
        for annex in annexes:
            r = _el(relations, "documentrelatie")
            _el(r, "role", *HEEFT_BIJLAGE)
            _el(r, "relation", annex, annex)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@cache
def schema() -> etree.XMLSchema:
    with resources.files("woopub").joinpath("schemas", SCHEMA_FILE).open("rb") as f:
        return etree.XMLSchema(etree.parse(f))


def validation_errors(data: bytes) -> list[str]:
    """What the schema finds wrong with ``data`` (empty: valid)."""
    s = schema()
    try:
        doc = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        return [str(exc)]
    if s.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in s.error_log]


def write_document(folder: Path, identifier: str, data: bytes) -> Path:
    errors = validation_errors(data)
    if errors:  # never publish metadata the platform would refuse
        raise DiWooError(f"{identifier}: DiWoo XML breaks the schema: {errors[0]}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{identifier}.xml"
    path.write_bytes(data)
    return path
