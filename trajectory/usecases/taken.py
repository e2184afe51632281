"""What is due for the actor's leerlingen, for the dashboard: visits and eindbeoordelingen
derived from the records, the other timers from the planned reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from trajectory.domain import bezoeken
from trajectory.domain.access import Actor
from trajectory.domain.beleid import beleid_voor
from trajectory.machines.versies import DEFINITIES
from trajectory.store import vandaag
from trajectory.usecases.agenda import herinneringen_voor


@dataclass(frozen=True)
class Taak:
    """Something due for a leerling. The reminders of the timers issue map onto this shape."""

    leerling_id: int
    naam: str
    wat: str
    datum: date
    te_laat: bool


def bezoeken_te_doen(session: Session, actor: Actor, op: date, limit: int = 100) -> list[Taak]:
    """Running placements whose next stagebezoek is overdue or due within a week.

    Derived from the records (the last `bezoek` of the placement, else its start: the
    placement's `bezoek_vanaf`), not from the reminders: a fired visit reminder leaves the
    table, but the visit is still overdue until a `bezoek` is recorded.
    """
    uiterst = {  # per leerling: the interval of its version's policy
        (versie, o): bezoeken.uiterste_laatste_bezoek(op, o, beleid_voor(versie))
        for versie in DEFINITIES
        for o in (True, False)
    }
    taken = []
    for leerling_id, naam, ondersteuning, versie, vanaf in vandaag.te_bezoeken(
        session, actor, uiterst=uiterst, soorten=bezoeken.BEZOCHTE_STAGES, limit=limit
    ):
        datum = bezoeken.volgend_bezoek(vanaf, ondersteuning, beleid_voor(versie))
        wat = "Stagebezoek" + (" (stage-ondersteuning)" if ondersteuning else "")
        taken.append(Taak(leerling_id, naam, wat, datum, datum < op))
    return taken


def eindbeoordelingen_te_doen(
    session: Session, actor: Actor, op: date, limit: int = 100
) -> list[Taak]:
    """Running placements that end within two weeks (or ended) without a stagebeoordeling."""
    return [
        Taak(leerling_id, naam, "Stagebeoordeling (stage eindigt)", einde, einde < op)
        for leerling_id, naam, einde in vandaag.onbeoordeeld_eindigend(
            session,
            actor,
            tot=op + bezoeken.EINDBEOORDELING_VOORUIT,
            soorten=bezoeken.BEZOCHTE_STAGES,
            limit=limit,
        )
    ]


AFGELEID = frozenset({"bezoek", "bezoek_achterstand"})  # the records tell these more exactly
VOORUIT_DAGEN = 14


def geplande_herinneringen(session: Session, actor: Actor, op: date) -> list[Taak]:
    """The actor's pending reminders of the next two weeks (timers of DOMAIN.md), except the
    visits, which `bezoeken_te_doen` derives from the records themselves."""
    return [
        Taak(a.leerling_id, a.naam, a.titel, a.verschuldigd, a.verschuldigd < op)
        for a in herinneringen_voor(
            session, actor, op - timedelta(days=365), op + timedelta(days=VOORUIT_DAGEN)
        )
        if a.soort not in AFGELEID
    ]
