"""The dashboard reads two kept columns instead of deriving them per row (migration 0012):
`leerling.fase_sinds` and `plaatsing.bezoek_vanaf`. What the engine keeps must equal what the
migration derives from the history, and what the dashboard derived before."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import func, select

from tests.integration.migraties import naar as _naar
from trajectory.demo import build_demo_school
from trajectory.store import tables as t


@pytest.fixture
def demo(sessions):
    build_demo_school(sessions, leerlingen=24, seed=11)
    return sessions


def _kolommen(session) -> tuple[dict, dict]:
    fase = dict(session.execute(select(t.Leerling.id, t.Leerling.fase_sinds)).all())
    bezoek = dict(session.execute(select(t.Plaatsing.id, t.Plaatsing.bezoek_vanaf)).all())
    return fase, bezoek


def test_de_engine_houdt_bij_wat_de_geschiedenis_zegt(demo):
    """bezoek_vanaf: the newest bezoek of the placement, else its start; fase_sinds: the time
    of the newest audit event that brought the leerling into its state."""
    with demo() as session:
        fase, bezoek = _kolommen(session)
        laatste_bezoek = dict(
            session.execute(
                select(t.Vastlegging.plaatsing_id, func.max(t.Vastlegging.datum))
                .where(t.Vastlegging.kind == "bezoek")
                .group_by(t.Vastlegging.plaatsing_id)
            ).all()
        )
        starts = dict(session.execute(select(t.Plaatsing.id, t.Plaatsing.startdatum)).all())
        binnengekomen = {}
        for lid, van, naar, tijd in session.execute(
            select(
                t.AuditEvent.leerling_id,
                t.AuditEvent.van,
                t.AuditEvent.naar,
                t.AuditEvent.tijd,
            )
            .where(t.AuditEvent.soort.in_(("aanmelding", "intake", "overgang")))
            .order_by(t.AuditEvent.id)
        ):
            if van != naar:
                binnengekomen[lid] = (naar, tijd[:19])
        states = dict(session.execute(select(t.Leerling.id, t.Leerling.state)).all())
    assert laatste_bezoek, "the demo records visits"
    assert bezoek == {pid: laatste_bezoek.get(pid, start) for pid, start in starts.items()}
    assert {lid: (states[lid], f"{s:%Y-%m-%dT%H:%M:%S}") for lid, s in fase.items()} == {
        lid: binnengekomen[lid] for lid in fase
    }


def test_de_migratie_leidt_dezelfde_waarden_af_als_de_engine_bijhield(demo, engine):
    with demo() as session:
        bijgehouden = _kolommen(session)
    _naar(engine, "0010", command.downgrade)
    _naar(engine, "head", command.upgrade)
    with demo() as session:
        assert _kolommen(session) == bijgehouden
