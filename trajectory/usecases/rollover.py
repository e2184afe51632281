"""The yearly rollover: at the start of a school year the leerjaar advances for those who go on.

The rule (README, "Schooljaren"):
- Who: every leerling that has not reached the Uitstroom or Nazorg phase.
- The trajectory already moves the leerjaar at some steps (effects.py: the voorlopig advies →
  3, sector kiezen → 4, vijfde leerjaar → 5, naar Entree → entree). A leerling that took such a
  step in the school year that is ending keeps its leerjaar; the rollover does not count it
  twice. Leerjaar 5 and Entree stay as they are.
- Everyone else goes up one (2 → 3, 3 → 4, 4 → 5), unless an exception is chosen per leerling
  before it runs: `doubleren` (stays) or `entree` (to Entree).
- The klas follows the leerjaar: its leading digit becomes the new leerjaar ("3A" → "4A"), so
  the mentor of the new class sees the leerling; a klas chosen in the preview wins.
One transaction for the whole batch, one audit event (soort `rollover`) per changed leerling;
the dry run (preview) runs the same code and rolls back. A school year rolls over once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor
from trajectory.domain.clock import Clock
from trajectory.domain.schooljaar import Kalender, huidige_kalender
from trajectory.machines.definition import PHASES
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases.fouten import Ongeldig
from trajectory.usecases.migreren import alles_of_niets

LEERJAAR_STAPPEN = (
    "advies_zelfstandig",
    "advies_groepsstage",
    "sector_kiezen",
    "vijfde_leerjaar",
    "entree_starten",
)
UITZONDERINGEN = {"doubleren": "Doubleert (blijft in het leerjaar)", "entree": "Naar Entree"}
VOORBIJ = PHASES["Uitstroom"] + PHASES["Nazorg"]
VOLGEND = {"1": "2", "2": "3", "3": "4", "4": "5"}


class RolloverFout(Ongeldig):
    """Refused before anything changed; the message is Dutch."""


@dataclass(frozen=True)
class Doorstroom:
    leerling_id: int
    leerjaar_van: str
    leerjaar_naar: str
    klas_van: str | None
    klas_naar: str | None
    reden: str

    @property
    def verandert(self) -> bool:
        return (self.leerjaar_van, self.klas_van) != (self.leerjaar_naar, self.klas_naar)


def afgeleide_klas(klas: str | None, leerjaar: str) -> str | None:
    if klas is None or not leerjaar.isdigit():
        return klas
    return re.sub(r"^\d", leerjaar, klas)


def rollover(
    sessions: sessionmaker[Session],
    schooljaar: str,
    *,
    actor: Actor,
    clock: Clock,
    uitzonderingen: Mapping[int, str] | None = None,
    klassen: Mapping[int, str] | None = None,
    proef: bool = False,
    kalender: Kalender | None = None,
) -> list[Doorstroom]:
    """Roll every leerling over into `schooljaar`; `proef`: the preview (rolled back)."""
    uitzonderingen, klassen = uitzonderingen or {}, klassen or {}
    if not actor.is_teamleider and actor.rol != "systeem":
        raise PermissionError("Alleen de teamleider zet het nieuwe schooljaar in gang.")
    onbekend = set(uitzonderingen.values()) - set(UITZONDERINGEN)
    if onbekend:
        raise RolloverFout(f"Onbekende uitzondering: {', '.join(sorted(onbekend))}.")
    jaren = [j.naam for j in (kalender or huidige_kalender()).jaren]
    if schooljaar not in jaren or jaren.index(schooljaar) == 0:
        raise RolloverFout(
            f"Schooljaar {schooljaar} (of het jaar ervoor) staat niet in de kalender."
        )
    vorig = (kalender or huidige_kalender()).jaren[jaren.index(schooljaar) - 1]
    moment, trigger = clock.now(), f"rollover {schooljaar}"

    def werk(session: Session) -> list[Doorstroom]:
        if session.scalar(select(t.AuditEvent.id).where(t.AuditEvent.trigger == trigger).limit(1)):
            raise RolloverFout(f"Het schooljaar {schooljaar} is al in gang gezet.")
        al_door = set(
            session.scalars(
                select(t.AuditEvent.leerling_id).where(
                    t.AuditEvent.soort == "overgang",
                    t.AuditEvent.trigger.in_(LEERJAAR_STAPPEN),
                    t.AuditEvent.tijd >= vorig.start.isoformat(),
                )
            )
        )
        ids = session.scalars(
            select(t.Leerling.id).where(t.Leerling.state.not_in(VOORBIJ)).order_by(t.Leerling.id)
        ).all()
        result = []
        for leerling_id in ids:
            leerling = repo.get_leerling(session, leerling_id, lock=True)
            assert leerling is not None
            stap = _doorstroom(leerling, leerling_id in al_door, uitzonderingen, klassen)
            if stap.verandert:
                _pas_toe(session, leerling, stap, actor, moment, trigger)
            result.append(stap)
        return result

    return alles_of_niets(sessions, werk, proef=proef)


def _doorstroom(
    leerling: t.Leerling,
    al_door: bool,
    uitzonderingen: Mapping[int, str],
    klassen: Mapping[int, str],
) -> Doorstroom:
    uitzondering = uitzonderingen.get(leerling.id)
    van = leerling.leerjaar
    if uitzondering:
        naar, reden = ("entree" if uitzondering == "entree" else van), UITZONDERINGEN[uitzondering]
    elif al_door:
        naar, reden = van, "Al naar dit leerjaar via het traject"
    elif van in VOLGEND:
        naar, reden = VOLGEND[van], "Gaat door"
    else:
        naar, reden = van, "Laatste leerjaar" if van == "5" else "Entree"
    klas = klassen.get(leerling.id) or afgeleide_klas(leerling.klas, naar)
    return Doorstroom(leerling.id, van, naar, leerling.klas, klas, reden)


def _pas_toe(
    session: Session,
    leerling: t.Leerling,
    stap: Doorstroom,
    actor: Actor,
    moment: datetime,
    trigger: str,
) -> None:
    repo.move_state(session, leerling, leerling.state, leerling.version, moment)
    leerling.leerjaar, leerling.klas = stap.leerjaar_naar, stap.klas_naar
    session.flush()
    repo.append_audit(
        session,
        tijd=moment,
        actor=actor,
        soort="rollover",
        leerling_id=leerling.id,
        trigger=trigger,
        van=leerling.state,
        naar=leerling.state,
        payload={
            "leerjaar": [stap.leerjaar_van, stap.leerjaar_naar],
            "klas": [stap.klas_van, stap.klas_naar],
            "reden": stap.reden,
        },
    )
