"""The register's list and a company's history as rows (issue #17): persistence only. What the
rows mean (marks, outcomes, figures, whose names a viewer sees) is usecases/bedrijfsoverzicht.py.

The list is filtered, counted and paged in SQL on the company's own columns (the places taken
are its `bezet`, kept by migration 0030's triggers); the last uitval is read only for the rows
on the page, one index probe each: the first page of 5,000 companies costs about what 50 do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, case, cast, func, or_, select
from sqlalchemy.orm import Session

from trajectory.domain.bedrijven import MAX_PLAATSEN
from trajectory.store import tables as t

LOPEND = "lopend"  # a placement's status while its leerling is at the company (bedrijven.py)


@dataclass(frozen=True)
class Registerfilter:
    """The list's filters, checked: a sector code, a date the erkenning must be valid on, a
    status, only companies with a free place, and a fragment of the name's key
    (`domain.bedrijven.naam_sleutel`)."""

    sector: str | None = None
    erkend_op: date | None = None
    status: str | None = None
    vrij: bool = False
    zoek: str | None = None
    sorteer: str = "naam"  # a key of SORTEERBAAR
    aflopend: bool = False


def bevat(kolom: Any, code: str) -> ColumnElement[bool]:
    """Whether a JSON list of codes holds `code`, on SQLite and PostgreSQL alike: the codes are
    the register's own (checked against BEDRIJFSSECTOREN), each written in quotes in the text."""
    return cast(kolom, String).like(f'%"{code}"%')


def _laatste_uitval(sinds: date) -> ColumnElement[date]:
    """The company's last uitval on or after `sinds`, per row (a probe on its placements)."""
    return (
        select(func.max(t.Vastlegging.datum))
        .join(t.Plaatsing, t.Vastlegging.plaatsing_id == t.Plaatsing.id)
        .where(
            t.Plaatsing.stagebedrijf_id == t.Stagebedrijf.id,
            t.Vastlegging.kind == "uitval",
            t.HUIDIG_RECORD,
            t.Vastlegging.datum >= sinds,
        )
        .scalar_subquery()
    )


def erkend_in_sql(op: date, sector: str | None) -> ColumnElement[bool]:
    """The twin of `domain.bedrijven.erkend_op` in SQL (tests/integration/
    test_bedrijfsoverzicht.py holds the two to the same answers); without a sector: erkend on
    `op` for at least one sector."""
    geldig = t.Stagebedrijf.erkenning_geldig_tot >= op
    if sector:
        return geldig & bevat(t.Stagebedrijf.erkenning_sectoren, sector)
    return geldig & (cast(t.Stagebedrijf.erkenning_sectoren, String) != "[]")


def vrij_in_sql(bezet: Any) -> ColumnElement[bool]:
    """The twin of `domain.bedrijven.vrije_plaatsen(...)` being None or above 0."""
    return or_(t.Stagebedrijf.capaciteit.is_(None), t.Stagebedrijf.capaciteit > bezet)


def _vrij_volgorde(bezet: Any) -> ColumnElement[int]:
    # no limit sorts as more room than any company can have
    return case(
        (t.Stagebedrijf.capaciteit.is_(None), MAX_PLAATSEN + 1),
        else_=t.Stagebedrijf.capaciteit - bezet,
    )


SORTEERBAAR: dict[str, Callable[[Any], Any]] = {  # the list's sortable columns, in SQL
    "naam": lambda bezet: t.Stagebedrijf.naam_sleutel,
    "plaats": lambda bezet: func.lower(t.Stagebedrijf.plaats),
    "status": lambda bezet: t.Stagebedrijf.status,
    "vrij": _vrij_volgorde,
    "erkenning": lambda bezet: func.coalesce(t.Stagebedrijf.erkenning_geldig_tot, date.min),
}


def register(
    session: Session, filt: Registerfilter, *, uitval_sinds: date, page: int, per_page: int
) -> tuple[Sequence[t.Rij], int]:
    """One page of the register and the number of companies the filters let through. Each row:
    the company's columns for the list, `bezet` and `laatste_uitval` (since `uitval_sinds`)."""
    bezet = t.Stagebedrijf.bezet
    voorwaarden: list[ColumnElement[bool]] = []
    if filt.sector:
        voorwaarden.append(bevat(t.Stagebedrijf.sectoren, filt.sector))
    if filt.erkend_op:
        voorwaarden.append(erkend_in_sql(filt.erkend_op, filt.sector))
    if filt.status:
        voorwaarden.append(t.Stagebedrijf.status == filt.status)
    if filt.vrij:
        voorwaarden.append(vrij_in_sql(bezet))
    if filt.zoek:
        voorwaarden.append(t.Stagebedrijf.naam_sleutel.contains(filt.zoek, autoescape=True))
    totaal = (
        session.scalar(select(func.count()).select_from(t.Stagebedrijf).where(*voorwaarden)) or 0
    )
    kolom = SORTEERBAAR.get(filt.sorteer, SORTEERBAAR["naam"])(bezet)
    volgorde = kolom.desc() if filt.aflopend else kolom.asc()
    query = (
        select(
            t.Stagebedrijf.id,
            t.Stagebedrijf.naam,
            t.Stagebedrijf.plaats,
            t.Stagebedrijf.sectoren,
            t.Stagebedrijf.status,
            t.Stagebedrijf.capaciteit,
            t.Stagebedrijf.erkenning_geldig_tot,
            t.Stagebedrijf.erkenning_sectoren,
            bezet.label("bezet"),
            _laatste_uitval(uitval_sinds).label("laatste_uitval"),
        )
        .where(*voorwaarden)
        .order_by(volgorde, t.Stagebedrijf.naam_sleutel, t.Stagebedrijf.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return session.execute(query).all(), totaal


def plaatsingen_bij(session: Session, bedrijf_id: int) -> Sequence[t.Rij]:
    """Every current placement at the company (a corrected one counts once), newest first,
    with its leerling's name, class and begeleider (the caller decides who sees the name)."""
    return session.execute(
        select(
            t.Plaatsing.id,
            t.Plaatsing.leerling_id,
            t.Plaatsing.status,
            t.Plaatsing.soort,
            t.Plaatsing.sector,
            t.Plaatsing.startdatum,
            t.Plaatsing.einddatum,
            t.Plaatsing.praktijkbegeleider_id,
            t.Leerling.naam,
            t.Leerling.klas,
            t.Leerling.stagebegeleider_id,
        )
        .join(t.Leerling, t.Leerling.id == t.Plaatsing.leerling_id)
        .where(t.Plaatsing.stagebedrijf_id == bedrijf_id, t.HUIDIGE_PLAATSING)
        .order_by(t.Plaatsing.startdatum.desc(), t.Plaatsing.id.desc())
    ).all()


def vastleggingen_bij(session: Session, bedrijf_id: int, kinds: Iterable[str]) -> Sequence[t.Rij]:
    """The current records of these kinds about placements at the company, oldest first."""
    return session.execute(
        select(
            t.Vastlegging.plaatsing_id, t.Vastlegging.kind, t.Vastlegging.datum, t.Vastlegging.data
        )
        .join(t.Plaatsing, t.Plaatsing.id == t.Vastlegging.plaatsing_id)
        .where(
            t.Plaatsing.stagebedrijf_id == bedrijf_id,
            t.Vastlegging.kind.in_(tuple(kinds)),
            t.HUIDIG_RECORD,
        )
        .order_by(t.Vastlegging.datum, t.Vastlegging.id)
    ).all()


def gebruikersnamen(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wie = {i for i in ids if i is not None}
    if not wie:
        return {}
    rows = session.execute(select(t.Gebruiker.id, t.Gebruiker.naam).where(t.Gebruiker.id.in_(wie)))
    return {gebruiker_id: naam for gebruiker_id, naam in rows}


def keuzelijst(session: Session, zoek: str, limiet: int) -> Sequence[t.Rij]:
    """(bedrijf id, naam, plaats, praktijkbegeleider id or None, naam, functie) of at most
    `limiet` companies with status `actief` whose name key holds `zoek` (a fragment of
    `domain.bedrijven.naam_sleutel`), by name, with each of their active praktijkbegeleiders:
    what a placement may name, a page's worth however large the register."""
    bedrijven = (
        select(
            t.Stagebedrijf.id,
            t.Stagebedrijf.naam,
            t.Stagebedrijf.plaats,
            t.Stagebedrijf.naam_sleutel,
        )
        .where(
            t.Stagebedrijf.status == "actief",
            t.Stagebedrijf.naam_sleutel.contains(zoek, autoescape=True),
        )
        .order_by(t.Stagebedrijf.naam_sleutel, t.Stagebedrijf.id)
        .limit(limiet)
        .subquery()
    )
    pb = t.Praktijkbegeleider
    return session.execute(
        select(bedrijven.c.id, bedrijven.c.naam, bedrijven.c.plaats, pb.id, pb.naam, pb.functie)
        .outerjoin(pb, (pb.stagebedrijf_id == bedrijven.c.id) & pb.actief)
        .order_by(bedrijven.c.naam_sleutel, bedrijven.c.id, pb.naam, pb.id)
    ).all()


def contacten(session: Session, pb_ids: Iterable[int | None]) -> dict[int, t.Rij]:
    """Per praktijkbegeleider id: (id, naam, functie, telefoon, email, actief, bedrijf id)."""
    wie = {i for i in pb_ids if i is not None}
    if not wie:
        return {}
    pb = t.Praktijkbegeleider
    rows = session.execute(
        select(pb.id, pb.naam, pb.functie, pb.telefoon, pb.email, pb.actief, pb.stagebedrijf_id)
        .where(pb.id.in_(wie))
    ).all()  # fmt: skip
    return {row.id: row for row in rows}


def praktijkbegeleider_van_plaatsing(session: Session, plaatsing_id: int) -> int | None:
    return session.scalar(
        select(t.Plaatsing.praktijkbegeleider_id).where(t.Plaatsing.id == plaatsing_id)
    )
