"""Staff accounts: created by the CLI (the first teamleider) and later by the teamleider."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from typing import Any, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import CursorResult, delete, select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import ROLLEN, Actor
from trajectory.domain.clock import Clock
from trajectory.domain.geheimen import Sleutels
from trajectory.domain.totp import new_secret
from trajectory.store import tables as t
from trajectory.usecases.fouten import Ongeldig

log = logging.getLogger("stagetraject.gebruikersbeheer")


class UserError(Ongeldig):
    """An account request that cannot be done; the message says why."""


class HuidigWachtwoordFout(UserError):
    """The current password given to change it is wrong: a failed attempt, throttled like a
    failed login."""


MIN_WACHTWOORD = 12
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# verified against when the e-mail is unknown, so both cases cost the same time
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(wachtwoord: str) -> str:
    if len(wachtwoord) < MIN_WACHTWOORD:
        raise UserError(f"Een wachtwoord heeft minstens {MIN_WACHTWOORD} tekens.")
    return _hasher.hash(wachtwoord)


def token_hash(token: str) -> str:
    """Session and API tokens are random, so a plain SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(
    sessions: sessionmaker[Session],
    *,
    email: str,
    naam: str,
    rol: str,
    klas: str | None,
    clock: Clock,
    wachtwoord: str | None = None,
    wachtwoord_hash: str | None = None,
) -> int:
    """`wachtwoord_hash`: a password already hashed with hash_password (the demo's accounts
    share one password; hashing it once saves argon2's deliberate cost per account)."""
    email = email.strip().lower()
    if rol not in ROLLEN:
        raise UserError(f"Onbekende rol '{rol}'; kies uit: {', '.join(ROLLEN)}.")
    if "@" not in email:
        raise UserError("Geef een geldig e-mailadres.")
    if rol == "mentor" and not klas:
        raise UserError("Een mentor hoort bij een klas: geef --klas.")
    if wachtwoord is not None:
        wachtwoord_hash = hash_password(wachtwoord)
    with sessions.begin() as session:
        if session.scalar(select(t.Gebruiker.id).where(t.Gebruiker.email == email)):
            raise UserError(f"Er bestaat al een account voor {email}.")
        gebruiker = t.Gebruiker(
            email=email,
            naam=naam.strip(),
            rol=rol,
            klas=klas,
            actief=True,
            aangemaakt=clock.now(),
            wachtwoord_hash=wachtwoord_hash,
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


def set_password(sessions: sessionmaker[Session], email: str, wachtwoord: str) -> None:
    nieuw = hash_password(wachtwoord)
    with sessions.begin() as session:
        gebruiker = _by_email(session, email)
        gebruiker.wachtwoord_hash = nieuw
        beeindig_logins(session, gebruiker.id, "nieuw wachtwoord")


def check_password(session: Session, email: str, wachtwoord: str) -> t.Gebruiker | None:
    """The active account with this e-mail and password, or None (same cost either way)."""
    gebruiker = session.scalar(
        select(t.Gebruiker).where(t.Gebruiker.email == email.strip().lower())
    )
    stored = gebruiker.wachtwoord_hash if gebruiker is not None else None
    try:
        _hasher.verify(stored or _DUMMY_HASH, wachtwoord)
    except (VerificationError, InvalidHashError):
        return None
    if gebruiker is None or stored is None or not gebruiker.actief:
        return None
    if _hasher.check_needs_rehash(stored):
        gebruiker.wachtwoord_hash = _hasher.hash(wachtwoord)
    return gebruiker


def _by_email(session: Session, email: str) -> t.Gebruiker:
    gebruiker = session.scalar(
        select(t.Gebruiker).where(t.Gebruiker.email == email.strip().lower())
    )
    if gebruiker is None:
        raise UserError(f"Er is geen account voor {email}.")
    return gebruiker


def needs_totp(gebruiker: t.Gebruiker, voor_iedereen: bool) -> bool:
    """The teamleider always logs in with a code; everyone else when the setting says so."""
    return voor_iedereen or gebruiker.rol == "teamleider"


def enrol_totp(sessions: sessionmaker[Session], email: str, sleutels: Sleutels) -> str:
    """Give the account a new TOTP secret (the demo's teamleider); returns the secret, stored
    encrypted with the server key."""
    secret = new_secret()
    with sessions.begin() as session:
        gebruiker = _by_email(session, email)
        gebruiker.totp_versleuteld = sleutels.versleutel(secret)
        gebruiker.totp_laatste_stap = None
    return secret


def reset_totp(session: Session, gebruiker: t.Gebruiker) -> None:
    """Forget the secret (a lost phone): the next login enrols a new one. Sessions and API
    tokens end."""
    gebruiker.totp_versleuteld = None
    gebruiker.totp_laatste_stap = None
    beeindig_logins(session, gebruiker.id, "tweestapsverificatie gewist")


def reset_totp_by_email(sessions: sessionmaker[Session], email: str) -> int:
    with sessions.begin() as session:
        gebruiker = _by_email(session, email)
        reset_totp(session, gebruiker)
        return gebruiker.id


def set_active(session: Session, gebruiker: t.Gebruiker, actief: bool) -> None:
    """Block or unblock. Blocking ends every session and API token at once; unblocking brings
    none of them back."""
    gebruiker.actief = actief
    if not actief:
        beeindig_logins(session, gebruiker.id, "geblokkeerd")


def new_agenda_token(sessions: sessionmaker[Session], email: str) -> str:
    """A new secret for the user's calendar feed; the old one stops working. Only its
    sha256 is stored, so the database alone does not open anyone's calendar."""
    token = secrets.token_urlsafe(32)
    with sessions.begin() as session:
        gebruiker = _by_email(session, email)
        gebruiker.agenda_token_hash = token_hash(token)
    return token


def user_for_agenda_token(session: Session, token: str) -> t.Gebruiker | None:
    """The active user whose feed this token opens; the stored hash is compared in constant
    time after the lookup."""
    gezocht = token_hash(token)
    gebruiker = session.scalar(select(t.Gebruiker).where(t.Gebruiker.agenda_token_hash == gezocht))
    if gebruiker is None or not gebruiker.actief or gebruiker.agenda_token_hash is None:
        return None
    return gebruiker if hmac.compare_digest(gebruiker.agenda_token_hash, gezocht) else None


VOORKEUREN = ("direct", "dagelijks")


def set_meldingen_voorkeur(session: Session, gebruiker_id: int, voorkeur: str) -> None:
    """Mail at once, or one digest each morning (an uitval always comes at once)."""
    if voorkeur not in VOORKEUREN:
        raise UserError("Kies 'direct' of 'dagelijks'.")
    gebruiker = session.get(t.Gebruiker, gebruiker_id)
    if gebruiker is None:
        raise UserError("Dit account bestaat niet meer.")
    gebruiker.meldingen_voorkeur = voorkeur


def change_password(session: Session, gebruiker_id: int, huidig: str, nieuw: str) -> None:
    """The user's own change: the current password first. Ends every session and API token of
    the account (the caller starts a fresh session for the browser that made the change)."""
    gebruiker = session.get(t.Gebruiker, gebruiker_id)
    if gebruiker is None or check_password(session, gebruiker.email, huidig) is None:
        raise HuidigWachtwoordFout("Het huidige wachtwoord klopt niet.")
    if nieuw == huidig:
        raise UserError("Kies een ander wachtwoord dan het huidige.")
    gebruiker.wachtwoord_hash = hash_password(nieuw)
    beeindig_logins(session, gebruiker.id, "wachtwoord gewijzigd")


def beeindig_logins(session: Session, gebruiker_id: int, reden: str) -> None:
    """End every session and every API token of the account: what a new password, a TOTP reset
    or a block must take away. The tokens' end is a log line, as their creation was."""
    session.execute(delete(t.Sessie).where(t.Sessie.gebruiker_id == gebruiker_id))
    result = session.execute(delete(t.ApiToken).where(t.ApiToken.gebruiker_id == gebruiker_id))
    tokens = cast(CursorResult[Any], result).rowcount
    if tokens:
        log.info("%d api-token(s) van account %s beëindigd: %s", tokens, gebruiker_id, reden)
