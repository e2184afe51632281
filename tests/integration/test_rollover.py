"""The yearly rollover: preview equals result, exceptions per leerling, klas follows (issue 8)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.integration.builders import breng_naar, nieuwe_leerling
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases.rollover import RolloverFout, rollover


def _leerjaren(sessions) -> dict[int, tuple[str, str | None]]:  # noqa: ANN001
    with sessions() as session:
        rows = session.execute(select(t.Leerling.id, t.Leerling.leerjaar, t.Leerling.klas))
        return {i: (lj, klas) for i, lj, klas in rows}


def test_de_proef_van_de_rollover_is_precies_wat_de_rollover_doet(sessions, clock, staff):
    tl = staff.teamleider
    gaat_door = nieuwe_leerling(sessions, clock, tl, naam="A", leerjaar="3", klas="3A")
    doubleert = nieuwe_leerling(sessions, clock, tl, naam="B", leerjaar="3", klas="3B")
    entree = nieuwe_leerling(sessions, clock, tl, naam="C", leerjaar="4", klas="4A")
    al_door = nieuwe_leerling(sessions, clock, tl, naam="D", leerjaar="2", klas="2A")
    breng_naar(sessions, clock, tl, al_door, "stage_zoeken")  # the advies moved it to lj 3
    laatste = nieuwe_leerling(sessions, clock, tl, naam="E", leerjaar="5", klas="5A")
    keuzes = {doubleert: "doubleren", entree: "entree"}
    voor = _leerjaren(sessions)

    proef = rollover(
        sessions, "2025-2026", actor=tl, clock=clock, uitzonderingen=keuzes,
        klassen={entree: "E1"}, proef=True,
    )  # fmt: skip
    assert _leerjaren(sessions) == voor
    echt = rollover(
        sessions, "2025-2026", actor=tl, clock=clock, uitzonderingen=keuzes, klassen={entree: "E1"}
    )

    assert proef == echt
    na = _leerjaren(sessions)
    assert {s.leerling_id: (s.leerjaar_naar, s.klas_naar) for s in echt} == na
    assert na[gaat_door] == ("4", "4A")
    assert na[doubleert] == ("3", "3B")
    assert na[entree] == ("entree", "E1")
    assert na[al_door] == ("3", "3A")  # not counted twice; the klas follows
    assert na[laatste] == ("5", "5A")
    with sessions() as session:
        soorten = session.scalars(
            select(t.AuditEvent.leerling_id).where(t.AuditEvent.soort == "rollover")
        )
        assert sorted(soorten) == sorted([gaat_door, entree, al_door])
        assert repo.verify_audit(session) is None


def test_een_schooljaar_gaat_maar_een_keer_in_gang_en_alleen_door_de_teamleider(
    sessions, clock, staff
):
    nieuwe_leerling(sessions, clock, staff.teamleider, leerjaar="3", klas="3A")
    with pytest.raises(PermissionError):
        rollover(sessions, "2025-2026", actor=staff.stagebegeleider, clock=clock)
    rollover(sessions, "2025-2026", actor=staff.teamleider, clock=clock)
    voor = _leerjaren(sessions)
    with pytest.raises(RolloverFout, match="al in gang gezet"):
        rollover(sessions, "2025-2026", actor=staff.teamleider, clock=clock)
    assert _leerjaren(sessions) == voor
