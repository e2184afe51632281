"""Overviews: all leerlingen (filters, paged), the groepsstage capacity grid, Entree hours.

The search field is sent in a POST body, never in the URL: a name must not end up in the
browser's history, a Referer header or a proxy's log, not only not in our access log. The other
filters (state, leerjaar, klas, begeleider) are not personal and may be a link (GET).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response, StreamingResponse

from service import csv_export, deps
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
    sorteer: str = "",
    richting: str = "",
    alle: str = "",
) -> Response:
    keuze = Keuze(state, leerjaar, klas, begeleider, "", sorteer, richting, alle)
    return _lijst(request, sessions, actor, keuze, pagina)


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
    sorteer: Veld = "",
    richting: Veld = "",
    alle: Veld = "",
) -> Response:
    keuze = Keuze(state, leerjaar, klas, begeleider, zoek, sorteer, richting, alle)
    return _lijst(request, sessions, actor, keuze, pagina)


@router.post("/overzicht/export.csv")
def overzicht_export(
    sessions: Sessions,
    actor: ActorDep,
    state: Veld = "",
    leerjaar: Veld = "",
    klas: Veld = "",
    begeleider: Veld = "",
    zoek: Veld = "",
    sorteer: Veld = "",
    richting: Veld = "",
    alle: Veld = "",
) -> Response:
    """The filtered list, every page of it, as CSV (a POST: the search term stays out of URLs)."""
    keuze = Keuze(state, leerjaar, klas, begeleider, zoek, sorteer, richting, alle)
    filt, fouten = keuze.filter()
    if fouten:
        return Response(" ".join(fouten.values()), status_code=422, media_type="text/plain")
    with sessions() as session:
        rows, _ = queries.list_leerlingen(session, actor, filt, page=1, per_page=0)
        begeleiders = dict(queries.begeleiders(session))
    cellen = (
        [r.naam, r.klas, _leerjaar(r.leerjaar), STATE_LABELS.get(r.state, r.state),
         begeleiders.get(r.stagebegeleider_id or 0, "")]
        for r in rows
    )  # fmt: skip
    return StreamingResponse(
        csv_export.regels(EXPORT_KOLOMMEN, cellen),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="leerlingen.csv"',
            "Cache-Control": "no-store",
        },
    )


EXPORT_KOLOMMEN = ("Naam", "Klas", "Leerjaar", "Fase", "Stagebegeleider")
KOLOMMEN = (  # the list's columns: (sort key, heading)
    ("naam", "Naam"),
    ("klas", "Klas"),
    ("leerjaar", "Leerjaar"),
    ("fase", "Fase"),
    ("begeleider", "Stagebegeleider"),
)


def _leerjaar(leerjaar: str) -> str:
    return "Entree" if leerjaar == "entree" else leerjaar


@dataclass(frozen=True)
class Keuze:
    """The list's filters and order as typed (strings), checked into a `queries.Filter`."""

    state: str
    leerjaar: str
    klas: str
    begeleider: str
    zoek: str
    sorteer: str
    richting: str
    alle: str

    def filter(self) -> tuple[queries.Filter, dict[str, str]]:
        fouten: dict[str, str] = {}
        filt = queries.Filter(
            state=f.keuze(self.state, "state", STATES, fouten),
            leerjaar=f.keuze(self.leerjaar, "leerjaar", LEERJAREN, fouten),
            klas=self.klas.strip()[:20] or None,
            stagebegeleider_id=f.getal(self.begeleider, "begeleider", fouten),
            zoek=self.zoek.strip() or None,
            lopend=not self.alle,
            sorteer=self.sorteer if self.sorteer in queries.SORTEERBAAR else "naam",
            aflopend=self.richting == "af",
        )
        return filt, fouten

    def waarden(self) -> dict[str, str]:
        """What a link or the next page carries along (never the search term: not personal)."""
        return {
            "state": self.state,
            "leerjaar": self.leerjaar,
            "klas": self.klas,
            "begeleider": self.begeleider,
            "sorteer": self.sorteer if self.sorteer in queries.SORTEERBAAR else "",
            "richting": "af" if self.richting == "af" else "",
            "alle": "1" if self.alle else "",
        }


def _lijst(
    request: Request, sessions: Sessions, actor: ActorDep, keuze: Keuze, pagina: str
) -> Response:
    filt, fouten = keuze.filter()
    nummer = f.pagina(pagina)
    with sessions() as session:
        rows, totaal = queries.list_leerlingen(
            session, actor, filt, page=nummer, per_page=PER_PAGINA
        )
        begeleiders = dict(queries.begeleiders(session))
        klassen = queries.klassen(session, actor)
    waarden = keuze.waarden()
    return page(
        request,
        "overzicht/leerlingen.html",
        {
            "rows": rows,
            "totaal": totaal,
            "pagina": nummer,
            "paginas": f.aantal_paginas(totaal, PER_PAGINA),
            "waarden": waarden,
            "filters": {k: v for k, v in waarden.items() if k not in ("sorteer", "richting")},
            "sorteer": filt.sorteer,
            "aflopend": filt.aflopend,
            "kolommen": KOLOMMEN,
            "zoek": keuze.zoek,
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
