"""Diagrams over HTTP: the whole trajectory, one leerling's path, a cohort's flow.

SVG is drawn in Python (diagrams/views.py, diagrams/sankey.py) and always answers; `.dot` and
`.mmd` are the Graphviz and Mermaid texts; `.png` needs Graphviz's `dot` (503 without it).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from diagrams import sankey, stroom
from diagrams.render import Engine, dot_available, pipe, trajectory_text
from diagrams.views import Open, Stap, Weigering, cohort, pad, pad_svg, traject_svg
from service.api.antwoorden import FOUTEN
from service.deps import ActorDep, ClockDep, Sessions
from trajectory.domain.clock import today
from trajectory.domain.invoer import PadId
from trajectory.machines.definition import PHASES, TRIGGER_LABELS
from trajectory.machines.versies import definitie
from trajectory.store import queries
from trajectory.store import tables as t
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
    503: {"description": "Graphviz ontbreekt op de server (alleen voor PNG): de Mermaid-tekst"},
}
GEEN_DOT = (
    "Graphviz ('dot') is op deze server niet geïnstalleerd, dus er is geen PNG; "
    "het SVG-plaatje en de Mermaid-tekst tonen hetzelfde diagram."
)
SVG_KOPPEN = {"Cache-Control": "no-store"}


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
def whole_trajectory(
    formaat: Formaat, actor: ActorDep, fase: Annotated[str | None, Query(max_length=40)] = None
) -> Response:
    """The whole trajectory; as SVG also one phase (`fase`, e.g. Oriëntatie) with the states
    its steps lead to."""
    if formaat == "svg":
        gekozen = fase if fase in PHASES else None
        return Response(traject_svg(fase=gekozen), media_type=MEDIA["svg"], headers=SVG_KOPPEN)
    return _respond(trajectory_text, formaat)


@dataclass(frozen=True)
class Pad:
    """What a leerling's path picture needs, read from the audit trail and the guards."""

    leerling_id: int
    state: str
    versie: str
    stappen: tuple[Stap, ...]
    weigeringen: tuple[Weigering, ...]
    open_stappen: tuple[Open, ...]

    def svg(self) -> str:
        return _getekend(self)


@lru_cache(maxsize=256)
def _getekend(pad: Pad) -> str:
    """The drawing is a function of the path alone (every input is in `pad`, so no worker can
    make it stale): the leerling page and its separate `pad.svg`, and every reload of either,
    draw a path once per process (0.7–1.2 ms a drawing on the 2-core machine)."""
    return pad_svg(
        pad.leerling_id, pad.stappen, pad.state, pad.open_stappen, pad.weigeringen, pad.versie
    )


def pad_van(
    session: Session,
    leerling: t.Leerling,
    opties: list[engine.Optie] | None = None,
    *,
    op: date,
    gebeurtenissen: Iterable[tuple[str, str | None, str | None, str | None, bool]] | None = None,
) -> Pad:
    """The path of a leerling the caller has loaded through the one loader (`zichtbare_leerling`);
    `opties` when the caller judged the steps from here already, `gebeurtenissen` (soort,
    trigger, van, naar, override of its audit events, in order) when it read them already."""
    if gebeurtenissen is None:
        gebeurtenissen = queries.pad_gebeurtenissen(session, leerling.id)
    stappen, weigeringen = [], []
    for soort, trigger, van, naar, override in gebeurtenissen:
        if trigger not in TRIGGER_LABELS or van is None:
            continue  # a refused record, not a step
        if soort == "overgang" and naar is not None:
            stappen.append(Stap(trigger, van, naar, override))
        elif soort == "weigering":
            weigeringen.append(Weigering(trigger, van))
    if opties is None:
        opties = []
        if definitie(leerling.trajectory_version).triggers_from(leerling.state):
            opties = engine.options(snapshot_van(session, leerling), op)
    return Pad(
        leerling.id,
        leerling.state,
        leerling.trajectory_version,
        tuple(stappen),
        tuple(weigeringen),
        tuple(Open(o.trigger, o.dest, tuple(v.guard for v in o.failing)) for o in opties),
    )


@router.get(
    "/api/leerlingen/{leerling_id}/pad.{formaat}", response_class=Response, responses=DIAGRAM
)
def leerling_path(
    leerling_id: PadId, formaat: Formaat, sessions: Sessions, actor: ActorDep, clock: ClockDep
) -> Response:
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        gegevens = pad_van(session, leerling, op=today(clock))
    if formaat == "svg":
        return Response(gegevens.svg(), media_type=MEDIA["svg"], headers=SVG_KOPPEN)
    return _respond(
        partial(
            pad,
            leerling_id=gegevens.leerling_id,
            stappen=gegevens.stappen,
            huidig=gegevens.state,
            mogelijk={o.trigger: not o.ontbreekt for o in gegevens.open_stappen},
            versie=gegevens.versie,
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
    begeleider: PadId | None = None,
    van: date | None = None,
    tot: date | None = None,
) -> Response:
    """Counts only, over the leerlingen the actor may see; no names in the picture. The SVG is
    the flow between phases (a Sankey); the other forms the counts on the whole machine."""
    with sessions() as session:
        naam = dict(queries.begeleiders(session)).get(begeleider or 0)
        cohort_ = overzichten.cohort(
            session,
            actor,
            leerjaar=leerjaar,
            klas=klas,
            begeleider=begeleider,
            begeleider_naam=naam,
            van=van,
            tot=tot,
        )
    if formaat == "svg":
        return Response(cohort_svg(cohort_), media_type=MEDIA["svg"], headers=SVG_KOPPEN)
    return _respond(partial(cohort_text, cohort_), formaat)


def cohort_svg(cohort_: overzichten.Cohort) -> str:
    """The flow between phases as a Sankey, drawn in Python."""
    return sankey.svg(
        stroom.stroom(
            cohort_.titel,
            cohort_.toestanden,
            [(leerling, van, naar) for leerling, _, van, naar in cohort_.stappen],
        )
    )


def cohort_text(stroom: overzichten.Cohort, engine: Engine) -> str:
    return cohort(
        engine,
        titel=stroom.titel,
        toestanden=stroom.toestanden,
        stappen=[Stap(*stap[1:]) for stap in stroom.stappen],
    )
