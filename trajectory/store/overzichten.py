"""Read-side queries of the overviews: the groepsstage places, the Entree placements and their
hours, a cohort's states and steps. Rows only: usecases/overzichten.py makes the overviews."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trajectory.domain.actor import Actor
from trajectory.domain.snapshot import Plaatsing, Record, records_uit
from trajectory.domain.stageagenda import UREN_RECORDS
from trajectory.store import tables as t
from trajectory.store.queries import overgangen, visible
from trajectory.store.repository import MET_BEDRIJF, PLAATSING_KOLOMMEN, to_plaatsing
from trajectory.store.vandaag import KOLOMMEN


def bezette_plekken(session: Session) -> Sequence[t.Rij]:
    """Every taken groepsstage place with its leerling: (dagdeel, plek, leerling_id, naam,
    stagebegeleider_id, klas) — all of them; the caller decides whose name it may show."""
    return session.execute(
        select(
            t.GroepsstagePlek.dagdeel,
            t.GroepsstagePlek.plek,
            t.Leerling.id,
            t.Leerling.naam,
            t.Leerling.stagebegeleider_id,
            t.Leerling.klas,
        )
        .join(t.Plaatsing, t.Plaatsing.id == t.GroepsstagePlek.plaatsing_id)
        .join(t.Leerling, t.Leerling.id == t.Plaatsing.leerling_id)
    ).all()


def in_entree(session: Session, actor: Actor) -> Sequence[t.Rij]:
    """The visible leerlingen in `entree` (KOLOMMEN) with their `geboortedatum` and
    `trajectory_version`."""
    return session.execute(
        visible(select(*KOLOMMEN), actor)
        .add_columns(t.Leerling.geboortedatum, t.Leerling.trajectory_version)
        .where(t.Leerling.state == "entree")
    ).all()


def entree_gegevens(
    session: Session, leerlingen: Sequence[int]
) -> tuple[dict[int, list[Plaatsing]], dict[int, list[Record]]]:
    """Per leerling: the Entree placements, and the records the hours count from
    (`domain.stageagenda.UREN_RECORDS`), in the order they were recorded."""
    plaatsingen: dict[int, list[Plaatsing]] = defaultdict(list)
    records: dict[int, list[Record]] = defaultdict(list)
    if not leerlingen:
        return plaatsingen, records
    for row in session.execute(
        select(t.Plaatsing.leerling_id, *PLAATSING_KOLOMMEN)
        .select_from(MET_BEDRIJF)
        .where(
            t.Plaatsing.leerling_id.in_(leerlingen),
            t.Plaatsing.soort == "entree",
            t.HUIDIGE_PLAATSING,
        )
        .order_by(t.Plaatsing.id)
    ):
        plaatsingen[row.leerling_id].append(to_plaatsing(row))
    for row in session.execute(
        select(
            t.Vastlegging.leerling_id,
            t.Vastlegging.kind,
            t.Vastlegging.datum,
            t.Vastlegging.data,
            t.Vastlegging.plaatsing_id,
            t.Vastlegging.id,
        )
        .where(
            t.Vastlegging.leerling_id.in_(leerlingen),
            t.Vastlegging.kind.in_(UREN_RECORDS),
            t.HUIDIG_RECORD,
        )
        .order_by(t.Vastlegging.id)
    ):
        records[row.leerling_id].extend(records_uit([tuple(row)[1:]]))
    return plaatsingen, records


def cohort(
    session: Session,
    actor: Actor,
    *,
    leerjaar: str | None = None,
    klas: str | None = None,
    begeleider: int | None = None,
    van: date | None = None,
    tot: date | None = None,
) -> tuple[tuple[str, ...], tuple[tuple[int, str, str, str], ...]]:
    """Over the leerlingen the actor may see (of this leerjaar, klas and stagebegeleider): the
    current state of each (sorted, no names) and the steps (leerling, trigger, van, naar) taken
    from `van` to `tot`."""
    query = visible(select(t.Leerling.id), actor)
    if leerjaar:
        query = query.where(t.Leerling.leerjaar == leerjaar)
    if klas:
        query = query.where(t.Leerling.klas == klas)
    if begeleider:
        query = query.where(t.Leerling.stagebegeleider_id == begeleider)
    ids = query.subquery()
    per_state = session.execute(
        select(t.Leerling.state, func.count())
        .where(t.Leerling.id.in_(select(ids.c.id)))
        .group_by(t.Leerling.state)
    ).all()
    stappen = tuple(
        (leerling or 0, trigger, v, n)
        for leerling, trigger, v, n in overgangen(
            session,
            select(ids.c.id),  # in the database: no list of 30,000 parameters
            van.isoformat() if van else None,
            tot.isoformat() if tot else None,
        )
    )
    toestanden = tuple(state for state, aantal in sorted(per_state) for _ in range(aantal))
    return toestanden, stappen


def groep(
    session: Session,
    actor: Actor,
    *,
    klas: str | None = None,
    begeleider: int | None = None,
    states: Sequence[str] | None = None,
) -> Sequence[t.Leerling]:
    """The leerlingen the actor may see of a klas and/or stagebegeleider (not erased), by
    name; only in `states` when given."""
    query = visible(select(t.Leerling), actor).where(t.Leerling.gewist.is_(None))
    if klas:
        query = query.where(t.Leerling.klas == klas)
    if begeleider:
        query = query.where(t.Leerling.stagebegeleider_id == begeleider)
    if states is not None:
        query = query.where(t.Leerling.state.in_(states))
    return session.scalars(query.order_by(t.Leerling.naam, t.Leerling.id)).all()


def weigeringen(
    session: Session, leerling_ids: Sequence[int], tot: str
) -> Sequence[tuple[int, str, str, str]]:
    """Refused steps of these leerlingen up to the ISO time `tot`: (leerling, trigger, van,
    tijd), oldest first."""
    if not leerling_ids:
        return []
    query = (
        select(t.AuditEvent.leerling_id, t.AuditEvent.trigger, t.AuditEvent.van, t.AuditEvent.tijd)
        .where(
            t.AuditEvent.soort == "weigering",
            t.AuditEvent.leerling_id.in_(leerling_ids),
            t.AuditEvent.van.is_not(None),
            t.AuditEvent.tijd <= tot,
        )
        .order_by(t.AuditEvent.id)
    )
    return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]
