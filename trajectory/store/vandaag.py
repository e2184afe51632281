"""Read-side queries of the dashboard: my leerlingen per state, uitgevallen, notifications and
the visits and beoordelingen that are due, all filtered to what the actor may see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, exists, func, select, union_all
from sqlalchemy.orm import Session

from trajectory import bezoeken
from trajectory.access import Actor
from trajectory.machines import STATES
from trajectory.store import tables as t
from trajectory.store.queries import herinneringen_voor, per_state, visible


@dataclass(frozen=True)
class LeerlingRegel:
    id: int
    naam: str
    leerjaar: str
    klas: str | None
    state: str


@dataclass(frozen=True)
class Groep:
    state: str
    leerlingen: tuple[LeerlingRegel, ...]  # the first few, by name
    totaal: int


@dataclass(frozen=True)
class Uitgevallen:
    leerling: LeerlingRegel
    sinds: date | None  # from the audit trail: the transition into `uitgevallen`


@dataclass(frozen=True)
class Taak:
    """Something due for a leerling. The reminders of the timers issue map onto this shape."""

    leerling_id: int
    naam: str
    wat: str
    datum: date
    te_laat: bool


KOLOMMEN = (t.Leerling.id, t.Leerling.naam, t.Leerling.leerjaar, t.Leerling.klas, t.Leerling.state)


def regel(row: Sequence) -> LeerlingRegel:  # type: ignore[type-arg]
    return LeerlingRegel(*row[:5])


def groepen(session: Session, actor: Actor, per_groep: int = 25) -> list[Groep]:
    """Per state the first `per_groep` leerlingen by name: one statement, a UNION ALL of one
    small indexed query per state (index leerling(state, naam, id)), fast at 30,000."""
    totalen = per_state(session, actor)
    if not totalen:
        return []
    delen = [
        visible(select(*KOLOMMEN), actor)
        .where(t.Leerling.state == state)
        .order_by(t.Leerling.naam, t.Leerling.id)
        .limit(per_groep)
        .subquery()
        for state in totalen
    ]
    rows = session.execute(union_all(*(select(deel) for deel in delen))).all()
    per: dict[str, list[LeerlingRegel]] = {state: [] for state in STATES if state in totalen}
    for row in rows:
        per[row.state].append(regel(row))
    return [Groep(state, tuple(per[state]), totalen[state]) for state in per]


def uitgevallen(session: Session, actor: Actor, limit: int = 200) -> list[Uitgevallen]:
    sinds = (
        select(func.max(t.AuditEvent.tijd))
        .where(
            t.AuditEvent.leerling_id == t.Leerling.id,
            t.AuditEvent.soort == "overgang",
            t.AuditEvent.naar == "uitgevallen",
        )
        .scalar_subquery()
    )
    query = visible(select(*KOLOMMEN, sinds.label("sinds")), actor).where(
        t.Leerling.state == "uitgevallen"
    )
    rows = session.execute(query.order_by("sinds", t.Leerling.id).limit(limit)).all()
    return [
        Uitgevallen(regel(row), date.fromisoformat(row.sinds[:10]) if row.sinds else None)
        for row in rows
    ]


def ongelezen_meldingen(session: Session, actor: Actor, limit: int = 50) -> Sequence[t.Melding]:
    if actor.id is None:
        return []
    return session.scalars(
        select(t.Melding)
        .where(t.Melding.ontvanger_id == actor.id, t.Melding.gelezen.is_(None))
        .order_by(t.Melding.id.desc())
        .limit(limit)
    ).all()


def bezoeken_te_doen(session: Session, actor: Actor, op: date, limit: int = 100) -> list[Taak]:
    """Running placements whose next stagebezoek is overdue or due within a week.

    Derived from the records (the last `bezoek` of the placement, else its start), not from
    the reminders: a fired visit reminder leaves the table, but the visit is still overdue
    until a `bezoek` is recorded.
    """
    laatste = (
        select(func.max(t.Vastlegging.datum))
        .where(
            t.Vastlegging.leerling_id == t.Leerling.id,
            t.Vastlegging.kind == "bezoek",
            t.Vastlegging.plaatsing_id == t.Plaatsing.id,
        )
        .scalar_subquery()
    )
    vanaf = func.coalesce(laatste, t.Plaatsing.startdatum)
    grens = case(
        (t.Leerling.stage_ondersteuning, bezoeken.uiterste_laatste_bezoek(op, True)),
        else_=bezoeken.uiterste_laatste_bezoek(op, False),
    )
    query = (
        visible(select(t.Leerling.id, t.Leerling.naam, t.Leerling.stage_ondersteuning), actor)
        .add_columns(t.Plaatsing.startdatum, laatste.label("laatste"))
        .join(t.Plaatsing, t.Plaatsing.leerling_id == t.Leerling.id)
        .where(
            t.Plaatsing.status == "lopend",
            t.Plaatsing.soort.in_(bezoeken.BEZOCHTE_STAGES),
            vanaf <= grens,
        )
        .order_by(vanaf, t.Leerling.id)
        .limit(limit)
    )
    taken = []
    for leerling_id, naam, ondersteuning, start, vorige in session.execute(query):
        datum = bezoeken.volgend_bezoek(vorige, start, ondersteuning)
        wat = "Stagebezoek" + (" (stage-ondersteuning)" if ondersteuning else "")
        taken.append(Taak(leerling_id, naam, wat, datum, datum < op))
    return taken


def eindbeoordelingen_te_doen(
    session: Session, actor: Actor, op: date, limit: int = 100
) -> list[Taak]:
    """Running placements that end within two weeks (or ended) without a stagebeoordeling."""
    beoordeeld = exists().where(
        t.Vastlegging.plaatsing_id == t.Plaatsing.id,
        t.Vastlegging.kind == "beoordeling",
        t.Vastlegging.data["soort"].as_string() == "stagebeoordeling",
    )
    query = (
        visible(select(t.Leerling.id, t.Leerling.naam), actor)
        .add_columns(t.Plaatsing.einddatum)
        .join(t.Plaatsing, t.Plaatsing.leerling_id == t.Leerling.id)
        .where(
            and_(t.Plaatsing.status == "lopend", t.Plaatsing.soort.in_(bezoeken.BEZOCHTE_STAGES)),
            t.Plaatsing.einddatum <= op + bezoeken.EINDBEOORDELING_VOORUIT,
            ~beoordeeld,
        )
        .order_by(t.Plaatsing.einddatum, t.Leerling.id)
        .limit(limit)
    )
    return [
        Taak(leerling_id, naam, "Stagebeoordeling (stage eindigt)", einde, einde < op)
        for leerling_id, naam, einde in session.execute(query)
    ]


AFGELEID = frozenset({"bezoek", "bezoek_achterstand"})  # the records tell these more exactly
VOORUIT_DAGEN = 14


def geplande_herinneringen(session: Session, actor: Actor, op: date) -> list[Taak]:
    """The actor's pending reminders of the next two weeks (timers of DOMAIN.md), except the
    visits, which `bezoeken_te_doen` derives from the records themselves."""
    return [
        Taak(a.leerling_id, a.naam, a.titel, a.verschuldigd, a.verschuldigd < op)
        for a in herinneringen_voor(
            session, actor, op - timedelta(days=365), op + timedelta(days=VOORUIT_DAGEN)
        )
        if a.soort not in AFGELEID
    ]
