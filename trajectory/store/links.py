"""Personal links (issue #18): their rows, their revocations and the browsers that opened
them. Rows in, rows out; what a link may do and whether it still works is the use case's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from trajectory.store import tables as t


@dataclass(frozen=True)
class LinkRij:
    link: t.Link
    intrekking: t.LinkIntrekking | None
    plaatsing: t.Plaatsing


def _met_plaatsing() -> Select[t.Link, t.LinkIntrekking, t.Plaatsing]:
    return (
        select(t.Link, t.LinkIntrekking, t.Plaatsing)
        .join(t.Plaatsing, t.Plaatsing.id == t.Link.plaatsing_id)
        .outerjoin(t.LinkIntrekking, t.LinkIntrekking.link_id == t.Link.id)
    )


def bij_hash(session: Session, token_hash: str) -> LinkRij | None:
    row = session.execute(_met_plaatsing().where(t.Link.token_hash == token_hash)).first()
    return None if row is None else LinkRij(*row)


def bij_id(session: Session, link_id: int) -> LinkRij | None:
    row = session.execute(_met_plaatsing().where(t.Link.id == link_id)).first()
    return None if row is None else LinkRij(*row)


def van_plaatsing(session: Session, plaatsing_id: int) -> list[LinkRij]:
    """Every link ever made for the placement, newest first."""
    return van_plaatsingen(session, [plaatsing_id])[plaatsing_id]


def van_plaatsingen(session: Session, plaatsing_ids: Sequence[int]) -> dict[int, list[LinkRij]]:
    """Per placement, every link ever made for it, newest first: one query for a leerling's
    placements (the leerling page shows them all)."""
    per: dict[int, list[LinkRij]] = {plaatsing_id: [] for plaatsing_id in plaatsing_ids}
    if not per:
        return per
    rows = session.execute(
        _met_plaatsing().where(t.Link.plaatsing_id.in_(per)).order_by(t.Link.id.desc())
    )
    for row in rows:
        per[row.Link.plaatsing_id].append(LinkRij(*row))
    return per


def niet_ingetrokken(session: Session, plaatsing_id: int, partij: str, doel: str) -> list[t.Link]:
    """The links of (placement, party, purpose) without a revocation (expired ones too)."""
    return list(
        session.scalars(
            select(t.Link)
            .outerjoin(t.LinkIntrekking, t.LinkIntrekking.link_id == t.Link.id)
            .where(
                t.Link.plaatsing_id == plaatsing_id,
                t.Link.partij == partij,
                t.Link.doel == doel,
                t.LinkIntrekking.id.is_(None),
            )
        )
    )


def voeg_toe(session: Session, link: t.Link) -> t.Link:
    session.add(link)
    session.flush()
    return link


def trek_in(
    session: Session,
    link_id: int,
    *,
    tijd: datetime,
    door_id: int | None,
    reden: str,
    vervangen_door_id: int | None = None,
) -> None:
    session.add(
        t.LinkIntrekking(
            link_id=link_id,
            tijd=tijd,
            door_id=door_id,
            reden=reden,
            vervangen_door_id=vervangen_door_id,
        )
    )
    session.flush()


def start_sessie(session: Session, token_hash: str, link_id: int, csrf: str, now: datetime) -> None:
    session.add(t.LinkSessie(token_hash=token_hash, link_id=link_id, csrf=csrf, aangemaakt=now))


def sessie(session: Session, token_hash: str) -> tuple[t.LinkSessie, LinkRij] | None:
    row = session.execute(
        _met_plaatsing()
        .add_columns(t.LinkSessie)
        .join(t.LinkSessie, t.LinkSessie.link_id == t.Link.id)
        .where(t.LinkSessie.token_hash == token_hash)
    ).first()
    if row is None:
        return None
    link, intrekking, plaatsing, link_sessie = row
    return link_sessie, LinkRij(link, intrekking, plaatsing)


def huidige_plaatsingen(session: Session, leerling_id: int) -> list[t.Plaatsing]:
    """A leerling's placements as they stand (not corrected away), newest first."""
    return list(
        session.scalars(
            select(t.Plaatsing)
            .where(t.Plaatsing.leerling_id == leerling_id, t.HUIDIGE_PLAATSING)
            .order_by(t.Plaatsing.startdatum.desc(), t.Plaatsing.id.desc())
        )
    )


def verzorgers(session: Session, leerling_id: int) -> list[tuple[str, str]]:
    """(naam, e-mail) of the leerling's current ouders/verzorgers."""
    rows = session.execute(
        select(t.Verzorger.naam, t.Verzorger.email)
        .where(t.Verzorger.leerling_id == leerling_id, t.Verzorger.vervallen.is_(None))
        .order_by(t.Verzorger.id)
    ).all()
    return [(naam, email or "") for naam, email in rows]
