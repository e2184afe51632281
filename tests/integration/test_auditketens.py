"""A chain per leerling (issue #20 section 4): an append holds only its own chain's head, so a
step on one leerling does not wait for a step on another; two on the same leerling take turns."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from trajectory.domain.actor import SYSTEEM
from trajectory.store import repository as repo


def _voeg_toe(session, clock, leerling_id: int | None) -> None:
    repo.append_audit(
        session, tijd=clock.now(), actor=SYSTEEM, soort="vastlegging", leerling_id=leerling_id
    )


@pytest.fixture
def postgresql(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time (BEGIN IMMEDIATE)")


def test_een_append_wacht_niet_op_een_open_append_van_een_andere_leerling(
    postgresql, sessions, clock
):
    with sessions.begin() as session:
        for leerling_id in (1, 2, None):
            _voeg_toe(session, clock, leerling_id)

    with sessions.begin() as eerste:
        _voeg_toe(eerste, clock, 1)  # holds leerling 1's head until it commits
        for leerling_id in (2, None, 3):  # another leerling, the school, a new chain
            with sessions.begin() as tweede:
                # fails instead of waiting if it would wait: a bound, not a timing
                tweede.execute(text("SET LOCAL lock_timeout = '10s'"))
                _voeg_toe(tweede, clock, leerling_id)
        with sessions.begin() as derde:
            derde.execute(text("SET LOCAL lock_timeout = '50ms'"))
            with pytest.raises(OperationalError, match="lock timeout"):
                _voeg_toe(derde, clock, 1)  # the same leerling: waits for the first

    with sessions() as session:
        assert repo.verify_audit(session) is None
        koppen = repo.keten_koppen(session)
    assert {k: kop.aantal for k, kop in koppen.items()} == {
        "leerling-1": 2,
        "leerling-2": 2,
        "leerling-3": 1,
        "school": 2,
    }
