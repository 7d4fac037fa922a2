"""Recognisers for contact data and numbers: e-mail, phone, IBAN, BSN.

Presidio's own recognisers where they fit, adjusted for Dutch documents and
for running without a network.
"""

from __future__ import annotations

import re

import phonenumbers
import tldextract
from presidio_analyzer import AnalysisExplanation, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import EmailRecognizer, IbanRecognizer, PhoneRecognizer

LANGUAGE = "nl"

# tldextract's module-level extractor downloads the public-suffix list on first
# use. This one reads only the snapshot bundled with the package.
_OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail pattern, validated against the bundled suffix list."""

    def __init__(self):
        super().__init__(supported_language=LANGUAGE, supported_entity="EMAIL", name="email")

    def validate_result(self, pattern_text: str) -> bool:
        return _OFFLINE_TLD(pattern_text).fqdn != ""

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            local = text[r.start : r.end].split("@", 1)[0]
            r.recognition_metadata["evidence"] = ["local-part:functional" if functional_local_part(local) else "local-part:personal"]
        return results


def functional_local_part(local: str) -> bool:
    """Does the part before the @ name a function ("team.ketenregie", "evenementen")
    rather than a person? Yes when no piece is a name or an initial and at least
    one piece is an everyday or public word."""
    from woopub.detect.lexicon import lexicon
    from woopub.detect.tokens import zipf

    lex = lexicon()
    pieces = [p for p in re.split(r"[._+-]+", local.lower()) if p]
    if not pieces or any(len(p) >= 3 and (p in lex.first_names or p in lex.surnames) for p in pieces):
        return False
    short = [p for p in pieces if len(p) <= 2]
    if short:
        # "j.devries", "jd.k": initials make it a person's; "ai-verordening", "hr.advies": an
        # abbreviation before everyday words makes it a function's
        rest = [p for p in pieces if len(p) > 2]
        return bool(rest) and all(zipf(p) >= 3.0 for p in rest) and not any(len(p) == 1 for p in short)
    if pieces[0] in FUNCTION_WORDS:  # "team.ketenregie", "programma-x"
        return True
    # "evenementen", "woo-verzoeken"; one word glued from an abbreviation or everyday word and an
    # everyday word: "aiverordening", "klantcontact"
    return all(zipf(p) >= 3.0 or p.upper() in lex.acronyms or _everyday_compound(p, lex) for p in pieces)


def _everyday_compound(word: str, lex) -> bool:
    from woopub.detect.tokens import zipf

    for k in range(2, len(word) - 4):
        head, tail = word[:k], word[k:]
        if tail in lex.first_names or tail in lex.surnames or zipf(tail) < 3.5:
            continue
        if len(head) >= 4 and head not in lex.first_names and head not in lex.surnames and zipf(head) >= 3.5:
            return True  # "klantcontact"
        if k <= 3 and len(tail) >= 6 and (head.isalpha() or head.upper() in lex.acronyms):
            return True  # "aiverordening", "hradvies": an abbreviation glued to a long everyday word
    return False


# words that open the address of a team or desk, not of a person
FUNCTION_WORDS = {"team", "afdeling", "directie", "project", "programma", "bureau", "unit", "cluster", "sectie",
                  "dienst", "loket", "meldpunt", "servicepunt", "secretariaat", "postbus", "info", "kennis",
                  "contact", "helpdesk", "servicedesk", "pers", "woo", "wob", "redactie", "functioneel", "mailbox"}


# a phone cue right before a number: "tel.", "telefoon:", "mobiel", "bel", a contact block's "T" / "M"
PHONE_CUE = re.compile(r"(?:\b(?:tel(?:efoon)?(?:nummer|nr)?|telnr|mob(?:iel)?|gsm|bel|bereikbaar(?: op)?|phone|mobile)\b\.?"
                       r"|(?:^|\n)[ \t]*[TM])[ \t]*[:.]?[ \t]*$", re.IGNORECASE)
DATE_START = re.compile(r"\s*\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
# a whole date with a four-digit year, same separator twice ("25/05/2019", "05-25-2019")
WHOLE_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})([-/.])(\d{1,2})\2(?:19|20)\d\d(?!\d)")


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds a date written with digits: day and month (in either order) that can be one."""
    return [m.span() for m in WHOLE_DATE.finditer(text)
            if 1 <= min(int(m[1]), int(m[3])) and int(m[1]) <= 31 and int(m[3]) <= 31 and min(int(m[1]), int(m[3])) <= 12]


class EmailFragmentRecognizer(PatternRecognizer):
    """What is left of an e-mail address that OCR read: cut off at a table cell's edge
    ("s.ozturk@utrecht.r", "c.okafor@comens") or misread ("f.wijnberg@minjenv.n1").

    The local part still names the person, so the fragment is an e-mail address
    to the rules (functional mailboxes are kept by their local part as usual).
    A whole, valid address is the ``email`` recogniser's; overlaps are settled
    in detect/overlap.py.
    """

    PATTERNS = [Pattern("e-mail fragment", r"(?<![\w@])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9][\w-]*(?:\.[\w-]+)*", 0.6)]

    def __init__(self):
        super().__init__(supported_entity="EMAIL", patterns=self.PATTERNS, supported_language=LANGUAGE, name="email-fragment")

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            r.end = r.start + len(_whole_address_before(text[r.start : r.end]))
            local = text[r.start : r.end].split("@", 1)[0]
            r.recognition_metadata["evidence"] = ["local-part:functional" if functional_local_part(local) else "local-part:personal"]
        return results


def _whole_address_before(found: str) -> str:
    """A valid address that runs on into the next sentence without a space ("...@minbzk.nl.Richtlijnen"
    where a line ended): the address alone; anything else as found."""
    labels = found.split("@", 1)[1].split(".") if "@" in found else []
    for keep in range(len(labels) - 1, 1, -1):
        shorter = found.rsplit(".", len(labels) - keep)[0]
        if _OFFLINE_TLD(shorter.split("@", 1)[1]).fqdn and not _OFFLINE_TLD(found.split("@", 1)[1]).fqdn:
            return shorter
    return found


class DutchPhoneRecognizer(PhoneRecognizer):
    """Phone numbers, validated by ``phonenumbers`` for region NL.

    Two finders, united: phonenumbers' own matcher (on a copy of the text with
    line breaks as spaces, same length, so "06-1234" + newline + "5678" is one
    number), and a scan for Dutch shapes that its matcher misses ("06 - 5277
    7661", and a number followed by a date, which the matcher swallows whole
    and then rejects). A scanned candidate is shortened digit by digit from
    the right until phonenumbers accepts it.
    """

    SCORE = 0.7
    # a run of digits and separators opening like a Dutch or +31 number
    CANDIDATE = re.compile(r"(?<![\w+])(?:\+31|0031|\(0|0|14)(?:[ \t.\-/()\n]|\d){3,26}")
    KINDS = {
        phonenumbers.PhoneNumberType.MOBILE: "mobile",
        phonenumbers.PhoneNumberType.FIXED_LINE: "fixed line",
        phonenumbers.PhoneNumberType.TOLL_FREE: "toll free",
        phonenumbers.PhoneNumberType.PREMIUM_RATE: "premium rate",
        phonenumbers.PhoneNumberType.SHARED_COST: "shared cost",
        phonenumbers.PhoneNumberType.VOIP: "voip",
        phonenumbers.PhoneNumberType.UAN: "organisation number",
        phonenumbers.PhoneNumberType.PAGER: "pager",
    }

    def __init__(self):
        super().__init__(
            supported_language=LANGUAGE,
            supported_entity="PHONE",
            supported_regions=("NL",),
            leniency=phonenumbers.Leniency.VALID,
            context=["telefoon", "tel", "mobiel", "gsm", "bel", "nummer", "t", "m"],
            name="phone",
        )

    def analyze(self, text: str, entities, nlp_artifacts: NlpArtifacts = None):
        flat = text.replace("\n", " ").replace("\f", " ")
        # digits of a date are no phone number: "05/25/2019 05" in a table of dates is a valid
        # Elburg number to phonenumbers, and so is "07/1999 84.00" after "28/"
        dates = date_spans(text)

        def in_date(start: int, end: int) -> bool:
            return any(a < end and start < b for a, b in dates)

        spans: dict[tuple[int, int], phonenumbers.PhoneNumber] = {}
        for match in phonenumbers.PhoneNumberMatcher(flat, "NL", leniency=self.leniency):
            cut = text.find("\n", match.start, match.end)
            if cut >= 0 and DATE_START.match(text, cut + 1):
                continue  # "14 010" + newline + "06-03-2025": the scan below takes the number alone
            if not in_date(match.start, match.end):
                spans[(match.start, match.end)] = match.number
        cued: set[tuple[int, int]] = set()
        for m in self.CANDIDATE.finditer(text):
            if in_date(m.start(), m.start() + 1):
                continue
            found = self._longest_valid(text, m.start(), m.end(), in_date)
            if found is None and PHONE_CUE.search(text[max(0, m.start() - 30) : m.start()]):
                found = self._cued_shape(text, m.start(), m.end())
                if found:
                    cued.add(found[:2])
            if found and not any(a < found[1] and found[0] < b for a, b in spans):
                spans[found[:2]] = found[2]
        results = []
        for (start, end), number in sorted(spans.items()):
            label = self.KINDS.get(phonenumbers.number_type(number), "other")
            if (start, end) in cued:
                label = "unassigned number after a phone cue"  # test data, an old number: still a phone number
            if str(number.national_number).startswith("14") and len(str(number.national_number)) <= 6:
                label = "municipal number"  # 14 0xx: a municipality's general number
            results.append(
                RecognizerResult(
                    "PHONE", start, end, self.SCORE,
                    AnalysisExplanation(recognizer="phone", original_score=self.SCORE,
                                        textual_explanation=f"phonenumbers: valid NL {label} number"),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        "evidence": [f"phonenumbers:{label}"],
                        "normalised": phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
                    },
                )
            )
        return results

    @staticmethod
    def _cued_shape(text: str, start: int, end: int):
        """A number of a Dutch phone number's length after a phone cue, though the numbering plan
        assigns it to no one ("tel. 06-00123456"): test data and old numbers are phone numbers too."""
        digits_seen, stop = 0, None
        for i in range(start, end):
            if text[i].isdigit():
                digits_seen += 1
                if digits_seen == 10:
                    stop = i + 1
                    break
        if stop is None or text[start:stop].count("\n") or stop < len(text) and text[stop].isdigit():
            return None
        candidate = text[start:stop]
        if not re.fullmatch(r"0\d(?:[ .\-/]?\d){8}|0\d{2,3}[ .\-/]?\d(?:[ .\-/]?\d){5,6}", candidate):
            return None
        try:
            return start, stop, phonenumbers.parse(candidate, "NL")
        except phonenumbers.NumberParseException:
            return None

    @staticmethod
    def _longest_valid(text: str, start: int, end: int, in_date=lambda start, end: False):
        ends = [i + 1 for i in range(start, end) if text[i].isdigit()]
        for stop in reversed(ends):
            candidate = text[start:stop]
            if in_date(start, stop):  # "0612345678 01-02-2024": shorter, without the date
                continue
            digits = sum(c.isdigit() for c in candidate)
            short = candidate.startswith("14") and 5 <= digits <= 6  # 14 0xx, a municipality
            if not short and (digits < 10 or digits > 13) or candidate.count("\n") > 1:
                continue
            try:
                number = phonenumbers.parse(" ".join(candidate.replace("(0)", " ").split()), "NL")
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                return start, stop, number
        return None


def bsn_is_valid(digits: str) -> bool:
    """The 11-proef: weights 9..2 and -1 on the last digit, sum divisible by 11."""
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return total % 11 == 0


class BsnRecognizer(PatternRecognizer):
    """Burgerservicenummer: nine digits (or eight with a dropped leading zero),
    optionally grouped as 1234.56.789 or 123 456 789, that pass the 11-proef.

    A bare nine-digit number passes the 11-proef by chance one time in eleven,
    so the score stays low unless a context word ("BSN") stands nearby.
    """

    PATTERNS = [
        # not inside a longer run of digit groups such as a phone number "06-48291730"
        Pattern("bsn grouped", r"(?<![\d.-])(?:\d{4}[. ]\d{2}[. ]\d{3}|\d{3}[. ]\d{3}[. ]\d{3})(?![\d-]|\.\d)", 0.6),
        Pattern("bsn plain", r"(?<![\d.-])\d{8,9}(?![\d-]|\.\d)", 0.4),
    ]
    CONTEXT = ["bsn", "burgerservicenummer", "sofinummer", "sofi-nummer", "persoonsnummer", "bsn-nummer"]

    def __init__(self):
        super().__init__(
            supported_entity="BSN",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=LANGUAGE,
            name="bsn",
        )

    def validate_result(self, pattern_text: str) -> bool:
        return bsn_is_valid(re.sub(r"\D", "", pattern_text))


# IBAN lengths of the countries Dutch government documents name most; an IBAN in lower case or in
# odd grouping ("nl91 abna 0417 1643 00", "NL9 1ABN A04 ...") is read by these lengths and mod-97
IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "LU": 20, "ES": 24, "IT": 27, "AT": 20, "DK": 18,
                "PL": 28, "PT": 25, "IE": 22, "CH": 21, "SE": 24, "FI": 18, "NO": 15}
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}) ?(\d) ?(\d)")


def iban_is_valid(compact: str) -> bool:
    digits = "".join(str(int(c, 36)) for c in compact[4:] + compact[:4])
    return digits.isdigit() and int(digits) % 97 == 1


def loose_ibans(text: str) -> list[tuple[int, int]]:
    """IBANs in any grouping (single spaces anywhere) and any case, by country length and mod-97."""
    found = []
    for m in _IBAN_START.finditer(text):
        length = IBAN_LENGTHS.get(m.group(1).upper(), 0)
        if not length:
            continue
        compact, end = m.group(1) + m.group(2) + m.group(3), m.end()
        while len(compact) < length and end < len(text):
            step = 2 if text[end] == " " and end + 1 < len(text) else 1
            ch = text[end + step - 1]
            if not ch.isascii() or not ch.isalnum():
                break
            compact += ch
            end += step
        followed = end < len(text) and text[end].isascii() and text[end].isalnum()
        if len(compact) == length and not followed and iban_is_valid(compact.upper()):
            found.append((m.start(), end))
    return found


class DutchIbanRecognizer(IbanRecognizer):
    """Presidio's IBAN recogniser (country formats + mod-97 check) for Dutch text,
    also across a line end ("NL42 SNSB 8930" + newline + "3131 32"), in lower case
    and in odd grouping (``loose_ibans``)."""

    def __init__(self):
        super().__init__(supported_language=LANGUAGE, supported_entity="IBAN", name="iban")

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        flat = text.replace("\n", " ").replace("\f", " ")
        results = super().analyze(flat, entities, nlp_artifacts, regex_flags)
        for start, end in loose_ibans(flat):
            if not any(r.start <= start and end <= r.end for r in results):
                results.append(RecognizerResult("IBAN", start, end, 1.0, recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results


def contact_recognisers() -> list:
    return [OfflineEmailRecognizer(), DutchPhoneRecognizer(), BsnRecognizer(), DutchIbanRecognizer()]


__all__ = [
    "BsnRecognizer",
    "DutchIbanRecognizer",
    "DutchPhoneRecognizer",
    "OfflineEmailRecognizer",
    "RecognizerResult",
    "bsn_is_valid",
    "contact_recognisers",
]
