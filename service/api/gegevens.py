"""JSON API for a leerling's own data: edit it (audited, with the version seen), and the
teamleider's bulk reassignment to another stagebegeleider (a preview, then the confirmation)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from service.api.antwoorden import FOUTEN
from service.deps import ActorDep, ClockDep, Sessions
from trajectory.domain.gegevens import LeerlingWijziging
from trajectory.domain.invoer import GROOTSTE_ID, MAX_TEKST, Geheel, Id, Invoer, PadId
from trajectory.usecases import gegevens

router = APIRouter(prefix="/api/leerlingen", tags=["leerlingen"], responses=FOUTEN)


class GewijzigdOut(BaseModel):
    version: int
    wijzigingen: dict[str, dict[str, Any]] = Field(
        description="Per veld de oude en de nieuwe waarde; leeg als er niets anders werd"
    )
    event_id: int | None


@router.patch(
    "/{leerling_id}",
    response_model=GewijzigdOut,
    responses={409: {"description": "Versieconflict: iemand anders wijzigde de leerling"}},
)
def wijzig_leerling(
    leerling_id: PadId,
    body: LeerlingWijziging,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
) -> GewijzigdOut:
    """Only the fields sent change; each change is an audit event with old and new value."""
    data = body.model_dump(mode="json", exclude_unset=True)
    result = gegevens.wijzig_leerling(sessions, leerling_id, data, actor=actor, clock=clock)
    return GewijzigdOut(
        version=result.version, wijzigingen=result.wijzigingen, event_id=result.event_id
    )


class HerverdelingIn(Invoer):
    leerlingen: list[Id] = Field(max_length=gegevens.MAX_HERVERDELING)
    stagebegeleider_id: Id


class Regel(Invoer):
    id: Id
    version: Geheel = Field(ge=0, le=GROOTSTE_ID)


class BevestigingIn(Invoer):
    leerlingen: list[Regel] = Field(max_length=gegevens.MAX_HERVERDELING)
    stagebegeleider_id: Id
    reden: str = Field(max_length=MAX_TEKST)


class RegelOut(BaseModel):
    id: int
    naam: str
    klas: str | None
    state: str
    version: int
    van_stagebegeleider_id: int | None


@router.post("/herverdelen/voorstel", response_model=list[RegelOut])
def herverdeling_voorstel(
    body: HerverdelingIn, sessions: Sessions, actor: ActorDep
) -> list[RegelOut]:
    """Teamleider: what a reassignment would change (send these lines back to confirm)."""
    voorstel = gegevens.herverdeling_voorstel(
        sessions, body.leerlingen, body.stagebegeleider_id, actor=actor
    )
    return [
        RegelOut(
            id=r.leerling_id,
            naam=r.naam,
            klas=r.klas,
            state=r.state,
            version=r.version,
            van_stagebegeleider_id=r.van_id,
        )
        for r in voorstel
    ]


@router.post(
    "/herverdelen",
    response_model=list[GewijzigdOut],
    responses={409: {"description": "Een leerling veranderde na het voorstel: niets gewijzigd"}},
)
def herverdeel(
    body: BevestigingIn, sessions: Sessions, actor: ActorDep, clock: ClockDep
) -> list[GewijzigdOut]:
    """Teamleider: confirm a preview; all lines or none (a stale version is a 409)."""
    gedaan = gegevens.herverdeel(
        sessions,
        [(r.id, r.version) for r in body.leerlingen],
        body.stagebegeleider_id,
        body.reden,
        actor=actor,
        clock=clock,
    )
    return [
        GewijzigdOut(version=g.version, wijzigingen=g.wijzigingen, event_id=g.event_id)
        for g in gedaan
    ]
