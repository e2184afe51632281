"""E-mail delivery from the outbox: claim due rows, send, mark; retry with back-off.

A row is only marked sent after the SMTP server accepted it, in the same transaction that
claimed it; a crash in between sends it again with the same Message-ID, so the receiving side
can recognise the duplicate. A failing server delays mail and never loses it. Someone who
chose a daily digest (`gebruiker.meldingen_voorkeur = "dagelijks"`) gets what came in before
07:00 as one mail after 07:00; an uitval (`direct`) always goes at once. Claims use
`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two senders never take the same row; SQLite has one
writer at a time (BEGIN IMMEDIATE) and needs no claim.
"""

from __future__ import annotations

import os
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from email.message import EmailMessage
from itertools import groupby

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.clock import SCHOOL_TZ, Clock
from trajectory.domain.geheimen import Sleutels, uit_omgeving
from trajectory.notifications.render import als_html, overzicht
from trajectory.store import tables as t

BACKOFF_MINUTEN = (1, 5, 15, 60, 240)  # then every 4 hours, never given up
OVERZICHT_OM = time(7, 0)  # the daily digest: what came in before 07:00 (school time)
LINK_PLEK = "{link}"  # where a personal link's mail gets its URL (usecases/links.py)


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "127.0.0.1"
    port: int = 25
    tls: str = "none"  # none | starttls | ssl
    gebruiker: str | None = None
    wachtwoord: str | None = None
    afzender: str = "stagetraject@localhost"
    timeout: float = 10.0
    # the address of the web UI: a mail about one leerling ends with a link to its page
    basis_url: str = ""

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
            basis_url=env.get("TRAJECTORY_BASIS_URL", cls.basis_url).rstrip("/"),
        )


@dataclass(frozen=True)
class Uitslag:
    verzonden: int
    mislukt: int


def _bericht(
    meldingen: list[t.Melding],
    aan: str,
    afzender: str,
    basis_url: str = "",
    sleutels: Sleutels | None = None,
) -> EmailMessage:
    """One notification, or a digest of several: plain text with an HTML alternative.

    A single notification ends with a link to the leerling's page (when the address of the
    web UI is configured): the mail says only what the recipient may see, the rest is there.
    A personal link's mail (issue #18) has no account behind it: its `{link}` becomes the
    link's URL, its token decrypted only now."""
    if len(meldingen) == 1:
        (melding,) = meldingen
        onderwerp, tekst, message_id = melding.onderwerp, melding.tekst, melding.message_id
        if melding.geheim_versleuteld is not None:
            token = (sleutels or uit_omgeving()).ontsleutel(melding.geheim_versleuteld)
            tekst = tekst.replace(LINK_PLEK, f"{basis_url}/l/{token}")
        elif basis_url and melding.ontvanger_id is not None:
            link = f"{basis_url}/leerlingen/{melding.leerling_id}"
            tekst = f"{tekst.rstrip()}\n\nBekijk het in Stagetraject: {link}\n"
        html = als_html(onderwerp, tekst)
    else:
        onderwerp, tekst, html = overzicht(meldingen)
        eerste = min(m.id for m in meldingen)
        message_id = f"<overzicht.{meldingen[0].ontvanger_id}.{eerste}@stagetraject>"
    bericht = EmailMessage()
    bericht["From"] = afzender
    bericht["To"] = aan
    bericht["Subject"] = onderwerp
    bericht["Message-ID"] = message_id
    bericht.set_content(tekst)
    bericht.add_alternative(html, subtype="html")
    return bericht


def ochtend_grens(now: datetime) -> datetime:
    """The last 07:00 (school time) at or before `now`, in UTC as everything is stored
    (SQLite compares the wall-clock digits): digests carry what came in before it."""
    lokaal = now.astimezone(SCHOOL_TZ)
    grens = datetime.combine(lokaal.date(), OVERZICHT_OM, tzinfo=SCHOOL_TZ)
    if lokaal < grens:
        grens = datetime.combine(lokaal.date() - timedelta(days=1), OVERZICHT_OM, tzinfo=SCHOOL_TZ)
    return grens.astimezone(UTC)


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


def _due(session: Session, now: datetime, batch: int) -> list[t.Melding]:
    query = (
        select(t.Melding)
        .outerjoin(t.Gebruiker, t.Gebruiker.id == t.Melding.ontvanger_id)
        .where(
            t.Melding.verzonden.is_(None),
            # an address outside the school that the retention run erased: nowhere to go
            or_(t.Melding.ontvanger_id.is_not(None), t.Melding.ontvanger_email.is_not(None)),
            or_(t.Melding.volgende_poging.is_(None), t.Melding.volgende_poging <= now),
            or_(
                t.Melding.direct,
                t.Melding.ontvanger_id.is_(None),  # an address outside the school
                t.Gebruiker.meldingen_voorkeur != "dagelijks",
                t.Melding.aangemaakt < ochtend_grens(now),
            ),
        )
        .order_by(t.Melding.id)
        .limit(batch)
        .with_for_update(skip_locked=True, of=t.Melding)
    )
    return list(session.scalars(query))


def _mails(session: Session, meldingen: list[t.Melding]) -> list[list[t.Melding]]:
    """Each notification alone, except those for a digest reader: one mail per reader."""
    dagelijks = set(
        session.scalars(
            select(t.Gebruiker.id).where(
                t.Gebruiker.id.in_({m.ontvanger_id for m in meldingen}),
                t.Gebruiker.meldingen_voorkeur == "dagelijks",
            )
        )
    )
    los = [[m] for m in meldingen if m.direct or m.ontvanger_id not in dagelijks]
    gebundeld = sorted(
        (m for m in meldingen if not m.direct and m.ontvanger_id in dagelijks),
        key=lambda m: (m.ontvanger_id, m.id),
    )
    return los + [list(groep) for _, groep in groupby(gebundeld, key=lambda m: m.ontvanger_id)]


def deliver_due(
    sessions: sessionmaker[Session],
    settings: SmtpSettings,
    clock: Clock,
    batch: int = 50,
    *,
    sleutels: Sleutels | None = None,
) -> Uitslag:
    """Send what is due; on a failure the rest of the batch waits for its next attempt.
    `sleutels` decrypt a personal link's token (default: the server key of the environment,
    read only when such a mail is due)."""
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
            for mail in _mails(session, meldingen):
                eerste = mail[0]
                if eerste.ontvanger_id is None:
                    aan = eerste.ontvanger_email or ""
                else:
                    aan = adressen[eerste.ontvanger_id]
                try:
                    smtp.send_message(
                        _bericht(mail, aan, settings.afzender, settings.basis_url, sleutels)
                    )
                except (OSError, smtplib.SMTPException):
                    for melding in mail:
                        _later(melding, now)
                    mislukt += len(mail)
                else:
                    for melding in mail:
                        melding.verzonden = now
                        melding.geheim_versleuteld = None  # sent: the token leaves the database
                    verzonden += len(mail)
    return Uitslag(verzonden, mislukt)


def _later(melding: t.Melding, now: datetime) -> None:
    wacht = BACKOFF_MINUTEN[min(melding.pogingen, len(BACKOFF_MINUTEN) - 1)]
    melding.pogingen += 1
    melding.volgende_poging = now + timedelta(minutes=wacht)
