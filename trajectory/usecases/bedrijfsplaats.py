"""A place at the company, claimed race-free when a stage starts (issue #17).

The guard `bedrijf_heeft_plaats` judged the company's places from the snapshot, read without a
lock: two stagebegeleiders starting a stage at the last place at the same moment would both see
it free. So the step that starts a placement at a company locks the company's row (PostgreSQL:
`SELECT … FOR UPDATE`; SQLite serialises writers), counts its running placements again and
judges the same guard on that count, in the step's own transaction: the second waits for the
first to commit, sees its placement running and is refused (the guard's failing verdict,
audited like any refusal), unless a teamleider overrides with a motivation.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from trajectory.domain.snapshot import Snapshot
from trajectory.guards import Verdict
from trajectory.guards.bedrijf import HEEFT_PLAATS
from trajectory.guards.verdict import judge
from trajectory.store import bedrijven as rijen


def plaats_claimen(
    session: Session, snapshot: Snapshot, guards: tuple[str, ...], op: date
) -> Verdict | None:
    """The place guard's verdict on the count under the company's lock, for a step guarded by
    it with a placement at a company about to start; None for any other step. The lock is
    held until the step's transaction ends."""
    plaatsing = snapshot.geplande_plaatsing
    if HEEFT_PLAATS not in guards or plaatsing is None or plaatsing.stagebedrijf_id is None:
        return None
    # the row as committed when the lock is granted (its capacity may have changed since the
    # snapshot was read)
    bedrijf = rijen.get_bedrijf(session, plaatsing.stagebedrijf_id, lock=True)
    if bedrijf is None:
        return None
    bezet = rijen.lopende_plaatsingen_bij(session, bedrijf.id, behalve_leerling=snapshot.id)
    nu = plaatsing._replace(bedrijf_capaciteit=bedrijf.capaciteit)
    plaatsingen = tuple(nu if p.id == plaatsing.id else p for p in snapshot.plaatsingen)
    return judge(HEEFT_PLAATS, replace(snapshot, plaatsingen=plaatsingen, bedrijf_bezet=bezet), op)
