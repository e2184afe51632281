"""Audit review for the teamleider: filter, page, export as CSV, and the chain's verification."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, StreamingResponse
from starlette.responses import Response

from service import csv_export
from service.deps import ClockDep, Sessions
from service.pages import filterwaarden as f
from service.pages.tijdlijn import LINK_LABELS
from service.pages.toegang import TeamleiderDep
from service.templating import lokaal, page
from trajectory.domain.clock import SCHOOL_TZ
from trajectory.machines import STATE_LABELS, TRIGGER_LABELS
from trajectory.store import auditoverzicht as q
from trajectory.store.repository import audit_head
from trajectory.usecases.auditanker import vingerafdruk
from trajectory.usecases.auditcontrole import controleer_keten

router = APIRouter(include_in_schema=False)
PER_PAGINA = 50
EXPORT_KOLOMMEN = (  # the times in the school's local time, as on the page
    "id", f"tijd ({SCHOOL_TZ.key})", "leerling", "gebruiker", "rol", "soort", "stap", "van", "naar",
    "doorgezet", "falende guards", "motivatie", "hash",
)  # fmt: skip
EXPORT_TIJD = "%d-%m-%Y %H:%M:%S"  # the page's format, to the second


SOORTEN = {  # the audit event's soort, in Dutch
    "overgang": "stap",
    "weigering": "geweigerd",
    "vastlegging": "vastgelegd",
    "plaatsing": "stageplaats",
    "aanmelding": "aanmelding",
    "controle": "controle van de keten",
    "link": "persoonlijke link",  # issue #18
}


@dataclass(frozen=True)
class Gekozen:
    """The filter form as typed (shown back) and as understood."""

    waarden: dict[str, str]
    filt: q.AuditFilter
    fouten: dict[str, str]


def gekozen(
    leerling: str = "",
    gebruiker: str = "",
    trigger: str = "",
    van: str = "",
    tot: str = "",
    overrides: str = "",
) -> Gekozen:
    fouten: dict[str, str] = {}
    filt = q.AuditFilter(
        leerling_id=f.getal(leerling, "leerling", fouten),
        actor_id=f.getal(gebruiker, "gebruiker", fouten),
        trigger=trigger.strip()[:40] or None,
        van=f.datum(van, "van", fouten),
        tot=f.datum(tot, "tot", fouten),
        alleen_overrides=bool(overrides),
    )
    waarden = {
        "leerling": leerling, "gebruiker": gebruiker, "trigger": trigger,
        "van": van, "tot": tot, "overrides": overrides,
    }  # fmt: skip
    return Gekozen(waarden, filt, fouten)


GekozenDep = Annotated[Gekozen, Depends(gekozen)]


@router.get("/audit")
def audit(
    request: Request, sessions: Sessions, actor: TeamleiderDep, keuze: GekozenDep, pagina: str = ""
) -> Response:
    return _pagina(request, sessions, keuze, pagina)


@router.post("/audit/leerling")
def zoek_leerling(
    request: Request,
    sessions: Sessions,
    actor: TeamleiderDep,
    naam: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Find a leerling by name to filter on (a POST: the name stays out of the URL; the
    results link by number)."""
    with sessions() as session:
        gevonden = q.leerlingen_met_naam(session, naam.strip(), ZOEK_HOOGSTENS) if naam else []
    return _pagina(request, sessions, gekozen(), "", zoek=naam.strip(), gevonden=gevonden)


ZOEK_HOOGSTENS = 20


def _pagina(
    request: Request,
    sessions: Sessions,
    keuze: Gekozen,
    pagina: str,
    *,
    zoek: str = "",
    gevonden: Sequence[tuple[int, str]] = (),
) -> Response:
    nummer = f.pagina(pagina)
    with sessions() as session:
        regels, totaal = q.audit_pagina(session, keuze.filt, page=nummer, per_page=PER_PAGINA)
        gebruikers = q.gebruikers(session)
        controle = q.laatste_controle(session)
        aantal, _ = audit_head(session)
        wortel = vingerafdruk(session)
        namen = q.leerlingnamen(
            session, [r.event.leerling_id for r in regels if r.event.leerling_id]
        )
    return page(
        request,
        "audit/audit.html",
        {
            "regels": regels,
            "totaal": totaal,
            "pagina": nummer,
            "paginas": f.aantal_paginas(totaal, PER_PAGINA),
            "waarden": keuze.waarden,
            "query": {k: v for k, v in keuze.waarden.items() if v},
            "fouten": keuze.fouten,
            "gebruikers": gebruikers,
            "triggers": TRIGGER_LABELS | LINK_LABELS,
            "labels": STATE_LABELS,
            "controle": controle,
            "oordeel": (controle.guards or [{}])[0] if controle else None,
            "aantal_events": aantal,
            "wortel": wortel,
            "namen": namen,
            "soorten": SOORTEN,
            "zoek": zoek,
            "gevonden": gevonden,
        },
    )


@router.post("/audit/controle")
def controle(sessions: Sessions, actor: TeamleiderDep, clock: ClockDep) -> Response:
    """Verify the whole chain now (a POST with the CSRF token: it writes its outcome)."""
    controleer_keten(sessions, actor=actor, clock=clock)
    return RedirectResponse("/audit#kop-controle", status_code=303)


@router.get("/audit/export.csv")
def export(sessions: Sessions, actor: TeamleiderDep, keuze: GekozenDep) -> Response:
    if keuze.fouten:
        return Response(" ".join(keuze.fouten.values()), status_code=422, media_type="text/plain")
    return StreamingResponse(
        _csv(sessions, keuze.filt),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="audittrail.csv"',
            "Cache-Control": "no-store",
        },
    )


def _csv(sessions: Sessions, filt: q.AuditFilter) -> Iterator[str]:
    with sessions() as session:
        yield from csv_export.regels(EXPORT_KOLOMMEN, map(_cellen, q.audit_stroom(session, filt)))


def _cellen(r: q.AuditRegel) -> list[object]:
    e = r.event
    return [
        e.id, lokaal(e.tijd, EXPORT_TIJD), e.leerling_id, r.wie,
        e.actor_rol, e.soort,
        e.trigger, e.van, e.naar, "ja" if e.override else "nee",
        " | ".join(g.get("reden") or g.get("guard", "") for g in r.falende_guards),
        r.motivatie, e.hash,
    ]  # fmt: skip
