"""Dutch words several stages need, written once."""

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
# as dates abbreviate them ("3 mrt. 2024", "12 sept 2023")
MONTH_ABBREVIATIONS = ("jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec")
