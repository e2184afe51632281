"""Existing data comes along: the previous version's demo school, built by that version's own
code, upgraded by this version, loses nothing and its audit trail still verifies.

"The previous version" is the commit before the one that added the newest migration, taken
from git (`git archive`), so whatever migration is newest is the one proved on a real school of
its time: its demo built through its own engine (leerlingen in every fase, companies, contracts,
agenda weeks, links), then this version's `upgrade`. Both databases; the PostgreSQL run uses a
database of its own, made and dropped here, because the shared test database is already at head.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from trajectory.domain.actor import Actor
from trajectory.domain.clock import FixedClock
from trajectory.store import tables as t
from trajectory.store.db import MIGRATIONS, make_engine, make_sessionmaker, upgrade
from trajectory.store.repository import verify_audit
from trajectory.usecases import engine as motor
from trajectory.usecases.laden import snapshot_van

REPO = Path(__file__).resolve().parents[2]
DEMO_SECONDEN = 900  # bounded: the old demo builds its school, or the test fails
GETELD = (t.Leerling, t.Plaatsing, t.Vastlegging, t.AuditEvent, t.Stagebedrijf, t.Herinnering)


def _nieuwste_migratie() -> Path:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    kop = ScriptDirectory.from_config(config).get_current_head()
    assert kop is not None
    return next((MIGRATIONS / "versions").glob(f"{kop}_*.py"))


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), *args], check=True, capture_output=True, text=True, timeout=60
    ).stdout.strip()


@pytest.fixture(scope="module")
def vorige_versie(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The source tree of the commit before the newest migration came in."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        if os.environ.get("CI"):
            pytest.fail("git and the repository's history are needed for this test in CI")
        pytest.skip("no git history here")
    nieuwste = _nieuwste_migratie().relative_to(REPO)
    erbij = _git("log", "-1", "--diff-filter=A", "--format=%H", "--", str(nieuwste))
    if not erbij:
        pytest.skip(f"{nieuwste} is not committed yet")
    map_ = tmp_path_factory.mktemp("vorige")
    archief = map_ / "bron.tar"
    with archief.open("wb") as uit:
        subprocess.run(
            ["git", "-C", str(REPO), "archive", f"{erbij}^"], check=True, stdout=uit, timeout=120
        )
    with tarfile.open(archief) as tar:
        tar.extractall(map_ / "bron", filter="data")
    bron = map_ / "bron"
    assert not (bron / nieuwste).exists()  # it is the version before that migration
    return bron


@pytest.fixture
def lege_database(database_url: str, tmp_path: Path) -> Iterator[str]:
    """An empty database for the old version to build in (the test one is at head already)."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'vorige-demo.db'}"
        return
    url = make_url(database_url)
    naam = f"{url.database}_vorige_demo"
    beheer = make_engine(url.set(database="postgres").render_as_string(hide_password=False))
    with beheer.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{naam}"'))
        conn.execute(text(f'CREATE DATABASE "{naam}"'))
    try:
        yield url.set(database=naam).render_as_string(hide_password=False)
    finally:
        with beheer.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        beheer.dispose()


def _bouw_oude_demo(bron: Path, url: str) -> None:
    env = {**os.environ, "TRAJECTORY_DATABASE_URL": url, "PYTHONPATH": str(bron)}
    code = (
        "import trajectory, sys; "
        f"assert trajectory.__file__.startswith({str(bron)!r}), trajectory.__file__; "
        "from trajectory.entrypoints.cli import app; sys.argv = ['trajectory', 'demo']; app()"
    )
    uitslag = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=bron,
        capture_output=True,
        text=True,
        timeout=DEMO_SECONDEN,
    )
    assert uitslag.returncode == 0, uitslag.stderr[-3000:]


def _tellingen(sessions) -> dict[str, int]:
    with sessions() as session:
        return {
            tabel.__tablename__: session.scalar(select(func.count()).select_from(tabel)) or 0
            for tabel in GETELD
        }


def test_de_demo_van_de_vorige_versie_komt_heel_door_de_upgrade(vorige_versie, lege_database):
    _bouw_oude_demo(vorige_versie, lege_database)
    engine = make_engine(lege_database)
    sessions = make_sessionmaker(engine)
    try:
        # what the old version built, read before this version touches the schema (plain SQL:
        # this version's tables may have columns the old schema lacks)
        with engine.connect() as conn:
            voor = {
                tabel.__tablename__: conn.scalar(
                    text(f"SELECT count(*) FROM {tabel.__tablename__}")
                )
                for tabel in GETELD
            }
            staten = dict(conn.execute(text("SELECT id, state FROM leerling")).all())
        assert voor["leerling"] >= 150
        assert voor["plaatsing"] > 0
        assert voor["stagebedrijf"] > 0

        upgrade(engine)

        na = _tellingen(sessions)
        assert {k: na[k] for k in voor} == voor  # nothing lost, nothing made up
        op = date.today()
        with sessions() as session:
            assert verify_audit(session) is None
            assert dict(session.execute(select(t.Leerling.id, t.Leerling.state)).all()) == staten
            # every leerling loads as the guards see it and shows its buttons
            knoppen = {
                leerling.id: (leerling.version, motor.options(snapshot_van(session, leerling), op))
                for leerling in session.scalars(select(t.Leerling))
            }
            leider = session.scalars(select(t.Gebruiker).where(t.Gebruiker.rol == "teamleider"))
            teamleider = leider.first()
            assert teamleider is not None
        # and this version writes on: a step, its audit event in the upgraded trail
        leerling_id, (versie, opties) = next((i, k) for i, k in knoppen.items() if k[1])
        uitslag = motor.advance(
            sessions,
            leerling_id,
            opties[0].trigger,
            actor=Actor(teamleider.id, "teamleider", teamleider.naam),
            version=versie,
            clock=FixedClock(datetime.now(UTC)),
            motivatie="Na de upgrade: de stap gaat door de nieuwe versie.",
        )
        assert uitslag.event_id
        with sessions() as session:
            assert verify_audit(session) is None
            assert _tellingen(sessions)["audit_event"] > voor["audit_event"]
    finally:
        engine.dispose()
