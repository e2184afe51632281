"""Security headers on every response, as pure ASGI middleware (pages, API, static files, errors).

The Content-Security-Policy forbids inline scripts, framing and foreign form targets. The API's
documentation (/docs, Swagger UI from the app's own files) needs inline styles and a blob
worker; it holds no leerling data and gets that, and nothing more, in its own policy. HSTS only
when the request came over TLS or TRAJECTORY_SECURE_COOKIES says a TLS proxy is in front.
Everything except the static files is `Cache-Control: no-store` unless a route chose otherwise.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
CSP_DOCS = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src blob:; object-src 'none'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'"
)
DOCS = "/docs"
STATIC = ("/static/", "/docs/bestanden/")  # files that may be cached
VAST = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000"


def security_headers(path: str, https: bool) -> dict[str, str]:
    headers = dict(VAST)
    headers["Content-Security-Policy"] = CSP_DOCS if path.startswith(DOCS) else CSP
    if https:
        headers["Strict-Transport-Security"] = HSTS
    return headers


def apply(headers: MutableHeaders, path: str, https: bool) -> None:
    for name, value in security_headers(path, https).items():
        headers[name] = value
    if not path.startswith(STATIC) and "cache-control" not in headers:
        headers["Cache-Control"] = "no-store"


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, behind_tls: bool) -> None:
        self.app = app
        self.behind_tls = behind_tls

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = self.behind_tls or scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                apply(MutableHeaders(scope=message), scope["path"], https)
            await send(message)

        await self.app(scope, receive, send_with_headers)
