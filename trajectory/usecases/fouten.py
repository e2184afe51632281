"""The use cases' errors, and the whole hierarchy in one import for the web layer and the CLI.

Exceptions are for not-found, permission, bad input and a race lost; a refusal by the policy
(a failing guard, a record that does not fit the state, a waiting list that does not apply)
is a value, `Geweigerd`, audited like a refused step.
"""

from __future__ import annotations

from trajectory.domain.fouten import (
    Conflict,
    FieldError,
    Fout,
    GeenToegang,
    NietGevonden,
    Ongeldig,
    Soort,
)
from trajectory.store.repository import GroepsstageVol, VersionConflict

__all__ = [
    "BedrijfGewijzigd",
    "BedrijfNotFound",
    "Conflict",
    "FieldError",
    "Fout",
    "GeenToegang",
    "GroepsstageVol",
    "LeerlingNotFound",
    "NietGevonden",
    "NotPermitted",
    "Ongeldig",
    "PayloadError",
    "PraktijkbegeleiderNotFound",
    "Soort",
    "UnknownTrigger",
    "VersionConflict",
]


class LeerlingNotFound(NietGevonden):
    """The leerling does not exist or the actor may not see it (one answer for both)."""

    bericht = "Leerling niet gevonden."

    def __init__(self, leerling_id: int) -> None:
        super().__init__(detail=str(leerling_id))
        self.leerling_id = leerling_id


class UnknownTrigger(NietGevonden):
    bericht = "Onbekende stap."

    def __init__(self, trigger: str) -> None:
        super().__init__(detail=trigger)


class NotPermitted(GeenToegang):
    """The actor's role may not do this; the message says what."""


class PayloadError(Ongeldig):
    """A step's payload as a whole is missing, not wanted, or its motivation too short."""

    veld = ""


class BedrijfNotFound(NietGevonden):
    bericht = "Stagebedrijf niet gevonden."

    def __init__(self, bedrijf_id: int) -> None:
        super().__init__(detail=str(bedrijf_id))


class PraktijkbegeleiderNotFound(NietGevonden):
    bericht = "Praktijkbegeleider niet gevonden."

    def __init__(self, pb_id: int) -> None:
        super().__init__(detail=str(pb_id))


class BedrijfGewijzigd(VersionConflict):
    """Someone else changed this company (or praktijkbegeleider) since the version seen."""

    bericht = (
        "Iemand anders heeft dit stagebedrijf intussen gewijzigd. Bekijk hoe het nu is en "
        "voer uw wijziging opnieuw in."
    )


class MotivatieTeKort(PayloadError):
    """An override's written motivation is shorter than the rule (engine.override_motivatie)."""

    veld = "motivatie"
