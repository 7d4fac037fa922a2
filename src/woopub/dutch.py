"""Dutch words several stages need, written once."""

import re
import unicodedata

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
# as dates abbreviate them ("3 mrt. 2024", "12 sept 2023")
MONTH_ABBREVIATIONS = ("jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec")


def fold(text: str, keep: str = "'-") -> str:
    """Lower case without accents, every character but letters, digits and ``keep`` a space,
    single spaces: the form in which two spellings of a name compare equal."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(rf"[^\w\s{re.escape(keep)}]", " ", text).split())
