"""The register of stagebedrijven and praktijkbegeleiders as rows: persistence only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, func, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from trajectory.domain.bedrijven import ZONDER_BEDRIJF
from trajectory.store import tables as t
from trajectory.store.repository import VersionConflict


def get_bedrijf(session: Session, bedrijf_id: int, *, lock: bool = False) -> t.Stagebedrijf | None:
    """The company; `lock` takes its row lock (PostgreSQL; SQLite serialises writers), so two
    transactions that count its places do so one after the other; the row as it is when the
    lock is granted, also over an object the session loaded before."""
    query = select(t.Stagebedrijf).where(t.Stagebedrijf.id == bedrijf_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalar(query)


def bedrijf_met_sleutel(session: Session, sleutel: str) -> t.Stagebedrijf | None:
    return session.scalar(select(t.Stagebedrijf).where(t.Stagebedrijf.naam_sleutel == sleutel))


def voeg_bedrijf_toe(session: Session, velden: Mapping[str, Any], moment: datetime) -> int:
    rij = t.Stagebedrijf(aangemaakt=moment, version=1, status="actief", **velden)
    session.add(rij)
    session.flush()
    return rij.id


def werk_bedrijf_bij(
    session: Session, bedrijf: t.Stagebedrijf, waarden: Mapping[str, Any], versie: int
) -> int:
    """Compare-and-set on the version seen; the new version."""
    return _werk_bij(session, t.Stagebedrijf, bedrijf, waarden, versie)


def praktijkbegeleiders_van(session: Session, bedrijf_id: int) -> Sequence[t.Praktijkbegeleider]:
    """Every praktijkbegeleider of the company, the active ones first, by name."""
    return session.scalars(
        select(t.Praktijkbegeleider)
        .where(t.Praktijkbegeleider.stagebedrijf_id == bedrijf_id)
        .order_by(t.Praktijkbegeleider.actief.desc(), t.Praktijkbegeleider.naam)
    ).all()


def get_praktijkbegeleider(session: Session, pb_id: int) -> t.Praktijkbegeleider | None:
    return session.get(t.Praktijkbegeleider, pb_id)


def voeg_praktijkbegeleider_toe(
    session: Session, bedrijf_id: int, velden: Mapping[str, Any], moment: datetime
) -> int:
    rij = t.Praktijkbegeleider(stagebedrijf_id=bedrijf_id, aangemaakt=moment, version=1, **velden)
    session.add(rij)
    session.flush()
    return rij.id


def werk_praktijkbegeleider_bij(
    session: Session, pb: t.Praktijkbegeleider, waarden: Mapping[str, Any], versie: int
) -> int:
    return _werk_bij(session, t.Praktijkbegeleider, pb, waarden, versie)


def _werk_bij(
    session: Session,
    model: type[t.Stagebedrijf] | type[t.Praktijkbegeleider],
    rij: t.Stagebedrijf | t.Praktijkbegeleider,
    waarden: Mapping[str, Any],
    versie: int,
) -> int:
    nieuw = {**waarden, "version": versie + 1}
    result = session.execute(
        update(model)
        .where(model.id == rij.id, model.version == versie)
        .values(**nieuw)
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult[Any], result).rowcount != 1:
        huidige = session.scalar(select(model.version).where(model.id == rij.id))
        raise VersionConflict(huidige or versie)
    for veld, waarde in nieuw.items():
        set_committed_value(rij, veld, waarde)
    return versie + 1


def lopende_plaatsingen_bij(
    session: Session, bedrijf_id: int, *, behalve_leerling: int | None = None
) -> int:
    """How many current placements at the company are running (its places taken now)."""
    return (
        session.scalar(
            select(func.count())
            .select_from(t.Plaatsing)
            .where(
                t.Plaatsing.stagebedrijf_id == bedrijf_id,
                t.Plaatsing.status == "lopend",
                t.HUIDIGE_PLAATSING,
                t.Plaatsing.leerling_id != (behalve_leerling or -1),
            )
        )
        or 0
    )


def leerlingen_met_lopende_plaatsing_bij(session: Session, bedrijf_id: int) -> list[int]:
    """The leerlingen whose current placement at the company is running, by id."""
    return list(
        session.scalars(
            select(t.Plaatsing.leerling_id)
            .where(
                t.Plaatsing.stagebedrijf_id == bedrijf_id,
                t.Plaatsing.status == "lopend",
                t.HUIDIGE_PLAATSING,
            )
            .distinct()
            .order_by(t.Plaatsing.leerling_id)
        )
    )


def bedrijfsnamen(engine: Engine) -> list[str]:
    """Every free-text `plaatsing.bedrijf` at a company, read without migrating (the preview
    of migration 0020 reads what the migration reads)."""
    sql = text("SELECT bedrijf FROM plaatsing WHERE soort <> :school")
    with engine.connect() as conn:
        return [naam for (naam,) in conn.execute(sql, {"school": ZONDER_BEDRIJF})]
