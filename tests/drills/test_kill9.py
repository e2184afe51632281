"""kill -9 under load: SIGKILL the real server while clients fire transitions, restart it.

Every transition a client saw acknowledged (200 with its event id) is in the database, the
audit chain verifies, and every leerling's state and version are accounted for by its own
audit events: nothing half-committed, whatever the kill interrupted.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from tests.drills.conftest import op_postgresql
from tests.integration.builders import MOTIVATIE, nieuwe_leerling
from trajectory.store import tables as t
from trajectory.store.repository import verify_audit

LEERLINGEN = 24
CLIENTS = 4
STAPPEN = ("interne_stage_afronden", "snuffelstage_afronden", "advies_zelfstandig")
KILL_NA = 30  # acknowledged transitions before the kill; the load has 72 in all


@op_postgresql
def test_na_kill_9_staat_elke_bevestigde_overgang_in_de_database_en_klopt_de_keten(
    server, sessions, clock, staff
):
    ids = [
        nieuwe_leerling(sessions, clock, staff.teamleider, naam=f"Leerling {i}")
        for i in range(LEERLINGEN)
    ]
    bevestigd: list[tuple[int, str, int, int]] = []  # leerling, state, version, event id
    slot = threading.Lock()
    genoeg = threading.Event()

    def client(mijn: list[int]) -> None:
        for stap_nr, trigger in enumerate(STAPPEN):
            for lid in mijn:
                try:
                    status, body = server.post(
                        f"/api/leerlingen/{lid}/triggers/{trigger}",
                        {"version": stap_nr + 1, "motivatie": MOTIVATIE},
                        als="teamleider",
                    )
                except OSError:
                    return  # the server is gone
                assert status == 200, body
                with slot:
                    bevestigd.append((lid, body["state"], body["version"], body["event_id"]))
                    if len(bevestigd) >= KILL_NA:
                        genoeg.set()

    with ThreadPoolExecutor(CLIENTS) as pool:
        klaar = [pool.submit(client, ids[i::CLIENTS]) for i in range(CLIENTS)]
        assert genoeg.wait(timeout=120), "te weinig bevestigde overgangen"
        server.kill9()
        for f in klaar:
            f.result(timeout=60)

    assert KILL_NA <= len(bevestigd) < LEERLINGEN * len(STAPPEN)  # killed mid-run
    with sessions() as session:
        assert verify_audit(session) is None
        for lid, state, version, event_id in bevestigd:
            event = session.get(t.AuditEvent, event_id)
            assert event is not None, f"bevestigde overgang {event_id} ontbreekt"
            assert (event.leerling_id, event.naar, event.soort) == (lid, state, "overgang")
            assert session.get(t.Leerling, lid).version >= version
        for leerling in session.scalars(select(t.Leerling).where(t.Leerling.id.in_(ids))):
            overgangen = session.scalars(
                select(t.AuditEvent.naar)
                .where(t.AuditEvent.leerling_id == leerling.id, t.AuditEvent.soort == "overgang")
                .order_by(t.AuditEvent.id)
            ).all()
            assert leerling.version == 1 + len(overgangen)
            assert leerling.state == (overgangen[-1] if overgangen else "interne_stage")

    server.start()  # the restart: the service works on the same database
    with sessions() as session:
        leerling = session.scalars(
            select(t.Leerling).where(t.Leerling.id.in_(ids)).order_by(t.Leerling.version)
        ).first()
        lid, versie, stap = leerling.id, leerling.version, STAPPEN[leerling.version - 1]
    status, body = server.post(
        f"/api/leerlingen/{lid}/triggers/{stap}",
        {"version": versie, "motivatie": MOTIVATIE},
        als="teamleider",
    )
    assert status == 200, body
    with sessions() as session:
        assert verify_audit(session) is None
