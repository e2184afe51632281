"""Login sessions, kept server-side so logging out or blocking an account ends them at once.

The cookie holds a random token; the database only its SHA-256. A session ends after
`idle` without a request and after `absoluut` in any case (Settings).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from trajectory.store import tables as t
from trajectory.usecases.users import token_hash

COOKIE = "stagetraject_sessie"
LAST_SEEN_RESOLUTION = timedelta(minutes=1)  # do not write on every request
HALF_MAX = timedelta(minutes=10)  # to type the TOTP code (or enrol) after the password


@dataclass(frozen=True)
class Timeouts:
    idle: timedelta
    absoluut: timedelta


@dataclass(frozen=True)
class Ingelogd:
    gebruiker: t.Gebruiker
    sessie: t.Sessie

    @property
    def csrf(self) -> str:
        return self.sessie.csrf

    @property
    def volledig(self) -> bool:
        return self.sessie.volledig


def start(
    session: Session,
    gebruiker_id: int,
    now: datetime,
    *,
    volledig: bool = True,
    totp_nieuw_versleuteld: str | None = None,
) -> str:
    """A new session (a fresh token at every login: no session fixation).

    `volledig=False` is the half of a two-step login: the password was right, the TOTP code
    (and, with `totp_nieuw_versleuteld`, its enrolment) is still to come.
    """
    token = secrets.token_urlsafe(32)
    session.add(
        t.Sessie(
            token_hash=token_hash(token),
            gebruiker_id=gebruiker_id,
            csrf=secrets.token_urlsafe(32),
            aangemaakt=now,
            laatst_actief=now,
            volledig=volledig,
            totp_nieuw_versleuteld=totp_nieuw_versleuteld,
        )
    )
    return token


def end(session: Session, token: str) -> None:
    session.execute(delete(t.Sessie).where(t.Sessie.token_hash == token_hash(token)))


def kijk(
    session: Session, token: str, now: datetime, timeouts: Timeouts
) -> tuple[Ingelogd | None, bool]:
    """The active user of this token and their session (full or half), without writing; and
    whether `resolve` would write: remove an expired session, or note the user was active (at
    most once per `schrijfinterval`). A half session lasts `HALF_MAX` at most."""
    row = session.execute(
        select(t.Sessie, t.Gebruiker)
        .join(t.Gebruiker, t.Gebruiker.id == t.Sessie.gebruiker_id)
        .where(t.Sessie.token_hash == token_hash(token))
    ).first()
    if row is None:
        return None, False
    sessie, gebruiker = row
    verlopen = (
        now - aware(sessie.laatst_actief) > timeouts.idle
        or now - aware(sessie.aangemaakt) > timeouts.absoluut
        or (not sessie.volledig and now - aware(sessie.aangemaakt) > HALF_MAX)
    )
    if verlopen or not gebruiker.actief:
        return None, True
    bijwerken = now - aware(sessie.laatst_actief) > schrijfinterval(timeouts.idle)
    return Ingelogd(gebruiker, sessie), bijwerken


def schrijfinterval(idle: timedelta) -> timedelta:
    """How stale the noted activity may get before a request writes it anew: a quarter of the
    idle timeout, at most LAST_SEEN_RESOLUTION. The noted time lags the last request by up to
    this much, so with a short timeout a once-a-minute note would end an active session."""
    return min(LAST_SEEN_RESOLUTION, idle / 4)


def resolve(session: Session, token: str, now: datetime, timeouts: Timeouts) -> Ingelogd | None:
    """As `kijk`, and write what it says: an expired session is removed, activity noted."""
    ingelogd, schrijven = kijk(session, token, now, timeouts)
    if ingelogd is None:
        if schrijven:
            end(session, token)
        return None
    if schrijven:
        ingelogd.sessie.laatst_actief = now
    return ingelogd


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
