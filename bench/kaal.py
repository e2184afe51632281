"""The baseline of the wrk benchmark: a bare FastAPI app in a process of its own.

`uvicorn --factory bench.kaal:maak_app` on the benchmark's database (TRAJECTORY_DATABASE_URL):
one route, `POST /kaal`, that commits one INSERT into a table of its own and answers 201. No
middleware, no auth, nothing of the project's app; only the engine is the project's
(`make_engine`: the same pool, and on SQLite the same WAL, synchronous=NORMAL and writer queue),
so what the ratio measures is the app's work per request, not a different database setup.
The benchmark makes the table before it starts this app, so N workers do not race to.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from fastapi import FastAPI
from sqlalchemy import Column, DateTime, Engine, Integer, MetaData, Table

from trajectory.store.db import database_url, make_engine

PAD = "/kaal"
TABEL = Table(
    "bench_kaal_los",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("tijd", DateTime(timezone=True)),
)


def maak_tabel(engine: Engine) -> None:
    TABEL.create(engine, checkfirst=True)


def maak_app() -> FastAPI:
    engine = make_engine(database_url(dict(os.environ)))
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.post(PAD, status_code=201)
    def kaal() -> dict[str, bool]:  # a `def` route, as the project's: run in the thread pool
        with engine.begin() as conn:
            conn.execute(TABEL.insert().values(tijd=datetime.now(UTC)))
        return {"ok": True}

    return app
