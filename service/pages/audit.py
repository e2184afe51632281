"""Audit review for the teamleider: filter, page, export as CSV, and the chain's verification."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.responses import Response

from service import csv_export
from service.deps import Sessions
from service.pages import formulier as f
from service.pages.toegang import TeamleiderDep
from service.templating import page
from trajectory.machines import STATE_LABELS, TRIGGER_LABELS
from trajectory.store import auditoverzicht as q
from trajectory.store.repository import audit_head, verify_audit

router = APIRouter(include_in_schema=False)
PER_PAGINA = 50
EXPORT_KOLOMMEN = (
    "id", "tijd (UTC)", "leerling", "gebruiker", "rol", "soort", "stap", "van", "naar",
    "doorgezet", "falende guards", "motivatie", "hash",
)  # fmt: skip


def _filter(
    leerling: str, gebruiker: str, trigger: str, van: str, tot: str, overrides: str
) -> tuple[q.AuditFilter, dict[str, str]]:
    fouten: dict[str, str] = {}
    filt = q.AuditFilter(
        leerling_id=f.getal(leerling, "leerling", fouten),
        actor_id=f.getal(gebruiker, "gebruiker", fouten),
        trigger=trigger.strip()[:40] or None,
        van=f.datum(van, "van", fouten),
        tot=f.datum(tot, "tot", fouten),
        alleen_overrides=bool(overrides),
    )
    return filt, fouten


@router.get("/audit")
def audit(
    request: Request,
    sessions: Sessions,
    actor: TeamleiderDep,
    leerling: str = "",
    gebruiker: str = "",
    trigger: str = "",
    van: str = "",
    tot: str = "",
    overrides: str = "",
    pagina: str = "",
) -> Response:
    filt, fouten = _filter(leerling, gebruiker, trigger, van, tot, overrides)
    nummer = f.pagina(pagina)
    with sessions() as session:
        regels, totaal = q.audit_pagina(session, filt, page=nummer, per_page=PER_PAGINA)
        gebruikers = q.gebruikers(session)
        controle = verify_audit(session)
        aantal, kop = audit_head(session)
    waarden = {
        "leerling": leerling, "gebruiker": gebruiker, "trigger": trigger,
        "van": van, "tot": tot, "overrides": overrides,
    }  # fmt: skip
    query = {k: v for k, v in waarden.items() if v}
    return page(
        request,
        "audit/audit.html",
        {
            "regels": regels,
            "totaal": totaal,
            "pagina": nummer,
            "paginas": f.aantal_paginas(totaal, PER_PAGINA),
            "waarden": waarden,
            "query": query,
            "fouten": fouten,
            "gebruikers": gebruikers,
            "triggers": TRIGGER_LABELS,
            "labels": STATE_LABELS,
            "controle": controle,
            "aantal_events": aantal,
            "kop_hash": kop,
        },
    )


@router.get("/audit/export.csv")
def export(
    sessions: Sessions,
    actor: TeamleiderDep,
    leerling: str = "",
    gebruiker: str = "",
    trigger: str = "",
    van: str = "",
    tot: str = "",
    overrides: str = "",
) -> Response:
    filt, fouten = _filter(leerling, gebruiker, trigger, van, tot, overrides)
    if fouten:
        return Response(" ".join(fouten.values()), status_code=422, media_type="text/plain")
    return StreamingResponse(
        _csv(sessions, filt),
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
        e.id, e.tijd, e.leerling_id, r.gebruiker or e.actor_rol, e.actor_rol, e.soort,
        e.trigger, e.van, e.naar, "ja" if e.override else "nee",
        " | ".join(g.get("reden") or g.get("guard", "") for g in r.falende_guards),
        r.motivatie, e.hash,
    ]  # fmt: skip
