"""Migration 0016 (editing a leerling): a database built by the previous version keeps every
leerling as it was, with no NT2, no change of stage-ondersteuning yet and no parent contacts."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, select

from tests.integration.migraties import naar as _naar
from trajectory.demo import build_demo_school
from trajectory.store import tables as t

VORIGE = "0016-1"  # the revision before 0016, whatever it is called after merging


def _leerlingen(engine) -> list[tuple]:
    with engine.connect() as connection:
        return connection.execute(
            select(
                t.Leerling.id,
                t.Leerling.naam,
                t.Leerling.state,
                t.Leerling.version,
                t.Leerling.stage_ondersteuning,
                t.Leerling.stagebegeleider_id,
            ).order_by(t.Leerling.id)
        ).all()


def test_een_database_van_de_vorige_versie_houdt_zijn_leerlingen(sessions, engine):
    build_demo_school(sessions, leerlingen=12, seed=5)
    voor = _leerlingen(engine)
    _naar(engine, VORIGE, command.downgrade)
    assert "verzorger" not in inspect(engine).get_table_names()
    assert "nt2" not in {c["name"] for c in inspect(engine).get_columns("leerling")}

    _naar(engine, "head", command.upgrade)

    assert _leerlingen(engine) == voor
    with engine.connect() as connection:
        nieuw = connection.execute(select(t.Leerling.nt2, t.Leerling.ondersteuning_sinds)).all()
        assert set(nieuw) == {(False, None)}
        assert connection.execute(select(t.Verzorger)).all() == []
