"""The uitstroom and bestendigheid report: a page with a chart, and the Uitstroommonitor CSV.

Every role may open it; it counts the leerlingen the user may see (the teamleider: the school).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.responses import Response

from service import csv_export
from service.deps import ActorDep, ClockDep, Sessions
from service.templating import page
from trajectory.domain.clock import today
from trajectory.domain.uitstroommonitor import (
    NORM_BEHOUDEN,
    NORM_GEPLAATST,
    RAPPORT_CATEGORIEEN,
    Cohort,
    csv_rijen,
)
from trajectory.usecases.overzichten import uitstroomrapport

router = APIRouter(include_in_schema=False)
BALK_BREEDTE = 300  # pixels for 100 % in the chart


@router.get("/rapportage/uitstroom")
def uitstroom(request: Request, sessions: Sessions, actor: ActorDep, clock: ClockDep) -> Response:
    op = today(clock)
    with sessions() as session:
        cohorten = uitstroomrapport(session, actor, op)
    return page(
        request,
        "rapportage/uitstroom.html",
        {
            "op": op,
            "cohorten": cohorten,
            "balken": [_balken(c) for c in cohorten],
            "categorieen": RAPPORT_CATEGORIEEN,
            "norm_geplaatst": NORM_GEPLAATST,
            "norm_behouden": NORM_BEHOUDEN,
            "breedte": BALK_BREEDTE,
        },
    )


@router.get("/rapportage/uitstroom.csv")
def uitstroom_csv(sessions: Sessions, actor: ActorDep, clock: ClockDep) -> Response:
    with sessions() as session:
        rijen = csv_rijen(uitstroomrapport(session, actor, today(clock)))
    return StreamingResponse(
        csv_export.regels(rijen[0], rijen[1:]),  # type: ignore[arg-type]
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="uitstroommonitor.csv"',
            "Cache-Control": "no-store",
        },
    )


def _balken(cohort: Cohort) -> list[tuple[str, float | None, float]]:
    """(label, share or None when nothing to measure, norm) for the chart's three bars."""
    return [
        ("Geplaatst bij vertrek", cohort.aandeel_geplaatst, NORM_GEPLAATST),
        ("Na 1 jaar nog op bestemming", cohort.aandeel_behouden(1), NORM_BEHOUDEN),
        ("Na 2 jaar nog op bestemming", cohort.aandeel_behouden(2), NORM_BEHOUDEN),
    ]
