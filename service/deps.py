"""Dependencies every route names: the unit of work, the clock and the acting user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.orm import Session, sessionmaker

from trajectory.access import Actor
from trajectory.clock import Clock
from trajectory.users import actor_for_email

ACTOR_HEADER = "X-Gebruiker"


def sessions(request: Request) -> sessionmaker[Session]:
    return request.app.state.sessions


def clock(request: Request) -> Clock:
    return request.app.state.clock


def acting_user(
    request: Request,
    x_gebruiker: Annotated[
        str | None, Header(description="E-mailadres van de handelende medewerker")
    ] = None,
) -> Actor:
    """Until the login of the web UI exists, the acting user comes from a header."""
    if not x_gebruiker:
        raise HTTPException(401, "Geef aan wie er handelt (header X-Gebruiker).")
    with request.app.state.sessions() as session:
        actor = actor_for_email(session, x_gebruiker)
    if actor is None:
        raise HTTPException(401, "Onbekende of geblokkeerde gebruiker.")
    return actor


Sessions = Annotated[sessionmaker[Session], Depends(sessions)]
ClockDep = Annotated[Clock, Depends(clock)]
ActorDep = Annotated[Actor, Depends(acting_user)]
