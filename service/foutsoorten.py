"""The HTTP status of each kind of failure: the one table the JSON and the HTML side read."""

from __future__ import annotations

from trajectory.usecases.fouten import Fout, Soort

STATUS: dict[Soort, int] = {
    "niet_gevonden": 404,
    "geen_toegang": 403,
    "conflict": 409,
    "ongeldig": 422,
    "geweigerd": 409,
}


def status_van(fout: Fout) -> int:
    return STATUS[fout.soort]
