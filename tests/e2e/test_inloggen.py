"""Logging in and out of the web UI: argon2id passwords, server-side sessions, CSRF."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from service.app import create_app
from service.auth.sessies import COOKIE
from service.settings import Settings
from tests.conftest import STAFF
from tests.web import WACHTWOORD, csrf_of, enter_code, log_in
from trajectory.store import tables as t
from trajectory.usecases.users import set_password

SB = STAFF["stagebegeleider"][0]


def post_login(client, email, wachtwoord, **extra):
    form = client.get("/login")
    data = {"email": email, "wachtwoord": wachtwoord, "csrf_token": csrf_of(form.text), **extra}
    return client.post("/login", data=data, follow_redirects=False)


def test_wie_niet_is_ingelogd_komt_op_de_inlogpagina_en_daarna_terug(client, sessions):
    set_password(sessions, SB, WACHTWOORD)

    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?volgende=%2F"

    response = post_login(client, SB, WACHTWOORD, volgende="/")
    assert response.status_code == 303
    response = enter_code(client, sessions, SB, response.headers["location"])
    assert response.headers["location"] == "/"
    assert "Stan Begeleider" in client.get("/").text


def test_het_wachtwoord_wordt_als_argon2id_hash_bewaard(sessions, staff):
    set_password(sessions, SB, WACHTWOORD)

    with sessions() as session:
        opgeslagen = session.scalar(
            select(t.Gebruiker.wachtwoord_hash).where(t.Gebruiker.email == SB)
        )

    assert opgeslagen.startswith("$argon2id$")
    assert WACHTWOORD not in opgeslagen


def test_een_fout_wachtwoord_geeft_geen_sessie_en_het_e_mailadres_blijft_staan(client, sessions):
    set_password(sessions, SB, WACHTWOORD)

    response = post_login(client, SB, "fout-wachtwoord-123")

    assert response.status_code == 401
    assert "horen niet bij een actief account" in response.text
    assert f'value="{SB}"' in response.text
    assert COOKIE not in response.cookies
    with sessions() as session:
        assert session.scalar(select(t.Sessie)) is None


def test_een_onbekend_adres_krijgt_dezelfde_melding_als_een_fout_wachtwoord(client, sessions):
    set_password(sessions, SB, WACHTWOORD)
    fout_wachtwoord = post_login(client, SB, "fout-wachtwoord-123")

    onbekend = post_login(client, "niemand@school.test", WACHTWOORD)

    assert onbekend.status_code == fout_wachtwoord.status_code == 401
    assert "horen niet bij een actief account" in onbekend.text


def test_inloggen_zonder_het_csrf_token_van_het_formulier_wordt_geweigerd(client, sessions):
    set_password(sessions, SB, WACHTWOORD)
    client.get("/login")

    response = client.post(
        "/login",
        data={"email": SB, "wachtwoord": WACHTWOORD, "csrf_token": "verzonnen"},
        follow_redirects=False,
    )

    assert response.status_code == 403
    assert COOKIE not in response.cookies


def test_na_het_inloggen_is_er_een_nieuw_sessietoken_en_werkt_een_vooraf_gezet_niet(
    client, sessions
):
    """Session fixation: a token planted before the login must not become a session."""
    client.cookies.set(COOKIE, "door-een-aanvaller-gekozen")
    set_password(sessions, SB, WACHTWOORD)

    response = post_login(client, SB, WACHTWOORD)

    nieuw = response.cookies[COOKIE]
    assert nieuw != "door-een-aanvaller-gekozen"
    client.cookies.clear()
    client.cookies.set(COOKIE, "door-een-aanvaller-gekozen")
    assert client.get("/", follow_redirects=False).status_code == 303


def test_opnieuw_inloggen_beeindigt_de_vorige_sessie_van_die_browser(client, sessions):
    log_in(client, sessions, "stagebegeleider")
    oud = client.cookies[COOKIE]

    log_in(client, sessions, "stagebegeleider")

    assert client.cookies[COOKIE] != oud
    with sessions() as session:
        assert len(session.scalars(select(t.Sessie)).all()) == 1


def test_het_sessiecookie_is_httponly_en_samesite(client, sessions):
    set_password(sessions, SB, WACHTWOORD)

    response = post_login(client, SB, WACHTWOORD)

    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith(f"{COOKIE}="))
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/" in cookie


def test_uitloggen_beeindigt_de_sessie_ook_voor_een_kopie_van_het_cookie(client, sessions):
    csrf = log_in(client, sessions, "stagebegeleider")
    kopie = client.cookies[COOKIE]

    response = client.post("/uitloggen", data={"csrf_token": csrf}, follow_redirects=False)

    assert response.status_code == 303
    client.cookies.clear()
    client.cookies.set(COOKIE, kopie)
    assert client.get("/", follow_redirects=False).status_code == 303


def test_een_formulier_zonder_csrf_token_wordt_geweigerd_en_verandert_niets(client, sessions):
    log_in(client, sessions, "stagebegeleider")

    response = client.post("/uitloggen", data={}, follow_redirects=False)

    assert response.status_code == 403
    assert client.get("/", follow_redirects=False).status_code == 200


def test_de_json_api_met_het_sessiecookie_vraagt_het_csrf_token_in_een_header(client, sessions):
    csrf = log_in(client, sessions, "stagebegeleider")
    body = {"naam": "Sem Test", "geboortedatum": "2011-05-01", "leerjaar": "2", "klas": "2A"}

    zonder = client.post("/api/leerlingen", json=body)
    met = client.post("/api/leerlingen", json=body, headers={"X-CSRF-Token": csrf})

    assert zonder.status_code == 403
    assert met.status_code == 201
    assert client.get("/api/leerlingen").json()["totaal"] == 1


def test_na_een_uur_niets_doen_is_de_sessie_verlopen(client, sessions, clock):
    log_in(client, sessions, "stagebegeleider")
    clock.advance(minutes=59)
    assert client.get("/", follow_redirects=False).status_code == 200

    clock.advance(minutes=59)
    assert client.get("/", follow_redirects=False).status_code == 200
    clock.advance(minutes=61)

    assert client.get("/", follow_redirects=False).status_code == 303


def test_met_een_idle_timeout_van_een_minuut_blijft_een_actieve_sessie_open(
    database_url, sessions, clock, staff
):
    app = create_app(
        Settings(
            database_url=database_url,
            clock=clock,
            scheduler=False,
            sessie_idle=timedelta(minutes=1),
        )
    )
    with TestClient(app) as client:
        log_in(client, sessions, "stagebegeleider")
        for _ in range(9):  # three minutes, a request every 20 seconds
            clock.advance(seconds=20)
            assert client.get("/", follow_redirects=False).status_code == 200

        clock.advance(seconds=61)

        assert client.get("/", follow_redirects=False).status_code == 303
    app.state.engine.dispose()


def test_na_tien_uur_is_de_sessie_verlopen_ook_als_er_steeds_iets_gebeurt(client, sessions, clock):
    log_in(client, sessions, "stagebegeleider")
    for _ in range(19):
        clock.advance(minutes=30)
        assert client.get("/", follow_redirects=False).status_code == 200

    clock.advance(minutes=31)

    assert client.get("/", follow_redirects=False).status_code == 303


def test_een_geblokkeerd_account_is_meteen_uitgelogd(client, sessions):
    log_in(client, sessions, "stagebegeleider")
    with sessions.begin() as session:
        session.execute(update(t.Gebruiker).where(t.Gebruiker.email == SB).values(actief=False))

    assert client.get("/", follow_redirects=False).status_code == 303
    with sessions() as session:
        assert session.scalar(select(t.Sessie)) is None


def test_een_nieuw_wachtwoord_beeindigt_de_bestaande_sessies(client, sessions):
    log_in(client, sessions, "stagebegeleider")

    set_password(sessions, SB, "een-heel-ander-wachtwoord")

    assert client.get("/", follow_redirects=False).status_code == 303


def test_na_het_inloggen_gaat_het_nooit_naar_een_andere_site(client, sessions):
    set_password(sessions, SB, WACHTWOORD)

    for volgende in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = post_login(client, SB, WACHTWOORD, volgende=volgende)
        response = enter_code(client, sessions, SB, response.headers["location"])
        assert response.headers["location"] == "/", volgende


def test_de_inlogpagina_bewaart_niets_in_de_browser_cache(client):
    assert client.get("/login").headers["cache-control"] == "no-store"
