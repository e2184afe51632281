"""Routes: where a trigger with several destinations leads. Not guards: they never refuse."""

from __future__ import annotations

from datetime import date

from trajectory.domain.snapshot import Snapshot
from trajectory.guards.verdict import route


@route
def leerjaar_3(s: Snapshot, op: date) -> bool:
    return s.leerjaar in ("1", "2", "3")


@route
def leerjaar_4_of_5(s: Snapshot, op: date) -> bool:
    return s.leerjaar in ("4", "5")


@route
def leerjaar_entree(s: Snapshot, op: date) -> bool:
    return s.leerjaar == "entree"


@route
def advies_positief(s: Snapshot, op: date) -> bool:
    advies = s.laatste("studieadvies")
    return advies is None or bool(advies.data.get("positief"))


@route
def advies_negatief(s: Snapshot, op: date) -> bool:
    return not advies_positief(s, op)


@route
def geslaagd(s: Snapshot, op: date) -> bool:
    resultaat = s.laatste("examenresultaat")
    return resultaat is None or bool(resultaat.data.get("geslaagd"))


@route
def herkansing(s: Snapshot, op: date) -> bool:
    return not geslaagd(s, op)


@route
def vervolg_stage_zoeken(s: Snapshot, op: date) -> bool:
    evaluatie = s.laatste("plan_evaluatie")
    return evaluatie is None or evaluatie.data.get("vervolg") != "uitstroom"


@route
def vervolg_uitstroom(s: Snapshot, op: date) -> bool:
    return not vervolg_stage_zoeken(s, op)
