"""Read-side queries: lists and details, filtered to what the actor may see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast

from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select, text, true
from sqlalchemy.orm import Session

from trajectory.domain.actor import BEGELEIDERS, ZIET_IEDEREEN, Actor
from trajectory.machines import STATES
from trajectory.store import tables as t
from trajectory.store.herinneringen import GEPLAND, GEVUURD


@dataclass(frozen=True)
class Filter:
    state: str | None = None
    leerjaar: str | None = None
    klas: str | None = None
    stagebegeleider_id: int | None = None
    zoek: str | None = None
    lopend: bool = False  # leave out the erased and the afgesloten (unless a state is chosen)
    sorteer: str = "naam"  # a key of SORTEERBAAR
    aflopend: bool = False


def _fase_volgorde() -> ColumnElement[int]:
    return case(*((t.Leerling.state == s, i) for i, s in enumerate(STATES)), else_=len(STATES))


def _begeleider_naam() -> ColumnElement[str]:
    return (
        select(t.Gebruiker.naam)
        .where(t.Gebruiker.id == t.Leerling.stagebegeleider_id)
        .scalar_subquery()
    )


SORTEERBAAR = {  # the list's sortable columns, each in its SQL order
    "naam": lambda: t.Leerling.naam,
    "klas": lambda: t.Leerling.klas,
    "leerjaar": lambda: t.Leerling.leerjaar,
    "fase": _fase_volgorde,
    "begeleider": _begeleider_naam,
}


def zichtbaar(actor: Actor) -> ColumnElement[bool]:
    """Whether the actor may see the leerling row, in SQL: the twin of `domain.access.may_see`
    (tests/integration/test_zichtbaarheid.py holds the two to the same answers)."""
    if actor.rol in ZIET_IEDEREEN:
        return true()
    if actor.rol in BEGELEIDERS and actor.id is not None:
        return t.Leerling.stagebegeleider_id == actor.id
    if actor.rol == "mentor" and actor.klas is not None:
        return t.Leerling.klas == actor.klas
    return false()


def visible(query: Select, actor: Actor) -> Select:
    """The query narrowed to the leerlingen the actor may see."""
    if actor.rol in ZIET_IEDEREEN:
        return query
    return query.where(zichtbaar(actor))


def list_leerlingen(
    session: Session, actor: Actor, filt: Filter, *, page: int, per_page: int
) -> tuple[Sequence[t.Leerling], int]:
    query = visible(select(t.Leerling), actor)
    if filt.state:
        query = query.where(t.Leerling.state == filt.state)
    if filt.leerjaar:
        query = query.where(t.Leerling.leerjaar == filt.leerjaar)
    if filt.klas:
        query = query.where(t.Leerling.klas == filt.klas)
    if filt.stagebegeleider_id:
        query = query.where(t.Leerling.stagebegeleider_id == filt.stagebegeleider_id)
    if filt.zoek:
        pattern = f"%{filt.zoek.lower()}%"
        query = query.where(or_(func.lower(t.Leerling.naam).like(pattern)))
    if filt.lopend:
        query = query.where(t.Leerling.gewist.is_(None))
        if not filt.state:
            query = query.where(t.Leerling.state != "afgesloten")
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    kolom = SORTEERBAAR.get(filt.sorteer, SORTEERBAAR["naam"])()
    volgorde = [kolom.desc() if filt.aflopend else kolom.asc(), t.Leerling.naam, t.Leerling.id]
    query = query.order_by(*volgorde)
    if per_page:
        query = query.offset((page - 1) * per_page).limit(per_page)
    rows = session.scalars(query).all()
    return rows, total


def audit_trail(session: Session, leerling_id: int) -> Sequence[tuple[t.AuditEvent, dict | None]]:
    query = (
        select(t.AuditEvent, t.AuditPayload.payload)
        .outerjoin(t.AuditPayload, t.AuditPayload.event_id == t.AuditEvent.id)
        .where(t.AuditEvent.leerling_id == leerling_id)
        .order_by(t.AuditEvent.id)
    )
    return [(event, payload) for event, payload in session.execute(query)]


def genomen_stappen(session: Session, leerling_id: int) -> Sequence[tuple[str, str, str, str]]:
    """The leerling's accepted transitions (trigger, van, naar, tijd), in order."""
    query = (
        select(t.AuditEvent.trigger, t.AuditEvent.van, t.AuditEvent.naar, t.AuditEvent.tijd)
        .where(t.AuditEvent.leerling_id == leerling_id, t.AuditEvent.soort == "overgang")
        .order_by(t.AuditEvent.id)
    )
    return cast(list[tuple[str, str, str, str]], [tuple(r) for r in session.execute(query)])


def records_of(session: Session, leerling_id: int) -> Sequence[t.Vastlegging]:
    return session.scalars(
        select(t.Vastlegging)
        .where(t.Vastlegging.leerling_id == leerling_id)
        .order_by(t.Vastlegging.datum, t.Vastlegging.id)
    ).all()


def vastleggingen_van(session: Session, leerling_id: int) -> Sequence[t.Rij]:
    """Every record of the leerling, struck-through ones too, in the order they were stored,
    as plain rows: kind, datum, data, plaatsing_id and id first (a `Record`'s fields, so the
    current ones make the snapshot without reading them again), then vervallen and its reden.
    The leerling page lists hundreds of them; ORM objects cost it more than the query."""
    return session.execute(
        select(
            t.Vastlegging.kind,
            t.Vastlegging.datum,
            t.Vastlegging.data,
            t.Vastlegging.plaatsing_id,
            t.Vastlegging.id,
            t.Vastlegging.vervallen,
            t.Vastlegging.vervallen_reden,
        )
        .where(t.Vastlegging.leerling_id == leerling_id)
        .order_by(t.Vastlegging.id)
    ).all()


def plaatsingen_of(session: Session, leerling_id: int) -> Sequence[t.Plaatsing]:
    return session.scalars(
        select(t.Plaatsing).where(t.Plaatsing.leerling_id == leerling_id).order_by(t.Plaatsing.id)
    ).all()


def overgangen(
    session: Session,
    leerling_ids: Sequence[int] | Select | None = None,
    van: str | None = None,
    tot: str | None = None,
) -> Sequence[tuple[int | None, str, str, str]]:
    """Accepted transitions (leerling, trigger, from, to) in the order they happened.

    `van` / `tot` are ISO dates (inclusive) on the audit event's UTC time.
    """
    query = select(
        t.AuditEvent.leerling_id, t.AuditEvent.trigger, t.AuditEvent.van, t.AuditEvent.naar
    ).where(t.AuditEvent.soort == "overgang")
    if leerling_ids is not None:
        query = query.where(t.AuditEvent.leerling_id.in_(leerling_ids))
    if van:
        query = query.where(t.AuditEvent.tijd >= van)
    if tot:
        query = query.where(t.AuditEvent.tijd < f"{tot}T99")  # the whole last day
    rows = [tuple(row) for row in session.execute(query.order_by(t.AuditEvent.id))]
    return cast(list[tuple[int | None, str, str, str]], rows)  # an overgang names all three


def pad_gebeurtenissen(
    session: Session, leerling_id: int
) -> Sequence[tuple[str, str | None, str | None, str | None, bool]]:
    """A leerling's steps and refused steps in order: (soort, trigger, van, naar, override)."""
    query = (
        select(
            t.AuditEvent.soort,
            t.AuditEvent.trigger,
            t.AuditEvent.van,
            t.AuditEvent.naar,
            t.AuditEvent.override,
        )
        .where(
            t.AuditEvent.leerling_id == leerling_id,
            t.AuditEvent.soort.in_(("overgang", "weigering")),
        )
        .order_by(t.AuditEvent.id)
    )
    return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


# one index probe per class (index leerling(klas)) instead of reading every leerling: the
# "loose index scan" PostgreSQL and SQLite do not do by themselves for DISTINCT
ALLE_KLASSEN = text(
    "WITH RECURSIVE k(klas) AS ("
    " SELECT min(klas) FROM leerling"
    " UNION ALL"
    " SELECT (SELECT min(l.klas) FROM leerling l WHERE l.klas > k.klas) FROM k"
    " WHERE k.klas IS NOT NULL"
    ") SELECT klas FROM k WHERE klas IS NOT NULL"
)


def klassen(session: Session, actor: Actor) -> list[str]:
    """The classes of the leerlingen the actor may see (the overview's filter)."""
    if actor.rol in ZIET_IEDEREEN:
        return sorted(session.scalars(ALLE_KLASSEN))
    query = visible(select(t.Leerling.klas).distinct(), actor).where(t.Leerling.klas.is_not(None))
    return sorted(session.scalars(query))


def mentorklassen(session: Session) -> list[str]:
    """The classes an active mentor account belongs to."""
    query = select(t.Gebruiker.klas).where(
        t.Gebruiker.rol == "mentor", t.Gebruiker.actief, t.Gebruiker.klas.is_not(None)
    )
    return sorted(set(session.scalars(query)))


def begeleiders(session: Session) -> Sequence[tuple[int, str]]:
    """The active stagebegeleiders, for a filter or to assign imported leerlingen to."""
    return session.execute(
        select(t.Gebruiker.id, t.Gebruiker.naam)
        .where(t.Gebruiker.rol.in_(BEGELEIDERS), t.Gebruiker.actief)
        .order_by(t.Gebruiker.naam)
    ).all()


def per_state(session: Session, actor: Actor) -> dict[str, int]:
    """How many of the actor's leerlingen stand in each state."""
    query = visible(select(t.Leerling.state, func.count()).group_by(t.Leerling.state), actor)
    return {state: aantal for state, aantal in session.execute(query)}


def ongelezen(session: Session, actor: Actor) -> int:
    if actor.id is None:
        return 0
    return (
        session.scalar(
            select(func.count())
            .select_from(t.Melding)
            .where(t.Melding.ontvanger_id == actor.id, t.Melding.gelezen.is_(None))
        )
        or 0
    )


def herinneringen_tussen(
    session: Session, actor: Actor, van: date, tot: date, soorten: Sequence[str] | None = None
) -> Sequence[tuple[t.Herinnering, str, str | None]]:
    """Pending reminders due from `van` to `tot` (inclusive) of the leerlingen the actor may
    see, with the leerling's name and class; of the timers addressed by role only `soorten`
    unless that is None. An owned reminder (a logbook follow-up) is its owner's only, and
    stays theirs after it fired until it is marked done."""
    per_rol = and_(t.Herinnering.eigenaar_id.is_(None), t.Herinnering.status == GEPLAND)
    if soorten is not None:
        per_rol = and_(per_rol, t.Herinnering.soort.in_(soorten))
    eigen = (
        and_(
            t.Herinnering.eigenaar_id == actor.id,
            t.Herinnering.status.in_((GEPLAND, GEVUURD)),
        )
        if actor.id is not None
        else false()
    )
    query = visible(
        select(t.Herinnering, t.Leerling.naam, t.Leerling.klas).join(
            t.Leerling, t.Leerling.id == t.Herinnering.leerling_id
        ),
        actor,
    ).where(
        or_(per_rol, eigen),
        t.Herinnering.verschuldigd >= van,
        t.Herinnering.verschuldigd <= tot,
    )
    rows = session.execute(query.order_by(t.Herinnering.verschuldigd, t.Herinnering.id))
    return [(h, naam, klas) for h, naam, klas in rows]
