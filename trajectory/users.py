"""Staff accounts: created by the CLI (the first teamleider) and later by the teamleider."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.access import ROLLEN, Actor
from trajectory.clock import Clock
from trajectory.store import tables as t


class UserError(ValueError):
    pass


def add_user(
    sessions: sessionmaker[Session],
    *,
    email: str,
    naam: str,
    rol: str,
    klas: str | None,
    clock: Clock,
) -> int:
    email = email.strip().lower()
    if rol not in ROLLEN:
        raise UserError(f"Onbekende rol '{rol}'; kies uit: {', '.join(ROLLEN)}.")
    if "@" not in email:
        raise UserError("Geef een geldig e-mailadres.")
    if rol == "mentor" and not klas:
        raise UserError("Een mentor hoort bij een klas: geef --klas.")
    with sessions.begin() as session:
        if session.scalar(select(t.Gebruiker.id).where(t.Gebruiker.email == email)):
            raise UserError(f"Er bestaat al een account voor {email}.")
        gebruiker = t.Gebruiker(
            email=email, naam=naam.strip(), rol=rol, klas=klas, actief=True, aangemaakt=clock.now()
        )
        session.add(gebruiker)
        session.flush()
        return gebruiker.id


def actor_for_email(session: Session, email: str) -> Actor | None:
    gebruiker = session.scalar(
        select(t.Gebruiker).where(t.Gebruiker.email == email.strip().lower())
    )
    if gebruiker is None or not gebruiker.actief:
        return None
    return as_actor(gebruiker)


def as_actor(gebruiker: t.Gebruiker) -> Actor:
    return Actor(id=gebruiker.id, rol=gebruiker.rol, naam=gebruiker.naam, klas=gebruiker.klas)


def new_agenda_token(sessions: sessionmaker[Session], email: str) -> str:
    """A new secret for the user's calendar feed; the old one stops working. Only its
    sha256 is stored, so the database alone does not open anyone's calendar."""
    token = secrets.token_urlsafe(32)
    with sessions.begin() as session:
        gebruiker = session.scalar(
            select(t.Gebruiker).where(t.Gebruiker.email == email.strip().lower())
        )
        if gebruiker is None:
            raise UserError(f"Er is geen account voor {email}.")
        gebruiker.agenda_token_hash = token_hash(token)
    return token


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_for_agenda_token(session: Session, token: str) -> t.Gebruiker | None:
    """The active user whose feed this token opens; the stored hash is compared in constant
    time after the lookup."""
    gezocht = token_hash(token)
    gebruiker = session.scalar(select(t.Gebruiker).where(t.Gebruiker.agenda_token_hash == gezocht))
    if gebruiker is None or not gebruiker.actief or gebruiker.agenda_token_hash is None:
        return None
    return gebruiker if hmac.compare_digest(gebruiker.agenda_token_hash, gezocht) else None
