"""The API's old `erkend_leerbedrijf` on a placement (#17): a client that still sends it is
accepted when the register backs it, and otherwise told in Dutch, on that field, that the
erkenning is recorded in the register now; nothing is saved then."""

from __future__ import annotations

import pytest

from tests.conftest import as_user
from tests.integration.builders import nieuwe_leerling
from trajectory.store import tables as t
from trajectory.usecases import bedrijven

TL = as_user("teamleider")
PLAATSING = {"sector": "08", "startdatum": "2025-03-10"}


@pytest.fixture
def korrel(sessions, clock, staff) -> int:
    return bedrijven.registreer(
        sessions,
        {"naam": "Bakkerij De Korrel", "erkenning_sectoren": ["08"],
         "erkenning_geldig_tot": "2025-03-10"},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip


@pytest.fixture
def leerling(sessions, clock, staff) -> int:
    return nieuwe_leerling(sessions, clock, staff.teamleider, klas="3A")


def _plaats(client, leerling, **body):
    return client.post(f"/api/leerlingen/{leerling}/plaatsingen", json=body, headers=TL)


def _aantal(sessions) -> tuple[int, int]:
    with sessions() as session:
        return session.query(t.Plaatsing).count(), session.query(t.Stagebedrijf).count()


def test_erkend_leerbedrijf_wordt_aangenomen_als_het_register_de_erkenning_heeft(
    client, leerling, korrel
):
    response = _plaats(client, leerling, stagebedrijf_id=korrel, erkend_leerbedrijf=True,
                       **PLAATSING)  # fmt: skip

    assert response.status_code == 201, response.text


def test_zonder_erkenning_op_de_startdatum_is_het_een_422_die_naar_het_register_wijst(
    client, sessions, leerling, korrel
):
    response = _plaats(client, leerling, bedrijf="bakkerij de korrel", erkend_leerbedrijf=True,
                       sector="08", startdatum="2025-03-11")  # fmt: skip

    assert response.status_code == 422
    (fout,) = response.json()["detail"]
    assert fout["loc"][-1] == "erkend_leerbedrijf"
    assert "geen SBB-erkenning" in fout["msg"]
    assert "11-03-2025" in fout["msg"]
    assert f"/api/bedrijven/{korrel}" in fout["msg"]
    assert _aantal(sessions) == (0, 1)


def test_een_nieuwe_naam_met_erkend_leerbedrijf_wordt_niet_half_geregistreerd(
    client, sessions, leerling
):
    response = _plaats(client, leerling, bedrijf="Garage Snel", erkend_leerbedrijf=True,
                       **PLAATSING)  # fmt: skip

    assert response.status_code == 422
    assert "staat nog niet in het bedrijvenregister" in response.json()["detail"][0]["msg"]
    assert _aantal(sessions) == (0, 0)


def test_erkend_leerbedrijf_false_verandert_niets(client, sessions, leerling):
    response = _plaats(client, leerling, bedrijf="Garage Snel", erkend_leerbedrijf=False,
                       **PLAATSING)  # fmt: skip

    assert response.status_code == 201, response.text
    assert _aantal(sessions) == (1, 1)


def test_de_openapi_noemt_het_veld_verouderd(client):
    schema = client.get("/openapi.json", headers=TL).json()
    veld = schema["components"]["schemas"]["PlaatsingApiIn"]["properties"]["erkend_leerbedrijf"]

    assert veld["deprecated"] is True
    assert "bedrijvenregister" in veld["description"]
