"""Trajectory versions side by side, and `trajectory migrate` (issue 8)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.integration.builders import breng_naar, nieuwe_leerling, stand
from trajectory.domain.clock import today
from trajectory.machines.definition import STATES, TRANSITIONS
from trajectory.machines.machine import machine_voor
from trajectory.machines.versies import MIGRATIES, V2024_2025, Definitie, Migratie, MigratieFout
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import engine, vastleggen
from trajectory.usecases.laden import snapshot_van
from trajectory.usecases.migreren import migreer

MIGRATIE = MIGRATIES["beleid-2025-2026"]


def _met_stage_op(sessions, clock, staff, km: float) -> int:  # noqa: ANN001
    leerling = nieuwe_leerling(sessions, clock, staff.teamleider, leerjaar="3", klas="3A")
    breng_naar(sessions, clock, staff.teamleider, leerling, "stage_zoeken")
    plaatsing = {"bedrijf": "Bakkerij Jansen", "sector": "08", "startdatum": date(2025, 3, 10)}
    vastleggen.add_plaatsing(
        sessions, leerling, {**plaatsing, "afstand_km": km}, actor=staff.teamleider, clock=clock
    )
    return leerling


def _fietsafstand(sessions: sessionmaker[Session], leerling_id: int, clock) -> bool:  # noqa: ANN001
    with sessions() as session:
        snapshot = snapshot_van(session, repo.get_leerling(session, leerling_id))
    (optie,) = [o for o in engine.options(snapshot, today(clock)) if o.trigger == "stage_starten"]
    return next(v.ok for v in optie.verdicts if v.guard == "binnen_fietsafstand")


def _versies(sessions: sessionmaker[Session]) -> dict[int, tuple[str, str, int]]:
    with sessions() as session:
        rows = session.execute(
            select(
                t.Leerling.id, t.Leerling.state, t.Leerling.trajectory_version, t.Leerling.version
            )
        )
        return {i: (state, versie, v) for i, state, versie, v in rows}


def test_een_nieuwe_leerling_krijgt_de_versie_van_het_huidige_schooljaar(sessions, clock, staff):
    leerling = nieuwe_leerling(sessions, clock, staff.teamleider)
    clock.set(date(2025, 9, 2))
    later = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Noa Bakker")
    versies = _versies(sessions)
    assert versies[leerling][1] == "2024-2025"
    assert versies[later][1] == "2025-2026"


def test_een_leerling_op_versie_a_houdt_de_regels_van_a_als_b_geladen_is(sessions, clock, staff):
    machine_voor("2025-2026")  # version B loaded in this process
    oud = _met_stage_op(sessions, clock, staff, km=18)
    clock.set(date(2025, 9, 2))
    nieuw = _met_stage_op(sessions, clock, staff, km=18)
    assert _versies(sessions)[nieuw][1] == "2025-2026"
    assert _fietsafstand(sessions, oud, clock) is False  # 2024-2025: at most 15 km
    assert _fietsafstand(sessions, nieuw, clock) is True  # 2025-2026: at most 20 km


def test_een_proefmigratie_toont_precies_wat_de_migratie_daarna_doet(sessions, clock, staff):
    eerste = _met_stage_op(sessions, clock, staff, km=18)
    tweede = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Noa Bakker")
    voor = _versies(sessions)

    proef = migreer(sessions, MIGRATIE, clock=clock, proef=True)
    assert _versies(sessions) == voor
    echt = migreer(sessions, MIGRATIE, clock=clock)

    assert proef == echt
    assert [v.leerling_id for v in echt] == [eerste, tweede]
    na = _versies(sessions)
    for v in echt:
        assert na[v.leerling_id] == (v.naar, "2025-2026", voor[v.leerling_id][2] + 1)
    assert _fietsafstand(sessions, eerste, clock) is True
    assert migreer(sessions, MIGRATIE, clock=clock) == []  # nobody left on 2024-2025


def test_elke_gemigreerde_leerling_krijgt_een_auditevent_van_het_systeem(sessions, clock, staff):
    leerling = nieuwe_leerling(sessions, clock, staff.teamleider)
    migreer(sessions, MIGRATIE, clock=clock)
    with sessions() as session:
        event = session.scalars(select(t.AuditEvent).where(t.AuditEvent.soort == "migratie")).one()
        assert (event.leerling_id, event.actor_rol, event.trigger) == (
            leerling,
            "systeem",
            "beleid-2025-2026",
        )
        assert repo.verify_audit(session) is None


def test_een_mislukte_migratie_verandert_niets(sessions, clock, staff):
    """A version without the snuffelstage and a migration that forgets to say where those
    leerlingen go: the leerling before the one in the snuffelstage is not migrated either."""
    zonder = Definitie(
        versie="2099-2100",
        states=tuple(s for s in STATES if s != "snuffelstage"),
        transitions=tuple(o for o in TRANSITIONS if "snuffelstage" not in (o.source, o.dest)),
    )
    kapot = Migratie(naam="vergeten", van=V2024_2025, naar=zonder)
    eerste = nieuwe_leerling(sessions, clock, staff.teamleider)
    tweede = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Noa Bakker")
    breng_naar(sessions, clock, staff.teamleider, tweede, "snuffelstage")
    voor = (stand(sessions, eerste), stand(sessions, tweede))

    with pytest.raises(MigratieFout):
        migreer(sessions, kapot, clock=clock)

    assert (stand(sessions, eerste), stand(sessions, tweede)) == voor
    hersteld = replace(kapot, verwijderd={"snuffelstage": "stage_advies"})
    assert [v.naar for v in migreer(sessions, hersteld, clock=clock, proef=True)] == [
        "interne_stage",
        "stage_advies",
    ]
