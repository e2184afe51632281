"""What the praktijkbegeleider and the leerling send for a week of the stage-agenda, validated
at the edge (a bad value: a 422 naming the field); domain/stageagenda.py says what it means."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from trajectory.domain.invoer import Datum, Invoer, VrijeTekst
from trajectory.domain.records import Competentiegebied, Uitslag
from trajectory.domain.stageagenda import GEVOELENS, KORTE_REFLECTIE, maandag

if TYPE_CHECKING:
    Gevoel = str
else:
    Gevoel = Literal[tuple(GEVOELENS)]


class AgendaWeek(Invoer):
    """The praktijkbegeleider's part of one week: how it went and the hours worked per day
    (the hours entered by the school, confirmed, or their own)."""

    week: Datum = Field(description="Een dag in de week (de maandag geldt)")
    leerdoelen: VrijeTekst = Field(default="", description="Hoe ging het met de leerdoelen?")
    aandachtspunten: VrijeTekst = ""
    competenties: dict[Competentiegebied, Uitslag] = Field(
        default_factory=dict, description="De vijf competentiegebieden (beleidsplan 3.3)"
    )
    uren: dict[Datum, float] = Field(
        default_factory=dict, max_length=7, description="Gewerkte uren per dag van deze week"
    )

    @model_validator(mode="after")
    def _uren_in_de_week(self) -> AgendaWeek:
        week = maandag(self.week)
        for dag, uren in self.uren.items():
            if maandag(dag) != week:
                raise ValueError(f"{dag:%d-%m-%Y} valt niet in deze week")
            if not 0 <= uren <= 24:
                raise ValueError(f"uren op {dag:%d-%m-%Y}: tussen 0 en 24")
        return self


class AgendaReflectie(Invoer):
    """The leerling's part: a smiley and a few words."""

    week: Datum = Field(description="Een dag in de week (de maandag geldt)")
    gevoel: Gevoel = Field(description="Hoe ging de week?")
    tekst: str = Field(default="", max_length=KORTE_REFLECTIE, description="Wat ging goed?")
