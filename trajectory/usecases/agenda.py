"""A user's planned reminders (visits, beoordelingen, deadlines): which are theirs, and as
an iCalendar feed.

The feed lives in the user's own calendar app, often synced to a cloud service, so a
leerling appears by first name and initial only ("Noor J.", klas 3A): enough for the
stagebegeleider to know who is meant, little to leak. Each reminder is an all-day event whose
UID stays the same while it is pending, so calendar apps update rather than duplicate it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy.orm import Session

from trajectory.domain.actor import BEGELEIDERS, ZIET_IEDEREEN, Actor
from trajectory.domain.herinneringen import TIMER, TIMERS
from trajectory.store.queries import herinneringen_tussen


@dataclass(frozen=True)
class Afspraak:
    """A pending reminder as the dashboard and the calendar feed show it."""

    id: int
    leerling_id: int
    naam: str
    klas: str | None
    soort: str
    titel: str
    verschuldigd: date
    escalatie: bool


def herinneringen_voor(session: Session, actor: Actor, van: date, tot: date) -> list[Afspraak]:
    """The actor's pending reminders due from `van` to `tot` (inclusive; with `van` in the
    past, the overdue ones too), for leerlingen the actor may see and, except for the
    teamleider who sees everything, only the kinds addressed to the actor's role."""
    soorten = None
    if actor.rol not in ZIET_IEDEREEN:
        soorten = [timer.soort for timer in TIMERS if _rol(actor) in timer.rollen]
    return [
        Afspraak(
            id=h.id,
            leerling_id=h.leerling_id,
            naam=naam,
            klas=klas,
            soort=h.soort,
            titel=TIMER[h.soort].titel if h.soort in TIMER else h.soort,
            verschuldigd=h.verschuldigd,
            escalatie=TIMER[h.soort].escalatie if h.soort in TIMER else False,
        )
        for h, naam, klas in herinneringen_tussen(session, actor, van, tot, soorten)
    ]


def _rol(actor: Actor) -> str:
    return "stagebegeleider" if actor.rol in BEGELEIDERS else actor.rol


def korte_naam(naam: str) -> str:
    """First name and the initial of the last name: "Sem de Vries" -> "Sem V."."""
    delen = naam.split()
    if len(delen) < 2:
        return naam
    return f"{delen[0]} {delen[-1][0].upper()}."


def agenda(afspraken: Iterable[Afspraak], *, voor: str, moment: datetime) -> bytes:
    kalender = Calendar()
    kalender.add("prodid", "-//Stagetraject//Herinneringen//NL")
    kalender.add("version", "2.0")
    kalender.add("x-wr-calname", f"Stagetraject — {voor}")
    for afspraak in afspraken:
        event = Event()
        event.add("uid", f"herinnering-{afspraak.id}@stagetraject")
        event.add("dtstamp", moment)
        event.add("dtstart", afspraak.verschuldigd)
        event.add("dtend", afspraak.verschuldigd + timedelta(days=1))
        klas = f" ({afspraak.klas})" if afspraak.klas else ""
        event.add("summary", f"{afspraak.titel}: {korte_naam(afspraak.naam)}{klas}")
        event.add("categories", ["Escalatie" if afspraak.escalatie else "Stagetraject"])
        kalender.add_component(event)
    return kalender.to_ical()
