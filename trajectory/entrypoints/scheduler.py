"""The scheduler: APScheduler interval jobs that fire due reminders, deliver due e-mail and make
the timer-driven transitions (nazorg closes itself two years after leaving).

APScheduler only provides the heartbeat, never the durable state: its job store must not be
shared between processes, and it skips jobs missed during downtime by default. The due work
lives in our own tables (herinnering, melding, the leerlingen in nazorg) and every run claims
what is due now, so a run missed while the service was down is caught up by the next one
(the jobs also run once at start) and two instances on PostgreSQL never take the same row
(`FOR UPDATE SKIP LOCKED`). SQLite silently ignores SKIP LOCKED, so there only one scheduler may
run: it holds an OS lock on a file next to the database, and a second one refuses to start.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.anker import MAP_VARIABELE
from trajectory.domain.anker import sleutel as anker_sleutel
from trajectory.domain.clock import Clock
from trajectory.notifications.mail import SmtpSettings, deliver_due
from trajectory.usecases import wachtlijst
from trajectory.usecases.auditanker import schrijf_dagelijks_anker
from trajectory.usecases.bewaartermijn import Bewaartermijnen, bewaartermijn
from trajectory.usecases.herinneringen import fire_due
from trajectory.usecases.timers import close_finished_nazorg

log = logging.getLogger("stagetraject.scheduler")
MAIL_INTERVAL_SECONDEN = 30
HERINNERING_INTERVAL_SECONDEN = 300


class SchedulerAlActief(RuntimeError):
    """A second scheduler on one SQLite database (it cannot claim rows safely)."""


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
    sessions: sessionmaker[Session], smtp: SmtpSettings, clock: Clock, *, blocking: bool = False
) -> BaseScheduler:
    """The jobs, not yet started. Each also runs right at start: that is the catch-up."""
    scheduler: BaseScheduler = (
        BlockingScheduler(timezone="UTC") if blocking else BackgroundScheduler(timezone="UTC")
    )
    jobs: list[tuple[str, Callable[..., None], tuple[Any, ...], int]] = [
        ("herinneringen", reminder_job, (sessions, clock), HERINNERING_INTERVAL_SECONDEN),
        ("mail", deliver_job, (sessions, smtp, clock), MAIL_INTERVAL_SECONDEN),
        ("nazorg_afsluiten", close_job, (sessions, clock), 3600),
        ("wachtlijst", wachtlijst_job, (sessions, clock), 3600),
        ("bewaartermijn", bewaartermijn_job, (sessions, clock), 86400),
    ]
    anker = _anker_instellingen()
    if anker is not None:
        jobs.append(("audit_anker", anker_job, (sessions, *anker, clock), 86400))
    for job_id, func, args, seconden in jobs:
        scheduler.add_job(
            func,
            "interval",
            seconds=seconden,
            args=args,
            id=job_id,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC),  # APScheduler's own time: when to look, not what
        )
    return scheduler


class SchedulerSlot:
    """The right to run the one scheduler of an SQLite database: an OS file lock.

    Chosen over a lease row because the operating system drops the lock when the process
    dies, however it dies, so a crashed scheduler never blocks the next one and nothing has
    to expire. PostgreSQL needs no slot: there any number of schedulers may run.
    """

    def __init__(self, database_url: str) -> None:
        self.pad = _lock_pad(database_url)
        self._bestand: IO[str] | None = None

    def claim(self) -> None:
        if self.pad is None:
            return
        bestand = self.pad.open("a")
        try:
            fcntl.flock(bestand, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            bestand.close()
            raise SchedulerAlActief(
                f"Er draait al een scheduler op deze SQLite-database ({self.pad} is vergrendeld). "
                "SQLite kan herinneringen niet veilig over twee schedulers verdelen: start er "
                "één, of gebruik PostgreSQL. / A scheduler is already running on this SQLite "
                "database; SQLite cannot share reminders between two schedulers safely."
            ) from exc
        self._bestand = bestand

    def release(self) -> None:
        if self._bestand is not None:
            fcntl.flock(self._bestand, fcntl.LOCK_UN)
            self._bestand.close()
            self._bestand = None


def _lock_pad(database_url: str) -> Path | None:
    """`<database>.scheduler.lock` for an SQLite file; None for PostgreSQL or :memory:."""
    if not database_url.startswith("sqlite"):
        return None
    pad = database_url.split("///", 1)[-1] if "///" in database_url else ""
    if not pad or pad == ":memory:":
        return None
    return Path(pad).with_name(Path(pad).name + ".scheduler.lock")


def start_scheduler(
    sessions: sessionmaker[Session],
    smtp: SmtpSettings,
    clock: Clock,
    database_url: str,
    *,
    blocking: bool = False,
) -> tuple[BaseScheduler, SchedulerSlot]:
    """Claim the slot (SQLite) and start; a blocking scheduler returns only when stopped."""
    slot = SchedulerSlot(database_url)
    slot.claim()
    scheduler = build_scheduler(sessions, smtp, clock, blocking=blocking)
    try:
        scheduler.start()
    finally:
        if blocking or not scheduler.running:
            slot.release()
    return scheduler, slot
