"""AVG: everything held about one leerling (inzageverzoek), and about one praktijkbegeleider.

`LEERLING_TABELLEN` names every table that holds rows about a leerling and how to find them.
A test walks the SQLAlchemy metadata and fails when a table with a foreign key to `leerling`
(or to one of these tables) is missing here, so a new table cannot slip past the export.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table, select
from sqlalchemy.orm import Session

from trajectory.domain.access import Actor
from trajectory.domain.auditketen import jsonable
from trajectory.domain.clock import Clock
from trajectory.store import tables as t
from trajectory.store.repository import append_audit
from trajectory.usecases.bewaartermijn import PRAKTIJKBEGELEIDER_GEWIST, PRAKTIJKBEGELEIDER_TRIGGERS
from trajectory.usecases.fouten import LeerlingNotFound, PraktijkbegeleiderNotFound

# table -> (column that points at the leerling, or at a row of the table named second)
LEERLING_TABELLEN: dict[str, tuple[str, str]] = {
    "leerling": ("id", "leerling"),
    "plaatsing": ("leerling_id", "leerling"),
    "vastlegging": ("leerling_id", "leerling"),
    "melding": ("leerling_id", "leerling"),
    "herinnering": ("leerling_id", "leerling"),
    "audit_event": ("leerling_id", "leerling"),  # no foreign key: the trail outlives a row
    "audit_payload": ("event_id", "audit_event"),
    "groepsstage_plek": ("plaatsing_id", "plaatsing"),
    "groepsstage_wachtlijst": ("leerling_id", "leerling"),  # no free text: nothing to erase
    "verzorger": ("leerling_id", "leerling"),  # ended contacts too
    # personal links (issue #18): the token only as its hash, the browsers that opened one
    "link": ("leerling_id", "leerling"),
    "link_intrekking": ("link_id", "link"),
    "link_sessie": ("link_id", "link"),
    # the stage-overeenkomst (issue #18): each signed PDF and scan itself, base64 in the JSON
    "overeenkomst_document": ("leerling_id", "leerling"),
    "overeenkomst_scan": ("leerling_id", "leerling"),
    "overeenkomst_handtekening": ("leerling_id", "leerling"),
}
EXPORT_SOORT = "avg_export"


LeerlingOnbekend = LeerlingNotFound  # the name the CLI catches


def _tabel(naam: str) -> Table:
    return t.Base.metadata.tables[naam]


def _waarde_van(v: Any) -> Any:
    if isinstance(v, date | datetime):
        return v.isoformat()
    if isinstance(v, bytes):  # a signed PDF or a scan (issue #18): the file itself
        return {"base64": base64.b64encode(v).decode("ascii")}
    return v


def _rij(row: Any) -> dict[str, Any]:
    return {k: _waarde_van(v) for k, v in row._mapping.items()}


def _ids(rijen: list[dict[str, Any]], kolom: str = "id") -> list[Any]:
    return [r[kolom] for r in rijen]


def gegevens(session: Session, leerling_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row about the leerling, per table, in `LEERLING_TABELLEN` order (parents first)."""
    uit: dict[str, list[dict[str, Any]]] = {}
    for naam, (kolom, ouder) in LEERLING_TABELLEN.items():
        tabel = _tabel(naam)
        sleutels = [leerling_id] if ouder == "leerling" else _ids(uit[ouder])
        col: Column[Any] = tabel.c[kolom]
        query = select(tabel).where(col.in_(sleutels)).order_by(*tabel.primary_key.columns)
        uit[naam] = [_rij(r) for r in session.execute(query)]
    if not uit["leerling"]:
        raise LeerlingOnbekend(leerling_id)
    return uit


def exporteer(session: Session, leerling_id: int, actor: Actor, clock: Clock) -> dict[str, Any]:
    """The export of an inzageverzoek, audited in the same transaction (caller commits)."""
    inhoud = gegevens(session, leerling_id)
    event = append_audit(
        session, tijd=clock.now(), actor=actor, soort=EXPORT_SOORT, leerling_id=leerling_id
    )
    return jsonable(
        {
            "leerling_id": leerling_id,
            "gemaakt": clock.now().isoformat(),
            "gemaakt_door": {"id": actor.id, "rol": actor.rol},
            "audit_event": event.id,
            "tabellen": inhoud,
        }
    )


# a praktijkbegeleider (issue #17): their row, their company, the placements that name them
# (without the leerling: someone else's data) and the register's trail about them
PLAATSING_VOOR_PRAKTIJKBEGELEIDER = (
    "id", "stagebedrijf_id", "soort", "status", "startdatum", "einddatum", "vervallen",
)  # fmt: skip
PRAKTIJKBEGELEIDER_INZAGE = "praktijkbegeleider_inzage"  # the export's trigger
OVER_PRAKTIJKBEGELEIDER = (
    *PRAKTIJKBEGELEIDER_TRIGGERS, PRAKTIJKBEGELEIDER_GEWIST, PRAKTIJKBEGELEIDER_INZAGE,
)  # fmt: skip


def praktijkbegeleider_gegevens(session: Session, pb_id: int) -> dict[str, list[dict[str, Any]]]:
    """Everything held about one praktijkbegeleider, per table."""
    pb = session.execute(
        select(_tabel("praktijkbegeleider")).where(t.Praktijkbegeleider.id == pb_id)
    )
    rijen = [_rij(r) for r in pb]
    if not rijen:
        raise PraktijkbegeleiderNotFound(pb_id)
    bedrijf = select(t.Stagebedrijf.id, t.Stagebedrijf.naam).where(
        t.Stagebedrijf.id == rijen[0]["stagebedrijf_id"]
    )
    plaatsingen = select(*(getattr(t.Plaatsing, k) for k in PLAATSING_VOOR_PRAKTIJKBEGELEIDER))
    events = (
        select(t.AuditEvent, t.AuditPayload.payload)
        .join(t.AuditPayload, t.AuditPayload.event_id == t.AuditEvent.id)
        .where(t.AuditEvent.trigger.in_(OVER_PRAKTIJKBEGELEIDER))
        .order_by(t.AuditEvent.id)
    )
    over_pb = [
        (e, p) for e, p in session.execute(events) if p.get("praktijkbegeleider_id") == pb_id
    ]
    return {
        "praktijkbegeleider": rijen,
        "stagebedrijf": [_rij(r) for r in session.execute(bedrijf)],
        "plaatsing": [
            _rij(r)
            for r in session.execute(
                plaatsingen.where(t.Plaatsing.praktijkbegeleider_id == pb_id).order_by(
                    t.Plaatsing.id
                )
            )
        ],
        "audit_event": [
            {c.key: _waarde(getattr(e, c.key)) for c in t.AuditEvent.__table__.columns}
            for e, _ in over_pb
        ],
        "audit_payload": [{"event_id": e.id, "payload": p} for e, p in over_pb],
    }


def _waarde(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date | datetime) else v


def exporteer_praktijkbegeleider(
    session: Session, pb_id: int, actor: Actor, clock: Clock
) -> dict[str, Any]:
    """The export of a praktijkbegeleider's inzageverzoek, audited in the same transaction
    (caller commits)."""
    inhoud = praktijkbegeleider_gegevens(session, pb_id)
    event = append_audit(
        session,
        tijd=clock.now(),
        actor=actor,
        soort=EXPORT_SOORT,
        leerling_id=None,
        trigger=PRAKTIJKBEGELEIDER_INZAGE,
        payload={"praktijkbegeleider_id": pb_id},
    )
    return jsonable(
        {
            "praktijkbegeleider_id": pb_id,
            "gemaakt": clock.now().isoformat(),
            "gemaakt_door": {"id": actor.id, "rol": actor.rol},
            "audit_event": event.id,
            "tabellen": inhoud,
        }
    )
