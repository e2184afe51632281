"""Correcting and voiding records and placements, history kept (DOMAIN.md, Corrections and
intake).

Nothing is updated or deleted in place. A correction stores a new version that names the one
it replaces (`vervangt_id`); the replaced or voided row is marked once — when, by whom, why —
by a compare-and-set on `vervallen IS NULL`, so of two people correcting the same row one wins
and the other gets 409 with nothing changed. Every reader of the present reads current rows
only (`tables.HUIDIG_RECORD`, `tables.HUIDIGE_PLAATSING`), so guards, totals, forecasts,
reminders and reports follow without knowing about corrections. A corrected placement is a new
placement: its current records come along as new versions pointing at it.

A correction that makes a step already taken fail its guards (`domain.correcties`) does not
move the state: the step is named in the audit event, on the leerling page and to the
stagebegeleider. Each function is one unit of work, audited in the chain like any change.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import create_model
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor, may_record
from trajectory.domain.clock import SCHOOL_TZ, Clock, today
from trajectory.domain.correcties import GenomenStap, OngeldigeStap, ongeldig_geworden
from trajectory.domain.herinneringen import OPVOLGING, opvolgingen
from trajectory.domain.intake import correctie_schema
from trajectory.domain.invoer import GROOTSTE_ID, Invoer
from trajectory.domain.records import RECORD_KINDS, PlaatsingIn
from trajectory.domain.snapshot import Record, Snapshot
from trajectory.guards import Verdict
from trajectory.notifications.render import correctie_bericht
from trajectory.store import queries
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import herinneringen, wachtlijst
from trajectory.usecases.bedrijfkeuze import bedrijf_voor_plaatsing
from trajectory.usecases.fouten import Conflict, FieldError, NietGevonden, NotPermitted, Ongeldig
from trajectory.usecases.geweigerd import Geweigerd, weiger
from trajectory.usecases.laden import met_handtekeningen, snapshot_van, zichtbare_leerling
from trajectory.usecases.motivatie import controleer_reden, override_motivatie
from trajectory.usecases.ontvangers import ontvangers
from trajectory.usecases.vastleggen import ALLEEN_TL, checked_record, judge_rooster

CORRECTIE, ONGELDIG = "correctie", "ongeldig"  # the audit events' soort
CORRECTIES = (CORRECTIE, ONGELDIG)
MEEGENOMEN = "meegenomen naar de gecorrigeerde stageplaats"
HOORT_BIJ_STAP = (
    "Dit gegeven is met een stap vastgelegd en kan niet apart worden gecorrigeerd of ongeldig "
    "gemaakt."
)


def _optioneel(soort: Any, grenzen: list[Any]) -> Any:
    """The type of a field that may be left out, with the field's own bounds."""
    return Annotated[(soort | None, *grenzen)] if grenzen else soort | None


PLAATSING_VELDEN = tuple(v for v in PlaatsingIn.model_fields if v != "rooster")
BEDRIJFSVELDEN = {"stagebedrijf_id", "bedrijf", "praktijkbegeleider_id"}
MAG_LEEG = {
    n for n, v in PlaatsingIn.model_fields.items() if not v.is_required() and v.default is None
}
# the correction of a placement: the fields to change, each bounded as PlaatsingIn bounds it
PlaatsingCorrectie = create_model(  # type: ignore[call-overload]
    "PlaatsingCorrectie",
    __base__=Invoer,
    **{
        naam: (_optioneel(veld.annotation, veld.metadata), None)
        for naam, veld in PlaatsingIn.model_fields.items()
        if naam in PLAATSING_VELDEN
    },
)


class AlGecorrigeerd(Conflict):
    """Someone corrected or voided this row since the page was shown."""

    bericht = (
        "Iemand anders heeft dit intussen al gecorrigeerd of ongeldig gemaakt. Bekijk de "
        "leerling opnieuw en corrigeer zo nodig de nieuwe versie."
    )


@dataclass(frozen=True)
class Gecorrigeerd:
    """The new version's id (None when voided) and the steps the correction invalidates."""

    nieuw_id: int | None
    ongeldige_stappen: tuple[OngeldigeStap, ...]


def corrigeer_record(
    sessions: sessionmaker[Session],
    leerling_id: int,
    kind: str,
    record_id: int,
    data: Mapping[str, Any],
    *,
    reden: str | None,
    actor: Actor,
    clock: Clock,
) -> Gecorrigeerd | Geweigerd:
    """A new version of the record, validated as a new one would be; the old one replaced."""
    reden = controleer_reden(reden)
    if kind not in RECORD_KINDS:
        raise Ongeldig(HOORT_BIJ_STAP)
    moment, op = clock.now(), today(clock)
    with sessions.begin() as session:
        leerling, oud, voor = _laad_record(session, leerling_id, kind, record_id, actor)
        model = correctie_schema(kind, oud.data).model_validate(dict(data))
        motivatie = override_motivatie(getattr(model, "motivatie", None), actor, alleen=ALLEEN_TL)
        if not may_record(actor, kind, getattr(model, "soort", None)):
            raise NotPermitted("Met uw rol kunt u dit niet vastleggen.")
        if getattr(model, "plaatsing_id", 0) is None:
            model = model.model_copy(update={"plaatsing_id": oud.plaatsing_id})
        if model.datum is None:  # left out: the date of the version it replaces
            model = model.model_copy(update={"datum": oud.datum})
        zonder = _zonder(voor, records={record_id})
        record = checked_record(kind, model, zonder, op)
        if kind == "contact":
            record = _opvolging_blijft(record, oud.data, actor)
        if kind == "uren" and oud.data.get("overgenomen"):  # still the intake's hours so far
            record = record._replace(data={**record.data, "overgenomen": True})
        verdicts = judge_rooster(zonder, record, op) if kind == "rooster" else ()
        if any(not v.ok for v in verdicts) and motivatie is None:
            gevraagd = {"kind": kind, "record_id": record_id, "gegevens": dict(record.data)}
            return weiger(
                session,
                leerling,
                trigger=kind,
                verdicts=verdicts,
                actor=actor,
                moment=moment,
                inleiding="Dit rooster kan niet:",
                payload=gevraagd,
            )
        _vervallen(session, t.Vastlegging, [record_id], moment, actor, reden)
        (nieuw_id,) = repo.add_records(
            session, leerling.id, [record], actor, moment, vervangt={0: record_id}
        )
        repo.bezoek_vanaf_bijwerken(session, [oud.plaatsing_id] if kind == "bezoek" else [])
        na = zonder.with_records(record._replace(id=nieuw_id))
        payload = {
            "record_id": record_id,
            "nieuw_id": nieuw_id,
            "reden": reden,
            "datum": record.datum.isoformat(),
            "gegevens": dict(record.data),
            **({"motivatie": motivatie} if motivatie else {}),
        }
        return _afronden(
            session, leerling, kind, CORRECTIE, payload, voor, na, actor, moment, verdicts
        )


def maak_record_ongeldig(
    sessions: sessionmaker[Session],
    leerling_id: int,
    kind: str,
    record_id: int,
    *,
    reden: str | None,
    actor: Actor,
    clock: Clock,
) -> Gecorrigeerd:
    reden = controleer_reden(reden)
    if kind not in RECORD_KINDS:
        raise Ongeldig(HOORT_BIJ_STAP)
    moment = clock.now()
    with sessions.begin() as session:
        leerling, oud, voor = _laad_record(session, leerling_id, kind, record_id, actor)
        _vervallen(session, t.Vastlegging, [record_id], moment, actor, reden)
        repo.bezoek_vanaf_bijwerken(session, [oud.plaatsing_id] if kind == "bezoek" else [])
        na = _zonder(voor, records={record_id})
        payload = {"record_id": record_id, "reden": reden}
        result = _afronden(session, leerling, kind, ONGELDIG, payload, voor, na, actor, moment)
        return result


def corrigeer_plaatsing(
    sessions: sessionmaker[Session],
    leerling_id: int,
    plaatsing_id: int,
    data: Mapping[str, Any],
    *,
    reden: str | None,
    actor: Actor,
    clock: Clock,
) -> Gecorrigeerd:
    """A new version of the placement with the given fields changed; its current records and
    its groepsstage places move to the new version."""
    reden = controleer_reden(reden)
    gegeven = PlaatsingCorrectie.model_validate(dict(data)).model_dump(exclude_unset=True)
    moment, op = clock.now(), today(clock)
    with sessions.begin() as session:
        leerling, oud, voor = _laad_plaatsing(session, leerling_id, plaatsing_id, actor)
        wijziging = {k: w for k, w in gegeven.items() if w != getattr(oud, k)}
        if not wijziging:
            raise FieldError("", "er verandert niets: pas minstens één gegeven aan")
        if leeg := [veld for veld, w in wijziging.items() if w is None and veld not in MAG_LEEG]:
            raise FieldError(leeg[0], "mag niet leeg zijn")
        velden = {veld: getattr(oud, veld) for veld in PLAATSING_VELDEN} | wijziging
        if BEDRIJFSVELDEN & wijziging.keys():  # the register names the company
            velden |= _bedrijf(session, oud, wijziging, velden, actor, moment)
        if velden["einddatum"] and velden["einddatum"] < velden["startdatum"]:
            raise FieldError("einddatum", "ligt voor de startdatum")
        _vervallen(session, t.Plaatsing, [plaatsing_id], moment, actor, reden)
        nieuw = t.Plaatsing(
            leerling_id=leerling.id,
            soort=oud.soort,
            status=oud.status,
            perioden_afgerond=oud.perioden_afgerond,
            vervangt_id=oud.id,
            **velden,
        )
        session.add(nieuw)
        session.flush()
        meegenomen = _neem_records_mee(session, leerling, voor, oud.id, nieuw.id, actor, moment)
        _verplaats_groepsstage(session, voor, oud.id, nieuw, moment, op)
        repo.bezoek_vanaf_bijwerken(session, [nieuw.id])
        na = snapshot_van(session, leerling, bezetting=False)
        payload = {
            "plaatsing_id": plaatsing_id,
            "nieuw_id": nieuw.id,
            "reden": reden,
            "gegevens": PlaatsingCorrectie.model_validate(wijziging).model_dump(
                mode="json", exclude_unset=True
            ),
            "meegenomen": meegenomen,
        }
        return _afronden(
            session, leerling, "plaatsing", CORRECTIE, payload, voor, na, actor, moment
        )


def maak_plaatsing_ongeldig(
    sessions: sessionmaker[Session],
    leerling_id: int,
    plaatsing_id: int,
    *,
    reden: str | None,
    actor: Actor,
    clock: Clock,
) -> Gecorrigeerd:
    """The placement never was: it and its current records are void, its groepsstage places
    free (offered to the waiting list)."""
    reden = controleer_reden(reden)
    moment, op = clock.now(), today(clock)
    with sessions.begin() as session:
        leerling, _, voor = _laad_plaatsing(session, leerling_id, plaatsing_id, actor)
        _vervallen(session, t.Plaatsing, [plaatsing_id], moment, actor, reden)
        records = [r.id for r in voor.records if r.plaatsing_id == plaatsing_id and r.id]
        repo.laat_vervallen(
            session, t.Vastlegging, records, moment=moment, door_id=actor.id, reden=reden
        )
        vrij = repo.release_groepsstage(session, plaatsing_id)
        capaciteit = voor.beleid.groepsstage_plaatsen_per_dagdeel
        wachtlijst.bied_aan(session, vrij, capaciteit=capaciteit, moment=moment, op=op)
        na = _zonder(voor, records=set(records), plaatsingen={plaatsing_id})
        payload = {"plaatsing_id": plaatsing_id, "reden": reden, "records": records}
        return _afronden(session, leerling, "plaatsing", ONGELDIG, payload, voor, na, actor, moment)


def _opvolging_blijft(record: Record, oud: Mapping[str, Any], actor: Actor) -> Record:
    """A corrected contact keeps its follow-up's owner (else it becomes the corrector's), and
    stays done when the follow-up itself did not change."""
    if not record.data.get("opvolgen_op"):
        return record
    data = {**record.data, "eigenaar_id": oud.get("eigenaar_id") or actor.id}
    zelfde = all(oud.get(k) == data[k] for k in ("opvolging", "opvolgen_op"))
    if zelfde and oud.get("afgerond_op"):
        data["afgerond_op"] = oud["afgerond_op"]
    return record._replace(data=data)


AFGEROND = "Vervolgactie afgerond"  # the reason on the contact's version a follow-up replaces


def rond_opvolging_af(
    sessions: sessionmaker[Session], herinnering_id: int, *, actor: Actor, clock: Clock
) -> int:
    """Mark the actor's follow-ups of one reminder done: each contact gets a new version with
    `afgerond_op` (the old one replaced, audited as a correction), so the reminder leaves its
    owner's work list and calendar. Only the owner may; returns the leerling's id."""
    moment, op = clock.now(), today(clock)
    with sessions.begin() as session:
        rij = session.get(t.Herinnering, herinnering_id) if herinnering_id <= GROOTSTE_ID else None
        if rij is None or rij.soort != OPVOLGING.soort or rij.eigenaar_id != actor.id:
            raise NietGevonden("Deze vervolgactie bestaat niet (voor u).")
        leerling = zichtbare_leerling(session, rij.leerling_id, actor, lock=True)
        snapshot = snapshot_van(session, leerling, bezetting=False)
        open_ = opvolgingen(snapshot, rij.verschuldigd, eigenaar=actor.id)
        if not open_:
            raise AlGecorrigeerd()
        for oud in open_:
            assert oud.id is not None
            nieuw = oud._replace(id=None, data={**oud.data, "afgerond_op": op.isoformat()})
            _vervallen(session, t.Vastlegging, [oud.id], moment, actor, AFGEROND)
            (nieuw_id,) = repo.add_records(
                session, leerling.id, [nieuw], actor, moment, vervangt={0: oud.id}
            )
            na = _zonder(snapshot, records={oud.id}).with_records(nieuw._replace(id=nieuw_id))
            payload = {
                "record_id": oud.id,
                "nieuw_id": nieuw_id,
                "reden": AFGEROND,
                "datum": nieuw.datum.isoformat(),
                "gegevens": dict(nieuw.data),
            }
            _afronden(session, leerling, "contact", CORRECTIE, payload, snapshot, na, actor, moment)
            snapshot = na
        return leerling.id


def _laad_record(
    session: Session, leerling_id: int, kind: str, record_id: int, actor: Actor
) -> tuple[t.Leerling, t.Vastlegging, Snapshot]:
    leerling = zichtbare_leerling(session, leerling_id, actor, lock=True)
    oud = _record_rij(session, leerling, kind, record_id, actor)
    return leerling, oud, snapshot_van(session, leerling, bezetting=False)


def _record_rij(
    session: Session, leerling: t.Leerling, kind: str, record_id: int, actor: Actor
) -> t.Vastlegging:
    """The current record, if the actor may record its kind; else not found, 403 or 409."""
    oud = session.get(t.Vastlegging, record_id) if 0 < record_id <= GROOTSTE_ID else None
    if oud is None or oud.leerling_id != leerling.id or oud.kind != kind:
        raise NietGevonden("Deze vastlegging bestaat niet (bij deze leerling).")
    if not may_record(actor, kind, oud.data.get("soort")):
        raise NotPermitted("Met uw rol kunt u dit niet corrigeren.")
    if oud.vervallen is not None:
        raise AlGecorrigeerd()
    return oud


def _laad_plaatsing(
    session: Session, leerling_id: int, plaatsing_id: int, actor: Actor
) -> tuple[t.Leerling, t.Plaatsing, Snapshot]:
    leerling = zichtbare_leerling(session, leerling_id, actor, lock=True)
    oud = _plaatsing_rij(session, leerling, plaatsing_id, actor)
    return leerling, oud, snapshot_van(session, leerling, bezetting=False)


def _plaatsing_rij(
    session: Session, leerling: t.Leerling, plaatsing_id: int, actor: Actor
) -> t.Plaatsing:
    oud = session.get(t.Plaatsing, plaatsing_id) if 0 < plaatsing_id <= GROOTSTE_ID else None
    if oud is None or oud.leerling_id != leerling.id:
        raise NietGevonden("Deze stageplaats bestaat niet (bij deze leerling).")
    if not may_record(actor, "plaatsing"):
        raise NotPermitted("Met uw rol kunt u geen stageplaats corrigeren.")
    if oud.vervallen is not None:
        raise AlGecorrigeerd()
    return oud


@dataclass(frozen=True)
class TeCorrigeren:
    """What a correction form starts from: the current version's values."""

    naam: str  # the leerling's
    data: dict[str, Any]


def te_corrigeren_record(
    sessions: sessionmaker[Session], leerling_id: int, kind: str, record_id: int, actor: Actor
) -> TeCorrigeren:
    if kind not in RECORD_KINDS:
        raise Ongeldig(HOORT_BIJ_STAP)
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        rij = _record_rij(session, leerling, kind, record_id, actor)
        return TeCorrigeren(leerling.naam, {"datum": rij.datum.isoformat(), **rij.data})


def te_corrigeren_plaatsing(
    sessions: sessionmaker[Session], leerling_id: int, plaatsing_id: int, actor: Actor
) -> TeCorrigeren:
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        rij = _plaatsing_rij(session, leerling, plaatsing_id, actor)
        waarden = {veld: getattr(rij, veld) for veld in PLAATSING_VELDEN}
        data = PlaatsingCorrectie.model_validate(waarden).model_dump(mode="json")
        return TeCorrigeren(leerling.naam, data)


def _vervallen(
    session: Session,
    model: type[t.Vastlegging] | type[t.Plaatsing],
    ids: list[int],
    moment: datetime,
    actor: Actor,
    reden: str,
) -> None:
    """The compare-and-set: a row someone else corrected in the meantime is a 409."""
    if repo.laat_vervallen(
        session, model, ids, moment=moment, door_id=actor.id, reden=reden
    ) != len(ids):
        raise AlGecorrigeerd()


def _zonder(
    s: Snapshot, *, records: Set[int] = frozenset(), plaatsingen: Set[int] = frozenset()
) -> Snapshot:
    """The snapshot without these records and placements (they are no longer current)."""
    return replace(
        s,
        records=tuple(r for r in s.records if r.id not in records),
        plaatsingen=tuple(p for p in s.plaatsingen if p.id not in plaatsingen),
    )


def _neem_records_mee(
    session: Session,
    leerling: t.Leerling,
    voor: Snapshot,
    oud_id: int,
    nieuw_id: int,
    actor: Actor,
    moment: datetime,
) -> list[int]:
    """The placement's current records as new versions on the corrected placement."""
    mee = [r for r in voor.records if r.plaatsing_id == oud_id and r.id is not None]
    ids = [r.id for r in mee if r.id is not None]
    repo.laat_vervallen(
        session, t.Vastlegging, ids, moment=moment, door_id=actor.id, reden=MEEGENOMEN
    )
    repo.add_records(
        session,
        leerling.id,
        [r._replace(plaatsing_id=nieuw_id, id=None) for r in mee],
        actor,
        moment,
        vervangt=dict(enumerate(ids)),
    )
    return ids


def _verplaats_groepsstage(
    session: Session, voor: Snapshot, oud_id: int, nieuw: t.Plaatsing, moment: datetime, op: date
) -> None:
    vrij = repo.release_groepsstage(session, oud_id)
    capaciteit = voor.beleid.groepsstage_plaatsen_per_dagdeel
    if vrij:
        repo.claim_groepsstage(session, nieuw, capaciteit)
    wachtlijst.bied_aan(
        session,
        sorted(set(vrij) - set(nieuw.dagdelen or ())),
        capaciteit=capaciteit,
        moment=moment,
        op=op,
    )


def _afronden(
    session: Session,
    leerling: t.Leerling,
    wat: str,
    soort: str,
    payload: dict[str, Any],
    voor: Snapshot,
    na: Snapshot,
    actor: Actor,
    moment: datetime,
    verdicts: tuple[Verdict, ...] = (),
) -> Gecorrigeerd:
    """Judge the steps taken again, audit (a rooster's failing guards forced through by the
    teamleider as an override, as `advance()` marks one), tell the stagebegeleider, re-plan
    the reminders."""
    na = met_handtekeningen(session, na)  # a corrected contract's boxes made rows
    stappen = [
        GenomenStap(trigger, van, naar, datetime.fromisoformat(tijd).astimezone(SCHOOL_TZ).date())
        for trigger, van, naar, tijd in queries.genomen_stappen(session, leerling.id)
    ]
    ongeldig = ongeldig_geworden(stappen, voor, na)
    event = repo.append_audit(
        session,
        tijd=moment,
        actor=actor,
        soort=soort,
        leerling_id=leerling.id,
        trigger=wat,
        guards=[v.as_dict() for v in verdicts],
        override=any(not v.ok for v in verdicts),
        payload={**payload, "ongeldige_stappen": [s.as_dict() for s in ongeldig]},
    )
    if ongeldig:
        onderwerp, tekst = correctie_bericht(
            naam=leerling.naam, stappen=[(s.label, s.redenen) for s in ongeldig]
        )
        repo.queue_melding(
            session,
            leerling.id,
            "correctie_stap",
            ontvangers(session, leerling, ("stagebegeleider",)),
            onderwerp=onderwerp,
            tekst=tekst,
            moment=moment,
            verschuldigd=f"event:{event.id}",
        )
    herinneringen.replan(session, leerling, moment, snapshot=na)
    return Gecorrigeerd(payload.get("nieuw_id"), ongeldig)


def _bedrijf(
    session: Session,
    oud: t.Plaatsing,
    wijziging: Mapping[str, Any],
    velden: Mapping[str, Any],
    actor: Actor,
    moment: datetime,
) -> dict[str, Any]:
    """The company of the corrected placement: the one chosen, or the one of the corrected
    name (a typo put right names the right company); another company clears the
    praktijkbegeleider unless one of the new company is given."""
    ander = "stagebedrijf_id" in wijziging or "bedrijf" in wijziging
    if "stagebedrijf_id" in wijziging:
        bedrijf_id = wijziging["stagebedrijf_id"]
    else:
        bedrijf_id = None if "bedrijf" in wijziging else oud.stagebedrijf_id
    return bedrijf_voor_plaatsing(
        session,
        stagebedrijf_id=bedrijf_id,
        naam=velden["bedrijf"],
        praktijkbegeleider_id=(
            wijziging.get("praktijkbegeleider_id") if ander else velden["praktijkbegeleider_id"]
        ),
        actor=actor,
        moment=moment,
    ).velden()
