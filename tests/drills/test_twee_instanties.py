"""Two instances and one scheduler on one PostgreSQL, one instance SIGKILLed under load (#20).

Two `trajectory serve` processes (each on its own port, without a scheduler of their own) and
one `trajectory scheduler` process share the database, as a school's deployment behind a proxy
would. The clients split the leerlingen over the two instances and set the teamleider's steps
through the JSON API; when the first instance is killed mid-run, its clients carry on at the
second, as a proxy would send them: they read the leerling's version there (the step that was
in flight may or may not have committed) and go on from it.

Afterwards every step a client saw acknowledged is in the database with its audit event, the
audit chain verifies, the reminders that were due when the scheduler started (a few uitvallers
the load does not touch) fired once each, and every notification reached the SMTP server
exactly once: nothing half-committed by the kill, and no job run twice by the instances.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from email import message_from_bytes
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from tests.conftest import api_token
from tests.drills.conftest import Server, op_postgresql, scheduler, vrije_poort, wacht_tot
from tests.integration.builders import MOTIVATIE, breng_naar, nieuwe_leerling, zet_stap
from trajectory.domain.clock import SCHOOL_TZ
from trajectory.store import tables as t
from trajectory.store.herinneringen import GEPLAND, GEVUURD
from trajectory.store.repository import verify_audit

LEERLINGEN = 24  # under load, split over the two instances
UITVALLERS = 4  # untouched by the load: their reminders are due when the scheduler starts
CLIENTS = 4  # threads; the even ones start at the instance that is killed
STAPPEN = ("interne_stage_afronden", "snuffelstage_afronden", "advies_zelfstandig")
KILL_NA = 24  # acknowledged steps before the kill; the load has 72 in all
WACHT_SECONDEN = 40  # each wait of the drill is bounded by this


class Postbus:
    """An SMTP server on 127.0.0.1 that keeps the Message-ID of every mail it accepts."""

    def __init__(self) -> None:
        self.message_ids: list[str] = []
        self.slot = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message_id = message_from_bytes(envelope.content)["Message-ID"]
        with self.slot:
            self.message_ids.append("".join(message_id.split()))  # a long header comes folded
        return "250 OK"


def _versie(server: Server, lid: int) -> int:
    """The leerling's version as this instance reads it (the teamleider's token)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.poort, timeout=20)
    try:
        conn.request(
            "GET",
            f"/api/leerlingen/{lid}",
            headers={"Authorization": f"Bearer {api_token('teamleider')}"},
        )
        response = conn.getresponse()
        body = json.loads(response.read())
        assert response.status == 200, body
        return int(body["version"])
    finally:
        conn.close()


def _vandaag() -> Any:
    return datetime.now(UTC).astimezone(SCHOOL_TZ).date()  # the scheduler's own clock


def _open_herinneringen(sessions, ids: list[int]) -> int:
    """Reminders of these leerlingen that are due by today and still waiting to fire."""
    with sessions() as session:
        return session.scalar(
            select(func.count())
            .select_from(t.Herinnering)
            .where(
                t.Herinnering.leerling_id.in_(ids),
                t.Herinnering.status == GEPLAND,
                t.Herinnering.verschuldigd <= _vandaag(),
            )
        )


def _onverzonden(sessions) -> int:
    with sessions() as session:
        return session.scalar(
            select(func.count()).select_from(t.Melding).where(t.Melding.verzonden.is_(None))
        )


@op_postgresql
def test_twee_instanties_en_een_scheduler_na_kill_9_van_een_instantie_klopt_alles(
    database_url, sessions, clock, staff, tmp_path
):
    ids = [
        nieuwe_leerling(
            sessions,
            clock,
            staff.teamleider,
            naam=f"Leerling {i}",
            stagebegeleider_id=staff.stagebegeleider.id,
        )  # fmt: skip
        for i in range(LEERLINGEN)
    ]
    uitvallers = []
    for i in range(UITVALLERS):
        lid = nieuwe_leerling(
            sessions, clock, staff.teamleider, naam=f"Uitvaller {i}", klas="3A",
            stagebegeleider_id=staff.stagebegeleider.id,
        )  # fmt: skip
        breng_naar(sessions, clock, staff.teamleider, lid, "groepsstage")
        zet_stap(sessions, clock, staff.stagebegeleider, lid, "uitvallen", code="verzuim")
        uitvallers.append(lid)
    assert _open_herinneringen(sessions, uitvallers) > 0  # due at the scheduler's clock

    postbus = Postbus()
    smtp_poort = vrije_poort()
    controller = Controller(postbus, hostname="127.0.0.1", port=smtp_poort)
    controller.start()
    a = Server(database_url, log=tmp_path / "a.log")
    b = Server(database_url, log=tmp_path / "b.log")
    planner = None
    try:
        a.start()
        b.start()
        planner = scheduler(database_url, smtp_poort)
        bevestigd, uitgevallen = _belast(a, b, ids)
        assert a.proces is not None
        assert a.proces.returncode is not None  # killed mid-run
        assert b.proces is not None
        assert b.proces.poll() is None  # the other kept serving

        wacht_tot(
            lambda: _open_herinneringen(sessions, uitvallers) == 0, "herinneringen", WACHT_SECONDEN
        )
        wacht_tot(lambda: _onverzonden(sessions) == 0, "alle meldingen verzonden", WACHT_SECONDEN)
        assert planner.poll() is None
    finally:
        if planner is not None:
            planner.terminate()
            planner.wait(timeout=10)
        a.stop()
        b.stop()
        controller.stop()

    # the load: every acknowledged step has its audit event; both instances acknowledged some
    assert {server for *_, server in bevestigd} == {"a", "b"}
    assert 1 <= uitgevallen <= CLIENTS // 2  # one answer lost per client of `a` at most
    assert len(bevestigd) >= LEERLINGEN * len(STAPPEN) - uitgevallen
    with sessions() as session:
        assert verify_audit(session) is None
        for lid, trigger, versie, _ in bevestigd:
            assert _overgangen(session, lid, trigger) == 1, (lid, trigger)
            assert session.get(t.Leerling, lid).version >= versie
        for lid in ids:  # each step once, whichever instance took it; none lost or doubled
            leerling = session.get(t.Leerling, lid)
            naar = session.scalars(
                select(t.AuditEvent.naar)
                .where(t.AuditEvent.leerling_id == lid, t.AuditEvent.soort == "overgang")
                .order_by(t.AuditEvent.id)
            ).all()
            assert leerling.version == 1 + len(naar) == 1 + len(STAPPEN), lid
            assert leerling.state == naar[-1]

        # the reminders: each fired once, by the one scheduler, and mailed once
        gevuurd = session.scalars(
            select(t.Herinnering).where(
                t.Herinnering.leerling_id.in_(uitvallers), t.Herinnering.status == GEVUURD
            )
        ).all()
        assert gevuurd
        for rij in gevuurd:
            meldingen = session.scalars(
                select(t.Melding).where(
                    t.Melding.leerling_id == rij.leerling_id, t.Melding.soort == rij.soort
                )
            ).all()
            assert meldingen, (rij.leerling_id, rij.soort)
        verwacht = {m.message_id for m in session.scalars(select(t.Melding))}
    ontvangen = Counter(postbus.message_ids)
    assert set(ontvangen) == verwacht  # every notification arrived
    assert set(ontvangen.values()) == {1}  # and only once


def _belast(a: Server, b: Server, ids: list[int]) -> tuple[list[tuple[int, str, int, str]], int]:
    """The bounded load (LEERLINGEN x STAPPEN steps, each client within WACHT_SECONDEN), with
    `a` SIGKILLed after KILL_NA acknowledgements. Returns what was acknowledged (leerling,
    trigger, version, instance) and how many steps went unanswered at the kill."""
    bevestigd: list[tuple[int, str, int, str]] = []
    uitgevallen = 0
    slot = threading.Lock()
    genoeg = threading.Event()
    grens = time.monotonic() + WACHT_SECONDEN

    def zet(server: Server, naam: str, lid: int, trigger: str, versie: int) -> None:
        status, body = server.post(
            f"/api/leerlingen/{lid}/triggers/{trigger}",
            {"version": versie, "motivatie": MOTIVATIE},
            als="teamleider",
        )
        assert status == 200, body
        assert body["version"] == versie + 1, body
        with slot:
            bevestigd.append((lid, trigger, versie + 1, naam))
            if len(bevestigd) >= KILL_NA:
                genoeg.set()

    def client(nummer: int, mijn: list[int]) -> None:
        nonlocal uitgevallen
        server, naam = (a, "a") if nummer % 2 == 0 else (b, "b")
        for stap_nr, trigger in enumerate(STAPPEN):
            for lid in mijn:
                assert time.monotonic() < grens, "de belasting duurde te lang"
                try:
                    zet(server, naam, lid, trigger, stap_nr + 1)
                except (OSError, http.client.HTTPException):
                    assert server is a, "de instantie die bleef, viel uit"
                    with slot:
                        uitgevallen += 1
                    server, naam = b, "b"  # the proxy's next choice
                    if _versie(b, lid) == stap_nr + 1:  # else the step in flight committed
                        zet(server, naam, lid, trigger, stap_nr + 1)

    with ThreadPoolExecutor(CLIENTS) as pool:
        klaar = [pool.submit(client, i, ids[i::CLIENTS]) for i in range(CLIENTS)]
        assert genoeg.wait(timeout=WACHT_SECONDEN), "te weinig bevestigde stappen"
        a.kill9()
        for f in klaar:
            f.result(timeout=WACHT_SECONDEN)
    return bevestigd, uitgevallen


def _overgangen(session, lid: int, trigger: str) -> int:
    return session.scalar(
        select(func.count())
        .select_from(t.AuditEvent)
        .where(
            t.AuditEvent.leerling_id == lid,
            t.AuditEvent.trigger == trigger,
            t.AuditEvent.soort == "overgang",
            t.AuditEvent.actor_rol == "teamleider",
        )
    )
