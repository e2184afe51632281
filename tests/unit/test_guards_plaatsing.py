"""Starting a placement: contract, age, werkzaamheden, fietsafstand, sector (beleidsplan 2.3, 5)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.builders import OP, START, a_leerling, reden
from trajectory.domain.snapshot import Record
from trajectory.guards.overeenkomst import HANDTEKENING_OUDER, OVEREENKOMST_VELDEN

NIET_COMPLEET = "De stage-overeenkomst is niet compleet; er ontbreekt: "


def test_stage_starten_vraagt_een_geplande_stageplaats():
    lopend = a_leerling().with_plaatsing("individuele_stage", "lopend").build()
    assert reden("plaatsing_gepland", lopend) == (
        "Er is nog geen stageplaats vastgelegd om te starten."
    )
    assert reden("plaatsing_gepland", a_leerling().with_plaatsing().build()) is None


def test_een_volledige_overeenkomst_voor_een_minderjarige_is_compleet():
    leerling = a_leerling().with_plaatsing().with_overeenkomst().build()
    assert reden("stage_overeenkomst_compleet", leerling) is None


@pytest.mark.parametrize("veld", list(OVEREENKOMST_VELDEN))
def test_een_overeenkomst_zonder_een_veld_noemt_dat_veld(veld):
    leerling = a_leerling().with_plaatsing().with_overeenkomst(zonder=[veld]).build()
    assert reden("stage_overeenkomst_compleet", leerling) == (
        NIET_COMPLEET + OVEREENKOMST_VELDEN[veld] + "."
    )


@pytest.mark.parametrize(
    ("veld", "leeg"),
    [("leeractiviteiten", ""), ("kosten_door", ""), ("getekend_bedrijf", False)],
)
def test_een_leeg_veld_telt_als_ontbrekend(veld, leeg):
    leerling = a_leerling().with_plaatsing().with_overeenkomst(**{veld: leeg}).build()
    assert reden("stage_overeenkomst_compleet", leerling) == (
        NIET_COMPLEET + OVEREENKOMST_VELDEN[veld] + "."
    )


def test_zonder_overeenkomst_ontbreekt_alles_ook_de_handtekening_van_een_ouder():
    uitleg = reden("stage_overeenkomst_compleet", a_leerling().with_plaatsing().build())
    assert (
        uitleg
        == NIET_COMPLEET + ", ".join([*OVEREENKOMST_VELDEN.values(), HANDTEKENING_OUDER[1]]) + "."
    )


def test_een_overeenkomst_van_een_andere_stage_telt_niet():
    leerling = (
        a_leerling()
        .with_plaatsing("individuele_stage", "afgerond")
        .with_overeenkomst()
        .with_plaatsing()
        .build()
    )
    assert reden("stage_overeenkomst_compleet", leerling).startswith(NIET_COMPLEET)


@pytest.mark.parametrize(
    ("geboren", "ouder_nodig"),
    [
        pytest.param(date(2007, 3, 11), True, id="17_op_de_aanvangsdatum"),
        pytest.param(date(2007, 3, 10), False, id="18_op_de_aanvangsdatum"),
        pytest.param(date(2010, 4, 2), True, id="14_jaar"),
        pytest.param(date(2004, 1, 1), False, id="21_jaar"),
    ],
)
def test_de_handtekening_van_een_ouder_is_nodig_voor_een_minderjarige(geboren, ouder_nodig):
    leerling = (
        a_leerling(geboren=geboren, leerjaar="entree")
        .with_plaatsing(startdatum=START)
        .with_overeenkomst(zonder=["getekend_ouder"])
        .build()
    )
    uitleg = reden("stage_overeenkomst_compleet", leerling)
    if ouder_nodig:
        assert uitleg == NIET_COMPLEET + "de handtekening van een ouder/verzorger."
    else:
        assert uitleg is None


def test_zonder_geplande_stage_laat_de_overeenkomst_het_aan_plaatsing_gepland():
    assert reden("stage_overeenkomst_compleet", a_leerling().build()) is None


SCHOOLWEEK = {
    dag: ("09:00", "15:00", 30) for dag in ("maandag", "dinsdag", "woensdag", "donderdag")
}


@pytest.mark.parametrize(
    ("geboren", "startdatum", "dertien_op"),
    [
        pytest.param(date(2011, 3, 10), date(2025, 3, 10), None, id="op_de_14e_verjaardag"),
        pytest.param(date(2011, 3, 11), date(2025, 3, 10), date(2025, 3, 10), id="de_dag_ervoor"),
        pytest.param(
            date(2008, 2, 29), date(2022, 2, 28), date(2022, 2, 28), id="29_februari_op_28_februari"
        ),
        pytest.param(date(2008, 2, 29), date(2022, 3, 1), None, id="29_februari_op_1_maart"),
    ],
)
def test_een_beroepsstage_mag_pas_vanaf_14_jaar(geboren, startdatum, dertien_op):
    """The age is taken on each stage day: only the day before the 14th birthday is refused."""
    leerling = (
        a_leerling(geboren=geboren)
        .with_plaatsing(startdatum=startdatum, einddatum=startdatum + timedelta(days=7))
        .with_rooster(SCHOOLWEEK)
        .build()
    )
    uitleg = reden("rooster_legaal", leerling)
    if dertien_op is None:
        assert uitleg is None
    else:
        assert uitleg == (
            "Het rooster past niet bij de arbeidstijdenwet: "
            f"maandag {dertien_op:%d-%m-%Y}: de leerling is 13; een beroepsstage mag vanaf "
            f"14 jaar (op {dertien_op:%d-%m-%Y})."
        )


def test_zonder_weekrooster_kan_de_stage_niet_starten():
    leerling = a_leerling().with_plaatsing().with_overeenkomst().build()
    assert reden("rooster_legaal", leerling) == (
        "Er is nog geen weekrooster voor de stage bij Supermarkt De Hoek vastgelegd."
    )


def test_een_legaal_rooster_voor_een_leerling_van_14_wordt_goedgekeurd():
    leerling = a_leerling().with_plaatsing().with_overeenkomst().with_rooster().build()
    assert reden("rooster_legaal", leerling) is None


def test_een_leerling_van_15_mag_niet_na_19_uur_werken():
    leerling = (
        a_leerling(geboren=date(2009, 6, 1))
        .with_plaatsing()
        .with_rooster({"dinsdag": ("13:00", "20:00", 30)})
        .build()
    )
    assert "dinsdag: 13:00–20:00 gepland, een leerling van 15 mag niet werken tussen 19:00 en " in (
        reden("rooster_legaal", leerling)
    )


TOEZICHT = {
    "deskundig_toezicht": True,
    "toezichthouder": "Jan Bakker",
    "toezichthouder_18_plus": True,
    "toezichthouder_direct_beschikbaar": True,
}


@pytest.mark.parametrize(
    ("geboren", "risicovol", "toezicht", "verwacht"),
    [
        pytest.param(date(2010, 1, 1), False, False, None, id="15_geen_risico"),
        pytest.param(
            date(2009, 3, 11),
            True,
            True,
            "Bij Supermarkt De Hoek: risicovolle werkzaamheden zijn niet toegestaan onder de 16"
            " (de leerling wordt 16 op 11-03-2025).",
            id="15_risicovol_ook_met_toezicht",
        ),
        pytest.param(date(2009, 3, 10), True, True, None, id="16_risicovol_met_toezicht"),
        pytest.param(
            date(2009, 3, 10),
            True,
            False,
            "Bij Supermarkt De Hoek: risicovolle werkzaamheden mogen onder de 18 alleen onder "
            "deskundig toezicht van een toezichthouder van 18 jaar of ouder die direct "
            "beschikbaar is; er ontbreekt: deskundig toezicht, de naam van de toezichthouder, "
            "een toezichthouder van 18 jaar of ouder, een toezichthouder in de nabijheid van de "
            "werkplek of direct oproepbaar.",
            id="16_risicovol_zonder_toezicht",
        ),
        pytest.param(date(2007, 3, 10), True, False, None, id="18_risicovol_zonder_toezicht"),
    ],
)
def test_risicovolle_werkzaamheden_hangen_af_van_leeftijd_en_toezicht(
    geboren, risicovol, toezicht, verwacht
):
    leerling = (
        a_leerling(geboren=geboren)
        .with_plaatsing(startdatum=START, risicovol=risicovol, **(TOEZICHT if toezicht else {}))
        .build()
    )
    assert reden("werkzaamheden_toegestaan", leerling) == verwacht


@pytest.mark.parametrize(
    ("zonder", "ontbreekt"),
    [
        pytest.param("toezichthouder", "de naam van de toezichthouder", id="zonder_naam"),
        pytest.param(
            "toezichthouder_18_plus", "een toezichthouder van 18 jaar of ouder", id="jonger_dan_18"
        ),
        pytest.param(
            "toezichthouder_direct_beschikbaar",
            "een toezichthouder in de nabijheid van de werkplek of direct oproepbaar",
            id="niet_direct_beschikbaar",
        ),
    ],
)
def test_de_toezichthouder_een_persoon_van_18_jaar_of_ouder_is_aanwezig_of_direct_oproepbaar(
    zonder, ontbreekt
):
    """Beleidsplan 5.2: risky work of a 16-year-old only with a named, adult, reachable
    toezichthouder, written down on the placement."""
    toezicht = {**TOEZICHT, zonder: None if zonder == "toezichthouder" else False}
    leerling = (
        a_leerling(geboren=date(2009, 3, 10))
        .with_plaatsing(startdatum=START, risicovol=True, **toezicht)
        .build()
    )
    assert reden("werkzaamheden_toegestaan", leerling) == (
        "Bij Supermarkt De Hoek: risicovolle werkzaamheden mogen onder de 18 alleen onder "
        "deskundig toezicht van een toezichthouder van 18 jaar of ouder die direct beschikbaar "
        f"is; er ontbreekt: {ontbreekt}."
    )


@pytest.mark.parametrize(
    ("veld", "uitleg"),
    [
        ("kassawerk", "kassawerk"),
        ("tillen_10kg", "tillen van 10 kg of meer"),
        ("duwen_trekken_20kg", "duwen of trekken met meer dan 20 kg kracht"),
        ("psa", "werk met psychosociale arbeidsbelasting"),
        ("gedwongen_houding", "werk waarbij niet in gevarieerde houdingen kan worden gewerkt"),
        (
            "gewasbeschermingsmiddelen",
            "werk in of met een gewas binnen 14 dagen na gewasbeschermingsmiddelen of biociden",
        ),
    ],
)
@pytest.mark.parametrize(
    ("geboren", "toegestaan"),
    [
        pytest.param(date(2009, 3, 11), False, id="15_de_dag_voor_de_16e_verjaardag"),
        pytest.param(date(2009, 3, 10), True, id="16_op_de_startdatum"),
    ],
)
def test_geen_lichte_arbeid_mag_pas_vanaf_16_jaar(veld, uitleg, geboren, toegestaan):
    """Beleidsplan 5.2, "Géén arbeid van lichte aard is in ieder geval": kassawerk, zwaar
    tillen, duwen/trekken, psa, niet in gevarieerde houdingen, en binnen 14 dagen in of met een
    gewas waarop gewasbeschermingsmiddelen of biociden zijn toegepast."""
    leerling = a_leerling(geboren=geboren).with_plaatsing(startdatum=START, **{veld: True}).build()
    verwacht = (
        None
        if toegestaan
        else f"Bij Supermarkt De Hoek: {uitleg} is niet toegestaan onder de 16 (geen arbeid van "
        "lichte aard) (de leerling wordt 16 op 11-03-2025)."
    )
    assert reden("werkzaamheden_toegestaan", leerling) == verwacht


def test_elk_bezwaar_tegen_de_werkzaamheden_wordt_genoemd():
    leerling = (
        a_leerling(geboren=date(2010, 1, 1))
        .with_plaatsing(startdatum=START, risicovol=True, kassawerk=True, psa=True)
        .build()
    )
    assert reden("werkzaamheden_toegestaan", leerling) == (
        "Bij Supermarkt De Hoek: risicovolle werkzaamheden zijn niet toegestaan onder de 16; "
        "kassawerk is niet toegestaan onder de 16 (geen arbeid van lichte aard); werk met "
        "psychosociale arbeidsbelasting is niet toegestaan onder de 16 (geen arbeid van lichte "
        "aard) (de leerling wordt 16 op 01-01-2026)."
    )


@pytest.mark.parametrize(
    ("afstand", "verwacht"),
    [
        pytest.param(0.0, None, id="naast_de_deur"),
        pytest.param(15.0, None, id="precies_15_km"),
        pytest.param(
            15.1,
            "Het stagebedrijf ligt 15,1 km van huis; de fietsafstand is maximaal 15 km.",
            id="15_1_km",
        ),
        pytest.param(
            None, "De afstand van huis naar het stagebedrijf is niet vastgelegd.", id="onbekend"
        ),
    ],
)
def test_het_stagebedrijf_ligt_op_fietsafstand(afstand, verwacht):
    leerling = a_leerling().with_plaatsing(afstand_km=afstand).build()
    assert reden("binnen_fietsafstand", leerling) == verwacht


@pytest.mark.parametrize(
    ("definitief", "sector", "verwacht"),
    [
        pytest.param("04", "04", None, id="zelfde_sector"),
        pytest.param(
            "04",
            "03",
            "De stage is niet in de definitieve sector van de leerling (Groen).",
            id="andere_sector",
        ),
        pytest.param(
            None, "04", "De leerling heeft nog geen definitieve sector gekozen.", id="geen_keuze"
        ),
    ],
)
def test_de_verdiepingsstage_is_in_de_definitieve_sector(definitief, sector, verwacht):
    leerling = (
        a_leerling(leerjaar="4", definitieve_sector=definitief)
        .with_plaatsing(sector=sector)
        .build()
    )
    assert reden("sector_is_definitieve_sector", leerling) == verwacht


@pytest.mark.parametrize(
    ("erkend", "verwacht"),
    [
        (True, None),
        (False, "Hotel Zeezicht is geen erkend leerbedrijf; dat is nodig voor Entree."),
    ],
    ids=["erkend", "niet_erkend"],
)
def test_een_entree_stage_is_bij_een_erkend_leerbedrijf(erkend, verwacht):
    leerling = (
        a_leerling(leerjaar="entree")
        .with_plaatsing(bedrijf="Hotel Zeezicht", erkend_leerbedrijf=erkend)
        .build()
    )
    assert reden("erkend_leerbedrijf", leerling) == verwacht


@pytest.mark.parametrize(
    ("beoordeeld", "verwacht"),
    [
        pytest.param(2, None, id="deze_stage_beoordeeld"),
        pytest.param(
            1, "De stagebeoordeling van Garage Snel is nog niet vastgelegd.", id="vorige_stage"
        ),
        pytest.param(
            None, "De stagebeoordeling van Garage Snel is nog niet vastgelegd.", id="geen"
        ),
    ],
)
def test_stage_afronden_vraagt_de_stagebeoordeling_van_deze_stage(beoordeeld, verwacht):
    leerling = (
        a_leerling(state="individuele_stage")
        .with_plaatsing("individuele_stage", "afgerond", bedrijf="Bakkerij Bol")
        .with_plaatsing("individuele_stage", "lopend", bedrijf="Garage Snel")
    )
    if beoordeeld is not None:
        leerling.with_beoordeling("stagebeoordeling", plaatsing_id=beoordeeld)
    assert reden("stagebeoordeling_vastgelegd", leerling.build()) == verwacht


def test_stage_afronden_zonder_lopende_stage_kan_niet():
    assert reden("stagebeoordeling_vastgelegd", a_leerling().build()) == "Er is geen lopende stage."


@pytest.mark.parametrize(
    ("leerjaar", "op", "ok"),
    [
        pytest.param("3", date(2025, 4, 30), False, id="30_april"),
        pytest.param("3", date(2025, 5, 1), True, id="1_mei"),
        pytest.param("3", date(2025, 8, 31), True, id="31_augustus"),
        pytest.param("3", date(2025, 9, 1), False, id="1_september"),
        pytest.param("4", date(2025, 6, 1), False, id="leerjaar_4"),
    ],
)
def test_de_sector_wordt_gekozen_aan_het_eind_van_leerjaar_3(leerjaar, op, ok):
    uitleg = reden("einde_leerjaar_3", a_leerling(leerjaar=leerjaar).build(), op)
    assert (uitleg is None) is ok
    if leerjaar != "3":
        assert uitleg == ("De sector wordt gekozen aan het eind van leerjaar 3 (nu leerjaar 4).")
    elif not ok:
        assert "vanaf mei" in uitleg


GEEN_STAGE = (
    "De leerling heeft nog geen individuele stage afgerond, en ook geen groepsstage die "
    "aan het eind van leerjaar 3 (vanaf mei) positief is afgesloten."
)
EIND_LJ3 = date(2025, 6, 20)


@pytest.mark.parametrize(
    ("soort", "status", "einddatum", "ok"),
    [
        ("individuele_stage", "afgerond", date(2025, 2, 1), True),
        ("individuele_stage", "afgebroken", date(2025, 2, 1), False),
        ("individuele_stage", "lopend", None, False),
        ("groepsstage", "afgerond", date(2025, 2, 1), False),
        ("groepsstage", "afgerond", date(2025, 4, 30), False),
        ("groepsstage", "afgerond", date(2025, 5, 1), True),
        ("groepsstage", "afgebroken", date(2025, 6, 1), False),
        ("groepsstage", "lopend", None, False),
    ],
    ids=[
        "afgerond",
        "afgebroken",
        "lopend",
        "groepsstage_in_februari_afgesloten",
        "groepsstage_op_30_april_afgesloten",
        "groepsstage_op_1_mei_afgesloten",
        "groepsstage_afgebroken",
        "groepsstage_loopt_nog",
    ],
)
def test_een_sector_kiezen_vraagt_een_individuele_stage_of_een_groepsstage_van_het_hele_jaar(
    soort, status, einddatum, ok
):
    """Beleidsplan 2.2: groepsstage, 'duur afhankelijk van de ontwikkeling'; a whole year of it,
    closed positively at the end of leerjaar 3, opens the sector choice (issue #15 item 4)."""
    leerling = a_leerling().with_plaatsing(soort, status, einddatum=einddatum).build()
    uitleg = reden("stage_afgerond_voor_sectorkeuze", leerling, EIND_LJ3)
    assert uitleg == (None if ok else GEEN_STAGE)


def test_een_groepsstage_van_een_vorig_schooljaar_opent_de_sectorkeuze_niet():
    leerling = (
        a_leerling().with_plaatsing("groepsstage", "afgerond", einddatum=date(2024, 6, 1)).build()
    )
    assert reden("stage_afgerond_voor_sectorkeuze", leerling, EIND_LJ3) == GEEN_STAGE


@pytest.mark.parametrize(
    ("sector", "ok"), [("01", True), ("10", True), ("11", False), (None, False)]
)
def test_de_definitieve_sector_is_een_van_de_tien(sector, ok):
    leerling = a_leerling()
    if sector is not None:
        leerling.with_record("sectorkeuze", sector=sector, nieuw=True)
    uitleg = reden("sector_geldig", leerling.build())
    assert uitleg == (None if ok else "Kies een van de tien Noa-sectoren als definitieve sector.")


def test_een_nieuw_rooster_van_de_lopende_stage_wordt_beoordeeld_ook_met_een_volgende_gepland():
    snapshot = (
        a_leerling(geboren=date(2010, 4, 2), state="individuele_stage")
        .with_plaatsing("individuele_stage", "lopend")
        .with_plaatsing("gepland", "gepland", bedrijf="Volgende Stage BV")  # no rooster yet
        .build()
    )
    lopend, _ = snapshot.plaatsingen
    tot_acht_uur = Record(
        "rooster",
        OP,
        {"dagen": {"dinsdag": {"start": "12:00", "eind": "20:00", "pauzes": [30]}}},
        plaatsing_id=lopend.id,
    )

    uitleg = reden("rooster_legaal", snapshot.with_records(tot_acht_uur))

    assert uitleg is not None
    assert "mag niet werken tussen 19:00 en 07:00" in uitleg
    assert "Volgende Stage BV" not in uitleg


# --- dagbestedingsstages (beleidsplan 3.4; issue #15 item 11) ------------------------------


@pytest.mark.parametrize(
    ("leerjaar", "ondersteuning", "verwacht"),
    [
        ("3", True, None),
        ("4", True, None),
        ("3", False, "stage-ondersteuning"),
        ("entree", True, "telt niet voor Entree"),
    ],
    ids=["lj3_met_ondersteuning", "lj4_met_ondersteuning", "zonder_ondersteuning", "entree"],
)
def test_de_stage_ondersteuningsbegeleider_biedt_ondersteuning_bij_dagbestedingsstages(
    leerjaar, ondersteuning, verwacht
):
    leerling = (
        a_leerling(leerjaar=leerjaar, stage_ondersteuning=ondersteuning)
        .with_plaatsing(dagbesteding=True, bedrijf="Zorgboerderij De Hoeve", sector="04")
        .build()
    )
    uitleg = reden("dagbesteding_met_ondersteuning", leerling)
    assert (uitleg is None) if verwacht is None else (verwacht in uitleg)


def test_een_gewone_stageplaats_vraagt_geen_stage_ondersteuning():
    leerling = a_leerling(stage_ondersteuning=False).with_plaatsing().build()
    assert reden("dagbesteding_met_ondersteuning", leerling) is None


def test_een_dagbestedingsstage_in_de_verdieping_is_in_de_definitieve_sector():
    """Verdieping asks one of the ten Noa sectors: a dagbestedingsstage carries the sector of
    its activities, and in lj 4/5 that is the leerling's definitieve sector like any stage."""
    leerling = a_leerling(leerjaar="4", stage_ondersteuning=True, definitieve_sector="04")
    anders = leerling.with_plaatsing(dagbesteding=True, sector="08").build()
    assert "definitieve sector" in reden("sector_is_definitieve_sector", anders)
    zelfde = a_leerling(leerjaar="4", stage_ondersteuning=True, definitieve_sector="04")
    assert (
        reden(
            "sector_is_definitieve_sector",
            zelfde.with_plaatsing(dagbesteding=True, sector="04").build(),
        )
        is None
    )
