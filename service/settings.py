"""Service settings, from the environment unless passed in (tests pass their own)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from trajectory.clock import Clock, SystemClock
from trajectory.store.db import database_url


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=lambda: database_url(dict(os.environ)))
    clock: Clock = field(default_factory=SystemClock)
