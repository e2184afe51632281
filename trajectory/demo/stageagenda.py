"""The demo school's stage-agendas (issue #18): every running placement has its last weeks
filled in the way the school works with the agenda — the praktijkbegeleider's week with the
hours approved through their link, the leerling's reflection, and the stagebegeleider's
aftekenen in class for all but the last week (so today's reminder has something to ask).

Through the real use cases, on the demo's clock at "now"; a few weeks per placement keep
`trajectory demo` fast.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.demo.verloop import Demotijd
from trajectory.domain.access import Actor
from trajectory.domain.clock import FixedClock
from trajectory.domain.links import link_actor
from trajectory.domain.records import COMPETENTIEGEBIEDEN
from trajectory.domain.stageagenda import maandag
from trajectory.store import tables as t
from trajectory.usecases import stageagenda

WEKEN = 2  # the finished weeks filled in per running placement (≈ 1.8 s of the demo)
LEERDOELEN = (
    "Op tijd beginnen lukt elke dag. Vraagt zelf om een nieuwe taak als iets klaar is.",
    "Werkt netjes en volgens de instructie; het tempo mag nog omhoog.",
    "Helpt klanten vriendelijk; durft nu ook zelf iets te vragen.",
    "Houdt de werkplek schoon en opgeruimd. Pauzes op tijd terug.",
)
AANDACHTSPUNTEN = (
    "Telefoon in de kluis tijdens het werk.",
    "Bij twijfel eerst vragen, dan doen.",
    "",
    "Rustig blijven als het druk is.",
)
REFLECTIES = (
    ("blij", "Ik heb zelf de kassa gedaan."),
    ("blij", "Leuk werk, ik was op tijd."),
    ("gewoon", "Het was druk."),
    ("niet_blij", "Ik was moe."),
    ("blij", "Ik mocht nieuwe dingen doen."),
)


def vul_agendas(
    sessions: sessionmaker[Session],
    begeleiders: Sequence[Actor],
    tijd: Demotijd,
    rng: random.Random,
) -> int:
    """Fill in the last weeks of every running placement; how many weeks were filled in."""
    klok = FixedClock(tijd.nu)
    with sessions() as session:
        lopend = session.execute(
            select(
                t.Plaatsing.id,
                t.Plaatsing.leerling_id,
                t.Plaatsing.startdatum,
                t.Leerling.stagebegeleider_id,
                t.Praktijkbegeleider.naam,
            )
            .join(t.Leerling, t.Leerling.id == t.Plaatsing.leerling_id)
            .outerjoin(
                t.Praktijkbegeleider,
                t.Praktijkbegeleider.id == t.Plaatsing.praktijkbegeleider_id,
            )
            .where(t.Plaatsing.status == "lopend", t.HUIDIGE_PLAATSING)
            .order_by(t.Plaatsing.id)
        ).all()
    per_id = {b.id: b for b in begeleiders}
    deze_week = maandag(tijd.vandaag)
    gevuld = 0
    for rij in lopend:
        pb = link_actor("praktijkbegeleider", rij.naam, 0)
        leerling = link_actor("leerling", None, 0)
        begeleider = per_id.get(rij.stagebegeleider_id or 0)
        for n in range(WEKEN, 0, -1):
            week = deze_week - timedelta(weeks=n)
            if week < maandag(rij.startdatum):
                continue
            _week(sessions, klok, rij.id, week, pb, rng)
            gevoel, tekst = rng.choice(REFLECTIES)
            stageagenda.reflecteer(
                sessions, rij.id, {"week": week, "gevoel": gevoel, "tekst": tekst},
                actor=leerling, clock=klok,
            )  # fmt: skip
            if n > 1 and begeleider is not None:
                stageagenda.teken_af(
                    sessions, rij.leerling_id, rij.id, week, actor=begeleider, clock=klok
                )
            gevuld += 1
    return gevuld


def _week(
    sessions: sessionmaker[Session],
    klok: FixedClock,
    plaatsing_id: int,
    week: date,
    pb: Actor,
    rng: random.Random,
) -> None:
    """The praktijkbegeleider confirms the hours the school registered for the week."""
    with sessions() as session:
        uren = session.execute(
            select(t.Vastlegging.datum, t.Vastlegging.data).where(
                t.Vastlegging.plaatsing_id == plaatsing_id,
                t.Vastlegging.kind == "uren",
                t.Vastlegging.datum >= week,
                t.Vastlegging.datum < week + timedelta(weeks=1),
                t.HUIDIG_RECORD,
            )
        ).all()
    data = {
        "week": week,
        "leerdoelen": rng.choice(LEERDOELEN),
        "aandachtspunten": rng.choice(AANDACHTSPUNTEN),
        "competenties": {
            g: "voldoende" if rng.random() < 0.85 else "onvoldoende" for g in COMPETENTIEGEBIEDEN
        },
        "uren": {d.isoformat(): float(u["uren"]) for d, u in uren if not u.get("overgenomen")},
    }
    stageagenda.vul_week_in(sessions, plaatsing_id, data, actor=pb, clock=klok)
