"""Mijn account: the notification preference, the calendar feed address, the own password."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from service.auth.sessies import COOKIE
from tests.conftest import STAFF
from tests.web import WACHTWOORD, log_in
from trajectory.store import tables as t
from trajectory.usecases.users import check_password

SB = STAFF["stagebegeleider"][0]
NIEUW = "een-nieuw-lang-wachtwoord"


def gebruiker(sessions):
    with sessions() as session:
        return session.scalar(select(t.Gebruiker).where(t.Gebruiker.email == SB))


def test_de_voorkeur_voor_een_dagelijks_overzicht_wordt_bewaard(client, sessions):
    csrf = log_in(client, sessions, "stagebegeleider")

    response = client.post("/account/meldingen", data={"csrf_token": csrf, "voorkeur": "dagelijks"})

    assert response.status_code == 200
    assert "Uw voorkeur voor meldingen is opgeslagen." in response.text
    assert gebruiker(sessions).meldingen_voorkeur == "dagelijks"
    assert 'value="dagelijks" checked' in response.text


def test_het_agenda_adres_staat_eenmaal_op_de_pagina_en_een_nieuw_maakt_het_oude_ongeldig(
    client, sessions
):
    csrf = log_in(client, sessions, "stagebegeleider")

    eerste = client.post("/account/agenda", data={"csrf_token": csrf})
    adres = re.search(
        r'<code class="agenda-adres">http://testserver(/agenda/[^<]+\.ics)<', eerste.text
    )
    assert adres, eerste.text
    feed = client.get(adres.group(1))
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert adres.group(1) not in client.get("/account").text  # shown once only

    client.post("/account/agenda", data={"csrf_token": csrf})

    assert client.get(adres.group(1)).status_code == 404


def test_een_fout_huidig_wachtwoord_verandert_niets(client, sessions):
    csrf = log_in(client, sessions, "stagebegeleider")
    voor = gebruiker(sessions).wachtwoord_hash

    response = client.post(
        "/account/wachtwoord",
        data={"csrf_token": csrf, "huidig": "niet-het-goede-1", "nieuw": NIEUW, "herhaal": NIEUW},
    )

    assert response.status_code == 422
    assert "Het huidige wachtwoord klopt niet." in response.text
    assert gebruiker(sessions).wachtwoord_hash == voor
    assert NIEUW not in response.text  # passwords are never written back into the page


def test_twee_verschillende_nieuwe_wachtwoorden_of_een_te_kort_worden_uitgelegd(client, sessions):
    csrf = log_in(client, sessions, "stagebegeleider")

    anders = client.post(
        "/account/wachtwoord",
        data={"csrf_token": csrf, "huidig": WACHTWOORD, "nieuw": NIEUW, "herhaal": NIEUW + "x"},
    )
    kort = client.post(
        "/account/wachtwoord",
        data={"csrf_token": csrf, "huidig": WACHTWOORD, "nieuw": "kort", "herhaal": "kort"},
    )

    assert "De twee nieuwe wachtwoorden zijn niet gelijk." in anders.text
    assert "minstens 12 tekens" in kort.text
    assert anders.status_code == kort.status_code == 422


def test_een_nieuw_wachtwoord_beeindigt_andere_sessies_en_deze_browser_blijft_ingelogd(
    client, sessions, database_url
):
    andere_browser = TestClient(client.app)
    log_in(andere_browser, sessions, "stagebegeleider")
    csrf = log_in(client, sessions, "stagebegeleider")
    oud = client.cookies[COOKIE]

    response = client.post(
        "/account/wachtwoord",
        data={"csrf_token": csrf, "huidig": WACHTWOORD, "nieuw": NIEUW, "herhaal": NIEUW},
        follow_redirects=False,
    )

    assert response.status_code == 303
    assert response.cookies[COOKIE] != oud
    assert client.get("/account").status_code == 200
    assert andere_browser.get("/", follow_redirects=False).status_code == 303
    with sessions() as session:
        assert check_password(session, SB, NIEUW) is not None
        assert check_password(session, SB, WACHTWOORD) is None


def test_na_vijf_foute_huidige_wachtwoorden_wacht_de_pagina_ook_met_het_goede(
    client, sessions, clock
):
    csrf = log_in(client, sessions, "stagebegeleider")

    def wijzig(huidig):
        return client.post(
            "/account/wachtwoord",
            data={"csrf_token": csrf, "huidig": huidig, "nieuw": NIEUW, "herhaal": NIEUW},
        )

    fout = [wijzig(f"niet-het-goede-{i}").status_code for i in range(5)]
    clock.advance(minutes=1)
    geweigerd = wijzig(WACHTWOORD)

    assert fout == [422] * 5
    assert geweigerd.status_code == 429
    assert "Te veel mislukte pogingen achter elkaar" in geweigerd.text
    assert "over 14 minuten opnieuw" in geweigerd.text
    with sessions() as session:
        assert check_password(session, SB, WACHTWOORD) is not None  # not even checked
    clock.advance(minutes=14)
    assert wijzig(WACHTWOORD).status_code == 200  # followed to /account: changed
    with sessions() as session:
        assert check_password(session, SB, NIEUW) is not None
