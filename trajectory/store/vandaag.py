"""Read-side queries of the dashboard: my leerlingen per state, uitgevallen, notifications and
the visits and beoordelingen that are due, all filtered to what the actor may see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, case, exists, select, union_all
from sqlalchemy.orm import Session

from trajectory.domain import bezoeken
from trajectory.domain.access import Actor
from trajectory.domain.beleid import beleid_voor
from trajectory.machines import STATES
from trajectory.machines.versies import DEFINITIES
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


def uitgevallen(session: Session, actor: Actor, limit: int = 25) -> list[Uitgevallen]:
    """The leerlingen in `uitgevallen` the longest first (index leerling(state, fase_sinds))."""
    query = visible(select(*KOLOMMEN, t.Leerling.fase_sinds), actor).where(
        t.Leerling.state == "uitgevallen"
    )
    rows = session.execute(query.order_by(t.Leerling.fase_sinds, t.Leerling.id).limit(limit))
    return [Uitgevallen(regel(row), _utc_datum(row.fase_sinds)) for row in rows]


def _utc_datum(moment: datetime | None) -> date | None:
    """The UTC date of a stored moment (SQLite hands it back without a zone, as UTC)."""
    if moment is None:
        return None
    return (moment.astimezone(UTC) if moment.tzinfo else moment).date()


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

    Derived from the records (the last `bezoek` of the placement, else its start: the
    placement's `bezoek_vanaf`), not from the reminders: a fired visit reminder leaves the
    table, but the visit is still overdue until a `bezoek` is recorded. Walks the index
    plaatsing(status, bezoek_vanaf) in order and stops at `limit`.
    """
    uiterst = {
        (versie, o): bezoeken.uiterste_laatste_bezoek(op, o, beleid_voor(versie))
        for versie in DEFINITIES
        for o in (True, False)
    }
    grens = case(  # per leerling: the interval of its version's policy
        *(
            (
                and_(
                    t.Leerling.trajectory_version == versie, t.Leerling.stage_ondersteuning.is_(o)
                ),
                datum,
            )
            for (versie, o), datum in uiterst.items()
        )
    )
    ruimste = max(uiterst.values())
    query = (
        visible(
            select(
                t.Leerling.id,
                t.Leerling.naam,
                t.Leerling.stage_ondersteuning,
                t.Leerling.trajectory_version,
            ),
            actor,
        )
        .add_columns(t.Plaatsing.bezoek_vanaf)
        .join(t.Plaatsing, t.Plaatsing.leerling_id == t.Leerling.id)
        .where(
            t.Plaatsing.status == "lopend",
            t.Plaatsing.bezoek_vanaf <= ruimste,  # the index range; `grens` per leerling
            t.Plaatsing.soort.in_(bezoeken.BEZOCHTE_STAGES),
            t.Plaatsing.bezoek_vanaf <= grens,
        )
        .order_by(t.Plaatsing.bezoek_vanaf, t.Plaatsing.id)
        .limit(limit)
    )
    taken = []
    for leerling_id, naam, ondersteuning, versie, vanaf in session.execute(query):
        datum = bezoeken.volgend_bezoek(vanaf, ondersteuning, beleid_voor(versie))
        wat = "Stagebezoek" + (" (stage-ondersteuning)" if ondersteuning else "")
        taken.append(Taak(leerling_id, naam, wat, datum, datum < op))
    return taken


def eindbeoordelingen_te_doen(
    session: Session, actor: Actor, op: date, limit: int = 100
) -> list[Taak]:
    """Running placements that end within two weeks (or ended) without a stagebeoordeling,
    walking the index plaatsing(status, einddatum) in order until `limit`."""
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
        .order_by(t.Plaatsing.einddatum, t.Plaatsing.id)
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
