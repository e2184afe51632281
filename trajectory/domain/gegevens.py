"""A leerling's own data and how an edit of it is asked for (issue #16): the fields a person
may change, the parent/guardian contacts, and the bounds of each, validated at the edge like a
record (a bad value is a 422 naming the field)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator

from trajectory.domain.invoer import GROOTSTE_ID, MAX_TEKST, Datum, Geheel, Id, Invoer, Korte
from trajectory.domain.snapshot import LEERJAREN as LEERJAREN  # the one list

RELATIES = ("moeder", "vader", "ouder", "verzorger", "voogd", "pleegouder", "anders")
MAX_VERZORGERS = 6
# the leerling's own fields an edit may change, in the order the page shows them
VELDEN = (
    "naam",
    "geboortedatum",
    "klas",
    "leerjaar",
    "stagebegeleider_id",
    "stage_ondersteuning",
    "nt2",
    "breedtegraad",
    "lengtegraad",
    "verzorgers",
)
VELD_LABELS = {
    "naam": "naam",
    "geboortedatum": "geboortedatum",
    "klas": "klas",
    "leerjaar": "leerjaar",
    "stagebegeleider_id": "stagebegeleider",
    "stage_ondersteuning": "stage-ondersteuning",
    "nt2": "NT2",
    "breedtegraad": "breedtegraad (thuis)",
    "lengtegraad": "lengtegraad (thuis)",
    "verzorgers": "ouders/verzorgers",
}
Telefoon = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=20, pattern=r"^\+?[0-9 ()-]*$")
]
Email = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+$")
]
Klas = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)]
if TYPE_CHECKING:  # a Literal built from the tuples at run time: a str to the type checker
    Leerjaar = str
    Relatie = str
else:
    Leerjaar = Literal[LEERJAREN]
    Relatie = Literal[RELATIES]


class VerzorgerIn(Invoer):
    """An ouder/verzorger: needed to sign a minor's stage-overeenkomst later."""

    id: Id | None = Field(default=None, description="Weglaten voor een nieuw contact")
    naam: Korte
    relatie: Relatie
    email: Email = ""
    telefoon: Telefoon = ""


class LeerlingWijziging(Invoer):
    """Only the fields sent change; `verzorgers`, when sent, is the whole list (a contact left
    out is ended). The reason is required, as long as an override's motivation."""

    version: Geheel = Field(
        ge=0, le=GROOTSTE_ID, description="De versie van de leerling die de gebruiker zag"
    )
    reden: str = Field(max_length=MAX_TEKST, description="Waarom (minstens 10 tekens)")
    naam: Korte | None = None
    geboortedatum: Datum | None = None
    klas: Klas | None = None
    leerjaar: Leerjaar | None = None
    stagebegeleider_id: Id | None = None
    stage_ondersteuning: bool | None = None
    nt2: bool | None = None
    # home (WGS84): the matching computes the distance to a company from it; empty clears it
    breedtegraad: Annotated[float, Field(ge=-90, le=90)] | None = None
    lengtegraad: Annotated[float, Field(ge=-180, le=180)] | None = None
    verzorgers: list[VerzorgerIn] | None = Field(default=None, max_length=MAX_VERZORGERS)

    @field_validator("naam", "geboortedatum", "leerjaar", "stage_ondersteuning", "nt2")
    @classmethod
    def _niet_leeg(cls, waarde: Any) -> Any:
        if waarde is None:
            raise ValueError("mag niet leeg zijn")
        return waarde

    def gevraagd(self) -> dict[str, Any]:
        """The fields this edit sets, JSON-ready (the empty klas is no klas)."""
        velden = self.model_dump(mode="json", exclude_unset=True, exclude={"version", "reden"})
        if "klas" in velden:
            velden["klas"] = velden["klas"] or None
        return velden
