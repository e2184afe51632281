"""Read-side queries of the dashboard: my leerlingen per state, uitgevallen, notifications and
the placements whose visit or beoordeling may be due (usecases/taken.py decides which are), all
filtered to what the actor may see."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, case, exists, func, select, union_all
from sqlalchemy.orm import Session

from trajectory.domain.actor import Actor
from trajectory.domain.clock import SCHOOL_TZ
from trajectory.machines import STATES
from trajectory.store import tables as t
from trajectory.store.queries import per_state, visible


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


KOLOMMEN = (t.Leerling.id, t.Leerling.naam, t.Leerling.leerjaar, t.Leerling.klas, t.Leerling.state)


def regel(row: Sequence[Any]) -> LeerlingRegel:
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
    """The school's (Dutch) date of a stored moment (SQLite hands it back without a zone,
    as UTC)."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(SCHOOL_TZ).date()


def ongelezen_meldingen(session: Session, actor: Actor, limit: int = 50) -> Sequence[t.Melding]:
    if actor.id is None:
        return []
    return session.scalars(
        select(t.Melding)
        .where(t.Melding.ontvanger_id == actor.id, t.Melding.gelezen.is_(None))
        .order_by(t.Melding.id.desc())
        .limit(limit)
    ).all()


def te_bezoeken(
    session: Session,
    actor: Actor,
    *,
    uiterst: Mapping[tuple[str, bool], date],
    soorten: Sequence[str],
    limit: int,
) -> Sequence[t.Rij]:
    """Running placements of these kinds whose `bezoek_vanaf` (the last `bezoek`, else the
    start) lies on or before `uiterst[(trajectory_version, stage_ondersteuning)]` of their
    leerling, the longest waiting first: (leerling_id, naam, stage_ondersteuning,
    trajectory_version, bezoek_vanaf). Walks the index plaatsing(status, bezoek_vanaf) in order
    and stops at `limit`."""
    grens = case(
        *(
            (
                and_(
                    t.Leerling.trajectory_version == versie,
                    t.Leerling.stage_ondersteuning.is_(ondersteuning),
                ),
                datum,
            )
            for (versie, ondersteuning), datum in uiterst.items()
        )
    )
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
            t.HUIDIGE_PLAATSING,
            t.Plaatsing.bezoek_vanaf <= max(uiterst.values()),  # the index range; `grens` per row
            t.Plaatsing.soort.in_(soorten),
            t.Plaatsing.bezoek_vanaf <= grens,
        )
        .order_by(t.Plaatsing.bezoek_vanaf, t.Plaatsing.id)
        .limit(limit)
    )
    return session.execute(query).all()


def onbeoordeeld_eindigend(
    session: Session, actor: Actor, *, tot: date, soorten: Sequence[str], limit: int
) -> Sequence[t.Rij]:
    """Running placements of these kinds that end by `tot` without a stagebeoordeling, walking
    the index plaatsing(status, einddatum) in order until `limit`: (leerling_id, naam, einde)."""
    beoordeeld = exists().where(
        t.Vastlegging.plaatsing_id == t.Plaatsing.id,
        t.Vastlegging.kind == "beoordeling",
        t.Vastlegging.data["soort"].as_string() == "stagebeoordeling",
        t.HUIDIG_RECORD,
    )
    query = (
        visible(select(t.Leerling.id, t.Leerling.naam), actor)
        .add_columns(t.Plaatsing.einddatum)
        .join(t.Plaatsing, t.Plaatsing.leerling_id == t.Leerling.id)
        .where(
            and_(t.Plaatsing.status == "lopend", t.Plaatsing.soort.in_(soorten)),
            t.HUIDIGE_PLAATSING,
            t.Plaatsing.einddatum <= tot,
            ~beoordeeld,
        )
        .order_by(t.Plaatsing.einddatum, t.Plaatsing.id)
        .limit(limit)
    )
    return session.execute(query).all()


def contacten_met_opvolging(
    session: Session, leerling_ids: Sequence[int]
) -> Sequence[tuple[int, dict[str, Any]]]:
    """The current contact records with a follow-up of these leerlingen: (leerling_id, data)."""
    if not leerling_ids:
        return []
    rows = session.execute(
        select(t.Vastlegging.leerling_id, t.Vastlegging.data).where(
            t.Vastlegging.leerling_id.in_(sorted(set(leerling_ids))),
            t.Vastlegging.kind == "contact",
            t.HUIDIG_RECORD,
        )
    )
    return [(lid, data) for lid, data in rows if data.get("opvolgen_op")]


def erkenning_verloopt_bij_lopende(
    session: Session, actor: Actor, *, tot: date, soort: str, limit: int
) -> Sequence[t.Rij]:
    """Running placements of `soort` at a company whose SBB erkenning ends by `tot`, after the
    placement started and before it ends: (leerling_id, naam, bedrijf, erkenning_geldig_tot,
    plaatsing sector, erkenning_sectoren), the soonest first (usecases/taken.py judges the
    sector with the domain's rule)."""
    geldig_tot = t.Stagebedrijf.erkenning_geldig_tot
    query = (
        visible(select(t.Leerling.id, t.Leerling.naam), actor)
        .add_columns(t.Stagebedrijf.naam.label("bedrijf"), geldig_tot, t.Plaatsing.sector)
        .add_columns(t.Stagebedrijf.erkenning_sectoren, t.Plaatsing.startdatum)
        .add_columns(t.Plaatsing.einddatum)
        .join(t.Plaatsing, t.Plaatsing.leerling_id == t.Leerling.id)
        .join(t.Stagebedrijf, t.Stagebedrijf.id == t.Plaatsing.stagebedrijf_id)
        .where(
            t.Plaatsing.status == "lopend",
            t.Plaatsing.soort == soort,
            t.HUIDIGE_PLAATSING,
            geldig_tot <= tot,
            geldig_tot >= t.Plaatsing.startdatum,
        )
        .order_by(geldig_tot, t.Plaatsing.id)
        .limit(limit)
    )
    return session.execute(query).all()


def klas_en_begeleider(
    session: Session, leerling_ids: Sequence[int]
) -> dict[int, tuple[str | None, str | None]]:
    """Per leerling its klas and its stagebegeleider's name (the dashboard's columns)."""
    if not leerling_ids:
        return {}
    rows = session.execute(
        select(t.Leerling.id, t.Leerling.klas, t.Gebruiker.naam)
        .outerjoin(t.Gebruiker, t.Gebruiker.id == t.Leerling.stagebegeleider_id)
        .where(t.Leerling.id.in_(sorted(set(leerling_ids))))
    )
    return {row.id: (row.klas, row.naam) for row in rows}


def geweigerd_sinds(session: Session, actor: Actor, sinds: str, limit: int) -> Sequence[t.Rij]:
    """Steps refused since `sinds` (ISO UTC, as the audit stores it) of leerlingen still in the
    state they were refused from: (leerling_id, naam, trigger, tijd), newest first."""
    query = (
        visible(select(t.Leerling.id, t.Leerling.naam), actor)
        .add_columns(t.AuditEvent.trigger, t.AuditEvent.tijd)
        .join(t.AuditEvent, t.AuditEvent.leerling_id == t.Leerling.id)
        .where(
            t.AuditEvent.soort == "weigering",
            t.AuditEvent.tijd >= sinds,
            t.AuditEvent.van == t.Leerling.state,
            t.AuditEvent.trigger.is_not(None),
        )
        .order_by(t.AuditEvent.tijd.desc(), t.AuditEvent.id.desc())
        .limit(limit)
    )
    return session.execute(query).all()


def ongelezen_per_soort(session: Session, actor: Actor) -> list[tuple[str, int]]:
    """My unread notifications counted per kind, the most first."""
    if actor.id is None:
        return []
    aantal = func.count()
    rows = session.execute(
        select(t.Melding.soort, aantal)
        .where(t.Melding.ontvanger_id == actor.id, t.Melding.gelezen.is_(None))
        .group_by(t.Melding.soort)
        .order_by(aantal.desc(), t.Melding.soort)
    )
    return [(soort, n) for soort, n in rows]
