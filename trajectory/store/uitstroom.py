"""The leavers the uitstroom report counts, read from the store as plain `Vertrekker` values."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from trajectory.domain.access import Actor
from trajectory.domain.uitstroommonitor import (
    Cohort,
    Contact,
    Vertrekker,
    categorie_bij_vertrek,
    rapport,
)
from trajectory.store import tables as t
from trajectory.store.queries import visible


def vertrekkers(session: Session, actor: Actor) -> list[Vertrekker]:
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
        )
        .order_by(t.Vastlegging.datum, t.Vastlegging.id)
    )
    for leerling_id, kind, datum, data in rows:
        if kind == "uitstroom":
            uitstroom[leerling_id] = data  # the newest wins
        elif data.get("bestemming_behouden") is not None:
            contacten[leerling_id].append(Contact(datum, bool(data["bestemming_behouden"])))
    return [
        Vertrekker(
            leerling_id=i,
            vertrekdatum=vertrek,
            categorie=categorie_bij_vertrek(
                uitstroom.get(i, {}).get("categorie"), uitstroom.get(i, {}).get("profiel")
            ),
            contacten=tuple(contacten[i]),
        )
        for i, vertrek in sorted(leerlingen.items())
    ]


def uitstroomrapport(session: Session, actor: Actor, op: date) -> list[Cohort]:
    return rapport(vertrekkers(session, actor), op)
