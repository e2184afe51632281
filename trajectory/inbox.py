"""The in-app inbox: marking a notification read, by its recipient only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from trajectory.access import Actor
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
