"""Per-user API tokens (`Authorization: Bearer …`): made with an expiry, listed, revoked.

A token is shown once; only its SHA-256 is stored. It works until it expires (90 days unless
chosen otherwise at creation, at most a year) or is revoked, and it ends with the rest of the
account's logins: a new or changed password, a TOTP reset, a block (`users.beeindig_logins`).
An ended token's row is removed, so an expired, revoked or unknown token all get the same 401.
Each creation and revocation is a log line with ids only (`stagetraject.gebruikersbeheer`),
like the rest of the account administration.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.clock import Clock, as_utc
from trajectory.store import tables as t
from trajectory.usecases.users import UserError, token_hash

STANDAARD_DAGEN = 90
MAX_DAGEN = 365
MAX_NAAM = 100  # the column's length
log = logging.getLogger("stagetraject.gebruikersbeheer")


@dataclass(frozen=True)
class NieuwToken:
    id: int
    token: str  # shown once, never stored
    verloopt: datetime


@dataclass(frozen=True)
class Token:
    """What a list shows of a token: never the token itself."""

    id: int
    naam: str
    aangemaakt: datetime
    verloopt: datetime
    geldig: bool


def maak(
    sessions: sessionmaker[Session],
    gebruiker_id: int,
    naam: str,
    clock: Clock,
    dagen: int = STANDAARD_DAGEN,
) -> NieuwToken:
    """A new token for an active account, valid for `dagen` days (1 to MAX_DAGEN)."""
    token = secrets.token_urlsafe(32)
    with sessions.begin() as session:
        gebruiker = session.get(t.Gebruiker, gebruiker_id)
        if gebruiker is None or not gebruiker.actief:
            raise UserError("Er is geen actief account met dit id.")
        rij = bewaar(session, gebruiker_id, naam, token, clock.now(), dagen)
    log.info("api-token %s aangemaakt voor account %s (%d dagen)", rij.id, gebruiker_id, dagen)
    return NieuwToken(rij.id, token, rij.verloopt)


def bewaar(
    session: Session,
    gebruiker_id: int,
    naam: str,
    token: str,
    now: datetime,
    dagen: int = STANDAARD_DAGEN,
) -> t.ApiToken:
    """Store a token's hash (also for tests, which choose their own token)."""
    if not 1 <= dagen <= MAX_DAGEN:
        raise UserError(f"Een API-token geldt 1 tot {MAX_DAGEN} dagen, niet {dagen}.")
    naam = naam.strip()
    if not naam or len(naam) > MAX_NAAM:
        raise UserError(f"Geef het token een naam van 1 tot {MAX_NAAM} tekens.")
    rij = t.ApiToken(
        token_hash=token_hash(token),
        gebruiker_id=gebruiker_id,
        naam=naam,
        aangemaakt=now,
        verloopt=now + timedelta(days=dagen),
    )
    session.add(rij)
    session.flush()
    return rij


def gebruiker_van(session: Session, token: str, now: datetime) -> t.Gebruiker | None:
    """The active account this token opens now, or None (unknown, expired, revoked, blocked)."""
    return session.scalar(
        select(t.Gebruiker)
        .join(t.ApiToken, t.ApiToken.gebruiker_id == t.Gebruiker.id)
        .where(
            t.ApiToken.token_hash == token_hash(token),
            t.ApiToken.ingetrokken.is_(None),
            t.ApiToken.verloopt > now,
            t.Gebruiker.actief.is_(True),
        )
    )


def lijst(session: Session, gebruiker_id: int, now: datetime) -> list[Token]:
    rijen = session.scalars(
        select(t.ApiToken)
        .where(t.ApiToken.gebruiker_id == gebruiker_id, t.ApiToken.ingetrokken.is_(None))
        .order_by(t.ApiToken.aangemaakt, t.ApiToken.id)
    )
    return [
        Token(r.id, r.naam, r.aangemaakt, r.verloopt, geldig=as_utc(r.verloopt) > now)
        for r in rijen
    ]


def intrekken(session: Session, gebruiker_id: int, token_id: int, door: str) -> bool:
    """Revoke one of the account's tokens; False when it has no such token. `door` says who
    (for the log line: an account id or "cli")."""
    result = session.execute(
        delete(t.ApiToken).where(t.ApiToken.id == token_id, t.ApiToken.gebruiker_id == gebruiker_id)
    )
    weg = cast(CursorResult[Any], result).rowcount
    if weg:
        log.info("api-token %s van account %s ingetrokken door %s", token_id, gebruiker_id, door)
    return bool(weg)
