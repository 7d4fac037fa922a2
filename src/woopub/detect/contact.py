"""Recognisers for contact data and numbers: e-mail, phone, IBAN, BSN.

Presidio's own recognisers where they fit, adjusted for Dutch documents and
for running without a network.
"""

from __future__ import annotations

import re

import phonenumbers
import tldextract
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
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


class DutchPhoneRecognizer(PhoneRecognizer):
    """Phone numbers through ``phonenumbers`` with region NL.

    Numbers are matched on a copy of the text where line breaks are spaces
    (same length, so offsets hold): "06-1234" + newline + "5678" is one number.
    """

    SCORE = 0.7

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
        results = []
        for match in phonenumbers.PhoneNumberMatcher(flat, "NL", leniency=self.leniency):
            number = match.number
            kind = phonenumbers.number_type(number)
            label = {
                phonenumbers.PhoneNumberType.MOBILE: "mobile",
                phonenumbers.PhoneNumberType.FIXED_LINE: "fixed line",
                phonenumbers.PhoneNumberType.TOLL_FREE: "toll free",
                phonenumbers.PhoneNumberType.PREMIUM_RATE: "premium rate",
                phonenumbers.PhoneNumberType.SHARED_COST: "shared cost",
                phonenumbers.PhoneNumberType.VOIP: "voip",
                phonenumbers.PhoneNumberType.UAN: "organisation number",
            }.get(kind, "other")
            result = self._get_recognizer_result(match, text, "NL", nlp_artifacts)
            result.recognition_metadata["evidence"] = [f"phonenumbers:{label}"]
            result.recognition_metadata["normalised"] = phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.E164
            )
            results.append(result)
        return results


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


class DutchIbanRecognizer(IbanRecognizer):
    """Presidio's IBAN recogniser (country formats + mod-97 check) for Dutch text."""

    def __init__(self):
        super().__init__(supported_language=LANGUAGE, supported_entity="IBAN", name="iban")


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
