"""The rows of `import_taak`: a CSV import's progress, readable by every worker (issue #20)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.orm import Session, sessionmaker

from trajectory.store import tables as t

BEWAREN = timedelta(hours=1)  # a task (its errors may name a leerling) is deleted after this


def opruimen(sessions: sessionmaker[Session], nu: datetime) -> int:
    """Delete the tasks that began more than BEWAREN ago; how many."""
    with sessions.begin() as session:
        return _opruimen(session, nu)


def _opruimen(session: Session, nu: datetime) -> int:
    resultaat = session.execute(
        delete(t.ImportTaak)
        .where(t.ImportTaak.begonnen < nu - BEWAREN)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(resultaat, "rowcount", 0) or 0)


def voeg_toe(sessions: sessionmaker[Session], rij: t.ImportTaak) -> None:
    """Store a new task, and delete the forgotten ones (the scheduler does so hourly too)."""
    with sessions.begin() as session:
        _opruimen(session, rij.begonnen)
        session.add(rij)


def lees(sessions: sessionmaker[Session], sleutel_hash: str) -> t.ImportTaak | None:
    with sessions() as session:
        rij = session.get(t.ImportTaak, sleutel_hash)
        if rij is not None:
            session.expunge(rij)
        return rij


def werk_bij(
    sessions: sessionmaker[Session],
    sleutel_hash: str,
    moment: datetime,
    *,
    gedaan: int | None = None,
    totaal: int | None = None,
    klaar: bool = False,
    ids: Sequence[int] = (),
    fouten: Sequence[str] = (),
) -> None:
    waarden: dict[str, object] = {"bijgewerkt": moment}
    if gedaan is not None:
        waarden["gedaan"] = gedaan
    if totaal is not None:
        waarden["totaal"] = totaal
    if klaar:
        waarden.update(klaar=True, ids=list(ids), fouten=list(fouten))
    with sessions.begin() as session:
        session.execute(
            update(t.ImportTaak)
            .where(t.ImportTaak.sleutel_hash == sleutel_hash)
            .values(**waarden)
            .execution_options(synchronize_session=False)
        )
