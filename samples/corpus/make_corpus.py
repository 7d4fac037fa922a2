"""Generate woopub's annotated development corpus: plain-text Woo documents with standoff annotations.

    python samples/corpus/make_corpus.py            # writes samples/corpus/docs/
    python samples/corpus/make_corpus.py --check    # regenerates in memory, fails if docs/ differs

Every document ``<name>.txt`` comes with ``<name>.json``: the genre, the date and
the gold spans (start, end, entity, label redact|keep, text, and for persons the
form the name takes and the origin of the invented name). See docs/README.md.

The people are invented: given names and surnames are drawn independently from
the pools below, per origin, so a full name is a random combination; any
combination that equals a real office holder's name is rejected. Office holders
(ministers, state secretaries, Kamerleden) are real and appear only in their
public role, annotated ``keep``.

Adding a genre is one function decorated with ``@genre``; adding a name pool
is one entry in ``ORIGINS``. The random seed is fixed: the output is
byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers

SEED = 20250618
HERE = Path(__file__).resolve().parent
OUT = HERE / "docs"

# --------------------------------------------------------------------------
# Name pools. One entry per origin: given names by gender and surnames.
# A surname may carry a tussenvoegsel ("van der Linden"); a pair "a/b" is a
# surname with a masculine and a feminine form (Polish).
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    weight: int = 1  # how often the pool is drawn from, relative to the others


def _t(s: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in s.split(";") if x.strip())


ORIGINS: dict[str, Origin] = {
    "dutch": Origin(
        _t("Jan; Pieter; Thijs; Bram; Joost; Ruud; Wouter; Maarten; Koen; Roel; Gerrit; Jeroen; Jan Willem; "
           "Hendrik Jan; Sander; Erik; Marco; Bas; Frank; Niels; Jan-Pieter; Diederik; Arjen; Rutger; Jean-Paul; Jan-Willem"),
        _t("Sanne; Marieke; Anouk; Ilse; Lieke; Eline; Evelien; Hanneke; Willemijn; Mirjam; Judith; Annelies; "
           "Carolien; Marloes; Esther; Ingrid; Noor; Femke; Maartje; Anne-Marie; Geertje; Roos; Jolien; Marie-José"),
        _t("Jansen; Bakker; Visser; Smit; Meijer; Mulder; Bos; Vos; Peters; Hendriks; Dekker; Brouwer; Kuipers; "
           "Verhoeven; Willemsen; Vermeulen; Jacobs; Schouten; Kramer; Prins; Hermans; Koster; Verbeek; Timmermans; "
           "de Vries; van Dijk; van der Linden; van den Berg; ter Horst; 't Hart; van 't Hof; de Graaf; in 't Veld; "
           "van der Meer; de Wit; van Leeuwen; de Bruijn; van der Heijden; ten Brink; van Beek; op den Kamp; "
           "Wijnands; Oosterhuis; Groenewegen; van Zanten; de Lange; Roodbeen; Ouwerkerk; van Vliet"), weight=10),
    "frisian": Origin(
        _t("Sjoerd; Hylke; Jelmer; Sietse; Jorrit; Wiebe; Tjeerd; Auke; Douwe; Sybren"),
        _t("Wytske; Tjitske; Froukje; Baukje; Aukje; Sjoukje; Hiske; Janke; Grietje; Lysbeth"),
        _t("Dijkstra; Zijlstra; Hiemstra; Bouma; Terpstra; Feenstra; de Haan; Sikkema; Tjepkema; Hofstra; "
           "Wijbenga; Algra; Kooistra; Brouwer; Rienstra; Bakker; van der Veen"), weight=2),
    "turkish": Origin(
        _t("Mehmet; Emre; Burak; Hakan; Murat; Serkan; Oğuz; Cem; Volkan; Yusuf"),
        _t("Ayşe; Zeynep; Elif; Fatma; Esra; Büşra; Gülşen; Derya; Özlem; Sevgi"),
        _t("Yılmaz; Kaya; Demir; Şahin; Çelik; Öztürk; Aydın; Arslan; Doğan; Koç; Kılıç; Yıldız; Güneş; "
           "Karakuş; Erdoğdu; Özdemir"), weight=2),
    "moroccan": Origin(
        _t("Mohammed; Youssef; Karim; Hamza; Bilal; Said; Redouan; Khalid; Anouar; Mourad"),
        _t("Fatima; Nadia; Samira; Latifa; Imane; Naima; Hanan; Souad; Loubna; Khadija"),
        _t("El Amrani; Benali; Bouzid; El Idrissi; Ait Taleb; Ouali; Azzouzi; Bouhaddou; El Khatib; Amezian; "
           "Tahiri; Ziani; Boukhari; El Ouardi; Achahbar-Saddiki"), weight=2),
    "surinamese": Origin(
        _t("Rishi; Kenneth; Marlon; Errol; Ravi; Sunil; Ricardo; Glenn; Anand; Dwight"),
        _t("Sharon; Chandra; Priya; Shanti; Glenda; Sarita; Jennifer; Roshni; Ursula; Anjali"),
        _t("Ramdin; Sewdien; Kartosen; Pinas; Doelwijt; Biharie; Ramsaran; Wijngaarde; Gajadhar; Soekhoe; "
           "Naarendorp; Kasanmoesdiran; Jadnanansing; Sabajo; Karijodimedjo"), weight=2),
    "antillean": Origin(
        _t("Jurensley; Giandro; Rignald; Dyron; Shurwin; Jeandrick; Quincy; Ruchendley"),
        _t("Shudayra; Naomy; Xiomara; Shurenska; Girigoria; Jomaira; Suhayla; Kimberly"),
        _t("Martina; Isenia; Rosaria; Maduro; Pieternella; Statia; Cijntje; Winklaar; Doran; Janga; Leito; "
           "Cicilia; Mercelina; Zimmerman")),
    "indonesian": Origin(
        _t("Wayan; Budi; Agus; Eddy; Johannes; Ronald; Hendrik; Rudy"),
        _t("Dewi; Sari; Ratna; Wulan; Ineke; Yvonne; Maria; Putri"),
        _t("Tahitu; Latuheru; Pattiasina; Sahetapy; Wattimena; Soplantila; Siahaya; Nanlohy; Sapulette; "
           "Kasiman; Soerjadi; Tuhumury; Matulessy")),
    "chinese": Origin(
        _t("Wei; Jun; Hao; Zhiwei; Kai; Ming; Jian; Bo"),
        _t("Li Na; Mei; Xiaoling; Yan; Lian; Jing; Hui; Xue"),
        _t("Chen; Zhang; Wang; Liu; Lin; Huang; Zhou; Wu; Tjoa; Tan; Lie; Cheung; Chan; Xu")),
    "vietnamese": Origin(
        _t("Minh; Quang; Duc; Tuan; Hung; Van Long; Khanh"),
        _t("Thi Lan; Huong; Ngoc; Thu Trang; Hoa; Mai Anh; Linh"),
        _t("Nguyen; Tran; Le; Pham; Hoang; Vu; Dang; Bui; Do; Ngo; Duong")),
    "polish": Origin(
        _t("Piotr; Tomasz; Krzysztof; Paweł; Marek; Łukasz; Grzegorz; Wojciech"),
        _t("Katarzyna; Agnieszka; Magdalena; Joanna; Małgorzata; Monika; Ewelina; Aleksandra"),
        _t("Kowalski/Kowalska; Nowak; Wiśniewski/Wiśniewska; Wójcik; Kamiński/Kamińska; "
           "Lewandowski/Lewandowska; Zieliński/Zielińska; Szymański/Szymańska; Dąbrowski/Dąbrowska; "
           "Grabowski/Grabowska; Pawlak; Michalak; Król")),
    "ghanaian": Origin(
        _t("Kwame; Kofi; Yaw; Kwabena; Kwesi; Kojo; Fiifi"),
        _t("Akosua; Ama; Abena; Efua; Adwoa; Akua; Esi"),
        _t("Mensah; Owusu; Boateng; Asante; Osei; Appiah; Agyeman; Darko; Ofori; Amoako; Antwi; Nkansah")),
    "nigerian": Origin(
        _t("Chidi; Emeka; Oluwaseun; Tunde; Ikenna; Babajide; Obinna"),
        _t("Ngozi; Adaeze; Funmilayo; Chiamaka; Yetunde; Ifeoma; Folake"),
        _t("Okafor; Adeyemi; Nwosu; Okonkwo; Balogun; Eze; Obi; Adebayo; Olawale; Ogunleye; Chukwu; Nnamdi")),
    "eritrean": Origin(
        _t("Tesfay; Yonas; Dawit; Filmon; Robel; Mussie; Biniam; Amanuel"),
        _t("Semhar; Helen; Selam; Luwam; Saba; Winta; Yordanos; Feven"),
        _t("Gebremedhin; Tesfamariam; Haile; Berhane; Kidane; Woldemichael; Ghebreyesus; Mehari; Tekle; "
           "Andemariam; Habte; Kahsay")),
    "syrian": Origin(
        _t("Ahmad; Omar; Khaled; Tarek; Rami; Fadi; Bassel; Majd"),
        _t("Rasha; Lina; Hiba; Rama; Nour; Dima; Ghalia; Reem"),
        _t("Al-Hassan; Haddad; Khoury; Al-Masri; Darwish; Sabbagh; Najjar; Alhamoud; Kanaan; Al-Halabi; "
           "Shami; Zein")),
    "somali": Origin(
        _t("Abdirahman; Abdullahi; Mahad; Liban; Hassan"),
        _t("Hodan; Faadumo; Ifrah; Sahra; Ayaan"),
        _t("Warsame; Farah; Abdi; Jama; Mohamud; Hersi; Egal")),
    "ukrainian": Origin(
        _t("Dmytro; Oleksandr; Andrii; Taras; Bohdan"),
        _t("Oksana; Iryna; Olena; Kateryna; Yuliia"),
        _t("Kovalenko; Bondarenko; Tkachenko; Melnyk; Kravchenko; Savchuk; Lysenko; Moroz")),
    "indian": Origin(
        _t("Arjun; Sanjay; Vikram; Rohan; Karthik"),
        _t("Ananya; Deepika; Lakshmi; Priyanka; Kavya"),
        _t("Iyer; Venkatesan; Sharma; Patel; Reddy; Nair; Krishnamurthy; Banerjee")),
}

TITLES = ("drs.", "mr.", "ir.", "dr.", "prof. dr.", "ing.", "mr. drs.", "dr. ir.")
POSTNOMINALS = ("MSc", "MA", "LLM", "MBA")
INTERFIXES = ("van der", "van den", "van de", "van 't", "in 't", "op den", "van", "de", "ter", "ten", "'t", "te")

# --------------------------------------------------------------------------
# Public things that must stay public: real office holders in their role,
# organisations, places, titles of laws and programmes, ordinary words.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeHolder:
    name: str  # as commonly written
    surname: str  # "Van Weel" as written mid-sentence after a role word
    signature: str  # initials form under a letter ("D.M. van Weel"); "" when not known
    cue: str  # "minister", "staatssecretaris" or "Kamerlid"
    title: str  # "de Minister van Justitie en Veiligheid" (or "" for Kamerleden)
    party: str
    start: dt.date
    end: dt.date


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


OFFICE_HOLDERS = [
    # Cabinet Schoof
    OfficeHolder("David van Weel", "Van Weel", "D.M. van Weel", "minister", "De Minister van Justitie en Veiligheid",
                 "VVD", _d("2024-07-02"), _d("2025-12-31")),
    OfficeHolder("Marjolein Faber", "Faber", "M.H.M. Faber", "minister", "De Minister voor Asiel en Migratie",
                 "PVV", _d("2024-07-02"), _d("2025-06-03")),
    OfficeHolder("Ingrid Coenradie", "Coenradie", "I. Coenradie", "staatssecretaris",
                 "De Staatssecretaris van Justitie en Veiligheid", "PVV", _d("2024-07-02"), _d("2025-06-03")),
    OfficeHolder("Teun Struycken", "Struycken", "", "staatssecretaris", "De Staatssecretaris van Justitie en Veiligheid",
                 "NSC", _d("2024-07-02"), _d("2025-08-22")),
    OfficeHolder("Judith Uitermark", "Uitermark", "", "minister",
                 "De Minister van Binnenlandse Zaken en Koninkrijksrelaties", "NSC", _d("2024-07-02"), _d("2025-08-22")),
    OfficeHolder("Fleur Agema", "Agema", "", "minister", "De Minister van Volksgezondheid, Welzijn en Sport",
                 "PVV", _d("2024-07-02"), _d("2025-06-03")),
    OfficeHolder("Eddy van Hijum", "Van Hijum", "", "minister", "De Minister van Sociale Zaken en Werkgelegenheid",
                 "NSC", _d("2024-07-02"), _d("2025-12-31")),
    OfficeHolder("Vincent Karremans", "Karremans", "", "staatssecretaris",
                 "De Staatssecretaris van Volksgezondheid, Welzijn en Sport", "VVD", _d("2024-07-02"), _d("2025-12-31")),
    OfficeHolder("Jurgen Nobel", "Nobel", "", "staatssecretaris",
                 "De Staatssecretaris van Sociale Zaken en Werkgelegenheid", "VVD", _d("2024-07-02"), _d("2025-12-31")),
    OfficeHolder("Zsolt Szabó", "Szabó", "", "staatssecretaris",
                 "De Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties", "PVV", _d("2024-07-02"),
                 _d("2025-06-03")),
    OfficeHolder("Dick Schoof", "Schoof", "", "minister-president", "De Minister-President", "",
                 _d("2024-07-02"), _d("2025-12-31")),
    # Cabinet Rutte IV
    OfficeHolder("Dilan Yeşilgöz-Zegerius", "Yeşilgöz-Zegerius", "D. Yeşilgöz-Zegerius", "minister",
                 "De Minister van Justitie en Veiligheid", "VVD", _d("2022-01-10"), _d("2024-07-02")),
    OfficeHolder("Eric van der Burg", "Van der Burg", "E. van der Burg", "staatssecretaris",
                 "De Staatssecretaris van Justitie en Veiligheid", "VVD", _d("2022-01-10"), _d("2024-07-02")),
    OfficeHolder("Franc Weerwind", "Weerwind", "F.M. Weerwind", "minister", "De Minister voor Rechtsbescherming",
                 "D66", _d("2022-01-10"), _d("2024-07-02")),
    OfficeHolder("Hugo de Jonge", "De Jonge", "H.M. de Jonge", "minister",
                 "De Minister voor Volkshuisvesting en Ruimtelijke Ordening", "CDA", _d("2022-01-10"), _d("2024-07-02")),
    OfficeHolder("Karien van Gennip", "Van Gennip", "C.E.G. van Gennip", "minister",
                 "De Minister van Sociale Zaken en Werkgelegenheid", "CDA", _d("2022-01-10"), _d("2024-07-02")),
    OfficeHolder("Conny Helder", "Helder", "", "minister", "De Minister voor Langdurige Zorg en Sport", "VVD",
                 _d("2022-01-10"), _d("2024-07-02")),
    OfficeHolder("Hanke Bruins Slot", "Bruins Slot", "", "minister",
                 "De Minister van Binnenlandse Zaken en Koninkrijksrelaties", "CDA", _d("2022-01-10"), _d("2023-09-05")),
    # Tweede Kamer (elected 2023)
    OfficeHolder("Songül Mutluer", "Mutluer", "", "Kamerlid", "", "GL-PvdA", _d("2021-03-31"), _d("2025-12-31")),
    OfficeHolder("Ulysse Ellian", "Ellian", "", "Kamerlid", "", "VVD", _d("2021-03-31"), _d("2025-12-31")),
    OfficeHolder("Ingrid Michon-Derkzen", "Michon-Derkzen", "", "Kamerlid", "", "VVD", _d("2021-03-31"),
                 _d("2025-12-31")),
    OfficeHolder("Mirjam Bikker", "Bikker", "", "Kamerlid", "", "CU", _d("2021-03-31"), _d("2025-12-31")),
    OfficeHolder("Don Ceder", "Ceder", "", "Kamerlid", "", "CU", _d("2021-03-31"), _d("2025-12-31")),
    OfficeHolder("Pieter Omtzigt", "Omtzigt", "", "Kamerlid", "", "NSC", _d("2023-12-06"), _d("2025-04-18")),
    OfficeHolder("Michiel van Nispen", "Van Nispen", "", "Kamerlid", "", "SP", _d("2014-05-27"), _d("2025-12-31")),
    OfficeHolder("Sandra Palmen", "Palmen", "", "Kamerlid", "", "NSC", _d("2023-12-06"), _d("2025-12-31")),
    OfficeHolder("Ines Kostić", "Kostić", "", "Kamerlid", "", "PvdD", _d("2023-12-06"), _d("2025-12-31")),
    OfficeHolder("Stephan van Baarle", "Van Baarle", "", "Kamerlid", "", "DENK", _d("2021-03-31"), _d("2025-12-31")),
    OfficeHolder("Caroline van der Plas", "Van der Plas", "", "Kamerlid", "", "BBB", _d("2021-03-31"),
                 _d("2025-12-31")),
    OfficeHolder("Harmen Krul", "Krul", "", "Kamerlid", "", "CDA", _d("2021-03-31"), _d("2025-12-31")),
    OfficeHolder("Anne-Marijke Podt", "Podt", "", "Kamerlid", "", "D66", _d("2021-03-31"), _d("2025-12-31")),
    OfficeHolder("Barbara Kathmann", "Kathmann", "", "Kamerlid", "", "GL-PvdA", _d("2021-03-31"), _d("2025-12-31")),
    OfficeHolder("Lisa Westerveld", "Westerveld", "", "Kamerlid", "", "GL-PvdA", _d("2017-03-23"), _d("2025-12-31")),
    OfficeHolder("Queeny Rajkowski", "Rajkowski", "", "Kamerlid", "", "VVD", _d("2021-03-31"), _d("2025-12-31")),
    OfficeHolder("Diederik van Dijk", "Van Dijk", "", "Kamerlid", "", "SGP", _d("2023-12-06"), _d("2025-12-31")),
    OfficeHolder("Jesse Six Dijkstra", "Six Dijkstra", "", "Kamerlid", "", "NSC", _d("2023-12-06"), _d("2025-12-31")),
    OfficeHolder("Doğukan Ergin", "Ergin", "", "Kamerlid", "", "DENK", _d("2023-12-06"), _d("2025-12-31")),
    OfficeHolder("Laurens Dassen", "Dassen", "", "Kamerlid", "", "Volt", _d("2021-03-31"), _d("2025-12-31")),
]


@dataclass(frozen=True)
class Organisation:
    name: str
    short: str
    domain: str
    street: str = ""  # visiting address
    postbus: str = ""
    switchboard: str = ""  # a general number (kept), "" when none


MINISTRIES = [
    Organisation("Ministerie van Justitie en Veiligheid", "JenV", "minjenv.nl", "Turfmarkt 147, 2511 DP Den Haag",
                 "Postbus 20301, 2500 EH Den Haag", "070 370 79 11"),
    Organisation("Ministerie van Volksgezondheid, Welzijn en Sport", "VWS", "minvws.nl",
                 "Parnassusplein 5, 2511 VX Den Haag", "Postbus 20350, 2500 EJ Den Haag", "070 340 79 11"),
    Organisation("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "BZK", "minbzk.nl",
                 "Turfmarkt 147, 2511 DP Den Haag", "Postbus 20011, 2500 EA Den Haag", "1400"),
    Organisation("Ministerie van Sociale Zaken en Werkgelegenheid", "SZW", "minszw.nl",
                 "Parnassusplein 5, 2511 VX Den Haag", "Postbus 90801, 2509 LV Den Haag", "1400"),
]
PARTNERS = [
    Organisation("Immigratie- en Naturalisatiedienst", "IND", "ind.nl"),
    Organisation("Centraal Orgaan opvang asielzoekers", "COA", "coa.nl"),
    Organisation("Politie Eenheid Den Haag", "Politie", "politie.nl", switchboard="0900-8844"),
    Organisation("Openbaar Ministerie", "OM", "om.nl"),
    Organisation("CoMensha", "CoMensha", "comensha.nl"),
    Organisation("Gemeente Rotterdam", "Rotterdam", "rotterdam.nl", switchboard="14 010"),
    Organisation("Gemeente Utrecht", "Utrecht", "utrecht.nl", switchboard="14 030"),
    Organisation("Inspectie Justitie en Veiligheid", "Inspectie JenV", "inspectie-jenv.nl"),
    Organisation("Dienst Justitiële Inrichtingen", "DJI", "dji.minjus.nl"),
    Organisation("Raad voor de Kinderbescherming", "RvdK", "rvdk.nl"),
    Organisation("Koninklijke Marechaussee", "KMar", "mindef.nl"),
    Organisation("Nidos", "Nidos", "nidos.nl"),
    Organisation("VluchtelingenWerk Nederland", "VWN", "vluchtelingenwerk.nl"),
    Organisation("Stichting Fier", "Fier", "fier.nl"),
]
# Organisations named after a person: a name detector must leave them.
NAMED_ORGS = ("Pieter Baan Centrum", "Verwey-Jonker Instituut", "Willem Pompe Instituut", "Rutgers",
              "Johannes Wier Stichting", "Erasmus MC", "Antoni van Leeuwenhoek", "Prinses Máxima Centrum",
              "Bureau Beke", "Van Hall Larenstein", "Hogeschool Leiden")
PLACES = ("Den Haag", "Utrecht", "Zwolle", "Leeuwarden", "Rotterdam", "Almere", "Heerlen", "Terneuzen", "Apeldoorn",
          "Bergen op Zoom", "Hoogeveen", "Emmen", "Ter Apel", "Budel", "Wijchen", "Doetinchem", "Nieuwegein",
          "Venlo", "Zaandam", "Helmond", "Schiphol", "Dordrecht", "Alphen aan den Rijn", "Veenendaal")
LAWS = ("Wet open overheid", "Vreemdelingenwet 2000", "Wet Bibob", "Omgevingswet", "Wet langdurige zorg",
        "Participatiewet", "Wet arbeid vreemdelingen", "Algemene wet bestuursrecht", "Wet Mulder",
        "Wet verbetering poortwachter", "Wet modernisering en uitbreiding strafbaarstelling mensenhandel",
        "programma Samen tegen Mensenhandel", "Actieplan Samen tegen Mensenhandel", "Wet politiegegevens",
        "Wet gegevensverwerking door samenwerkingsverbanden", "Regeling verstrekkingen asielzoekers")
# Ordinary words that are also surnames, in a sentence; [[...]] marks the keep span.
WORD_SENTENCES = (
    "[[De boer]] die het perceel pacht, heeft bezwaar gemaakt tegen de vergunning.",
    "Volgens [[de molenaar]] is de molen sinds mei gesloten voor publiek.",
    "Het restaurant had [[een kok]] in dienst zonder tewerkstellingsvergunning.",
    "Het busje was [[wit]] met blauwe opdruk en had geen zijruiten.",
    "[[De jager]] beschikte over een geldige jachtakte.",
    "[[De visser]] heeft de vangst pas na drie dagen gemeld.",
    "Een medewerker van [[de bakker]] op de hoek heeft de politie gebeld.",
    "In de keuken werkte [[een kok]] uit het buitenland op een toeristenvisum.",
    "Het pand heeft een [[witte]] gevel en is sinds 2019 in gebruik als logeerhuis.",
    "[[De schipper]] van het vrachtschip verklaarde niets te weten van de passagiers.",
    "Volgens [[de smid]] was het hek al eerder opengebroken.",
    "[[De koster]] van de kerk heeft de sleutels op maandag overgedragen.",
    "Het gaat om [[zwart]] werk in de schoonmaak en de bouw.",
    "[[Boer]] en tuinder zijn beide in beeld bij de arbeidsinspectie.",
)
FUNCTIONAL_MAILBOXES = ("woo-verzoeken@minjenv.nl", "info@rijksoverheid.nl", "secretariaat.dgpenv@minjenv.nl",
                        "postbus.mensenhandel@minjenv.nl", "communicatie@coa.nl", "servicedesk@ssc-ict.nl",
                        "pers@politie.nl", "helpdesk@ind.nl", "woo@minbzk.nl", "privacy@minvws.nl",
                        "team.ketenregie@minjenv.nl")
SERVICE_NUMBERS = ("0800-6051", "0900-8844", "0800-7000")
STREETS = ("Kerkstraat", "Dorpsstraat", "Molenweg", "Julianastraat", "Beatrixlaan", "Lindenlaan",
           "Prins Hendrikstraat", "Vondelstraat", "Rembrandtlaan", "Marnixstraat", "Van Goghstraat",
           "Anne Frankstraat", "Burgemeester Visserstraat", "Johan de Wittlaan", "Schoolstraat", "Esdoornhof",
           "Populierenweg", "Zonnebloemstraat", "Nassaukade", "Akkerwinde")
BANKS = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
JOBS = ("beleidsmedewerker", "senior beleidsmedewerker", "coördinator", "teamleider", "jurist", "projectleider",
        "afdelingshoofd", "adviseur", "woordvoerder", "secretaris", "casemanager", "strategisch adviseur",
        "plv. directeur", "programmamanager", "officier van justitie", "rechercheur", "wijkagent")
DIRECTORATES = ("DGPenV", "DGM", "DGSenB", "DWJZ", "DGRR", "DRC", "DSenB", "DGMo")
PRIVATE_DOMAINS = ("gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl", "live.nl")

# --------------------------------------------------------------------------
# Annotated text building
# --------------------------------------------------------------------------


@dataclass
class Ann:
    """A piece of text that is a gold span."""

    text: str
    entity: str
    label: str  # redact | keep
    kind: str = ""  # for keep spans: official, org, place, title, word, mailbox, switchboard, org-address
    form: str = ""  # for persons: the form the name takes
    origin: str = ""


def R(text: str, entity: str = "PERSON", form: str = "", origin: str = "") -> Ann:
    return Ann(text, entity, "redact", form=form, origin=origin)


def K(text: str, entity: str = "PERSON", kind: str = "") -> Ann:
    return Ann(text, entity, "keep", kind=kind)


class Doc:
    """Text built from plain strings and annotated pieces; offsets are recorded as it grows."""

    def __init__(self, name: str, genre: str, date: dt.date):
        self.name, self.genre, self.date = name, genre, date
        self.buf: list[str] = []
        self.size = 0
        self.spans: list[dict] = []

    def add(self, *pieces) -> "Doc":
        for p in pieces:
            if p is None or p == "":
                continue
            if isinstance(p, (list, tuple)):
                self.add(*p)
            elif isinstance(p, Ann):
                span = {"start": self.size, "end": self.size + len(p.text), "entity": p.entity, "label": p.label,
                        "text": p.text}
                for key in ("kind", "form", "origin"):
                    if getattr(p, key):
                        span[key] = getattr(p, key)
                self.spans.append(span)
                self._put(p.text)
            else:
                self._put(str(p))
        return self

    def line(self, *pieces) -> "Doc":
        return self.add(*pieces, "\n")

    def blank(self) -> "Doc":
        return self.add("\n")

    def para(self, *pieces, width: int = 0) -> "Doc":
        """A paragraph, wrapped at ``width`` columns (0: one long line) and followed by a blank line."""
        start = self.size
        self.add(*pieces)
        if width:
            self._wrap(start, width)
        return self.add("\n\n")

    def _put(self, s: str) -> None:
        self.buf.append(s)
        self.size += len(s)

    def _wrap(self, start: int, width: int) -> None:
        # Replace spaces by line breaks: offsets do not move, and names may be split over a line end.
        text = "".join(self.buf)
        chars = list(text)
        col, last_space = 0, -1
        for i in range(start, len(chars)):
            if chars[i] == "\n":
                col, last_space = 0, -1
                continue
            if chars[i] == " ":
                last_space = i
            col += 1
            if col > width and last_space >= 0:
                chars[last_space] = "\n"
                col, last_space = i - last_space, -1
        self.buf = ["".join(chars)]

    @property
    def text(self) -> str:
        return "".join(self.buf)

    def annotations(self) -> dict:
        text = self.text
        spans = []
        for s in sorted(self.spans, key=lambda s: (s["start"], s["end"])):
            s = dict(s)
            s["text"] = text[s["start"] : s["end"]]
            if s["entity"] == "PERSON" and s["label"] == "redact" and "\n" in s["text"]:
                s["form"] = s.get("form", "") + "+line-split"
            spans.append(s)
        for a, b in zip(spans, spans[1:]):
            if b["start"] < a["end"]:
                raise AssertionError(f"{self.name}: overlapping spans {a} {b}")
        return {"document": f"{self.name}.txt", "genre": self.genre, "date": self.date.isoformat(), "spans": spans}


# --------------------------------------------------------------------------
# Invented people and their personal data
# --------------------------------------------------------------------------


def fold(s: str) -> str:
    s = s.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("'", "")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def _split_surname(raw: str) -> tuple[str, str]:
    for inter in INTERFIXES:
        if raw.startswith(inter + " "):
            return inter, raw[len(inter) + 1 :]
    return "", raw


def initial_of(given: str) -> str:
    # "Jan-Pieter" -> "J.-P."; "Jan" -> "J."
    return "-".join(part[0] + "." for part in given.split("-"))


@dataclass
class Person:
    given: list[str]
    interfix: str
    surname: str
    gender: str
    origin: str
    domain: str
    title: str = ""
    job: str = ""
    local_style: int = 0

    # -- forms -------------------------------------------------------------
    @property
    def first(self) -> str:
        return self.given[0]

    @property
    def last(self) -> str:  # "de Vries"
        return f"{self.interfix} {self.surname}".strip()

    @property
    def Last(self) -> str:  # "De Vries": the surname standing alone
        last = self.last
        return last[0].upper() + last[1:]

    def full(self) -> str:
        return f"{' '.join(self.given)} {self.last}"

    def initials(self) -> str:
        return "".join(initial_of(g) for g in self.given)

    def with_initials(self) -> str:
        return f"{self.initials()} {self.last}"

    def outlook(self, variant: int = 0) -> str:
        inter = f" {self.interfix}" if self.interfix else ""
        if variant == 1:
            return f"{self.surname}, {self.first}{inter}"
        return f"{self.surname}, {self.initials()}{inter} ({self.first})"

    def shorthand(self) -> str:
        letters = "".join(p[0] for g in self.given for p in g.split("-"))
        inter = "".join(w[0] for w in self.interfix.replace("'t", "t").split())
        sur = "".join(w[0] for w in re.split(r"[\s-]", self.surname) if w)
        return (letters + inter + sur).upper() if not self.interfix else letters + inter.lower() + sur

    def local_part(self) -> str:
        given = fold(self.first).replace(" ", "").replace("-", "")
        inter = fold(self.interfix).replace(" ", "")
        sur = fold(self.surname).replace(" ", "").replace("-", "")
        styles = [f"{given[0]}.{inter}{sur}", f"{given}.{inter}{sur}", f"{given}.{'.'.join(fold(self.last).split())}",
                  f"{given[0]}{inter}{sur}"]
        return styles[self.local_style % len(styles)]

    def email(self) -> str:
        return f"{self.local_part()}@{self.domain}"

    @property
    def honorific(self) -> str:
        return "mevrouw" if self.gender == "f" else "de heer"

    @property
    def honorific_short(self) -> str:
        return "mevr." if self.gender == "f" else "dhr."

    # -- annotated pieces ------------------------------------------------------
    def r(self, text: str, form: str) -> Ann:
        return R(text, "PERSON", form, self.origin)

    def a_full(self):
        return self.r(self.full(), "full")

    def a_initials(self):
        form = "initials-hyphen" if "-" in self.initials() else "initials-multi" if len(self.given) > 1 else "initials"
        return self.r(self.with_initials(), form)

    def a_titled(self):
        """drs. J. de Vries MSc / mr. Jan de Vries: the title stays outside the span."""
        post = f" {POSTNOMINALS[len(self.surname) % len(POSTNOMINALS)]}" if self.title in ("ir.", "drs.") else ""
        core = self.with_initials() if len(self.full()) % 2 else self.full()
        return [f"{self.title or 'drs.'} ", self.r(core, "titled"), post]

    def a_honorific(self, short: bool = False):
        hon = self.honorific_short if short else self.honorific
        return [f"{hon} ", self.r(self.Last if not short else self.with_initials(), "honorific")]

    def a_surname(self):
        return self.r(self.Last, "surname")

    def a_given(self, form: str = "given"):
        return self.r(self.first, form)

    def a_outlook(self, variant: int = 0):
        return self.r(self.outlook(variant), "outlook")

    def a_caps(self, text: str | None = None):
        return self.r((text or self.full()).upper(), "caps")

    def a_short(self):
        return self.r(self.shorthand(), "shorthand")

    def a_local(self):
        return self.r(self.local_part(), "local-part")

    def a_email(self):
        return R(self.email(), "EMAIL")


def capitalise(pieces):
    """Upper-case the first letter of a sentence built from pieces."""
    flat = []

    def walk(x):
        if isinstance(x, (list, tuple)):
            for y in x:
                walk(y)
        elif x:
            flat.append(x)

    walk(pieces)
    if flat and isinstance(flat[0], str):
        flat[0] = flat[0][0].upper() + flat[0][1:]
    return flat


def valid_bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        total = sum((9 - i) * d for i, d in enumerate(digits))
        last = total % 11
        if last < 10:
            return "".join(map(str, digits + [last]))


def format_bsn(bsn: str, style: int) -> str:
    return (bsn, f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}", f"{bsn[:3]} {bsn[3:6]} {bsn[6:]}")[style % 3]


def valid_iban(rng: random.Random) -> str:
    bank = rng.choice(BANKS)
    while True:  # old Dutch account numbers passed the 11-proef too
        account = [rng.randint(0, 9) for _ in range(10)]
        if account[0] and sum((10 - i) * d for i, d in enumerate(account)) % 11 == 0:
            break
    acc = "".join(map(str, account))
    numeric = "".join(str(int(c, 36)) for c in f"{bank}{acc}NL00")
    check = 98 - int(numeric) % 97
    return f"NL{check:02d}{bank}{acc}"


def format_iban(iban: str, spaced: bool) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)) if spaced else iban


MOBILE_FORMATS = ("06-{a}{b}", "06 {a} {b}", "06 {p}", "+31 6 {a}{b}", "+31 (0)6 {a} {b}", "0031 6 {a}{b}",
                  "06.{p2}", "06{a}{b}", "+31 6 {p}", "06 - {a} {b}")
AREA_CODES = ("010", "020", "030", "040", "043", "050", "053", "055", "058", "070", "071", "073", "076", "079",
              "0111", "0575", "0512", "0318", "0592")
LANDLINE_FORMATS = ("{ac}-{s}", "{ac} {s1}", "({ac}) {s}", "+31 (0){ac1} {s1}", "+31 {ac1} {s}", "{ac} - {s1}",
                    "{ac}{s}", "{ac}.{s2}")


def phone(rng: random.Random, mobile: bool) -> str:
    while True:
        if mobile:
            digits = str(rng.randint(1, 5)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
            a, b = digits[:4], digits[4:]
            p = f"{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"
            p2 = ".".join(digits[i : i + 2] for i in range(0, 8, 2))
            text = rng.choice(MOBILE_FORMATS).format(a=a, b=b, p=p, p2=p2)
        else:
            ac = rng.choice(AREA_CODES)
            n = 10 - len(ac)
            s = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))
            s1 = f"{s[:3]} {s[3:5]} {s[5:]}" if n == 7 else f"{s[:2]} {s[2:4]} {s[4:]}"
            s2 = ".".join((s[:3], s[3:5], s[5:])) if n == 7 else ".".join((s[:2], s[2:4], s[4:]))
            text = rng.choice(LANDLINE_FORMATS).format(ac=ac, ac1=ac[1:], s=s, s1=s1, s2=s2)
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(text, "NL")):
                return text
        except phonenumbers.NumberParseException:
            pass


PLATE_SIDECODES = ("XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9", "9-XXX-99",
                   "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9")
PLATE_LETTERS = "BDFGHJKLNPRSTVXZ"


def plate(rng: random.Random) -> str:
    code = rng.choice(PLATE_SIDECODES)
    return "".join(rng.choice(PLATE_LETTERS) if c == "X" else str(rng.randint(0, 9)) if c == "9" else c for c in code)


def postcode(rng: random.Random) -> str:
    return f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"


def long_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


# --------------------------------------------------------------------------
# The context a genre builder works with
# --------------------------------------------------------------------------


class Ctx:
    def __init__(self, rng: random.Random, date: dt.date, reserved: set[str], index: int = 0):
        self.rng = rng
        self.index = index  # the document's number within its genre: builders cycle their layouts by it
        self.date = date
        self.reserved = reserved  # full names that must not be generated (real people)
        # office holders' surnames are not given to invented people: one surname, one person per document
        self.used_surnames: set[str] = {fold(o.surname) for o in OFFICE_HOLDERS}
        self.introduced: set[int] = set()
        self.ministry = rng.choice(MINISTRIES)
        self.officials = [o for o in OFFICE_HOLDERS if o.start <= date <= o.end]
        self.ministers = [o for o in self.officials if o.cue in ("minister", "staatssecretaris")]
        self.mps = [o for o in self.officials if o.cue == "Kamerlid"]

    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def person(self, origin: str | None = None, domain: str | None = None) -> Person:
        rng = self.rng
        while True:
            origin_name = origin or rng.choices(list(ORIGINS), [o.weight for o in ORIGINS.values()])[0]
            pool = ORIGINS[origin_name]
            gender = rng.choice("mf")
            given = [rng.choice(pool.male if gender == "m" else pool.female)]
            raw = rng.choice(pool.surnames)
            if "/" in raw:
                raw = raw.split("/")[0 if gender == "m" else 1]
            interfix, surname = _split_surname(raw)
            if origin_name in ("dutch", "frisian") and rng.random() < 0.25:
                given = given[0].split() + [rng.choice(pool.male if gender == "m" else pool.female).split()[0]]
            elif " " in given[0] and origin_name in ("dutch",):
                given = given[0].split()
            if gender == "f" and not interfix and rng.random() < 0.15:  # double surname after marriage
                other = ORIGINS[rng.choice(list(ORIGINS))]
                second = _split_surname(rng.choice(other.surnames).split("/")[-1])[1]
                if second != surname and " " not in second:
                    surname = f"{surname}-{second}"
            key = fold(f"{interfix} {surname}".strip())
            full = fold(" ".join(given) + " " + f"{interfix} {surname}".strip())
            if key in self.used_surnames or full in self.reserved:
                continue
            self.used_surnames.add(key)
            for part in re.split(r"[\s-]", surname):
                self.used_surnames.add(fold(part))
            dom = domain or self.ministry.domain
            return Person(given, interfix, surname, gender, origin_name, dom,
                          title=rng.choice(TITLES) if rng.random() < 0.5 else "", job=rng.choice(JOBS),
                          local_style=rng.randint(0, 3))

    def cast(self, n: int, partners: int = 0) -> list[Person]:
        people = [self.person() for _ in range(n)]
        for _ in range(partners):
            org = self.pick(PARTNERS)
            people.append(self.person(domain=org.domain))
        return people

    # -- mentions ---------------------------------------------------------------
    def mention(self, p: Person):
        """First mention: a full form; later: surname alone or with honorific."""
        if id(p) not in self.introduced:
            self.introduced.add(id(p))
            return self.pick([p.a_full, p.a_initials, p.a_titled, lambda: p.a_honorific(short=True)])()
        return self.pick([p.a_surname, p.a_honorific, p.a_surname])()

    def official(self, style: str | None = None):
        """An office holder in a public role (keep)."""
        rng = self.rng
        if not self.officials:
            return "de minister"
        style = style or rng.choice(["role", "role", "motie", "leden", "lid", "fullrole", "motie2", "kamerlid"])
        if style in ("role", "fullrole") and self.ministers:
            o = rng.choice(self.ministers)
            cue = o.cue if o.cue != "minister-president" else "minister-president"
            text = o.name if style == "fullrole" else o.surname
            return [f"{cue} ", K(text, kind="official")]
        mps = self.mps or self.officials
        a, b = rng.sample(mps, 2)
        if style == "motie":
            return ["de motie-", K(a.surname, kind="official")]
        if style == "motie2":
            return ["de motie ", K(a.surname, kind="official"), "/", K(b.surname, kind="official")]
        if style == "leden":
            return ["de leden ", K(a.surname, kind="official"), f" ({a.party}) en ", K(b.surname, kind="official"),
                    f" ({b.party})"]
        if style == "kamerlid":
            return ["Kamerlid ", K(a.name, kind="official")]
        return ["het lid ", K(a.surname, kind="official"), f" ({a.party})"]

    def org(self):
        return K(self.pick([o.name for o in PARTNERS] + list(NAMED_ORGS)), kind="org")

    def place(self):
        return K(self.pick(PLACES), kind="place")

    def law(self):
        return K(self.pick(LAWS), kind="title")

    def word_sentence(self):
        s = self.pick(WORD_SENTENCES)
        pre, rest = s.split("[[", 1)
        word, post = rest.split("]]", 1)
        return [pre, K(word, kind="word"), post]

    def mailbox(self):
        return K(self.pick(FUNCTIONAL_MAILBOXES), "EMAIL", kind="mailbox")

    def switchboard(self, org: Organisation | None = None):
        org = org or self.ministry
        number = org.switchboard or self.pick(SERVICE_NUMBERS)
        return K(number, "PHONE", kind="switchboard")

    def mobile(self):
        return R(phone(self.rng, True), "PHONE")

    def landline(self):
        return R(phone(self.rng, False), "PHONE")

    def any_phone(self):
        return self.mobile() if self.chance(0.6) else self.landline()

    def fill(self, template: str, people: list[Person]):
        """A sentence template: {P0}.. person mentions, {OFF} office holder, {ORG}, {PLACE}, {LAW}, {DATE}."""
        out = []
        for i, piece in enumerate(re.split(r"\{(\w+)\}", template)):
            if i % 2 == 0:
                out.append(piece)
            elif re.fullmatch(r"P\d+", piece):
                out.append(self.mention(people[int(piece[1:]) % len(people)]))
            elif re.fullmatch(r"G\d+", piece):
                out.append(people[int(piece[1:]) % len(people)].a_given())
            elif piece == "OFF":
                out.append(self.official())
            elif piece == "MOT":
                out.append(self.official(self.pick(["motie", "motie2"])))
            elif piece == "MP":
                out.append(self.official(self.pick(["lid", "leden", "kamerlid"])))
            elif piece == "MIN":
                out.append(self.official("role"))
            elif piece == "ORG":
                out.append(self.org())
            elif piece == "PLACE":
                out.append(self.place())
            elif piece == "LAW":
                out.append(self.law())
            elif piece == "DATE":
                out.append(long_date(self.date + dt.timedelta(days=self.rng.randint(3, 40))))
            elif piece == "WD":
                out.append(self.pick(WEEKDAYS))
            else:
                raise KeyError(piece)
        return out

    def sentences(self, templates, people, n):
        chosen = self.rng.sample(list(templates), min(n, len(templates)))
        out = []
        for t in chosen:
            out += [capitalise(self.fill(t, people)), " "]
        return out[:-1]


BODY = (
    "In het overleg met {ORG} op {DATE} is afgesproken dat {P0} de signalen uit {PLACE} bundelt.",
    "{P1} heeft namens {ORG} toegelicht dat de uitvoering van de {LAW} meer capaciteit vraagt.",
    "Tijdens het commissiedebat heeft {OFF} gevraagd om een nadere analyse van de cijfers.",
    "Ter uitvoering van {MOT} is een verkenning gestart, die {P2} coördineert.",
    "{MIN} heeft toegezegd de Kamer voor de zomer te informeren over de voortgang.",
    "De gemeente {PLACE} en {ORG} werken sinds vorig jaar samen in een pilot.",
    "Op verzoek van {P0} is de conceptreactie besproken met {ORG}.",
    "Het onderzoek van {ORG} laat zien dat de meldingsbereidheid laag blijft.",
    "{P3} merkt op dat de termijnen uit de {LAW} in deze zaken niet haalbaar zijn.",
    "In {PLACE} is de opvanglocatie op {WD} gesloten; de bewoners zijn overgebracht naar {PLACE}.",
    "Voor de beantwoording van de vragen van {MP} is input nodig van {P1} en {P2}.",
    "De aanbevelingen van {ORG} worden meegenomen bij de uitvoering van de {LAW}.",
    "{P2} stelt voor de casus te bespreken in het regionaal overleg in {PLACE}.",
    "Gelet op {MOT} wordt de Kamer per brief geïnformeerd.",
    "Het advies is afgestemd met {P3} van de directie Wetgeving en Juridische Zaken.",
)


# --------------------------------------------------------------------------
# Genres. Each builder returns a Doc; register with @genre(name, count).
# --------------------------------------------------------------------------


@dataclass
class Genre:
    name: str
    count: int
    build: Callable[[Ctx, Doc], None]
    era: tuple[str, str] = ("2023-03-01", "2025-05-31")


GENRES: dict[str, Genre] = {}


def genre(name: str, count: int = 7, era: tuple[str, str] = ("2023-03-01", "2025-05-31")):
    def register(fn):
        GENRES[name] = Genre(name, count, fn, era)
        return fn

    return register


def colophon(ctx: Ctx, d: Doc, p: Person, label: str = "Contactpersoon") -> None:
    m = ctx.ministry
    d.line(m.name.replace("Ministerie van ", "Ministerie van\n"))
    d.line(f"Directie {ctx.pick(DIRECTORATES)}")
    d.blank()
    street, pc = m.street.split(", ")
    d.line(K(f"{street}\n{pc}", "ADDRESS", kind="org-address"))
    post, ppc = m.postbus.split(", ")
    d.line(K(f"{post}\n{ppc}", "ADDRESS", kind="org-address"))
    d.line("www.rijksoverheid.nl")
    d.blank()
    d.line(label)
    if "-" in p.surname and ctx.chance(0.7):  # a narrow column: the double surname wraps after its hyphen
        first, second = p.surname.split("-", 1)
        d.line(f"{p.title or 'mr.'} ", p.r(f"{p.initials()} {p.interfix + ' ' if p.interfix else ''}{first}-\n{second}",
                                       "initials"))
    else:
        d.line(ctx.pick([lambda: p.a_titled(), lambda: [p.a_initials()], lambda: [p.a_full()]])())
    d.line(p.job)
    d.line("T ", ctx.switchboard() if ctx.chance(0.4) else ctx.landline())
    d.line("M ", ctx.mobile())
    d.line("E ", p.a_email())
    d.blank()


@genre("nota")
def nota(ctx: Ctx, d: Doc) -> None:
    author, head, director, *others = ctx.cast(4, partners=2)
    minister = ctx.pick(ctx.ministers) if ctx.ministers else None
    colophon(ctx, d, author, ctx.pick(["Contactpersoon", "Inlichtingen bij"]))
    d.line("nota")
    d.blank()
    d.line("Aan: ", minister.title.replace("De ", "de ") if minister else "de minister")
    d.line("Via: de secretaris-generaal")
    d.line(f"Datum: {long_date(d.date)}")
    d.line(f"Kenmerk: {ctx.rng.randint(4000000, 6999999)}")
    d.line("Onderwerp: ", ctx.pick(["Voortgang ", "Reactie op ", "Beslisnota "]), ctx.law())
    d.blank()
    d.line("Opgesteld door: ", ctx.pick([author.a_full, author.a_initials, lambda: author.a_outlook(0)])())
    d.blank()
    d.line("Parafen")
    d.line("Functie\tNaam\tDatum\tParaaf")
    for who, role in ((head, "afdelingshoofd"), (director, "directeur")):
        form = ctx.pick([who.a_initials, who.a_full, who.a_caps])()
        d.line(f"{role}\t", form, f"\t{(d.date - dt.timedelta(days=ctx.rng.randint(1, 5))).strftime('%d-%m-%Y')}\t",
               R(who.shorthand(), "PERSON", "shorthand", who.origin))
    d.blank()
    ctx.introduced.update({id(author), id(head), id(director)})
    d.line("1. Aanleiding")
    people = [author, head, director] + others
    d.para(ctx.sentences(BODY, others + [author, head], 3), width=ctx.pick([0, 78, 64, 70]))
    d.line("2. Geadviseerd besluit")
    d.para("U wordt geadviseerd akkoord te gaan met de bijgevoegde brief aan de Tweede Kamer en kennis te nemen van "
           "de reactie op ", ctx.official("motie"), ".", width=78)
    d.line("3. Kernpunten")
    for _ in range(3):
        d.line("- ", ctx.sentences(BODY, people, 1))
    d.line("- ", ctx.word_sentence())
    d.blank()
    d.line("4. Toelichting")
    d.para(ctx.sentences(BODY, people, 4), " ", ctx.word_sentence(), width=ctx.pick([0, 72, 60]))
    d.line("5. Krachtenveld")
    d.para("De Tweede Kamer, in het bijzonder ", ctx.official("leden"), ", volgt dit dossier nauwgezet. ",
           ctx.pick(others).a_full(), " (", ctx.org(), ") heeft aangegeven de aanpak te steunen.", width=78)
    if ctx.chance(0.5):
        d.line("Afgestemd met: ", others[0].a_surname() if id(others[0]) in ctx.introduced else others[0].a_full(),
               f" ({ctx.pick(DIRECTORATES)}), ", head.a_short(), ", ", ctx.mailbox())


def _email_header(ctx: Ctx, d: Doc, sender: Person, to: list[Person], cc: list[Person], subject, when: dt.datetime):
    style = ctx.rng.randint(0, 2)
    if style == 0:
        d.line("Van: ", sender.a_outlook(ctx.rng.randint(0, 1)), f" - {ctx.pick(DIRECTORATES)}")
    elif style == 1:
        d.line("Van: ", sender.a_full(), " <", sender.a_email(), ">")
    else:
        d.line("From: ", sender.a_email())
    d.line(f"Verzonden: {WEEKDAYS[when.weekday() % 5]} {long_date(when.date())} {when:%H:%M}")
    d.add("Aan: ")
    for i, p in enumerate(to):
        if i:
            d.add("; ")
        d.add(ctx.pick([lambda: [p.a_outlook(0)], lambda: [p.a_full(), " <", p.a_email(), ">"],
                        lambda: [p.a_email()]])())
    if ctx.chance(0.4):
        d.add("; ", ctx.mailbox())
    d.blank()
    if cc:
        d.add("CC: ")
        for i, p in enumerate(cc):
            if i:
                d.add("; ")
            d.add(ctx.pick([lambda: [p.a_outlook(0)], lambda: [p.a_email()], lambda: [p.a_full()]])())
        d.blank()
    d.line("Onderwerp: ", subject)
    d.blank()


def _signature(ctx: Ctx, d: Doc, p: Person, closing: str | None = None) -> None:
    d.line(closing or ctx.pick(["Met vriendelijke groet,", "Met vriendelijke groet,", "Groet,", "Hartelijke groet,",
                                "Vriendelijke groeten,", "Mvg,"]))
    d.blank()
    style = ctx.rng.randint(0, 3)
    if style == 0:
        d.line(p.a_given("given-signature"))
        return
    d.line(ctx.pick([p.a_full, p.a_initials, p.a_titled])())
    d.line(p.job[0].upper() + p.job[1:])
    d.line(f"Directie {ctx.pick(DIRECTORATES)}")
    d.line(ctx.ministry.name)
    if style >= 2:
        street, pc = ctx.ministry.street.split(", ")
        d.line(K(f"{street} | {pc}", "ADDRESS", kind="org-address"))
        d.line("M ", ctx.mobile())
    if style == 3:
        d.line("T ", ctx.landline(), " (bereikbaar ma t/m do)")
        d.line(p.a_email())
    d.blank()


@genre("email")
def email_chain(ctx: Ctx, d: Doc) -> None:
    a, b, c, e = ctx.cast(4)
    (x,) = ctx.cast(0, partners=1)
    topic = ctx.pick(["Woo-verzoek ", "Kamervragen ", "Input brief ", "Casus ", "Afstemming "])
    start = dt.datetime.combine(d.date, dt.time(ctx.rng.randint(8, 16), ctx.rng.randint(0, 59)))
    # newest message first, as a printout of a chain reads
    _email_header(ctx, d, a, [b], [c, x], ["RE: ", topic, ctx.law()], start + dt.timedelta(hours=3))
    d.line(ctx.pick(["Hoi ", "Beste ", "Dag ", "Hallo "]), b.a_given("given-greeting"), ",")
    d.blank()
    d.para(ctx.fill(ctx.pick([
        "Dank voor je snelle reactie. Ik heb het stuk aangepast en ook {P3} gevraagd mee te kijken.",
        "Akkoord van mijn kant. Wel graag nog even afstemmen met {P3} over de passage over {ORG}.",
        "Zie mijn opmerkingen in de bijlage. {P3} belt je morgen nog over de planning.",
    ]), [a, b, c, e]), " ", ctx.fill("Houd er rekening mee dat {OFF} hier al eerder naar heeft gevraagd.", [a]),
        width=ctx.pick([0, 76, 66]))
    if ctx.chance(0.5):
        d.para("Ik ben ", ctx.pick(WEEKDAYS), " afwezig; ", c.a_given(), " neemt waar (", c.a_email(), ", ",
               ctx.mobile(), ").")
    _signature(ctx, d, a)
    d.line("-----Oorspronkelijk bericht-----")
    _email_header(ctx, d, b, [a], [e], [topic, ctx.law()], start)
    d.line(ctx.pick(["Beste ", "Hoi ", "Goedemorgen "]), a.a_given("given-greeting"), ",")
    d.blank()
    d.para(ctx.fill(ctx.pick([
        "Namens {P4} stuur ik je hierbij de reactie van {ORG}. Het gaat om de passage over {PLACE}.",
        "In opdracht van {P4} (i.o.v. {P2}) stuur ik je de concepttekst. Graag je reactie voor {WD}.",
        "Zoals besproken met {P4} stuur ik de stukken voor het overleg met {ORG} in {PLACE}.",
    ]), [a, b, c, e, x]), " ", ctx.word_sentence(), width=ctx.pick([0, 76, 66]))
    d.para("Voor vragen ben ik bereikbaar op ", ctx.any_phone(), ". Het algemene nummer ",
           ctx.switchboard(), " kun je ook gebruiken; de mailbox ", ctx.mailbox(), " wordt dagelijks gelezen.")
    _signature(ctx, d, b)
    if ctx.chance(0.5):
        d.line("cc: ", e.a_surname() if id(e) in ctx.introduced else e.a_full(), ", ", x.a_initials())


@genre("minutes")
def minutes(ctx: Ctx, d: Doc) -> None:
    chair, notulist, *members = ctx.cast(4, partners=3)
    absent = ctx.person()
    d.line(ctx.pick(["Verslag ", "Notulen ", "Verslag regionaal overleg "]), ctx.law())
    d.blank()
    d.line(f"Datum: {WEEKDAYS[d.date.weekday() % 5]} {long_date(d.date)}")
    d.line("Locatie: ", ctx.place(), ", ", ctx.org())
    d.blank()
    d.add("Aanwezig: ", chair.a_full(), " (voorzitter)")
    for m in members:
        d.add(", ", ctx.pick([m.a_full, m.a_initials, lambda: m.a_honorific(short=True), lambda: m.a_titled()])())
        if ctx.chance(0.5):
            d.add(" (", ctx.org(), ")")
    d.blank()
    d.line("Afwezig: ", ctx.pick([absent.a_full, absent.a_initials])(), " (m.k.)")
    d.line("Notulist: ", ctx.pick([notulist.a_full, notulist.a_initials, lambda: notulist.a_outlook(0)])())
    d.blank()
    ctx.introduced.update(id(p) for p in [chair, notulist, absent, *members])
    everyone = [chair, *members, notulist]
    d.line("1. Opening en mededelingen")
    d.para(chair.a_surname(), " opent de vergadering en heet ", members[0].a_surname(), " welkom. ",
           ctx.sentences(BODY, everyone, 2), width=ctx.pick([0, 80, 68]))
    d.line("2. Verslag vorige vergadering")
    d.para("Het verslag wordt vastgesteld. Naar aanleiding van actiepunt 3: ", members[1].a_short(),
           " heeft contact gehad met ", ctx.org(), ". ", ctx.word_sentence())
    d.line("3. Stand van zaken")
    d.para(ctx.sentences(BODY, everyone, 3), " ", members[2].a_surname(), " meldt dat ",
           ctx.official("role"), " het onderwerp wil agenderen.", width=ctx.pick([0, 80, 68]))
    d.line("4. Rondvraag")
    d.para(members[-1].a_given(), " vraagt of het telefoonnummer ", ctx.mobile(),
           " van de piketdienst nog klopt. ", chair.a_short(), " zoekt dit uit.")
    d.line("Actiepunten")
    sep = ctx.pick(["\t", " | "])
    d.line(sep.join(["nr", "actie", "wie", "wanneer"]))
    for i, p in enumerate(ctx.rng.sample(everyone, 3), start=1):
        d.line(f"{i}{sep}", ctx.pick(["Notitie opstellen", "Terugkoppeling aan de Kamer", "Afstemmen met ketenpartners",
                                       "Casus agenderen"]), f"{sep}", p.a_short(), f"{sep}",
               long_date(d.date + dt.timedelta(days=14 * i)))
    d.blank()
    d.line("Actie: ", members[0].a_short(), ", ", notulist.a_short(), " (", ctx.pick(WEEKDAYS), ")")


@genre("annex")
def annex(ctx: Ctx, d: Doc) -> None:
    style = ctx.index % 3
    if style == 0:  # contact persons of partner organisations
        d.line("Bijlage 2 bij nota ", str(ctx.rng.randint(4000000, 6999999)), ": contactpersonen ketenpartners")
        d.blank()
        sep = ctx.pick(["\t", " | ", ";"])
        d.line(sep.join(["Organisatie", "Naam", "Functie", "Telefoon", "E-mail"]))
        for _ in range(ctx.rng.randint(6, 10)):
            org = ctx.pick(PARTNERS)
            p = ctx.person(domain=org.domain)
            name = ctx.pick([p.a_full, p.a_initials, lambda: p.a_outlook(0), p.a_caps])()
            d.line(K(org.name, kind="org"), sep, name, sep, p.job, sep, ctx.any_phone(), sep, p.a_email())
        d.line(K("Rijksoverheid", kind="org"), sep, "Informatie Rijksoverheid", sep, "-", sep,
               K("1400", "PHONE", kind="switchboard"), sep, K("info@rijksoverheid.nl", "EMAIL", kind="mailbox"))
    elif style == 1:  # case overview with citizens' data
        d.line("Bijlage 1: overzicht casussen (vertrouwelijk)")
        d.blank()
        sep = ctx.pick(["\t", " | "])
        d.line(sep.join(["Casusnr", "Naam", "Geboortedatum", "BSN", "Woonplaats", "Casusregisseur"]))
        regisseur = ctx.person()
        for i in range(ctx.rng.randint(6, 9)):
            p = ctx.person()
            dob = dt.date(ctx.rng.randint(1950, 2006), ctx.rng.randint(1, 12), ctx.rng.randint(1, 28))
            dob_text = ctx.pick([dob.strftime("%d-%m-%Y"), dob.isoformat(), long_date(dob), dob.strftime("%d/%m/%Y")])
            d.line(f"2025-{ctx.rng.randint(100, 999)}", sep, ctx.pick([p.a_full, lambda: p.a_outlook(1), p.a_caps])(),
                   sep, R(dob_text, "DATE_OF_BIRTH"), sep, R(format_bsn(valid_bsn(ctx.rng), ctx.rng.randint(0, 2)), "BSN"),
                   sep, ctx.place(), sep, regisseur.a_short() if i else regisseur.a_initials())
    else:  # list of decisions / inventory with a paraph column
        d.line("Inventarislijst Woo-verzoek ", str(ctx.rng.randint(2024001, 2025999)))
        d.blank()
        d.line("Nr.\tDatum\tDocument\tAfzender\tBeoordeling\tParaaf")
        people = ctx.cast(4, partners=1)
        for i in range(ctx.rng.randint(7, 11)):
            p = ctx.pick(people)
            kind = ctx.pick(["E-mail", "Nota", "Verslag", "Chatbericht", "Memo"])
            d.line(f"{i + 1}\t{(d.date - dt.timedelta(days=ctx.rng.randint(10, 300))).strftime('%d-%m-%Y')}\t{kind}\t",
                   ctx.pick([p.a_full, p.a_initials, p.a_short, lambda: p.a_outlook(0)])(), "\t",
                   ctx.pick(["Openbaar", "Deels openbaar (5.1.2e)", "Niet openbaar (5.2)"]), "\t", people[0].a_short())
        d.blank()
        d.line("Behandeld door: ", people[1].a_full(), ", ", people[1].job, ", tel. ", ctx.landline())
        d.line("Vragen: ", ctx.mailbox())


@genre("kamerbrief", era=("2023-06-01", "2025-05-31"))
def kamerbrief(ctx: Ctx, d: Doc) -> None:
    author = ctx.person()
    m = ctx.ministry
    d.line("> Retouradres ", K(m.postbus.replace(",", ""), "ADDRESS", kind="org-address"))
    d.blank()
    d.line("Aan de Voorzitter van de Tweede Kamer")
    d.line("der Staten-Generaal")
    d.line(K("Postbus 20018\n2500 EA  DEN HAAG", "ADDRESS", kind="org-address"))
    d.blank()
    colophon(ctx, d, author, ctx.pick(["Contactpersoon", "Inlichtingen bij"]))
    d.line(f"Datum {long_date(d.date)}")
    d.line("Betreft ", ctx.pick(["Voortgangsbrief ", "Reactie op ", "Beantwoording vragen over "]), ctx.law())
    d.line(f"Ons kenmerk {ctx.rng.randint(4000000, 6999999)}")
    d.blank()
    d.line("Geachte voorzitter,")
    d.blank()
    d.para("Met deze brief informeer ik uw Kamer over de voortgang van het ", ctx.law(), ". Hiermee geef ik invulling "
           "aan ", ctx.official("motie"), " en aan de toezegging aan ", ctx.official("lid"), " tijdens het "
           "commissiedebat.", width=ctx.pick([0, 84, 72]))
    d.para("Tijdens het debat hebben ", ctx.official("leden"), " gevraagd naar de situatie in ", ctx.place(), ". ",
           "De gemeente ", ctx.place(), " en het ", ctx.org(), " hebben daarover een rapport opgesteld. ",
           ctx.word_sentence(), width=ctx.pick([0, 84, 72]))
    d.para("Ook ", ctx.official("motie2"), " vraagt om een steviger aanpak. Ik heb het ", ctx.org(),
           " gevraagd hierover te adviseren. Zoals ", ctx.official("role"), " eerder aangaf, is samenwerking met ",
           ctx.org(), " daarbij essentieel.", width=ctx.pick([0, 84, 72]))
    if ctx.chance(0.5):
        citizen = ctx.person()
        d.para("[Opmerking ", ctx.pick([citizen.a_short, lambda: citizen.a_outlook(0), citizen.a_full])(),
               ": deze alinea nog afstemmen met ", ctx.pick(DIRECTORATES), " — zie mail van ",
               citizen.a_given(), " van ", ctx.pick(WEEKDAYS), "]")
    d.para("Ik zal uw Kamer voor het einde van het jaar opnieuw informeren.")
    signer = next((o for o in ctx.ministers if o.signature), None) or (ctx.ministers[0] if ctx.ministers else None)
    if signer:
        d.line(signer.title + ",")
        d.blank()
        d.blank()
        d.line(K(signer.signature or signer.name, kind="official"))


@genre("chat")
def chat(ctx: Ctx, d: Doc) -> None:
    people = ctx.cast(4, partners=1)
    style = ctx.index % 3
    t = dt.datetime.combine(d.date, dt.time(ctx.rng.randint(7, 10), ctx.rng.randint(0, 59)))
    lines = [
        "Goedemorgen allemaal, de brief van {OFF} ligt bij de minister.",
        "Hoi {G0}, kun jij even bellen met {ORG}?",
        "Ik sta in de file bij {PLACE}, ben er rond 10 uur",
        "{G1} heb je de laatste versie? Ik zie alleen die van {WD}",
        "Staat in de map van {P3} op de J-schijf",
        "Top, dank! 👍",
        "Kan iemand {P4} even laten weten dat het overleg verplaatst is?",
        "Ok. Ik mail het nummer van die advocaat straks door",
        "Let op: {MIN} wil het morgen al zien",
        "{G2} ben jij bij het overleg in {PLACE}?",
    ]
    if style == 0:
        d.line("WhatsApp-chat met ", ctx.pick([people[0].a_full, lambda: [people[0].a_given()]])())
        d.line("Geëxporteerd op ", long_date(d.date + dt.timedelta(days=60)))
    elif style == 1:
        d.line("Teams-chat 'Crisisteam ", ctx.law(), "'")
    else:
        d.line("Sms-berichten telefoon ", ctx.mobile())
    d.blank()
    for i in range(ctx.rng.randint(9, 14)):
        t += dt.timedelta(minutes=ctx.rng.randint(1, 50))
        speaker = ctx.pick(people)
        msg = ctx.fill(ctx.pick(lines), people)
        if style == 0:
            who = speaker.a_full() if ctx.chance(0.7) else ctx.mobile()
            d.line(f"[{t:%d-%m-%Y %H:%M}] ", who, ": ", msg)
        elif style == 1:
            d.line(ctx.pick([speaker.a_full, lambda: speaker.a_outlook(0), speaker.a_local])(),
                   f"  {t:%H:%M}")
            d.line(msg)
        else:
            d.line(f"{t:%d-%m-%Y %H:%M} ", ctx.pick(["Van: ", "Aan: "]), ctx.mobile())
            d.line(msg)
        if i == 3:
            d.line(f"[{t:%d-%m-%Y %H:%M}] " if style == 0 else "", "Nummer van ", people[2].a_given(), ": ",
                   ctx.mobile(), *([", mail: ", people[2].a_email()] if ctx.chance(0.5) else []))
    d.blank()


@genre("memo")
def memo(ctx: Ctx, d: Doc) -> None:
    to, frm, cc, *others = ctx.cast(4, partners=1)
    d.line(ctx.pick(["MEMO", "Memo", "Interne memo"]))
    d.blank()
    d.line("Aan: ", ctx.pick([to.a_full, to.a_initials, lambda: to.a_honorific(short=True)])())
    d.line("Van: ", ctx.pick([frm.a_full, lambda: frm.a_titled(), frm.a_caps])())
    d.line("Cc: ", cc.a_outlook(0), ", ", ctx.mailbox())
    d.line(f"Datum: {d.date.strftime('%d-%m-%Y')}")
    d.line("Betreft: ", ctx.pick(["incident ", "klacht over ", "uitvoering "]), ctx.law())
    d.blank()
    ctx.introduced.update({id(to), id(frm), id(cc)})
    people = [to, frm, cc] + others
    d.para(ctx.sentences(BODY, people, 3), width=ctx.pick([0, 70, 80]))
    if ctx.chance(0.6):  # an incident with a private citizen's data
        citizen = ctx.person()
        d.para("Op ", ctx.pick(WEEKDAYS), " is ", citizen.honorific, " ", citizen.a_full(), " (geboren ",
               R(long_date(dt.date(ctx.rng.randint(1955, 2004), ctx.rng.randint(1, 12), ctx.rng.randint(1, 28))),
                 "DATE_OF_BIRTH"), "), wonende aan de ",
               R(f"{ctx.pick(STREETS)} {ctx.rng.randint(1, 180)}{ctx.pick(['', 'a', '-II', ' bis'])}", "ADDRESS"),
               " te ", ctx.place(), ", staande gehouden in een ", K(ctx.pick(["witte", "zwarte", "grijze"]), kind="word"),
               " bestelbus met kenteken ",
               R(plate(ctx.rng), "LICENSE_PLATE"), ". ", citizen.honorific[0].upper() + citizen.honorific[1:], " ",
               citizen.a_surname(), " was telefonisch bereikbaar op ", ctx.mobile(), ".", width=ctx.pick([0, 78, 66]))
    d.para("Ik stel voor dat ", others[0].a_full(), " i.o.v. ", frm.a_surname(), " contact opneemt met ", ctx.org(),
           ". ", ctx.word_sentence(), width=ctx.pick([0, 78, 66]))
    d.line("Opgesteld door: ", frm.a_initials(), " (", frm.a_email(), ")")
    if ctx.index % 2:  # document properties printed in the footer
        d.line(f"memo-{ctx.rng.randint(100, 999)}.docx, laatst gewijzigd door ", frm.a_local(), " op ",
               d.date.strftime("%d-%m-%Y"))
    d.line("Gezien: ", to.a_short())


@genre("burgerbrief")
def citizen_letter(ctx: Ctx, d: Doc) -> None:
    writer = ctx.person()
    street = f"{ctx.pick(STREETS)} {ctx.rng.randint(1, 220)}{ctx.pick(['', 'a', 'B', '-3'])}"
    place = ctx.pick(PLACES)
    home = f"{street}\n{postcode(ctx.rng)}  {place.upper() if ctx.chance(0.3) else place}"
    d.line(ctx.pick([writer.a_full, writer.a_initials, writer.a_caps])())
    d.line(R(home, "ADDRESS"))
    d.line(ctx.mobile())
    d.line(R(f"{fold(writer.first).replace(' ', '')}{ctx.rng.randint(70, 99)}@{ctx.pick(PRIVATE_DOMAINS)}", "EMAIL"))
    d.blank()
    d.line(K(ctx.ministry.name, kind="org"))
    d.line("t.a.v. de afdeling Bezwaar en Beroep")
    d.line(K(ctx.ministry.postbus.replace(", ", "\n"), "ADDRESS", kind="org-address"))
    d.blank()
    d.line(K(place, kind="place"), ", ", long_date(d.date))
    d.blank()
    d.line("Betreft: ", ctx.pick(["bezwaar tegen besluit ", "klacht over behandeling ", "verzoek om vergoeding "]),
           str(ctx.rng.randint(100000, 999999)))
    d.blank()
    d.line("Geachte heer, mevrouw,")
    d.blank()
    dob = dt.date(ctx.rng.randint(1948, 2003), ctx.rng.randint(1, 12), ctx.rng.randint(1, 28))
    d.para("Mijn naam is ", writer.a_full(), ", geboren op ",
           R(ctx.pick([long_date(dob), dob.strftime("%d-%m-%Y"), f"{dob.day}-{dob.month}-{dob.year}"]), "DATE_OF_BIRTH"),
           " te ", ctx.place(), ". Mijn burgerservicenummer is ",
           R(format_bsn(valid_bsn(ctx.rng), ctx.rng.randint(0, 2)), "BSN"), ".", width=ctx.pick([0, 80, 68]))
    helper = ctx.person()
    d.para("Op ", long_date(d.date - dt.timedelta(days=40)), " heb ik gesproken met ", helper.honorific, " ",
           helper.a_surname(), " van uw ministerie. Zij/hij heeft mij beloofd dat ", ctx.org(),
           " contact zou opnemen, maar dat is niet gebeurd. Mijn auto met kenteken ",
           R(plate(ctx.rng), "LICENSE_PLATE"), " staat sindsdien bij de gemeente ", ctx.place(), ".",
           width=ctx.pick([0, 80, 68]))
    if ctx.chance(0.6):
        partner = ctx.person(origin=writer.origin)
        d.para("Mijn partner ", partner.a_full(), " (geb. ",
               R(dt.date(ctx.rng.randint(1950, 2003), ctx.rng.randint(1, 12), ctx.rng.randint(1, 28))
                 .strftime("%d-%m-%Y"), "DATE_OF_BIRTH"), ") kan dit bevestigen.")
    iban = valid_iban(ctx.rng)
    d.para("Ik verzoek u de kosten te vergoeden op rekeningnummer ", R(format_iban(iban, ctx.chance(0.5)), "IBAN"),
           " t.n.v. ", writer.a_initials(), ". ", ctx.word_sentence(), width=ctx.pick([0, 80, 68]))
    d.line("Hoogachtend,")
    d.blank()
    d.line(ctx.pick([writer.a_full, writer.a_initials])())


# --------------------------------------------------------------------------


# Real people whose names the pools could combine (checked against rules/officials.yaml by
# tests/test_corpus.py); the generator reads no file, so its output does not move with the keep-list.
REAL_NAMES = ("Aukje de Vries", "Diederik van Dijk", "Wytske Postma", "Chris Jansen", "Edgar Mulder")


def reserved_names() -> set[str]:
    """Real people's names that the invented ones must not equal."""
    return {fold(o.name) for o in OFFICE_HOLDERS} | {fold(n) for n in REAL_NAMES}


def generate() -> list[tuple[Doc, dict]]:
    rng = random.Random(SEED)
    reserved = reserved_names()
    out = []
    for g in GENRES.values():
        lo, hi = (_d(x) for x in g.era)
        for i in range(1, g.count + 1):
            date = lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))
            if date.weekday() >= 5:
                date -= dt.timedelta(days=date.weekday() - 4)
            ctx = Ctx(random.Random(rng.random()), date, reserved, i)
            doc = Doc(f"{g.name}-{i:02d}", g.name, date)
            g.build(ctx, doc)
            out.append((doc, doc.annotations()))
    return out


def render(docs) -> dict[str, str]:
    files = {}
    for doc, ann in docs:
        files[f"{doc.name}.txt"] = doc.text
        files[f"{doc.name}.json"] = json.dumps(ann, ensure_ascii=False, indent=1) + "\n"
    return files


def summary(docs) -> str:
    spans = [s for _, a in docs for s in a["spans"]]
    ent = Counter((s["entity"], s["label"]) for s in spans)
    forms = Counter(s.get("form", "").split("+")[0] for s in spans if s["entity"] == "PERSON" and s["label"] == "redact")
    kinds = Counter(s.get("kind") for s in spans if s["label"] == "keep")
    origins = Counter(s.get("origin") for s in spans if s.get("origin"))
    return "\n".join([
        f"{len(docs)} documents, {len(GENRES)} genres, {sum(len(d.text) for d, _ in docs)} characters",
        "spans: " + ", ".join(f"{e}/{lab} {n}" for (e, lab), n in sorted(ent.items())),
        "person forms: " + ", ".join(f"{f} {n}" for f, n in forms.most_common()),
        "keep kinds: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()),
        "origins: " + ", ".join(f"{o} {n}" for o, n in origins.most_common()),
    ])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT, help="output folder (default: %(default)s)")
    ap.add_argument("--check", action="store_true", help="fail if the committed corpus differs from a fresh run")
    args = ap.parse_args(argv)
    docs = generate()
    files = render(docs)
    if args.check:
        stale = [n for n, t in files.items() if not (args.out / n).exists() or (args.out / n).read_text(encoding="utf-8") != t]
        extra = [p.name for p in args.out.glob("*-*.*") if p.name not in files]
        if stale or extra:
            print(f"corpus out of date: {len(stale)} changed, {len(extra)} extra; run {Path(__file__).name}",
                  file=sys.stderr)
            return 1
        print("corpus up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for p in args.out.glob("*-*.txt"):
        p.unlink()
    for p in args.out.glob("*-*.json"):
        p.unlink()
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
    print(summary(docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
