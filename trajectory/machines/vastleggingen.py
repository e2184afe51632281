"""Which record kinds fit which state: the table the leerling page offers its forms from and
`usecases.vastleggen` refuses a misplaced record by, for every caller (pages, API, CLI, demo).

Plain data next to the machine it reads (states, phases, the sources of a trigger): a record
fits in the states listed, and where `plaatsing` is set only while the leerling has such a
placement (`lopend`: a running one; `stageplaats`: a running or a planned one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from trajectory.machines.definition import (
    FINAL,
    MET_KENNISMAKING,
    MET_OVERLEG,
    NAAR_GROEPSSTAGE,
    OP_STAGE,
    STATES,
    TRANSITIONS,
    VOORBEREIDING,
    phase_of,
)

Plaatsingseis = Literal["lopend", "stageplaats", "gelopen"]


@dataclass(frozen=True)
class Vastlegging:
    titel: str
    staten: tuple[str, ...] = STATES
    plaatsing: Plaatsingseis | None = None
    # where the placement requirement does not apply (the groepsstage's contract comes first)
    zonder_plaatsing: tuple[str, ...] = ()
    formulier: bool = True  # False: recorded with its step, the page offers no form of its own
    leerjaar: str | None = None  # only for a leerling in this leerjaar


def _vanuit(trigger: str) -> tuple[str, ...]:
    """A step's payload kind fits where the step starts (the API may record it ahead)."""
    return tuple(dict.fromkeys(t.source for t in TRANSITIONS if t.trigger == trigger))


NIET_AFGESLOTEN = tuple(s for s in STATES if s not in FINAL)
# while the leerling is at school (the nazorg follows the ex-leerling)
TOT_UITSTROOM = tuple(s for s in STATES if phase_of(s) != "Nazorg")

VASTLEGGINGEN: dict[str, Vastlegging] = {
    "beoordeling": Vastlegging("Beoordeling vastleggen", NIET_AFGESLOTEN),
    "noa_test": Vastlegging("Noa interessetest", VOORBEREIDING),
    "vragenlijst": Vastlegging("Oriëntatie-vragenlijst", VOORBEREIDING),
    "basisvaardigheden": Vastlegging("Basiswerknemersvaardigheden", ("groepsstage",)),
    "overleg": Vastlegging("Overleg", MET_OVERLEG),
    "plaatsing": Vastlegging("Stageplaats regelen", ("stage_zoeken",)),
    "stage_overeenkomst": Vastlegging(
        "Stage-overeenkomst", plaatsing="stageplaats", zonder_plaatsing=NAAR_GROEPSSTAGE
    ),
    "rooster": Vastlegging("Weekrooster", plaatsing="stageplaats"),
    "uren": Vastlegging("Uren (presentielijst)", plaatsing="gelopen"),
    "bezoek": Vastlegging("Stagebezoek", plaatsing="lopend"),
    "praktijkopdracht": Vastlegging("Praktijkopdracht", ("verdieping",)),
    "studieadvies": Vastlegging("Bindend studieadvies", _vanuit("studieadvies"), formulier=False),
    # after an uitval in Entree, on the way from it through a new placement to the examen: the
    # Entree year runs on to a new examendatum
    "verlenging": Vastlegging(
        "Verlenging Entree-jaar",
        tuple(
            dict.fromkeys(
                (
                    *_vanuit("nieuwe_stage_zoeken"),
                    *_vanuit("stage_starten"),
                    *_vanuit("examen_aanmelden"),
                )
            )
        ),
        leerjaar="entree",
    ),
    "examenresultaat": Vastlegging("Examenresultaat", _vanuit("examen_afronden"), formulier=False),
    "uitstroom": Vastlegging("Uitstroom", _vanuit("uitstromen"), formulier=False),
    "nazorg_contact": Vastlegging("Nazorgcontact", _vanuit("nazorg_contact"), formulier=False),
    "afsluitbesluit": Vastlegging(
        "Besluit nazorg afsluiten", _vanuit("nazorg_afsluiten"), formulier=False
    ),
    "contact": Vastlegging("Contact (logboek)"),  # in every state, also after closing
    "reflectiegesprek": Vastlegging("Reflectiegesprek", ("groepsstage",), plaatsing="lopend"),
    "stage_agenda": Vastlegging("Stage-agenda afgetekend", OP_STAGE, plaatsing="lopend"),
    "kennismakingsgesprek": Vastlegging("Kennismakingsgesprek", MET_KENNISMAKING),
    "bedrijfsbezoek": Vastlegging("Bedrijfsbezoek", VOORBEREIDING),
    "doelen": Vastlegging("Persoonlijke doelen en leerdoelen", TOT_UITSTROOM),
    "proeve": Vastlegging("Proeve van Bekwaamheid", ("praktijkexamen",)),
    "eindgesprek": Vastlegging("Eindgesprek (uitstroomprofiel)", ("uitstroom",)),
    # the kandidaat list has its own section on the leerling page (service/pages/stagezoeken.py)
    "kandidaat": Vastlegging("Kandidaat-stagebedrijf", ("stage_zoeken",), formulier=False),
}
