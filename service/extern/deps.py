"""The dependency every link page names: which link this browser opened, and may it do this.

A link is opened once at `/l/{token}` (routes.py): that sets the `COOKIE` (HttpOnly,
SameSite=Lax, path `/extern`) holding a server-side link-session, and redirects to `/extern`.
A link page then names the purpose it serves:

    toegang: Annotated[LinkToegang, Depends(link_toegang("agenda"))]

No cookie, a link expired, revoked or replaced, a placement corrected away, or a link for
another purpose: the same 404 as any page that does not exist. A request that changes
something must carry the link-session's CSRF token (form field `csrf_token` or header
`X-CSRF-Token`; pages get it as `csrf` and `csrf_token`) and stays under the per-link rate
limit (`ACTIES`; 429 with a Dutch sentence). The page's `{placement, leerling}` are the link's
own: take `plaatsing_id` and `leerling_id` from the `LinkToegang`, never from the URL.

A page of a purpose appears on the link's home page (`/extern`) after
`registreer_doelpagina(doel, titel, pad)` at import time of its route module, e.g.
`registreer_doelpagina("agenda", "Stage-agenda van deze week", "/extern/agenda")`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import Response

from service.auth import pogingen
from service.deps import SAFE_METHODS, check_csrf
from service.templating import page
from trajectory.domain.access import Actor
from trajectory.domain.links import DOELEN
from trajectory.usecases import links

COOKIE = "stagetraject_link"
PAD = "/extern"
ACTIES = pogingen.Grens("link_actie", 60, timedelta(minutes=15))  # per link: forms sent
OPENEN = pogingen.Grens("link_ip", 20, timedelta(minutes=15))  # per IP: unknown tokens tried
TE_VAAK = (
    "U hebt in korte tijd heel vaak iets verstuurd via deze link. Wacht een kwartier en "
    "probeer het dan opnieuw."
)
TE_VAAK_OPENEN = (
    "Vanaf dit adres zijn te veel onbekende links geprobeerd. Probeer het over een kwartier "
    "opnieuw, of vraag de school om een nieuwe link."
)


@dataclass(frozen=True)
class LinkToegang:
    link_id: int
    plaatsing_id: int
    leerling_id: int
    partij: str
    doel: str
    naam: str
    actor: Actor
    csrf: str


@dataclass(frozen=True)
class Doelpagina:
    titel: str
    pad: str


DOELPAGINAS: dict[str, list[Doelpagina]] = {doel: [] for doel in DOELEN}


def registreer_doelpagina(doel: str, titel: str, pad: str) -> None:
    """Show `pad` on the home page of every link for `doel` (once, however often called)."""
    if doel not in DOELEN or not pad.startswith(f"{PAD}/"):
        raise ValueError(f"een linkpagina hoort bij een doel en onder {PAD}/: {doel} {pad}")
    pagina = Doelpagina(titel, pad)
    if pagina not in DOELPAGINAS[doel]:
        DOELPAGINAS[doel].append(pagina)


class TeVaak(Exception):
    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


def install(app: FastAPI) -> None:
    """The link pages' 429: a Dutch sentence on the link pages' own layout."""

    @app.exception_handler(TeVaak)
    async def te_vaak(request: Request, exc: TeVaak) -> Response:
        context = {"titel": "Even wachten", "uitleg": exc.bericht}
        return page(request, "extern/melding.html", context, status_code=429)


def link_toegang(doel: str) -> Callable[..., Awaitable[LinkToegang]]:
    """The FastAPI dependency of a page for `doel` (see the module's docstring)."""
    if doel not in DOELEN:
        raise ValueError(f"onbekend doel {doel!r}")

    async def toegang(request: Request) -> LinkToegang:
        return await _toegang(request, doel)

    return toegang


async def elke_link(request: Request) -> LinkToegang:
    """The link's home page: any purpose."""
    return await _toegang(request, None)


async def _toegang(request: Request, doel: str | None) -> LinkToegang:
    cookie = request.cookies.get(COOKIE)
    if not cookie or len(cookie) > 100:
        raise HTTPException(404)
    gevonden = await run_in_threadpool(_zoek, request, cookie)
    if gevonden is None or (doel is not None and gevonden[0].doel != doel):
        raise HTTPException(404)
    link, csrf = gevonden
    request.state.csrf = csrf
    toegang = LinkToegang(
        link.link_id,
        link.plaatsing_id,
        link.leerling_id,
        link.partij,
        link.doel,
        link.naam,
        link.actor,
        csrf,
    )
    request.state.link = toegang
    if request.method not in SAFE_METHODS:
        await check_csrf(request, csrf)
        await run_in_threadpool(_drempel, request, link.link_id)
    return toegang


def _zoek(request: Request, cookie: str) -> tuple[links.GeldigeLink, str] | None:
    state = request.app.state
    with state.sessions() as session:
        return links.link_van_sessie(session, cookie, state.clock.now())


def _drempel(request: Request, link_id: int) -> None:
    """Counts every form sent through the link; over `ACTIES` it is refused until the window
    has room again."""
    state = request.app.state
    now = state.clock.now()
    with state.sessions.begin() as session:
        wacht = pogingen.wachttijd(session, state.sleutels, ACTIES, str(link_id), now)
        if wacht is None:
            pogingen.noteer(session, state.sleutels, ACTIES, str(link_id), now)
    if wacht is not None:
        raise TeVaak(TE_VAAK)
