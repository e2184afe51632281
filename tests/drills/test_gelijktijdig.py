"""Concurrent advances through the real server: the same step, the same version, at once.

The teamleider's override through the JSON API and through the leerling page's form (session
login, CSRF), and the stagebegeleider's try of the same step, which the guards refuse, through
both as well. Exactly one override succeeds, the other overrides get 409 versieconflict (the
page: 409 with the conflict's message); a try is refused (audited, once) or gets the conflict
when the winner came first; nothing else is stored."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from tests.drills.conftest import Pagina, op_postgresql
from tests.integration.builders import MOTIVATIE, nieuwe_leerling
from trajectory.store import tables as t
from trajectory.store.repository import VersionConflict, verify_audit

TRIGGER = "interne_stage_afronden"
# (role, through the page): 3 + 3 overrides by the teamleider, 2 + 2 refused tries
CLIENTS = [("teamleider", False)] * 3 + [("teamleider", True)] * 3
CLIENTS += [("stagebegeleider", False)] * 2 + [("stagebegeleider", True)] * 2
GEWEIGERD = "Deze stap kan nog niet. Hieronder staat waarom."  # the page's refusal


@op_postgresql
def test_van_tien_gelijktijdige_dezelfde_stappen_lukt_er_een_en_staat_elke_weigering_er_eens(
    server, sessions, clock, staff
):
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    pagina = {rol: Pagina(server, sessions, rol) for rol in ("teamleider", "stagebegeleider")}

    antwoorden = _tegelijk(server, pagina, lid, CLIENTS)

    teamleider = sorted(uitkomst for rol, uitkomst, _ in antwoorden if rol == "teamleider")
    assert teamleider == ["gelukt"] + ["versieconflict"] * 5
    tries = [uitkomst for rol, uitkomst, _ in antwoorden if rol == "stagebegeleider"]
    assert set(tries) <= {"geweigerd", "versieconflict"}  # refused, or after the winner
    _elke_weigering_een_keer(sessions, lid, antwoorden, overgangen=1)
    with sessions() as session:
        leerling = session.get(t.Leerling, lid)
    assert (leerling.state, leerling.version) == ("snuffelstage", 2)


@op_postgresql
def test_vier_gelijktijdige_geweigerde_stappen_staan_elk_precies_een_keer_in_de_audit(
    server, sessions, clock, staff
):
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    pagina = {"stagebegeleider": Pagina(server, sessions, "stagebegeleider")}
    tries = [c for c in CLIENTS if c[0] == "stagebegeleider"]

    antwoorden = _tegelijk(server, pagina, lid, tries)

    assert [uitkomst for _, uitkomst, _ in antwoorden] == ["geweigerd"] * len(tries)
    _elke_weigering_een_keer(sessions, lid, antwoorden, overgangen=0)
    with sessions() as session:
        leerling = session.get(t.Leerling, lid)
    assert (leerling.state, leerling.version) == ("interne_stage", 1)


def _tegelijk(
    server, pagina: dict[str, Pagina], lid: int, clients: list[tuple[str, bool]]
) -> list[tuple[str, str, int | None]]:
    """Every client sends TRIGGER at version 1 at the same moment; per client: (role,
    'gelukt' | 'geweigerd' | 'versieconflict', the refusal's event id from the API)."""
    pad = f"/leerlingen/{lid}/stappen/{TRIGGER}"
    start = threading.Barrier(len(clients))

    def stap(client: tuple[str, bool]) -> tuple[str, str, int | None]:
        rol, via_pagina = client
        velden = {"version": 1, **({"motivatie": MOTIVATIE} if rol == "teamleider" else {})}
        start.wait(timeout=30)
        if via_pagina:
            status, adres, tekst = pagina[rol].post(pad, velden)
            if status == 303 and f"gelukt={TRIGGER}" in adres:
                return rol, "gelukt", None
            assert status == 409, (status, tekst)
            if GEWEIGERD in tekst:
                return rol, "geweigerd", None
            assert VersionConflict.bericht in tekst, tekst
            return rol, "versieconflict", None
        status, body = server.post(f"/api/leerlingen/{lid}/triggers/{TRIGGER}", velden, als=rol)
        if status == 200:
            return rol, "gelukt", None
        assert status == 409, body
        reden = body["detail"]["reden"]
        assert reden in ("geweigerd", "versieconflict"), body
        return rol, reden, body["detail"].get("event_id")

    with ThreadPoolExecutor(len(clients)) as pool:
        return list(pool.map(stap, clients))


def _elke_weigering_een_keer(
    sessions, lid: int, antwoorden: list[tuple[str, str, int | None]], overgangen: int
) -> None:
    """The chain verifies, the leerling has `overgangen` transitions and one refusal event per
    refused answer, each the stagebegeleider's, the API's event ids among them."""
    geweigerd = [e for _, uitkomst, e in antwoorden if uitkomst == "geweigerd"]
    with sessions() as session:
        assert verify_audit(session) is None
        events = session.scalars(
            select(t.AuditEvent).where(
                t.AuditEvent.leerling_id == lid, t.AuditEvent.trigger == TRIGGER
            )
        ).all()
    weigeringen = [e for e in events if e.soort == "weigering"]
    assert sum(e.soort == "overgang" for e in events) == overgangen
    assert len(weigeringen) == len(geweigerd)
    assert {e.actor_rol for e in weigeringen} <= {"stagebegeleider"}
    api = [e for e in geweigerd if e is not None]
    assert len(set(api)) == len(api)
    assert set(api) <= {e.id for e in weigeringen}
