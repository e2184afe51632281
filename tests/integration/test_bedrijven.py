"""The register of stagebedrijven (issue #17): registering, editing with a version check,
the status with a reason, praktijkbegeleiders, and a placement naming its company."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from tests.integration.builders import breng_naar, nieuwe_leerling
from trajectory.store import tables as t
from trajectory.usecases import bedrijven, vastleggen
from trajectory.usecases.fouten import BedrijfGewijzigd, FieldError, NotPermitted

KORREL = {
    "naam": "Bakkerij De Korrel",
    "kvk": "1234 5678",
    "postcode": "3811ab",
    "sectoren": ["08", "03", "08"],
    "erkenning_sectoren": ["08"],
    "erkenning_geldig_tot": "2027-07-31",
}


def _events(sessions, trigger: str) -> list[t.AuditEvent]:
    with sessions() as session:
        return list(session.scalars(select(t.AuditEvent).where(t.AuditEvent.trigger == trigger)))


def test_een_bedrijf_wordt_geregistreerd_met_nette_postcode_en_kvk(sessions, clock, staff):
    bid = bedrijven.registreer(sessions, KORREL, actor=staff.stagebegeleider, clock=clock)

    with sessions() as session:
        rij = session.get_one(t.Stagebedrijf, bid)
    assert (rij.postcode, rij.kvk, rij.sectoren) == ("3811 AB", "12345678", ["03", "08"])
    assert rij.erkenning_geldig_tot == date(2027, 7, 31)
    assert rij.naam_sleutel == "bakkerij de korrel"
    assert len(_events(sessions, "bedrijf_registreren")) == 1


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [("postcode", "381 AB"), ("postcode", "0811 AB"), ("kvk", "1234567"), ("sectoren", ["11"])],
)
def test_een_foute_postcode_kvk_of_sector_wordt_geweigerd(sessions, clock, staff, veld, waarde):
    with pytest.raises(ValidationError) as fout:
        bedrijven.registreer(
            sessions, {**KORREL, veld: waarde}, actor=staff.teamleider, clock=clock
        )
    assert fout.value.errors()[0]["loc"][0] == veld


def test_dezelfde_naam_in_andere_hoofdletters_is_hetzelfde_bedrijf(sessions, clock, staff):
    bedrijven.registreer(sessions, KORREL, actor=staff.teamleider, clock=clock)
    with pytest.raises(FieldError, match="staat al in het register"):
        bedrijven.registreer(
            sessions, {"naam": " bakkerij  de KORREL"}, actor=staff.teamleider, clock=clock
        )


def test_een_mentor_kan_het_register_niet_wijzigen(sessions, clock, staff):
    with pytest.raises(NotPermitted):
        bedrijven.registreer(sessions, KORREL, actor=staff.mentor, clock=clock)


def test_een_wijziging_legt_oud_en_nieuw_vast_en_wie_de_erkenning_controleerde(
    sessions, clock, staff
):
    bid = bedrijven.registreer(sessions, KORREL, actor=staff.teamleider, clock=clock)
    nieuw = {**KORREL, "erkenning_gecontroleerd_op": "2026-11-30", "version": 1}
    uit = bedrijven.wijzig(sessions, bid, nieuw, actor=staff.stagebegeleider, clock=clock)

    assert uit.version == 2
    assert uit.wijzigingen == {"erkenning_gecontroleerd_op": {"oud": None, "nieuw": "2026-11-30"}}
    with sessions() as session:
        rij = session.get_one(t.Stagebedrijf, bid)
    assert rij.erkenning_gecontroleerd_door_id == staff.stagebegeleider.id
    assert len(_events(sessions, "bedrijf_wijzigen")) == 1


def test_een_verouderde_versie_wijzigt_niets(sessions, clock, staff):
    bid = bedrijven.registreer(sessions, KORREL, actor=staff.teamleider, clock=clock)
    bedrijven.wijzig(
        sessions, bid, {**KORREL, "plaats": "Amersfoort", "version": 1},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip
    with pytest.raises(BedrijfGewijzigd):
        bedrijven.wijzig(
            sessions, bid, {**KORREL, "plaats": "Leusden", "version": 1},
            actor=staff.stagebegeleider, clock=clock,
        )  # fmt: skip
    with sessions() as session:
        assert session.get_one(t.Stagebedrijf, bid).plaats == "Amersfoort"


def test_blokkeren_vraagt_een_reden_en_legt_vast_wie(sessions, clock, staff):
    bid = bedrijven.registreer(sessions, KORREL, actor=staff.teamleider, clock=clock)
    with pytest.raises(FieldError, match="reden"):
        bedrijven.zet_status(
            sessions, bid, {"status": "geblokkeerd", "reden": "kort", "version": 1},
            actor=staff.teamleider, clock=clock,
        )  # fmt: skip
    bedrijven.zet_status(
        sessions, bid, {"status": "geblokkeerd", "reden": "Incident op 12 november", "version": 1},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip
    with sessions() as session:
        rij = session.get_one(t.Stagebedrijf, bid)
    assert (rij.status, rij.status_door_id) == ("geblokkeerd", staff.teamleider.id)


def _in_stage_zoeken(sessions, clock, staff) -> int:
    lid = nieuwe_leerling(sessions, clock, staff.teamleider, geboortedatum=date(2008, 6, 1))
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    return lid


def test_een_stage_met_een_getypte_naam_noemt_het_bedrijf_uit_het_register(sessions, clock, staff):
    bid = bedrijven.registreer(sessions, KORREL, actor=staff.teamleider, clock=clock)
    lid = _in_stage_zoeken(sessions, clock, staff)
    pid = vastleggen.add_plaatsing(
        sessions, lid, {"bedrijf": "bakkerij de korrel ", "sector": "08",
                        "startdatum": "2026-12-07"},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip
    nieuw = vastleggen.add_plaatsing(
        sessions, lid, {"bedrijf": "Kwekerij Groen", "sector": "04", "startdatum": "2026-12-07"},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip

    with sessions() as session:
        korrel = session.get_one(t.Plaatsing, pid)
        groen = session.get_one(t.Plaatsing, nieuw)
        geregistreerd = session.get_one(t.Stagebedrijf, groen.stagebedrijf_id)
    assert (korrel.stagebedrijf_id, korrel.bedrijf) == (bid, "Bakkerij De Korrel")
    assert geregistreerd.naam == "Kwekerij Groen"
    assert _events(sessions, "bedrijf_registreren")[-1].leerling_id is None


def test_een_praktijkbegeleider_van_een_ander_bedrijf_past_niet_bij_de_stage(
    sessions, clock, staff
):
    korrel = bedrijven.registreer(sessions, KORREL, actor=staff.teamleider, clock=clock)
    ander = bedrijven.registreer(sessions, {"naam": "Hotel Zeezicht"}, actor=staff.teamleider,
                                 clock=clock)  # fmt: skip
    pb = bedrijven.voeg_praktijkbegeleider_toe(
        sessions, ander, {"naam": "Ria Jansen", "opgeleid": True},
        actor=staff.stagebegeleider, clock=clock,
    )  # fmt: skip
    lid = _in_stage_zoeken(sessions, clock, staff)
    with pytest.raises(FieldError, match="hoort niet bij Bakkerij De Korrel"):
        vastleggen.add_plaatsing(
            sessions, lid, {"stagebedrijf_id": korrel, "praktijkbegeleider_id": pb,
                            "sector": "08", "startdatum": "2026-12-07"},
            actor=staff.teamleider, clock=clock,
        )  # fmt: skip
    bedrijven.wijzig_praktijkbegeleider(
        sessions, pb, {"naam": "Ria Jansen", "actief": False, "version": 1},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip
    with pytest.raises(FieldError, match="niet meer actief"):
        vastleggen.add_plaatsing(
            sessions, lid, {"stagebedrijf_id": ander, "praktijkbegeleider_id": pb,
                            "sector": "03", "startdatum": "2026-12-07"},
            actor=staff.teamleider, clock=clock,
        )  # fmt: skip
    assert _events(sessions, "praktijkbegeleider_wijzigen")[0].leerling_id is None
