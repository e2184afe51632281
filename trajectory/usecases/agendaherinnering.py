"""The weekly stage-agenda reminder (issue #18): it asks for exactly the missing parts of last
week, of whoever has not done theirs (domain/stageagenda.herinnering). The stagebegeleider's
lines go out with the reminder itself; a party with a personal link gets their link again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from trajectory.domain.snapshot import Snapshot
from trajectory.domain.stageagenda import herinnering
from trajectory.store import tables as t


def vraag_om_ontbrekende_delen(
    session: Session, snapshot: Snapshot, rij: t.Herinnering, moment: datetime
) -> tuple[str, ...]:
    """Ask the link parties for their part (their link mailed again, through the outbox) and
    return the lines for the stagebegeleider (empty: nothing of theirs is missing)."""
    vragen = herinnering(snapshot, rij.verschuldigd)
    return vragen.get("stagebegeleider", ())
