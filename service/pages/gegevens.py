"""The leerling page's "gegevens wijzigen" form, and the teamleider's bulk reassignment page.

The form is the JSON API's edit (`usecases.gegevens.wijzig_leerling`) with the form's fields
translated: only the fields the form carries are sent (a begeleider's form has no begeleider to
choose), yes/no as a choice, the parent/guardian contacts as numbered rows. A refusal or an
invalid value shows the page again with the reasons next to the fields and what was typed; a
stale page (someone else changed the leerling) says so and shows the fresh data.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.responses import Response

from service.deps import ActorDep, ClockDep, FormDep, Sessions
from service.foutsoorten import status_van
from service.pages import leerling as leerlingpagina
from service.pages.foutteksten import per_veld, zin
from service.pages.leerlingpagina_laden import Ingevuld
from service.pages.toegang import TeamleiderDep
from service.templating import page
from trajectory.domain.gegevens import MAX_VERZORGERS
from trajectory.domain.invoer import PadId, geheel_getal
from trajectory.usecases import gegevens
from trajectory.usecases.fouten import (
    FieldError,
    Fout,
    LeerlingNotFound,
    NotPermitted,
    VersionConflict,
)

router = APIRouter(include_in_schema=False)

SLEUTEL = "gegevens"  # the form's key on the leerling page (Ingevuld, ?gelukt=)
TEKSTVELDEN = ("naam", "geboortedatum", "klas", "leerjaar", "stagebegeleider_id")
GETALVELDEN = ("breedtegraad", "lengtegraad")  # empty: none
JANEE = ("stage_ondersteuning", "nt2")
CONTACTVELDEN = ("id", "naam", "relatie", "email", "telefoon")


def _versie(form: FormData) -> int:
    return geheel_getal(str(form.get("version", ""))) or -1


def uit_formulier(form: FormData) -> tuple[dict[str, Any], list[int]]:
    """The edit as the API takes it, and per contact sent the form row it came from."""
    data: dict[str, Any] = {"version": _versie(form), "reden": str(form.get("reden", ""))}
    for veld in TEKSTVELDEN:
        if veld in form:
            waarde = str(form[veld]).strip()
            data[veld] = None if veld == "stagebegeleider_id" and not waarde else waarde
    for veld in GETALVELDEN:
        if veld in form:
            data[veld] = str(form[veld]).strip().replace(",", ".") or None
    for veld in JANEE:
        if form.get(veld) in ("ja", "nee"):
            data[veld] = form[veld] == "ja"
    rijen: list[int] = []
    if form.get("verzorgers"):
        data["verzorgers"] = []
        for i in range(MAX_VERZORGERS):
            contact = {v: str(form.get(f"verzorgers.{i}.{v}", "")).strip() for v in CONTACTVELDEN}
            if not contact["naam"]:
                continue
            if not contact["id"]:
                del contact["id"]
            data["verzorgers"].append(contact)
            rijen.append(i)
    return data, rijen


def _fouten(exc: Fout | ValidationError, rijen: list[int]) -> tuple[int, dict[str, list[str]]]:
    if isinstance(exc, ValidationError):
        fouten: dict[str, list[str]] = {}
        for naam, berichten in per_veld(exc).items():
            delen = naam.split(".")
            if delen[0] == "verzorgers" and len(delen) > 1 and delen[1].isdigit():
                delen[1] = str(rijen[int(delen[1])]) if int(delen[1]) < len(rijen) else delen[1]
            fouten.setdefault(".".join(delen), []).extend(berichten)
        return 422, fouten
    if isinstance(exc, FieldError):
        return status_van(exc), {exc.veld or "": [zin(exc.bericht)]}
    return status_van(exc), {"": [exc.bericht]}


@router.post("/leerlingen/{leerling_id}/gegevens")
def gegevens_wijzigen(
    request: Request,
    leerling_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    data, rijen = uit_formulier(form)
    typed = {str(k): v for k, v in form.items() if k != "csrf_token"}
    ingevuld = Ingevuld(SLEUTEL, typed)
    try:
        gegevens.wijzig_leerling(sessions, leerling_id, data, actor=actor, clock=clock)
    except VersionConflict as exc:
        return leerlingpagina.toon(request, leerling_id, melding=exc.bericht, status_code=409)
    except (LeerlingNotFound, NotPermitted):
        raise
    except (Fout, ValidationError) as exc:
        status, ingevuld.fouten = _fouten(exc, rijen)
        return leerlingpagina.toon(
            request,
            leerling_id,
            ingevuld=ingevuld,
            melding=leerlingpagina.NIET_OPGESLAGEN,
            status_code=status,
        )
    return RedirectResponse(f"/leerlingen/{leerling_id}?gelukt={SLEUTEL}", status_code=303)


# --- bulk reassignment (teamleider) -------------------------------------------------------


@router.get("/herverdelen")
def herverdelen(
    request: Request, sessions: Sessions, actor: TeamleiderDep, van: str | None = None
) -> Response:
    """Choose a begeleider, tick their leerlingen, choose the new one."""
    van_id = geheel_getal(van or "")
    leerlingen = gegevens.leerlingen_van(sessions, van_id, actor=actor) if van else []
    return _pagina(request, sessions, van_id=van_id, gekozen_van=bool(van), leerlingen=leerlingen)


def _pagina(
    request: Request, sessions: Sessions, status_code: int = 200, **context: Any
) -> Response:
    context = {
        "begeleiders": gegevens.begeleiders(sessions),
        "van_id": None,
        "gekozen_van": False,
        "leerlingen": [],
        "voorstel": None,
        "naar_id": None,
        "reden": "",
        "fout": None,
        "gelukt": None,
        **context,
    }
    return page(request, "herverdelen/herverdelen.html", context, status_code=status_code)


@router.post("/herverdelen")
def herverdelen_versturen(
    request: Request, sessions: Sessions, actor: TeamleiderDep, clock: ClockDep, form: FormDep
) -> Response:
    """`actie=voorbeeld`: the preview of the ticked leerlingen; `actie=bevestigen`: exactly
    the lines of that preview (id and version), all or none."""
    naar_id = geheel_getal(str(form.get("naar", ""))) or 0
    reden = str(form.get("reden", ""))
    try:
        if form.get("actie") == "bevestigen":
            regels = [_regel(str(w)) for w in form.getlist("regel")]
            gedaan = gegevens.herverdeel(
                sessions, [r for r in regels if r], naar_id, reden, actor=actor, clock=clock
            )
            gelukt = f"{len(gedaan)} leerlingen hebben een andere stagebegeleider gekregen."
            return _pagina(request, sessions, gelukt=gelukt)
        ids = [i for i in (geheel_getal(str(w)) for w in form.getlist("leerling")) if i]
        voorstel = gegevens.herverdeling_voorstel(sessions, ids, naar_id, actor=actor)
        return _pagina(request, sessions, voorstel=voorstel, naar_id=naar_id, reden=reden)
    except Fout as exc:
        return _pagina(request, sessions, status_van(exc), fout=exc.bericht, reden=reden)


def _regel(waarde: str) -> tuple[int, int] | None:
    """A preview line as the form carries it: "id:version"."""
    leerling, _, versie = waarde.partition(":")
    leerling_id, nummer = geheel_getal(leerling), geheel_getal(versie)
    return (leerling_id, nummer) if leerling_id and nummer else None
