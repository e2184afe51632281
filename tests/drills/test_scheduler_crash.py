"""Scheduler crash: `trajectory scheduler` is SIGKILLed while it is sending mail, between
claiming the notifications and marking them sent. After a restart every notification is
delivered: at least once, and only the rows that were in flight come twice, with the same
Message-ID (so a mail client shows them once).

The stop is real: the SMTP server (aiosmtpd on 127.0.0.1) accepts the first mails and then
holds the next one in DATA; while the scheduler waits for its answer, the drill kills it.
"""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from collections import Counter
from email import message_from_bytes

from aiosmtpd.controller import Controller
from sqlalchemy import select

from tests.drills.conftest import op_postgresql, scheduler, vrije_poort
from tests.integration.builders import breng_naar, nieuwe_leerling, zet_stap
from trajectory.domain.clock import SystemClock
from trajectory.store import tables as t
from trajectory.usecases.herinneringen import fire_due

LEERLINGEN = 6
DOORGELATEN = 2  # mails accepted before the SMTP server holds one in DATA
WACHT_SECONDEN = 60


class HaperendePostbus:
    """Accepts DOORGELATEN mails, then holds the next in DATA until `los` is set."""

    def __init__(self) -> None:
        self.message_ids: list[str] = []
        self.vast = threading.Event()  # the scheduler is waiting in DATA
        self.los = threading.Event()
        self.haperen = True

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.haperen and len(self.message_ids) >= DOORGELATEN:
            self.vast.set()
            await asyncio.get_running_loop().run_in_executor(None, self.los.wait, WACHT_SECONDEN)
            return "451 later"
        message_id = message_from_bytes(envelope.content)["Message-ID"]
        self.message_ids.append("".join(message_id.split()))  # a long header comes folded
        return "250 OK"


def _uitvallers(sessions, clock, staff) -> None:
    for i in range(LEERLINGEN):
        lid = nieuwe_leerling(
            sessions, clock, staff.teamleider, naam=f"Leerling {i}", klas="3A",
            stagebegeleider_id=staff.stagebegeleider.id,
        )  # fmt: skip
        breng_naar(sessions, clock, staff.teamleider, lid, "groepsstage")
        zet_stap(sessions, clock, staff.stagebegeleider, lid, "uitvallen", code="verzuim")


def _openstaand(sessions) -> int:
    with sessions() as session:
        return len(session.scalars(select(t.Melding.id).where(t.Melding.verzonden.is_(None))).all())


@op_postgresql
def test_na_een_crash_tijdens_het_verzenden_komt_elke_melding_aan_en_dubbel_alleen_onderweg(
    database_url, sessions, clock, staff
):
    _uitvallers(sessions, clock, staff)
    # the scheduler runs on the real clock: its reminders are due now; fire them first, so
    # every notification exists before the first mail run (no wait for the next one)
    fire_due(sessions, SystemClock())
    postbus = HaperendePostbus()
    poort = vrije_poort()
    controller = Controller(postbus, hostname="127.0.0.1", port=poort)
    controller.start()
    try:
        eerste = scheduler(database_url, poort)
        try:
            assert postbus.vast.wait(WACHT_SECONDEN), "de scheduler kwam niet bij het verzenden"
            eerste.send_signal(signal.SIGKILL)
            eerste.wait(timeout=10)
        finally:
            postbus.haperen = False
            postbus.los.set()
            if eerste.poll() is None:
                eerste.kill()
        voor_de_crash = list(postbus.message_ids)
        assert len(voor_de_crash) == DOORGELATEN
        assert _openstaand(sessions) > 0  # nothing was marked sent: the claim rolled back

        tweede = scheduler(database_url, poort)
        try:
            grens = time.monotonic() + WACHT_SECONDEN  # bounded: delivered, or the test fails
            while _openstaand(sessions) and time.monotonic() < grens:
                time.sleep(0.1)
        finally:
            tweede.terminate()
            tweede.wait(timeout=10)
    finally:
        controller.stop()

    assert _openstaand(sessions) == 0
    with sessions() as session:
        verwacht = {m.message_id for m in session.scalars(select(t.Melding))}
    ontvangen = Counter(postbus.message_ids)
    assert set(ontvangen) == verwacht  # every notification arrived
    dubbel = {mid for mid, n in ontvangen.items() if n > 1}
    assert dubbel <= set(voor_de_crash)  # duplicates only for what was in flight at the kill
    assert max(ontvangen.values()) <= 2
