"""A demo school, built through the engine itself so its audit trail is real and verifies.

Staff accounts, then leerlingen whose stories (scenarios.py) are walked day by day on a
FixedClock: every beoordeling, plaatsing, bezoek and uur is recorded, and every state change
goes through `engine.advance` with the role that would do it at school. The history ends
today (the injected clock): each story is moved by whole school years so that its "now" is
today's school year; a story that would need a day after today there is told one school year
earlier. Each leerling's whole history is one transaction (store/eenheid.py): the use cases
run as always, but nothing commits per step.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from trajectory.demo import bedrijven
from trajectory.demo.fasen import vrije_groepsstage
from trajectory.demo.overgenomen import neem_overgenomen_op
from trajectory.demo.scenarios import SCENARIOS, VERVANGER, Scenario, plan
from trajectory.demo.school import (
    DOMEIN,
    KLASSEN,
    MENTOR_NAMEN,
    ONDERSTEUNER,
    STAGEBEGELEIDERS,
    TEAMLEIDER,
    VERHAALJAAR,
    Namen,
    geboortedatum,
    in_schooljaar,
)
from trajectory.demo.stageagenda import vul_agendas
from trajectory.demo.verloop import DemoFout, Demotijd, NogNiet, Team, Verloop
from trajectory.domain.access import Actor
from trajectory.domain.clock import Clock, FixedClock, SystemClock, today
from trajectory.domain.schooljaar import beginjaar, in_jaar_vanaf
from trajectory.domain.snapshot import SECTOREN
from trajectory.machines import STATE_LABELS, STATES
from trajectory.store import tables as t
from trajectory.store.eenheid import EenTransactie
from trajectory.usecases import herinneringen
from trajectory.usecases.bewaartermijn import Bewaartermijnen, meldingen_grens
from trajectory.usecases.users import add_user, hash_password
from trajectory.usecases.vastleggen import NieuweLeerling, create_leerling

DEMO_WACHTWOORD = "demo-stagetraject"  # a demo school only: every demo account shares it
DEMO_TEAMLEIDER = f"{TEAMLEIDER[0]}@{DOMEIN}"

__all__ = [
    "DEMO_TEAMLEIDER",
    "DEMO_WACHTWOORD",
    "DatabaseNotEmpty",
    "DemoFout",
    "build_demo_school",
]


class DatabaseNotEmpty(Exception):
    """The demo only fills an empty database; it never mixes with real leerlingen."""


def build_demo_school(
    sessions: sessionmaker[Session],
    *,
    leerlingen: int = 150,
    seed: int = 2024,
    clock: Clock | None = None,
) -> str:
    """Fill an empty database with staff and `leerlingen` leerlingen whose history ends
    today by `clock` (the system clock by default); return a Dutch summary."""
    _ensure_empty(sessions)
    nu = (clock or SystemClock()).now()
    tijd = Demotijd(today_of(nu), nu, beginjaar(today_of(nu)) - VERHAALJAAR)
    rng = random.Random(seed)
    eerste = in_jaar_vanaf(min(s.begin for s in SCENARIOS) + tijd.verschuiving - 1, 8, 20)
    demoklok = FixedClock(datetime(eerste.year, eerste.month, eerste.day, 8, tzinfo=nu.tzinfo))
    team, begeleiders, ondersteuner = _staff(sessions, demoklok)
    bedrijven.registreren(sessions, demoklok, tijd.vandaag, team.teamleider)
    bouwer = _Bouwer(sessions, demoklok, rng, team, begeleiders, ondersteuner, tijd)
    for scenario in plan(leerlingen, rng):
        bouwer.bouw(scenario)
    neem_overgenomen_op(sessions, team, begeleiders, tijd, random.Random(seed))
    vul_agendas(sessions, [*begeleiders, ondersteuner], tijd, random.Random(seed))
    _history_is_not_mailed(sessions)
    _past_reminders_are_history(sessions, tijd)
    return _summary(sessions, leerlingen, seed, tijd.vandaag)


def today_of(moment: datetime) -> date:
    return today(FixedClock(moment))


MARGE_MELDINGEN = timedelta(days=7)  # a first start within the week erases none either


def _zonder_verlopen_meldingen(session: Session, nu: datetime) -> None:
    """The story's notifications that the retention run would erase at the first start (past
    their term, `usecases/bewaartermijn.py`) are never committed: dropped in the story's own
    transaction. The history keeps its audit trail; the inbox starts within the term."""
    grens = meldingen_grens(nu, Bewaartermijnen.from_environ()) + MARGE_MELDINGEN
    session.execute(delete(t.Melding).where(t.Melding.aangemaakt < grens))


def _history_is_not_mailed(sessions: sessionmaker[Session]) -> None:
    """The demo's notifications are a simulated past: in the inbox, never sent as e-mail
    to the invented demo addresses."""
    with sessions.begin() as session:
        session.execute(
            update(t.Melding)
            .where(t.Melding.verzonden.is_(None))
            .values(verzonden=t.Melding.aangemaakt)
        )


def _past_reminders_are_history(sessions: sessionmaker[Session], tijd: Demotijd) -> None:
    """Reminders due before today belong to the demo's simulated past, like its
    notifications: marked as fired (without notifications), and every series re-planned
    from today on. What comes due later fires in the ordinary way, once each."""
    moment = tijd.nu
    with sessions.begin() as session:
        verleden = session.scalars(
            select(t.Herinnering).where(
                t.Herinnering.status == "gepland", t.Herinnering.verschuldigd < tijd.vandaag
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
        wachtwoord_hash=_demo_hash(),
    )
    return Actor(id=gebruiker_id, rol=rol, naam=naam, klas=klas)


@functools.cache
def _demo_hash() -> str:
    return hash_password(DEMO_WACHTWOORD)


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
        tijd: Demotijd,
    ) -> None:
        self.sessions, self.clock, self.rng, self.team = sessions, clock, rng, team
        self.tijd = tijd
        self.ondersteuner = ondersteuner
        self.begeleiders = itertools.cycle(begeleiders)
        self.klassen = {jaar: itertools.cycle(klassen) for jaar, klassen in KLASSEN.items()}
        self.namen = Namen(rng)

    def bouw(self, scenario: Scenario) -> None:
        """The story in today's school year if every step of it falls on or before today
        (walked first without writing); else another story with the same end that does (in
        December a leerjaar-3 leerling is on stage I, not on last year's stage II); else the
        story one school year earlier. Each telling one transaction, rolled back whole when
        the story does not end where it should."""
        op = self.tijd.vandaag
        if scenario.groepsstage and not vrije_groepsstage(self.sessions, scenario.groepsstage, op):
            scenario = VERVANGER
        ondersteuning = bool(scenario.fasen) and self.rng.random() < 0.12
        begeleider = self.ondersteuner if ondersteuning else next(self.begeleiders)
        persoon = (self.namen.nieuw(), next(self.klassen[scenario.klasjaar]), begeleider)
        nu = self.tijd.verschuiving
        verschuivingen: tuple[int, ...] = (nu - 1,)
        for kandidaat in (scenario, *_zelfde_einde(scenario)):
            proef = random.Random()
            proef.setstate(self.rng.getstate())
            try:
                self._verhaal(self.sessions, kandidaat, self.tijd, persoon, ondersteuning, proef)
            except NogNiet:
                continue
            scenario, verschuivingen = kandidaat, (nu, nu - 1)
            break
        for verschuiving in verschuivingen:
            tijd = replace(self.tijd, verschuiving=verschuiving)
            try:
                with self.sessions.begin() as session:
                    eenheid = EenTransactie(session).als_sessionmaker()
                    self._verhaal(eenheid, scenario, tijd, persoon, ondersteuning)
                    _zonder_verlopen_meldingen(session, tijd.nu)
                return
            except NogNiet:
                if verschuiving < nu:
                    raise

    def _verhaal(
        self,
        sessions: sessionmaker[Session],
        scenario: Scenario,
        tijd: Demotijd,
        persoon: tuple[str, str, Actor],
        ondersteuning: bool,
        proef: random.Random | None = None,
    ) -> None:
        """Register the leerling and walk the story; with `proef` (a copy of the random
        generator) only walk its calendar, writing nothing."""
        naam, klas, begeleider = persoon
        rng = proef or self.rng
        begin = scenario.begin + tijd.verschuiving
        brugklas = begin if scenario.leerjaar == "1" else begin - 1
        nieuw = NieuweLeerling(
            naam=naam,
            geboortedatum=geboortedatum(rng, brugklas),
            leerjaar=scenario.leerjaar,
            klas=klas,
            stagebegeleider_id=begeleider.id,
            stage_ondersteuning=ondersteuning,
        )
        aangemeld = in_schooljaar(begin, 9, 2)
        if aangemeld > tijd.vandaag:
            raise NogNiet(f"Demo: {naam} wordt pas op {aangemeld} aangemeld.")
        self.clock.set(aangemeld)
        leerling_id = 0
        if proef is None:
            leerling_id = create_leerling(sessions, nieuw, actor=begeleider, clock=self.clock)
        noa = tuple(rng.sample(sorted(SECTOREN), 2))
        verloop = Verloop(
            sessions=sessions,
            clock=self.clock,
            rng=rng,
            team=self.team,
            leerling_id=leerling_id,
            naam=nieuw.naam,
            klas=klas,
            geboortedatum=nieuw.geboortedatum,
            begeleider=begeleider,
            jaar=begin,
            tijd=tijd,
            profiel=scenario.profiel,
            ondersteuning=ondersteuning,
            noa=(noa[0], noa[1]),
            sector=rng.choice(noa),
            proef=proef is not None,
        )
        for fase in scenario.fasen:
            fase(verloop)
        if proef is None and verloop.state != scenario.eindstaat:
            raise NogNiet(
                f"Demo: {nieuw.naam} ({scenario.naam}) eindigt in {verloop.state}, "
                f"niet in {scenario.eindstaat}."
            )


def _zelfde_einde(scenario: Scenario) -> list[Scenario]:
    """The other stories that end in the same state for a leerling of the same klas."""
    return [
        s
        for s in SCENARIOS
        if s is not scenario
        and (s.eindstaat, s.klasjaar, s.leerjaar)
        == (scenario.eindstaat, scenario.klasjaar, scenario.leerjaar)
        and bool(s.fasen) == bool(scenario.fasen)
        and not s.groepsstage
    ]


def _summary(sessions: sessionmaker[Session], leerlingen: int, seed: int, vandaag: date) -> str:
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
    overgenomen = sum(per_state.values()) - leerlingen
    regels = [
        f"Demoschool aangemaakt: {leerlingen} leerlingen met hun geschiedenis (seed {seed}) en "
        f"{overgenomen} overgenomen via de intake, stand van vandaag, {vandaag:%d-%m-%Y}.",
        "Leerlingen per fase:",
        *(f"  {STATE_LABELS[s]:<24}{per_state[s]:>4}" for s in STATES),
        f"Inloggen op /login met een van deze e-mailadressen en het wachtwoord {DEMO_WACHTWOORD}:",
        *(f"  {email:<42}{rol}{f' {klas}' if klas else ''}" for email, rol, klas in accounts),
    ]
    return "\n".join(regels)
