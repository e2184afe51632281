"""Error pages: HTML for the web pages, JSON for /api, never a traceback.

An unexpected exception gets a random reference code; the code, the route's template and the
traceback without exception messages (`foutlog.exc_info`: a message can carry a name or
SQL parameters) go to the server's log together, the user sees only the code in a generic Dutch
message.
"""

from __future__ import annotations

import logging
import secrets

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from service import beveiliging
from service.templating import page
from trajectory.entrypoints.foutlog import exc_info

log = logging.getLogger("stagetraject.fouten")
NIET_PAGINA = ("/api/", "/docs", "/redoc", "/openapi.json", "/static/")
TITELS = {
    403: ("Geen toegang", "U hebt geen toegang tot deze pagina."),
    404: ("Niet gevonden", "Deze pagina bestaat niet, of u hebt er geen toegang toe."),
    405: ("Niet mogelijk", "Deze pagina kan zo niet worden gebruikt."),
}
ANDERS = ("Niet mogelijk", "Dit verzoek kan niet worden verwerkt.")
ONVERWACHT = (
    "Er ging iets mis",
    "Er ging onverwacht iets mis. Probeer het opnieuw; blijft het misgaan, geef dan de "
    "foutcode hieronder door aan de beheerder.",
)


def is_page(request: Request) -> bool:
    return not request.url.path.startswith(NIET_PAGINA)


def error_page(request: Request, status: int, uitleg: str | None = None) -> Response:
    titel, standaard = TITELS.get(
        status, ("Niet mogelijk", "Dit verzoek kan niet worden verwerkt.")
    )
    context = {"titel": titel, "uitleg": uitleg or standaard, "referentie": None}
    return page(request, "fouten/fout.html", context, status_code=status)


def route_sjabloon(request: Request) -> str:
    """The matched route as declared (`/api/leerlingen/{leerling_id}`), not the path typed."""
    route = request.scope.get("route")
    return getattr(route, "path", None) or "(geen route)"


def new_reference() -> str:
    raw = secrets.token_hex(4).upper()
    return f"{raw[:4]}-{raw[4:]}"


def install(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if not is_page(request) or exc.status_code < 400:
            return await http_exception_handler(request, exc)
        uitleg = exc.detail if isinstance(exc.detail, str) and exc.status_code == 403 else None
        return error_page(request, exc.status_code, uitleg)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        """Runs outside the middleware stack (Starlette's ServerErrorMiddleware), so it adds
        the security headers itself."""
        referentie = new_reference()
        log.error(
            "onverwachte fout %s bij %s %s",
            referentie,
            request.method,
            route_sjabloon(request),
            exc_info=exc_info(exc),
        )
        if is_page(request):
            titel, uitleg = ONVERWACHT
            context = {"titel": titel, "uitleg": uitleg, "referentie": referentie}
            response = page(request, "fouten/fout.html", context, status_code=500)
        else:
            melding = f"Er ging onverwacht iets mis (foutcode {referentie})."
            response = JSONResponse({"detail": melding, "referentie": referentie}, status_code=500)
        https = request.app.state.secure_cookies or request.url.scheme == "https"
        beveiliging.apply(response.headers, request.url.path, https)
        return response
