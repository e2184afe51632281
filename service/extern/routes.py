"""Opening a personal link and its home page (issue #18).

`GET /l/{token}` is the e-mailed (and QR-coded) URL: a working token starts a link-session in
a cookie and redirects to `/extern`, so the token leaves the address bar (and any later
Referer) at once; any other token is the same 404 as a page that does not exist. Unknown
tokens are counted per client IP (`deps.OPENEN`). `/extern` shows the placement and the pages
of the link's purpose.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from service.auth import pogingen
from service.extern.deps import (
    COOKIE,
    DOELPAGINAS,
    OPENEN,
    PAD,
    TE_VAAK_OPENEN,
    LinkToegang,
    TeVaak,
    elke_link,
)
from service.pages.inloggen import secure
from service.templating import lokaal, page
from trajectory.domain.links import DOELEN
from trajectory.usecases import links

router = APIRouter(include_in_schema=False)
MAX_TOKEN = 100  # a real one is 43 characters


@router.get("/l/{token}")
def openen(request: Request, token: str) -> Response:
    state = request.app.state
    ip = request.client.host if request.client else "onbekend"
    now = state.clock.now()
    with state.sessions.begin() as session:
        wacht = pogingen.wachttijd(session, state.sleutels, OPENEN, ip, now)
        link = None
        if wacht is None:
            link = links.link_bij_token(session, token[:MAX_TOKEN], now)
            if link is None:
                pogingen.noteer(session, state.sleutels, OPENEN, ip, now)
        cookie = links.open_sessie(session, link, now) if link is not None else None
    if wacht is not None:
        raise TeVaak(TE_VAAK_OPENEN)
    if cookie is None:
        raise HTTPException(404)
    response = RedirectResponse(PAD, status_code=303)
    response.set_cookie(
        COOKIE, cookie, httponly=True, samesite="lax", secure=secure(request), path=PAD
    )
    return response


@router.get(PAD)
def home(request: Request, toegang: Annotated[LinkToegang, Depends(elke_link)]) -> Response:
    state = request.app.state
    now = state.clock.now()
    with state.sessions() as session:
        link = links.link_bij_id(session, toegang.link_id, now)
        if link is None:
            raise HTTPException(404)
        inhoud = links.inhoud(session, link)
    context = {
        "toegang": toegang,
        "csrf": toegang.csrf,
        "inhoud": inhoud,
        "doel_titel": DOELEN[toegang.doel],
        "paginas": DOELPAGINAS[toegang.doel],
        "geldig_tot": lokaal(link.verloopt_op, "%d-%m-%Y"),
    }
    return page(request, "extern/home.html", context)
