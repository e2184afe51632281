"""Running imports and how far they are, so a long import shows a count while it runs.

Held in the process (one uvicorn worker, as `trajectory serve` runs it): a finished import's
result is what the user sees once; after an hour it is forgotten. Each task is bound to the
user and login session that started it.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

BEWAREN = timedelta(hours=1)


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


class ImportTaken:
    def __init__(self) -> None:
        self._taken: dict[str, ImportTaak] = {}
        self._lock = threading.Lock()

    def nieuw(self, taak: ImportTaak) -> str:
        sleutel = secrets.token_urlsafe(24)
        with self._lock:
            self._opruimen(taak.begonnen)
            self._taken[sleutel] = taak
        return sleutel

    def van(self, sleutel: str, gebruiker_id: int | None, sessie: str) -> ImportTaak | None:
        with self._lock:
            taak = self._taken.get(sleutel)
        if taak is None or taak.gebruiker_id != gebruiker_id or taak.sessie != sessie:
            return None
        return taak

    def _opruimen(self, nu: datetime) -> None:
        for sleutel in [s for s, t in self._taken.items() if nu - t.begonnen > BEWAREN]:
            del self._taken[sleutel]


_lock = threading.Lock()


def van_app(state: object) -> ImportTaken:
    with _lock:
        if not hasattr(state, "importtaken"):
            state.importtaken = ImportTaken()  # type: ignore[attr-defined]
        return state.importtaken  # type: ignore[attr-defined]
