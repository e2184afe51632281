"""The login's second step: the TOTP code, or first enrolling an authenticator app.

Only a half session (password right, code not yet) reaches these routes; it reaches nothing
else. The QR code is an SVG from our own origin, so the page needs no JavaScript.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from service.auth import stappen
from service.deps import HalfSessionDep
from service.pages.inloggen import set_session_cookie, veilige_bestemming
from service.templating import page
from trajectory.domain import totp

router = APIRouter(tags=["inloggen"], include_in_schema=False)


@router.get("/login/code")
def code_form(request: Request, token: HalfSessionDep, volgende: str | None = None) -> Response:
    return _form(request, token, veilige_bestemming(volgende))


@router.post("/login/code")
async def code(
    request: Request,
    token: HalfSessionDep,
    code: Annotated[str, Form(max_length=20)] = "",
    volgende: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    volgende = veilige_bestemming(volgende)
    uitkomst = await run_in_threadpool(_check, request, token, code)
    if isinstance(uitkomst, stappen.Geweigerd):
        return _form(request, token, volgende, fout=uitkomst.melding, status=uitkomst.status)
    response = RedirectResponse(volgende, status_code=303)
    set_session_cookie(request, response, uitkomst.token)
    return response


@router.get("/login/code/qr.svg")
def qr(request: Request, token: HalfSessionDep) -> Response:
    stap = _stap(request, token)
    if stap is None or stap.uri is None:
        return Response(status_code=404, headers={"Cache-Control": "no-store"})
    return Response(
        totp.qr_svg(stap.uri), media_type="image/svg+xml", headers={"Cache-Control": "no-store"}
    )


def _form(
    request: Request, token: str, volgende: str, fout: str = "", status: int = 200
) -> Response:
    stap = _stap(request, token)
    if stap is None:
        return RedirectResponse("/login", status_code=303)
    context = {"stap": stap, "volgende": volgende, "fout": fout}
    return page(request, "inloggen/code.html", context, status_code=status)


def _stap(request: Request, token: str) -> stappen.CodeStap | None:
    state = request.app.state
    with state.sessions() as session:
        return stappen.code_stap(session, token, state.clock.now(), state.timeouts, state.sleutels)


def _check(request: Request, token: str, code: str) -> stappen.Gelukt | stappen.Geweigerd:
    state = request.app.state
    with state.sessions.begin() as session:
        return stappen.code(session, token, code, state.clock.now(), state.timeouts, state.sleutels)
