"""The register of stagebedrijven and praktijkbegeleiders (issue #17): register, edit, set a
company's status, and name the company of a new placement — each one transaction with its
audit event.

A company's row is its current state (as a leerling's is): an edit is a compare-and-set on the
version the user saw (a stale version is a 409 and writes nothing) with one `bedrijf` audit
event holding each field's old and new value. The trail is the register's history; the
placements at a company are never touched by an edit of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor, may_manage_bedrijven, may_read_bedrijven
from trajectory.domain.bedrijven import (
    PraktijkbegeleiderIn,
    PraktijkbegeleiderWijziging,
    StagebedrijfIn,
    StagebedrijfWijziging,
    StatusIn,
    naam_sleutel,
)
from trajectory.domain.clock import Clock
from trajectory.store import bedrijven as rijen
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import herinneringen
from trajectory.usecases.bedrijfkeuze import AUDIT_SOORT, registreer_in
from trajectory.usecases.fouten import (
    BedrijfGewijzigd,
    BedrijfNotFound,
    FieldError,
    NotPermitted,
    PraktijkbegeleiderNotFound,
    VersionConflict,
)
from trajectory.usecases.motivatie import controleer_reden

PRAKTIJKBEGELEIDER_TOEVOEGEN = "praktijkbegeleider_toevoegen"  # audit triggers, read by the
PRAKTIJKBEGELEIDER_WIJZIGEN = "praktijkbegeleider_wijzigen"  # retention run (bewaartermijn)
GEEN_BEHEER = "Met uw rol kunt u het register van stagebedrijven alleen inzien."
GEEN_INZAGE = "Met uw rol kunt u het register van stagebedrijven niet inzien."


@dataclass(frozen=True)
class Gewijzigd:
    version: int
    wijzigingen: dict[str, dict[str, Any]]  # veld -> {"oud": …, "nieuw": …}, JSON-ready
    event_id: int | None  # None: nothing differed, nothing recorded


def mag_inzien(actor: Actor) -> None:
    if not may_read_bedrijven(actor):
        raise NotPermitted(GEEN_INZAGE)


def _mag_beheren(actor: Actor) -> None:
    if not may_manage_bedrijven(actor):
        raise NotPermitted(GEEN_BEHEER)


def registreer(
    sessions: sessionmaker[Session], data: Mapping[str, Any], *, actor: Actor, clock: Clock
) -> int:
    """A new company in the register; pydantic's ValidationError names a bad field."""
    bedrijf = StagebedrijfIn.model_validate(dict(data))
    _mag_beheren(actor)
    moment = clock.now()
    with sessions.begin() as session:
        return registreer_in(session, bedrijf, actor, moment)


def wijzig(
    sessions: sessionmaker[Session],
    bedrijf_id: int,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
) -> Gewijzigd:
    """Make the company what the form shows; each changed field audited (old and new). A
    new date of the erkenning's check records who checked it."""
    wijziging = StagebedrijfWijziging.model_validate(dict(data))
    _mag_beheren(actor)
    moment = clock.now()
    with sessions.begin() as session:
        bedrijf = _bedrijf(session, bedrijf_id, lock=True)
        if bedrijf.version != wijziging.version:
            raise BedrijfGewijzigd(bedrijf.version)
        nieuw = StagebedrijfIn.model_validate(wijziging.model_dump(exclude={"version", "reden"}))
        wijzigingen = _verschil(bedrijf, nieuw.model_dump(mode="json"))
        if not wijzigingen:
            return Gewijzigd(bedrijf.version, {}, None)
        waarden = {v: getattr(nieuw, v) for v in wijzigingen}
        if "naam" in wijzigingen:
            sleutel = naam_sleutel(nieuw.naam)
            ander = rijen.bedrijf_met_sleutel(session, sleutel)
            if ander is not None and ander.id != bedrijf.id:
                raise FieldError("naam", f"{ander.naam} staat al in het register.")
            waarden["naam_sleutel"] = sleutel
        if "erkenning_gecontroleerd_op" in wijzigingen:
            waarden["erkenning_gecontroleerd_door_id"] = actor.id
        versie = _cas(rijen.werk_bedrijf_bij, session, bedrijf, waarden, wijziging.version)
        if HERPLANNEN.intersection(wijzigingen):
            _herplannen(session, bedrijf.id, moment)
        event = repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort=AUDIT_SOORT,
            leerling_id=None,
            trigger="bedrijf_wijzigen",
            payload={
                "stagebedrijf_id": bedrijf.id,
                "wijzigingen": wijzigingen,
                "reden": wijziging.reden,
            },
        )
        return Gewijzigd(versie, wijzigingen, event.id)


# the company's facts a timer reads (herinneringen: `erkenning_verloopt`)
HERPLANNEN = frozenset({"erkenning_geldig_tot", "erkenning_sectoren"})


def _herplannen(session: Session, bedrijf_id: int, moment: datetime) -> None:
    """Re-plan, in the edit's transaction, the reminders of every leerling running a placement
    at the company (the company's row lock is held: a stage starting there waits)."""
    for leerling_id in rijen.leerlingen_met_lopende_plaatsing_bij(session, bedrijf_id):
        leerling = repo.get_leerling(session, leerling_id)
        assert leerling is not None
        herinneringen.replan(session, leerling, moment)


def zet_status(
    sessions: sessionmaker[Session],
    bedrijf_id: int,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
) -> Gewijzigd:
    """Actief, gepauzeerd or geblokkeerd, with a reason (at least as long as an override's
    motivation) and who set it; a geblokkeerd company gets no new placement."""
    status = StatusIn.model_validate(dict(data))
    _mag_beheren(actor)
    reden = controleer_reden(status.reden)
    moment = clock.now()
    with sessions.begin() as session:
        bedrijf = _bedrijf(session, bedrijf_id, lock=True)
        if bedrijf.version != status.version:
            raise BedrijfGewijzigd(bedrijf.version)
        wijzigingen = {
            "status": {"oud": bedrijf.status, "nieuw": status.status},
            "status_reden": {"oud": bedrijf.status_reden, "nieuw": reden},
        }
        waarden = {
            "status": status.status,
            "status_reden": reden,
            "status_door_id": actor.id,
            "status_sinds": moment,
        }
        versie = _cas(rijen.werk_bedrijf_bij, session, bedrijf, waarden, status.version)
        event = repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort=AUDIT_SOORT,
            leerling_id=None,
            trigger="bedrijf_status",
            payload={"stagebedrijf_id": bedrijf.id, "wijzigingen": wijzigingen},
        )
        return Gewijzigd(versie, wijzigingen, event.id)


def voeg_praktijkbegeleider_toe(
    sessions: sessionmaker[Session],
    bedrijf_id: int,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
) -> int:
    pb = PraktijkbegeleiderIn.model_validate(dict(data))
    _mag_beheren(actor)
    moment = clock.now()
    with sessions.begin() as session:
        bedrijf = _bedrijf(session, bedrijf_id)
        pb_id = rijen.voeg_praktijkbegeleider_toe(session, bedrijf.id, pb.model_dump(), moment)
        repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort=AUDIT_SOORT,
            leerling_id=None,
            trigger=PRAKTIJKBEGELEIDER_TOEVOEGEN,
            payload={"stagebedrijf_id": bedrijf.id, "praktijkbegeleider_id": pb_id},
        )
        return pb_id


def wijzig_praktijkbegeleider(
    sessions: sessionmaker[Session],
    pb_id: int,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
) -> Gewijzigd:
    """A praktijkbegeleider's details; one who left is set inactive, never deleted (their
    placements name them)."""
    wijziging = PraktijkbegeleiderWijziging.model_validate(dict(data))
    _mag_beheren(actor)
    moment = clock.now()
    with sessions.begin() as session:
        pb = rijen.get_praktijkbegeleider(session, pb_id)
        if pb is None:
            raise PraktijkbegeleiderNotFound(pb_id)
        if pb.version != wijziging.version:
            raise BedrijfGewijzigd(pb.version)
        nieuw = wijziging.model_dump(exclude={"version"})
        wijzigingen = _verschil(pb, nieuw)
        if not wijzigingen:
            return Gewijzigd(pb.version, {}, None)
        waarden = {v: nieuw[v] for v in wijzigingen}
        versie = _cas(rijen.werk_praktijkbegeleider_bij, session, pb, waarden, wijziging.version)
        # the personal data's old and new values stay out of the trail (the AVG erases the row,
        # not a hash-chained event): only which fields changed
        event = repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort=AUDIT_SOORT,
            leerling_id=None,
            trigger=PRAKTIJKBEGELEIDER_WIJZIGEN,
            payload={
                "stagebedrijf_id": pb.stagebedrijf_id,
                "praktijkbegeleider_id": pb.id,
                "velden": sorted(wijzigingen),
            },
        )
        return Gewijzigd(versie, wijzigingen, event.id)


def _bedrijf(session: Session, bedrijf_id: int, *, lock: bool = False) -> t.Stagebedrijf:
    bedrijf = rijen.get_bedrijf(session, bedrijf_id, lock=lock)
    if bedrijf is None:
        raise BedrijfNotFound(bedrijf_id)
    return bedrijf


def _verschil(rij: Any, nieuw: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Field -> old and new value, JSON-ready, for each field that differs."""
    uitkomst = {}
    for veld, waarde in nieuw.items():
        oud = getattr(rij, veld)
        oud_json = oud.isoformat() if hasattr(oud, "isoformat") else oud
        if oud_json != waarde:
            uitkomst[veld] = {"oud": oud_json, "nieuw": waarde}
    return uitkomst


def _cas(werk_bij: Any, session: Session, rij: Any, waarden: Mapping[str, Any], versie: int) -> int:
    try:
        return int(werk_bij(session, rij, waarden, versie))
    except VersionConflict as exc:
        raise BedrijfGewijzigd(exc.huidige_versie) from exc
