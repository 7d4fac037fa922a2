"""``woopub review``: a local review page over a dossier (Flask: one small, well-kept
dependency that serves a single reviewer's browser; no external assets).

Bound to 127.0.0.1 only; every request carries the random token printed in the URL
(as Jupyter does) and every change also a CSRF token bound to that session.
"""

from __future__ import annotations

import hmac
import json
import secrets
from pathlib import Path

from flask import Flask, Response, abort, jsonify, render_template, request, session

from woopub.review.store import ACCEPTED, PENDING, REJECTED, ReviewDossier, StaleEdit

RENDER_DPI = 110


def create_app(folder: Path, reviewer: str, grounds: dict[str, str], token: str | None = None,
               reread=None) -> Flask:
    """``reread(document, reviewer)``: answers an open point by OCR (``review.reread.reread_by_ocr``
    with the run's settings); without it that answer is refused."""
    app = Flask(__name__, template_folder=str(Path(__file__).parent / "templates"))
    app.config.update(SECRET_KEY=secrets.token_hex(32), SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_HTTPONLY=True)
    app.config["TOKEN"] = token or secrets.token_urlsafe(24)
    cache = Path(folder) / "page-cache"

    def dossier() -> ReviewDossier:
        return ReviewDossier(folder)

    @app.before_request
    def check_token():
        given = request.args.get("token") or request.headers.get("X-Woopub-Token") or session.get("token")
        if not given or not hmac.compare_digest(given, app.config["TOKEN"]):
            abort(403, "this page needs the token woopub review printed")
        session["token"] = given
        session.setdefault("csrf", secrets.token_urlsafe(24))
        if request.method == "POST":
            sent = request.headers.get("X-CSRF-Token", "")
            if not hmac.compare_digest(sent, session["csrf"]):
                abort(403, "missing or wrong CSRF token: reload the page")

    @app.after_request
    def no_external(resp: Response):
        resp.headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Cache-Control"] = "no-store"
        return resp

    @app.get("/")
    def index():
        d = dossier()
        try:
            docs = [dict(r) for r in d.documents()]
        finally:
            d.close()
        return render_template("review.html", docs=docs, csrf=session["csrf"], reviewer=reviewer,
                               grounds=grounds, token=app.config["TOKEN"])

    @app.get("/api/state")
    def state():
        d = dossier()
        try:
            rows = [dict(r) for r in d.proposals()]
            for r in rows:
                r["boxes"] = json.loads(r["boxes"])
                r["evidence"] = json.loads(r["evidence"])
                r["audit"] = [dict(a) for a in d.audit(r["key"])]
            points = [p.__dict__ for p in d.open_points()]
            marks = [dict(m.__dict__, audit=[dict(a) for a in d.audit(f"mark:{m.document}:{m.page}")]) for m in d.marks()]
            return jsonify(proposals=rows, open_points=points, documents=[dict(x) for x in d.documents()],
                           persons=d.persons(), marks=marks)
        finally:
            d.close()

    @app.get("/page/<path:document>/<int:page>.png")
    def page_image(document: str, page: int):
        import fitz

        d = dossier()
        try:
            row = next((r for r in d.documents() if r["name"] == document), None)
        finally:
            d.close()
        if row is None or not (1 <= page <= row["pages"]):
            abort(404)
        cache.mkdir(mode=0o700, exist_ok=True)
        target = cache / f"{row['sha256']}-{page}.png"  # images show the original values: kept in the dossier
        if not target.exists():
            with fitz.open(row["path"]) as doc:
                doc[page - 1].get_pixmap(dpi=RENDER_DPI).save(target)
            target.chmod(0o600)
        return Response(target.read_bytes(), mimetype="image/png")

    def _json():
        return request.get_json(force=True, silent=True) or {}

    @app.post("/api/decide")
    def decide():
        body = _json()
        status = body.get("status")
        if status not in (ACCEPTED, REJECTED, PENDING):
            abort(400, "status must be accepted, rejected or pending")
        d = dossier()
        try:
            version = d.decide(body["key"], status, reviewer, body.get("version"), body.get("ground"))
        except StaleEdit as exc:
            return jsonify(error=str(exc)), 409
        finally:
            d.close()
        return jsonify(version=version)

    @app.post("/api/person")
    def person():
        body = _json()
        d = dossier()
        try:
            rows = [r for r in d.proposals() if r["person"] == body["person"]]
            for r in rows:
                d.decide(r["key"], body["status"], reviewer)
        finally:
            d.close()
        return jsonify(changed=len(rows))

    @app.post("/api/term")
    def term():
        body = _json()
        d = dossier()
        try:
            n = d.add_term(body["term"], body.get("ground") or "5.1.2e", reviewer, body.get("entity"))
        except ValueError as exc:
            return jsonify(error=str(exc)), 400
        finally:
            d.close()
        return jsonify(added=n)

    @app.post("/api/box")
    def box():
        body = _json()
        d = dossier()
        try:
            key = d.add_box(body["document"], int(body["page"]), tuple(float(c) for c in body["rect"]),
                            body.get("ground") or "5.1.2e", reviewer, bool(body.get("words")))
        finally:
            d.close()
        return jsonify(key=key)

    @app.post("/api/mark")
    def mark():
        """A page (1..n) or the whole document (page 0) niet openbaar (with a ground) or reeds
        openbaar (with a link); mark null takes it away."""
        body = _json()
        d = dossier()
        try:
            d.mark(str(body.get("document", "")), int(body.get("page") or 0), body.get("mark") or None, reviewer,
                   body.get("ground"), body.get("link"))
        except (KeyError, ValueError, TypeError) as exc:
            return jsonify(error=str(exc)), 400
        finally:
            d.close()
        return jsonify(ok=True)

    @app.post("/api/open-point")
    def open_point():
        body = _json()
        if body.get("resolution") == "ocr":  # the pages are pictured and read by OCR now (seconds a page)
            from woopub.review.reread import CannotReread

            if reread is None:
                return jsonify(error="OCR is not available in this review session"), 400
            try:
                counts = reread(str(body.get("document", "")), reviewer)
            except (KeyError, CannotReread) as exc:
                return jsonify(error=str(exc)), 400
            return jsonify(ok=True, proposals=counts.get("proposals", 0), open_points=counts.get("open_points", 0))
        d = dossier()
        try:
            d.resolve(body["document"], body["resolution"], reviewer)
        except (KeyError, ValueError) as exc:
            return jsonify(error=str(exc)), 400
        finally:
            d.close()
        return jsonify(ok=True)

    @app.get("/api/audit.csv")
    def audit_csv():
        import csv
        import io

        d = dossier()
        try:
            buf = io.StringIO()
            w = csv.writer(buf)
            w.writerow(["proposal", "reviewer", "at", "before", "after"])
            for a in d.audit():
                w.writerow([a["proposal"], a["reviewer"], a["at"], a["before"], a["after"]])
        finally:
            d.close()
        return Response(buf.getvalue(), mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=audit.csv"})

    return app
