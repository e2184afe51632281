"""Editing a leerling (issue #16): each change audited with its old and new value and a reason.

The leerling row is the current state, like its `state` column: an edit updates it by
compare-and-set on the version the user saw (a stale version is a 409 and changes nothing) and
appends one `wijziging` audit event with every field's old and new value and the reason, in one
transaction, as `advance()` does for a step. History is not rewritten: a step already taken
stays taken, and the leerling page warns when the new data would now refuse it
(`domain/terugblik.py`). Switching stage-ondersteuning changes the visit interval from that day
on and re-plans the reminders in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor, may_edit, may_reassign
from trajectory.domain.clock import SCHOOL_TZ, Clock, today
from trajectory.domain.gegevens import VELD_LABELS, LeerlingWijziging, VerzorgerIn
from trajectory.domain.snapshot import Snapshot
from trajectory.domain.terugblik import EerdereStap, EerdereWijziging, nu_geweigerd
from trajectory.store import gegevens as rijen
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import herinneringen
from trajectory.usecases.fouten import FieldError, NotPermitted, VersionConflict
from trajectory.usecases.laden import zichtbare_leerling
from trajectory.usecases.motivatie import controleer_reden
from trajectory.usecases.vastleggen import check_begeleider

WIJZIGING = "wijziging"  # the audit event's soort
TRIGGER = "gegevens_wijzigen"
MAX_HERVERDELING = 500  # leerlingen in one bulk reassignment
GEWIST = (
    "De gegevens van deze leerling zijn na de bewaartermijn gewist; ze worden niet meer gewijzigd."
)


@dataclass(frozen=True)
class Gewijzigd:
    version: int
    wijzigingen: dict[str, dict[str, Any]]  # veld -> {"oud": …, "nieuw": …}, JSON-ready
    event_id: int | None  # None: nothing differed, nothing recorded


def wijzig_leerling(
    sessions: sessionmaker[Session],
    leerling_id: int,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
) -> Gewijzigd:
    """Change the fields sent; pydantic's ValidationError names a bad one."""
    wijziging = LeerlingWijziging.model_validate(dict(data))
    gevraagd = wijziging.gevraagd()
    for veld in gevraagd:
        if not may_edit(actor, veld):
            raise NotPermitted(_geen_recht(actor, veld))
    reden = controleer_reden(wijziging.reden)
    moment, op = clock.now(), today(clock)
    with sessions.begin() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor, lock=True)
        if leerling.version != wijziging.version:
            raise VersionConflict(leerling.version)
        if leerling.gewist is not None:
            raise NotPermitted(GEWIST)
        oud = huidige_gegevens(session, leerling)
        wijzigingen = {
            veld: {"oud": oud[veld], "nieuw": nieuw}
            for veld, nieuw in gevraagd.items()
            if veld != "verzorgers" and nieuw != oud[veld]
        }
        if "stagebegeleider_id" in wijzigingen:
            check_begeleider(session, wijzigingen["stagebegeleider_id"]["nieuw"])
        if wijziging.verzorgers is not None:
            verzorgers = _verzorgers(session, leerling.id, wijziging.verzorgers, moment)
            if verzorgers != oud["verzorgers"]:
                wijzigingen["verzorgers"] = {"oud": oud["verzorgers"], "nieuw": verzorgers}
        if not wijzigingen:
            return Gewijzigd(leerling.version, {}, None)
        versie = _schrijf(session, leerling, wijzigingen, wijziging.version, op)
        event = repo.append_audit(
            session,
            tijd=moment,
            actor=actor,
            soort=WIJZIGING,
            leerling_id=leerling.id,
            trigger=TRIGGER,
            payload={"wijzigingen": wijzigingen, "reden": reden},
        )
        herinneringen.replan(session, leerling, moment)
        return Gewijzigd(versie, wijzigingen, event.id)


def _geen_recht(actor: Actor, veld: str) -> str:
    if actor.rol == "mentor":
        return "Een mentor kan de gegevens van een leerling inzien, niet wijzigen."
    if veld == "stagebegeleider_id":
        return "Alleen de teamleider kan een leerling aan een andere stagebegeleider toewijzen."
    return f"Met jouw rol kun je de {VELD_LABELS[veld]} niet wijzigen."


def huidige_gegevens(session: Session, leerling: t.Leerling) -> dict[str, Any]:
    """The editable fields as they are now, JSON-ready (the audit's old values)."""
    return {
        "naam": leerling.naam,
        "geboortedatum": leerling.geboortedatum.isoformat(),
        "klas": leerling.klas,
        "leerjaar": leerling.leerjaar,
        "stagebegeleider_id": leerling.stagebegeleider_id,
        "stage_ondersteuning": leerling.stage_ondersteuning,
        "nt2": leerling.nt2,
        "breedtegraad": leerling.breedtegraad,
        "lengtegraad": leerling.lengtegraad,
        "verzorgers": [_als_dict(v) for v in rijen.verzorgers_van(session, leerling.id)],
    }


def _als_dict(v: t.Verzorger) -> dict[str, Any]:
    return {
        "id": v.id,
        "naam": v.naam,
        "relatie": v.relatie,
        "email": v.email or "",
        "telefoon": v.telefoon or "",
    }


def _verzorgers(
    session: Session, leerling_id: int, gevraagd: Sequence[VerzorgerIn], moment: datetime
) -> list[dict[str, Any]]:
    """Make the contacts what was sent: a known id is changed, no id is new, a contact left
    out is ended (its row stays, `vervallen` set). The list as it is now."""
    huidig = {v.id: v for v in rijen.verzorgers_van(session, leerling_id)}
    bewaard = set()
    for item in gevraagd:
        velden = item.model_dump(exclude={"id"})
        if item.id is None:
            rijen.verzorger_toevoegen(session, leerling_id, velden, moment)
            continue
        rij = huidig.get(item.id)
        if rij is None:
            raise FieldError("verzorgers", "noemt een contact dat niet bij deze leerling hoort")
        bewaard.add(item.id)
        for veld, waarde in velden.items():
            if getattr(rij, veld) != waarde:
                setattr(rij, veld, waarde)
    for contact_id, rij in huidig.items():
        if contact_id not in bewaard:
            rijen.verzorger_beeindigen(session, rij, moment)
    session.flush()
    return [_als_dict(v) for v in rijen.verzorgers_van(session, leerling_id)]


def _schrijf(
    session: Session,
    leerling: t.Leerling,
    wijzigingen: Mapping[str, Mapping[str, Any]],
    versie: int,
    op: date,
) -> int:
    waarden: dict[str, Any] = {
        veld: w["nieuw"] for veld, w in wijzigingen.items() if veld != "verzorgers"
    }
    if "geboortedatum" in waarden:
        waarden["geboortedatum"] = date.fromisoformat(waarden["geboortedatum"])
    if "stage_ondersteuning" in waarden:  # the visit interval changes from today on
        waarden["ondersteuning_sinds"] = op
    return rijen.werk_bij(session, leerling, waarden, versie)


# --- bulk: reassign leerlingen to another stagebegeleider (teamleider) --------------------


@dataclass(frozen=True)
class Herverdeling:
    """One line of the preview: the leerling, the version seen, the begeleider now."""

    leerling_id: int
    naam: str
    klas: str | None
    state: str
    version: int
    van_id: int | None


def herverdeling_voorstel(
    sessions: sessionmaker[Session],
    leerling_ids: Sequence[int],
    naar_id: int,
    *,
    actor: Actor,
) -> list[Herverdeling]:
    """The preview: exactly what `herverdeel` will change when confirmed with these lines
    (leerlingen already with that begeleider are left out)."""
    _mag_herverdelen(actor, leerling_ids)
    with sessions() as session:
        check_begeleider(session, naar_id)
        return [
            Herverdeling(*rij)
            for rij in rijen.begeleiders_van(session, list(dict.fromkeys(leerling_ids)))
            if rij.stagebegeleider_id != naar_id
        ]


def herverdeel(
    sessions: sessionmaker[Session],
    regels: Sequence[tuple[int, int]],
    naar_id: int,
    reden: str,
    *,
    actor: Actor,
    clock: Clock,
) -> list[Gewijzigd]:
    """Confirm a preview: each (leerling, version seen) gets the new begeleider, each with its
    own audit event, in one transaction; one stale version (409) and none changes."""
    _mag_herverdelen(actor, [lid for lid, _ in regels])
    reden = controleer_reden(reden)
    moment = clock.now()
    result = []
    with sessions.begin() as session:
        check_begeleider(session, naar_id)
        for leerling_id, versie in regels:
            leerling = zichtbare_leerling(session, leerling_id, actor, lock=True)
            if leerling.version != versie:
                raise VersionConflict(leerling.version)
            wijzigingen = {
                "stagebegeleider_id": {"oud": leerling.stagebegeleider_id, "nieuw": naar_id}
            }
            nieuwe_versie = rijen.werk_bij(
                session, leerling, {"stagebegeleider_id": naar_id}, versie
            )
            event = repo.append_audit(
                session,
                tijd=moment,
                actor=actor,
                soort=WIJZIGING,
                leerling_id=leerling.id,
                trigger=TRIGGER,
                payload={"wijzigingen": wijzigingen, "reden": reden, "herverdeling": True},
            )
            result.append(Gewijzigd(nieuwe_versie, wijzigingen, event.id))
    return result


def _mag_herverdelen(actor: Actor, leerling_ids: Sequence[int]) -> None:
    if not may_reassign(actor):
        raise NotPermitted("Alleen de teamleider kan leerlingen aan een andere begeleider geven.")
    if not leerling_ids:
        raise FieldError("leerlingen", "Kies minstens één leerling.")
    if len(leerling_ids) > MAX_HERVERDELING:
        raise FieldError("leerlingen", f"Kies hooguit {MAX_HERVERDELING} leerlingen tegelijk.")


# --- the warning: a past step the edits would now refuse --------------------------------


def nu_geweigerde_stappen(
    snapshot: Snapshot, trail: Sequence[tuple[t.AuditEvent, Mapping[str, Any] | None]]
) -> list[str]:
    """From the leerling's audit trail (`queries.audit_trail`): the steps taken before an edit
    of a field a guard reads, judged again (domain/terugblik.py)."""
    wijzigingen = [
        EerdereWijziging(event.id, veld, w.get("oud"))
        for event, payload in trail
        if event.soort == WIJZIGING and payload
        for veld, w in (payload.get("wijzigingen") or {}).items()
    ]
    if not wijzigingen:
        return []
    stappen = [
        EerdereStap(
            volgnummer=event.id,
            op=datetime.fromisoformat(event.tijd).astimezone(SCHOOL_TZ).date(),
            trigger=event.trigger or "",
            van=event.van or "",
            geslaagd=tuple(g["guard"] for g in event.guards if g.get("ok")),
        )
        for event, _ in trail
        if event.soort == "overgang" and event.id < max(w.volgnummer for w in wijzigingen)
    ]
    return nu_geweigerd(snapshot, stappen, wijzigingen)


def begeleiders(sessions: sessionmaker[Session]) -> list[tuple[int, str]]:
    """The active begeleiders a leerling can be given to: (id, naam)."""
    with sessions() as session:
        return begeleiders_in(session)


def begeleiders_in(session: Session) -> list[tuple[int, str]]:
    """`begeleiders`, in a session the caller has open (the leerling page reads in one)."""
    return [(rij.id, rij.naam) for rij in rijen.actieve_begeleiders(session)]


def leerlingen_van(
    sessions: sessionmaker[Session], begeleider_id: int | None, *, actor: Actor
) -> list[t.Rij]:
    """Teamleider: the leerlingen a begeleider has now, to choose from for a reassignment."""
    if not may_reassign(actor):
        raise NotPermitted("Alleen de teamleider kan leerlingen aan een andere begeleider geven.")
    with sessions() as session:
        return list(rijen.leerlingen_van_begeleider(session, begeleider_id))
