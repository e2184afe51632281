"""The phases of the trajectory as small stories, each walking a leerling through part of a year.

A phase takes a `Verloop` and records what happens in that stretch of the school year
(beoordelingen, plaatsingen, bezoeken, uren) and fires the triggers that follow from it.
This module holds leerjaar 2 to 5 and the placement machinery; vervolg.py the later phases
(Entree, uitval, uitstroom, nazorg). Scenarios (scenarios.py) string phases together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trajectory.demo.bedrijven import bedrijven_in, plaats_bij
from trajectory.demo.overeenkomsten import aan_tafel_ondertekenen, loopt_nog, zonder_vinkjes
from trajectory.demo.school import (
    ACHTERNAMEN,
    VOORNAMEN,
    Bedrijf,
    in_schooljaar,
    schooldag,
)
from trajectory.demo.teksten import BEZOEKNOTITIES, REFLECTIES, contract, groepsstage_contract
from trajectory.demo.verloop import DemoFout, NogNiet, Verloop
from trajectory.documenten.overeenkomst import pdf_beschikbaar
from trajectory.domain.beleid import beleid_op
from trajectory.domain.bezoeken import bezoek_interval
from trajectory.domain.clock import today
from trajectory.domain.datums import jaren_later
from trajectory.domain.schooljaar import beginjaar
from trajectory.domain.snapshot import DAGDELEN
from trajectory.guards.groepsstage import BASISWERKNEMERSVAARDIGHEDEN
from trajectory.guards.voorbereiding import SNUFFELSTAGE_CRITERIA
from trajectory.store.repository import groepsstage_bezetting

Fase = Callable[[Verloop], None]
PERIODE_EINDE = ((11, 22), (2, 28), (5, 16))
WEEKDAGEN = ("ma", "di", "wo", "do", "vr")
DAGNAMEN = {"ma": "maandag", "di": "dinsdag", "wo": "woensdag", "do": "donderdag", "vr": "vrijdag"}
INTERNE_STAGE_CRITERIA = ("hygiene", "hospitality", "werktempo", "hoe_zien_anderen_jou")


@dataclass
class Agenda:
    """Dated actions of one phase, carried out in date order up to a cut-off."""

    items: list[tuple[date, int, Callable[[date], Any]]] = field(default_factory=list)

    def op(self, dag: date, actie: Callable[..., Any], wat: Any, *args: Any, **kw: Any) -> None:
        """Plan `actie(wat, dag, *args, **kw)`, e.g. `v.stap("periode_afronden", dag)`."""
        self.items.append((dag, len(self.items), lambda d: actie(wat, d, *args, **kw)))

    def afwerken(self, tot: date) -> None:
        for dag, _, actie in sorted(self.items, key=lambda item: item[:2]):
            if dag <= tot:
                actie(dag)


def _uitslag(goed: bool) -> str:
    return "voldoende" if goed else "onvoldoende"


# --- Stagevoorbereiding (leerjaar 2) -------------------------------------------------------


def interne_stage(v: Verloop) -> None:
    dag = v.datum(v.rng.choice((10, 11, 12, 1)), v.rng.randrange(5, 20))
    goed = v.profiel != "groepsstage" or v.rng.random() < 0.5
    criteria = {c: _uitslag(goed or v.rng.random() < 0.5) for c in INTERNE_STAGE_CRITERIA}
    toelichting = "Kantinedienst 9:50–14:00, beoordeeld door de kantinemedewerkster."
    v.beoordeling("interne_stage", dag, goed, criteria=criteria, toelichting=toelichting)
    v.stap("interne_stage_afronden", dag)


def kantinedienst_zonder_beoordeling(v: Verloop) -> None:
    """Tried before the kantinemedewerkster's beoordeling was in: refused, and audited."""
    v.poging("interne_stage_afronden", v.datum(5, 12))


def noa_test(v: Verloop) -> None:
    v.vastleggen("noa_test", v.datum(2, v.rng.randrange(3, 21)), sectoren=list(v.noa))


def snuffelstage(v: Verloop) -> None:
    dag = v.datum(3, v.rng.randrange(10, 28))
    goed = v.profiel != "groepsstage" or v.rng.random() < 0.5
    criteria = {c: _uitslag(goed or v.rng.random() < 0.5) for c in SNUFFELSTAGE_CRITERIA}
    toelichting = "Drie dagen in een klein groepje bij Ranzijn, onder begeleiding van school."
    v.beoordeling("snuffelstage", dag, goed, criteria=criteria, toelichting=toelichting)
    v.stap("snuffelstage_afronden", dag + timedelta(days=1))


def adviesdossier(v: Verloop) -> None:
    zelfstandig = v.profiel != "groepsstage"
    v.vastleggen("vragenlijst", v.datum(4, 8), besproken=True)
    v.beoordeling("sociale_vaardigheden", v.datum(4, 15), zelfstandig)
    v.beoordeling("werkhouding", v.datum(4, 15), zelfstandig or v.rng.random() < 0.5)
    v.beoordeling("mentor", v.datum(5, 6), v.profiel == "zelfstandig")
    v.beoordeling("docentenadvies", v.datum(5, 13), zelfstandig)


def advies_zelfstandig(v: Verloop) -> None:
    start = in_schooljaar(v.jaar + 1, 10, 1)
    motivatie = None
    if v.profiel == "twijfel":  # the mentor was not positive: "in speciale gevallen"
        motivatie = (
            "Mentor twijfelt over de zelfstandigheid, maar interne stage en snuffelstage gingen "
            "goed. Zelfstandig starten met extra stagebezoeken; evaluatie na zes weken."
        )
    v.stap(
        "advies_zelfstandig",
        v.datum(5, 20),
        {"geplande_startdatum": start},
        door=v.team.teamleider if motivatie else None,
        motivatie=motivatie,
    )


def advies_groepsstage(reden: str) -> Fase:
    """The groepsstage starts after the summer, with its stagecontract (beleidsplan 2.2)."""

    def fase(v: Verloop) -> None:
        dagdelen = kies_dagdelen(v, DAGDELEN)
        # after the summer, or for one of the youngest on the day they may (minstens_14_bij_start)
        minimum = beleid_op(v.datum(5, 20)).minimum_leeftijd_stage
        start = max(
            in_schooljaar(v.jaar + 1, 9, 1), schooldag(jaren_later(v.geboortedatum, minimum))
        )
        groepsstage_contract_opstellen(v, v.datum(5, 19), start, dagdelen)
        v.stap(
            "advies_groepsstage",
            v.datum(5, 20),
            {"reden": reden, "dagdelen": dagdelen, "geplande_startdatum": start},
        )

    return fase


def groepsstage_contract_opstellen(
    v: Verloop, dag: date, start: date, dagdelen: Iterable[str]
) -> None:
    """'Bij aanvang van de groepsstage wordt er een stagecontract opgesteld.'"""
    tijden = ", ".join(d.replace("_", " ") for d in dagdelen)
    eind = in_schooljaar(beginjaar(start), 7, 4)
    gegevens = groepsstage_contract(start, eind, tijden, v.leeftijd_op(start) < 18)
    v.vastleggen("stage_overeenkomst", dag, **gegevens)


def volgend_schooljaar(v: Verloop) -> None:
    v.jaar += 1


# --- Groepsstage -------------------------------------------------------------------------


def kies_dagdelen(v: Verloop, toegestaan: Iterable[str], aantal: int = 2) -> list[str]:
    """The emptiest dagdelen with a free place (beleidsplan 3)."""
    with v.sessions() as session:
        bezetting = groepsstage_bezetting(session, behalve_leerling=v.leerling_id)
    vrij = [d for d in toegestaan if bezetting.get(d, 0) < _plaatsen(v.vandaag)]
    if len(vrij) < aantal:
        raise DemoFout(f"Demo: groepsstage vol voor {v.naam}.")
    v.rng.shuffle(vrij)
    return sorted(sorted(vrij, key=lambda d: bezetting.get(d, 0))[:aantal], key=DAGDELEN.index)


def vrije_groepsstage(
    sessions: sessionmaker[Session], toegestaan: Iterable[str], op: date, aantal: int = 2
) -> bool:
    with sessions() as session:
        bezetting = groepsstage_bezetting(session)
    return sum(1 for d in toegestaan if bezetting.get(d, 0) < _plaatsen(op)) >= aantal


def _plaatsen(op: date) -> int:
    return beleid_op(op).groepsstage_plaatsen_per_dagdeel


def groepsstage(*, door: bool) -> Fase:
    """A year in the groepsstage: reflectiegesprekken, the ten basiswerknemersvaardigheden."""

    def fase(v: Verloop) -> None:
        agenda = Agenda()
        for week in range(6, 40, 6):
            dag = schooldag(in_schooljaar(v.jaar, 8, 26) + timedelta(weeks=week))
            agenda.op(dag, v.vastleggen, "bezoek", notitie=v.rng.choice(REFLECTIES))
        onvoldoende = set() if door else set(v.rng.sample(BASISWERKNEMERSVAARDIGHEDEN, 3))
        scores = {b: _uitslag(b not in onvoldoende) for b in BASISWERKNEMERSVAARDIGHEDEN}
        agenda.op(v.datum(2, 24), v.vastleggen, "basisvaardigheden", vaardigheden=scores)
        if door:
            agenda.op(v.datum(3, 10), v.vastleggen, "overleg", **OVERLEG_POSITIEF)
            agenda.op(v.datum(3, 14), v.stap, "naar_individueel")
        agenda.afwerken(v.datum(3, 14) if door else v.vandaag)

    return fase


OVERLEG_POSITIEF = {
    "met": "ouders_mentor_stagebegeleider",
    "uitkomst": "positief",
    "toelichting": "Ouders, mentor en stagebegeleider zien de leerling klaar voor een eigen stage.",
}


# --- Placements --------------------------------------------------------------------------


@dataclass(frozen=True)
class Werktijden:
    """One stage day of a placement's weekly rooster: the same times on each stage day."""

    start: str  # "09:00"
    eind: str
    pauze: int = 30  # minutes

    @property
    def uren(self) -> float:
        """Working hours, without the pause (what the presentielijst may hold for the day)."""
        (sh, sm), (eh, em) = (map(int, t.split(":")) for t in (self.start, self.eind))
        return (eh * 60 + em - sh * 60 - sm - self.pauze) / 60

    @property
    def tekst(self) -> str:
        return f"{self.start.lstrip('0')}–{self.eind.lstrip('0')}, {self.pauze} minuten pauze"

    def rooster(self, dagen: Iterable[str]) -> dict[str, dict[str, Any]]:
        tijden = {"start": self.start, "eind": self.eind, "pauzes": [self.pauze]}
        return {DAGNAMEN[d]: dict(tijden) for d in dagen}


# The usual stage days (DOMAIN.md), counted as beleidsplan counts them: at the company, pause
# included. All legal from 14 (at most 7 h a day, between 07:00 and 19:00, 30 minutes pause).
STAGE_I = Werktijden("09:00", "14:00")  # leerjaar 3, stage I: 2 days of 5 hours
STAGE_II = Werktijden("09:00", "15:00")  # stage II: 2 days of 6 hours
VERDIEPING = Werktijden("08:30", "15:30")  # leerjaar 4/5: 3 days of 7 hours
ENTREE = Werktijden("08:00", "16:00")  # Entree (16+): 3 days of 7.5 working hours, 22.5 a week
ENTREE_15 = Werktijden("08:00", "15:30")  # Entree at 15: 7 hours a day at most, so 21 a week


def stagedagen(v: Verloop, aantal: int) -> list[str]:
    return sorted(v.rng.sample(WEEKDAGEN, aantal), key=WEEKDAGEN.index)


def plaatsing_starten(
    v: Verloop,
    *,
    sector: str,
    start: date,
    eind: date,
    dagen: list[str],
    tijden: Werktijden,
    erkend: bool = False,
    afstand: float | None = None,
    motivatie: str | None = None,
) -> None:
    """Kennismaking, plaatsing with its weekly rooster, complete stage-overeenkomst, then
    `stage_starten`."""
    kandidaten = bedrijven_in(sector, erkend=erkend)
    bedrijf, bij = _bij_het_bedrijf(v, kandidaten, v.rng.choice(kandidaten))
    risicovol = bedrijf.risicovol and v.leeftijd_op(start) >= 16
    gepland = max(start - timedelta(days=21), today(v.clock))  # after the previous stage ended
    v.plaatsing_id = v.plaats(
        gepland,
        bedrijf=bedrijf.naam,
        sector=sector,
        startdatum=start,
        einddatum=eind,
        dagdelen=[f"{d}_{deel}" for d in dagen for deel in ("ochtend", "middag")],
        **bij,
        afstand_km=afstand or round(v.rng.uniform(1.5, 12.5), 1),
        risicovol=risicovol,
        rooster=tijden.rooster(dagen),
        **(toezicht(bedrijf) if risicovol else {}),
    )
    v.bedrijf = bedrijf
    tekst = f"{' en '.join(DAGNAMEN[d] for d in dagen)} {tijden.tekst}"
    minderjarig = v.leeftijd_op(start) < 18
    gegevens = contract(v.rng, bedrijf, start, eind, tekst, v.ondersteuning, minderjarig)
    getekend = max(start - timedelta(days=10), gepland)
    digitaal = loopt_nog(v, eind) and pdf_beschikbaar()  # without Pango: signed on paper
    if digitaal:
        gegevens = zonder_vinkjes(gegevens)
    v.vastleggen("stage_overeenkomst", getekend, plaatsing_id=v.plaatsing_id, **gegevens)
    if digitaal:
        aan_tafel_ondertekenen(v, bedrijf.naam, minderjarig)
    door = v.team.teamleider if motivatie else None
    v.stap("stage_starten", start, door=door, motivatie=motivatie)


def _bij_het_bedrijf(
    v: Verloop, kandidaten: tuple[Bedrijf, ...], gekozen: Bedrijf
) -> tuple[Bedrijf, dict[str, Any]]:
    """The drawn company of the register if it has a place (else the next that has), with its
    praktijkbegeleider; a walk that writes nothing (`proef`) keeps the draw."""
    return (gekozen, {}) if v.proef else plaats_bij(v.sessions, kandidaten, gekozen)


def toezicht(bedrijf: Bedrijf) -> dict[str, Any]:
    """Risky work: deskundig toezicht by a named adult who is directly available (beleidsplan
    5.2); the name is the company's own, the same at every run (no draw from the generator)."""
    voornaam = VOORNAMEN[len(bedrijf.naam) % len(VOORNAMEN)]
    naam = f"{voornaam} {ACHTERNAMEN[len(bedrijf.werk) % len(ACHTERNAMEN)]}"
    return {
        "deskundig_toezicht": True,
        "toezichthouder": naam,
        "toezichthouder_18_plus": True,
        "toezichthouder_direct_beschikbaar": True,
    }


def bezoeken(v: Verloop, agenda: Agenda, van: date, tot: date) -> None:
    """A stagebezoek in the leerling's interval (the policy's: 3 weeks, 2 with
    stage-ondersteuning), one series over the whole placement, so no visit is overdue."""
    stap = bezoek_interval(v.ondersteuning, beleid_op(van))
    dag = van + stap
    while dag <= tot:
        agenda.op(schooldag(dag), v.vastleggen, "bezoek", notitie=v.rng.choice(BEZOEKNOTITIES))
        dag += stap


def individuele_stage(
    nummer: int, *, afronden: bool = True, tot: tuple[int, int] | None = None, ver: bool = False
) -> Fase:
    """Leerjaar 3: stage I (Oct–Jan, 5 h/day) or stage II (Feb–May/June, 6 h/day), 2 days a week."""

    def fase(v: Verloop) -> None:
        start = v.datum(10, 7) if nummer == 1 else v.datum(2, 3)
        eind = v.datum(1, 24) if nummer == 1 else v.datum(5, 16) if afronden else v.datum(6, 13)
        tijden = STAGE_I if nummer == 1 else STAGE_II
        if v.proef and not afronden and tot is None and eind < v.vandaag:
            raise NogNiet(f"Demo: {v.naam}: de stage liep tot {eind}, niet tot vandaag.")
        motivatie = VERDER_WEG if ver else None
        plaatsing_starten(
            v,
            sector=v.noa[nummer - 1],
            start=start,
            eind=eind,
            dagen=stagedagen(v, 2),
            tijden=tijden,
            afstand=17.5 if ver else None,
            motivatie=motivatie,
        )
        agenda = Agenda()
        bezoeken(v, agenda, start, eind - timedelta(days=3))
        if afronden:
            agenda.op(eind, v.beoordeling, "stagebeoordeling", True, toelichting=_lof(v))
            agenda.op(eind, v.stap, "stage_afronden")
        agenda.afwerken(v.datum(*tot) if tot else min(eind, v.vandaag))

    return fase


def stage_zonder_handtekening(v: Verloop) -> None:
    """A late stage II: the overeenkomst lacks a parent's signature, so starting is refused."""
    start, eind = v.datum(6, 2), v.datum(7, 4)
    kandidaten = bedrijven_in(v.noa[1])
    bedrijf, bij = _bij_het_bedrijf(v, kandidaten, v.rng.choice(kandidaten))
    v.plaatsing_id = v.plaats(
        v.datum(5, 6),
        bedrijf=bedrijf.naam,
        **bij,
        sector=v.noa[1],
        startdatum=start,
        einddatum=eind,
        dagdelen=["di_ochtend", "di_middag", "do_ochtend", "do_middag"],
        afstand_km=round(v.rng.uniform(1.5, 12.5), 1),
        rooster=STAGE_II.rooster(["di", "do"]),
    )
    tijden = f"dinsdag en donderdag {STAGE_II.tekst}"
    gegevens = contract(v.rng, bedrijf, start, eind, tijden, v.ondersteuning, minderjarig=False)
    v.vastleggen("stage_overeenkomst", v.datum(5, 14), plaatsing_id=v.plaatsing_id, **gegevens)
    v.poging("stage_starten", v.datum(5, 19))


VERDER_WEG = (
    "Het bedrijf ligt 17,5 km van huis, maar de bus stopt voor de deur en ouders brengen "
    "de leerling; geen passende plek dichterbij in deze sector."
)


def _lof(v: Verloop) -> str:
    naam = v.bedrijf.naam if v.bedrijf else "het bedrijf"
    return f"Beoordeling door de praktijkbegeleider van {naam}: inzet en werkhouding voldoende."


def sector_kiezen(v: Verloop) -> None:
    v.stap("sector_kiezen", v.datum(5, 21), {"sector": v.sector})


def verdieping(
    *, perioden: int = 3, afronden: bool = True, tot: tuple[int, int] | None = None
) -> Fase:
    """Leerjaar 4/5: one placement in the definitieve sector, 3 days a week, 3 periodes."""

    def fase(v: Verloop) -> None:
        start, eind = v.datum(9, 2), v.datum(6, 27)
        plaatsing_starten(
            v,
            sector=v.sector,
            start=start,
            eind=eind,
            dagen=stagedagen(v, 3),
            tijden=VERDIEPING,
        )
        agenda = Agenda()
        bezoeken(v, agenda, start, eind)
        for periode, einde in enumerate(PERIODE_EINDE[:perioden], start=1):
            dag = v.datum(*einde)
            for nummer, weken in ((1, 4), (2, 1)):
                opdracht = {"periode": periode, "nummer": nummer, "afgerond": True}
                agenda.op(
                    dag - timedelta(weeks=weken), v.vastleggen, "praktijkopdracht", **opdracht
                )
            agenda.op(dag, v.beoordeling, "tussentijds", True, periode=periode)
            agenda.op(dag, v.stap, "periode_afronden")
        if afronden:
            agenda.op(v.datum(5, 19), v.beoordeling, "stagebeoordeling", True, toelichting=_lof(v))
            agenda.op(v.datum(5, 20), v.stap, "verdieping_afronden")
        agenda.afwerken(v.datum(*tot) if tot else v.datum(5, 20) if afronden else v.vandaag)

    return fase


def vijfde_leerjaar(v: Verloop) -> None:
    v.stap("vijfde_leerjaar", v.datum(5, 22))


def entree_starten(v: Verloop) -> None:
    v.stap("entree_starten", v.datum(5, 22))
