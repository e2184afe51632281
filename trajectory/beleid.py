"""The school's configurable policy parameters, read once from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache

from trajectory.snapshot import Beleid

ENV = {
    "TRAJECTORY_MAX_FIETSAFSTAND_KM": "max_fietsafstand_km",
    "TRAJECTORY_ONDERWIJSUREN_PER_WEEK": "onderwijsuren_per_week",
}


def beleid_uit(environ: Mapping[str, str]) -> Beleid:
    waarden = {veld: float(environ[naam]) for naam, veld in ENV.items() if environ.get(naam)}
    return Beleid(**waarden)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def huidig_beleid() -> Beleid:
    return beleid_uit(os.environ)
