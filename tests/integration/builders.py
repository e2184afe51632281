"""Small builders for the integration tests: leerlingen, records, steps, and a look at the rows.

Everything goes through the real code (recording, engine.advance) on the real database;
only `stand` and `audit_events` read the tables directly, to see what was stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.builders import ERKEND_TOT, volledige_overeenkomst
from trajectory.domain.access import Actor
from trajectory.domain.bedrijven import naam_sleutel
from trajectory.domain.clock import Clock
from trajectory.store import tables as t
from trajectory.store.bedrijven import bedrijf_met_sleutel
from trajectory.usecases import bedrijven, engine, vastleggen

MOTIVATIE = "Speciaal geval, besproken in het stageteam."

# the quickest way (teamleider overrides) from the initial state to each state used in tests
ROUTE_NAAR: dict[str, tuple[tuple[str, Mapping[str, Any] | None], ...]] = {
    "interne_stage": (),
    "snuffelstage": (("interne_stage_afronden", None),),
    "stage_advies": (("interne_stage_afronden", None), ("snuffelstage_afronden", None)),
    "stage_zoeken": (
        ("interne_stage_afronden", None),
        ("snuffelstage_afronden", None),
        ("advies_zelfstandig", None),
    ),
    "groepsstage": (
        ("interne_stage_afronden", None),
        ("snuffelstage_afronden", None),
        ("advies_groepsstage", {"reden": "nt2", "dagdelen": ["ma_ochtend", "di_ochtend"]}),
    ),
}


def nieuwe_leerling(
    sessions: sessionmaker[Session],
    clock: Clock,
    door: Actor,
    *,
    naam: str = "Sem de Vries",
    leerjaar: str = "2",
    klas: str | None = "2A",
    geboortedatum: date = date(2010, 4, 2),
    stagebegeleider_id: int | None = None,
) -> int:
    nieuw = vastleggen.NieuweLeerling(
        naam=naam,
        geboortedatum=geboortedatum,
        leerjaar=leerjaar,
        klas=klas,
        stagebegeleider_id=stagebegeleider_id,
    )
    return vastleggen.create_leerling(sessions, nieuw, actor=door, clock=clock)


def leg_vast(
    sessions: sessionmaker[Session],
    clock: Clock,
    door: Actor,
    leerling_id: int,
    kind: str,
    **data: Any,
) -> int:
    return vastleggen.add_record(sessions, leerling_id, kind, data, actor=door, clock=clock)


def groepsstage_contract(
    sessions: sessionmaker[Session], clock: Clock, door: Actor, leerling_id: int
) -> int:
    """The complete stagecontract a groepsstage starts with (beleidsplan 2.2), dated today."""
    contract = volledige_overeenkomst(date(2024, 8, 1), date(2026, 7, 31))
    return leg_vast(sessions, clock, door, leerling_id, "stage_overeenkomst", **contract)


def erkend_bedrijf(
    sessions: sessionmaker[Session],
    clock: Clock,
    door: Actor,
    naam: str = "Bakkerij Brood",
    *,
    sectoren: tuple[str, ...] = ("03",),
    geldig_tot: date | None = ERKEND_TOT,
    **velden: Any,
) -> int:
    """A company in the register with an SBB erkenning for `sectoren` through `geldig_tot`
    (an Entree placement starts only there); its id. Already registered: that company."""
    with sessions() as session:
        bestaand = bedrijf_met_sleutel(session, naam_sleutel(naam))
        if bestaand is not None:
            return bestaand.id
    data = {
        "naam": naam,
        "sectoren": list(sectoren),
        "erkenning_sectoren": list(sectoren),
        "erkenning_geldig_tot": geldig_tot,
        **velden,
    }
    return bedrijven.registreer(sessions, data, actor=door, clock=clock)


def versie(sessions: sessionmaker[Session], leerling_id: int) -> int:
    with sessions() as session:
        return session.scalar(select(t.Leerling.version).where(t.Leerling.id == leerling_id))


def breng_naar(
    sessions: sessionmaker[Session],
    clock: Clock,
    teamleider: Actor,
    leerling_id: int,
    state: str,
) -> int:
    """Walk a leerling to `state` by teamleider overrides; returns the new version."""
    huidige = versie(sessions, leerling_id)
    for trigger, payload in ROUTE_NAAR[state]:
        result = engine.advance(
            sessions,
            leerling_id,
            trigger,
            actor=teamleider,
            version=huidige,
            clock=clock,
            payload=payload,
            motivatie=MOTIVATIE,
        )
        assert isinstance(result, engine.Overgegaan), result
        huidige = result.version
    return huidige


def als_entree_leerling(sessions: sessionmaker[Session], leerling_id: int) -> None:
    """Test set-up for a leerling looking for an Entree placement: leerjaar Entree and
    stagevaardig (an earlier individuele stage completed with a voldoende), written directly:
    the trajectory reaches it only through the whole PrO route and `entree_starten`."""
    with sessions.begin() as session:
        leerling = session.get_one(t.Leerling, leerling_id)
        leerling.leerjaar = "entree"
        eerdere = t.Plaatsing(
            leerling_id=leerling_id,
            soort="individuele_stage",
            status="afgerond",
            bedrijf="Eerdere stage",
            sector="03",
            startdatum=date(2024, 2, 5),
            einddatum=date(2024, 5, 17),
            dagdelen=[],
        )
        session.add(eerdere)
        session.flush()
        session.add(
            t.Vastlegging(
                leerling_id=leerling_id,
                kind="beoordeling",
                datum=date(2024, 5, 17),
                plaatsing_id=eerdere.id,
                data={"soort": "stagebeoordeling", "uitslag": "voldoende"},
                aangemaakt=datetime(2024, 5, 17, 12, tzinfo=UTC),
            )
        )


def zet_stap(
    sessions: sessionmaker[Session],
    clock: Clock,
    actor: Actor,
    leerling_id: int,
    trigger: str,
    **payload: Any,
) -> int:
    """Take one step at the leerling's current version, as `actor`; it must succeed.
    Returns the new version."""
    result = engine.advance(
        sessions,
        leerling_id,
        trigger,
        actor=actor,
        version=versie(sessions, leerling_id),
        clock=clock,
        payload=payload,
    )
    assert isinstance(result, engine.Overgegaan), result
    return result.version


@dataclass(frozen=True)
class Stand:
    """Everything a step may change about one leerling, plus the length of the trail."""

    state: str
    version: int
    leerling: tuple[Any, ...]
    records: tuple[tuple[Any, ...], ...]
    plaatsingen: tuple[tuple[Any, ...], ...]
    audit_events: int
    audit_payloads: int


def stand(sessions: sessionmaker[Session], leerling_id: int) -> Stand:
    with sessions() as session:
        leerling = session.get(t.Leerling, leerling_id)
        assert leerling is not None
        records = session.execute(
            select(t.Vastlegging.id, t.Vastlegging.kind, t.Vastlegging.data)
            .where(t.Vastlegging.leerling_id == leerling_id)
            .order_by(t.Vastlegging.id)
        ).all()
        plaatsingen = session.execute(
            select(
                t.Plaatsing.id,
                t.Plaatsing.soort,
                t.Plaatsing.status,
                t.Plaatsing.einddatum,
                t.Plaatsing.perioden_afgerond,
            )
            .where(t.Plaatsing.leerling_id == leerling_id)
            .order_by(t.Plaatsing.id)
        ).all()
        return Stand(
            state=leerling.state,
            version=leerling.version,
            leerling=(
                leerling.leerjaar,
                leerling.definitieve_sector,
                leerling.vertrekdatum,
                leerling.stagebegeleider_id,
            ),
            records=tuple(tuple(r) for r in records),
            plaatsingen=tuple(tuple(p) for p in plaatsingen),
            audit_events=session.scalar(select(func.count()).select_from(t.AuditEvent)),
            audit_payloads=session.scalar(select(func.count()).select_from(t.AuditPayload)),
        )


def audit_events(
    sessions: sessionmaker[Session], leerling_id: int | None = None, soort: str | None = None
) -> list[tuple[t.AuditEvent, dict[str, Any] | None]]:
    query = select(t.AuditEvent, t.AuditPayload.payload).outerjoin(
        t.AuditPayload, t.AuditPayload.event_id == t.AuditEvent.id
    )
    if leerling_id is not None:
        query = query.where(t.AuditEvent.leerling_id == leerling_id)
    if soort is not None:
        query = query.where(t.AuditEvent.soort == soort)
    with sessions() as session:
        return [(e, p) for e, p in session.execute(query.order_by(t.AuditEvent.id))]
