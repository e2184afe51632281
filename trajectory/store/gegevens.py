"""A leerling's own data as rows: the compare-and-set of an edit, the parent/guardian contacts.

The leerling row is the current state (what the pages and guards read); an edit changes it and
appends its audit event in the same transaction, as `move_state` does for a step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from trajectory.store import tables as t
from trajectory.store.repository import VersionConflict


def werk_bij(
    session: Session, leerling: t.Leerling, waarden: Mapping[str, Any], versie: int
) -> int:
    """Compare-and-set: the fields change only if the version is still the one seen; the
    new version."""
    nieuw = {**waarden, "version": versie + 1}
    result = session.execute(
        update(t.Leerling)
        .where(t.Leerling.id == leerling.id, t.Leerling.version == versie)
        .values(**nieuw)
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult[Any], result).rowcount != 1:
        huidige = session.scalar(select(t.Leerling.version).where(t.Leerling.id == leerling.id))
        raise VersionConflict(huidige or versie)
    for veld, waarde in nieuw.items():
        set_committed_value(leerling, veld, waarde)
    return versie + 1


def verzorgers_van(session: Session, leerling_id: int) -> Sequence[t.Verzorger]:
    """The current contacts (not ended), in the order they were added."""
    return session.scalars(
        select(t.Verzorger)
        .where(t.Verzorger.leerling_id == leerling_id, t.Verzorger.vervallen.is_(None))
        .order_by(t.Verzorger.id)
    ).all()


def verzorger_toevoegen(
    session: Session, leerling_id: int, velden: Mapping[str, Any], moment: datetime
) -> int:
    rij = t.Verzorger(leerling_id=leerling_id, aangemaakt=moment, **velden)
    session.add(rij)
    session.flush()
    return rij.id


def verzorger_beeindigen(session: Session, rij: t.Verzorger, moment: datetime) -> None:
    rij.vervallen = moment


def begeleiders_van(session: Session, leerling_ids: Sequence[int]) -> Sequence[t.Rij]:
    """(id, naam, klas, state, version, stagebegeleider_id) of these leerlingen, by name."""
    return session.execute(
        select(
            t.Leerling.id,
            t.Leerling.naam,
            t.Leerling.klas,
            t.Leerling.state,
            t.Leerling.version,
            t.Leerling.stagebegeleider_id,
        )
        .where(t.Leerling.id.in_(leerling_ids))
        .order_by(t.Leerling.naam, t.Leerling.id)
    ).all()


def actieve_begeleiders(session: Session) -> Sequence[t.Rij]:
    """(id, naam) of every active stagebegeleider and stage-ondersteuningsbegeleider."""
    return session.execute(
        select(t.Gebruiker.id, t.Gebruiker.naam)
        .where(
            t.Gebruiker.actief.is_(True),
            t.Gebruiker.rol.in_(("stagebegeleider", "stage_ondersteuningsbegeleider")),
        )
        .order_by(t.Gebruiker.naam, t.Gebruiker.id)
    ).all()


def leerlingen_van_begeleider(session: Session, begeleider_id: int | None) -> Sequence[t.Rij]:
    """(id, naam, klas, state) of a begeleider's leerlingen (None: those without one)."""
    waar = (
        t.Leerling.stagebegeleider_id.is_(None)
        if begeleider_id is None
        else t.Leerling.stagebegeleider_id == begeleider_id
    )
    return session.execute(
        select(t.Leerling.id, t.Leerling.naam, t.Leerling.klas, t.Leerling.state)
        .where(waar, t.Leerling.gewist.is_(None))
        .order_by(t.Leerling.naam, t.Leerling.id)
    ).all()
