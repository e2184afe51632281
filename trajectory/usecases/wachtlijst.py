"""The groepsstage waiting list: put a leerling on a full dagdeel's list, and offer a freed
place to the first in line, held for a number of days (Beleid.wachtlijst_dagen_vasthouden).

Exactly once: whoever offers or claims places on a dagdeel first takes that dagdeel's lock
(PostgreSQL advisory transaction lock; SQLite writers are serialised by BEGIN IMMEDIATE), so
two coordinators freeing or taking places at the same moment cannot both hand out the same
place, and the notification's unique key (`wachtlijst:<id>`) cannot be queued twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor, may_advance, may_see
from trajectory.domain.beleid import beleid_op, beleid_voor
from trajectory.domain.clock import Clock, today
from trajectory.domain.snapshot import DAGDELEN
from trajectory.guards import Verdict
from trajectory.machines import NAAR_GROEPSSTAGE
from trajectory.notifications.render import wachtlijst_bericht
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.store.queries import visible
from trajectory.usecases.fouten import NotPermitted, Ongeldig
from trajectory.usecases.geweigerd import Geweigerd, weiger
from trajectory.usecases.laden import zichtbare_leerling
from trajectory.usecases.ontvangers import ontvangers

ACTIEF = ("wacht", "aangeboden")
OP_WACHTLIJST = "op_wachtlijst"
KAN_NIET = "Op de wachtlijst zetten kan niet:"
NOG_PLEK = Verdict(
    "dagdeel_vol", False, "Op dit dagdeel is nog plek: zet de groepsstage gewoon in gang."
)
AL_OP_DE_LIJST = Verdict(
    "nog_niet_op_wachtlijst", False, "Deze leerling staat al op de wachtlijst van dit dagdeel."
)


def zet_op_wachtlijst(
    sessions: sessionmaker[Session], leerling_id: int, dagdeel: str, *, actor: Actor, clock: Clock
) -> int | Geweigerd:
    """Only on a full dagdeel, once per leerling per dagdeel; by whoever may advance them.
    Returns the waiting-list row, or the refusal (audited, like a refused step)."""
    if dagdeel not in DAGDELEN:
        raise Ongeldig("Kies een dagdeel.")
    if not may_advance(actor):
        raise NotPermitted("Met uw rol kunt u geen leerling op de wachtlijst zetten.")
    with sessions.begin() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        capaciteit = beleid_voor(leerling.trajectory_version).groepsstage_plaatsen_per_dagdeel
        repo.lock_dagdeel(session, dagdeel)
        bezet = repo.groepsstage_bezetting(session, behalve_leerling=leerling.id)[dagdeel]
        bestaand = session.scalar(
            select(t.GroepsstageWachtrij).where(
                t.GroepsstageWachtrij.dagdeel == dagdeel,
                t.GroepsstageWachtrij.leerling_id == leerling.id,
            )
        )
        if (weigering := _weigering(bezet < capaciteit, bestaand)) is not None:
            return weiger(
                session,
                leerling,
                trigger=OP_WACHTLIJST,
                verdicts=(weigering,),
                actor=actor,
                moment=clock.now(),
                inleiding=KAN_NIET,
                payload={"dagdeel": dagdeel},
            )
        if bestaand is not None:
            session.delete(bestaand)
            session.flush()
        rij = t.GroepsstageWachtrij(
            dagdeel=dagdeel, leerling_id=leerling.id, status="wacht", aangemaakt=clock.now()
        )
        session.add(rij)
        session.flush()
        repo.append_audit(
            session,
            tijd=clock.now(),
            actor=actor,
            soort="wachtlijst",
            leerling_id=leerling.id,
            trigger=OP_WACHTLIJST,
            payload={"dagdeel": dagdeel},
        )
        return rij.id


def _weigering(plek_vrij: bool, bestaand: t.GroepsstageWachtrij | None) -> Verdict | None:
    if plek_vrij:
        return NOG_PLEK
    if bestaand is not None and bestaand.status in ACTIEF:
        return AL_OP_DE_LIJST
    return None


def bied_aan(
    session: Session, dagdelen: Iterable[str], *, capaciteit: int, moment: datetime, op: date
) -> list[int]:
    """In the caller's transaction: let lapsed holds go, then offer every place that is free
    and not held to the first in line. Returns the waiting-list rows offered a place."""
    dagen = timedelta(days=beleid_op(op).wachtlijst_dagen_vasthouden)
    aangeboden: list[int] = []
    for dagdeel in sorted(set(dagdelen)):
        repo.lock_dagdeel(session, dagdeel)
        session.execute(
            update(t.GroepsstageWachtrij)
            .where(
                t.GroepsstageWachtrij.dagdeel == dagdeel,
                t.GroepsstageWachtrij.status == "aangeboden",
                t.GroepsstageWachtrij.vasthouden_tot < op,
            )
            .values(status="vervallen")
        )
        bezet = repo.groepsstage_bezetting(session)[dagdeel]
        vrij = capaciteit - bezet - repo.vastgehouden(session)[dagdeel]
        if vrij <= 0:
            continue
        eersten = session.scalars(
            select(t.GroepsstageWachtrij)
            .where(
                t.GroepsstageWachtrij.dagdeel == dagdeel, t.GroepsstageWachtrij.status == "wacht"
            )
            .order_by(t.GroepsstageWachtrij.id)
            .limit(vrij)
        ).all()
        for rij in eersten:
            rij.status, rij.aangeboden, rij.vasthouden_tot = "aangeboden", moment, op + dagen
            _meld(session, rij, moment)
            aangeboden.append(rij.id)
    session.flush()
    return aangeboden


def _meld(session: Session, rij: t.GroepsstageWachtrij, moment: datetime) -> None:
    leerling = repo.get_leerling(session, rij.leerling_id)
    assert leerling is not None
    assert rij.vasthouden_tot is not None
    onderwerp, tekst = wachtlijst_bericht(
        leerling.naam, rij.dagdeel.replace("_", " "), f"{rij.vasthouden_tot:%d-%m-%Y}"
    )
    repo.queue_melding(
        session,
        leerling.id,
        "wachtlijst",
        ontvangers(session, leerling, ("stagebegeleider",)),
        onderwerp=onderwerp,
        tekst=tekst,
        moment=moment,
        verschuldigd=f"wachtlijst:{rij.id}",
        direct=True,
    )


def aanbieden(sessions: sessionmaker[Session], *, clock: Clock) -> list[int]:
    """Offer free places on every dagdeel (after a hold lapsed; the scheduler or a coordinator)."""
    op = today(clock)
    with sessions.begin() as session:
        return bied_aan(
            session,
            DAGDELEN,
            capaciteit=beleid_op(op).groepsstage_plaatsen_per_dagdeel,
            moment=clock.now(),
            op=op,
        )


@dataclass(frozen=True)
class Wachtende:
    positie: int
    leerling_id: int
    naam: str | None  # None where the viewer may not see the leerling
    status: str
    vasthouden_tot: date | None


def wachtlijsten(session: Session, actor: Actor) -> dict[str, list[Wachtende]]:
    rows = session.execute(
        select(
            t.GroepsstageWachtrij.dagdeel,
            t.GroepsstageWachtrij.status,
            t.GroepsstageWachtrij.vasthouden_tot,
            t.Leerling.id,
            t.Leerling.naam,
            t.Leerling.stagebegeleider_id,
            t.Leerling.klas,
        )
        .join(t.Leerling, t.Leerling.id == t.GroepsstageWachtrij.leerling_id)
        .where(t.GroepsstageWachtrij.status.in_(ACTIEF))
        .order_by(t.GroepsstageWachtrij.id)
    )
    lijsten: dict[str, list[Wachtende]] = {d: [] for d in DAGDELEN}
    for dagdeel, status, tot, leerling_id, naam, begeleider, klas in rows:
        zichtbaar = may_see(actor, begeleider, klas)
        lijst = lijsten[dagdeel]
        lijst.append(
            Wachtende(len(lijst) + 1, leerling_id, naam if zichtbaar else None, status, tot)
        )
    return lijsten


def kandidaten(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """(id, naam) of the actor's leerlingen who could go to a groepsstage (stage advies given
    or uitgevallen), for the waiting-list form."""
    query = visible(
        select(t.Leerling.id, t.Leerling.naam).where(t.Leerling.state.in_(NAAR_GROEPSSTAGE)),
        actor,
    ).order_by(t.Leerling.naam, t.Leerling.id)
    return [(i, naam) for i, naam in session.execute(query)]
