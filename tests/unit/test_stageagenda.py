"""The weekly stage-agenda (issue #18): which hours are approved and count towards Entree's
650, and which part of a week is missing (what the `stagemap` reminder asks for)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import a_leerling, reden
from trajectory.domain.stageagenda import maandag, ontbrekend
from trajectory.domain.uren import entree_totaal, niet_goedgekeurd, urenregels

START = date(2024, 9, 2)  # a Monday
OP = date(2025, 5, 1)


def _in_entree():
    return a_leerling(geboren=date(2007, 5, 1), leerjaar="entree", state="entree").with_plaatsing(
        "entree", "lopend", erkend_leerbedrijf=True, startdatum=START, einddatum=date(2025, 7, 4)
    )


def _week(leerling, week: date, **uren: float):
    """The praktijkbegeleider's week through the link, with hours per day (ISO date: hours)."""
    return leerling.with_record(
        "agenda_week", datum=week, plaatsing_id=1, week=week, uren=uren, door="pb (link)"
    )


def test_uren_van_voor_de_digitale_agenda_tellen_als_goedgekeurd_op_papier():
    leerling = _in_entree().with_record("uren", datum=date(2024, 9, 3), plaatsing_id=1, uren=7)
    s = leerling.build()
    assert [(r.uren, r.goedgekeurd, r.bron) for r in urenregels(s, [1])] == [(7.0, True, "papier")]
    assert entree_totaal(s, OP) == 7


def test_de_uren_van_de_praktijkbegeleider_vervangen_die_van_de_school_in_hun_week():
    leerling = _in_entree().with_record("uren", datum=date(2024, 9, 10), plaatsing_id=1, uren=7)
    _week(leerling, date(2024, 9, 9), **{"2024-09-10": 6.5, "2024-09-11": 7})
    s = leerling.build()
    assert entree_totaal(s, OP) == 13.5  # 6,5 (bevestigd, gecorrigeerd) + 7, niet + de 7 van school
    assert niet_goedgekeurd(s, OP) == 0


def test_uren_van_school_na_de_eerste_digitale_week_wachten_op_goedkeuring():
    leerling = _in_entree()
    _week(leerling, date(2024, 9, 9), **{"2024-09-10": 7})
    leerling.with_record("uren", datum=date(2024, 9, 17), plaatsing_id=1, uren=7)
    s = leerling.build()
    assert (entree_totaal(s, OP), niet_goedgekeurd(s, OP)) == (7, 7)


@pytest.mark.parametrize(
    ("goedgekeurd", "verwacht"),
    [
        pytest.param(
            False,
            "Er zijn in het opleidingsjaar (01-08-2024 t/m 31-07-2025) 649,5 stage-uren "
            "geregistreerd; voor het examen zijn er 650 nodig. Nog 0,5 uur wacht op "
            "goedkeuring door de praktijkbegeleider.",
            id="half_uur_niet_goedgekeurd",
        ),
        pytest.param(True, None, id="goedgekeurd_650"),
    ],
)
def test_alleen_goedgekeurde_uren_tellen_voor_het_examen(goedgekeurd, verwacht):
    # 649,5 uur op papier (voor de digitale agenda), dan een week met 0,5 uur
    leerling = _in_entree().with_record("uren", datum=date(2024, 9, 3), plaatsing_id=1, uren=649.5)
    _week(leerling, date(2024, 9, 9), **{"2024-09-10": 0})  # de eerste digitale week
    leerling.with_record("uren", datum=date(2024, 9, 17), plaatsing_id=1, uren=0.5)
    if goedgekeurd:
        _week(leerling, date(2024, 9, 16), **{"2024-09-17": 0.5})
    assert reden("uren_650", leerling.build(), OP) == verwacht


def _lopend(*records: tuple[str, date]):
    leerling = a_leerling(state="individuele_stage").with_plaatsing(
        "individuele_stage", "lopend", startdatum=START, einddatum=date(2025, 6, 27)
    )
    for kind, week in records:
        data = {"week_van": week} if kind == "stage_agenda" else {"week": week}
        leerling.with_record(kind, datum=week, plaatsing_id=1, **data)
    return leerling.build()


VORIGE_WEEK = date(2024, 9, 9)
OP_MAANDAG = date(2024, 9, 16)


@pytest.mark.parametrize(
    ("gedaan", "ontbreekt"),
    [
        ((), ("praktijkbegeleider", "leerling", "stagebegeleider")),
        (("agenda_week",), ("leerling", "stagebegeleider")),
        (("agenda_week", "agenda_reflectie"), ("stagebegeleider",)),
        (("agenda_reflectie", "stage_agenda"), ("praktijkbegeleider",)),
        (("agenda_week", "stage_agenda"), ("leerling",)),
        (("agenda_week", "agenda_reflectie", "stage_agenda"), ()),
    ],
)
def test_de_herinnering_vraagt_om_precies_het_deel_dat_ontbreekt(gedaan, ontbreekt):
    s = _lopend(*((kind, VORIGE_WEEK) for kind in gedaan))
    assert ontbrekend(s, OP_MAANDAG) == (VORIGE_WEEK, ontbreekt)


def test_een_deel_van_een_andere_week_telt_niet_voor_de_vorige_week():
    s = _lopend(("agenda_week", START), ("stage_agenda", OP_MAANDAG))
    assert ontbrekend(s, OP_MAANDAG)[1] == ("praktijkbegeleider", "leerling", "stagebegeleider")


def test_in_de_eerste_week_van_de_stage_ontbreekt_nog_niets():
    assert ontbrekend(_lopend(), date(2024, 9, 4)) is None
    assert maandag(date(2024, 9, 8)) == START


def test_de_herinnering_gaat_naar_wie_zijn_deel_niet_deed():
    from trajectory.domain.stageagenda import herinnering

    alleen_leerling = _lopend(("agenda_week", VORIGE_WEEK), ("stage_agenda", VORIGE_WEEK))
    assert list(herinnering(alleen_leerling, OP_MAANDAG)) == ["stagebegeleider"]
    assert list(herinnering(alleen_leerling, OP_MAANDAG, met_link=frozenset({"leerling"}))) == [
        "leerling"
    ]
    alleen_bedrijf = _lopend(("agenda_reflectie", VORIGE_WEEK), ("stage_agenda", VORIGE_WEEK))
    assert list(herinnering(alleen_bedrijf, OP_MAANDAG)) == ["praktijkbegeleider"]
    alleen_school = _lopend(("agenda_week", VORIGE_WEEK), ("agenda_reflectie", VORIGE_WEEK))
    assert herinnering(alleen_school, OP_MAANDAG) == {
        "stagebegeleider": ("Teken de stage-agenda van week 37 (09-09 t/m 15-09-2024) af.",)
    }
    klaar = _lopend(
        ("agenda_week", VORIGE_WEEK),
        ("agenda_reflectie", VORIGE_WEEK),
        ("stage_agenda", VORIGE_WEEK),
    )
    assert herinnering(klaar, OP_MAANDAG) == {}


def test_de_overgenomen_uren_van_de_intake_blijven_tellen_in_een_digitale_week():
    leerling = _in_entree().with_record(
        "uren", datum=date(2024, 9, 10), plaatsing_id=1, uren=120, overgenomen=True
    )
    _week(leerling, date(2024, 9, 9), **{"2024-09-11": 7})
    assert entree_totaal(leerling.build(), OP) == 127


def test_een_stage_die_na_haar_einddatum_doorloopt_wordt_nog_steeds_gevraagd():
    s = _lopend()
    assert ontbrekend(s, date(2025, 7, 14)) == (
        date(2025, 7, 7),
        ("praktijkbegeleider", "leerling", "stagebegeleider"),
    )
