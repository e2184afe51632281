"""kill -9 under load: SIGKILL the real server while clients fire steps, restart it.

The clients mix what a school sends: the teamleider's overrides through the JSON API and
through the leerling page's form (session login, CSRF), and before each of them the same step
as the stagebegeleider, which the guards refuse (an audited refusal), through the API or the
page. Every step and every refusal a client saw acknowledged is in the database, the audit
chain verifies, every leerling's state and version are accounted for by its own audit events,
and no step was refused twice: nothing half-committed, whatever the kill interrupted.
"""

from __future__ import annotations

import http.client
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from tests.drills.conftest import Pagina, op_postgresql
from tests.integration.builders import MOTIVATIE, nieuwe_leerling
from trajectory.store import tables as t
from trajectory.store.repository import verify_audit

LEERLINGEN = 24
CLIENTS = 4
STAPPEN = ("interne_stage_afronden", "snuffelstage_afronden", "advies_zelfstandig")
KILL_NA = 60  # acknowledged answers before the kill; the load has 144 in all (72 + 72 refused)
GEWEIGERD = "Deze stap kan nog niet. Hieronder staat waarom."  # the page's refusal


@op_postgresql
def test_na_kill_9_staat_elke_bevestigde_stap_en_weigering_in_de_database_en_klopt_de_keten(
    server, sessions, clock, staff
):
    ids = [
        nieuwe_leerling(
            sessions,
            clock,
            staff.teamleider,
            naam=f"Leerling {i}",
            stagebegeleider_id=staff.stagebegeleider.id,
        )
        for i in range(LEERLINGEN)
    ]
    pagina = {rol: Pagina(server, sessions, rol) for rol in ("teamleider", "stagebegeleider")}
    overgangen: list[tuple[int, str, int, bool]] = []  # leerling, trigger, version, via the page
    weigeringen: list[tuple[int, str, int | None]] = []  # leerling, trigger, event id (API)
    slot = threading.Lock()
    genoeg = threading.Event()

    def bevestig(lijst: list, regel: tuple) -> None:
        with slot:
            lijst.append(regel)
            if len(overgangen) + len(weigeringen) >= KILL_NA:
                genoeg.set()

    def weiger(lid: int, trigger: str, versie: int, via_pagina: bool) -> None:
        if via_pagina:
            status, _, tekst = pagina["stagebegeleider"].post(
                f"/leerlingen/{lid}/stappen/{trigger}", {"version": versie}
            )
            assert status == 409, (status, tekst)
            assert GEWEIGERD in tekst, tekst
            bevestig(weigeringen, (lid, trigger, None))
            return
        status, body = server.post(
            f"/api/leerlingen/{lid}/triggers/{trigger}", {"version": versie}, als="stagebegeleider"
        )
        assert status == 409, body
        assert body["detail"]["reden"] == "geweigerd", body
        bevestig(weigeringen, (lid, trigger, body["detail"]["event_id"]))

    def zet(lid: int, trigger: str, versie: int, via_pagina: bool) -> None:
        if via_pagina:
            status, adres, tekst = pagina["teamleider"].post(
                f"/leerlingen/{lid}/stappen/{trigger}", {"version": versie, "motivatie": MOTIVATIE}
            )
            assert status == 303, (status, tekst)
            assert f"gelukt={trigger}" in adres, adres
        else:
            status, body = server.post(
                f"/api/leerlingen/{lid}/triggers/{trigger}",
                {"version": versie, "motivatie": MOTIVATIE},
                als="teamleider",
            )
            assert status == 200, body
            assert body["version"] == versie + 1, body
        bevestig(overgangen, (lid, trigger, versie + 1, via_pagina))

    def client(mijn: list[int]) -> None:
        for stap_nr, trigger in enumerate(STAPPEN):
            for lid in mijn:
                try:
                    weiger(lid, trigger, stap_nr + 1, via_pagina=(lid + stap_nr) % 2 == 0)
                    zet(lid, trigger, stap_nr + 1, via_pagina=(lid + stap_nr) % 3 == 0)
                except (OSError, http.client.HTTPException):
                    return  # the server is gone, perhaps in the middle of an answer

    with ThreadPoolExecutor(CLIENTS) as pool:
        klaar = [pool.submit(client, ids[i::CLIENTS]) for i in range(CLIENTS)]
        assert genoeg.wait(timeout=120), "te weinig bevestigde antwoorden"
        server.kill9()
        for f in klaar:
            f.result(timeout=60)

    assert KILL_NA <= len(overgangen) + len(weigeringen) < 2 * LEERLINGEN * len(STAPPEN)
    assert {via for *_, via in overgangen} == {True, False}  # the page and the API, both
    assert {e is None for *_, e in weigeringen} == {True, False}
    with sessions() as session:
        assert verify_audit(session) is None
        for lid, trigger, version, _ in overgangen:
            assert _events(session, lid, trigger, "overgang", "teamleider") == 1, (lid, trigger)
            assert session.get(t.Leerling, lid).version >= version
        for lid, trigger, event_id in weigeringen:
            assert _events(session, lid, trigger, "weigering", "stagebegeleider") == 1
            if event_id is not None:
                event = session.get(t.AuditEvent, event_id)
                assert event is not None, f"bevestigde weigering {event_id} ontbreekt"
                assert (event.leerling_id, event.trigger, event.soort) == (
                    lid,
                    trigger,
                    "weigering",
                )
        for leerling in session.scalars(select(t.Leerling).where(t.Leerling.id.in_(ids))):
            naar = session.scalars(
                select(t.AuditEvent.naar)
                .where(t.AuditEvent.leerling_id == leerling.id, t.AuditEvent.soort == "overgang")
                .order_by(t.AuditEvent.id)
            ).all()
            assert leerling.version == 1 + len(naar)
            assert leerling.state == (naar[-1] if naar else "interne_stage")
            for trigger in STAPPEN:  # sent once each: refused at most once
                assert _events(session, leerling.id, trigger, "weigering", "stagebegeleider") <= 1

    server.start()  # the restart: the service works on the same database, sessions included
    with sessions() as session:
        leerling = session.scalars(
            select(t.Leerling).where(t.Leerling.id.in_(ids)).order_by(t.Leerling.version)
        ).first()
        lid, versie, stap = leerling.id, leerling.version, STAPPEN[leerling.version - 1]
        eerder = _events(session, lid, stap, "weigering", "stagebegeleider")
    status, _, tekst = pagina["stagebegeleider"].post(
        f"/leerlingen/{lid}/stappen/{stap}", {"version": versie}
    )
    assert status == 409, (status, tekst)
    assert GEWEIGERD in tekst, tekst
    status, body = server.post(
        f"/api/leerlingen/{lid}/triggers/{stap}",
        {"version": versie, "motivatie": MOTIVATIE},
        als="teamleider",
    )
    assert status == 200, body
    with sessions() as session:
        assert verify_audit(session) is None
        assert _events(session, lid, stap, "weigering", "stagebegeleider") == eerder + 1


def _events(session, lid: int, trigger: str, soort: str, rol: str) -> int:
    return session.scalar(
        select(func.count())
        .select_from(t.AuditEvent)
        .where(
            t.AuditEvent.leerling_id == lid,
            t.AuditEvent.trigger == trigger,
            t.AuditEvent.soort == soort,
            t.AuditEvent.actor_rol == rol,
        )
    )
