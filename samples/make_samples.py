"""Build the sample dossier in samples/: three Woo-style PDFs and their truth files.

    python samples/make_samples.py

* nota-voortgang-mensenhandel.pdf  the seed nota (samples/seed/), laid out in
  Rijkshuisstijl: a right-margin colophon on every page (with a contact
  person and T/M/E lines on page 1), an "Opgesteld door" line and a paraph
  table at the end.
* email-mensenhandel.pdf  an e-mail chain as printed from Outlook.
* bijlage-contactpersonen.pdf  an annex with a table of contact persons.

Every person here is invented; the office holders (Kamerleden, ministers)
are those the seed nota names. Each PDF gets a ``.truth.yaml`` beside it:
`redact` lists values that must not survive, `keep` values that must.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pymupdf
import yaml

HERE = Path(__file__).resolve().parent
SEED = HERE / "seed" / "nota-voortgang-samen-tegen-mensenhandel-2025-06-18.txt"
A4 = pymupdf.paper_rect("a4")
BODY = pymupdf.Rect(85, 100, 400, 780)  # Rijkshuisstijl: body left, colophon in the right margin
MARGIN = pymupdf.Rect(445, 100, 570, 780)
CSS = """
body { font-family: sans-serif; font-size: 9.5pt; line-height: 1.35; }
h1 { font-size: 13pt; margin: 0 0 8pt 0; }
h2 { font-size: 10.5pt; margin: 10pt 0 4pt 0; }
p { margin: 0 0 5pt 0; }
ul { margin: 0 0 5pt 0; }
table { border-collapse: collapse; margin-top: 6pt; }
td, th { border: 0.6px solid #444; padding: 2pt 4pt; font-size: 8.5pt; text-align: left; vertical-align: top; }
th { background: #ddd; }
.small { font-size: 8pt; }
"""
MARGIN_CSS = "p { font-family: sans-serif; font-size: 7pt; line-height: 1.3; margin: 0 0 5pt 0; }"

DG = "<b>Directoraat-Generaal Rechtspleging en Rechtshandhaving</b><br>Directie Rechtshandhaving en Criminaliteitsbestrijding<br>Cybercrime en zeden"


def render(path: Path, body_html: str, margin_for_page, title: str) -> None:
    """Flow ``body_html`` over A4 pages; then put the margin colophon beside it."""
    story = pymupdf.Story(html=body_html, user_css=CSS)
    writer = pymupdf.DocumentWriter(str(path))
    more = 1
    while more:
        device = writer.begin_page(A4)
        more, _ = story.place(BODY)
        story.draw(device)
        writer.end_page()
    writer.close()
    doc = pymupdf.open(path)
    for page in doc:
        page.insert_htmlbox(pymupdf.Rect(85, 40, 400, 80), "<p style='font-family:sans-serif;font-size:8pt'>Ministerie van Justitie en Veiligheid</p>")
        page.insert_htmlbox(MARGIN, margin_for_page(page.number), css=MARGIN_CSS)
        page.insert_htmlbox(pymupdf.Rect(445, 800, 570, 820), f"<p style='font-family:sans-serif;font-size:7pt'>Pagina {page.number + 1} van {doc.page_count}</p>")
    doc.set_metadata({"title": title, "author": "Fenna Wijnberg", "creator": "woopub samples"})
    doc.save(path.with_suffix(".tmp"), garbage=3, deflate=True)
    doc.close()
    path.with_suffix(".tmp").replace(path)


def seed_body() -> str:
    """The seed nota as HTML, without the page-header repeats of its text export."""
    text = SEED.read_text("utf-8")
    start = text.index("1. Aanleiding")
    text = text[start:]
    # the repeated colophon blocks of the text export
    text = re.sub(r"\*\*Directoraat-Generaal.*?Onze referentie\s*\n\s*6445182\s*\n", "\n", text, flags=re.S)
    out = []
    for block in re.split(r"\n\s*\n", text):
        block = " ".join(line.strip() for line in block.strip().splitlines())
        if not block:
            continue
        esc = html.escape(block)
        if re.match(r"^\d(\.\d)?\.? [A-Z]", block) and len(block) < 80:
            out.append(f"<h2>{esc}</h2>")
        elif block.startswith("- ") or block.startswith("o "):
            items = re.split(r"\s(?=- |o )", block)
            out.append("<ul>" + "".join(f"<li>{html.escape(i[2:])}</li>" for i in items if i.strip()) + "</ul>")
        elif len(block) < 70 and not block.endswith("."):
            out.append(f"<h2>{esc}</h2>")
        else:
            out.append(f"<p>{esc}</p>")
    return "\n".join(out)


def make_nota() -> dict:
    body = (
        "<h1>nota</h1><h1>Brief voortgang Samen tegen mensenhandel</h1>"
        "<p class='small'>Aan: de minister van Justitie en Veiligheid<br>"
        "Opgesteld door: mr. F. (Fenna) Wijnberg, senior beleidsmedewerker, en Kwame Mensah-Boateng</p>"
        + seed_body()
        + "<p>Mevrouw Wijnberg heeft de inventarisatie besproken met het CKM; de heer Mensah-Boateng "
        "coördineert de reactie op de motie Mutluer. Vragen kunnen ook naar dhr. Ş. (Şükrü) Yıldırım-Bakker "
        "(telefoon 06-1873 4402) of naar het functionele adres postbus.mensenhandel@minjenv.nl.</p>"
        "<h2>Paraferingen</h2>"
        "<table><tr><th>Functie</th><th>Naam</th><th>Paraaf</th><th>Datum</th></tr>"
        "<tr><td>Beleidsmedewerker</td><td>F. Wijnberg</td><td>FW</td><td>12-06-2025</td></tr>"
        "<tr><td>Afdelingshoofd</td><td>drs. A.C. (Anneke) van der Zwaluw</td><td>AvdZ</td><td>13-06-2025</td></tr>"
        "<tr><td>Directeur</td><td>Li Na Chen MSc</td><td>LNC</td><td>16-06-2025</td></tr>"
        "<tr><td>DG</td><td>ir. Youssef El Idrissi</td><td>YEI</td><td>17-06-2025</td></tr>"
        "</table>"
    )

    def margin(n: int) -> str:
        first = (
            "<p>Turfmarkt 147<br>2511 DP Den Haag<br>Postbus 20301<br>2500 EH Den Haag<br>www.rijksoverheid.nl/jenv</p>"
            "<p><b>Contactpersoon</b><br>mr. F. (Fenna) Wijnberg<br>senior beleidsmedewerker</p>"
            "<p>T 070 370 79 11<br>M 06 4829 1730<br>E f.wijnberg@minjenv.nl</p>"
            if n == 0
            else ""
        )
        return f"<p>{DG}</p>{first}<p><b>Datum</b><br>18 juni 2025</p><p><b>Onze referentie</b><br>6445182</p>"

    render(HERE / "nota-voortgang-mensenhandel.pdf", body, margin, "Nota voortgang mensenhandel")
    return {
        "redact": [
            "Fenna Wijnberg", "Wijnberg", "Fenna", "F. Wijnberg", "Kwame Mensah-Boateng", "Mensah-Boateng",
            "Yıldırım-Bakker", "Şükrü", "06-1873 4402", "06 4829 1730", "f.wijnberg@minjenv.nl",
            "van der Zwaluw", "Anneke", "Li Na Chen", "Youssef El Idrissi", "AvdZ", "LNC", "YEI",
        ],
        "keep": [
            "Mutluer", "Bikker", "Tseggai", "Van Nispen", "Ceder", "Boomsma", "Verkuijlen",
            "postbus.mensenhandel@minjenv.nl", "070 370 79 11", "Turfmarkt 147", "Postbus 20301",
            "Nationaal Rapporteur", "Reshape Foundation", "Escapetruck", "Beleidsmedewerker", "Afdelingshoofd",
            "minister van Justitie en Veiligheid", "6445182", "18 juni 2025",
        ],
    }


def make_email() -> dict:
    body = """
<p><b>Van:</b> El Idrissi, Y. (Youssef) &lt;y.elidrissi@minjenv.nl&gt;<br>
<b>Verzonden:</b> dinsdag 10 juni 2025 09:14<br>
<b>Aan:</b> Wijnberg, F. (Fenna) &lt;f.wijnberg@minjenv.nl&gt;<br>
<b>CC:</b> Nguyen Thi Lan &lt;lan.nguyen@minvws.nl&gt;; Postbus DGRR &lt;postbus.dgrr@minjenv.nl&gt;<br>
<b>Onderwerp:</b> RE: reactie motie Boomsma/Van Nispen</p>
<p>Hoi Fenna,</p>
<p>Dank voor het concept. Ik heb het met Lan doorgenomen; VWS kan zich vinden in de passage over de opvang.
De motie Boomsma/Van Nispen vraagt om één centrale financieringsstructuur. Het lid Ceder heeft in het debat
gevraagd naar de B8/3-regeling; minister Van Weel heeft toegezegd daarop terug te komen.
Kun je Tomasz Kowalczyk van de NP vragen of de cijfers kloppen? Hij is bereikbaar op +31 6 2291 5837.</p>
<p>Groet,<br>Youssef</p>
<p>ir. Y. El Idrissi<br>Directeur-Generaal Rechtspleging en Rechtshandhaving<br>Ministerie van Justitie en Veiligheid<br>
M 06 5510 2298<br>y.elidrissi@minjenv.nl</p>
<p>-----Oorspronkelijk bericht-----<br>
<b>Van:</b> Wijnberg, F. (Fenna) &lt;f.wijnberg@minjenv.nl&gt;<br>
<b>Verzonden:</b> maandag 9 juni 2025 16:40<br>
<b>Aan:</b> El Idrissi, Y. (Youssef) &lt;y.elidrissi@minjenv.nl&gt;<br>
<b>Onderwerp:</b> reactie motie Boomsma/Van Nispen</p>
<p>Beste Youssef,</p>
<p>Hierbij het concept voor de voortgangsbrief. Priya Ramdin-Sewnath (OM) heeft de passage over
klantenaanpak aangevuld. De boer op het land en de molenaar in het dorp komen niet in de brief voor;
wel de casus uit Kampen.</p>
<p>Met vriendelijke groet,</p>
<p>Fenna Wijnberg<br>Senior beleidsmedewerker<br>T 070 370 79 11<br>M 06 4829 1730</p>
"""

    def margin(n: int) -> str:
        return ""

    render(HERE / "email-mensenhandel.pdf", body, margin, "RE: reactie motie")
    return {
        "redact": [
            "El Idrissi", "Youssef", "y.elidrissi@minjenv.nl", "Wijnberg", "Fenna", "f.wijnberg@minjenv.nl",
            "Nguyen Thi Lan", "lan.nguyen@minvws.nl", "Lan", "Tomasz Kowalczyk", "+31 6 2291 5837",
            "06 5510 2298", "Priya Ramdin-Sewnath", "06 4829 1730",
        ],
        "keep": [
            "Boomsma", "Van Nispen", "Ceder", "Van Weel", "postbus.dgrr@minjenv.nl", "070 370 79 11",
            "boer", "molenaar", "Kampen", "Ministerie van Justitie en Veiligheid",
        ],
    }


def make_annex() -> dict:
    rows = [
        ("Sevda Öztürk", "Projectleider", "Gemeente Utrecht", "030 286 3412", "s.ozturk@utrecht.nl"),
        ("Marloes de Haan-Veenstra", "Beleidsadviseur", "Ministerie van VWS", "06 1550 8934", "m.dehaan@minvws.nl"),
        ("Chidi Okafor", "Coördinator opvang", "CoMensha", "06-2477 6603", "c.okafor@comensha.nl"),
        ("Postbus Mensenhandel", "Functioneel adres", "Ministerie van JenV", "070 370 79 11", "postbus.mensenhandel@minjenv.nl"),
        ("Bram ter Horst", "Rechercheur", "Politie Eenheid Oost-Nederland", "06-4127 9015", "bram.ter.horst@politie.nl"),
        ("Wei Zhang", "Onderzoeker", "WODC", "070 370 65 81", "w.zhang@wodc.nl"),
    ]
    table = "".join(f"<tr>{''.join(f'<td>{html.escape(c)}</td>' for c in r)}</tr>" for r in rows)
    body = (
        "<h1>Bijlage 2 Overzicht contactpersonen Actieplan</h1>"
        "<p>Bij de uitvoering van het Actieplan Samen tegen mensenhandel zijn de volgende contactpersonen betrokken. "
        "Het overzicht is opgesteld op verzoek van de Kamercommissie Justitie en Veiligheid (motie Tseggai).</p>"
        "<table><tr><th>Naam</th><th>Functie</th><th>Organisatie</th><th>Telefoon</th><th>E-mail</th></tr>"
        + table
        + "</table>"
        "<p>Actiepunten uit het overleg van 4 juni 2025 (aanwezig: SÖ, MdH, CO, BtH; notulist Wei Zhang):</p>"
        "<ul><li>Actie SÖ: inventarisatie opvangplekken Utrecht.</li>"
        "<li>Actie BtH: cijfers vervolging klanten aanleveren (zie motie Tseggai).</li></ul>"
    )

    def margin(n: int) -> str:
        return f"<p>{DG}</p><p><b>Datum</b><br>18 juni 2025</p>"

    render(HERE / "bijlage-contactpersonen.pdf", body, margin, "Bijlage 2 contactpersonen")
    return {
        "redact": [
            "Sevda Öztürk", "030 286 3412", "s.ozturk@utrecht.nl", "Marloes de Haan-Veenstra", "06 1550 8934",
            "m.dehaan@minvws.nl", "Chidi Okafor", "06-2477 6603", "c.okafor@comensha.nl", "Bram ter Horst",
            "06-4127 9015", "bram.ter.horst@politie.nl", "Wei Zhang", "070 370 65 81", "w.zhang@wodc.nl",
            "SÖ", "MdH", "BtH",
        ],
        "keep": [
            "Postbus Mensenhandel", "postbus.mensenhandel@minjenv.nl", "070 370 79 11", "Gemeente Utrecht",
            "Ministerie van VWS", "CoMensha", "WODC", "Tseggai", "Projectleider", "Rechercheur",
        ],
    }


def main() -> None:
    for name, make in (
        ("nota-voortgang-mensenhandel", make_nota),
        ("email-mensenhandel", make_email),
        ("bijlage-contactpersonen", make_annex),
    ):
        truth = make()
        (HERE / f"{name}.truth.yaml").write_text(
            "# What must not survive redaction (redact) and what must stay readable (keep).\n"
            + yaml.safe_dump(truth, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        print(f"wrote samples/{name}.pdf")


if __name__ == "__main__":
    main()
