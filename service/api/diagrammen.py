"""Diagrams over HTTP: the whole trajectory, one leerling's path, a cohort's flow."""

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from diagrams.render import Engine, dot_available, pipe, trajectory_text
from diagrams.views import Stap, cohort, pad, pad_svg
from service.api.antwoorden import FOUTEN
from service.deps import ActorDep, ClockDep, Sessions
from trajectory.domain.clock import today
from trajectory.domain.invoer import PadId
from trajectory.machines.versies import definitie
from trajectory.store import queries
from trajectory.usecases import engine, overzichten
from trajectory.usecases.laden import snapshot_van, zichtbare_leerling

router = APIRouter(tags=["diagrammen"], responses=FOUTEN)

Formaat = Literal["svg", "png", "dot", "mmd"]
MEDIA = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "dot": "text/vnd.graphviz; charset=utf-8",
    "mmd": "text/plain; charset=utf-8",
}
DIAGRAM: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Het diagram in het gevraagde formaat",
        "content": {media.split(";")[0]: {} for media in MEDIA.values()},
    },
    503: {"description": "Graphviz ontbreekt op de server: alleen de Mermaid-tekst"},
}
GEEN_DOT = (
    "Graphviz ('dot') is op deze server niet geïnstalleerd, dus er is geen plaatje; "
    "de Mermaid-tekst hieronder toont hetzelfde diagram."
)


def _respond(draw: Callable[[Engine], str], formaat: Formaat) -> Response:
    """`draw(engine)` gives the text of one engine; only the one needed is drawn."""
    headers = {"Cache-Control": "no-store"}
    if formaat == "mmd":
        return Response(draw("mermaid"), media_type=MEDIA["mmd"], headers=headers)
    if formaat == "dot":
        return Response(draw("graphviz"), media_type=MEDIA["dot"], headers=headers)
    if not dot_available():
        raise HTTPException(503, {"melding": GEEN_DOT, "mermaid": draw("mermaid")})
    return Response(pipe(draw("graphviz"), formaat), media_type=MEDIA[formaat], headers=headers)


@router.get("/api/diagrammen/trajectory.{formaat}", response_class=Response, responses=DIAGRAM)
def whole_trajectory(formaat: Formaat, actor: ActorDep) -> Response:
    return _respond(trajectory_text, formaat)


@router.get(
    "/api/leerlingen/{leerling_id}/pad.{formaat}", response_class=Response, responses=DIAGRAM
)
def leerling_path(
    leerling_id: PadId, formaat: Formaat, sessions: Sessions, actor: ActorDep, clock: ClockDep
) -> Response:
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        state, versie = leerling.state, leerling.trajectory_version
        stappen = [
            Stap(trigger, van, naar)
            for _, trigger, van, naar in queries.overgangen(session, [leerling.id])
        ]
        mogelijk: dict[str, bool] = {}
        if definitie(versie).triggers_from(state):  # no step from here: no records to judge
            snapshot = snapshot_van(session, leerling)
            mogelijk = {o.trigger: o.allowed for o in engine.options(snapshot, today(clock))}
    if formaat == "svg" and dot_available():  # the cached drawing with this path's highlights
        svg = pad_svg(leerling.id, stappen, state, mogelijk, versie)
        return Response(svg, media_type=MEDIA["svg"], headers={"Cache-Control": "no-store"})
    return _respond(
        partial(
            pad,
            leerling_id=leerling.id,
            stappen=stappen,
            huidig=state,
            mogelijk=mogelijk,
            versie=versie,
        ),
        formaat,
    )


@router.get("/api/diagrammen/cohort.{formaat}", response_class=Response, responses=DIAGRAM)
def cohort_flow(
    formaat: Formaat,
    sessions: Sessions,
    actor: ActorDep,
    leerjaar: str | None = None,
    klas: Annotated[str | None, Query(max_length=20)] = None,
    van: date | None = None,
    tot: date | None = None,
) -> Response:
    """Counts only, over the leerlingen the actor may see; no names in the picture."""
    with sessions() as session:
        stroom = overzichten.cohort(session, actor, leerjaar=leerjaar, klas=klas, van=van, tot=tot)
    return _respond(partial(cohort_text, stroom), formaat)


def cohort_text(stroom: overzichten.Cohort, engine: Engine) -> str:
    return cohort(
        engine,
        titel=stroom.titel,
        toestanden=stroom.toestanden,
        stappen=[Stap(*stap) for stap in stroom.stappen],
    )
