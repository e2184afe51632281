"""E-mail delivery from the outbox: claim due rows, send, mark; retry with back-off.

A row is only marked sent after the SMTP server accepted it, in the same transaction that
claimed it; a crash in between sends it again with the same Message-ID, so the receiving side
can recognise the duplicate. A failing server delays mail and never loses it. Claims use
`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two senders never take the same row; SQLite has one
writer at a time (BEGIN IMMEDIATE) and needs no claim.
"""

from __future__ import annotations

import os
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.clock import Clock
from trajectory.store import tables as t

BACKOFF_MINUTEN = (1, 5, 15, 60, 240)  # then every 4 hours, never given up


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "127.0.0.1"
    port: int = 25
    tls: str = "none"  # none | starttls | ssl
    gebruiker: str | None = None
    wachtwoord: str | None = None
    afzender: str = "stagetraject@localhost"
    timeout: float = 10.0

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> SmtpSettings:
        env = os.environ if environ is None else environ
        return cls(
            host=env.get("TRAJECTORY_SMTP_HOST", cls.host),
            port=int(env.get("TRAJECTORY_SMTP_PORT", cls.port)),
            tls=env.get("TRAJECTORY_SMTP_TLS", cls.tls),
            gebruiker=env.get("TRAJECTORY_SMTP_USER") or None,
            wachtwoord=env.get("TRAJECTORY_SMTP_PASSWORD") or None,
            afzender=env.get("TRAJECTORY_SMTP_FROM", cls.afzender),
        )


@dataclass(frozen=True)
class Uitslag:
    verzonden: int
    mislukt: int


def _bericht(melding: t.Melding, aan: str, afzender: str) -> EmailMessage:
    bericht = EmailMessage()
    bericht["From"] = afzender
    bericht["To"] = aan
    bericht["Subject"] = melding.onderwerp
    bericht["Message-ID"] = melding.message_id
    bericht.set_content(melding.tekst)
    return bericht


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    if settings.tls == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout
        )
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        if settings.tls == "starttls":
            smtp.starttls()
    if settings.gebruiker:
        smtp.login(settings.gebruiker, settings.wachtwoord or "")
    return smtp


def _due(session: Session, now, batch: int) -> list[t.Melding]:  # type: ignore[no-untyped-def]
    query = (
        select(t.Melding)
        .where(
            t.Melding.verzonden.is_(None),
            or_(t.Melding.volgende_poging.is_(None), t.Melding.volgende_poging <= now),
        )
        .order_by(t.Melding.id)
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    return list(session.scalars(query))


def deliver_due(
    sessions: sessionmaker[Session], settings: SmtpSettings, clock: Clock, batch: int = 50
) -> Uitslag:
    """Send what is due; on a failure the rest of the batch waits for its next attempt."""
    now = clock.now()
    verzonden = mislukt = 0
    with sessions.begin() as session:
        meldingen = _due(session, now, batch)
        if not meldingen:
            return Uitslag(0, 0)
        adressen = dict(
            session.execute(
                select(t.Gebruiker.id, t.Gebruiker.email).where(
                    t.Gebruiker.id.in_({m.ontvanger_id for m in meldingen})
                )
            ).all()
        )
        try:
            smtp = _connect(settings)
        except (OSError, smtplib.SMTPException):
            for melding in meldingen:
                _later(melding, now)
            return Uitslag(0, len(meldingen))
        with smtp:
            for melding in meldingen:
                try:
                    smtp.send_message(
                        _bericht(melding, adressen[melding.ontvanger_id], settings.afzender)
                    )
                except (OSError, smtplib.SMTPException):
                    _later(melding, now)
                    mislukt += 1
                else:
                    melding.verzonden = now
                    verzonden += 1
    return Uitslag(verzonden, mislukt)


def _later(melding: t.Melding, now) -> None:  # type: ignore[no-untyped-def]
    wacht = BACKOFF_MINUTEN[min(melding.pogingen, len(BACKOFF_MINUTEN) - 1)]
    melding.pogingen += 1
    melding.volgende_poging = now + timedelta(minutes=wacht)
