"""Server-rendered pages: Jinja2 with autoescaping, the user and CSRF token in every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from trajectory.domain.access import may_create_leerling

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
TEMPLATES.env.globals["may_create_leerling"] = may_create_leerling  # the menu's import item


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
