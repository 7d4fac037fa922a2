"""Recognisers for other personal data of private persons: date of birth,
licence plate, home address, and a login name in a file path.

Each is a small pattern with the context that makes it personal: a date is
only a date of birth next to "geboren"/"geboortedatum"; an address is only a
home address under a person's name or next to "woonachtig", "woonadres" —
the ministry's address in a colophon is not personal data.
"""

from __future__ import annotations

import functools
import re

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from woopub.dutch import MONTH_ABBREVIATIONS, MONTHS as DUTCH_MONTHS

LANGUAGE = "nl"
# labels of a person's address in forms and decisions ("Bezoekadres" is an office's)
ADDRESS_LABELS = {"adres", "woonadres", "huisadres", "privéadres", "priveadres", "verblijfadres", "verblijfsadres",
                  "woonplaats en adres", "adres betrokkene", "adres verzoeker", "adres aanvrager"}
UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"  # capitals, Latin script
MONTHS = "|".join(DUTCH_MONTHS + MONTH_ABBREVIATIONS)
DATE = (rf"\b(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d{{2}}|\d{{1,2}}\s+(?:{MONTHS})\.?\s+(?:19|20)\d{{2}}"
        rf"|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}})\b")


@functools.cache
def street_names() -> frozenset[str]:
    """Dutch street names (deduce's list from the BAG), lower case."""
    from woopub.detect.lexicon import deduce_data

    path = deduce_data().joinpath("data", "lookup", "src", "locations", "lst_street", "items.txt")
    return frozenset(line.strip().lower() for line in path.read_text("utf-8").splitlines() if line.strip())


def _result(entity, start, end, score, name, evidence, **meta) -> RecognizerResult:
    return RecognizerResult(
        entity,
        start,
        end,
        score,
        AnalysisExplanation(recognizer=name, original_score=score, textual_explanation=", ".join(evidence)),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            "evidence": evidence,
            **meta,
        },
    )


class DateOfBirthRecognizer(LocalRecognizer):
    """A date with a birth cue right before it: "geboren op 3 mei 1987", "geb. 03-05-1987"."""

    CUE = re.compile(r"(geboren|geb\.|geboortedatum|geboortedag|date of birth|dob|d\.o\.b\.)\s*(op|:|te\s+\w+\s*,?\s*op)?\s*$",
                     re.IGNORECASE)
    DATES = re.compile(DATE, re.IGNORECASE)

    def __init__(self):
        super().__init__(supported_entities=["DATE_OF_BIRTH"], supported_language=LANGUAGE, name="birthdate", context=[])

    def load(self) -> None:
        pass

    # a table column headed "Geboortedatum": dates below it, up to a blank line, are birth dates
    COLUMN = re.compile(r"^[^\d\n]*\b(geboortedatum|geb\.\s*datum|date of birth)\b[^\d\n]*$", re.IGNORECASE | re.MULTILINE)

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        # a header line of a table or a column: short, without digits
        columns = [(m.end(), self._block_end(text, m.end())) for m in self.COLUMN.finditer(text)
                   if len(re.findall(r"[^\W\d_]+", m.group(0))) <= 12]
        for m in self.DATES.finditer(text):
            if self.CUE.search(text[max(0, m.start() - 40) : m.start()]):
                out.append(_result("DATE_OF_BIRTH", m.start(), m.end(), 0.9, self.name, ["cue:birth"]))
            elif any(a <= m.start() < b for a, b in columns):
                out.append(_result("DATE_OF_BIRTH", m.start(), m.end(), 0.8, self.name, ["cue:birth-column"]))
        return out

    @staticmethod
    def _block_end(text: str, start: int) -> int:
        end = text.find("\n\n", start)
        return len(text) if end < 0 else end


class LicencePlateRecognizer(LocalRecognizer):
    """Dutch licence plates in every side-code (XX-99-99 ... 999-XX-9), with hyphens."""

    SIDECODES = [
        r"[A-Z]{2}-\d{2}-\d{2}", r"\d{2}-\d{2}-[A-Z]{2}", r"\d{2}-[A-Z]{2}-\d{2}", r"[A-Z]{2}-\d{2}-[A-Z]{2}",
        r"[A-Z]{2}-[A-Z]{2}-\d{2}", r"\d{2}-[A-Z]{2}-[A-Z]{2}", r"\d{2}-[A-Z]{3}-\d", r"\d-[A-Z]{3}-\d{2}",
        r"[A-Z]{2}-\d{3}-[A-Z]", r"[A-Z]-\d{3}-[A-Z]{2}", r"[A-Z]{3}-\d{2}-[A-Z]", r"[A-Z]-\d{2}-[A-Z]{3}",
        r"\d-[A-Z]{2}-\d{3}", r"\d{3}-[A-Z]{2}-\d",
    ]
    PLATE = re.compile(r"(?<![\w-])(?:" + "|".join(SIDECODES) + r")(?![\w-])")
    CUE = re.compile(r"kenteken|nummerbord|voertuig|auto|bestelbus|motor|scooter|rdw", re.IGNORECASE)

    def __init__(self):
        super().__init__(supported_entities=["LICENSE_PLATE"], supported_language=LANGUAGE, name="licence-plate", context=[])

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        for m in self.PLATE.finditer(text):
            near = text[max(0, m.start() - 60) : m.end() + 30]
            cue = bool(self.CUE.search(near))
            out.append(_result("LICENSE_PLATE", m.start(), m.end(), 0.9 if cue else 0.6, self.name,
                               ["sidecode"] + (["cue:vehicle"] if cue else [])))
        return out


class HomeAddressRecognizer(LocalRecognizer):
    """Street + house number [+ postcode + place] of a private person.

    Reported only with a personal cue: a home-address word before it
    ("woonachtig aan", "woonadres:"), or a person's name on the line above
    (an address block under the addressee of a letter). Postbus addresses
    and addresses without such a cue are left alone.
    """

    # one to four words on one line; inner words may be lower case ("Laan van Meerdervoort")
    STREET = r"(?:[A-Z][\w'’-]*(?:[ \t]+(?:van|de|der|den|het|'t|op|aan|in|[A-Z][\w'’-]*)){0,3})"
    NUMBER = r"\d{1,5}(?:[a-zA-Z]{1,2}\b)?(?:[-/](?:\d{1,4}|[a-zA-Z]{1,3})\b|[ \t](?:[A-Z]{1,2}|bis|hs|I{1,3})\b)?"
    POSTCODE = r"\d{4}[ \t]?[A-Z]{2}"
    PLACE = r"(?:'s-|'s[ \t])?[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2}"
    ADDRESS = re.compile(
        rf"(?<![\w-])(?P<street>{STREET})[ \t]+(?P<nr>{NUMBER})(?![\w-])"
        rf"(?:[ \t]*[,\n][ \t]*(?P<pc>{POSTCODE})(?:[ \t]+(?P<place>{PLACE}))?)?"
    )
    STREET_SUFFIX = re.compile(
        r"(straat|laan|weg|plein|gracht|kade|dijk|singel|hof|park|pad|steeg|markt|dreef|baan|ring|veld|wal|erf|"
        r"plantsoen|boulevard|allee|dam|haven|burcht|poort|hoek|berg|dal|zoom|oord|wijk|stede|akker|horst|"
        r"rade|donk|straatweg|promenade|passage|galerij|bolwerk|vliet|zijde|eiland|meer|hout)$",
        re.IGNORECASE,
    )
    CUE = re.compile(
        r"(woonachtig|wonende|woont|woonadres|huisadres|privéadres|prive-adres|verblijfadres|verblijfsadres|"
        r"woning|adres van (?:de )?(?:betrokkene|verzoeker|verzoekster|aanvrager|melder|cliënt))\b[^.\n]{0,40}$",
        re.IGNORECASE,
    )
    # the addressee above an address: an honorific or initials, or at least two name words
    # ("Bezoekadres" or "Directie Wetgeving" alone on the line above is not a person)
    NAME_LINE = re.compile(
        rf"^\s*(?:(?i:de heer|mevrouw|dhr\.?|mevr\.?|mw\.?|t\.a\.v\.)\s+(?:[{UP}]\.\s?)*|(?:[{UP}]\.\s?)+|[{UP}][\w'’-]+\s+)"
        rf"(?:[{UP}][\w'’-]+\s+){{0,2}}(?:(?i:van|de|der|den|ter|ten|te|'t|in 't|op de)\s+)*[{UP}][\w'’-]+\s*$"
    )
    NOT_STREET = re.compile(r"^(Postbus|Antwoordnummer|Pagina|Bijlage|Artikel|Art|Nr|Kamer|Motie|Datum|Nummer)\b", re.IGNORECASE)

    def __init__(self):
        super().__init__(supported_entities=["ADDRESS"], supported_language=LANGUAGE, name="home-address", context=[])
        self.streets = street_names()
        from woopub.detect.lexicon import lexicon

        self.public_words = lexicon().public_words

    def _is_street(self, street: str) -> bool:
        return bool(self.STREET_SUFFIX.search(street.split()[-1])) or street.lower() in self.streets

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        for m in self.ADDRESS.finditer(text):
            street = m.group("street")
            if self.NOT_STREET.match(street) or not self._is_street(street):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[max(0, m.start() - 60) : m.start()]
            prev_line_end = line_start - 1
            prev_line = text[text.rfind("\n", 0, max(prev_line_end, 0)) + 1 : max(prev_line_end, 0)] if line_start > 0 else ""
            evidence = []
            if self.CUE.search(before):
                evidence.append("cue:home")
            elif text[line_start : m.start()].strip() == "" and prev_line.strip().lower().rstrip(":") in ADDRESS_LABELS:
                evidence.append("cue:address-label")  # "Adres" + newline + "Korte Hoogstraat 8 B, ..."
            elif (text[line_start : m.start()].strip() == "" and prev_line and self.NAME_LINE.match(prev_line)
                  and not set(prev_line.lower().split()) & self.public_words):
                evidence.append("under-a-name")
            if not evidence:
                continue
            if not m.group("pc") and "cue:home" not in evidence:
                continue  # street and number alone under a name line: too weak
            out.append(_result("ADDRESS", m.start(), m.end(), 0.85, self.name, evidence))
        return out


class AccountNameRecognizer(LocalRecognizer):
    """A person's account name in a file path: "C:\\Users\\fwijnberg\\Documents\\nota.docx",
    "\\\\minjenv.local\\home$\\fwijnberg\\...", "/home/fwijnberg/...".

    Word and LibreOffice print a document's path in footers and e-mail printouts show attachments'
    paths; the folder under a user-profile root is the user's login name, which is personal data
    even where the person's name appears nowhere else. Web addresses (".../users/<slug>") are
    left alone: a web profile is not a file path.
    """

    ROOTS = r"users|gebruikers|documents and settings|home|homes|profiles|profielen"
    SEP = r"[\\/]"
    # a drive, a network share or file:// before the root; or a root that starts a word ("/home/...")
    PATH = re.compile(
        rf"(?:(?<![\w.])[A-Za-z]:{SEP}+|(?<![\w/])\\\\[\w.$-]+(?:\\[\w .$-]+?)*\\|file:/+(?:[A-Za-z]:/)?|(?<![\w.:/\\-])/)"
        rf"(?:{ROOTS})\$?{SEP}+(?:(?P<folder>[^\W\d_][\w.-]*(?: [\w.-]+){{0,4}}){SEP}"  # a folder may hold spaces
        rf"|(?P<account>[^\W\d_][\w.-]{{1,63}})(?=[\s,;)\]\"'»]|$))",
        re.IGNORECASE,
    )
    # shared and system profiles, and placeholders in manuals, are nobody's login
    NOT_PERSONAL = frozenset({
        "public", "openbaar", "default", "default user", "all users", "shared", "administrator", "admin",
        "guest", "gast", "root", "user", "users", "gebruiker", "username", "gebruikersnaam", "runner",
        "ubuntu", "debian", "vagrant", "ec2-user", "pi", "me", "you", "name", "naam", "your-name", "yourname",
        "your_name", "jouwnaam", "uwnaam", "example", "voorbeeld", "test", "demo", "localservice",
        "networkservice", "systemprofile", "appdata", "desktop", "documents", "downloads",
    })

    def __init__(self):
        super().__init__(supported_entities=["ACCOUNT_NAME"], supported_language=LANGUAGE, name="account-name",
                         context=[])

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        for m in self.PATH.finditer(text):
            group = "folder" if m.group("folder") else "account"
            account = m.group(group).rstrip(".-")
            if account.lower() in self.NOT_PERSONAL or len(account) < 2:
                continue
            start = m.start(group)
            out.append(_result("ACCOUNT_NAME", start, start + len(account), 0.85, self.name, ["path:user-folder"]))
        return out
