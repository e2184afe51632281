"""The stage-agenda of a placement for the school (issue #18): the weeks and who did what,
every version (a superseded one struck through), the hours approved and waiting, the company's
beoordelingen; the stagebegeleider's aftekenen and co-signature as buttons.

A leerling the user may not see is a 404 (usecases/stageagenda.agenda_voor_staf); the
buttons go through the use cases, which check the role as every record does.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from service.deps import ActorDep, ClockDep, FormDep, Sessions
from service.foutsoorten import STATUS
from service.templating import page
from trajectory.domain.access import Actor, may_record
from trajectory.domain.invoer import PadId
from trajectory.domain.stageagenda import DEEL_TITELS, DELEN, GEVOELENS, maandag, week_tekst
from trajectory.usecases import stageagenda
from trajectory.usecases.fouten import FieldError, NietGevonden
from trajectory.usecases.geweigerd import Geweigerd

router = APIRouter(include_in_schema=False)

GELUKT = {
    "afgetekend": "De week is afgetekend.",
    "medeondertekend": "U hebt de beoordeling van het bedrijf medeondertekend.",
}


def _pad(leerling_id: int, plaatsing_id: int) -> str:
    return f"/leerlingen/{leerling_id}/stageplaatsen/{plaatsing_id}/agenda"


def _toon(
    request: Request,
    sessions: Sessions,
    actor: Actor,
    clock: ClockDep,
    leerling_id: int,
    plaatsing_id: int,
    *,
    melding: str | None = None,
    gelukt: str | None = None,
    status_code: int = 200,
) -> Response:
    naam, agenda = stageagenda.agenda_voor_staf(
        sessions, leerling_id, plaatsing_id, actor=actor, clock=clock
    )
    context = {
        "naam": naam,
        "leerling_id": leerling_id,
        "agenda": agenda,
        "delen": DELEN,
        "deel_titels": DEEL_TITELS,
        "gevoelens": GEVOELENS,
        "week_tekst": week_tekst,
        "pad": _pad(leerling_id, plaatsing_id),
        "mag_aftekenen": may_record(actor, "stage_agenda"),
        "mag_tekenen": may_record(actor, "beoordeling", "stagebeoordeling"),
        "melding": melding,
        "gelukt": gelukt,
    }
    return page(request, "stageagenda/agenda.html", context, status_code=status_code)


@router.get("/leerlingen/{leerling_id}/stageplaatsen/{plaatsing_id}/agenda")
def agenda(
    request: Request,
    leerling_id: PadId,
    plaatsing_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    gelukt: str = "",
) -> Response:
    return _toon(
        request, sessions, actor, clock, leerling_id, plaatsing_id, gelukt=GELUKT.get(gelukt)
    )


@router.post("/leerlingen/{leerling_id}/stageplaatsen/{plaatsing_id}/agenda/aftekenen")
def aftekenen(
    request: Request,
    leerling_id: PadId,
    plaatsing_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    try:
        week = maandag(date.fromisoformat(str(form.get("week", ""))[:10]))
    except ValueError as exc:
        raise FieldError("week", "Kies de week die u aftekent.") from exc
    result = stageagenda.teken_af(
        sessions, leerling_id, plaatsing_id, week, actor=actor, clock=clock
    )
    if isinstance(result, Geweigerd):
        melding = " ".join([result.inleiding, *result.redenen])
        return _toon(
            request, sessions, actor, clock, leerling_id, plaatsing_id,
            melding=melding, status_code=STATUS["geweigerd"],
        )  # fmt: skip
    return RedirectResponse(f"{_pad(leerling_id, plaatsing_id)}?gelukt=afgetekend", 303)


@router.post("/leerlingen/{leerling_id}/stageplaatsen/{plaatsing_id}/agenda/medeondertekenen")
def medeondertekenen(
    request: Request,
    leerling_id: PadId,
    plaatsing_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    try:
        record_id = int(str(form.get("record_id", "")))
    except ValueError as exc:
        raise NietGevonden("Deze beoordeling van het bedrijf bestaat niet (meer).") from exc
    stageagenda.onderteken_mee(sessions, leerling_id, record_id, actor=actor, clock=clock)
    return RedirectResponse(f"{_pad(leerling_id, plaatsing_id)}?gelukt=medeondertekend", 303)
