"""Every input bounded and well-typed: unstorable text, oversized bodies and fields, numbers
beyond a column, numbers as dates and dates out of range are a Dutch 4xx, never a 5xx (#14)."""

from __future__ import annotations

import json

import pytest

from service.invoerpoort import MAX_BODY
from tests.conftest import as_user
from tests.web import log_in
from trajectory.domain.invoer import GROOTSTE_ID, MAX_ITEMS, MAX_TEKST

LEERLING = {"naam": "Sem de Vries", "geboortedatum": "2010-04-02", "leerjaar": "3"}


def nieuw(client, **velden):
    return client.post(
        "/api/leerlingen", json={**LEERLING, **velden}, headers=as_user("teamleider")
    )


@pytest.fixture
def sem(client) -> int:
    response = nieuw(client)
    assert response.status_code == 201
    return response.json()["id"]


def record(client, leerling_id: int, kind: str, body: dict | str, **headers: str):
    kwargs = {"content": body} if isinstance(body, str) else {"json": body}
    return client.post(
        f"/api/leerlingen/{leerling_id}/records/{kind}",
        headers={**as_user("teamleider"), "Content-Type": "application/json", **headers},
        **kwargs,
    )


@pytest.mark.parametrize("naam", ["Sem\x00", "Sem\ud800", "\udfff"])
def test_een_nul_teken_of_losse_surrogaat_in_een_naam_is_een_nederlandse_422(client, naam):
    body = json.dumps({**LEERLING, "naam": naam})  # \ud800 as its JSON escape
    response = client.post(
        "/api/leerlingen",
        content=body,
        headers={**as_user("teamleider"), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert "ongeldig teken" in response.json()["detail"]


def test_een_nul_teken_diep_in_een_payload_wordt_geweigerd(client, sem):
    body = {"soort": "mentor", "uitslag": "voldoende", "criteria": {"a\x00": "voldoende"}}
    assert record(client, sem, "beoordeling", body).status_code == 422


@pytest.mark.parametrize(
    "pad",
    [
        "/overzicht?zoek=a%00b",
        "/overzicht?klas=%00",
        "/audit?van=%00",
        "/audit/export.csv?gebruiker=1%00",
    ],
)
def test_een_nul_teken_in_een_filter_bereikt_de_database_niet(client, sessions, pad):
    log_in(client, sessions, "teamleider")
    response = client.get(pad)
    assert response.status_code == 422
    assert "ongeldig teken" in response.text


def test_een_nul_teken_in_een_formulier_wordt_geweigerd(client, sessions):
    log_in(client, sessions, "teamleider")
    response = client.post("/overzicht", data={"zoek": "a\x00"})
    assert response.status_code == 422


@pytest.mark.parametrize(
    "pad",
    [
        "/overzicht?pagina=²",
        "/overzicht?begeleider=²",
        "/overzicht?pagina=99999999999999999999999",
        "/audit?leerling=²",
        "/audit?gebruiker=١",
        "/audit/export.csv?leerling=²",
        f"/audit?leerling={GROOTSTE_ID + 1}",
    ],
)
def test_een_getal_dat_geen_ascii_getal_is_geeft_geen_500(client, sessions, pad):
    log_in(client, sessions, "teamleider")
    assert client.get(pad).status_code < 500


@pytest.mark.parametrize(
    "pad", [f"/api/leerlingen/{GROOTSTE_ID + 1}", f"/api/leerlingen/{2**64}", "/leerlingen/1²"]
)
def test_een_id_buiten_de_kolom_is_een_404_en_geen_getal_een_422(client, pad):
    response = client.get(pad, headers=as_user("teamleider"))
    assert response.status_code in (404, 422)


def test_een_melding_id_buiten_de_kolom_is_een_404(client):
    path = f"/api/meldingen/{GROOTSTE_ID + 1}/gelezen"
    assert client.post(path, headers=as_user("teamleider")).status_code == 404


@pytest.mark.parametrize("waarde", [GROOTSTE_ID + 1, 2**64, 2.0, True])
def test_een_stagebegeleider_id_buiten_de_kolom_of_als_kommagetal_is_een_422(client, waarde):
    assert nieuw(client, stagebegeleider_id=waarde).status_code == 422


def test_een_te_groot_filter_id_is_een_422(client):
    path = f"/api/leerlingen?stagebegeleider_id={GROOTSTE_ID + 1}"
    assert client.get(path, headers=as_user("teamleider")).status_code == 422


@pytest.mark.parametrize("getal", ["NaN", "Infinity", "-Infinity"])
def test_nan_en_infinity_in_json_zijn_een_422(client, sem, getal):
    body = f'{{"uren": {getal}, "datum": "2025-10-01"}}'
    response = record(client, sem, "uren", body)
    assert response.status_code == 422
    assert "geen getallen" in response.json()["detail"]


@pytest.mark.parametrize("datum", [0, 1, 2.5])
def test_een_getal_is_geen_datum(client, datum):
    assert nieuw(client, geboortedatum=datum).status_code == 422


@pytest.mark.parametrize("datum", ["9999-12-31", "0001-01-01", "1949-12-31", "2101-01-01"])
def test_een_datum_buiten_het_redelijke_bereik_wordt_geweigerd(client, sem, datum):
    assert nieuw(client, geboortedatum=datum).status_code == 422
    response = record(client, sem, "bezoek", {"datum": datum, "notitie": "x"})
    assert response.status_code == 422
    assert "controleer het jaar" in json.dumps(response.json(), ensure_ascii=False)


def test_een_startdatum_ver_in_de_toekomst_kan_niet_worden_gepland(client, sem):
    response = client.post(
        f"/api/leerlingen/{sem}/plaatsingen",
        json={"bedrijf": "Bakker", "sector": "horeca", "startdatum": "9999-12-31"},
        headers=as_user("teamleider"),
    )
    assert response.status_code == 422


def test_criteria_hebben_een_maximum(client, sem):
    def criteria(n: int) -> dict:
        return {
            "soort": "mentor",
            "uitslag": "voldoende",
            "criteria": {f"c{i}": "voldoende" for i in range(n)},
        }

    assert record(client, sem, "beoordeling", criteria(MAX_ITEMS)).status_code == 201
    assert record(client, sem, "beoordeling", criteria(MAX_ITEMS + 1)).status_code == 422
    assert record(client, sem, "beoordeling", criteria(5000)).status_code == 422


def test_een_tekstveld_van_een_overeenkomst_heeft_een_maximum(client, sem):
    def overeenkomst(lengte: int) -> dict:
        return {"leeractiviteiten": "x" * lengte}

    assert record(client, sem, "stage_overeenkomst", overeenkomst(MAX_TEKST)).status_code in (
        201,
        409,  # no placement yet: refused by the domain, but the field itself was accepted
    )
    assert record(client, sem, "stage_overeenkomst", overeenkomst(MAX_TEKST + 1)).status_code == 422


def _opgevuld(grootte: int) -> str:
    """A JSON body of exactly `grootte` bytes (one long text field)."""
    kaal = json.dumps({"notitie": ""})
    return json.dumps({"notitie": "x" * (grootte - len(kaal))})


def test_een_body_tot_1_mb_wordt_gelezen_en_een_byte_meer_is_een_413(client, sem):
    precies = record(client, sem, "bezoek", _opgevuld(MAX_BODY))
    assert precies.status_code == 422  # read and validated: the notitie is too long
    te_groot = record(client, sem, "bezoek", _opgevuld(MAX_BODY + 1))
    assert te_groot.status_code == 413
    assert te_groot.json() == {"detail": "Het verzoek is te groot: hoogstens 1 MB."}


def test_een_te_grote_body_zonder_content_length_is_ook_een_413(client, sem):
    def in_stukken():
        for _ in range(20):
            yield b"x" * 100_000

    response = client.post(
        f"/api/leerlingen/{sem}/records/bezoek",
        content=in_stukken(),
        headers={**as_user("teamleider"), "Content-Type": "application/json"},
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413


def test_een_te_groot_formulier_is_een_413_met_een_nederlandse_pagina(client, sessions):
    log_in(client, sessions, "teamleider")
    response = client.post("/overzicht", data={"zoek": "x" * MAX_BODY})
    assert response.status_code == 413
    assert "te groot" in response.text


@pytest.mark.parametrize("methode", ["OPTIONS", "TRACE"])
def test_options_en_trace_zijn_een_405_met_allow(client, methode):
    response = client.request(methode, "/api/leerlingen", headers=as_user("teamleider"))
    assert response.status_code == 405
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "POST"}
