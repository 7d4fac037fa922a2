"""Write src/woopub/data/name_like_words.txt: frequent Dutch "words" that are names.

wordfreq counts text lower-cased, so a surname read in the news often ("Heijden" of
"Van der Heijden") has the frequency of an everyday word. OpenTaal's Dutch word list
(Debian package wdutch, /usr/share/dict/dutch) writes proper nouns with their capital:
a frequent word without a lower-case entry there is a name (or a foreign word), not an
everyday Dutch word. Run this again after a wordfreq or wdutch upgrade:

    apt-get install wdutch && python scripts/make_name_like_words.py
"""

from pathlib import Path

import wordfreq

DICT = Path("/usr/share/dict/dutch")
OUT = Path(__file__).resolve().parent.parent / "src" / "woopub" / "data" / "name_like_words.txt"
MIN_ZIPF = 3.0  # as detect.persons' everyday-word test

lower = {w for w in DICT.read_text("utf-8").split("\n") if w and w.islower()}
frequent = [w for w in wordfreq.top_n_list("nl", 100_000) if w.isalpha() and wordfreq.zipf_frequency(w, "nl") >= MIN_ZIPF]
names = sorted(w for w in frequent if w not in lower)
header = [
    "# Frequent Dutch words (wordfreq, zipf >= 3) with no lower-case entry in OpenTaal's word list",
    "# (Debian wdutch): names and foreign words, not everyday Dutch words. Made by",
    "# scripts/make_name_like_words.py from wordfreq's data (CC BY-SA 4.0) and OpenTaal (BSD / CC BY 3.0).",
]
OUT.write_text("\n".join(header + names) + "\n", "utf-8")
print(f"{OUT}: {len(names)} words")
