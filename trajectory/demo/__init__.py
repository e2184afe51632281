"""A demo school, built through the engine itself so its audit trail is real and verifies.

Staff accounts, then leerlingen whose stories (scenarios.py) are walked day by day on a
FixedClock: every beoordeling, plaatsing, bezoek and uur is recorded, and every state change
goes through `engine.advance` with the role that would do it at school.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from datetime import UTC, datetime, time

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from trajectory.demo.fasen import vrije_groepsstage
from trajectory.demo.scenarios import VERVANGER, Scenario, plan
from trajectory.demo.school import (
    DOMEIN,
    KLASSEN,
    MENTOR_NAMEN,
    ONDERSTEUNER,
    STAGEBEGELEIDERS,
    TEAMLEIDER,
    VANDAAG,
    Namen,
    geboortedatum,
    in_schooljaar,
)
from trajectory.demo.verloop import DemoFout, Team, Verloop
from trajectory.domain.access import Actor
from trajectory.domain.clock import FixedClock
from trajectory.domain.snapshot import SECTOREN
from trajectory.machines import STATE_LABELS, STATES
from trajectory.store import tables as t
from trajectory.usecases import herinneringen
from trajectory.usecases.users import add_user
from trajectory.usecases.vastleggen import NieuweLeerling, create_leerling

DEMO_WACHTWOORD = "demo-stagetraject"  # a demo school only: every demo account shares it
DEMO_TEAMLEIDER = f"{TEAMLEIDER[0]}@{DOMEIN}"

__all__ = ["DEMO_TEAMLEIDER", "DatabaseNotEmpty", "DemoFout", "build_demo_school"]


class DatabaseNotEmpty(Exception):
    """The demo only fills an empty database; it never mixes with real leerlingen."""


def build_demo_school(
    sessions: sessionmaker[Session], *, leerlingen: int = 150, seed: int = 2024
) -> str:
    """Fill an empty database with staff and `leerlingen` leerlingen; return a Dutch summary."""
    _ensure_empty(sessions)
    rng = random.Random(seed)
    clock = FixedClock(datetime(2018, 8, 20, 8, tzinfo=UTC))
    team, begeleiders, ondersteuner = _staff(sessions, clock)
    bouwer = _Bouwer(sessions, clock, rng, team, begeleiders, ondersteuner)
    for scenario in plan(leerlingen, rng):
        bouwer.bouw(scenario)
    _history_is_not_mailed(sessions)
    _past_reminders_are_history(sessions)
    return _summary(sessions, leerlingen, seed)


def _history_is_not_mailed(sessions: sessionmaker[Session]) -> None:
    """The demo's notifications are a simulated past: in the inbox, never sent as e-mail
    to the invented demo addresses."""
    with sessions.begin() as session:
        session.execute(
            update(t.Melding)
            .where(t.Melding.verzonden.is_(None))
            .values(verzonden=t.Melding.aangemaakt)
        )


def _past_reminders_are_history(sessions: sessionmaker[Session]) -> None:
    """Reminders due before the demo's today belong to its simulated past, like its
    notifications: marked as fired (without notifications), and every series re-planned
    from today on. What comes due later fires in the ordinary way, once each."""
    moment = datetime.combine(VANDAAG, time(10), tzinfo=UTC)
    with sessions.begin() as session:
        verleden = session.scalars(
            select(t.Herinnering).where(
                t.Herinnering.status == "gepland", t.Herinnering.verschuldigd < VANDAAG
            )
        ).all()
        for rij in verleden:
            rij.status = "gevuurd"
            rij.geclaimd = rij.gevuurd = moment  # so each series goes on after today
        session.flush()
        for leerling_id in sorted({rij.leerling_id for rij in verleden}):
            leerling = session.get(t.Leerling, leerling_id)
            assert leerling is not None
            herinneringen.replan(session, leerling, moment)


def _ensure_empty(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        aantal = session.scalar(select(func.count()).select_from(t.Leerling)) or 0
        demo = session.scalar(select(t.Gebruiker.id).where(t.Gebruiker.email.like(f"%@{DOMEIN}")))
    if aantal:
        raise DatabaseNotEmpty(
            f"De database bevat al {aantal} leerlingen; de demo vult alleen een lege database."
        )
    if demo is not None:
        raise DatabaseNotEmpty(
            "De demo-accounts bestaan al; de demo vult alleen een lege database."
        )


def _account(
    sessions: sessionmaker[Session],
    clock: FixedClock,
    naam: str,
    email: str,
    rol: str,
    klas: str | None = None,
) -> Actor:
    email = f"{email}@{DOMEIN}"
    gebruiker_id = add_user(
        sessions,
        email=email,
        naam=naam,
        rol=rol,
        klas=klas,
        clock=clock,
        wachtwoord=DEMO_WACHTWOORD,
    )
    return Actor(id=gebruiker_id, rol=rol, naam=naam, klas=klas)


def _staff(sessions: sessionmaker[Session], clock: FixedClock) -> tuple[Team, list[Actor], Actor]:
    """One teamleider, the stagebegeleiders, a stage-ondersteuningsbegeleider, a mentor per klas."""
    teamleider = _account(sessions, clock, TEAMLEIDER[1], TEAMLEIDER[0], "teamleider")
    begeleiders = [
        _account(sessions, clock, naam, email, "stagebegeleider")
        for email, naam in STAGEBEGELEIDERS
    ]
    ondersteuner = _account(
        sessions, clock, ONDERSTEUNER[1], ONDERSTEUNER[0], "stage_ondersteuningsbegeleider"
    )
    klassen = [klas for groep in KLASSEN.values() for klas in groep]
    mentoren = {
        klas: _account(sessions, clock, naam, f"mentor.{klas.lower()}", "mentor", klas)
        for klas, naam in zip(klassen, MENTOR_NAMEN, strict=True)
    }
    return Team(teamleider, mentoren), begeleiders, ondersteuner


class _Bouwer:
    """Registers each leerling and walks their scenario."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: FixedClock,
        rng: random.Random,
        team: Team,
        begeleiders: list[Actor],
        ondersteuner: Actor,
    ) -> None:
        self.sessions, self.clock, self.rng, self.team = sessions, clock, rng, team
        self.ondersteuner = ondersteuner
        self.begeleiders = itertools.cycle(begeleiders)
        self.klassen = {jaar: itertools.cycle(klassen) for jaar, klassen in KLASSEN.items()}
        self.namen = Namen(rng)

    def bouw(self, scenario: Scenario) -> None:
        if scenario.groepsstage and not vrije_groepsstage(self.sessions, scenario.groepsstage):
            scenario = VERVANGER
        ondersteuning = bool(scenario.fasen) and self.rng.random() < 0.12
        begeleider = self.ondersteuner if ondersteuning else next(self.begeleiders)
        brugklas = scenario.begin if scenario.leerjaar == "1" else scenario.begin - 1
        nieuw = NieuweLeerling(
            naam=self.namen.nieuw(),
            geboortedatum=geboortedatum(self.rng, brugklas),
            leerjaar=scenario.leerjaar,
            klas=next(self.klassen[scenario.klasjaar]),
            stagebegeleider_id=begeleider.id,
            stage_ondersteuning=ondersteuning,
        )
        self.clock.set(in_schooljaar(scenario.begin, 9, 2))
        leerling_id = create_leerling(self.sessions, nieuw, actor=begeleider, clock=self.clock)
        noa = tuple(self.rng.sample(sorted(SECTOREN), 2))
        verloop = Verloop(
            sessions=self.sessions,
            clock=self.clock,
            rng=self.rng,
            team=self.team,
            leerling_id=leerling_id,
            naam=nieuw.naam,
            klas=nieuw.klas or "",
            geboortedatum=nieuw.geboortedatum,
            begeleider=begeleider,
            jaar=scenario.begin,
            profiel=scenario.profiel,
            ondersteuning=ondersteuning,
            noa=(noa[0], noa[1]),
            sector=self.rng.choice(noa),
        )
        for fase in scenario.fasen:
            fase(verloop)
        if verloop.state != scenario.eindstaat:
            raise DemoFout(
                f"Demo: {nieuw.naam} ({scenario.naam}) eindigt in {verloop.state}, "
                f"niet in {scenario.eindstaat}."
            )


def _summary(sessions: sessionmaker[Session], leerlingen: int, seed: int) -> str:
    with sessions() as session:
        per_state = Counter(
            dict(
                session.execute(
                    select(t.Leerling.state, func.count()).group_by(t.Leerling.state)
                ).all()
            )
        )
        accounts = session.execute(
            select(t.Gebruiker.email, t.Gebruiker.rol, t.Gebruiker.klas)
            .where(t.Gebruiker.email.like(f"%@{DOMEIN}"))
            .order_by(t.Gebruiker.id)
        ).all()
    regels = [
        f"Demoschool aangemaakt: {leerlingen} leerlingen (seed {seed}), "
        f"stand van {VANDAAG:%d-%m-%Y}.",
        "Leerlingen per fase:",
        *(f"  {STATE_LABELS[s]:<24}{per_state[s]:>4}" for s in STATES),
        f"Inloggen op /login met een van deze e-mailadressen en het wachtwoord {DEMO_WACHTWOORD}:",
        *(f"  {email:<42}{rol}{f' {klas}' if klas else ''}" for email, rol, klas in accounts),
    ]
    return "\n".join(regels)
