"""The stage-overeenkomst of a placement on the staff side (issue #18): its current version
(download, SHA-256), who signed it and how, signing in person on the stagebegeleider's screen,
a scanned paper contract for a party, and the old signed versions and scans to download.

Who may see the leerling may see and download; signing and uploading is for who may record
the contract (the use case checks both)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile
from starlette.responses import Response

from service.deps import ActorDep, ClockDep, FormDep, Sessions
from service.templating import lokaal, page
from trajectory.domain.access import may_record
from trajectory.domain.invoer import PadId
from trajectory.domain.overeenkomst_bestand import MAX_BYTES
from trajectory.domain.overeenkomst_handtekeningen import PARTIJEN, WIJZEN
from trajectory.usecases import overeenkomst as ok
from trajectory.usecases import overeenkomst_bestanden as bestanden

router = APIRouter(include_in_schema=False)
PAD = "/leerlingen/{leerling_id}/stageplaatsen/{plaatsing_id}/overeenkomst"
MAX_NAAM = 200
GELUKT = {
    "getekend": "De handtekening is vastgelegd.",
    "scan": "De scan is opgeslagen en telt als handtekening van de gekozen partij.",
}


def _pad(leerling_id: int, plaatsing_id: int) -> str:
    return PAD.format(leerling_id=leerling_id, plaatsing_id=plaatsing_id)


def _pdf(inhoud: bytes, naam: str, mime: str = "application/pdf") -> Response:
    return Response(
        inhoud,
        media_type=mime,
        headers={
            "Content-Disposition": f'attachment; filename="{naam}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get(PAD)
def overeenkomst(
    request: Request,
    leerling_id: PadId,
    plaatsing_id: PadId,
    actor: ActorDep,
    sessions: Sessions,
    gelukt: str = "",
) -> Response:
    stand = ok.stand(sessions, leerling_id, plaatsing_id, actor)
    context = {
        "stand": stand,
        "pad": _pad(leerling_id, plaatsing_id),
        "partijen": PARTIJEN,
        "wijzen": WIJZEN,
        "lokaal": lokaal,
        "melding": GELUKT.get(gelukt, ""),
        "max_naam": MAX_NAAM,
        "mag_tekenen": may_record(actor, "stage_overeenkomst"),
    }
    return page(request, "overeenkomst/overeenkomst.html", context)


@router.get(PAD + "/huidig.pdf")
def huidige_pdf(
    leerling_id: PadId, plaatsing_id: PadId, actor: ActorDep, sessions: Sessions
) -> Response:
    inhoud = ok.huidige_pdf(sessions, leerling_id, plaatsing_id, actor)
    return _pdf(inhoud, "stage-overeenkomst.pdf")


@router.post(PAD + "/ondertekenen")
def ondertekenen(
    leerling_id: PadId,
    plaatsing_id: PadId,
    actor: ActorDep,
    sessions: Sessions,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    ok.ondertekenen(
        sessions,
        leerling_id,
        plaatsing_id,
        partij=str(form.get("partij") or "")[:20],
        naam=str(form.get("naam") or "")[: MAX_NAAM + 1],
        akkoord=form.get("akkoord") == "ja",
        sha256=str(form.get("sha256") or "")[:64],
        actor=actor,
        clock=clock,
    )
    return RedirectResponse(_pad(leerling_id, plaatsing_id) + "?gelukt=getekend", 303)


@router.post(PAD + "/scan")
async def scan(
    leerling_id: PadId,
    plaatsing_id: PadId,
    actor: ActorDep,
    sessions: Sessions,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    bestand = form.get("bestand")
    inhoud = None
    if isinstance(bestand, UploadFile):
        try:
            inhoud = await bestand.read(MAX_BYTES + 1)
        finally:
            await bestand.close()
    await run_in_threadpool(
        bestanden.scan_uploaden,
        sessions,
        leerling_id,
        plaatsing_id,
        partij=str(form.get("partij") or "")[:20],
        inhoud=inhoud,
        actor=actor,
        clock=clock,
    )
    return RedirectResponse(_pad(leerling_id, plaatsing_id) + "?gelukt=scan", 303)


@router.get(PAD + "/versie.pdf")
def versie(
    leerling_id: PadId,
    plaatsing_id: PadId,
    actor: ActorDep,
    sessions: Sessions,
    document_id: Annotated[int, Query(alias="id", ge=0, le=2**31)] = 0,
) -> Response:
    inhoud = bestanden.document_bestand(sessions, leerling_id, document_id, actor)
    return _pdf(inhoud, f"stage-overeenkomst-versie-{document_id}.pdf")


@router.get(PAD + "/scan")
def scanbestand(
    leerling_id: PadId,
    plaatsing_id: PadId,
    actor: ActorDep,
    sessions: Sessions,
    scan_id: Annotated[int, Query(alias="id", ge=0, le=2**31)] = 0,
) -> Response:
    inhoud, mime = bestanden.scan_bestand(sessions, leerling_id, scan_id, actor)
    extensie = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[mime]
    return _pdf(inhoud, f"scan-{scan_id}.{extensie}", mime)
