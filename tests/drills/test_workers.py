"""`trajectory serve --workers 2` for real (issue #20): two worker processes answer, the
scheduler's lease is held by exactly one worker (not the parent), and stopping gives it up.
Both databases: on SQLite two workers with a scheduler each used to be impossible."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
from datetime import UTC, datetime

from sqlalchemy import select

from tests.drills.conftest import vrije_poort, wacht_tot
from trajectory.entrypoints.scheduler import LEASE
from trajectory.store import lease
from trajectory.store import tables as t


def _status(poort: int, pad: str) -> int | None:
    conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=5)
    try:
        conn.request("GET", pad)
        return conn.getresponse().status
    except OSError:
        return None
    finally:
        conn.close()


def _houder(sessions) -> str | None:
    return lease.houder_van(sessions, LEASE, datetime.now(UTC))  # the server's own clock


def test_twee_workers_een_scheduler_die_de_taken_uitvoert(database_url, sessions, tmp_path):
    poort = vrije_poort()
    env = {**os.environ, "TRAJECTORY_DATABASE_URL": database_url, "TRAJECTORY_SCHEDULER": "1"}
    log = (tmp_path / "server.log").open("wb")
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "trajectory.entrypoints.cli",
            "serve",
            "--port",
            str(poort),
            "--workers",
            "2",
            "--forwarded-allow-ips",
            "127.0.0.1",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wacht_tot(lambda: _status(poort, "/login") == 200, "de workers antwoorden")
        wacht_tot(lambda: _houder(sessions) is not None, "een worker houdt de lease")
        houder = _houder(sessions)
        assert houder is not None
        worker_pid = int(houder.split(":")[1])
        assert worker_pid != proces.pid  # a worker runs the jobs, not uvicorn's supervisor
        uitvoer = (tmp_path / "server.log").read_text(errors="replace")
        assert uitvoer.count("deze instantie voert de taken uit") == 1
    finally:
        proces.terminate()
        proces.wait(timeout=30)
        log.close()
    assert proces.returncode == 0
    with sessions() as session:
        rij = session.execute(select(t.SchedulerLease)).scalar_one()
        assert rij.houder == houder
    assert _houder(sessions) is None  # the holder gave it up on stopping
