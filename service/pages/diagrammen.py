"""Diagram pages for the team meeting: a cohort's flow and the whole trajectory.

The pictures come from the diagram API (`/api/diagrammen/...`); they carry counts only, never
names. Without Graphviz's `dot` the page shows the Mermaid text with a note instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.responses import Response

from diagrams.render import dot_available, trajectory_text
from service.api.diagrammen import GEEN_DOT, cohort_text
from service.deps import ActorDep, ClockDep, Sessions
from service.pages import filterwaarden as f
from service.templating import page
from trajectory.domain.clock import today
from trajectory.domain.schooljaar import beginjaar, looptijd, naam_van
from trajectory.machines import STATE_LABELS, STATES
from trajectory.store import queries
from trajectory.usecases import overzichten
from trajectory.usecases.vastleggen import LEERJAREN

router = APIRouter(include_in_schema=False)
SCHOOLJAREN = 5


def schooljaren(op: date) -> list[str]:
    """The current school year (from 1 August) and the ones before it, as '2024-2025'."""
    eerste = beginjaar(op)
    return [naam_van(jaar) for jaar in range(eerste, eerste - SCHOOLJAREN, -1)]


def periode(schooljaar: str | None) -> tuple[date | None, date | None]:
    if not schooljaar:
        return None, None
    return looptijd(schooljaar)


@router.get("/overzicht/cohort")
def cohort(
    request: Request,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    schooljaar: str | None = None,
    leerjaar: str = "",
    klas: str = "",
) -> Response:
    fouten: dict[str, str] = {}
    jaren = schooljaren(today(clock))
    gekozen_jaar = (
        jaren[0] if schooljaar is None else f.keuze(schooljaar, "schooljaar", jaren, fouten)
    )
    gekozen_leerjaar = f.keuze(leerjaar, "leerjaar", LEERJAREN, fouten)
    klas = klas.strip()[:20]
    van, tot = periode(gekozen_jaar)
    with sessions() as session:
        stroom = overzichten.cohort(
            session, actor, leerjaar=gekozen_leerjaar, klas=klas or None, van=van, tot=tot
        )
        klassen = queries.klassen(session, actor)
    parameters = {
        k: v
        for k, v in {"leerjaar": gekozen_leerjaar, "klas": klas, "van": van, "tot": tot}.items()
        if v
    }
    per_state = Counter(stroom.toestanden)
    return page(
        request,
        "overzicht/cohort.html",
        {
            "stroom": stroom,
            "per_state": [(STATE_LABELS[s], per_state.get(s, 0)) for s in STATES],
            "query": urlencode(parameters),
            "schooljaren": jaren,
            "leerjaren": LEERJAREN,
            "klassen": klassen,
            "waarden": {"schooljaar": gekozen_jaar or "", "leerjaar": leerjaar, "klas": klas},
            "fouten": fouten,
            **_plaatje(lambda: cohort_text(stroom, "mermaid")),
        },
    )


@router.get("/overzicht/traject")
def traject(request: Request, actor: ActorDep) -> Response:
    return page(request, "overzicht/traject.html", _plaatje(lambda: trajectory_text("mermaid")))


def _plaatje(mermaid: Callable[[], str]) -> dict[str, object]:
    """With `dot` the page shows the picture; without it, the Mermaid text and a note."""
    if dot_available():
        return {"dot": True}
    return {"dot": False, "geen_dot": GEEN_DOT, "mermaid": mermaid()}
