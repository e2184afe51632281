"""The yearly rollover for the teamleider: a preview with a choice per leerling, then confirm.

The preview is the rollover itself, rolled back (usecases/rollover.py); the confirmation runs it
with the same choices in one transaction, so what was shown is what happens.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from service.deps import ClockDep, FormDep, Sessions
from service.pages.toegang import TeamleiderDep
from service.templating import page
from trajectory.domain.access import Actor
from trajectory.domain.clock import Clock, today
from trajectory.domain.invoer import geheel_getal
from trajectory.domain.schooljaar import huidige_kalender
from trajectory.store import queries
from trajectory.store import tables as t
from trajectory.usecases.rollover import UITZONDERINGEN, RolloverFout, rollover

router = APIRouter(include_in_schema=False)


def volgend_schooljaar(op: date) -> str:
    """The school year to roll over into: the coming one (in the summer: the one about to start)."""
    kalender = huidige_kalender()
    jaar = kalender.schooljaar(op)
    if op < jaar.start:
        return jaar.naam
    namen = [j.naam for j in kalender.jaren]
    return namen[namen.index(jaar.naam) + 1] if jaar.naam in namen[:-1] else jaar.naam


@router.get("/schooljaar/rollover")
def voorbeeld(
    request: Request, sessions: Sessions, actor: TeamleiderDep, clock: ClockDep
) -> Response:
    return _toon(request, sessions, actor, clock, {}, {}, uitvoeren=False)


@router.post("/schooljaar/rollover")
def bevestigen(
    request: Request, sessions: Sessions, actor: TeamleiderDep, clock: ClockDep, form: FormDep
) -> Response:
    uitzonderingen, klassen = _keuzes(form)
    uitvoeren = form.get("actie") == "uitvoeren"
    return _toon(request, sessions, actor, clock, uitzonderingen, klassen, uitvoeren=uitvoeren)


def _keuzes(form: FormData) -> tuple[dict[int, str], dict[int, str]]:
    uitzonderingen, klassen = {}, {}
    for sleutel, waarde in form.multi_items():
        soort, _, nummer = str(sleutel).partition("_")
        leerling_id = geheel_getal(nummer)
        if leerling_id is None or not isinstance(waarde, str) or not waarde.strip():
            continue
        if soort == "uitzondering" and waarde in UITZONDERINGEN:
            uitzonderingen[leerling_id] = waarde
        elif soort == "klas":
            klassen[leerling_id] = waarde.strip()[:20]
    return uitzonderingen, klassen


def _toon(
    request: Request,
    sessions: Sessions,
    actor: Actor,
    clock: Clock,
    uitzonderingen: dict[int, str],
    klassen: dict[int, str],
    *,
    uitvoeren: bool,
) -> Response:
    schooljaar = volgend_schooljaar(today(clock))
    fout, stappen = "", []
    try:
        stappen = rollover(
            sessions, schooljaar, actor=actor, clock=clock, uitzonderingen=uitzonderingen,
            klassen=klassen, proef=not uitvoeren,
        )  # fmt: skip
    except RolloverFout as exc:
        fout = exc.bericht
    with sessions() as session:
        namen = dict(session.query(t.Leerling.id, t.Leerling.naam).all())
        bestaand = set(queries.klassen(session, actor)) | set(queries.mentorklassen(session))
    return page(
        request,
        "schooljaar/rollover.html",
        {
            "schooljaar": schooljaar,
            "stappen": stappen,
            "namen": namen,
            "uitzonderingen": UITZONDERINGEN,
            "gekozen": uitzonderingen,
            "uitgevoerd": uitvoeren and not fout,
            "fout": fout,
            "onbekend": {s.klas_naar for s in stappen if s.klas_naar} - bestaand,
        },
        status_code=409 if fout else 200,
    )
