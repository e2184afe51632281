"""Concurrent advances through the real server: the same step, the same version, N clients at
once. Exactly one succeeds, the others get 409 (versieconflict), one audit event."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from tests.drills.conftest import op_postgresql
from tests.integration.builders import MOTIVATIE, nieuwe_leerling
from trajectory.store import tables as t
from trajectory.store.repository import verify_audit

CLIENTS = 8


@op_postgresql
def test_van_acht_gelijktijdige_dezelfde_stappen_lukt_er_precies_een(
    server, sessions, clock, staff
):
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    start = threading.Barrier(CLIENTS)

    def stap(_: int) -> tuple[int, dict]:
        start.wait(timeout=30)
        return server.post(
            f"/api/leerlingen/{lid}/triggers/interne_stage_afronden",
            {"version": 1, "motivatie": MOTIVATIE},
            als="teamleider",
        )

    with ThreadPoolExecutor(CLIENTS) as pool:
        antwoorden = list(pool.map(stap, range(CLIENTS)))

    statussen = sorted(status for status, _ in antwoorden)
    assert statussen == [200] + [409] * (CLIENTS - 1)
    conflicten = [body for status, body in antwoorden if status == 409]
    assert all(body["detail"]["reden"] == "versieconflict" for body in conflicten)
    with sessions() as session:
        overgangen = session.scalar(
            select(func.count())
            .select_from(t.AuditEvent)
            .where(t.AuditEvent.leerling_id == lid, t.AuditEvent.soort == "overgang")
        )
        leerling = session.get(t.Leerling, lid)
        assert verify_audit(session) is None
    assert overgangen == 1
    assert (leerling.state, leerling.version) == ("snuffelstage", 2)
