"""Read-side queries: lists and details, filtered to what the actor may see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from trajectory.domain.access import BEGELEIDERS, Actor
from trajectory.domain.herinneringen import TIMER, TIMERS
from trajectory.store import tables as t


@dataclass(frozen=True)
class Filter:
    state: str | None = None
    leerjaar: str | None = None
    klas: str | None = None
    stagebegeleider_id: int | None = None
    zoek: str | None = None


def visible(query: Select, actor: Actor) -> Select:
    if actor.rol in BEGELEIDERS:
        return query.where(t.Leerling.stagebegeleider_id == actor.id)
    if actor.rol == "mentor":
        return query.where(t.Leerling.klas == actor.klas)
    if actor.rol in ("teamleider", "systeem"):
        return query
    return query.where(False)


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
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(t.Leerling.naam, t.Leerling.id).offset((page - 1) * per_page).limit(per_page)
    ).all()
    return rows, total


def audit_trail(session: Session, leerling_id: int) -> Sequence[tuple[t.AuditEvent, dict | None]]:
    query = (
        select(t.AuditEvent, t.AuditPayload.payload)
        .outerjoin(t.AuditPayload, t.AuditPayload.event_id == t.AuditEvent.id)
        .where(t.AuditEvent.leerling_id == leerling_id)
        .order_by(t.AuditEvent.id)
    )
    return [(event, payload) for event, payload in session.execute(query)]


def records_of(session: Session, leerling_id: int) -> Sequence[t.Vastlegging]:
    return session.scalars(
        select(t.Vastlegging)
        .where(t.Vastlegging.leerling_id == leerling_id)
        .order_by(t.Vastlegging.datum, t.Vastlegging.id)
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
    return [tuple(row) for row in session.execute(query.order_by(t.AuditEvent.id))]


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


@dataclass(frozen=True)
class Afspraak:
    """A pending reminder as the dashboard and the calendar feed show it."""

    id: int
    leerling_id: int
    naam: str
    klas: str | None
    soort: str
    titel: str
    verschuldigd: date
    escalatie: bool


def herinneringen_voor(session: Session, actor: Actor, van: date, tot: date) -> list[Afspraak]:
    """The actor's pending reminders due from `van` to `tot` (inclusive; with `van` in the
    past, the overdue ones too), for leerlingen the actor may see and, except for the
    teamleider who sees everything, only the kinds addressed to the actor's role."""
    soorten = [timer.soort for timer in TIMERS if _rol(actor) in timer.rollen]
    query = visible(
        select(t.Herinnering, t.Leerling.naam, t.Leerling.klas).join(
            t.Leerling, t.Leerling.id == t.Herinnering.leerling_id
        ),
        actor,
    ).where(
        t.Herinnering.status == "gepland",
        t.Herinnering.verschuldigd >= van,
        t.Herinnering.verschuldigd <= tot,
    )
    if actor.rol not in ("teamleider", "systeem"):
        query = query.where(t.Herinnering.soort.in_(soorten))
    rows = session.execute(query.order_by(t.Herinnering.verschuldigd, t.Herinnering.id))
    return [
        Afspraak(
            id=h.id,
            leerling_id=h.leerling_id,
            naam=naam,
            klas=klas,
            soort=h.soort,
            titel=TIMER[h.soort].titel if h.soort in TIMER else h.soort,
            verschuldigd=h.verschuldigd,
            escalatie=TIMER[h.soort].escalatie if h.soort in TIMER else False,
        )
        for h, naam, klas in rows
    ]


def _rol(actor: Actor) -> str:
    return "stagebegeleider" if actor.rol in BEGELEIDERS else actor.rol
