"""Running imports and how far they are, so a long import shows a count while it runs.

Held in the process (one uvicorn worker, as `trajectory serve` runs it): a finished import's
result is what the user sees once; after an hour it is forgotten. Each task is bound to the
user and login session that started it. A key names the process that issued it, so that after a
restart the status page can say the import was interrupted instead of a bare 404.
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
        self._opstart = secrets.token_hex(4)  # this process's (this app's) start

    def nieuw(self, taak: ImportTaak) -> str:
        sleutel = f"{self._opstart}.{secrets.token_urlsafe(24)}"
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

    def van_eerdere_start(self, sleutel: str) -> bool:
        """A key issued before the server restarted: an import that ran then was broken off,
        and its one transaction rolled back."""
        opstart, punt, _ = sleutel.partition(".")
        return bool(punt) and opstart != self._opstart

    def _opruimen(self, nu: datetime) -> None:
        for sleutel in [s for s, t in self._taken.items() if nu - t.begonnen > BEWAREN]:
            del self._taken[sleutel]


_lock = threading.Lock()


def van_app(state: object) -> ImportTaken:
    with _lock:
        if not hasattr(state, "importtaken"):
            state.importtaken = ImportTaken()  # type: ignore[attr-defined]
        return state.importtaken  # type: ignore[attr-defined]
