"""Voorlopig advies: may the leerling do a stage on their own? (beleidsplan 2.2)

"Om zelfstandig stage te kunnen lopen moeten de leerlingen voldoen aan: de minimale
leeftijdsgrens: 14 jaar; voldoende sociale vaardigheden; een voldoende leer- werkhouding;
een positief advies van betrokken docenten; een positieve beoordeling interne stage,
externe snuffelstage en beoordeling mentor."
"""

from __future__ import annotations

from datetime import date

from trajectory.domain.snapshot import Snapshot
from trajectory.guards.verdict import guard


def _is_voldoende(s: Snapshot, soort: str) -> bool | None:
    beoordeling = s.laatste_beoordeling(soort)
    return None if beoordeling is None else beoordeling.data.get("uitslag") == "voldoende"


def _positief(s: Snapshot, soort: str, wat: str) -> str | None:
    uitslag = _is_voldoende(s, soort)
    if uitslag is None:
        return f"{wat} is nog niet vastgelegd."
    if not uitslag:
        return f"{wat} is onvoldoende."
    return None


def geplande_startdatum(s: Snapshot, op: date) -> date:
    """The start date of the voorlopig advies being decided; an opvang starts on the day."""
    advies = s.laatste("voorlopig_advies") if s.state == "stage_advies" else None
    start = advies.data.get("geplande_startdatum") if advies else None
    return date.fromisoformat(start) if isinstance(start, str) else (start or op)


def _naar_groepsstage(s: Snapshot) -> bool:
    advies = s.laatste("voorlopig_advies") if s.state == "stage_advies" else None
    return s.state == "uitgevallen" or bool(advies and advies.data.get("advies") == "groepsstage")


@guard
def minstens_14_bij_start(s: Snapshot, op: date) -> str | None:
    """Beleidsplan 2.2 and the Arbeidstijdenwet: no beroepsstage below 14; the groepsstage
    too takes place at external locations (beleidsplan 2.2, 'Verloop van de groepsstage')."""
    start = geplande_startdatum(s, op)
    leeftijd = s.leeftijd_op(start)
    if leeftijd < s.beleid.minimum_leeftijd_stage:
        wat = "de groepsstage (buiten school)" if _naar_groepsstage(s) else "zelfstandig stagelopen"
        return (
            f"Op de geplande startdatum ({start:%d-%m-%Y}) is de leerling {leeftijd} jaar; "
            f"{wat} kan vanaf {s.beleid.minimum_leeftijd_stage} jaar."
        )
    return None


@guard
def sociale_vaardigheden_voldoende(s: Snapshot, op: date) -> str | None:
    return _positief(s, "sociale_vaardigheden", "De beoordeling van de sociale vaardigheden")


@guard
def werkhouding_voldoende(s: Snapshot, op: date) -> str | None:
    return _positief(s, "werkhouding", "De beoordeling van de leer- en werkhouding")


@guard
def docentenadvies_positief(s: Snapshot, op: date) -> str | None:
    return _positief(s, "docentenadvies", "Het advies van de betrokken docenten")


@guard
def interne_stage_positief(s: Snapshot, op: date) -> str | None:
    return _positief(s, "interne_stage", "De beoordeling van de interne stage")


@guard
def snuffelstage_positief(s: Snapshot, op: date) -> str | None:
    return _positief(s, "snuffelstage", "De beoordeling van de snuffelstage")


@guard
def mentorbeoordeling_positief(s: Snapshot, op: date) -> str | None:
    return _positief(s, "mentor", "De beoordeling van de mentor")


@guard
def noa_test_twee_sectoren(s: Snapshot, op: date) -> str | None:
    test = s.laatste("noa_test")
    if test is None:
        return "De Noa interessetest is nog niet gedaan."
    if len(set(test.data.get("sectoren") or ())) != 2:
        return "De Noa interessetest moet twee voorlopige sectoren opleveren."
    return None


@guard
def vragenlijst_besproken(s: Snapshot, op: date) -> str | None:
    vragenlijst = s.laatste("vragenlijst")
    if vragenlijst is None or not vragenlijst.data.get("besproken"):
        return "De oriëntatie-vragenlijst is nog niet met de leerling besproken."
    return None
