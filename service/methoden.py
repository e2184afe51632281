"""A 405 names every method the path allows, not only those of the first route that matched:
Starlette answers from one route, so `/api/leerlingen` (GET and POST in two routes) said
`Allow: GET` to OPTIONS, TRACE and PUT."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

VOLGORDE = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def toegestaan(routes: list[BaseRoute], scope: Scope) -> list[str]:
    """Each method a route fully matches this path with (routers included in the app match
    through their own routes, so ask rather than read their method sets)."""
    return [
        methode
        for methode in VOLGORDE
        if any(route.matches({**scope, "method": methode})[0] is Match.FULL for route in routes)
    ]


class VolledigeAllow:
    def __init__(self, app: ASGIApp, *, routes: list[BaseRoute]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def met_allow(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                methoden = toegestaan(self.routes, scope)
                if methoden:
                    MutableHeaders(scope=message)["Allow"] = ", ".join(methoden)
            await send(message)

        await self.app(scope, receive, met_allow)
