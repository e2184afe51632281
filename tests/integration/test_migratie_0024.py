"""Migration 0024 (the weekly stage-agenda): the hours recorded before it keep counting as
approved (typed from the signed paper presentielijst: the rule in domain/uren.urenregels, no
row changed), and from then on one current version of each agenda part per week."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from tests.integration.builders import leg_vast
from tests.integration.migraties import naar
from tests.integration.test_placement_rules import START, stage_loopt
from trajectory.domain.uren import urenregels
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases.laden import snapshot_van

VORIGE = "0024-1"  # the revision before 0024, whatever it is called after merging


def _uren(sessions, lid: int, pid: int) -> list[tuple[date, float, bool]]:
    with sessions() as session:
        s = snapshot_van(session, repo.get_leerling(session, lid), bezetting=False)
        return [(r.datum, r.uren, r.goedgekeurd) for r in urenregels(s, [pid])]


def _agendadeel(engine, lid: int, pid: int) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(t.Vastlegging).values(
                leerling_id=lid,
                kind="agenda_week",
                datum=date(2025, 3, 3),
                plaatsing_id=pid,
                data={"week": "2025-03-03"},
                aangemaakt=datetime(2025, 3, 7, tzinfo=UTC),
            )
        )


def test_uren_van_voor_0024_blijven_goedgekeurd_en_een_week_heeft_een_huidig_deel(
    sessions, engine, clock, staff
):
    lid, pid = stage_loopt(sessions, clock, staff, leerjaar="3")
    clock.set(START + timedelta(days=3))
    leg_vast(sessions, clock, staff.stagebegeleider, lid, "uren", datum="2025-03-04", uren=5)
    leg_vast(sessions, clock, staff.stagebegeleider, lid, "uren", datum="2025-03-06", uren=5)
    naar(engine, VORIGE, command.downgrade)
    _agendadeel(engine, lid, pid)
    _agendadeel(engine, lid, pid)  # the previous version has no index: two current parts
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM vastlegging WHERE kind = 'agenda_week'")

    naar(engine, "head", command.upgrade)

    assert _uren(sessions, lid, pid) == [(date(2025, 3, 4), 5, True), (date(2025, 3, 6), 5, True)]
    _agendadeel(engine, lid, pid)
    with pytest.raises(IntegrityError):
        _agendadeel(engine, lid, pid)
