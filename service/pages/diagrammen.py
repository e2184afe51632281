"""Diagram pages for the team meeting: a cohort's flow and the whole trajectory.

The pictures are drawn in Python and put inline in the page (the same SVG the diagram API
serves at `/api/diagrammen/...`), so they need no Graphviz; they carry counts only, never
names. PNG downloads need Graphviz's `dot` and are offered only where it is installed.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from markupsafe import Markup
from starlette.responses import Response

from diagrams.render import dot_available
from diagrams.views import traject_svg
from service.api.diagrammen import cohort_svg
from service.deps import ActorDep, ClockDep, Sessions
from service.pages import filterwaarden as f
from service.templating import page
from trajectory.domain.clock import today
from trajectory.domain.schooljaar import beginjaar, looptijd, naam_van
from trajectory.machines import PHASES, STATE_LABELS, STATES
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
    begeleider: str = "",
) -> Response:
    fouten: dict[str, str] = {}
    jaren = schooljaren(today(clock))
    gekozen_jaar = (
        jaren[0] if schooljaar is None else f.keuze(schooljaar, "schooljaar", jaren, fouten)
    )
    gekozen_leerjaar = f.keuze(leerjaar, "leerjaar", LEERJAREN, fouten)
    klas = klas.strip()[:20]
    van, tot = periode(gekozen_jaar)
    begeleider_id = f.getal(begeleider, "begeleider", fouten)
    with sessions() as session:
        begeleiders = dict(queries.begeleiders(session))
        stroom = overzichten.cohort(
            session,
            actor,
            leerjaar=gekozen_leerjaar,
            klas=klas or None,
            begeleider=begeleider_id,
            begeleider_naam=begeleiders.get(begeleider_id or 0),
            van=van,
            tot=tot,
        )
        klassen = queries.klassen(session, actor)
    filters = {
        "leerjaar": gekozen_leerjaar,
        "klas": klas,
        "begeleider": begeleider_id,
        "van": van,
        "tot": tot,
    }
    parameters = {k: v for k, v in filters.items() if v}
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
            "begeleiders": begeleiders,
            "waarden": {
                "schooljaar": gekozen_jaar or "",
                "leerjaar": leerjaar,
                "klas": klas,
                "begeleider": begeleider_id,
            },
            "fouten": fouten,
            **_plaatje(cohort_svg(stroom)),
        },
    )


@router.get("/overzicht/traject")
def traject(request: Request, actor: ActorDep, fase: str = "") -> Response:
    """The whole trajectory, or phase by phase (larger on a projector)."""
    gekozen = fase if fase in PHASES else None
    return page(
        request,
        "overzicht/traject.html",
        {
            "fasen": list(PHASES),
            "fase": gekozen,
            "query": urlencode({"fase": gekozen}) if gekozen else "",
            **_plaatje(traject_svg(fase=gekozen)),
        },
    )


def _plaatje(svg: str) -> dict[str, object]:
    """The picture inline (drawn in Python, every text escaped); PNG only with `dot`."""
    return {"svg": Markup(svg), "dot": dot_available()}  # noqa: S704 -- our own escaped SVG
