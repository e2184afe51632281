"""The error hierarchy (`usecases/fouten.py`) and refusals as HTTP answers, in Dutch, without
tracebacks: a page gets the HTML error page, /api gets JSON, both with the same message and
the status from `foutsoorten.STATUS`."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from service.deps import AlIngelogd, NietIngelogd, TweedeFactorNodig
from service.foutpagina import error_page, is_page
from service.foutsoorten import STATUS, status_van
from trajectory.usecases.fouten import Fout, Ongeldig, VersionConflict
from trajectory.usecases.geweigerd import Geweigerd


def _validation(loc_prefix: tuple[str, ...], exc: ValidationError) -> JSONResponse:
    detail = [
        {"loc": [*loc_prefix, *error["loc"]], "msg": error["msg"], "type": error["type"]}
        for error in exc.errors(include_url=False, include_context=False, include_input=False)
    ]
    return JSONResponse({"detail": detail}, status_code=422)


def _request_validation(exc: RequestValidationError) -> JSONResponse:
    """FastAPI's own answer echoes each wrong value (`input`) and can fail to encode a lone
    surrogate (a 500 whose log held the value): where and what, never the value itself."""
    detail = [
        {
            "loc": [_leesbaar(deel) for deel in error.get("loc", ())],
            "msg": _leesbaar(error.get("msg", "")),
            "type": error.get("type", "value_error"),
        }
        for error in exc.errors()
    ]
    return JSONResponse({"detail": detail}, status_code=422)


def _leesbaar(deel: object) -> object:
    """A key the client chose (an unknown field) may hold a lone surrogate: not UTF-8."""
    if isinstance(deel, str):
        return deel.encode("utf-8", "replace").decode("utf-8")
    return deel


def _body(request: Request) -> tuple[str, ...]:
    """Where a field lives: a trigger's data sits under `payload` in the request body."""
    if "/triggers/" in request.url.path:
        return ("body", "payload")
    if request.url.path.endswith("/correctie"):  # a correction's new version (api/correcties)
        return ("body", "gegevens")
    return ("body",)


def refused(geweigerd: Geweigerd, **extra: object) -> JSONResponse:
    """409 with every failing guard and its Dutch reason; the refusal is in the audit trail."""
    failing = geweigerd.failing
    return JSONResponse(
        {
            "detail": {
                "reden": "geweigerd",
                "melding": " ".join([geweigerd.inleiding, *(v.reden or "" for v in failing)]),
                "guards": [v.as_dict() for v in failing],
                "event_id": geweigerd.event_id,
                **extra,
            }
        },
        status_code=STATUS["geweigerd"],
    )


def _json(request: Request, fout: Fout) -> object:
    """The body's shape as API clients know it: bad input like pydantic's, a conflict with
    what the client needs to try again, else the message."""
    if isinstance(fout, Ongeldig) and fout.veld is not None:
        loc = [*_body(request), *([fout.veld] if fout.veld else [])]
        return [{"loc": loc, "msg": fout.bericht, "type": "value_error"}]
    if isinstance(fout, VersionConflict):
        return {
            "reden": "versieconflict",
            "melding": fout.bericht,
            "huidige_versie": fout.huidige_versie,
        }
    return fout.bericht


def install(app: FastAPI) -> None:
    @app.exception_handler(NietIngelogd)
    async def not_logged_in(request: Request, exc: NietIngelogd) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"detail": "Log in, of stuur een API-token mee (Authorization: Bearer …)."},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        waarheen = "/login/code" if isinstance(exc, TweedeFactorNodig) else "/login"
        if request.method == "GET":
            volgende = urlencode({"volgende": request.url.path})
            return RedirectResponse(f"{waarheen}?{volgende}", status_code=303)
        return RedirectResponse(waarheen, status_code=303)

    @app.exception_handler(AlIngelogd)
    async def already_in(request: Request, exc: AlIngelogd) -> Response:
        return RedirectResponse("/", status_code=303)

    @app.exception_handler(Fout)
    async def fout(request: Request, exc: Fout) -> Response:
        if is_page(request):
            return error_page(request, status_van(exc), exc.bericht)
        return JSONResponse({"detail": _json(request, exc)}, status_code=status_van(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _request_validation(exc)

    @app.exception_handler(ValidationError)
    async def invalid(request: Request, exc: ValidationError) -> JSONResponse:
        return _validation(_body(request), exc)
