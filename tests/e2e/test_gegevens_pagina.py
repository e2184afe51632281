"""Editing a leerling and the bulk reassignment over HTTP (issue #16 part 1), and the contact
logbook in the timeline (part 4): the form on the leerling page, the JSON API, the roles."""

from __future__ import annotations

import re

import pytest

from tests.conftest import as_user
from tests.e2e.test_leerling_pagina import post, tekst
from tests.integration.builders import breng_naar, leg_vast, nieuwe_leerling, versie
from tests.web import log_in

REDEN = "Klas stond verkeerd in de administratie."


@pytest.fixture
def leerling(sessions, clock, staff):
    return nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )


def _formulier(html: str) -> dict[str, str]:
    """The "gegevens wijzigen" form's fields with the values it was rendered with."""
    (form,) = re.findall(r'<form [^>]*id="form-gegevens">(.*?)</form>', html, re.S)
    velden = dict(re.findall(r'<input [^>]*name="([^"]+)" value="([^"]*)"', form))
    for naam, opties in re.findall(r'<select [^>]*name="([^"]+)">(.*?)</select>', form, re.S):
        gekozen = re.search(r'<option value="([^"]*)" selected', opties) or re.search(
            r'<option value="([^"]*)"', opties
        )
        velden[naam] = gekozen.group(1) if gekozen else ""
    return velden


def test_de_teamleider_wijzigt_klas_en_ouder_en_ziet_het_in_de_tijdlijn(
    client, sessions, staff, leerling
):
    log_in(client, sessions, "teamleider")
    velden = _formulier(client.get(f"/leerlingen/{leerling}").text)
    velden |= {
        "klas": "3B",
        "nt2": "ja",
        "verzorgers.0.naam": "Fatma de Vries",
        "verzorgers.0.relatie": "moeder",
        "verzorgers.0.telefoon": "06-12345678",
        "reden": REDEN,
    }

    response = post(client, f"/leerlingen/{leerling}/gegevens", velden.pop("csrf_token"), **velden)

    assert response.status_code == 303
    pagina = tekst(client.get(response.headers["location"]).text)
    assert "De gegevens zijn gewijzigd." in pagina
    assert "Klas 3B" in pagina
    assert "NT2 ja" in pagina
    assert "Fatma de Vries (moeder), 06-12345678" in pagina
    assert "Gegevens gewijzigd" in pagina
    assert "klas 3A → 3B" in pagina
    assert f"Reden: {REDEN}" in pagina


def test_een_verouderde_pagina_verandert_niets_en_zegt_het(client, sessions, staff, leerling):
    log_in(client, sessions, "stagebegeleider")
    velden = _formulier(client.get(f"/leerlingen/{leerling}").text)
    csrf = velden.pop("csrf_token")
    post(
        client,
        f"/leerlingen/{leerling}/gegevens",
        csrf,
        **(velden | {"klas": "3C", "reden": REDEN}),
    )

    response = post(
        client,
        f"/leerlingen/{leerling}/gegevens",
        csrf,
        **(velden | {"klas": "3D", "reden": REDEN}),
    )

    assert response.status_code == 409
    assert "Klas 3C" in tekst(response.text)
    assert versie(sessions, leerling) == 2


def test_een_te_korte_reden_staat_bij_het_veld_en_wat_getypt_was_blijft(
    client, sessions, staff, leerling
):
    log_in(client, sessions, "stagebegeleider")
    velden = _formulier(client.get(f"/leerlingen/{leerling}").text)
    csrf = velden.pop("csrf_token")

    response = post(
        client,
        f"/leerlingen/{leerling}/gegevens",
        csrf,
        **(velden | {"klas": "3Z", "reden": "oeps"}),
    )

    assert response.status_code == 422
    assert "Schrijf een reden van minstens 10 tekens." in response.text
    assert 'name="klas" value="3Z"' in response.text
    assert versie(sessions, leerling) == 1


def test_de_stagebegeleider_kiest_geen_andere_begeleider_en_de_mentor_wijzigt_niets(
    client, sessions, staff, leerling
):
    log_in(client, sessions, "stagebegeleider")
    velden = _formulier(client.get(f"/leerlingen/{leerling}").text)
    assert "stagebegeleider_id" not in velden
    csrf = velden.pop("csrf_token")
    response = post(
        client,
        f"/leerlingen/{leerling}/gegevens",
        csrf,
        **(velden | {"stagebegeleider_id": str(staff.andere_begeleider.id), "reden": REDEN}),
    )
    assert response.status_code == 403

    log_in(client, sessions, "mentor")
    assert 'id="form-gegevens"' not in client.get(f"/leerlingen/{leerling}").text


def test_na_een_andere_geboortedatum_noemt_de_pagina_de_stap_die_nu_zou_falen(
    client, sessions, clock, staff, leerling
):
    breng_naar(sessions, clock, staff.teamleider, leerling, "stage_zoeken")
    response = client.patch(
        f"/api/leerlingen/{leerling}",
        json={"version": versie(sessions, leerling), "reden": REDEN, "geboortedatum": "2011-06-01"},
        headers=as_user("teamleider"),
    )
    assert response.status_code == 200
    assert response.json()["wijzigingen"]["geboortedatum"] == {
        "oud": "2010-04-02",
        "nieuw": "2011-06-01",
    }
    log_in(client, sessions, "stagebegeleider")

    pagina = tekst(client.get(f"/leerlingen/{leerling}").text)

    assert "Let op: gewijzigde gegevens en eerdere stappen" in pagina
    assert "'Advies: zelfstandig stagelopen' van 03-03-2025 zou" in pagina
    api = client.get(f"/api/leerlingen/{leerling}", headers=as_user("teamleider")).json()
    assert api["state"] == "stage_zoeken"
    assert len(api["stappen_nu_geweigerd"]) == 1


def test_de_api_wijzigt_met_versie_en_geeft_409_op_een_oude(client, sessions, staff, leerling):
    body = {"version": 1, "reden": REDEN, "verzorgers": [{"naam": "Ria", "relatie": "voogd"}]}
    eerst = client.patch(
        f"/api/leerlingen/{leerling}", json=body, headers=as_user("stagebegeleider")
    )
    dan = client.patch(f"/api/leerlingen/{leerling}", json=body, headers=as_user("stagebegeleider"))
    mentor = client.patch(
        f"/api/leerlingen/{leerling}", json={**body, "version": 2}, headers=as_user("mentor")
    )

    assert eerst.status_code == 200
    assert eerst.json()["version"] == 2
    assert dan.status_code == 409
    assert mentor.status_code == 403
    api = client.get(f"/api/leerlingen/{leerling}", headers=as_user("teamleider")).json()
    assert [v["naam"] for v in api["verzorgers"]] == ["Ria"]


def test_herverdelen_met_voorbeeld_en_bevestiging(client, sessions, clock, staff):
    ids = [
        nieuwe_leerling(
            sessions,
            clock,
            staff.teamleider,
            naam=naam,
            stagebegeleider_id=staff.stagebegeleider.id,
        )
        for naam in ("Anna Bakker", "Bram Visser", "Cem Yilmaz")
    ]
    csrf = log_in(client, sessions, "teamleider")
    keuze = client.get(f"/herverdelen?van={staff.stagebegeleider.id}").text
    assert all(f'name="leerling" value="{i}"' in keuze for i in ids)

    voorbeeld = client.post(
        "/herverdelen",
        data={
            "csrf_token": csrf,
            "actie": "voorbeeld",
            "leerling": [str(ids[0]), str(ids[1])],
            "naar": str(staff.andere_begeleider.id),
        },
    )
    regels = re.findall(r'name="regel" value="([^"]+)"', voorbeeld.text)
    assert regels == [f"{ids[0]}:1", f"{ids[1]}:1"]

    klaar = client.post(
        "/herverdelen",
        data={
            "csrf_token": csrf,
            "actie": "bevestigen",
            "regel": regels,
            "naar": str(staff.andere_begeleider.id),
            "reden": "Ali neemt de groep van Stan over.",
        },
    )

    assert "2 leerlingen hebben een andere stagebegeleider gekregen." in klaar.text
    eigen = client.get("/api/leerlingen", headers=as_user("andere_begeleider")).json()
    assert {i["id"] for i in eigen["items"]} == {ids[0], ids[1]}


def test_alleen_de_teamleider_opent_de_herverdeling(client, sessions):
    log_in(client, sessions, "stagebegeleider")
    assert client.get("/herverdelen").status_code == 403


def test_de_tijdlijn_toont_alleen_contacten_als_daarom_gevraagd(
    client, sessions, clock, staff, leerling
):
    leg_vast(
        sessions, clock, staff.mentor, leerling, "contact",
        met="ouders", hoe="telefoon", notitie="Vader belde over de stage.",
        opvolging="Vader terugbellen", opvolgen_op="2025-03-07",
    )  # fmt: skip
    leg_vast(sessions, clock, staff.stagebegeleider, leerling, "vragenlijst", besproken=True)
    log_in(client, sessions, "mentor")

    alles = tekst(client.get(f"/leerlingen/{leerling}").text)
    contacten = tekst(client.get(f"/leerlingen/{leerling}?tijdlijn=contacten").text)

    assert "Vastgelegd: oriëntatie-vragenlijst" in alles
    assert "Vastgelegd: contact" in contacten
    assert "Vader belde over de stage." in contacten
    assert "Vastgelegd: oriëntatie-vragenlijst" not in contacten
    assert "Vader terugbellen" in contacten
    assert "Eigenaar" not in contacten  # the owner is who recorded it, shown as such


def test_de_mentor_krijgt_het_contactformulier_alleen_voor_ouders(client, sessions, leerling):
    log_in(client, sessions, "mentor")
    html = client.get(f"/leerlingen/{leerling}").text
    (form,) = re.findall(r'<form [^>]*id="form-contact">(.*?)</form>', html, re.S)
    (met,) = re.findall(r'<select [^>]*name="met"[^>]*>(.*?)</select>', form, re.S)

    assert re.findall(r'<option value="([^"]+)"', met) == ["ouders"]
