"""School-policy warnings on a placement's rooster: shown to staff, never blocking."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.builders import OP, a_leerling, reden
from trajectory.domain.schooljaar import Kalender, Schooljaar
from trajectory.domain.snapshot import Beleid
from trajectory.domain.waarschuwingen import einde_partiele_leerplicht, waarschuwingen

VIER_LANGE_DAGEN = {
    d: ("08:00", "15:00", 30) for d in ("maandag", "dinsdag", "woensdag", "donderdag")
}


@pytest.mark.parametrize(
    ("geboren", "verwacht"),
    [
        pytest.param(date(2009, 4, 2), True, id="16_jaar_partieel_leerplichtig"),
        pytest.param(date(2006, 4, 2), False, id="18_jaar_niet_meer_leerplichtig"),
    ],
)
def test_meer_dan_80_procent_van_de_onderwijsuren_geeft_een_waarschuwing_zolang_de_leerplicht_loopt(
    geboren, verwacht
):
    leerling = (
        a_leerling(geboren=geboren, leerjaar="4", beleid=Beleid(onderwijsuren_per_week=30))
        .with_plaatsing("gepland", "gepland", sector="03")
        .with_rooster(VIER_LANGE_DAGEN)
        .build()
    )

    meldingen = waarschuwingen(leerling, OP)

    assert (
        any(m.startswith("26 uur stage per week is meer dan 80% van de 30") for m in meldingen)
        is verwacht
    )
    assert any("Gebruikelijk in leerjaar 4 en 5: 3 dagen" in m for m in meldingen)


def test_de_partiele_leerplicht_loopt_tot_het_eind_van_het_schooljaar_waarin_de_leerling_17_wordt():
    leerling = a_leerling(geboren=date(2009, 10, 15)).build()

    assert einde_partiele_leerplicht(leerling) == date(2027, 7, 31)


VIJF = ("09:00", "14:00", 30)  # 5 hours at the company, pause included
ZES = ("09:00", "15:00", 30)
TWEE_DAGEN_5 = {"dinsdag": VIJF, "donderdag": VIJF}
TWEE_DAGEN_6 = {"dinsdag": ZES, "donderdag": ZES}
DRIE_DAGEN_5 = {"maandag": VIJF, "dinsdag": VIJF, "donderdag": VIJF}


@pytest.mark.parametrize(
    ("afgerond", "dagen", "verwacht"),
    [
        pytest.param(0, TWEE_DAGEN_5, None, id="stage_I_5_uur"),
        pytest.param(0, TWEE_DAGEN_6, "stage I", id="stage_I_6_uur_te_lang"),
        pytest.param(1, TWEE_DAGEN_6, None, id="stage_II_6_uur"),
        pytest.param(1, DRIE_DAGEN_5, "3 dagen", id="drie_dagen"),
    ],
)
def test_leerjaar_3_loopt_gewoonlijk_2_dagen_van_5_en_daarna_6_uur(afgerond, dagen, verwacht):
    leerling = a_leerling(leerjaar="3")
    for _ in range(afgerond):
        leerling.with_plaatsing("individuele_stage", "afgerond")
    snapshot = leerling.with_plaatsing("gepland", "gepland").with_rooster(dagen).build()

    meldingen = waarschuwingen(snapshot, OP)

    if verwacht is None:
        assert meldingen == []
    else:
        assert len(meldingen) == 1
        assert verwacht in meldingen[0]


def test_een_entree_rooster_onder_21_uur_per_week_zet_de_650_uur_in_gevaar():
    dagen = {d: ("09:00", "15:00", 30) for d in ("maandag", "dinsdag", "donderdag")}
    snapshot = (
        a_leerling(geboren=date(2007, 1, 1), leerjaar="entree", state="stage_zoeken")
        .with_plaatsing("gepland", "gepland", erkend_leerbedrijf=True)
        .with_rooster(dagen)
        .build()
    )

    assert waarschuwingen(snapshot, OP) == [
        "Entree vraagt minstens 21 uur per week; dit rooster heeft 16 u 30: "
        "de 650 uur komen in gevaar."
    ]


def test_een_groepsstage_krijgt_geen_urenwaarschuwing():
    snapshot = a_leerling(state="groepsstage").with_plaatsing("groepsstage", "lopend").build()

    assert waarschuwingen(snapshot, OP) == []


def test_de_waarschuwing_en_de_weigering_noemen_dezelfde_uren_voor_dezelfde_dag():
    """Issue 15, Messages: not "7,25" in the refusal and "de langste 7,8 uur" in the box."""
    snapshot = (
        a_leerling(leerjaar="3")
        .with_plaatsing("gepland", "gepland")
        .with_rooster({"dinsdag": ("08:00", "15:45", 30), "donderdag": ZES})
        .build()
    )

    (melding,) = waarschuwingen(snapshot, OP)
    weigering = reden("rooster_legaal", snapshot)

    assert melding == (
        "Gebruikelijk in leerjaar 3 (stage I): 2 dagen van 5 uur; dit rooster heeft 2 dagen, "
        "de langste 7 u 15 werk (7 u 45 met pauze)."
    )
    assert weigering is not None
    assert "dinsdag: 7 u 15 gepland, maximaal 7 uur voor een leerling van 14" in weigering


# --- WVO art. 32 lid 2: "gedurende de cursusduur gemiddeld ten hoogste 50%" ---------------------

SCHOOLJAAR = Kalender(  # 02-09-2024 t/m 27-06-2025 without vacations: 215 school days, 43 weeks
    (Schooljaar("2024-2025", start=date(2024, 9, 2), einde=date(2025, 6, 27)),)
)
DRIE_DAGEN_7 = {d: ("08:30", "15:30") for d in ("maandag", "dinsdag", "donderdag")}  # 21 a week


def _in_leerjaar_4(eerdere_uren: float):
    """Verdieping all year (21 h × 43 weeks = 903) after earlier placements with `eerdere_uren`."""
    return (
        a_leerling(geboren=date(2008, 1, 1), leerjaar="4", state="verdieping")
        .with_plaatsing("individuele_stage", "afgerond", startdatum=date(2023, 9, 4))
        .with_record("uren", datum=date(2023, 10, 2), plaatsing_id=1, uren=eerdere_uren)
        .with_plaatsing(
            "verdieping", "lopend", startdatum=date(2024, 9, 2), einddatum=date(2025, 6, 27)
        )
        .with_rooster(DRIE_DAGEN_7, datum=date(2024, 9, 2))
        .build()
    )


@pytest.mark.parametrize(
    ("eerdere_uren", "waarschuwing"),
    [
        pytest.param(1677.0, False, id="precies_50_procent"),  # 1677 + 903 = 2580 = 4 × 30 × 43 / 2
        pytest.param(1677.5, True, id="een_half_uur_erboven"),
    ],
)
def test_gedurende_de_cursusduur_gemiddeld_ten_hoogste_50_procent_stage(eerdere_uren, waarschuwing):
    meldingen = waarschuwingen(_in_leerjaar_4(eerdere_uren), OP, SCHOOLJAAR)
    assert any("WVO art. 32" in m for m in meldingen) is waarschuwing


def test_de_waarschuwing_noemt_de_stage_uren_en_het_aandeel_van_het_onderwijs():
    meldingen = waarschuwingen(_in_leerjaar_4(1680.0), OP, SCHOOLJAAR)
    assert [m for m in meldingen if "WVO art. 32" in m] == [
        "Over de 4 schooljaren van de leerling komt de stage op 2583 uur, 50,1% van de "
        "5160 uur onderwijs; gemiddeld over de cursusduur mag dat hoogstens 50% zijn "
        "(WVO art. 32)."
    ]


def test_zonder_kalender_wordt_het_cursusgemiddelde_niet_beoordeeld():
    assert not any("WVO art. 32" in m for m in waarschuwingen(_in_leerjaar_4(4000), OP))


def test_entree_valt_niet_onder_het_cursusgemiddelde_van_het_praktijkonderwijs():
    snapshot = replace(_in_leerjaar_4(4000), leerjaar="entree")
    assert not any("WVO art. 32" in m for m in waarschuwingen(snapshot, OP, SCHOOLJAAR))
