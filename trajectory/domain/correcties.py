"""Which steps already taken a correction would have blocked (DOMAIN.md, Corrections and intake).

A correction never moves the state back. Each step the leerling took is judged again, on the
day it was taken, with the history before and after the correction: a guard that passed then
and fails now names a step the correction invalidates. Comparing the two histories (instead of
judging the step on its own) leaves out what has changed since for other reasons — a placement
that has ended, hours of later weeks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from trajectory.domain.snapshot import Snapshot
from trajectory.guards import Verdict, judge_all
from trajectory.machines import TRIGGER_LABELS, Overgang
from trajectory.machines.versies import definitie


@dataclass(frozen=True)
class GenomenStap:
    """A step from the audit trail: which edge, on which day."""

    trigger: str
    van: str
    naar: str
    op: date


@dataclass(frozen=True)
class OngeldigeStap:
    trigger: str
    op: date
    guards: tuple[str, ...]  # those that held then and fail now
    redenen: tuple[str, ...]

    @property
    def label(self) -> str:
        return TRIGGER_LABELS.get(self.trigger, self.trigger)

    def as_dict(self) -> dict[str, Any]:
        return {
            "trigger": self.trigger,
            "op": self.op.isoformat(),
            "guards": list(self.guards),
            "redenen": list(self.redenen),
        }

    @classmethod
    def uit(cls, data: Mapping[str, Any]) -> OngeldigeStap:
        return cls(
            str(data["trigger"]),
            date.fromisoformat(data["op"]),
            tuple(data["guards"]),
            tuple(data["redenen"]),
        )


def toen_wel_nu_niet(
    guards: Iterable[str], voor: Snapshot, na: Snapshot, op: date
) -> tuple[Verdict, ...]:
    """The verdicts with `na` of the guards that held with `voor` on `op` and fail with `na`:
    what a change of the history (a correction here, an edit in `terugblik`) alone breaks."""
    guards = tuple(guards)
    toen = {v.guard for v in judge_all(guards, voor, op) if v.ok}
    return tuple(v for v in judge_all(guards, na, op) if not v.ok and v.guard in toen)


def overgang_van(versie: str, stap: GenomenStap) -> Overgang | None:
    return next(
        (
            o
            for o in definitie(versie).transitions_from(stap.van)
            if o.trigger == stap.trigger and o.dest == stap.naar
        ),
        None,
    )


def ongeldig_geworden(
    stappen: Iterable[GenomenStap], voor: Snapshot, na: Snapshot
) -> tuple[OngeldigeStap, ...]:
    """The steps whose guards held with `voor` and fail with `na`, with the failing reasons."""
    gevonden = []
    for stap in stappen:
        overgang = overgang_van(na.trajectory_version, stap)
        if overgang is None or not overgang.guards:
            continue
        if nu := toen_wel_nu_niet(overgang.guards, voor, na, stap.op):
            gevonden.append(
                OngeldigeStap(
                    stap.trigger,
                    stap.op,
                    tuple(v.guard for v in nu),
                    tuple(v.reden or "" for v in nu),
                )
            )
    return tuple(gevonden)


def nog_ongeldig(
    gemeld: Sequence[OngeldigeStap], stappen: Iterable[GenomenStap], nu: Snapshot
) -> tuple[OngeldigeStap, ...]:
    """The flagged steps whose flagged guards still fail with today's history (a later
    correction may have mended them), with their reasons now; the leerling page's warning."""
    per_stap = {(s.trigger, s.op): s for s in stappen}
    blijft: dict[tuple[str, date], OngeldigeStap] = {}
    for melding in gemeld:
        stap = per_stap.get((melding.trigger, melding.op))
        if stap is None or (melding.trigger, melding.op) in blijft:
            continue
        falend = [v for v in judge_all(melding.guards, nu, stap.op) if not v.ok]
        if falend:
            blijft[(melding.trigger, melding.op)] = OngeldigeStap(
                melding.trigger,
                melding.op,
                tuple(v.guard for v in falend),
                tuple(v.reden or "" for v in falend),
            )
    return tuple(blijft.values())
