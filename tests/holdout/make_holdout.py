"""Make the holdout dossier: Woo-style PDFs written by an outside tester.

Run:  python tests/holdout/make_holdout.py      (writes the PDFs and truth files beside this script)

The documents are written the way real Woo dossiers look, not the way a
detector would like them: a beslisnota with its colophon in a header band and
a two-column body, a nota with the colophon on the left, Outlook printouts in
Dutch and English (forwarded chains, "namens", "Achternaam, V. (Voornaam)",
EU-style "SURNAME Firstname (DG)"), minutes with initials in the action list,
contact and attendance tables, two letters to parliament, a WhatsApp export, a
memo with a paraph table, a CJIB decision and a lawyer's letter about
citizens, and a meeting invitation.

Every person is invented, except the ministers, state secretaries, Kamerleden,
an EU commissioner and two mayors, who appear in their public role. Numbers
(phones, BSN, IBAN, licence plates, postcodes) are invented; BSN and IBAN pass
their check digits so they look real to a recogniser.

Each PDF gets ``<name>.truth.yaml``:

  redact:              values that must not be extractable after redaction
    person: [...]      surnames, first names, initials used as short-hand
    email:  [...]      addresses and e-mail local parts written as text
    phone:  [...]
    other:  [...]      BSN, IBAN, date of birth, licence plate, home address
  keep: [...]          values that must stay readable (office holders in their
                       public role, organisations, ordinary words that are also
                       surnames, places, programme and law titles, functional
                       mailboxes, switchboard numbers)

A person's name is listed by its parts (surname, first name), not only as the
full name: a surname left standing beside a blacked-out first name is a leak.
Values are matched case-sensitively on word edges, numbers by their digits
(see tests/conftest.py ``still_there``).
"""

from __future__ import annotations

import html
import io
import re
import textwrap
from pathlib import Path

import pymupdf
import yaml

HERE = Path(__file__).resolve().parent
A4 = pymupdf.paper_rect("a4")
A4_LANDSCAPE = pymupdf.Rect(0, 0, A4.height, A4.width)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian: fonts-dejavu-core
ARCHIVE = pymupdf.Archive(str(FONT_DIR)) if FONT_DIR.is_dir() else pymupdf.Archive()
FONT_FACES = (
    """
@font-face {font-family: dvsans; src: url(DejaVuSans.ttf);}
@font-face {font-family: dvsans; src: url(DejaVuSans-Bold.ttf); font-weight: bold;}
@font-face {font-family: dvcond; src: url(DejaVuSansCondensed.ttf);}
@font-face {font-family: dvcond; src: url(DejaVuSansCondensed-Bold.ttf); font-weight: bold;}
@font-face {font-family: dvserif; src: url(DejaVuSerif.ttf);}
@font-face {font-family: dvserif; src: url(DejaVuSerif-Bold.ttf); font-weight: bold;}
@font-face {font-family: dvmono; src: url(DejaVuSansMono.ttf);}
"""
    if FONT_DIR.is_dir()
    else ""
)
MONO_FILE = FONT_DIR / "DejaVuSansMono.ttf"


# --------------------------------------------------------------------------
# numbers that pass their checks


def bsn(first7: str) -> str:
    """Complete seven digits to a BSN that passes the 11-proef (the first that does)."""
    for tail in range(100):
        digits = f"{first7}{tail:02d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
        if total % 11 == 0:
            return digits
    raise ValueError(f"no BSN completes {first7}")


def iban_nl(bank: str, account: str) -> str:
    """A Dutch IBAN with valid mod-97 check digits, printed in groups of four."""
    raw = bank + account + "NL00"
    check = 98 - int("".join(str(int(c, 36)) for c in raw)) % 97
    s = f"NL{check:02d}{bank}{account}"
    return " ".join(s[i : i + 4] for i in range(0, len(s), 4))


BSN_ADEYEMI = bsn("2734081")
BSN_EMIR = bsn("6192835")
IBAN_ADEYEMI = iban_nl("TRIO", "0391827364")

# --------------------------------------------------------------------------
# rendering helpers


def esc(text: str) -> str:
    """Plain text -> HTML: escaped, line ends kept."""
    return html.escape(text).replace("\n", "<br/>")


def story_doc(body: str, css: str, frames, pagesize=A4) -> pymupdf.Document:
    """Flow ``body`` through ``frames(page_index) -> [Rect, ...]`` (columns filled in order)."""
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    story = pymupdf.Story(body, user_css=FONT_FACES + css, archive=ARCHIVE)
    more, n = True, 0
    while more:
        device = writer.begin_page(pagesize)
        for rect in frames(n):
            more, _ = story.place(rect)
            story.draw(device)
            if not more:
                break
        writer.end_page()
        n += 1
        if n > 20:
            raise RuntimeError("story does not fit")
    writer.close()
    return pymupdf.open("pdf", buf.getvalue())


def htmlbox(page: pymupdf.Page, rect, body: str, css: str = "") -> None:
    spare, scale = page.insert_htmlbox(pymupdf.Rect(rect), body, css=FONT_FACES + css, archive=ARCHIVE, scale_low=1)
    if spare < 0:
        raise RuntimeError(f"text does not fit in {rect}: {body[:60]!r}")


def page_numbers(doc: pymupdf.Document, fmt: str, point, fontsize=7.5, fontname="helv") -> None:
    for i, page in enumerate(doc):
        page.insert_text(point, fmt.format(i + 1, doc.page_count), fontsize=fontsize, fontname=fontname)


def save(doc: pymupdf.Document, name: str, truth: dict, meta: dict | None = None) -> None:
    doc.set_metadata(
        {
            "producer": "holdout",
            "creator": "Microsoft Word",
            "creationDate": "D:20250401090000+01'00'",
            "modDate": "D:20250401090000+01'00'",
            **(meta or {}),
        }
    )
    path = HERE / f"{name}.pdf"
    doc.save(path, garbage=3, deflate=True, no_new_id=True)
    doc.close()
    check_truth(path, truth)
    header = (
        f"# Holdout truth for {name}.pdf, written by hand in make_holdout.py.\n"
        "# redact: values that must not be extractable after redaction, by kind.\n"
        "# keep: values that must stay readable.\n"
    )
    body = yaml.safe_dump({"genre": truth["genre"], "redact": truth["redact"], "keep": truth["keep"]},
                          allow_unicode=True, sort_keys=False, width=120)
    (HERE / f"{name}.truth.yaml").write_text(header + body, "utf-8")


def _present(value: str, text: str) -> bool:
    """The conftest ``still_there`` rule, repeated so this script stands alone."""
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 8 and digits in re.sub(r"\D", "", text):
        return True
    pattern = r"(?<![\w@])" + r"\s*".join(map(re.escape, value.split())) + r"(?![\w@])"
    return re.search(pattern, text) is not None


def check_truth(path: Path, truth: dict) -> None:
    """Every value must be in the PDF as written, and no keep value may contain a redact value."""
    with pymupdf.open(path) as doc:
        text = "\n".join(p.get_text(flags=0) for p in doc)  # ligatures expanded, as woopub reads them
    text = re.sub(r"(\w)-\n(\w)", lambda m: m[1] + ("" if m[2].islower() else "-") + m[2], text)
    redact = [v for vs in truth["redact"].values() for v in vs]
    missing = [v for v in redact + truth["keep"] if not _present(v, text)]
    if missing:
        raise AssertionError(f"{path.name}: not in the PDF: {missing}")
    clashes = [(k, r) for k in truth["keep"] for r in redact if _present(r, k)]
    if clashes:
        raise AssertionError(f"{path.name}: keep value holds a redact value: {clashes}")
    dupes = {v for v in redact if redact.count(v) > 1}
    if dupes:
        raise AssertionError(f"{path.name}: listed twice: {dupes}")


def truth(genre: str, person=(), email=(), phone=(), other=(), keep=()) -> dict:
    return {
        "genre": genre,
        "redact": {"person": list(person), "email": list(email), "phone": list(phone), "other": list(other)},
        "keep": list(keep),
    }


# Rijksoverheid boilerplate (public text)
DISCLAIMER_NL = (
    "Dit bericht kan informatie bevatten die niet voor u is bestemd. Indien u niet de geadresseerde bent of "
    "dit bericht abusievelijk aan u is toegezonden, wordt u verzocht dat aan de afzender te melden en het "
    "bericht te verwijderen. De Staat aanvaardt geen aansprakelijkheid voor schade, van welke aard ook, die "
    "verband houdt met risico's verbonden aan het elektronisch verzenden van berichten."
)
DISCLAIMER_EN = (
    "This message may contain information that is not intended for you. If you are not the addressee or if "
    "this message was sent to you by mistake, you are requested to inform the sender and delete the message. "
    "The State accepts no liability for damage of any kind resulting from the risks inherent in the electronic "
    "transmission of messages."
)
JENV_ADDRESS = "Turfmarkt 147 | 2511 DP | Den Haag\nPostbus 20301 | 2500 EH | Den Haag"


# --------------------------------------------------------------------------
# 1. beslisnota: colophon in a header band, two-column body, header/footer lines


def nota_kopband() -> None:
    css = """
    * {font-family: sans-serif; font-size: 9.5pt; line-height: 1.3;}
    h1 {font-size: 15pt; margin: 0 0 6pt 0;}
    h2 {font-size: 10pt; margin: 8pt 0 2pt 0;}
    p {margin: 0 0 5pt 0; text-align: justify;}
    td {vertical-align: top; padding: 1pt 4pt 1pt 0;}
    li {margin-bottom: 2pt;}
    """
    body = f"""
<h1>Beslisnota</h1>
<table>
<tr><td><b>Aan</b></td><td>de Minister van Justitie en Veiligheid</td></tr>
<tr><td><b>Van</b></td><td>DG Straffen en Beschermen</td></tr>
<tr><td><b>Onderwerp</b></td><td>Voortgangsbrief Veilig Opgroeien in de Wijk en reactie motie-Ellian/Michon-Derkzen</td></tr>
</table>
<h2>1. Aanleiding</h2>
<p>In het commissiedebat Justiti&euml;le jeugd van 12 februari 2025 heeft u de Kamer toegezegd v&oacute;&oacute;r het
zomerreces een voortgangsbrief te sturen over het programma Veilig Opgroeien in de Wijk. Daarnaast vraagt de
motie-Ellian/Michon-Derkzen (Kamerstuk 28 741, nr. 121) om een overzicht van de inzet van jongerenwerkers in de
achttien focusgemeenten. Hierbij ontvangt u de conceptbrief ter ondertekening.</p>
<h2>2. Geadviseerd besluit</h2>
<ul>
<li>Akkoord gaan met de voortgangsbrief (bijlage 1) en deze ondertekenen.</li>
<li>Kennisnemen van de reactie van de gemeente Rotterdam (bijlage 2).</li>
</ul>
<h2>3. Kernpunten</h2>
<ul>
<li>De eerste tranche van &euro; 12,4 miljoen is verdeeld over achttien gemeenten, waaronder Rotterdam, Almere,
Zwolle, Heerlen en Hendrik-Ido-Ambacht.</li>
<li>Staatssecretaris Coenradie heeft ingestemd met de passage over de justiti&euml;le jeugdinrichtingen.</li>
<li>In de brief gaat u ook in op de motie van het lid Mutluer c.s. en op de vragen van de leden Van Nispen en
Ceder over structurele financiering.</li>
<li>Het WODC (Duc Pham) levert in mei de nulmeting op; de brief kondigt die aan.</li>
</ul>
<h2>4. Toelichting</h2>
<p>Uit de gesprekken in Delfshaven blijkt dat jongeren vaak pas in beeld komen als het te laat is.
Jongerenwerker Yonas Tesfamariam van Stichting Jongerenwerk Delfshaven wees erop dat de meeste jongeren die
afglijden al eerder bekend waren bij school of de wijkagent, maar dat die signalen niet bij elkaar komen.
Gemeenten willen de afspraken over gegevensdeling daarom zwart op wit hebben voordat zij verder gaan.</p>
<p>Niet elke gemeente gaat even actief de boer op met het programma. Vier gemeenten hebben de uitvraag nog
niet ingevuld. De VNG benadert deze gemeenten; Tesfamariam heeft aangeboden zijn ervaringen te delen in een
bijeenkomst voor jongerenwerkers in april.</p>
<p>De gemeente Rotterdam (burgemeester Schouten) vraagt in haar reactie om structurele middelen na 2026. De
brief zegt dat toe voor zover de Voorjaarsnota daar ruimte voor biedt; een harde toezegging wordt afgeraden.</p>
<h2>5. Krachtenveld</h2>
<p>Het lid Ellian (VVD) heeft aangekondigd in het debat te vragen naar de resultaten per gemeente. Het lid
Van Nispen (SP) is kritisch over de tijdelijkheid van de middelen. De gemeente Rotterdam en de politie steunen
de lijn van de brief. Het Openbaar Ministerie vraagt aandacht voor de doorlooptijden in jeugdzaken.</p>
<h2>6. Afstemming</h2>
<p>Het concept is afgestemd met het ministerie van VWS (directie Jeugd), het ministerie van SZW, de VNG
(Lotte de Wit), de politie en het Openbaar Ministerie. De juridische toets is gedaan door mr. S. Hoekstra.
Vragen van de pers kunnen worden doorgezet naar postbus.veiligopgroeien@minjenv.nl.</p>
<h2>7. Communicatie</h2>
<p>De brief wordt na verzending gepubliceerd op rijksoverheid.nl. Er is geen persbericht voorzien.</p>
<p><b>Opgesteld door:</b> Kübra<br/>Yıldırım (projectleider), met medewerking van Ilham El Khadiri
(beleidsmedewerker)</p>
"""
    band = pymupdf.Rect(40, 62, A4.width - 40, 168)

    def frames(n):
        top = band.y1 + 18 if n == 0 else 70
        mid = A4.width / 2
        return [pymupdf.Rect(48, top, mid - 10, 780), pymupdf.Rect(mid + 10, top, A4.width - 48, 780)]

    doc = story_doc(body, css, frames)
    small = "* {font-family: sans-serif; font-size: 7pt; line-height: 1.25;} b {font-weight: bold;}"
    for i, page in enumerate(doc):
        page.draw_line((40, 52), (A4.width - 40, 52), color=(0.1, 0.2, 0.45), width=0.8)
        page.insert_text((40, 46), "Ministerie van Justitie en Veiligheid", fontsize=8, fontname="hebo")
        page.insert_text((380, 46), "Beslisnota | Voortgangsbrief VOW", fontsize=7, fontname="helv")
        page.draw_line((40, 800), (A4.width - 40, 800), color=(0.1, 0.2, 0.45), width=0.5)
        page.insert_text((40, 812), "Departementaal vertrouwelijk", fontsize=7, fontname="helv")
        page.insert_text((480, 812), f"Pagina {i + 1} van {doc.page_count}", fontsize=7, fontname="helv")
        if i == 0:
            page.draw_rect(band, color=None, fill=(0.92, 0.94, 0.97))
            w = (band.width - 24) / 3
            cols = [pymupdf.Rect(band.x0 + 8 + k * (w + 4), band.y0 + 6, band.x0 + 8 + k * (w + 4) + w, band.y1 - 4)
                    for k in range(3)]
            htmlbox(page, cols[0], "<b>Directoraat-Generaal Straffen en Beschermen</b><br/>Directie Jeugd, Familie en "
                    "Criminaliteitspreventie<br/>Turfmarkt 147<br/>2511 DP Den Haag<br/>Postbus 20301<br/>"
                    "2500 EH Den Haag<br/>www.rijksoverheid.nl/jenv", small)
            htmlbox(page, cols[1], "<b>Contactpersoon</b><br/>drs. M. van der Heijden<br/>senior beleidsmedewerker<br/>"
                    "T 070 370 79 11<br/>M 06 41 27 83 90<br/>m.vanderheijden@minjenv.nl", small)
            htmlbox(page, cols[2], "<b>Datum</b><br/>4 maart 2025<br/><b>Ons kenmerk</b><br/>6234117<br/>"
                    "<b>Kopie aan</b><br/>Kabinet staatssecretaris", small)
    save(doc, "nota-kopband-tweekoloms", truth(
        "nota",
        person=["Heijden", "Duc", "Pham", "Yonas", "Tesfamariam", "Lotte", "Wit", "Hoekstra", "Kübra", "Yıldırım",
                "Ilham", "El Khadiri"],
        email=["m.vanderheijden@minjenv.nl"],
        phone=["06 41 27 83 90"],
        keep=["Ellian", "Michon-Derkzen", "Coenradie", "Mutluer", "Van Nispen", "Ceder", "Schouten",
              "Minister van Justitie en Veiligheid", "Veilig Opgroeien in de Wijk", "Rotterdam", "Almere", "Zwolle",
              "Heerlen", "Hendrik-Ido-Ambacht", "Delfshaven", "Stichting Jongerenwerk Delfshaven", "zwart op wit",
              "de boer op", "Openbaar Ministerie", "VNG", "WODC", "postbus.veiligopgroeien@minjenv.nl",
              "070 370 79 11", "Turfmarkt 147", "2511 DP Den Haag", "Postbus 20301", "senior beleidsmedewerker",
              "projectleider", "wijkagent", "februari", "maart", "Kamerstuk 28 741", "Voorjaarsnota"],
    ), meta={"title": "Beslisnota voortgangsbrief VOW", "author": "Yıldırım, K. (Kübra)"})


# --------------------------------------------------------------------------
# 2. nota: colophon in a left column, serif body, a sticky note, author in metadata


def nota_colofon_links() -> None:
    css = """
    * {font-family: serif; font-size: 11pt; line-height: 1.35;}
    h1 {font-size: 16pt; font-weight: bold; margin: 0 0 10pt 0;}
    h2 {font-size: 11pt; font-weight: bold; margin: 10pt 0 3pt 0;}
    p {margin: 0 0 6pt 0; text-align: justify;}
    td {vertical-align: top; padding: 1pt 6pt 1pt 0;}
    """
    body = f"""
<h1>Nota</h1>
<table>
<tr><td>Aan</td><td>DG Straffen en Beschermen, t.a.v. mw. mr. R. Soewondo (plv. DG)</td></tr>
<tr><td>Onderwerp</td><td>Woo-verzoek over het programma Veilig Opgroeien in de Wijk: stand van zaken en verdaging</td></tr>
</table>
<h2>Aanleiding</h2>
<p>Op 21 februari 2025 heeft het ministerie een verzoek op grond van de Wet open overheid ontvangen over het programma
Veilig Opgroeien in de Wijk. Het verzoek is ingediend door een journalist van Follow the Money, de heer Tjeerd Postma,
en betreft alle documenten over de verdeling van de eerste tranche over de focusgemeenten.</p>
<h2>Zoekslag</h2>
<p>De zoekslag is uitgevoerd door Baldewsingh en Pham in DigiDoc, Outlook en MS Teams over de periode januari 2024 tot
en met februari 2025. In totaal zijn 1.482 documenten gevonden, waarvan na ontdubbeling 611 documenten binnen de
reikwijdte van het verzoek vallen. De inventarislijst is opgesteld door Baldew-<br/>singh; de beoordeling wordt gedaan
door het Woo-team van de directie.</p>
<h2>Derde-belanghebbenden</h2>
<p>De gemeente Rotterdam, de politie (eenheid Rotterdam) en Stichting Jongerenwerk Delfshaven worden in de gelegenheid
gesteld een zienswijze te geven. De stichting heeft via haar directeur, mevrouw Hilde Mulder, laten weten bezwaar te
hebben tegen openbaarmaking van de namen van jongerenwerkers. Postma is hierover telefonisch ge&iuml;nformeerd.</p>
<h2>Termijn</h2>
<p>De beslistermijn is op 4 april 2025 met vier weken verdaagd (artikel 4.4, tweede lid, Wet open overheid). Het besluit
wordt uiterlijk 2 mei 2025 genomen. Over de verdaging is afgestemd met Hendrik-Jan ter<br/>Horst, directeur JFC.</p>
<h2>Advies</h2>
<p>Kennisnemen van de stand van zaken en instemmen met de voorgestelde planning.</p>
<p><b>Opgesteld door:</b> Anouk in 't Veld, juridisch medewerker Woo-team<br/>
<b>Gezien:</b> H.J. ter Horst, directeur JFC</p>
"""
    left = pymupdf.Rect(40, 150, 150, 800)

    def frames(n):
        return [pymupdf.Rect(175, 120 if n == 0 else 80, A4.width - 60, 790)]

    doc = story_doc(body, css, frames)
    small = "* {font-family: sans-serif; font-size: 7.5pt; line-height: 1.3;} p {margin: 0 0 7pt 0;}"
    for i, page in enumerate(doc):
        page.draw_rect(pymupdf.Rect(A4.width / 2 - 14, 0, A4.width / 2 + 14, 52), color=None, fill=(0.08, 0.2, 0.45))
        page.insert_text((A4.width / 2 + 24, 36), "Ministerie van Justitie\nen Veiligheid", fontsize=9, fontname="tiro")
        page.insert_text((175, 815), f"{i + 1}/{doc.page_count}", fontsize=8, fontname="tiro")
        if i == 0:
            htmlbox(page, left, "<p><b>Directie Jeugd, Familie en Criminaliteitspreventie</b><br/>Afdeling "
                    "Jeugdcriminaliteit</p><p>Turfmarkt 147<br/>2511 DP Den Haag<br/>Postbus 20301<br/>2500 EH Den Haag"
                    "<br/>www.rijksoverheid.nl/jenv</p><p><b>Inlichtingen bij</b><br/>ing. V.R. Baldewsingh<br/>"
                    "informatiemanager<br/>T 070 751 23 84<br/>v.r.baldewsingh@minjenv.nl</p><p><b>Datum</b><br/>"
                    "18 maart 2025</p><p><b>Kenmerk</b><br/>6281903</p><p><b>Bijlagen</b><br/>2</p>", small)
            annot = page.add_text_annot((520, 130), "Graag nog even afstemmen met Kübra voor het debat. HJ")
            annot.set_info(title="Horst, H.J. ter (Hendrik-Jan)")
            annot.update()
    save(doc, "nota-colofon-links", truth(
        "nota",
        person=["Soewondo", "Tjeerd", "Postma", "Baldewsingh", "Pham", "Hilde", "Mulder", "Hendrik-Jan", "Horst",
                "Anouk", "Veld"],
        email=["v.r.baldewsingh@minjenv.nl"],
        phone=["070 751 23 84"],
        keep=["Wet open overheid", "Follow the Money", "DigiDoc", "Outlook", "MS Teams", "Stichting Jongerenwerk Delfshaven",
              "Veilig Opgroeien in de Wijk", "Rotterdam", "directeur JFC", "informatiemanager", "Woo-team", "Postbus 20301",
              "Turfmarkt 147", "4 april 2025", "februari", "journalist"],
    ), meta={"title": "Nota Woo-verzoek VOW", "author": "Baldewsingh, V.R. (Vikash)", "subject": "Woo-verzoek FTM"})


# --------------------------------------------------------------------------
# e-mail printouts


def mail_headers(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td class='l'>{esc(k)}:</td><td>{esc(v)}</td></tr>" for k, v in rows)
    return f"<table class='h'>{cells}</table>"


def mail_body(text: str) -> str:
    return "".join(f"<p>{esc(par)}</p>" for par in text.strip().split("\n\n"))


MAIL_CSS = """
* {font-family: dvcond, sans-serif; font-size: 10pt; line-height: 1.25;}
.owner {font-size: 12pt; font-weight: bold; border-bottom: 1.5pt solid black; padding-bottom: 2pt; margin-bottom: 8pt;}
table.h {margin: 10pt 0 8pt 0;}
td {vertical-align: top; padding: 0 6pt 1pt 0;}
td.l {font-weight: bold; width: 80pt;}
p {margin: 0 0 7pt 0;}
.disc {font-size: 7.5pt; color: #555555;}
hr {margin: 6pt 0;}
"""


def email_outlook_nl() -> None:
    m1 = mail_headers([
        ("Van", "Hoekstra, S. (Sjoerd) <s.hoekstra@minjenv.nl>"),
        ("Verzonden", "woensdag 12 maart 2025 16:47"),
        ("Aan", "Yıldırım, K. (Kübra) <k.yildirim@minjenv.nl>"),
        ("CC", "Heijden, M. van der (Marloes) <m.vanderheijden@minjenv.nl>; Postbus Veilig Opgroeien "
               "<postbus.veiligopgroeien@minjenv.nl>"),
        ("Onderwerp", "RE: reactie gemeente Rotterdam op concept-voortgangsbrief"),
    ])
    b1 = mail_body("""
Hoi Kübra,

Juridisch kunnen we de passage over de gegevensuitwisseling met de politie laten staan, mits we verwijzen naar de Wet politiegegevens. Ik heb dat aangepast in de versie in DigiDoc (0.6). De zin over Okafor's wijkaanpak zou ik wel neutraler maken: de brief moet niet lijken op een beoordeling van één gemeente.

Punt 3 van Rotterdam (het jongerenwerk noemen) lijkt me prima, maar dan zonder namen van jongerenwerkers.

Groet,
Sjoerd

mr. S. (Sjoerd) Hoekstra | Coördinerend jurist | Directie Wetgeving en Juridische Zaken
Ministerie van Justitie en Veiligheid | Turfmarkt 147 | 2511 DP Den Haag
M +31 (0)6 1894 2207 | s.hoekstra@minjenv.nl
Ik werk niet op vrijdag.
""")
    m2 = mail_headers([
        ("Van", "Yıldırım, K. (Kübra) <k.yildirim@minjenv.nl>"),
        ("Verzonden", "woensdag 12 maart 2025 11:02"),
        ("Aan", "Hoekstra, S. (Sjoerd) <s.hoekstra@minjenv.nl>"),
        ("CC", "El Khadiri, I. (Ilham) <i.elkhadiri@minjenv.nl>"),
        ("Onderwerp", "FW: reactie gemeente Rotterdam op concept-voortgangsbrief"),
    ])
    b2 = mail_body("""
Hoi Sjoerd,

Hieronder de reactie van Chukwuemeka (gemeente Rotterdam). Kun jij naar punt 2 kijken? Ilham heeft punt 3 al opgepakt. Minister Van Weel wil de brief uiterlijk 20 maart tekenen: op 26 maart is het commissiedebat, en Kamerlid Ellian en het lid Lahlah hebben al vragen aangekondigd.

Dank!
Kübra

Kübra Yıldırım
Projectleider Veilig Opgroeien in de Wijk
Ministerie van Justitie en Veiligheid
Directoraat-Generaal Straffen en Beschermen
Directie Jeugd, Familie en Criminaliteitspreventie
Turfmarkt 147 | 2511 DP | Den Haag
Postbus 20301 | 2500 EH | Den Haag
.......................................................................
M +31 6 2849 1156
k.yildirim@minjenv.nl
Aanwezig: ma, di, do
""")
    m3 = mail_headers([
        ("Van", "Secretariaat MO <secretariaat.mo@rotterdam.nl> namens Okafor, C.E."),
        ("Verzonden", "dinsdag 11 maart 2025 17:20"),
        ("Aan", "Yıldırım, K. (Kübra) <k.yildirim@minjenv.nl>"),
        ("CC", "Lotte de Wit (VNG) <l.dewit@vng.nl>; 'dmytro.bondarenko@politie.nl'"),
        ("Onderwerp", "reactie gemeente Rotterdam op concept-voortgangsbrief"),
        ("Bijlagen", "Reactie Rotterdam concept-voortgangsbrief.pdf"),
    ])
    b3 = mail_body("""
Beste mevrouw Yıldırım, beste Kübra,

Namens burgemeester Schouten dank voor de gelegenheid om te reageren op de concept-voortgangsbrief. Onze reactie in het kort:

1. De gemeente herkent zich in het beeld van de brief. Wij vragen wel om de cijfers over Rotterdam-Zuid te actualiseren.
2. Over de gegevensuitwisseling tussen wijkteams en politie hebben wij met de heer Bondarenko (Politie Eenheid Rotterdam) werkafspraken gemaakt; wij zien die graag terug in de brief.
3. Wij vragen u in de brief ook het jongerenwerk in Delfshaven te noemen. Contactpersoon daar is Yonas (06 44 87 21 60).

Voor vragen ben ik bereikbaar op 010 - 267 14 93 of mobiel 06 29 11 47 35. Het algemene nummer van de gemeente is 14 010.

Met vriendelijke groet,

C.E. (Chukwuemeka) Okafor
Programmamanager Veilig Opgroeien
Gemeente Rotterdam | Cluster Maatschappelijke Ontwikkeling
Timmerhuis, Halvemaanpassage 1, 3011 AH Rotterdam
""")
    disc_r = ("Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde(n). Verstrekking aan en gebruik door "
              "anderen is niet toegestaan. De gemeente Rotterdam sluit iedere aansprakelijkheid uit die voortvloeit "
              "uit elektronische verzending.")
    body = (f"<div class='owner'>Hoekstra, S. (Sjoerd)</div>{m1}{b1}<p class='disc'>{esc(DISCLAIMER_NL)}</p><hr/>"
            f"{m2}{b2}<p class='disc'>{esc(DISCLAIMER_NL)}</p><hr/>{m3}{b3}<p class='disc'>{esc(disc_r)}</p>")
    doc = story_doc(body, MAIL_CSS, lambda n: [pymupdf.Rect(50, 50, A4.width - 50, 790)])
    page_numbers(doc, "{}", (A4.width / 2, 815), fontsize=9)
    save(doc, "email-outlook-nl-keten", truth(
        "e-mail",
        person=["Hoekstra", "Sjoerd", "Yıldırım", "Kübra", "Heijden", "Marloes", "El Khadiri", "Ilham", "Okafor",
                "Chukwuemeka", "Wit", "Lotte", "Bondarenko", "Yonas"],
        email=["s.hoekstra@minjenv.nl", "k.yildirim@minjenv.nl", "m.vanderheijden@minjenv.nl", "i.elkhadiri@minjenv.nl",
               "l.dewit@vng.nl", "dmytro.bondarenko@politie.nl"],
        phone=["+31 (0)6 1894 2207", "+31 6 2849 1156", "06 44 87 21 60", "010 - 267 14 93", "06 29 11 47 35"],
        keep=["postbus.veiligopgroeien@minjenv.nl", "Postbus Veilig Opgroeien", "secretariaat.mo@rotterdam.nl",
              "Van Weel", "Ellian", "Lahlah", "Schouten", "14 010", "Wet politiegegevens", "Gemeente Rotterdam",
              "Timmerhuis", "Halvemaanpassage 1", "Politie Eenheid Rotterdam", "VNG", "Turfmarkt 147", "DigiDoc",
              "Coördinerend jurist", "Programmamanager", "Delfshaven", "Rotterdam-Zuid", "maart"],
    ))


def email_doorgestuurd() -> None:
    css = MAIL_CSS.replace("dvcond, sans-serif", "dvserif, serif").replace("10pt", "10.5pt")
    m1 = mail_headers([
        ("Van", "Al-Khatib, R. (Rami) <r.al-khatib@minjenv.nl>"),
        ("Verzonden", "maandag 17 maart 2025 08:05"),
        ("Aan", "Kidane, S. (Selam) <s.kidane@minjenv.nl>; Broek, J. van den (Jorien) <j.vandenbroek@minjenv.nl>"),
        ("Onderwerp", "FW: Uitnodiging werkbezoek Zeeland / zorgboerderij"),
        ("Urgentie", "Hoog"),
    ])
    b1 = mail_body("""
Selam, Jorien – ter info. Kunnen jullie samen het programma voorbereiden? Selam neemt de inhoud, Jorien de communicatie. De staatssecretaris wil graag met de jongeren zelf spreken, niet alleen met bestuurders.

Rami
""")
    fwd = mail_body("""
-----Oorspronkelijk bericht-----
Van: Gerrit Boer [mailto:g.boer@zorgboerderijdezeeuwsehoeve.nl]
Verzonden: vrijdag 14 maart 2025 15:31
Aan: JenV Postbus Veilig Opgroeien
Onderwerp: Uitnodiging werkbezoek Zeeland

Geachte heer, mevrouw,

Graag nodigen wij staatssecretaris Coenradie uit voor een werkbezoek aan onze zorgboerderij De Zeeuwse Hoeve in Kapelle. Bij ons werken jongeren uit het leerwerktraject mee op het land: de boer leert ze melken en trekker rijden, en in de keuken leidt een kok ze op tot zelfstandig medewerker. Ook de molenaar van de korenmolen in het dorp doet als vrijwilliger mee.

Wij zouden het op prijs stellen als ook Kamerlid Boswijk (CDA), die vorig jaar bij ons was, aanwezig kan zijn.

Met vriendelijke groet, ook namens mijn vrouw Janneke,

Gerrit Boer
Zorgboer / eigenaar De Zeeuwse Hoeve
06 53 11 90 27

> Op 13 mrt. 2025 om 10:12 heeft Bouma, Wytske <w.bouma@zeeland.nl> het volgende geschreven:
>
> Beste Gerrit,
> Leuk dat jullie de staatssecretaris willen uitnodigen! Stuur je uitnodiging naar postbus.veiligopgroeien@minjenv.nl, dan komt het goed terecht. Noem vooral het leerwerktraject.
> Hartelijke groet,
> Wytske
>
> Provincie Zeeland | team Sociaal Domein | Algemeen nummer (0118) 63 10 11
""")
    body = f"{m1}{b1}<p class='disc'>{esc(DISCLAIMER_NL)}</p>{fwd}"
    doc = story_doc(body, css, lambda n: [pymupdf.Rect(60, 60, A4.width - 60, 780)])
    for i, page in enumerate(doc):
        page.insert_text((60, 40), "Al-Khatib, R. (Rami)", fontsize=9, fontname="tibo")
        page.insert_text((60, 810), f"Afgedrukt op 17-3-2025 08:11 — pagina {i + 1}", fontsize=7, fontname="tiro")
    save(doc, "email-doorgestuurd-werkbezoek", truth(
        "e-mail",
        person=["Al-Khatib", "Rami", "Kidane", "Selam", "Broek", "Jorien", "Gerrit", "Boer", "Janneke", "Bouma", "Wytske"],
        email=["r.al-khatib@minjenv.nl", "s.kidane@minjenv.nl", "j.vandenbroek@minjenv.nl",
               "g.boer@zorgboerderijdezeeuwsehoeve.nl", "w.bouma@zeeland.nl"],
        phone=["06 53 11 90 27"],
        keep=["de boer", "een kok", "de molenaar", "Coenradie", "Boswijk", "De Zeeuwse Hoeve", "Kapelle", "Zeeland",
              "Provincie Zeeland", "postbus.veiligopgroeien@minjenv.nl", "JenV Postbus Veilig Opgroeien",
              "(0118) 63 10 11", "staatssecretaris", "korenmolen", "Zorgboer", "maart"],
    ))


def email_outlook_en() -> None:
    css = MAIL_CSS.replace("dvcond, sans-serif", "dvsans, sans-serif").replace("10pt", "9.5pt")
    m1 = mail_headers([
        ("From", "Heijden, M. van der (Marloes) <m.vanderheijden@minjenv.nl>"),
        ("Sent", "Thursday, 3 April 2025 09:41"),
        ("To", "WOJCIK Agnieszka (HOME) <Agnieszka.WOJCIK@ec.europa.eu>"),
        ("Cc", "Pham, D. (Duc) <d.pham@minjenv.nl>; Oksana Kovalenko <o.kovalenko@eucpn.org>"),
        ("Subject", "RE: EUCPN Best Practice Conference – Dutch contribution"),
    ])
    b1 = mail_body("""
Dear Agnieszka,

Thank you for your message. The Netherlands would be happy to present the Veilig Opgroeien in de Wijk programme at the Best Practice Conference in Warsaw on 11–12 June. My colleague Duc Pham (WODC) will present the baseline measurement. Minister Van Weel will unfortunately not be able to attend; State Secretary Coenradie may record a short video message.

Kind regards,

Marloes van der Heijden
Senior Policy Officer | Ministry of Justice and Security | The Netherlands
M +31 6 4127 8390
""")
    m2 = mail_headers([
        ("From", "WOJCIK Agnieszka (HOME) <Agnieszka.WOJCIK@ec.europa.eu>"),
        ("Sent", "Wednesday, April 2, 2025 5:12 PM"),
        ("To", "Heijden, M. van der (Marloes) <m.vanderheijden@minjenv.nl>"),
        ("Cc", "KOVALENKO Oksana <o.kovalenko@eucpn.org>; HOME-EUCPN <HOME-EUCPN@ec.europa.eu>"),
        ("Subject", "EUCPN Best Practice Conference – Dutch contribution"),
    ])
    b2 = mail_body("""
Dear Ms van der Heijden,

Following our call with Mr Bondarenko and Ms Kovalenko last week, I would like to invite the Netherlands to present its neighbourhood approach at this year's EUCPN Best Practice Conference. Commissioner Brunner has indicated that youth crime prevention will be a priority of the new Internal Security Strategy.

Could you let us know by 10 April who will present?

Best regards,

Agnieszka WÓJCIK
Policy Officer
European Commission
Directorate-General for Migration and Home Affairs (DG HOME)
Unit D.4 – Crime Prevention
B-1049 Brussels/Belgium
+32 2 298 41 17
""")
    m3 = mail_headers([
        ("From", "Oksana Kovalenko <o.kovalenko@eucpn.org>"),
        ("Sent", "28 March 2025 14:03"),
        ("To", "WOJCIK Agnieszka (HOME)"),
        ("Subject", "Dutch contribution?"),
    ])
    b3 = mail_body("""
Hi Agnieszka,

The Dutch colleagues (Marloes and her team) have an interesting programme; Dmytro from the Rotterdam police was very positive about it when we spoke in Lyon. Shall I ask them?

Best,
Oksana

Oksana Kovalenko | EUCPN Secretariat | Brussels | mobile +32 470 12 34 87
""")
    body = (f"<div class='owner'>Heijden, M. van der (Marloes)</div>{m1}{b1}<p class='disc'>{esc(DISCLAIMER_EN)}</p>"
            f"<hr/>{m2}{b2}<hr/>{m3}{b3}")
    doc = story_doc(body, css, lambda n: [pymupdf.Rect(55, 55, A4.width - 55, 790)])
    save(doc, "email-outlook-en", truth(
        "e-mail",
        person=["Heijden", "Marloes", "WOJCIK", "WÓJCIK", "Agnieszka", "Pham", "Duc", "Kovalenko", "KOVALENKO", "Oksana",
                "Bondarenko", "Dmytro"],
        email=["m.vanderheijden@minjenv.nl", "Agnieszka.WOJCIK@ec.europa.eu", "d.pham@minjenv.nl",
               "o.kovalenko@eucpn.org"],
        phone=["+31 6 4127 8390", "+32 2 298 41 17", "+32 470 12 34 87"],
        keep=["HOME-EUCPN@ec.europa.eu", "Van Weel", "Coenradie", "Brunner", "European Commission", "Warsaw", "Lyon",
              "June", "EUCPN", "WODC", "Ministry of Justice and Security", "Veilig Opgroeien in de Wijk",
              "B-1049 Brussels", "Senior Policy Officer", "Policy Officer", "Rotterdam"],
    ))


# --------------------------------------------------------------------------
# minutes


def notulen_stuurgroep() -> None:
    css = """
    * {font-family: sans-serif; font-size: 10pt; line-height: 1.3;}
    h1 {font-size: 14pt; margin: 0 0 8pt 0;}
    h2 {font-size: 10.5pt; margin: 9pt 0 3pt 0;}
    p {margin: 0 0 5pt 0;}
    table.meta td {vertical-align: top; padding: 1pt 8pt 2pt 0;}
    table.acties {border-collapse: collapse; width: 100%;}
    table.acties td, table.acties th {border: 0.6pt solid #444444; padding: 2pt 4pt; vertical-align: top; text-align: left;}
    table.acties th {background-color: #dde3ee;}
    """
    body = """
<h1>Verslag stuurgroep Veilig Opgroeien in de Wijk</h1>
<table class="meta">
<tr><td><b>Datum</b></td><td>donderdag 27 maart 2025, 10.00–12.00 uur</td></tr>
<tr><td><b>Locatie</b></td><td>Turfmarkt 147, zaal 4.12 / MS Teams</td></tr>
<tr><td><b>Aanwezig</b></td><td>drs. H.J. ter Horst (voorzitter, JenV/JFC), K. Yıldırım (JenV), I. El Khadiri (JenV),
mr. dr. A.B. Owusu (OM), C.E. Okafor (gemeente Rotterdam), D. Bondarenko (Politie Eenheid Rotterdam),
Y. Tesfamariam (Stichting Jongerenwerk Delfshaven), L. de Wit (VNG), K. Mensah-Boateng (Halt)</td></tr>
<tr><td><b>Afwezig</b></td><td>mr. S. Hoekstra (JenV), W.J. Lin (Raad voor de Kinderbescherming)</td></tr>
<tr><td><b>Notulist</b></td><td>A. in 't Veld (JenV)</td></tr>
</table>
<h2>1. Opening en mededelingen</h2>
<p>De voorzitter opent de vergadering en heet in het bijzonder Kwame Mensah-Boateng welkom, die namens Halt
aansluit. Mededeling: minister Van Weel heeft de voortgangsbrief op 20 maart ondertekend; het commissiedebat is
verplaatst naar 9 april.</p>
<h2>2. Verslag vorige vergadering (6 februari 2025)</h2>
<p>Het verslag wordt ongewijzigd vastgesteld. Actie 2025-03 (JvdB) staat nog open.</p>
<h2>3. Uitvoering motie-Ellian/Michon-Derkzen</h2>
<p>KY licht de stand van zaken toe: veertien van de achttien gemeenten hebben de uitvraag ingevuld. Okafor merkt op
dat Rotterdam de cijfers over Zuid nog moet aanleveren. Owusu vraagt of het OM in de rapportage apart zichtbaar wordt;
dat is zo. De Wit zegt toe de vier ontbrekende gemeenten te benaderen.</p>
<p>actie: LdW benadert de vier gemeenten vóór 10 april.</p>
<h2>4. Nulmeting WODC</h2>
<p>IEK meldt dat Duc Pham van het WODC de nulmeting in mei oplevert. Bondarenko wijst op het risico dat de
politiecijfers over 2024 niet vergelijkbaar zijn door de nieuwe registratiewijze. Tesfamariam merkt op dat jongeren
in Delfshaven de wijkagent vooral zien als de jager en niet als iemand die helpt; de nulmeting zou ook hun
ervaringen moeten meten.</p>
<h2>5. Werkbezoek staatssecretaris</h2>
<p>Het werkbezoek van staatssecretaris Coenradie aan De Zeeuwse Hoeve in Kapelle vindt plaats op 24 april.
actie: SK bereidt het programma voor, in overleg met de provincie Zeeland.</p>
<h2>6. Rondvraag en sluiting</h2>
<p>Mensah-Boateng vraagt aandacht voor de wachttijden bij Halt in Alphen aan den Rijn en Bergen op Zoom. De
voorzitter sluit de vergadering om 11.50 uur. De volgende vergadering is op donderdag 15 mei 2025.</p>
<h2>Actielijst</h2>
<table class="acties">
<tr><th>nr.</th><th>actie</th><th>wie</th><th>wanneer</th><th>status</th></tr>
<tr><td>2025-03</td><td>Communicatieplan eerste resultaten</td><td>JvdB</td><td>10 april</td><td>loopt</td></tr>
<tr><td>2025-07</td><td>Uitvraag vier ontbrekende gemeenten</td><td>LdW</td><td>10 april</td><td>nieuw</td></tr>
<tr><td>2025-08</td><td>Programma werkbezoek Zeeland</td><td>SK</td><td>14 april</td><td>nieuw</td></tr>
<tr><td>2025-09</td><td>Juridische toets gegevensuitwisseling politie–wijkteams</td><td>SH</td><td>17 april</td><td>nieuw</td></tr>
<tr><td>2025-10</td><td>Planning nulmeting afstemmen met WODC</td><td>IEK / KY</td><td>15 mei</td><td>nieuw</td></tr>
</table>
"""
    doc = story_doc(body, css, lambda n: [pymupdf.Rect(56, 60, A4.width - 56, 785)])
    for i, page in enumerate(doc):
        page.draw_line((56, 795), (A4.width - 56, 795), width=0.4)
        page.insert_text((56, 806), f"Verslag stuurgroep VOW – 27 maart 2025 – pagina {i + 1}/{doc.page_count}",
                         fontsize=7.5, fontname="helv")
    save(doc, "notulen-stuurgroep", truth(
        "notulen",
        person=["Horst", "Yıldırım", "El Khadiri", "Owusu", "Okafor", "Bondarenko", "Tesfamariam", "Wit",
                "Mensah-Boateng", "Kwame", "Hoekstra", "Lin", "Veld", "Duc", "Pham", "JvdB", "KY", "LdW", "IEK", "SK",
                "SH"],
        keep=["Van Weel", "Coenradie", "Ellian", "Michon-Derkzen", "de jager", "wijkagent", "voorzitter", "Halt",
              "Raad voor de Kinderbescherming", "Stichting Jongerenwerk Delfshaven", "Politie Eenheid Rotterdam",
              "Alphen aan den Rijn", "Bergen op Zoom", "De Zeeuwse Hoeve", "Kapelle", "Zeeland", "WODC", "VNG",
              "Turfmarkt 147", "maart", "april", "mei", "donderdag"],
    ))


def notulen_werksessie() -> None:
    css = """
    * {font-family: serif; font-size: 11pt; line-height: 1.35;}
    h1 {font-size: 15pt; font-style: italic; margin: 0 0 4pt 0;}
    .sub {font-size: 10pt; margin-bottom: 10pt;}
    h2 {font-size: 11.5pt; margin: 10pt 0 3pt 0;}
    p {margin: 0 0 6pt 0;}
    li {margin-bottom: 1pt;}
    """
    body = """
<h1>Werksessie ‘Preventie met Gezag’ – verslag</h1>
<div class="sub">Leeuwarden, woensdag 2 april 2025 &middot; gemeentehuis Leeuwarden</div>
<h2>Deelnemers</h2>
<ul>
<li>Durk van der Meulen-Zijlstra (gemeente Leeuwarden, gastheer)</li>
<li>Lina Haddad (ervaringsdeskundige, Stichting Jeugdperspectief Fryslân)</li>
<li>Łukasz Zieliński (Reclassering Nederland)</li>
<li>Shurendy Isenia (JJI Den Hey-Acker)</li>
<li>Anjali Jagroep-Ramcharan (gemeente Den Haag)</li>
<li>Bayu Wicaksono (Nederlands Jeugdinstituut)</li>
<li>Ilham El Khadiri en Selam Kidane (ministerie van Justitie en Veiligheid)</li>
</ul>
<p><b>VERSLAGLEGGING: SELAM KIDANE</b></p>
<h2>1. Welkom</h2>
<p>Durk opent de sessie en schetst de aanpak in Leeuwarden-Oost. Burgemeester Buma heeft de sessie kort bezocht en
onderstreept dat preventie in Fryslân vooral om bestaanszekerheid van gezinnen gaat.</p>
<h2>2. Ervaringen</h2>
<p>Lina vertelt over haar eigen ervaringen als jongere in Leeuwarden-Oost: "Niemand vroeg wat ik nodig had, iedereen
vroeg wat ik gedaan had." Łukasz vult aan dat de reclassering jongeren vaak pas ziet na een eerste veroordeling. Volgens
Shurendy komt een groot deel van de jongeren in Den Hey-Acker uit gezinnen die al jaren bekend zijn bij
hulpverleners. Het Koning Willem I College in Den Bosch werkt met een leerwerkplaats waar een kok jongeren opleidt; de
deelnemers vinden dat een goed voorbeeld.</p>
<h2>3. Wat werkt</h2>
<p>Anjali licht het Haagse sportprogramma toe, dat samen met de Johan Cruijff Foundation wordt uitgevoerd. Bayu deelt
de factsheet van het Nederlands Jeugdinstituut over effectieve interventies. Haddad en Zieliński pleiten voor vaste
gezichten: een jongerenwerker die blijft. De Anne Frank Stichting biedt workshops over discriminatie aan die in de
scholen van Leeuwarden goed worden ontvangen.</p>
<h2>4. Afspraken</h2>
<ul>
<li>actie: SK stuurt het verslag binnen een week rond.</li>
<li>actie: BW deelt de factsheet met alle deelnemers.</li>
<li>actie: DvdM organiseert in juni een vervolgsessie in Leeuwarden; Ilham sluit aan namens JenV.</li>
</ul>
"""
    doc = story_doc(body, css, lambda n: [pymupdf.Rect(70, 70, A4.width - 70, 780)])
    for i, page in enumerate(doc):
        page.insert_text((70, 45), "Preventie met Gezag | werksessie Leeuwarden", fontsize=8, fontname="tiit")
        page.insert_text((A4.width - 90, 812), str(i + 1), fontsize=9, fontname="tiro")
    save(doc, "notulen-werksessie-leeuwarden", truth(
        "notulen",
        person=["Durk", "Meulen", "Zijlstra", "Lina", "Haddad", "Łukasz", "Zieliński", "Shurendy", "Isenia", "Anjali",
                "Jagroep", "Ramcharan", "Bayu", "Wicaksono", "Ilham", "El Khadiri", "Selam", "Kidane", "SELAM", "KIDANE",
                "SK", "BW", "DvdM"],
        keep=["Preventie met Gezag", "Leeuwarden", "Leeuwarden-Oost", "Buma", "Fryslân", "Reclassering Nederland",
              "Nederlands Jeugdinstituut", "Koning Willem I College", "Johan Cruijff Foundation", "Anne Frank Stichting",
              "Den Hey-Acker", "gemeente Den Haag", "Den Bosch", "Stichting Jeugdperspectief Fryslân",
              "ervaringsdeskundige", "een kok", "woensdag", "april", "juni"],
    ))


# --------------------------------------------------------------------------
# annex tables


def bijlage_contactpersonen() -> None:
    css = """
    * {font-family: dvcond, sans-serif; font-size: 8.5pt; line-height: 1.2;}
    h1 {font-size: 12pt; margin: 0 0 4pt 0;}
    p {margin: 0 0 8pt 0;}
    table {border-collapse: collapse;}
    td, th {border: 0.5pt solid #777777; padding: 2pt 3pt; vertical-align: top; text-align: left;}
    th {background-color: #e8e8e8;}
    """
    rows = [
        ("Gemeente Rotterdam", "Chukwuemeka Okafor", "Programmamanager Veilig Opgroeien", "010 - 267 14 93",
         "c.okafor@rotterdam.nl"),
        ("Gemeente Almere", "drs. Anne-Fleur Hoogendoorn-van Rossum", "Beleidsadviseur jeugd", "06-47 20 18 93",
         "a.hoogendoorn@almere.nl"),
        ("Gemeente Zwolle", "Mevr. N. (Nadia) Bennani", "Wijkregisseur", "038 498 22 16", "n.bennani@zwolle.nl"),
        ("Gemeente Heerlen", "Dhr. Hoang Minh Tuan", "Coördinator veiligheid", "045 560 44 12", "tuan.hoang@heerlen.nl"),
        ("Gemeente Hendrik-Ido-Ambacht", "ir. Pieter-Jan de Jager", "Adviseur openbare orde", "078 770 51 00",
         "p.dejager@h-i-ambacht.nl"),
        ("Gemeente Den Haag", "Anjali Jagroep-Ramcharan", "Senior beleidsadviseur", "06 15 92 83 47",
         "anjali.jagroep@denhaag.nl"),
        ("Politie Eenheid Rotterdam", "Dmytro Bondarenko", "Teamchef Rotterdam-Zuid", "06-15 83 02 64",
         "dmytro.bondarenko@politie.nl"),
        ("Openbaar Ministerie", "mr. dr. A.B. Owusu", "Officier van justitie jeugd", "088 699 12 34", "a.b.owusu@om.nl"),
        ("Halt", "Kwame Mensah-Boateng", "Regiomanager", "06 2738 4410", "k.mensahboateng@halt.nl"),
        ("Raad voor de Kinderbescherming", "W.J. Lin", "Teamleider", "088 370 54 21", "wj.lin@rvdk.nl"),
        ("Nederlands Jeugdinstituut", "Bayu Wicaksono", "Adviseur", "030 230 63 44", "b.wicaksono@nji.nl"),
        ("Stichting Jeugdperspectief Fryslân", "Xiaoling Chen", "Teamleider", "058 - 284 90 12",
         "x.chen@jeugdperspectieffryslan.nl"),
        ("Veilig Thuis Rotterdam Rijnmond", "algemeen", "—", "0800-2000", "info@veiligthuisrr.nl"),
        ("Ministerie van Justitie en Veiligheid", "Postbus Veilig Opgroeien", "—", "070 370 79 11",
         "postbus.veiligopgroeien@minjenv.nl"),
    ]
    cells = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    body = f"""
<h1>Bijlage 2 – Contactpersonen focusgemeenten en ketenpartners</h1>
<p>Bij: Voortgangsbrief Veilig Opgroeien in de Wijk (Kamerstuk 28 741). Stand 18 maart 2025.</p>
<table>
<tr><th style="width:110pt">Organisatie</th><th style="width:78pt">Contactpersoon</th><th style="width:90pt">Functie</th>
<th style="width:56pt">Telefoon</th><th>E-mail</th></tr>
{cells}
</table>
"""
    doc = story_doc(body, css, lambda n: [pymupdf.Rect(40, 50, A4.width - 40, 790)])
    page_numbers(doc, "Bijlage 2 – pagina {} van {}", (40, 812))
    save(doc, "bijlage-contactpersonen-focusgemeenten", truth(
        "bijlage-tabel",
        person=["Chukwuemeka", "Okafor", "Anne-Fleur", "Hoogendoorn", "Rossum", "Nadia", "Bennani", "Hoang", "Tuan",
                "Pieter-Jan", "Jager", "Anjali", "Jagroep", "Ramcharan", "Dmytro", "Bondarenko", "Owusu", "Kwame",
                "Mensah-Boateng", "Lin", "Bayu", "Wicaksono", "Xiaoling", "Chen"],
        email=["c.okafor@rotterdam.nl", "a.hoogendoorn@almere.nl", "n.bennani@zwolle.nl", "tuan.hoang@heerlen.nl",
               "p.dejager@h-i-ambacht.nl", "anjali.jagroep@denhaag.nl", "dmytro.bondarenko@politie.nl", "a.b.owusu@om.nl",
               "k.mensahboateng@halt.nl", "wj.lin@rvdk.nl", "b.wicaksono@nji.nl", "x.chen@jeugdperspectieffryslan.nl"],
        phone=["010 - 267 14 93", "06-47 20 18 93", "038 498 22 16", "045 560 44 12", "078 770 51 00", "06 15 92 83 47",
               "06-15 83 02 64", "088 699 12 34", "06 2738 4410", "088 370 54 21", "030 230 63 44", "058 - 284 90 12"],
        keep=["Gemeente Rotterdam", "Gemeente Almere", "Gemeente Zwolle", "Gemeente Heerlen", "Hendrik-Ido-Ambacht",
              "Gemeente Den Haag", "Politie Eenheid Rotterdam", "Openbaar Ministerie", "Halt",
              "Raad voor de Kinderbescherming", "Nederlands Jeugdinstituut", "Stichting Jeugdperspectief Fryslân",
              "Veilig Thuis Rotterdam Rijnmond", "0800-2000", "info@veiligthuisrr.nl", "Postbus Veilig Opgroeien",
              "070 370 79 11", "postbus.veiligopgroeien@minjenv.nl", "Officier van justitie jeugd", "Wijkregisseur",
              "Teamchef Rotterdam-Zuid", "Kamerstuk 28 741", "maart"],
    ))


def bijlage_presentielijst() -> None:
    """A registration-system export: monospace, SURNAME, First name, written with insert_text."""
    doc = pymupdf.open()
    page = doc.new_page(width=A4_LANDSCAPE.width, height=A4_LANDSCAPE.height)
    font = dict(fontname="dvmono", fontfile=str(MONO_FILE)) if MONO_FILE.is_file() else dict(fontname="cour")
    lines = [
        "PRESENTIELIJST  Werksessie Preventie met Gezag  -  Leeuwarden, 02-04-2025",
        "Export aanmeldsysteem Evenementen JenV (Rijksportaal)             blad 1/1",
        "",
        f"{'NAAM':<34}{'ORGANISATIE':<38}{'E-MAIL':<44}AANW.",
        "-" * 121,
        f"{'VAN DER MEULEN-ZIJLSTRA, D.':<34}{'Gemeente Leeuwarden':<38}{'d.vandermeulen@leeuwarden.nl':<44}ja",
        f"{'HADDAD, Lina':<34}{'Stichting Jeugdperspectief Fryslân':<38}{'lina.haddad@jeugdperspectieffryslan.nl':<44}ja",
        f"{'ZIELIŃSKI, Łukasz':<34}{'Reclassering Nederland':<38}{'l.zielinski@reclassering.nl':<44}ja",
        f"{'ISENIA, S.R. (Shurendy)':<34}{'JJI Den Hey-Acker':<38}{'s.isenia@dji.minjus.nl':<44}ja",
        f"{'JAGROEP-RAMCHARAN, A.':<34}{'Gemeente Den Haag':<38}{'anjali.jagroep@denhaag.nl':<44}ja",
        f"{'WICAKSONO, Bayu':<34}{'Nederlands Jeugdinstituut':<38}{'b.wicaksono@nji.nl':<44}ja",
        f"{'CHEN, Xiaoling':<34}{'Stichting Jeugdperspectief Fryslân':<38}{'x.chen@jeugdperspectieffryslan.nl':<44}nee",
        f"{'EL KHADIRI, I.':<34}{'Ministerie van Justitie en Veiligheid':<38}{'i.elkhadiri@minjenv.nl':<44}ja",
        f"{'KIDANE, S.':<34}{'Ministerie van Justitie en Veiligheid':<38}{'s.kidane@minjenv.nl':<44}ja",
        f"{'DE JAGER, P.J.':<34}{'Gemeente Hendrik-Ido-Ambacht':<38}{'p.dejager@h-i-ambacht.nl':<44}nee",
        "",
        "Gasten (niet aangemeld via het systeem):",
        "  - Burgemeester S. Buma, gemeente Leeuwarden (opening)",
        "  - Tweede Kamerlid J. Six Dijkstra (NSC), bij de lunch",
        "",
        "Vragen over deze lijst: evenementen@minjenv.nl",
    ]
    y = 50
    for line in lines:
        page.insert_text((36, y), line, fontsize=8.2, **font)
        y += 13
    save(doc, "bijlage-presentielijst-werksessie", truth(
        "bijlage-tabel",
        person=["MEULEN-ZIJLSTRA", "HADDAD", "Lina", "ZIELIŃSKI", "Łukasz", "ISENIA", "Shurendy", "JAGROEP-RAMCHARAN",
                "WICAKSONO", "Bayu", "CHEN", "Xiaoling", "EL KHADIRI", "KIDANE", "JAGER"],
        email=["d.vandermeulen@leeuwarden.nl", "lina.haddad@jeugdperspectieffryslan.nl", "l.zielinski@reclassering.nl",
               "s.isenia@dji.minjus.nl", "anjali.jagroep@denhaag.nl", "b.wicaksono@nji.nl",
               "x.chen@jeugdperspectieffryslan.nl", "i.elkhadiri@minjenv.nl", "s.kidane@minjenv.nl",
               "p.dejager@h-i-ambacht.nl"],
        keep=["Preventie met Gezag", "Leeuwarden", "Gemeente Leeuwarden", "Stichting Jeugdperspectief Fryslân",
              "Reclassering Nederland", "JJI Den Hey-Acker", "Gemeente Den Haag", "Nederlands Jeugdinstituut",
              "Ministerie van Justitie en Veiligheid", "Gemeente Hendrik-Ido-Ambacht", "Buma", "Six Dijkstra",
              "evenementen@minjenv.nl", "PRESENTIELIJST", "Rijksportaal"],
    ))


# --------------------------------------------------------------------------
# letters to parliament


def kamerbrief_voortgang() -> None:
    css = """
    * {font-family: dvsans, sans-serif; font-size: 9.5pt; line-height: 1.45;}
    p {margin: 0 0 8pt 0;}
    h2 {font-size: 9.5pt; font-style: italic; font-weight: normal; margin: 10pt 0 2pt 0;}
    td {vertical-align: top; padding: 0 30pt 0 0;}
    .fn {font-size: 7pt;}
    """
    body = """
<p>Geachte Voorzitter,</p>
<p>Tijdens het commissiedebat Justitiële jeugd van 12 februari 2025 heb ik uw Kamer, in antwoord op vragen van de
leden Ellian (VVD) en Mutluer (GroenLinks-PvdA), toegezegd u vóór de zomer te informeren over de voortgang van het
programma Veilig Opgroeien in de Wijk. Met deze brief kom ik die toezegging na, mede namens de staatssecretaris van
Justitie en Veiligheid en de staatssecretaris Jeugd, Preventie en Sport.</p>
<p>Met deze brief geef ik ook uitvoering aan de motie-Ellian/Michon-Derkzen (Kamerstuk 28 741, nr. 121) en aan de
motie van het lid Van Nispen over structurele financiering van het jongerenwerk (Kamerstuk 28 741, nr. 124). Ten
slotte ga ik in op de gewijzigde motie van de leden Ceder en Bikker (Kamerstuk 36 600 VI, nr. 37) over de rol van
maatschappelijke organisaties.</p>
<h2>Stand van zaken</h2>
<p>De eerste tranche van € 12,4 miljoen is verdeeld over achttien focusgemeenten, waaronder Rotterdam, Almere,
Zwolle, Heerlen en Hendrik-Ido-Ambacht. In Rotterdam heb ik samen met burgemeester Schouten gesproken met jongeren en
jongerenwerkers in Delfshaven. Een jongerenwerker zei mij: ‘Als je ze niet ziet, zien ze jou ook niet.’ Die
boodschap neem ik mee.</p>
<p>Veertien gemeenten hebben inmiddels gerapporteerd over de inzet van jongerenwerkers. In negen gemeenten werken
jongerenwerkers, wijkagenten en leerplichtambtenaren met een gezamenlijk overzicht van jongeren die dreigen af te
glijden. Het lid Podt (D66) vroeg in het debat naar de privacywaarborgen daarbij; de gemeenten werken met het
convenant dat op 1 maart 2025 met de Autoriteit Persoonsgegevens is besproken.</p>
<h2>Samenwerking</h2>
<p>Het programma werkt samen met de Johan Cruijff Foundation en de Krajicek Foundation aan sportaanbod in de wijk. De
leden Lahlah en Mutluer hebben gevraagd hoe meisjes beter worden bereikt; de Krajicek Foundation zet daarvoor in
vijf gemeenten een speciaal programma op. Het lid Eerdmans (JA21) vroeg naar de inzet van het Openbaar Ministerie bij
jonge aanwervers voor de drugshandel; daarop ga ik in de voortgangsrapportage ondermijning in.</p>
<h2>Justitiële jeugdinrichtingen</h2>
<p>De staatssecretaris van Justitie en Veiligheid informeert uw Kamer voor de zomer over de wijziging van de
Beginselenwet justitiële jeugdinrichtingen. Het WODC levert in mei een nulmeting op, die ik u na ontvangst toestuur.</p>
<h2>Tot slot</h2>
<p>Ik dank de gemeenten, het jongerenwerk, de politie en het Openbaar Ministerie voor hun inzet. Ik informeer uw Kamer
opnieuw in het najaar van 2025.</p>
<table><tr>
<td>De Minister van Justitie en Veiligheid,<br/><br/><br/><br/>D.M. van Weel</td>
<td>De Staatssecretaris van Justitie en Veiligheid,<br/><br/><br/><br/>I. Coenradie</td>
</tr></table>
"""
    body_x0, body_x1, colo_x0 = 80, 410, 440

    def frames(n):
        return [pymupdf.Rect(body_x0, 330 if n == 0 else 110, body_x1, 770)]

    doc = story_doc(body, css, frames)
    small = "* {font-family: dvsans, sans-serif; font-size: 6.8pt; line-height: 1.35;} p {margin: 0 0 6pt 0;}"
    for i, page in enumerate(doc):
        page.draw_rect(pymupdf.Rect(A4.width / 2 - 15, 0, A4.width / 2 + 15, 60), color=None, fill=(0.08, 0.2, 0.45))
        page.insert_text((A4.width / 2 + 24, 40), "Ministerie van Justitie\nen Veiligheid", fontsize=9.5, fontname="helv")
        colo = ("<p><b>Directoraat-Generaal Straffen en Beschermen</b><br/>Directie Jeugd, Familie en "
                "Criminaliteitspreventie</p><p>Turfmarkt 147<br/>2511 DP Den Haag<br/>Postbus 20301<br/>2500 EH Den "
                "Haag<br/>www.rijksoverheid.nl/jenv</p><p><b>Ons kenmerk</b><br/>6254411</p><p><b>Bijlagen</b><br/>2"
                "</p><p>Bij beantwoording de datum en ons kenmerk vermelden. Wilt u slechts één zaak in uw brief "
                "behandelen.</p>" if i == 0 else "<p><b>Directoraat-Generaal Straffen en Beschermen</b></p>"
                "<p><b>Datum</b><br/>20 maart 2025</p><p><b>Ons kenmerk</b><br/>6254411</p>")
        htmlbox(page, (colo_x0, 150 if i == 0 else 110, A4.width - 30, 600), colo, small)
        page.insert_text((colo_x0, 790), f"Pagina {i + 1} van {doc.page_count}", fontsize=6.8, fontname="helv")
        if i == 0:
            page.insert_text((body_x0, 150), "> Retouradres Postbus 20301 2500 EH Den Haag", fontsize=6.5, fontname="helv")
            htmlbox(page, (body_x0, 165, body_x1, 240), "Aan de Voorzitter van de Tweede Kamer<br/>der Staten-Generaal"
                    "<br/>Postbus 20018<br/>2500 EA  DEN HAAG", "* {font-family: dvsans; font-size: 9.5pt;}")
            htmlbox(page, (body_x0, 270, body_x1, 320), "<table><tr><td>Datum</td><td>20 maart 2025</td></tr><tr><td>"
                    "Betreft</td><td>Voortgangsbrief Veilig Opgroeien in de Wijk</td></tr></table>",
                    "* {font-family: dvsans; font-size: 9.5pt;} td {padding: 0 14pt 2pt 0;}")
    save(doc, "kamerbrief-voortgang-vow", truth(
        "kamerbrief",
        keep=["D.M. van Weel", "I. Coenradie", "Ellian", "Mutluer", "Michon-Derkzen", "Van Nispen", "Ceder", "Bikker",
              "Podt", "Lahlah", "Eerdmans", "Schouten", "Johan Cruijff Foundation", "Krajicek Foundation",
              "Tweede Kamer", "Postbus 20018", "Kamerstuk 28 741", "Kamerstuk 36 600 VI", "Delfshaven", "Rotterdam",
              "Almere", "Zwolle", "Heerlen", "Hendrik-Ido-Ambacht", "Beginselenwet justitiële jeugdinrichtingen",
              "Autoriteit Persoonsgegevens", "Openbaar Ministerie", "WODC", "Veilig Opgroeien in de Wijk",
              "De Minister van Justitie en Veiligheid", "GroenLinks-PvdA", "Geachte Voorzitter", "februari", "mei"],
    ))


def kamerbrief_antwoorden() -> None:
    css = """
    * {font-family: dvserif, serif; font-size: 10pt; line-height: 1.4;}
    p {margin: 0 0 7pt 0;}
    .v {font-weight: bold; margin-top: 8pt;}
    """
    qa = [
        ("Vraag 1", "Bent u bekend met het bericht ‘Jongeren maanden op wachtlijst voor jeugdhulp in Almere’ van "
                    "Omroep Flevoland van 5 maart 2025?"),
        ("Antwoord 1", "Ja."),
        ("Vraag 2", "Hoeveel jongeren in Almere wachten op dit moment langer dan de treeknorm op jeugdhulp?"),
        ("Antwoord 2", "Volgens de gemeente Almere wachtten op 1 maart 2025 214 jongeren langer dan negen weken op "
                       "gespecialiseerde jeugdhulp. Landelijke cijfers publiceert het CBS halfjaarlijks."),
        ("Vraag 3", "Bent u bereid in gesprek te gaan met de moeder die in het artikel aan het woord komt?"),
        ("Antwoord 3", "Ik ga niet in op individuele situaties. De gemeente Almere is verantwoordelijk voor de "
                       "toegang tot jeugdhulp en is met de betrokken ouder in gesprek."),
        ("Vraag 4", "Hoe staat het met de uitvoering van de motie-Bikker over wachtlijsten in de jeugdzorg?"),
        ("Antwoord 4", "Over de uitvoering van de motie-Bikker (Kamerstuk 31 839, nr. 1012) heb ik uw Kamer op 17 "
                       "januari 2025 geïnformeerd. Het lid Tielen (VVD) heeft in het commissiedebat gevraagd de "
                       "regionale expertteams daarbij te betrekken; dat gebeurt. Ik heb hierover ook gesproken met "
                       "minister Agema en met de Kinderombudsman."),
    ]
    parts = "".join(f"<p class='v'>{k}</p><p>{esc(v)}</p>" if k.startswith("Vraag") else f"<p><i>{k}</i><br/>{esc(v)}</p>"
                    for k, v in qa)
    body = f"""
<p>Geachte Voorzitter,</p>
<p>Hierbij zend ik u de antwoorden op de vragen van de leden Dobbe (SP) en Paulusma (D66) over wachtlijsten voor
jeugdhulp in Almere (ingezonden 7 maart 2025, kenmerk 2025Z04412).</p>
{parts}
<p>De staatssecretaris Jeugd, Preventie en Sport,<br/><br/><br/>Vincent Karremans</p>
"""
    doc = story_doc(body, css, lambda n: [pymupdf.Rect(72, 250 if n == 0 else 90, 400, 760)])
    small = "* {font-family: dvserif; font-size: 7pt; line-height: 1.35;} p {margin: 0 0 6pt 0;}"
    for i, page in enumerate(doc):
        page.insert_text((72, 50), "Ministerie van Volksgezondheid,\nWelzijn en Sport", fontsize=10, fontname="tibo")
        page.insert_text((72, 790), "CONCEPT v0.3 – opsteller: R. Tjon-A-Fat (VWS/DJ) – niet verspreiden",
                         fontsize=6.5, fontname="tiro")
        if i == 0:
            htmlbox(page, (430, 140, A4.width - 30, 420), "<p><b>Bezoekadres</b><br/>Parnassusplein 5<br/>2511 VX  Den "
                    "Haag<br/>T 070 340 79 11<br/>www.rijksoverheid.nl</p><p><b>Kenmerk</b><br/>4087125-1081455-J</p>"
                    "<p><b>Uw brief</b><br/>2025Z04412</p>", small)
            htmlbox(page, (72, 120, 400, 235), "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal<br/>"
                    "Postbus 20018<br/>2500 EA  DEN HAAG<br/><br/>Datum 8 april 2025<br/>Betreft Antwoorden Kamervragen "
                    "over wachtlijsten jeugdhulp in Almere", "* {font-family: dvserif; font-size: 10pt;}")
        page.insert_text((430, 790), f"Pagina {i + 1} van {doc.page_count}", fontsize=7, fontname="tiro")
    save(doc, "kamerbrief-antwoorden-kamervragen", truth(
        "kamerbrief",
        person=["Tjon-A-Fat"],
        keep=["Vincent Karremans", "Dobbe", "Paulusma", "Bikker", "Tielen", "Agema", "Kinderombudsman", "Almere",
              "Omroep Flevoland", "Parnassusplein 5", "070 340 79 11", "2025Z04412", "Kamerstuk 31 839", "CBS",
              "De staatssecretaris Jeugd, Preventie en Sport", "Ministerie van Volksgezondheid", "maart", "januari"],
    ))


# --------------------------------------------------------------------------
# chat export


def chat_whatsapp() -> None:
    messages = [
        ("06-03-2025 07:52", None, "Berichten en oproepen worden end-to-end versleuteld. Niemand buiten deze chat, "
                                   "zelfs WhatsApp niet, kan ze lezen of beluisteren."),
        ("06-03-2025 07:53", None, "Marloes vd Heijden heeft Kübra, Ilham JenV en +31 6 19 44 28 73 toegevoegd"),
        ("06-03-2025 07:58", "Marloes vd Heijden", "Morgen allen! Stuurgroep is verzet naar 27/3, Hendrik-Jan kan niet "
                                                   "op de 13e"),
        ("06-03-2025 08:02", "Kübra", "Ok, ik pas de planning aan"),
        ("06-03-2025 08:03", "+31 6 19 44 28 73", "Hoi! Dit is Emre, de nieuwe trainee bij JFC. Vanaf maandag ben ik "
                                                  "bij jullie"),
        ("06-03-2025 08:05", "Ilham JenV", "Welkom Emre! Mail je rooster even naar s.hoekstra, dan zet hij je in de "
                                           "juiste Teams-groepen"),
        ("06-03-2025 08:06", "Kübra", "En vraag Vikash om een laptop, hij regelt de accounts"),
        ("06-03-2025 12:41", "Marloes vd Heijden", "Minister wil de brief echt voor het debat. Ellian gaat er zeker naar "
                                                   "vragen"),
        ("06-03-2025 12:44", "Ilham JenV", "Heeft iemand het nummer van Okafor? Zijn mobiel doet het niet"),
        ("06-03-2025 12:45", "Kübra", "06-29114735 zou moeten werken, anders zijn secretariaat via 14 010"),
        ("06-03-2025 12:46", "Ilham JenV", "<Media weggelaten>"),
        ("06-03-2025 15:10", "Marloes vd Heijden", "Graag pas na het debat met de resultaten de boer op, aldus Rami. Dus "
                                                   "nog niks op LinkedIn aub"),
        ("07-03-2025 09:15", "Emre", "Welke versie is leidend, 0.4 of 0.5? Ik zie ook een versie van Selam in DigiDoc"),
        ("07-03-2025 09:16", "Kübra", "0.5! Die van Selam is de oude"),
        ("07-03-2025 09:20", "Marloes vd Heijden", "Dit bericht is verwijderd"),
        ("07-03-2025 17:02", "Kübra", "Fijn weekend allemaal. Maandag ben ik vrij, bij spoed bel me op 06 28 49 11 56"),
        ("10-03-2025 08:30", "Emre", "Goedemorgen! Laptop is binnen, dank Vikash"),
    ]
    doc = pymupdf.open()
    font = dict(fontname="dvmono", fontfile=str(MONO_FILE)) if MONO_FILE.is_file() else dict(fontname="cour")
    lines = ["WhatsApp-chat met Team VOW", "Geëxporteerd op 14-03-2025 (zonder media)", ""]
    for when, who, text in messages:
        line = f"{when} - {who}: {text}" if who else f"{when} - {text}"
        lines += textwrap.wrap(line, 78, subsequent_indent="    ") or [""]
    page, y = None, 0
    for line in lines:
        if page is None or y > 800:
            page, y = doc.new_page(), 50
        page.insert_text((40, y), line, fontsize=9, **font)
        y += 12.5
    save(doc, "chat-whatsapp-team-vow", truth(
        "chat",
        person=["Marloes", "Heijden", "Kübra", "Ilham", "Hendrik-Jan", "Emre", "Vikash", "Okafor", "Rami", "Selam"],
        email=["s.hoekstra"],
        phone=["+31 6 19 44 28 73", "06-29114735", "06 28 49 11 56"],
        keep=["Ellian", "14 010", "DigiDoc", "WhatsApp", "de boer op", "JFC", "Minister", "LinkedIn", "Team VOW",
              "Teams-groepen"],
    ))


# --------------------------------------------------------------------------
# memo with a paraph table


def memo_paraaf() -> None:
    css = """
    * {font-family: dvcond, sans-serif; font-size: 10pt; line-height: 1.3;}
    .bar {background-color: #1f3a68; color: white; font-size: 16pt; font-weight: bold; padding: 6pt 8pt; margin-bottom: 8pt;}
    table.kop td {padding: 1pt 10pt 1pt 0; vertical-align: top;}
    h2 {font-size: 10.5pt; margin: 9pt 0 2pt 0;}
    p {margin: 0 0 5pt 0;}
    table.paraaf {border-collapse: collapse; width: 100%; margin-top: 10pt;}
    table.paraaf td, table.paraaf th {border: 0.7pt solid black; padding: 3pt 4pt; text-align: left; vertical-align: top;}
    """
    body = """
<div class="bar">MEMO</div>
<table class="kop">
<tr><td><b>Aan</b></td><td>plv. DG Straffen en Beschermen</td></tr>
<tr><td><b>Van</b></td><td>afdeling Jeugdcriminaliteit (JFC)</td></tr>
<tr><td><b>Cc</b></td><td>Kabinet staatssecretaris; DCOM</td></tr>
<tr><td><b>Datum</b></td><td>19 maart 2025</td></tr>
<tr><td><b>Onderwerp</b></td><td>Werkbezoek staatssecretaris Coenradie aan Zeeland (24 april 2025)</td></tr>
</table>
<h2>Doel</h2>
<p>De staatssecretaris spreekt met jongeren in het leerwerktraject van zorgboerderij De Zeeuwse Hoeve in Kapelle en
met de gedeputeerde sociaal domein van de provincie Zeeland over de aansluiting tussen zorg, werk en justitie.</p>
<h2>Programma (concept)</h2>
<p>10.00 uur aankomst; ontvangst door de eigenaar, de heer G. Boer, en zijn vrouw.<br/>
10.15 uur rondleiding en gesprek met vier jongeren (zonder pers).<br/>
11.15 uur gesprek met de gedeputeerde en Kamerlid Boswijk (CDA), die heeft laten weten aanwezig te zijn.<br/>
12.00 uur vertrek naar Den Haag.</p>
<h2>Aandachtspunten</h2>
<p>1. De jongeren hebben toestemming gegeven voor het gesprek, niet voor foto's. Jorien van den Broek (DCOM) begeleidt
de fotograaf en zorgt dat er alleen beeld van de staatssecretaris en het bedrijf wordt gemaakt.</p>
<p>2. Vervoer: de dienstauto wordt gereden door dhr. A. Kok; vertrek Turfmarkt 08.15 uur.</p>
<p>3. Beveiliging: de eenheid Bewaken en Beveiligen is geïnformeerd; er zijn geen bijzonderheden.</p>
<table class="paraaf">
<tr><th>Rol</th><th>Naam</th><th>Datum</th><th>Paraaf / akkoord</th></tr>
<tr><td>Opsteller</td><td>S. Kidane</td><td>19-03</td><td>SK</td></tr>
<tr><td>Afdelingshoofd Jeugdcriminaliteit</td><td>R. Al-Khatib</td><td>19-03</td><td>RAK</td></tr>
<tr><td>Directeur JFC</td><td>drs. H.J. ter Horst</td><td>20-03</td><td>akkoord</td></tr>
<tr><td>plv. DG Straffen en Beschermen</td><td>mw. mr. R.A. Soewondo</td><td>20-03</td><td>akkoord, met kanttekening bij punt 3</td></tr>
<tr><td>DCOM</td><td>J. van den Broek</td><td>19-03</td><td>gezien</td></tr>
</table>
"""
    doc = story_doc(body, css, lambda n: [pymupdf.Rect(60, 50, A4.width - 60, 790)])
    page_numbers(doc, "Memo werkbezoek Zeeland  {}/{}", (60, 815), fontsize=7)
    save(doc, "memo-werkbezoek-paraaf", truth(
        "memo",
        person=["Boer", "Broek", "Jorien", "Kok", "Kidane", "SK", "Al-Khatib", "RAK", "Horst", "Soewondo"],
        keep=["Coenradie", "Boswijk", "De Zeeuwse Hoeve", "Kapelle", "Zeeland", "gedeputeerde", "Bewaken en Beveiligen",
              "DCOM", "Afdelingshoofd Jeugdcriminaliteit", "Directeur JFC", "Opsteller", "Turfmarkt", "Den Haag",
              "staatssecretaris", "maart", "april"],
    ))


# --------------------------------------------------------------------------
# letters about citizens


def besluit_cjib() -> None:
    css = """
    * {font-family: sans-serif; font-size: 10pt; line-height: 1.4;}
    p {margin: 0 0 7pt 0;}
    table.g td {padding: 0 12pt 1pt 0; vertical-align: top;}
    """
    body = f"""
<p>Geachte heer Adeyemi,</p>
<p>Op 3 maart 2025 ontvingen wij uw beroep tegen de verkeersboete die is opgelegd voor het voertuig met kenteken
GJ-412-K. De gedraging (snelheidsoverschrijding) is op 14 januari 2025 vastgesteld op de A20 bij Rotterdam. De boete
is opgelegd op grond van de Wet administratiefrechtelijke handhaving verkeersvoorschriften (Wet Mulder).</p>
<p>Uw gegevens zoals bij ons bekend:</p>
<table class="g">
<tr><td>Naam</td><td>Oluwaseun Adebayo Adeyemi</td></tr>
<tr><td>Geboortedatum</td><td>14 augustus 1991</td></tr>
<tr><td>Burgerservicenummer</td><td>{BSN_ADEYEMI[:4]}.{BSN_ADEYEMI[4:6]}.{BSN_ADEYEMI[6:]}</td></tr>
<tr><td>Adres</td><td>Korte Hoogstraat 8 B, 3011 GL Rotterdam</td></tr>
<tr><td>Rekeningnummer</td><td>{IBAN_ADEYEMI}</td></tr>
</table>
<p><b>Beslissing</b><br/>Uw beroep is gegrond. U heeft aangetoond dat niet u, maar de heer Kofi Asante het voertuig op dat
moment bestuurde; hij heeft dat schriftelijk verklaard. De beschikking wordt vernietigd. Het betaalde bedrag van
€ 290,00 storten wij binnen zes weken terug op rekeningnummer {IBAN_ADEYEMI} ten name van O.A. Adeyemi.</p>
<p><b>Niet eens met deze beslissing?</b><br/>Dan kunt u binnen zes weken beroep instellen bij de kantonrechter. Kijk
voor meer informatie op www.cjib.nl.</p>
<p>Met vriendelijke groet,<br/>namens de Minister van Justitie en Veiligheid,<br/><br/><br/>M. Bakırcı<br/>
teamleider Beroep en Bezwaar</p>
"""
    doc = story_doc(body, css, lambda n: [pymupdf.Rect(70, 330 if n == 0 else 90, 420, 780)])
    small = "* {font-family: sans-serif; font-size: 7pt; line-height: 1.35;} p {margin: 0 0 6pt 0;}"
    for i, page in enumerate(doc):
        page.insert_text((70, 55), "Centraal Justitieel Incassobureau", fontsize=11, fontname="hebo")
        page.insert_text((70, 68), "Ministerie van Justitie en Veiligheid", fontsize=8, fontname="helv")
        if i == 0:
            page.insert_text((70, 150), "> Retouradres Postbus 1794 8901 CB Leeuwarden", fontsize=6.5, fontname="helv")
            htmlbox(page, (70, 165, 330, 230), "De heer O.A. Adeyemi<br/>Korte Hoogstraat 8 B<br/>3011 GL  ROTTERDAM",
                    "* {font-family: sans-serif; font-size: 10pt;}")
            htmlbox(page, (70, 270, 420, 320), "<b>Onderwerp</b>&nbsp;&nbsp;Beslissing op uw beroep (Wet Mulder)",
                    "* {font-family: sans-serif; font-size: 10pt;}")
            htmlbox(page, (440, 140, A4.width - 30, 420), "<p><b>Centraal Justitieel Incassobureau</b><br/>Postbus 1794<br/>"
                    "8901 CB Leeuwarden<br/>www.cjib.nl</p><p><b>Datum</b><br/>2 april 2025</p><p><b>Behandeld door</b>"
                    "<br/>M. Bakırcı</p><p><b>Telefoon (algemeen)</b><br/>058 215 69 00</p>", small)
        page.insert_text((440, 800), f"Pagina {i + 1} van {doc.page_count}", fontsize=7, fontname="helv")
    save(doc, "besluit-cjib-beroep-burger", truth(
        "brief-burger",
        person=["Adeyemi", "Oluwaseun", "Adebayo", "Kofi", "Asante", "Bakırcı"],
        other=[BSN_ADEYEMI, IBAN_ADEYEMI, "14 augustus 1991", "GJ-412-K", "Korte Hoogstraat 8 B", "3011 GL"],
        keep=["Wet Mulder", "Centraal Justitieel Incassobureau", "Leeuwarden", "Postbus 1794", "A20", "Rotterdam",
              "Minister van Justitie en Veiligheid", "www.cjib.nl", "058 215 69 00", "teamleider Beroep en Bezwaar",
              "kantonrechter", "januari", "maart", "€ 290,00"],
    ))


def brief_advocaat() -> None:
    css = """
    * {font-family: serif; font-size: 11pt; line-height: 1.4;}
    p {margin: 0 0 8pt 0; text-align: justify;}
    """
    body = f"""
<p>Geachte heer Van Weel,</p>
<p>Namens mijn cliënte, mevrouw Gülşen Aydın-Kılıç (geboren 3 november 1978), wonende aan de Zonnebloemstraat 23-II,
1031 KR Amsterdam, moeder van Emir Aydın (geboren 12-06-2009, BSN {BSN_EMIR}), dien ik hierbij een klacht in over de
gang van zaken rond de plaatsing van haar zoon in JJI Den Hey-Acker te Breda.</p>
<p>Emir verblijft sinds 4 december 2024 in Den Hey-Acker. Cliënte heeft sindsdien meermaals contact gezocht met de
groepsleider, de heer Isenia, en met de inrichtingsjurist, mevrouw M. Trần, maar zij heeft op haar vragen over het
bezoekrecht geen antwoord gekregen. Mevrouw Aydın-Kılıç heeft haar zoon daardoor zes weken niet kunnen zien.</p>
<p>Ik verzoek u de klacht in behandeling te nemen en cliënte binnen zes weken te laten weten welke maatregelen u
neemt. Cliënte is telefonisch bereikbaar op 06 – 1823 4455 en per e-mail via gulsen.aydin78@hotmail.com; u kunt
uiteraard ook contact met mij opnemen.</p>
<p>Een afschrift van deze brief heb ik gezonden aan de Kinderombudsman.</p>
<p>Hoogachtend,<br/><br/><br/>mr. F.Z. Bouchtaoui<br/>advocaat</p>
"""
    doc = story_doc(body, css, lambda n: [pymupdf.Rect(85, 330 if n == 0 else 90, A4.width - 85, 770)])
    for i, page in enumerate(doc):
        if i == 0:
            htmlbox(page, (85, 40, A4.width - 85, 110), "<div style='text-align:center'><span style='font-size:15pt;"
                    "letter-spacing:2pt'>ADVOCATENKANTOOR DE PIJP</span><br/>mr. F.Z. Bouchtaoui &middot; "
                    "f.bouchtaoui@advocatendepijp.nl</div>", "* {font-family: serif; font-size: 9pt;}")
            page.draw_line((85, 112), (A4.width - 85, 112), width=0.6)
            htmlbox(page, (85, 140, 360, 215), "Aan de Minister van Justitie en Veiligheid<br/>t.a.v. de directie Jeugd, "
                    "Familie en Criminaliteitspreventie<br/>Postbus 20301<br/>2500 EH  Den Haag",
                    "* {font-family: serif; font-size: 11pt;}")
            htmlbox(page, (85, 240, A4.width - 85, 320), "Amsterdam, 24 maart 2025<br/>Betreft: klacht plaatsing "
                    "Emir Aydın, JJI Den Hey-Acker<br/>Ons kenmerk: 2025/0381", "* {font-family: serif; font-size: 11pt;}")
    save(doc, "brief-advocaat-klacht-burger", truth(
        "brief-burger",
        person=["Gülşen", "Aydın-Kılıç", "Aydın", "Emir", "Isenia", "Trần", "Bouchtaoui"],
        email=["gulsen.aydin78@hotmail.com", "f.bouchtaoui@advocatendepijp.nl"],
        phone=["06 – 1823 4455"],
        other=["3 november 1978", "Zonnebloemstraat 23-II", "1031 KR", "12-06-2009", BSN_EMIR],
        keep=["Van Weel", "Den Hey-Acker", "Breda", "Amsterdam", "Kinderombudsman", "Postbus 20301",
              "ADVOCATENKANTOOR DE PIJP", "Minister van Justitie en Veiligheid", "inrichtingsjurist", "groepsleider",
              "advocaat", "december", "2025/0381"],
    ))


# --------------------------------------------------------------------------
# meeting invitation


def email_uitnodiging() -> None:
    rows = [
        ("Onderwerp", "Stuurgroep Veilig Opgroeien in de Wijk"),
        ("Locatie", "Turfmarkt 147, zaal 4.12 / Microsoft Teams-vergadering"),
        ("Begin", "do 27-3-2025 10:00"),
        ("Einde", "do 27-3-2025 12:00"),
        ("Status van vergadering", "Geaccepteerd"),
        ("Organisator", "Veld, A. in 't (Anouk)"),
        ("Vereiste deelnemers", "Horst, H.J. ter (Hendrik-Jan); Yıldırım, K. (Kübra); El Khadiri, I. (Ilham); "
                                "'a.b.owusu@om.nl'; Okafor, C.E. <c.okafor@rotterdam.nl>; dmytro.bondarenko@politie.nl; "
                                "Tesfamariam, Y.; l.dewit@vng.nl; Mensah-Boateng, K. (Halt)"),
        ("Optionele deelnemers", "Hoekstra, S. (Sjoerd); Lin, W.J. (RvdK); Postbus Veilig Opgroeien"),
    ]
    body = "<div class='owner'>Heijden, M. van der (Marloes)</div>" + mail_headers(rows) + mail_body("""
Beste allen,

Hierbij de uitnodiging voor de stuurgroep. Agenda en stukken volgen uiterlijk vrijdag via de gedeelde map.

________________________________________________________________________________
Microsoft Teams-vergadering
Deelnemen op uw computer, mobiele app of ruimteapparaat
Vergaderings-ID: 374 118 902 556   Wachtwoord: Xk7pQ2
Of bel in (alleen audio): +31 20 794 8495,,883311240# Nederland, Amsterdam
________________________________________________________________________________

Groet,
Anouk

Anouk in 't Veld | secretaris stuurgroep VOW | M 06.27.31.88.45
""")
    css = MAIL_CSS.replace("width: 80pt", "width: 120pt")
    doc = story_doc(body, css, lambda n: [pymupdf.Rect(50, 50, A4.width - 50, 790)])
    save(doc, "email-uitnodiging-stuurgroep", truth(
        "e-mail",
        person=["Heijden", "Marloes", "Veld", "Anouk", "Horst", "Hendrik-Jan", "Yıldırım", "Kübra", "El Khadiri", "Ilham",
                "Okafor", "Tesfamariam", "Mensah-Boateng", "Hoekstra", "Sjoerd", "Lin"],
        email=["a.b.owusu@om.nl", "c.okafor@rotterdam.nl", "dmytro.bondarenko@politie.nl", "l.dewit@vng.nl"],
        phone=["06.27.31.88.45"],
        keep=["Turfmarkt 147", "Microsoft Teams-vergadering", "Postbus Veilig Opgroeien", "Halt", "RvdK",
              "+31 20 794 8495", "374 118 902 556", "secretaris stuurgroep VOW", "Veilig Opgroeien in de Wijk", "Amsterdam", "vrijdag"],
    ))


DOCUMENTS = [
    nota_kopband, nota_colofon_links, email_outlook_nl, email_doorgestuurd, email_outlook_en, notulen_stuurgroep,
    notulen_werksessie, bijlage_contactpersonen, bijlage_presentielijst, kamerbrief_voortgang, kamerbrief_antwoorden,
    chat_whatsapp, memo_paraaf, besluit_cjib, brief_advocaat, email_uitnodiging,
]


def main() -> None:
    for make in DOCUMENTS:
        make()
    print(f"{len(DOCUMENTS)} holdout documents written to {HERE}")


if __name__ == "__main__":
    main()
