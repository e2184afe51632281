"""A changed leerling does not rewrite history; the page warns when a step already taken would
now be refused (trajectory/domain/terugblik.py), judged with the pure builder."""

from __future__ import annotations

from datetime import date

from tests.builders import OP, a_leerling
from trajectory.domain.terugblik import EerdereStap, EerdereWijziging, nu_geweigerd

ADVIES = EerdereStap(
    volgnummer=5,
    op=OP,
    trigger="advies_zelfstandig",
    van="stage_advies",
    geslaagd=("minstens_14_bij_start",),
)


def test_een_latere_geboortedatum_noemt_het_advies_dat_nu_zou_falen():
    nu = a_leerling(geboren=date(2011, 6, 1)).build()  # 13 on OP, 14 as first entered
    wijziging = EerdereWijziging(volgnummer=7, veld="geboortedatum", oud="2010-04-02")

    (waarschuwing,) = nu_geweigerd(nu, [ADVIES], [wijziging])

    assert waarschuwing.startswith("'Advies: zelfstandig stagelopen' van 03-03-2025")
    assert "13 jaar" in waarschuwing


def test_een_stap_na_de_wijziging_werd_al_met_de_nieuwe_gegevens_beoordeeld():
    nu = a_leerling(geboren=date(2011, 6, 1)).build()
    eerder = EerdereWijziging(volgnummer=3, veld="geboortedatum", oud="2010-04-02")
    assert nu_geweigerd(nu, [ADVIES], [eerder]) == []


def test_een_veld_dat_geen_guard_leest_geeft_nooit_een_waarschuwing():
    nu = a_leerling(geboren=date(2011, 6, 1)).build()
    klas = EerdereWijziging(volgnummer=7, veld="klas", oud="2A")
    assert nu_geweigerd(nu, [ADVIES], [klas]) == []


def test_een_guard_die_ook_met_de_oude_gegevens_faalde_komt_niet_van_de_wijziging():
    """The reconstruction may miss what held then; the old data decide, not the miss."""
    nu = a_leerling(geboren=date(2012, 1, 1)).build()  # 13 now, and 13 before the edit too
    wijziging = EerdereWijziging(volgnummer=7, veld="geboortedatum", oud="2011-09-01")
    assert nu_geweigerd(nu, [ADVIES], [wijziging]) == []


def test_een_correctie_en_een_wijziging_vergelijken_met_dezelfde_regel():
    """held before, fails now: one function (domain/correcties.toen_wel_nu_niet) for both."""
    from trajectory.domain.correcties import toen_wel_nu_niet

    toen = a_leerling(geboren=date(2010, 4, 2)).build()
    nu = a_leerling(geboren=date(2011, 6, 1)).build()
    jong = a_leerling(geboren=date(2012, 1, 1)).build()
    guards = ("minstens_14_bij_start",)

    (verdict,) = toen_wel_nu_niet(guards, toen, nu, OP)
    assert (verdict.guard, verdict.ok) == ("minstens_14_bij_start", False)
    assert toen_wel_nu_niet(guards, nu, toen, OP) == ()  # mended, not broken
    assert toen_wel_nu_niet(guards, jong, nu, OP) == ()  # failed before too
