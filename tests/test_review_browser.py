"""The review page in a real browser (Debian's chromium driven by Playwright): accept, reject,
add by selection, search and drawing, a person dossier-wide, an open point; then apply."""

import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, pdf_text, still_there
from woopub.cli import main
from woopub.review.store import ReviewDossier

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                                reason="Debian's chromium is not installed here (scripts/setup.sh installs it)")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _serve(tmp_path, inputs):
    """Scan ``inputs`` into a dossier and serve its review page as ``woopub review`` does."""
    from werkzeug.serving import make_server

    from woopub.decide.rules import load_rules
    from woopub.reading.passwords import Passwords
    from woopub.review.reread import reread_by_ocr
    from woopub.review.server import create_app
    from woopub.run.executors import Settings

    dossier = tmp_path / "dossier"
    result = CliRunner().invoke(main, ["scan", str(inputs), "--dossier", str(dossier), "--workers", "1"])
    assert result.exit_code == 1, result.output  # one document is an open point
    rules = load_rules()
    grounds = {c: g.text for c, g in rules.grounds.items()}
    settings = Settings(rules, Passwords(None))
    app = create_app(dossier, "Reviewer Anna", grounds,
                     reread=lambda document, who: reread_by_ocr(settings, dossier, document, who))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, {"url": f"http://127.0.0.1:{server.server_port}/?token={app.config['TOKEN']}",
                    "base": f"http://127.0.0.1:{server.server_port}/", "dossier": dossier, "tmp": tmp_path}


@pytest.fixture()
def served(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("bijlage-contactpersonen.pdf", "email-mensenhandel.pdf"):
        shutil.copy(SAMPLES / name, inputs / name)
    (inputs / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj garbage")  # an open point
    server, info = _serve(tmp_path, inputs)
    yield info
    server.shutdown()


@pytest.fixture()
def served_unreadable(tmp_path):
    from type3_letters import type3_letters_pdf

    inputs = tmp_path / "in"
    inputs.mkdir()
    type3_letters_pdf(inputs / "nota.pdf", ["Contactpersoon: Jan de Vries, telefoon 06-41234567.",
                                            "Het project Zonnebloem loopt door tot de zomer."])
    server, info = _serve(tmp_path, inputs)
    yield info
    server.shutdown()


@pytest.fixture()
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1600, "height": 1000})
        yield pg
        browser.close()


def _rows(dossier: Path):
    d = ReviewDossier(dossier)
    try:
        return [dict(r) for r in d.proposals()]
    finally:
        d.close()


def test_page_without_token_is_refused(served, page):
    response = page.goto(served["base"])
    assert response.status == 403


def test_review_cycle_in_the_browser_then_apply(served, page):
    dossier = served["dossier"]
    page.goto(served["url"])
    page.wait_for_selector("#proposals li")
    rows = _rows(dossier)
    redact = [r for r in rows if r["action"] == "redact"]
    # reject one e-mail address: it stays in the published PDF
    email = next(r for r in redact if r["entity"] == "EMAIL")
    page.locator(f'li[data-key="{email["key"]}"] button.reject').click()
    page.wait_for_selector(f'li.rejected[data-key="{email["key"]}"]')
    # accept one phone number by keyboard: j/k move, a accepts
    keys = [li.get_attribute("data-key") for li in page.locator("#proposals li").all()]
    page.keyboard.press("a")
    page.wait_for_selector(f'li.accepted[data-key="{keys[0]}"]')
    # accept every mention of one person at once
    person = next(r for r in redact if r["person"])
    page.locator(f'li[data-key="{person["key"]}"] button.person-accept').click()
    page.wait_for_function(
        "n => [...document.querySelectorAll('#proposals li.accepted')].length >= n",
        arg=sum(r["person"] == person["person"] for r in rows))
    # search a term dossier-wide
    page.fill("#term", "mensenhandel")
    page.select_option("#term-ground", "5.1.2i")
    page.click("#search button")
    page.wait_for_function("() => [...document.querySelectorAll('#proposals li .value')].some(e => e.textContent === 'mensenhandel')")
    # draw a box on the first page of the first document, and select words with shift+drag
    first = page.locator(".page").first
    first.scroll_into_view_if_needed()
    box = first.bounding_box()
    page.mouse.move(box["x"] + 100, box["y"] + 150)
    page.mouse.down()
    page.mouse.move(box["x"] + 300, box["y"] + 200, steps=5)
    page.mouse.up()
    page.wait_for_function("() => document.querySelectorAll('#pages .box.accepted').length > 0")
    page.wait_for_load_state("networkidle")  # the pages are drawn again after each change
    page.wait_for_timeout(300)
    boxes_before = page.locator("#pages .box").count()
    box = page.locator(".page").first.bounding_box()  # the pages were drawn again
    page.keyboard.down("Shift")  # shift+drag selects the words it touches
    page.mouse.move(box["x"] + 120, box["y"] + 330)
    page.mouse.down()
    page.mouse.move(box["x"] + 200, box["y"] + 336, steps=5)
    page.mouse.up()
    page.keyboard.up("Shift")
    page.wait_for_function("n => document.querySelectorAll('#pages .box').length > n", arg=boxes_before)
    # resolve the open point by excluding the broken document
    page.locator('.open[data-document="kapot.pdf"] button.resolve-exclude').click()
    page.wait_for_selector('.open[data-document="kapot.pdf"]:has-text("exclude")')
    # a stale edit is refused with a message
    stale = next(r for r in _rows(dossier) if r["status"] == "pending")
    page.evaluate("""async k => {
        const r = await fetch('api/decide', {method: 'POST', headers: {'Content-Type': 'application/json',
          'X-CSRF-Token': document.body.dataset.csrf}, body: JSON.stringify({key: k.key, status: 'accepted', version: k.version - 1})});
        document.body.dataset.stale = r.status; }""", {"key": stale["key"], "version": stale["version"]})
    assert page.evaluate("document.body.dataset.stale") == "409"
    # a POST without the CSRF header is refused
    status = page.evaluate("""async () => (await fetch('api/decide', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: '{}'})).status""")
    assert status == 403

    after = _rows(dossier)
    drawn = [r for r in after if r["recogniser"] == "reviewer" and r["rule"] == "reviewer" and r["id"].count("#box:")]
    assert len(drawn) == 2, [(r["id"], r["text"]) for r in after if r["recogniser"] == "reviewer"]
    assert all(r["status"] == "accepted" for r in after if r["person"] == person["person"])
    audit = ReviewDossier(dossier).audit()
    assert {a["reviewer"] for a in audit} == {"Reviewer Anna"}

    out = served["tmp"] / "out"
    result = CliRunner().invoke(main, ["apply", str(dossier), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 0, result.output
    text = "".join(pdf_text(p) for p in out.glob("*.pdf"))
    assert email["text"] in text  # rejected: stays
    assert not still_there(person["text"], text)
    assert not (out / "kapot.pdf").exists()
    for r in drawn:
        for word in r["text"].split():
            if len(word) > 3:
                assert not still_there(word, text), word
    log = json.loads((out / "publicatielog.json").read_text())
    assert sum(r["rule"] == "reviewer" for r in log["redactions"]) >= 3
    assert "Anna" not in json.dumps(log)
    # the term searched dossier-wide is gone wherever it stood, inside longer words too
    at = text.lower().find("mensenhandel")
    assert at < 0, "a dossier-wide search hit is still readable after apply: " + text[max(0, at - 40):at + 20]


def test_marks_niet_openbaar_and_reeds_openbaar_through_the_page_then_apply(served, page):
    dossier = served["dossier"]
    link = "https://open.overheid.nl/documenten/voorbeeld"
    page.goto(served["url"])
    page.wait_for_selector("form.mark")
    whole = 'form.mark[data-document="email-mensenhandel.pdf"][data-page="0"]'
    page.select_option(f"{whole} select.mark-kind", "niet openbaar")
    page.select_option(f"{whole} select.mark-ground", "5.1.2i")
    page.click(f"{whole} button.mark-save")
    page.wait_for_selector(f'{whole}[data-mark="niet openbaar"]')
    one = 'form.mark[data-document="bijlage-contactpersonen.pdf"][data-page="1"]'
    page.select_option(f"{one} select.mark-kind", "niet openbaar")
    page.select_option(f"{one} select.mark-ground", "5.1.2e")
    page.click(f"{one} button.mark-save")
    page.wait_for_selector(f'{one}[data-mark="niet openbaar"]')
    # reeds openbaar without a link is refused with a message, with one it is kept
    page.select_option(f"{one} select.mark-kind", "reeds openbaar")
    page.click(f"{one} button.mark-save")
    page.wait_for_function("() => document.getElementById('message').textContent.includes('link')")
    page.select_option(f"{one} select.mark-kind", "reeds openbaar")  # the page was drawn again from the dossier
    page.fill(f"{one} input.mark-link", link)
    page.click(f"{one} button.mark-save")
    page.wait_for_selector(f'{one}[data-mark="reeds openbaar"]')
    d = ReviewDossier(dossier)
    assert [(m.mark, m.link) for m in d.marks() if m.page == 1] == [("reeds openbaar", link)]
    d.close()
    page.select_option(f"{one} select.mark-kind", "niet openbaar")  # the reviewer changes their mind
    page.select_option(f"{one} select.mark-ground", "5.1.2e")
    page.click(f"{one} button.mark-save")
    page.wait_for_selector(f'{one}[data-mark="niet openbaar"]')
    page.locator('.open[data-document="kapot.pdf"] button.resolve-exclude').click()
    page.wait_for_selector('.open[data-document="kapot.pdf"]:has-text("exclude")')
    d = ReviewDossier(dossier)
    marks = {(m.document, m.page): m for m in d.marks()}
    trail = d.audit("mark:email-mensenhandel.pdf:0")
    d.close()
    assert marks[("email-mensenhandel.pdf", 0)].ground == "5.1.2i"
    assert marks[("bijlage-contactpersonen.pdf", 1)].mark == "niet openbaar"
    assert [a["reviewer"] for a in trail] == ["Reviewer Anna"]

    out = served["tmp"] / "out"
    result = CliRunner().invoke(main, ["apply", str(dossier), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 0, result.output
    assert not (out / "email-mensenhandel.pdf").exists()
    import pymupdf

    with pymupdf.open(out / "bijlage-contactpersonen.pdf") as doc:
        words = doc[0].get_text().split()  # the whole page: only ground labels (the page's and its boxes')
    assert "5.1.2e" in words and all(re.fullmatch(r"5\.\d(\.\d[a-z]?)?", w) for w in words), words
    log = json.loads((out / "publicatielog.json").read_text())
    row = next(r for r in log["documents"] if r["document"] == "email-mensenhandel.pdf")
    assert row["status"] == "skipped" and "niet openbaar (5.1.2i)" in row["reason"]
    inventory = (out / "package" / "inventarislijst.csv").read_text()
    assert "niet openbaar,5.1.2i" in inventory and link not in inventory


def test_open_point_answered_by_ocr_through_the_page_then_a_term_read_by_ocr_then_apply(served_unreadable, page):
    """A document whose text cannot be read: "Pagina OCR'en" pictures and reads it, its names are
    proposed, a term that stands only in the OCR'd words is searched and redacted, then apply."""
    import pymupdf

    dossier = served_unreadable["dossier"]
    page.goto(served_unreadable["url"])
    page.wait_for_selector('.open[data-document="nota.pdf"]')
    assert page.locator("#proposals li").count() == 0
    page.locator('.open[data-document="nota.pdf"] button.resolve-ocr').click()
    page.wait_for_function("() => [...document.querySelectorAll('#proposals li .value')].some(e => e.textContent.includes('Vries'))",
                           timeout=240_000)
    assert page.locator(".open").count() == 0  # answered: no longer an open point
    page.fill("#term", "Zonnebloem")
    page.select_option("#term-ground", "5.1.2i")
    page.click("#search button")
    page.wait_for_function("() => [...document.querySelectorAll('#proposals li .value')].some(e => e.textContent === 'Zonnebloem')",
                           timeout=120_000)
    first = page.locator("#proposals li").first.get_attribute("data-key")
    page.keyboard.press("a")  # the OCR'd proposals are decided as any other
    page.wait_for_selector(f'li.accepted[data-key="{first}"]')
    assert {r["text"] for r in _rows(dossier) if r["recogniser"] != "reviewer"} >= {"06-41234567"}
    d = ReviewDossier(dossier)
    assert [a["reviewer"] for a in d.audit("open:nota.pdf")] == ["Reviewer Anna"]
    d.close()
    out = served_unreadable["tmp"] / "out"
    result = CliRunner().invoke(main, ["apply", str(dossier), "--out", str(out), "--accept-pending"])
    assert result.exit_code == 0, result.output
    with pymupdf.open(out / "nota.pdf") as doc:
        read = doc[0].get_textpage_ocr(language="nld", dpi=300, full=True).extractText()
    assert "Vries" not in read and "Zonnebloem" not in read and "zomer" in read
