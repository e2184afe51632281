"""A changed leerling does not rewrite history (issue #16): an edit is recorded, and when a step
already taken would now be refused with the new data, the leerling page says which.

Each past step is judged again on the leerling as it then stood (its state before the step, the
records dated up to that day, the placement it started still planned), once with the data as
they were at the time and once with the data as they are now; a guard that passed then, passes
with the old data and fails with the new is the warning. Judging both on the same
reconstruction means only the edit can make the difference, not what the reconstruction misses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from trajectory.domain.correcties import toen_wel_nu_niet
from trajectory.domain.snapshot import GELOPEN, Plaatsing, Snapshot
from trajectory.machines import TRIGGER_LABELS

# the leerling's fields a guard reads, and how an audit payload's value becomes one again
GUARD_VELDEN: dict[str, Callable[[Any], Any]] = {
    "geboortedatum": date.fromisoformat,
    "leerjaar": str,
    "stage_ondersteuning": bool,
}


@dataclass(frozen=True)
class EerdereStap:
    """An accepted step from the audit trail: when, which, from where, the guards it passed."""

    volgnummer: int  # the audit event's id: the order of the trail
    op: date  # the school day it was taken
    trigger: str
    van: str
    geslaagd: tuple[str, ...]


@dataclass(frozen=True)
class EerdereWijziging:
    """One field of an audited edit: when, which field, its value before."""

    volgnummer: int
    veld: str
    oud: Any


def nu_geweigerd(
    nu: Snapshot, stappen: Iterable[EerdereStap], wijzigingen: Sequence[EerdereWijziging]
) -> list[str]:
    """The Dutch warnings, one per guard of a past step that the edits would now make fail."""
    result = []
    for stap in stappen:
        toen = _waarden_toen(stap.volgnummer, wijzigingen)
        if not toen:
            continue
        nieuw = _zoals_toen(nu, stap)
        oud = replace(nieuw, **toen)
        result += [
            f"'{TRIGGER_LABELS.get(stap.trigger, stap.trigger)}' van {stap.op:%d-%m-%Y} zou "
            f"met de gewijzigde gegevens nu worden geweigerd: {verdict.reden}"
            for verdict in toen_wel_nu_niet(stap.geslaagd, oud, nieuw, stap.op)
        ]
    return result


def _waarden_toen(volgnummer: int, wijzigingen: Sequence[EerdereWijziging]) -> dict[str, Any]:
    """The guard-read fields edited after that event, with their value at that time (the
    old value of the first edit after it)."""
    toen: dict[str, Any] = {}
    for w in sorted(wijzigingen, key=lambda w: w.volgnummer):
        if w.volgnummer > volgnummer and w.veld in GUARD_VELDEN and w.veld not in toen:
            toen[w.veld] = GUARD_VELDEN[w.veld](w.oud)
    return toen


def _zoals_toen(nu: Snapshot, stap: EerdereStap) -> Snapshot:
    return replace(
        nu,
        state=stap.van,
        records=tuple(r for r in nu.records if r.datum <= stap.op),
        plaatsingen=_plaatsingen_toen(nu.plaatsingen, stap),
    )


def _plaatsingen_toen(plaatsingen: Sequence[Plaatsing], stap: EerdereStap) -> tuple[Plaatsing, ...]:
    """The placements before the step: one starting later was still planned; the one a
    `stage_starten` started (the walked placement starting nearest the step) too."""
    gestart = None
    if stap.trigger == "stage_starten":
        gelopen = [p for p in plaatsingen if p.status in GELOPEN]
        if gelopen:
            gestart = min(gelopen, key=lambda p: abs((p.startdatum - stap.op).days)).id
    return tuple(
        p._replace(status="gepland")
        if p.id == gestart or (p.status in GELOPEN and p.startdatum > stap.op)
        else p
        for p in plaatsingen
    )
