"""One leerling walked through the calendar: every fact and step through recording and the engine.

The clock is set to each step's date, so the audit trail reads like the school year it
describes. A refused step is a bug in the demo and stops it with the failing guards named.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from trajectory.demo.school import VERHAALJAAR, Bedrijf, in_schooljaar
from trajectory.domain.access import MENTOR_BEOORDELINGEN, Actor
from trajectory.domain.clock import FixedClock, today
from trajectory.machines import INITIAL
from trajectory.usecases.engine import Geweigerd, Overgegaan, advance
from trajectory.usecases.vastleggen import add_plaatsing, add_record, add_uren

T = TypeVar("T")


class DemoFout(RuntimeError):
    """The demo asked the engine for something it refused: the demo's story is wrong."""


class NogNiet(DemoFout):
    """A story, moved to today's school year, would need a day after today (or has not
    reached its end yet): it is told a school year earlier instead."""


@dataclass(frozen=True)
class Demotijd:
    """Where the demo's history ends: today, at the moment it is built (the injected clock),
    and how many school years the stories move (their "now" school year is VERHAALJAAR)."""

    vandaag: date
    nu: datetime
    verschuiving: int


@dataclass(frozen=True)
class Team:
    teamleider: Actor
    mentoren: dict[str, Actor]  # klas -> mentor


@dataclass
class Verloop:
    sessions: sessionmaker[Session]
    clock: FixedClock
    rng: random.Random
    team: Team
    leerling_id: int
    naam: str
    klas: str
    geboortedatum: date
    begeleider: Actor
    jaar: int  # the school year the story is in (starts in August of this year)
    tijd: Demotijd
    profiel: str = "zelfstandig"  # zelfstandig | groepsstage | twijfel
    ondersteuning: bool = False
    version: int = 1
    state: str = INITIAL
    noa: tuple[str, str] = ("03", "04")
    sector: str = "03"
    bedrijf: Bedrijf | None = None  # of the running or last placement
    plaatsing_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    proef: bool = False  # only walk the calendar: does every step fall on or before today?

    @property
    def mentor(self) -> Actor:
        return self.team.mentoren[self.klas]

    @property
    def vandaag(self) -> date:
        return self.tijd.vandaag

    def datum(self, maand: int, dag: int) -> date:
        return in_schooljaar(self.jaar, maand, dag)

    def in_demojaar(self, maand: int, dag: int) -> date:
        """A day in the school year the stories call now, moved like every story."""
        return in_schooljaar(VERHAALJAAR + self.tijd.verschuiving, maand, dag)

    def _op(self, dag: date) -> None:
        if dag > self.vandaag:
            raise NogNiet(f"Demo: {self.naam}: {dag} ligt na vandaag ({self.vandaag}).")
        if dag < today(self.clock):
            raise DemoFout(
                f"Demo: {self.naam}: {dag} ligt voor {today(self.clock)} (terug in de tijd)."
            )
        self.clock.set(self.tijd.nu if dag == self.vandaag else dag)

    def leeftijd_op(self, dag: date) -> int:
        g = self.geboortedatum
        return dag.year - g.year - ((dag.month, dag.day) < (g.month, g.day))

    def vastleggen(self, kind: str, dag: date, *, door: Actor | None = None, **data: Any) -> int:
        self._op(dag)
        if self.proef:
            return 0
        result = add_record(
            self.sessions,
            self.leerling_id,
            kind,
            {"datum": dag, **data},
            actor=door or self.begeleider,
            clock=self.clock,
        )
        return self._gelukt(kind, dag, result)

    def stagemap(self, regels: list[dict[str, Any]], dag: date) -> list[int]:
        """A week's hours (one line per stage day), registered together on `dag`."""
        self._op(dag)
        if self.proef:
            return []
        result = add_uren(
            self.sessions, self.leerling_id, regels, actor=self.begeleider, clock=self.clock
        )
        return self._gelukt("uren", dag, result)

    def _gelukt(self, wat: str, dag: date, result: T | Geweigerd) -> T:
        if isinstance(result, Geweigerd):
            redenen = "; ".join(f"{v.guard}: {v.reden}" for v in result.failing)
            raise DemoFout(
                f"Demo: '{wat}' geweigerd voor {self.naam} (leerling {self.leerling_id}, "
                f"{result.state}, {dag}): {redenen}"
            )
        return result

    def beoordeling(self, soort: str, dag: date, goed: bool, **data: Any) -> int:
        """Mentor and docenten give their own beoordeling; the stagebegeleider the rest."""
        door = self.mentor if soort in MENTOR_BEOORDELINGEN else None
        uitslag = "voldoende" if goed else "onvoldoende"
        return self.vastleggen("beoordeling", dag, door=door, soort=soort, uitslag=uitslag, **data)

    def plaats(self, dag: date, **data: Any) -> int:
        self._op(dag)
        if self.proef:
            return 0
        return add_plaatsing(
            self.sessions, self.leerling_id, data, actor=self.begeleider, clock=self.clock
        )

    def _advance(
        self, trigger: str, dag: date, payload: dict[str, Any] | None, door: Actor | None, **kw: Any
    ) -> Overgegaan | Geweigerd:
        self._op(dag)
        return advance(
            self.sessions,
            self.leerling_id,
            trigger,
            actor=door or self.begeleider,
            version=self.version,
            clock=self.clock,
            payload=_as_json(payload),
            **kw,
        )

    def stap(
        self,
        trigger: str,
        dag: date,
        payload: dict[str, Any] | None = None,
        *,
        door: Actor | None = None,
        motivatie: str | None = None,
    ) -> str:
        """A step that must succeed (with the teamleider's motivatie: an override)."""
        if self.proef:
            self._op(dag)
            return self.state
        result = self._gelukt(
            trigger, dag, self._advance(trigger, dag, payload, door, motivatie=motivatie)
        )
        self.version, self.state = result.version, result.state
        return result.state

    def poging(self, trigger: str, dag: date, payload: dict[str, Any] | None = None) -> None:
        """A step tried too early on purpose: the refusal lands in the audit trail."""
        if self.proef:
            self._op(dag)
            return
        result = self._advance(trigger, dag, payload, None)
        if isinstance(result, Overgegaan):
            raise DemoFout(f"Demo: '{trigger}' voor {self.naam} had geweigerd moeten worden.")


def _as_json(payload: dict[str, Any] | None) -> dict[str, Any] | None:
    """Payloads travel as JSON (as through the API): dates as ISO strings."""
    if payload is None:
        return None
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in payload.items()}
