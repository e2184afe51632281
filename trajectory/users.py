"""Staff accounts: created by the CLI (the first teamleider) and later by the teamleider."""

from __future__ import annotations

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
