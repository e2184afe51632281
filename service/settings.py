"""Service settings, from the environment unless passed in (tests pass their own)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from trajectory.clock import Clock, SystemClock
from trajectory.notifications.mail import SmtpSettings
from trajectory.store.db import database_url


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=lambda: database_url(dict(os.environ)))
    clock: Clock = field(default_factory=SystemClock)
    # deliver e-mail from the outbox in this process (tests drive delivery themselves)
    scheduler: bool = field(
        default_factory=lambda: os.environ.get("TRAJECTORY_SCHEDULER", "1") != "0"
    )
    smtp: SmtpSettings = field(default_factory=SmtpSettings.from_environ)
