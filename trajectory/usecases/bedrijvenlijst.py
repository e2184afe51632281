"""The register of stagebedrijven read for the JSON API and the CSV export (issue #17): a
filtered, paged list, one company with its praktijkbegeleiders, and every company as rows.

The filters on erkenning and free places are the SQL twins of the domain's two rules
(`domain.bedrijven.erkend_op`, `vrije_plaatsen`); a test checks that they agree at the
boundary. The pages' read model (usecases/bedrijfsoverzicht.py) has its own list for now.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor
from trajectory.domain.bedrijven import naam_sleutel, vrije_plaatsen
from trajectory.store import bedrijven as rijen
from trajectory.store import tables as t
from trajectory.store.bedrijfsoverzicht import bevat, erkend_in_sql, vrij_in_sql
from trajectory.usecases.bedrijven import mag_inzien
from trajectory.usecases.fouten import BedrijfNotFound

# the columns of the CSV export, in the import's order and names (so an export can be
# imported again elsewhere), then what only the register knows
EXPORT_KOLOMMEN = (
    "naam",
    "kvk",
    "adres",
    "postcode",
    "plaats",
    "sectoren",
    "telefoon",
    "email",
    "website",
    "erkenning_nummer",
    "erkenning_sectoren",
    "erkenning_geldig_tot",
    "samenwerkingsovereenkomst",
    "capaciteit",
    "status",
    "bezet",
)
LIJST_SCHEIDING = "|"  # between the sectors in one cell (the import also takes ';')


@dataclass(frozen=True)
class Filter:
    sector: str | None = None
    status: str | None = None
    erkend_op: date | None = None  # with `sector`: for that sector, else for any
    vrije_plaatsen: bool = False
    zoek: str | None = None


@dataclass(frozen=True)
class BedrijfRegel:
    id: int
    naam: str
    plaats: str
    sectoren: list[str]
    status: str
    erkenning_sectoren: list[str]
    erkenning_geldig_tot: date | None
    capaciteit: int | None
    bezet: int
    vrije_plaatsen: int | None
    version: int


def _zoekterm(tekst: str) -> str:
    schoon = naam_sleutel(tekst)
    return "%" + schoon.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _query(filt: Filter) -> Select[t.Stagebedrijf, int]:
    # the places taken: the company's `bezet`, kept with its placements (migration 0030)
    aantal = t.Stagebedrijf.bezet
    query = select(t.Stagebedrijf, aantal.label("bezet"))
    if filt.sector:
        query = query.where(bevat(t.Stagebedrijf.sectoren, filt.sector))
    if filt.status:
        query = query.where(t.Stagebedrijf.status == filt.status)
    if filt.erkend_op is not None:
        query = query.where(erkend_in_sql(filt.erkend_op, filt.sector))
    if filt.vrije_plaatsen:
        query = query.where(vrij_in_sql(aantal))
    if filt.zoek:
        query = query.where(t.Stagebedrijf.naam_sleutel.like(_zoekterm(filt.zoek), escape="\\"))
    return query


def _regel(bedrijf: t.Stagebedrijf, bezet: int) -> BedrijfRegel:
    return BedrijfRegel(
        id=bedrijf.id,
        naam=bedrijf.naam,
        plaats=bedrijf.plaats,
        sectoren=list(bedrijf.sectoren),
        status=bedrijf.status,
        erkenning_sectoren=list(bedrijf.erkenning_sectoren),
        erkenning_geldig_tot=bedrijf.erkenning_geldig_tot,
        capaciteit=bedrijf.capaciteit,
        bezet=bezet,
        vrije_plaatsen=vrije_plaatsen(bedrijf.capaciteit, bezet),
        version=bedrijf.version,
    )


def lijst(
    sessions: sessionmaker[Session],
    filt: Filter,
    *,
    actor: Actor,
    pagina: int = 1,
    per_pagina: int = 50,
) -> tuple[list[BedrijfRegel], int]:
    """One page of the register by name, and how many companies the filter finds."""
    mag_inzien(actor)
    query = _query(filt)
    with sessions() as session:
        totaal = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        gevonden = session.execute(
            query.order_by(t.Stagebedrijf.naam_sleutel, t.Stagebedrijf.id)
            .offset((pagina - 1) * per_pagina)
            .limit(per_pagina)
        ).all()
        return [_regel(b, n) for b, n in gevonden], totaal


@dataclass(frozen=True)
class Bedrijf:
    velden: dict[str, Any]  # the company's columns
    bezet: int
    vrije_plaatsen: int | None
    praktijkbegeleiders: list[dict[str, Any]]


PB_VELDEN = ("id", "naam", "functie", "telefoon", "email", "opgeleid", "actief", "version")


def bedrijf(sessions: sessionmaker[Session], bedrijf_id: int, *, actor: Actor) -> Bedrijf:
    mag_inzien(actor)
    with sessions() as session:
        rij = rijen.get_bedrijf(session, bedrijf_id)
        if rij is None:
            raise BedrijfNotFound(bedrijf_id)
        bezet = rijen.lopende_plaatsingen_bij(session, rij.id)
        velden = {  # `bezet` is given apart, counted now
            c.key: getattr(rij, c.key) for c in t.Stagebedrijf.__table__.columns if c.key != "bezet"
        }
        pbs = [
            {k: getattr(pb, k) for k in PB_VELDEN}
            for pb in rijen.praktijkbegeleiders_van(session, rij.id)
        ]
        return Bedrijf(velden, bezet, vrije_plaatsen(rij.capaciteit, bezet), pbs)


def export_rijen(
    sessions: sessionmaker[Session], filt: Filter, *, actor: Actor
) -> Iterator[list[object]]:
    """The register as CSV rows (`EXPORT_KOLOMMEN`), by name; read in one go (a register is
    thousands of rows, not millions)."""
    mag_inzien(actor)
    with sessions() as session:
        gevonden: Sequence[Any] = session.execute(
            _query(filt).order_by(t.Stagebedrijf.naam_sleutel, t.Stagebedrijf.id)
        ).all()
        uit = [_export_rij(b, n) for b, n in gevonden]
    yield from uit


def _export_rij(bedrijf: t.Stagebedrijf, bezet: int) -> list[object]:
    waarden: dict[str, object] = {
        k: getattr(bedrijf, k) for k in EXPORT_KOLOMMEN if k not in ("bezet",)
    }
    waarden["sectoren"] = LIJST_SCHEIDING.join(bedrijf.sectoren)
    waarden["erkenning_sectoren"] = LIJST_SCHEIDING.join(bedrijf.erkenning_sectoren)
    for veld in ("erkenning_geldig_tot", "samenwerkingsovereenkomst"):
        dag = waarden[veld]
        waarden[veld] = dag.isoformat() if isinstance(dag, date) else ""
    waarden["bezet"] = bezet
    return [waarden[k] for k in EXPORT_KOLOMMEN]
