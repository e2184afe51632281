"""The link pages of the weekly stage-agenda (issue #18): the praktijkbegeleider's week list,
a week's form (how it went, the five competentiegebieden, the hours per day) and the company's
beoordeling (`/extern/agenda...`, purpose `agenda`); the leerling's reflection
(`/extern/reflectie`, purpose `reflectie`).

The placement is the link's own (`LinkToegang`), never taken from the URL; the only thing in
a URL is a week's Monday. Everything goes through usecases/stageagenda.py with the link's
actor; a bad field re-renders the form with a Dutch reason next to it (422), nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from service.deps import ClockDep, FormDep, Sessions
from service.extern.deps import LinkToegang, link_toegang, registreer_doelpagina
from service.foutsoorten import status_van
from service.pages.foutteksten import per_veld, zin
from service.templating import page
from trajectory.domain.clock import today
from trajectory.domain.records import COMPETENTIEGEBIEDEN
from trajectory.domain.stageagenda import GEVOELENS, maandag, week_tekst
from trajectory.usecases import links, stageagenda
from trajectory.usecases.fouten import Ongeldig

router = APIRouter(include_in_schema=False)

AgendaToegang = Annotated[LinkToegang, Depends(link_toegang("agenda"))]
ReflectieToegang = Annotated[LinkToegang, Depends(link_toegang("reflectie"))]

registreer_doelpagina("agenda", "Stage-agenda: de weken invullen", "/extern/agenda")
registreer_doelpagina("agenda", "Beoordeling van de stage", "/extern/agenda/beoordeling")
registreer_doelpagina("reflectie", "Hoe ging je week?", "/extern/reflectie")

DAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
GELUKT = {
    "week": "Dank u wel: de week is opgeslagen en de uren zijn goedgekeurd.",
    "beoordeling": "Dank u wel: de beoordeling is opgeslagen. De stagebegeleider bespreekt hem.",
    "reflectie": "Dank je wel! Je reflectie is opgeslagen.",
}
NIET_OPGESLAGEN = "Dit is niet opgeslagen. Kijk bij de velden wat er niet klopt."


def _context(request: Request, toegang: LinkToegang, **extra: Any) -> dict[str, Any]:
    state = request.app.state
    with state.sessions() as session:
        link = links.link_bij_id(session, toegang.link_id, state.clock.now())
        inhoud = links.inhoud(session, link) if link is not None else None
    return {"toegang": toegang, "csrf": toegang.csrf, "inhoud": inhoud, **extra}


def _fouten(exc: Exception) -> tuple[int, dict[str, list[str]]]:
    if isinstance(exc, ValidationError):
        return 422, per_veld(exc)
    assert isinstance(exc, Ongeldig)
    return status_van(exc), {exc.veld or "": [zin(exc.bericht)]}


def _getypt(form: Any) -> dict[str, str]:
    """What was typed, each field bounded, without the CSRF token."""
    return {k: str(v)[:4000] for k, v in form.items() if k != "csrf_token"}


def _competenties(typed: Mapping[str, str]) -> dict[str, str]:
    return {
        g: typed[f"competentie_{g}"] for g in COMPETENTIEGEBIEDEN if typed.get(f"competentie_{g}")
    }


def _opslaan(
    usecase: Callable[..., int],
    sessions: Sessions,
    toegang: LinkToegang,
    data: Mapping[str, Any],
    clock: ClockDep,
    opnieuw: Callable[[dict[str, list[str]]], Response],
    naar: str,
) -> Response:
    """One path for every link form: the use case with the link's placement and actor; bad
    input shows the form again with the reasons (nothing saved), else on to `naar`."""
    try:
        usecase(
            sessions,
            toegang.plaatsing_id,
            data,
            actor=toegang.actor,
            clock=clock,
            link_id=toegang.link_id,
        )
    except (ValidationError, Ongeldig) as exc:
        return opnieuw(_fouten(exc)[1])
    return RedirectResponse(naar, status_code=303)


def _week(tekst: str | None, clock: ClockDep) -> date:
    try:
        return maandag(date.fromisoformat(tekst or ""))
    except ValueError:
        return maandag(today(clock))


@router.get("/extern/agenda")
def weken(
    request: Request, toegang: AgendaToegang, sessions: Sessions, clock: ClockDep, gelukt: str = ""
) -> Response:
    agenda = stageagenda.agenda_van_link(sessions, toegang.plaatsing_id, clock)
    context = _context(request, toegang, agenda=agenda, week_tekst=week_tekst)
    return page(request, "extern/agenda.html", {**context, "gelukt": GELUKT.get(gelukt)})


def _weekformulier(
    request: Request,
    toegang: LinkToegang,
    sessions: Sessions,
    clock: ClockDep,
    week: date,
    typed: dict[str, str] | None = None,
    fouten: dict[str, list[str]] | None = None,
) -> Response:
    agenda = stageagenda.agenda_van_link(sessions, toegang.plaatsing_id, clock)
    if typed is None:
        typed = _ingevuld(agenda, week)
    dagen = [(DAGEN[n], week + timedelta(days=n)) for n in range(7)]
    context = _context(
        request,
        toegang,
        week=week,
        titel=week_tekst(week),
        dagen=dagen,
        gebieden=COMPETENTIEGEBIEDEN,
        typed=typed,
        fouten=fouten or {},
        melding=NIET_OPGESLAGEN if fouten else None,
    )
    return page(request, "extern/agenda_week.html", context, status_code=422 if fouten else 200)


def _ingevuld(agenda: stageagenda.Agenda, week: date) -> dict[str, str]:
    """The form as last sent for this week, else the hours the school entered."""
    huidig = next((w.delen.get("praktijkbegeleider") for w in agenda.weken if w.week == week), None)
    if huidig is not None:
        data = huidig.data
        typed = {k: str(data.get(k, "")) for k in ("leerdoelen", "aandachtspunten")}
        typed |= {f"competentie_{g}": u for g, u in data.get("competenties", {}).items()}
        return typed | {f"uren_{d}": _getal(u) for d, u in data.get("uren", {}).items()}
    return {
        f"uren_{r.datum.isoformat()}": _getal(r.uren)
        for r in agenda.uren
        if maandag(r.datum) == week
    }


def _getal(uren: Any) -> str:
    return f"{float(uren):g}".replace(".", ",")


@router.get("/extern/agenda/week")
def week_formulier(
    request: Request, toegang: AgendaToegang, sessions: Sessions, clock: ClockDep, week: str = ""
) -> Response:
    return _weekformulier(request, toegang, sessions, clock, _week(week[:10], clock))


@router.post("/extern/agenda/week")
def week_opslaan(
    request: Request, toegang: AgendaToegang, sessions: Sessions, clock: ClockDep, form: FormDep
) -> Response:
    typed = _getypt(form)
    week = _week(typed.get("week"), clock)
    data = {
        "week": typed.get("week", ""),
        "leerdoelen": typed.get("leerdoelen", ""),
        "aandachtspunten": typed.get("aandachtspunten", ""),
        "competenties": _competenties(typed),
        "uren": {
            (week + timedelta(days=n)).isoformat(): typed[k].replace(",", ".")
            for n in range(7)
            if (k := f"uren_{(week + timedelta(days=n)).isoformat()}") in typed and typed[k].strip()
        },
    }
    return _opslaan(
        stageagenda.vul_week_in,
        sessions,
        toegang,
        data,
        clock,
        lambda fouten: _weekformulier(request, toegang, sessions, clock, week, typed, fouten),
        "/extern/agenda?gelukt=week",
    )


def _beoordelingsformulier(
    request: Request,
    toegang: LinkToegang,
    typed: dict[str, str],
    fouten: dict[str, list[str]] | None = None,
) -> Response:
    context = _context(
        request,
        toegang,
        gebieden=COMPETENTIEGEBIEDEN,
        typed=typed,
        fouten=fouten or {},
        melding=NIET_OPGESLAGEN if fouten else None,
    )
    return page(
        request, "extern/agenda_beoordeling.html", context, status_code=422 if fouten else 200
    )


@router.get("/extern/agenda/beoordeling")
def beoordeling_formulier(request: Request, toegang: AgendaToegang) -> Response:
    return _beoordelingsformulier(request, toegang, {"soort": "tussentijds"})


@router.post("/extern/agenda/beoordeling")
def beoordeling_opslaan(
    request: Request, toegang: AgendaToegang, sessions: Sessions, clock: ClockDep, form: FormDep
) -> Response:
    typed = _getypt(form)
    data: dict[str, Any] = {
        "soort": typed.get("soort", ""),
        "uitslag": typed.get("uitslag", ""),
        "toelichting": typed.get("toelichting", ""),
        "competenties": _competenties(typed),
    }
    if typed.get("soort") == "tussentijds":
        data["periode"] = typed.get("periode") or None
    return _opslaan(
        stageagenda.beoordeel,
        sessions,
        toegang,
        data,
        clock,
        lambda fouten: _beoordelingsformulier(request, toegang, typed, fouten),
        "/extern/agenda?gelukt=beoordeling",
    )


def _reflectieformulier(
    request: Request,
    toegang: LinkToegang,
    clock: ClockDep,
    typed: dict[str, str],
    fouten: dict[str, list[str]] | None = None,
    gelukt: str | None = None,
) -> Response:
    deze = maandag(today(clock))
    weken_ = [(deze, "Deze week"), (deze - timedelta(weeks=1), "Vorige week")]
    context = _context(
        request,
        toegang,
        weken=weken_,
        gevoelens=GEVOELENS,
        typed=typed,
        fouten=fouten or {},
        melding=NIET_OPGESLAGEN if fouten else None,
        gelukt=gelukt,
    )
    return page(request, "extern/reflectie.html", context, status_code=422 if fouten else 200)


@router.get("/extern/reflectie")
def reflectie_formulier(
    request: Request, toegang: ReflectieToegang, clock: ClockDep, gelukt: str = ""
) -> Response:
    typed = {"week": maandag(today(clock)).isoformat()}
    return _reflectieformulier(request, toegang, clock, typed, gelukt=GELUKT.get(gelukt))


@router.post("/extern/reflectie")
def reflectie_opslaan(
    request: Request, toegang: ReflectieToegang, sessions: Sessions, clock: ClockDep, form: FormDep
) -> Response:
    typed = _getypt(form)
    data = {k: typed.get(k, "") for k in ("week", "gevoel", "tekst")}
    return _opslaan(
        stageagenda.reflecteer,
        sessions,
        toegang,
        data,
        clock,
        lambda fouten: _reflectieformulier(request, toegang, clock, typed, fouten),
        "/extern/reflectie?gelukt=reflectie",
    )
