"""Which policy numbers hold: the one place they are resolved.

A number is, in this order: the default of `Beleid` (domain/snapshot.py, the only place it is
written), then the school's environment override where one exists (`ENV`, for the few numbers a
school sets for itself rather than its stagebeleidsplan), then the leerling's trajectory version
(`machines/versies.py`), which wins: a leerling is judged by the rules of the version it runs on.
Nothing else reads these numbers from the environment or builds a `Beleid` of its own.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import cache, lru_cache

from trajectory.domain.schooljaar import huidige_kalender
from trajectory.domain.snapshot import Beleid
from trajectory.machines.versies import Definitie, definitie, versie_voor_schooljaar

ENV = {
    "TRAJECTORY_MAX_FIETSAFSTAND_KM": "max_fietsafstand_km",
    "TRAJECTORY_ONDERWIJSUREN_PER_WEEK": "onderwijsuren_per_week",
    "TRAJECTORY_WACHTLIJST_DAGEN": "wachtlijst_dagen_vasthouden",
}


def beleid_uit(environ: Mapping[str, str]) -> Beleid:
    waarden = {veld: float(environ[naam]) for naam, veld in ENV.items() if environ.get(naam)}
    return Beleid(**waarden)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def _omgeving() -> Beleid:
    return beleid_uit(os.environ)


def beleid_van(versie: Definitie) -> Beleid:
    """The policy of a trajectory version: its own parameters win over the environment."""
    return replace(_omgeving(), **versie.beleid)  # type: ignore[arg-type]


@cache
def beleid_voor(versie: str) -> Beleid:
    """The policy of a leerling on trajectory version `versie` (see the module docstring)."""
    return beleid_van(definitie(versie))


def versie_op(op: date) -> str:
    """The trajectory version of the school year `op` lies in (a new leerling starts on it)."""
    return versie_voor_schooljaar(huidige_kalender().schooljaar(op).naam)


def beleid_op(op: date) -> Beleid:
    """The policy of the version of the school year `op` lies in: for what belongs to the
    school rather than to one leerling (the groepsstage grid, the waiting list's offers)."""
    return beleid_voor(versie_op(op))
