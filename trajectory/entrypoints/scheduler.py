"""The scheduler: APScheduler interval jobs that fire due reminders, deliver due e-mail and make
the timer-driven transitions (nazorg closes itself two years after leaving).

APScheduler only provides the heartbeat, never the durable state: its job store must not be
shared between processes, and it skips jobs missed during downtime by default. The due work
lives in our own tables (herinnering, melding, the leerlingen in nazorg) and every run claims
what is due now, so a run missed while the service was down is caught up by the next one
(the jobs also run once at start) and two instances on PostgreSQL never take the same row
(`FOR UPDATE SKIP LOCKED`). SQLite silently ignores SKIP LOCKED, so there only one scheduler may
run at a time.

Every process may start a scheduler (each web worker, each instance, `trajectory scheduler`),
but its jobs run only in the one that holds the lease row (trajectory/store/lease.py): once per
deployment, on both databases. The holder renews the lease every LEASE_VERNIEUWEN_SECONDEN and
before each job; when it stops renewing the lease lapses after LEASE_DUUR and another process
takes over; when its process dies, at the next try (its Slot is gone).
"""

from __future__ import annotations

import functools
import logging
import os
import secrets
import socket
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.events import EVENT_SCHEDULER_SHUTDOWN, EVENT_SCHEDULER_STARTED
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.anker import MAP_VARIABELE
from trajectory.domain.anker import sleutel as anker_sleutel
from trajectory.domain.clock import Clock
from trajectory.notifications.mail import SmtpSettings, deliver_due
from trajectory.store import importtaken, lease, mailwekker
from trajectory.usecases import wachtlijst
from trajectory.usecases.auditanker import schrijf_dagelijks_anker
from trajectory.usecases.bewaartermijn import Bewaartermijnen, bewaartermijn
from trajectory.usecases.herinneringen import fire_due
from trajectory.usecases.timers import close_finished_nazorg

log = logging.getLogger("stagetraject.scheduler")
MAIL_INTERVAL_SECONDEN = 30
KIJK_SECONDEN = 0.5  # SQLite: how often the wekker looks for other processes' mail
HERINNERING_INTERVAL_SECONDEN = 300


LEASE = "scheduler"
LEASE_DUUR = timedelta(seconds=90)
LEASE_VERNIEUWEN_SECONDEN = 20  # well inside LEASE_DUUR: a missed renewal or two is no loss


class Verkiezing:
    """This process's part in electing the one scheduler that runs the jobs."""

    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, houder: str | None = None
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.houder = houder or f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"
        self.houdt = False
        self.slot = lease.Slot(sessions.kw["bind"])
        self._lock = threading.Lock()

    def vernieuw(self) -> bool:
        """Take or renew the lease; True while this process runs the jobs."""
        with self._lock:
            try:
                had_slot = self.slot.vast
                # a slot just got means its last holder is gone: take over without waiting
                met_slot = self.slot.probeer()
                houdt = lease.neem(
                    self.sessions,
                    LEASE,
                    self.houder,
                    self.clock.now(),
                    LEASE_DUUR,
                    overnemen=met_slot and not had_slot,
                    zonder_slot=self.slot.mogelijk and not met_slot,
                )
            except SQLAlchemyError:
                log.warning("scheduler: de lease is niet te vernieuwen (database onbereikbaar)")
                houdt = False
            if not houdt:
                self.slot.geef_vrij()  # a holder that lost its lease: let the new one have it
            if houdt != self.houdt:
                log.info(
                    "scheduler: %s",
                    "deze instantie voert de taken uit"
                    if houdt
                    else "een andere instantie voert de taken uit; deze wacht",
                )
            self.houdt = houdt
            return houdt

    def geef_vrij(self) -> None:
        with self._lock:
            if self.houdt:
                try:
                    lease.geef_vrij(self.sessions, LEASE, self.houder, self.clock.now())
                except SQLAlchemyError:
                    log.warning("scheduler: de lease is niet vrij te geven; hij verloopt vanzelf")
            self.slot.geef_vrij()
            self.houdt = False


class Wekker:
    """Runs the mail job now when a transaction that queued mail commits (mailwekker): on
    PostgreSQL by LISTEN on a connection of its own, in any process; on SQLite by the commit's
    in-process call, and for the other processes on the file (`serve --workers N`, a CLI
    command) by watching the file's data version (`_kijk`). The mail job's poll every
    MAIL_INTERVAL_SECONDEN stays the safety net."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.scheduler: BaseScheduler | None = None  # set by build_scheduler
        self.luistert = threading.Event()  # from now on a commit wakes the mail job
        self._stop = threading.Event()
        self._opnieuw = threading.Event()
        self._opzeggen: Callable[[], None] | None = None
        self._draad: threading.Thread | None = None

    def start(self) -> None:
        if self.engine.dialect.name == "postgresql":
            self._draad = threading.Thread(target=self._luister, name="mailwekker", daemon=True)
            self._draad.start()
        else:
            self._opzeggen = mailwekker.abonneer(self.wek)
            if self.engine.url.database not in (None, "", ":memory:"):
                self._draad = threading.Thread(target=self._kijk, name="mailwekker", daemon=True)
                self._draad.start()
            else:
                self.luistert.set()

    def stop(self) -> None:
        self._stop.set()
        if self._opzeggen is not None:
            self._opzeggen()
        if self._draad is not None:
            self._draad.join(timeout=5)

    def herhaal(self, func: Callable[..., None]) -> Callable[..., None]:
        """The mail job, run once more when woken while it ran (APScheduler would skip that
        wake-up: one instance at a time)."""

        @functools.wraps(func)
        def job(*args: Any) -> None:
            while True:
                self._opnieuw.clear()
                func(*args)
                if not self._opnieuw.is_set() or self._stop.is_set():
                    return

        return job

    def wek(self) -> None:
        self._opnieuw.set()
        job = self.scheduler.get_job("mail") if self.scheduler is not None else None
        if job is not None and not self._stop.is_set():
            job.modify(next_run_time=datetime.now(UTC))  # APScheduler's time: when to look

    def _kijk(self) -> None:
        """SQLite: another process's commit calls no one here. `PRAGMA data_version` on a
        connection of its own changes when any other connection commits (no table
        is read); then a higher `melding` id (the primary key's end, one index probe) means
        new notifications: look for mail. The lease renewals change the data version too, but
        not the highest id, so they wake nothing. Every KIJK_SECONDEN, so such a mail leaves
        within about that much of its commit."""
        pad = Path(str(self.engine.url.database)).resolve()
        while not self._stop.is_set():
            try:
                verbinding = sqlite3.connect(pad, isolation_level=None, timeout=5)  # reads only
                try:
                    versie = verbinding.execute("PRAGMA data_version").fetchone()
                    hoogste = verbinding.execute("SELECT max(id) FROM melding").fetchone()
                    self.luistert.set()
                    while not self._stop.wait(KIJK_SECONDEN):
                        nu = verbinding.execute("PRAGMA data_version").fetchone()
                        if nu == versie:
                            continue
                        versie = nu
                        nieuw = verbinding.execute("SELECT max(id) FROM melding").fetchone()
                        if nieuw != hoogste:
                            hoogste = nieuw
                            self.wek()
                finally:
                    verbinding.close()
            except sqlite3.Error:
                self.luistert.clear()
                log.warning("mail: kijken naar nieuwe meldingen onderbroken; opnieuw")
                self._stop.wait(MAIL_INTERVAL_SECONDEN)  # meanwhile the poll sends the mail

    def _luister(self) -> None:
        import psycopg

        adres = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while not self._stop.is_set():
            try:
                with psycopg.connect(adres, autocommit=True) as verbinding:
                    verbinding.execute(f"LISTEN {mailwekker.KANAAL}")
                    self.luistert.set()
                    self.wek()  # mail queued while not listening: look once now
                    while not self._stop.is_set():
                        for _ in verbinding.notifies(timeout=1.0, stop_after=1):
                            self.wek()
            except psycopg.Error:
                self.luistert.clear()
                log.warning("mail: luisteren naar nieuwe meldingen onderbroken; opnieuw")
                self._stop.wait(MAIL_INTERVAL_SECONDEN)  # meanwhile the poll sends the mail


def lease_job(verkiezing: Verkiezing) -> None:
    verkiezing.vernieuw()


def _als_houder(verkiezing: Verkiezing, func: Callable[..., None]) -> Callable[..., None]:
    """The job, run only when this process holds (and has just renewed) the lease."""

    @functools.wraps(func)
    def job(*args: Any) -> None:
        if verkiezing.vernieuw():
            func(*args)

    return job


def deliver_job(sessions: sessionmaker[Session], smtp: SmtpSettings, clock: Clock) -> None:
    uitslag = deliver_due(sessions, smtp, clock)
    if uitslag.verzonden or uitslag.mislukt:
        log.info("mail: %d verzonden, %d later opnieuw", uitslag.verzonden, uitslag.mislukt)


def close_job(sessions: sessionmaker[Session], clock: Clock) -> None:
    uitslag = close_finished_nazorg(sessions, clock)
    if uitslag.gesloten:
        log.info("nazorg: %d trajecten afgesloten na twee jaar", uitslag.gesloten)


def wachtlijst_job(sessions: sessionmaker[Session], clock: Clock) -> None:
    """A held groepsstage place whose hold lapsed goes to the next on the waiting list."""
    aangeboden = wachtlijst.aanbieden(sessions, clock=clock)
    if aangeboden:
        log.info("wachtlijst: %d plek(ken) aangeboden", len(aangeboden))


def reminder_job(sessions: sessionmaker[Session], clock: Clock) -> None:
    gevuurd = fire_due(sessions, clock)
    if gevuurd:
        log.info("herinneringen: %s", ", ".join(f"{s} {n}" for s, n in sorted(gevuurd.items())))


def bewaartermijn_job(sessions: sessionmaker[Session], clock: Clock) -> None:
    uitslag = bewaartermijn(sessions, clock, Bewaartermijnen.from_environ())
    if uitslag.leerlingen or uitslag.meldingen or uitslag.praktijkbegeleiders:  # counts only
        log.info(
            "bewaartermijn: %d leerlingen, %d praktijkbegeleiders en %d meldingen gewist",
            len(uitslag.leerlingen),
            len(uitslag.praktijkbegeleiders),
            uitslag.meldingen,
        )


def importtaken_job(sessions: sessionmaker[Session], clock: Clock) -> None:
    """An import's progress and result are kept an hour (service/importtaken.py)."""
    importtaken.opruimen(sessions, clock.now())


def anker_job(sessions: sessionmaker[Session], map_: Path, sleutel: bytes, clock: Clock) -> None:
    pad = schrijf_dagelijks_anker(sessions, map_, sleutel, clock)
    log.info("audit: ondertekend anker geschreven naar %s", pad)


def _anker_instellingen() -> tuple[Path, bytes] | None:
    """TRAJECTORY_ANKER_MAP and the key, when both are set: then the daily anchor job runs."""
    map_ = os.environ.get(MAP_VARIABELE, "").strip()
    if not map_:
        return None
    return Path(map_), anker_sleutel()  # a map without a usable key is a setup error: say so


def build_scheduler(
    sessions: sessionmaker[Session],
    smtp: SmtpSettings,
    clock: Clock,
    *,
    blocking: bool = False,
    verkiezing: Verkiezing | None = None,
    mail_interval: int = MAIL_INTERVAL_SECONDEN,
    wekker: Wekker | None = None,
) -> BaseScheduler:
    """The jobs, not yet started. Each also runs right at start: that is the catch-up. They
    run only while this process holds the lease; stopping the scheduler gives it up."""
    verkiezing = verkiezing or Verkiezing(sessions, clock)
    wekker = wekker or Wekker(sessions.kw["bind"])
    scheduler: BaseScheduler = (
        BlockingScheduler(timezone="UTC") if blocking else BackgroundScheduler(timezone="UTC")
    )
    jobs: list[tuple[str, Callable[..., None], tuple[Any, ...], int]] = [
        ("herinneringen", reminder_job, (sessions, clock), HERINNERING_INTERVAL_SECONDEN),
        ("mail", wekker.herhaal(deliver_job), (sessions, smtp, clock), mail_interval),
        ("nazorg_afsluiten", close_job, (sessions, clock), 3600),
        ("wachtlijst", wachtlijst_job, (sessions, clock), 3600),
        ("importtaken_opruimen", importtaken_job, (sessions, clock), 3600),
        ("bewaartermijn", bewaartermijn_job, (sessions, clock), 86400),
    ]
    anker = _anker_instellingen()
    if anker is not None:
        jobs.append(("audit_anker", anker_job, (sessions, *anker, clock), 86400))
    scheduler.add_job(
        lease_job,
        "interval",
        seconds=LEASE_VERNIEUWEN_SECONDEN,
        args=(verkiezing,),
        id="lease",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
    )
    for job_id, func, args, seconden in jobs:
        scheduler.add_job(
            _als_houder(verkiezing, func),
            "interval",
            seconds=seconden,
            args=args,
            id=job_id,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC),  # APScheduler's own time: when to look, not what
        )
    wekker.scheduler = scheduler
    scheduler.add_listener(lambda _: wekker.start(), EVENT_SCHEDULER_STARTED)

    def bij_stoppen(_: object) -> None:
        wekker.stop()
        verkiezing.geef_vrij()

    scheduler.add_listener(bij_stoppen, EVENT_SCHEDULER_SHUTDOWN)
    return scheduler


def start_scheduler(
    sessions: sessionmaker[Session],
    smtp: SmtpSettings,
    clock: Clock,
    *,
    blocking: bool = False,
    verkiezing: Verkiezing | None = None,
) -> BaseScheduler:
    """Start the scheduler; its jobs run while this process holds the lease. A blocking
    scheduler returns only when stopped, and then gives the lease up."""
    verkiezing = verkiezing or Verkiezing(sessions, clock)
    scheduler = build_scheduler(sessions, smtp, clock, blocking=blocking, verkiezing=verkiezing)
    verkiezing.vernieuw()  # at once, so a deployment's holder is known as soon as it starts
    try:
        scheduler.start()
    finally:
        if blocking or not scheduler.running:
            verkiezing.geef_vrij()
    return scheduler
