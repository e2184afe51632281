"""Vandaag: the first page after logging in. My leerlingen per state, uitgevallen, what is due,
my unread notifications (a mentor sees their class, a begeleider their own, the teamleider all)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from service.deps import ActorDep, ClockDep, Sessions
from service.templating import page
from trajectory.domain.clock import today
from trajectory.machines import STATE_LABELS
from trajectory.store import queries
from trajectory.store import vandaag as q
from trajectory.usecases import taken

router = APIRouter(include_in_schema=False)
PER_GROEP = 25
MELDINGEN_OP_VANDAAG = 10
TAKEN_OP_VANDAAG = 30
UITGEVALLEN_OP_VANDAAG = 25


@router.get("/")
def vandaag(request: Request, sessions: Sessions, actor: ActorDep, clock: ClockDep) -> Response:
    op = today(clock)
    with sessions() as session:
        groepen = q.groepen(session, actor, PER_GROEP)
        context: dict[str, Any] = {
            "groepen": groepen,
            "uitgevallen": q.uitgevallen(session, actor, UITGEVALLEN_OP_VANDAAG),
            "aantal_uitgevallen": sum(g.totaal for g in groepen if g.state == "uitgevallen"),
            "meldingen": q.ongelezen_meldingen(session, actor, limit=MELDINGEN_OP_VANDAAG),
            "aantal_ongelezen": queries.ongelezen(session, actor),
            # visits and eindbeoordelingen from the records, the other timers from the
            # planned reminders
            "taken": sorted(
                [
                    *taken.bezoeken_te_doen(session, actor, op),
                    *taken.eindbeoordelingen_te_doen(session, actor, op),
                    *taken.geplande_herinneringen(session, actor, op),
                ],
                key=lambda taak: (taak.datum, taak.leerling_id),
            ),
        }
    context["meer_taken"] = max(0, len(context["taken"]) - TAKEN_OP_VANDAAG)
    context["taken"] = context["taken"][:TAKEN_OP_VANDAAG]
    return page(request, "vandaag/vandaag.html", {**context, "labels": STATE_LABELS, "op": op})
