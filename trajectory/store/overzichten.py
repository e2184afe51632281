"""Read-side queries of the overviews: the groepsstage grid, Entree hours, a cohort's flow,
and the choices of the filter forms. Each filtered to what the actor may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from trajectory.domain import uren
from trajectory.domain.access import BEGELEIDERS, Actor, may_see
from trajectory.domain.beleid import beleid_voor
from trajectory.domain.schooljaar import huidige_kalender
from trajectory.domain.snapshot import DAGDELEN
from trajectory.store import tables as t
from trajectory.store.queries import overgangen, visible
from trajectory.store.vandaag import KOLOMMEN, LeerlingRegel, regel


@dataclass(frozen=True)
class Plek:
    nummer: int
    leerling_id: int | None = None  # None: free, or taken by a leerling the actor may not see
    naam: str | None = None
    bezet: bool = False
    boven_capaciteit: bool = False


@dataclass(frozen=True)
class DagdeelBezetting:
    dagdeel: str
    bezet: int
    capaciteit: int
    plekken: tuple[Plek, ...]


def groepsstage_bezetting(
    session: Session, actor: Actor, capaciteit: int
) -> list[DagdeelBezetting]:
    """Every dagdeel with its numbered places; a name only where the actor may see the leerling."""
    rows = session.execute(
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
    bezet: dict[str, dict[int, Plek]] = defaultdict(dict)
    for dagdeel, nummer, leerling_id, naam, begeleider, klas in rows:
        zichtbaar = may_see(actor, begeleider, klas)
        bezet[dagdeel][nummer] = Plek(
            nummer,
            leerling_id if zichtbaar else None,
            naam if zichtbaar else None,
            bezet=True,
            boven_capaciteit=nummer > capaciteit,
        )
    return [
        DagdeelBezetting(
            dagdeel,
            len(bezet[dagdeel]),
            capaciteit,
            tuple(
                bezet[dagdeel].get(nummer, Plek(nummer))
                for nummer in range(1, max([capaciteit, *bezet[dagdeel]]) + 1)
            ),
        )
        for dagdeel in DAGDELEN
    ]


@dataclass(frozen=True)
class EntreeStand:
    leerling: LeerlingRegel
    stand: uren.UrenStand | None  # None: no running Entree placement


def entree_standen(session: Session, actor: Actor, op: date) -> list[EntreeStand]:
    """Every visible leerling in `entree` with their hours against their policy's line; those
    without a running placement first, then those behind the weekly pace, most behind first."""
    rows = session.execute(
        visible(select(*KOLOMMEN), actor)
        .add_columns(
            t.Plaatsing.id.label("plaatsing_id"),
            t.Plaatsing.startdatum,
            t.Leerling.trajectory_version,
        )
        .outerjoin(
            t.Plaatsing,
            (t.Plaatsing.leerling_id == t.Leerling.id)
            & (t.Plaatsing.status == "lopend")
            & (t.Plaatsing.soort == "entree"),
        )
        .where(t.Leerling.state == "entree")
    ).all()
    plaatsingen = [row.plaatsing_id for row in rows if row.plaatsing_id is not None]
    per_plaatsing: dict[int, list[tuple[date, float]]] = defaultdict(list)
    if plaatsingen:
        for plaatsing_id, datum, data in session.execute(
            select(t.Vastlegging.plaatsing_id, t.Vastlegging.datum, t.Vastlegging.data).where(
                t.Vastlegging.kind == "uren", t.Vastlegging.plaatsing_id.in_(plaatsingen)
            )
        ):
            per_plaatsing[plaatsing_id].append((datum, float(data["uren"])))
    einde = huidige_kalender().einde(op)
    standen = [
        EntreeStand(
            regel(row),
            None
            if row.plaatsing_id is None
            else uren.stand(
                per_plaatsing[row.plaatsing_id],
                start=row.startdatum,
                op=op,
                einde_schooljaar=einde,
                beleid=beleid_voor(row.trajectory_version),
            ),
        )
        for row in rows
    ]
    return sorted(standen, key=_achterstand)


def _achterstand(e: EntreeStand) -> tuple[int, float, str]:
    if e.stand is None:
        return (0, 0.0, e.leerling.naam)
    return (1 if e.stand.achter else 2, e.stand.totaal - e.stand.lijn, e.leerling.naam)


@dataclass(frozen=True)
class Cohort:
    titel: str
    toestanden: tuple[str, ...]  # the current state of each leerling, no names
    stappen: tuple[tuple[str, str, str], ...]  # (trigger, van, naar) in the period


def cohort(
    session: Session,
    actor: Actor,
    *,
    leerjaar: str | None = None,
    klas: str | None = None,
    van: date | None = None,
    tot: date | None = None,
) -> Cohort:
    """Counts only, over the leerlingen the actor may see (the cohort diagram)."""
    query = visible(select(t.Leerling.id), actor)
    if leerjaar:
        query = query.where(t.Leerling.leerjaar == leerjaar)
    if klas:
        query = query.where(t.Leerling.klas == klas)
    ids = query.subquery()
    per_state = session.execute(
        select(t.Leerling.state, func.count())
        .where(t.Leerling.id.in_(select(ids.c.id)))
        .group_by(t.Leerling.state)
    ).all()
    stappen = tuple(
        (trigger, v, n)
        for _, trigger, v, n in overgangen(
            session,
            select(ids.c.id),  # in the database: no list of 30,000 parameters
            van.isoformat() if van else None,
            tot.isoformat() if tot else None,
        )
    )
    toestanden = tuple(state for state, aantal in sorted(per_state) for _ in range(aantal))
    groep = ", ".join(
        x for x in (f"leerjaar {leerjaar}" if leerjaar else "", f"klas {klas}" if klas else "") if x
    )
    periode = f" {van or '…'} t/m {tot or '…'}" if van or tot else ""
    titel = f"Stroom: {groep or 'alle leerlingen'}{periode} ({len(toestanden)})"
    return Cohort(titel, toestanden, stappen)


# one index probe per class (index leerling(klas)) instead of reading every leerling: the
# "loose index scan" PostgreSQL and SQLite do not do by themselves for DISTINCT
ALLE_KLASSEN = text(
    "WITH RECURSIVE k(klas) AS ("
    " SELECT min(klas) FROM leerling"
    " UNION ALL"
    " SELECT (SELECT min(l.klas) FROM leerling l WHERE l.klas > k.klas) FROM k"
    " WHERE k.klas IS NOT NULL"
    ") SELECT klas FROM k WHERE klas IS NOT NULL"
)


def klassen(session: Session, actor: Actor) -> list[str]:
    """The classes of the leerlingen the actor may see (the overview's filter)."""
    if actor.rol in ("teamleider", "systeem"):
        return sorted(session.scalars(ALLE_KLASSEN))
    query = visible(select(t.Leerling.klas).distinct(), actor).where(t.Leerling.klas.is_not(None))
    return sorted(session.scalars(query))


def begeleiders(session: Session) -> Sequence[tuple[int, str]]:
    """The active stagebegeleiders, for a filter or to assign imported leerlingen to."""
    return session.execute(
        select(t.Gebruiker.id, t.Gebruiker.naam)
        .where(t.Gebruiker.rol.in_(BEGELEIDERS), t.Gebruiker.actief)
        .order_by(t.Gebruiker.naam)
    ).all()
