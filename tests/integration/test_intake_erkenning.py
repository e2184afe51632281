"""The intake CSV's erkend_leerbedrijf column (#17): the register holds the SBB erkenning now,
so "ja" is taken only where the register backs it; otherwise the row is refused with its line
number and where the erkenning is recorded, and nothing is taken in."""

from __future__ import annotations

from tests.integration.test_intake import CSV
from trajectory.store import tables as t
from trajectory.usecases import bedrijven, intake_import

KOP, ADA, BO, CAS = CSV.splitlines()


def _csv(*regels: str) -> bytes:
    return "\n".join((f"{KOP};erkend_leerbedrijf", *regels)).encode() + b"\n"


def _korrel(sessions, clock, staff, geldig_tot: str) -> int:
    return bedrijven.registreer(
        sessions,
        {"naam": "Bakkerij Koster", "erkenning_sectoren": ["03"],
         "erkenning_geldig_tot": geldig_tot},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip


def test_ja_wordt_aangenomen_als_het_register_de_erkenning_op_de_startdatum_heeft(
    sessions, clock, staff
):
    _korrel(sessions, clock, staff, "2024-09-02")  # Ada's stage starts on 2 September 2024
    inhoud = _csv(f"{ADA};ja", f"{BO};nee", f"{CAS};")

    voorbeeld = intake_import.bekijk(sessions, inhoud, actor=staff.teamleider, clock=clock)

    assert voorbeeld.in_orde, [r.fouten for r in voorbeeld.rijen]
    ids = intake_import.importeer(sessions, inhoud, actor=staff.teamleider, clock=clock)
    assert len(ids) == 3


def test_ja_zonder_erkenning_in_het_register_weigert_de_regel_met_zijn_nummer(
    sessions, clock, staff
):
    korrel = _korrel(sessions, clock, staff, "2024-09-01")  # ended the day before the start
    inhoud = _csv(f"{BO};nee", f"{ADA};ja", f"{CAS};misschien")

    voorbeeld = intake_import.bekijk(sessions, inhoud, actor=staff.teamleider, clock=clock)

    fouten = {r.regel: r.fouten for r in voorbeeld.foute_rijen}
    assert set(fouten) == {3, 4}
    (erkenning,) = fouten[3]
    assert erkenning.startswith("kolom erkend_leerbedrijf: De erkenning wordt nu in het ")
    assert "geen SBB-erkenning voor de sector" in erkenning
    assert f"/bedrijven/{korrel}" in erkenning
    assert "kolom erkend_leerbedrijf: 'misschien' is geen ja of nee" in fouten[4]
    uitkomst = intake_import.importeer(sessions, inhoud, actor=staff.teamleider, clock=clock)
    assert isinstance(uitkomst, intake_import.Voorbeeld)
    with sessions() as session:
        assert session.query(t.Leerling).count() == 0


def test_ja_bij_een_bedrijf_dat_nog_niet_in_het_register_staat_wordt_geweigerd(
    sessions, clock, staff
):
    voorbeeld = intake_import.bekijk(
        sessions, _csv(f"{ADA};ja"), actor=staff.teamleider, clock=clock
    )

    (rij,) = voorbeeld.foute_rijen
    assert rij.regel == 2
    assert "Bakkerij Koster staat nog niet in het bedrijvenregister" in rij.fouten[0]
