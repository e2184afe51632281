"""The in-process scheduler: APScheduler interval jobs that deliver due e-mail and make the
timer-driven transitions (nazorg closes itself two years after leaving).

Reminders and timers (the timers issue) will join it as jobs that claim due rows from our
own tables; APScheduler only provides the heartbeat, never the durable state (its job store
must not be shared between processes, and it skips jobs missed during downtime by default).
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.orm import Session, sessionmaker

from trajectory.clock import Clock
from trajectory.notifications.mail import SmtpSettings, deliver_due
from trajectory.timers import close_finished_nazorg

log = logging.getLogger("stagetraject.scheduler")
MAIL_INTERVAL_SECONDEN = 30


def deliver_job(sessions: sessionmaker[Session], smtp: SmtpSettings, clock: Clock) -> None:
    uitslag = deliver_due(sessions, smtp, clock)
    if uitslag.verzonden or uitslag.mislukt:
        log.info("mail: %d verzonden, %d later opnieuw", uitslag.verzonden, uitslag.mislukt)


def build_scheduler(
    sessions: sessionmaker[Session], smtp: SmtpSettings, clock: Clock
) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(
        deliver_job,
        "interval",
        seconds=MAIL_INTERVAL_SECONDEN,
        args=(sessions, smtp, clock),
        id="mail",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
    )
    scheduler.add_job(
        close_job,
        "interval",
        hours=1,
        args=(sessions, clock),
        id="nazorg_afsluiten",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
    )
    return scheduler


def close_job(sessions: sessionmaker[Session], clock: Clock) -> None:
    uitslag = close_finished_nazorg(sessions, clock)
    if uitslag.gesloten:
        log.info("nazorg: %d trajecten afgesloten na twee jaar", uitslag.gesloten)
