"""`trajectory migrate`: move every leerling of one trajectory version to the next.

A sibling of `engine.advance` for the one change `advance` cannot make: the version itself.
Each leerling is locked, compare-and-set on its version like `advance`, moved to the state the
migration declares, re-planned, and gets one audit event (soort `migratie`, actor `systeem`,
the migration's name as trigger), all in one transaction: one leerling that cannot be migrated
and nobody is. A dry run runs exactly the same code and rolls back, so it cannot differ from
what applying would do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import SYSTEEM
from trajectory.domain.beleid import beleid_van
from trajectory.domain.clock import Clock
from trajectory.machines.versies import Migratie
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import herinneringen
from trajectory.usecases.laden import snapshot_van

T = TypeVar("T")


@dataclass(frozen=True)
class Verandering:
    """What the migration does to one leerling (no name: the operator sees id and klas)."""

    leerling_id: int
    klas: str | None
    van: str
    naar: str
    van_versie: str
    naar_versie: str


def migreer(
    sessions: sessionmaker[Session], migratie: Migratie, *, clock: Clock, proef: bool = False
) -> list[Verandering]:
    """Migrate every leerling on `migratie.van`; `proef`: do it and roll back (dry run)."""
    moment = clock.now()

    def werk(session: Session) -> list[Verandering]:
        ids = session.scalars(
            select(t.Leerling.id)
            .where(t.Leerling.trajectory_version == migratie.van.versie)
            .order_by(t.Leerling.id)
        ).all()
        return [_een(session, migratie, i, moment) for i in ids]

    return alles_of_niets(sessions, werk, proef=proef)


def alles_of_niets(
    sessions: sessionmaker[Session], werk: Callable[[Session], T], *, proef: bool
) -> T:
    """Run `werk` in one transaction: committed, or (a dry run, or any error) rolled back."""
    with sessions() as session:
        session.begin()
        try:
            uitkomst = werk(session)
        except BaseException:
            session.rollback()
            raise
        if proef:
            session.rollback()
        else:
            session.commit()
    return uitkomst


def _een(session: Session, migratie: Migratie, leerling_id: int, moment: datetime) -> Verandering:
    leerling = repo.get_leerling(session, leerling_id, lock=True)
    assert leerling is not None
    van = leerling.state
    naar = migratie.doel(van)
    repo.move_state(session, leerling, naar, leerling.version, moment)
    snapshot = snapshot_van(session, leerling, bezetting=False)
    leerling.trajectory_version = migratie.naar.versie
    session.flush()
    repo.append_audit(
        session,
        tijd=moment,
        actor=SYSTEEM,
        soort="migratie",
        leerling_id=leerling.id,
        trigger=migratie.naam,
        van=van,
        naar=naar,
        payload={"van_versie": migratie.van.versie, "naar_versie": migratie.naar.versie},
    )
    nieuw = replace(
        snapshot, trajectory_version=migratie.naar.versie, beleid=beleid_van(migratie.naar)
    )
    herinneringen.replan(session, leerling, moment, snapshot=nieuw)
    return Verandering(
        leerling.id, leerling.klas, van, naar, migratie.van.versie, migratie.naar.versie
    )
