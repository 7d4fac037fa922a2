"""Make the README's screenshots: the review page and the static report, on the samples.

    PYTHONPATH=src .venv/bin/python scripts/screenshots.py [docs/img]

Scans samples/ into a temporary dossier, takes a few decisions as a reviewer would, serves the
review page as ``woopub review`` does and photographs it with Debian's chromium (Playwright, no
browser download), then writes ``woopub report`` and photographs that. The PNGs are reduced to
a 256-colour palette to stay small in the repository.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def _small(path: Path) -> None:
    from PIL import Image

    with Image.open(path) as im:
        im.convert("RGB").quantize(colors=256).save(path, optimize=True)


def main(target: Path) -> None:
    from click.testing import CliRunner
    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    from woopub.cli import main as cli
    from woopub.decide.rules import load_rules
    from woopub.review.server import create_app
    from woopub.review.store import ACCEPTED, NIET_OPENBAAR, REEDS_OPENBAAR, REJECTED, ReviewDossier

    target.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="woopub-shots-"))
    try:
        inputs = work / "in"
        inputs.mkdir()
        for name in ("nota-voortgang-mensenhandel.pdf", "bijlage-contactpersonen.pdf", "email-mensenhandel.pdf"):
            shutil.copy(ROOT / "samples" / name, inputs / name)
        dossier = work / "dossier"
        CliRunner().invoke(cli, ["scan", str(inputs), "--dossier", str(dossier), "--workers", "1"])
        d = ReviewDossier(dossier)
        rows = [r for r in d.proposals() if r["document"] == "nota-voortgang-mensenhandel.pdf"]
        for i, r in enumerate(rows[:6]):  # a review under way: some decided, most still open
            d.decide(r["key"], REJECTED if i == 2 else ACCEPTED, "A. de Vries")
        d.mark("email-mensenhandel.pdf", 0, REEDS_OPENBAAR, "B. Jansen",
               link="https://open.overheid.nl/documenten/voorbeeld-eerder-gepubliceerd")
        d.mark("nota-voortgang-mensenhandel.pdf", 6, NIET_OPENBAAR, "A. de Vries", ground="5.2")
        d.close()
        rules = load_rules()
        app = create_app(dossier, "A. de Vries", {c: g.text for c, g in sorted(rules.grounds.items())})
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        report = work / "rapport"
        CliRunner().invoke(cli, ["report", str(dossier), "--to", str(report)])
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1500, "height": 900})
            page.goto(f"http://127.0.0.1:{server.server_port}/?token={app.config['TOKEN']}")
            page.wait_for_selector("#proposals li")
            page.select_option("#f-doc", "nota-voortgang-mensenhandel.pdf")
            page.wait_for_load_state("networkidle")
            page.keyboard.press("j")
            page.keyboard.press("j")
            page.wait_for_timeout(500)
            page.screenshot(path=str(target / "review-page.png"))
            page.goto(report.joinpath("report.html").as_uri())
            page.set_viewport_size({"width": 1300, "height": 700})
            page.screenshot(path=str(target / "report.png"))
            browser.close()
        server.shutdown()
        for name in ("review-page.png", "report.png"):
            _small(target / name)
            print(target / name, (target / name).stat().st_size, "bytes")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img")
