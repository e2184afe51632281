"""Go-live intake: leerlingen entered at their current state (DOMAIN.md, Corrections and intake).

The second way a leerling's state is set besides `engine.advance()`, next to the registration
of a new leerling (`vastleggen.create_leerlingen`, audited as `aanmelding` into the initial
state): an `intake` audit event by the teamleider, `naar` the state, with the declaration
"Overgenomen uit de administratie op …" and everything taken over. It writes the leerling and
the minimum history its state implies (`domain.intake`), and plans the reminders from there;
every later change of state goes through `advance()`, whose guards judge it as any other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor, may_take_in
from trajectory.domain.beleid import beleid_voor, versie_op
from trajectory.domain.clock import Clock, today
from trajectory.domain.intake import NIEUWE_PLAATSING, IntakeIn, geschiedenis, verklaring
from trajectory.store import herinneringen as rijen
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import herinneringen
from trajectory.usecases.bedrijfkeuze import bedrijf_voor_plaatsing
from trajectory.usecases.fouten import NotPermitted
from trajectory.usecases.vastleggen import check_begeleider

INTAKE = "intake"  # the audit event's soort
ALLEEN_TEAMLEIDER = "Alleen de teamleider kan leerlingen overnemen uit de administratie."


def neem_op(
    sessions: sessionmaker[Session], intake: IntakeIn, *, actor: Actor, clock: Clock
) -> int:
    (leerling_id,) = neem_alle_op(sessions, [intake], actor=actor, clock=clock)
    return leerling_id


def neem_alle_op(
    sessions: sessionmaker[Session],
    intakes: Sequence[IntakeIn],
    *,
    actor: Actor,
    clock: Clock,
    voortgang: Callable[[int], None] | None = None,
) -> list[int]:
    """All of them in one transaction, or none (the CSV intake)."""
    if not may_take_in(actor):
        raise NotPermitted(ALLEEN_TEAMLEIDER)
    moment = clock.now()
    ids = []
    with sessions.begin() as session:
        for intake in intakes:
            check_begeleider(session, intake.stagebegeleider_id)
            ids.append(_neem_op(session, intake, actor, moment, today(clock)))
            if voortgang is not None:
                voortgang(len(ids))
    return ids


def _neem_op(session: Session, intake: IntakeIn, actor: Actor, moment: datetime, op: date) -> int:
    versie = versie_op(op)
    wat = geschiedenis(intake, op)
    leerling = t.Leerling(
        naam=intake.naam,
        geboortedatum=intake.geboortedatum,
        klas=intake.klas,
        state=intake.state,
        fase_sinds=moment,
        version=1,
        trajectory_version=versie,
        stagebegeleider_id=intake.stagebegeleider_id,
        stage_ondersteuning=intake.stage_ondersteuning,
        aangemaakt=moment,
        **wat.leerling,
    )
    session.add(leerling)
    session.flush()
    plaatsing_id = None
    if wat.plaatsing is not None:
        velden = dict(wat.plaatsing)
        if velden["soort"] != "groepsstage":  # the school's own groepsstage has no company
            velden |= bedrijf_voor_plaatsing(
                session,
                stagebedrijf_id=None,
                naam=velden["bedrijf"],
                praktijkbegeleider_id=None,
                actor=actor,
                moment=moment,
            ).velden()
        plaatsing = t.Plaatsing(leerling_id=leerling.id, **velden)
        session.add(plaatsing)
        session.flush()
        plaatsing_id = plaatsing.id
        if plaatsing.soort == "groepsstage":  # the leerling is there already: over capacity too
            capaciteit = beleid_voor(versie).groepsstage_plaatsen_per_dagdeel
            repo.claim_groepsstage(session, plaatsing, capaciteit, boven_capaciteit=True)
    records = [
        r._replace(plaatsing_id=plaatsing_id) if r.plaatsing_id == NIEUWE_PLAATSING else r
        for r in wat.records
    ]
    repo.add_records(session, leerling.id, records, actor, moment)
    repo.bezoek_vanaf_bijwerken(session, [plaatsing_id])
    repo.append_audit(
        session,
        tijd=moment,
        actor=actor,
        soort=INTAKE,
        leerling_id=leerling.id,
        naar=intake.state,
        payload={
            "naam": intake.naam,
            "geboortedatum": intake.geboortedatum.isoformat(),
            "leerjaar": intake.leerjaar,
            "klas": intake.klas,
            "verklaring": verklaring(op),
            "gegevens": intake.model_dump(
                mode="json", exclude={"naam", "geboortedatum", "klas"}, exclude_none=True
            ),
        },
    )
    # reminders from the intake on: what fell due before it the administration handled, and a
    # repeating one continues after the intake
    herinneringen.replan(session, leerling, moment)
    if rijen.overbodig_voor(session, leerling.id, op, moment):
        herinneringen.replan(session, leerling, moment)
    return leerling.id
