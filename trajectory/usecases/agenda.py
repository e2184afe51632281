"""A user's planned reminders as an iCalendar feed (visits, beoordelingen, deadlines).

The feed lives in the user's own calendar app, often synced to a cloud service, so a
leerling appears by first name and initial only ("Noor J.", klas 3A): enough for the
stagebegeleider to know who is meant, little to leak. Each reminder is an all-day event whose
UID stays the same while it is pending, so calendar apps update rather than duplicate it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from trajectory.store.queries import Afspraak


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
