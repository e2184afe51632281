"""A cohort's flow between phases as plain data (step one of the cohort picture).

How many leerlingen moved from each phase to another in a period: each leerling counted once
per pair of phases, steps inside a phase left out. No names and no ids leave this module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from diagrams import extract
from trajectory.machines.definition import VERSION


@dataclass(frozen=True)
class Stroom:
    titel: str
    fasen: tuple[str, ...]  # all phases, in the machine's order
    nu: tuple[tuple[str, int], ...]  # leerlingen in each phase now
    wissels: tuple[tuple[str, str, int], ...]  # (from phase, to phase, leerlingen), in order


def stroom(
    titel: str,
    toestanden: Iterable[str],
    stappen: Iterable[tuple[int, str, str]],
    versie: str = VERSION,
) -> Stroom:
    """`toestanden`: each leerling's current state; `stappen`: (leerling, van, naar) of the
    period's steps."""
    traject = extract.traject(versie)
    fasen = tuple(fase for fase, _ in traject.fasen)
    fase_van = {state: fase for fase, states in traject.fasen for state in states}
    nu = Counter(fase_van[s] for s in toestanden)
    per_leerling = {
        (leerling, fase_van[van], fase_van[naar])
        for leerling, van, naar in stappen
        if fase_van[van] != fase_van[naar]
    }
    telling = Counter((van, naar) for _, van, naar in per_leerling)
    volgorde = {fase: i for i, fase in enumerate(fasen)}
    wissels = tuple(
        (van, naar, n)
        for (van, naar), n in sorted(
            telling.items(), key=lambda i: (volgorde[i[0][0]], volgorde[i[0][1]])
        )
    )
    return Stroom(titel, fasen, tuple((f, nu.get(f, 0)) for f in fasen), wissels)
