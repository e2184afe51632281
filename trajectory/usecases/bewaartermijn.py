"""Retention (AVG): erase a leerling's personal data a set time after the trajectory closed.

Per data category a term in years, from the environment:
- `leerling` (`TRAJECTORY_BEWAARTERMIJN_LEERLING_JAREN`, default 2): counted from the moment
  nazorg closed (the transition to `afgesloten`). Erased: the name and birth date, the content
  of every record (free text included), the parent/guardian contacts (name, e-mail, phone),
  the payloads of the leerling's audit events, and the
  text of the notifications about the leerling.
- `meldingen` (`TRAJECTORY_BEWAARTERMIJN_MELDINGEN_JAREN`, default 2): a notification's text,
  counted from when it was made, whatever the leerling's state.
- `praktijkbegeleider` (`TRAJECTORY_BEWAARTERMIJN_PRAKTIJKBEGELEIDER_JAREN`, default 2): a
  praktijkbegeleider who is no longer active, named by no placement that ran within the term
  (ended, or started when it has no end, on or after its start) and not registered or changed
  within it. Erased: the name (`GEWIST`), function, phone and e-mail; the row stays (placements
  name it by id), with its company and whether they were trained.

What stays: the leerling row (id, state, dates of the steps), the placements, and the audit
events themselves. The chain still verifies, because personal data enters it only as
`payload_hash` (trajectory.domain.auditketen): an erased payload is skipped, its hash stays.
Each erasure is itself an audit event (`bewaartermijn`, without payload).

A leaver's part in the uitstroom report (cohort, category, the two outcomes) is first added to
the anonymous counts of `uitstroom_telling`, in the same transaction and only by the run that
sets `gewist`, so a year's figures are the same before and after (domain.uitstroommonitor).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import SYSTEEM
from trajectory.domain.auditketen import utc_stamp
from trajectory.domain.clock import SCHOOL_TZ, Clock
from trajectory.domain.datums import jaren_later
from trajectory.domain.uitstroommonitor import bijdrage
from trajectory.store import tables as t
from trajectory.store import uitstroom
from trajectory.store.repository import append_audit
from trajectory.usecases.bedrijven import PRAKTIJKBEGELEIDER_TOEVOEGEN, PRAKTIJKBEGELEIDER_WIJZIGEN
from trajectory.usecases.overzichten import vertrekker

GEWIST = "(gewist)"
GEWIST_GEBOORTEDATUM = date(1900, 1, 1)  # the column is required; this date means "erased"
SOORT = "bewaartermijn"
GESLOTEN = "afgesloten"


PRAKTIJKBEGELEIDER_TRIGGERS = (PRAKTIJKBEGELEIDER_TOEVOEGEN, PRAKTIJKBEGELEIDER_WIJZIGEN)
PRAKTIJKBEGELEIDER_GEWIST = "praktijkbegeleider_gewist"  # the erasure's trigger


@dataclass(frozen=True)
class Bewaartermijnen:
    leerling_jaren: int = 2
    meldingen_jaren: int = 2
    praktijkbegeleider_jaren: int = 2

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Bewaartermijnen:
        env = os.environ if environ is None else environ
        return cls(
            leerling_jaren=int(env.get("TRAJECTORY_BEWAARTERMIJN_LEERLING_JAREN", 2)),
            meldingen_jaren=int(env.get("TRAJECTORY_BEWAARTERMIJN_MELDINGEN_JAREN", 2)),
            praktijkbegeleider_jaren=int(
                env.get("TRAJECTORY_BEWAARTERMIJN_PRAKTIJKBEGELEIDER_JAREN", 2)
            ),
        )


@dataclass(frozen=True)
class Uitslag:
    leerlingen: list[int]
    meldingen: int
    praktijkbegeleiders: list[int] = field(default_factory=list)


def verlopen_leerlingen(session: Session, now: datetime, jaren: int) -> list[int]:
    """Not yet erased, and nazorg closed more than `jaren` years ago."""
    grens = utc_stamp(jaren_later(now, -jaren))
    gesloten = (
        select(t.AuditEvent.leerling_id, func.max(t.AuditEvent.tijd).label("tijd"))
        # closed by a step, or taken in closed at the go-live (usecases.intake)
        .where(t.AuditEvent.soort.in_(("overgang", "intake")), t.AuditEvent.naar == GESLOTEN)
        .group_by(t.AuditEvent.leerling_id)
        .subquery()
    )
    query = (
        select(t.Leerling.id)
        .join(gesloten, gesloten.c.leerling_id == t.Leerling.id)
        .where(t.Leerling.state == GESLOTEN, t.Leerling.gewist.is_(None), gesloten.c.tijd < grens)
        .order_by(t.Leerling.id)
    )
    return list(session.scalars(query))


def wis_leerling(session: Session, leerling_id: int, now: datetime) -> bool:
    """Erase one leerling's personal data, in the caller's transaction; False (and nothing
    done) when it was erased already, so its uitstroom counts are added exactly once."""
    vertrek = uitstroom.vertrekkers(session, SYSTEEM, leerling_id=leerling_id)
    geclaimd = session.execute(
        update(t.Leerling)
        .where(t.Leerling.id == leerling_id, t.Leerling.gewist.is_(None))
        .values(naam=GEWIST, geboortedatum=GEWIST_GEBOORTEDATUM, klas=None, gewist=now)
    )
    if not cast(CursorResult[Any], geclaimd).rowcount:
        return False
    for v in vertrek:
        uitstroom.tel_bij(session, bijdrage(vertrekker(v), now.astimezone(SCHOOL_TZ).date()))
    # where the leerling did a stage says who it was, in a small town; the kind, the dates
    # and the sector stay for the outflow figures
    session.execute(
        update(t.Plaatsing)
        .where(t.Plaatsing.leerling_id == leerling_id)
        .values(bedrijf=GEWIST, vervallen_reden=None)
    )
    session.execute(  # a correction's reason may name the leerling too
        update(t.Vastlegging)
        .where(t.Vastlegging.leerling_id == leerling_id)
        .values(data={}, vervallen_reden=None)
    )
    session.execute(
        update(t.Verzorger)
        .where(t.Verzorger.leerling_id == leerling_id)
        .values(naam=GEWIST, email=None, telefoon=None)
    )
    events = select(t.AuditEvent.id).where(t.AuditEvent.leerling_id == leerling_id)
    session.execute(delete(t.AuditPayload).where(t.AuditPayload.event_id.in_(events)))
    session.execute(
        update(t.Melding)
        .where(t.Melding.leerling_id == leerling_id)
        .values(onderwerp=GEWIST, tekst=GEWIST, ontvanger_email=None, geheim_versleuteld=None)
    )
    session.execute(  # the personal links' names and addresses (issue #18)
        update(t.Link).where(t.Link.leerling_id == leerling_id).values(naam=None, email=None)
    )
    # the signed contracts and scans name everyone (issue #18); the hashes stay as evidence
    session.execute(
        update(t.OvereenkomstDocument)
        .where(t.OvereenkomstDocument.leerling_id == leerling_id)
        .values(pdf=b"")
    )
    session.execute(
        update(t.OvereenkomstScan)
        .where(t.OvereenkomstScan.leerling_id == leerling_id)
        .values(inhoud=b"")
    )
    session.execute(
        update(t.OvereenkomstHandtekening)
        .where(t.OvereenkomstHandtekening.leerling_id == leerling_id)
        .values(naam=GEWIST)
    )
    append_audit(session, tijd=now, actor=SYSTEEM, soort=SOORT, leerling_id=leerling_id)
    return True


def meldingen_grens(now: datetime, termijnen: Bewaartermijnen) -> datetime:
    """A notification made before this moment is past its term."""
    return jaren_later(now, -termijnen.meldingen_jaren)


def verlopen_praktijkbegeleiders(session: Session, now: datetime, jaren: int) -> list[int]:
    """Not yet erased, no longer active, registered before the term began, and within the
    term neither named by a placement that ran nor changed (a deactivation is a change)."""
    grens = jaren_later(now, -jaren)
    recent = or_(
        t.Plaatsing.status == "lopend",
        func.coalesce(t.Plaatsing.einddatum, t.Plaatsing.startdatum) >= grens.date(),
    )
    genoemd = select(t.Plaatsing.praktijkbegeleider_id).where(
        t.Plaatsing.praktijkbegeleider_id.is_not(None), recent
    )
    kandidaten = session.scalars(
        select(t.Praktijkbegeleider.id)
        .where(
            t.Praktijkbegeleider.actief.is_(False),
            t.Praktijkbegeleider.naam != GEWIST,
            t.Praktijkbegeleider.aangemaakt < grens,
            t.Praktijkbegeleider.id.not_in(genoemd),
        )
        .order_by(t.Praktijkbegeleider.id)
    ).all()
    if not kandidaten:
        return []
    gewijzigd = _recent_gewijzigde_praktijkbegeleiders(session, utc_stamp(grens))
    return [pb_id for pb_id in kandidaten if pb_id not in gewijzigd]


def _recent_gewijzigde_praktijkbegeleiders(session: Session, sinds: str) -> set[int]:
    """The praktijkbegeleiders the register's trail names since `sinds` (their id is in the
    payload of the register's events)."""
    payloads = session.scalars(
        select(t.AuditPayload.payload)
        .join(t.AuditEvent, t.AuditEvent.id == t.AuditPayload.event_id)
        .where(t.AuditEvent.trigger.in_(PRAKTIJKBEGELEIDER_TRIGGERS), t.AuditEvent.tijd >= sinds)
    )
    return {int(p["praktijkbegeleider_id"]) for p in payloads if "praktijkbegeleider_id" in p}


def wis_praktijkbegeleider(session: Session, pb_id: int, now: datetime) -> bool:
    """Erase one praktijkbegeleider's personal data, in the caller's transaction, unless they
    were made active again meanwhile; the version moves on, so a form opened before cannot
    write the old values back."""
    result = session.execute(
        update(t.Praktijkbegeleider)
        .where(t.Praktijkbegeleider.id == pb_id, t.Praktijkbegeleider.actief.is_(False))
        .values(
            naam=GEWIST, functie="", telefoon="", email="", version=t.Praktijkbegeleider.version + 1
        )
        .returning(t.Praktijkbegeleider.stagebedrijf_id)
    )
    bedrijf_id = result.scalar_one_or_none()
    if bedrijf_id is None:
        return False
    session.execute(  # the name and address their personal links were made with (issue #18)
        update(t.Link).where(t.Link.praktijkbegeleider_id == pb_id).values(naam=None, email=None)
    )
    append_audit(
        session,
        tijd=now,
        actor=SYSTEEM,
        soort=SOORT,
        leerling_id=None,
        trigger=PRAKTIJKBEGELEIDER_GEWIST,
        payload={"praktijkbegeleider_id": pb_id, "stagebedrijf_id": bedrijf_id},
    )
    return True


def bewaartermijn(
    sessions: sessionmaker[Session],
    clock: Clock,
    termijnen: Bewaartermijnen,
    *,
    dry_run: bool = False,
) -> Uitslag:
    """One retention run: every leerling past its term (one transaction each), every
    praktijkbegeleider past theirs, then the notifications past theirs. `dry_run`: only say
    what would be erased."""
    now = clock.now()
    with sessions() as session:
        ids = verlopen_leerlingen(session, now, termijnen.leerling_jaren)
        pbs = verlopen_praktijkbegeleiders(session, now, termijnen.praktijkbegeleider_jaren)
    oude_meldingen = (
        t.Melding.aangemaakt < meldingen_grens(now, termijnen),
        t.Melding.tekst != GEWIST,
    )
    if dry_run:
        with sessions() as session:
            aantal = session.scalar(select(func.count()).where(*oude_meldingen)) or 0
        return Uitslag(ids, aantal, pbs)
    gewist = []
    for leerling_id in ids:
        with sessions.begin() as session:
            if wis_leerling(session, leerling_id, now):
                gewist.append(leerling_id)
    pbs_gewist = []
    for pb_id in pbs:
        with sessions.begin() as session:
            if wis_praktijkbegeleider(session, pb_id, now):
                pbs_gewist.append(pb_id)
    with sessions.begin() as session:
        result = session.execute(
            update(t.Melding).where(*oude_meldingen).values(onderwerp=GEWIST, tekst=GEWIST)
        )
    return Uitslag(gewist, cast(CursorResult[Any], result).rowcount or 0, pbs_gewist)
