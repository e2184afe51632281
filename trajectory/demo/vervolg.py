"""The later phases as small stories: Entree, uitval and what follows, uitstroom and nazorg."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from trajectory.demo.fasen import (
    ENTREE,
    ENTREE_15,
    PERIODE_EINDE,
    WEEKDAGEN,
    Agenda,
    Fase,
    Werktijden,
    bezoeken,
    groepsstage_contract_opstellen,
    kies_dagdelen,
    plaatsing_starten,
    stagedagen,
)
from trajectory.demo.school import VAKANTIEWEKEN, schooldag
from trajectory.demo.teksten import AFSLUITREDENEN, NAZORG, UITVALREDENEN
from trajectory.demo.verloop import Verloop
from trajectory.domain.access import SYSTEEM
from trajectory.domain.beleid import beleid_op
from trajectory.domain.clock import today
from trajectory.domain.datums import jaren_later
from trajectory.guards.groepsstage import OPVANG_DAGDELEN_LJ45

# --- Entree ------------------------------------------------------------------------------


def entree(einde: str = "loopt", *, achter: bool = False) -> Fase:
    """The Entree year at an erkend leerbedrijf: weekly hours, studieadvies, praktijkexamen.

    einde: loopt | aangemeld | geslaagd | herkansing | negatief | uitval
    """

    def fase(v: Verloop) -> None:
        start, eind = v.datum(9, 2), v.datum(7, 4)
        dagen = stagedagen(v, 3)
        tijden = ENTREE if v.leeftijd_op(start) >= 16 else ENTREE_15
        plaatsing_starten(
            v, sector=v.sector, start=start, eind=eind, dagen=dagen, tijden=tijden, erkend=True
        )
        agenda = Agenda()
        _weekuren(v, agenda, start, v.datum(6, 26), dagen, tijden, achter)
        bezoeken(v, agenda, start, v.datum(6, 26))
        for periode, maand_dag in enumerate(PERIODE_EINDE[:2], start=1):
            agenda.op(v.datum(*maand_dag), v.beoordeling, "tussentijds", True, periode=periode)
            agenda.op(v.datum(*maand_dag), v.stap, "periode_afronden")
        advies = {"positief": einde != "negatief", "toelichting": _ADVIES[einde != "negatief"]}
        agenda.op(v.datum(12, 9), v.stap, "studieadvies", advies)
        if achter:
            agenda.op(v.datum(5, 19), v.poging, "examen_aanmelden")
        if einde in ("aangemeld", "geslaagd", "herkansing"):
            agenda.op(v.datum(5, 19), v.stap, "examen_aanmelden")
        if einde == "geslaagd":
            agenda.op(v.datum(6, 16), v.stap, "examen_afronden", {"geslaagd": True})
        if einde == "herkansing":
            agenda.op(v.datum(6, 5), v.stap, "examen_afronden", {"geslaagd": False})
            agenda.op(v.datum(6, 19), v.stap, "examen_aanmelden")
            agenda.op(v.datum(7, 3), v.stap, "examen_afronden", {"geslaagd": True})
        tot = {"negatief": v.datum(12, 9), "uitval": v.datum(4, 14), "geslaagd": v.datum(6, 16)}
        agenda.afwerken(tot.get(einde, v.datum(7, 3) if einde == "herkansing" else v.vandaag))

    return fase


_ADVIES = {
    True: "Positief: op schema voor de 650 uur, goede beoordelingen van het leerbedrijf.",
    False: "Negatief: te veel verzuim en onvoldoende voortgang; Entree past nu niet.",
}


def _weekuren(
    v: Verloop,
    agenda: Agenda,
    start: date,
    eind: date,
    dagen: list[str],
    tijden: Werktijden,
    achter: bool,
) -> None:
    """The signed stagemap every Friday: that week's stage days, one line per day, each at most
    the rooster's hours unless a toelichting says why (the presentielijst, beleidsplan 5.2)."""
    vrijdag = start + timedelta(days=(4 - start.weekday()) % 7)
    for week in itertools.count():
        if vrijdag > eind:
            break
        ziek = achter and week % 4 == 3  # behind the 21 h/week line: a sick week each month
        if vrijdag.isocalendar()[1] not in VAKANTIEWEKEN and not ziek:
            maandag = vrijdag - timedelta(days=4)
            regels = [
                _dag(v, dag, tijden.uren) for d in dagen if (dag := maandag + _WEEKDAG[d]) >= start
            ]
            agenda.op(vrijdag, v.stagemap, regels)
        vrijdag += timedelta(weeks=1)


_WEEKDAG = {d: timedelta(days=i) for i, d in enumerate(WEEKDAGEN)}
LANGER = "Langer gebleven voor de inventarisatie; afgesproken met de praktijkbegeleider."


def _dag(v: Verloop, dag: date, rooster: float) -> dict[str, Any]:
    """Mostly the rooster's hours; now and then half an hour less, or an hour more with a reason."""
    if v.rng.random() < 0.03:
        return {"datum": dag, "uren": rooster + 1, "toelichting": LANGER}
    return {"datum": dag, "uren": v.rng.choice((rooster,) * 5 + (rooster - 0.5,))}


# --- Uitval and what follows ---------------------------------------------------------------


def uitvallen(maand: int, dag: int) -> Fase:
    def fase(v: Verloop) -> None:
        code, reden = v.rng.choice(UITVALREDENEN)
        v.stap("uitvallen", v.datum(maand, dag), {"code": code, "reden": reden})

    return fase


def nieuwe_stage_zoeken(maand: int, dag: int) -> Fase:
    def fase(v: Verloop) -> None:
        v.stap("nieuwe_stage_zoeken", v.datum(maand, dag))

    return fase


def opvang_groepsstage(maand: int, dag: int) -> Fase:
    """Opvang after uitval: lj 4/5 on Thursday and Friday (beleidsplan 3)."""

    def fase(v: Verloop) -> None:
        dagdelen = kies_dagdelen(v, OPVANG_DAGDELEN_LJ45)
        groepsstage_contract_opstellen(v, v.datum(maand, dag), v.datum(maand, dag), dagdelen)
        v.stap("opvang_groepsstage", v.datum(maand, dag), {"dagdelen": dagdelen})

    return fase


def alternatief_programma(start: tuple[int, int], vervolg: str | None = None) -> Fase:
    """Integraal stappenplan with the ondersteuningsteam; evaluated after about three months."""

    def fase(v: Verloop) -> None:
        overleg = {
            "met": "ondersteuningsteam",
            "uitkomst": "positief",
            "toelichting": "Integraal stappenplan: dagritme, zorg en twee ochtenden werkervaring.",
        }
        v.stap("alternatief_starten", v.datum(*start), overleg)
        if vervolg:
            toelichting = "Stappenplan geëvalueerd met ouders, zorg en het ondersteuningsteam."
            evaluatie = {"vervolg": vervolg, "toelichting": toelichting}
            v.stap("alternatief_afronden", v.datum(4, 15), evaluatie)

    return fase


# --- Uitstroom and nazorg ----------------------------------------------------------------


BESTEMMINGEN = {
    "arbeid": "Arbeidscontract bij {bedrijf}",
    "leren": "ROC Rivierenland, BBL niveau 2",
    "dagbesteding": "Zorgboerderij De Hooiberg",
    "beschutte_arbeid": "Beschut werk bij Werkbedrijf De Waard",
}


# the Uitstroommonitor category of each bestemming above
CATEGORIE = {
    "arbeid": "arbeid",
    "leren": "bbl",
    "dagbesteding": "dagbesteding",
    "beschutte_arbeid": "beschutte_arbeid",
}


def uitstromen(profiel: str) -> Fase:
    def fase(v: Verloop) -> None:
        vertrek = v.datum(7, 7)
        dag = max(v.datum(6, 20), today(v.clock) + timedelta(days=1))  # after a herkansing
        bedrijf = v.bedrijf.naam if v.bedrijf else "een stagebedrijf"
        bestemming = BESTEMMINGEN[profiel].format(bedrijf=bedrijf)
        categorie = CATEGORIE[profiel]
        payload = {
            "profiel": profiel,
            "bestemming": bestemming,
            "vertrekdatum": vertrek,
            "categorie": categorie,
        }
        v.stap("uitstromen", dag, payload)
        v.extra["vertrek"] = vertrek
        v.extra["categorie"] = categorie

    return fase


def nazorg(tot: tuple[int, int] | None = None) -> Fase:
    """Contact about every four months, for two years after leaving (beleidsplan 7); up to
    today, or up to `tot` (month, day) in the school year the demo calls now."""

    def fase(v: Verloop) -> None:
        vertrek = v.extra["vertrek"]
        laatste = v.in_demojaar(*tot) if tot else v.vandaag
        einde = min(jaren_later(vertrek, _nazorg_jaren(v)) - timedelta(days=1), laatste)
        for n in range(1, 7):
            dag = schooldag(vertrek + timedelta(days=122 * n))
            if dag > einde:
                break
            met_wie, hoe, actie, behouden = v.rng.choice(NAZORG)
            contact = {
                "met_wie": met_wie,
                "hoe_gaat_het": hoe,
                "actie": actie,
                "bestemming_behouden": behouden,
                "categorie": v.extra["categorie"] if behouden else "geen",
            }
            v.stap("nazorg_contact", dag, contact)

    return fase


def afsluiten_na_twee_jaar(v: Verloop) -> None:
    """Fired by the scheduler two years after the leaving date."""
    v.stap("nazorg_afsluiten", jaren_later(v.extra["vertrek"], _nazorg_jaren(v)), door=SYSTEEM)


def _nazorg_jaren(v: Verloop) -> int:
    return beleid_op(v.vandaag).nazorg_jaren


def afsluiten_door_teamleider(v: Verloop) -> None:
    reden = {"reden": v.rng.choice(AFSLUITREDENEN)}
    v.stap("nazorg_afsluiten", v.in_demojaar(1, 20), reden, door=v.team.teamleider)
