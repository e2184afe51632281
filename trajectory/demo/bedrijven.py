"""The demo school's register of stagebedrijven (issue #17): about forty companies around
Amersfoort across the ten Noa sectors and dagbesteding, with their address, SBB erkenning (a
few expired, one running out within the reminder's six weeks), capacity, status (one
geblokkeerd, with its reason) and one or two praktijkbegeleiders, some of them trained.

Registered through the register's own use cases (so audited like any company) before the
first leerling; a demo placement is at one of these companies, with a praktijkbegeleider
(`plaats_bij`). The erkenning dates are relative to the demo's today, so the register looks the
same whenever the demo is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trajectory.demo.school import ACHTERNAMEN, VOORNAMEN, Bedrijf
from trajectory.domain.access import Actor
from trajectory.domain.bedrijven import DAGBESTEDING, naam_sleutel, vrije_plaatsen
from trajectory.domain.clock import Clock
from trajectory.store import bedrijven as rijen
from trajectory.usecases import bedrijven


@dataclass(frozen=True)
class Registerbedrijf:
    bedrijf: Bedrijf  # name, sector, work; `erkend`: placeable for Entree (valid erkenning)
    adres: str
    postcode: str
    plaats: str
    capaciteit: int | None  # places at a time; None: no limit recorded
    # days from the demo's today to the end of the SBB erkenning (negative: expired); None:
    # no erkenning
    erkenning_dagen: int | None = None
    begeleiders: int = 1
    opgeleid: bool = False
    geblokkeerd: str = ""  # the reason, for the one blocked company
    dagbesteding: bool = False  # a dagbestedingsinstantie (beleidsplan 3.4)


R = Registerbedrijf
B = Bedrijf
# every sector has an erkend company without a recorded limit, so a demo placement always finds
# a place (`plaats_bij` skips full companies in the sector's order)
REGISTER: tuple[Registerbedrijf, ...] = (
    R(B("Zorgcentrum De Linde", "01", "Bedden opmaken, koffie rondbrengen, linnenkamer", True),
      "Lindelaan 4", "3818 DA", "Amersfoort", None, 900, 2, True),
    R(B("Woonzorg Het Anker", "01", "Huishoudelijke taken op de afdeling, tafels dekken"),
      "Ankerstraat 12", "3831 KL", "Leusden", 3),
    R(B("Thuiszorg Eemland", "01", "Boodschappen, was vouwen, kamers opruimen", True),
      "Stadsring 88", "3811 HP", "Amersfoort", 4, 430, 2),
    R(B("Verpleeghuis Birkhoven", "01", "Maaltijden rondbrengen, activiteiten helpen"),
      "Birkstraat 110", "3768 HD", "Soest", 2, -120),
    R(B("Schoonmaakbedrijf Blinkend Schoon", "02", "Kantoren schoonmaken, sanitair", True),
      "Industrieweg 31", "3825 AL", "Amersfoort", None, 600, 2, True),
    R(B("Glansrijk Facilitair", "02", "Interieurverzorging, afval scheiden"),
      "De Brand 7", "3823 LJ", "Amersfoort", 3),
    R(B("Eemzicht Schoonmaak", "02", "Trappenhuizen, ramen zemen, vloeren"),
      "Nijverheidsweg 19", "3771 ME", "Barneveld", 2, -45),
    R(B("Supermarkt De Buurman", "03", "Vakken vullen, spiegelen, klanten helpen", True),
      "Leusderweg 140", "3817 KB", "Amersfoort", None, 800, 2, True),
    R(B("Bakkerij Van der Wal", "03", "Brood afbakken, bestellingen klaarzetten"),
      "Langestraat 61", "3811 AE", "Amersfoort", 2),
    R(B("Eetcafé De Gouden Leeuw", "03", "Afwas, groenten snijden, terras klaarzetten", True),
      "Hof 22", "3811 CK", "Amersfoort", 3, 30, 1, True),
    R(B("Hotel De Eemhaven", "03", "Kamers opmaken, ontbijtbuffet, wasserij", True),
      "Eemplein 3", "3812 EA", "Amersfoort", 4, 700, 2),
    R(B("Bouwmarkt Hoogland", "03", "Schappen vullen, kassa, buitenterrein"),
      "Hooglandseweg-Noord 2", "3828 PB", "Hoogland", 2),
    R(B("Hoveniersbedrijf Groenrijk", "04", "Snoeien, onkruid wieden, bestrating vegen", True),
      "Zevenhuizerstraat 201", "3833 CA", "Leusden", None, 500, 2, True),
    R(B("Tuincentrum De Wilgenhoek", "04", "Planten verzorgen, kassen opruimen"),
      "Amersfoortseweg 50", "3751 LK", "Bunschoten-Spakenburg", 3),
    R(B("Kwekerij De Vallei", "04", "Stekken, potten, oogsten"),
      "Barneveldseweg 12", "3862 PT", "Nijkerk", 2, -200, 1),
    R(B("Zorgboerderij De Hooiberg", "04", "Dieren voeren, stallen uitmesten, moestuin"),
      "Hessenweg 45", "3931 MK", "Woudenberg", 6, None, 2, True, "", True),
    R(B("Distributiecentrum Waalhaven", "05", "Orderpicken, inpakken, retouren", True, True),
      "Databankweg 20", "3821 AL", "Amersfoort", None, 1000, 2, True),
    R(B("Transportbedrijf Gebr. Mulder", "05", "Magazijn opruimen, lading controleren"),
      "Ambachtsweg 8", "3771 MG", "Barneveld", 2),
    R(B("Koeriersdienst Snelweg", "05", "Pakketten sorteren, scannen, bus laden"),
      "Basicweg 14", "3821 BR", "Amersfoort", 2, None, 1, False,
      "Herhaaldelijk geen begeleiding op de werkvloer; leerling alleen in de bus gezet."),
    R(B("Fietsenmaker Trapkracht", "06", "Banden plakken, fietsen afstellen", True),
      "Kamp 33", "3811 AP", "Amersfoort", None, 650, 1, True),
    R(B("Autobedrijf Van Dam", "06", "Auto's wassen, banden wisselen, werkplaats vegen", True),
      "Kruiskamp 70", "3815 AT", "Amersfoort", 3, 365, 2),
    R(B("Installatiebedrijf Warmtewacht", "06", "Materiaal klaarleggen, meelopen bij service"),
      "Vanadiumweg 5", "3812 PX", "Amersfoort", 2),
    R(B("Gemeentewerf Soest", "06", "Onderhoud gereedschap, strooiwagen klaarmaken"),
      "Nieuwerhoek 9", "3763 LA", "Soest", 3, -20, 1),
    R(B("Metaalbewerking Staalhart", "07", "Onderdelen ontbramen, zagen, lassen", True, True),
      "Hamseweg 21", "3828 AC", "Hoogland", None, 540, 2, True),
    R(B("Meubelmakerij Het Houten Huis", "07", "Schuren, lakken, montage van kasten"),
      "Printerweg 11", "3821 AP", "Amersfoort", 2),
    R(B("Kunststoffen Eemvallei", "07", "Machines bijvullen, producten controleren"),
      "Energieweg 30", "3771 NA", "Barneveld", 4, None, 1),
    R(B("Broodfabriek Goudkorst", "08", "Inpakken, lijnwerk, hygiënecontrole", True),
      "Wattstraat 40", "3861 PN", "Nijkerk", None, 820, 2, True),
    R(B("Zuivelboerderij De Klaver", "08", "Kaas keren, verpakken, schoonmaak melkstal"),
      "Slichtenhorsterweg 3", "3862 ZK", "Nijkerk", 2),
    R(B("Vleeswarenfabriek Gelders Vlees", "08", "Etiketteren, dozen vouwen, koelcel"),
      "Harselaarseweg 60", "3771 MB", "Barneveld", 3, -300, 1),
    R(B("Bouwbedrijf Stevig & Zonen", "09", "Sjouwen, opruimen, metselwerk", True, True),
      "Neonweg 16", "3812 RG", "Amersfoort", None, 480, 2, True),
    R(B("Stratenmakers Klinker", "09", "Zand aanvoeren, klinkers leggen"),
      "Wagenmakerstraat 2", "3861 RR", "Nijkerk", 3),
    R(B("Schildersbedrijf Kleurrijk", "09", "Afplakken, schuren, grondverf", True),
      "Hogeweg 99", "3814 CE", "Amersfoort", 2, 260, 1),
    R(B("Beveiliging Waakzaam", "10", "Toegangscontrole, rondes lopen, camerabeelden", True),
      "Computerweg 1", "3821 AB", "Amersfoort", None, 700, 2, True),
    R(B("Stadstoezicht Parkeerbeheer", "10", "Meelopen met handhavers, fietsen labelen"),
      "Stadhuisplein 1", "3811 LM", "Amersfoort", 2),
    R(B("Evenementenbeveiliging Eemland", "10", "Kaartcontrole, parkeerterrein, garderobe"),
      "Dodeweg 6", "3832 RD", "Leusden", 4, None, 1),
    R(B("Dagbesteding De Werkplaats", DAGBESTEDING, "Hout bewerken, kaarsen maken, winkel"),
      "Schothorsterlaan 24", "3822 NC", "Amersfoort", 5, None, 1, True, "", True),
    R(B("Kringloop Tweede Kans", "03", "Spullen sorteren, prijzen, winkel inrichten"),
      "Smallepad 30", "3811 MG", "Amersfoort", 4, None, 2),
    R(B("Fietsverhuur Heuvelrug", "06", "Fietsen poetsen, verhuur, kleine reparaties"),
      "Stationsplein 4", "3743 KK", "Baarn", 2, 180, 1),
    R(B("Golfbaan De Hoge Dijk", "04", "Greens maaien, bunkers harken, materiaal"),
      "Golfweg 2", "3871 KB", "Hoevelaken", 2),
)  # fmt: skip
del R, B
FUNCTIES = ("Praktijkopleider", "Teamleider", "Bedrijfsleider", "Leermeester", "Eigenaar")


def bedrijven_in(sector: str, *, erkend: bool = False) -> tuple[Bedrijf, ...]:
    """The companies a demo placement in `sector` may be at (Entree: `erkend`); never the
    geblokkeerd one."""
    return tuple(
        r.bedrijf
        for r in REGISTER
        if r.bedrijf.sector == sector and not r.geblokkeerd and (r.bedrijf.erkend or not erkend)
    )


def registreren(sessions: sessionmaker[Session], clock: Clock, vandaag: date, door: Actor) -> None:
    """Put the register in the demo's database, through the register's use cases."""
    for i, r in enumerate(REGISTER):
        b = r.bedrijf
        sectoren = [
            b.sector,
            *([DAGBESTEDING] if r.dagbesteding and b.sector != DAGBESTEDING else []),
        ]
        erkenning: dict[str, Any] = {}
        if r.erkenning_dagen is not None:
            erkenning = {
                "erkenning_nummer": f"SBB-{100200 + 37 * i}",
                "erkenning_sectoren": [b.sector],
                "erkenning_geldig_tot": vandaag + timedelta(days=r.erkenning_dagen),
            }
        bedrijf_id = bedrijven.registreer(
            sessions,
            {
                "naam": b.naam,
                "adres": r.adres,
                "postcode": r.postcode,
                "plaats": r.plaats,
                "sectoren": sectoren,
                "telefoon": f"033-{4610000 + 7919 * i % 99999:07d}"[:11],
                "capaciteit": r.capaciteit,
                **erkenning,
            },
            actor=door,
            clock=clock,
        )
        for n in range(r.begeleiders):
            voornaam = VOORNAMEN[(3 * i + 11 * n) % len(VOORNAMEN)]
            achternaam = ACHTERNAMEN[(5 * i + 7 * n) % len(ACHTERNAMEN)]
            gegevens = {
                "naam": f"{voornaam} {achternaam}",
                "functie": FUNCTIES[(i + n) % len(FUNCTIES)],
                "opgeleid": r.opgeleid and n == 0,
            }
            bedrijven.voeg_praktijkbegeleider_toe(
                sessions, bedrijf_id, gegevens, actor=door, clock=clock
            )
        if r.geblokkeerd:
            status = {"status": "geblokkeerd", "reden": r.geblokkeerd, "version": 1}
            bedrijven.zet_status(sessions, bedrijf_id, status, actor=door, clock=clock)


def plaats_bij(
    sessions: sessionmaker[Session], kandidaten: tuple[Bedrijf, ...], gekozen: Bedrijf
) -> tuple[Bedrijf, dict[str, Any]]:
    """The drawn company, or, when its places are taken, the next candidate with a place (in
    the sector's order, so the random draws stay the same); with the placement's fields that
    name the company and its first praktijkbegeleider."""
    start = kandidaten.index(gekozen)
    with sessions() as session:
        for bedrijf in kandidaten[start:] + kandidaten[:start]:
            rij = rijen.bedrijf_met_sleutel(session, naam_sleutel(bedrijf.naam))
            assert rij is not None, bedrijf.naam
            bezet = rijen.lopende_plaatsingen_bij(session, rij.id)
            if vrije_plaatsen(rij.capaciteit, bezet) != 0:
                begeleiders = rijen.praktijkbegeleiders_van(session, rij.id)
                velden = {
                    "stagebedrijf_id": rij.id,
                    "praktijkbegeleider_id": begeleiders[0].id if begeleiders else None,
                }
                return bedrijf, velden
    raise AssertionError(f"Demo: geen stageplaats vrij in sector {gekozen.sector}")
