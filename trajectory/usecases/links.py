"""Personal links (issue #18): make one (replacing the active link of the same placement,
party and purpose), revoke one, list a placement's links, and find the link behind a token or
a link-session — each change one transaction with its audit event.

The token is random (256 bits) and returned once; only its SHA-256 is kept, as with login
sessions. A link that is unknown, revoked, replaced, expired, or whose placement was
corrected away answers exactly as a token that never existed: `None`.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain import links as regels
from trajectory.domain.access import Actor, may_manage_links
from trajectory.domain.clock import Clock
from trajectory.domain.geheimen import Sleutels
from trajectory.notifications.linkmail import link_bericht
from trajectory.store import bedrijfsoverzicht as bedrijfsrijen
from trajectory.store import links as rijen
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases.fouten import FieldError, NietGevonden, NotPermitted
from trajectory.usecases.laden import zichtbare_leerling

AUDIT_SOORT = "link"
MAKEN, INTREKKEN = "link_maken", "link_intrekken"
GEEN_BEHEER = "Alleen de stagebegeleider van de leerling en de teamleider maken en intrekken links."


class PlaatsingNotFound(NietGevonden):
    bericht = "Plaatsing niet gevonden."


class LinkNotFound(NietGevonden):
    bericht = "Link niet gevonden."


@dataclass(frozen=True)
class NieuweLink:
    link_id: int
    token: str  # shown once (URL, QR code, the e-mail); never stored
    verloopt_op: datetime
    vervangt: tuple[int, ...]
    verstuurd_naar: str | None = None  # the address the outbox will mail it to


@dataclass(frozen=True)
class GeldigeLink:
    """A link that works now: what a request through it may reach."""

    link_id: int
    plaatsing_id: int
    leerling_id: int
    partij: str
    doel: str
    naam: str
    verloopt_op: datetime

    @property
    def actor(self) -> Actor:
        return regels.link_actor(self.partij, self.naam, self.link_id)


@dataclass(frozen=True)
class LinkStatus:
    """A link as the placement page lists it."""

    link_id: int
    partij: str
    doel: str
    naam: str
    email: str
    aangemaakt: datetime
    verloopt_op: datetime
    status: str  # actief | verlopen | ingetrokken | vervangen


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def maak_link(
    sessions: sessionmaker[Session],
    plaatsing_id: int,
    partij: str,
    doel: str,
    *,
    actor: Actor,
    clock: Clock,
    email: str | None = None,
    naam: str | None = None,
    praktijkbegeleider_id: int | None = None,
    versturen: Sleutels | None = None,
    leerling_id: int | None = None,
) -> NieuweLink:
    """A new link for (placement, party, purpose); an active one for the same three is
    replaced (a `vervangen` revocation). The praktijkbegeleider's name and address come from
    the register (the placement's own praktijkbegeleider unless another is named).

    `versturen` (the server key): also mail the link to its address, through the outbox in
    this transaction, the token encrypted until it is sent. `leerling_id`: the placement
    must be this leerling's (a page's URL names both)."""
    if partij not in regels.PARTIJEN:
        raise FieldError("partij", "Kies voor wie de link is.")
    if not regels.toegestaan(partij, doel):
        raise FieldError("doel", "Deze partij kan via een link niet voor dit doel werken.")
    moment = clock.now()
    token = secrets.token_urlsafe(32)
    with sessions.begin() as session:
        plaatsing = _beheerde_plaatsing(session, plaatsing_id, actor, leerling_id=leerling_id)
        if partij == "praktijkbegeleider":
            naam, email, praktijkbegeleider_id = _uit_register(
                session, plaatsing, praktijkbegeleider_id
            )
        else:
            praktijkbegeleider_id = None
        tot = regels.verloopt_op(moment, plaatsing.einddatum)
        link = rijen.voeg_toe(
            session,
            t.Link(
                plaatsing_id=plaatsing.id,
                leerling_id=plaatsing.leerling_id,
                partij=partij,
                doel=doel,
                naam=naam or None,
                email=email or None,
                praktijkbegeleider_id=praktijkbegeleider_id,
                token_hash=token_hash(token),
                aangemaakt=moment,
                aangemaakt_door_id=actor.id,
                verloopt_op=tot,
            ),
        )
        oud = tuple(
            o.id
            for o in rijen.niet_ingetrokken(session, plaatsing.id, partij, doel)
            if o.id != link.id
        )
        for link_id in oud:
            rijen.trek_in(
                session,
                link_id,
                tijd=moment,
                door_id=actor.id,
                reden="vervangen",
                vervangen_door_id=link.id,
            )
        verstuurd = versturen is not None and bool(email)
        if versturen is not None and email:
            _mail(session, link, plaatsing, token, email, versturen, moment)
        repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort=AUDIT_SOORT,
            leerling_id=plaatsing.leerling_id,
            trigger=MAKEN,
            payload={
                "link_id": link.id,
                "plaatsing_id": plaatsing.id,
                "partij": partij,
                "doel": doel,
                "voor": regels.link_label(partij, naam),
                "verloopt_op": tot.isoformat(),
                "vervangt": list(oud),
                "verstuurd": verstuurd,
            },
        )
        return NieuweLink(link.id, token, tot, oud, email if verstuurd else None)


def _mail(
    session: Session,
    link: t.Link,
    plaatsing: t.Plaatsing,
    token: str,
    email: str,
    sleutels: Sleutels,
    moment: datetime,
) -> None:
    leerling = session.get(t.Leerling, plaatsing.leerling_id)
    onderwerp, tekst = link_bericht(
        naam=link.naam or "",
        voornaam=regels.voornaam(leerling.naam if leerling else ""),
        bedrijf=plaatsing.bedrijf,
        doel=link.doel,
        tot=link.verloopt_op,
    )
    session.add(
        t.Melding(
            leerling_id=plaatsing.leerling_id,
            ontvanger_id=None,
            ontvanger_email=email,
            geheim_versleuteld=sleutels.versleutel(token),
            soort="link",
            verschuldigd=f"link:{link.id}",
            onderwerp=onderwerp,
            tekst=tekst,
            direct=True,
            aangemaakt=moment,
            pogingen=0,
        )
    )


def intrekken(
    sessions: sessionmaker[Session],
    link_id: int,
    *,
    actor: Actor,
    clock: Clock,
    leerling_id: int | None = None,
) -> None:
    """Revoke a link: from now on its token and every browser that opened it get a 404. A link
    revoked or replaced already stays as it was (nothing recorded twice)."""
    moment = clock.now()
    with sessions.begin() as session:
        rij = rijen.bij_id(session, link_id)
        if rij is None or leerling_id not in (None, rij.link.leerling_id):
            raise LinkNotFound(detail=str(link_id))
        _beheerde_plaatsing(session, rij.plaatsing.id, actor, link=True)
        if rij.intrekking is not None:
            return
        rijen.trek_in(session, link_id, tijd=moment, door_id=actor.id, reden="ingetrokken")
        repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort=AUDIT_SOORT,
            leerling_id=rij.link.leerling_id,
            trigger=INTREKKEN,
            payload={
                "link_id": link_id,
                "plaatsing_id": rij.plaatsing.id,
                "partij": rij.link.partij,
                "doel": rij.link.doel,
                "voor": regels.link_label(rij.link.partij, rij.link.naam),
            },
        )


def links_van(session: Session, plaatsing_id: int, now: datetime) -> list[LinkStatus]:
    """Every link of a placement with its status, newest first (the caller checked that the
    actor may see the leerling)."""
    return [_status(rij, now) for rij in rijen.van_plaatsing(session, plaatsing_id)]


def actieve_links(
    session: Session, plaatsing_id: int, now: datetime | None = None
) -> list[LinkStatus]:
    """The links of a placement that work (at `now`; without it: not revoked or replaced)."""
    return [
        s
        for s in (_status(rij, now) for rij in rijen.van_plaatsing(session, plaatsing_id))
        if s.status == "actief"
    ]


def link_bij_token(session: Session, token: str, now: datetime) -> GeldigeLink | None:
    """The link behind a token if it works now; else None, whatever the reason."""
    rij = rijen.bij_hash(session, token_hash(token))
    return _geldig(rij, now) if rij is not None else None


def open_sessie(session: Session, link: GeldigeLink, now: datetime) -> str:
    """A browser opens a link: a new link-session, its cookie token returned (only the hash is
    kept). The CSRF token of its forms lives with it."""
    cookie = secrets.token_urlsafe(32)
    rijen.start_sessie(session, token_hash(cookie), link.link_id, secrets.token_urlsafe(32), now)
    return cookie


def link_van_sessie(session: Session, cookie: str, now: datetime) -> tuple[GeldigeLink, str] | None:
    """The working link of a link-session's cookie and the session's CSRF token, or None."""
    gevonden = rijen.sessie(session, token_hash(cookie))
    if gevonden is None:
        return None
    link_sessie, rij = gevonden
    link = _geldig(rij, now)
    return None if link is None else (link, link_sessie.csrf)


def _geldig(rij: rijen.LinkRij, now: datetime) -> GeldigeLink | None:
    status = _status(rij, now)
    if status.status != "actief" or rij.plaatsing.vervallen is not None:
        return None
    link = rij.link
    return GeldigeLink(
        link.id,
        link.plaatsing_id,
        link.leerling_id,
        link.partij,
        link.doel,
        link.naam or "",
        status.verloopt_op,
    )


def _status(rij: rijen.LinkRij, now: datetime | None) -> LinkStatus:
    link = rij.link
    tot = regels.geldig_tot(
        aware(link.verloopt_op), aware(link.aangemaakt), rij.plaatsing.einddatum
    )
    ingetrokken = rij.intrekking.reden if rij.intrekking is not None else None
    status = regels.status(ingetrokken, tot, now) if now else (ingetrokken or "actief")
    return LinkStatus(
        link.id,
        link.partij,
        link.doel,
        link.naam or "",
        link.email or "",
        aware(link.aangemaakt),
        tot,
        status,
    )


def _beheerde_plaatsing(
    session: Session,
    plaatsing_id: int,
    actor: Actor,
    *,
    link: bool = False,
    leerling_id: int | None = None,
) -> t.Plaatsing:
    """The current placement (of `leerling_id`), if the actor may see its leerling and manage
    its links; `link`: also a placement corrected away, to revoke its links."""
    # locked: two people re-sending the same link at once leave one of them active
    plaatsing = session.get(t.Plaatsing, plaatsing_id, with_for_update=True)
    if (
        plaatsing is None
        or (plaatsing.vervallen is not None and not link)
        or leerling_id not in (None, plaatsing.leerling_id)
    ):
        raise PlaatsingNotFound(detail=str(plaatsing_id))
    leerling = zichtbare_leerling(session, plaatsing.leerling_id, actor)
    if not may_manage_links(actor, leerling.stagebegeleider_id):
        raise NotPermitted(GEEN_BEHEER)
    return plaatsing


def _uit_register(
    session: Session, plaatsing: t.Plaatsing, praktijkbegeleider_id: int | None
) -> tuple[str, str, int]:
    pb_id = praktijkbegeleider_id or plaatsing.praktijkbegeleider_id
    pb = session.get(t.Praktijkbegeleider, pb_id) if pb_id is not None else None
    if pb is None or (
        plaatsing.stagebedrijf_id is not None and pb.stagebedrijf_id != plaatsing.stagebedrijf_id
    ):
        raise FieldError(
            "praktijkbegeleider_id",
            "Deze plaatsing heeft geen praktijkbegeleider uit het register; kies er eerst een.",
        )
    return pb.naam, pb.email, pb.id


@dataclass(frozen=True)
class Linkinhoud:
    """The minimum a link page shows (issue #18): the leerling's first name and klas, and the
    placement — never the surname, other leerlingen, the history or the audit trail."""

    voornaam: str
    klas: str
    bedrijf: str
    startdatum: date
    einddatum: date | None


def inhoud(session: Session, link: GeldigeLink) -> Linkinhoud:
    plaatsing = session.get(t.Plaatsing, link.plaatsing_id)
    leerling = session.get(t.Leerling, link.leerling_id)
    if plaatsing is None or leerling is None:
        raise LinkNotFound(detail=str(link.link_id))
    return Linkinhoud(
        regels.voornaam(leerling.naam),
        leerling.klas or "",
        plaatsing.bedrijf,
        plaatsing.startdatum,
        plaatsing.einddatum,
    )


def link_bij_id(session: Session, link_id: int, now: datetime) -> GeldigeLink | None:
    rij = rijen.bij_id(session, link_id)
    return _geldig(rij, now) if rij is not None else None


@dataclass(frozen=True)
class Linksectie:
    """One placement in the placement page's "Links voor buiten school"."""

    plaatsing_id: int
    bedrijf: str
    praktijkbegeleider: str  # the register's name, "" when the placement names none
    links: list[LinkStatus]
    verzorgers: tuple[tuple[str, str], ...] = ()  # (naam, e-mail) of the ouders, to pick from


def linksecties(
    sessions: sessionmaker[Session], leerling_id: int, *, actor: Actor, clock: Clock
) -> list[Linksectie]:
    """The current placements of a leerling with their links, for whoever may manage them;
    nothing for anyone else (a mentor)."""
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        return linksecties_van(session, leerling, actor=actor, now=clock.now())


def linksecties_van(
    session: Session,
    leerling: t.Leerling,
    *,
    actor: Actor,
    now: datetime,
    plaatsingen: Sequence[t.Plaatsing] | None = None,
    pb_namen: Mapping[int, str] | None = None,
) -> list[Linksectie]:
    """`linksecties` in the caller's session, for a leerling it loaded through
    `zichtbare_leerling` (the leerling page reads everything in one); `plaatsingen`, all of
    the leerling's, and `pb_namen`, their praktijkbegeleiders' names by id, when it read
    them already."""
    if not may_manage_links(actor, leerling.stagebegeleider_id):
        return []
    verzorgers = tuple(rijen.verzorgers(session, leerling.id))
    if plaatsingen is None:
        huidige = rijen.huidige_plaatsingen(session, leerling.id)
    else:  # in the order of huidige_plaatsingen: newest first
        huidige = sorted(
            (p for p in plaatsingen if p.vervallen is None),
            key=lambda p: (p.startdatum, p.id),
            reverse=True,
        )
    # one query each for all placements: the page waits for this section
    if pb_namen is None:
        pbs = bedrijfsrijen.contacten(session, (p.praktijkbegeleider_id for p in huidige))
        pb_namen = {pb_id: rij.naam for pb_id, rij in pbs.items()}
    per_plaatsing = rijen.van_plaatsingen(session, [p.id for p in huidige])
    return [
        Linksectie(
            plaatsing.id,
            plaatsing.bedrijf,
            pb_namen.get(plaatsing.praktijkbegeleider_id or 0, ""),
            [_status(rij, now) for rij in per_plaatsing[plaatsing.id]],
            verzorgers,
        )
        for plaatsing in huidige
    ]
