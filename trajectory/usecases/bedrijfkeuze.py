"""The company a new placement names (issue #17), and registering a company in the caller's
transaction: shared by the register (usecases/bedrijven.py) and whoever makes a placement
(vastleggen, intake, corrigeren), so a company typed on a placement is in the register at once
under the same rule as the migration of the free-text names (`naam_sleutel`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from trajectory.domain.access import Actor
from trajectory.domain.bedrijven import StagebedrijfIn, naam_sleutel
from trajectory.store import bedrijven as rijen
from trajectory.store import repository as repo
from trajectory.usecases.fouten import FieldError

AUDIT_SOORT = "bedrijf"  # the audit event's soort of every change to the register


def registreer_in(
    session: Session, bedrijf: StagebedrijfIn, actor: Actor, moment: datetime, **extra: Any
) -> int:
    """Register the company in the caller's transaction, audited; a name already in the
    register (whatever its case or spacing) is refused."""
    sleutel = naam_sleutel(bedrijf.naam)
    bestaand = rijen.bedrijf_met_sleutel(session, sleutel)
    if bestaand is not None:
        raise FieldError("naam", f"{bestaand.naam} staat al in het register.")
    velden = _velden(bedrijf, actor)
    bedrijf_id = rijen.voeg_bedrijf_toe(session, {**velden, "naam_sleutel": sleutel}, moment)
    repo.append_audit(
        session,
        tijd=moment,
        actor=actor,
        soort=AUDIT_SOORT,
        leerling_id=None,
        trigger="bedrijf_registreren",
        payload={"stagebedrijf_id": bedrijf_id, **bedrijf.model_dump(mode="json"), **extra},
    )
    return bedrijf_id


def _velden(bedrijf: StagebedrijfIn, actor: Actor) -> dict[str, Any]:
    velden = bedrijf.model_dump(include=set(StagebedrijfIn.model_fields))
    if bedrijf.erkenning_gecontroleerd_op is not None:
        velden["erkenning_gecontroleerd_door_id"] = actor.id
    return velden


@dataclass(frozen=True)
class Stagebedrijfkeuze:
    """The company (and praktijkbegeleider) a placement names, as the placement stores them."""

    stagebedrijf_id: int
    naam: str
    praktijkbegeleider_id: int | None

    def velden(self) -> dict[str, Any]:
        """The placement's columns that name its company."""
        return {
            "stagebedrijf_id": self.stagebedrijf_id,
            "bedrijf": self.naam,
            "praktijkbegeleider_id": self.praktijkbegeleider_id,
        }


def bedrijf_voor_plaatsing(
    session: Session,
    *,
    stagebedrijf_id: int | None,
    naam: str | None,
    praktijkbegeleider_id: int | None,
    actor: Actor,
    moment: datetime,
) -> Stagebedrijfkeuze:
    """The register's company a placement names: by id, or by name — the company of that name
    whatever its case or spacing (`naam_sleutel`, the migration's rule), or a new one
    registered there and then (audited, so a company typed on a placement is in the register
    at once). The praktijkbegeleider must be an active one of that company."""
    if stagebedrijf_id is not None:
        bedrijf = rijen.get_bedrijf(session, stagebedrijf_id)
        if bedrijf is None:
            raise FieldError("stagebedrijf_id", "Dit stagebedrijf staat niet in het register.")
    elif naam:
        bedrijf = rijen.bedrijf_met_sleutel(session, naam_sleutel(naam))
        if bedrijf is None:
            nieuw = StagebedrijfIn(naam=naam)
            bedrijf_id = registreer_in(session, nieuw, actor, moment, bij_plaatsing=True)
            bedrijf = rijen.get_bedrijf(session, bedrijf_id)
            assert bedrijf is not None
    else:
        raise FieldError("stagebedrijf_id", "Kies het stagebedrijf.")
    if praktijkbegeleider_id is not None:
        pb = rijen.get_praktijkbegeleider(session, praktijkbegeleider_id)
        if pb is None or pb.stagebedrijf_id != bedrijf.id:
            raise FieldError(
                "praktijkbegeleider_id", f"Deze praktijkbegeleider hoort niet bij {bedrijf.naam}."
            )
        if not pb.actief:
            raise FieldError(
                "praktijkbegeleider_id", f"{pb.naam} is niet meer actief bij {bedrijf.naam}."
            )
    return Stagebedrijfkeuze(bedrijf.id, bedrijf.naam, praktijkbegeleider_id)
