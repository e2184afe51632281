"""Time as a parameter: the service uses the system clock, tests drive their own."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

SCHOOL_TZ = ZoneInfo("Europe/Amsterdam")


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime) -> None:
        self._now = start if start.tzinfo else start.replace(tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime | date) -> None:
        if not isinstance(moment, datetime):
            moment = datetime(moment.year, moment.month, moment.day, 10, tzinfo=UTC)
        self._now = moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)


def today(clock: Clock) -> date:
    """The school's date: Dutch local time."""
    return clock.now().astimezone(SCHOOL_TZ).date()


def as_utc(moment: datetime) -> datetime:
    """A stored moment: SQLite gives it back without its zone; we only ever store UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
