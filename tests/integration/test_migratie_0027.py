"""Migration 0027 (issue #20): the scheduler's lease is a new table only; every existing row
carries over unchanged, nobody holds the lease after upgrading, and it works at once."""

from __future__ import annotations

from datetime import timedelta

from alembic import command
from sqlalchemy import inspect, select

from tests.integration.builders import nieuwe_leerling
from tests.integration.migraties import naar
from trajectory.store import lease
from trajectory.store import tables as t

VORIGE = "0027-1"  # the revision before 0027, whatever it is called after merging


def _audit(engine) -> list[tuple]:
    with engine.connect() as connection:
        return [
            tuple(r)
            for r in connection.execute(
                select(t.AuditEvent.id, t.AuditEvent.leerling_id, t.AuditEvent.hash).order_by(
                    t.AuditEvent.id
                )
            )
        ]


def test_bestaande_gegevens_blijven_en_de_lease_is_daarna_vrij(sessions, engine, clock, staff):
    nieuwe_leerling(sessions, clock, staff.teamleider)
    voor = _audit(engine)
    assert voor
    naar(engine, VORIGE, command.downgrade)
    assert "scheduler_lease" not in inspect(engine).get_table_names()
    assert "import_taak" not in inspect(engine).get_table_names()

    naar(engine, "head", command.upgrade)

    assert _audit(engine) == voor
    assert lease.houder_van(sessions, "scheduler", clock.now()) is None
    assert lease.neem(sessions, "scheduler", "A", clock.now(), timedelta(seconds=90))
    assert lease.houder_van(sessions, "scheduler", clock.now()) == "A"
