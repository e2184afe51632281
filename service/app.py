"""create_app(): the FastAPI application on one database."""

from __future__ import annotations

from fastapi import FastAPI

from service import errors
from service.api import audit, leerlingen
from service.settings import Settings
from trajectory.store.db import make_engine, make_sessionmaker, upgrade


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    app = FastAPI(
        title="Stagetraject",
        version="0.1.0",
        description="Het stagetraject van een praktijkschool: leerlingen, stappen, "
        "vastleggingen en een controleerbare audittrail.",
    )
    app.state.engine = engine
    app.state.sessions = make_sessionmaker(engine)
    app.state.clock = settings.clock
    errors.install(app)
    app.include_router(leerlingen.router)
    app.include_router(audit.router)
    return app
