"""The school's configurable policy parameters, read once from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from functools import cache, lru_cache

from trajectory.domain.snapshot import Beleid
from trajectory.machines.versies import Definitie, definitie

ENV = {
    "TRAJECTORY_MAX_FIETSAFSTAND_KM": "max_fietsafstand_km",
    "TRAJECTORY_ONDERWIJSUREN_PER_WEEK": "onderwijsuren_per_week",
    "TRAJECTORY_WACHTLIJST_DAGEN": "wachtlijst_dagen_vasthouden",
}


def beleid_uit(environ: Mapping[str, str]) -> Beleid:
    waarden = {veld: float(environ[naam]) for naam, veld in ENV.items() if environ.get(naam)}
    return Beleid(**waarden)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def huidig_beleid() -> Beleid:
    return beleid_uit(os.environ)


def beleid_van(versie: Definitie) -> Beleid:
    """The school's policy as a trajectory version sets it: the version's own parameters win
    over the environment (a leerling is judged by the rules of the version it runs on)."""
    return replace(huidig_beleid(), **versie.beleid)  # type: ignore[arg-type]


@cache
def beleid_voor(versie: str) -> Beleid:
    return beleid_van(definitie(versie))
