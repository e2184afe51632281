"""Loading a leerling for a use case: only if the actor may see it, and as the snapshot the
guards judge (with the policy of its trajectory version, and the groepsstage occupancy when a
guard of the next steps reads it)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from trajectory.domain.access import Actor, may_see
from trajectory.domain.beleid import beleid_voor
from trajectory.domain.snapshot import Handtekening, Plaatsing, Record, Snapshot
from trajectory.guards.bedrijf import LEZEN_BEDRIJFSBEZETTING
from trajectory.guards.groepsstage import LEZEN_BEZETTING
from trajectory.machines.versies import definitie
from trajectory.store import bedrijven as bedrijvenstore
from trajectory.store import overeenkomst as overeenkomststore
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases.fouten import LeerlingNotFound


def zichtbare_leerling(
    session: Session, leerling_id: int, actor: Actor, *, lock: bool = False
) -> t.Leerling:
    """The leerling if this actor may see it, else LeerlingNotFound; `lock` as in
    `repository.get_leerling` (for a use case that writes)."""
    leerling = repo.get_leerling(session, leerling_id, lock=lock)
    if leerling is None or not may_see(actor, leerling.stagebegeleider_id, leerling.klas):
        raise LeerlingNotFound(leerling_id)
    return leerling


def met_handtekeningen(session: Session, snapshot: Snapshot) -> Snapshot:
    """The snapshot with the contract's signatures as stored now (issue #18): one query, for
    a leerling with placements. A record stored in this transaction may have made rows (a
    ticked box), so a snapshot built before it is read again here."""
    if not snapshot.plaatsingen:
        return snapshot
    return replace(snapshot, handtekeningen=overeenkomststore.handtekeningen(session, snapshot.id))


def snapshot_van(
    session: Session,
    leerling: t.Leerling,
    *,
    records: tuple[Record, ...] | None = None,
    plaatsingen: tuple[Plaatsing, ...] | None = None,
    bezetting: bool | None = None,
    handtekeningen: tuple[Handtekening, ...] | None = None,
) -> Snapshot:
    """The leerling as guards see it. `records`, `plaatsingen` and `handtekeningen` (already
    loaded, and known to be unchanged) spare a query each. The groepsstage occupancy (two more)
    and the places taken at the company of the placement about to start (one more) are each
    read when a guard of a step from the leerling's state reads it (`bezetting=None`), always
    (`True`) or never (`False`, re-planning reminders)."""
    versie, state = leerling.trajectory_version, leerling.state
    snapshot = repo.load_snapshot(
        session,
        leerling,
        beleid=beleid_voor(versie),
        bezetting=leest_bezetting(versie, state) if bezetting is None else bezetting,
        records=records,
        plaatsingen=plaatsingen,
    )
    if handtekeningen is None:
        snapshot = met_handtekeningen(session, snapshot)
    else:
        snapshot = replace(snapshot, handtekeningen=handtekeningen)
    if bezetting is None:
        bezetting = leest_bezetting(versie, state, LEZEN_BEDRIJFSBEZETTING)
    plaatsing = snapshot.geplande_plaatsing
    if bezetting and plaatsing is not None and plaatsing.stagebedrijf_id is not None:
        bezet = bedrijvenstore.lopende_plaatsingen_bij(
            session, plaatsing.stagebedrijf_id, behalve_leerling=leerling.id
        )
        snapshot = replace(snapshot, bedrijf_bezet=bezet)
    return snapshot


def leest_bezetting(versie: str, state: str, lezers: frozenset[str] = LEZEN_BEZETTING) -> bool:
    """Whether a guard of a step from `state` reads the groepsstage occupancy (or, with
    `lezers`, what those guards read)."""
    return any(lezers.intersection(o.guards) for o in definitie(versie).transitions_from(state))
