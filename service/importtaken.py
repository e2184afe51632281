"""Running imports and how far they are, so a long import shows a count while it runs.

In the database (`import_taak`, issue #20), so that with several workers or instances any of
them answers the progress page: a finished import's result is what the user sees; an hour
after it began it is deleted (its errors may name a leerling), by the next import or by the
scheduler's hourly job. Each task is bound to the user and login session that started it,
and kept by the SHA-256 of the random key in its URL.

The running process also keeps the task in memory: its own progress page counts along at once.
The other processes read the count from the database, written every TUSSENSTAND_ELKE rows on
PostgreSQL; SQLite has one writer and the import holds it in its one transaction, so there the
others see the count only when the import is done. An unfinished task that no process is
running and that reported nothing for ONDERBROKEN_NA was broken off (a restart, a dead
worker): an import of the largest file takes seconds, not minutes.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.clock import Clock, as_utc
from trajectory.store import importtaken as opslag
from trajectory.store import tables as t

BEWAREN = opslag.BEWAREN
ONDERBROKEN_NA = timedelta(minutes=5)
TUSSENSTAND_ELKE = 25  # rows between two progress writes on PostgreSQL
logger = logging.getLogger("stagetraject.import")


@dataclass
class ImportTaak:
    gebruiker_id: int | None
    sessie: str  # the login session's CSRF token: unique per session, known server-side
    totaal: int
    begonnen: datetime
    gedaan: int = 0
    klaar: bool = False
    ids: list[int] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)
    onderbroken: bool = False


def _hash(waarde: str) -> str:
    return hashlib.sha256(waarde.encode()).hexdigest()


class ImportTaken:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self.sessions = sessions
        self.clock = clock
        engine = sessions.kw.get("bind")
        self.tussenstanden = engine is None or engine.dialect.name != "sqlite"
        self._lopend: dict[str, ImportTaak] = {}  # the tasks this process runs
        self._lock = threading.Lock()

    def nieuw(self, taak: ImportTaak) -> str:
        sleutel = secrets.token_urlsafe(24)
        rij = t.ImportTaak(
            sleutel_hash=_hash(sleutel),
            gebruiker_id=taak.gebruiker_id,
            sessie_hash=_hash(taak.sessie),
            totaal=taak.totaal,
            gedaan=taak.gedaan,
            klaar=taak.klaar,
            ids=list(taak.ids),
            fouten=list(taak.fouten),
            begonnen=taak.begonnen,
            bijgewerkt=taak.begonnen,
        )
        opslag.voeg_toe(self.sessions, rij)
        with self._lock:
            self._lopend[_hash(sleutel)] = taak
        return sleutel

    def lopend(self, sleutel: str) -> ImportTaak:
        """The task this process started under `sleutel` (nieuw), to run it."""
        with self._lock:
            return self._lopend[_hash(sleutel)]

    def tussenstand(self, sleutel: str, taak: ImportTaak, *, altijd: bool = False) -> None:
        """The running import's count, for the other processes (not on SQLite: see above)."""
        if not self.tussenstanden or (not altijd and taak.gedaan % TUSSENSTAND_ELKE):
            return
        try:
            opslag.werk_bij(
                self.sessions,
                _hash(sleutel),
                self.clock.now(),
                gedaan=taak.gedaan,
                totaal=taak.totaal,
            )
        except SQLAlchemyError:  # only the count shown elsewhere lags; the import goes on
            logger.warning("import: tussenstand niet opgeslagen")

    def afronden(self, sleutel: str, taak: ImportTaak) -> None:
        taak.klaar = True
        try:
            opslag.werk_bij(
                self.sessions,
                _hash(sleutel),
                self.clock.now(),
                gedaan=taak.gedaan,
                totaal=taak.totaal,
                klaar=True,
                ids=taak.ids,
                fouten=taak.fouten,
            )
        except SQLAlchemyError:  # the others will call it broken off after ONDERBROKEN_NA
            logger.error("import: uitkomst niet opgeslagen")
        with self._lock:
            self._lopend.pop(_hash(sleutel), None)

    def van(self, sleutel: str, gebruiker_id: int | None, sessie: str) -> ImportTaak | None:
        sleutel_hash = _hash(sleutel)
        rij = opslag.lees(self.sessions, sleutel_hash)
        if rij is None or rij.gebruiker_id != gebruiker_id or rij.sessie_hash != _hash(sessie):
            return None
        with self._lock:
            hier = self._lopend.get(sleutel_hash)
        if hier is not None and not rij.klaar:
            return hier  # running in this process: its count is the newest
        stil = self.clock.now() - as_utc(rij.bijgewerkt)
        return ImportTaak(
            gebruiker_id=rij.gebruiker_id,
            sessie=sessie,
            totaal=rij.totaal,
            begonnen=as_utc(rij.begonnen),
            gedaan=rij.gedaan,
            klaar=rij.klaar,
            ids=list(rij.ids),
            fouten=list(rij.fouten),
            onderbroken=not rij.klaar and stil >= ONDERBROKEN_NA,
        )


_lock = threading.Lock()


def van_app(state: object) -> ImportTaken:
    """The app's tasks: this process's running ones in memory, all of them in the database."""
    with _lock:
        if not hasattr(state, "importtaken"):
            state.importtaken = ImportTaken(state.sessions, state.clock)  # type: ignore[attr-defined]
        return state.importtaken  # type: ignore[attr-defined]
