"""Overviews: all leerlingen (filters, paged), the groepsstage capacity grid, Entree hours.

The search field is sent in a POST body, never in the URL: a name must not end up in the
browser's history, a Referer header or a proxy's log, not only not in our access log. The other
filters (state, leerjaar, klas, begeleider) are not personal and may be a link (GET).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from service import deps
from service.deps import ActorDep, ClockDep, Sessions
from service.pages import filterwaarden as f
from service.templating import page
from trajectory.domain.access import BEGELEIDERS, Actor, may_advance
from trajectory.domain.beleid import beleid_op
from trajectory.domain.clock import today
from trajectory.machines import STATE_LABELS, STATES
from trajectory.store import queries
from trajectory.usecases import overzichten, wachtlijst
from trajectory.usecases.vastleggen import LEERJAREN

router = APIRouter(include_in_schema=False)
PER_PAGINA = 50
Veld = Annotated[str, Form(max_length=100)]


@router.get("/overzicht")
def overzicht(
    request: Request,
    sessions: Sessions,
    actor: ActorDep,
    state: str = "",
    leerjaar: str = "",
    klas: str = "",
    begeleider: str = "",
    pagina: str = "",
) -> Response:
    return _lijst(request, sessions, actor, state, leerjaar, klas, begeleider, "", pagina)


@router.post("/overzicht")
def overzicht_zoeken(
    request: Request,
    sessions: Sessions,
    actor: ActorDep,
    state: Veld = "",
    leerjaar: Veld = "",
    klas: Veld = "",
    begeleider: Veld = "",
    zoek: Veld = "",
    pagina: Veld = "",
) -> Response:
    return _lijst(request, sessions, actor, state, leerjaar, klas, begeleider, zoek, pagina)


def _lijst(
    request: Request,
    sessions: Sessions,
    actor: ActorDep,
    state: str,
    leerjaar: str,
    klas: str,
    begeleider: str,
    zoek: str,
    pagina: str,
) -> Response:
    fouten: dict[str, str] = {}
    filt = queries.Filter(
        state=f.keuze(state, "state", STATES, fouten),
        leerjaar=f.keuze(leerjaar, "leerjaar", LEERJAREN, fouten),
        klas=klas.strip()[:20] or None,
        stagebegeleider_id=f.getal(begeleider, "begeleider", fouten),
        zoek=zoek.strip() or None,
    )
    nummer = f.pagina(pagina)
    with sessions() as session:
        rows, totaal = queries.list_leerlingen(
            session, actor, filt, page=nummer, per_page=PER_PAGINA
        )
        begeleiders = dict(queries.begeleiders(session))
        klassen = queries.klassen(session, actor)
    waarden = {"state": state, "leerjaar": leerjaar, "klas": klas, "begeleider": begeleider}
    return page(
        request,
        "overzicht/leerlingen.html",
        {
            "rows": rows,
            "totaal": totaal,
            "pagina": nummer,
            "paginas": f.aantal_paginas(totaal, PER_PAGINA),
            "waarden": waarden,
            "zoek": zoek,
            "fouten": fouten,
            "labels": STATE_LABELS,
            "states": STATES,
            "leerjaren": LEERJAREN,
            "klassen": klassen,
            "begeleiders": begeleiders,
            "kies_begeleider": actor.rol not in BEGELEIDERS,
        },
    )


@router.get("/overzicht/groepsstage")
def groepsstage(request: Request, sessions: Sessions, actor: ActorDep) -> Response:
    return groepsstage_pagina(request, sessions, actor)


def groepsstage_pagina(
    request: Request, sessions: Sessions, actor: Actor, fout: str = "", status_code: int = 200
) -> Response:
    """The grid with each dagdeel's waiting list, and the form to put a leerling on it."""
    capaciteit = beleid_op(today(deps.clock(request))).groepsstage_plaatsen_per_dagdeel
    with sessions() as session:
        context = {
            "dagdelen": overzichten.groepsstage_bezetting(session, actor, capaciteit),
            "wachtlijsten": wachtlijst.wachtlijsten(session, actor),
            "kandidaten": wachtlijst.kandidaten(session, actor) if may_advance(actor) else [],
            "fout": fout,
        }
    return page(request, "overzicht/groepsstage.html", context, status_code=status_code)


@router.get("/overzicht/entree")
def entree(request: Request, sessions: Sessions, actor: ActorDep, clock: ClockDep) -> Response:
    op = today(clock)
    with sessions() as session:
        standen = overzichten.entree_standen(session, actor, op)
    return page(
        request,
        "overzicht/entree.html",
        {"standen": standen, "op": op, "beleid": beleid_op(op)},
    )
