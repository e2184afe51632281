"""The leavers the uitstroom report counts, read from the store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from trajectory.domain.actor import Actor
from trajectory.domain.uitstroommonitor import Bijdrage, Contact
from trajectory.store import tables as t
from trajectory.store.queries import visible


@dataclass(frozen=True)
class Vertrek:
    leerling_id: int
    vertrekdatum: date
    uitstroom: Mapping[str, Any]  # the newest `uitstroom` record's data ({} without one)
    contacten: tuple[Contact, ...]


def vertrekkers(session: Session, actor: Actor, *, leerling_id: int | None = None) -> list[Vertrek]:
    """Every leerling the actor may see who has left (a leaving date set by `uitstromen`) and
    whose data is not erased (those count through `tellingen`); or just the one asked for."""
    query = visible(select(t.Leerling.id, t.Leerling.vertrekdatum), actor).where(
        t.Leerling.vertrekdatum.is_not(None), t.Leerling.gewist.is_(None)
    )
    if leerling_id is not None:
        query = query.where(t.Leerling.id == leerling_id)
    leerlingen = dict(session.execute(query).all())
    uitstroom: dict[int, dict] = {}
    contacten: dict[int, list[Contact]] = defaultdict(list)
    rows = session.execute(
        select(
            t.Vastlegging.leerling_id, t.Vastlegging.kind, t.Vastlegging.datum, t.Vastlegging.data
        )
        .where(
            t.Vastlegging.leerling_id.in_(leerlingen),
            t.Vastlegging.kind.in_(("uitstroom", "nazorg_contact")),
            t.HUIDIG_RECORD,
        )
        .order_by(t.Vastlegging.datum, t.Vastlegging.id)
    )
    for leerling_id, kind, datum, data in rows:
        if kind == "uitstroom":
            uitstroom[leerling_id] = data  # the newest wins
        elif data.get("bestemming_behouden") is not None:
            contacten[leerling_id].append(Contact(datum, bool(data["bestemming_behouden"])))
    return [
        Vertrek(i, vertrek, uitstroom.get(i, {}), tuple(contacten[i]))
        for i, vertrek in sorted(leerlingen.items())
    ]


def tellingen(session: Session) -> list[Bijdrage]:
    """The counts of the erased leavers, school-wide."""
    rows = session.execute(
        select(
            t.UitstroomTelling.cohort,
            t.UitstroomTelling.categorie,
            t.UitstroomTelling.na_1_jaar,
            t.UitstroomTelling.na_2_jaar,
            t.UitstroomTelling.aantal,
        ).order_by(t.UitstroomTelling.id)
    )
    return [Bijdrage(*row) for row in rows]


def tel_bij(session: Session, bijdrage: Bijdrage) -> None:
    """Add to the count of its key, in the caller's transaction (an upsert: two erasures at
    once on PostgreSQL each add theirs)."""
    waarden = {
        "cohort": bijdrage.cohort,
        "categorie": bijdrage.categorie,
        "na_1_jaar": bijdrage.na_1_jaar,
        "na_2_jaar": bijdrage.na_2_jaar,
        "aantal": bijdrage.aantal,
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    insert = dialect.insert(t.UitstroomTelling).values(**waarden)
    stmt: Insert = insert.on_conflict_do_update(
        index_elements=["cohort", "categorie", "na_1_jaar", "na_2_jaar"],
        set_={"aantal": t.UitstroomTelling.aantal + insert.excluded.aantal},
    )
    session.execute(stmt)
