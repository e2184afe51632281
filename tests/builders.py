"""A small builder for snapshots, so a unit test reads like the policy it checks.

    a_leerling(geboren=date(2010, 4, 2), leerjaar="3", state="stage_zoeken")
        .with_plaatsing(afstand_km=12)
        .with_overeenkomst(zonder=["tijden"])
        .with_rooster({"dinsdag": ("09:00", "15:00", 30)})
        .build()

Record data is stored the way the database stores it (JSON: dates as ISO strings), so
guards see exactly what they would see in production.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from trajectory.domain.overeenkomst_handtekeningen import VINKJES
from trajectory.domain.snapshot import Handtekening, Plaatsing, Record, Snapshot
from trajectory.guards import judge

OP = date(2025, 3, 3)  # a Monday in the second half of the school year 2024-2025
START = date(2025, 3, 10)
ERKEND_TOT = date(2030, 12, 31)  # an SBB erkenning valid through the tests' years

# weekday -> (start, eind, pause minutes...); legal for a leerling of 14: 2 days of 5.5 h
STAGEDAGEN: dict[str, tuple[Any, ...]] = {
    "dinsdag": ("09:00", "15:00", 30),
    "donderdag": ("09:00", "15:00", 30),
}


def rooster(dagen: Mapping[str, tuple[Any, ...] | Mapping[str, Any]]) -> dict[str, Any]:
    """The `dagen` of a rooster record from (start, eind, *pauzes) per weekday."""
    return {
        dag: dict(tijden)
        if isinstance(tijden, Mapping)
        else {"start": tijden[0], "eind": tijden[1], "pauzes": list(tijden[2:])}
        for dag, tijden in dagen.items()
    }


def volledige_overeenkomst(aanvang: date, einde: date) -> dict[str, Any]:
    """A stage-overeenkomst with everything WVO art. 35 asks, signed by everyone."""
    return {
        "leeractiviteiten": "Vakken vullen, klanten helpen",
        "aanvangsdatum": aanvang,
        "einddatum": einde,
        "tijden": "di en do 9:00-15:00",
        "begeleidingsregeling": "stagebegeleider elke 3 weken, praktijkbegeleider dagelijks",
        "beoordeling_door_bedrijf": "praktijkbegeleider vult de stagebeoordeling in",
        "inspectie_regeling": "inspectie mag de werkplek bezoeken",
        "verzekering_ongevallen": "school",
        "verzekering_aansprakelijkheid": "bedrijf",
        "kosten_door": "school",
        "getekend_school": True,
        "getekend_leerling": True,
        "getekend_bedrijf": True,
        "getekend_ouder": True,
    }


def _as_json(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


class LeerlingBuilder:
    def __init__(self, geboren: date, leerjaar: str, state: str, **snapshot: Any) -> None:
        self._snapshot = Snapshot(
            id=1, geboortedatum=geboren, leerjaar=leerjaar, state=state, **snapshot
        )
        self._records: list[Record] = []
        self._plaatsingen: list[Plaatsing] = []
        self._bezetting: dict[str, int] = {}

    def with_record(
        self,
        kind: str,
        *,
        datum: date = OP,
        plaatsing_id: int | None = None,
        nieuw: bool = False,
        **data: Any,
    ) -> LeerlingBuilder:
        """A stored record; `nieuw=True` makes it part of the step being judged (no id yet)."""
        record_id = None if nieuw else len(self._records) + 1
        self._records.append(Record(kind, datum, _as_json(data), plaatsing_id, record_id))
        return self

    def with_beoordeling(
        self, soort: str, uitslag: str = "voldoende", **kwargs: Any
    ) -> LeerlingBuilder:
        return self.with_record("beoordeling", soort=soort, uitslag=uitslag, **kwargs)

    def with_plaatsing(
        self,
        soort: str = "gepland",
        status: str = "gepland",
        *,
        bedrijf: str = "Supermarkt De Hoek",
        sector: str | None = "03",
        startdatum: date = START,
        einddatum: date | None = date(2025, 6, 27),
        afstand_km: float | None = 5.0,
        **kwargs: Any,
    ) -> LeerlingBuilder:
        """A placement with the next id; the last one added is the one later calls refer to.
        `erkend_leerbedrijf=True`: its company's SBB erkenning covers its sector to ERKEND_TOT."""
        if kwargs.pop("erkend_leerbedrijf", False):
            kwargs.setdefault("erkenning_sectoren", (sector,))
            kwargs.setdefault("erkenning_geldig_tot", ERKEND_TOT)
        self._plaatsingen.append(
            Plaatsing(
                id=len(self._plaatsingen) + 1,
                soort=soort,
                status=status,
                bedrijf=bedrijf,
                sector=sector,
                startdatum=startdatum,
                einddatum=einddatum,
                afstand_km=afstand_km,
                **kwargs,
            )
        )
        return self

    @property
    def laatste_plaatsing_id(self) -> int:
        return self._plaatsingen[-1].id

    def with_overeenkomst(self, *, zonder: Iterable[str] = (), **velden: Any) -> LeerlingBuilder:
        """A complete stage-overeenkomst for the last placement, minus the fields in `zonder`."""
        plaatsing = self._plaatsingen[-1]
        data = volledige_overeenkomst(plaatsing.startdatum, plaatsing.einddatum or START)
        data.update(velden)
        for veld in zonder:
            del data[veld]
        return self.with_record("stage_overeenkomst", plaatsing_id=plaatsing.id, **data)

    def with_rooster(
        self,
        dagen: Mapping[str, tuple[Any, ...] | Mapping[str, Any]] | None = None,
        *,
        datum: date | None = None,
        nieuw: bool = False,
    ) -> LeerlingBuilder:
        """A weekly rooster for the last placement (default: STAGEDAGEN), recorded on OP or,
        for a placement starting earlier, on its startdatum."""
        plaatsing = self._plaatsingen[-1]
        return self.with_record(
            "rooster",
            datum=datum or min(OP, plaatsing.startdatum),
            plaatsing_id=plaatsing.id,
            nieuw=nieuw,
            dagen=rooster(STAGEDAGEN if dagen is None else dagen),
        )

    def with_bezetting(self, **dagdelen: int) -> LeerlingBuilder:
        """How many leerlingen already take each groepsstage dagdeel."""
        self._bezetting.update(dagdelen)
        return self

    def build(self) -> Snapshot:
        return replace(
            self._snapshot,
            records=tuple(self._records),
            plaatsingen=tuple(self._plaatsingen),
            groepsstage_bezetting=dict(self._bezetting),
            handtekeningen=self._snapshot.handtekeningen + papieren_handtekeningen(self._records),
        )


def papieren_handtekeningen(records: Iterable[Record]) -> tuple[Handtekening, ...]:
    """The signature rows storing these records in this order makes, as the store makes them
    (`store/overeenkomst.papieren_handtekeningen`): a ticked box on a contract is a `papier`
    row on (that contract, the rooster current then); a rooster recorded on or before the
    current contract's date takes the contract's paper rows over to its version."""
    rijen: list[Handtekening] = []
    contract: dict[int, Record] = {}
    rooster: dict[int, Record] = {}
    for r in records:
        if r.id is None or r.plaatsing_id is None:
            continue  # not stored yet
        pid = r.plaatsing_id
        if r.kind == "stage_overeenkomst":
            if pid not in contract or r.datum >= contract[pid].datum:
                contract[pid] = r
            huidig = rooster.get(pid)
            rijen += [
                Handtekening(pid, r.id, huidig.id if huidig else None, partij, "papier")
                for partij, vinkje in VINKJES.items()
                if r.data.get(vinkje)
            ]
        elif r.kind == "rooster" and (pid not in rooster or r.datum >= rooster[pid].datum):
            rooster[pid] = r
            c = contract.get(pid)
            if c is not None and r.datum <= c.datum:
                mee = {h.partij for h in rijen if h.plaatsing_id == pid and h.contract_id == c.id}
                rijen += [Handtekening(pid, c.id or 0, r.id, p, "papier") for p in sorted(mee)]
    return tuple(rijen)


def a_leerling(
    *,
    geboren: date = date(2010, 4, 2),
    leerjaar: str = "3",
    state: str = "stage_zoeken",
    **snapshot: Any,
) -> LeerlingBuilder:
    """A leerling of 14 on OP (born 2 April 2010), in leerjaar 3, looking for a placement."""
    return LeerlingBuilder(geboren, leerjaar, state, **snapshot)


def reden(guard: str, snapshot: Snapshot, op: date = OP) -> str | None:
    """The guard's Dutch reason for refusing, or None when it passes (via the registry)."""
    return judge(guard, snapshot, op).reden
