"""Correcting and voiding a record or a placement from the leerling page (#16).

"corrigeren" opens the kind's own form filled with the current version and a reason; "ongeldig
maken" is a small form on the row. Both go through `usecases.corrigeren` (the same checks as
the JSON API); what is refused comes back with the reasons, success redirects to the leerling.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker
from starlette.responses import Response

from service.deps import ActorDep, ClockDep, FormDep, Sessions
from service.foutsoorten import STATUS, status_van
from service.pages.aangeboden_formulieren import (
    MODELLEN,
    Formulier,
    plaatsing_velden,
    zoek_ingevuld,
)
from service.pages.foutteksten import per_veld, plaats, zin
from service.pages.leerling import toon
from service.pages.leerlingpagina_laden import Ingevuld
from service.pages.tijdlijn import stap_label
from service.pages.velden import Veld, gegevens, ingevuld, velden, waarden
from service.templating import page
from trajectory.domain.actor import Actor
from trajectory.domain.intake import correctie_schema
from trajectory.domain.invoer import MAX_KORT, MAX_TEKST, PadId
from trajectory.usecases import corrigeren
from trajectory.usecases.bedrijfsoverzicht import Bedrijfskeuze, bedrijfskeuze
from trajectory.usecases.fouten import Fout, LeerlingNotFound, Ongeldig
from trajectory.usecases.geweigerd import Geweigerd
from trajectory.usecases.motivatie import MIN_MOTIVATIE

router = APIRouter(include_in_schema=False)
REDEN = Veld(
    "reden",
    f"Reden van de correctie (verplicht, minstens {MIN_MOTIVATIE} tekens)",
    "tekstvak",
    verplicht=True,
    max_lengte=MAX_TEKST,
)
LEEG = {"vinkje": False, "vinkjes": []}  # what an empty field of the placement form means
NIET_GECORRIGEERD = "De correctie is niet opgeslagen. Kijk bij de velden wat er niet klopt."


def _record_formulier(
    leerling_id: int, kind: str, record_id: int, actor: Actor, huidig: Mapping[str, Any]
) -> Formulier:
    """The kind's form (the intake's hours so far as a total), with the override's motivation
    for the teamleider only (a rooster)."""
    schema = correctie_schema(kind, huidig)
    items = tuple(v for v in velden(schema) if v.naam != "motivatie" or actor.is_teamleider)
    actie = f"/leerlingen/{leerling_id}/vastgelegd/{kind}/{record_id}/corrigeren"
    titel = f"{stap_label(kind).capitalize()} corrigeren"
    return Formulier("correctie", titel, actie, (*items, REDEN), "Correctie opslaan")


def _plaatsing_formulier(
    leerling_id: int, plaatsing_id: int, keuze: Bedrijfskeuze | None = None
) -> Formulier:
    """The placement form's fields (the company and praktijkbegeleider chosen the same way,
    `plaatsing_velden`), without the rooster (a record of its own), and the reason."""
    actie = f"/leerlingen/{leerling_id}/stageplaatsen/{plaatsing_id}/corrigeren"
    items = plaatsing_velden(
        velden(MODELLEN["plaatsing"], skip=("rooster",)), keuze or Bedrijfskeuze()
    )
    return Formulier(
        "correctie", "Stageplaats corrigeren", actie, (*items, REDEN), "Correctie opslaan"
    )


def _bedrijfskeuze(
    sessions: sessionmaker[Session], zoek: str, huidig: Mapping[str, Any]
) -> Bedrijfskeuze:
    """The companies the search finds (first: the placement's own name), keeping the current
    praktijkbegeleider a choice."""
    zoek = zoek or str(huidig.get("bedrijf") or "")
    with sessions() as session:
        return bedrijfskeuze(session, zoek, houd=huidig.get("praktijkbegeleider_id"))


def _pagina(
    request: Request,
    leerling_id: int,
    formulier: Formulier,
    naam: str,
    waarden_: Ingevuld,
    *,
    melding: str | None = None,
    status_code: int = 200,
    keuze: Bedrijfskeuze | None = None,
) -> Response:
    context = {
        "bedrijfskeuze": keuze,
        "formulier": formulier,
        "ingevuld": waarden_,
        "naam": naam,
        "leerling_id": leerling_id,
        "melding": melding,
    }
    return page(request, "leerling/corrigeren.html", context, status_code=status_code)


@router.get("/leerlingen/{leerling_id}/vastgelegd/{kind}/{record_id}/corrigeren")
def record_corrigeren(
    request: Request,
    leerling_id: PadId,
    kind: str,
    record_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
) -> Response:
    huidig = corrigeren.te_corrigeren_record(sessions, leerling_id, kind, record_id, actor)
    formulier = _record_formulier(leerling_id, kind, record_id, actor, huidig.data)
    start = Ingevuld("correctie", ingevuld(formulier.velden, huidig.data))
    return _pagina(request, leerling_id, formulier, huidig.naam, start)


@router.post("/leerlingen/{leerling_id}/vastgelegd/{kind}/{record_id}/corrigeren")
def record_corrigeren_opslaan(
    request: Request,
    leerling_id: PadId,
    kind: str,
    record_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    huidig = corrigeren.te_corrigeren_record(sessions, leerling_id, kind, record_id, actor)
    formulier = _record_formulier(leerling_id, kind, record_id, actor, huidig.data)
    typed = waarden(formulier.velden, form)
    data = gegevens(formulier.velden[:-1], typed)
    return _opslaan(
        request, leerling_id, formulier, huidig.naam, typed,
        lambda: corrigeren.corrigeer_record(
            sessions, leerling_id, kind, record_id, data,
            reden=typed["reden"], actor=actor, clock=clock,
        ),
    )  # fmt: skip


@router.get("/leerlingen/{leerling_id}/stageplaatsen/{plaatsing_id}/corrigeren")
def plaatsing_corrigeren(
    request: Request,
    leerling_id: PadId,
    plaatsing_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    bedrijf_zoek: str = "",
) -> Response:
    huidig = corrigeren.te_corrigeren_plaatsing(sessions, leerling_id, plaatsing_id, actor)
    keuze = _bedrijfskeuze(sessions, bedrijf_zoek, huidig.data)
    formulier = _plaatsing_formulier(leerling_id, plaatsing_id, keuze)
    start = Ingevuld("correctie", ingevuld(formulier.velden, huidig.data))
    if bedrijf_zoek:  # the one company found stands filled in, as on the placement form
        start.waarden |= zoek_ingevuld(keuze)
    return _pagina(request, leerling_id, formulier, huidig.naam, start, keuze=keuze)


@router.post("/leerlingen/{leerling_id}/stageplaatsen/{plaatsing_id}/corrigeren")
def plaatsing_corrigeren_opslaan(
    request: Request,
    leerling_id: PadId,
    plaatsing_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    huidig = corrigeren.te_corrigeren_plaatsing(sessions, leerling_id, plaatsing_id, actor)
    keuze = _bedrijfskeuze(sessions, str(form.get("bedrijf") or "")[:MAX_KORT], huidig.data)
    formulier = _plaatsing_formulier(leerling_id, plaatsing_id, keuze)
    typed = waarden(formulier.velden, form)
    velden_ = formulier.velden[:-1]
    # the whole placement as the form has it: an emptied field or an unticked box counts too
    # (the correction keeps what differs from the current version)
    anders = {v.naam: LEEG.get(getattr(v, "soort", "")) for v in velden_} | gegevens(velden_, typed)
    return _opslaan(
        request, leerling_id, formulier, huidig.naam, typed,
        lambda: corrigeren.corrigeer_plaatsing(
            sessions, leerling_id, plaatsing_id, anders,
            reden=typed["reden"], actor=actor, clock=clock,
        ),
        keuze=keuze,
    )  # fmt: skip


def _opslaan(
    request: Request,
    leerling_id: int,
    formulier: Formulier,
    naam: str,
    typed: dict[str, Any],
    poging: Callable[[], Any],
    keuze: Bedrijfskeuze | None = None,
) -> Response:
    waarden_ = Ingevuld("correctie", typed)
    try:
        result = poging()
    except corrigeren.AlGecorrigeerd as exc:
        return toon(request, leerling_id, melding=exc.bericht, status_code=status_van(exc))
    except (Fout, ValidationError) as exc:
        if isinstance(exc, LeerlingNotFound):
            raise
        if isinstance(exc, ValidationError):
            status, fouten = 422, per_veld(exc)
        elif isinstance(exc, Ongeldig) and exc.veld is not None:
            status, fouten = status_van(exc), {exc.veld: [zin(exc.bericht)]}
        else:
            status, fouten = status_van(exc), {"": [exc.bericht]}
        waarden_.fouten = plaats(fouten, formulier.namen)
        return _pagina(
            request, leerling_id, formulier, naam, waarden_,
            melding=NIET_GECORRIGEERD, status_code=status, keuze=keuze,
        )  # fmt: skip
    if isinstance(result, Geweigerd):
        waarden_.fouten = {"": [result.inleiding, *result.redenen]}
        return _pagina(
            request, leerling_id, formulier, naam, waarden_,
            melding=NIET_GECORRIGEERD, status_code=STATUS["geweigerd"], keuze=keuze,
        )  # fmt: skip
    return RedirectResponse(f"/leerlingen/{leerling_id}?gelukt=gecorrigeerd", status_code=303)


def _ongeldig(
    request: Request, leerling_id: int, form: Any, maak: Callable[[str], Any]
) -> Response:
    reden = form.get("reden")
    try:
        maak(reden if isinstance(reden, str) else "")
    except (Ongeldig, corrigeren.AlGecorrigeerd) as exc:
        melding = f"Niet ongeldig gemaakt: {zin(exc.bericht)}"
        return toon(request, leerling_id, melding=melding, status_code=status_van(exc))
    return RedirectResponse(f"/leerlingen/{leerling_id}?gelukt=ongeldig", status_code=303)


@router.post("/leerlingen/{leerling_id}/vastgelegd/{kind}/{record_id}/ongeldig")
def record_ongeldig(
    request: Request,
    leerling_id: PadId,
    kind: str,
    record_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    return _ongeldig(
        request, leerling_id, form,
        lambda reden: corrigeren.maak_record_ongeldig(
            sessions, leerling_id, kind, record_id, reden=reden, actor=actor, clock=clock
        ),
    )  # fmt: skip


@router.post("/leerlingen/{leerling_id}/stageplaatsen/{plaatsing_id}/ongeldig")
def plaatsing_ongeldig(
    request: Request,
    leerling_id: PadId,
    plaatsing_id: PadId,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    return _ongeldig(
        request, leerling_id, form,
        lambda reden: corrigeren.maak_plaatsing_ongeldig(
            sessions, leerling_id, plaatsing_id, reden=reden, actor=actor, clock=clock
        ),
    )  # fmt: skip
