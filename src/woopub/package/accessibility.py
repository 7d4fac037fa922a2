"""The machine-checkable structure PDF/UA-1 (ISO 14289-1) asks of the inventarislijst.pdf.

Not veraPDF: veraPDF (the reference validator, Java) is in neither Debian nor PyPI, and
only those registries are reachable. The PyPI package ``pdfua`` says of itself that it
covers 16 of the 106 machine-checkable rules. This module checks what a tagged table
needs for a screen reader, each against the clause it comes from:

- the catalog: ``/MarkInfo /Marked true`` (7.1), ``/Lang`` (7.2), a ``/StructTreeRoot``
  with a ``/ParentTree``, ``/ViewerPreferences /DisplayDocTitle true`` and a ``dc:title``
  in the XMP metadata (7.1), the XMP ``pdfuaid:part`` 1 (5);
- every page: its content tied to the structure (``/StructParents``), ``/Tabs /S``
  (7.18.3), and no text or painting outside marked content that is either an
  ``/Artifact`` or carries an MCID (7.1: "content shall be tagged or marked as artifact");
- the structure: only standard types (or role-mapped to one, 7.1), a ``/Figure`` with
  ``/Alt`` (7.3), a ``/Table`` made of ``/TR`` rows of ``/TH``/``/TD`` cells, the same
  number per row, each ``/TH`` with a ``/Scope`` (7.5);
- every font embedded (7.21.4.1).

What it cannot judge: whether the reading order, the alternative texts and the
language are right, which needs a person (the Matterhorn protocol's human checks).
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

# PDF 1.7 (ISO 32000-1, 14.8.4) standard structure types
STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
    "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
    "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby",
    "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}
ROW_GROUPS = {"THead", "TBody", "TFoot"}
SHOWS_OR_PAINTS = {"Tj", "TJ", "'", '"', "Do", "sh", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "BI"}
XMP_TITLE = "{http://purl.org/dc/elements/1.1/}title"
XMP_PDFUA_PART = "{http://www.aiim.org/pdfua/ns/id/}part"
MAX_DEPTH = 64


def pdfua_problems(path: Path) -> list[str]:
    """What the PDF at ``path`` lacks of PDF/UA-1's machine-checkable structure (empty: nothing found)."""
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PdfError as exc:
        return [f"cannot be read: {exc}"]
    with pdf:
        root = pdf.Root
        problems = _catalog(pdf, root)
        if "/StructTreeRoot" not in root:
            return problems
        role_map = root.StructTreeRoot.get("/RoleMap") or {}
        for n, page in enumerate(pdf.pages, start=1):
            problems += [f"page {n}: {p}" for p in _page(page)]
        problems += _structure(root.StructTreeRoot, {str(k)[1:]: str(v)[1:] for k, v in dict(role_map).items()})
        return problems


def _catalog(pdf: pikepdf.Pdf, root) -> list[str]:
    problems = []
    if not (root.get("/MarkInfo") is not None and root.MarkInfo.get("/Marked") is True):
        problems.append("catalog: /MarkInfo /Marked is not true (7.1)")
    if not str(root.get("/Lang") or "").strip():
        problems.append("catalog: no /Lang (7.2)")
    tree = root.get("/StructTreeRoot")
    if tree is None:
        problems.append("catalog: no /StructTreeRoot: the PDF is not tagged (7.1)")
    elif "/ParentTree" not in tree:
        problems.append("structure tree: no /ParentTree: content cannot be found from its element (7.1)")
    prefs = root.get("/ViewerPreferences")
    if not (prefs is not None and prefs.get("/DisplayDocTitle") is True):
        problems.append("catalog: /ViewerPreferences /DisplayDocTitle is not true (7.1)")
    meta = pdf.open_metadata()
    if not str(meta.get(XMP_TITLE) or "").strip():
        problems.append("XMP metadata: no dc:title (7.1)")
    if str(meta.get(XMP_PDFUA_PART) or "") != "1":
        problems.append("XMP metadata: no pdfuaid:part 1 (5)")
    return problems


def _page(page: pikepdf.Page) -> list[str]:
    problems = []
    if "/StructParents" not in page.obj:
        problems.append("no /StructParents: its content is tied to no structure element (7.1)")
    if page.obj.get("/Annots") and page.obj.get("/Tabs") != "/S":
        problems.append("annotations without /Tabs /S (7.18.3)")
    depth, untagged = [], 0
    for op in pikepdf.parse_content_stream(page):
        name = str(op.operator)
        if name in ("BMC", "BDC"):
            tag = str(op.operands[0])
            props = op.operands[1] if name == "BDC" and len(op.operands) > 1 else None
            has_mcid = isinstance(props, pikepdf.Dictionary) and "/MCID" in props
            depth.append(tag == "/Artifact" or has_mcid or (bool(depth) and depth[-1]))
        elif name == "EMC" and depth:
            depth.pop()
        elif name in SHOWS_OR_PAINTS and not (depth and depth[-1]):
            untagged += 1
    if untagged:
        problems.append(f"{untagged} drawing operation(s) neither tagged nor an artifact (7.1)")
    problems += _fonts(page)
    return problems


def _fonts(page: pikepdf.Page) -> list[str]:
    fonts = (page.obj.get("/Resources") or {}).get("/Font") or {}
    problems = []
    for key, font in dict(fonts).items():
        described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = described.get("/FontDescriptor")
        if font.get("/Subtype") == "/Type3":
            continue  # glyphs drawn by the file itself
        if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            problems.append(f"font {key} is not embedded (7.21.4.1)")
    return problems


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return [k for k in (kids if isinstance(kids, pikepdf.Array) else [kids])
            if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _structure(tree, role_map: dict[str, str]) -> list[str]:
    problems: list[str] = []

    def kind(element) -> str:
        s = str(element.S)[1:]
        seen = set()
        while s not in STANDARD_TYPES and s in role_map and s not in seen:
            seen.add(s)
            s = role_map[s]
        return s

    def rows_of(table) -> list:
        rows = []
        for kid in _kids(table):
            if kind(kid) != "Caption":  # a table's caption is its first or last child, no row
                rows += _kids(kid) if kind(kid) in ROW_GROUPS else [kid]
        return rows

    def walk(element, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        s = kind(element)
        if s not in STANDARD_TYPES:
            problems.append(f"structure element /{s} is no standard type and not role-mapped to one (7.1)")
        if s == "Figure" and not str(element.get("/Alt") or "").strip():
            problems.append("a /Figure without /Alt (7.3)")
        if s == "Table":
            rows = rows_of(element)
            if not rows or any(kind(r) != "TR" for r in rows):
                problems.append("a /Table whose rows are not /TR elements (7.5)")
            widths = {len([c for c in _kids(r) if kind(c) in ("TH", "TD")]) for r in rows}
            if len(widths) > 1:  # no cell spans rows or columns here: every row has as many cells
                problems.append(f"a /Table with rows of {sorted(widths)} cells (7.5)")
            if not any(kind(c) == "TH" for r in rows[:1] for c in _kids(r)):
                problems.append("a /Table without header cells in its first row (7.5)")
        if s == "TH":
            attributes = element.get("/A")
            scope = attributes.get("/Scope") if isinstance(attributes, pikepdf.Dictionary) else None
            if scope not in ("/Column", "/Row", "/Both"):
                problems.append("a /TH without /Scope (7.5)")
        for kid in _kids(element):
            walk(kid, depth + 1)

    for top in _kids(tree):
        walk(top, 0)
    return problems
