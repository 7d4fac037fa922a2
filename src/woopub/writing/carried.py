"""Rewrite what a published PDF carries beside its drawing to what drawing needs.

A producer can put text in many places a reader never sees on the page but
a tool does: JPEG segments (EXIF, XMP, comments, any APPn), the description
and copyright tags of an ICC colour profile, a font's names, marked-content
tags and their property lists, the language tag. Rather than searching these
places for values already known, each is rewritten to what drawing the page
needs: the JPEG's coding segments, the profile's numbers, a neutral font
name, bare marked-content tags, a well-formed language tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pikepdf

# -- JPEG -------------------------------------------------------------------------------------------

# In scan data, a marker is 0xFF followed by anything but a stuffed zero, a restart marker or fill
_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_APP14, _COM, _SOS, _EOI = 0xEE, 0xFE, 0xDA, 0xD9


def jpeg_without_metadata(data: bytes) -> bytes | None:
    """The JPEG with only the segments a decoder needs; None when it is not a JPEG this can read.

    Dropped: APP0-APP15 (JFIF, EXIF, XMP, ICC, Photoshop, ...) and COM
    segments, and whatever follows the end-of-image marker. Kept: Adobe's
    APP14 colour-transform flag (CMYK and YCCK images decode wrongly
    without it), cut to its fixed 12 bytes.
    """
    if data[:2] != b"\xff\xd8":
        return None
    out = bytearray(b"\xff\xd8")
    i = 2
    while i + 1 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == _EOI:
            out += b"\xff\xd9"
            return bytes(out)
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            out += data[i : i + 2]
            i += 2
            continue
        if i + 4 > len(data):
            return None
        end = i + 2 + int.from_bytes(data[i + 2 : i + 4], "big")
        if end > len(data):
            return None
        segment = data[i:end]
        if marker == _SOS:  # the entropy-coded data runs to the next real marker
            found = _SCAN_END.search(data, end)
            end = found.start() if found else len(data)
            out += data[i:end]
        elif marker == _APP14 and segment[4:9] == b"Adobe" and len(segment) >= 16:
            out += b"\xff\xee\x00\x0e" + segment[4:16]
        elif not (0xE0 <= marker <= 0xEF or marker == _COM):
            out += segment
        i = end
    return bytes(out) + b"\xff\xd9"  # no end marker in the data: decoders stop at its end anyway


# -- ICC profiles -------------------------------------------------------------------------------------

# Tag types that hold numbers only (curves, matrices, lookup tables, dates, signatures); every other
# tag (descriptions, copyright, device maker and model, colorant names, private tags) is blanked
_ICC_NUMERIC_TYPES = frozenset(
    {b"curv", b"para", b"XYZ ", b"sf32", b"mft1", b"mft2", b"mAB ", b"mBA ", b"chrm", b"mpet", b"sig ", b"meas",
     b"dtim", b"ui16", b"ui32", b"ui64", b"ui08", b"uf32", b"vcgt", b"cicp", b"view"}
)


# -- JPEG 2000 -----------------------------------------------------------------------------------------

_J2K_SOC, _J2K_SOT, _J2K_SOD, _J2K_EOC, _J2K_COM = 0xFF4F, 0xFF90, 0xFF93, 0xFFD9, 0xFF64
_JP2_KEPT = (b"jP  ", b"ftyp", b"jp2h", b"jp2c")  # signature, file type, header, codestream


def j2k_without_comments(data: bytes) -> bytes | None:
    """A JPEG 2000 codestream without its comment (COM) segments, in the main and the tile-part
    headers (each tile-part's length corrected), and nothing after the end marker; None when it
    is not a codestream this can read."""
    if data[:2] != b"\xff\x4f":
        return None
    out = bytearray(data[:2])
    at = 2
    try:
        while at + 2 <= len(data):
            marker = int.from_bytes(data[at : at + 2], "big")
            if marker == _J2K_EOC:
                return bytes(out + data[at : at + 2])
            if marker != _J2K_SOT:  # a main-header segment
                length = int.from_bytes(data[at + 2 : at + 4], "big")
                if marker >> 8 != 0xFF or length < 2:
                    return None
                if marker != _J2K_COM:
                    out += data[at : at + 2 + length]
                at += 2 + length
                continue
            # a tile-part: SOT (its length Psot counts from SOT's first byte), header segments, SOD, data
            psot = int.from_bytes(data[at + 6 : at + 10], "big")
            end = at + psot if psot else len(data)
            header, k = bytearray(data[at : at + 12]), at + 12
            while int.from_bytes(data[k : k + 2], "big") != _J2K_SOD:
                marker, length = int.from_bytes(data[k : k + 2], "big"), int.from_bytes(data[k + 2 : k + 4], "big")
                if marker >> 8 != 0xFF or length < 2 or k + 2 + length > end:
                    return None
                if marker != _J2K_COM:
                    header += data[k : k + 2 + length]
                k += 2 + length
            if not psot:  # the last tile-part runs to the end marker
                body = data[k:]
                eoc = body.rfind(b"\xff\xd9")
                return bytes(out + header + (body[: eoc + 2] if eoc >= 0 else body))
            part = header + data[k:end]
            part[6:10] = len(part).to_bytes(4, "big")
            out += part
            at = end
    except IndexError:
        return None
    return None


def jpx_without_metadata(data: bytes) -> bytes | None:
    """A JPEG 2000 image (JP2 file or bare codestream) with only what decoding needs: the
    signature, file-type, header and codestream boxes (XML, UUID/XMP, IPR, UUID-info and unknown
    boxes dropped), the header's ICC profile without text, the codestream without comments,
    nothing after the last box. None when it is not JPEG 2000 this can read."""
    if data[:2] == b"\xff\x4f":
        return j2k_without_comments(data)
    if data[4:8] != b"jP  ":
        return None
    out, at, codestream = bytearray(), 0, False
    while at + 8 <= len(data):
        size, kind, head = int.from_bytes(data[at : at + 4], "big"), data[at + 4 : at + 8], 8
        if size == 1:
            size, head = int.from_bytes(data[at + 8 : at + 16], "big"), 16
        elif size == 0:
            size = len(data) - at
        if size < head or at + size > len(data):  # not a box: data after the last one, dropped
            break
        payload = data[at + head : at + size]
        if kind == b"jp2c":
            payload, codestream = j2k_without_comments(payload), True
            if payload is None:
                return None
        elif kind == b"jp2h":
            payload = _jp2_header_without_text(payload)
        if kind in _JP2_KEPT:
            out += (8 + len(payload)).to_bytes(4, "big") + kind + payload
        at += size
    return bytes(out) if codestream else None


def _jp2_header_without_text(header: bytes) -> bytes:
    """The JP2 header box's sub-boxes, an ICC profile in a colour box ('colr', method 2 or 3)
    without its text tags, and any sub-box a decoder does not read ('res ', unknown) dropped."""
    out, at = bytearray(), 0
    while at + 8 <= len(header):
        size, kind = int.from_bytes(header[at : at + 4], "big"), header[at + 4 : at + 8]
        if size < 8 or at + size > len(header):
            break
        payload = header[at + 8 : at + size]
        if kind == b"colr" and len(payload) > 3 and payload[0] in (2, 3):
            payload = payload[:3] + (icc_without_text(payload[3:]) or payload[3:])
        if kind in (b"ihdr", b"bpcc", b"colr", b"pclr", b"cmap", b"cdef"):
            out += (8 + len(payload)).to_bytes(4, "big") + kind + payload
        at += size
    return bytes(out)


def icc_without_text(data: bytes) -> bytes | None:
    """The ICC profile with every tag that is not numbers zeroed (an empty text); None if not a profile."""
    if len(data) < 132 or data[36:40] != b"acsp":
        return None
    profile = bytearray(data)
    count = int.from_bytes(profile[128:132], "big")
    for k in range(min(count, (len(profile) - 132) // 12)):
        entry = 132 + 12 * k
        start = int.from_bytes(profile[entry + 4 : entry + 8], "big")
        size = int.from_bytes(profile[entry + 8 : entry + 12], "big")
        if start + size > len(profile) or size < 8:
            continue
        if bytes(profile[start : start + 4]) not in _ICC_NUMERIC_TYPES:
            profile[start + 8 : start + size] = bytes(size - 8)
    profile[84:100] = bytes(16)  # the profile ID (an MD5 of the profile) no longer holds: zero means "not set"
    return bytes(profile)


# -- language tags ---------------------------------------------------------------------------------------

# BCP 47 as documents use it: a language, optionally a script and a region ("nl", "nl-NL", "sr-Latn-RS");
# variants, extensions and private-use parts, which can spell anything, are not kept
_LANGUAGE_TAG = re.compile(r"([a-z]{2,3})(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|\d{3}))?")


def language_tag(value: str) -> str | None:
    """``value`` as a well-formed language tag (case normalised), or None."""
    parts = value.strip().replace("_", "-").split("-")
    if not parts or not parts[0]:
        return None
    norm = [parts[0].lower()]
    for part in parts[1:]:
        norm.append(part.title() if len(part) == 4 else part.upper())
    tag = "-".join(norm)
    return tag if _LANGUAGE_TAG.fullmatch(tag) else None


# -- fonts ------------------------------------------------------------------------------------------------

# Fonts a viewer draws from its own files, found by name: a non-embedded font keeps its name only if it
# is one of these (with a style suffix); any other non-embedded name becomes the standard font it resembles
_KNOWN_FONT = re.compile(
    r"(Helvetica|Arial|ArialMT|ArialNarrow|Times|Times-Roman|TimesNewRoman|TimesNewRomanPS|TimesNewRomanPSMT|"
    r"Courier|CourierNew|CourierNewPS|CourierNewPSMT|Symbol|SymbolMT|ZapfDingbats|Wingdings|Calibri|Cambria|"
    r"Verdana|Tahoma|Georgia|Garamond|TrebuchetMS|SegoeUI|CenturyGothic|BookAntiqua|LucidaConsole|"
    r"RijksoverheidSansText|RijksoverheidSerif|RO(?:Sans|Serif)\w*)"
    r"(?:[,-](?:Bold|Italic|BoldItalic|Oblique|BoldOblique|Regular|Roman|Light|Medium|Semibold|MT|PSMT|"
    r"BoldMT|ItalicMT|BoldItalicMT|BoldOblique))*"
)
_SUBSET_PREFIX = re.compile(r"[A-Z]{6}\+")


def standard_font_for(name: str, flags: int, weight: float, italic_angle: float) -> str:
    """The standard-14 font a viewer would substitute for a font it does not have."""
    bold = "bold" in name.lower() or weight >= 600 or bool(flags & (1 << 18))
    italic = any(s in name.lower() for s in ("italic", "oblique")) or italic_angle != 0 or bool(flags & 64)
    if flags & 1:
        family, styles = "Courier", ("", "-Bold", "-Oblique", "-BoldOblique")
    elif flags & 2:
        family, styles = "Times", ("-Roman", "-Bold", "-Italic", "-BoldItalic")
    else:
        family, styles = "Helvetica", ("", "-Bold", "-Oblique", "-BoldOblique")
    return family + styles[bold + 2 * italic]


def sfnt_without_names(data: bytes) -> bytes | None:
    """A TrueType/OpenType font with the strings of its 'name' table zeroed (family, full name,
    copyright, designer, licence, ...): drawing uses glyphs, not names. None if not such a font."""
    if data[:4] not in (b"\x00\x01\x00\x00", b"true", b"OTTO") or len(data) < 12:
        return None
    font = bytearray(data)
    for k in range(int.from_bytes(font[4:6], "big")):
        record = 12 + 16 * k
        if record + 16 > len(font):
            return None
        if bytes(font[record : record + 4]) != b"name":
            continue
        start = int.from_bytes(font[record + 8 : record + 12], "big")
        length = int.from_bytes(font[record + 12 : record + 16], "big")
        if start + 6 > len(font) or start + length > len(font):
            return None
        storage = start + int.from_bytes(font[start + 4 : start + 6], "big")
        if storage < start + length:
            font[storage : start + length] = bytes(start + length - storage)
    return bytes(font)


# a PostScript literal string: parentheses nest, a backslash escapes the next character
_PS_STRING = re.compile(rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)", re.S)
_PS_FONT_NAME = re.compile(rb"/FontName\s*/[^\s/\[\]{}()<>%]*")
_PS_COMMENT = re.compile(rb"^%[^\r\n]*", re.M)


def type1_without_names(data: bytes, clear_length: int) -> tuple[bytes, int] | None:
    """A Type1 font program (PDF /FontFile) whose clear-text part says no names: its strings
    (FullName, FamilyName, Notice, Copyright, Weight, version) emptied, /FontName "Font",
    header comments neutral. Returns the program and its new /Length1, None if not Type1.
    The encrypted part (glyph programs) is kept as it is. The clear part ends after "eexec" and its
    line end, whatever /Length1 says: a wrong /Length1 (seen: larger than the program) must not
    make the binary glyph programs look like clear text, where rewriting them broke the font."""
    clear_length = _clear_text_length(data, clear_length)
    clear = data[:clear_length]
    if not clear.startswith(b"%!") or b"eexec" not in clear:
        return None
    clear = _PS_STRING.sub(b"()", clear)
    clear = _PS_FONT_NAME.sub(b"/FontName /Font", clear)
    clear = _PS_COMMENT.sub(lambda m: b"%!PS-AdobeFont-1.0: Font" if m.start() == 0 else b"%", clear)
    return clear + data[clear_length:], len(clear)


_EEXEC = re.compile(rb"eexec[ \t]*(\r\n|\r|\n)?")


def _clear_text_length(data: bytes, declared: int) -> int:
    """Where a Type1 program's clear text ends: after its first "eexec" and that line's end."""
    found = _EEXEC.search(data)
    if found is None:
        return declared if 0 < declared <= len(data) else len(data)
    return found.end()


_CFF_NAME_KEYS = ("version", "Notice", "Copyright", "FullName", "FamilyName", "Weight", "PostScript", "BaseFontName")


def cff_without_names(data: bytes) -> bytes | None:
    """A bare CFF font program (PDF /FontFile3 /Type1C or /CIDFontType0C) with its names
    rewritten: the font "Font", the top dictionary's strings (Notice, Copyright, FullName,
    FamilyName, Weight, ...) left out, a CID font's sub-font names "Font". The String INDEX
    is written anew, so no left-out string stays behind. None if not readable as CFF."""
    import io
    from types import SimpleNamespace

    from fontTools.cffLib import CFFFontSet  # imported here: only documents with CFF fonts pay for it

    if len(data) < 4 or data[0] != 1:  # CFF major version 1
        return None
    try:
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(data), None, isCFF2=False)
        for name in list(cff.fontNames):
            top = cff[name]
            for key in _CFF_NAME_KEYS:
                if key in top.rawDict:
                    del top.rawDict[key]
                top.__dict__.pop(key, None)
            for fd in getattr(top, "FDArray", None) or []:
                if hasattr(fd, "FontName"):
                    fd.FontName = "Font"
        cff.fontNames = ["Font" if len(cff.fontNames) == 1 else f"Font{n + 1}" for n in range(len(cff.fontNames))]
        out = io.BytesIO()
        cff.compile(out, SimpleNamespace(recalcBBoxes=False), isCFF2=False)  # no OpenType font around it
    except Exception:  # fontTools raises many kinds on malformed programs
        return None
    return out.getvalue()


def is_known_font(name: str) -> bool:
    return bool(_KNOWN_FONT.fullmatch(_SUBSET_PREFIX.sub("", name, count=1)))


# -- marked content ----------------------------------------------------------------------------------------

# Marked-content tags kept as they are (structure types, optional content, artifacts); others become /Span
_STANDARD_TAGS = frozenset(
    "Span P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Figure Formula Form Artifact OC "
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index Quote Note Reference BibEntry Code Link Annot "
    "Ruby RB RT RP Warichu WT WP Tx".split()
)
_MARKS = (b"BDC", b"BMC", b"DP", b"MP")


def bare_marked_content(content: bytes) -> bytes | None:
    """Content with marked-content property lists dropped and private tags renamed; None if unchanged.

    ``/Tag <<...>> BDC`` becomes ``/Tag BMC`` and ``/Tag <<...>> DP`` becomes
    ``/Tag MP``: the properties (MCIDs, ActualText, Alt, Lang, layer
    references, a producer's own strings) are not needed to draw; every
    layer is shown in a publication anyway.
    """
    if not any(m in content for m in _MARKS):
        return None
    with pikepdf.new() as pdf:
        try:
            instructions = pikepdf.parse_content_stream(pikepdf.Stream(pdf, content))
        except pikepdf.PdfError:
            return None
        changed = False
        out = []
        for item in instructions:
            if isinstance(item, pikepdf.ContentStreamInlineImage):
                out.append(item)
                continue
            operands, operator = item.operands, str(item.operator)
            if operator in ("BDC", "BMC", "DP", "MP") and operands:
                tag = operands[0] if isinstance(operands[0], pikepdf.Name) else pikepdf.Name("/Span")
                if str(tag)[1:] not in _STANDARD_TAGS:
                    tag = pikepdf.Name("/Span")
                bare = {"BDC": "BMC", "DP": "MP"}.get(operator, operator)
                if bare != operator or tag != operands[0] or len(operands) != 1:
                    changed = True
                out.append(pikepdf.ContentStreamInstruction([tag], pikepdf.Operator(bare)))
            else:
                out.append(item)
        return pikepdf.unparse_content_stream(out) if changed else None


# -- names a producer chose, inside objects ----------------------------------------------------------------

# A token of an object's source as MuPDF writes it (strings with every parenthesis escaped, names
# with their delimiters as #XX): the dictionary and array brackets, a name, a string, anything else
_TOKEN = re.compile(r"\s*(<<|>>|\[|\]|/[^\s/<>\[\]()%{}]*|\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f\s]*>|[^\s/<>\[\]()%{}]+)",
                    re.S)
# Colourants every device knows (and /All, /None, which are no colourant): kept by name
PROCESS_COLOURANTS = frozenset(f"/{n}" for n in "All None Cyan Magenta Yellow Black Red Green Blue".split())
# Where a name is a colourant: the keys of these dictionaries, the names in these arrays
_COLOURANT_KEYS_OF = frozenset({"/Colorants", "/Solidities", "/DotGain"})
_COLOURANT_LISTS = frozenset({"/PrintingOrder", "/Components"})


def object_tokens(source: str) -> list[str] | None:
    """The tokens of an object's source (``Document.xref_object``), or None if it does not split cleanly."""
    tokens, at = [], 0
    source = source.rstrip()
    while at < len(source):
        m = _TOKEN.match(source, at)
        if m is None:
            return None
        tokens.append(m.group(1))
        at = m.end()
    return tokens


def colourant_names(tokens: list[str]) -> set[str]:
    """The spot colourant names an object's tokens hold (``rename_colourants`` with nothing to rename)."""
    found: set[str] = set()
    _walk_colourants(tokens, lambda name: found.add(name) or name)
    return found - PROCESS_COLOURANTS


def rename_colourants(tokens: list[str], names: dict[str, str]) -> list[str]:
    """The tokens with each colourant name in ``names`` replaced, where it stands as a colourant:
    a /Separation's name, a /DeviceN's names, the keys and lists of its attributes."""
    return _walk_colourants(list(tokens), lambda name: names.get(name, name))


@dataclass
class _Container:
    """An open dictionary or array while walking an object's tokens."""

    is_dict: bool
    colourant_list: bool = False  # an array whose names are colourants
    colourant_keys: bool = False  # a dictionary whose keys are colourants
    items: int = 0  # an array's items so far
    first: str | None = None  # an array's first item (/Separation, /DeviceN, ...)
    key: str | None = None  # a dictionary's key whose value comes next


def _walk_colourants(tokens: list[str], rename) -> list[str]:
    stack: list[_Container] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        inside = stack[-1] if stack else None
        if token in ("<<", "["):
            key = inside.key if inside is not None and inside.is_dict else None
            devicen = inside is not None and not inside.is_dict and inside.items == 1 and inside.first == "/DeviceN"
            stack.append(_Container(token == "<<", devicen or key in _COLOURANT_LISTS, key in _COLOURANT_KEYS_OF))
            i += 1
            continue
        if token in (">>", "]"):
            if stack:
                stack.pop()
            _one_item(stack[-1] if stack else None)
            i += 1
            continue
        if inside is not None and inside.is_dict and inside.key is None:  # a key
            if token.startswith("/"):
                tokens[i] = rename(token) if inside.colourant_keys else token
                inside.key = token
            i += 1
            continue
        if inside is not None and not inside.is_dict and token.startswith("/"):
            if inside.colourant_list or (inside.items == 1 and inside.first == "/Separation"):
                tokens[i] = rename(token)
            if inside.items == 0:
                inside.first = token
        # an indirect reference ("5 0 R") is one item
        i += 3 if i + 2 < len(tokens) and tokens[i + 2] == "R" and token.isdigit() else 1
        _one_item(inside)
    return tokens


def _one_item(inside: "_Container | None") -> None:
    """A value ended in ``inside``: an array counts it, a dictionary waits for its next key."""
    if inside is None:
        return
    if inside.is_dict:
        inside.key = None
    else:
        inside.items += 1


def without_keys(tokens: list[str], keys: frozenset[str]) -> list[str] | None:
    """The tokens without the entries of ``keys`` ("/Key") in any dictionary, at any depth; None
    when the object nests too deep to walk."""
    out: list[str] = []
    i = 0
    try:
        while i < len(tokens):
            i = _copy_value(tokens, i, keys, out)
    except RecursionError:
        return None
    return out


def without_entries(tokens: list[str], top_keys: frozenset[str] = frozenset()) -> list[str] | None:
    """The tokens without dictionary entries whose value is null (at any depth: the same as no
    entry, and MuPDF writes a key it was told to remove as "/Key null"), and without the keys
    ``top_keys`` of the object's own dictionary (as "/Key", #-escapes decoded, as MuPDF's
    ``xref_get_keys`` gives them); None when the object nests too deep to walk."""
    out: list[str] = []
    try:
        if tokens[:1] == ["<<"] and top_keys:
            i = _copy_value(tokens, 0, frozenset(), out, top_keys)
            out.extend(tokens[i:])
        else:
            i = 0
            while i < len(tokens):
                i = _copy_value(tokens, i, frozenset(), out)
    except RecursionError:
        return None
    return out


def _copy_value(tokens: list[str], i: int, keys: frozenset[str], out: list[str],
                here: frozenset[str] = frozenset()) -> int:
    """Copy the value at ``tokens[i]`` to ``out``, less the dropped entries (``keys`` at any depth,
    ``here`` in this dictionary only, and entries whose value is null); the index after it."""
    token = tokens[i]
    if token in ("<<", "["):
        close = ">>" if token == "<<" else "]"
        out.append(token)
        i += 1
        while i < len(tokens) and tokens[i] != close:
            if token == "<<":  # a key, then its value
                if (tokens[i] in keys or (here and not here.isdisjoint(name_spellings(tokens[i])))
                        or (i + 1 < len(tokens) and tokens[i + 1] == "null")):
                    i = _value_end(tokens, i + 1)
                    continue
                out.append(tokens[i])
                i += 1
                if i >= len(tokens) or tokens[i] == close:
                    break
            i = _copy_value(tokens, i, keys, out)
        out.append(close)
        return i + 1
    end = _value_end(tokens, i)
    out.extend(tokens[i:end])
    return end


def name_spellings(token: str) -> set[str]:
    """A name token with its #-escapes decoded, its bytes read as UTF-8 and as Latin-1."""
    raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), token.encode("latin-1", "replace"))
    return {token, raw.decode("utf-8", "replace"), raw.decode("latin-1")}


def _value_end(tokens: list[str], i: int) -> int:
    """Where the value that starts at ``tokens[i]`` ends (the index after it)."""
    if i >= len(tokens):
        return i
    if tokens[i] in ("<<", "["):
        depth = 0
        for j in range(i, len(tokens)):
            depth += tokens[j] in ("<<", "[")
            depth -= tokens[j] in (">>", "]")
            if depth == 0:
                return j + 1
        return len(tokens)
    if i + 2 < len(tokens) and tokens[i + 2] == "R" and tokens[i].isdigit():
        return i + 3
    return i + 1


# -- CMaps --------------------------------------------------------------------------------------------------

_CMAP_NAME = re.compile(rb"/CMapName\s*/[^\s/<>\[\]()%{}]*(\s+def)")
_CMAP_STRING = re.compile(rb"/(Registry|Ordering)\s*\((?:\\.|[^\\()])*\)", re.S)
# Character collections of the CMaps Adobe publishes (and ToUnicode's UCS): kept by name
KNOWN_ORDERINGS = frozenset({b"Identity", b"UCS", b"UCS2", b"Japan1", b"Japan2", b"GB1", b"CNS1", b"Korea1", b"KR"})
NEUTRAL_CMAP_NAME = b"/Adobe-Identity-UCS"


def cmap_without_names(data: bytes) -> bytes | None:
    """A CMap program (a font's ToUnicode map, an embedded encoding) that says nothing but its
    mapping: no comments (a producer's title, the font's name), its own name neutral, its
    character collection Adobe's with a known ordering. Decoding reads the code ranges and
    mappings only (an embedded encoding that uses another CMap names it with usecmap, kept).
    None when nothing changed."""
    out = _cmap_without_comments(data)
    out = _CMAP_NAME.sub(lambda m: b"/CMapName " + NEUTRAL_CMAP_NAME + m.group(1), out)

    def collection(m: re.Match) -> bytes:
        if m.group(1) == b"Registry":
            return b"/Registry (Adobe)"
        value = m.group(0)[m.group(0).index(b"(") + 1:-1]
        return b"/Ordering (" + (value if value in KNOWN_ORDERINGS else b"Identity") + b")"

    out = _CMAP_STRING.sub(collection, out)
    return out if out != data else None


def _cmap_without_comments(data: bytes) -> bytes:
    """``data`` (PostScript) without its comments: a % outside a string to the end of its line."""
    out, depth, i = bytearray(), 0, 0
    while i < len(data):
        c = data[i]
        if depth and c == 0x5C:  # a backslash escapes the next byte in a string
            out += data[i:i + 2]
            i += 2
            continue
        if c == 0x28:  # (
            depth += 1
        elif c == 0x29 and depth:  # )
            depth -= 1
        elif c == 0x25 and not depth:  # %
            end = re.compile(rb"[\r\n]").search(data, i)
            i = end.start() if end else len(data)
            continue
        out.append(c)
        i += 1
    return bytes(out)
