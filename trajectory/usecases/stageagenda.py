"""The weekly stage-agenda and the company's beoordeling (issue #18): each part stored as a
record, audited with who did it (a link's party, or a school account), in one unit of work.

The praktijkbegeleider and the leerling act through their personal link: the link is their
permission (it names one placement and one purpose), so these use cases take the placement
from the link and never a leerling id. The stagebegeleider signs a week off and co-signs the
company's beoordeling as any record is made: only for a leerling they may see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor, may_record
from trajectory.domain.actor import LINKROLLEN
from trajectory.domain.clock import Clock, today
from trajectory.domain.links import link_label, partij_van
from trajectory.domain.records import Beoordeling, record_data
from trajectory.domain.snapshot import GELOPEN, Record, Snapshot
from trajectory.domain.stageagenda import KIND_VAN_DEEL, Week, maandag, weken
from trajectory.domain.stageagenda_invoer import AgendaReflectie, AgendaWeek
from trajectory.domain.uren import Urenregel, urenregels
from trajectory.store import repository as repo
from trajectory.store import stageagenda as rijen
from trajectory.store import tables as t
from trajectory.usecases import herinneringen
from trajectory.usecases.fouten import FieldError, NietGevonden, NotPermitted
from trajectory.usecases.geweigerd import Geweigerd
from trajectory.usecases.laden import snapshot_van, zichtbare_leerling
from trajectory.usecases.vastleggen import add_record

BEDRIJFSBEOORDELINGEN = ("tussentijds", "stagebeoordeling")
GEEN_LOPENDE_STAGE = "Deze stage loopt niet (meer)."  # not started, or corrected away


def door(actor: Actor) -> str:
    """How a part's author is named on the agenda and in the audit trail: "praktijkbegeleider
    Jan de Vries (link)" for a link (issue #18), the account's name otherwise."""
    if actor.rol in LINKROLLEN:
        return link_label(partij_van(actor), actor.naam)
    return actor.naam


def vul_week_in(
    sessions: sessionmaker[Session],
    plaatsing_id: int,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
    link_id: int | None = None,
) -> int:
    """The praktijkbegeleider's week: how it went and the hours per day (approving them)."""
    model = AgendaWeek.model_validate(dict(data))
    return _deel(sessions, plaatsing_id, "praktijkbegeleider", model, actor, clock, link_id)


def reflecteer(
    sessions: sessionmaker[Session],
    plaatsing_id: int,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
    link_id: int | None = None,
) -> int:
    """The leerling's reflection on a week."""
    model = AgendaReflectie.model_validate(dict(data))
    return _deel(sessions, plaatsing_id, "leerling", model, actor, clock, link_id)


def teken_af(
    sessions: sessionmaker[Session],
    leerling_id: int,
    plaatsing_id: int,
    week: date,
    *,
    actor: Actor,
    clock: Clock,
) -> int | Geweigerd:
    """The stagebegeleider's aftekenen in class: the `stage_agenda` record it has always been
    (so the `stagemap` timer moves on), for the week named."""
    return add_record(
        sessions,
        leerling_id,
        KIND_VAN_DEEL["stagebegeleider"],
        {"plaatsing_id": plaatsing_id, "week_van": maandag(week).isoformat()},
        actor=actor,
        clock=clock,
    )


def _deel(
    sessions: sessionmaker[Session],
    plaatsing_id: int,
    deel: str,
    model: AgendaWeek | AgendaReflectie,
    actor: Actor,
    clock: Clock,
    link_id: int | None,
) -> int:
    week = maandag(model.week)
    moment, op = clock.now(), today(clock)
    with sessions.begin() as session:
        leerling, snapshot = _gelopen(session, plaatsing_id)
        plaatsing = next(p for p in snapshot.plaatsingen if p.id == plaatsing_id)
        einde = op if plaatsing.status == "lopend" else min(op, plaatsing.einddatum or op)
        if not maandag(plaatsing.startdatum) <= week <= maandag(einde):
            raise FieldError("week", "valt niet in de stage tot nu toe")
        data = {**model.model_dump(mode="json"), "week": week.isoformat(), "door": door(actor)}
        record = Record(KIND_VAN_DEEL[deel], week, data, plaatsing_id)
        return _nieuwe_versie(session, leerling, snapshot, record, actor, moment, link_id)


def beoordeel(
    sessions: sessionmaker[Session],
    plaatsing_id: int,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
    link_id: int | None = None,
) -> int:
    """The company's tussentijdse beoordeling (per periode) or eind-stagebeoordeling, through
    the praktijkbegeleider's link: the `beoordeling` record the guards read, naming the link."""
    model = Beoordeling.model_validate({**data, "plaatsing_id": plaatsing_id})
    if model.soort not in BEDRIJFSBEOORDELINGEN:
        raise FieldError("soort", "kies tussentijds of stagebeoordeling")
    moment, op = clock.now(), today(clock)
    with sessions.begin() as session:
        leerling, snapshot = _gelopen(session, plaatsing_id)
        gegevens = {**record_data(model), "door": door(actor), "link_id": link_id}
        record = Record("beoordeling", model.datum or op, gegevens, plaatsing_id)
        if record.datum > op:
            raise FieldError("datum", "ligt in de toekomst")
        return _nieuwe_versie(session, leerling, snapshot, record, actor, moment, link_id)


def onderteken_mee(
    sessions: sessionmaker[Session],
    leerling_id: int,
    record_id: int,
    *,
    actor: Actor,
    clock: Clock,
) -> int:
    """The stagebegeleider co-signs the company's beoordeling after discussing it: a new
    version of the record naming them, superseding the one they read."""
    if not may_record(actor, "beoordeling", "stagebeoordeling"):
        raise NotPermitted("Met uw rol kunt u een beoordeling niet medeondertekenen.")
    moment = clock.now()
    with sessions.begin() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor, lock=True)
        snapshot = snapshot_van(session, leerling, bezetting=False)
        oud = next((r for r in snapshot.records_van("beoordeling") if r.id == record_id), None)
        if oud is None or not oud.data.get("door", "").endswith("(link)"):
            raise NietGevonden("Deze beoordeling van het bedrijf bestaat niet (meer).")
        data = {
            **oud.data,
            "medeondertekend_door": actor.naam,
            "medeondertekend_op": str(today(clock)),
        }
        return _nieuwe_versie(
            session,
            leerling,
            snapshot,
            oud._replace(id=None, data=data),
            actor,
            moment,
            None,
            vervangt=record_id,
        )


def _gelopen(session: Session, plaatsing_id: int) -> tuple[t.Leerling, Snapshot]:
    """The leerling of a placement that runs or ran, locked for writing, and its snapshot: a
    link lives a while after the placement's end (domain/links.UITLOOP) for the last week and
    the eind-beoordeling."""
    plaatsing = rijen.plaatsing(session, plaatsing_id)
    leerling = repo.get_leerling(session, plaatsing.leerling_id, lock=True) if plaatsing else None
    if plaatsing is None or leerling is None or plaatsing.status not in GELOPEN:
        raise NietGevonden(GEEN_LOPENDE_STAGE)
    return leerling, snapshot_van(session, leerling, bezetting=False)


def _nieuwe_versie(
    session: Session,
    leerling: t.Leerling,
    snapshot: Snapshot,
    record: Record,
    actor: Actor,
    moment: datetime,
    link_id: int | None,
    *,
    vervangt: int | None = None,
) -> int:
    """Store the record as the current version of its part (the one it supersedes is marked
    `vervallen`), audited with its author; the reminders re-planned."""
    if vervangt is None and record.kind in (
        KIND_VAN_DEEL["praktijkbegeleider"],
        KIND_VAN_DEEL["leerling"],
    ):
        vervangt = rijen.huidig_deel(session, record.plaatsing_id or 0, record.kind, record.datum)
    if vervangt is not None and not repo.laat_vervallen(
        session, t.Vastlegging, [vervangt], moment=moment, door_id=actor.id, reden="nieuwe versie"
    ):
        raise FieldError("week", "iemand anders heeft dit net ook ingevuld; probeer het opnieuw")
    try:
        with session.begin_nested():
            (record_id,) = repo.add_records(
                session,
                leerling.id,
                [record],
                actor,
                moment,
                vervangt={0: vervangt} if vervangt else None,
            )
    except IntegrityError as exc:  # uq_agendadeel_per_week: submitted twice at one moment
        raise FieldError("week", "deze week is net ook ingevuld; probeer het opnieuw") from exc
    repo.append_audit(
        session,
        tijd=moment,
        actor=actor,
        soort="vastlegging",
        leerling_id=leerling.id,
        trigger=record.kind,
        payload={
            "record_id": record_id,
            "kind": record.kind,
            "datum": record.datum.isoformat(),
            "gegevens": dict(record.data),
            "vervangt": vervangt,
            "link_id": link_id,
            "door": door(actor),
        },
    )
    na = snapshot.with_records(record._replace(id=record_id))
    if vervangt is not None:
        na = replace(na, records=tuple(r for r in na.records if r.id != vervangt))
    herinneringen.replan(session, leerling, moment, snapshot=na)
    return record_id


@dataclass(frozen=True)
class Versie:
    deel: str
    week: date
    door: str
    aangemaakt: datetime
    vervallen: bool
    data: dict[str, Any]


@dataclass(frozen=True)
class Agenda:
    plaatsing_id: int
    bedrijf: str
    weken: list[Week]
    versies: list[Versie]
    uren: list[Urenregel]
    beoordelingen: list[Record]

    @property
    def goedgekeurd(self) -> float:
        return sum(r.uren for r in self.uren if r.goedgekeurd)

    @property
    def niet_goedgekeurd(self) -> float:
        return sum(r.uren for r in self.uren if not r.goedgekeurd)

    def versies_van(self, week: date) -> list[Versie]:
        return [v for v in self.versies if v.week == week]


def agenda(session: Session, leerling: t.Leerling, plaatsing_id: int, op: date) -> Agenda:
    """The agenda of one of the leerling's placements as its page shows it (every version, the
    hours approved and waiting, the company's beoordelingen); the caller checked who may see it."""
    snapshot = snapshot_van(session, leerling, bezetting=False)
    plaatsing = next((p for p in snapshot.plaatsingen if p.id == plaatsing_id), None)
    if plaatsing is None:
        raise NietGevonden(GEEN_LOPENDE_STAGE)
    deel_van = {kind: deel for deel, kind in KIND_VAN_DEEL.items()}
    versies = [
        Versie(
            deel=deel_van[r.kind],
            week=maandag(
                date.fromisoformat(r.data.get("week") or r.data.get("week_van") or str(r.datum))
            ),
            door=str(r.data.get("door") or "school"),
            aangemaakt=r.aangemaakt,
            vervallen=r.vervallen is not None,
            data=dict(r.data),
        )
        for r in rijen.alle_versies(session, plaatsing_id)
    ]
    return Agenda(
        plaatsing_id=plaatsing_id,
        bedrijf=plaatsing.bedrijf,
        weken=weken(snapshot, plaatsing, op),
        versies=versies,
        uren=urenregels(snapshot, [plaatsing_id]),
        beoordelingen=[
            r
            for r in snapshot.records_van("beoordeling", plaatsing_id=plaatsing_id)
            if r.data.get("soort") in BEDRIJFSBEOORDELINGEN
        ],
    )


def agenda_van_link(sessions: sessionmaker[Session], plaatsing_id: int, clock: Clock) -> Agenda:
    """The agenda as the link's holder sees it (the link names the placement)."""
    with sessions() as session:
        plaatsing = rijen.plaatsing(session, plaatsing_id)
        leerling = repo.get_leerling(session, plaatsing.leerling_id) if plaatsing else None
        if plaatsing is None or leerling is None:
            raise NietGevonden(GEEN_LOPENDE_STAGE)
        return agenda(session, leerling, plaatsing_id, today(clock))


def agenda_voor_staf(
    sessions: sessionmaker[Session],
    leerling_id: int,
    plaatsing_id: int,
    *,
    actor: Actor,
    clock: Clock,
) -> tuple[str, Agenda]:
    """The leerling's name and the agenda of their placement, for staff who may see them."""
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        return leerling.naam, agenda(session, leerling, plaatsing_id, today(clock))
