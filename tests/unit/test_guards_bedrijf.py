"""The company of a placement about to start (issue #17): SBB erkenning for Entree on the start
date, a geblokkeerd company, the company's places; and the PrO warning without erkenning."""

from __future__ import annotations

import ast
import inspect
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.builders import OP, START, a_leerling, reden
from trajectory.domain.waarschuwingen import waarschuwingen


def _entree(**plaatsing):
    velden = {"bedrijf": "Hotel Zeezicht", "sector": "03", "stagebedrijf_id": 7, **plaatsing}
    return a_leerling(leerjaar="entree").with_plaatsing(**velden).build()


@pytest.mark.parametrize(
    ("geldig_tot", "verwacht"),
    [
        (
            START - timedelta(days=1),
            "De SBB-erkenning van Hotel Zeezicht is geldig tot en met 09-03-2025 en de stage "
            "start op 10-03-2025; Entree vraagt een erkend leerbedrijf op de startdatum.",
        ),
        (START, None),
    ],
    ids=["tot_de_dag_voor_de_start", "tot_en_met_de_startdatum"],
)
def test_de_erkenning_moet_gelden_op_de_startdatum(geldig_tot, verwacht):
    leerling = _entree(erkenning_sectoren=("03",), erkenning_geldig_tot=geldig_tot)
    assert reden("erkend_leerbedrijf", leerling) == verwacht


def test_de_erkenning_telt_op_de_startdatum_niet_op_vandaag():
    """Judged on OP, a week before the start: valid today but not on the start day refuses."""
    leerling = _entree(erkenning_sectoren=("03",), erkenning_geldig_tot=OP)
    assert reden("erkend_leerbedrijf", leerling, OP) is not None


def test_een_erkenning_voor_een_andere_sector_telt_niet():
    leerling = _entree(erkenning_sectoren=("04",), erkenning_geldig_tot=date(2030, 1, 1))
    assert reden("erkend_leerbedrijf", leerling) == (
        "Hotel Zeezicht is geen erkend leerbedrijf voor de sector Horeca en Winkel; "
        "dat is nodig voor Entree."
    )


def test_een_erkenning_zonder_geldigheidsdatum_vraagt_die_datum_vast_te_leggen():
    leerling = _entree(erkenning_sectoren=("03",), erkenning_geldig_tot=None)
    assert reden("erkend_leerbedrijf", leerling) == (
        "Van de SBB-erkenning van Hotel Zeezicht is niet vastgelegd tot wanneer die geldig is; "
        "leg die datum vast in het bedrijvenregister (Entree vraagt een erkend leerbedrijf)."
    )


@pytest.mark.parametrize(
    ("status", "verwacht"),
    [
        ("actief", None),
        ("gepauzeerd", None),
        (
            "geblokkeerd",
            "Hotel Zeezicht is geblokkeerd in het bedrijvenregister; daar start geen nieuwe "
            "stage. Reden: Onveilige werkplek.",
        ),
    ],
)
def test_bij_een_geblokkeerd_bedrijf_start_geen_stage(status, verwacht):
    leerling = _entree(bedrijf_status=status, bedrijf_status_reden="Onveilige werkplek.")
    assert reden("bedrijf_niet_geblokkeerd", leerling) == verwacht


@pytest.mark.parametrize(
    ("capaciteit", "bezet", "vrij"),
    [(2, 1, True), (2, 2, False), (2, 3, False), (None, 40, True), (0, 0, False)],
    ids=["N-1_bezet", "N_bezet", "boven_N", "geen_grens", "geen_plaatsen"],
)
def test_een_bedrijf_neemt_niet_meer_stagiairs_dan_zijn_plaatsen(capaciteit, bezet, vrij):
    leerling = replace(_entree(bedrijf_capaciteit=capaciteit), bedrijf_bezet=bezet)
    uitleg = reden("bedrijf_heeft_plaats", leerling)
    if vrij:
        assert uitleg is None
    else:
        assert uitleg == (
            f"Bij Hotel Zeezicht is geen stageplaats vrij: er lopen {bezet} stages en het "
            f"bedrijf heeft {capaciteit} plaatsen."
        )


def test_de_bedrijfsregels_staan_op_elke_start_van_een_stage():
    from trajectory.machines.definition import TRANSITIONS

    starten = [o for o in TRANSITIONS if o.trigger == "stage_starten"]
    assert starten
    for overgang in starten:
        assert {"bedrijf_niet_geblokkeerd", "bedrijf_heeft_plaats"} <= set(overgang.guards)
    assert [o.dest for o in starten if "erkend_leerbedrijf" in o.guards] == ["entree"]


def test_elke_guard_die_de_bedrijfsbezetting_leest_staat_in_lezen_bedrijfsbezetting():
    """Loading a leerling counts the company's places only for a state with a step guarded by
    LEZEN_BEDRIJFSBEZETTING; a guard reading it but missing there would judge 0 taken."""
    import trajectory.guards
    from trajectory.guards import GUARDS
    from trajectory.guards.bedrijf import LEZEN_BEDRIJFSBEZETTING

    lezers = set()
    for pad in Path(trajectory.guards.__file__).parent.rglob("*.py"):
        for functie in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if isinstance(functie, ast.FunctionDef) and any(
                isinstance(n, ast.Attribute) and n.attr == "bedrijf_bezet"
                for n in ast.walk(functie)
            ):
                lezers.add(functie.name)
    assert lezers == set(LEZEN_BEDRIJFSBEZETTING)
    assert all(inspect.isfunction(GUARDS[naam]) for naam in LEZEN_BEDRIJFSBEZETTING)


WAARSCHUWING = (
    "Supermarkt De Hoek heeft op de startdatum (10-03-2025) geen geldige SBB-erkenning voor de "
    "sector van deze stage; een PrO-stage mag daar, maar kijk of de begeleiding op de "
    "werkplek goed geregeld is."
)


@pytest.mark.parametrize(
    ("erkenning", "gewaarschuwd"),
    [
        ({}, True),
        ({"erkenning_sectoren": ("03",), "erkenning_geldig_tot": START - timedelta(1)}, True),
        ({"erkenning_sectoren": ("03",), "erkenning_geldig_tot": START}, False),
    ],
    ids=["geen_erkenning", "verlopen_voor_de_start", "geldig_op_de_start"],
)
def test_een_pro_stage_bij_een_bedrijf_zonder_erkenning_krijgt_een_waarschuwing(
    erkenning, gewaarschuwd
):
    leerling = a_leerling().with_plaatsing(stagebedrijf_id=3, **erkenning).build()
    assert (WAARSCHUWING in waarschuwingen(leerling, OP)) is gewaarschuwd


def test_entree_krijgt_geen_waarschuwing_maar_een_weigering():
    leerling = (
        a_leerling(leerjaar="entree").with_plaatsing(stagebedrijf_id=3, bedrijf="X BV").build()
    )
    assert not any("SBB-erkenning" in w for w in waarschuwingen(leerling, OP))
