"""The placement page's "Links voor buiten school" (issue #18): make (or re-send, which
replaces) and revoke the personal links of a leerling's placements.

The leerling's stagebegeleider and the teamleider may (`domain.access.may_manage_links`);
every other viewer sees no section and gets a 403 (or the leerling's 404) on a post. A new
link's URL and QR code are shown once, on the answer to the post itself (the token is
never stored, so it cannot be shown again: re-sending makes a new link).
"""

from __future__ import annotations

from typing import Any

import segno
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from service.deps import ActorDep, ClockDep, FormDep, Sessions
from service.foutsoorten import status_van
from service.pages.foutteksten import per_veld, plaats
from service.templating import page
from trajectory.domain.access import Actor
from trajectory.domain.invoer import PadId
from trajectory.domain.links import DOELEN, KEUZES, PARTIJ_NAMEN, LinkAanvraag
from trajectory.usecases import links
from trajectory.usecases.fouten import Fout

router = APIRouter(include_in_schema=False)
VELDEN = ("keuze", "naam", "email", "versturen")
STATUS_LABELS = {
    "actief": "actief",
    "verlopen": "verlopen",
    "ingetrokken": "ingetrokken",
    "vervangen": "vervangen door een nieuwe link",
}


def sectie(
    request: Request, leerling: dict[str, Any], secties: list[links.Linksectie] | None = None
) -> dict[str, Any]:
    """The section's context for the leerling page (empty for who may not manage links);
    `secties` when the page read them already (`links.linksecties_van`)."""
    state = request.app.state
    actor: Actor = request.state.actor
    if secties is None:
        secties = links.linksecties(state.sessions, leerling["id"], actor=actor, clock=state.clock)
    return {
        "linksecties": secties,
        "link_keuzes": KEUZES,
        "link_doelen": DOELEN,
        "link_partijen": PARTIJ_NAMEN,
        "link_statussen": STATUS_LABELS,
    }


@router.post("/leerlingen/{leerling_id}/stageplaatsen/{plaatsing_id}/links")
def maken(
    request: Request,
    leerling_id: PadId,
    plaatsing_id: PadId,
    form: FormDep,
    actor: ActorDep,
    sessions: Sessions,
    clock: ClockDep,
) -> Response:
    ingevuld = {veld: str(form.get(veld, ""))[:300] for veld in VELDEN}
    try:
        aanvraag = LinkAanvraag.model_validate(
            {**ingevuld, "versturen": form.get("versturen") == "ja"}
        )
        nieuw = links.maak_link(
            sessions,
            plaatsing_id,
            aanvraag.partij,
            aanvraag.doel,
            actor=actor,
            clock=clock,
            email=aanvraag.email or None,
            naam=aanvraag.naam or None,
            versturen=request.app.state.sleutels if aanvraag.versturen else None,
            leerling_id=leerling_id,
        )
    except ValidationError as exc:
        fouten = plaats(per_veld(exc), VELDEN)
        return _pagina(request, leerling_id, plaatsing_id, ingevuld, fouten, 422)
    except Fout as exc:
        if status_van(exc) != 422:
            raise
        veld = getattr(exc, "veld", None) or ""
        fouten = plaats({veld: [exc.bericht]}, VELDEN)
        return _pagina(request, leerling_id, plaatsing_id, ingevuld, fouten, 422)
    url = f"{str(request.base_url).rstrip('/')}/l/{nieuw.token}"
    qr = segno.make(url, error="m").svg_inline(scale=4, border=2, title="QR-code van de link")
    context = {"nieuw": nieuw, "url": url, "qr": qr, "aanvraag": aanvraag}
    return _pagina(request, leerling_id, plaatsing_id, ingevuld, {}, 200, context)


@router.post("/leerlingen/{leerling_id}/links/{link_id}/intrekken")
def intrekken(
    leerling_id: PadId,
    link_id: PadId,
    actor: ActorDep,
    sessions: Sessions,
    clock: ClockDep,
) -> Response:
    links.intrekken(sessions, link_id, actor=actor, clock=clock, leerling_id=leerling_id)
    return RedirectResponse(f"/leerlingen/{leerling_id}#links", status_code=303)


def _pagina(
    request: Request,
    leerling_id: int,
    plaatsing_id: int,
    ingevuld: dict[str, str],
    fouten: dict[str, list[str]],
    status_code: int,
    extra: dict[str, Any] | None = None,
) -> Response:
    context = {
        "leerling_id": leerling_id,
        "plaatsing_id": plaatsing_id,
        "ingevuld": ingevuld,
        "fouten": fouten,
        "keuzes": KEUZES,
        "doelen": DOELEN,
        "partijen": PARTIJ_NAMEN,
        "nieuw": None,
        **(extra or {}),
    }
    return page(request, "extern/beheer.html", context, status_code=status_code)
