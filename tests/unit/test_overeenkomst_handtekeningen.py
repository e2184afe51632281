"""`stage_overeenkomst_compleet` reads the signatures of the current version (issue #18): a
version is the contract record and the rooster record; a ticked box on an old record counts
as a paper signature of that record until the rooster changes on a later day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from tests.builders import OP, START, a_leerling, reden
from trajectory.domain.herinneringen import TIMER, plan
from trajectory.domain.overeenkomst_handtekeningen import ontbrekende_partijen
from trajectory.domain.schooljaar import laad_kalender
from trajectory.domain.snapshot import Handtekening

KALENDER = laad_kalender()
ZONDER_VINKJES = ("getekend_school", "getekend_leerling", "getekend_bedrijf", "getekend_ouder")


def _klaar(**overeenkomst):
    return (
        a_leerling()  # 14 on OP: a parent signs too
        .with_plaatsing()
        .with_overeenkomst(zonder=ZONDER_VINKJES, **overeenkomst)
        .with_rooster()
        .build()
    )


def _getekend(s, *partijen: str, rooster_id: int | None = None):
    contract = s.laatste("stage_overeenkomst")
    rooster = s.laatste("rooster")
    return replace(
        s,
        handtekeningen=tuple(
            Handtekening(1, contract.id, rooster_id or rooster.id, p, "scherm") for p in partijen
        ),
    )


def test_met_alle_vier_de_handtekeningen_is_de_overeenkomst_compleet():
    s = _getekend(_klaar(), "school", "leerling", "bedrijf", "ouder")
    assert reden("stage_overeenkomst_compleet", s) is None


def test_zonder_de_handtekening_van_het_bedrijf_is_de_overeenkomst_niet_compleet():
    s = _getekend(_klaar(), "school", "leerling", "ouder")
    assert reden("stage_overeenkomst_compleet", s) == (
        "De stage-overeenkomst is niet compleet; er ontbreekt: de handtekening van het bedrijf."
    )


def test_handtekeningen_van_een_ouder_rooster_tellen_niet():
    s = _getekend(_klaar(), "school", "leerling", "bedrijf", "ouder", rooster_id=999)
    assert ontbrekende_partijen(s, s.plaatsingen[-1]) == ["school", "leerling", "bedrijf", "ouder"]


def test_een_vinkje_telt_niet_meer_na_een_roosterwijziging_op_een_latere_dag():
    met_vinkjes = a_leerling().with_plaatsing().with_overeenkomst().with_rooster()
    assert reden("stage_overeenkomst_compleet", met_vinkjes.build()) is None
    later = met_vinkjes.with_rooster(datum=OP + timedelta(days=1)).build()
    assert "de handtekening van de school" in (reden("stage_overeenkomst_compleet", later) or "")


def test_een_leerling_die_op_de_startdatum_18_is_heeft_geen_ouder_nodig():
    s = a_leerling(geboren=date(2007, 3, 4)).with_plaatsing(startdatum=date(2025, 3, 4))
    s = s.with_overeenkomst(zonder=ZONDER_VINKJES).with_rooster().build()
    assert "ouder" not in ontbrekende_partijen(s, s.plaatsingen[-1])


def _herinnering(s) -> list[date]:
    return [
        g.verschuldigd
        for g in plan(s, KALENDER, date(2025, 2, 3))
        if g.soort == "handtekeningen_ontbreken"
    ]


def test_een_week_voor_de_start_herinnert_de_stagebegeleider_aan_ontbrekende_handtekeningen():
    s = _getekend(_klaar(), "school", "leerling", "bedrijf")  # the parent has not signed
    assert _herinnering(s) == [START - timedelta(weeks=1)]
    assert TIMER["handtekeningen_ontbreken"].rollen == ("stagebegeleider",)


def test_met_alle_handtekeningen_komt_er_geen_herinnering():
    s = _getekend(_klaar(), "school", "leerling", "bedrijf", "ouder")
    assert _herinnering(s) == []


def test_een_arbeidsovereenkomst_tekenen_alleen_werkgever_leerling_en_een_ouder():
    s = (
        a_leerling(leerjaar="entree")
        .with_plaatsing()
        .with_overeenkomst(zonder=ZONDER_VINKJES, soort="arbeidsovereenkomst")
        .with_rooster()
        .build()
    )
    assert ontbrekende_partijen(s, s.plaatsingen[-1]) == ["leerling", "bedrijf", "ouder"]
