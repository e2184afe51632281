"""Read and write transactions (trajectory.store.db.LeesOfSchrijfSessie): a session's own
transaction only reads, `sessions.begin()` writes; on SQLite a reader does not wait for the
writer's lock."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from trajectory.store import tables as t
from trajectory.store.db import SchrijvenInLeestransactie

MOMENT = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def _gebruiker(naam: str) -> dict:
    return {
        "naam": naam,
        "email": f"{naam}@school.example",
        "rol": "mentor",
        "actief": True,
        "wachtwoord_hash": "x",
        "aangemaakt": MOMENT,
    }


def _aantal(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(t.Gebruiker))


def test_schrijven_in_een_leessessie_wordt_geweigerd_en_laat_niets_achter(sessions):
    voor = _aantal(sessions)
    with sessions() as session, pytest.raises(SchrijvenInLeestransactie, match="sessions.begin"):
        session.execute(insert(t.Gebruiker).values(**_gebruiker("lezer")))
    with sessions() as session:
        session.add(t.Gebruiker(**_gebruiker("lezer2")))
        with pytest.raises(SchrijvenInLeestransactie):
            session.flush()
    assert _aantal(sessions) == voor


def test_een_schrijfsessie_schrijft(sessions):
    voor = _aantal(sessions)
    with sessions.begin() as session:
        session.add(t.Gebruiker(**_gebruiker("schrijver")))
    assert _aantal(sessions) == voor + 1


def test_een_lezer_leest_terwijl_een_schrijver_de_schrijfrechten_houdt(sessions, engine):
    """SQLite: the writer took the write lock (BEGIN IMMEDIATE) and has not committed; a reader
    reads the last committed state at once instead of waiting out the busy timeout."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the write lock of the whole file is SQLite's")
    voor = _aantal(sessions)
    with sessions.begin() as schrijver:
        schrijver.add(t.Gebruiker(**_gebruiker("bezig")))
        schrijver.flush()
        assert _aantal(sessions) == voor  # not yet committed, and not blocked
    assert _aantal(sessions) == voor + 1


def _slot_vrij(engine) -> bool:
    """Whether another thread could take this file's writer lock right now."""
    from trajectory.store.db import _SCHRIJFSLOTEN

    slot = _SCHRIJFSLOTEN[str(engine.url.database)]
    uitkomst: list[bool] = []

    def probeer() -> None:
        gelukt = slot.acquire(blocking=False)
        if gelukt:
            slot.release()
        uitkomst.append(gelukt)

    draad = threading.Thread(target=probeer)
    draad.start()
    draad.join(5)
    return uitkomst == [True]


def _schrijf(sessions, naam: str) -> None:
    with sessions.begin() as session:
        session.add(t.Gebruiker(**_gebruiker(naam)))


def _schrijf_en_faal(sessions, naam: str) -> None:
    with sessions.begin() as session:
        session.add(t.Gebruiker(**_gebruiker(naam)))
        session.flush()
        raise ZeroDivisionError


def test_het_schrijfslot_van_sqlite_komt_vrij_na_commit_en_na_een_fout(sessions, engine):
    """Writers of one process queue on a lock per file; it must come free however the
    transaction ends, or the next writer would wait out the busy timeout."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the writer lock per file is for SQLite")
    with sessions.begin() as session:
        session.add(t.Gebruiker(**_gebruiker("eerste")))
        session.flush()
        assert not _slot_vrij(engine)  # held while the transaction writes
    assert _slot_vrij(engine)
    with pytest.raises(ZeroDivisionError):
        _schrijf_en_faal(sessions, "tweede")
    assert _slot_vrij(engine)
    with pytest.raises(IntegrityError):
        _schrijf(sessions, "eerste")  # the same e-mail address
    assert _slot_vrij(engine)
    assert _aantal(sessions) >= 1


def test_gelijktijdige_schrijvers_op_sqlite_verliezen_niets(sessions, engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's concurrency has its own tests")
    voor = _aantal(sessions)

    def schrijf(nummer: int) -> None:
        for i in range(10):
            _schrijf(sessions, f"draad{nummer}-{i}")

    draden = [threading.Thread(target=schrijf, args=(n,)) for n in range(4)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(60)
    assert _aantal(sessions) == voor + 40
