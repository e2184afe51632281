"""What an accepted transition changes besides the state: pure, as data.

The store applies a `Wijzigingen` in the same database transaction as the state
change and the audit event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from trajectory.domain.snapshot import Snapshot
from trajectory.domain.wijzigingen import Wijzigingen
from trajectory.guards.groepsstage import gekozen_dagdelen

Effect = Callable[[Snapshot, str, date], Wijzigingen]
GROEPSSTAGE_LOCATIE = "Groepsstage De Viaan"  # where the school's groepsstage runs


def _lopende(s: Snapshot, **wijziging: Any) -> dict[int, dict[str, Any]]:
    plaatsing = s.lopende_plaatsing
    return {plaatsing.id: wijziging} if plaatsing else {}


def _groepsstage(s: Snapshot, dest: str, op: date) -> Wijzigingen:
    return Wijzigingen(
        nieuwe_plaatsingen=(
            {
                "soort": "groepsstage",
                "status": "lopend",
                "bedrijf": GROEPSSTAGE_LOCATIE,
                "startdatum": op,
                "dagdelen": list(gekozen_dagdelen(s)),
            },
        )
    )


def _naar_orientatie(s: Snapshot) -> dict[str, Any]:
    """The voorlopig advies closes leerjaar 2: what follows is the Oriëntatie of leerjaar 3.
    Also for a leerling entered as Entree: Entree comes later, through `entree_starten`."""
    return {"leerjaar": "3"} if s.leerjaar in ("1", "2", "entree") else {}


def _advies_zelfstandig(s: Snapshot, dest: str, op: date) -> Wijzigingen:
    return Wijzigingen(leerling=_naar_orientatie(s))


def _advies_groepsstage(s: Snapshot, dest: str, op: date) -> Wijzigingen:
    return replace(_groepsstage(s, dest, op), leerling=_naar_orientatie(s))


def _start(s: Snapshot, dest: str, op: date) -> Wijzigingen:
    plaatsing = s.geplande_plaatsing
    if plaatsing is None:  # only when a teamleider overrode plaatsing_gepland
        return Wijzigingen()
    vervallen = {
        p.id: {"status": "vervallen"}
        for p in s.plaatsingen
        if p.status == "gepland" and p.id != plaatsing.id
    }
    return Wijzigingen(plaatsingen={**vervallen, plaatsing.id: {"status": "lopend", "soort": dest}})


def _afronden(s: Snapshot, dest: str, op: date) -> Wijzigingen:
    return Wijzigingen(plaatsingen=_lopende(s, status="afgerond", einddatum=op))


def _periode(s: Snapshot, dest: str, op: date) -> Wijzigingen:
    plaatsing = s.lopende_plaatsing
    if plaatsing is None:
        return Wijzigingen()
    return Wijzigingen(
        plaatsingen={plaatsing.id: {"perioden_afgerond": plaatsing.perioden_afgerond + 1}}
    )


def _uitval(s: Snapshot, dest: str, op: date) -> Wijzigingen:
    return Wijzigingen(plaatsingen=_lopende(s, status="afgebroken", einddatum=op))


def _sector(s: Snapshot, dest: str, op: date) -> Wijzigingen:
    keuze = s.laatste("sectorkeuze")
    return Wijzigingen(
        leerling={"definitieve_sector": keuze.data["sector"] if keuze else None, "leerjaar": "4"}
    )


def _studieadvies(s: Snapshot, dest: str, op: date) -> Wijzigingen:
    return _uitval(s, dest, op) if dest == "uitstroom" else Wijzigingen()


def _examen(s: Snapshot, dest: str, op: date) -> Wijzigingen:
    return _afronden(s, dest, op) if dest == "uitstroom" else Wijzigingen()


def _uitstromen(s: Snapshot, dest: str, op: date) -> Wijzigingen:
    uitstroom = s.laatste("uitstroom")
    vertrek = uitstroom.data.get("vertrekdatum") if uitstroom else None
    return Wijzigingen(leerling={"vertrekdatum": date.fromisoformat(vertrek) if vertrek else op})


EFFECTS: dict[str, Effect] = {
    "advies_zelfstandig": _advies_zelfstandig,
    "advies_groepsstage": _advies_groepsstage,
    "opvang_groepsstage": _groepsstage,
    "stage_starten": _start,
    "naar_individueel": _afronden,
    "stage_afronden": _afronden,
    "verdieping_afronden": _afronden,
    "periode_afronden": _periode,
    "uitvallen": _uitval,
    "sector_kiezen": _sector,
    "vijfde_leerjaar": lambda s, dest, op: Wijzigingen(leerling={"leerjaar": "5"}),
    "entree_starten": lambda s, dest, op: Wijzigingen(leerling={"leerjaar": "entree"}),
    "studieadvies": _studieadvies,
    "examen_afronden": _examen,
    "uitstromen": _uitstromen,
}


def effects_of(trigger: str, s: Snapshot, dest: str, op: date) -> Wijzigingen:
    effect = EFFECTS.get(trigger)
    return effect(s, dest, op) if effect else Wijzigingen()
