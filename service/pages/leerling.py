"""The leerling page: the trajectory, its steps as buttons and the forms to record facts.

Every post goes through the engine's own functions (`engine.advance`, `recording.*`) with the
form translated to the API's models; what is refused or invalid re-renders the page with the
reasons next to the fields and everything typed still there; success redirects (POST-redirect-
GET) with a confirmation. A leerling the user may not see is a 404 for every route here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import FormData
from starlette.responses import Response

from service.deps import ActorDep, ClockDep, FormDep, Sessions
from service.extern import beheer as links_beheer
from service.foutsoorten import STATUS, status_van
from service.pages import aangeboden_formulieren, stagezoeken
from service.pages.aangeboden_formulieren import zoek_ingevuld
from service.pages.foutteksten import per_veld, plaats, zin
from service.pages.leerlingpagina_laden import Ingevuld, laad
from service.pages.tijdlijn import FILTERS, gefilterd, stap_label
from service.pages.velden import gegevens, waarden
from service.templating import page
from trajectory.domain.access import Actor
from trajectory.domain.invoer import PadId
from trajectory.machines import TRIGGERS
from trajectory.usecases import engine, vastleggen
from trajectory.usecases.fouten import (
    Fout,
    LeerlingNotFound,
    NietGevonden,
    Ongeldig,
    PayloadError,
    UnknownTrigger,
    VersionConflict,
)
from trajectory.usecases.geweigerd import Geweigerd
from trajectory.usecases.laden import zichtbare_leerling

router = APIRouter(include_in_schema=False)

GEWEIGERD = "Deze stap kan nog niet. Hieronder staat waarom."
# what else a redirect to the page may confirm (#16: corrections and the intake)
GELUKT = {
    "gecorrigeerd": "De correctie is opgeslagen; de oude versie staat doorgestreept.",
    "ongeldig": "Het gegeven is ongeldig gemaakt en staat doorgestreept.",
    "intake": "De leerling is overgenomen uit de administratie.",
}
NIET_OPGESLAGEN = "Dit is niet opgeslagen. Kijk bij de velden wat er niet klopt."
NIET_VASTGELEGD = "Dit is niet vastgelegd. Bij het formulier staat waarom."


def toon(
    request: Request,
    leerling_id: int,
    *,
    ingevuld: Ingevuld | None = None,
    melding: str | None = None,
    gelukt: str | None = None,
    status_code: int = 200,
    tijdlijn: str | None = None,
    bedrijf_zoek: str = "",
) -> Response:
    state = request.app.state
    actor: Actor = request.state.actor
    ingevuld = ingevuld or Ingevuld("")
    if ingevuld.sleutel == "plaatsing":  # the company typed: its praktijkbegeleiders to choose
        bedrijf_zoek = ingevuld.waarden.get("bedrijf") or bedrijf_zoek
    context = laad(state.sessions, leerling_id, actor, state.clock, bedrijf_zoek)
    context |= stagezoeken.sectie(request, context["leerling"])
    context |= links_beheer.sectie(request, context["leerling"], context["linksecties"])  # #18
    if bedrijf_zoek and ingevuld.sleutel != "plaatsing":  # a search opens the placement form
        ingevuld = Ingevuld("plaatsing", zoek_ingevuld(context["bedrijfskeuze"]))
    if melding and ingevuld.fouten.get("") and ingevuld.sleutel in _op_de_pagina(context):
        melding = NIET_VASTGELEGD  # the reasons stand at the form; said once, not twice
    context |= {"ingevuld": ingevuld, "melding": melding, "gelukt": gelukt}
    filter_ = tijdlijn if tijdlijn in FILTERS else None
    context |= {
        "tijdlijn": gefilterd(context["tijdlijn"], filter_),
        "tijdlijn_filter": filter_,
        "tijdlijn_filters": FILTERS,
    }
    return page(request, "leerling/leerling.html", context, status_code=status_code)


VASTGELEGD = {  # the confirmation after a record, as a sentence
    "beoordeling": "De beoordeling is vastgelegd.",
    "noa_test": "De Noa interessetest is vastgelegd.",
    "vragenlijst": "De oriëntatie-vragenlijst is vastgelegd.",
    "basisvaardigheden": "De basiswerknemersvaardigheden zijn vastgelegd.",
    "overleg": "Het overleg is vastgelegd.",
    "stage_overeenkomst": "De stage-overeenkomst is vastgelegd.",
    "rooster": "Het weekrooster is vastgelegd.",
    "uren": "De uren zijn vastgelegd.",
    "bezoek": "Het stagebezoek is vastgelegd.",
    "praktijkopdracht": "De praktijkopdracht is vastgelegd.",
    "studieadvies": "Het studieadvies is vastgelegd.",
    "examenresultaat": "Het examenresultaat is vastgelegd.",
    "uitstroom": "De uitstroom is vastgelegd.",
    "nazorg_contact": "Het nazorgcontact is vastgelegd.",
    "afsluitbesluit": "Het afsluitbesluit is vastgelegd.",
    "plaatsing": "De stageplaats is opgeslagen.",
    "contact": "Het contact staat in het logboek.",
    "verlenging": "De verlenging van het Entree-jaar is vastgelegd.",
    "reflectiegesprek": "Het reflectiegesprek is vastgelegd.",
    "stage_agenda": "De stage-agenda is afgetekend.",
    "kennismakingsgesprek": "Het kennismakingsgesprek is vastgelegd.",
    "bedrijfsbezoek": "Het bedrijfsbezoek is vastgelegd.",
    "doelen": "De doelen zijn vastgelegd.",
    "proeve": "De Proeve van Bekwaamheid is vastgelegd.",
    "eindgesprek": "Het eindgesprek is vastgelegd.",
}


def gelukt_zin(sleutel: str | None, doorgezet: bool) -> str | None:
    """What the page says after a step or a record, as a sentence; an override says so."""
    if sleutel in TRIGGERS:
        if doorgezet:
            return (
                f"De stap '{stap_label(sleutel)}' is toch doorgezet, ondanks de bezwaren "
                "hieronder in de tijdlijn; uw motivatie staat in de audittrail."
            )
        return f"De stap '{stap_label(sleutel)}' is gezet."
    if sleutel in aangeboden_formulieren.FORMULIEREN:
        return VASTGELEGD.get(sleutel, f"Vastgelegd: {stap_label(sleutel)}.")
    return GELUKT.get(sleutel or "")


def _op_de_pagina(context: dict[str, Any]) -> set[str]:
    return {f.sleutel for f in context.get("formulieren", ())}


@router.get("/leerlingen/{leerling_id}")
def leerling_pagina(
    request: Request,
    leerling_id: PadId,
    actor: ActorDep,
    gelukt: str | None = None,
    tijdlijn: str | None = None,
    doorgezet: bool = False,
    bedrijf_zoek: str = "",
) -> Response:
    if gelukt == "gegevens":  # service/pages/gegevens.py
        return toon(request, leerling_id, gelukt="De gegevens zijn gewijzigd.", tijdlijn=tijdlijn)
    bezwaar = None
    if gelukt == "plaatsing":  # the rooster came with it: judged now, not first at the start
        state = request.app.state
        bezwaar = vastleggen.rooster_bezwaar(
            state.sessions, leerling_id, actor=actor, clock=state.clock
        )
    if bezwaar:
        melding = (
            f"De stageplaats is opgeslagen, maar het rooster mag zo niet. {bezwaar} Leg een "
            "ander weekrooster vast voordat de stage begint; zo kan de stage niet starten."
        )
        return toon(request, leerling_id, melding=melding)
    return toon(
        request,
        leerling_id,
        gelukt=gelukt_zin(gelukt, doorgezet),
        tijdlijn=tijdlijn,
        bedrijf_zoek=bedrijf_zoek,
    )


def _zichtbaar(sessions: sessionmaker[Session], leerling_id: int, actor: Actor) -> None:
    """Checked before anything else, so a post about someone else's leerling is a 404 too."""
    with sessions() as session:
        zichtbare_leerling(session, leerling_id, actor)  # LeerlingNotFound: the one 404 page


@router.post("/leerlingen/{leerling_id}/stappen/{trigger}")
def stap_zetten(
    request: Request,
    leerling_id: PadId,
    trigger: str,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    if trigger not in TRIGGERS:
        raise UnknownTrigger(trigger)
    _zichtbaar(sessions, leerling_id, actor)
    formulier = aangeboden_formulieren.stap(trigger, leerling_id, toch=True)
    typed = waarden(formulier.velden, form)

    def zet() -> Any:
        return engine.advance(
            sessions,
            leerling_id,
            trigger,
            actor=actor,
            version=_versie(form),
            clock=clock,
            payload=aangeboden_formulieren.payload(trigger, typed),
            motivatie=typed.get("motivatie"),
        )

    return _uitvoeren(request, leerling_id, formulier, typed, zet)


def _versie(form: FormData) -> int:
    """The version the page was rendered with; a missing one is never current."""
    try:
        return int(str(form.get("version", "")))
    except ValueError:
        return -1


def _record(kind: str) -> Callable[..., Any]:
    if kind == "uren":  # one day of the presentielijst, stored as add_uren stores a stagemap
        return lambda sessions, leerling_id, data, **kw: vastleggen.add_uren(
            sessions, leerling_id, [data], **kw
        )
    if kind == "plaatsing":
        return vastleggen.add_plaatsing
    return lambda sessions, leerling_id, data, **kw: vastleggen.add_record(
        sessions, leerling_id, kind, data, **kw
    )


@router.post("/leerlingen/{leerling_id}/vastleggen/{kind}")
def leg_vast(
    request: Request,
    leerling_id: PadId,
    kind: str,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    if kind not in aangeboden_formulieren.FORMULIEREN:
        raise NietGevonden("Dit formulier bestaat niet.")
    _zichtbaar(sessions, leerling_id, actor)
    formulier = aangeboden_formulieren.vastlegging(kind, leerling_id, actor)
    typed = waarden(formulier.velden, form)
    data = gegevens(formulier.velden, typed)
    opslaan = _record(kind)
    antwoord = _uitvoeren(
        request,
        leerling_id,
        formulier,
        typed,
        lambda: opslaan(sessions, leerling_id, data, actor=actor, clock=clock),
    )
    if form.get("terug") == "vandaag" and antwoord.status_code == 303:  # from the dashboard
        return RedirectResponse(f"/?gelukt={formulier.sleutel}#kop-taken", status_code=303)
    return antwoord


def _uitvoeren(
    request: Request,
    leerling_id: PadId,
    formulier: aangeboden_formulieren.Formulier,
    typed: dict[str, Any],
    poging: Callable[[], Any],
) -> Response:
    """Try it; on success redirect with a confirmation, else the page again with the reasons."""
    ingevuld = Ingevuld(formulier.sleutel, typed)
    try:
        result = poging()
    except VersionConflict as exc:
        return toon(request, leerling_id, ingevuld=ingevuld, melding=exc.bericht, status_code=409)
    except (Fout, ValidationError) as exc:
        if isinstance(exc, LeerlingNotFound):
            raise
        status, fouten = _fouten(exc, typed)
        ingevuld.fouten = plaats(fouten, formulier.namen)
        return toon(
            request, leerling_id, ingevuld=ingevuld, melding=NIET_OPGESLAGEN, status_code=status
        )
    if isinstance(result, Geweigerd):
        status = STATUS["geweigerd"]
        if formulier.sleutel in TRIGGERS:
            ingevuld.fouten = {"": list(result.redenen)}
            return toon(
                request, leerling_id, ingevuld=ingevuld, melding=GEWEIGERD, status_code=status
            )
        # in the melding too: a record that does not fit the state has no form on the page
        ingevuld.fouten = {"": [result.inleiding, *result.redenen]}
        melding = " ".join([result.inleiding, *result.redenen])
        return toon(request, leerling_id, ingevuld=ingevuld, melding=melding, status_code=status)
    doorgezet = "&doorgezet=1" if isinstance(result, engine.Overgegaan) and result.override else ""
    return RedirectResponse(
        f"/leerlingen/{leerling_id}?gelukt={formulier.sleutel}{doorgezet}", status_code=303
    )


def _fouten(exc: Fout | ValidationError, typed: dict[str, Any]) -> tuple[int, dict[str, list[str]]]:
    """The HTTP status and the Dutch messages per field of a refused or invalid form."""
    if isinstance(exc, ValidationError):
        return 422, per_veld(exc)
    if isinstance(exc, PayloadError):  # with a motivation: it was too short
        return status_van(exc), {"motivatie" if typed.get("motivatie") else "": [exc.bericht]}
    if isinstance(exc, Ongeldig) and exc.veld:
        return status_van(exc), {exc.veld: [zin(exc.bericht)]}
    return status_van(exc), {"": [exc.bericht]}
