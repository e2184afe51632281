"""A company's places taken kept on its row (`stagebedrijf.bezet`, migration 0030, #17 scale):
after every way a placement changes — planned, started, a second leerling, corrected to
another company, voided, finished, dropped out, written by bulk SQL — the column equals the count
of the rule (`store.bedrijven.lopende_plaatsingen_bij`); and the upgrade fills it for the
placements already there."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import insert, select, update

from tests.integration.builders import MOTIVATIE, breng_naar, nieuwe_leerling, versie
from tests.integration.migraties import naar
from trajectory.store import tables as t
from trajectory.store.bedrijven import lopende_plaatsingen_bij
from trajectory.usecases import bedrijven, corrigeren, engine, vastleggen

REDEN = "Verkeerd bedrijf gekozen bij het invoeren."
VORIGE = "0030-1"  # the revision before 0030, whatever it is called after merging


def _bezet(sessions) -> dict[str, tuple[int, int]]:
    """Per company name: (the column, the count of the rule)."""
    with sessions() as session:
        return {
            b.naam: (b.bezet, lopende_plaatsingen_bij(session, b.id))
            for b in session.scalars(select(t.Stagebedrijf).order_by(t.Stagebedrijf.id))
        }


def _stap(sessions, clock, staff, leerling: int, trigger: str, payload=None) -> None:
    gedaan = engine.advance(
        sessions, leerling, trigger, actor=staff.teamleider, version=versie(sessions, leerling),
        clock=clock, payload=payload, motivatie=MOTIVATIE,
    )  # fmt: skip
    assert isinstance(gedaan, engine.Overgegaan), gedaan


def _gepland_bij(sessions, clock, staff, bedrijf: str) -> int:
    tl = staff.teamleider
    leerling = nieuwe_leerling(
        sessions, clock, tl, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, tl, leerling, "stage_zoeken")
    gegevens = {"bedrijf": bedrijf, "sector": "08", "startdatum": "2025-03-03"}
    vastleggen.add_plaatsing(sessions, leerling, gegevens, actor=tl, clock=clock)
    return leerling


def _lopende(sessions, leerling: int) -> int:
    with sessions() as session:
        return session.scalars(
            select(t.Plaatsing.id).where(
                t.Plaatsing.leerling_id == leerling, t.Plaatsing.status == "lopend",
                t.HUIDIGE_PLAATSING,
            )
        ).one()  # fmt: skip


def test_bezet_is_na_elke_wijziging_van_een_plaatsing_de_telling_van_de_regel(
    sessions, clock, staff
):
    tl = staff.teamleider
    for naam in ("Bakkerij Een", "Bakkerij Twee"):
        bedrijven.registreer(sessions, {"naam": naam, "sectoren": ["08"]}, actor=tl, clock=clock)
    eerste = _gepland_bij(sessions, clock, staff, "Bakkerij Een")
    assert _bezet(sessions) == {"Bakkerij Een": (0, 0), "Bakkerij Twee": (0, 0)}

    _stap(sessions, clock, staff, eerste, "stage_starten")
    tweede = _gepland_bij(sessions, clock, staff, "Bakkerij Een")
    _stap(sessions, clock, staff, tweede, "stage_starten")
    assert _bezet(sessions) == {"Bakkerij Een": (2, 2), "Bakkerij Twee": (0, 0)}

    with sessions() as session:
        twee = session.scalars(
            select(t.Stagebedrijf.id).where(t.Stagebedrijf.naam == "Bakkerij Twee")
        ).one()
    corrigeren.corrigeer_plaatsing(
        sessions, eerste, _lopende(sessions, eerste), {"stagebedrijf_id": twee},
        reden=REDEN, actor=tl, clock=clock,
    )  # fmt: skip
    assert _bezet(sessions) == {"Bakkerij Een": (1, 1), "Bakkerij Twee": (1, 1)}

    corrigeren.maak_plaatsing_ongeldig(
        sessions, tweede, _lopende(sessions, tweede), reden=REDEN, actor=tl, clock=clock
    )
    _stap(sessions, clock, staff, eerste, "uitvallen", {"code": "verhuizing"})
    assert _bezet(sessions) == {"Bakkerij Een": (0, 0), "Bakkerij Twee": (0, 0)}


def test_bezet_volgt_ook_plaatsingen_die_buiten_de_use_cases_om_worden_geschreven(
    sessions, clock, staff
):
    """The benchmark and the migrations write placements in bulk SQL: the triggers see those
    too (an insert, a move to another company, a status change, a delete)."""
    tl = staff.teamleider
    leerling = nieuwe_leerling(sessions, clock, tl, klas="3A")
    een = bedrijven.registreer(sessions, {"naam": "Een"}, actor=tl, clock=clock)
    twee = bedrijven.registreer(sessions, {"naam": "Twee"}, actor=tl, clock=clock)
    rij = {
        "leerling_id": leerling, "soort": "individuele_stage", "bedrijf": "x", "sector": "08",
        "startdatum": date(2024, 9, 2), "dagdelen": [],
    }  # fmt: skip
    with sessions.begin() as session:
        session.execute(
            insert(t.Plaatsing),
            [{**rij, "status": s, "stagebedrijf_id": een} for s in ("lopend", "lopend", "gepland")],
        )
    assert _bezet(sessions) == {"Een": (2, 2), "Twee": (0, 0)}

    with sessions.begin() as session:
        session.execute(update(t.Plaatsing).values(stagebedrijf_id=twee))
        session.execute(update(t.Plaatsing).where(t.Plaatsing.status == "gepland").values(
            status="lopend"
        ))  # fmt: skip
    assert _bezet(sessions) == {"Een": (0, 0), "Twee": (3, 3)}

    with sessions.begin() as session:
        session.execute(t.Plaatsing.__table__.delete().where(t.Plaatsing.status == "lopend"))
    assert _bezet(sessions) == {"Een": (0, 0), "Twee": (0, 0)}


def test_de_upgrade_vult_bezet_uit_de_plaatsingen_die_er_al_zijn(sessions, engine, clock, staff):
    tl = staff.teamleider
    for naam in ("Bakkerij Een", "Bakkerij Twee"):
        bedrijven.registreer(sessions, {"naam": naam, "sectoren": ["08"]}, actor=tl, clock=clock)
    for _ in range(2):
        leerling = _gepland_bij(sessions, clock, staff, "Bakkerij Een")
        _stap(sessions, clock, staff, leerling, "stage_starten")
    _gepland_bij(sessions, clock, staff, "Bakkerij Twee")  # planned: takes no place yet

    naar(engine, VORIGE, command.downgrade)
    naar(engine, "head", command.upgrade)

    assert _bezet(sessions) == {"Bakkerij Een": (2, 2), "Bakkerij Twee": (0, 0)}
    leerling = _gepland_bij(sessions, clock, staff, "Bakkerij Twee")
    _stap(sessions, clock, staff, leerling, "stage_starten")  # the triggers are back
    assert _bezet(sessions)["Bakkerij Twee"] == (1, 1)
