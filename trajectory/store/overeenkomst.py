"""A contract's signed versions, signatures and scans as rows: persistence only (issue #18)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trajectory.domain.actor import Actor
from trajectory.domain.overeenkomst_handtekeningen import (
    PAPIEREN_WIJZEN,
    STAGE_OVEREENKOMST,
    VINKJES,
    WIJZEN,
)
from trajectory.domain.snapshot import Handtekening, Record
from trajectory.store import tables as t

AUDIT_SOORT = "overeenkomst"  # the audit events of a contract: signatures, scans
ONDERTEKENEN = "ondertekenen"  # the trigger of a signature's audit event


def handtekeningen(session: Session, leerling_id: int) -> tuple[Handtekening, ...]:
    """The leerling's signatures as the guards read them (one query)."""
    h = t.OvereenkomstHandtekening
    rijen = session.execute(
        select(h.plaatsing_id, h.contract_id, h.rooster_id, h.partij, h.wijze)
        .where(h.leerling_id == leerling_id)
        .order_by(h.id)
    ).all()
    return tuple(Handtekening(*rij) for rij in rijen)


def handtekening_rijen(session: Session, plaatsing_id: int) -> Sequence[t.OvereenkomstHandtekening]:
    h = t.OvereenkomstHandtekening
    return session.scalars(select(h).where(h.plaatsing_id == plaatsing_id).order_by(h.id)).all()


def voeg_handtekening_toe(session: Session, **velden: Any) -> int:
    rij = t.OvereenkomstHandtekening(**velden)
    session.add(rij)
    session.flush()
    return rij.id


def document(
    session: Session, plaatsing_id: int, contract_id: int, rooster_id: int | None, sha256: str
) -> t.OvereenkomstDocument | None:
    """The stored PDF of a version with exactly these bytes, if one was signed before."""
    d = t.OvereenkomstDocument
    rooster = d.rooster_id.is_(None) if rooster_id is None else d.rooster_id == rooster_id
    return session.scalar(
        select(d)
        .where(d.plaatsing_id == plaatsing_id, d.contract_id == contract_id, rooster)
        .where(d.sha256 == sha256)
        .limit(1)
    )


def voeg_document_toe(session: Session, **velden: Any) -> int:
    rij = t.OvereenkomstDocument(**velden)
    session.add(rij)
    session.flush()
    return rij.id


def documenten(session: Session, plaatsing_id: int) -> Sequence[t.OvereenkomstDocument]:
    """The signed versions of a placement's contract, newest first (the PDFs not loaded)."""
    d = t.OvereenkomstDocument
    return session.scalars(
        select(d).where(d.plaatsing_id == plaatsing_id).order_by(d.id.desc())
    ).all()


def get_document(session: Session, document_id: int) -> t.OvereenkomstDocument | None:
    return session.get(t.OvereenkomstDocument, document_id)


def voeg_scan_toe(session: Session, **velden: Any) -> int:
    rij = t.OvereenkomstScan(**velden)
    session.add(rij)
    session.flush()
    return rij.id


def scans(session: Session, plaatsing_id: int) -> Sequence[t.OvereenkomstScan]:
    s = t.OvereenkomstScan
    return session.scalars(select(s).where(s.plaatsing_id == plaatsing_id).order_by(s.id)).all()


def get_scan(session: Session, scan_id: int) -> t.OvereenkomstScan | None:
    return session.get(t.OvereenkomstScan, scan_id)


def van_leerling(session: Session, leerling_id: int) -> dict[str, list[dict[str, Any]]]:
    """Everything of the leerling's contracts for the AVG export (metadata; files by id)."""
    h, d, s = t.OvereenkomstHandtekening, t.OvereenkomstDocument, t.OvereenkomstScan
    return {
        "handtekeningen": [
            {
                "plaatsing_id": r.plaatsing_id,
                "partij": r.partij,
                "naam": r.naam,
                "wijze": r.wijze,
                "pdf_sha256": r.pdf_sha256,
                "getekend_op": r.getekend_op.isoformat(),
            }
            for r in session.scalars(select(h).where(h.leerling_id == leerling_id).order_by(h.id))
        ],
        "documenten": [
            {"id": i, "plaatsing_id": p, "sha256": sha}
            for i, p, sha in session.execute(
                select(d.id, d.plaatsing_id, d.sha256).where(d.leerling_id == leerling_id)
            )
        ],
        "scans": [
            {"id": i, "plaatsing_id": p, "mime": m, "sha256": sha}
            for i, p, m, sha in session.execute(
                select(s.id, s.plaatsing_id, s.mime, s.sha256).where(s.leerling_id == leerling_id)
            )
        ],
    }


def _huidig(session: Session, plaatsing_id: int, kind: str) -> t.Vastlegging | None:
    """The placement's current record of a kind, as `Snapshot.laatste` picks it (latest by
    date, then by order of recording)."""
    v = t.Vastlegging
    return session.scalar(
        select(v)
        .where(v.plaatsing_id == plaatsing_id, v.kind == kind, t.HUIDIG_RECORD)
        .order_by(v.datum.desc(), v.id.desc())
        .limit(1)
    )


def papieren_handtekeningen(
    session: Session,
    leerling_id: int,
    records: Sequence[Record],
    ids: Sequence[int],
    door: Actor,
    tijd: datetime,
) -> list[t.OvereenkomstHandtekening]:
    """The signature rows that records just stored make (issue #18), for the caller to audit.

    A ticked `getekend_*` box on a stored contract record is the storing account's declaration
    that the party signed that contract on paper: one `papier` row per box on the version the
    record makes (the record and the placement's current rooster), no PDF hash. A rooster
    stored on or before the contract's date (the paper contract named its times) takes the
    contract's paper signatures over to the version it makes; a rooster of a later day does
    not, so that version needs new signatures."""
    rijen: list[t.OvereenkomstHandtekening] = []
    opgeslagen = list(zip(records, ids, strict=True))
    for record, record_id in opgeslagen:
        if record.kind != STAGE_OVEREENKOMST or record.plaatsing_id is None:
            continue
        rooster = _huidig(session, record.plaatsing_id, "rooster")
        for partij, vinkje in VINKJES.items():
            if record.data.get(vinkje):
                rijen.append(
                    t.OvereenkomstHandtekening(
                        leerling_id=leerling_id,
                        plaatsing_id=record.plaatsing_id,
                        contract_id=record_id,
                        rooster_id=rooster.id if rooster else None,
                        partij=partij,
                        naam=f"op papier, verklaard door {door.naam}"[:200],
                        wijze="papier",
                        door_id=door.id,
                        getekend_op=tijd,
                    )
                )
    if rijen:  # most records are no contract: no ORM flush for them
        session.add_all(rijen)
        session.flush()
    for record, record_id in opgeslagen:
        if record.kind == "rooster" and record.plaatsing_id is not None:
            rijen += _papier_mee(session, leerling_id, record.plaatsing_id, record_id, door)
    return rijen


def _papier_mee(
    session: Session, leerling_id: int, plaatsing_id: int, rooster_id: int, door: Actor
) -> list[t.OvereenkomstHandtekening]:
    """The current contract's paper signatures, taken over to the version a new rooster of
    the same day (or earlier) makes."""
    contract, rooster = (
        _huidig(session, plaatsing_id, STAGE_OVEREENKOMST),
        _huidig(session, plaatsing_id, "rooster"),
    )
    if contract is None or rooster is None or rooster.id != rooster_id:
        return []  # no contract yet, or a back-dated rooster: the version did not change
    if rooster.datum > contract.datum:
        return []
    h = t.OvereenkomstHandtekening
    bestaand = session.scalars(
        select(h).where(h.plaatsing_id == plaatsing_id, h.contract_id == contract.id).order_by(h.id)
    ).all()
    al = {r.partij for r in bestaand if r.rooster_id == rooster_id}
    mee: dict[str, t.OvereenkomstHandtekening] = {}
    for r in bestaand:
        if r.wijze in PAPIEREN_WIJZEN and r.scan_id is None and r.partij not in al:
            mee.setdefault(r.partij, r)
    rijen = [
        h(
            leerling_id=leerling_id,
            plaatsing_id=plaatsing_id,
            contract_id=contract.id,
            rooster_id=rooster_id,
            partij=r.partij,
            naam=r.naam,
            wijze=r.wijze,
            door_id=r.door_id,
            getekend_op=r.getekend_op,
        )
        for r in mee.values()
    ]
    if rijen:
        session.add_all(rijen)
        session.flush()
    return rijen


def audit_payload(rij: t.OvereenkomstHandtekening) -> dict[str, Any]:
    """What the audit event of a paper signature made from a record says."""
    return {
        "plaatsing_id": rij.plaatsing_id,
        "partij": rij.partij,
        "naam": rij.naam,
        "wijze": WIJZEN[rij.wijze],
        "sha256": None,
        "contract_id": rij.contract_id,
        "rooster_id": rij.rooster_id,
    }
