"""The groepsstage waiting list: a freed place goes to the first in line, exactly once (issue 8)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.integration.builders import (
    MOTIVATIE,
    breng_naar,
    groepsstage_contract,
    nieuwe_leerling,
    versie,
)
from tests.integration.test_concurrency import tegelijk
from trajectory.store import tables as t
from trajectory.usecases import engine, wachtlijst
from trajectory.usecases.geweigerd import Geweigerd

DAGDEEL = "ma_ochtend"  # breng_naar("groepsstage") takes ma_ochtend and di_ochtend


def _leerling(sessions, clock, staff, naam: str, state: str) -> int:  # noqa: ANN001
    leerling = nieuwe_leerling(
        sessions, clock, staff.teamleider, naam=naam, stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, staff.teamleider, leerling, state)
    if state == "stage_advies":
        groepsstage_contract(sessions, clock, staff.stagebegeleider, leerling)
    return leerling


def _vol(sessions, clock, staff) -> list[int]:  # noqa: ANN001
    return [_leerling(sessions, clock, staff, f"Groep {i}", "groepsstage") for i in range(5)]


def _verlaat_groepsstage(sessions, clock, staff, leerling: int):  # noqa: ANN001
    return engine.advance(
        sessions,
        leerling,
        "naar_individueel",
        actor=staff.teamleider,
        version=versie(sessions, leerling),
        clock=clock,
        motivatie=MOTIVATIE,
    )


def _stand(sessions) -> tuple[list[tuple[int, str]], int]:  # noqa: ANN001
    with sessions() as session:
        rijen = session.execute(
            select(t.GroepsstageWachtrij.leerling_id, t.GroepsstageWachtrij.status).order_by(
                t.GroepsstageWachtrij.id
            )
        ).all()
        meldingen = session.scalar(
            select(func.count()).select_from(t.Melding).where(t.Melding.soort == "wachtlijst")
        )
    return [tuple(r) for r in rijen], meldingen


def _op_de_lijst(sessions, clock, staff, *leerlingen: int) -> None:  # noqa: ANN001
    for leerling in leerlingen:
        result = wachtlijst.zet_op_wachtlijst(
            sessions, leerling, DAGDEEL, actor=staff.stagebegeleider, clock=clock
        )
        assert not isinstance(result, Geweigerd), result


def _geweigerd(sessions, clock, staff, leerling: int) -> Geweigerd:  # noqa: ANN001
    result = wachtlijst.zet_op_wachtlijst(
        sessions, leerling, DAGDEEL, actor=staff.stagebegeleider, clock=clock
    )
    assert isinstance(result, Geweigerd), result
    return result


def test_op_de_wachtlijst_kan_alleen_als_het_dagdeel_vol_is(sessions, clock, staff):
    wachtend = _leerling(sessions, clock, staff, "Wacht", "stage_advies")
    assert "nog plek" in " ".join(_geweigerd(sessions, clock, staff, wachtend).redenen)
    _vol(sessions, clock, staff)
    _op_de_lijst(sessions, clock, staff, wachtend)
    assert "al op de wachtlijst" in " ".join(_geweigerd(sessions, clock, staff, wachtend).redenen)


def test_een_geweigerde_plaats_op_de_wachtlijst_staat_in_de_audittrail(sessions, clock, staff):
    wachtend = _leerling(sessions, clock, staff, "Wacht", "stage_advies")

    geweigerd = _geweigerd(sessions, clock, staff, wachtend)

    with sessions() as session:
        event = session.get(t.AuditEvent, geweigerd.event_id)
        assert (event.soort, event.trigger, event.leerling_id) == (
            "weigering",
            "op_wachtlijst",
            wachtend,
        )
        assert event.guards == [v.as_dict() for v in geweigerd.verdicts]
    assert _stand(sessions) == ([], 0)


def test_een_vrijgekomen_plek_gaat_naar_de_eerste_op_de_wachtlijst_en_wordt_vastgehouden(
    sessions, clock, staff
):
    groep = _vol(sessions, clock, staff)
    eerste = _leerling(sessions, clock, staff, "Eerste", "stage_advies")
    tweede = _leerling(sessions, clock, staff, "Tweede", "stage_advies")
    _op_de_lijst(sessions, clock, staff, eerste, tweede)

    assert isinstance(_verlaat_groepsstage(sessions, clock, staff, groep[0]), engine.Overgegaan)
    assert _stand(sessions) == ([(eerste, "aangeboden"), (tweede, "wacht")], 1)

    # the place is held: the second in line cannot take it, the first can
    gegevens = {"reden": "nt2", "dagdelen": [DAGDEEL]}
    tweede_poging = engine.advance(
        sessions, tweede, "advies_groepsstage", actor=staff.stagebegeleider,
        version=versie(sessions, tweede), clock=clock, payload=gegevens,
    )  # fmt: skip
    assert isinstance(tweede_poging, engine.Geweigerd)
    assert "groepsstage_plaats_vrij" in {v.guard for v in tweede_poging.failing}
    eerste_poging = engine.advance(
        sessions, eerste, "advies_groepsstage", actor=staff.stagebegeleider,
        version=versie(sessions, eerste), clock=clock, payload=gegevens,
    )  # fmt: skip
    assert isinstance(eerste_poging, engine.Overgegaan)
    assert _stand(sessions) == ([(eerste, "geplaatst"), (tweede, "wacht")], 1)
    assert wachtlijst.aanbieden(sessions, clock=clock) == []  # nothing free: nothing offered


def test_een_verlopen_plek_gaat_naar_de_volgende(sessions, clock, staff):
    groep = _vol(sessions, clock, staff)
    eerste = _leerling(sessions, clock, staff, "Eerste", "stage_advies")
    tweede = _leerling(sessions, clock, staff, "Tweede", "stage_advies")
    _op_de_lijst(sessions, clock, staff, eerste, tweede)
    _verlaat_groepsstage(sessions, clock, staff, groep[0])
    assert wachtlijst.aanbieden(sessions, clock=clock) == []  # still held for the first
    clock.advance(days=6)  # held 5 days
    assert len(wachtlijst.aanbieden(sessions, clock=clock)) == 1
    assert _stand(sessions) == ([(eerste, "vervallen"), (tweede, "aangeboden")], 2)


def test_twee_coordinatoren_tegelijk_geven_de_vrije_plek_maar_een_keer_weg(
    database_url, sessions, clock, staff
):
    if not database_url.startswith("postgresql"):
        pytest.skip("echte gelijktijdigheid vraagt PostgreSQL (SQLite zet schrijvers in de rij)")
    groep = _vol(sessions, clock, staff)
    wachtenden = [_leerling(sessions, clock, staff, f"W{i}", "stage_advies") for i in range(3)]
    _op_de_lijst(sessions, clock, staff, *wachtenden)

    # one coordinator moves a leerling out of the groepsstage while another one hands out
    # free places, twice each on their own connection
    uitkomsten = tegelijk(
        [
            lambda: _verlaat_groepsstage(sessions, clock, staff, groep[0]),
            lambda: wachtlijst.aanbieden(sessions, clock=clock),
            lambda: wachtlijst.aanbieden(sessions, clock=clock),
        ]
    )
    assert not [u for u in uitkomsten if isinstance(u, Exception)], uitkomsten
    rijen, meldingen = _stand(sessions)
    assert rijen == [
        (wachtenden[0], "aangeboden"),
        (wachtenden[1], "wacht"),
        (wachtenden[2], "wacht"),
    ]
    assert meldingen == 1


def test_de_scheduler_geeft_een_verlopen_plek_door_aan_de_volgende(sessions, clock, staff):
    from trajectory.entrypoints.scheduler import wachtlijst_job

    groep = _vol(sessions, clock, staff)
    eerste = _leerling(sessions, clock, staff, "Eerste", "stage_advies")
    tweede = _leerling(sessions, clock, staff, "Tweede", "stage_advies")
    _op_de_lijst(sessions, clock, staff, eerste, tweede)
    _verlaat_groepsstage(sessions, clock, staff, groep[0])
    clock.advance(days=6)
    wachtlijst_job(sessions, clock)
    assert _stand(sessions) == ([(eerste, "vervallen"), (tweede, "aangeboden")], 2)
