"""The weekly stage-agenda reminder (issue #18): it asks for exactly the missing parts of last
week, of whoever has not done theirs (domain/stageagenda.herinnering).

The stagebegeleider's lines go out with the reminder itself, in the scheduler's transaction.
A party with a personal link for their part (the praktijkbegeleider's `agenda`, the
leerling's `reflectie`) gets it again by e-mail: a new link replacing the old one (only a
hash of a token is kept, so the old one cannot be re-sent), made by `systeem` right after that
transaction commits, through `usecases/links.maak_link` and the outbox. Without such a link the
stagebegeleider is asked to pass it on (the leerling in class) or to make one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.actor import SYSTEEM
from trajectory.domain.clock import Clock
from trajectory.domain.geheimen import uit_omgeving
from trajectory.domain.snapshot import Snapshot
from trajectory.domain.stageagenda import herinnering, ontbrekend, week_tekst
from trajectory.store import links as linkrijen
from trajectory.store import tables as t
from trajectory.usecases import links
from trajectory.usecases.fouten import Fout

log = logging.getLogger(__name__)

DOEL_VAN = {"praktijkbegeleider": "agenda", "leerling": "reflectie"}


@dataclass(frozen=True)
class Opnieuw:
    """A link to mail again once the reminder's transaction has committed."""

    plaatsing_id: int
    partij: str
    doel: str
    naam: str
    email: str
    praktijkbegeleider_id: int | None = None


@dataclass
class Vragen:
    voor_begeleider: list[str] = field(default_factory=list)
    opnieuw: list[Opnieuw] = field(default_factory=list)


def vraag_om_ontbrekende_delen(
    session: Session, snapshot: Snapshot, rij: t.Herinnering, moment: datetime
) -> Vragen:
    """What to ask of whom about last week: the stagebegeleider's lines, and the links to
    mail again."""
    plaatsing = snapshot.lopende_plaatsing
    if plaatsing is None:
        return Vragen()
    actief = {(s.partij, s.doel): s for s in links.actieve_links(session, plaatsing.id, moment)}
    met_link = frozenset(p for p, doel in DOEL_VAN.items() if (p, doel) in actief)
    vragen = herinnering(snapshot, rij.verschuldigd, met_link=met_link | {"praktijkbegeleider"})
    result = Vragen(list(vragen.get("stagebegeleider", ())))
    for partij in vragen:
        if partij == "stagebegeleider":
            continue
        link = actief.get((partij, DOEL_VAN[partij]))
        if link is not None and link.email:
            rij_ = linkrijen.bij_id(session, link.link_id)
            pb_id = rij_.link.praktijkbegeleider_id if rij_ else None
            result.opnieuw.append(
                Opnieuw(plaatsing.id, partij, link.doel, link.naam, link.email, pb_id)
            )
        elif partij == "praktijkbegeleider":
            week = ontbrekend(snapshot, rij.verschuldigd)
            naam = week_tekst(week[0]) if week else "vorige week"
            result.voor_begeleider.append(
                f"De praktijkbegeleider heeft {naam} nog niet ingevuld en heeft geen link met "
                "e-mailadres: maak er een bij de stageplaats, of vraag het bij het bezoek."
            )
    return result


def stuur_opnieuw(
    sessions: sessionmaker[Session], opnieuw: Iterable[Opnieuw], clock: Clock
) -> None:
    """Mail each link again (a new link replacing the old one); a link that cannot be made
    (the praktijkbegeleider left the register, the placement ended) is logged and skipped:
    the reminder itself has gone out."""
    opnieuw = list(opnieuw)
    if not opnieuw:
        return
    sleutels = uit_omgeving()
    for o in opnieuw:
        try:
            links.maak_link(
                sessions, o.plaatsing_id, o.partij, o.doel, actor=SYSTEEM, clock=clock,
                email=o.email, naam=o.naam or None, versturen=sleutels,
                praktijkbegeleider_id=o.praktijkbegeleider_id,
            )  # fmt: skip
        except Fout as exc:
            log.warning("link niet opnieuw gestuurd (%s): %s", o.partij, exc)
