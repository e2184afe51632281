"""The demo school's register of stagebedrijven (issue #17): about forty companies across the
sectors, a few with an expired erkenning, one geblokkeerd, and every demo placement at a
company of the register with a praktijkbegeleider of it."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

from sqlalchemy import select

from trajectory.demo import build_demo_school
from trajectory.demo.bedrijven import REGISTER
from trajectory.domain.bedrijven import ZONDER_BEDRIJF
from trajectory.domain.clock import FixedClock
from trajectory.domain.snapshot import SECTOREN
from trajectory.store import tables as t

VANDAAG = date(2026, 12, 2)


def test_de_demo_heeft_een_register_en_plaatst_alleen_bij_bedrijven_daaruit(sessions):
    build_demo_school(
        sessions, leerlingen=40, seed=7, clock=FixedClock(datetime(2026, 12, 2, 14, tzinfo=UTC))
    )
    with sessions() as session:
        bedrijven = session.scalars(select(t.Stagebedrijf)).all()
        begeleiders = session.scalars(select(t.Praktijkbegeleider)).all()
        plaatsingen = session.scalars(
            select(t.Plaatsing).where(t.Plaatsing.soort != ZONDER_BEDRIJF, t.HUIDIGE_PLAATSING)
        ).all()
        # the administration a school goes live from names no praktijkbegeleider (the intake
        # has no such column): the demo's overgenomen leerlingen have their company only
        overgenomen = set(
            session.scalars(select(t.AuditEvent.leerling_id).where(t.AuditEvent.soort == "intake"))
        )

    assert len(bedrijven) == len(REGISTER)
    assert 35 <= len(bedrijven) <= 45
    assert set(SECTOREN) <= {s for b in bedrijven for s in b.sectoren}
    verlopen = [b for b in bedrijven if b.erkenning_geldig_tot and b.erkenning_geldig_tot < VANDAAG]
    assert 2 <= len(verlopen) <= 6
    (geblokkeerd,) = [b for b in bedrijven if b.status == "geblokkeerd"]
    assert len(geblokkeerd.status_reden) >= 10
    per_bedrijf = Counter(pb.stagebedrijf_id for pb in begeleiders)
    assert set(per_bedrijf.values()) <= {1, 2}
    assert set(per_bedrijf) == {b.id for b in bedrijven}
    assert any(pb.opgeleid for pb in begeleiders)
    assert all(b.postcode and b.plaats for b in bedrijven)

    assert plaatsingen
    van_bedrijf = {pb.id: pb.stagebedrijf_id for pb in begeleiders}
    for p in plaatsingen:
        assert p.stagebedrijf_id is not None
        if p.leerling_id not in overgenomen:
            assert van_bedrijf[p.praktijkbegeleider_id] == p.stagebedrijf_id
        assert p.stagebedrijf_id != geblokkeerd.id
    # no company holds more running placements than its places
    lopend = Counter(p.stagebedrijf_id for p in plaatsingen if p.status == "lopend")
    for b in bedrijven:
        assert b.capaciteit is None or lopend[b.id] <= b.capaciteit, b.naam
