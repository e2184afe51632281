"""The leavers the uitstroom report counts, read from the store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trajectory.domain.actor import Actor
from trajectory.domain.uitstroommonitor import Contact
from trajectory.store import tables as t
from trajectory.store.queries import visible


@dataclass(frozen=True)
class Vertrek:
    leerling_id: int
    vertrekdatum: date
    uitstroom: Mapping[str, Any]  # the newest `uitstroom` record's data ({} without one)
    contacten: tuple[Contact, ...]


def vertrekkers(session: Session, actor: Actor) -> list[Vertrek]:
    """Every leerling the actor may see who has left (a leaving date set by `uitstromen`)."""
    leerlingen = dict(
        session.execute(
            visible(select(t.Leerling.id, t.Leerling.vertrekdatum), actor).where(
                t.Leerling.vertrekdatum.is_not(None)
            )
        ).all()
    )
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
