"""School-policy warnings on a placement's rooster: shown to staff, never blocking."""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import OP, a_leerling, reden
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
