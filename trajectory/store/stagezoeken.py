"""The companies a leerling's search reads, in one query for the whole register: persistence
only (the rules that judge the rows are in domain/bedrijven.py and domain/stagezoeken.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, String, and_, cast, false, func, or_, select, true
from sqlalchemy.orm import Session

from trajectory.store import tables as t


def passende_bedrijven(
    session: Session,
    *,
    leerling_id: int,
    sectoren: Sequence[str],
    gekozen: str | None,
    uitval_sinds: date,
) -> Sequence[t.Rij]:
    """Active companies in one of `sectoren` (all active companies when none is given), but not
    one where this leerling had an uitval that ended on or after `uitval_sinds`; each with the
    places taken now (its running current placements, other leerlingen's: the count
    `bedrijven.lopende_plaatsingen_bij` makes for one company, here in the same statement for
    every company that passes) and whether an active praktijkbegeleider is trained; whether it
    works in the `gekozen` sector, or in another of `sectoren`. The JSON lists come as their
    text (`sectoren_json`, `erkenning_json`): a register of thousands is not decoded row by row
    for the few shown."""
    # counted per company that passes the filters (an index probe on (stagebedrijf_id, status)
    # each), not grouped over every running placement of the school
    bezet = (
        select(func.count())
        .where(
            t.Plaatsing.stagebedrijf_id == t.Stagebedrijf.id,
            t.Plaatsing.status == "lopend",
            t.HUIDIGE_PLAATSING,
            t.Plaatsing.leerling_id != leerling_id,
        )
        .scalar_subquery()
    )
    opgeleid = (
        select(t.Praktijkbegeleider.id)
        .where(
            t.Praktijkbegeleider.stagebedrijf_id == t.Stagebedrijf.id,
            t.Praktijkbegeleider.opgeleid.is_(true()),
            t.Praktijkbegeleider.actief.is_(true()),
        )
        .exists()
    )
    uitval = select(t.Plaatsing.stagebedrijf_id).where(
        t.Plaatsing.leerling_id == leerling_id,
        t.Plaatsing.status == "afgebroken",
        t.HUIDIGE_PLAATSING,
        t.Plaatsing.stagebedrijf_id.is_not(None),
        or_(t.Plaatsing.einddatum.is_(None), t.Plaatsing.einddatum >= uitval_sinds),
    )
    # the sectors are a JSON list of codes ("01".."10", "dagbesteding"): a quoted code matches
    # exactly one of them, on SQLite and PostgreSQL alike
    als_tekst = cast(t.Stagebedrijf.sectoren, String)

    def in_een_van(codes: Sequence[str]) -> ColumnElement[bool]:
        return or_(*(als_tekst.like(f'%"{code}"%') for code in codes)) if codes else false()

    anders = [s for s in sectoren if s != gekozen]
    return session.execute(
        select(
            t.Stagebedrijf.id,
            t.Stagebedrijf.naam,
            t.Stagebedrijf.plaats,
            als_tekst.label("sectoren_json"),
            cast(t.Stagebedrijf.erkenning_sectoren, String).label("erkenning_json"),
            in_een_van([gekozen] if gekozen else []).label("in_gekozen"),
            in_een_van(anders).label("in_ander"),
            t.Stagebedrijf.erkenning_geldig_tot,
            t.Stagebedrijf.capaciteit,
            t.Stagebedrijf.breedtegraad,
            t.Stagebedrijf.lengtegraad,
            bezet.label("bezet"),
            opgeleid.label("opgeleid"),
        ).where(
            and_(
                t.Stagebedrijf.status == "actief",
                in_een_van(sectoren) if sectoren else true(),
                t.Stagebedrijf.id.not_in(uitval),
            )
        )
    ).all()


def eerdere_afstanden(session: Session, leerling_id: int) -> dict[int, float]:
    """Per company, the fietsafstand typed on this leerling's newest placement there."""
    rijen = session.execute(
        select(t.Plaatsing.stagebedrijf_id, t.Plaatsing.afstand_km)
        .where(
            t.Plaatsing.leerling_id == leerling_id,
            t.HUIDIGE_PLAATSING,
            t.Plaatsing.stagebedrijf_id.is_not(None),
            t.Plaatsing.afstand_km.is_not(None),
        )
        .order_by(t.Plaatsing.id)
    )
    return {bedrijf_id: km for bedrijf_id, km in rijen if bedrijf_id is not None and km is not None}


def bedrijfsnamen_van(session: Session, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    rijen = session.execute(
        select(t.Stagebedrijf.id, t.Stagebedrijf.naam).where(t.Stagebedrijf.id.in_(ids))
    )
    return {bedrijf_id: naam for bedrijf_id, naam in rijen}


def kandidaat_records(
    session: Session, leerling_id: int
) -> list[tuple[int, date, dict[str, object], int | None]]:
    """The leerling's current `kandidaat` records: (id, datum, data, door), in order."""
    rijen = session.execute(
        select(t.Vastlegging.id, t.Vastlegging.datum, t.Vastlegging.data, t.Vastlegging.door_id)
        .where(
            t.Vastlegging.leerling_id == leerling_id,
            t.Vastlegging.kind == "kandidaat",
            t.HUIDIG_RECORD,
        )
        .order_by(t.Vastlegging.datum, t.Vastlegging.id)
    )
    return [(i, d, dict(data), door) for i, d, data, door in rijen]
