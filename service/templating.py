"""Server-rendered pages: Jinja2 with autoescaping, the user and CSRF token in every page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from starlette.datastructures import URL, URLPath
from starlette.responses import Response

from service.pages.rijen import rij_acties, vastgelegd_rij, vervallen
from service.pages.tijdlijn import gegevenslijst
from trajectory.domain.access import may_create_leerling, may_read_bedrijven
from trajectory.domain.clock import SCHOOL_TZ


def lokaal(moment: datetime | str | None, opmaak: str = "%d-%m-%Y %H:%M") -> str:
    """A stored moment (UTC; SQLite returns it without its zone, the audit as ISO text) in the
    school's local time, Europe/Amsterdam."""
    if moment is None:
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(SCHOOL_TZ).strftime(opmaak)


URL_PADEN = "url_paden"  # on app.state: (name, parameters) -> path, filled as pages ask


@pass_context
def url_for(context: dict[str, Any], name: str, /, **path_params: Any) -> URL:
    """Starlette's `url_for`, each route's path looked up once per app (its routes do not
    change once it runs): the lookup tries route after route, ~0.7 ms for a style sheet on
    the 2-core CI machine, and every page links four."""
    request: Request = context["request"]
    paden: dict[tuple[str, tuple[Any, ...]], URLPath] | None = getattr(
        request.app.state, URL_PADEN, None
    )
    if paden is None:
        paden = {}
        setattr(request.app.state, URL_PADEN, paden)
    sleutel = (name, tuple(sorted(path_params.items())))
    pad = paden.get(sleutel)
    if pad is None:
        router = request.scope.get("router") or request.app
        pad = paden[sleutel] = router.url_path_for(name, **path_params)
    return pad.make_absolute_url(base_url=request.base_url)


TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
TEMPLATES.env.globals["url_for"] = url_for
TEMPLATES.env.globals["may_create_leerling"] = may_create_leerling  # the menu's import item
TEMPLATES.env.globals["may_read_bedrijven"] = may_read_bedrijven  # the menu's register item
TEMPLATES.env.filters["lokaal"] = lokaal
TEMPLATES.env.filters["gegevenslijst"] = gegevenslijst  # label/text pairs as a <dl>
TEMPLATES.env.globals["rij_acties"] = rij_acties  # a row's "corrigeren" and "ongeldig maken"
TEMPLATES.env.globals["vastgelegd_rij"] = vastgelegd_rij  # the leerling page's records
TEMPLATES.env.globals["vervallen"] = vervallen  # when and why a row stopped counting


def page(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> Response:
    """A page with leerling data: never stored by the browser or a proxy."""
    response = TEMPLATES.TemplateResponse(
        request,
        name,
        {
            "gebruiker": getattr(request.state, "actor", None),
            "csrf_token": getattr(request.state, "csrf", ""),
            **(context or {}),
        },
        status_code=status_code,
    )
    response.headers["Cache-Control"] = "no-store"
    return response
