"""Audit verification and the machine definition."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from service.api.antwoorden import FOUTEN
from service.api.schemas import VerificatieOut
from service.deps import ActorDep, Sessions
from trajectory.machines.export import machine_as_dict
from trajectory.store.repository import verify_audit
from trajectory.usecases.fouten import NotPermitted

router = APIRouter(prefix="/api", tags=["audit"], responses=FOUTEN)


@router.get("/audit/verify", response_model=VerificatieOut)
def verify(sessions: Sessions, actor: ActorDep) -> VerificatieOut:
    if not actor.is_teamleider:
        raise NotPermitted("Alleen de teamleider kan de audittrail controleren.")
    with sessions() as session:
        finding = verify_audit(session)
    if finding is None:
        return VerificatieOut(intact=True)
    return VerificatieOut(
        intact=False,
        eerste_fout_event=finding.event_id,
        reden=finding.reden,
        keten=finding.keten,
        volgnummer=finding.volgnummer,
    )


@router.get("/machine")
def machine(actor: ActorDep) -> dict[str, Any]:
    return machine_as_dict()
