"""The stagebeleidsplan to the letter (issue 15, items 1, 5, 6, 8, 9, 10): through the real use
cases and the API, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.conftest import as_user
from tests.integration.builders import (
    MOTIVATIE,
    als_entree_leerling,
    breng_naar,
    erkend_bedrijf,
    leg_vast,
    nieuwe_leerling,
    versie,
)
from tests.integration.test_placement_rules import (
    CONTRACT,
    DINSDAG_DONDERDAG,
    START,
    stage_klaar,
    starten,
)
from trajectory.store import tables as t
from trajectory.usecases import engine, vastleggen
from trajectory.usecases.geweigerd import Geweigerd

ENTREE_ROOSTER = {
    dag: {"start": "08:00", "eind": "15:30", "pauzes": [30]}
    for dag in ("maandag", "dinsdag", "donderdag")
}
ENTREE_CONTRACT = {**CONTRACT, "tijden": "ma, di en do 8:00-15:30", "einddatum": "2025-07-18"}


def falende_guards(result: Any) -> dict[str, str]:
    assert isinstance(result, Geweigerd), result
    return {v.guard: v.reden for v in result.verdicts if not v.ok}


def stap(sessions, clock, actor, lid: int, trigger: str, **kw: Any):
    return engine.advance(
        sessions, lid, trigger, actor=actor, version=versie(sessions, lid), clock=clock, **kw
    )


# --- 1. "minimaal 650 stage/werkuren gedurende dit opleidingsjaar" --------------------------


def _entree_stage(sessions, clock, staff, lid: int, start: date) -> int:
    clock.set(start)
    erkend_bedrijf(sessions, clock, staff.teamleider, "Hotel De Linde")
    pid = vastleggen.add_plaatsing(
        sessions,
        lid,
        {
            "bedrijf": "Hotel De Linde",
            "sector": "03",
            "startdatum": start.isoformat(),
            "einddatum": "2025-07-18",
            "afstand_km": 5,
            "rooster": ENTREE_ROOSTER,
        },
        actor=staff.stagebegeleider,
        clock=clock,
    )
    contract = {**ENTREE_CONTRACT, "aanvangsdatum": start.isoformat()}
    leg_vast(sessions, clock, staff.stagebegeleider, lid, "stage_overeenkomst", **contract)
    result = starten(sessions, clock, staff.stagebegeleider, lid)
    assert isinstance(result, engine.Overgegaan), result
    assert result.state == "entree"
    return pid


def _uren(sessions, clock, staff, lid: int, dagen: list[date], per_dag: float) -> None:
    regels = [{"datum": d.isoformat(), "uren": per_dag, "toelichting": "lijst"} for d in dagen]
    vastleggen.add_uren(sessions, lid, regels, actor=staff.teamleider, clock=clock)


def test_na_uitval_in_entree_tellen_de_uren_van_beide_stages_in_het_opleidingsjaar(
    client, sessions, clock, staff
):
    lid = nieuwe_leerling(
        sessions,
        clock,
        staff.teamleider,
        geboortedatum=date(2007, 5, 1),
        stagebegeleider_id=staff.stagebegeleider.id,
    )
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    als_entree_leerling(sessions, lid)
    _entree_stage(sessions, clock, staff, lid, date(2025, 3, 3))
    clock.set(date(2025, 3, 14))
    _uren(sessions, clock, staff, lid, [date(2025, 3, 3), date(2025, 3, 4)], 7)
    assert isinstance(
        stap(
            sessions, clock, staff.stagebegeleider, lid, "uitvallen", payload={"code": "verhuizing"}
        ),
        engine.Overgegaan,
    )
    assert isinstance(
        stap(sessions, clock, staff.stagebegeleider, lid, "nieuwe_stage_zoeken"),
        engine.Overgegaan,
    )
    _entree_stage(sessions, clock, staff, lid, date(2025, 3, 17))
    clock.set(date(2025, 3, 21))
    _uren(sessions, clock, staff, lid, [date(2025, 3, 17), date(2025, 3, 18)], 7)

    getoond = client.get(f"/api/leerlingen/{lid}", headers=as_user("stagebegeleider")).json()
    assert getoond["entree_uren"]["totaal"] == 28.0  # 14 + 14: not 14, as before

    clock.set(date(2025, 5, 6))
    refused = falende_guards(stap(sessions, clock, staff.stagebegeleider, lid, "examen_aanmelden"))
    assert refused["uren_650"] == (
        "Er zijn in het opleidingsjaar (01-08-2024 t/m 31-07-2025) 28,0 stage-uren "
        "geregistreerd; voor het examen zijn er 650 nodig."
    )


def test_een_verlenging_na_uitval_in_entree_wordt_vastgelegd_met_de_nieuwe_examendatum(
    client, sessions, clock, staff
):
    entree = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Entree", leerjaar="2")
    breng_naar(sessions, clock, staff.teamleider, entree, "groepsstage")
    als_entree_leerling(sessions, entree)
    assert isinstance(
        stap(sessions, clock, staff.teamleider, entree, "uitvallen", payload={"code": "gedrag"}),
        engine.Overgegaan,
    )
    lj3 = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Leerjaar drie")
    breng_naar(sessions, clock, staff.teamleider, lj3, "groepsstage")
    stap(sessions, clock, staff.teamleider, lj3, "uitvallen", payload={"code": "gedrag"})
    verlenging = {"examendatum": "2025-12-19", "toelichting": "Nieuwe stage na de zomer"}

    goed = client.post(
        f"/api/leerlingen/{entree}/records/verlenging",
        json=verlenging,
        headers=as_user("teamleider"),
    )
    fout = client.post(
        f"/api/leerlingen/{lj3}/records/verlenging", json=verlenging, headers=as_user("teamleider")
    )

    assert goed.status_code == 201, goed.json()
    assert fout.status_code == 409
    assert fout.json()["detail"]["guards"][0]["reden"] == (
        "'Verlenging Entree-jaar' is er alleen in leerjaar entree."
    )


# --- 5. Entree only through `entree_starten` ---------------------------------------------


def test_een_als_entree_ingeschreven_leerling_gaat_na_het_voorlopig_advies_naar_leerjaar_3(
    sessions, clock, staff
):
    lid = nieuwe_leerling(sessions, clock, staff.teamleider, leerjaar="entree")
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")

    with sessions() as session:
        assert session.get_one(t.Leerling, lid).leerjaar == "3"


def test_stage_starten_brengt_een_niet_stagevaardige_entree_leerling_niet_in_entree(
    sessions, clock, staff
):
    lid, _ = stage_klaar(sessions, clock, staff, geboren=date(2007, 5, 1), erkend_leerbedrijf=True)
    with sessions.begin() as session:  # leerjaar Entree without entree_starten (e.g. rolled over)
        session.get_one(t.Leerling, lid).leerjaar = "entree"
    clock.set(START)

    refused = falende_guards(starten(sessions, clock, staff.stagebegeleider, lid))

    assert refused == {
        "via_naar_entree": "Naar Entree gaat via 'Naar Entree', voor een stagevaardige "
        "leerling: De leerling heeft nog geen stage afgerond; Entree vraagt een stagevaardige "
        "leerling."
    }


# --- 6. the contract covers the placement; 10. duaal traject -----------------------------


def test_een_overeenkomst_van_2020_dekt_een_stage_van_2025_niet(sessions, clock, staff):
    lid, _ = stage_klaar(sessions, clock, staff)
    oud = {**CONTRACT, "aanvangsdatum": "2020-01-06", "einddatum": "2020-06-26"}
    leg_vast(sessions, clock, staff.stagebegeleider, lid, "stage_overeenkomst", **oud)
    clock.set(START)

    refused = falende_guards(starten(sessions, clock, staff.stagebegeleider, lid))

    assert refused == {
        "stage_overeenkomst_compleet": "De stage-overeenkomst klopt niet: de einddatum "
        "(26-06-2020) ligt voor het einde van de stage (27-06-2025)."
    }


def test_de_tijden_van_de_overeenkomst_moeten_die_van_het_rooster_zijn(sessions, clock, staff):
    lid, _ = stage_klaar(sessions, clock, staff, rooster=DINSDAG_DONDERDAG)
    leg_vast(
        sessions, clock, staff.stagebegeleider, lid, "stage_overeenkomst",
        **{**CONTRACT, "tijden": "di en do 9:00-15:00", "verzekering_ongevallen": "ja"},
    )  # fmt: skip
    clock.set(START)

    refused = falende_guards(starten(sessions, clock, staff.stagebegeleider, lid))

    assert refused == {
        "stage_overeenkomst_compleet": "De stage-overeenkomst klopt niet: de tijden passen "
        "niet bij het rooster (het rooster heeft dinsdag 09:00–14:30, donderdag 09:00–14:30); "
        "wie ongevallen verzekert: noem de school (collectieve verzekering), het stagebedrijf, "
        "de ouders/verzorgers of een polis (verzekeraar en nummer)."
    }


ARBEIDSOVEREENKOMST = {
    "soort": "arbeidsovereenkomst",
    "aanvangsdatum": "2025-03-04",
    "tijden": "ma, di en do 8:00-15:30",
    "getekend_leerling": True,
    "getekend_bedrijf": True,
    "getekend_ouder": True,
}


def test_entree_start_op_een_arbeidsovereenkomst_een_leerling_van_leerjaar_3_niet(
    client, sessions, clock, staff
):
    entree, _ = stage_klaar(
        sessions, clock, staff, geboren=date(2007, 5, 1), leerjaar="entree",
        rooster=ENTREE_ROOSTER, erkend_leerbedrijf=True,
    )  # fmt: skip
    lj3, _ = stage_klaar(sessions, clock, staff, geboren=date(2009, 6, 1), rooster=ENTREE_ROOSTER)
    for lid in (entree, lj3):
        response = client.post(
            f"/api/leerlingen/{lid}/records/stage_overeenkomst",
            json=ARBEIDSOVEREENKOMST,
            headers=as_user("stagebegeleider"),
        )
        assert response.status_code == 201, response.json()
    clock.set(START)

    gestart = starten(sessions, clock, staff.stagebegeleider, entree)
    refused = falende_guards(starten(sessions, clock, staff.stagebegeleider, lj3))

    assert isinstance(gestart, engine.Overgegaan), gestart
    assert gestart.state == "entree"
    assert refused["stage_overeenkomst_compleet"] == (
        "Een arbeidsovereenkomst (duaal traject) kan alleen bij Entree; "
        "deze stage vraagt een stage-overeenkomst."
    )


def test_een_onbekende_soort_overeenkomst_geeft_422_op_het_veld(client, sessions, clock, staff):
    lid, _ = stage_klaar(sessions, clock, staff)
    response = client.post(
        f"/api/leerlingen/{lid}/records/stage_overeenkomst",
        json={**CONTRACT, "soort": "mondeling"},
        headers=as_user("stagebegeleider"),
    )
    assert response.status_code == 422
    assert ["body", "soort"] in [e["loc"] for e in response.json()["detail"]]


# --- 8, 9. geen arbeid van lichte aard; the toezichthouder -----------------------------------

TOEZICHT = {
    "deskundig_toezicht": True,
    "toezichthouder": "Jan Bakker",
    "toezichthouder_18_plus": True,
    "toezichthouder_direct_beschikbaar": True,
}


def test_risicovol_werk_van_een_16_jarige_vraagt_een_toezichthouder_van_18_die_oproepbaar_is(
    client, sessions, clock, staff
):
    zonder, _ = stage_klaar(sessions, clock, staff, geboren=date(2008, 6, 1), risicovol=True)
    met, _ = stage_klaar(
        sessions, clock, staff, geboren=date(2008, 6, 1), risicovol=True, **TOEZICHT
    )
    clock.set(START)

    refused = falende_guards(starten(sessions, clock, staff.stagebegeleider, zonder))
    gestart = starten(sessions, clock, staff.stagebegeleider, met)

    assert refused["werkzaamheden_toegestaan"].endswith(
        "er ontbreekt: deskundig toezicht, de naam van de toezichthouder, een toezichthouder "
        "van 18 jaar of ouder, een toezichthouder in de nabijheid van de werkplek of direct "
        "oproepbaar."
    )
    assert isinstance(gestart, engine.Overgegaan), gestart


def test_de_api_neemt_de_nieuwe_velden_van_een_stageplaats_aan_begrensd(
    client, sessions, clock, staff
):
    lid = nieuwe_leerling(
        sessions,
        clock,
        staff.teamleider,
        geboortedatum=date(2010, 6, 1),
        stagebegeleider_id=staff.stagebegeleider.id,
    )
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    plaats = {"bedrijf": "Kwekerij Groen", "sector": "04", "startdatum": "2025-03-10"}

    goed = client.post(
        f"/api/leerlingen/{lid}/plaatsingen",
        json={**plaats, **TOEZICHT, "gedwongen_houding": True, "gewasbeschermingsmiddelen": True},
        headers=as_user("stagebegeleider"),
    )
    te_lang = client.post(
        f"/api/leerlingen/{lid}/plaatsingen",
        json={**plaats, "toezichthouder": "x" * 201},
        headers=as_user("stagebegeleider"),
    )

    assert goed.status_code == 201, goed.json()
    assert te_lang.status_code == 422
    assert ["body", "toezichthouder"] in [e["loc"] for e in te_lang.json()["detail"]]
    refused = falende_guards(
        stap(sessions, clock, staff.stagebegeleider, lid, "stage_starten", motivatie=None)
    )
    assert (
        "werk waarbij niet in gevarieerde houdingen kan worden gewerkt is niet toegestaan"
        in (refused["werkzaamheden_toegestaan"])
    )
    assert (
        "binnen 14 dagen na gewasbeschermingsmiddelen of biociden is niet toegestaan"
        in (refused["werkzaamheden_toegestaan"])
    )


def test_een_teamleider_kan_toch_doorzetten_met_motivatie(sessions, clock, staff):
    lid, _ = stage_klaar(sessions, clock, staff, geboren=date(2008, 6, 1), risicovol=True)
    clock.set(START)
    result = starten(sessions, clock, staff.teamleider, lid, motivatie=MOTIVATIE)
    assert isinstance(result, engine.Overgegaan), result
    assert result.override
