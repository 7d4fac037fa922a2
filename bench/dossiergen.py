"""Generate Woo-style benchmark dossiers of a given size from the sample genres.

Three genres, as in ``samples/``: notas (running text with a margin
colophon, an "Opgesteld door" line and a paraph table), e-mail chains as
printed from Outlook, and annexes with tables of contact persons. Every
document gets its own invented civil servants (first names and surnames
drawn from deduce's lists), phone numbers, e-mail addresses, BSNs and IBANs,
so detection has real work on every page. Seeded: the same size gives the
same dossier.

    python bench/dossiergen.py 1000 /tmp/dossier-1000
"""

from __future__ import annotations

import html
import random
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pymupdf

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "samples"))
import make_samples  # noqa: E402  (the samples' layout: render(), CSS, the seed nota)

MINISTRIES = [("minjenv.nl", "Justitie en Veiligheid"), ("minvws.nl", "Volksgezondheid, Welzijn en Sport"),
              ("minbzk.nl", "Binnenlandse Zaken en Koninkrijksrelaties"), ("minfin.nl", "Financiën")]
FUNCTIONS = ["beleidsmedewerker", "senior beleidsmedewerker", "juridisch adviseur", "projectleider",
             "coördinator", "afdelingshoofd", "communicatieadviseur", "programmamanager", "onderzoeker"]
ORGS = ["Gemeente Utrecht", "CoMensha", "WODC", "Politie Eenheid Oost-Nederland", "Openbaar Ministerie",
        "Inspectie JenV", "Gemeente Rotterdam", "GGD Haaglanden", "Nationaal Rapporteur"]
INTERFIXES = ["", "", "", "", "van", "de", "van der", "van den", "ter", "El"]


def _names(kind: str) -> list[str]:
    folder = resources.files("deduce").joinpath("data", "lookup", "src", "names", kind)
    words = [w.strip() for w in (folder / "items.txt").read_text("utf-8").splitlines()]
    return sorted(w for w in words if w.isalpha() and 4 <= len(w) <= 11 and w[0].isupper())


@dataclass
class Person:
    given: str
    interfix: str
    surname: str
    function: str
    domain: str

    @property
    def full(self) -> str:
        return " ".join(x for x in (self.given, self.interfix, self.surname) if x)

    @property
    def formal(self) -> str:
        return " ".join(x for x in (f"{self.given[0]}.", self.interfix, self.surname) if x)

    @property
    def outlook(self) -> str:
        return f"{self.surname}, {self.given[0]}. ({self.given}){' ' + self.interfix if self.interfix else ''}"

    @property
    def email(self) -> str:
        return f"{self.given[0].lower()}.{(self.interfix + self.surname).replace(' ', '').lower()}@{self.domain}"


class Invent:
    """Invented persons and numbers, from a seeded random generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.first = _names("lst_first_name")
        self.last = _names("lst_surname")

    def person(self) -> Person:
        r = self.rng
        return Person(r.choice(self.first), r.choice(INTERFIXES), r.choice(self.last), r.choice(FUNCTIONS),
                      r.choice(MINISTRIES)[0])

    def mobile(self) -> str:
        d = f"{self.rng.randrange(10**8):08d}"
        return self.rng.choice([f"06-{d[:4]} {d[4:]}", f"06 {d[:4]} {d[4:]}", f"+31 6 {d[:4]} {d[4:]}"])

    def landline(self) -> str:
        d = f"{self.rng.randrange(10**7):07d}"
        return f"0{self.rng.choice(['70', '30', '10', '20'])} {d[:3]} {d[3:5]} {d[5:]}"

    def bsn(self) -> str:
        while True:
            digits = [self.rng.randrange(10) for _ in range(8)]
            total = sum(d * w for d, w in zip(digits, range(9, 1, -1)))
            last = total % 11
            if last < 10 and digits[0]:
                return "".join(map(str, digits)) + str(last)

    def iban(self) -> str:
        bank = self.rng.choice(["INGB", "RABO", "ABNA", "SNSB"])
        account = f"{self.rng.randrange(10**10):010d}"
        check = 98 - int("".join(str(int(c, 36)) for c in bank + account + "NL00")) % 97
        return f"NL{check:02d} {bank} {account[:4]} {account[4:8]} {account[8:]}"


def _paragraphs() -> list[str]:
    body = make_samples.seed_body()
    return [p for p in body.split("\n") if p.startswith(("<p>", "<ul>")) and len(p) > 120]


def nota(inv: Invent, paragraphs: list[str]) -> tuple[str, callable]:
    r = inv.rng
    author, second, contact = inv.person(), inv.person(), inv.person()
    paras = r.choices(paragraphs, k=r.randint(8, 40))
    parts = ["<h1>nota</h1>", f"<h1>{html.escape(r.choice(['Voortgang', 'Reactie', 'Beantwoording']))} "
             f"dossier {r.randint(1000, 9999)}</h1>",
             f"<p class='small'>Aan: de minister van {MINISTRIES[0][1]}<br>Opgesteld door: mr. {author.formal} "
             f"({author.given}), {author.function}, en {second.full}</p>"]
    for i, p in enumerate(paras):
        parts.append(p)
        if i % 3 == 1:
            x = inv.person()
            parts.append(
                f"<p>Mevrouw {html.escape(x.surname)} heeft dit besproken met {html.escape(inv.person().full)}; "
                f"de heer {html.escape(second.surname)} coördineert de reactie. Vragen kunnen naar "
                f"{html.escape(x.full)} (telefoon {inv.mobile()}, {x.email}).</p>")
    parts.append("<h2>Paraferingen</h2><table><tr><th>Functie</th><th>Naam</th><th>Paraaf</th></tr>")
    for _ in range(r.randint(2, 4)):
        x = inv.person()
        parts.append(f"<tr><td>{x.function.capitalize()}</td><td>{html.escape(x.formal)}</td>"
                     f"<td>{x.given[0]}{x.surname[0]}</td></tr>")
    parts.append("</table>")

    def margin(n: int) -> str:
        first = (f"<p><b>Contactpersoon</b><br>{html.escape(contact.full)}<br>{contact.function}</p>"
                 f"<p>T {inv.landline()}<br>M {inv.mobile()}<br>E {contact.email}</p>" if n == 0 else "")
        return f"<p>{make_samples.DG}</p>{first}<p><b>Onze referentie</b><br>{r.randint(10**6, 10**7)}</p>"

    return "".join(parts), margin


def email_chain(inv: Invent) -> tuple[str, callable]:
    r = inv.rng
    people = [inv.person() for _ in range(r.randint(2, 4))]
    parts = []
    for k in range(r.randint(2, 7)):
        a, b = r.sample(people, 2)
        cc = r.choice(people)
        parts.append(
            f"<p><b>Van:</b> {html.escape(a.outlook)} &lt;{a.email}&gt;<br><b>Verzonden:</b> dinsdag {r.randint(1, 28)} "
            f"juni 2025 {r.randint(8, 18)}:{r.randint(10, 59)}<br><b>Aan:</b> {html.escape(b.outlook)} &lt;{b.email}&gt;"
            f"<br><b>CC:</b> {html.escape(cc.full)} &lt;{cc.email}&gt;<br><b>Onderwerp:</b> RE: afstemming</p>"
            f"<p>Beste {html.escape(b.given)},</p><p>Dank voor je bericht. Kun je {html.escape(inv.person().full)} "
            f"vragen of de cijfers kloppen? Hij is bereikbaar op {inv.mobile()}. De betaling loopt via "
            f"{inv.iban()}; het dossier van de betrokkene (BSN {inv.bsn()}) is bijgevoegd.</p>"
            f"<p>Met vriendelijke groet,</p><p>{html.escape(a.full)}<br>{a.function.capitalize()}<br>"
            f"T {inv.landline()}<br>M {inv.mobile()}</p><p>-----Oorspronkelijk bericht-----</p>")
    return "".join(parts), lambda n: ""


def annex(inv: Invent) -> tuple[str, callable]:
    r = inv.rng
    rows = []
    for _ in range(r.randint(10, 40)):
        x = inv.person()
        rows.append(f"<tr><td>{html.escape(x.full)}</td><td>{r.choice(ORGS)}</td>"
                    f"<td>{inv.mobile()}</td><td>{x.email}</td></tr>")
    body = ("<h1>Bijlage Overzicht contactpersonen</h1><p>Bij de uitvoering zijn de volgende contactpersonen "
            "betrokken.</p><table style='font-size:7pt'><tr><th>Naam</th><th>Organisatie</th><th>Telefoon</th>"
            "<th>E-mail</th></tr>" + "".join(rows) + "</table>")
    return body, lambda n: f"<p>{make_samples.DG}</p>"


def generate(pages: int, folder: Path, seed: int = 1) -> int:
    """Write documents into ``folder`` until they hold at least ``pages`` pages; returns the page count."""
    folder.mkdir(parents=True, exist_ok=True)
    inv = Invent(seed)
    paragraphs = _paragraphs()
    total, n = 0, 0
    while total < pages:
        n += 1
        genre = inv.rng.choices(["nota", "email", "bijlage"], weights=[4, 3, 2])[0]
        body, margin = {"nota": lambda: nota(inv, paragraphs), "email": lambda: email_chain(inv),
                        "bijlage": lambda: annex(inv)}[genre]()
        path = folder / f"{n:05d}-{genre}.pdf"
        make_samples.render(path, body, margin, f"{genre} {n}")
        with pymupdf.open(path) as doc:
            total += doc.page_count
    return total


if __name__ == "__main__":
    size, target = int(sys.argv[1]), Path(sys.argv[2])
    print(f"{generate(size, target)} pages in {target}")
