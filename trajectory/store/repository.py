"""Reading and writing leerlingen, records and audit events inside one Session."""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, bindparam, delete, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm import outerjoin as orm_outerjoin
from sqlalchemy.orm.attributes import set_committed_value

from trajectory.domain import auditketen
from trajectory.domain.actor import Actor
from trajectory.domain.fouten import Conflict
from trajectory.domain.invoer import GROOTSTE_ID
from trajectory.domain.snapshot import Beleid, Plaatsing, Record, Snapshot, records_uit
from trajectory.domain.wijzigingen import Wijzigingen
from trajectory.store import overeenkomst
from trajectory.store import tables as t

# 7_420_001 was the audit chain's global lock before migration 0028: not to be reused
WACHTLIJST_LOCK = 7_420_002


class VersionConflict(Conflict):
    """Someone else changed this leerling since the version the client saw."""

    bericht = (
        "Iemand anders heeft deze leerling intussen gewijzigd. Bekijk hoe de leerling nu is "
        "en of de stap nog nodig is."
    )

    def __init__(self, huidige_versie: int) -> None:
        super().__init__(detail=f"versieconflict (huidige versie {huidige_versie})")
        self.huidige_versie = huidige_versie


def get_leerling(session: Session, leerling_id: int, *, lock: bool = False) -> t.Leerling | None:
    """`lock`: hold the leerling's row for this transaction (PostgreSQL `FOR NO KEY UPDATE`,
    what the state UPDATE of advance() also takes), so every writer of a leerling takes the
    row lock before its audit chain's row and two of them never wait for each other in a circle."""
    if not 0 < leerling_id <= GROOTSTE_ID:  # no row has it (the column would overflow)
        return None
    return session.get(
        t.Leerling, leerling_id, with_for_update={"key_share": True} if lock else None
    )


class GroepsstageVol(Conflict):
    """The last place on a dagdeel was taken by someone else at the same moment."""

    def __init__(self, dagdeel: str) -> None:
        super().__init__(
            f"De laatste plaats in de groepsstage op {dagdeel.replace('_', ' ')} is net door "
            "iemand anders genomen. Kies een ander dagdeel.",
            detail=dagdeel,
        )
        self.dagdeel = dagdeel


def groepsstage_bezetting(session: Session, behalve_leerling: int | None = None) -> Counter[str]:
    """Places taken per dagdeel, by other leerlingen than `behalve_leerling`."""
    query = (
        select(t.GroepsstagePlek.dagdeel, func.count())
        .join(t.Plaatsing, t.Plaatsing.id == t.GroepsstagePlek.plaatsing_id)
        .where(t.Plaatsing.leerling_id != (behalve_leerling or -1))
        .group_by(t.GroepsstagePlek.dagdeel)
    )
    return Counter({dagdeel: aantal for dagdeel, aantal in session.execute(query)})


def claim_groepsstage(
    session: Session, plaatsing: t.Plaatsing, capaciteit: int, boven_capaciteit: bool = False
) -> None:
    """Take a numbered place on each dagdeel; the primary key refuses a double claim.

    Only a teamleider's override (`boven_capaciteit`) may take a place beyond the capacity.
    Places held for someone else on the waiting list count as taken; a leerling who was
    offered a place leaves that dagdeel's waiting list.
    """
    dagdelen = sorted(set(plaatsing.dagdelen or ()))
    for dagdeel in dagdelen:
        lock_dagdeel(session, dagdeel)
        bezet = set(
            session.scalars(
                select(t.GroepsstagePlek.plek).where(t.GroepsstagePlek.dagdeel == dagdeel)
            )
        )
        vrij = [p for p in range(1, capaciteit + 1) if p not in bezet]
        gehouden = vastgehouden(session, behalve_leerling=plaatsing.leerling_id)[dagdeel]
        if len(vrij) <= gehouden and not boven_capaciteit:
            raise GroepsstageVol(dagdeel)
        plek = vrij[0] if vrij else max(bezet, default=0) + 1
        session.add(t.GroepsstagePlek(dagdeel=dagdeel, plek=plek, plaatsing_id=plaatsing.id))
        try:
            session.flush()
        except IntegrityError as exc:  # someone else took this place in the meantime
            raise GroepsstageVol(dagdeel) from exc
    session.execute(
        update(t.GroepsstageWachtrij)
        .where(
            t.GroepsstageWachtrij.leerling_id == plaatsing.leerling_id,
            t.GroepsstageWachtrij.dagdeel.in_(dagdelen),
            t.GroepsstageWachtrij.status.in_(("wacht", "aangeboden")),
        )
        .values(status="geplaatst")
    )


def lock_dagdeel(session: Session, dagdeel: str) -> None:
    """Whoever takes, frees or offers places on a dagdeel holds this first (PostgreSQL; SQLite
    serialises writers with BEGIN IMMEDIATE), so a freed place is handed out exactly once."""
    if session.get_bind().dialect.name == "postgresql":
        sleutel = zlib.crc32(dagdeel.encode()) & 0x7FFFFFFF
        session.execute(
            text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": WACHTLIJST_LOCK, "b": sleutel}
        )


def vastgehouden(session: Session, behalve_leerling: int | None = None) -> Counter[str]:
    """Places held per dagdeel for someone on the waiting list other than `behalve_leerling`."""
    query = (
        select(t.GroepsstageWachtrij.dagdeel, func.count())
        .where(
            t.GroepsstageWachtrij.status == "aangeboden",
            t.GroepsstageWachtrij.leerling_id != (behalve_leerling or -1),
        )
        .group_by(t.GroepsstageWachtrij.dagdeel)
    )
    return Counter(dict(session.execute(query).all()))


def release_groepsstage(session: Session, plaatsing_id: int) -> list[str]:
    """Free the placement's places; returns the dagdelen where a place came free."""
    vrij = session.scalars(
        select(t.GroepsstagePlek.dagdeel).where(t.GroepsstagePlek.plaatsing_id == plaatsing_id)
    ).all()
    for dagdeel in sorted(set(vrij)):
        lock_dagdeel(session, dagdeel)
    session.execute(delete(t.GroepsstagePlek).where(t.GroepsstagePlek.plaatsing_id == plaatsing_id))
    return list(vrij)


# the company's facts the guards read, named as in `Plaatsing` (LEFT JOIN: a groepsstage has
# no company, and a placement made before the register may still have none)
_BEDRIJF_KOLOMMEN = {
    "bedrijf_status": t.Stagebedrijf.status,
    "bedrijf_status_reden": t.Stagebedrijf.status_reden,
    "erkenning_geldig_tot": t.Stagebedrijf.erkenning_geldig_tot,
    "erkenning_sectoren": t.Stagebedrijf.erkenning_sectoren,
    "bedrijf_capaciteit": t.Stagebedrijf.capaciteit,
}
PLAATSING_KOLOMMEN = tuple(
    _BEDRIJF_KOLOMMEN[veld].label(veld) if veld in _BEDRIJF_KOLOMMEN else getattr(t.Plaatsing, veld)
    for veld in Plaatsing._fields
)
# what PLAATSING_KOLOMMEN is selected from: `select(*PLAATSING_KOLOMMEN).select_from(MET_BEDRIJF)`
MET_BEDRIJF = orm_outerjoin(
    t.Plaatsing, t.Stagebedrijf, t.Stagebedrijf.id == t.Plaatsing.stagebedrijf_id
)


def to_plaatsing(row: t.Rij) -> Plaatsing:
    """A placement from a row of PLAATSING_KOLOMMEN (selected from MET_BEDRIJF)."""
    return Plaatsing(
        id=row.id,
        soort=row.soort,
        status=row.status,
        bedrijf=row.bedrijf,
        sector=row.sector,
        startdatum=row.startdatum,
        einddatum=row.einddatum,
        dagdelen=tuple(row.dagdelen or ()),
        afstand_km=row.afstand_km,
        risicovol=row.risicovol,
        deskundig_toezicht=row.deskundig_toezicht,
        kassawerk=row.kassawerk,
        tillen_10kg=row.tillen_10kg,
        duwen_trekken_20kg=row.duwen_trekken_20kg,
        psa=row.psa,
        zondag_door_aard=row.zondag_door_aard,
        perioden_afgerond=row.perioden_afgerond,
        gedwongen_houding=row.gedwongen_houding,
        gewasbeschermingsmiddelen=row.gewasbeschermingsmiddelen,
        toezichthouder=row.toezichthouder,
        toezichthouder_18_plus=row.toezichthouder_18_plus,
        toezichthouder_direct_beschikbaar=row.toezichthouder_direct_beschikbaar,
        dagbesteding=row.dagbesteding,
        stagebedrijf_id=row.stagebedrijf_id,
        bedrijf_status=row.bedrijf_status,
        bedrijf_status_reden=row.bedrijf_status_reden or "",
        erkenning_geldig_tot=row.erkenning_geldig_tot,
        erkenning_sectoren=tuple(row.erkenning_sectoren or ()),
        bedrijf_capaciteit=row.bedrijf_capaciteit,
    )


def to_record(row: t.Vastlegging) -> Record:
    return Record(
        kind=row.kind, datum=row.datum, data=row.data, plaatsing_id=row.plaatsing_id, id=row.id
    )


# Built once (plain columns, no ORM objects; a leerling may have hundreds of records): the
# statements of every step, page and tick, so neither their construction nor their cache key
# is paid per call.
PLAATSINGEN_VAN = (
    select(*PLAATSING_KOLOMMEN)
    .select_from(MET_BEDRIJF)
    .where(t.Plaatsing.leerling_id == bindparam("leerling"), t.HUIDIGE_PLAATSING)
    .order_by(t.Plaatsing.id)
)
RECORDS_VAN = (
    select(  # Record's fields, in its order (records_uit)
        t.Vastlegging.kind,
        t.Vastlegging.datum,
        t.Vastlegging.data,
        t.Vastlegging.plaatsing_id,
        t.Vastlegging.id,
    )
    .where(t.Vastlegging.leerling_id == bindparam("leerling"), t.HUIDIG_RECORD)
    .order_by(t.Vastlegging.id)
)


def load_snapshot(
    session: Session,
    leerling: t.Leerling,
    *,
    beleid: Beleid,
    bezetting: bool,
    records: tuple[Record, ...] | None = None,
    plaatsingen: tuple[Plaatsing, ...] | None = None,
) -> Snapshot:
    """The leerling's rows as a Snapshot under `beleid`; the groepsstage occupancy of the
    others (two more queries) only with `bezetting`. `records` and `plaatsingen`, when the
    caller has them already, spare a query each (usecases/laden.py decides all three)."""
    if plaatsingen is None:
        rows = session.execute(PLAATSINGEN_VAN, {"leerling": leerling.id})
        plaatsingen = tuple(to_plaatsing(p) for p in rows)
    if records is None:
        records = records_uit(session.execute(RECORDS_VAN, {"leerling": leerling.id}))
    return Snapshot(
        id=leerling.id,
        geboortedatum=leerling.geboortedatum,
        leerjaar=leerling.leerjaar,
        state=leerling.state,
        definitieve_sector=leerling.definitieve_sector,
        stage_ondersteuning=leerling.stage_ondersteuning,
        vertrekdatum=leerling.vertrekdatum,
        ondersteuning_sinds=leerling.ondersteuning_sinds,
        records=records,
        plaatsingen=plaatsingen,
        groepsstage_bezetting=(
            groepsstage_bezetting(session, behalve_leerling=leerling.id)
            + vastgehouden(session, behalve_leerling=leerling.id)
            if bezetting
            else {}
        ),
        beleid=beleid,
        trajectory_version=leerling.trajectory_version,
    )


def move_state(
    session: Session, leerling: t.Leerling, naar: str, versie: int, moment: datetime
) -> int:
    """Compare-and-set: the state changes only if the version is still the one judged.
    `fase_sinds` moves with the state, not with a step that stays in it."""
    waarden: dict[str, Any] = {"state": naar, "version": versie + 1}
    if naar != leerling.state:
        waarden["fase_sinds"] = moment
    result = session.execute(
        update(t.Leerling)
        .where(t.Leerling.id == leerling.id, t.Leerling.version == versie)
        .values(**waarden)
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult[Any], result).rowcount != 1:
        huidige = session.scalar(select(t.Leerling.version).where(t.Leerling.id == leerling.id))
        raise VersionConflict(huidige or versie)
    for veld, waarde in waarden.items():  # what was just written, without reading it back
        set_committed_value(leerling, veld, waarde)
    return versie + 1


def bezoek_vanaf_bijwerken(session: Session, plaatsing_ids: Iterable[int | None]) -> None:
    """Recompute `plaatsing.bezoek_vanaf` (the newest `bezoek` of the placement, else its
    start) for these placements; called wherever a visit is recorded or a placement is made
    or changed, so the dashboard can walk the placements in the order their visit is due."""
    ids = sorted({i for i in plaatsing_ids if i is not None})
    if not ids:
        return
    laatste = (
        select(func.max(t.Vastlegging.datum))
        .where(
            t.Vastlegging.plaatsing_id == t.Plaatsing.id,
            t.Vastlegging.kind == "bezoek",
            t.HUIDIG_RECORD,
        )
        .scalar_subquery()
    )
    session.execute(
        update(t.Plaatsing)
        .where(t.Plaatsing.id.in_(ids))
        .values(bezoek_vanaf=func.coalesce(laatste, t.Plaatsing.startdatum))
        .execution_options(synchronize_session=False)
    )


VASTLEGGING_TOEVOEGEN = insert(t.tabel(t.Vastlegging)).returning(t.tabel(t.Vastlegging).c.id)


def add_records(
    session: Session,
    leerling_id: int,
    records: Iterable[Record],
    door: Actor,
    tijd: datetime,
    *,
    vervangt: Mapping[int, int] | None = None,
) -> list[int]:
    """Store the records (plain INSERTs, no ORM flush); returns their ids, in order.
    `vervangt`: position in `records` -> the id of the record that one replaces."""
    records = list(records)
    vervangt = vervangt or {}
    ids = [
        session.execute(
            VASTLEGGING_TOEVOEGEN,
            {
                "leerling_id": leerling_id,
                "kind": r.kind,
                "datum": r.datum,
                "data": dict(r.data),
                "plaatsing_id": r.plaatsing_id,
                "door_id": door.id,
                "aangemaakt": tijd,
                "vervangt_id": vervangt.get(i),
            },
        ).scalar_one()
        for i, r in enumerate(records)
    ]
    bezoek_vanaf_bijwerken(session, (r.plaatsing_id for r in records if r.kind == "bezoek"))
    # a contract's ticked boxes are paper signatures, rows from the moment it is stored
    for rij in overeenkomst.papieren_handtekeningen(session, leerling_id, records, ids, door, tijd):
        append_audit(
            session,
            tijd=tijd,
            actor=door,
            soort=overeenkomst.AUDIT_SOORT,
            leerling_id=leerling_id,
            trigger=overeenkomst.ONDERTEKENEN,
            payload=overeenkomst.audit_payload(rij),
        )
    return ids


def laat_vervallen(
    session: Session,
    model: type[t.Vastlegging] | type[t.Plaatsing],
    ids: Iterable[int],
    *,
    moment: datetime,
    door_id: int | None,
    reden: str,
) -> int:
    """Mark current rows as replaced or void, once (compare-and-set on `vervallen IS NULL`):
    how many were still current. Nothing else of the row changes, ever."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    result = session.execute(
        update(model)
        .where(model.id.in_(ids), model.vervallen.is_(None))
        .values(vervallen=moment, vervallen_door_id=door_id, vervallen_reden=reden)
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], result).rowcount


def apply(
    session: Session,
    leerling: t.Leerling,
    wijzigingen: Wijzigingen,
    *,
    capaciteit: int,
    override: bool = False,
) -> list[str]:
    """Returns the dagdelen where a groepsstage place came free (for the waiting list)."""
    vrijgekomen: list[str] = []
    geraakt: list[int] = []
    for veld, waarde in wijzigingen.leerling.items():
        setattr(leerling, veld, waarde)
    for plaatsing_id, velden in wijzigingen.plaatsingen.items():
        plaatsing = session.get(t.Plaatsing, plaatsing_id)
        assert plaatsing is not None
        assert plaatsing.leerling_id == leerling.id
        for veld, waarde in velden.items():
            setattr(plaatsing, veld, waarde)
        geraakt.append(plaatsing.id)
        if plaatsing.soort == "groepsstage" and plaatsing.status != "lopend":
            vrijgekomen += release_groepsstage(session, plaatsing.id)
    for nieuw in wijzigingen.nieuwe_plaatsingen:
        plaatsing = t.Plaatsing(leerling_id=leerling.id, **nieuw)
        session.add(plaatsing)
        session.flush()
        geraakt.append(plaatsing.id)
        if plaatsing.soort == "groepsstage":
            claim_groepsstage(session, plaatsing, capaciteit, boven_capaciteit=override)
    session.flush()
    bezoek_vanaf_bijwerken(session, geraakt)
    return vrijgekomen


KETEN = t.tabel(t.AuditKeten)
KETEN_NEMEN = (
    select(KETEN.c.aantal, KETEN.c.kop).where(KETEN.c.keten == bindparam("keten")).with_for_update()
)
KETEN_VOORUIT = (
    update(KETEN)
    .where(KETEN.c.keten == bindparam("b_keten"))
    .values(aantal=bindparam("b_aantal"), kop=bindparam("b_kop"), laatste_id=bindparam("b_id"))
)
OUDE_KETEN = select(KETEN.c.kop, KETEN.c.laatste_id).where(KETEN.c.keten == auditketen.OUDE_KETEN)
AUDIT_TOEVOEGEN = insert(t.tabel(t.AuditEvent)).returning(t.tabel(t.AuditEvent).c.id)
PAYLOAD_TOEVOEGEN = insert(t.tabel(t.AuditPayload))


@dataclass(frozen=True)
class Gebeurtenis:
    """An appended audit event (what its callers need of it: the id)."""

    id: int


def _neem_keten(session: Session, keten: str) -> auditketen.Kop:
    """The chain's head, its row held until the transaction ends, so appends to this chain take
    turns and appends to other chains do not wait (SQLite: BEGIN IMMEDIATE serialises all)."""
    rij = session.execute(KETEN_NEMEN, {"keten": keten}).one_or_none()
    if rij is None:
        _begin_keten(session, keten)
        rij = session.execute(KETEN_NEMEN, {"keten": keten}).one()
    return auditketen.Kop(rij.aantal, rij.kop)


def _begin_keten(session: Session, keten: str) -> None:
    """A new chain starts from the head of the chain of before migration 0028. Two first
    appends at once: the second's INSERT waits for the first and then does nothing."""
    oud = session.execute(OUDE_KETEN).one_or_none()
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    begin = dialect.insert(t.AuditKeten).values(
        keten=keten, aantal=0, kop=oud.kop if oud else auditketen.GENESIS, laatste_id=0
    )
    session.execute(begin.on_conflict_do_nothing(index_elements=["keten"]))


def append_audit(
    session: Session,
    *,
    tijd: datetime,
    actor: Actor,
    soort: str,
    leerling_id: int | None,
    trigger: str | None = None,
    van: str | None = None,
    naar: str | None = None,
    guards: Iterable[Mapping[str, Any]] = (),
    override: bool = False,
    payload: Mapping[str, Any] | None = None,
) -> Gebeurtenis:
    """Append to the leerling's chain (the school's when None), moving its head forward."""
    keten = auditketen.keten_van(leerling_id)
    kop = _neem_keten(session, keten)
    payload = auditketen.jsonable(payload or {})
    inhoud = {
        "tijd": auditketen.utc_stamp(tijd),
        "leerling_id": leerling_id,
        "actor_id": actor.id,
        "actor_rol": actor.rol,
        "soort": soort,
        "trigger": trigger,
        "van": van,
        "naar": naar,
        "guards": [dict(g) for g in guards],
        "override": override,
        "payload_hash": auditketen.sha256(payload),
        "prev_hash": kop.hash,
    }
    # plain INSERTs: on every step, the ORM's flush was the cost
    hash_ = auditketen.event_hash(inhoud)
    event_id = session.execute(AUDIT_TOEVOEGEN, {**inhoud, "hash": hash_}).scalar_one()
    session.execute(
        KETEN_VOORUIT,
        {"b_keten": keten, "b_aantal": kop.aantal + 1, "b_kop": hash_, "b_id": event_id},
    )
    if payload:
        session.execute(PAYLOAD_TOEVOEGEN, {"event_id": event_id, "payload": dict(payload)})
    return Gebeurtenis(event_id)


def audit_head(session: Session) -> tuple[int, str]:
    """How many events there are and the hash of the newest (GENESIS when empty)."""
    count = session.scalar(select(func.count()).select_from(t.AuditEvent)) or 0
    head = session.scalar(select(t.AuditEvent.hash).order_by(t.AuditEvent.id.desc()).limit(1))
    return count, head or auditketen.GENESIS


def keten_koppen(session: Session) -> dict[str, auditketen.Kop]:
    """Every chain's count and head as committed (what a signed anchor records)."""
    rijen = session.execute(select(KETEN.c.keten, KETEN.c.aantal, KETEN.c.kop))
    return {rij.keten: auditketen.Kop(rij.aantal, rij.kop) for rij in rijen}


def verify_audit(
    session: Session,
    batch: int = 2000,
    anker: str | None = None,
    verwacht: auditketen.Verwachting | None = None,
) -> auditketen.Finding | None:
    """Walk every chain in id order, streaming a batch at a time, against `verwacht` (a signed
    anchor's heads) and the chain-head table. The heads are read before the events, so an
    append committed in between only makes a chain longer than its head says, which is fine."""
    oud = session.execute(OUDE_KETEN).one_or_none()
    tabel = auditketen.Verwachting(
        keten_koppen(session),
        bron="de ketenkop in de database",
        ontbreekt="de ketenkop klopt niet",
    )
    columns = [getattr(t.AuditEvent, name) for name in ("id", "hash", *auditketen.CHAINED_FIELDS)]
    query = (
        select(*columns, t.AuditPayload.payload)
        .outerjoin(t.AuditPayload, t.AuditPayload.event_id == t.AuditEvent.id)
        .order_by(t.AuditEvent.id)
        .execution_options(yield_per=batch)
    )
    result = session.execute(query)
    try:
        return auditketen.verify(
            result.mappings(),
            grens=oud.laatste_id if oud else 0,
            verwachtingen=(tabel,) if verwacht is None else (verwacht, tabel),
            anker=anker,
        )
    finally:
        result.close()  # it may stop at the first bad event: close the server-side cursor


def queue_melding(
    session: Session,
    leerling_id: int,
    soort: str,
    ontvangers: Iterable[int],
    *,
    onderwerp: str,
    tekst: str,
    moment: datetime,
    verschuldigd: str,
    direct: bool = False,
) -> int:
    """A notification row per recipient (inbox and outbox), in the caller's transaction.

    A row whose key (leerling, soort, ontvanger, verschuldigd) exists is not added again, so
    queueing the same notification twice gives one."""
    bestaand = set(
        session.scalars(
            select(t.Melding.ontvanger_id).where(
                t.Melding.leerling_id == leerling_id,
                t.Melding.soort == soort,
                t.Melding.verschuldigd == verschuldigd,
            )
        )
    )
    nieuw = [o for o in dict.fromkeys(ontvangers) if o not in bestaand]
    session.add_all(
        t.Melding(
            leerling_id=leerling_id,
            ontvanger_id=ontvanger,
            soort=soort,
            verschuldigd=verschuldigd,
            onderwerp=onderwerp,
            tekst=tekst,
            direct=direct,
            aangemaakt=moment,
            pogingen=0,
        )
        for ontvanger in nieuw
    )
    session.flush()
    return len(nieuw)


def mentoren_van(session: Session, klas: str | None) -> list[int]:
    """The active mentors of a class (DOMAIN.md: the mentor assigned to the leerling's class)."""
    if klas is None:
        return []
    return list(
        session.scalars(
            select(t.Gebruiker.id).where(
                t.Gebruiker.rol == "mentor", t.Gebruiker.klas == klas, t.Gebruiker.actief
            )
        )
    )


def actief_account(session: Session, gebruiker_id: int | None) -> list[int]:
    """The account's id if it exists and is active, else nothing."""
    if gebruiker_id is None:
        return []
    return list(
        session.scalars(
            select(t.Gebruiker.id).where(t.Gebruiker.id == gebruiker_id, t.Gebruiker.actief)
        )
    )


def actieve_met_rol(session: Session, rol: str) -> list[int]:
    return list(
        session.scalars(select(t.Gebruiker.id).where(t.Gebruiker.rol == rol, t.Gebruiker.actief))
    )
