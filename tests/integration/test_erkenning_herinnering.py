"""An SBB erkenning expiring during a running Entree placement (issue #17, DOMAIN.md Timers):
a reminder to the stagebegeleider six weeks ahead and a line on the dashboard, on a driven
clock; an edit of the company's erkenning re-plans the reminders in its own transaction."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tests.integration.builders import erkend_bedrijf
from tests.integration.test_placement_rules import START, stage_klaar, starten
from trajectory.store import tables as t
from trajectory.usecases import bedrijven, engine, taken
from trajectory.usecases.herinneringen import fire_due

BEDRIJF = "Supermarkt De Hoek"
VERLOOPT = date(2025, 5, 20)  # during the placement (4 March – 27 June 2025)
ZES_WEKEN_EERDER = date(2025, 4, 8)


def _entree_loopt(sessions, clock, staff, geldig_tot: date = VERLOOPT) -> tuple[int, int]:
    bedrijf_id = erkend_bedrijf(sessions, clock, staff.teamleider, BEDRIJF, geldig_tot=geldig_tot)
    lid, _ = stage_klaar(sessions, clock, staff, geboren=date(2007, 5, 1), leerjaar="entree")
    clock.set(START)
    assert isinstance(starten(sessions, clock, staff.stagebegeleider, lid), engine.Overgegaan)
    return lid, bedrijf_id


def _gepland(sessions, lid: int) -> list[date]:
    with sessions() as session:
        return list(
            session.scalars(
                select(t.Herinnering.verschuldigd).where(
                    t.Herinnering.leerling_id == lid,
                    t.Herinnering.soort == "erkenning_verloopt",
                    t.Herinnering.status == "gepland",
                )
            )
        )


def _dashboard(sessions, staff, op: date) -> list[str]:
    with sessions() as session:
        return [
            taak.wat for taak in taken.erkenningen_die_verlopen(session, staff.stagebegeleider, op)
        ]


def _meldingen(sessions, lid: int) -> list[int]:
    with sessions() as session:
        return list(
            session.scalars(
                select(t.Melding.ontvanger_id).where(
                    t.Melding.leerling_id == lid, t.Melding.soort == "erkenning_verloopt"
                )
            )
        )


def test_zes_weken_voor_het_verlopen_krijgt_de_stagebegeleider_een_herinnering(
    sessions, clock, staff
):
    lid, _ = _entree_loopt(sessions, clock, staff)
    assert _gepland(sessions, lid) == [ZES_WEKEN_EERDER]

    clock.set(date(2025, 4, 7))
    assert fire_due(sessions, clock)["erkenning_verloopt"] == 0
    assert _dashboard(sessions, staff, date(2025, 4, 7)) == []

    clock.set(ZES_WEKEN_EERDER)
    assert fire_due(sessions, clock)["erkenning_verloopt"] == 1
    assert _meldingen(sessions, lid) == [staff.stagebegeleider.id]
    regel = "SBB-erkenning van Supermarkt De Hoek verloopt op 20-05-2025: laten verlengen"
    assert _dashboard(sessions, staff, ZES_WEKEN_EERDER) == [regel]
    # fired, the reminder leaves the table; the line stays until the erkenning is renewed
    assert _gepland(sessions, lid) == []
    assert _dashboard(sessions, staff, date(2025, 5, 21)) == [regel]


def test_een_erkenning_die_de_hele_stage_dekt_geeft_geen_herinnering(sessions, clock, staff):
    lid, _ = _entree_loopt(sessions, clock, staff, geldig_tot=date(2025, 6, 27))
    assert _gepland(sessions, lid) == []
    assert _dashboard(sessions, staff, date(2025, 6, 1)) == []


def test_een_verlengde_erkenning_haalt_de_herinnering_weg_en_een_ingekorte_plant_hem(
    sessions, clock, staff
):
    lid, bedrijf_id = _entree_loopt(sessions, clock, staff)
    clock.set(date(2025, 3, 10))
    basis = {"naam": BEDRIJF, "sectoren": ["03"], "erkenning_sectoren": ["03"]}

    verlengd = bedrijven.wijzig(
        sessions,
        bedrijf_id,
        {**basis, "erkenning_geldig_tot": "2027-12-31", "version": 1, "reden": "Verlengd."},
        actor=staff.stagebegeleider,
        clock=clock,
    )
    assert _gepland(sessions, lid) == []
    assert _dashboard(sessions, staff, ZES_WEKEN_EERDER) == []

    bedrijven.wijzig(
        sessions,
        bedrijf_id,
        {**basis, "erkenning_geldig_tot": "2025-05-20", "version": verlengd.version},
        actor=staff.stagebegeleider,
        clock=clock,
    )
    assert _gepland(sessions, lid) == [ZES_WEKEN_EERDER]
