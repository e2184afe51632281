"""Tamper drill: five ways to doctor the audit trail, each caught by `trajectory audit verify`.

Done the way an attacker with database superuser rights would: past the append-only triggers
(`session_replication_role = replica` on PostgreSQL, the triggers dropped on SQLite), and who
afterwards sets every chain's head in `audit_keten` to what its events now say. The fifth,
recomputing a leerling's chain after an old event was changed, leaves self-consistent chains
and heads: only the signed anchor (kept outside the database) catches it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update
from typer.testing import CliRunner

from tests.integration.test_audit import (
    EVENTS,
    PAYLOADS,
    buiten_de_app_om,
    herstel_koppen,
    rij,
    trail,
)
from trajectory.domain import auditketen
from trajectory.entrypoints.cli import app as cli

__all__ = ["trail"]  # the fixture: a short real trail made through the engine

SLEUTEL = "een-sleutel-die-alleen-de-beheerder-kent"


@pytest.fixture
def omgeving(database_url) -> dict[str, str]:
    return {"TRAJECTORY_DATABASE_URL": database_url, "TRAJECTORY_ANKER_SLEUTEL": SLEUTEL}


@pytest.fixture
def anker(omgeving, trail, tmp_path) -> Path:
    pad = tmp_path / "anker.json"
    result = CliRunner().invoke(cli, ["audit", "anker", "--uitvoer", str(pad)], env=omgeving)
    assert result.exit_code == 0, result.output
    return pad


def verify(omgeving, anker: Path):
    return CliRunner().invoke(cli, ["audit", "verify", "--anker", str(anker)], env=omgeving)


def wijzig(conn, event_id):
    conn.execute(update(EVENTS).where(EVENTS.c.id == event_id).values(naar="afgesloten"))


def verwijder(conn, event_id):
    conn.execute(delete(PAYLOADS).where(PAYLOADS.c.event_id == event_id))
    conn.execute(delete(EVENTS).where(EVENTS.c.id == event_id))


def verwissel(conn, event_id):
    a, b = rij(conn, event_id), rij(conn, event_id + 1)
    conn.execute(update(EVENTS).where(EVENTS.c.id == event_id).values(**{**b, "hash": "tijdelijk"}))
    conn.execute(update(EVENTS).where(EVENTS.c.id == event_id + 1).values(**a))
    conn.execute(update(EVENTS).where(EVENTS.c.id == event_id).values(hash=b["hash"]))


def kap_af(conn, event_id):
    conn.execute(delete(PAYLOADS).where(PAYLOADS.c.event_id >= event_id))
    conn.execute(delete(EVENTS).where(EVENTS.c.id >= event_id))


def herbereken(conn, event_id):
    """Change an old event, then recompute every hash of its chain from there: a valid chain."""
    wijzig(conn, event_id)
    leerling_id, vorige = conn.execute(
        select(EVENTS.c.leerling_id, EVENTS.c.prev_hash).where(EVENTS.c.id == event_id)
    ).one()
    ids = conn.execute(
        select(EVENTS.c.id)
        .where(EVENTS.c.id >= event_id, EVENTS.c.leerling_id == leerling_id)
        .order_by(EVENTS.c.id)
    )
    for (volgende,) in ids.all():
        inhoud = {**rij(conn, volgende), "prev_hash": vorige}
        vorige = auditketen.event_hash(inhoud)
        conn.execute(
            update(EVENTS)
            .where(EVENTS.c.id == volgende)
            .values(prev_hash=inhoud["prev_hash"], hash=vorige)
        )


@pytest.mark.parametrize(
    ("knoeien", "positie", "verwacht"),
    [
        (wijzig, 2, "inhoud gewijzigd"),
        (verwijder, 3, "verwijderd"),
        (verwissel, 2, "volgorde"),
        (kap_af, 5, "het anker ontbreekt"),
        (herbereken, 1, "herschreven of herberekend"),
    ],
    ids=["wijzigen", "verwijderen", "verwisselen", "afkappen", "herberekenen"],
)
def test_trajectory_audit_verify_met_ondertekend_anker_vangt_elke_manier_van_knoeien(
    engine, omgeving, trail, anker, knoeien, positie, verwacht
):
    assert verify(omgeving, anker).exit_code == 0
    with buiten_de_app_om(engine) as conn:
        knoeien(conn, trail[positie])
        herstel_koppen(conn)

    result = verify(omgeving, anker)

    assert result.exit_code == 1, result.output
    assert "NIET intact" in result.stderr
    assert verwacht in result.stderr
    assert "keten leerling-" in result.stderr  # which chain


def test_een_herberekende_keten_is_zonder_anker_niet_van_echt_te_onderscheiden(
    engine, omgeving, trail
):
    with buiten_de_app_om(engine) as conn:
        herbereken(conn, trail[1])
        herstel_koppen(conn)

    result = CliRunner().invoke(cli, ["audit", "verify"], env=omgeving)

    assert result.exit_code == 0  # why the anchor must be signed and kept outside the database


def test_een_vervalst_anker_of_een_andere_sleutel_wordt_geweigerd(omgeving, anker, tmp_path):
    data = json.loads(anker.read_text())
    vervalst = tmp_path / "vervalst.json"
    vervalst.write_text(json.dumps({**data, "wortel": "0" * 64}))
    andere_sleutel = {**omgeving, "TRAJECTORY_ANKER_SLEUTEL": "een-heel-andere-sleutel-dan-dat"}

    for env, pad in ((omgeving, vervalst), (andere_sleutel, anker)):
        result = verify(env, pad)
        assert result.exit_code == 2
        assert "handtekening van het anker klopt niet" in result.stderr


def test_een_anker_met_een_andere_ketenkop_past_niet_bij_zijn_wortel(omgeving, anker, tmp_path):
    data = json.loads(anker.read_text())
    keten, aantal, _ = data["ketens"][-1]
    data["ketens"][-1] = [keten, aantal, "f" * 64]
    vervalst = tmp_path / "vervalst.json"
    vervalst.write_text(json.dumps(data))

    result = verify(omgeving, vervalst)

    assert result.exit_code == 2
    assert "niet de ondertekende Merkle-wortel" in result.stderr


def test_zonder_sleutel_schrijft_trajectory_audit_anker_niets(database_url, trail, tmp_path):
    pad = tmp_path / "anker.json"

    result = CliRunner().invoke(
        cli,
        ["audit", "anker", "--uitvoer", str(pad)],
        env={"TRAJECTORY_DATABASE_URL": database_url, "TRAJECTORY_ANKER_SLEUTEL": ""},
    )

    assert result.exit_code == 2
    assert "geen bruikbare ankersleutel" in result.stderr
    assert not pad.exists()


def test_de_sleutel_kan_ook_uit_een_bestand_komen(database_url, trail, tmp_path):
    sleutelbestand = tmp_path / "anker.sleutel"
    sleutelbestand.write_text(SLEUTEL + "\n")
    env = {"TRAJECTORY_DATABASE_URL": database_url, "TRAJECTORY_ANKER_SLEUTEL": ""}
    pad = tmp_path / "anker.json"
    args = ["--sleutel-bestand", str(sleutelbestand)]

    runner = CliRunner()
    geschreven = runner.invoke(cli, ["audit", "anker", "--uitvoer", str(pad), *args], env=env)
    gecontroleerd = runner.invoke(cli, ["audit", "verify", "--anker", str(pad), *args], env=env)

    assert geschreven.exit_code == 0, geschreven.output
    assert gecontroleerd.exit_code == 0, gecontroleerd.output
    assert json.loads(pad.read_text())["aantal"] == len(trail)


def test_de_scheduler_schrijft_dagelijks_een_anker_in_de_ingestelde_map(
    monkeypatch, sessions, clock, trail, tmp_path, omgeving
):
    from trajectory.entrypoints.scheduler import anker_job, build_scheduler
    from trajectory.notifications.mail import SmtpSettings

    map_ = tmp_path / "backups"
    monkeypatch.setenv("TRAJECTORY_ANKER_SLEUTEL", SLEUTEL)
    monkeypatch.setenv("TRAJECTORY_ANKER_MAP", str(map_))
    jobs = build_scheduler(sessions, SmtpSettings(), clock).get_jobs()
    (job,) = [j for j in jobs if j.id == "audit_anker"]

    anker_job(*job.args)

    (pad,) = map_.iterdir()
    assert pad.name == f"anker-{clock.now():%Y-%m-%d}.json"
    result = verify(omgeving, pad)
    assert result.exit_code == 0, result.output
    assert json.loads(pad.read_text())["aantal"] == len(trail)
