"""create_app(): the FastAPI application on one database."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from service import errors, foutpagina
from service.api import agenda, audit, diagrammen, gegevens, leerlingen, meldingen
from service.api import bedrijven as bedrijven_api
from service.api import correcties as correctie_api
from service.api import intake as intake_api
from service.api import overeenkomst as overeenkomst_api
from service.auth.sessies import Timeouts
from service.beveiliging import SecurityHeaders
from service.extern import agenda as extern_agenda
from service.extern import beheer as links_beheer
from service.extern import deps as extern_deps
from service.extern import ondertekenen as extern_ondertekenen
from service.extern import routes as extern_routes
from service.invoerpoort import Invoerpoort
from service.methoden import VolledigeAllow
from service.pages import (
    account,
    apidocs,
    code,
    gebruikers,
    importeren,
    inloggen,
    leerling,
    overzicht,
    rapportage,
    schooljaar,
    vandaag,
    wachtlijst,
)
from service.pages import audit as audit_pagina
from service.pages import avg as avg_pagina
from service.pages import bedrijven as bedrijf_paginas
from service.pages import bedrijven_import as bedrijven_import_pagina
from service.pages import correcties as correctie_paginas
from service.pages import diagrammen as diagram_paginas
from service.pages import gegevens as gegevens_pagina
from service.pages import intake as intake_pagina
from service.pages import meldingen as meldingen_pagina
from service.pages import overeenkomst as overeenkomst_pagina
from service.pages import stageagenda as stageagenda_pagina
from service.pages import stagezoeken as stagezoeken_pagina
from service.pages import teamoverleg as teamoverleg_pagina
from service.settings import Settings
from trajectory.entrypoints import foutlog
from trajectory.entrypoints.scheduler import build_scheduler, start_scheduler
from trajectory.store.db import make_engine, make_sessionmaker, upgrade


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    foutlog.installeer()
    engine = make_engine(settings.database_url)
    upgrade(engine, settings.sleutels)
    sessions = make_sessionmaker(engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # every worker and instance starts one; only the lease's holder runs the jobs
        if settings.scheduler:
            scheduler = start_scheduler(sessions, settings.smtp, settings.clock)
        else:
            scheduler = build_scheduler(sessions, settings.smtp, settings.clock)
        app.state.scheduler = scheduler
        yield
        if scheduler.running:
            scheduler.shutdown(wait=True)  # let a running job finish; gives the lease up

    app = FastAPI(
        lifespan=lifespan,
        title="Stagetraject",
        version="0.1.0",
        description="Het stagetraject van een praktijkschool: leerlingen, stappen, "
        "vastleggingen en een controleerbare audittrail.",
        docs_url=None,  # served by service/pages/apidocs.py without a CDN
        redoc_url=None,  # ReDoc comes only from a CDN: not offered
    )
    app.state.engine = engine
    app.state.sessions = sessions
    app.state.clock = settings.clock
    app.state.timeouts = Timeouts(idle=settings.sessie_idle, absoluut=settings.sessie_max)
    app.state.secure_cookies = settings.secure_cookies
    app.state.totp_voor_iedereen = settings.totp_voor_iedereen
    app.state.sleutels = settings.sleutels
    errors.install(app)
    foutpagina.install(app)
    extern_deps.install(app)
    app.add_middleware(VolledigeAllow, routes=app.router.routes)
    app.add_middleware(Invoerpoort)  # innermost of the three: its 413/422 are logged and secured
    app.middleware("http")(_access_log)
    app.add_middleware(SecurityHeaders, behind_tls=settings.secure_cookies)
    app.include_router(gegevens.router)
    app.include_router(leerlingen.router)
    app.include_router(correctie_api.router)
    app.include_router(intake_api.router)
    app.include_router(bedrijven_api.router)
    app.include_router(overeenkomst_api.router)  # the signed stage-overeenkomst as JSON (#18)
    app.include_router(audit.router)
    app.include_router(diagrammen.router)
    app.include_router(meldingen.router)
    app.include_router(inloggen.router)
    app.include_router(code.router)
    app.include_router(vandaag.router)
    app.include_router(overzicht.router)
    app.include_router(diagram_paginas.router)
    app.include_router(teamoverleg_pagina.router)
    app.include_router(audit_pagina.router)
    app.include_router(importeren.router)
    app.include_router(bedrijven_import_pagina.router)  # before /bedrijven/{bedrijf_id}
    app.include_router(gebruikers.router)
    app.include_router(account.router)
    app.include_router(meldingen_pagina.router)
    app.include_router(agenda.router)
    app.include_router(gegevens_pagina.router)
    app.include_router(leerling.router)
    app.include_router(correctie_paginas.router)
    app.include_router(intake_pagina.router)
    app.include_router(rapportage.router)
    app.include_router(wachtlijst.router)
    app.include_router(schooljaar.router)
    app.include_router(avg_pagina.router)
    app.include_router(stagezoeken_pagina.router)
    app.include_router(apidocs.router)
    app.include_router(bedrijf_paginas.router)
    app.include_router(extern_routes.router)  # personal links (issue #18)
    app.include_router(extern_agenda.router)  # the weekly stage-agenda through a link (#18)
    app.include_router(stageagenda_pagina.router)  # the stage-agenda of a placement (#18)
    app.include_router(links_beheer.router)
    app.include_router(overeenkomst_pagina.router)  # the signed stage-overeenkomst (#18)
    app.include_router(extern_ondertekenen.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


STATIC = Path(__file__).parent / "static"
access_logger = logging.getLogger("stagetraject.access")


async def _access_log(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Log method, path and status, never the query string (it may hold a searched name) nor
    the secret of a calendar feed."""
    started = time.perf_counter()
    response = await call_next(request)
    access_logger.info(
        "%s %s %s %.1f ms",
        request.method,
        _zonder_geheim(request.url.path),
        response.status_code,
        (time.perf_counter() - started) * 1000,
    )
    return response


def _zonder_geheim(pad: str) -> str:
    if pad.startswith("/l/"):  # a personal link's token (issue #18)
        return "/l/***"
    return "/agenda/***.ics" if pad.startswith("/agenda/") else pad
