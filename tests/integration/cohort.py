"""A small cohort for the reminder tests, walked through the engine on a driven clock.

Each leerling is in klas 3A (whose mentor is staff.mentor) and is brought into the state the
test needs by teamleider overrides (builders.breng_naar), then by the same steps a
stagebegeleider would take: a placement arranged, its contract recorded, the stage started.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from tests.builders import volledige_overeenkomst
from tests.integration.builders import (
    MOTIVATIE,
    als_entree_leerling,
    breng_naar,
    erkend_bedrijf,
    leg_vast,
    versie,
)
from trajectory.domain.clock import FixedClock
from trajectory.store import tables as t
from trajectory.usecases import engine, vastleggen

KLAS = "3A"


@dataclass(frozen=True)
class Cohort:
    voorbereiding: int  # lj 2, interne stage
    groepsstage: int  # lj 3, groepsstage; drops out in March
    verdieping: int  # lj 4, verdieping with visits and periodes
    entree: int  # Entree with stage-ondersteuning, no visits
    nazorg: int  # left school on 11 July 2025


def stap(sessions, clock, staff, lid: int, trigger: str, payload: Mapping[str, Any] | None = None):
    result = engine.advance(
        sessions,
        lid,
        trigger,
        actor=staff.teamleider,
        version=versie(sessions, lid),
        clock=clock,
        payload=payload,
        motivatie=MOTIVATIE,
    )
    assert isinstance(result, engine.Overgegaan), result
    return result


def leerling(sessions, clock, staff, naam: str, leerjaar: str, *, ondersteuning=False) -> int:
    begeleider = staff.ondersteuner if ondersteuning else staff.stagebegeleider
    nieuw = vastleggen.NieuweLeerling(
        naam=naam,
        geboortedatum=date(2009, 5, 1),
        leerjaar=leerjaar,
        klas=KLAS,
        stagebegeleider_id=begeleider.id,
        stage_ondersteuning=ondersteuning,
    )
    return vastleggen.create_leerling(sessions, nieuw, actor=staff.teamleider, clock=clock)


def start_stage(
    sessions, clock, staff, lid: int, start: date, einde: date | None, **plaatsing: Any
) -> None:
    """Arrange a placement starting on `start`, record its contract and start it."""
    vastleggen.add_plaatsing(
        sessions,
        lid,
        {"bedrijf": "Bakkerij Brood", "sector": "03", "startdatum": start, "einddatum": einde}
        | plaatsing,
        actor=staff.teamleider,
        clock=clock,
    )
    contract = volledige_overeenkomst(start, einde or date(2026, 7, 10))
    leg_vast(sessions, clock, staff.teamleider, lid, "stage_overeenkomst", **contract)
    stap(sessions, clock, staff, lid, "stage_starten")


def bouw_cohort(sessions, clock: FixedClock, staff) -> Cohort:
    """On 25 August 2025 (summer) register everyone; placements start on 1 September."""
    clock.set(date(2025, 8, 25))
    voorbereiding = leerling(sessions, clock, staff, "Anna Bakker", "2")
    groepsstage = leerling(sessions, clock, staff, "Bram Visser", "3")
    verdieping = leerling(sessions, clock, staff, "Cem Yilmaz", "3")
    entree = leerling(sessions, clock, staff, "Dewi Smit", "entree", ondersteuning=True)
    nazorg = leerling(sessions, clock, staff, "Eva de Jong", "3")

    for lid in (verdieping, entree):
        breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    als_entree_leerling(sessions, entree)
    stap(sessions, clock, staff, verdieping, "sector_kiezen", {"sector": "03"})
    breng_naar(sessions, clock, staff.teamleider, nazorg, "groepsstage")
    for trigger, payload in (
        ("uitvallen", {"reden": "Verhuisd"}),
        ("alternatief_starten", {"met": "ondersteuningsteam", "uitkomst": "positief"}),
        ("alternatief_afronden", {"vervolg": "uitstroom"}),
        (
            "uitstromen",
            {"profiel": "arbeid", "bestemming": "Bakkerij", "vertrekdatum": date(2025, 7, 11)},
        ),
    ):
        stap(sessions, clock, staff, nazorg, trigger, payload)

    clock.set(date(2025, 9, 1))
    breng_naar(sessions, clock, staff.teamleider, groepsstage, "groepsstage")
    # the company's SBB erkenning ends during the Entree year: a reminder six weeks ahead
    erkend_bedrijf(
        sessions, clock, staff.teamleider, "Bakkerij Brood", geldig_tot=date(2026, 4, 28)
    )
    start_stage(sessions, clock, staff, verdieping, date(2025, 9, 1), date(2026, 6, 26))
    start_stage(sessions, clock, staff, entree, date(2025, 9, 1), None)
    return Cohort(voorbereiding, groepsstage, verdieping, entree, nazorg)


def state_van(sessions, lid: int) -> str:
    with sessions() as session:
        return session.scalar(select(t.Leerling.state).where(t.Leerling.id == lid))
