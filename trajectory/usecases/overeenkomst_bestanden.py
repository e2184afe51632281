"""A scanned paper contract standing in for a party's signature, and the files to download
(issue #18): the signed versions' PDFs and the scans, for who may see the leerling. A scan is
PDF, PNG or JPEG (sniffed from its bytes), at most 10 MB, stored with its SHA-256."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from trajectory.documenten import overeenkomst as document
from trajectory.domain.access import Actor
from trajectory.domain.clock import Clock
from trajectory.domain.overeenkomst_bestand import MAX_BYTES, soort_van
from trajectory.domain.overeenkomst_handtekeningen import contract_en_rooster
from trajectory.store import overeenkomst as rijen
from trajectory.store import repository as repo
from trajectory.usecases import herinneringen
from trajectory.usecases.fouten import FieldError
from trajectory.usecases.laden import zichtbare_leerling
from trajectory.usecases.overeenkomst import (
    AUDIT_SOORT,
    OvereenkomstNotFound,
    kies_partij,
    laad_plaatsing,
    mag_tekenen,
)

SCAN = "scan_uploaden"


def scan_uploaden(
    sessions: sessionmaker[Session],
    leerling_id: int,
    plaatsing_id: int,
    *,
    partij: str,
    inhoud: bytes | None,
    actor: Actor,
    clock: Clock,
) -> int:
    """A scanned paper contract stands in for `partij`'s signature of the current version,
    declared by the stagebegeleider (DOMAIN.md). `inhoud` None: no file was sent."""
    mag_tekenen(sessions, leerling_id, actor)
    if not inhoud:
        raise FieldError("bestand", "Bestand: kies het gescande contract (PDF, PNG of JPEG).")
    if len(inhoud) > MAX_BYTES:
        raise FieldError("bestand", "Bestand: het bestand is groter dan 10 MB.")
    mime = soort_van(inhoud)
    if mime is None:
        raise FieldError("bestand", "Bestand: upload een PDF, PNG of JPEG (gescand contract).")
    moment = clock.now()
    with sessions.begin() as session:
        leerling, s, plaatsing = laad_plaatsing(session, leerling_id, plaatsing_id, actor)
        partij = kies_partij(partij, s, plaatsing)
        contract, rooster = contract_en_rooster(s, plaatsing)
        if contract is None or contract.id is None:
            raise OvereenkomstNotFound(detail=str(plaatsing_id))
        sha = document.sha256(inhoud)
        scan_id = rijen.voeg_scan_toe(
            session,
            leerling_id=leerling.id,
            plaatsing_id=plaatsing.id,
            mime=mime,
            inhoud=inhoud,
            sha256=sha,
            grootte=len(inhoud),
            door_id=actor.id,
            geupload_op=moment,
        )
        rijen.voeg_handtekening_toe(
            session,
            leerling_id=leerling.id,
            plaatsing_id=plaatsing.id,
            contract_id=contract.id,
            rooster_id=rooster.id if rooster else None,
            partij=partij,
            naam=f"papier, verklaard door {actor.naam}",
            wijze="papier",
            scan_id=scan_id,
            door_id=actor.id,
            getekend_op=moment,
        )
        repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort=AUDIT_SOORT,
            leerling_id=leerling.id,
            trigger=SCAN,
            payload={"plaatsing_id": plaatsing.id, "partij": partij, "sha256": sha, "mime": mime},
        )
        herinneringen.replan(session, leerling, moment)
        return scan_id


def document_bestand(
    sessions: sessionmaker[Session], leerling_id: int, document_id: int, actor: Actor | None
) -> bytes:
    """A signed version's PDF, for who may see the leerling."""
    with sessions() as session:
        if actor is not None:
            zichtbare_leerling(session, leerling_id, actor)
        rij = rijen.get_document(session, document_id)
        if rij is None or rij.leerling_id != leerling_id:
            raise OvereenkomstNotFound(detail=str(document_id))
        return rij.pdf


def scan_bestand(
    sessions: sessionmaker[Session], leerling_id: int, scan_id: int, actor: Actor
) -> tuple[bytes, str]:
    with sessions() as session:
        zichtbare_leerling(session, leerling_id, actor)
        rij = rijen.get_scan(session, scan_id)
        if rij is None or rij.leerling_id != leerling_id:
            raise OvereenkomstNotFound(detail=str(scan_id))
        return rij.inhoud, rij.mime
