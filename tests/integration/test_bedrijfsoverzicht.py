"""The register's read model (issue #17) on both databases: the list's SQL filters give the
answers of the domain's rules (`erkend_op`, `vrije_plaatsen`) at their boundaries, and the visit
reminder names the placement's praktijkbegeleider."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from tests.integration.builders import MOTIVATIE, breng_naar, nieuwe_leerling, versie
from trajectory.domain.bedrijven import erkend_op, vrije_plaatsen
from trajectory.store import tables as t
from trajectory.store.bedrijfsoverzicht import Registerfilter
from trajectory.usecases import bedrijfsoverzicht, bedrijven, engine, vastleggen
from trajectory.usecases.herinneringen import fire_due

OP = date(2025, 3, 3)


def _namen(sessions, actor, **filter_) -> set[str]:
    with sessions() as session:
        regels, totaal = bedrijfsoverzicht.register(
            session, actor, Registerfilter(**filter_), op=OP, pagina=1
        )
    assert totaal == len(regels)
    return {r.naam for r in regels}


def test_het_filter_erkend_geeft_de_antwoorden_van_de_erkenningsregel(sessions, clock, staff):
    gevallen = {  # naam -> (geldig tot, sectoren)
        "Gisteren": (OP - timedelta(days=1), ["08"]),
        "Vandaag": (OP, ["08"]),
        "Morgen": (OP + timedelta(days=1), ["08"]),
        "Andere sector": (OP + timedelta(days=1), ["04"]),
        "Zonder datum": (None, ["08"]),
        "Zonder sector": (OP, []),
    }
    for naam, (tot, sectoren) in gevallen.items():
        velden = {"erkenning_geldig_tot": tot, "erkenning_sectoren": sectoren}
        bedrijven.registreer(
            sessions, {"naam": naam, "sectoren": sectoren, **velden},
            actor=staff.teamleider, clock=clock,
        )  # fmt: skip
    for sector in ("08", "04"):
        verwacht = {n for n, (tot, s) in gevallen.items() if erkend_op(tot, s, sector, OP)}
        assert _namen(sessions, staff.mentor, erkend_op=OP, sector=sector) == verwacht
    zonder_sector = {
        n for n, (tot, s) in gevallen.items() if any(erkend_op(tot, s, x, OP) for x in s)
    }
    assert _namen(sessions, staff.mentor, erkend_op=OP) == zonder_sector == {
        "Vandaag", "Morgen", "Andere sector"
    }  # fmt: skip


def test_het_filter_vrij_geeft_de_antwoorden_van_de_regel_voor_vrije_plaatsen(
    sessions, clock, staff
):
    tl = staff.teamleider
    for naam, capaciteit in (("Onbeperkt", None), ("Geen", 0), ("Een", 1), ("Twee", 2)):
        bedrijven.registreer(
            sessions, {"naam": naam, "capaciteit": capaciteit}, actor=tl, clock=clock
        )
    _op_stage_bij(sessions, clock, staff, "Een")
    _op_stage_bij(sessions, clock, staff, "Twee")

    with sessions() as session:
        regels, _ = bedrijfsoverzicht.register(session, tl, Registerfilter(), op=OP, pagina=1)
    verwacht = {r.naam for r in regels if vrije_plaatsen(r.capaciteit, r.bezet) != 0}
    assert {r.naam: r.bezet for r in regels} == {"Onbeperkt": 0, "Geen": 0, "Een": 1, "Twee": 1}
    assert _namen(sessions, tl, vrij=True) == verwacht == {"Onbeperkt", "Twee"}


def _op_stage_bij(sessions, clock, staff, bedrijf: str, **plaatsing) -> int:
    tl = staff.teamleider
    leerling = nieuwe_leerling(
        sessions, clock, tl, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, tl, leerling, "stage_zoeken")
    gegevens = {"bedrijf": bedrijf, "sector": "08", "startdatum": OP.isoformat(), **plaatsing}
    vastleggen.add_plaatsing(sessions, leerling, gegevens, actor=tl, clock=clock)
    gestart = engine.advance(
        sessions, leerling, "stage_starten", actor=tl, version=versie(sessions, leerling),
        clock=clock, motivatie=MOTIVATIE,
    )  # fmt: skip
    assert isinstance(gestart, engine.Overgegaan)
    return leerling


def test_de_bezoekherinnering_noemt_de_praktijkbegeleider(sessions, clock, staff):
    tl = staff.teamleider
    bedrijf = bedrijven.registreer(sessions, {"naam": "Bakkerij de Korrel"}, actor=tl, clock=clock)
    pb = bedrijven.voeg_praktijkbegeleider_toe(
        sessions, bedrijf,
        {"naam": "Piet Bakker", "telefoon": "030-1234567", "email": "piet@korrel.test"},
        actor=tl, clock=clock,
    )  # fmt: skip
    leerling = _op_stage_bij(sessions, clock, staff, "Bakkerij de Korrel", praktijkbegeleider_id=pb)

    clock.advance(days=45)
    assert fire_due(sessions, clock)["bezoek"] >= 1

    with sessions() as session:
        teksten = session.scalars(
            select(t.Melding.tekst).where(
                t.Melding.leerling_id == leerling, t.Melding.soort == "bezoek"
            )
        ).all()
        stagemap = session.scalars(
            select(t.Melding.tekst).where(t.Melding.soort == "stagemap")
        ).all()
    assert teksten
    for tekst in teksten:
        assert (
            "Praktijkbegeleider: Piet Bakker (Bakkerij de Korrel), 030-1234567, "
            "piet@korrel.test." in tekst
        )
    assert all("Praktijkbegeleider" not in tekst for tekst in stagemap)
