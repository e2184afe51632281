"""Groepsstage: reden, 5 places per dagdeel, opvang after uitval, the way out (beleidsplan 3)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.builders import OP, a_leerling, reden, volledige_overeenkomst
from trajectory.guards.groepsstage import BASISWERKNEMERSVAARDIGHEDEN
from trajectory.machines import TRANSITIONS


def _advies_groepsstage(dagdelen=("ma_ochtend",), reden_="nt2", **bezetting: int):
    return (
        a_leerling(leerjaar="2", state="stage_advies")
        .with_record(
            "voorlopig_advies",
            advies="groepsstage",
            reden=reden_,
            dagdelen=list(dagdelen),
            nieuw=True,
        )
        .with_bezetting(**bezetting)
        .build()
    )


@pytest.mark.parametrize(
    ("reden_", "ok"),
    [("sociaal_emotioneel", True), ("nt2", True), ("gedrag", False), (None, False)],
)
def test_groepsstage_is_er_alleen_bij_sociaal_emotionele_reden_of_nt2(reden_, ok):
    uitleg = reden("reden_groepsstage_geldig", _advies_groepsstage(reden_=reden_))
    assert (uitleg is None) is ok
    if not ok:
        assert "NT2" in uitleg


@pytest.mark.parametrize(
    ("bezet", "verwacht"),
    [
        pytest.param(0, None, id="leeg"),
        pytest.param(4, None, id="4_bezet_de_5e_past"),
        pytest.param(
            5,
            "De groepsstage is vol op ma-ochtend (maximaal 5 leerlingen per dagdeel).",
            id="5_bezet_de_6e_past_niet",
        ),
        pytest.param(
            6,
            "De groepsstage is vol op ma-ochtend (maximaal 5 leerlingen per dagdeel).",
            id="al_te_vol",
        ),
    ],
)
def test_de_groepsstage_heeft_5_plaatsen_per_dagdeel(bezet, verwacht):
    leerling = _advies_groepsstage(["ma_ochtend"], ma_ochtend=bezet)
    assert reden("groepsstage_plaats_vrij", leerling) == verwacht


def test_alleen_de_volle_dagdelen_worden_genoemd():
    leerling = _advies_groepsstage(
        ["ma_ochtend", "di_middag", "vr_ochtend"], ma_ochtend=4, di_middag=5, vr_ochtend=5
    )
    assert reden("groepsstage_plaats_vrij", leerling) == (
        "De groepsstage is vol op di-middag, vr-ochtend (maximaal 5 leerlingen per dagdeel)."
    )


def test_zonder_gekozen_dagdelen_is_er_geen_plaats():
    assert reden("groepsstage_plaats_vrij", _advies_groepsstage([])) == (
        "Er zijn geen dagdelen voor de groepsstage gekozen."
    )


def test_een_onbekend_dagdeel_wordt_genoemd():
    assert reden("groepsstage_plaats_vrij", _advies_groepsstage(["za_ochtend"])) == (
        "Onbekend dagdeel: za_ochtend."
    )


def _opvang(leerjaar: str, dagdelen, stagedagen=("di_ochtend", "di_middag")):
    leerling = a_leerling(leerjaar=leerjaar, state="uitgevallen")
    if stagedagen is not None:
        leerling.with_plaatsing("individuele_stage", "afgebroken", dagdelen=stagedagen)
    return leerling.with_record("opvang", dagdelen=list(dagdelen), nieuw=True).build()


@pytest.mark.parametrize(
    ("leerjaar", "dagdelen", "verwacht"),
    [
        pytest.param("3", ["di_ochtend", "di_middag"], None, id="lj3_op_de_stagedagen"),
        pytest.param(
            "3",
            ["di_ochtend", "do_ochtend"],
            "Opvang kan alleen op de stagedagen van de afgebroken stage; niet op do-ochtend.",
            id="lj3_op_een_andere_dag",
        ),
        pytest.param("4", ["do_ochtend", "do_middag", "vr_ochtend", "vr_middag"], None, id="lj4"),
        pytest.param("5", ["vr_middag"], None, id="lj5_vrijdag"),
        pytest.param(
            "4",
            ["di_ochtend", "do_ochtend"],
            "Opvang kan alleen op donderdag en vrijdag; niet op di-ochtend.",
            id="lj4_op_de_oude_stagedag",
        ),
        pytest.param(
            "5",
            ["wo_middag"],
            "Opvang kan alleen op donderdag en vrijdag; niet op wo-middag.",
            id="lj5_woensdag",
        ),
        pytest.param(
            "entree",
            ["do_ochtend"],
            "Opvang in de groepsstage is er voor leerjaar 3, 4 en 5, niet voor entree.",
            id="entree",
        ),
        pytest.param(
            "3", [], "Er zijn geen dagdelen voor de opvang in de groepsstage gekozen.", id="geen"
        ),
    ],
)
def test_opvang_na_uitval_kan_op_de_juiste_dagdelen(leerjaar, dagdelen, verwacht):
    assert reden("opvang_op_juiste_dagdelen", _opvang(leerjaar, dagdelen)) == verwacht


def test_opvang_in_lj3_zonder_afgebroken_stage_kan_op_geen_enkele_dag():
    uitleg = reden("opvang_op_juiste_dagdelen", _opvang("3", ["di_ochtend"], stagedagen=None))
    assert uitleg == (
        "Opvang kan alleen op de stagedagen van de afgebroken stage; niet op di-ochtend."
    )


def test_de_plaats_voor_opvang_telt_de_dagdelen_van_de_opvang():
    leerling = (
        a_leerling(leerjaar="4", state="uitgevallen")
        .with_record("voorlopig_advies", advies="groepsstage", dagdelen=["ma_ochtend"])
        .with_record("opvang", dagdelen=["do_ochtend"], nieuw=True)
        .with_bezetting(ma_ochtend=5, do_ochtend=5)
        .build()
    )
    assert reden("groepsstage_plaats_vrij", leerling) == (
        "De groepsstage is vol op do-ochtend (maximaal 5 leerlingen per dagdeel)."
    )


ALLES_VOLDOENDE = dict.fromkeys(BASISWERKNEMERSVAARDIGHEDEN, "voldoende")


def _met_vaardigheden(vaardigheden):
    return (
        a_leerling(state="groepsstage")
        .with_record("basisvaardigheden", vaardigheden=vaardigheden)
        .build()
    )


def test_tien_voldoendes_voor_de_basiswerknemersvaardigheden_zijn_genoeg():
    assert len(BASISWERKNEMERSVAARDIGHEDEN) == 10
    assert reden("basisvaardigheden_voldoende", _met_vaardigheden(ALLES_VOLDOENDE)) is None


@pytest.mark.parametrize("vaardigheid", BASISWERKNEMERSVAARDIGHEDEN)
def test_een_onvoldoende_vaardigheid_wordt_genoemd(vaardigheid):
    leerling = _met_vaardigheden({**ALLES_VOLDOENDE, vaardigheid: "onvoldoende"})
    assert reden("basisvaardigheden_voldoende", leerling) == (
        f"Nog niet voldoende: {vaardigheid.replace('_', ' ')}."
    )


@pytest.mark.parametrize("vaardigheid", BASISWERKNEMERSVAARDIGHEDEN)
def test_een_ontbrekende_vaardigheid_telt_als_nog_niet_voldoende(vaardigheid):
    zonder = {k: v for k, v in ALLES_VOLDOENDE.items() if k != vaardigheid}
    uitleg = reden("basisvaardigheden_voldoende", _met_vaardigheden(zonder))
    assert uitleg == f"Nog niet voldoende: {vaardigheid.replace('_', ' ')}."


def test_zonder_beoordeling_van_de_vaardigheden_kan_de_leerling_niet_door():
    assert reden("basisvaardigheden_voldoende", a_leerling(state="groepsstage").build()) == (
        "De tien basiswerknemersvaardigheden zijn nog niet beoordeeld."
    )


@pytest.mark.parametrize(
    ("met", "uitkomst", "verwacht"),
    [
        pytest.param("ouders_mentor_stagebegeleider", "positief", None, id="positief"),
        pytest.param(
            "ouders_mentor_stagebegeleider",
            "negatief",
            "Het overleg met ouders, mentor en stagebegeleider was niet positief.",
            id="negatief",
        ),
        pytest.param(
            "ondersteuningsteam",
            "positief",
            "Het overleg met ouders, mentor en stagebegeleider is nog niet vastgelegd.",
            id="ander_overleg",
        ),
    ],
)
def test_naar_individueel_vraagt_een_positief_overleg_met_ouders(met, uitkomst, verwacht):
    leerling = a_leerling(state="groepsstage").with_record("overleg", met=met, uitkomst=uitkomst)
    assert reden("overleg_ouders_positief", leerling.build()) == verwacht


def test_elke_guard_die_de_bezetting_leest_staat_in_lezen_bezetting():
    """Loading a leerling counts the groepsstage occupancy only for a state with a step guarded
    by LEZEN_BEZETTING; a guard that reads it but is missing there would judge an empty grid."""
    import ast
    import inspect
    from pathlib import Path

    import trajectory.guards
    from trajectory.guards import GUARDS
    from trajectory.guards.groepsstage import LEZEN_BEZETTING

    lezers = set()
    for pad in Path(trajectory.guards.__file__).parent.rglob("*.py"):  # where guards live
        boom = ast.parse(pad.read_text(encoding="utf-8"))
        for functie in ast.walk(boom):
            if isinstance(functie, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                isinstance(n, ast.Attribute) and n.attr == "groepsstage_bezetting"
                for n in ast.walk(functie)
            ):
                lezers.add(functie.name)
    assert lezers == set(LEZEN_BEZETTING), (
        "a function reads snapshot.groepsstage_bezetting; if it is a guard, add it to "
        "LEZEN_BEZETTING, if it is a helper of guards, read the occupancy in the guard itself"
    )
    assert LEZEN_BEZETTING <= set(GUARDS)
    assert all(inspect.isfunction(GUARDS[naam]) for naam in LEZEN_BEZETTING)


# --- "Bij aanvang van de groepsstage wordt er een stagecontract opgesteld" (issue #15 item 3) --


def _met_contract(builder, *, datum=OP, zonder=(), **velden):
    data = volledige_overeenkomst(OP, date(2025, 7, 11))
    data.update(velden)
    for veld in zonder:
        del data[veld]
    return builder.with_record("stage_overeenkomst", datum=datum, **data)


def _naar_groepsstage(geboren=date(2010, 4, 2)):
    return a_leerling(geboren=geboren, leerjaar="2", state="stage_advies").with_record(
        "voorlopig_advies", advies="groepsstage", reden="nt2", dagdelen=["ma_ochtend"], nieuw=True
    )


def test_bij_aanvang_van_de_groepsstage_wordt_er_een_stagecontract_opgesteld():
    assert reden("groepsstage_overeenkomst_compleet", _naar_groepsstage().build()) == (
        "Bij aanvang van de groepsstage wordt een stagecontract opgesteld; leg de "
        "stage-overeenkomst voor de groepsstage vast."
    )
    assert (
        reden("groepsstage_overeenkomst_compleet", _met_contract(_naar_groepsstage()).build())
        is None
    )


def test_het_stagecontract_van_de_groepsstage_is_compleet_zoals_elke_stage_overeenkomst():
    onvolledig = _met_contract(_naar_groepsstage(), zonder=["tijden", "getekend_ouder"]).build()
    assert reden("groepsstage_overeenkomst_compleet", onvolledig) == (
        "De stage-overeenkomst voor de groepsstage is niet compleet; er ontbreekt: de tijden, "
        "de handtekening van een ouder/verzorger."
    )


def test_het_contract_van_een_andere_stageplaats_is_niet_dat_van_de_groepsstage():
    builder = _naar_groepsstage().with_plaatsing()
    builder.with_overeenkomst()
    assert "leg de stage-overeenkomst" in reden(
        "groepsstage_overeenkomst_compleet", builder.build()
    )


def test_opvang_in_de_groepsstage_vraagt_een_nieuw_stagecontract_na_de_uitval():
    uitval = date(2025, 2, 14)
    builder = (
        a_leerling(leerjaar="3", state="uitgevallen")
        .with_plaatsing(
            "individuele_stage", "afgebroken", dagdelen=("ma_ochtend",), einddatum=uitval
        )
        .with_record("opvang", dagdelen=["ma_ochtend"], nieuw=True)
    )
    oud = _met_contract(builder, datum=date(2024, 9, 1)).build()
    assert "leg de stage-overeenkomst" in reden("groepsstage_overeenkomst_compleet", oud)
    nieuw = _met_contract(builder, datum=uitval).build()
    assert reden("groepsstage_overeenkomst_compleet", nieuw) is None


def test_de_groepsstage_buiten_school_kan_pas_vanaf_14_jaar():
    dertien = _naar_groepsstage(geboren=date(2011, 6, 1)).build()
    assert reden("minstens_14_bij_start", dertien) == (
        "Op de geplande startdatum (03-03-2025) is de leerling 13 jaar; "
        "de groepsstage (buiten school) kan vanaf 14 jaar."
    )
    veertien = _naar_groepsstage(geboren=date(2011, 3, 3)).build()
    assert reden("minstens_14_bij_start", veertien) is None


def test_advies_groepsstage_en_opvang_vragen_contract_en_leeftijd():
    for trigger in ("advies_groepsstage", "opvang_groepsstage"):
        (overgang,) = (t for t in TRANSITIONS if t.trigger == trigger)
        assert {"minstens_14_bij_start", "groepsstage_overeenkomst_compleet"} <= set(
            overgang.guards
        )
