"""Domain exceptions as HTTP answers, in Dutch, without tracebacks."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from service.deps import AlIngelogd, NietIngelogd, TweedeFactorNodig
from service.foutpagina import error_page, is_page
from trajectory.domain.records import FieldError
from trajectory.guards import Verdict
from trajectory.store.repository import GroepsstageVol
from trajectory.usecases.engine import (
    LeerlingNotFound,
    NotPermitted,
    PayloadError,
    UnknownTrigger,
    VersionConflict,
)
from trajectory.usecases.users import UserError
from trajectory.usecases.vastleggen import RoosterGeweigerd


def _validation(loc_prefix: tuple[str, ...], exc: ValidationError) -> JSONResponse:
    detail = [
        {"loc": [*loc_prefix, *error["loc"]], "msg": error["msg"], "type": error["type"]}
        for error in exc.errors(include_url=False, include_context=False, include_input=False)
    ]
    return JSONResponse({"detail": detail}, status_code=422)


def _body(request: Request) -> tuple[str, ...]:
    """Where a field lives: a trigger's data sits under `payload` in the request body."""
    return ("body", "payload") if "/triggers/" in request.url.path else ("body",)


def refused(
    inleiding: str, failing: Iterable[Verdict], event_id: int, **extra: object
) -> JSONResponse:
    """409 with every failing guard and its Dutch reason; the refusal is in the audit trail."""
    failing = list(failing)
    return JSONResponse(
        {
            "detail": {
                "reden": "geweigerd",
                "melding": " ".join([inleiding, *(v.reden or "" for v in failing)]),
                "guards": [v.as_dict() for v in failing],
                "event_id": event_id,
                **extra,
            }
        },
        status_code=409,
    )


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

    @app.exception_handler(LeerlingNotFound)
    async def not_found(request: Request, exc: LeerlingNotFound) -> Response:
        if is_page(request):
            return error_page(request, 404, "Deze leerling bestaat niet, of u hebt geen toegang.")
        return JSONResponse({"detail": "Leerling niet gevonden."}, status_code=404)

    @app.exception_handler(UnknownTrigger)
    async def unknown_trigger(request: Request, exc: UnknownTrigger) -> Response:
        if is_page(request):
            return error_page(request, 404, "Deze stap bestaat niet.")
        return JSONResponse({"detail": "Onbekende stap."}, status_code=404)

    @app.exception_handler(NotPermitted)
    async def forbidden(request: Request, exc: NotPermitted) -> Response:
        if is_page(request):
            return error_page(request, 403, str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=403)

    @app.exception_handler(RoosterGeweigerd)
    async def rooster(request: Request, exc: RoosterGeweigerd) -> JSONResponse:
        return refused("Dit rooster kan niet:", exc.verdicts, exc.event_id)

    @app.exception_handler(GroepsstageVol)
    async def vol(request: Request, exc: GroepsstageVol) -> JSONResponse:
        dagdeel = exc.dagdeel.replace("_", "-")
        return JSONResponse(
            {
                "detail": {
                    "reden": "groepsstage_vol",
                    "melding": f"De laatste plaats in de groepsstage op {dagdeel} is net "
                    "door iemand anders genomen. Kies een ander dagdeel.",
                    "dagdeel": exc.dagdeel,
                }
            },
            status_code=409,
        )

    @app.exception_handler(VersionConflict)
    async def conflict(request: Request, exc: VersionConflict) -> JSONResponse:
        return JSONResponse(
            {
                "detail": {
                    "reden": "versieconflict",
                    "melding": "Iemand anders heeft deze leerling intussen gewijzigd. "
                    "Laad de leerling opnieuw en kijk of de stap nog nodig is.",
                    "huidige_versie": exc.huidige_versie,
                }
            },
            status_code=409,
        )

    @app.exception_handler(ValidationError)
    async def invalid(request: Request, exc: ValidationError) -> JSONResponse:
        return _validation(_body(request), exc)

    @app.exception_handler(FieldError)
    async def invalid_field(request: Request, exc: FieldError) -> JSONResponse:
        return JSONResponse(
            {
                "detail": [
                    {"loc": [*_body(request), exc.field], "msg": str(exc), "type": "value_error"}
                ]
            },
            status_code=422,
        )

    @app.exception_handler(PayloadError)
    async def bad_payload(request: Request, exc: PayloadError) -> JSONResponse:
        return JSONResponse(
            {"detail": [{"loc": ["body", "payload"], "msg": str(exc), "type": "value_error"}]},
            status_code=422,
        )

    @app.exception_handler(UserError)
    async def bad_user(request: Request, exc: UserError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)
