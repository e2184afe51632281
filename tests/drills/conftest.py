"""The real server for the drills: `trajectory serve` as a subprocess on 127.0.0.1, a free port.

The drills that run it use PostgreSQL only (`op_postgresql`): the parametrised `database_url`
fixture of tests/conftest.py, restricted to its postgresql run, so the server and the test
share that wiped database (TRAJECTORY_TEST_POSTGRES_URL).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from pyotp import TOTP
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import STAFF, api_token
from tests.web import WACHTWOORD, csrf_of, give_password, secret_of

op_postgresql = pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
OPSTART_SECONDEN = 30


def wacht_tot(voorwaarde: Any, wat: str, seconden: float = OPSTART_SECONDEN) -> None:
    """Poll what another process does (a server up, a lease taken, mail sent) until it holds;
    bounded: it happens within `seconden`, or the test fails."""
    grens = time.monotonic() + seconden
    while time.monotonic() < grens:
        if voorwaarde():
            return
        time.sleep(0.1)
    raise AssertionError(f"niet binnen de tijd: {wat}")


def scheduler(database_url: str, smtp_poort: int) -> subprocess.Popen[bytes]:
    """`trajectory scheduler` on the system clock, mailing to the drill's SMTP server."""
    env = {
        **os.environ,
        "TRAJECTORY_DATABASE_URL": database_url,
        "TRAJECTORY_SMTP_HOST": "127.0.0.1",
        "TRAJECTORY_SMTP_PORT": str(smtp_poort),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "trajectory.entrypoints.cli", "scheduler"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m trajectory.entrypoints.cli serve` without the in-process scheduler."""

    def __init__(self, database_url: str, log: Path | None = None) -> None:
        self.database_url = database_url
        self.log = log  # the server's stdout and stderr (its log lines), appended
        self.poort = vrije_poort()
        self.proces: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "TRAJECTORY_DATABASE_URL": self.database_url,
            "TRAJECTORY_SCHEDULER": "0",
        }
        uit = self.log.open("ab") if self.log else subprocess.DEVNULL
        try:
            self.proces = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "trajectory.entrypoints.cli",
                    "serve",
                    "--port",
                    str(self.poort),
                ],
                env=env,
                stdout=uit,
                stderr=subprocess.STDOUT,
            )
        finally:
            if self.log:
                uit.close()
        grens = time.monotonic() + OPSTART_SECONDEN  # bounded: the server is up, or the test fails
        while time.monotonic() < grens:
            assert self.proces.poll() is None, "de server stopte bij het opstarten"
            try:
                with socket.create_connection(("127.0.0.1", self.poort), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("de server kwam niet op binnen de tijd")

    def kill9(self) -> None:
        assert self.proces is not None
        self.proces.send_signal(signal.SIGKILL)
        self.proces.wait(timeout=10)

    def stop(self) -> None:
        if self.proces is not None and self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill9()

    def post(self, pad: str, body: dict[str, Any], als: str) -> tuple[int, dict[str, Any]]:
        """A JSON POST with the STAFF member's bearer token; raises OSError when the server is
        gone (http.client.RemoteDisconnected is one)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=20)
        try:
            conn.request(
                "POST",
                pad,
                body=json.dumps(body),
                headers={
                    "Authorization": f"Bearer {api_token(als)}",
                    "Content-Type": "application/json",
                },
            )
            response = conn.getresponse()
            return response.status, json.loads(response.read() or b"{}")
        finally:
            conn.close()


class Pagina:
    """A browser's session on the real server's pages: logged in once through the login form
    (and the code step, enrolling the account's TOTP as its page shows), then form posts with
    the session cookie and the page's CSRF token. Threads may share it: one connection each."""

    def __init__(self, server: Server, sessions: sessionmaker[Session], als: str) -> None:
        self.server = server
        self.cookies: dict[str, str] = {}
        self.slot = threading.Lock()
        email = STAFF[als][0]
        give_password(sessions, email)
        _, _, inlog = self._verzoek("GET", "/login")
        status, adres, tekst = self._verzoek(
            "POST",
            "/login",
            {"email": email, "wachtwoord": WACHTWOORD, "csrf_token": csrf_of(inlog)},
        )
        assert status == 303, tekst
        if adres.startswith("/login/code"):
            _, _, pagina = self._verzoek("GET", adres)
            status, adres, tekst = self._verzoek(
                "POST",
                "/login/code",
                {"code": TOTP(secret_of(pagina)).now(), "csrf_token": csrf_of(pagina)},
            )
            assert status == 303, tekst
        self.csrf = csrf_of(self._verzoek("GET", "/")[2])

    def post(self, pad: str, velden: dict[str, Any]) -> tuple[int, str, str]:
        """A form post with the CSRF token: status, Location (of a redirect) and the page."""
        return self._verzoek("POST", pad, {**velden, "csrf_token": self.csrf})

    def _verzoek(
        self, methode: str, pad: str, velden: dict[str, Any] | None = None
    ) -> tuple[int, str, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.poort, timeout=20)
        with self.slot:
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if velden is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(methode, pad, body=urlencode(velden or {}) or None, headers=headers)
            response = conn.getresponse()
            tekst = response.read().decode("utf-8")
            for regel in response.headers.get_all("Set-Cookie") or ():
                for naam, morsel in SimpleCookie(regel).items():
                    with self.slot:
                        self.cookies[naam] = morsel.value
                        if not morsel.value:  # deleted
                            del self.cookies[naam]
            return response.status, response.headers.get("Location", ""), tekst
        finally:
            conn.close()


@pytest.fixture
def server(database_url, staff, tmp_path) -> Iterator[Server]:
    s = Server(database_url, log=tmp_path / "server.log")
    s.start()
    yield s
    s.stop()
