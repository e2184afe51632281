"""The in-app inbox: my notifications, unread first; mark one as read; my mail preference."""

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel
from sqlalchemy import select

from service.api.antwoorden import FOUTEN
from service.deps import ActorDep, ClockDep, Sessions
from trajectory.domain.invoer import PadId
from trajectory.store import tables as t
from trajectory.usecases.inbox import markeer_gelezen
from trajectory.usecases.users import set_meldingen_voorkeur

router = APIRouter(prefix="/api/meldingen", tags=["meldingen"], responses=FOUTEN)


class MeldingOut(BaseModel):
    id: int
    leerling_id: PadId
    soort: str
    onderwerp: str
    tekst: str
    aangemaakt: datetime
    gelezen: datetime | None


@router.get("", response_model=list[MeldingOut])
def inbox(sessions: Sessions, actor: ActorDep, alleen_ongelezen: bool = False) -> list[MeldingOut]:
    query = select(t.Melding).where(t.Melding.ontvanger_id == actor.id)
    if alleen_ongelezen:
        query = query.where(t.Melding.gelezen.is_(None))
    query = query.order_by(t.Melding.gelezen.is_not(None), t.Melding.id.desc()).limit(200)
    with sessions() as session:
        return [MeldingOut.model_validate(m, from_attributes=True) for m in session.scalars(query)]


@router.post("/{melding_id}/gelezen", status_code=204)
def mark_read(melding_id: PadId, sessions: Sessions, actor: ActorDep, clock: ClockDep) -> None:
    if not markeer_gelezen(sessions, melding_id, actor, clock.now()):
        raise HTTPException(404, "Melding niet gevonden.")


class Voorkeur(BaseModel):
    meldingen: Literal["direct", "dagelijks"]


@router.put("/voorkeur", status_code=204)
def set_preference(voorkeur: Voorkeur, sessions: Sessions, actor: ActorDep) -> None:
    """Mail at once, or one digest each morning (an uitval always comes at once)."""
    with sessions.begin() as session:
        set_meldingen_voorkeur(session, actor.gebruiker_id, voorkeur.meldingen)
