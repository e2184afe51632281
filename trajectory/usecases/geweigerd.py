"""A refusal as a value: nothing changed but the audit trail, which holds the refusal.

`advance()`, `add_record` and the waiting list refuse this way, each with every failing
check and its Dutch reason, so a caller shows them all and never catches a refusal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from trajectory.domain.access import Actor
from trajectory.guards import Verdict
from trajectory.store import repository as repo

STAP = "Deze stap kan nog niet:"


@dataclass(frozen=True)
class Geweigerd:
    state: str
    version: int
    event_id: int
    verdicts: tuple[Verdict, ...]
    inleiding: str = STAP  # what was refused, in Dutch; the failing reasons follow it

    @property
    def failing(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if not v.ok)

    @property
    def redenen(self) -> tuple[str, ...]:
        return tuple(v.reden or v.guard for v in self.failing)


def weiger(
    session: Session,
    leerling: Any,
    *,
    trigger: str,
    verdicts: tuple[Verdict, ...],
    actor: Actor,
    moment: datetime,
    inleiding: str = STAP,
    van: str | None = None,
    naar: str | None = None,
    payload: Mapping[str, Any] | None = None,
) -> Geweigerd:
    """Append the refusal to the audit trail (in the caller's transaction) and return it."""
    event = repo.append_audit(
        session,
        tijd=moment,
        actor=actor,
        soort="weigering",
        leerling_id=leerling.id,
        trigger=trigger,
        van=van,
        naar=naar,
        guards=[v.as_dict() for v in verdicts],
        payload=payload,
    )
    return Geweigerd(leerling.state, leerling.version, event.id, verdicts, inleiding)
