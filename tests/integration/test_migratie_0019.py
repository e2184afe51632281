"""Migration 0019 (a reminder's owner): a pending logbook follow-up of the previous version
(one ownerless row per leerling and day) becomes one row per owner, so each hears and sees
their own; the other reminders keep their rows and have no owner."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import select

from tests.integration.builders import leg_vast, nieuwe_leerling
from tests.integration.test_migratie_0016 import _naar
from trajectory.demo import build_demo_school
from trajectory.store import tables as t
from trajectory.usecases.agenda import herinneringen_voor
from trajectory.usecases.herinneringen import fire_due

VORIGE = "0019-1"  # the revision before 0019, whatever it is called after merging


def _herinneringen(engine) -> list[tuple]:
    with engine.connect() as connection:
        return connection.execute(
            select(
                t.Herinnering.leerling_id,
                t.Herinnering.soort,
                t.Herinnering.verschuldigd,
                t.Herinnering.status,
                t.Herinnering.eigenaar_id,
            ).order_by(t.Herinnering.leerling_id, t.Herinnering.soort, t.Herinnering.id)
        ).all()


def test_een_open_vervolgactie_van_voor_0019_krijgt_haar_eigenaars(sessions, engine, clock, staff):
    leerling = nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    for door, actie in ((staff.mentor, "Vader mailen"), (staff.stagebegeleider, "Bellen")):
        leg_vast(
            sessions, clock, door, leerling, "contact",
            met="ouders", hoe="mail", notitie="Mail van vader.",
            opvolging=actie, opvolgen_op="2025-03-10",
        )  # fmt: skip
    _naar(engine, VORIGE, command.downgrade)
    with engine.connect() as connection:
        rijen = connection.exec_driver_sql(
            "SELECT verschuldigd FROM herinnering WHERE soort = 'opvolging'"
        ).all()
    assert len(rijen) == 1  # the old shape: one per leerling and day

    _naar(engine, "head", command.upgrade)

    opvolgingen = [h for h in _herinneringen(engine) if h.soort == "opvolging"]
    assert {(h.verschuldigd, h.status, h.eigenaar_id) for h in opvolgingen} == {
        (date(2025, 3, 10), "gepland", staff.mentor.id),
        (date(2025, 3, 10), "gepland", staff.stagebegeleider.id),
    }
    assert all(h.eigenaar_id is None for h in _herinneringen(engine) if h.soort != "opvolging")
    clock.set(date(2025, 3, 10))
    assert fire_due(sessions, clock)["opvolging"] == 2


def test_de_herinneringen_van_de_demoschool_komen_ongewijzigd_door_0019(sessions, engine):
    build_demo_school(sessions, leerlingen=12, seed=5)
    voor = _herinneringen(engine)
    _naar(engine, VORIGE, command.downgrade)
    _naar(engine, "head", command.upgrade)
    assert _herinneringen(engine) == voor


def test_een_al_gevuurde_vervolgactie_van_voor_0019_komt_niet_terug_op_de_werklijst(
    sessions, engine, clock, staff
):
    leerling = nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    leg_vast(
        sessions, clock, staff.stagebegeleider, leerling, "contact",
        met="ouders", hoe="mail", notitie="Mail van vader.",
        opvolging="Vader mailen", opvolgen_op="2025-03-10",
    )  # fmt: skip
    clock.set(date(2025, 3, 10))
    fire_due(sessions, clock)
    _naar(engine, VORIGE, command.downgrade)

    _naar(engine, "head", command.upgrade)

    opvolgingen = [h for h in _herinneringen(engine) if h.soort == "opvolging"]
    assert [(h.status, h.eigenaar_id) for h in opvolgingen] == [
        ("afgehandeld", staff.stagebegeleider.id)
    ]
    with sessions() as session:
        agenda = herinneringen_voor(
            session, staff.stagebegeleider, date(2025, 1, 1), date(2025, 12, 31)
        )
    assert "opvolging" not in {a.soort for a in agenda}  # not on the work list nor in the feed
