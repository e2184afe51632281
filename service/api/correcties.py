"""JSON API for corrections (#16): correct or void a record or a placement, history kept.

A correction names the row it replaces in the path; a row someone else corrected or voided in
the meantime is a 409 and nothing changes. The answer names the steps already taken that the
corrected history would not have allowed (the state does not move; the stagebegeleider is told).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from service.api.antwoorden import FOUTEN
from service.deps import ActorDep, ClockDep, Sessions
from service.errors import refused
from trajectory.domain.invoer import MAX_ITEMS, MAX_TEKST, Invoer, PadId
from trajectory.usecases import corrigeren
from trajectory.usecases.geweigerd import Geweigerd

router = APIRouter(prefix="/api/leerlingen", tags=["correcties"], responses=FOUTEN)
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "Iemand anders heeft dit al gecorrigeerd of ongeldig gemaakt"}
}


class OngeldigIn(Invoer):
    reden: str = Field(
        max_length=MAX_TEKST, description="Waarom (minstens zoveel tekens als een motivatie)"
    )


class CorrectieIn(OngeldigIn):
    gegevens: dict[str, Any] = Field(
        max_length=MAX_ITEMS,
        description="Record: alle gegevens van de nieuwe versie; stageplaats: wat verandert",
    )


class OngeldigeStapOut(BaseModel):
    trigger: str
    op: str
    redenen: list[str]


class CorrectieOut(BaseModel):
    nieuw_id: int | None
    ongeldige_stappen: list[OngeldigeStapOut]


def _antwoord(result: corrigeren.Gecorrigeerd) -> CorrectieOut:
    return CorrectieOut(
        nieuw_id=result.nieuw_id,
        ongeldige_stappen=[
            OngeldigeStapOut(trigger=s.trigger, op=s.op.isoformat(), redenen=list(s.redenen))
            for s in result.ongeldige_stappen
        ],
    )


@router.post(
    "/{leerling_id}/records/{kind}/{record_id}/correctie",
    response_model=CorrectieOut,
    responses=CONFLICT,
)
def corrigeer_record(
    leerling_id: PadId,
    kind: str,
    record_id: PadId,
    body: CorrectieIn,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
) -> Any:
    result = corrigeren.corrigeer_record(
        sessions, leerling_id, kind, record_id, body.gegevens,
        reden=body.reden, actor=actor, clock=clock,
    )  # fmt: skip
    return refused(result) if isinstance(result, Geweigerd) else _antwoord(result)


@router.post(
    "/{leerling_id}/records/{kind}/{record_id}/ongeldig",
    response_model=CorrectieOut,
    responses=CONFLICT,
)
def maak_record_ongeldig(
    leerling_id: PadId,
    kind: str,
    record_id: PadId,
    body: OngeldigIn,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
) -> CorrectieOut:
    result = corrigeren.maak_record_ongeldig(
        sessions, leerling_id, kind, record_id, reden=body.reden, actor=actor, clock=clock
    )
    return _antwoord(result)


@router.post(
    "/{leerling_id}/plaatsingen/{plaatsing_id}/correctie",
    response_model=CorrectieOut,
    responses=CONFLICT,
)
def corrigeer_plaatsing(
    leerling_id: PadId,
    plaatsing_id: PadId,
    body: CorrectieIn,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
) -> CorrectieOut:
    result = corrigeren.corrigeer_plaatsing(
        sessions, leerling_id, plaatsing_id, body.gegevens,
        reden=body.reden, actor=actor, clock=clock,
    )  # fmt: skip
    return _antwoord(result)


@router.post(
    "/{leerling_id}/plaatsingen/{plaatsing_id}/ongeldig",
    response_model=CorrectieOut,
    responses=CONFLICT,
)
def maak_plaatsing_ongeldig(
    leerling_id: PadId,
    plaatsing_id: PadId,
    body: OngeldigIn,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
) -> CorrectieOut:
    result = corrigeren.maak_plaatsing_ongeldig(
        sessions, leerling_id, plaatsing_id, reden=body.reden, actor=actor, clock=clock
    )
    return _antwoord(result)
