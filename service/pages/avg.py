"""AVG inzage: the teamleider downloads everything held about one leerling, or about one
praktijkbegeleider of the company register (HTML or JSON).

Each download is itself an audit event (`avg_export`), committed before the file is sent."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter
from starlette.responses import HTMLResponse, Response

from service.deps import ActorDep, ClockDep, Sessions
from service.templating import TEMPLATES
from trajectory.domain.access import Actor
from trajectory.domain.invoer import PadId
from trajectory.usecases import inzage
from trajectory.usecases.fouten import NotPermitted

router = APIRouter(include_in_schema=False)


TITELS = {
    "leerling": "Leerling",
    "plaatsing": "Stages en plaatsingen",
    "vastlegging": "Vastleggingen (beoordelingen, uren, overleg, …)",
    "melding": "Meldingen aan medewerkers",
    "herinnering": "Herinneringen",
    "audit_event": "Audittrail: wie deed wat, wanneer",
    "audit_payload": "Audittrail: de gegevens bij elk event",
    "groepsstage_plek": "Plekken op de groepsstage",
    "praktijkbegeleider": "Praktijkbegeleider",
    "stagebedrijf": "Stagebedrijf",
}


def als_html(export: dict[str, Any]) -> str:
    """A readable page of the export (autoescaped; no scripts or styles): the web page and
    `trajectory avg export --html` show the same."""
    if "praktijkbegeleider_id" in export:
        wie = f"praktijkbegeleider {export['praktijkbegeleider_id']}"
    else:
        wie = f"leerling {export['leerling_id']}"
    return TEMPLATES.env.get_template("avg/inzage.html").render(
        export=export, titels=TITELS, wie=wie
    )


def _export(sessions: Sessions, leerling_id: int, actor: Actor, clock: ClockDep) -> dict:
    if not actor.is_teamleider:
        raise NotPermitted("Alleen de teamleider kan alle gegevens van een leerling opvragen.")
    with sessions.begin() as session:
        return inzage.exporteer(session, leerling_id, actor, clock)


@router.get("/leerlingen/{leerling_id}/inzage")
def inzage_html(
    leerling_id: PadId, actor: ActorDep, sessions: Sessions, clock: ClockDep
) -> Response:
    return HTMLResponse(als_html(_export(sessions, leerling_id, actor, clock)))


@router.get("/leerlingen/{leerling_id}/inzage.json")
def inzage_json(
    leerling_id: PadId, actor: ActorDep, sessions: Sessions, clock: ClockDep
) -> Response:
    export = _export(sessions, leerling_id, actor, clock)
    return Response(
        json.dumps(export, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="inzage-leerling-{leerling_id}.json"'
        },
    )


def _export_pb(sessions: Sessions, pb_id: int, actor: Actor, clock: ClockDep) -> dict:
    if not actor.is_teamleider:
        raise NotPermitted(
            "Alleen de teamleider kan alle gegevens van een praktijkbegeleider opvragen."
        )
    with sessions.begin() as session:
        return inzage.exporteer_praktijkbegeleider(session, pb_id, actor, clock)


@router.get("/praktijkbegeleiders/{praktijkbegeleider_id}/inzage")
def praktijkbegeleider_inzage_html(
    praktijkbegeleider_id: PadId, actor: ActorDep, sessions: Sessions, clock: ClockDep
) -> Response:
    return HTMLResponse(als_html(_export_pb(sessions, praktijkbegeleider_id, actor, clock)))


@router.get("/praktijkbegeleiders/{praktijkbegeleider_id}/inzage.json")
def praktijkbegeleider_inzage_json(
    praktijkbegeleider_id: PadId, actor: ActorDep, sessions: Sessions, clock: ClockDep
) -> Response:
    export = _export_pb(sessions, praktijkbegeleider_id, actor, clock)
    naam = f"inzage-praktijkbegeleider-{praktijkbegeleider_id}.json"
    return Response(
        json.dumps(export, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{naam}"'},
    )
