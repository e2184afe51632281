"""The calendar feed: `GET /agenda/{token}.ics`, for Outlook or any calendar app.

No login header: calendar apps cannot send one, so the secret token in the URL is the key
(`trajectory users agenda-token` makes a new one). No leerling is named in the URL. An unknown
token gets 404, the same as a wrong path.
"""

from datetime import timedelta

from fastapi import APIRouter, HTTPException, Response

from service.api.antwoorden import FOUTEN
from service.deps import ClockDep, Sessions
from trajectory.domain.clock import today
from trajectory.usecases.agenda import agenda, herinneringen_voor
from trajectory.usecases.users import as_actor, user_for_agenda_token

router = APIRouter(tags=["agenda"], responses=FOUTEN)
TERUG = timedelta(days=60)  # overdue reminders stay visible this long
VOORUIT = timedelta(days=400)


@router.get("/agenda/{token}.ics", response_class=Response)
def feed(token: str, sessions: Sessions, clock: ClockDep) -> Response:
    op = today(clock)
    with sessions() as session:
        gebruiker = user_for_agenda_token(session, token)
        if gebruiker is None:
            raise HTTPException(404, "Niet gevonden.")
        afspraken = herinneringen_voor(session, as_actor(gebruiker), op - TERUG, op + VOORUIT)
        naam = gebruiker.naam
    inhoud = agenda(afspraken, voor=naam, moment=clock.now())
    return Response(inhoud, media_type="text/calendar; charset=utf-8")
