"""Service settings, from the environment unless passed in (tests pass their own)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta

from trajectory.domain.clock import Clock, SystemClock
from trajectory.domain.geheimen import Sleutels, uit_omgeving
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
    # a login session ends after this long without a request, and after `sessie_max` anyway
    sessie_idle: timedelta = field(
        default_factory=lambda: timedelta(minutes=_int("TRAJECTORY_SESSIE_IDLE_MINUTEN", 60))
    )
    sessie_max: timedelta = field(
        default_factory=lambda: timedelta(hours=_int("TRAJECTORY_SESSIE_MAX_UREN", 10))
    )
    # cookies only over TLS; also automatic when the request itself came over https
    secure_cookies: bool = field(
        default_factory=lambda: os.environ.get("TRAJECTORY_SECURE_COOKIES", "0") == "1"
    )
    # demo mode (`make run`): a demo school on a laptop, never real leerlingen
    demo: bool = field(default_factory=lambda: os.environ.get("TRAJECTORY_DEMO", "0") == "1")
    # TOTP for every account (the teamleider needs it always): on, except in demo mode
    totp_voor_iedereen: bool = field(default_factory=lambda: _totp_default(os.environ))
    # the server key (TOTP secrets at rest, the throttle's keyed hashes): outside the database
    sleutels: Sleutels = field(default_factory=uit_omgeving)


def _totp_default(environ: dict[str, str] | os._Environ[str]) -> bool:
    raw = environ.get("TRAJECTORY_TOTP")
    if raw is None:
        return environ.get("TRAJECTORY_DEMO", "0") != "1"
    if raw not in ("0", "1"):
        raise ValueError(f"TRAJECTORY_TOTP moet 0 of 1 zijn, niet '{raw}'.")
    return raw == "1"


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} moet een geheel getal zijn, niet '{raw}'.") from None
    if value < 1:
        raise ValueError(f"{name} moet minstens 1 zijn.")
    return value
