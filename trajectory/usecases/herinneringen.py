"""Reminders: re-planned with every change of a leerling, claimed and fired when due.

`replan` runs inside the caller's transaction (a transition, a record): it computes what should
be pending (trajectory.domain.herinneringen.plan) and makes the rows say so — pending reminders
that no longer apply are deleted (leaving a state cancels its timers), new ones are inserted,
and a reminder that already fired is never planned again (its unique key stays taken).

`fire_due` is the scheduler's job. It claims one leerling at a time (store/herinneringen.py:
a second instance passes over a leerling the first is firing, so no reminder fires twice). In
that one transaction it writes the notification rows (the outbox), marks the reminders fired
and plans the next occurrence. Work missed while the service was down is simply still due.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor, may_see
from trajectory.domain.clock import SCHOOL_TZ, Clock, as_utc, today
from trajectory.domain.herinneringen import OPVOLGING, TIMER, Gepland, Timer, opvolgingen, plan
from trajectory.domain.schooljaar import Kalender, huidige_kalender
from trajectory.domain.snapshot import Snapshot
from trajectory.notifications.render import herinnering_bericht
from trajectory.store import bedrijfsoverzicht as bedrijfsrijen
from trajectory.store import herinneringen as rijen
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.store.herinneringen import AFGEHANDELD, GEPLAND, GEVUURD, OVERBODIG
from trajectory.usecases import agendaherinnering, overeenkomst_herinnering
from trajectory.usecases.laden import met_handtekeningen, snapshot_van
from trajectory.usecases.ontvangers import ontvangers

BEZOEK_TIMERS = ("bezoek", "bezoek_achterstand")  # their text names the praktijkbegeleider


def replan(
    session: Session,
    leerling: t.Leerling,
    moment: datetime,
    kalender: Kalender | None = None,
    snapshot: Snapshot | None = None,
    *,
    handtekeningen_actueel: bool = False,
) -> None:
    """Make the leerling's pending reminders what the timers table says, in this transaction.
    `snapshot`: as the caller has it; its signatures are read again (a record stored in this
    transaction may have made rows) unless the caller knows them `handtekeningen_actueel`."""
    kalender = kalender or huidige_kalender()
    rijen.lock_leerling(session, leerling.id)
    if snapshot is None:
        snapshot = snapshot_van(session, leerling, bezetting=False)
    elif not handtekeningen_actueel:
        snapshot = met_handtekeningen(session, snapshot)
    open_: dict[Gepland, t.Rij] = {}
    klaar: dict[Gepland, t.Rij] = {}
    for rij in rijen.van_leerling(session, leerling.id):
        sleutel = Gepland(rij.verschuldigd, rij.soort, rij.eigenaar_id)
        (open_ if rij.status == GEPLAND else klaar)[sleutel] = rij
    gewenst = plan(snapshot, kalender, _dag(moment), gevuurd=_laatst_gevuurd(klaar.values()))
    rijen.verwijder(session, [rij.id for sleutel, rij in open_.items() if sleutel not in gewenst])
    rijen.plan_in(
        session,
        leerling.id,
        (
            (g.soort, g.verschuldigd, g.eigenaar)
            for g in gewenst
            if g not in open_ and g not in klaar
        ),
        moment,
    )
    # a follow-up that fired stays on its owner's work list until it is marked done
    rijen.markeer(
        session,
        [
            rij.id
            for sleutel, rij in klaar.items()
            if sleutel.eigenaar is not None and rij.status == GEVUURD and sleutel not in gewenst
        ],
        AFGEHANDELD,
    )


def _dag(moment: datetime) -> date:
    return as_utc(moment).astimezone(SCHOOL_TZ).date()


def _laatst_gevuurd(gevuurde: Iterable[t.Rij]) -> dict[str, date]:
    """Per kind, the later of the last due date and the day it fired: a series continues
    after it, so a reminder fired late after downtime is not followed by a backlog."""
    laatst: dict[str, date] = {}
    for rij in gevuurde:
        dag = max(rij.verschuldigd, _dag(rij.geclaimd) if rij.geclaimd else rij.verschuldigd)
        laatst[rij.soort] = max(laatst.get(rij.soort, dag), dag)
    return laatst


def fire_due(
    sessions: sessionmaker[Session],
    clock: Clock,
    kalender: Kalender | None = None,
    batch: int = 200,
) -> Counter[str]:
    """Fire every reminder due by today; returns how many fired per kind."""
    op, gevuurd = today(clock), Counter[str]()
    while True:
        with sessions() as session:
            kandidaten = rijen.leerlingen_met_verschuldigde(session, op, batch)
        geclaimd = [_fire_for(sessions, lid, clock, kalender) for lid in kandidaten]
        for telling in geclaimd:
            gevuurd.update(telling or {})
        if len(kandidaten) < batch or not any(c is not None for c in geclaimd):
            return gevuurd


def _fire_for(
    sessions: sessionmaker[Session], leerling_id: int, clock: Clock, kalender: Kalender | None
) -> Counter[str] | None:
    """Fire one leerling's due reminders; None when another instance holds the leerling."""
    kalender = kalender or huidige_kalender()
    moment, op = clock.now(), today(clock)
    opnieuw: list[agendaherinnering.Opnieuw] = []
    with sessions.begin() as session:
        leerling = rijen.claim_leerling(session, leerling_id)
        if leerling is None:
            return None
        due = rijen.claim_verschuldigde(session, leerling_id, op)
        snapshot = snapshot_van(session, leerling, bezetting=False)
        telling = Counter[str]()
        for rij in due:
            timer = TIMER.get(rij.soort)
            rij.geclaimd = moment
            if timer is None or not _geldt_nog(timer, snapshot, kalender, op):
                rij.status = OVERBODIG
                continue
            _meld(session, leerling, timer, rij, moment, snapshot, opnieuw)
            rij.status, rij.gevuurd = GEVUURD, moment
            telling[rij.soort] += 1
        session.flush()
        replan(session, leerling, moment, kalender, snapshot)
    agendaherinnering.stuur_opnieuw(sessions, opnieuw, clock)
    return telling


def _geldt_nog(timer: Timer, s: Snapshot, kalender: Kalender, op: date) -> bool:
    if s.state not in timer.states:
        return False
    return timer.alleen_als is None or timer.alleen_als(s, kalender, op)


def _meld(
    session: Session,
    leerling: t.Leerling,
    timer: Timer,
    rij: t.Herinnering,
    moment: datetime,
    snapshot: Snapshot,
    opnieuw: list[agendaherinnering.Opnieuw],
) -> None:
    """One notification per recipient; its unique key makes a second attempt a no-op.
    `opnieuw` collects the personal links to mail again after the commit (stage-agenda,
    signing the contract)."""
    if timer is OPVOLGING:
        if rij.eigenaar_id is not None and _ziet_nog(session, rij.eigenaar_id, leerling):
            acties = [
                r.data["opvolging"]
                for r in opvolgingen(snapshot, rij.verschuldigd, eigenaar=rij.eigenaar_id)
            ]
            if acties:
                _stuur(session, leerling, timer, rij, moment, [rij.eigenaar_id], acties)
        return
    if timer.soort == "stagemap":  # to whoever has not done their part (issue #18)
        vragen = agendaherinnering.vraag_om_ontbrekende_delen(session, snapshot, rij, moment)
        if vragen.voor_begeleider:
            aan = ontvangers(session, leerling, timer.rollen)
            _stuur(session, leerling, timer, rij, moment, aan, gevraagd=vragen.voor_begeleider)
        opnieuw.extend(vragen.opnieuw)
        return
    if timer.soort == "handtekeningen_ontbreken":  # and the missing parties' links again
        vragen = overeenkomst_herinnering.vraag_om_handtekeningen(session, snapshot, moment)
        aan = ontvangers(session, leerling, timer.rollen)
        _stuur(session, leerling, timer, rij, moment, aan, gevraagd=vragen.voor_begeleider)
        opnieuw.extend(vragen.opnieuw)
        return
    contact = _praktijkbegeleider(session, snapshot) if timer.soort in BEZOEK_TIMERS else None
    aan = ontvangers(session, leerling, timer.rollen)
    _stuur(session, leerling, timer, rij, moment, aan, praktijkbegeleider=contact)


def _praktijkbegeleider(session: Session, snapshot: Snapshot) -> str | None:
    """Whom to call about the visit: the running placement's praktijkbegeleider (#17)."""
    plaatsing = snapshot.lopende_plaatsing
    if plaatsing is None:
        return None
    pb_id = bedrijfsrijen.praktijkbegeleider_van_plaatsing(session, plaatsing.id)
    pb = bedrijfsrijen.contacten(session, [pb_id]).get(pb_id or 0)
    if pb is None:
        return None
    bereikbaar = ", ".join(w for w in (pb.telefoon, pb.email) if w)
    return f"{pb.naam} ({plaatsing.bedrijf})" + (f", {bereikbaar}" if bereikbaar else "")


def _ziet_nog(session: Session, gebruiker_id: int, leerling: t.Leerling) -> bool:
    gebruiker = session.get(t.Gebruiker, gebruiker_id)
    if gebruiker is None or not gebruiker.actief:
        return False
    actor = Actor(id=gebruiker.id, rol=gebruiker.rol, naam=gebruiker.naam, klas=gebruiker.klas)
    return may_see(actor, leerling.stagebegeleider_id, leerling.klas)


def _stuur(
    session: Session,
    leerling: t.Leerling,
    timer: Timer,
    rij: t.Herinnering,
    moment: datetime,
    aan: list[int],
    acties: list[str] | None = None,
    *,
    praktijkbegeleider: str | None = None,
    gevraagd: list[str] | None = None,
) -> None:
    onderwerp, tekst = herinnering_bericht(
        titel=timer.titel,
        acties=acties or [],
        gevraagd=gevraagd or [],
        praktijkbegeleider=praktijkbegeleider,
        naam=leerling.naam,
        klas=leerling.klas or "?",
        datum=f"{rij.verschuldigd:%d-%m-%Y}",
        escalatie=timer.escalatie,
    )
    repo.queue_melding(
        session,
        leerling.id,
        timer.soort,
        aan,
        onderwerp=onderwerp,
        tekst=tekst,
        moment=moment,
        verschuldigd=f"herinnering:{rij.verschuldigd.isoformat()}",
    )
