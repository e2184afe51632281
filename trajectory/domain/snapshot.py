"""A plain, immutable picture of one leerling and their records at one moment.

Guards read only this (no ORM, no session): they stay pure and can be tested
with values built by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import repeat
from operator import attrgetter
from typing import Any, NamedTuple

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

LEERJAREN: tuple[str, ...] = ("1", "2", "3", "4", "5", "entree")

DAGDELEN: tuple[str, ...] = tuple(
    f"{dag}_{deel}" for dag in ("ma", "di", "wo", "do", "vr") for deel in ("ochtend", "middag")
)


@dataclass(frozen=True)
class Beleid:
    """The policy numbers of the stagebeleidsplan (2024-2025), each written only here.

    A trajectory version may set any of them differently (`machines/versies.py`); a
    leerling's are resolved by `trajectory.domain.beleid.beleid_voor` and reach the guards
    through the snapshot. Months are of the school year (`domain/schooljaar.py`), day 1.
    """

    # beleidsplan 2.2: zelfstandig stagelopen from 14 (never below the law's youngest band)
    minimum_leeftijd_stage: int = 14
    # voorlopig stage-advies decided at the end of leerjaar 2 (DOMAIN.md, Timers: May)
    advies_besluiten_maand: int = 5
    groepsstage_plaatsen_per_dagdeel: int = 5
    max_fietsafstand_km: float = 15.0
    # the definitieve sector is chosen at the end of leerjaar 3: from May through August
    sectorkeuze_vanaf_maand: int = 5
    sectorkeuze_tot_en_met_maand: int = 8
    # hours of education the school provides in a week (WVO art. 32: stage at most 80 % of it);
    # 30 keeps the Entree minimum of 21 h/week under 80 %. Configurable per school.
    onderwijsuren_per_week: float = 30.0
    # Entree (beleidsplan 5.2): at least 21 hours a week towards 650 for the praktijkexamen,
    # the bindend studieadvies from 1 December, aanmelden for the examen from 1 May
    entree_uren_per_week: float = 21.0
    entree_uren_examen: float = 650.0
    studieadvies_vanaf_maand: int = 12
    examen_vanaf_maand: int = 5
    perioden_verdieping: int = 3
    praktijkopdrachten_per_periode: int = 2
    # a stagebezoek every 3 weeks on a placement, every 2 with stage-ondersteuning (Timers)
    bezoek_interval_weken: int = 3
    bezoek_interval_weken_ondersteuning: int = 2
    nazorg_jaren: int = 2
    # a nazorg contact that found a problem: the follow-up contact is due this many weeks later
    nazorg_vervolg_weken: int = 2
    # how long a freed groepsstage place is held for the first on the waiting list
    wachtlijst_dagen_vasthouden: float = 5


STANDAARD_BELEID = Beleid()


class Record(NamedTuple):
    """Something recorded about a leerling: a beoordeling, an overleg, a visit, ...

    A named tuple, not a frozen dataclass: every step, page and tick builds one per record of
    the leerling (often hundreds), and a frozen dataclass costs ~5× as much to build
    (docs/BENCHMARKS.md, engine overhead). Immutable all the same; `_replace` makes a copy.
    """

    kind: str
    datum: date
    data: Mapping[str, Any]
    plaatsing_id: int | None = None
    id: int | None = None

    @property
    def in_deze_stap(self) -> bool:
        """Recorded together with the trigger being judged (not yet stored)."""
        return self.id is None


_DATUM = attrgetter("datum")


def _nieuwste(records: Sequence[Record]) -> Record | None:
    """The most recent by date, of equal dates the last recorded (`max` keeps the first of
    equals, so it walks them from the last back)."""
    return max(reversed(records), key=_DATUM, default=None)


def records_uit(rijen: Iterable[Sequence[Any]]) -> tuple[Record, ...]:
    """Records from rows with exactly the fields of `Record`, in its order.

    Each a Record straight from its row (kind, datum, data, plaatsing_id, id): tuple.__new__
    called by `map` in C, no Python call per row (every step, page and tick reads all
    records; `map` over two iterables spares the `partial` a call per row, ~20 %)."""
    return tuple(map(tuple.__new__, repeat(Record), rijen))


class Handtekening(NamedTuple):
    """A signature of a placement's contract (issue #18, `domain/overeenkomst.py`): the
    version signed is the contract record and the rooster record it was signed on."""

    plaatsing_id: int
    contract_id: int
    rooster_id: int | None
    partij: str  # school | leerling | bedrijf | ouder
    wijze: str  # scherm | link | papier | overgenomen


GELOPEN = ("lopend", "afgerond", "afgebroken")  # a placement that runs or ran


class Plaatsing(NamedTuple):
    """A placement as guards see it (a named tuple for the same reason as `Record`)."""

    id: int
    soort: str  # groepsstage | individuele_stage | verdieping | entree | gepland
    status: str  # gepland | lopend | afgerond | afgebroken | vervallen
    bedrijf: str
    sector: str | None
    startdatum: date
    einddatum: date | None
    dagdelen: tuple[str, ...] = ()
    afstand_km: float | None = None
    risicovol: bool = False
    deskundig_toezicht: bool = False
    kassawerk: bool = False
    tillen_10kg: bool = False
    duwen_trekken_20kg: bool = False
    psa: bool = False
    zondag_door_aard: bool = False
    perioden_afgerond: int = 0
    # beleidsplan 5.2, "geen arbeid van lichte aard" (migration 0014)
    gedwongen_houding: bool = False
    gewasbeschermingsmiddelen: bool = False
    # beleidsplan 5.2: the toezichthouder, "een persoon van 18 jaar of ouder", "aanwezig in de
    # nabijheid van de werkplek of direct oproepbaar" (migration 0014)
    toezichthouder: str | None = None
    toezichthouder_18_plus: bool = False
    toezichthouder_direct_beschikbaar: bool = False
    dagbesteding: bool = False  # a dagbestedingsstage (beleidsplan 3.4)
    # the company in the register (#17) as it is now, read with the placement (one query):
    # its status, its SBB erkenning and its places at a time (None: no limit recorded)
    stagebedrijf_id: int | None = None
    bedrijf_status: str | None = None
    bedrijf_status_reden: str = ""
    erkenning_geldig_tot: date | None = None
    erkenning_sectoren: tuple[str, ...] = ()
    bedrijf_capaciteit: int | None = None


@dataclass(frozen=True)
class Snapshot:
    id: int
    geboortedatum: date
    leerjaar: str  # "1".."5" or "entree"
    state: str
    definitieve_sector: str | None = None
    stage_ondersteuning: bool = False
    vertrekdatum: date | None = None
    # the day stage-ondersteuning was last switched on or off; None: since the start
    ondersteuning_sinds: date | None = None
    records: tuple[Record, ...] = ()
    plaatsingen: tuple[Plaatsing, ...] = ()
    groepsstage_bezetting: Mapping[str, int] = field(default_factory=dict)
    # the places taken by others at the company of the placement about to start (read only
    # when a guard of the next steps reads it: guards/bedrijf.LEZEN_BEDRIJFSBEZETTING)
    bedrijf_bezet: int = 0
    beleid: Beleid = STANDAARD_BELEID
    trajectory_version: str = VERSION
    # the contract signatures (issue #18), read with a leerling that has placements
    handtekeningen: tuple[Handtekening, ...] = ()
    # the records per kind, grouped on first asking (a step asks for a few kinds, a page for
    # many): a memo, not state; `with_records` starts a new one
    _per_kind: dict[str, tuple[Record, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __init__(
        self,
        id: int,
        geboortedatum: date,
        leerjaar: str,
        state: str,
        definitieve_sector: str | None = None,
        stage_ondersteuning: bool = False,
        vertrekdatum: date | None = None,
        ondersteuning_sinds: date | None = None,
        records: tuple[Record, ...] = (),
        plaatsingen: tuple[Plaatsing, ...] = (),
        groepsstage_bezetting: Mapping[str, int] | None = None,  # None: {}
        bedrijf_bezet: int = 0,
        beleid: Beleid = STANDAARD_BELEID,
        trajectory_version: str = VERSION,
        handtekeningen: tuple[Handtekening, ...] = (),
    ) -> None:
        """Written out, in the fields' order with their defaults (tests/unit/test_snapshot.py
        holds them together): a frozen dataclass's own __init__ sets each field through
        object.__setattr__, three times the cost of filling the dict at once, and every step,
        page and tick builds a snapshot or two (docs/BENCHMARKS.md, engine overhead)."""
        vars(self).update(
            id=id,
            geboortedatum=geboortedatum,
            leerjaar=leerjaar,
            state=state,
            definitieve_sector=definitieve_sector,
            stage_ondersteuning=stage_ondersteuning,
            vertrekdatum=vertrekdatum,
            ondersteuning_sinds=ondersteuning_sinds,
            records=records,
            plaatsingen=plaatsingen,
            groepsstage_bezetting={} if groepsstage_bezetting is None else groepsstage_bezetting,
            bedrijf_bezet=bedrijf_bezet,
            beleid=beleid,
            trajectory_version=trajectory_version,
            handtekeningen=handtekeningen,
            _per_kind={},
        )

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

    def _van_kind(self, kind: str) -> tuple[Record, ...]:
        """The records of one kind, in order; found once per snapshot, then remembered."""
        gevonden = self._per_kind.get(kind)
        if gevonden is None:
            gevonden = self._per_kind[kind] = tuple([r for r in self.records if r.kind == kind])
        return gevonden

    def records_van(
        self, kind: str, *, plaatsing_id: int | None = None, **match: Any
    ) -> tuple[Record, ...]:
        return self._gevonden(kind, plaatsing_id, match)

    def laatste(self, kind: str, *, plaatsing_id: int | None = None, **match: Any) -> Record | None:
        """The most recent record of a kind (by date, then by order of recording)."""
        return _nieuwste(self._gevonden(kind, plaatsing_id, match))

    def laatste_beoordeling(
        self, soort: str, *, plaatsing_id: int | None = None, **match: Any
    ) -> Record | None:
        return _nieuwste(self._gevonden("beoordeling", plaatsing_id, {"soort": soort, **match}))

    def laatste_per_plaatsing(self, kind: str, **match: Any) -> dict[int | None, Record]:
        """`laatste` for every placement at once (one pass, for a guard that asks it of each
        placement): sorted by date, stably, so of equal dates the last recorded stays."""
        return {r.plaatsing_id: r for r in sorted(self._gevonden(kind, None, match), key=_DATUM)}

    def _gevonden(
        self, kind: str, plaatsing_id: int | None, match: Mapping[str, Any]
    ) -> tuple[Record, ...]:
        """The records of a kind, of the placement and with the data given (every guard asks
        this, most more than once: the keywords are unpacked once, not again per layer)."""
        records = self._van_kind(kind)
        if plaatsing_id is not None:  # the cheap test first: it leaves few to match
            records = tuple([r for r in records if r.plaatsing_id == plaatsing_id])
        if len(match) == 1:  # the usual match (`soort=`, `met=`): no generator per record
            ((sleutel, waarde),) = match.items()
            return tuple([r for r in records if r.data.get(sleutel) == waarde])
        if match:
            paren = match.items()
            return tuple([r for r in records if all(r.data.get(k) == v for k, v in paren)])
        return records

    @property
    def lopende_plaatsing(self) -> Plaatsing | None:
        return next((p for p in reversed(self.plaatsingen) if p.status == "lopend"), None)

    @property
    def geplande_plaatsing(self) -> Plaatsing | None:
        return next((p for p in reversed(self.plaatsingen) if p.status == "gepland"), None)

    @property
    def heeft_stage_gelopen(self) -> bool:
        """A placement runs or ran (hours of the last week may come in after it ended)."""
        return any(p.status in GELOPEN for p in self.plaatsingen)

    def with_records(self, *records: Record) -> Snapshot:
        return replace(self, records=self.records + records)
