"""JSON API for the go-live intake (#16): one leerling placed at its current state (teamleider)."""

from __future__ import annotations

from fastapi import APIRouter

from service.api import schemas as s
from service.api.antwoorden import FOUTEN
from service.deps import ActorDep, ClockDep, Sessions
from trajectory.domain.intake import IntakeIn
from trajectory.usecases import intake

router = APIRouter(prefix="/api/intake", tags=["intake"], responses=FOUTEN)


@router.post("", status_code=201, response_model=s.Aangemaakt)
def neem_op(body: IntakeIn, sessions: Sessions, actor: ActorDep, clock: ClockDep) -> s.Aangemaakt:
    """Overgenomen uit de administratie: de leerling staat meteen in zijn huidige fase, met de
    geschiedenis die die fase veronderstelt; de volgende stappen gaan langs de guards."""
    return s.Aangemaakt(id=intake.neem_op(sessions, body, actor=actor, clock=clock))
