"""The JSON API of the register of stagebedrijven (issue #17): list with filters, one company
with its praktijkbegeleiders, register, edit with the version seen, status, praktijkbegeleiders,
and the list as CSV; on both databases through the test client."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import as_user
from tests.integration.builders import nieuwe_leerling
from trajectory.domain.bedrijven import erkend_op
from trajectory.usecases import bedrijven, vastleggen

TL, SB, MENTOR = as_user("teamleider"), as_user("stagebegeleider"), as_user("mentor")
KORREL = {
    "naam": "Bakkerij De Korrel",
    "plaats": "Amersfoort",
    "postcode": "3811ab",
    "sectoren": ["08"],
    "erkenning_sectoren": ["08"],
    "erkenning_geldig_tot": "2027-07-31",
    "capaciteit": 1,
}


def _registreer(client, body, headers=SB) -> int:
    response = client.post("/api/bedrijven", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _namen(client, **params) -> list[str]:
    response = client.get("/api/bedrijven", params=params, headers=MENTOR)
    assert response.status_code == 200, response.text
    return [b["naam"] for b in response.json()["items"]]


def test_een_stagebegeleider_registreert_en_een_mentor_leest_het_bedrijf(client):
    bid = _registreer(client, KORREL)

    bedrijf = client.get(f"/api/bedrijven/{bid}", headers=MENTOR).json()

    assert (bedrijf["naam"], bedrijf["postcode"], bedrijf["version"]) == (
        "Bakkerij De Korrel", "3811 AB", 1,
    )  # fmt: skip
    assert (bedrijf["capaciteit"], bedrijf["bezet"], bedrijf["vrije_plaatsen"]) == (1, 0, 1)
    assert bedrijf["praktijkbegeleiders"] == []


def test_een_mentor_mag_het_register_niet_wijzigen(client):
    response = client.post("/api/bedrijven", json=KORREL, headers=MENTOR)

    assert response.status_code == 403
    assert "alleen inzien" in response.json()["detail"]


def test_een_foute_postcode_is_een_422_met_het_veld_en_een_nederlandse_reden(client):
    response = client.post("/api/bedrijven", json={**KORREL, "postcode": "381 AB"}, headers=SB)

    assert response.status_code == 422
    fout = response.json()["detail"][0]
    assert fout["loc"][-1] == "postcode"
    assert "vier cijfers en twee letters" in fout["msg"]


def test_een_naam_die_er_al_is_in_andere_hoofdletters_is_een_422(client):
    _registreer(client, KORREL)

    response = client.post("/api/bedrijven", json={"naam": "bakkerij  de KORREL"}, headers=TL)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "naam"]
    assert "staat al in het register" in response.json()["detail"][0]["msg"]


def test_wijzigen_met_een_oude_versie_is_een_409_en_verandert_niets(client):
    bid = _registreer(client, KORREL)
    eerst = client.put(
        f"/api/bedrijven/{bid}", json={**KORREL, "capaciteit": 3, "version": 1}, headers=SB
    )

    tweede = client.put(
        f"/api/bedrijven/{bid}", json={**KORREL, "capaciteit": 5, "version": 1}, headers=TL
    )

    assert eerst.status_code == 200
    assert eerst.json()["wijzigingen"] == {"capaciteit": {"oud": 1, "nieuw": 3}}
    assert tweede.status_code == 409
    assert tweede.json()["detail"]["huidige_versie"] == 2
    assert client.get(f"/api/bedrijven/{bid}", headers=TL).json()["capaciteit"] == 3


def test_de_status_vraagt_een_reden_en_de_versie(client):
    bid = _registreer(client, KORREL)

    kort = client.post(
        f"/api/bedrijven/{bid}/status",
        json={"status": "geblokkeerd", "reden": "Kort", "version": 1},
        headers=TL,
    )
    goed = client.post(
        f"/api/bedrijven/{bid}/status",
        json={"status": "geblokkeerd", "reden": "Onveilige situatie gemeld.", "version": 1},
        headers=TL,
    )

    assert kort.status_code == 422
    assert goed.status_code == 200
    assert _namen(client, status="geblokkeerd") == ["Bakkerij De Korrel"]
    assert _namen(client, status="actief") == []


def test_een_praktijkbegeleider_wordt_toegevoegd_en_gewijzigd_met_versie(client):
    bid = _registreer(client, KORREL)
    pb = client.post(
        f"/api/bedrijven/{bid}/praktijkbegeleiders",
        json={"naam": "Anja de Wit", "email": "anja@korrel.test", "opgeleid": True},
        headers=SB,
    )
    pb_id = pb.json()["id"]

    weg = client.put(
        f"/api/praktijkbegeleiders/{pb_id}",
        json={"naam": "Anja de Wit", "email": "anja@korrel.test", "actief": False, "version": 1},
        headers=SB,
    )
    oud = client.put(
        f"/api/praktijkbegeleiders/{pb_id}", json={"naam": "A. de Wit", "version": 1}, headers=TL
    )
    door_mentor = client.put(
        f"/api/praktijkbegeleiders/{pb_id}", json={"naam": "X", "version": 2}, headers=MENTOR
    )

    assert (pb.status_code, weg.status_code, oud.status_code) == (201, 200, 409)
    assert door_mentor.status_code == 403
    getoond = client.get(f"/api/bedrijven/{bid}", headers=MENTOR).json()["praktijkbegeleiders"]
    assert [(p["naam"], p["actief"], p["version"]) for p in getoond] == [("Anja de Wit", False, 2)]


def test_een_onbekend_bedrijf_of_praktijkbegeleider_is_404(client):
    assert client.get("/api/bedrijven/999", headers=TL).status_code == 404
    assert (
        client.put(
            "/api/praktijkbegeleiders/999", json={"naam": "X", "version": 1}, headers=TL
        ).status_code
        == 404
    )


def test_filters_op_sector_naam_en_vrije_plaatsen(client, sessions, clock, staff):
    korrel = _registreer(client, KORREL)
    _registreer(client, {"naam": "Garage Snel", "sectoren": ["02"], "capaciteit": 2})
    _registreer(client, {"naam": "Zorgboerderij Het Erf", "sectoren": ["08", "10"]})
    lid = nieuwe_leerling(sessions, clock, staff.teamleider, klas="3A")
    vastleggen.add_plaatsing(
        sessions, lid, {"stagebedrijf_id": korrel, "sector": "08", "startdatum": "2025-03-10"},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip
    with sessions.begin() as session:  # the placement runs: its place is taken
        from trajectory.store import tables as t

        session.get_one(t.Plaatsing, 1).status = "lopend"

    assert _namen(client, sector="08") == ["Bakkerij De Korrel", "Zorgboerderij Het Erf"]
    assert _namen(client, q="  GARAGE ") == ["Garage Snel"]
    assert _namen(client, q="%") == []
    assert _namen(client, vrije_plaatsen="true") == ["Garage Snel", "Zorgboerderij Het Erf"]
    lijst = client.get("/api/bedrijven", params={"sector": "08"}, headers=MENTOR).json()
    assert [(b["bezet"], b["vrije_plaatsen"]) for b in lijst["items"]] == [(1, 0), (0, None)]


def test_paginas_tellen_het_totaal(client):
    for i in range(5):
        _registreer(client, {"naam": f"Bedrijf {i}"})

    response = client.get("/api/bedrijven", params={"pagina": 2, "per_pagina": 2}, headers=SB)

    assert response.json()["totaal"] == 5
    assert [b["naam"] for b in response.json()["items"]] == ["Bedrijf 2", "Bedrijf 3"]


@pytest.mark.parametrize("dagen", [-1, 0, 1])
def test_het_filter_erkend_op_volgt_de_erkenningsregel_op_de_grens(client, dagen):
    _registreer(client, KORREL)
    geldig_tot = date(2027, 7, 31)
    op = geldig_tot + timedelta(days=dagen)

    gevonden = _namen(client, sector="08", erkend_op=op.isoformat()) == ["Bakkerij De Korrel"]
    voor_een_sector = _namen(client, erkend_op=op.isoformat()) == ["Bakkerij De Korrel"]
    andere_sector = _namen(client, sector="01", erkend_op=op.isoformat())

    assert gevonden == erkend_op(geldig_tot, ["08"], "08", op)
    assert voor_een_sector == gevonden
    assert andere_sector == []


def test_een_bedrijf_zonder_erkenning_valt_buiten_het_filter_erkend_op(client):
    _registreer(client, {"naam": "Geen Erkenning", "erkenning_geldig_tot": "2030-01-01"})

    assert _namen(client, erkend_op="2026-01-01") == []


def test_de_lijst_als_csv_zet_formules_onschadelijk(client, sessions, clock, staff):
    bedrijven.registreer(
        sessions,
        {"naam": '=HYPERLINK("http://x")', "sectoren": ["01", "08"], "plaats": "@Utrecht"},
        actor=staff.teamleider,
        clock=clock,
    )

    response = client.get("/api/bedrijven.csv", headers=MENTOR)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    regels = response.content.decode("utf-8-sig").splitlines()
    assert regels[0].startswith("naam;kvk;adres;postcode;plaats;sectoren")
    assert regels[1].startswith('"\'=HYPERLINK(""http://x"")";;;;\'@Utrecht;01|08;')


def test_de_openapi_heeft_voorbeelden_bij_de_bedrijfsroutes(client):
    schema = client.get("/openapi.json").json()

    post = schema["paths"]["/api/bedrijven"]["post"]["requestBody"]["content"]
    assert post["application/json"]["examples"]["bakkerij"]["value"]["naam"]
    assert schema["components"]["schemas"]["BedrijfOut"]["examples"]
    assert "/api/praktijkbegeleiders/{praktijkbegeleider_id}" in schema["paths"]
