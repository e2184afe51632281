"""Finding a company for a leerling in `stage_zoeken` (issue #17, *Finding a company*): the
distance from home, how well a company fits, and the kandidaat list (companies contacted).

Pure: plain values in, plain values out. The store finds the companies that pass the hard
filters (status actief, a sector of the leerling, not the company of a recent uitval) and counts
their places in one query; `usecases/stagezoeken.py` applies the erkenning and capacity rules of
`domain/bedrijven.py` and sorts by `passing`.

The kandidaat list is history, not a row changed in place (DOMAIN.md, Corrections): every
contact and every change of its status is a `kandidaat` record; a candidate's status now is its
newest record. A record typed wrong is corrected or voided like any other.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from trajectory.domain.snapshot import SECTOREN, Snapshot

# the way a search with a company goes (DOMAIN.md, stage_zoeken: "kennismakingsgesprek")
KANDIDAAT_STATUSSEN: dict[str, str] = {
    "benaderd": "benaderd",
    "kennismaking_gepland": "kennismakingsgesprek gepland",
    "kennismaking_gehouden": "kennismakingsgesprek gehouden",
    "geaccepteerd": "geaccepteerd (wordt de stage)",
    "afgewezen": "afgewezen",
    "teruggetrokken": "teruggetrokken",
}
AFGESLOTEN = ("geaccepteerd", "afgewezen", "teruggetrokken")  # a search with it has ended
GEACCEPTEERD = "geaccepteerd"
# an uitval at a company this recent keeps the company out of the leerling's matches and
# marks it on the register's list (usecases/bedrijfsoverzicht.py): a year back from today, so
# the mark does not vanish on 1 August
RECENTE_UITVAL = timedelta(days=365)
# The detour factor from a straight line (haversine) to the way by road or cycle path, an
# estimate (no routing service is available to the school's server). Ballou, Rahardja and Sakai
# (2002, "Selected country circuity factors for road travel distance estimation") measured road
# circuity of roughly 1.2-1.5 in several countries; CROW's Ontwerpwijzer fietsverkeer aims at a
# detour factor (omrijfactor) of at most 1.2 on cycle routes. 1.3 sits between a good cycle
# network and an ordinary road network; the page says "ongeveer". Not checked against routes.
OMRIJFACTOR = 1.3
AARDSTRAAL_KM = 6371.0088  # mean Earth radius (IUGG)
# the fit's weights: the sector first, then the distance, then a trained praktijkbegeleider
PUNTEN_DEFINITIEVE_SECTOR = 40
PUNTEN_NOA_SECTOR = 20
PUNTEN_AFSTAND = 20  # at 0 km; falls to 0 at the fietsafstand limit
PUNTEN_BUITEN_FIETSAFSTAND = -20
PUNTEN_OPGELEID = 10


def hemelsbreed_km(van: tuple[float, float], naar: tuple[float, float]) -> float:
    """The great-circle distance (haversine) between two (breedtegraad, lengtegraad) points."""
    b1, l1, b2, l2 = map(math.radians, (*van, *naar))
    a = math.sin((b2 - b1) / 2) ** 2 + math.cos(b1) * math.cos(b2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * AARDSTRAAL_KM * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Afstand:
    """How far a company is from the leerling's home, and where that figure comes from:
    `berekend` (coordinates × OMRIJFACTOR), `getypt` (the fietsafstand typed on an earlier
    placement of this leerling there) or unknown (`km` None)."""

    km: float | None
    bron: str | None = None

    @property
    def tekst(self) -> str:
        if self.km is None:
            return "onbekend"
        km = f"{self.km:.1f}".replace(".", ",")
        return f"ongeveer {km} km" if self.bron == "berekend" else f"{km} km (eerder ingevuld)"


def afstand(
    thuis: tuple[float | None, float | None],
    bedrijf: tuple[float | None, float | None],
    getypt_km: float | None = None,
) -> Afstand:
    """Computed where both have coordinates, else the typed fietsafstand, else unknown."""
    if None not in thuis and None not in bedrijf:
        km = hemelsbreed_km(thuis, bedrijf) * OMRIJFACTOR  # type: ignore[arg-type]
        return Afstand(round(km, 1), "berekend")
    if getypt_km is not None:
        return Afstand(getypt_km, "getypt")
    return Afstand(None)


def sectoren_van(snapshot: Snapshot) -> tuple[str, ...]:
    """The leerling's sectors, the chosen (definitieve) one first, then the two of the newest
    Noa interessetest."""
    noa = snapshot.laatste("noa_test")
    gevonden = [snapshot.definitieve_sector, *(noa.data.get("sectoren", ()) if noa else ())]
    return tuple(dict.fromkeys(s for s in gevonden if s in SECTOREN))


def passing(
    *,
    in_gekozen_sector: bool,
    in_noa_sector: bool,
    afstand_km: float | None,
    limiet_km: float,
    opgeleid: bool,
) -> tuple[int, tuple[str, ...]]:
    """How well a company fits (higher is better) and why, in Dutch, for the page: whether it
    works in the leerling's chosen (definitieve) sector, or in a sector of the Noa test."""
    punten, redenen = 0, []
    if in_gekozen_sector:
        punten += PUNTEN_DEFINITIEVE_SECTOR
        redenen.append("in de gekozen sector")
    elif in_noa_sector:
        punten += PUNTEN_NOA_SECTOR
        redenen.append("in een sector van de Noa-test")
    if afstand_km is not None:
        if afstand_km <= limiet_km:
            punten += round(PUNTEN_AFSTAND * (1 - afstand_km / limiet_km)) if limiet_km else 0
            redenen.append("binnen fietsafstand")
        else:
            punten += PUNTEN_BUITEN_FIETSAFSTAND
            redenen.append("verder dan de fietsafstand")
    if opgeleid:
        punten += PUNTEN_OPGELEID
        redenen.append("praktijkbegeleider opgeleid")
    return punten, tuple(redenen)


@dataclass(frozen=True)
class Stap:
    """One record of a candidate: its status from `datum` on."""

    record_id: int | None
    datum: date
    status: str
    gesprek_op: date | None
    notitie: str
    door_id: int | None = None


@dataclass(frozen=True)
class Kandidaat:
    stagebedrijf_id: int
    stappen: tuple[Stap, ...]  # oldest first; the last one is the status now

    @property
    def nu(self) -> Stap:
        return self.stappen[-1]

    @property
    def afgesloten(self) -> bool:
        return self.nu.status in AFGESLOTEN


def _stap(record_id: int | None, datum: date, data: Mapping[str, Any], door: int | None) -> Stap:
    gesprek = data.get("gesprek_op")
    return Stap(
        record_id,
        datum,
        data["status"],
        date.fromisoformat(gesprek) if gesprek else None,
        data.get("notitie", ""),
        door,
    )


def kandidaten(
    records: Iterable[tuple[int | None, date, Mapping[str, Any], int | None]],
) -> list[Kandidaat]:
    """The candidates from their current records (record id, datum, data, door), in order
    of recording: open ones first, then by their first contact."""
    per_bedrijf: dict[int, list[Stap]] = {}
    for record_id, datum, data, door in records:
        per_bedrijf.setdefault(int(data["stagebedrijf_id"]), []).append(
            _stap(record_id, datum, data, door)
        )
    lijst = [
        Kandidaat(bedrijf, tuple(sorted(stappen, key=lambda s: (s.datum, s.record_id or 0))))
        for bedrijf, stappen in per_bedrijf.items()
    ]
    return sorted(lijst, key=lambda k: (k.afgesloten, k.stappen[0].datum, k.stagebedrijf_id))


def kandidaat_fout(snapshot: Snapshot, data: Mapping[str, Any]) -> tuple[str, str] | None:
    """(field, Dutch reason) when this kandidaat record does not follow from the candidate's
    status now: a new contact with a company already on the open list, or a change to a
    search that has ended (a new try starts again at `benaderd`)."""
    eerder = snapshot.laatste("kandidaat", stagebedrijf_id=data["stagebedrijf_id"])
    if eerder is None:
        return None
    if eerder.data["status"] in AFGESLOTEN:
        if data["status"] == "benaderd":  # a new try with the same company
            return None
        klaar = KANDIDAAT_STATUSSEN[eerder.data["status"]]
        return "status", (
            f"Het contact met dit bedrijf is afgesloten ({klaar}); een nieuw contact begint "
            "weer bij 'benaderd'."
        )
    if data["status"] == eerder.data["status"] == "benaderd":
        return "stagebedrijf_id", "Dit bedrijf staat al op de lijst van benaderde bedrijven."
    return None
