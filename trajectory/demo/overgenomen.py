"""The demo school's "overgenomen" leerlingen: one in every state, taken in through the go-live
intake (`usecases/intake.py`) on the demo's today, as a school going live would enter them.

The other demo leerlingen are walked through their history step by step; these show what a
school sees on its first day: a leerling in its current state with only the minimum history
that state implies and the `intake` event ("Overgenomen uit de administratie op …") on its
timeline, the next steps judged by the guards from there and the reminders planned from the
intake. They come on top of the walked leerlingen and use their own random generator, so the
walked stories stay as they were.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.demo.bedrijven import bedrijven_in
from trajectory.demo.school import KLASSEN, Namen, geboortedatum, in_schooljaar
from trajectory.demo.verloop import Demotijd, Team
from trajectory.domain.access import Actor
from trajectory.domain.beleid import beleid_op
from trajectory.domain.clock import FixedClock
from trajectory.domain.intake import MET_VERTREK, IntakeIn
from trajectory.domain.schooljaar import beginjaar
from trajectory.domain.snapshot import DAGDELEN
from trajectory.machines import STATES
from trajectory.store import tables as t
from trajectory.store.repository import groepsstage_bezetting
from trajectory.usecases.intake import neem_alle_op

# per state: the leerjaar, and how many school years ago the brugklas was
LEERJAAR: dict[str, tuple[str, int]] = {
    "interne_stage": ("2", 1),
    "snuffelstage": ("2", 1),
    "stage_advies": ("2", 1),
    "groepsstage": ("3", 2),
    "stage_zoeken": ("3", 2),
    "individuele_stage": ("3", 2),
    "verdieping": ("4", 3),
    "entree": ("entree", 5),
    "praktijkexamen": ("entree", 5),
    "uitgevallen": ("4", 3),
    "alternatief_programma": ("3", 2),
    "uitstroom": ("5", 4),
    "nazorg": ("5", 5),
    "afgesloten": ("entree", 8),
}
ROOSTER = {
    dag: {"start": "09:00", "eind": "14:30", "pauzes": [30]} for dag in ("dinsdag", "donderdag")
}
VERDIEPING_ROOSTER = {**ROOSTER, "vrijdag": {"start": "09:00", "eind": "14:30", "pauzes": [30]}}
ENTREE_ROOSTER = {
    dag: {"start": "08:30", "eind": "16:00", "pauzes": [30]}
    for dag in ("maandag", "dinsdag", "donderdag")
}


def neem_overgenomen_op(
    sessions: sessionmaker[Session],
    team: Team,
    begeleiders: Sequence[Actor],
    tijd: Demotijd,
    rng: random.Random,
) -> list[int]:
    """One leerling per state, taken in by the teamleider on the demo's today in one
    transaction (the CSV intake's path); their ids."""
    vandaag, jaar = tijd.vandaag, beginjaar(tijd.vandaag)
    namen = _Namen(sessions, rng)
    begeleider = itertools.cycle(begeleiders)
    klassen = {leerjaar: itertools.cycle(k) for leerjaar, k in KLASSEN.items()}
    vrij = _vrije_dagdelen(sessions, vandaag)
    intakes = []
    for state in STATES:
        leerjaar, jaren = LEERJAAR[state]
        klas = None if state in MET_VERTREK else next(klassen[leerjaar])  # left school
        gegevens = {
            "naam": namen.nieuw(),
            "geboortedatum": geboortedatum(rng, jaar - jaren),
            "leerjaar": leerjaar,
            "klas": klas,
            "stagebegeleider_id": next(begeleider).id,
            "state": state,
            **_wat_de_fase_vraagt(state, vandaag, jaar, rng, vrij),
        }
        intakes.append(IntakeIn.model_validate(gegevens))
    klok = FixedClock(tijd.nu)
    return neem_alle_op(sessions, intakes, actor=team.teamleider, clock=klok)


def _wat_de_fase_vraagt(
    state: str, vandaag: date, jaar: int, rng: random.Random, vrij: list[str]
) -> dict[str, Any]:
    """What the administration has for a leerling in this state (domain/intake.py asks it)."""
    start = min(in_schooljaar(jaar, 9, 1), vandaag)
    bezoek = max(start, vandaag - timedelta(days=rng.randrange(3, 15)))
    sector = rng.choice(("01", "03", "04", "05", "06"))
    bedrijf = rng.choice(bedrijven_in(sector, erkend=True))
    stage = {
        "bedrijf": bedrijf.naam,
        "sector": sector,
        "startdatum": start,
        "laatste_bezoek": bezoek,
    }
    na_december = vandaag >= date(jaar, 12, 1)
    match state:
        case "groepsstage":
            return {"startdatum": start, "dagdelen": vrij[:1]}
        case "individuele_stage":
            return {**stage, "rooster": ROOSTER}
        case "verdieping":
            perioden = 1 if na_december else 0
            rooster = VERDIEPING_ROOSTER
            return {
                **stage,
                "rooster": rooster,
                "definitieve_sector": sector,
                "perioden_afgerond": perioden,
            }
        case "entree" | "praktijkexamen":
            uren = round(max(21.0, (vandaag - start).days / 7 * 21), 1)
            extra: dict[str, Any] = {
                "rooster": ENTREE_ROOSTER,
                "uren": uren,
            }
            if state == "entree" and na_december:
                extra["studieadvies_positief"] = True
            return {**stage, **extra}
        case "uitgevallen" | "uitstroom":
            return {"definitieve_sector": sector}
        case "nazorg":
            return {
                "definitieve_sector": sector,
                "vertrekdatum": date(jaar, 7, 1),
                "uitstroomprofiel": "arbeid",
                "bestemming": bedrijf.naam,
            }
        case "afgesloten":
            return {
                "vertrekdatum": date(jaar - 3, 7, 1),
                "uitstroomprofiel": "leren",
                "bestemming": "ROC, opleiding Logistiek medewerker",
            }
    return {}


def _vrije_dagdelen(sessions: sessionmaker[Session], vandaag: date) -> list[str]:
    """The groepsstage dagdelen with a free place, the emptiest first (the demo keeps to the
    five places per dagdeel)."""
    with sessions() as session:
        bezetting = groepsstage_bezetting(session)
    plaatsen = beleid_op(vandaag).groepsstage_plaatsen_per_dagdeel
    vrij = [d for d in DAGDELEN if bezetting.get(d, 0) < plaatsen]
    return sorted(vrij, key=lambda d: bezetting.get(d, 0)) or ["vr_middag"]


class _Namen(Namen):
    """Names not yet used by the walked leerlingen."""

    def __init__(self, sessions: sessionmaker[Session], rng: random.Random) -> None:
        super().__init__(rng)
        with sessions() as session:
            self._gehad |= set(session.scalars(select(t.Leerling.naam)))
