"""AVG inzage: the teamleider downloads everything held about one leerling (HTML or JSON).

Each download is itself an audit event (`avg_export`), committed before the file is sent."""

from __future__ import annotations

import json

from fastapi import APIRouter
from starlette.responses import HTMLResponse, Response

from service.deps import ActorDep, ClockDep, Sessions
from trajectory.access import Actor
from trajectory.engine import LeerlingNotFound, NotPermitted
from trajectory.store import avg

router = APIRouter(include_in_schema=False)


def _export(sessions: Sessions, leerling_id: int, actor: Actor, clock: ClockDep) -> dict:
    if not actor.is_teamleider:
        raise NotPermitted("Alleen de teamleider kan alle gegevens van een leerling opvragen.")
    with sessions.begin() as session:
        try:
            return avg.exporteer(session, leerling_id, actor, clock)
        except avg.LeerlingOnbekend as exc:
            raise LeerlingNotFound(leerling_id) from exc


@router.get("/leerlingen/{leerling_id}/inzage")
def inzage_html(leerling_id: int, actor: ActorDep, sessions: Sessions, clock: ClockDep) -> Response:
    return HTMLResponse(avg.als_html(_export(sessions, leerling_id, actor, clock)))


@router.get("/leerlingen/{leerling_id}/inzage.json")
def inzage_json(leerling_id: int, actor: ActorDep, sessions: Sessions, clock: ClockDep) -> Response:
    export = _export(sessions, leerling_id, actor, clock)
    return Response(
        json.dumps(export, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="inzage-leerling-{leerling_id}.json"'
        },
    )
