"""Audit appends per second on PostgreSQL with several writers, each on its own leerling: the path
of before migration 0028 (one global advisory lock and a read of the global head, held until
commit) against a chain per leerling (`repository.append_audit`). Issue #20 section 4.

Each transaction appends one event and then runs five more statements, as a step does after its
append while the old lock was still held. Writes events into the database it is given: use a
scratch database at the newest migration.

    python -m bench.auditketens postgresql+psycopg://postgres@127.0.0.1:5432/<scratch> 4 300
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from trajectory.domain import auditketen
from trajectory.domain.actor import SYSTEEM
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.store.db import make_engine, make_sessionmaker

TIJD = datetime(2026, 12, 3, tzinfo=UTC)
OUDE_SLOT = 7_420_001  # the key the global lock had before migration 0028
GRENS_SECONDEN = 300  # every thread is joined within this, whatever the database does


def globaal_slot(session: Session, leerling_id: int) -> None:
    """The append of before 0028 (its chain is not kept: only the waiting is measured)."""
    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": OUDE_SLOT})
    vorige = session.scalar(select(t.AuditEvent.hash).order_by(t.AuditEvent.id.desc()).limit(1))
    inhoud = {
        "tijd": auditketen.utc_stamp(TIJD),
        "leerling_id": leerling_id,
        "actor_id": None,
        "actor_rol": "systeem",
        "soort": "meting",
        "trigger": None,
        "van": None,
        "naar": None,
        "guards": [],
        "override": False,
        "payload_hash": auditketen.sha256({}),
        "prev_hash": vorige or auditketen.GENESIS,
    }
    session.execute(repo.AUDIT_TOEVOEGEN, {**inhoud, "hash": auditketen.event_hash(inhoud)})


def keten_per_leerling(session: Session, leerling_id: int) -> None:
    repo.append_audit(session, tijd=TIJD, actor=SYSTEEM, soort="meting", leerling_id=leerling_id)


def per_seconde(
    url: str, append: Callable[[Session, int], None], draden: int, aantal: int, eerste: int
) -> float:
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)

    def schrijver(leerling_id: int) -> None:
        for _ in range(aantal):
            with sessions.begin() as session:
                append(session, leerling_id)
                for _ in range(5):
                    session.execute(text("SELECT 1"))

    threads = [threading.Thread(target=schrijver, args=(eerste + i,)) for i in range(draden)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=GRENS_SECONDEN)
    duur = time.perf_counter() - begin
    engine.dispose()
    return draden * aantal / duur


def main(url: str, draden: int, aantal: int) -> None:
    for ronde in range(2):
        for n, (naam, append) in enumerate(
            (("globaal slot", globaal_slot), ("keten per leerling", keten_per_leerling))
        ):
            eerste = 10_000 * (2 * ronde + n + 1)  # leerlingen no earlier round wrote for
            snelheid = per_seconde(url, append, draden, aantal, eerste)
            print(f"ronde {ronde + 1}, {naam}: {snelheid:.0f} appends/s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
