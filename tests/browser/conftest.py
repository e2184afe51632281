"""The real app served by uvicorn on a free loopback port, and Debian's Chromium driven by
Playwright. These tests skip (with the reason) when Chromium or Playwright is missing; in CI
that is a failure (tests/conftest.py `missing`): `make test` installs Chromium when it runs as
root, pyproject's dev extras bring Playwright (never Playwright's own browser downloads).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from service.app import create_app
from service.settings import Settings
from tests.conftest import missing
from trajectory.demo import build_demo_school

CHROMIUM_ENV = "STAGETRAJECT_CHROMIUM"
START_TIMEOUT = 10.0


def chromium_path() -> str | None:
    return os.environ.get(CHROMIUM_ENV) or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed (pip install -e '.[dev]')")
    executable = chromium_path()
    if executable is None:
        missing(f"Chromium not found: apt-get install chromium, or set {CHROMIUM_ENV}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable)
        yield chromium
        chromium.close()


@pytest.fixture
def server(database_url: str, clock, staff) -> Iterator[str]:
    """The whole app (login, pages, API, static files) on this test's database and clock."""
    app = create_app(Settings(database_url=database_url, clock=clock, scheduler=False))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    uvicorn_server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not uvicorn_server.started:  # start-up of a real server, not a wait for the clock
        assert thread.is_alive(), "uvicorn stopped while starting"
        assert time.monotonic() < deadline, "uvicorn did not start in time"
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    thread.join(START_TIMEOUT)
    sock.close()
    app.state.engine.dispose()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:
    context = browser.new_context(
        base_url=server, viewport={"width": 1280, "height": 900}, locale="nl-NL"
    )
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def demoschool(sessions, clock):
    """A small demo school (20 leerlingen) for the walks past every page."""
    build_demo_school(sessions, leerlingen=20, seed=4, clock=clock)
    return sessions
