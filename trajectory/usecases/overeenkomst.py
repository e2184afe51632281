"""Signing a placement's stage-overeenkomst (issue #18): the PDF of the current version, a
signature as an event (typed full name, consent, the SHA-256 of the exact PDF shown), a
scanned paper contract standing in for a party, and the downloads.

Each signature is one transaction: the version's PDF is stored the first time it is signed
(so an old signed version stays downloadable), the signature row and its audit event are
written together. A signature whose hash is not the current version's (the contract or the
rooster changed while the page was open) is refused: nothing is half-saved.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trajectory.documenten import overeenkomst as document
from trajectory.domain import links
from trajectory.domain.access import Actor, may_record
from trajectory.domain.bedrijven import BEDRIJFSSECTOREN
from trajectory.domain.clock import Clock
from trajectory.domain.overeenkomst_handtekeningen import (
    PARTIJEN,
    WIJZEN,
    Versie,
    contract_en_rooster,
    getekend,
    ontbrekende_partijen,
    partijen_van,
)
from trajectory.domain.snapshot import Plaatsing, Snapshot
from trajectory.domain.waarschuwingen import verwachte_soort
from trajectory.guards.overeenkomst import OVEREENKOMST_VELDEN
from trajectory.machines.definition import STATE_LABELS
from trajectory.store import overeenkomst as rijen
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import herinneringen
from trajectory.usecases.fouten import Conflict, FieldError, NietGevonden, NotPermitted
from trajectory.usecases.laden import snapshot_van, zichtbare_leerling

AUDIT_SOORT, ONDERTEKENEN = rijen.AUDIT_SOORT, rijen.ONDERTEKENEN
GEEN_RECHT = "Met jouw rol kun je de stage-overeenkomst niet laten ondertekenen."
GEWIJZIGD = (
    "De stage-overeenkomst is intussen gewijzigd; bekijk de nieuwe versie en onderteken "
    "die opnieuw."
)
WVO_VELDEN = {k: v for k, v in OVEREENKOMST_VELDEN.items() if not k.startswith("getekend_")}


class OvereenkomstNotFound(NietGevonden):
    bericht = "Stage-overeenkomst niet gevonden."


@dataclass(frozen=True)
class Stand:
    """A placement's contract as the signing page shows it."""

    leerling_id: int
    plaatsing: Plaatsing
    versie: Versie
    sha256: str | None  # of the current version's PDF; None: no contract recorded yet
    getekend: Mapping[str, str]  # party -> wijze, current version
    ontbreekt: tuple[str, ...]
    vereist: tuple[str, ...]
    handtekeningen: tuple[t.OvereenkomstHandtekening, ...]
    documenten: tuple[t.OvereenkomstDocument, ...]
    scans: tuple[t.OvereenkomstScan, ...]


def _plaatsing(s: Snapshot, plaatsing_id: int) -> Plaatsing:
    gevonden = next((p for p in s.plaatsingen if p.id == plaatsing_id), None)
    if gevonden is None:
        raise OvereenkomstNotFound(detail=str(plaatsing_id))
    return gevonden


def gegevens(
    session: Session, leerling: t.Leerling, s: Snapshot, plaatsing: Plaatsing
) -> document.Contractgegevens:
    """The PDF's inputs, read from the placement, the register, the rooster and the record."""
    contract, rooster = contract_en_rooster(s, plaatsing)
    if contract is None:
        raise OvereenkomstNotFound(detail=str(plaatsing.id))
    rij = session.get(t.Plaatsing, plaatsing.id)
    bedrijf = session.get(t.Stagebedrijf, plaatsing.stagebedrijf_id or 0)
    pb = session.get(t.Praktijkbegeleider, rij.praktijkbegeleider_id or 0) if rij else None
    return document.Contractgegevens(
        school=document.School.uit(os.environ),
        leerling_naam=leerling.naam,
        geboortedatum=leerling.geboortedatum,
        klas=leerling.klas or "",
        bedrijf={
            "naam": bedrijf.naam if bedrijf else plaatsing.bedrijf,
            **{
                k: getattr(bedrijf, k, "") or ""
                for k in ("adres", "postcode", "plaats", "kvk", "telefoon", "email")
            },
        },
        praktijkbegeleider={
            k: getattr(pb, k, "") or "" for k in ("naam", "functie", "telefoon", "email")
        },
        plaatsing={
            "soort": STATE_LABELS[verwachte_soort(s, plaatsing)],
            "sector": BEDRIJFSSECTOREN.get(plaatsing.sector or "", plaatsing.sector or ""),
            "startdatum": f"{plaatsing.startdatum:%d-%m-%Y}",
            "einddatum": f"{plaatsing.einddatum:%d-%m-%Y}" if plaatsing.einddatum else "",
        },
        rooster=dict((rooster.data.get("dagen") or {}) if rooster else {}),
        contract={k: _als_datum(w) for k, w in contract.data.items()},
        velden=WVO_VELDEN,
        partijen=tuple(PARTIJEN[p] for p in partijen_van(s, plaatsing)),
    )


def _als_datum(waarde: Any) -> Any:
    """A contract's ISO date as the Dutch day-month-year of the rest of the document."""
    if isinstance(waarde, str) and len(waarde) == 10:
        try:
            return f"{date.fromisoformat(waarde):%d-%m-%Y}"
        except ValueError:
            pass
    return waarde


def laad_plaatsing(
    session: Session, leerling_id: int, plaatsing_id: int, actor: Actor | None
) -> tuple[t.Leerling, Snapshot, Plaatsing]:
    """`actor` None: a personal link, already scoped to this leerling and placement."""
    if actor is None:
        leerling = repo.get_leerling(session, leerling_id)
        if leerling is None:
            raise OvereenkomstNotFound(detail=str(plaatsing_id))
    else:
        leerling = zichtbare_leerling(session, leerling_id, actor)
    s = snapshot_van(session, leerling, bezetting=False)
    return leerling, s, _plaatsing(s, plaatsing_id)


def huidige_pdf(
    sessions: sessionmaker[Session], leerling_id: int, plaatsing_id: int, actor: Actor | None
) -> bytes:
    with sessions() as session:
        leerling, s, plaatsing = laad_plaatsing(session, leerling_id, plaatsing_id, actor)
        return document.pdf(gegevens(session, leerling, s, plaatsing))


def stand(
    sessions: sessionmaker[Session], leerling_id: int, plaatsing_id: int, actor: Actor | None
) -> Stand:
    with sessions() as session:
        leerling, s, plaatsing = laad_plaatsing(session, leerling_id, plaatsing_id, actor)
        contract, rooster = contract_en_rooster(s, plaatsing)
        sha = None
        if contract is not None and document.pdf_beschikbaar():  # without Pango: paper only
            sha = document.sha256(document.pdf(gegevens(session, leerling, s, plaatsing)))
        return Stand(
            leerling_id=leerling.id,
            plaatsing=plaatsing,
            versie=Versie(contract.id if contract else None, rooster.id if rooster else None),
            sha256=sha,
            getekend=getekend(s, plaatsing),
            ontbreekt=tuple(ontbrekende_partijen(s, plaatsing)),
            vereist=partijen_van(s, plaatsing),
            handtekeningen=tuple(rijen.handtekening_rijen(session, plaatsing.id)),
            documenten=tuple(rijen.documenten(session, plaatsing.id)),
            scans=tuple(rijen.scans(session, plaatsing.id)),
        )


def mag_tekenen(sessions: sessionmaker[Session], leerling_id: int, actor: Actor) -> None:
    """The leerling first (another's is the same 404 as none), then the role."""
    with sessions() as session:
        zichtbare_leerling(session, leerling_id, actor)
    if not may_record(actor, "stage_overeenkomst"):
        raise NotPermitted(GEEN_RECHT)


def _volledige_naam(naam: str) -> str:
    naam = " ".join(naam.split())
    if len(naam) > 200:
        raise FieldError("naam", "Naam: hoogstens 200 tekens.")
    if len(naam.split(" ")) < 2:
        raise FieldError("naam", "Naam: typ de volledige naam, voornaam en achternaam.")
    return naam


def kies_partij(partij: str, s: Snapshot, plaatsing: Plaatsing) -> str:
    if partij not in partijen_van(s, plaatsing):
        raise FieldError("partij", "Partij: kies een partij die deze overeenkomst ondertekent.")
    return partij


def ondertekenen(
    sessions: sessionmaker[Session],
    leerling_id: int,
    plaatsing_id: int,
    *,
    partij: str,
    naam: str,
    akkoord: bool,
    sha256: str,
    actor: Actor,
    clock: Clock,
    link_id: int | None = None,
) -> int:
    """A party signs the current version: in person on the stagebegeleider's screen (`actor`
    is the stagebegeleider) or through its personal link (`link_id`, `actor` the link's)."""
    if not akkoord:
        if link_id is None:
            mag_tekenen(sessions, leerling_id, actor)
        raise FieldError("akkoord", "Akkoord: vink aan dat u akkoord gaat met de overeenkomst.")
    (hid,) = samen_ondertekenen(
        sessions,
        leerling_id,
        plaatsing_id,
        {partij: naam},
        sha256=sha256,
        actor=actor,
        clock=clock,
        link_id=link_id,
    )
    return hid


def samen_ondertekenen(
    sessions: sessionmaker[Session],
    leerling_id: int,
    plaatsing_id: int,
    namen: Mapping[str, str],
    *,
    sha256: str | None,
    actor: Actor,
    clock: Clock,
    link_id: int | None = None,
) -> list[int]:
    """Parties (party → typed full name, each having consented) sign the current version in
    one sitting, the PDF rendered once; `sha256` None: the version as it is now (the demo's
    contract signing at the table)."""
    if link_id is None:
        mag_tekenen(sessions, leerling_id, actor)
    namen = {partij: _volledige_naam(naam) for partij, naam in namen.items()}
    moment = clock.now()
    with sessions.begin() as session:
        leerling, s, plaatsing = laad_plaatsing(
            session, leerling_id, plaatsing_id, None if link_id else actor
        )
        for partij in namen:
            kies_partij(partij, s, plaatsing)
        contract, rooster = contract_en_rooster(s, plaatsing)
        if contract is None or contract.id is None:
            raise OvereenkomstNotFound(detail=str(plaatsing_id))
        pdf = document.pdf(gegevens(session, leerling, s, plaatsing))
        sha = document.sha256(pdf)
        if sha256 is not None and sha != sha256:
            raise Conflict(GEWIJZIGD)
        versie = Versie(contract.id, rooster.id if rooster else None)
        document_id = _document_id(session, leerling.id, plaatsing.id, versie, pdf, sha, moment)
        wijze = "link" if link_id else "scherm"
        ids = []
        for partij, naam in namen.items():
            ids.append(
                rijen.voeg_handtekening_toe(
                    session,
                    leerling_id=leerling.id,
                    plaatsing_id=plaatsing.id,
                    contract_id=versie.contract_id,
                    rooster_id=versie.rooster_id,
                    partij=partij,
                    naam=naam,
                    wijze=wijze,
                    pdf_sha256=sha,
                    document_id=document_id,
                    link_id=link_id,
                    door_id=actor.id,
                    getekend_op=moment,
                )
            )
            repo.append_audit(
                session,
                tijd=moment,
                actor=actor,
                soort=AUDIT_SOORT,
                leerling_id=leerling.id,
                trigger=ONDERTEKENEN,
                payload=_payload(plaatsing.id, partij, naam, wijze, sha, link_id, actor),
            )
        herinneringen.replan(session, leerling, moment)  # the last signature: no reminder
        return ids


def _document_id(
    session: Session,
    leerling_id: int,
    plaatsing_id: int,
    versie: Versie,
    pdf: bytes,
    sha: str,
    moment: datetime,
) -> int:
    """The stored PDF of this version, stored now if this is its first signature."""
    assert versie.contract_id is not None
    bestaand = rijen.document(session, plaatsing_id, versie.contract_id, versie.rooster_id, sha)
    if bestaand is not None:
        return bestaand.id
    return rijen.voeg_document_toe(
        session,
        leerling_id=leerling_id,
        plaatsing_id=plaatsing_id,
        contract_id=versie.contract_id,
        rooster_id=versie.rooster_id,
        pdf=pdf,
        sha256=sha,
        gemaakt_op=moment,
    )


def _payload(
    plaatsing_id: int,
    partij: str,
    naam: str,
    wijze: str,
    sha256: str | None,
    link_id: int | None,
    actor: Actor,
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "plaatsing_id": plaatsing_id,
        "partij": partij,
        "naam": naam,
        "wijze": WIJZEN[wijze],
        "sha256": sha256,
    }
    if link_id is not None:  # "ouder (link)", "praktijkbegeleider Jan de Vries (link)"
        payload |= links.audit_payload(actor, link_id)
    return payload
