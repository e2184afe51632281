"""advance(): the single path of every state change (web, API, CLI, scheduler).

Load, check, change, commit: the leerling is loaded as a snapshot, the trigger's
payload joins it as records, every guard is judged, and only when all pass (or a
teamleider overrides with a motivation) the machine moves, the effects apply and
the audit event is appended, in one database transaction. A refusal changes
nothing but is itself audited; a stale version changes nothing and is not.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor, may_advance, may_record
from trajectory.domain.clock import Clock, today
from trajectory.domain.effects import effects_of
from trajectory.domain.overeenkomst_handtekeningen import maakt_handtekeningen
from trajectory.domain.records import (
    PAYLOAD_REQUIRED,
    TRIGGER_PAYLOADS,
    plaatsing_for,
    record_data,
)
from trajectory.domain.snapshot import Record, Snapshot
from trajectory.domain.wijzigingen import Wijzigingen
from trajectory.guards import ROUTES, Verdict, judge_all
from trajectory.guards.groepsstage import PLAATS_VRIJ
from trajectory.machines import STATE_LABELS, TRIGGER_LABELS, TRIGGERS, Overgang
from trajectory.machines.machine import kies
from trajectory.machines.versies import definitie
from trajectory.notifications.rules import meldingen_bij, mentor_context
from trajectory.store import repository as repo
from trajectory.usecases import herinneringen, wachtlijst
from trajectory.usecases.bedrijfsplaats import plaats_claimen
from trajectory.usecases.fouten import (
    FieldError,
    GroepsstageVol,
    LeerlingNotFound,
    NotPermitted,
    PayloadError,
    UnknownTrigger,
    VersionConflict,
)
from trajectory.usecases.geweigerd import Geweigerd, weiger
from trajectory.usecases.laden import snapshot_van, zichtbare_leerling
from trajectory.usecases.motivatie import override_motivatie
from trajectory.usecases.ontvangers import meld

__all__ = [
    "Geweigerd",
    "LeerlingNotFound",
    "NotPermitted",
    "Overgegaan",
    "PayloadError",
    "UnknownTrigger",
    "VersionConflict",
    "advance",
    "options",
]


@dataclass(frozen=True)
class Overgegaan:
    van: str
    state: str
    version: int
    event_id: int
    verdicts: tuple[Verdict, ...]
    override: bool


class Optie(NamedTuple):
    """A trigger as a button: where it leads and, if blocked, why."""

    trigger: str
    label: str
    dest: str
    verdicts: tuple[Verdict, ...]

    @property
    def allowed(self) -> bool:
        return all(v.ok for v in self.verdicts)

    @property
    def failing(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if not v.ok)


def choose(snapshot: Snapshot, trigger: str, op: date) -> Overgang | None:
    """The edge this trigger takes from the current state, chosen by the machine (the first
    whose route holds); when no route holds, the first edge, so its guards can say why."""
    genomen = kies(
        snapshot.state,
        trigger,
        lambda route: ROUTES[route](snapshot, op),
        snapshot.trajectory_version,
    )
    if genomen is not None:
        return genomen
    van = definitie(snapshot.trajectory_version).triggers_from(snapshot.state)
    return next((edges[0] for t, edges in van if t == trigger), None)


def options(snapshot: Snapshot, op: date) -> list[Optie]:
    """Every trigger from the current state with its guards judged (payload not yet given)."""
    result = []
    for trigger, label, enige in _knoppen(snapshot.trajectory_version, snapshot.state):
        overgang = enige or choose(snapshot, trigger, op)
        assert overgang is not None
        verdicts = judge_all(overgang.guards, snapshot, op)
        # tuple.__new__: the named tuple's own __new__ is a Python call (every page and step)
        result.append(tuple.__new__(Optie, (trigger, label, overgang.dest, verdicts)))
    return result


@cache
def _knoppen(versie: str, state: str) -> tuple[tuple[str, str, Overgang | None], ...]:
    """The buttons of a state, once per machine version: each trigger with its label and,
    when it has one edge without a route, that edge. Such an edge leaves the library nothing
    to choose (it would take it): the button shows it as is; taking the step (`advance`)
    still fires the library."""
    return tuple(
        (
            trigger,
            TRIGGER_LABELS[trigger],
            edges[0] if len(edges) == 1 and not edges[0].route else None,
        )
        for trigger, edges in definitie(versie).triggers_from(state)
    )


def payload_records(
    trigger: str, payload: Mapping[str, Any] | None, snapshot: Snapshot, op: date
) -> tuple[Record, ...]:
    """The trigger's payload as records (validated; pydantic errors name the field)."""
    spec = TRIGGER_PAYLOADS.get(trigger)
    if spec is None:
        if payload:
            raise PayloadError(f"'{trigger}' neemt geen gegevens mee.")
        return ()
    if not payload:
        if trigger in PAYLOAD_REQUIRED:
            raise PayloadError(f"'{TRIGGER_LABELS[trigger]}' vraagt om gegevens (payload).")
        return ()
    kind, model, vast = spec
    parsed = model.model_validate(dict(payload))
    if parsed.datum is not None and parsed.datum > op:
        raise FieldError("datum", "ligt in de toekomst")
    return (
        Record(
            kind=kind,
            datum=parsed.datum or op,
            data={**record_data(parsed), **vast},
            plaatsing_id=plaatsing_for(parsed, snapshot),
        ),
    )


def advance(
    sessions: sessionmaker[Session],
    leerling_id: int,
    trigger: str,
    *,
    actor: Actor,
    version: int,
    clock: Clock,
    payload: Mapping[str, Any] | None = None,
    motivatie: str | None = None,
) -> Overgegaan | Geweigerd:
    motivatie = _check_request(trigger, actor, payload, motivatie)
    moment, op = clock.now(), today(clock)
    with sessions.begin() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        if leerling.version != version:
            raise VersionConflict(leerling.version)
        snapshot = snapshot_van(session, leerling)
        nieuw = payload_records(trigger, payload, snapshot, op)
        snapshot = snapshot.with_records(*nieuw)
        overgang, verdicts = judge(snapshot, trigger, op)
        failing = [v for v in verdicts if not v.ok]
        gevraagd = {
            k: v for k, v in (("gegevens", dict(payload or {})), ("motivatie", motivatie)) if v
        }
        if overgang is not None and not (failing and motivatie is None):
            # a place at the company, judged again under its lock (race-free; usecases/
            # bedrijfsplaats.py): a place just taken refuses here like the guard would have
            geclaimd = plaats_claimen(session, snapshot, overgang.guards, op)
            if geclaimd is not None:
                verdicts = tuple(geclaimd if v.guard == geclaimd.guard else v for v in verdicts)
                failing = [v for v in verdicts if not v.ok]
        if overgang is None or (failing and motivatie is None):
            naar = overgang.dest if overgang else None
            return weiger(
                session,
                leerling,
                trigger=trigger,
                verdicts=verdicts,
                actor=actor,
                moment=moment,
                van=snapshot.state,
                naar=naar,
                payload=gevraagd,
            )

        naar = overgang.dest
        capaciteit = snapshot.beleid.groepsstage_plaatsen_per_dagdeel
        wijzigingen = effects_of(trigger, snapshot, naar, op)
        try:
            with _plaatsen_claimen(session, wijzigingen):
                nieuwe_versie = repo.move_state(session, leerling, naar, version, moment)
                vrijgekomen = repo.apply(
                    session, leerling, wijzigingen, capaciteit=capaciteit, override=bool(failing)
                )
        except GroepsstageVol as vol:  # the race for the last place, lost at the claim
            session.expire(leerling)
            return weiger(
                session,
                leerling,
                trigger=trigger,
                verdicts=_plaats_genomen(verdicts, vol),
                actor=actor,
                moment=moment,
                van=snapshot.state,
                naar=naar,
                payload=gevraagd,
            )
        repo.add_records(session, leerling.id, nieuw, actor, moment)
        wachtlijst.bied_aan(session, vrijgekomen, capaciteit=capaciteit, moment=moment, op=op)
        event = repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort="overgang",
            leerling_id=leerling.id,
            trigger=trigger,
            van=snapshot.state,
            naar=naar,
            guards=[v.as_dict() for v in verdicts],
            override=bool(failing),
            payload=gevraagd,
        )
        _tell(
            session, leerling, snapshot, trigger, naar, op, moment, event.id, actor, bool(failing)
        )
        geraakt = wijzigingen.plaatsingen or wijzigingen.nieuwe_plaatsingen
        na = snapshot_van(
            session,
            leerling,
            records=snapshot.records,
            plaatsingen=None if geraakt else snapshot.plaatsingen,
            bezetting=False,
            handtekeningen=None if maakt_handtekeningen(nieuw) else snapshot.handtekeningen,
        )
        herinneringen.replan(session, leerling, moment, snapshot=na, handtekeningen_actueel=True)
        return Overgegaan(snapshot.state, naar, nieuwe_versie, event.id, verdicts, bool(failing))


def _plaatsen_claimen(session: Session, wijzigingen: Wijzigingen) -> AbstractContextManager[object]:
    """A step that takes groepsstage places runs its change in a savepoint: when someone else
    took the last place at the same moment, the change is undone and the refusal audited in
    the step's own transaction (a lost race is a refusal like any other, not an error)."""
    claimt = any(p.get("soort") == "groepsstage" for p in wijzigingen.nieuwe_plaatsingen)
    return session.begin_nested() if claimt else nullcontext()


def _plaats_genomen(verdicts: tuple[Verdict, ...], vol: GroepsstageVol) -> tuple[Verdict, ...]:
    """The verdicts as judged, with the free-place guard failing for the place just taken."""
    genomen = Verdict(PLAATS_VRIJ, False, vol.bericht)
    anders = tuple(v for v in verdicts if v.guard != PLAATS_VRIJ)
    return (*anders, genomen)


def _check_request(
    trigger: str, actor: Actor, payload: Mapping[str, Any] | None, motivatie: str | None
) -> str | None:
    """What can be refused before looking at the leerling; returns the cleaned motivatie."""
    if trigger not in TRIGGERS:
        raise UnknownTrigger(trigger)
    if not may_advance(actor):
        raise NotPermitted("Met uw rol kunt u een leerling niet verder zetten.")
    motivatie = override_motivatie(
        motivatie, actor, alleen="Alleen de teamleider kan een stap toch doorzetten."
    )
    spec = TRIGGER_PAYLOADS.get(trigger)
    if payload and spec and not may_record(actor, spec[0]):
        raise NotPermitted("Met uw rol kunt u de gegevens van deze stap niet vastleggen.")
    return motivatie


def judge(
    snapshot: Snapshot, trigger: str, op: date
) -> tuple[Overgang | None, tuple[Verdict, ...]]:
    """The edge the trigger takes and every guard's verdict; no edge from here is a refusal."""
    overgang = choose(snapshot, trigger, op)
    if overgang is None:
        reden = f"Vanuit '{STATE_LABELS[snapshot.state]}' kan '{TRIGGER_LABELS[trigger]}' niet."
        return None, (Verdict("vanuit_huidige_fase", False, reden),)
    return overgang, judge_all(overgang.guards, snapshot, op)


def _tell(
    session: Session,
    leerling: Any,
    snapshot: Snapshot,
    trigger: str,
    naar: str,
    op: date,
    moment: datetime,
    event_id: int,
    actor: Actor,
    doorgezet: bool = False,
) -> None:
    """Queue the step's notifications in this transaction (DOMAIN.md: the mentor at once on
    uitval; the stagebegeleider when the systeem closed the nazorg, or a nazorg contact found a
    problem). An override says so."""
    nieuw = [r for r in snapshot.records if r.in_deze_stap]
    paren = meldingen_bij(trigger, actor.rol, nieuw)
    if not paren:
        return
    context = mentor_context(
        snapshot, naam=leerling.naam, klas=leerling.klas, trigger=trigger, naar=naar, op=op
    )
    context["doorgezet"] = doorgezet
    meld(session, leerling, paren, context, moment=moment, verschuldigd=f"event:{event_id}")
