"""The dossier outside the server: a static report (HTML + CSV) and a CSV review file
that is exported, edited in a spreadsheet and imported back. Both hold original values:
written 0600, never inside a publication folder."""

from __future__ import annotations

import csv
import html
import io
import os
from pathlib import Path

from woopub.review.store import ACCEPTED, PENDING, REJECTED, ReviewDossier, StaleEdit

CSV_FIELDS = ["key", "version", "document", "page", "entity", "text", "action", "ground", "rule", "score", "status", "context"]


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.chmod(path, 0o600)


def decisions_csv(dossier: ReviewDossier) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    for r in dossier.proposals():
        w.writerow(dict(r))
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
        with open(source, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
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
