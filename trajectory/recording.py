"""Recording facts about leerlingen: new leerlingen, placements and records, each audited.

Records do not change the state; triggers do (engine.advance). Like advance, every
function here is one unit of work: checked, written and audited, or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trajectory.access import Actor, may_create_leerling, may_record, may_see
from trajectory.clock import Clock, today
from trajectory.engine import LeerlingNotFound, NotPermitted
from trajectory.machines import INITIAL, VERSION
from trajectory.records import (
    RECORD_KINDS,
    FieldError,
    PlaatsingIn,
    plaatsing_for,
    record_data,
)
from trajectory.snapshot import Record
from trajectory.store import repository as repo
from trajectory.store import tables as t

LEERJAREN = ("1", "2", "3", "4", "5", "entree")


@dataclass(frozen=True)
class NieuweLeerling:
    naam: str
    geboortedatum: date
    leerjaar: str
    klas: str | None = None
    stagebegeleider_id: int | None = None
    stage_ondersteuning: bool = False


def create_leerling(
    sessions: sessionmaker[Session], nieuw: NieuweLeerling, *, actor: Actor, clock: Clock
) -> int:
    if not may_create_leerling(actor):
        raise NotPermitted("Met jouw rol kun je geen leerlingen toevoegen.")
    begeleider = nieuw.stagebegeleider_id
    if begeleider is None and actor.rol != "teamleider":
        begeleider = actor.id
    moment = clock.now()
    with sessions.begin() as session:
        if begeleider is not None:
            gebruiker = session.get(t.Gebruiker, begeleider)
            if (
                gebruiker is None
                or not gebruiker.actief
                or gebruiker.rol not in ("stagebegeleider", "stage_ondersteuningsbegeleider")
            ):
                raise FieldError("stagebegeleider_id", "is geen (actieve) stagebegeleider")
        leerling = t.Leerling(
            naam=nieuw.naam,
            geboortedatum=nieuw.geboortedatum,
            leerjaar=nieuw.leerjaar,
            klas=nieuw.klas,
            state=INITIAL,
            version=1,
            trajectory_version=VERSION,
            stagebegeleider_id=begeleider,
            stage_ondersteuning=nieuw.stage_ondersteuning,
            aangemaakt=moment,
        )
        session.add(leerling)
        session.flush()
        repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort="aanmelding",
            leerling_id=leerling.id,
            naar=leerling.state,
            payload={
                "naam": nieuw.naam,
                "geboortedatum": nieuw.geboortedatum.isoformat(),
                "leerjaar": nieuw.leerjaar,
                "klas": nieuw.klas,
            },
        )
        return leerling.id


def _visible(session: Session, leerling_id: int, actor: Actor) -> t.Leerling:
    leerling = repo.get_leerling(session, leerling_id)
    if leerling is None or not may_see(actor, leerling.stagebegeleider_id, leerling.klas):
        raise LeerlingNotFound(leerling_id)
    return leerling


def add_record(
    sessions: sessionmaker[Session],
    leerling_id: int,
    kind: str,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
) -> int:
    """Validate and store one record; pydantic's ValidationError names a bad field."""
    model_cls = RECORD_KINDS.get(kind)
    if model_cls is None:
        raise LookupError(kind)
    model = model_cls.model_validate(dict(data))
    if not may_record(actor, kind, getattr(model, "soort", None)):
        raise NotPermitted("Met jouw rol kun je dit niet vastleggen.")
    moment, op = clock.now(), today(clock)
    datum = model.datum or op
    if datum > op:
        raise FieldError("datum", "ligt in de toekomst")
    with sessions.begin() as session:
        leerling = _visible(session, leerling_id, actor)
        snapshot = repo.load_snapshot(session, leerling)
        record = Record(
            kind=kind,
            datum=datum,
            data=record_data(model),
            plaatsing_id=plaatsing_for(model, snapshot),
        )
        (row,) = repo.add_records(session, leerling.id, [record], actor, moment)
        repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort="vastlegging",
            leerling_id=leerling.id,
            trigger=kind,
            payload={
                "record_id": row.id,
                "kind": kind,
                "datum": datum.isoformat(),
                "gegevens": dict(record.data),
            },
        )
        return row.id


def add_plaatsing(
    sessions: sessionmaker[Session],
    leerling_id: int,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
) -> int:
    plaatsing = PlaatsingIn.model_validate(dict(data))
    if not may_record(actor, "plaatsing"):
        raise NotPermitted("Met jouw rol kun je geen stageplaats vastleggen.")
    moment = clock.now()
    with sessions.begin() as session:
        leerling = _visible(session, leerling_id, actor)
        velden = plaatsing.model_dump()
        row = t.Plaatsing(leerling_id=leerling.id, soort="gepland", status="gepland", **velden)
        session.add(row)
        session.flush()
        repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort="plaatsing",
            leerling_id=leerling.id,
            trigger="plaatsing_vastleggen",
            payload={"plaatsing_id": row.id, **plaatsing.model_dump(mode="json")},
        )
        return row.id
