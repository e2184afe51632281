"""Entree hours: the total, the ≥ 21 h/week line and the 650-hour forecast (beleidsplan 5.2).

Every expected number is worked out by hand in the comment above it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.builders import a_leerling
from trajectory.domain.schooljaar import Kalender, Schooljaar, Vakantie
from trajectory.domain.uren import UrenStand, entree_stand, stand

START = date(2024, 9, 2)  # a Monday
EINDE_SCHOOLJAAR = date(2025, 7, 7)  # a Monday


def elke_week(eerste: date, weken: int, uren: float) -> list[tuple[date, float]]:
    return [(eerste + timedelta(weeks=n), uren) for n in range(weken)]


def di_wo_do(weken: int, uren: float = 7.0) -> list[tuple[date, float]]:
    """`uren` on every Tuesday, Wednesday and Thursday of the first `weken` weeks."""
    return [(START + timedelta(weeks=w, days=d), uren) for w in range(weken) for d in (1, 2, 3)]


def test_wie_21_uur_per_week_maakt_staat_op_de_lijn_en_haalt_de_650():
    # op 30-09-2024: 28 dagen = 4 weken na de start
    # totaal = 4 weken × 3 dagen × 7 uur = 84; lijn = 21 × 4 = 84 → niet achter
    # tempo: venster (02-09, 30-09] = 4 weken, 84 / 4 = 21 per week
    # prognose: 30-09-2024 → 07-07-2025 = 280 dagen = 40 weken; 84 + 21 × 40 = 924
    assert stand(
        di_wo_do(4), start=START, op=date(2024, 9, 30), einde_schooljaar=EINDE_SCHOOLJAAR
    ) == UrenStand(totaal=84, lijn=84, achter=False, tempo_per_week=21, prognose=924, haalbaar=True)


@pytest.mark.parametrize(
    ("laatste_dag", "totaal", "achter"),
    [
        (7.0, 84.0, False),  # 84 < 84 is onwaar: precies op de lijn is niet achter
        (6.75, 83.75, True),  # een kwartier minder: 83,75 < 84
    ],
)
def test_achter_de_lijn_is_strikt_minder_dan_21_uur_per_week(laatste_dag, totaal, achter):
    # lijn op 30-09-2024 = 21 × 28 / 7 = 84
    uren = [*di_wo_do(4)[:-1], (date(2024, 9, 26), laatste_dag)]
    uitkomst = stand(uren, start=START, op=date(2024, 9, 30), einde_schooljaar=EINDE_SCHOOLJAAR)
    assert (uitkomst.totaal, uitkomst.lijn, uitkomst.achter) == (totaal, 84, achter)


@pytest.mark.parametrize(
    ("maandag", "dinsdag", "totaal", "achter"),
    [
        (3.0, 3.0, 27.0, False),  # 21 + 3 + 3 = 27, precies de lijn
        (3.0, 2.75, 26.75, True),
    ],
)
def test_de_lijn_na_9_dagen_is_precies_27_uur(maandag, dinsdag, totaal, achter):
    # op 11-09-2024: 9 dagen na de start; lijn = 21 × 9 / 7 = 27
    # (in drijvende komma is 21 × (9 / 7) = 27,000000000000004: precies 27 uur is niet achter)
    uren = [*di_wo_do(1), (date(2024, 9, 9), maandag), (date(2024, 9, 10), dinsdag)]
    uitkomst = stand(uren, start=START, op=date(2024, 9, 11), einde_schooljaar=EINDE_SCHOOLJAAR)
    assert (uitkomst.totaal, uitkomst.lijn, uitkomst.achter) == (totaal, 27, achter)


@pytest.mark.parametrize(
    ("eerder", "totaal", "prognose", "haalbaar"),
    [
        (100.0, 200.0, 650.0, True),  # 200 + 25 × 18 = 650: precies 650 is haalbaar
        (99.0, 199.0, 649.0, False),  # 199 + 25 × 18 = 649
    ],
)
def test_haalbaar_betekent_een_prognose_van_minstens_650_uur(eerder, totaal, prognose, haalbaar):
    # op 03-03-2025: 182 dagen = 26 weken na de start; lijn = 21 × 26 = 546 → achter
    # laatste 4 weken, venster (03-02, 03-03]: 25 uur op 7, 14, 21 en 28 februari = 100
    # tempo = 100 / 4 = 25; 03-03-2025 → 07-07-2025 = 126 dagen = 18 weken
    uren = [(date(2024, 11, 5), eerder), *elke_week(date(2025, 2, 7), 4, 25.0)]
    assert stand(
        uren, start=START, op=date(2025, 3, 3), einde_schooljaar=EINDE_SCHOOLJAAR
    ) == UrenStand(
        totaal=totaal,
        lijn=546,
        achter=True,
        tempo_per_week=25,
        prognose=prognose,
        haalbaar=haalbaar,
    )


def test_precies_650_is_haalbaar_ook_als_de_resterende_weken_geen_heel_getal_zijn():
    # op 20-06-2025; 20-06 → 07-07-2025 = 17 dagen = 17/7 week
    # venster (23-05, 20-06]: 21 uur op 27-05, 03-06, 10-06 en 17-06 = 84; tempo 84 / 4 = 21
    # totaal = 515 + 84 = 599; prognose = 599 + 21 × 17 / 7 = 599 + 51 = 650
    uren = [(date(2025, 1, 15), 515.0), *elke_week(date(2025, 5, 27), 4, 21.0)]
    uitkomst = stand(uren, start=START, op=date(2025, 6, 20), einde_schooljaar=EINDE_SCHOOLJAAR)
    assert (uitkomst.totaal, uitkomst.tempo_per_week) == (599, 21)
    assert (uitkomst.prognose, uitkomst.haalbaar) == (650, True)


def test_de_prognose_volgt_het_tempo_van_de_laatste_4_weken_niet_het_gemiddelde():
    # op 02-12-2024: 91 dagen = 13 weken; lijn = 21 × 13 = 273
    # 30 uur per week op 9 dinsdagen 03-09 … 29-10 = 270; daarna 10 uur op 5, 12, 19, 26 nov = 40
    # totaal = 310 ≥ 273 → niet achter; venster (04-11, 02-12] = 40 → tempo 40 / 4 = 10
    # 02-12-2024 → 07-07-2025 = 217 dagen = 31 weken; prognose = 310 + 10 × 31 = 620 < 650
    uren = [*elke_week(date(2024, 9, 3), 9, 30.0), *elke_week(date(2024, 11, 5), 4, 10.0)]
    assert stand(
        uren, start=START, op=date(2024, 12, 2), einde_schooljaar=EINDE_SCHOOLJAAR
    ) == UrenStand(
        totaal=310, lijn=273, achter=False, tempo_per_week=10, prognose=620, haalbaar=False
    )


def test_uren_op_de_dag_dat_het_venster_opent_tellen_wel_in_het_totaal_niet_in_het_tempo():
    # zoals de 650-test: op 03-03-2025, venster (03-02, 03-03] met 4 × 25 = 100 → tempo 25
    # 10 uur op 03-02 zelf: totaal = 100 + 10 + 100 = 210; prognose = 210 + 25 × 18 = 660
    uren = [(date(2024, 11, 5), 100.0), (date(2025, 2, 3), 10.0)]
    uren += elke_week(date(2025, 2, 7), 4, 25.0)
    uitkomst = stand(uren, start=START, op=date(2025, 3, 3), einde_schooljaar=EINDE_SCHOOLJAAR)
    assert (uitkomst.totaal, uitkomst.tempo_per_week, uitkomst.prognose) == (210, 25, 660)


def test_korter_dan_4_weken_bezig_geeft_het_tempo_sinds_de_start():
    # op 16-09-2024: 14 dagen = 2 weken; venster = (02-09, 16-09], niet (19-08, 16-09]
    # totaal = 2 × 3 × 7 = 42; lijn = 21 × 2 = 42; tempo = 42 / 2 = 21
    # 16-09-2024 → 07-07-2025 = 294 dagen = 42 weken; prognose = 42 + 21 × 42 = 924
    assert stand(
        di_wo_do(2), start=START, op=date(2024, 9, 16), einde_schooljaar=EINDE_SCHOOLJAAR
    ) == UrenStand(totaal=42, lijn=42, achter=False, tempo_per_week=21, prognose=924, haalbaar=True)


def test_op_de_eerste_dag_is_er_nog_geen_lijn_en_geen_tempo():
    # 0 dagen: lijn = 21 × 0 = 0, venster van 0 weken → tempo 0; prognose = totaal = 0
    assert stand([], start=START, op=START, einde_schooljaar=EINDE_SCHOOLJAAR) == UrenStand(
        totaal=0, lijn=0, achter=False, tempo_per_week=0, prognose=0, haalbaar=False
    )


def test_uren_na_de_peildatum_tellen_niet_mee():
    # zoals de eerste test (84 uur op 30-09), plus 40 uur op 01-10 die nog niet meetellen
    uren = [*di_wo_do(4), (date(2024, 10, 1), 40.0)]
    uitkomst = stand(uren, start=START, op=date(2024, 9, 30), einde_schooljaar=EINDE_SCHOOLJAAR)
    assert (uitkomst.totaal, uitkomst.tempo_per_week, uitkomst.prognose) == (84, 21, 924)


# --- the line over the opleidingsjaar (issue 15: never past 650, 650 or more is "gehaald") ---


def test_de_lijn_is_nooit_meer_dan_de_650_uren_van_het_examen():
    # 40 weeks × 21 = 840, capped at 650
    uitkomst = stand(
        [], start=START, op=date(2025, 6, 9), einde_schooljaar=EINDE_SCHOOLJAAR, weken_gelopen=40
    )
    assert uitkomst.lijn == 650


@pytest.mark.parametrize(
    ("totaal", "gehaald", "achter"),
    [(649.75, False, True), (650.0, True, False), (734.0, True, False)],
)
def test_wie_650_uren_of_meer_heeft_heeft_ze_gehaald_en_loopt_niet_achter(totaal, gehaald, achter):
    uitkomst = stand(
        [(START, totaal)],
        start=START,
        op=date(2025, 6, 9),
        einde_schooljaar=EINDE_SCHOOLJAAR,
        weken_gelopen=40,
    )
    assert (uitkomst.totaal, uitkomst.gehaald, uitkomst.achter) == (totaal, gehaald, achter)


KALENDER = Kalender(
    (
        Schooljaar(
            "2024-2025",
            start=START,
            einde=EINDE_SCHOOLJAAR,
            vakanties=(Vakantie("Herfstvakantie", date(2024, 10, 21), date(2024, 10, 25)),),
        ),
    )
)


def _entree(*plaatsingen: tuple[str, date], uren: list[tuple[int, date, float]]):
    leerling = a_leerling(geboren=date(2007, 5, 1), leerjaar="entree", state="entree")
    for status, startdatum in plaatsingen:
        leerling.with_plaatsing("entree", status, startdatum=startdatum)
    for plaatsing_id, datum, u in uren:
        leerling.with_record("uren", datum=datum, plaatsing_id=plaatsing_id, uren=u)
    return leerling.build()


def test_de_lijn_telt_de_schoolweken_van_het_opleidingsjaar_zonder_vakantie():
    # 02-09 t/m 03-11-2024: 45 weekdagen, 5 in de herfstvakantie: 40 schooldagen = 8 weken
    # lijn = 21 × 8 = 168, whenever the placement began
    leerling = _entree(("lopend", date(2024, 10, 7)), uren=[(1, date(2024, 10, 8), 7)])
    uitkomst = entree_stand(leerling, date(2024, 11, 4), KALENDER)
    assert uitkomst is not None
    assert (uitkomst.totaal, uitkomst.lijn, uitkomst.achter) == (7, 168, True)


def test_na_uitval_tellen_de_uren_van_de_eerdere_entree_stage_in_de_stand_mee():
    leerling = _entree(
        ("afgebroken", date(2024, 9, 2)),
        ("lopend", date(2024, 10, 28)),
        uren=[(1, date(2024, 9, 10), 100), (2, date(2024, 10, 29), 70)],
    )
    uitkomst = entree_stand(leerling, date(2024, 11, 4), KALENDER)
    assert uitkomst is not None
    assert (uitkomst.totaal, uitkomst.lijn, uitkomst.achter) == (170, 168, False)
