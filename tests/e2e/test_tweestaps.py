"""Two-step login (TOTP) and throttled failed attempts, on the injected clock."""

from __future__ import annotations

import re

import pytest
from pyotp import TOTP
from sqlalchemy import select

from service.auth.sessies import COOKIE
from tests.conftest import SLEUTELS, STAFF
from tests.web import WACHTWOORD, csrf_of, enter_code, log_in, secret_of
from trajectory.store import tables as t
from trajectory.usecases.users import enrol_totp, set_password

TL = STAFF["teamleider"][0]
SB = STAFF["stagebegeleider"][0]


def post_login(client, email, wachtwoord=WACHTWOORD):
    form = client.get("/login")
    data = {"email": email, "wachtwoord": wachtwoord, "csrf_token": csrf_of(form.text)}
    return client.post("/login", data=data, follow_redirects=False)


def post_code(client, code):
    page = client.get("/login/code")
    return client.post(
        "/login/code",
        data={"code": code, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )


def melding(html):
    return re.search(r'role="alert">([^<]+)<', html).group(1)


def gebruiker(sessions, email):
    with sessions() as session:
        return session.scalar(select(t.Gebruiker).where(t.Gebruiker.email == email))


def test_de_teamleider_stelt_bij_de_eerste_keer_tweestapsverificatie_in(client, sessions, clock):
    set_password(sessions, TL, WACHTWOORD)

    response = post_login(client, TL)
    assert response.headers["location"].startswith("/login/code")
    page = client.get("/login/code")
    assert "Tweestapsverificatie instellen" in page.text
    secret = secret_of(page.text)
    qr = client.get("/login/code/qr.svg")
    assert qr.headers["content-type"] == "image/svg+xml"
    assert qr.content.startswith(b"<?xml")
    assert gebruiker(sessions, TL).totp_versleuteld is None

    response = post_code(client, TOTP(secret).at(clock.now()))

    assert response.status_code == 303
    opgeslagen = gebruiker(sessions, TL).totp_versleuteld
    assert secret not in opgeslagen  # encrypted with the server key, not readable in the table
    assert SLEUTELS.ontsleutel(opgeslagen) == secret
    assert "Tineke Leider" in client.get("/").text


def test_de_teamleider_kan_de_code_niet_overslaan(client, sessions):
    set_password(sessions, TL, WACHTWOORD)
    post_login(client, TL)

    for adres in ("/", "/api/leerlingen", "/api/meldingen"):
        response = client.get(adres, follow_redirects=False)
        assert response.status_code in (303, 401), adres
        if response.status_code == 303:
            assert response.headers["location"].startswith("/login/code"), adres


def test_ook_in_demomodus_heeft_de_teamleider_een_code_nodig(database_url, sessions, clock, staff):
    from fastapi.testclient import TestClient

    from service.app import create_app
    from service.settings import Settings

    settings = Settings(
        database_url=database_url, clock=clock, scheduler=False, demo=True, totp_voor_iedereen=False
    )
    app = create_app(settings)
    with TestClient(app) as client:
        set_password(sessions, SB, WACHTWOORD)
        set_password(sessions, TL, WACHTWOORD)
        assert post_login(client, SB).headers["location"] == "/"
        assert post_login(client, TL).headers["location"].startswith("/login/code")
    app.state.engine.dispose()


def test_een_foute_code_wordt_geweigerd_en_de_sessie_blijft_half(client, sessions, clock):
    secret = enrol_totp(sessions, TL, SLEUTELS)
    set_password(sessions, TL, WACHTWOORD)
    post_login(client, TL)
    goed = TOTP(secret).at(clock.now())
    fout = f"{(int(goed) + 1) % 1_000_000:06d}"

    response = post_code(client, fout)

    assert response.status_code == 401
    assert "klopt niet" in response.text
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/login/code")


def test_een_code_werkt_maar_een_keer(client, sessions, clock):
    secret = enrol_totp(sessions, TL, SLEUTELS)
    set_password(sessions, TL, WACHTWOORD)
    code = TOTP(secret).at(clock.now())
    post_login(client, TL)
    assert post_code(client, code).status_code == 303
    client.cookies.clear()

    post_login(client, TL)
    response = post_code(client, code)

    assert response.status_code == 401
    assert "al gebruikt" in response.text


def test_een_code_van_de_vorige_halve_minuut_telt_nog_een_van_twee_terug_niet(
    client, sessions, clock
):
    secret = enrol_totp(sessions, TL, SLEUTELS)
    set_password(sessions, TL, WACHTWOORD)
    vorige = TOTP(secret).at(clock.now())
    clock.advance(seconds=30)
    post_login(client, TL)
    assert post_code(client, vorige).status_code == 303

    client.cookies.clear()
    te_oud = TOTP(secret).at(clock.now())
    clock.advance(seconds=60)
    post_login(client, TL)
    assert post_code(client, te_oud).status_code == 401


def test_na_de_code_is_er_weer_een_nieuw_sessietoken(client, sessions):
    set_password(sessions, TL, WACHTWOORD)
    half = post_login(client, TL).cookies[COOKIE]

    response = enter_code(client, sessions, TL)

    assert response.cookies[COOKIE] != half
    client.cookies.clear()
    client.cookies.set(COOKIE, half)
    assert client.get("/", follow_redirects=False).status_code == 303


def test_een_halve_sessie_verloopt_na_tien_minuten(client, sessions, clock):
    set_password(sessions, TL, WACHTWOORD)
    post_login(client, TL)

    clock.advance(minutes=11)

    response = client.get("/login/code", follow_redirects=False)
    assert response.headers["location"].startswith("/login")
    assert not response.headers["location"].startswith("/login/code")


def test_na_vijf_foute_codes_moet_de_teamleider_wachten(client, sessions, clock):
    secret = enrol_totp(sessions, TL, SLEUTELS)
    set_password(sessions, TL, WACHTWOORD)
    post_login(client, TL)
    for _ in range(5):
        assert post_code(client, "000000").status_code == 401

    response = post_code(client, TOTP(secret).at(clock.now()))

    assert response.status_code == 429
    assert "over 15 minuten opnieuw" in response.text
    clock.advance(minutes=9)  # the half session is still valid
    response = post_code(client, TOTP(secret).at(clock.now()))
    assert response.status_code == 429
    assert "over 6 minuten opnieuw" in response.text


def test_na_vijf_foute_wachtwoorden_moet_het_account_wachten_ook_met_het_goede(
    client, sessions, clock
):
    set_password(sessions, SB, WACHTWOORD)
    for _ in range(5):
        assert post_login(client, SB, "fout-wachtwoord-123").status_code == 401
        clock.advance(minutes=1)

    response = post_login(client, SB)

    assert response.status_code == 429
    assert "over 10 minuten opnieuw" in response.text
    assert COOKIE not in response.cookies
    clock.advance(minutes=10)
    assert post_login(client, SB).status_code == 303


def test_een_gelukte_login_zet_de_teller_van_het_account_terug(client, sessions, clock):
    set_password(sessions, SB, WACHTWOORD)
    for _ in range(4):
        post_login(client, SB, "fout-wachtwoord-123")
    assert post_login(client, SB).status_code == 303
    client.cookies.clear()

    for _ in range(4):
        assert post_login(client, SB, "fout-wachtwoord-123").status_code == 401

    assert post_login(client, SB).status_code == 303


def test_een_onbekend_adres_wordt_net_zo_afgeremd_als_een_bestaand(client, sessions):
    set_password(sessions, SB, WACHTWOORD)
    antwoorden = {}
    for email in (SB, "niemand@school.test"):
        for _ in range(5):
            post_login(client, email, "fout-wachtwoord-123")
        antwoorden[email] = post_login(client, email, "fout-wachtwoord-123")

    bekend, onbekend = antwoorden.values()
    assert bekend.status_code == onbekend.status_code == 429
    assert melding(bekend.text) == melding(onbekend.text)


def test_na_twintig_fouten_vanaf_een_adres_moet_dat_adres_wachten(client, sessions):
    set_password(sessions, SB, WACHTWOORD)
    for nummer in range(20):
        post_login(client, f"gok{nummer}@school.test", "fout-wachtwoord-123")

    response = post_login(client, SB)

    assert response.status_code == 429
    assert "minuten opnieuw" in response.text


def test_de_teller_staat_in_de_database_en_geldt_dus_voor_elk_proces(client, sessions, clock):
    set_password(sessions, SB, WACHTWOORD)
    for _ in range(5):
        post_login(client, SB, "fout-wachtwoord-123")

    with sessions() as session:
        sleutels = session.scalars(select(t.MisluktePoging.sleutel)).all()
    assert len(sleutels) == 10  # account and IP, five each
    assert not any(SB in sleutel for sleutel in sleutels)


@pytest.mark.parametrize("key", ["stagebegeleider", "mentor"])
def test_met_de_standaardinstelling_heeft_iedereen_een_code_nodig(client, sessions, key):
    set_password(sessions, STAFF[key][0], WACHTWOORD)

    assert post_login(client, STAFF[key][0]).headers["location"].startswith("/login/code")
    log_in(client, sessions, key)
