"""Two people press the same button at the same moment: one wins, the trail never forks.

Real threads, each with its own session, released together by a barrier, on
PostgreSQL only: there both read the same version and the loser is stopped by the
compare-and-set in the UPDATE (row lock), and audit appends to one leerling's chain
queue on its head row (audit_keten). SQLite runs every transaction as BEGIN IMMEDIATE,
so its writers never race.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.integration.builders import MOTIVATIE, audit_events, leg_vast, nieuwe_leerling, stand
from trajectory.store.repository import verify_audit
from trajectory.usecases import engine
from trajectory.usecases.engine import Overgegaan, VersionConflict

RONDES = 20
DRADEN = 8


@pytest.fixture
def postgres_url(database_url: str) -> str:
    if not database_url.startswith("postgresql"):
        pytest.skip("echte gelijktijdigheid vraagt PostgreSQL (SQLite zet schrijvers in de rij)")
    return database_url


def tegelijk(taken: list[Callable[[], Any]]) -> list[Any]:
    """Run each task in its own thread, released together; each result or exception."""
    barrier = threading.Barrier(len(taken), timeout=30)

    def na_het_startschot(taak: Callable[[], Any]) -> Any:
        barrier.wait()
        try:
            return taak()
        except Exception as exc:  # the outcome under test, not a failure of the harness
            return exc

    with ThreadPoolExecutor(max_workers=len(taken)) as pool:
        return list(pool.map(na_het_startschot, taken))


def keten_is_heel(sessions) -> None:
    with sessions() as session:
        assert verify_audit(session) is None
    schakels = [(e.leerling_id, e.prev_hash) for e, _ in audit_events(sessions)]
    assert len(schakels) == len(set(schakels)), "twee events hangen aan hetzelfde vorige"


def test_tegelijk_dezelfde_stap_zetten_geeft_een_overgang_en_een_versieconflict(
    postgres_url, sessions, clock, staff
):
    for ronde in range(RONDES):
        leerling = nieuwe_leerling(
            sessions,
            clock,
            staff.teamleider,
            naam=f"Leerling {ronde}",
            stagebegeleider_id=staff.stagebegeleider.id,
        )
        leg_vast(
            sessions,
            clock,
            staff.stagebegeleider,
            leerling,
            "beoordeling",
            soort="interne_stage",
            uitslag="voldoende",
        )

        def druk_op_de_knop(actor, leerling=leerling):
            return engine.advance(
                sessions, leerling, "interne_stage_afronden", actor=actor, version=1, clock=clock
            )

        uitkomsten = tegelijk(
            [
                lambda: druk_op_de_knop(staff.stagebegeleider),
                lambda: druk_op_de_knop(staff.teamleider),
            ]
        )

        gelukt = [u for u in uitkomsten if isinstance(u, Overgegaan)]
        conflict = [u for u in uitkomsten if isinstance(u, VersionConflict)]
        assert (len(gelukt), len(conflict)) == (1, 1), (ronde, uitkomsten)
        assert conflict[0].huidige_versie == 2
        na = stand(sessions, leerling)
        assert (na.state, na.version) == ("snuffelstage", 2)
        assert len(audit_events(sessions, leerling, soort="overgang")) == 1
        assert audit_events(sessions, leerling, soort="weigering") == []
    keten_is_heel(sessions)


def test_tegelijk_een_uitval_melden_bewaart_de_reden_maar_een_keer(
    postgres_url, sessions, clock, staff
):
    for ronde in range(RONDES):
        leerling = nieuwe_leerling(
            sessions,
            clock,
            staff.teamleider,
            naam=f"Leerling {ronde}",
            stagebegeleider_id=staff.stagebegeleider.id,
        )
        versie = 1
        for trigger, payload in (
            ("interne_stage_afronden", None),
            ("snuffelstage_afronden", None),
            ("advies_groepsstage", {"reden": "nt2", "dagdelen": ["ma_ochtend"]}),
        ):
            versie = engine.advance(
                sessions,
                leerling,
                trigger,
                actor=staff.teamleider,
                version=versie,
                clock=clock,
                payload=payload,
                motivatie=MOTIVATIE,
            ).version

        def meld_uitval(reden, leerling=leerling, versie=versie):
            return engine.advance(
                sessions,
                leerling,
                "uitvallen",
                actor=staff.stagebegeleider,
                version=versie,
                clock=clock,
                payload={"reden": reden},
            )

        uitkomsten = tegelijk([lambda: meld_uitval("Weggestuurd"), lambda: meld_uitval("Gestopt")])

        assert sorted(type(u).__name__ for u in uitkomsten) == ["Overgegaan", "VersionConflict"]
        na = stand(sessions, leerling)
        assert (na.state, na.version) == ("uitgevallen", versie + 1)
        assert len([r for r in na.records if r[1] == "uitval"]) == 1
        assert [p[2] for p in na.plaatsingen] == ["afgebroken"]
        assert len(audit_events(sessions, leerling, soort="overgang")) == 4
    keten_is_heel(sessions)


def test_veel_gelijktijdige_vastleggingen_splitsen_de_auditketen_nooit(
    postgres_url, sessions, clock, staff
):
    leerlingen = [
        nieuwe_leerling(
            sessions,
            clock,
            staff.teamleider,
            naam=f"Leerling {n}",
            stagebegeleider_id=staff.stagebegeleider.id,
        )
        for n in range(DRADEN)
    ]
    per_draad = 5

    def leg_beoordelingen_vast(leerling: int) -> list[int]:
        return [
            leg_vast(
                sessions,
                clock,
                staff.stagebegeleider,
                leerling,
                "beoordeling",
                soort="werkhouding",
                uitslag="voldoende",
                toelichting=f"week {week}",
            )
            for week in range(per_draad)
        ]

    uitkomsten = tegelijk([lambda n=n: leg_beoordelingen_vast(n) for n in leerlingen])

    assert all(isinstance(u, list) for u in uitkomsten), uitkomsten
    vastleggingen = audit_events(sessions, soort="vastlegging")
    assert len(vastleggingen) == DRADEN * per_draad
    keten_is_heel(sessions)


def test_gelijktijdige_stappen_op_verschillende_leerlingen_lukken_allemaal(
    postgres_url, sessions, clock, staff
):
    leerlingen = [
        nieuwe_leerling(
            sessions,
            clock,
            staff.teamleider,
            naam=f"Leerling {n}",
            stagebegeleider_id=staff.stagebegeleider.id,
        )
        for n in range(DRADEN)
    ]

    def drie_stappen(leerling: int) -> int:
        versie = 1
        for trigger in ("interne_stage_afronden", "snuffelstage_afronden", "advies_zelfstandig"):
            result = engine.advance(
                sessions,
                leerling,
                trigger,
                actor=staff.teamleider,
                version=versie,
                clock=clock,
                motivatie=MOTIVATIE,
            )
            versie = result.version
        return versie

    uitkomsten = tegelijk([lambda n=n: drie_stappen(n) for n in leerlingen])

    assert uitkomsten == [4] * DRADEN
    assert all(stand(sessions, n).state == "stage_zoeken" for n in leerlingen)
    assert len(audit_events(sessions, soort="overgang")) == 3 * DRADEN
    keten_is_heel(sessions)


def test_een_stap_en_een_vastlegging_tegelijk_plannen_de_herinneringen_zonder_deadlock(
    postgres_url, sessions, clock, staff
):
    """Both re-plan the leerling's reminders; both lock the leerling before the audit lock."""
    from datetime import date

    from tests.integration.cohort import stap
    from trajectory.usecases import vastleggen

    lid = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Eva de Jong")
    for trigger, payload in (
        ("interne_stage_afronden", None),
        ("snuffelstage_afronden", None),
        ("advies_groepsstage", {"reden": "nt2", "dagdelen": ["ma_ochtend"]}),
        ("uitvallen", {"reden": "Verhuisd"}),
        ("alternatief_starten", {"met": "ondersteuningsteam", "uitkomst": "positief"}),
        ("alternatief_afronden", {"vervolg": "uitstroom"}),
        (
            "uitstromen",
            {"profiel": "arbeid", "bestemming": "Bakker", "vertrekdatum": date(2025, 2, 1)},
        ),
    ):
        stap(sessions, clock, staff, lid, trigger, payload)
    contact = {"met_wie": "werkgever", "hoe_gaat_het": "Goed"}

    for _ in range(RONDES):
        uitkomsten = tegelijk(
            [
                lambda: engine.advance(
                    sessions, lid, "nazorg_contact", actor=staff.teamleider,
                    version=stand(sessions, lid).version, clock=clock, payload=contact,
                ),
                lambda: vastleggen.add_record(
                    sessions, lid, "nazorg_contact", contact, actor=staff.teamleider, clock=clock
                ),
            ]
        )  # fmt: skip
        fouten = [u for u in uitkomsten if isinstance(u, Exception)]
        assert all(isinstance(f, VersionConflict) for f in fouten), fouten
    keten_is_heel(sessions)
