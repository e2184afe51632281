"""Dependencies every route names: the unit of work, the clock and the acting user.

The acting user comes from the login session's cookie (web pages, and the JSON API from the
browser) or from a per-user API token (`Authorization: Bearer …`). A request that changes
something with the session cookie must carry the session's CSRF token, as the form field
`csrf_token` or the header `X-CSRF-Token`; a bearer token is never sent by a browser on its
own, so it needs none.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import FormData

from service.auth import sessies
from trajectory.domain.access import Actor
from trajectory.domain.clock import Clock
from trajectory.usecases import apitokens
from trajectory.usecases.users import as_actor

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class NietIngelogd(Exception):
    """No valid session or token: pages redirect to the login, the API answers 401."""


class TweedeFactorNodig(NietIngelogd):
    """Password right, TOTP code not yet: pages redirect to the code page, the API answers 401."""


class AlIngelogd(Exception):
    """A full session on a page of the login's second step: on to the site."""


def sessions(request: Request) -> sessionmaker[Session]:
    return request.app.state.sessions


def clock(request: Request) -> Clock:
    return request.app.state.clock


async def acting_user(request: Request) -> Actor:
    al: Actor | None = getattr(request.state, "actor", None)
    if al is not None:
        return al
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token:
        actor = await run_in_threadpool(_from_api_token, request, token.strip())
    else:
        actor = await _from_session(request)
    request.state.actor = actor
    return actor


def _from_api_token(request: Request, token: str) -> Actor:
    """Unknown, expired, revoked or of a blocked account: the same 401."""
    with request.app.state.sessions() as session:
        gebruiker = apitokens.gebruiker_van(session, token, request.app.state.clock.now())
        if gebruiker is None:
            raise NietIngelogd()
        return as_actor(gebruiker)


async def _from_session(request: Request) -> Actor:
    token = request.cookies.get(sessies.COOKIE)
    if not token:
        raise NietIngelogd()
    ingelogd = await run_in_threadpool(_resolve, request, token)
    if ingelogd is None:
        raise NietIngelogd()
    actor, csrf, volledig = ingelogd
    if not volledig:
        raise TweedeFactorNodig()
    request.state.csrf = csrf
    if request.method not in SAFE_METHODS:
        await check_csrf(request, csrf)
    return actor


def _resolve(request: Request, token: str) -> tuple[Actor, str, bool] | None:
    app = request.app.state
    now = app.clock.now()
    with app.sessions() as session:  # most requests only read (SQLite: no write lock)
        ingelogd, schrijven = sessies.kijk(session, token, now, app.timeouts)
        if not schrijven:
            return _als_ingelogd(ingelogd)
    with app.sessions.begin() as session:
        return _als_ingelogd(sessies.resolve(session, token, now, app.timeouts))


def _als_ingelogd(ingelogd: sessies.Ingelogd | None) -> tuple[Actor, str, bool] | None:
    if ingelogd is None:
        return None
    return as_actor(ingelogd.gebruiker), ingelogd.csrf, ingelogd.volledig


async def half_session(request: Request) -> str:
    """The cookie's token of a session waiting for its TOTP code; the code pages alone take it."""
    token = request.cookies.get(sessies.COOKIE)
    ingelogd = await run_in_threadpool(_resolve, request, token) if token else None
    if token is None or ingelogd is None:
        raise NietIngelogd()
    _, csrf, volledig = ingelogd
    if volledig:
        raise AlIngelogd()
    request.state.csrf = csrf
    if request.method not in SAFE_METHODS:
        await check_csrf(request, csrf)
    return token


async def check_csrf(request: Request, expected: str) -> None:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(
            403, "Dit formulier is verlopen of niet van deze site. Laad de pagina opnieuw."
        )


async def form_data(request: Request) -> FormData:
    """The posted form, read once (the CSRF check above reads the same cached form), so a
    page route that interprets free-keyed fields can stay a plain `def`."""
    return await request.form()


Sessions = Annotated[sessionmaker[Session], Depends(sessions)]
FormDep = Annotated[FormData, Depends(form_data)]
ClockDep = Annotated[Clock, Depends(clock)]
ActorDep = Annotated[Actor, Depends(acting_user)]
HalfSessionDep = Annotated[str, Depends(half_session)]
