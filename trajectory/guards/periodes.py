"""Periodes of verdieping and Entree: tussentijdse beoordeling, praktijkopdrachten."""

from __future__ import annotations

from datetime import date

from trajectory.domain.snapshot import Snapshot
from trajectory.guards.verdict import guard


def huidige_periode(s: Snapshot) -> int:
    plaatsing = s.lopende_plaatsing
    return (plaatsing.perioden_afgerond if plaatsing else 0) + 1


@guard
def periode_open(s: Snapshot, op: date) -> str | None:
    """A placement year has three periodes; after the third there is none left to close."""
    perioden = s.beleid.perioden_verdieping
    if huidige_periode(s) > perioden:
        return f"Alle {perioden} periodes zijn al afgerond."
    return None


@guard
def tussentijdse_beoordeling_vastgelegd(s: Snapshot, op: date) -> str | None:
    plaatsing = s.lopende_plaatsing
    if plaatsing is None:
        return "Er is geen lopende stage."
    periode = huidige_periode(s)
    if s.laatste_beoordeling("tussentijds", plaatsing_id=plaatsing.id, periode=periode) is None:
        return f"De tussentijdse beoordeling van periode {periode} is nog niet vastgelegd."
    return None


@guard
def praktijkopdrachten_gedaan(s: Snapshot, op: date) -> str | None:
    plaatsing = s.lopende_plaatsing
    if plaatsing is None:
        return "Er is geen lopende stage."
    periode = huidige_periode(s)
    gedaan = {
        r.data.get("nummer")
        for r in s.records_van("praktijkopdracht", plaatsing_id=plaatsing.id, periode=periode)
        if r.data.get("afgerond")
    }
    nodig = s.beleid.praktijkopdrachten_per_periode
    if len(gedaan) < nodig:
        return f"In periode {periode} zijn {len(gedaan)} van de {nodig} praktijkopdrachten gedaan."
    return None


@guard
def drie_perioden_afgerond(s: Snapshot, op: date) -> str | None:
    plaatsing = s.lopende_plaatsing
    afgerond = plaatsing.perioden_afgerond if plaatsing else 0
    nodig = s.beleid.perioden_verdieping
    if afgerond < nodig:
        return f"Er zijn {afgerond} van de {nodig} periodes afgerond."
    return None
