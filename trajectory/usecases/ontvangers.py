"""Who is told about a leerling, by role (DOMAIN.md, Timers and Notifications): the leerling's
own stagebegeleider, the mentor(s) of its klas, every teamleider — active accounts only."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

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
