"""Issue #20, section 3: an uitval mail reaches the mentor when the step commits, not at the
outbox's next poll. The scheduler polls once an hour here, so only the wake-up can send it;
aiosmtpd accepts the mail before the mail job ends. PostgreSQL: LISTEN/NOTIFY (the scheduler's
wekker ignores in-process calls there, so NOTIFY is what wakes it); SQLite: the in-process call,
and for a step taken in another process (`serve --workers 2`) the file's data version."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from sqlalchemy import select

from tests.conftest import STAFF
from tests.integration.builders import breng_naar, nieuwe_leerling, zet_stap
from trajectory.entrypoints.scheduler import Verkiezing, Wekker, build_scheduler
from trajectory.notifications.mail import SmtpSettings
from trajectory.store import tables as t

WACHT = 30  # seconds, bounded: the mail job ran, or the test fails (the poll is an hour)


def _mailruns(scheduler) -> tuple[threading.Semaphore, list[BaseException]]:
    runs, fouten = threading.Semaphore(0), []

    def luister(event) -> None:
        if event.job_id == "mail":
            if event.exception:
                fouten.append(event.exception)
            runs.release()

    scheduler.add_listener(luister, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    return runs, fouten


def _uitval_verzonden(sessions) -> bool:
    with sessions() as session:
        uitval = session.scalars(select(t.Melding).where(t.Melding.soort == "uitval")).all()
    return bool(uitval) and all(m.verzonden is not None for m in uitval)


def _gewekt_tot_verzonden(sessions, runs: threading.Semaphore) -> None:
    """Each run of the mail job until the uitval mail is sent, bounded by WACHT. A run of the
    job that began before the commit (PostgreSQL's look right after LISTEN) may end after it
    without the mail; only a wake-up can send it (the poll is an hour)."""
    grens = time.monotonic() + WACHT
    while not _uitval_verzonden(sessions):
        resterend = grens - time.monotonic()
        assert resterend > 0, "the commit did not wake the mail job in time"
        assert runs.acquire(timeout=resterend), "the commit did not wake the mail job"


def _start(engine, sessions, clock, poort):
    wekker = Wekker(engine)
    scheduler = build_scheduler(
        sessions,
        SmtpSettings(port=poort),
        clock,
        verkiezing=Verkiezing(sessions, clock),
        mail_interval=3600,
        wekker=wekker,
    )
    runs, fouten = _mailruns(scheduler)
    scheduler.start()
    assert runs.acquire(timeout=WACHT), "the mail job did not run at start"
    assert wekker.luistert.wait(WACHT), "the wekker did not start listening"
    return scheduler, runs, fouten


def _in_groepsstage(sessions, clock, staff) -> int:
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, naam="Noor Jansen", klas="3A",
        stagebegeleider_id=staff.stagebegeleider.id,
    )  # fmt: skip
    breng_naar(sessions, clock, staff.teamleider, lid, "groepsstage")
    return lid


def moment(clock) -> str:
    return clock.now().isoformat()


def _mentor_kreeg_het(sessions, staff, postbus) -> None:
    ontvangers = {adres for rcpt, _ in postbus.berichten for adres in rcpt}
    with sessions() as session:
        mentor = session.scalar(select(t.Gebruiker.email).where(t.Gebruiker.id == staff.mentor.id))
    assert mentor in ontvangers
    assert _uitval_verzonden(sessions)


def test_een_uitvalmail_gaat_bij_de_commit_weg_zonder_op_de_poll_te_wachten(
    engine, sessions, clock, staff, postbus, poort
):
    lid = _in_groepsstage(sessions, clock, staff)
    scheduler, runs, fouten = _start(engine, sessions, clock, poort)
    try:
        postbus.berichten.clear()  # the placement's mail, sent at start

        zet_stap(sessions, clock, staff.stagebegeleider, lid, "uitvallen", code="verzuim")

        _gewekt_tot_verzonden(sessions, runs)
    finally:
        scheduler.shutdown(wait=True)
    assert fouten == []
    _mentor_kreeg_het(sessions, staff, postbus)


WORTEL = Path(__file__).resolve().parents[2]
STAP_ELDERS = """
import sys
from datetime import datetime
from trajectory.domain.clock import FixedClock
from trajectory.store.db import make_engine, make_sessionmaker
from trajectory.usecases.users import actor_for_email
from tests.integration.builders import zet_stap

url, email, leerling, moment = sys.argv[1:]
sessions = make_sessionmaker(make_engine(url))
with sessions() as session:
    actor = actor_for_email(session, email)
zet_stap(sessions, FixedClock(datetime.fromisoformat(moment)), actor, int(leerling),
         "uitvallen", code="verzuim")
"""


# PostgreSQL needs no case of its own: NOTIFY reaches the listener in whatever process
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_een_stap_in_een_ander_proces_wekt_de_mail_ook(
    database_url, engine, sessions, clock, staff, postbus, poort
):
    lid = _in_groepsstage(sessions, clock, staff)
    scheduler, runs, fouten = _start(engine, sessions, clock, poort)
    try:
        postbus.berichten.clear()
        email = STAFF["stagebegeleider"][0]
        subprocess.run(
            [sys.executable, "-c", STAP_ELDERS, database_url, email, str(lid), moment(clock)],
            check=True,
            timeout=60,
            cwd=WORTEL,
        )

        _gewekt_tot_verzonden(sessions, runs)
    finally:
        scheduler.shutdown(wait=True)
    assert fouten == []
    _mentor_kreeg_het(sessions, staff, postbus)
