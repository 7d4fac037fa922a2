"""The dossier outside the server: a static report (HTML + CSV) and a CSV review file
that is exported, edited in a spreadsheet and imported back. Both hold original values:
written 0600, never inside a publication folder."""

from __future__ import annotations

import csv
import html
import io
import os
from pathlib import Path

from woopub.review.store import (
    ACCEPTED, MARKS, PENDING, REJECTED, WHOLE_DOCUMENT, ReviewDossier, StaleEdit,
)

# one file for a spreadsheet: a row per proposal, and a row per document (page 0) and per marked page
# whose "mark" column says "niet openbaar" (with its ground) or "reeds openbaar" (with its link)
CSV_FIELDS = ["key", "version", "document", "page", "entity", "text", "action", "ground", "rule", "score", "status",
              "context", "mark", "link"]
MARK_KEY = "mark"  # the key column of a mark row; a row an officer adds for another page takes it too


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.chmod(path, 0o600)


def mark_rows(dossier: ReviewDossier) -> list[dict]:
    """A row for every document as a whole (page 0) and for every page with a mark; ``version``
    counts the changes to that mark, so an import refuses a row changed by someone else meanwhile."""
    marks = {(m.document, m.page): m for m in dossier.marks()}
    places = sorted({(d["name"], WHOLE_DOCUMENT) for d in dossier.documents()} | set(marks))
    rows = []
    for document, page in places:
        m = marks.get((document, page))
        rows.append({"key": MARK_KEY, "version": len(dossier.audit(_mark_audit_key(document, page))),
                     "document": document, "page": page, "mark": m.mark if m else "",
                     "ground": (m.ground if m else "") or "", "link": (m.link if m else "") or ""})
    return rows


def _mark_audit_key(document: str, page: int) -> str:
    return f"mark:{document}:{page}"


def decisions_csv(dossier: ReviewDossier) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    for r in dossier.proposals():
        w.writerow(dict(r))
    for r in mark_rows(dossier):
        w.writerow(r)
    return buf.getvalue()


def export_decisions(folder: Path, target: Path) -> int:
    d = ReviewDossier(folder)
    try:
        text = decisions_csv(d)
    finally:
        d.close()
    _write_private(target, text)
    return text.count("\n") - 1


def import_decisions(folder: Path, source: Path, reviewer: str) -> tuple[int, list[str]]:
    """Apply the status and ground columns of a review CSV; a row whose proposal changed since
    the export (its version) is refused and named, the others are taken."""
    changed, refused = 0, []
    d = ReviewDossier(folder)
    try:
        current = {r["key"]: r for r in d.proposals()}
        marks = {(r["document"], r["page"]): r for r in mark_rows(d)}
        with open(source, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if (row.get("key") or "").strip() == MARK_KEY:
                    taken, why = _import_mark(d, row, marks, reviewer)
                    changed += taken
                    if why:
                        refused.append(why)
                    continue
                now = current.get(row.get("key", ""))
                if now is None:
                    refused.append(f"{row.get('key')}: no such proposal in this dossier")
                    continue
                status, ground = row["status"].strip(), (row.get("ground") or "").strip() or None
                if status not in (PENDING, ACCEPTED, REJECTED):
                    refused.append(f"{row['key']}: unknown status {status!r}")
                    continue
                if status == now["status"] and ground == now["ground"]:
                    continue
                try:
                    d.decide(row["key"], status, reviewer, int(row["version"]), ground)
                    changed += 1
                except StaleEdit as exc:
                    refused.append(str(exc))
    finally:
        d.close()
    return changed, refused


def _import_mark(d: ReviewDossier, row: dict, marks: dict, reviewer: str) -> tuple[int, str | None]:
    """One mark row: taken when it changes the mark, refused (with why) when it is not valid or the
    mark changed since the export. A row for a page not in the export is a new mark."""
    document = (row.get("document") or "").strip()
    try:
        page = int((row.get("page") or "0").strip() or 0)
    except ValueError:
        return 0, f"mark {document}: page {row.get('page')!r} is not a number"
    mark = (row.get("mark") or "").strip() or None
    ground, link = (row.get("ground") or "").strip() or None, (row.get("link") or "").strip() or None
    if mark is not None and mark not in MARKS:
        return 0, f"mark {document} page {page}: unknown mark {mark!r} (niet openbaar, reeds openbaar or empty)"
    now = marks.get((document, page))
    if now and (now["mark"] or None, now["ground"] or None, now["link"] or None) == (mark, ground, link):
        return 0, None
    if now is None and mark is None:
        return 0, None
    version = (row.get("version") or "").strip()
    if now and version and int(version) != now["version"]:
        return 0, (f"mark {document} page {page} was changed by someone else meanwhile (now "
                   f"{now['mark'] or 'no mark'}): export again and decide again")
    try:
        d.mark(document, page, mark, reviewer, ground, link)
    except KeyError:
        return 0, f"mark {document}: no such document in this dossier"
    except ValueError as exc:
        return 0, f"mark {document} page {page}: {exc}"
    return 1, None


def write_report(folder: Path, target_dir: Path) -> tuple[Path, Path]:
    """report.html and report.csv in ``target_dir`` (0700)."""
    target_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(target_dir, 0o700)
    d = ReviewDossier(folder)
    try:
        rows = d.proposals()
        points = d.open_points()
        decided = sum(r["status"] != PENDING for r in rows)
        parts = [
            "<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>woopub rapport</title>",
            "<style>body{font-family:sans-serif}td,th{border-bottom:1px solid #ddd;padding:.2em .5em;text-align:left}"
            ".pending{background:#ffd}.rejected{background:#dfd}.accepted{background:#eee}</style></head><body>",
            f"<h1>woopub rapport</h1><p>{decided} van {len(rows)} voorstellen besloten; {len(points)} open punt(en).</p>",
        ]
        marks = d.marks()
        if marks:
            parts.append("<h2>Niet openbaar en reeds openbaar</h2><table><tr><th>document</th><th>p.</th>"
                         "<th>beoordeling</th><th>grond</th><th>link</th><th>door</th><th>wanneer</th></tr>")
            for m in marks:
                trail = d.audit(_mark_audit_key(m.document, m.page))
                last = trail[-1] if trail else None
                parts.append(
                    f"<tr class='mark'><td>{html.escape(m.document)}</td><td>{m.page or 'heel document'}</td>"
                    f"<td>{html.escape(m.mark)}</td><td>{html.escape(m.ground or '')}</td>"
                    f"<td>{html.escape(m.link or '')}</td><td>{html.escape(last['reviewer'] if last else '')}</td>"
                    f"<td>{html.escape(last['at'] if last else '')}</td></tr>")
            parts.append("</table>")
        if points:
            parts.append("<h2>Open punten</h2><ul>")
            parts += [f"<li>{html.escape(p.document)}: {html.escape(p.reason)} — {html.escape(p.resolution or 'onopgelost')}</li>"
                      for p in points]
            parts.append("</ul>")
        parts.append("<h2>Voorstellen</h2><table><tr><th>document</th><th>p.</th><th>waarde</th><th>soort</th>"
                     "<th>grond</th><th>regel</th><th>score</th><th>status</th><th>context</th></tr>")
        for r in rows:
            parts.append(
                f"<tr class='{r['status']}'><td>{html.escape(r['document'])}</td><td>{r['page']}</td>"
                f"<td>{html.escape(r['text'])}</td><td>{r['entity']}</td><td>{html.escape(r['ground'] or '')}</td>"
                f"<td>{html.escape(r['rule'])}</td><td>{r['score']:.2f}</td><td>{r['status']}</td>"
                f"<td>{html.escape(r['context'])}</td></tr>")
        parts.append("</table></body></html>")
        page, table = target_dir / "report.html", target_dir / "report.csv"
        _write_private(page, "\n".join(parts))
        _write_private(table, decisions_csv(d))
        return page, table
    finally:
        d.close()
