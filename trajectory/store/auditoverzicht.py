"""Read-side queries of the audit review (teamleider): filtered, paged, and as one stream for
the CSV export."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from trajectory.domain.links import door_van
from trajectory.store import tables as t


@dataclass(frozen=True)
class AuditFilter:
    leerling_id: int | None = None
    actor_id: int | None = None
    trigger: str | None = None
    van: date | None = None
    tot: date | None = None  # inclusive
    alleen_overrides: bool = False


@dataclass(frozen=True)
class AuditRegel:
    event: t.AuditEvent
    gebruiker: str | None  # the acting user's name; None for the system
    payload: dict[str, Any] | None

    @property
    def wie(self) -> str:
        """The user's name; a personal link's label (issue #18); else the role."""
        return (
            self.gebruiker or door_van(self.event.actor_rol, self.payload) or self.event.actor_rol
        )

    @property
    def motivatie(self) -> str | None:
        return (self.payload or {}).get("motivatie")

    @property
    def falende_guards(self) -> list[dict[str, Any]]:
        return [g for g in self.event.guards if not g.get("ok", True)]


def _gefilterd(query: Select, filt: AuditFilter) -> Select:
    if filt.leerling_id is not None:
        query = query.where(t.AuditEvent.leerling_id == filt.leerling_id)
    if filt.actor_id is not None:
        query = query.where(t.AuditEvent.actor_id == filt.actor_id)
    if filt.trigger:
        query = query.where(t.AuditEvent.trigger == filt.trigger)
    if filt.van:
        query = query.where(t.AuditEvent.tijd >= filt.van.isoformat())
    if filt.tot:
        query = query.where(t.AuditEvent.tijd < (filt.tot + timedelta(days=1)).isoformat())
    if filt.alleen_overrides:
        query = query.where(t.AuditEvent.override.is_(True))
    return query


def _met_namen() -> Select:
    return (
        select(t.AuditEvent, t.Gebruiker.naam, t.AuditPayload.payload)
        .outerjoin(t.Gebruiker, t.Gebruiker.id == t.AuditEvent.actor_id)
        .outerjoin(t.AuditPayload, t.AuditPayload.event_id == t.AuditEvent.id)
    )


def audit_pagina(
    session: Session, filt: AuditFilter, *, page: int, per_page: int
) -> tuple[list[AuditRegel], int]:
    """Newest first."""
    total = session.scalar(_gefilterd(select(func.count()).select_from(t.AuditEvent), filt)) or 0
    rows = session.execute(
        _gefilterd(_met_namen(), filt)
        .order_by(t.AuditEvent.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return [AuditRegel(*row) for row in rows], total


def audit_stroom(session: Session, filt: AuditFilter, batch: int = 1000) -> Iterator[AuditRegel]:
    """Every matching event in id order, a batch at a time (the export)."""
    result = session.execute(
        _gefilterd(_met_namen(), filt).order_by(t.AuditEvent.id).execution_options(yield_per=batch)
    )
    try:
        for row in result:
            yield AuditRegel(*row)
    finally:
        result.close()


def gebruikers(session: Session) -> Sequence[tuple[int, str, str]]:
    return session.execute(
        select(t.Gebruiker.id, t.Gebruiker.naam, t.Gebruiker.rol).order_by(t.Gebruiker.naam)
    ).all()


def laatste_controle(session: Session) -> t.AuditEvent | None:
    """The newest recorded verification of the whole chain (an event of soort `controle`)."""
    return session.scalar(
        select(t.AuditEvent)
        .where(t.AuditEvent.soort == "controle")
        .order_by(t.AuditEvent.id.desc())
        .limit(1)
    )


def leerlingnamen(session: Session, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(t.Leerling.id, t.Leerling.naam).where(t.Leerling.id.in_(sorted(set(ids))))
    )
    return {row.id: row.naam for row in rows}


def leerlingen_met_naam(session: Session, deel: str, limit: int) -> list[tuple[int, str]]:
    """(id, naam) of the leerlingen whose name contains `deel`, by name."""
    patroon = f"%{deel.lower()}%"
    rows = session.execute(
        select(t.Leerling.id, t.Leerling.naam)
        .where(func.lower(t.Leerling.naam).like(patroon))
        .order_by(t.Leerling.naam, t.Leerling.id)
        .limit(limit)
    )
    return [(row.id, row.naam) for row in rows]
