"""Fixtures: a fresh real database per test (SQLite always, PostgreSQL when configured).

Every test that takes `database_url` (directly or through `sessions`, `client`, ...)
runs twice: on an SQLite file and on PostgreSQL. PostgreSQL runs when
TRAJECTORY_TEST_POSTGRES_URL names a database the tests may wipe; otherwise those
runs skip with the reason, except in CI (CI=true), where a missing URL fails.

Tests that need a Debian package skip the same way when it is missing: `@pytest.mark.graphviz`
for Graphviz's `dot` (here), the `browser` fixture for Chromium (tests/browser/conftest.py).
In CI they are required, except in the proof that a fresh machine without those packages
passes (`.ci/run` sets TRAJECTORY_TEST_ZONDER_SYSTEEMPAKKETTEN=1 there).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, make_url, text
from sqlalchemy.orm import Session, sessionmaker

from diagrams.render import dot_available
from service.app import create_app
from service.settings import Settings
from trajectory.documenten.overeenkomst import pdf_beschikbaar
from trajectory.domain.access import Actor
from trajectory.domain.clock import FixedClock
from trajectory.domain.geheimen import SLEUTEL_VARIABELE, Sleutels
from trajectory.store.db import database_url as normalise
from trajectory.store.db import make_engine, make_sessionmaker, upgrade
from trajectory.store.tables import Base
from trajectory.usecases import apitokens
from trajectory.usecases.users import actor_for_email, add_user

# the server key of every app, CLI run and server the tests start (they read the environment):
# fixed, so a test can open what the app encrypted; a developer's own key plays no part
TEST_SLEUTEL = "test-serversleutel-die-lang-genoeg-is-0123456789"
os.environ[SLEUTEL_VARIABELE] = TEST_SLEUTEL
SLEUTELS = Sleutels((TEST_SLEUTEL,), herkomst=SLEUTEL_VARIABELE)
POSTGRES_ENV = "TRAJECTORY_TEST_POSTGRES_URL"
ZONDER_SYSTEEMPAKKETTEN_ENV = "TRAJECTORY_TEST_ZONDER_SYSTEEMPAKKETTEN"
START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday in leerjaar 2's second half


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "graphviz: needs Graphviz's `dot` (Debian package graphviz); see missing()"
    )
    config.addinivalue_line(
        "markers", "pdf: draws a contract PDF with WeasyPrint, which needs Pango; see missing()"
    )


def missing(reason: str) -> None:
    """Skip a test whose system package is absent; in CI fail instead, unless this run is the
    proof without system packages."""
    if os.environ.get("CI") and not os.environ.get(ZONDER_SYSTEEMPAKKETTEN_ENV):
        pytest.fail(f"{reason}; in CI this test is required")
    pytest.skip(reason)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("pdf") and not pdf_beschikbaar():
        missing(
            "WeasyPrint cannot load Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
            "(`make test` does so when it runs as root)"
        )
    if item.get_closest_marker("graphviz") and not dot_available():
        missing(
            "Graphviz's `dot` is not installed: apt-get install graphviz "
            "(`make test` does so when it runs as root)"
        )


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (migrating per test is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    raw = os.environ.get(POSTGRES_ENV)
    if not raw:
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} is not set; in CI the PostgreSQL runs are required")
        pytest.skip(f"PostgreSQL not configured: set {POSTGRES_ENV} to a database tests may wipe")
    url = normalise({"TRAJECTORY_DATABASE_URL": raw})
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:  # `pytest -n N`: each worker wipes a database of its own
        url = database_van_worker(url, worker)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    yield engine
    engine.dispose()


def database_van_worker(url: str, worker: str) -> str:
    """`<database>_<worker>` (e.g. stagetraject_ci_gw0) on the same server, made when missing."""
    basis = make_url(url)
    eigen = basis.set(database=f"{basis.database}_{worker}")
    beheer = make_engine(basis.render_as_string(hide_password=False))
    try:
        with beheer.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            bestaat = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :naam"), {"naam": eigen.database}
            ).first()
            if bestaat is None:
                conn.execute(text(f'CREATE DATABASE "{eigen.database}"'))
    finally:
        beheer.dispose()
    return eigen.render_as_string(hide_password=False)


def wipe_postgres(engine: Engine) -> None:
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        # replica mode skips the append-only triggers, which guard audit_event in production
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "stagetraject.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    engine: Engine = request.getfixturevalue("postgres_engine")
    wipe_postgres(engine)
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(engine)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@dataclass(frozen=True)
class Staff:
    teamleider: Actor
    stagebegeleider: Actor
    ondersteuner: Actor
    mentor: Actor
    andere_begeleider: Actor
    andere_mentor: Actor


STAFF = {
    "teamleider": ("teamleider@school.test", "Tineke Leider", "teamleider", None),
    "stagebegeleider": ("sb@school.test", "Stan Begeleider", "stagebegeleider", None),
    "ondersteuner": (
        "sob@school.test",
        "Olga Ondersteuning",
        "stage_ondersteuningsbegeleider",
        None,
    ),
    "mentor": ("mentor@school.test", "Mees Mentor", "mentor", "3A"),
    "andere_begeleider": ("sb2@school.test", "Ali Anders", "stagebegeleider", None),
    "andere_mentor": ("mentor2@school.test", "Mira Mentor", "mentor", "3B"),
}


@pytest.fixture
def staff(sessions: sessionmaker[Session], clock: FixedClock) -> Staff:
    for key, (email, naam, rol, klas) in STAFF.items():
        user_id = add_user(sessions, email=email, naam=naam, rol=rol, klas=klas, clock=clock)
        with sessions.begin() as session:
            store_test_token(session, user_id, api_token(key), clock)
    with sessions() as session:
        actors = {key: actor_for_email(session, spec[0]) for key, spec in STAFF.items()}
    return Staff(**actors)  # type: ignore[arg-type]


@pytest.fixture
def client(database_url: str, clock: FixedClock, staff: Staff) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=database_url, clock=clock, scheduler=False))
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()


NOOIT = datetime(2100, 1, 1, tzinfo=UTC)


def store_test_token(session: Session, user_id: int, token: str, clock: FixedClock) -> None:
    """A test's API token does not expire: tests walk years on the fixed clock, and the drills'
    real servers run on the system clock (expiry has its own tests)."""
    apitokens.bewaar(session, user_id, "tests", token, clock.now()).verloopt = NOOIT


def api_token(key: str) -> str:
    """The API token the `staff` fixture gives each STAFF member."""
    return f"test-token-{key}"


def as_user(key: str) -> dict[str, str]:
    """Headers for an API call by one of the STAFF members."""
    return {"Authorization": f"Bearer {api_token(key)}"}
