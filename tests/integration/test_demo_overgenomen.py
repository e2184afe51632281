"""The demo school shows what a school going live sees: besides the walked leerlingen, one
leerling in every state taken in through the go-live intake (trajectory/demo/overgenomen.py)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import select

from trajectory.demo import build_demo_school
from trajectory.domain.access import Actor
from trajectory.domain.clock import FixedClock
from trajectory.machines import STATES
from trajectory.store import tables as t
from trajectory.store.repository import verify_audit
from trajectory.usecases import engine


def test_de_demo_neemt_in_elke_fase_een_leerling_over_via_de_intake(sessions):
    klok = FixedClock(datetime(2026, 12, 2, 14, tzinfo=UTC))
    build_demo_school(sessions, leerlingen=20, seed=3, clock=klok)

    with sessions() as session:
        intakes = session.execute(
            select(t.AuditEvent.leerling_id, t.AuditEvent.naar, t.AuditEvent.actor_rol).where(
                t.AuditEvent.soort == "intake"
            )
        ).all()
        staat = dict(session.execute(select(t.Leerling.id, t.Leerling.state)).all())
        overgangen = set(
            session.scalars(
                select(t.AuditEvent.leerling_id).where(
                    t.AuditEvent.soort.in_(("overgang", "aanmelding"))
                )
            )
        )
        namen = Counter(session.scalars(select(t.Leerling.naam)))
        assert verify_audit(session) is None
    assert Counter(naar for _, naar, _ in intakes) == Counter(STATES)  # one in every state
    assert {rol for _, _, rol in intakes} == {"teamleider"}
    assert all(staat[lid] == naar for lid, naar, _ in intakes)
    assert not {lid for lid, _, _ in intakes} & overgangen  # taken in, not walked
    assert len(staat) == 20 + len(STATES)
    assert max(namen.values()) == 1


def test_een_overgenomen_leerling_zet_de_volgende_stap_zoals_iedereen(sessions):
    """The nazorg leerling taken in on the demo's today: the next contact is judged as for
    anyone (through advance(), by the guards)."""
    klok = FixedClock(datetime(2026, 12, 2, 14, tzinfo=UTC))
    build_demo_school(sessions, leerlingen=20, seed=3, clock=klok)
    with sessions() as session:
        lid, versie, begeleider_id = session.execute(
            select(t.Leerling.id, t.Leerling.version, t.Leerling.stagebegeleider_id)
            .join(t.AuditEvent, t.AuditEvent.leerling_id == t.Leerling.id)
            .where(t.AuditEvent.soort == "intake", t.AuditEvent.naar == "nazorg")
        ).one()
        gebruiker = session.get(t.Gebruiker, begeleider_id)
    begeleider = Actor(id=gebruiker.id, rol=gebruiker.rol, naam=gebruiker.naam)

    result = engine.advance(
        sessions, lid, "nazorg_contact", actor=begeleider, version=versie, clock=klok,
        payload={"met_wie": "ex_leerling", "hoe_gaat_het": "Het gaat goed op het werk."},
    )  # fmt: skip

    assert isinstance(result, engine.Overgegaan), result
