"""The two steps of logging in: the password, then (when needed) the TOTP code.

After the password a half session starts; it reaches only the code page (deps.half_session).
The code turns it into a full session under a fresh token. An account without a TOTP secret
that needs one enrols first: the half session carries a new secret until a code confirms it.
Failures are throttled (pogingen); the log names account ids, never addresses. Secrets are
kept encrypted with the server key (domain/geheimen.py) and opened only to check a code or to
show the one being enrolled; a secret the key cannot open is a clear 503, not a 500.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from service.auth import pogingen, sessies
from trajectory.domain import totp
from trajectory.domain.geheimen import SleutelFout, Sleutels
from trajectory.usecases.users import check_password, needs_totp

log = logging.getLogger("stagetraject.beveiliging")
FOUT_WACHTWOORD = "Dit e-mailadres en wachtwoord horen niet bij een actief account."
VERLOPEN = "Het inloggen duurde te lang. Log opnieuw in met uw wachtwoord."
SLEUTEL_PAST_NIET = (
    "De code kan nu niet worden gecontroleerd: de sleutel van de server past niet bij de "
    "opgeslagen gegevens. Meld dit aan de beheerder van Stagetraject."
)
FOUT_CODE = (
    "Deze code klopt niet of is al gebruikt. Typ de zes cijfers die de app nu toont; "
    "wacht zo nodig op de volgende code."
)


@dataclass(frozen=True)
class Gelukt:
    token: str
    volledig: bool


@dataclass(frozen=True)
class Geweigerd:
    melding: str
    status: int


@dataclass(frozen=True)
class CodeStap:
    """What the code page shows: when enrolling, the new secret and its otpauth URI."""

    secret: str | None
    uri: str | None

    @property
    def inschrijven(self) -> bool:
        return self.secret is not None


def wachtwoord(
    session: Session,
    *,
    email: str,
    wachtwoord: str,
    ip: str,
    oud_token: str | None,
    now: datetime,
    totp_voor_iedereen: bool,
    sleutels: Sleutels,
) -> Gelukt | Geweigerd:
    for grens, waarde in ((pogingen.ACCOUNT, email), (pogingen.IP, ip)):
        wacht = pogingen.wachttijd(session, sleutels, grens, waarde, now)
        if wacht is not None:
            log.warning("inloggen geweigerd: te veel pogingen (%s)", grens.soort)
            return Geweigerd(pogingen.melding(wacht), 429)
    gebruiker = check_password(session, email, wachtwoord)
    if gebruiker is None:
        pogingen.noteer(session, sleutels, pogingen.ACCOUNT, email, now)
        pogingen.noteer(session, sleutels, pogingen.IP, ip, now)
        log.info("inloggen mislukt: wachtwoord")
        return Geweigerd(FOUT_WACHTWOORD, 401)
    pogingen.wis(session, sleutels, pogingen.ACCOUNT, email)
    if oud_token:
        sessies.end(session, oud_token)
    if not needs_totp(gebruiker, totp_voor_iedereen):
        log.info("ingelogd: gebruiker %s", gebruiker.id)
        return Gelukt(sessies.start(session, gebruiker.id, now), volledig=True)
    nieuw = None if gebruiker.totp_versleuteld else sleutels.versleutel(totp.new_secret())
    token = sessies.start(session, gebruiker.id, now, volledig=False, totp_nieuw_versleuteld=nieuw)
    return Gelukt(token, volledig=False)


def code_stap(
    session: Session, token: str, now: datetime, timeouts: sessies.Timeouts, sleutels: Sleutels
) -> CodeStap | None:
    ingelogd = _half(session, token, now, timeouts)
    if ingelogd is None:
        return None
    versleuteld = ingelogd.sessie.totp_nieuw_versleuteld
    if versleuteld is None:
        return CodeStap(secret=None, uri=None)
    try:
        nieuw = sleutels.ontsleutel(versleuteld)
    except SleutelFout:  # the code step says so (`code`); nothing to show here
        return CodeStap(secret=None, uri=None)
    return CodeStap(secret=nieuw, uri=totp.provisioning_uri(nieuw, ingelogd.gebruiker.email))


def code(
    session: Session,
    token: str,
    ingetypt: str,
    now: datetime,
    timeouts: sessies.Timeouts,
    sleutels: Sleutels,
) -> Gelukt | Geweigerd:
    """A right, unused code makes the session full under a new token (and enrols a new secret)."""
    ingelogd = _half(session, token, now, timeouts)
    if ingelogd is None:
        return Geweigerd(VERLOPEN, 401)
    gebruiker, sessie = ingelogd.gebruiker, ingelogd.sessie
    wacht = pogingen.wachttijd(session, sleutels, pogingen.TOTP, str(gebruiker.id), now)
    if wacht is not None:
        log.warning("code geweigerd: te veel pogingen (gebruiker %s)", gebruiker.id)
        return Geweigerd(pogingen.melding(wacht), 429)
    versleuteld = sessie.totp_nieuw_versleuteld or gebruiker.totp_versleuteld
    try:
        secret = sleutels.ontsleutel(versleuteld) if versleuteld else None
    except SleutelFout as exc:
        log.error("code niet te controleren (gebruiker %s): %s", gebruiker.id, exc)
        return Geweigerd(SLEUTEL_PAST_NIET, 503)
    stap = totp.accepted_step(secret or "", ingetypt, now, gebruiker.totp_laatste_stap)
    if secret is None or stap is None:
        pogingen.noteer(session, sleutels, pogingen.TOTP, str(gebruiker.id), now)
        log.info("code fout of hergebruikt (gebruiker %s)", gebruiker.id)
        return Geweigerd(FOUT_CODE, 401)
    if sessie.totp_nieuw_versleuteld:  # under the current key, whichever key enrolment began with
        gebruiker.totp_versleuteld = sleutels.versleutel(secret)
        log.info("tweestapsverificatie ingesteld (gebruiker %s)", gebruiker.id)
    gebruiker.totp_laatste_stap = stap
    pogingen.wis(session, sleutels, pogingen.TOTP, str(gebruiker.id))
    session.delete(sessie)
    log.info("ingelogd met code: gebruiker %s", gebruiker.id)
    return Gelukt(sessies.start(session, gebruiker.id, now), volledig=True)


def _half(
    session: Session, token: str, now: datetime, timeouts: sessies.Timeouts
) -> sessies.Ingelogd | None:
    ingelogd = sessies.resolve(session, token, now, timeouts)
    return None if ingelogd is None or ingelogd.volledig else ingelogd
