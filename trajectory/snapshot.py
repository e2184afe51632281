"""A plain, immutable picture of one leerling and their records at one moment.

Guards read only this (no ORM, no session): they stay pure and can be tested
with values built by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any

from trajectory.machines.definition import VERSION

SECTOREN: dict[str, str] = {
    "01": "Huishoudelijke zorg",
    "02": "Schoonmaak (productie)",
    "03": "Horeca en Winkel",
    "04": "Groen",
    "05": "Logistiek",
    "06": "Technisch onderhoud",
    "07": "Techniek productie",
    "08": "Voedsel (productie)",
    "09": "Bouw en Infra",
    "10": "Veiligheid en Toezicht",
}

DAGDELEN: tuple[str, ...] = tuple(
    f"{dag}_{deel}" for dag in ("ma", "di", "wo", "do", "vr") for deel in ("ochtend", "middag")
)


@dataclass(frozen=True)
class Beleid:
    """The policy parameters a guard may need (stagebeleidsplan 2024-2025)."""

    minimum_leeftijd_stage: int = 14
    groepsstage_plaatsen_per_dagdeel: int = 5
    max_fietsafstand_km: float = 15.0
    # hours of education the school provides in a week (WVO art. 32: stage at most 80 % of it);
    # 30 keeps the Entree minimum of 21 h/week under 80 %. Configurable per school.
    onderwijsuren_per_week: float = 30.0
    entree_uren_examen: float = 650.0
    perioden_verdieping: int = 3
    praktijkopdrachten_per_periode: int = 2
    nazorg_jaren: int = 2
    # how long a freed groepsstage place is held for the first on the waiting list
    wachtlijst_dagen_vasthouden: float = 5


@dataclass(frozen=True)
class Record:
    """Something recorded about a leerling: a beoordeling, an overleg, a visit, ..."""

    kind: str
    datum: date
    data: Mapping[str, Any]
    plaatsing_id: int | None = None
    id: int | None = None

    @property
    def in_deze_stap(self) -> bool:
        """Recorded together with the trigger being judged (not yet stored)."""
        return self.id is None


@dataclass(frozen=True)
class Plaatsing:
    id: int
    soort: str  # groepsstage | individuele_stage | verdieping | entree | gepland
    status: str  # gepland | lopend | afgerond | afgebroken | vervallen
    bedrijf: str
    sector: str | None
    startdatum: date
    einddatum: date | None
    dagdelen: tuple[str, ...] = ()
    erkend_leerbedrijf: bool = False
    afstand_km: float | None = None
    risicovol: bool = False
    deskundig_toezicht: bool = False
    kassawerk: bool = False
    tillen_10kg: bool = False
    duwen_trekken_20kg: bool = False
    psa: bool = False
    zondag_door_aard: bool = False
    perioden_afgerond: int = 0


@dataclass(frozen=True)
class Snapshot:
    id: int
    geboortedatum: date
    leerjaar: str  # "1".."5" or "entree"
    state: str
    definitieve_sector: str | None = None
    stage_ondersteuning: bool = False
    vertrekdatum: date | None = None
    records: tuple[Record, ...] = ()
    plaatsingen: tuple[Plaatsing, ...] = ()
    groepsstage_bezetting: Mapping[str, int] = field(default_factory=dict)
    beleid: Beleid = field(default_factory=Beleid)
    trajectory_version: str = VERSION

    def leeftijd_op(self, op: date) -> int:
        """Whole years on `op`; a leerling born on 29 February ages on 1 March."""
        verjaard = (op.month, op.day) >= (self.geboortedatum.month, self.geboortedatum.day)
        return op.year - self.geboortedatum.year - (0 if verjaard else 1)

    def wordt(self, leeftijd: int) -> date:
        """The day the leerling turns `leeftijd` (29 February birthdays: 1 March)."""
        try:
            return self.geboortedatum.replace(year=self.geboortedatum.year + leeftijd)
        except ValueError:
            return date(self.geboortedatum.year + leeftijd, 3, 1)

    @cached_property
    def _per_kind(self) -> Mapping[str, tuple[Record, ...]]:
        """The records grouped by kind once (in order), so a guard scans only its kind."""
        groepen: dict[str, list[Record]] = {}
        for r in self.records:
            groepen.setdefault(r.kind, []).append(r)
        return {kind: tuple(lijst) for kind, lijst in groepen.items()}

    def records_van(
        self, kind: str, *, plaatsing_id: int | None = None, **match: Any
    ) -> tuple[Record, ...]:
        return tuple(
            r
            for r in self._per_kind.get(kind, ())
            if (plaatsing_id is None or r.plaatsing_id == plaatsing_id)
            and all(r.data.get(k) == v for k, v in match.items())
        )

    def laatste(self, kind: str, *, plaatsing_id: int | None = None, **match: Any) -> Record | None:
        """The most recent record of a kind (by date, then by order of recording)."""
        found = self.records_van(kind, plaatsing_id=plaatsing_id, **match)
        return max(enumerate(found), key=lambda p: (p[1].datum, p[0]))[1] if found else None

    def laatste_beoordeling(self, soort: str, **match: Any) -> Record | None:
        return self.laatste("beoordeling", soort=soort, **match)

    @property
    def lopende_plaatsing(self) -> Plaatsing | None:
        return next((p for p in reversed(self.plaatsingen) if p.status == "lopend"), None)

    @property
    def geplande_plaatsing(self) -> Plaatsing | None:
        return next((p for p in reversed(self.plaatsingen) if p.status == "gepland"), None)

    def with_records(self, *records: Record) -> Snapshot:
        return replace(self, records=self.records + records)
