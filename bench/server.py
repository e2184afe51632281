"""The real app under uvicorn for the benchmarks, plus a bare endpoint as the baseline.

`bench.server:maak_app` (uvicorn --factory) is the service as `trajectory serve` builds it
(scheduler off, the settings from the environment), with one extra route, `POST /bench/kaal`:
no auth, no engine; one INSERT committed through the same engine and session factory. Started
on 127.0.0.1 at a free port; stopped by its own process id.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import httpx2
from fastapi import FastAPI
from sqlalchemy import Column, DateTime, Integer, MetaData, Table

from service.app import create_app
from service.settings import Settings

KAAL = Table(
    "bench_kaal",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("tijd", DateTime(timezone=True)),
)


def maak_app() -> FastAPI:
    app = create_app(Settings(scheduler=False))
    KAAL.create(app.state.engine, checkfirst=True)
    sessions = app.state.sessions

    @app.post("/bench/kaal", status_code=201)
    def kaal() -> dict[str, bool]:
        with sessions.begin() as session:
            session.execute(KAAL.insert().values(tijd=datetime.now(UTC)))
        return {"ok": True}

    return app


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def draaiend(database_url: str, opstarten: float = 60) -> Iterator[str]:
    """uvicorn with the app on this database; yields its base URL."""
    poort = _vrije_poort()
    env = os.environ | {
        "TRAJECTORY_DATABASE_URL": database_url,
        "TRAJECTORY_SCHEDULER": "0",
        "TRAJECTORY_TOTP": "0",
    }
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "bench.server:maak_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(poort),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    basis = f"http://127.0.0.1:{poort}"
    try:
        einde = time.monotonic() + opstarten
        while True:
            try:
                if httpx2.get(f"{basis}/login", timeout=2).status_code < 500:
                    break
            except httpx2.TransportError:
                pass
            if proces.poll() is not None or time.monotonic() > einde:
                raise RuntimeError(f"uvicorn kwam niet op ({database_url.split('://')[0]})")
            time.sleep(0.2)
        yield basis
    finally:
        proces.terminate()
        try:
            proces.wait(10)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()
