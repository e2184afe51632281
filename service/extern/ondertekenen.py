"""Signing the stage-overeenkomst through a personal link (issue #18, doel `ondertekenen`):
the PDF to download and its SHA-256, then a typed full name and consent. The placement and
the party are the link's own; the praktijkbegeleider's link signs for the company."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from service.deps import ClockDep, FormDep, Sessions
from service.extern.deps import LinkToegang, link_toegang, registreer_doelpagina
from service.templating import page
from trajectory.domain.overeenkomst_handtekeningen import PARTIJ_VAN_LINK, PARTIJEN
from trajectory.usecases import overeenkomst as ok
from trajectory.usecases.fouten import Fout

router = APIRouter(include_in_schema=False)
PAD = "/extern/ondertekenen"
Toegang = Annotated[LinkToegang, Depends(link_toegang("ondertekenen"))]
registreer_doelpagina("ondertekenen", "Stage-overeenkomst lezen en ondertekenen", PAD)


def _pagina(
    request: Request, sessions: Sessions, toegang: LinkToegang, melding: str = "", status: int = 200
) -> Response:
    stand = ok.stand(sessions, toegang.leerling_id, toegang.plaatsing_id, None)
    partij = PARTIJ_VAN_LINK[toegang.partij]
    context = {
        "toegang": toegang,
        "csrf": toegang.csrf,
        "stand": stand,
        "partij": partij,
        "partij_naam": PARTIJEN[partij],
        "getekend": partij in stand.getekend,
        "hoeft_niet": partij not in stand.vereist,
        "melding": melding,
        "gelukt": request.query_params.get("gelukt") == "1",
    }
    return page(request, "extern/ondertekenen.html", context, status_code=status)


@router.get(PAD)
def ondertekenen(request: Request, toegang: Toegang, sessions: Sessions) -> Response:
    return _pagina(request, sessions, toegang)


@router.get(PAD + "/stage-overeenkomst.pdf")
def pdf(toegang: Toegang, sessions: Sessions) -> Response:
    inhoud = ok.huidige_pdf(sessions, toegang.leerling_id, toegang.plaatsing_id, None)
    return Response(
        inhoud,
        media_type="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="stage-overeenkomst.pdf"',
            "Cache-Control": "no-store",
        },
    )


@router.post(PAD)
def tekenen(
    request: Request, toegang: Toegang, sessions: Sessions, clock: ClockDep, form: FormDep
) -> Response:
    try:
        ok.ondertekenen(
            sessions,
            toegang.leerling_id,
            toegang.plaatsing_id,
            partij=PARTIJ_VAN_LINK[toegang.partij],
            naam=str(form.get("naam") or "")[:201],
            akkoord=form.get("akkoord") == "ja",
            sha256=str(form.get("sha256") or "")[:64],
            actor=toegang.actor,
            clock=clock,
            link_id=toegang.link_id,
        )
    except Fout as fout:
        status = {"ongeldig": 422, "conflict": 409}.get(fout.soort, 404)
        return _pagina(request, sessions, toegang, fout.bericht, status)
    return RedirectResponse(PAD + "?gelukt=1", status_code=303)
