"""The demo school as data: its calendar, staff, classes, names and stagebedrijven.

Everything here is invented; the companies have made-up Dutch names.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from trajectory.domain.schooljaar import in_jaar_vanaf

# The stories (scenarios.py) are written for a school whose "now" is late May of school year
# 2024-2025; the demo moves them by whole school years so that "now" is the school year of
# today (or, for a story that does not fit before today yet, the one before: see __init__.py).
VERHAALJAAR = 2024
DOMEIN = "demo.stagetraject.nl"
KLASSEN: dict[str, tuple[str, ...]] = {
    "1": ("1A", "1B"),
    "2": ("2A", "2B"),
    "3": ("3A", "3B"),
    "4": ("4A", "4B"),
    "5": ("5A",),
    "entree": ("E1",),
}
VAKANTIEWEKEN = (9, 18, 43, 52, 1)  # voorjaar, mei, herfst, kerst (ISO weeks)

TEAMLEIDER = ("teamleider", "Marieke van der Linden")
STAGEBEGELEIDERS = (
    ("stagebegeleider1", "Peter Hoekstra"),
    ("stagebegeleider2", "Samira El Idrissi"),
    ("stagebegeleider3", "Johan Veenstra"),
    ("stagebegeleider4", "Anouk de Haan"),
)
ONDERSTEUNER = ("ondersteuning", "Ingrid Kuipers")
MENTOR_NAMEN = (
    "Ruud Smeets", "Els Timmermans", "Bas Verhoeven", "Wendy Koster", "Kemal Aydın",
    "Linda Prins", "Erik van Wijk", "Hanneke Bosman", "Dennis Post", "Fleur Claassen",
)  # fmt: skip

VOORNAMEN = (
    "Sem", "Daan", "Noah", "Luuk", "Finn", "Milan", "Levi", "Jesse", "Bram", "Thijs", "Sven",
    "Ryan", "Kevin", "Dylan", "Mohamed", "Ayoub", "Youssef", "Mehmet", "Jayden", "Stijn", "Ruben",
    "Tim", "Gijs", "Rayan", "Damian", "Emma", "Julia", "Sophie", "Mila", "Tess", "Zoë", "Sara",
    "Lotte", "Fenna", "Noor", "Yasmina", "Fatima", "Amira", "Demi", "Kim", "Naomi", "Jade",
    "Romy", "Isa", "Esmee", "Chanel", "Melissa", "Aylin", "Shanice", "Iris",
)  # fmt: skip
ACHTERNAMEN = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
    "van der Meer", "Kok", "Jacobs", "Yılmaz", "El Amrani", "Kaya", "Öztürk", "Boukhari",
    "Martina", "Pinas", "Schouten", "van Rijn", "Willems", "Koning", "Gerritsen", "Postma",
)  # fmt: skip


@dataclass(frozen=True)
class Bedrijf:
    naam: str
    sector: str
    werk: str  # leeractiviteiten
    erkend: bool = False  # erkend leerbedrijf (SBB), needed for Entree (demo/bedrijven.py)
    risicovol: bool = False  # bijzondere eisen: only from 16, under deskundig toezicht


def schooldag(dag: date) -> date:
    """The first weekday on or after `dag`."""
    while dag.weekday() >= 5:
        dag += timedelta(days=1)
    return dag


def in_schooljaar(jaar: int, maand: int, dag: int) -> date:
    """A weekday in the school year that starts in August of `jaar`."""
    return schooldag(in_jaar_vanaf(jaar, maand, dag))


def geboortedatum(rng: random.Random, brugklas: int) -> date:
    """Born so the leerling is 12 in October of the brugklas year; a few are a year older."""
    eerste = date(brugklas - 13, 10, 2) - timedelta(days=365 if rng.random() < 0.25 else 0)
    return eerste + timedelta(days=rng.randrange(365))


class Namen:
    """Unique, plausible Dutch names from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._gehad: set[str] = set()

    def nieuw(self) -> str:
        while True:
            naam = f"{self._rng.choice(VOORNAMEN)} {self._rng.choice(ACHTERNAMEN)}"
            if naam not in self._gehad or len(self._gehad) > 1500:
                self._gehad.add(naam)
                return naam
