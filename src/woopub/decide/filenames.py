"""File and folder names are text: the public name of a document.

"Mail van Jan de Vries 12-03-2024.pdf" or "bijlagen/Marieke Jansen/cv.pdf"
carry the same personal data as the documents do. The relative path is read
as text (separators as spaces, so the detectors see words), decided by the
same rules, and every redacted part is replaced by its ground code. The
internal record keeps the original name; the output folder, the public log
and the summary lines use this one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from woopub.detect.joined import joined_mentions
from woopub.model import REDACT, Decision, Finding

# "_" and "-" join words in file names where text would have a space;
# read as spaces (same length, so offsets still point into the name)
_JOINERS = re.compile(r"[_\-]")


# the dot before a file's extension, and before the format of a converted file in front of it
# ("Wijnberg.docx.pdf", "mail.msg.pdf"): "Jansen.pdf" is the word Jansen. Not every dot of a chain:
# "j.devries@minbzk.nl.pdf" keeps its address whole.
_CONVERTED = r"(?:docx?|xlsx?|pptx?|odt|ods|msg|eml|txt|rtf|html?|jpe?g|png|tiff?)"
_EXTENSION_DOT = re.compile(rf"\.(?=[A-Za-z0-9]{{1,5}}(?:\n|$)|{_CONVERTED}\.[A-Za-z0-9]{{1,5}}(?:\n|$))", re.IGNORECASE)
# A file name is Title Case and has no sentence around it: a name found on its shape
# alone (a listed first name, capitals) scores below this and is redacted in a name
# only where the dossier's person index knows it. The threshold the index itself
# uses for spreading a name (``run.pipeline.INDEX_MIN_SCORE``).
NAME_MIN_SCORE = 0.7


def name_as_text(relative: str) -> str:
    """The relative path as the detectors read it: one line per folder, words apart, same offsets."""
    return _EXTENSION_DOT.sub(" ", _JOINERS.sub(" ", relative.replace("/", "\n")))


def public_name(relative: str, findings: Sequence[Finding], decisions: Sequence[Decision]) -> str:
    """Original relative path + its decided findings -> the name that may be published.

    Offsets are those of ``name_as_text(relative)``. A redacted part becomes
    its ground code in brackets ("Mail van [5.1.2e] 12-03-2024.pdf"); folder
    separators and the extension stay.
    """
    spans = sorted((f.start, f.end, d.ground or "redacted") for f, d in zip(findings, decisions) if d.action == REDACT)
    out: list[str] = []
    pos = 0
    for start, end, ground in spans:
        if start < pos:  # overlapping findings: the first already covers this part
            start = pos
        if end <= start:
            continue
        part = relative[start:end]
        # a redacted span never swallows a folder separator: each folder keeps its own place
        out.append(relative[pos:start] + "/".join(f"[{ground}]" if piece.strip() else piece for piece in part.split("/")))
        pos = end
    out.append(relative[pos:])
    return "".join(out)


def decide_name(relative: str, detector, decider, index=None) -> str:
    """Detect, decide and rename one relative path with the dossier's detectors and rules.

    ``index`` (the dossier's person index) finds a name the dossier redacts
    elsewhere even where the name alone carries no evidence.
    """
    text = name_as_text(relative)
    findings = [f for f in detector.find(text) if f.entity != "PERSON" or f.score >= NAME_MIN_SCORE]
    if index is not None and len(index):
        for r in index.recogniser().analyze(text, ["PERSON"]):
            findings.append(Finding(r.start, r.end, "PERSON", text[r.start : r.end], round(float(r.score), 2), "dossier",
                                    tuple((r.recognition_metadata or {}).get("evidence") or ())))
        # a full name the dossier redacts, joined into one word: "JanDeVries_notities.pdf", "j-devries"
        for value in sorted(v for v in index.variants if len(v.split()) > 1):
            for start, end in joined_mentions(relative, value):
                findings.append(Finding(start, end, "PERSON", text[start:end], 0.7, "dossier", ("joined-form",)))
    decisions = [decider.decide(f) for f in findings]
    return public_name(relative, findings, decisions)


def told_apart(names: Sequence[str]) -> list[str]:
    """Public names made unique, in input order: "[5.1.2e]/cv.pdf" twice becomes "[5.1.2e]/cv.pdf"
    and "[5.1.2e]/cv (2).pdf". Compared case-blind: on some file systems those are one file."""
    taken: set[str] = set()
    out: list[str] = []
    for name in names:
        candidate, n = name, 1
        while candidate.casefold() in taken:
            n += 1
            folder, _, file = name.rpartition("/")
            stem, dot, ext = file.rpartition(".") if "." in file.strip(".") else (file, "", "")
            candidate = (folder + "/" if folder else "") + f"{stem} ({n})" + (dot + ext)
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def public_reason(reason: str | None, originals: Sequence[str], public: str) -> str | None:
    """A failure's reason with the input's paths and original name (``originals``) replaced by its public name."""
    if not reason:
        return reason
    for original in sorted(set(originals), key=len, reverse=True):  # the absolute path before the name inside it
        if original:
            reason = reason.replace(original, public)
    return reason
