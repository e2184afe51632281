"""Who is told about a leerling, by role (DOMAIN.md, Timers and Notifications): the leerling's
own stagebegeleider, the mentor(s) of its klas, every teamleider — active accounts only."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from trajectory.notifications.render import bericht
from trajectory.notifications.rules import DIRECT
from trajectory.store import repository as repo
from trajectory.store import tables as t


def ontvangers(session: Session, leerling: t.Leerling, rollen: Sequence[str]) -> list[int]:
    ids: list[int] = []
    if "stagebegeleider" in rollen:
        ids += repo.actief_account(session, leerling.stagebegeleider_id)
    if "mentor" in rollen:
        ids += repo.mentoren_van(session, leerling.klas)
    if "teamleider" in rollen:
        ids += repo.actieve_met_rol(session, "teamleider")
    return list(dict.fromkeys(ids))


def meld(
    session: Session,
    leerling: t.Leerling,
    paren: Iterable[tuple[str, str]],
    context: Mapping[str, Any],
    *,
    moment: datetime,
    verschuldigd: str,
) -> None:
    """Queue each (kind, role told) notification in the caller's transaction."""
    for soort, aan in paren:
        onderwerp, tekst = bericht(aan, soort, **context)
        repo.queue_melding(
            session,
            leerling.id,
            soort,
            ontvangers(session, leerling, (aan,)),
            onderwerp=onderwerp,
            tekst=tekst,
            moment=moment,
            verschuldigd=verschuldigd,
            direct=soort in DIRECT,
        )
