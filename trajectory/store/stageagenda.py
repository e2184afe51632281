"""The stage-agenda's records as rows: the current part of a week, and every version of a
placement's agenda for its page (persistence only; domain/stageagenda.py says what they mean)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from trajectory.domain.stageagenda import KIND_VAN_DEEL
from trajectory.store import tables as t

V = t.Vastlegging


def huidig_deel(session: Session, plaatsing_id: int, kind: str, week: date) -> int | None:
    """The id of the current version of a part of this week (dated on its Monday)."""
    return session.scalar(
        select(V.id).where(
            V.plaatsing_id == plaatsing_id,
            V.kind == kind,
            V.datum == week,
            t.HUIDIG_RECORD,
        )
    )


def alle_versies(session: Session, plaatsing_id: int) -> Sequence[t.Vastlegging]:
    """Every version of every part of the placement's agenda, superseded ones too, oldest
    first."""
    return session.scalars(
        select(V)
        .where(V.plaatsing_id == plaatsing_id, V.kind.in_(tuple(KIND_VAN_DEEL.values())))
        .order_by(V.id)
    ).all()


def plaatsing(session: Session, plaatsing_id: int) -> t.Plaatsing | None:
    return session.scalar(
        select(t.Plaatsing).where(t.Plaatsing.id == plaatsing_id, t.HUIDIGE_PLAATSING)
    )
