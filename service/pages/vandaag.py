"""Vandaag: the first page after logging in. My work first (what is due, with a form where it is
a record; steps that are blocked), then uitgevallen, my unread notifications grouped by kind,
and my leerlingen per state (a mentor sees their class, a begeleider their own, the teamleider
all)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from service.deps import ActorDep, ClockDep, Sessions
from service.templating import page
from trajectory.domain.access import may_record
from trajectory.domain.clock import today
from trajectory.domain.herinneringen import TIMER
from trajectory.domain.invoer import PadId
from trajectory.machines import STATE_LABELS
from trajectory.store import queries
from trajectory.store import vandaag as q
from trajectory.usecases import taken
from trajectory.usecases.corrigeren import rond_opvolging_af

router = APIRouter(include_in_schema=False)
PER_GROEP = 25
MELDINGEN_OP_VANDAAG = 10
TAKEN_OP_VANDAAG = 30
UITGEVALLEN_OP_VANDAAG = 25


MELDINGSOORTEN = {
    "uitval": "Uitval",
    "voorlopig_advies": "Voorlopig advies",
    "stage_gestart": "Stage gestart",
    "stage_afgerond": "Stage afgerond",
    "groepsstage": "Groepsstage",
    "studieadvies": "Studieadvies",
    "examenuitslag": "Examenuitslag",
    "uitstroom": "Uitstroom",
    "nazorg_afgesloten": "Nazorg afgesloten",
    **{soort: timer.titel for soort, timer in TIMER.items()},
}


@router.get("/")
def vandaag(
    request: Request,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    taken_alle: Annotated[str | None, Query(alias="taken", max_length=10)] = None,
    gelukt: str | None = None,
) -> Response:
    op = today(clock)
    with sessions() as session:
        groepen = q.groepen(session, actor, PER_GROEP)
        context: dict[str, Any] = {
            "groepen": groepen,
            "uitgevallen": q.uitgevallen(session, actor, UITGEVALLEN_OP_VANDAAG),
            "aantal_uitgevallen": sum(g.totaal for g in groepen if g.state == "uitgevallen"),
            "meldingen": q.ongelezen_meldingen(session, actor, limit=MELDINGEN_OP_VANDAAG),
            "per_soort": q.ongelezen_per_soort(session, actor),
            "aantal_ongelezen": queries.ongelezen(session, actor),
            "geblokkeerd": taken.met_klas_en_begeleider(
                session, taken.geweigerde_stappen(session, actor, op)
            ),
            # visits and eindbeoordelingen from the records, the other timers from the
            # planned reminders
            "taken": sorted(
                [
                    *taken.bezoeken_te_doen(session, actor, op),
                    *taken.eindbeoordelingen_te_doen(session, actor, op),
                    *taken.geplande_herinneringen(session, actor, op),
                    *taken.erkenningen_die_verlopen(session, actor, op),
                ],
                key=lambda taak: (taak.datum, taak.leerling_id),
            ),
        }
        getoond = context["taken"] if taken_alle == "alle" else context["taken"][:TAKEN_OP_VANDAAG]
        context["meer_taken"] = len(context["taken"]) - len(getoond)
        context["taken"] = taken.met_klas_en_begeleider(session, getoond)
    context |= {
        "labels": STATE_LABELS,
        "soorten": MELDINGSOORTEN,
        "op": op,
        "gelukt": GELUKT.get(gelukt or ""),
        "mag_bezoek": may_record(actor, "bezoek"),
    }
    return page(request, "vandaag/vandaag.html", context)


@router.post("/opvolgingen/{herinnering_id}/afgerond")
def opvolging_afgerond(
    herinnering_id: PadId, sessions: Sessions, actor: ActorDep, clock: ClockDep
) -> Response:
    """One click on the work list: the actor's follow-up is done (a new version of the
    contact, audited); the owner only."""
    rond_opvolging_af(sessions, herinnering_id, actor=actor, clock=clock)
    return RedirectResponse("/?gelukt=opvolging#kop-taken", status_code=303)


GELUKT = {
    "bezoek": "Het stagebezoek is vastgelegd.",
    "opvolging": "De vervolgactie is afgerond.",
}
