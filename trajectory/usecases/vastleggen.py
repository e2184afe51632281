"""Recording facts about leerlingen: new leerlingen, placements and records, each audited.

Records do not change the state; triggers do (engine.advance). Like advance, every
function here is one unit of work: checked, written and audited, or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import (
    Actor,
    may_assign_begeleider,
    may_create_leerling,
    may_record,
)
from trajectory.domain.beleid import versie_op
from trajectory.domain.clock import Clock, today
from trajectory.domain.overeenkomst_handtekeningen import maakt_handtekeningen
from trajectory.domain.records import (
    RECORD_KINDS,
    PlaatsingIn,
    RecordIn,
    Uren,
    plaatsing_for,
    record_data,
    rol_keuze,
)
from trajectory.domain.snapshot import LEERJAREN as LEERJAREN  # read from here by the import
from trajectory.domain.snapshot import Record, Snapshot
from trajectory.domain.stagezoeken import kandidaat_fout
from trajectory.domain.uren import uren_fout
from trajectory.guards import Verdict, arbeidstijden, judge_all
from trajectory.guards.vastlegging import PAST_BIJ_FASE, vastlegging_past
from trajectory.machines import INITIAL
from trajectory.notifications.rules import meldingen_bij_vastlegging
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.store.bedrijven import get_bedrijf
from trajectory.usecases import herinneringen
from trajectory.usecases.bedrijfkeuze import bedrijf_voor_plaatsing
from trajectory.usecases.fouten import FieldError, NietGevonden, NotPermitted
from trajectory.usecases.geweigerd import Geweigerd, weiger
from trajectory.usecases.laden import snapshot_van, zichtbare_leerling
from trajectory.usecases.motivatie import override_motivatie
from trajectory.usecases.ontvangers import meld

ALLEEN_TL = "Alleen de teamleider kan een rooster toch vastleggen."

ANDERMANS_LEERLING = (
    "Alleen de teamleider kan een leerling aan een andere stagebegeleider toewijzen; "
    "laat stagebegeleider_id weg, dan wordt de leerling de uwe."
)


@dataclass(frozen=True)
class NieuweLeerling:
    naam: str
    geboortedatum: date
    leerjaar: str
    klas: str | None = None
    stagebegeleider_id: int | None = None
    stage_ondersteuning: bool = False


def create_leerling(
    sessions: sessionmaker[Session], nieuw: NieuweLeerling, *, actor: Actor, clock: Clock
) -> int:
    (leerling_id,) = create_leerlingen(sessions, [nieuw], actor=actor, clock=clock)
    return leerling_id


def create_leerlingen(
    sessions: sessionmaker[Session],
    nieuwe: Sequence[NieuweLeerling],
    *,
    actor: Actor,
    clock: Clock,
    voortgang: Callable[[int], None] | None = None,
) -> list[int]:
    """New leerlingen in one transaction, each with its `aanmelding` audit event: all of them
    or none (the CSV import). `voortgang(n)` hears after each how many are done."""
    if not may_create_leerling(actor):
        raise NotPermitted("Met uw rol kunt u geen leerlingen toevoegen.")
    moment = clock.now()
    versie = versie_op(today(clock))
    ids = []
    with sessions.begin() as session:
        for nieuw in nieuwe:
            begeleider = nieuw.stagebegeleider_id
            if not may_assign_begeleider(actor, begeleider):
                raise NotPermitted(ANDERMANS_LEERLING)
            if begeleider is None and actor.rol != "teamleider":
                begeleider = actor.id
            check_begeleider(session, begeleider)
            ids.append(
                _insert_leerling(
                    session, replace(nieuw, stagebegeleider_id=begeleider), actor, moment, versie
                )
            )
            if voortgang is not None:
                voortgang(len(ids))
    return ids


def check_begeleider(session: Session, begeleider: int | None) -> None:
    if begeleider is None:
        return
    gebruiker = session.get(t.Gebruiker, begeleider)
    if (
        gebruiker is None
        or not gebruiker.actief
        or gebruiker.rol not in ("stagebegeleider", "stage_ondersteuningsbegeleider")
    ):
        raise FieldError("stagebegeleider_id", "is geen (actieve) stagebegeleider")


def _insert_leerling(
    session: Session, nieuw: NieuweLeerling, actor: Actor, moment: datetime, versie: str
) -> int:
    """`versie`: the trajectory version of the current school year (the rules a new leerling
    starts under, and keeps until `trajectory migrate`)."""
    leerling = t.Leerling(
        naam=nieuw.naam,
        geboortedatum=nieuw.geboortedatum,
        leerjaar=nieuw.leerjaar,
        klas=nieuw.klas,
        state=INITIAL,
        fase_sinds=moment,
        version=1,
        trajectory_version=versie,
        stagebegeleider_id=nieuw.stagebegeleider_id,
        stage_ondersteuning=nieuw.stage_ondersteuning,
        aangemaakt=moment,
    )
    session.add(leerling)
    session.flush()
    repo.append_audit(
        session,
        tijd=moment,
        actor=actor,
        soort="aanmelding",
        leerling_id=leerling.id,
        naar=leerling.state,
        payload={
            "naam": nieuw.naam,
            "geboortedatum": nieuw.geboortedatum.isoformat(),
            "leerjaar": nieuw.leerjaar,
            "klas": nieuw.klas,
        },
    )
    herinneringen.replan(session, leerling, moment)
    return leerling.id


ROOSTER_GUARDS = ("rooster_legaal", "werkzaamheden_toegestaan")
ROOSTER_KAN_NIET = "Dit rooster kan niet:"
PAST_NIET = "Dit kan nu niet worden vastgelegd:"


def add_record(
    sessions: sessionmaker[Session],
    leerling_id: int,
    kind: str,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
) -> int | Geweigerd:
    """Validate and store one record (its id); pydantic's ValidationError names a bad field.

    Refused (a value, audited as a refusal) when the record does not fit the leerling's state
    (`machines.vastleggingen`), and when a new rooster for a running placement breaks the
    labour law, judged as `stage_starten` judges one; a teamleider may override the rooster,
    with a motivatie, never the fit.
    """
    model_cls = RECORD_KINDS.get(kind)
    if model_cls is None:
        raise NietGevonden("Onbekende soort vastlegging.", detail=kind)
    model = model_cls.model_validate(dict(data))
    if not may_record(actor, kind, rol_keuze(kind, model)):
        raise NotPermitted("Met uw rol kunt u dit niet vastleggen.")
    motivatie = override_motivatie(getattr(model, "motivatie", None), actor, alleen=ALLEEN_TL)
    moment, op = clock.now(), today(clock)
    with sessions.begin() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor, lock=True)
        snapshot = snapshot_van(session, leerling)
        if not (past := vastlegging_past(kind, snapshot)).ok:
            gevraagd = {"kind": kind, "gegevens": model.model_dump(mode="json")}
            return _weiger(session, leerling, kind, (past,), actor, moment, gevraagd)
        record = checked_record(kind, model, snapshot, op)
        if kind == "kandidaat" and get_bedrijf(session, record.data["stagebedrijf_id"]) is None:
            raise FieldError("stagebedrijf_id", "Dit stagebedrijf staat niet in het register.")
        if kind == "contact" and record.data.get("opvolgen_op"):
            record = _met_eigenaar(record, actor)
        verdicts = judge_rooster(snapshot, record, op) if kind == "rooster" else ()
        if any(not v.ok for v in verdicts) and motivatie is None:
            gevraagd = _gegevens(record, motivatie)
            return _weiger(session, leerling, kind, verdicts, actor, moment, gevraagd)
        record_id = _vastleggen(
            session, leerling.id, record, actor, moment, verdicts=verdicts, motivatie=motivatie
        )
        na = snapshot.with_records(record._replace(id=record_id))
        herinneringen.replan(  # a visit moves the next
            session,
            leerling,
            moment,
            snapshot=na,
            handtekeningen_actueel=not maakt_handtekeningen([record]),
        )
        if paren := meldingen_bij_vastlegging([record]):
            context = {
                "naam": leerling.naam,
                "klas": leerling.klas or "?",
                "datum": f"{op:%d-%m-%Y}",
            }
            meld(
                session, leerling, paren, context, moment=moment, verschuldigd=f"record:{record_id}"
            )
        return record_id


def add_uren(
    sessions: sessionmaker[Session],
    leerling_id: int,
    dagen: Sequence[Mapping[str, Any]],
    *,
    actor: Actor,
    clock: Clock,
) -> list[int] | Geweigerd:
    """The days of a signed stagemap at once: each checked as `add_record` checks one uren
    line (and audited the same way), in one transaction, so all of them are stored or none."""
    modellen = [Uren.model_validate(dict(dag)) for dag in dagen]
    if not may_record(actor, "uren"):
        raise NotPermitted("Met uw rol kunt u dit niet vastleggen.")
    moment, op = clock.now(), today(clock)
    ids = []
    with sessions.begin() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor, lock=True)
        snapshot = snapshot_van(session, leerling)
        if not (past := vastlegging_past("uren", snapshot)).ok:
            gevraagd = {"kind": "uren", "dagen": [m.model_dump(mode="json") for m in modellen]}
            return _weiger(session, leerling, "uren", (past,), actor, moment, gevraagd)
        for model in modellen:
            record = checked_record("uren", model, snapshot, op)
            record_id = _vastleggen(session, leerling.id, record, actor, moment)
            snapshot = snapshot.with_records(record._replace(id=record_id))
            ids.append(record_id)
    return ids


def _weiger(
    session: Session,
    leerling: t.Leerling,
    kind: str,
    verdicts: tuple[Verdict, ...],
    actor: Actor,
    moment: datetime,
    gevraagd: dict[str, Any],
) -> Geweigerd:
    """The refused record, audited with what was asked; the state's misfit or the rooster's
    failing guards say why."""
    past = all(v.guard != PAST_BIJ_FASE for v in verdicts)
    return weiger(
        session,
        leerling,
        trigger=kind,
        verdicts=verdicts,
        actor=actor,
        moment=moment,
        inleiding=ROOSTER_KAN_NIET if past else PAST_NIET,
        payload=gevraagd,
    )


def checked_record(kind: str, model: RecordIn, snapshot: Snapshot, op: date) -> Record:
    """The record as it will be stored, after the checks that need the leerling's records;
    a correction (`corrigeren`) checks its new version the same way."""
    datum = model.datum or op
    if datum > op:
        raise FieldError("datum", "ligt in de toekomst")
    record = Record(
        kind=kind, datum=datum, data=record_data(model), plaatsing_id=plaatsing_for(model, snapshot)
    )
    if kind == "uren" and (fout := uren_fout(snapshot.with_records(record), record)):
        raise FieldError(*fout)
    if kind == "kandidaat" and (fout := kandidaat_fout(snapshot, record.data)):
        raise FieldError(*fout)
    return record


def _met_eigenaar(record: Record, actor: Actor) -> Record:
    """A contact's follow-up belongs to whoever recorded it: the reminder is theirs."""
    if date.fromisoformat(record.data["opvolgen_op"]) < record.datum:
        raise FieldError("opvolgen_op", "ligt voor de datum van het contact")
    return record._replace(data={**record.data, "eigenaar_id": actor.id})


def _gegevens(record: Record, motivatie: str | None) -> dict[str, Any]:
    gegevens = {
        "kind": record.kind,
        "datum": record.datum.isoformat(),
        "gegevens": dict(record.data),
    }
    return {**gegevens, "motivatie": motivatie} if motivatie else gegevens


def _vastleggen(
    session: Session,
    leerling_id: int,
    record: Record,
    actor: Actor,
    moment: datetime,
    *,
    verdicts: tuple[Verdict, ...] = (),
    motivatie: str | None = None,
) -> int:
    """Store the record and its audit event (with an override when guards failed); its id."""
    record_id = _store(session, leerling_id, record, actor, moment)
    repo.append_audit(
        session,
        tijd=moment,
        actor=actor,
        soort="vastlegging",
        leerling_id=leerling_id,
        trigger=record.kind,
        guards=[v.as_dict() for v in verdicts],
        override=any(not v.ok for v in verdicts),
        payload={"record_id": record_id, **_gegevens(record, motivatie)},
    )
    return record_id


def judge_rooster(snapshot: Snapshot, record: Record, op: date) -> tuple[Verdict, ...]:
    """A rooster of a running placement judged as `stage_starten` judges one (the labour law
    for the leerling's age); also for a correction of one (`corrigeren`)."""
    plaatsing = next((p for p in snapshot.plaatsingen if p.id == record.plaatsing_id), None)
    if plaatsing is None or plaatsing.status != "lopend":
        return ()  # a planned placement's rooster is judged when it starts
    return judge_all(ROOSTER_GUARDS, snapshot.with_records(record), op)


def _store(
    session: Session, leerling_id: int, record: Record, actor: Actor, moment: datetime
) -> int:
    try:
        (record_id,) = repo.add_records(session, leerling_id, [record], actor, moment)
    except IntegrityError as exc:
        if record.kind != "uren":
            raise
        # uq_uren_per_dag: two people entered the same day at the same moment
        raise FieldError(
            "datum", f"voor {record.datum:%d-%m-%Y} zijn al uren geregistreerd"
        ) from exc
    return record_id


def add_plaatsing(
    sessions: sessionmaker[Session],
    leerling_id: int,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
) -> int:
    plaatsing = PlaatsingIn.model_validate(dict(data))
    if not may_record(actor, "plaatsing"):
        raise NotPermitted("Met uw rol kunt u geen stageplaats vastleggen.")
    moment = clock.now()
    with sessions.begin() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor, lock=True)
        keuze = bedrijf_voor_plaatsing(
            session,
            stagebedrijf_id=plaatsing.stagebedrijf_id,
            naam=plaatsing.bedrijf,
            praktijkbegeleider_id=plaatsing.praktijkbegeleider_id,
            actor=actor,
            moment=moment,
        )
        velden = plaatsing.model_dump(exclude={"rooster"}) | keuze.velden()
        row = t.Plaatsing(leerling_id=leerling.id, soort="gepland", status="gepland", **velden)
        session.add(row)
        session.flush()
        repo.bezoek_vanaf_bijwerken(session, [row.id])
        if plaatsing.rooster:
            rooster = Record(
                kind="rooster",
                datum=today(clock),
                plaatsing_id=row.id,
                data={"dagen": plaatsing.model_dump(mode="json")["rooster"]},
            )
            repo.add_records(session, leerling.id, [rooster], actor, moment)
        repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort="plaatsing",
            leerling_id=leerling.id,
            trigger="plaatsing_vastleggen",
            payload={
                "plaatsing_id": row.id,
                **plaatsing.model_dump(mode="json"),
                **keuze.velden(),
            },
        )
        return row.id


def rooster_bezwaar(
    sessions: sessionmaker[Session], leerling_id: int, *, actor: Actor, clock: Clock
) -> str | None:
    """The labour-law objection to the weekrooster of the placement about to start (or the
    running one), judged now as `stage_starten` will judge it, so whoever enters a placement
    hears it at once; None when the rooster is legal or there is none yet."""
    with sessions() as session:
        snapshot = snapshot_van(session, zichtbare_leerling(session, leerling_id, actor))
    plaatsing = arbeidstijden.te_beoordelen(snapshot)
    if plaatsing is None or arbeidstijden.geldend_rooster(snapshot, plaatsing) is None:
        return None
    return arbeidstijden.rooster_legaal(snapshot, today(clock))
