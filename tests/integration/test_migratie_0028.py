"""Migration 0028 (issue #20): a chain per leerling. The events of before stay the one chain they
were, not one of them changed, and verify as then; every new chain starts from that chain's
head; an anchor signed before the migration still verifies it."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta

from alembic import command
from sqlalchemy import Connection, insert, select, update
from typer.testing import CliRunner

from tests.integration.migraties import naar
from tests.integration.test_audit import EVENTS, buiten_de_app_om
from trajectory.domain import auditketen
from trajectory.domain.actor import SYSTEEM
from trajectory.domain.auditketen import GENESIS, OUDE_KETEN, Kop
from trajectory.entrypoints.cli import app as cli
from trajectory.store import repository as repo

VORIGE = "0028-1"  # the revision before 0028, whatever it is called after merging
SLEUTEL = "een-sleutel-die-alleen-de-beheerder-kent"


def _event_van_voor_0028(conn: Connection, leerling_id: int | None, soort: str, tijd) -> None:
    """An event appended as before 0028: onto the newest event of the one chain."""
    vorige = conn.execute(select(EVENTS.c.hash).order_by(EVENTS.c.id.desc()).limit(1)).scalar()
    inhoud = {
        "tijd": auditketen.utc_stamp(tijd),
        "leerling_id": leerling_id,
        "actor_id": None,
        "actor_rol": "systeem",
        "soort": soort,
        "trigger": None,
        "van": None,
        "naar": None,
        "guards": [],
        "override": False,
        "payload_hash": auditketen.sha256({}),
        "prev_hash": vorige or GENESIS,
    }
    conn.execute(insert(EVENTS).values(**inhoud, hash=auditketen.event_hash(inhoud)))


def _events(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(EVENTS).order_by(EVENTS.c.id))]


def _trail_van_voor_0028(engine, clock) -> list[tuple]:
    naar(engine, VORIGE, command.downgrade)
    with engine.begin() as conn:
        for leerling_id, soort in (
            (1, "aanmelding"),
            (None, "gebruiker"),
            (1, "overgang"),
            (2, "aanmelding"),
        ):
            clock.advance(minutes=1)
            _event_van_voor_0028(conn, leerling_id, soort, clock.now())
    return _events(engine)


def test_de_keten_van_voor_0028_blijft_zoals_hij_was_en_nieuwe_ketens_beginnen_bij_zijn_kop(
    engine, sessions, clock
):
    voor = _trail_van_voor_0028(engine, clock)
    kop = voor[-1][-1]

    naar(engine, "head", command.upgrade)

    assert _events(engine) == voor  # not one event changed
    with sessions() as session:
        assert repo.keten_koppen(session) == {OUDE_KETEN: Kop(4, kop)}
        assert repo.verify_audit(session) is None
    with sessions.begin() as session:
        for leerling_id in (1, None, 3, 1):
            clock.advance(minutes=1)
            repo.append_audit(
                session,
                tijd=clock.now(),
                actor=SYSTEEM,
                soort="vastlegging",
                leerling_id=leerling_id,
            )
    na = _events(engine)[len(voor) :]
    prev = {rij[0]: rij[-2] for rij in na}
    assert [prev[rij[0]] for rij in na[:3]] == [kop, kop, kop]  # each new chain starts there
    assert prev[na[3][0]] == na[0][-1]  # leerling 1's second event follows its first
    with sessions() as session:
        assert repo.verify_audit(session) is None
        koppen = repo.keten_koppen(session)
    assert koppen[OUDE_KETEN] == Kop(4, kop)  # frozen
    assert koppen["leerling-1"] == Kop(2, na[3][-1])
    assert koppen[auditketen.SCHOOL] == Kop(1, na[1][-1])


def test_een_gewijzigd_event_van_voor_0028_wordt_in_die_keten_genoemd(engine, sessions, clock):
    voor = _trail_van_voor_0028(engine, clock)
    naar(engine, "head", command.upgrade)
    with buiten_de_app_om(engine) as conn:
        conn.execute(update(EVENTS).where(EVENTS.c.id == voor[1][0]).values(soort="overgang"))

    with sessions() as session:
        fout = repo.verify_audit(session)

    assert fout is not None
    assert (fout.event_id, fout.keten, fout.volgnummer) == (voor[1][0], OUDE_KETEN, 2)
    assert "inhoud gewijzigd" in fout.reden


def test_een_anker_van_voor_0028_controleert_na_de_migratie_nog_die_keten(
    database_url, engine, sessions, clock, tmp_path
):
    voor = _trail_van_voor_0028(engine, clock)
    tijd = auditketen.utc_stamp(clock.now() + timedelta(minutes=1))
    bericht = f"stagetraject-anker|{len(voor)}|{voor[-1][-1]}|{tijd}".encode()
    oud_anker = tmp_path / "anker-voor-0028.json"
    oud_anker.write_text(
        json.dumps(
            {
                "volgnummer": len(voor),
                "hash": voor[-1][-1],
                "tijd": tijd,
                "algoritme": "HMAC-SHA256",
                "handtekening": hmac.new(SLEUTEL.encode(), bericht, hashlib.sha256).hexdigest(),
            }
        )
    )
    naar(engine, "head", command.upgrade)
    env = {"TRAJECTORY_DATABASE_URL": database_url, "TRAJECTORY_ANKER_SLEUTEL": SLEUTEL}

    intact = CliRunner().invoke(cli, ["audit", "verify", "--anker", str(oud_anker)], env=env)
    with buiten_de_app_om(engine) as conn:
        conn.execute(EVENTS.delete().where(EVENTS.c.id == voor[-1][0]))
    weg = CliRunner().invoke(cli, ["audit", "verify", "--anker", str(oud_anker)], env=env)

    assert intact.exit_code == 0, intact.output
    assert weg.exit_code == 1
    assert f"het anker ontbreekt: keten {OUDE_KETEN} heeft 3 events" in weg.stderr
