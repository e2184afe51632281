"""Log in and out. A fresh session token at every login; the old one, if any, is ended.

The TOTP step after the password is `code.py`."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from service.auth import sessies, stappen
from service.deps import ActorDep
from service.templating import page

router = APIRouter(tags=["inloggen"], include_in_schema=False)
LOGIN_CSRF_COOKIE = "stagetraject_login_csrf"


def veilige_bestemming(volgende: str | None) -> str:
    """Only a path on this site: never an open redirect to somewhere else."""
    if volgende and volgende.startswith("/") and not volgende.startswith(("//", "/\\")):
        return volgende
    return "/"


def secure(request: Request) -> bool:
    return request.app.state.secure_cookies or request.url.scheme == "https"


@router.get("/login")
def login_form(request: Request, volgende: str | None = None) -> Response:
    return _form(request, volgende=veilige_bestemming(volgende))


def _form(
    request: Request, *, volgende: str, email: str = "", fout: str = "", status_code: int = 200
) -> Response:
    token = secrets.token_urlsafe(32)
    response = page(
        request,
        "inloggen/inloggen.html",
        {"login_csrf": token, "volgende": volgende, "email": email, "fout": fout},
        status_code=status_code,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=secure(request),
        path="/login",
    )
    return response


@router.post("/login")
async def login(
    request: Request,
    email: Annotated[str, Form(max_length=254)] = "",
    wachtwoord: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
    volgende: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    volgende = veilige_bestemming(volgende)
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), csrf_token.encode()):
        fout = "Het inlogformulier was verlopen. Probeer het nog een keer."
        return _form(request, volgende=volgende, email=email, fout=fout, status_code=403)
    uitkomst = await run_in_threadpool(_log_in, request, email, wachtwoord)
    if isinstance(uitkomst, stappen.Geweigerd):
        return _form(
            request,
            volgende=volgende,
            email=email,
            fout=uitkomst.melding,
            status_code=uitkomst.status,
        )
    if not uitkomst.volledig:
        volgende = f"/login/code?{urlencode({'volgende': volgende})}"
    response = RedirectResponse(volgende, status_code=303)
    set_session_cookie(request, response, uitkomst.token)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        sessies.COOKIE, token, httponly=True, samesite="lax", secure=secure(request), path="/"
    )


def _log_in(request: Request, email: str, wachtwoord: str) -> stappen.Gelukt | stappen.Geweigerd:
    state = request.app.state
    with state.sessions.begin() as session:
        return stappen.wachtwoord(
            session,
            email=email,
            wachtwoord=wachtwoord,
            ip=request.client.host if request.client else "onbekend",
            oud_token=request.cookies.get(sessies.COOKIE),
            now=state.clock.now(),
            totp_voor_iedereen=state.totp_voor_iedereen,
            sleutels=state.sleutels,
        )


@router.post("/uitloggen")
def uitloggen(request: Request, actor: ActorDep) -> Response:
    token = request.cookies.get(sessies.COOKIE, "")
    with request.app.state.sessions.begin() as session:
        sessies.end(session, token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(sessies.COOKIE, path="/")
    return response
