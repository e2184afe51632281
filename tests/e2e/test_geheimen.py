"""Secrets at rest (#14, finding 9): TOTP secrets encrypted with the server key, the throttle
keyed with it, a rotation that keeps logins working, and a wrong key that says so."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient
from sqlalchemy import select, text
from typer.testing import CliRunner

from service.app import create_app
from service.settings import Settings
from tests.conftest import STAFF
from tests.web import WACHTWOORD, csrf_of, enter_code, give_password, log_in, secret_of
from trajectory.domain.geheimen import SLEUTEL_VARIABELE, Sleutels
from trajectory.entrypoints.cli import app as cli
from trajectory.store import tables as t
from trajectory.usecases.sleutelrotatie import roteer

TL = STAFF["teamleider"][0]
OUD = "de-oude-sleutel-van-de-school-0123456789"
NIEUW = "de-nieuwe-sleutel-van-de-school-9876543210"


@contextmanager
def app_met(database_url, clock, *sleutels: str) -> Iterator[TestClient]:
    keys = Sleutels(sleutels, herkomst="test")
    app = create_app(
        Settings(database_url=database_url, clock=clock, scheduler=False, sleutels=keys)
    )
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def opgeslagen(engine) -> str:
    with engine.connect() as conn:
        return conn.execute(
            text("SELECT totp_versleuteld FROM gebruiker WHERE email = :e"), {"e": TL}
        ).scalar_one()


def inloggen(client, sessions, clock) -> int:
    """Log the teamleider in (password, code); the status of the code step's answer."""
    clock.advance(seconds=30)  # a code is never accepted twice: the next step's
    log_in(client, sessions, "teamleider")
    return client.get("/", follow_redirects=False).status_code


def test_het_geheim_staat_niet_leesbaar_in_de_database_ook_niet_tijdens_het_instellen(
    client, sessions, engine, staff
):
    give_password(sessions, TL)
    form = client.get("/login")
    client.post(
        "/login",
        data={"email": TL, "wachtwoord": WACHTWOORD, "csrf_token": csrf_of(form.text)},
    )
    secret = secret_of(client.get("/login/code").text)
    with engine.connect() as conn:
        in_afwachting = conn.execute(
            text(
                "SELECT totp_nieuw_versleuteld FROM sessie WHERE totp_nieuw_versleuteld IS NOT NULL"
            )
        ).scalar_one()
    assert secret not in in_afwachting

    assert enter_code(client, sessions, TL).status_code == 303

    assert secret not in opgeslagen(engine)
    assert client.app.state.sleutels.ontsleutel(opgeslagen(engine)) == secret


def test_de_teller_van_mislukte_pogingen_bewaart_geen_gewone_hash_van_het_adres(
    client, sessions, engine, staff
):
    form = client.get("/login")
    client.post(
        "/login",
        data={"email": TL, "wachtwoord": "fout-fout-fout", "csrf_token": csrf_of(form.text)},
    )

    with sessions() as session:
        sleutels = set(session.scalars(select(t.MisluktePoging.sleutel)))
    gewone_hash = f"account:{hashlib.sha256(TL.encode()).hexdigest()}"
    assert gewone_hash not in sleutels
    assert f"account:{client.app.state.sleutels.merk(TL)}" in sleutels


def test_roteren_houdt_het_inloggen_werkend(database_url, sessions, engine, clock, staff):
    with app_met(database_url, clock, OUD) as client:
        assert inloggen(client, sessions, clock) == 200
    onder_oud = opgeslagen(engine)

    with app_met(database_url, clock, NIEUW, OUD) as client:  # the new key in front, old behind
        assert inloggen(client, sessions, clock) == 200
        assert roteer(sessions, Sleutels((NIEUW, OUD), herkomst="test")).accounts == 1
        assert inloggen(client, sessions, clock) == 200

    assert opgeslagen(engine) != onder_oud
    with app_met(database_url, clock, NIEUW) as client:  # the old key gone
        assert inloggen(client, sessions, clock) == 200


def test_roteren_op_de_opdrachtregel(database_url, sessions, engine, clock, staff):
    with app_met(database_url, clock, OUD) as client:
        inloggen(client, sessions, clock)
    runner = CliRunner()
    env = {"TRAJECTORY_DATABASE_URL": database_url}

    zonder_oud = runner.invoke(cli, ["sleutel", "roteer"], env={**env, SLEUTEL_VARIABELE: NIEUW})
    assert zonder_oud.exit_code == 2
    assert "account(s) 1 passen bij geen van de sleutels" in zonder_oud.output
    assert "Er is niets gewijzigd." in zonder_oud.output
    assert Sleutels((OUD,), herkomst="test").ontsleutel(opgeslagen(engine))

    gelukt = runner.invoke(
        cli, ["sleutel", "roteer"], env={**env, SLEUTEL_VARIABELE: f"{NIEUW} {OUD}"}
    )
    assert gelukt.exit_code == 0, gelukt.output
    assert gelukt.output.startswith("1 tweestapsgeheim(en)")
    with app_met(database_url, clock, NIEUW) as client:
        assert inloggen(client, sessions, clock) == 200


def test_een_verkeerde_sleutel_geeft_een_duidelijke_melding_en_geen_geheim_in_het_log(
    database_url, sessions, engine, clock, staff, caplog
):
    with app_met(database_url, clock, OUD) as client:
        inloggen(client, sessions, clock)
    secret = Sleutels((OUD,), herkomst="test").ontsleutel(opgeslagen(engine))
    caplog.set_level(logging.INFO)

    with app_met(database_url, clock, NIEUW) as client:
        clock.advance(seconds=30)
        form = client.get("/login")
        client.post(
            "/login",
            data={"email": TL, "wachtwoord": WACHTWOORD, "csrf_token": csrf_of(form.text)},
        )
        page = client.get("/login/code")
        response = client.post(
            "/login/code",
            data={"code": "123456", "csrf_token": csrf_of(page.text)},
            follow_redirects=False,
        )

    assert response.status_code == 503
    assert "de sleutel van de server past niet bij de opgeslagen gegevens" in response.text
    assert "Meld dit aan de beheerder" in response.text
    fouten = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in fouten] == [
        "code niet te controleren (gebruiker 1): een opgeslagen geheim past bij geen van de "
        "sleutels uit test (een andere of verloren serversleutel?)"
    ]
    assert not any(r.exc_info for r in caplog.records)
    assert secret not in caplog.text
    assert OUD not in caplog.text
    assert NIEUW not in caplog.text


def test_een_nieuwe_machine_draait_de_demo_zonder_iets_in_te_stellen(tmp_path):
    """`make run`: `trajectory demo` then `serve`, no key configured: the key is made once
    outside the database, and the teamleider logs in with the code of the printed secret."""
    from pyotp import TOTP

    from trajectory.demo import DEMO_TEAMLEIDER, DEMO_WACHTWOORD
    from trajectory.domain.clock import SystemClock
    from trajectory.domain.geheimen import uit_omgeving

    omgeving = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    url = f"sqlite:///{tmp_path / 'stagetraject.db'}"
    demo = CliRunner().invoke(
        cli,
        ["demo", "--leerlingen", "3"],
        env={**omgeving, "TRAJECTORY_DATABASE_URL": url, SLEUTEL_VARIABELE: None},
    )
    assert demo.exit_code == 0, demo.output
    secret = demo.output.split("sleutel: ", 1)[1].split()[0]
    assert (tmp_path / "config" / "stagetraject" / "serversleutel").exists()

    settings = Settings(
        database_url=url, clock=SystemClock(), scheduler=False, sleutels=uit_omgeving(omgeving)
    )
    app = create_app(settings)
    with TestClient(app) as client:
        form = client.get("/login")
        data = {"email": DEMO_TEAMLEIDER, "wachtwoord": DEMO_WACHTWOORD}
        client.post("/login", data={**data, "csrf_token": csrf_of(form.text)})
        page = client.get("/login/code")
        response = client.post(
            "/login/code",
            data={"code": TOTP(secret).now(), "csrf_token": csrf_of(page.text)},
            follow_redirects=False,
        )
    app.state.engine.dispose()
    assert response.status_code == 303


def test_een_onbruikbare_sleutel_houdt_serve_tegen_met_een_regel_uitleg(tmp_path):
    url = f"sqlite:///{tmp_path / 'stagetraject.db'}"
    uitslag = CliRunner().invoke(
        cli, ["serve"], env={"TRAJECTORY_DATABASE_URL": url, SLEUTEL_VARIABELE: "te-kort"}
    )

    assert uitslag.exit_code == 2
    assert (
        "Stagetraject start niet: geen bruikbare serversleutel in TRAJECTORY_SERVERSLEUTEL"
        in uitslag.output
    )
    assert "te-kort" not in uitslag.output
