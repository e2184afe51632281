"""The timers table (DOMAIN.md, Timers) walked with the pure builder: what is due when."""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import a_leerling, volledige_overeenkomst
from trajectory.domain.herinneringen import TIMER, TIMERS, Gepland, Stap, plan, plus_maanden
from trajectory.domain.schooljaar import laad_kalender

KALENDER = laad_kalender()
OP = date(2025, 9, 8)  # a Monday early in school year 2025-2026
START = date(2025, 9, 1)


def _op_stage(state="verdieping", leerjaar="4", start=START, perioden_afgerond=0, **snapshot):
    """A leerling in `state` on a running placement that started on `start`."""
    return a_leerling(leerjaar=leerjaar, state=state, **snapshot).with_plaatsing(
        state, "lopend", startdatum=start, einddatum=None, perioden_afgerond=perioden_afgerond
    )


def _due(snapshot, soort, op=OP, gevuurd=None) -> date | None:
    gepland = [g for g in plan(snapshot, KALENDER, op, gevuurd) if g.soort == soort]
    assert len(gepland) <= 1
    return gepland[0].verschuldigd if gepland else None


def test_een_stagebezoek_is_drie_weken_na_de_start_verschuldigd():
    assert _due(_op_stage().build(), "bezoek") == date(2025, 9, 22)


def test_met_stage_ondersteuning_is_het_bezoek_om_de_twee_weken():
    assert _due(_op_stage(stage_ondersteuning=True).build(), "bezoek") == date(2025, 9, 15)


def test_een_vastgelegd_bezoek_verschuift_het_volgende_bezoek():
    leerling = _op_stage()
    leerling.with_record(
        "bezoek", datum=date(2025, 9, 10), plaatsing_id=leerling.laatste_plaatsing_id
    )
    assert _due(leerling.build(), "bezoek") == date(2025, 10, 1)
    assert _due(leerling.build(), "bezoek_achterstand") == date(2025, 10, 8)


def test_na_een_gevuurde_herinnering_volgt_de_volgende_uit_de_reeks():
    gevuurd = {"bezoek": date(2025, 9, 22)}
    assert _due(_op_stage().build(), "bezoek", gevuurd=gevuurd) == date(2025, 10, 13)


def test_een_herinnering_in_de_herfstvakantie_schuift_naar_de_maandag_erna():
    leerling = _op_stage(start=date(2025, 9, 8)).build()
    gevuurd = {"bezoek": date(2025, 9, 29)}
    assert _due(leerling, "bezoek", gevuurd=gevuurd) == date(2025, 10, 27)  # not 20 October


def test_een_bezoek_een_week_te_laat_escaleert_naar_teamleider_en_mentor():
    assert _due(_op_stage().build(), "bezoek_achterstand") == date(2025, 9, 29)
    assert set(TIMER["bezoek_achterstand"].rollen) == {"teamleider", "mentor"}
    assert TIMER["bezoek_achterstand"].escalatie


def test_de_stagemap_komt_elke_week():
    assert _due(_op_stage().build(), "stagemap") == date(2025, 9, 8)
    assert _due(_op_stage().build(), "stagemap", gevuurd={"stagemap": OP}) == date(2025, 9, 15)


def test_de_tussentijdse_beoordeling_aan_het_eind_van_elke_periode():
    assert _due(_op_stage().build(), "tussentijdse_beoordeling") == date(2025, 11, 21)
    tweede = _op_stage(perioden_afgerond=1).build()
    assert _due(tweede, "tussentijdse_beoordeling") == date(2026, 3, 13)


def test_een_al_vastgelegde_tussentijdse_beoordeling_vraagt_geen_herinnering():
    leerling = _op_stage()
    leerling.with_beoordeling("tussentijds", periode=1, plaatsing_id=leerling.laatste_plaatsing_id)
    assert _due(leerling.build(), "tussentijdse_beoordeling") is None


def test_twee_weken_voor_de_einddatum_van_het_contract():
    leerling = _op_stage(state="individuele_stage", leerjaar="3")
    leerling.with_record(
        "stage_overeenkomst",
        plaatsing_id=leerling.laatste_plaatsing_id,
        **volledige_overeenkomst(START, date(2026, 1, 30)),
    )
    assert _due(leerling.build(), "stage_eindigt") == date(2026, 1, 16)
    assert set(TIMER["stage_eindigt"].rollen) == {"stagebegeleider", "mentor"}


def test_halverwege_leerjaar_2_de_noa_test_en_in_mei_het_voorlopig_advies():
    leerling = a_leerling(leerjaar="2", state="interne_stage")
    assert _due(leerling.build(), "noa_test") == date(2026, 2, 2)
    assert _due(leerling.build(), "advies_besluiten") == date(2026, 5, 6)  # after meivakantie
    leerling.with_record("noa_test", sectoren=["03", "04"])
    assert _due(leerling.build(), "noa_test") is None


def test_halverwege_leerjaar_3_kan_de_sector_nog_wisselen():
    assert _due(a_leerling(leerjaar="3").build(), "sectorwissel") == date(2026, 2, 2)
    assert _due(a_leerling(leerjaar="4").build(), "sectorwissel") is None


def test_elke_zes_weken_in_de_groepsstage_een_reflectiegesprek():
    leerling = _op_stage(state="groepsstage", leerjaar="3").build()
    assert _due(leerling, "reflectiegesprek") == date(2025, 10, 13)


def test_twee_weken_uitgevallen_zonder_vervolg_escaleert():
    leerling = a_leerling(state="uitgevallen").with_record("uitval", datum=date(2025, 10, 1))
    assert _due(leerling.build(), "uitval_zonder_vervolg") == date(2025, 10, 15)
    assert set(TIMER["uitval_zonder_vervolg"].rollen) == {"mentor", "teamleider"}


def test_de_urenlijn_van_entree_waarschuwt_alleen_wie_achter_loopt():
    leerling = _op_stage(state="entree", leerjaar="entree")
    timer = TIMER["urenlijn"]
    assert _due(leerling.build(), "urenlijn") == date(2025, 9, 8)
    assert timer.alleen_als(leerling.build(), KALENDER, OP)  # no hours yet
    for dag in (1, 2, 3):
        leerling.with_record(
            "uren", datum=date(2025, 9, dag), plaatsing_id=leerling.laatste_plaatsing_id, uren=7
        )
    assert not timer.alleen_als(leerling.build(), KALENDER, OP)  # 21 hours in the first week


def test_entree_studieadvies_op_1_december_en_examencheck_op_1_mei():
    leerling = _op_stage(state="entree", leerjaar="entree")
    assert _due(leerling.build(), "studieadvies_geven") == date(2025, 12, 1)
    assert _due(leerling.build(), "examen_check") == date(2026, 5, 6)
    leerling.with_record("studieadvies", datum=date(2025, 11, 20), positief=True)
    assert _due(leerling.build(), "studieadvies_geven") is None


def test_nazorg_elke_vier_maanden_na_vertrek_of_het_laatste_contact():
    leerling = a_leerling(state="nazorg", vertrekdatum=date(2025, 7, 11))
    assert _due(leerling.build(), "nazorg_contact") == date(2025, 11, 11)
    leerling.with_record("nazorg_contact", datum=date(2025, 10, 1), met_wie="werkgever")
    assert _due(leerling.build(), "nazorg_contact") == date(2026, 2, 2)  # 1 Feb: a Sunday


def test_wie_de_toestand_verlaat_heeft_er_geen_herinneringen_meer_van():
    assert plan(_op_stage(state="afgesloten").build(), KALENDER, OP) == []


def test_elke_herinnering_valt_op_een_schooldag():
    gevallen = [
        _op_stage(),
        _op_stage(state="entree", leerjaar="entree"),
        _op_stage(state="groepsstage", leerjaar="3"),
        a_leerling(leerjaar="2", state="interne_stage"),
        a_leerling(state="nazorg", vertrekdatum=date(2025, 7, 11)),
    ]
    for leerling in gevallen:
        for op in (date(2025, 10, 20), date(2025, 12, 24), date(2026, 7, 20)):
            for gepland in plan(leerling.build(), KALENDER, op):
                assert KALENDER.is_schooldag(gepland.verschuldigd), gepland


def test_de_tabel_heeft_elke_soort_een_keer_en_alleen_bekende_rollen():
    soorten = [timer.soort for timer in TIMERS]
    assert len(soorten) == len(set(soorten)) == 17
    assert {rol for timer in TIMERS for rol in timer.rollen} == {
        "stagebegeleider",
        "mentor",
        "teamleider",
    }


def test_een_maand_verder_blijft_binnen_de_maand():
    assert plus_maanden(date(2025, 10, 31), 4) == date(2026, 2, 28)
    assert Stap(maanden=4).na(date(2025, 7, 11), 2) == date(2026, 3, 11)
    assert Gepland(date(2025, 1, 1), "a") < Gepland(date(2025, 1, 2), "a")


def test_een_vastgelegd_reflectiegesprek_schuift_het_volgende_zes_weken_op():
    """Groepsstage: 'na verloop van tijd reflectiegesprekken'; the record satisfies the timer."""
    leerling = _op_stage(state="groepsstage", leerjaar="3")
    leerling.with_record(
        "reflectiegesprek",
        datum=date(2025, 10, 1),
        plaatsing_id=leerling.laatste_plaatsing_id,
        besproken="Samenwerken gaat beter.",
    )
    assert _due(leerling.build(), "reflectiegesprek", op=date(2025, 10, 1)) == date(2025, 11, 12)


def test_een_afgetekende_stage_agenda_schuift_de_stagemap_een_week_op():
    """Beleidsplan 2.2: 'wekelijks ... de stage-agenda af te tekenen'; the record satisfies it."""
    leerling = _op_stage()
    leerling.with_record(
        "stage_agenda",
        datum=date(2025, 9, 10),
        plaatsing_id=leerling.laatste_plaatsing_id,
        week_van="2025-09-08",
    )
    assert _due(leerling.build(), "stagemap", op=date(2025, 9, 10)) == date(2025, 9, 17)


def test_een_stage_agenda_van_een_vorige_stage_telt_niet_voor_de_lopende():
    leerling = _op_stage()
    leerling.with_record("stage_agenda", datum=date(2025, 9, 3), plaatsing_id=99, week_van="x")
    assert _due(leerling.build(), "stagemap") == date(2025, 9, 8)


def _entree_bij(geldig_tot, einddatum=None, sectoren=("03",)):
    return (
        a_leerling(leerjaar="entree", state="entree")
        .with_plaatsing(
            "entree",
            "lopend",
            startdatum=START,
            einddatum=einddatum,
            stagebedrijf_id=4,
            erkenning_sectoren=sectoren,
            erkenning_geldig_tot=geldig_tot,
        )
        .build()
    )


def test_een_erkenning_die_tijdens_entree_verloopt_geeft_zes_weken_vooraf_een_herinnering():
    # 28 April 2026 minus six weeks: Tuesday 17 March (a school day)
    assert _due(_entree_bij(date(2026, 4, 28)), "erkenning_verloopt") == date(2026, 3, 17)
    # 31 March minus six weeks falls in the voorjaarsvakantie: the Monday after it
    assert _due(_entree_bij(date(2026, 3, 31)), "erkenning_verloopt") == date(2026, 2, 23)
    assert TIMER["erkenning_verloopt"].rollen == ("stagebegeleider",)


@pytest.mark.parametrize(
    ("geldig_tot", "einddatum", "herinnerd"),
    [
        (date(2026, 7, 9), date(2026, 7, 10), True),  # ends the day before the placement
        (date(2026, 7, 10), date(2026, 7, 10), False),  # covers its last day
        (date(2025, 8, 31), None, False),  # ended before the start: the guard's business
    ],
    ids=["dag_voor_het_einde", "op_de_laatste_dag", "voor_de_start"],
)
def test_alleen_een_erkenning_die_tijdens_de_stage_verloopt_telt(geldig_tot, einddatum, herinnerd):
    due = _due(_entree_bij(geldig_tot, einddatum), "erkenning_verloopt")
    assert (due is not None) is herinnerd


def test_een_pro_stage_krijgt_geen_erkenningsherinnering():
    leerling = (
        a_leerling(leerjaar="4", state="verdieping")
        .with_plaatsing(
            "verdieping",
            "lopend",
            startdatum=START,
            einddatum=None,
            erkenning_sectoren=("03",),
            erkenning_geldig_tot=date(2026, 3, 31),
        )
        .build()
    )
    assert _due(leerling, "erkenning_verloopt") is None
