"""Entree (mbo-1): bindend studieadvies, 650 uren and the praktijkexamen (beleidsplan 5.2)."""

from __future__ import annotations

from datetime import date

# the module, not its names: trajectory.domain.uren imports from this package in turn
from trajectory.domain import uren as urenlijst
from trajectory.domain.datums import maandnaam
from trajectory.domain.schooljaar import in_schooljaar_van
from trajectory.domain.snapshot import Snapshot
from trajectory.guards.verdict import guard


def _stand(getal: float) -> str:
    return f"{getal:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


@guard
def studieadvies_in_december(s: Snapshot, op: date) -> str | None:
    december = in_schooljaar_van(op, s.beleid.studieadvies_vanaf_maand)
    if op < december:
        vanaf = f"{december.day} {maandnaam(december.month)}"
        return f"Het bindend studieadvies wordt gegeven vanaf {vanaf} ({december:%d-%m-%Y})."
    return None


@guard
def studieadvies_vastgelegd(s: Snapshot, op: date) -> str | None:
    if s.laatste("studieadvies") is None:
        return "Het bindend studieadvies is nog niet vastgelegd."
    return None


@guard
def uren_650(s: Snapshot, op: date) -> str | None:
    """Beleidsplan 5.2: "minimaal 650 stage/werkuren gedurende dit opleidingsjaar", every
    Entree placement of the year together (trajectory/domain/uren.py)."""
    uren, nodig = urenlijst.entree_totaal(s, op), s.beleid.entree_uren_examen
    if uren < nodig:
        begin, einde = urenlijst.opleidingsjaar(s, op)
        wacht = urenlijst.niet_goedgekeurd(s, op)
        return (
            f"Er zijn in het opleidingsjaar ({begin:%d-%m-%Y} t/m {einde:%d-%m-%Y}) "
            f"{_stand(uren)} stage-uren geregistreerd; voor het examen zijn er {nodig:g} nodig."
        ) + (
            f" Nog {_stand(wacht)} uur wacht op goedkeuring door de praktijkbegeleider."
            if wacht
            else ""
        )
    return None


@guard
def stage_voldoende(s: Snapshot, op: date) -> str | None:
    plaatsing = s.lopende_plaatsing
    if plaatsing is None:
        return "Er is geen lopende Entree-stage."
    beoordelingen = [
        r
        for r in s.records_van("beoordeling", plaatsing_id=plaatsing.id)
        if r.data.get("soort") in ("tussentijds", "stagebeoordeling")
    ]
    if not beoordelingen:
        return "De Entree-stage is nog niet beoordeeld."
    laatste = max(enumerate(beoordelingen), key=lambda p: (p[1].datum, p[0]))[1]
    if laatste.data.get("uitslag") != "voldoende":
        return "De laatste beoordeling van de Entree-stage is onvoldoende."
    return None


@guard
def studieadvies_positief(s: Snapshot, op: date) -> str | None:
    advies = s.laatste("studieadvies")
    if advies is None or not advies.data.get("positief"):
        return "Voor het examen is een positief bindend studieadvies nodig."
    return None


@guard
def vanaf_mei(s: Snapshot, op: date) -> str | None:
    """From May of the Entree year on (a herkansing after the summer stays possible; after a
    verlenging, May of the opleidingsjaar it stretches)."""
    plaatsing = s.lopende_plaatsing
    begonnen = min(plaatsing.startdatum if plaatsing else op, urenlijst.opleidingsjaar(s, op)[0])
    mei = in_schooljaar_van(begonnen, s.beleid.examen_vanaf_maand)
    if op < mei:
        maand = maandnaam(mei.month)
        return f"Aanmelden voor het praktijkexamen kan vanaf {maand} ({mei:%d-%m-%Y})."
    return None


@guard
def examenresultaat_vastgelegd(s: Snapshot, op: date) -> str | None:
    if s.laatste("examenresultaat") is None:
        return "De uitslag van het praktijkexamen is nog niet vastgelegd."
    return None
