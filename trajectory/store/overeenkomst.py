"""A contract's signed versions, signatures and scans as rows: persistence only (issue #18)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trajectory.domain.snapshot import Handtekening
from trajectory.store import tables as t


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
