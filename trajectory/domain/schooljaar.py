"""The school calendar: school years, their periodes and vacations, read from a TOML file.

Reminders are school business: one that would fall on a weekend, in a vacation or in the
summer between two school years moves to the first school day after it. Dates such as "halfway
the school year" (1 February) or "1 December of this school year" are taken from the school
year a date lies in. Pure: only the standard library.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

ENV = "TRAJECTORY_SCHOOLJAAR"
# 1 August: where one school year ends and the next begins when a date is counted to a school
# year without asking the calendar (cohorts, "1 December of this school year", the years
# beyond the configured ones). The only place this date is written.
BEGIN: tuple[int, int] = (8, 1)
# a school year beyond the configured ones: its first and its last school day
GESCHAT_BEGIN: tuple[int, int] = (8, 20)
GESCHAT_EINDE: tuple[int, int] = (7, 15)
MAX_ZOEKDAGEN = 400  # no school year has a break this long
ZOMER_DAGEN = 50  # how far before the first configured year its summer vacation reaches


@dataclass(frozen=True)
class Vakantie:
    naam: str
    van: date
    tot: date  # inclusive

    def bevat(self, op: date) -> bool:
        return self.van <= op <= self.tot


@dataclass(frozen=True)
class Schooljaar:
    naam: str
    start: date
    einde: date  # the last school day
    periode_einden: tuple[date, ...] = ()
    vakanties: tuple[Vakantie, ...] = ()

    def bevat(self, op: date) -> bool:
        return self.start <= op <= self.einde

    def datum(self, maand: int, dag: int) -> date:
        """`dag maand` of this school year: from 1 August on in the start year."""
        return in_jaar_vanaf(self.start.year, maand, dag)


@dataclass(frozen=True)
class Kalender:
    jaren: tuple[Schooljaar, ...]

    def schooljaar(self, op: date) -> Schooljaar:
        """The school year `op` lies in; in the summer, the one that comes next."""
        vorige_einde = None
        for jaar in self.jaren:
            zomer_ervoor = vorige_einde or jaar.start - timedelta(days=ZOMER_DAGEN)
            if zomer_ervoor < op <= jaar.einde:
                return jaar
            vorige_einde = jaar.einde
        return _geschat(op)

    def vakantie(self, op: date) -> str | None:
        """The vacation's name if `op` falls in one (the summer counts too)."""
        jaar = self.schooljaar(op)
        if op < jaar.start:
            return "Zomervakantie"
        return next((v.naam for v in jaar.vakanties if v.bevat(op)), None)

    def is_schooldag(self, op: date) -> bool:
        return op.weekday() < 5 and self.vakantie(op) is None

    def eerste_schooldag_vanaf(self, op: date) -> date:
        """`op` itself when it is a school day, else the first school day after it."""
        for stap in range(MAX_ZOEKDAGEN):
            dag = op + timedelta(days=stap)
            if self.is_schooldag(dag):
                return dag
        raise ValueError(f"geen schooldag binnen {MAX_ZOEKDAGEN} dagen na {op}")

    def halverwege(self, op: date) -> date:
        """Halfway the school year of `op`: its first school day in February."""
        return self.eerste_schooldag_vanaf(self.schooljaar(op).datum(2, 1))

    def in_dit_schooljaar(self, op: date, maand: int, dag: int = 1) -> date:
        """E.g. 1 December or 1 May of the school year of `op`, as a school day."""
        return self.eerste_schooldag_vanaf(self.schooljaar(op).datum(maand, dag))

    def einde(self, op: date) -> date:
        return self.schooljaar(op).einde

    def periode_einden_vanaf(self, op: date) -> tuple[date, ...]:
        """Every periode end on or after `op`, across the configured school years."""
        return tuple(e for jaar in self.jaren for e in jaar.periode_einden if e >= op)


def beginjaar(op: date) -> int:
    """The calendar year in which the school year containing `op` began (on 1 August)."""
    return op.year if (op.month, op.day) >= BEGIN else op.year - 1


def in_jaar_vanaf(begin: int, maand: int, dag: int = 1) -> date:
    """`dag maand` of the school year that began in `begin`: from 1 August on in `begin`."""
    return date(begin if (maand, dag) >= BEGIN else begin + 1, maand, dag)


def in_schooljaar_van(op: date, maand: int, dag: int = 1) -> date:
    """E.g. 1 December of the school year (1 August to 31 July) that `op` lies in."""
    return in_jaar_vanaf(beginjaar(op), maand, dag)


def naam_van(begin: int) -> str:
    return f"{begin}-{begin + 1}"


def schooljaarnaam(op: date) -> str:
    """'2024-2025' for a date from 1 August 2024 to 31 July 2025 (the Uitstroommonitor cohort)."""
    return naam_van(beginjaar(op))


def looptijd(naam: str) -> tuple[date, date]:
    """The first and the last day of a school year named '2024-2025': 1 August to 31 July."""
    begin = int(naam[:4])
    return date(begin, *BEGIN), date(begin + 1, *BEGIN) - timedelta(days=1)


def laatste_dag(op: date) -> date:
    """31 July of the school year `op` lies in."""
    return looptijd(schooljaarnaam(op))[1]


def geschat_einde(op: date) -> date:
    """15 July of the school year `op` lies in (1 August on): a year the calendar lacks."""
    return date(beginjaar(op) + 1, *GESCHAT_EINDE)


def _geschat(op: date) -> Schooljaar:
    """Beyond the configured years: 1 August to 15 July, no vacations but the summer."""
    start = beginjaar(op)
    if op > geschat_einde(op):
        start += 1
    return Schooljaar(naam_van(start), date(start, *GESCHAT_BEGIN), date(start + 1, *GESCHAT_EINDE))


def kalender_uit(data: Mapping[str, Any]) -> Kalender:
    jaren = [
        Schooljaar(
            naam=str(jaar["naam"]),
            start=jaar["start"],
            einde=jaar["einde"],
            periode_einden=tuple(sorted(jaar.get("periode_einden", ()))),
            vakanties=tuple(
                Vakantie(str(v["naam"]), v["van"], v["tot"]) for v in jaar.get("vakanties", ())
            ),
        )
        for jaar in data["schooljaar"]
    ]
    jaren.sort(key=lambda j: j.start)
    for vorig, volgend in zip(jaren, jaren[1:], strict=False):
        if volgend.start <= vorig.einde:
            raise ValueError(f"schooljaar {volgend.naam} begint voor {vorig.naam} eindigt")
    return Kalender(tuple(jaren))


def laad_kalender(pad: Path | None = None) -> Kalender:
    if pad is None:
        tekst = resources.files("trajectory.domain").joinpath("schooljaren.toml").read_text("utf-8")
        return kalender_uit(tomllib.loads(tekst))
    with pad.open("rb") as bestand:
        return kalender_uit(tomllib.load(bestand))


@lru_cache(maxsize=1)
def huidige_kalender() -> Kalender:
    """The calendar of `TRAJECTORY_SCHOOLJAAR`, or the one shipped (2024-2028, regio midden)."""
    pad = os.environ.get(ENV)
    return laad_kalender(Path(pad) if pad else None)
