"""Benchmark databases: a demo school built through the engine, multiplied in bulk SQL.

The demo builder walks every leerling through the engine (real histories, but ~0.1 s each), so
the big school is the demo school copied `kopieen` times with INSERT … SELECT: every leerling
with its placements, records, audit events and payloads, notifications and reminders, ids
shifted per copy. The copies' audit hashes get a copy number in their last 8 characters (the
hash column is unique), so the copied chain does not verify — it only has to be queried.
PostgreSQL databases are named `stagetraject_bench_<naam>` and re-created for each run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from service.auth import sessies
from trajectory.demo import build_demo_school
from trajectory.domain.clock import FixedClock, SystemClock
from trajectory.domain.herinneringen import TIMER
from trajectory.store import tables as t
from trajectory.store.db import database_url, make_engine, make_sessionmaker, upgrade
from trajectory.usecases import apitokens

# the benchmarks' demo school has a fixed today, so every run measures the same school
VANDAAG = date(2025, 5, 23)
DEMOKLOK = FixedClock(datetime(2025, 5, 23, 15, tzinfo=UTC))
PG = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
# per table: the columns that point at a copied row, and the table they point at
VERWIJZINGEN: dict[str, dict[str, str]] = {
    "leerling": {"id": "leerling"},
    "plaatsing": {"id": "plaatsing", "leerling_id": "leerling"},
    "vastlegging": {"id": "vastlegging", "leerling_id": "leerling", "plaatsing_id": "plaatsing"},
    "audit_event": {"id": "audit_event", "leerling_id": "leerling"},
    "audit_payload": {"event_id": "audit_event"},
    "melding": {"id": "melding", "leerling_id": "leerling"},
    "herinnering": {"id": "herinnering", "leerling_id": "leerling"},
}
ALLEEN_LEERLINGEN = {  # rows about no leerling (staff events) are not copied
    "audit_event": "leerling_id IS NOT NULL",
    "audit_payload": "event_id IN (SELECT id FROM audit_event WHERE leerling_id IS NOT NULL)",
}


def database(soort: str, naam: str, map_: Path) -> str:
    """A fresh, empty database URL: a file in `map_` (sqlite) or a new PostgreSQL database."""
    if soort == "sqlite":
        pad = map_ / f"{naam}.db"
        pad.unlink(missing_ok=True)
        return f"sqlite:///{pad}"
    db = f"stagetraject_bench_{naam}"
    host = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *host, "--if-exists", "--force", db], check=True)
    subprocess.run(["createdb", *host, db], check=True)
    return database_url({"TRAJECTORY_DATABASE_URL": f"{PG}/{db}"})


def demo(url: str, leerlingen: int) -> None:
    """The demo school of `leerlingen` (seed 7), built through the engine."""
    engine = make_engine(url)
    upgrade(engine)
    build_demo_school(make_sessionmaker(engine), leerlingen=leerlingen, seed=7, clock=DEMOKLOK)
    engine.dispose()


def kopie(bron: str, naam: str, map_: Path) -> str:
    """A copy of the database at `bron` (a file copy, or CREATE DATABASE … TEMPLATE)."""
    if bron.startswith("sqlite"):
        doel = map_ / f"{naam}.db"
        shutil.copyfile(bron.removeprefix("sqlite:///"), doel)
        return f"sqlite:///{doel}"
    db = f"stagetraject_bench_{naam}"
    host = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *host, "--if-exists", "--force", db], check=True)
    subprocess.run(["createdb", *host, "-T", bron.rsplit("/", 1)[1], db], check=True)
    return database_url({"TRAJECTORY_DATABASE_URL": f"{PG}/{db}"})


def vermenigvuldigd(url: str, kopieen: int) -> sessionmaker[Session]:
    """The school at `url` copied until it holds `kopieen` times its leerlingen."""
    engine = make_engine(url)
    vermenigvuldig(engine, kopieen)
    return make_sessionmaker(engine)


def vermenigvuldig(engine: Engine, kopieen: int) -> None:
    with engine.begin() as conn:
        hoogste = {
            tabel: conn.scalar(text(f"SELECT coalesce(max(id), 0) FROM {tabel}")) or 0
            for tabel in VERWIJZINGEN
            if tabel != "audit_payload"
        }
        for k in range(1, kopieen):  # copy k shifts every id by k × the highest
            for tabel, verwijzing in VERWIJZINGEN.items():
                kolommen = [c.name for c in t.Base.metadata.tables[tabel].columns]
                waarden = [_waarde(c, verwijzing, hoogste, k) for c in kolommen]
                waar = [f"{next(iter(verwijzing))} <= {hoogste[next(iter(verwijzing.values()))]}"]
                waar += [ALLEEN_LEERLINGEN[tabel]] if tabel in ALLEEN_LEERLINGEN else []
                conn.execute(
                    text(
                        f"INSERT INTO {tabel} ({', '.join(kolommen)}) "
                        f"SELECT {', '.join(waarden)} FROM {tabel} WHERE {' AND '.join(waar)}"
                    )
                )
        if engine.dialect.name == "postgresql":
            for tabel in hoogste:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), "
                        f"(SELECT max(id) FROM {tabel}))"
                    )
                )
    # statistics for the planner, and on PostgreSQL the visibility map that index-only scans
    # need: what autovacuum gives a live database after a bulk load
    opdracht = "VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(opdracht))


def _waarde(kolom: str, verwijzing: dict[str, str], hoogste: dict[str, int], k: int) -> str:
    if kolom in verwijzing:
        return f"{kolom} + {k * hoogste[verwijzing[kolom]]}"
    if kolom in ("hash", "prev_hash"):
        return f"substr({kolom}, 1, 56) || '{k:08d}'"
    return kolom


def herinneringen_tot(sessions: sessionmaker[Session], aantal: int) -> int:
    """Pad the pending reminders to `aantal` with ones due in the future (after the demo's
    today), spread over all leerlingen; returns the number pending."""
    with sessions.begin() as session:
        ids = session.scalars(select(t.Leerling.id).order_by(t.Leerling.id)).all()
        nu = session.scalar(
            select(func.count()).select_from(t.Herinnering).where(t.Herinnering.status == "gepland")
        )
        moment = datetime.now(UTC)
        rijen = [
            {
                "leerling_id": ids[i % len(ids)],
                "soort": "bezoek",
                "verschuldigd": VANDAAG + timedelta(days=400 + i // len(ids)),
                "status": "gepland",
                "aangemaakt": moment,
            }
            for i in range(max(0, aantal - (nu or 0)))
        ]
        for begin in range(0, len(rijen), 5000):
            session.execute(insert(t.Herinnering), rijen[begin : begin + 5000])
    return max(aantal, nu or 0)


def maak_achterstallig(sessions: sessionmaker[Session], leerling_ids: list[int], op: date) -> None:
    """One reminder due on `op` for each of these leerlingen: what a tick has to fire."""
    with sessions.begin() as session:
        for nummer, leerling_id in enumerate(leerling_ids):
            session.add(
                t.Herinnering(
                    leerling_id=leerling_id,
                    soort=list(TIMER)[nummer % len(TIMER)],
                    verschuldigd=op,
                    status="gepland",
                    aangemaakt=datetime.now(UTC),
                )
            )


def teamleider(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        gebruiker = session.scalar(
            select(t.Gebruiker.id).where(t.Gebruiker.rol == "teamleider").order_by(t.Gebruiker.id)
        )
    assert gebruiker is not None
    return gebruiker


def api_token(sessions: sessionmaker[Session], gebruiker_id: int) -> str:
    return apitokens.maak(sessions, gebruiker_id, "bench", SystemClock()).token


def sessie_cookie(sessions: sessionmaker[Session], gebruiker_id: int) -> dict[str, str]:
    """A logged-in web session (as after password and TOTP) for the page requests."""
    with sessions.begin() as session:
        token = sessies.start(session, gebruiker_id, datetime.now(UTC))
    return {sessies.COOKIE: token}
