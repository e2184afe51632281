"""The teamleider's Gebruikers page: add, block and unblock, reset TOTP."""

from __future__ import annotations

from sqlalchemy import select

from service.auth.sessies import COOKIE
from tests.conftest import SLEUTELS, STAFF, as_user
from tests.web import csrf_of, log_in
from trajectory.store import tables as t
from trajectory.usecases.users import enrol_totp


def account(sessions, email):
    with sessions() as session:
        return session.scalar(select(t.Gebruiker).where(t.Gebruiker.email == email))


def test_de_teamleider_voegt_een_mentor_toe(client, sessions):
    csrf = log_in(client, sessions, "teamleider")
    data = {
        "naam": "Nina Nieuw",
        "email": "nina@school.test",
        "rol": "mentor",
        "klas": "2B",
        "wachtwoord": "een-lang-begin-wachtwoord",
        "csrf_token": csrf,
    }

    response = client.post("/gebruikers", data=data, follow_redirects=False)

    assert response.status_code == 303
    nina = account(sessions, "nina@school.test")
    assert (nina.rol, nina.klas, nina.actief) == ("mentor", "2B", True)
    assert "Nina Nieuw" in client.get("/gebruikers").text


def test_een_fout_in_het_formulier_wordt_uitgelegd_en_het_ingevulde_blijft_staan(client, sessions):
    csrf = log_in(client, sessions, "teamleider")
    data = {"naam": "Nina <script>x</script>", "email": "nina@school.test", "rol": "mentor"}

    response = client.post("/gebruikers", data={**data, "wachtwoord": "kort", "csrf_token": csrf})

    assert response.status_code == 422
    assert "minstens 12 tekens" in response.text
    assert 'value="nina@school.test"' in response.text
    assert "Nina &lt;script&gt;x&lt;/script&gt;" in response.text
    assert account(sessions, "nina@school.test") is None


def test_blokkeren_beeindigt_de_sessies_en_het_api_token_ook_na_deblokkeren(client, sessions):
    from fastapi.testclient import TestClient

    sb = account(sessions, STAFF["stagebegeleider"][0])
    with TestClient(client.app) as andere_browser:
        log_in(andere_browser, sessions, "stagebegeleider")
        csrf = log_in(client, sessions, "teamleider")

        client.post(f"/gebruikers/{sb.id}/blokkeren", data={"csrf_token": csrf})

        assert andere_browser.get("/", follow_redirects=False).status_code == 303
        assert client.get("/api/leerlingen", headers=as_user("stagebegeleider")).status_code == 401
        client.post(f"/gebruikers/{sb.id}/deblokkeren", data={"csrf_token": csrf})
        assert client.get("/api/leerlingen", headers=as_user("stagebegeleider")).status_code == 401


def test_de_code_app_opnieuw_instellen_wist_het_geheim(client, sessions):
    sb_email = STAFF["stagebegeleider"][0]
    enrol_totp(sessions, sb_email, SLEUTELS)
    csrf = log_in(client, sessions, "teamleider")

    client.post(
        f"/gebruikers/{account(sessions, sb_email).id}/totp-reset", data={"csrf_token": csrf}
    )

    assert account(sessions, sb_email).totp_versleuteld is None


def test_zonder_csrf_token_wordt_er_niemand_geblokkeerd(client, sessions):
    log_in(client, sessions, "teamleider")
    sb = account(sessions, STAFF["stagebegeleider"][0])

    for token in ({}, {"csrf_token": "verkeerd"}):
        response = client.post(f"/gebruikers/{sb.id}/blokkeren", data=token)
        assert response.status_code == 403

    assert account(sessions, STAFF["stagebegeleider"][0]).actief


def test_een_mentor_mag_de_gebruikers_niet_beheren(client, sessions):
    csrf = log_in(client, sessions, "mentor")
    sb = account(sessions, STAFF["stagebegeleider"][0])

    assert client.get("/gebruikers").status_code == 403
    response = client.post(f"/gebruikers/{sb.id}/blokkeren", data={"csrf_token": csrf})

    assert response.status_code == 403
    assert account(sessions, STAFF["stagebegeleider"][0]).actief
    assert COOKIE in client.cookies
    assert "Gebruikers" not in client.get("/").text
    assert csrf_of(client.get("/").text)
