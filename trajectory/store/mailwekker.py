"""Wake the mail sender when a transaction that queued mail commits (issue #20, section 3).

Every session that flushes a new `melding` row marks its transaction. On PostgreSQL the same
transaction sends `NOTIFY stagetraject_mail`, which PostgreSQL delivers to every listener only
when it commits (and drops on a rollback), so the scheduler that runs the jobs hears it in any
process. On SQLite a commit calls the subscribers in this process (`abonneer`). The scheduler's
poll of the outbox stays as the safety net (a wake-up lost with a dropped connection, or mail
queued in another process on SQLite).

Registered on every Session when this module is imported (the scheduler module imports it, and
the web app and `trajectory scheduler` import the scheduler).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

from trajectory.store import tables as t

KANAAL = "stagetraject_mail"
_VLAG = "stagetraject.mail_gequeued"
_abonnees: list[Callable[[], None]] = []
_lock = threading.Lock()


def abonneer(wek: Callable[[], None]) -> Callable[[], None]:
    """Call `wek` after every commit in this process that queued mail; returns the unsubscribe."""
    with _lock:
        _abonnees.append(wek)

    def opzeggen() -> None:
        with _lock:
            if wek in _abonnees:
                _abonnees.remove(wek)

    return opzeggen


@event.listens_for(Session, "after_flush")
def _na_flush(session: Session, _flush: UOWTransaction) -> None:
    if session.info.get(_VLAG) or not any(isinstance(o, t.Melding) for o in session.new):
        return
    session.info[_VLAG] = True
    verbinding = session.connection()
    if verbinding.dialect.name == "postgresql":
        verbinding.exec_driver_sql(f"NOTIFY {KANAAL}")  # delivered at commit, dropped on rollback


@event.listens_for(Session, "after_commit")
def _na_commit(session: Session) -> None:
    if not session.info.pop(_VLAG, False):
        return
    with _lock:
        abonnees = list(_abonnees)
    for wek in abonnees:
        try:
            wek()
        except Exception:  # the commit stands: the poll sends the mail instead
            logging.getLogger("stagetraject.mail").warning("mail: wekken mislukt", exc_info=True)


@event.listens_for(Session, "after_rollback")
def _na_rollback(session: Session, *_: Any) -> None:
    session.info.pop(_VLAG, None)
