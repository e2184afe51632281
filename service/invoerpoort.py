"""The gate every request passes before it is parsed, as pure ASGI middleware: a bounded body
(413) and only storable text in the query string, a form or a JSON body (422).

The body is counted as it is received, so a client without Content-Length (chunked) is stopped
at the limit too; at most the limit is held in memory. JSON and forms get 1 MB; the CSV import,
whose confirmation form carries the file back, gets room for it. A NUL or a lone surrogate in
any text, and NaN or Infinity in JSON, are refused here with a Dutch message, so they reach
neither the database nor a validation message; the models apply the same rule
(`trajectory.domain.invoer`) for input that does not come over HTTP.
"""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from trajectory.domain.invoer import tekst_fout
from trajectory.usecases.importeren import MAX_BYTES

MAX_BODY = 1_000_000  # JSON and forms
IMPORT_PADEN = ("/import",)
MAX_IMPORT_BODY = 3 * MAX_BYTES + 65_536  # the file percent-encoded in the confirmation form
TE_GROOT = "Het verzoek is te groot: hoogstens {mb} MB."
GEEN_GETAL = "NaN en Infinity zijn geen getallen; geef een gewoon getal."


class TeGroot(Exception):
    pass


class OngeldigeInvoer(Exception):
    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


# a scanned paper contract (issue #18): up to 10 MB and the form around it, a little more so
# an 11 MB file reaches the page and gets its Dutch 422 (service/pages/overeenkomst.py)
MAX_SCAN_BODY = 12_000_000
SCAN_PAD = "/overeenkomst/scan"


def grens_voor(path: str) -> int:
    if path.startswith(IMPORT_PADEN):
        return MAX_IMPORT_BODY
    return MAX_SCAN_BODY if path.endswith(SCAN_PAD) else MAX_BODY


def controleer_paren(tekst: str) -> None:
    """A query string or form body: every name and value, percent-decoded."""
    for naam, waarde in parse_qsl(tekst, keep_blank_values=True):
        bericht = tekst_fout(naam) or tekst_fout(waarde)
        if bericht:
            raise OngeldigeInvoer(bericht)


def controleer_json(body: bytes) -> None:
    """NaN/Infinity and unstorable text anywhere in a JSON body. Invalid JSON is left to the
    app, which answers it with its usual 422."""

    def geen_constante(naam: str) -> Any:
        raise OngeldigeInvoer(GEEN_GETAL)

    try:
        data = json.loads(body, parse_constant=geen_constante)
    except (ValueError, RecursionError):
        return
    _teksten(data)


def _teksten(waarde: Any) -> None:
    stapel = [waarde]
    while stapel:
        item = stapel.pop()
        if isinstance(item, str):
            if bericht := tekst_fout(item):
                raise OngeldigeInvoer(bericht)
        elif isinstance(item, dict):
            stapel.extend(item.keys())
            stapel.extend(item.values())
        elif isinstance(item, list):
            stapel.extend(item)


async def lees_body(receive: Receive, grens: int) -> bytes:
    """The whole body, or TeGroot as soon as more than `grens` bytes came in."""
    delen: list[bytes] = []
    ontvangen = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        deel = message.get("body", b"")
        ontvangen += len(deel)
        if ontvangen > grens:
            raise TeGroot
        delen.append(deel)
        if not message.get("more_body", False):
            break
    return b"".join(delen)


def controleer_body(headers: Headers, body: bytes) -> None:
    soort = headers.get("content-type", "").split(";")[0].strip().lower()
    if soort == "application/x-www-form-urlencoded":
        controleer_paren(body.decode("latin-1"))
    elif soort == "application/json" or soort.endswith("+json"):
        controleer_json(body)


def antwoord(scope: Scope, status: int, bericht: str) -> Response:
    if scope["path"].startswith("/api/"):
        return JSONResponse({"detail": bericht}, status_code=status)
    return HTMLResponse(
        f"<!doctype html><html lang=nl><title>Niet mogelijk</title><h1>Niet mogelijk</h1>"
        f'<p class="fout" role="alert">{html.escape(bericht)}</p></html>',
        status_code=status,
    )


class Invoerpoort:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        grens = grens_voor(scope["path"])
        headers = Headers(scope=scope)
        try:
            controleer_paren(scope.get("query_string", b"").decode("latin-1"))
            lengte = headers.get("content-length", "")
            if lengte.isascii() and lengte.isdigit() and int(lengte) > grens:
                raise TeGroot
            body = await lees_body(receive, grens)
            controleer_body(headers, body)
        except TeGroot:
            await antwoord(scope, 413, TE_GROOT.format(mb=grens // 1_000_000))(scope, receive, send)
            return
        except OngeldigeInvoer as fout:
            await antwoord(scope, 422, fout.bericht)(scope, receive, send)
            return

        gegeven = False

        async def opnieuw() -> Message:
            nonlocal gegeven
            if not gegeven:
                gegeven = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, opnieuw, send)
