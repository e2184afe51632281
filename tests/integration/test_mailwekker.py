"""Issue #20, section 3: an uitval mail reaches the mentor when the step commits, not at the
outbox's next poll. The scheduler polls once an hour here, so only the wake-up can send it;
aiosmtpd accepts the mail before the mail job ends. PostgreSQL: LISTEN/NOTIFY (the scheduler's
wekker ignores in-process calls there, so NOTIFY is what wakes it); SQLite: the in-process call."""

from __future__ import annotations

import threading

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from sqlalchemy import select

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


def test_een_uitvalmail_gaat_bij_de_commit_weg_zonder_op_de_poll_te_wachten(
    engine, sessions, clock, staff, postbus, poort
):
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, naam="Noor Jansen", klas="3A",
        stagebegeleider_id=staff.stagebegeleider.id,
    )  # fmt: skip
    breng_naar(sessions, clock, staff.teamleider, lid, "groepsstage")
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
    try:
        assert runs.acquire(timeout=WACHT), "the mail job did not run at start"
        assert wekker.luistert.wait(WACHT), "the wekker did not start listening"
        while runs.acquire(blocking=False):  # PostgreSQL: its look right after LISTEN
            pass
        postbus.berichten.clear()  # the placement's mail, sent at start

        zet_stap(sessions, clock, staff.stagebegeleider, lid, "uitvallen", code="verzuim")

        assert runs.acquire(timeout=WACHT), "the commit did not wake the mail job"
    finally:
        scheduler.shutdown(wait=True)
    assert fouten == []
    ontvangers = {adres for rcpt, _ in postbus.berichten for adres in rcpt}
    with sessions() as session:
        mentor = session.scalar(select(t.Gebruiker.email).where(t.Gebruiker.id == staff.mentor.id))
        uitval = session.scalars(select(t.Melding).where(t.Melding.soort == "uitval")).all()
    assert mentor in ontvangers
    assert uitval
    assert all(m.verzonden is not None for m in uitval)
