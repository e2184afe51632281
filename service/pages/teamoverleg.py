"""The team-meeting view (`/teamoverleg`): full screen, large type, for a klas or a
stagebegeleider. First the cohort's flow this school year, then one leerling at a time among
those to discuss (trajectory/usecases/teamoverleg.py), with their path and open steps. Next and
previous with the keyboard (static/teamoverleg.js); without script the slides simply follow
each other. Every leerling comes through the one loader (`zichtbare_leerling`); names can be
hidden for a screen others see ("zonder namen")."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.responses import Response

from service.api.diagrammen import cohort_svg, pad_van
from service.deps import ActorDep, ClockDep, Sessions
from service.pages import filterwaarden as f
from service.templating import page
from trajectory.domain.access import Actor
from trajectory.domain.actor import BEGELEIDERS
from trajectory.domain.clock import today
from trajectory.domain.schooljaar import beginjaar, looptijd, naam_van
from trajectory.machines import STATE_LABELS, phase_of
from trajectory.store import queries
from trajectory.usecases import engine, overzichten, teamoverleg
from trajectory.usecases.laden import snapshot_van, zichtbare_leerling

router = APIRouter(include_in_schema=False)
MAX_DIAS = 40  # leerlingen shown one by one; the rest are counted


def _standaardgroep(actor: Actor) -> tuple[str, int | None]:
    """A mentor's own klas, a begeleider's own leerlingen; the teamleider chooses."""
    if actor.rol == "mentor":
        return actor.klas or "", None
    if actor.rol in BEGELEIDERS:
        return "", actor.id
    return "", None


def _dia(
    session: Session, punt: teamoverleg.Bespreekpunt, actor: Actor, op: date, naam: str
) -> dict[str, Any]:
    leerling = zichtbare_leerling(session, punt.leerling.id, actor)
    opties = engine.options(snapshot_van(session, leerling), op)
    pad = pad_van(session, leerling, opties, op=op)
    return {
        "id": leerling.id,
        "naam": naam,
        "klas": leerling.klas,
        "toestand": STATE_LABELS[leerling.state],
        "fase": phase_of(leerling.state),
        "redenen": punt.redenen,
        "pad": Markup(pad.svg()),  # noqa: S704 -- our own SVG, every text escaped
        "open": [
            {
                "label": o.label,
                "naar": STATE_LABELS[o.dest],
                "kan": o.allowed,
                "waarom": [v.reden or v.guard for v in o.failing],
            }
            for o in opties
        ],
    }


@router.get("/teamoverleg")
def teamoverleg_pagina(
    request: Request,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    klas: str | None = None,
    begeleider: str | None = None,
    weken: str = "",
    namen: str = "ja",
) -> Response:
    fouten: dict[str, str] = {}
    standaard_klas, standaard_begeleider = _standaardgroep(actor)
    klas = (standaard_klas if klas is None else klas).strip()[:20]
    begeleider_id = (
        standaard_begeleider if begeleider is None else f.getal(begeleider, "begeleider", fouten)
    )
    gekozen_weken = f.getal(weken, "weken", fouten) or teamoverleg.WEKEN_VAST
    if not 1 <= gekozen_weken <= teamoverleg.MAX_WEKEN:
        fouten["weken"] = f"Kies 1 tot {teamoverleg.MAX_WEKEN} weken."
        gekozen_weken = teamoverleg.WEKEN_VAST
    met_namen = namen != "nee"
    op = today(clock)
    van, _ = looptijd(naam_van(beginjaar(op)))
    with sessions() as session:
        begeleiders = dict(queries.begeleiders(session))
        naam_begeleider = begeleiders.get(begeleider_id or 0)
        stroom = overzichten.cohort(
            session,
            actor,
            klas=klas or None,
            begeleider=begeleider_id,
            begeleider_naam=naam_begeleider,
            van=van,
            tot=op,
        )
        punten = teamoverleg.te_bespreken(
            session, actor, op, klas=klas or None, begeleider=begeleider_id, weken=gekozen_weken
        )
        dias = [
            _dia(session, punt, actor, op, punt.leerling.naam if met_namen else f"Leerling {i}")
            for i, punt in enumerate(punten[:MAX_DIAS], start=1)
        ]
        klassen = queries.klassen(session, actor)
    groep = (
        " en ".join(x for x in (f"klas {klas}" if klas else "", naam_begeleider or "") if x)
        or "alle leerlingen"
    )
    return page(
        request,
        "teamoverleg/teamoverleg.html",
        {
            "groep": groep,
            "cohort": Markup(cohort_svg(stroom)),  # noqa: S704 -- our own SVG, escaped
            "dias": dias,
            "meer": max(0, len(punten) - MAX_DIAS),
            "klassen": klassen,
            "begeleiders": begeleiders,
            "waarden": {
                "klas": klas,
                "begeleider": begeleider_id,
                "weken": gekozen_weken,
                "namen": met_namen,
            },
            "fouten": fouten,
        },
    )
