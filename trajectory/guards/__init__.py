"""Every guard of DOMAIN.md, one module per theme; importing this package registers them."""

from trajectory.guards import (  # noqa: F401  (registration by import)
    advies,
    arbeidstijden,
    bedrijf,
    dagbesteding,
    entree,
    groepsstage,
    nazorg,
    overeenkomst,
    periodes,
    plaatsing,
    routes,
    uitval,
    voorbereiding,
)
from trajectory.guards.verdict import GUARDS, ROUTES, Verdict, judge, judge_all

__all__ = ["GUARDS", "ROUTES", "Verdict", "judge", "judge_all"]
