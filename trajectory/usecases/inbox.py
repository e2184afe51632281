"""The in-app inbox: my notifications, and marking them read, by their recipient only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor
from trajectory.store import tables as t


def markeer_gelezen(
    sessions: sessionmaker[Session], melding_id: int, actor: Actor, moment: datetime
) -> bool:
    """False when there is no such notification for this user (others' stay invisible)."""
    with sessions.begin() as session:
        melding = session.get(t.Melding, melding_id)
        if melding is None or melding.ontvanger_id != actor.id:
            return False
        melding.gelezen = melding.gelezen or moment
        return True


def alles_gelezen(sessions: sessionmaker[Session], actor: Actor, moment: datetime) -> int:
    """Mark every unread notification of this user read; returns how many."""
    with sessions.begin() as session:
        result = session.execute(
            update(t.Melding)
            .where(t.Melding.ontvanger_id == actor.id, t.Melding.gelezen.is_(None))
            .values(gelezen=moment)
        )
        return cast(CursorResult[Any], result).rowcount or 0


def mijn_meldingen(
    session: Session, actor: Actor, *, page: int, per_page: int
) -> tuple[Sequence[t.Melding], int]:
    """My notifications, unread first, newest first; and how many there are in all."""
    mijn = t.Melding.ontvanger_id == actor.id
    totaal = session.scalar(select(func.count()).select_from(t.Melding).where(mijn)) or 0
    rows = session.scalars(
        select(t.Melding)
        .where(mijn)
        .order_by(t.Melding.gelezen.is_not(None), t.Melding.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return rows, totaal
