"""AVG: everything held about one leerling (inzageverzoek), and erasing it after retention.

`LEERLING_TABELLEN` names every table that holds rows about a leerling and how to find them.
A test walks the SQLAlchemy metadata and fails when a table with a foreign key to `leerling`
(or to one of these tables) is missing here, so a new table cannot slip past the export.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table, select
from sqlalchemy.orm import Session

from trajectory.domain.access import Actor
from trajectory.domain.auditketen import jsonable
from trajectory.domain.clock import Clock
from trajectory.store import tables as t
from trajectory.store.repository import append_audit
from trajectory.usecases.fouten import LeerlingNotFound

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
}
EXPORT_SOORT = "avg_export"


LeerlingOnbekend = LeerlingNotFound  # the name the CLI catches


def _tabel(naam: str) -> Table:
    return t.Base.metadata.tables[naam]


def _rij(row: Any) -> dict[str, Any]:
    return {
        k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in row._mapping.items()
    }


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
