"""API tokens expire, can be listed and revoked, and end with the account's logins (#14,
finding 8): a new or changed password, a TOTP reset, a block. An ended token gets the same 401
as one that never existed."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from tests.conftest import SLEUTELS, STAFF
from tests.web import WACHTWOORD, log_in
from trajectory.entrypoints.cli import app as cli
from trajectory.usecases import apitokens
from trajectory.usecases.users import UserError, enrol_totp, reset_totp_by_email, set_password

SB = STAFF["stagebegeleider"][0]
NIEUW = "een-nieuw-lang-wachtwoord"


def nieuw_token(sessions, clock, actor, dagen=apitokens.STANDAARD_DAGEN, naam="koppeling"):
    return apitokens.maak(sessions, actor.id, naam, clock, dagen)


def status(client, token: str) -> int:
    return client.get("/api/leerlingen", headers={"Authorization": f"Bearer {token}"}).status_code


def onbekend(client):
    return client.get("/api/leerlingen", headers={"Authorization": "Bearer nooit-gemaakt"})


def test_een_token_werkt_tot_de_seconde_voor_het_verloopt_en_niet_de_seconde_erna(
    client, sessions, clock, staff
):
    token = nieuw_token(sessions, clock, staff.stagebegeleider, dagen=1)
    assert token.verloopt == clock.now() + timedelta(days=1)

    clock.set(token.verloopt - timedelta(seconds=1))
    assert status(client, token.token) == 200

    clock.set(token.verloopt)
    assert status(client, token.token) == 401
    clock.set(token.verloopt + timedelta(seconds=1))
    verlopen = client.get("/api/leerlingen", headers={"Authorization": f"Bearer {token.token}"})
    assert (verlopen.status_code, verlopen.json()) == (401, onbekend(client).json())


def test_zonder_keuze_geldt_een_token_90_dagen_en_hoogstens_een_jaar(sessions, clock, staff):
    token = nieuw_token(sessions, clock, staff.mentor)
    assert token.verloopt - clock.now() == timedelta(days=90)
    assert nieuw_token(sessions, clock, staff.mentor, dagen=365).verloopt - clock.now() == (
        timedelta(days=365)
    )
    for dagen in (0, 366):
        with pytest.raises(UserError, match="1 tot 365 dagen"):
            nieuw_token(sessions, clock, staff.mentor, dagen=dagen)


def test_mijn_account_toont_mijn_tokens_en_trekt_er_een_in(client, sessions, clock, staff):
    mijn = nieuw_token(sessions, clock, staff.stagebegeleider, naam="Roosterkoppeling")
    ander = nieuw_token(sessions, clock, staff.mentor, naam="Mentorscript")
    csrf = log_in(client, sessions, "stagebegeleider")

    pagina = client.get("/account").text
    assert "Roosterkoppeling" in pagina
    assert "Mentorscript" not in pagina
    assert mijn.token not in pagina  # a token is shown once, when made, never in a list

    vreemd = client.post(f"/account/api-tokens/{ander.id}/intrekken", data={"csrf_token": csrf})
    assert vreemd.status_code == 404
    assert status(client, ander.token) == 200

    response = client.post(f"/account/api-tokens/{mijn.id}/intrekken", data={"csrf_token": csrf})

    assert response.status_code == 200
    assert "Het API-token is ingetrokken; het werkt niet meer." in response.text
    assert "Roosterkoppeling" not in response.text
    assert status(client, mijn.token) == 401


def test_een_nieuw_wachtwoord_van_de_beheerder_beeindigt_de_tokens(client, sessions, clock, staff):
    token = nieuw_token(sessions, clock, staff.stagebegeleider)
    andermans = nieuw_token(sessions, clock, staff.mentor)

    set_password(sessions, SB, NIEUW)

    assert status(client, token.token) == 401
    assert status(client, andermans.token) == 200


def test_het_eigen_wachtwoord_wijzigen_beeindigt_de_tokens(client, sessions, clock, staff):
    csrf = log_in(client, sessions, "stagebegeleider")
    token = nieuw_token(sessions, clock, staff.stagebegeleider)

    response = client.post(
        "/account/wachtwoord",
        data={"csrf_token": csrf, "huidig": WACHTWOORD, "nieuw": NIEUW, "herhaal": NIEUW},
    )

    assert "uw API-tokens zijn beëindigd" in response.text
    assert status(client, token.token) == 401


def test_de_code_app_opnieuw_instellen_beeindigt_de_tokens(client, sessions, clock, staff):
    enrol_totp(sessions, SB, SLEUTELS)
    token = nieuw_token(sessions, clock, staff.stagebegeleider)

    reset_totp_by_email(sessions, SB)

    assert status(client, token.token) == 401


def test_maken_en_intrekken_staan_in_het_log_met_alleen_ids(client, sessions, clock, staff, caplog):
    caplog.set_level(logging.INFO, logger="stagetraject.gebruikersbeheer")
    token = nieuw_token(sessions, clock, staff.stagebegeleider, naam="Geheime koppeling")
    set_password(sessions, SB, NIEUW)

    regels = [r.getMessage() for r in caplog.records if r.name == "stagetraject.gebruikersbeheer"]
    sb = staff.stagebegeleider.id
    assert regels == [
        f"api-token {token.id} aangemaakt voor account {sb} (90 dagen)",
        f"2 api-token(s) van account {sb} beëindigd: nieuw wachtwoord",  # and the fixture's
    ]
    assert not any(SB in r or "Geheime" in r or token.token in r for r in regels)


def test_de_opdrachtregel_maakt_toont_en_trekt_in(client, database_url, staff):
    env = {"TRAJECTORY_DATABASE_URL": database_url}
    runner = CliRunner()

    te_lang = runner.invoke(cli, ["users", "api-token", "--email", SB, "--dagen", "400"], env=env)
    assert te_lang.exit_code == 2
    gemaakt = runner.invoke(
        cli, ["users", "api-token", "--email", SB, "--naam", "export", "--dagen", "30"], env=env
    )
    assert gemaakt.exit_code == 0, gemaakt.output
    token = gemaakt.stdout.strip().splitlines()[0]
    assert status(client, token) == 200

    lijst = runner.invoke(cli, ["users", "api-tokens", "--email", SB], env=env)
    assert lijst.exit_code == 0, lijst.output
    regel = next(r for r in lijst.stdout.splitlines() if "export" in r)
    assert "geldig" in regel
    assert token not in lijst.stdout
    token_id = regel.split()[0]

    ingetrokken = runner.invoke(
        cli, ["users", "api-token-intrekken", "--email", SB, "--id", token_id], env=env
    )
    assert ingetrokken.exit_code == 0, ingetrokken.output
    assert status(client, token) == 401
    nog_eens = runner.invoke(
        cli, ["users", "api-token-intrekken", "--email", SB, "--id", token_id], env=env
    )
    assert nog_eens.exit_code == 2
