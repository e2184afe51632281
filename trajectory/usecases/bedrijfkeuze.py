"""The company a new placement names (issue #17), and registering a company in the caller's
transaction: shared by the register (usecases/bedrijven.py) and whoever makes a placement
(vastleggen, intake, corrigeren), so a company typed on a placement is in the register at once
under the same rule as the migration of the free-text names (`naam_sleutel`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor
from trajectory.domain.bedrijfsregels import erkend_op
from trajectory.domain.bedrijven import StagebedrijfIn, naam_sleutel
from trajectory.domain.records import PlaatsingIn
from trajectory.domain.snapshot import SECTOREN
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


def erkenning_niet_in_register(
    session: Session,
    *,
    stagebedrijf_id: int | None,
    naam: str | None,
    sector: str | None,
    startdatum: date,
    waar: str,
) -> str | None:
    """For a caller that still says a placement's company is an erkend leerbedrijf (the old
    `erkend_leerbedrijf` of the API and the intake's column, before the register, #17): the
    register decides now. None when the register backs the claim (an erkenning for the sector
    on the start date), else the Dutch reason; `waar` says where the erkenning is recorded
    (`{id}` becomes the company's id)."""
    if stagebedrijf_id is not None:
        bedrijf = rijen.get_bedrijf(session, stagebedrijf_id)
    else:
        bedrijf = rijen.bedrijf_met_sleutel(session, naam_sleutel(naam)) if naam else None
    if bedrijf is None:
        return (
            f"{naam or 'Dit bedrijf'} staat nog niet in het bedrijvenregister, dus ook zijn "
            "SBB-erkenning niet: de erkenning wordt nu in het register vastgelegd. Registreer het "
            "bedrijf met zijn erkenning en laat erkend_leerbedrijf dan weg."
        )
    if erkend_op(bedrijf.erkenning_geldig_tot, bedrijf.erkenning_sectoren, sector, startdatum):
        return None
    return (
        f"De erkenning wordt nu in het bedrijvenregister vastgelegd, en daar heeft {bedrijf.naam} "
        f"geen SBB-erkenning voor de sector {SECTOREN.get(sector or '', sector)} op "
        f"{startdatum:%d-%m-%Y}. Leg de erkenning vast bij het bedrijf "
        f"({waar.format(id=bedrijf.id)}) en laat erkend_leerbedrijf dan weg."
    )


def erkenning_opgegeven(sessions: sessionmaker[Session], plaatsing: PlaatsingIn) -> None:
    """The API's old `erkend_leerbedrijf: true` on a placement: accepted when the register
    backs it, else a 422 on that field saying where the erkenning is recorded now."""
    with sessions() as session:
        reden = erkenning_niet_in_register(
            session,
            stagebedrijf_id=plaatsing.stagebedrijf_id,
            naam=plaatsing.bedrijf,
            sector=plaatsing.sector,
            startdatum=plaatsing.startdatum,
            waar="/api/bedrijven/{id}",
        )
    if reden:
        raise FieldError("erkend_leerbedrijf", reden)
