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
from trajectory.users import token_hash

COOKIE = "stagetraject_sessie"
LAST_SEEN_RESOLUTION = timedelta(minutes=1)  # do not write on every request


@dataclass(frozen=True)
class Timeouts:
    idle: timedelta
    absoluut: timedelta


@dataclass(frozen=True)
class Ingelogd:
    gebruiker: t.Gebruiker
    csrf: str


def start(session: Session, gebruiker_id: int, now: datetime) -> str:
    """A new session (a fresh token at every login: no session fixation)."""
    token = secrets.token_urlsafe(32)
    session.add(
        t.Sessie(
            token_hash=token_hash(token),
            gebruiker_id=gebruiker_id,
            csrf=secrets.token_urlsafe(32),
            aangemaakt=now,
            laatst_actief=now,
        )
    )
    return token


def end(session: Session, token: str) -> None:
    session.execute(delete(t.Sessie).where(t.Sessie.token_hash == token_hash(token)))


def resolve(session: Session, token: str, now: datetime, timeouts: Timeouts) -> Ingelogd | None:
    """The logged-in, active user of this token; an expired session is removed."""
    row = session.execute(
        select(t.Sessie, t.Gebruiker)
        .join(t.Gebruiker, t.Gebruiker.id == t.Sessie.gebruiker_id)
        .where(t.Sessie.token_hash == token_hash(token))
    ).first()
    if row is None:
        return None
    sessie, gebruiker = row
    verlopen = (
        now - _aware(sessie.laatst_actief) > timeouts.idle
        or now - _aware(sessie.aangemaakt) > timeouts.absoluut
    )
    if verlopen or not gebruiker.actief:
        session.delete(sessie)
        return None
    if now - _aware(sessie.laatst_actief) > LAST_SEEN_RESOLUTION:
        sessie.laatst_actief = now
    return Ingelogd(gebruiker, sessie.csrf)


def api_user(session: Session, token: str) -> t.Gebruiker | None:
    return session.scalar(
        select(t.Gebruiker)
        .join(t.ApiToken, t.ApiToken.gebruiker_id == t.Gebruiker.id)
        .where(
            t.ApiToken.token_hash == token_hash(token),
            t.ApiToken.ingetrokken.is_(None),
            t.Gebruiker.actief.is_(True),
        )
    )


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
