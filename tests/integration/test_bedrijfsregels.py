"""The company rules at `stage_starten` on the real database (issue #17, Done-when): the SBB
erkenning valid the day before vs on the start date, a geblokkeerd company, the company's
capacity N vs N+1 and the race for its last place, and the teamleider's override of each."""

from __future__ import annotations

import threading
from datetime import date, timedelta

from sqlalchemy import select

from tests.integration.builders import MOTIVATIE, audit_events, erkend_bedrijf
from tests.integration.test_placement_rules import START, stage_klaar, starten
from trajectory.store import tables as t
from trajectory.usecases import bedrijven, engine

BEDRIJF = "Supermarkt De Hoek"  # the company stage_klaar places at


def _bedrijf(sessions, clock, staff, **velden) -> int:
    data = {"naam": BEDRIJF, "sectoren": ["03"], **velden}
    return bedrijven.registreer(sessions, data, actor=staff.teamleider, clock=clock)


def _entree_klaar(sessions, clock, staff) -> int:
    lid, _ = stage_klaar(sessions, clock, staff, geboren=date(2007, 5, 1), leerjaar="entree")
    clock.set(START)
    return lid


def _falend(result) -> dict[str, str | None]:
    assert isinstance(result, engine.Geweigerd), result
    return {v.guard: v.reden for v in result.failing}


def _lopend_bij(sessions, bedrijf_id: int) -> int:
    with sessions() as session:
        return len(
            session.scalars(
                select(t.Plaatsing.id).where(
                    t.Plaatsing.stagebedrijf_id == bedrijf_id, t.Plaatsing.status == "lopend"
                )
            ).all()
        )


# --- the erkenning on the start date ---------------------------------------------------------


def test_een_erkenning_tot_de_dag_voor_de_start_weigert_entree(sessions, clock, staff):
    erkend_bedrijf(sessions, clock, staff.teamleider, BEDRIJF, geldig_tot=START - timedelta(1))
    lid = _entree_klaar(sessions, clock, staff)

    result = starten(sessions, clock, staff.stagebegeleider, lid)

    assert _falend(result) == {
        "erkend_leerbedrijf": "De SBB-erkenning van Supermarkt De Hoek is geldig tot en met "
        "03-03-2025 en de stage start op 04-03-2025; Entree vraagt een erkend leerbedrijf op de "
        "startdatum."
    }
    ((weigering, _),) = audit_events(sessions, lid, soort="weigering")
    assert weigering.id == result.event_id


def test_een_erkenning_tot_en_met_de_startdatum_laat_entree_starten(sessions, clock, staff):
    erkend_bedrijf(sessions, clock, staff.teamleider, BEDRIJF, geldig_tot=START)
    lid = _entree_klaar(sessions, clock, staff)

    result = starten(sessions, clock, staff.stagebegeleider, lid)

    assert isinstance(result, engine.Overgegaan), result
    assert (result.state, result.override) == ("entree", False)


def test_een_erkenning_zonder_datum_vraagt_die_datum_en_de_teamleider_kan_doorzetten(
    sessions, clock, staff
):
    erkend_bedrijf(sessions, clock, staff.teamleider, BEDRIJF, geldig_tot=None)
    lid = _entree_klaar(sessions, clock, staff)

    geweigerd = starten(sessions, clock, staff.stagebegeleider, lid)
    doorgezet = starten(sessions, clock, staff.teamleider, lid, motivatie=MOTIVATIE)

    assert "leg die datum vast in het bedrijvenregister" in _falend(geweigerd)["erkend_leerbedrijf"]
    assert isinstance(doorgezet, engine.Overgegaan)
    assert doorgezet.override
    ((overgang, payload),) = audit_events(sessions, lid, soort="overgang")[-1:]
    assert overgang.override
    assert payload["motivatie"] == MOTIVATIE


def test_een_pro_stage_bij_een_bedrijf_zonder_erkenning_start_wel(sessions, clock, staff):
    _bedrijf(sessions, clock, staff)
    lid, _ = stage_klaar(sessions, clock, staff)
    clock.set(START)

    result = starten(sessions, clock, staff.stagebegeleider, lid)

    assert isinstance(result, engine.Overgegaan), result
    assert not result.override


# --- a geblokkeerd company ------------------------------------------------------------------


def test_bij_een_geblokkeerd_bedrijf_start_geen_stage_tenzij_de_teamleider_doorzet(
    sessions, clock, staff
):
    bedrijf_id = _bedrijf(sessions, clock, staff)
    lid, _ = stage_klaar(sessions, clock, staff)
    reden = "Geen begeleiding op de werkvloer geregeld."
    status = {"status": "geblokkeerd", "reden": reden, "version": 1}
    bedrijven.zet_status(sessions, bedrijf_id, status, actor=staff.teamleider, clock=clock)
    clock.set(START)

    geweigerd = starten(sessions, clock, staff.stagebegeleider, lid)
    doorgezet = starten(sessions, clock, staff.teamleider, lid, motivatie=MOTIVATIE)

    assert _falend(geweigerd) == {
        "bedrijf_niet_geblokkeerd": "Supermarkt De Hoek is geblokkeerd in het bedrijvenregister; "
        f"daar start geen nieuwe stage. Reden: {reden}"
    }
    assert isinstance(doorgezet, engine.Overgegaan)
    assert doorgezet.override
    assert [v.guard for v in doorgezet.verdicts if not v.ok] == ["bedrijf_niet_geblokkeerd"]


def test_een_gepauzeerd_bedrijf_blokkeert_niet(sessions, clock, staff):
    bedrijf_id = _bedrijf(sessions, clock, staff)
    lid, _ = stage_klaar(sessions, clock, staff)
    status = {"status": "gepauzeerd", "reden": "Verbouwing tot de zomer.", "version": 1}
    bedrijven.zet_status(sessions, bedrijf_id, status, actor=staff.teamleider, clock=clock)
    clock.set(START)

    assert isinstance(starten(sessions, clock, staff.stagebegeleider, lid), engine.Overgegaan)


# --- the company's capacity -----------------------------------------------------------------


def test_een_bedrijf_met_n_plaatsen_neemt_n_stagiairs_en_de_volgende_niet(sessions, clock, staff):
    bedrijf_id = _bedrijf(sessions, clock, staff, capaciteit=2)
    leerlingen = [stage_klaar(sessions, clock, staff)[0] for _ in range(3)]
    clock.set(START)

    eerste, tweede, derde = (
        starten(sessions, clock, staff.stagebegeleider, lid) for lid in leerlingen
    )

    assert isinstance(eerste, engine.Overgegaan)
    assert isinstance(tweede, engine.Overgegaan)
    assert _falend(derde) == {
        "bedrijf_heeft_plaats": "Bij Supermarkt De Hoek is geen stageplaats vrij: er lopen 2 "
        "stages en het bedrijf heeft 2 plaatsen."
    }
    assert _lopend_bij(sessions, bedrijf_id) == 2
    ((weigering, _),) = audit_events(sessions, leerlingen[2], soort="weigering")
    assert weigering.id == derde.event_id


def test_de_teamleider_kan_een_plaats_boven_de_capaciteit_geven(sessions, clock, staff):
    bedrijf_id = _bedrijf(sessions, clock, staff, capaciteit=1)
    eerste, tweede = (stage_klaar(sessions, clock, staff)[0] for _ in range(2))
    clock.set(START)
    assert isinstance(starten(sessions, clock, staff.stagebegeleider, eerste), engine.Overgegaan)

    result = starten(sessions, clock, staff.teamleider, tweede, motivatie=MOTIVATIE)

    assert isinstance(result, engine.Overgegaan), result
    assert result.override
    assert _lopend_bij(sessions, bedrijf_id) == 2
    overgang, payload = audit_events(sessions, tweede, soort="overgang")[-1]
    assert overgang.override
    assert payload["motivatie"] == MOTIVATIE
    assert any(g["guard"] == "bedrijf_heeft_plaats" and not g["ok"] for g in overgang.guards)


def test_twee_begeleiders_tegelijk_op_de_laatste_plaats_bij_een_bedrijf_krijgen_er_samen_een(
    sessions, clock, staff
):
    """Five rounds at a company with one place; PostgreSQL: the second waits for the first's
    lock on the company and then sees its placement running (SQLite serialises writers)."""
    for ronde in range(5):
        bedrijf_id = bedrijven.registreer(
            sessions,
            {"naam": f"Winkel {ronde}", "sectoren": ["03"], "capaciteit": 1},
            actor=staff.teamleider,
            clock=clock,
        )
        clock.set(date(2025, 3, 3))
        paar = [stage_klaar(sessions, clock, staff, bedrijf=f"Winkel {ronde}")[0] for _ in range(2)]
        clock.set(START)
        barrier = threading.Barrier(2, timeout=30)
        results: dict[int, object] = {}

        def start(lid: int, barrier=barrier, results=results) -> None:
            barrier.wait()
            try:
                results[lid] = starten(sessions, clock, staff.stagebegeleider, lid)
            except Exception as exc:  # the outcome is what the test judges
                results[lid] = exc

        threads = [threading.Thread(target=start, args=(lid,)) for lid in paar]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        gestart = [r for r in results.values() if isinstance(r, engine.Overgegaan)]
        geweigerd = [r for r in results.values() if isinstance(r, engine.Geweigerd)]
        assert (len(gestart), len(geweigerd)) == (1, 1), (ronde, results)
        assert [v.guard for v in geweigerd[0].failing] == ["bedrijf_heeft_plaats"]
        verliezer = next(lid for lid, r in results.items() if r is geweigerd[0])
        ((weigering, _),) = audit_events(sessions, verliezer, soort="weigering")
        assert weigering.id == geweigerd[0].event_id
        assert _lopend_bij(sessions, bedrijf_id) == 1
