"""The audit trail is tamper-evident: the database refuses edits, the hash chain shows the rest."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, delete, select, text, update
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from tests.integration.builders import MOTIVATIE, audit_events, leg_vast, nieuwe_leerling
from trajectory.domain import auditketen
from trajectory.entrypoints.cli import app as cli
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.store.queries import audit_trail
from trajectory.store.repository import verify_audit
from trajectory.usecases import engine

EVENTS = t.AuditEvent.__table__
PAYLOADS = t.AuditPayload.__table__
KETENS = t.AuditKeten.__table__


@pytest.fixture
def trail(sessions, clock, staff) -> list[int]:
    """A short real trail: aanmelding, vastlegging, overgang, weigering, override, ..."""
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    clock.advance(minutes=5)
    leg_vast(
        sessions,
        clock,
        staff.stagebegeleider,
        sem,
        "beoordeling",
        soort="interne_stage",
        uitslag="voldoende",
    )
    engine.advance(
        sessions, sem, "interne_stage_afronden", actor=staff.stagebegeleider, version=1, clock=clock
    )
    engine.advance(
        sessions, sem, "snuffelstage_afronden", actor=staff.stagebegeleider, version=2, clock=clock
    )
    noor = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Noor Jansen")
    clock.advance(days=1)
    engine.advance(
        sessions,
        noor,
        "interne_stage_afronden",
        actor=staff.teamleider,
        version=1,
        clock=clock,
        motivatie=MOTIVATIE,
    )
    leg_vast(sessions, clock, staff.stagebegeleider, sem, "vragenlijst", besproken=True)
    events = audit_events(sessions)
    assert [e.soort for e, _ in events] == [
        "aanmelding",
        "vastlegging",
        "overgang",
        "weigering",
        "aanmelding",
        "overgang",
        "vastlegging",
    ]
    return [e.id for e, _ in events]


@contextmanager
def buiten_de_app_om(engine: Engine) -> Iterator[Connection]:
    """A connection that gets past the append-only triggers, as an admin with psql could."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_event_no_update"))
            conn.execute(text("DROP TRIGGER audit_event_no_delete"))
            conn.execute(text("DROP TRIGGER audit_keten_vooruit"))
            conn.execute(text("DROP TRIGGER audit_keten_no_delete"))
        else:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        yield conn


def herstel_koppen(conn: Connection) -> None:
    """What an attacker who knows the chains does after doctoring events: set each chain's head
    in `audit_keten` to what its events now say, so the table agrees with them again."""
    grens = conn.execute(
        select(KETENS.c.laatste_id).where(KETENS.c.keten == auditketen.OUDE_KETEN)
    ).scalar()
    koppen: dict[str, tuple[int, str, int]] = {}
    rijen = conn.execute(
        select(EVENTS.c.id, EVENTS.c.leerling_id, EVENTS.c.hash)
        .where(EVENTS.c.id > (grens or 0))
        .order_by(EVENTS.c.id)
    )
    for event_id, leerling_id, hash_ in rijen:
        keten = auditketen.keten_van(leerling_id)
        koppen[keten] = (koppen.get(keten, (0, "", 0))[0] + 1, hash_, event_id)
    for keten, (aantal, kop, laatste_id) in koppen.items():
        conn.execute(
            update(KETENS)
            .where(KETENS.c.keten == keten)
            .values(aantal=aantal, kop=kop, laatste_id=laatste_id)
        )


def eerste_fout(sessions) -> auditketen.Finding | None:
    with sessions() as session:
        return verify_audit(session)


def rij(conn: Connection, event_id: int) -> dict[str, Any]:
    values = conn.execute(select(EVENTS).where(EVENTS.c.id == event_id)).mappings().one()
    return {k: v for k, v in values.items() if k != "id"}


def test_een_ongeschonden_audittrail_is_intact_en_elk_event_wijst_naar_het_vorige_van_zijn_leerling(
    sessions, trail
):
    assert eerste_fout(sessions) is None
    events = [e for e, _ in audit_events(sessions)]
    sem, noor = events[0].leerling_id, events[4].leerling_id
    for leerling_id in (sem, noor):
        keten = [e for e in events if e.leerling_id == leerling_id]
        assert keten[0].prev_hash == auditketen.GENESIS  # the chain of before 0028 is empty
        assert [e.prev_hash for e in keten[1:]] == [e.hash for e in keten[:-1]]
    with sessions() as session:
        koppen = repo.keten_koppen(session)
    assert koppen[f"leerling-{sem}"] == auditketen.Kop(5, events[-1].hash)
    assert koppen[f"leerling-{noor}"] == auditketen.Kop(2, events[5].hash)


@pytest.mark.parametrize(
    "wijziging",
    [
        {"naar": "afgesloten"},
        {"override": True},
        {"actor_id": 4},
        {"tijd": "2025-03-03T08:00:00.000000Z"},
        {"guards": []},
    ],
    ids=["naar", "override", "actor", "tijd", "guards"],
)
def test_een_gewijzigd_event_wordt_bij_naam_genoemd(engine, sessions, trail, wijziging):
    derde = trail[2]
    with buiten_de_app_om(engine) as conn:
        conn.execute(update(EVENTS).where(EVENTS.c.id == derde).values(**wijziging))

    fout = eerste_fout(sessions)

    assert fout is not None
    assert fout.event_id == derde
    assert "inhoud gewijzigd" in fout.reden


def test_wie_ook_de_hash_van_het_gewijzigde_event_herberekent_valt_op_bij_het_volgende(
    engine, sessions, trail
):
    derde = trail[2]
    with buiten_de_app_om(engine) as conn:
        inhoud = {**rij(conn, derde), "naar": "afgesloten"}
        nieuwe_hash = auditketen.event_hash(inhoud)
        conn.execute(
            update(EVENTS).where(EVENTS.c.id == derde).values(naar="afgesloten", hash=nieuwe_hash)
        )

    fout = eerste_fout(sessions)

    assert fout is not None
    assert fout.event_id == trail[3]
    assert "vorige event" in fout.reden


def test_een_verwijderd_event_wordt_gezien_bij_het_volgende_event_van_die_leerling(
    engine, sessions, trail
):
    vierde = trail[3]  # a weigering: it has no payload row; Sem's next event is the seventh
    sem = audit_events(sessions)[0][0].leerling_id
    with buiten_de_app_om(engine) as conn:
        conn.execute(delete(EVENTS).where(EVENTS.c.id == vierde))

    fout = eerste_fout(sessions)

    assert fout is not None
    assert fout.event_id == trail[6]
    assert "verwijderd" in fout.reden
    assert fout.keten == f"leerling-{sem}"
    assert fout.volgnummer == 4


def test_twee_events_van_plaats_gewisseld_worden_gezien_bij_het_eerste(engine, sessions, trail):
    derde, vierde = trail[2], trail[3]
    with buiten_de_app_om(engine) as conn:
        a, b = rij(conn, derde), rij(conn, vierde)
        conn.execute(
            update(EVENTS).where(EVENTS.c.id == derde).values(**{**b, "hash": "tijdelijk"})
        )
        conn.execute(update(EVENTS).where(EVENTS.c.id == vierde).values(**a))
        conn.execute(update(EVENTS).where(EVENTS.c.id == derde).values(hash=b["hash"]))

    fout = eerste_fout(sessions)

    assert fout is not None
    assert fout.event_id == derde
    assert "volgorde" in fout.reden


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_event SET naar = 'afgesloten' WHERE id = 3",
        "UPDATE audit_event SET override = true",
        "DELETE FROM audit_event WHERE id = 4",
        "DELETE FROM audit_event",
    ],
    ids=["update-een", "update-alle", "delete-een", "delete-alle"],
)
def test_de_database_zelf_weigert_audit_events_te_wijzigen_of_te_verwijderen(
    engine, sessions, trail, sql
):
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(sql))

    assert eerste_fout(sessions) is None
    assert [e.id for e, _ in audit_events(sessions)] == trail


def test_postgresql_weigert_ook_truncate_op_de_audittrail(engine, sessions, trail):
    if engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE bestaat alleen op PostgreSQL")
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_payload, audit_event"))

    assert [e.id for e, _ in audit_events(sessions)] == trail


def test_een_gewiste_payload_laat_de_keten_intact(engine, sessions, trail):
    tweede = trail[1]
    with engine.begin() as conn:
        conn.execute(delete(PAYLOADS).where(PAYLOADS.c.event_id == tweede))

    assert eerste_fout(sessions) is None
    with sessions() as session:
        leerling_id = session.get(t.AuditEvent, tweede).leerling_id
        payloads = {e.id: p for e, p in audit_trail(session, leerling_id)}
    assert payloads[tweede] is None
    assert payloads[trail[0]] is not None


def test_een_gewijzigde_payload_wordt_bij_naam_genoemd(engine, sessions, trail):
    tweede = trail[1]
    with engine.begin() as conn:
        (payload,) = conn.execute(
            select(PAYLOADS.c.payload).where(PAYLOADS.c.event_id == tweede)
        ).one()
        vervalst = {**payload, "gegevens": {**payload["gegevens"], "uitslag": "onvoldoende"}}
        conn.execute(update(PAYLOADS).where(PAYLOADS.c.event_id == tweede).values(payload=vervalst))

    fout = eerste_fout(sessions)

    assert fout is not None
    assert fout.event_id == tweede
    assert "payload gewijzigd" in fout.reden


def test_trajectory_audit_verify_meldt_een_intacte_trail(database_url, trail):
    result = CliRunner().invoke(
        cli, ["audit", "verify"], env={"TRAJECTORY_DATABASE_URL": database_url}
    )

    assert result.exit_code == 0, result.output
    assert "intact" in result.stdout


def test_trajectory_audit_verify_noemt_het_eerste_foute_event(
    database_url, engine, sessions, trail
):
    vijfde = trail[4]
    with buiten_de_app_om(engine) as conn:
        conn.execute(update(EVENTS).where(EVENTS.c.id == vijfde).values(actor_rol="mentor"))

    result = CliRunner().invoke(
        cli, ["audit", "verify"], env={"TRAJECTORY_DATABASE_URL": database_url}
    )

    assert result.exit_code == 1
    assert f"event {vijfde}:" in result.stderr
    assert "NIET intact" in result.stderr
    assert "intact" not in result.stdout


def test_weggehaalde_events_aan_het_eind_vallen_op_bij_de_ketenkop(database_url, engine, trail):
    env = {"TRAJECTORY_DATABASE_URL": database_url}
    with buiten_de_app_om(engine) as conn:
        conn.execute(delete(PAYLOADS).where(PAYLOADS.c.event_id >= trail[-2]))
        conn.execute(delete(EVENTS).where(EVENTS.c.id >= trail[-2]))

    result = CliRunner().invoke(cli, ["audit", "verify"], env=env)

    assert result.exit_code == 1
    assert "de ketenkop klopt niet" in result.stderr
    assert "events aan het eind zijn verwijderd" in result.stderr


def test_wie_ook_de_ketenkoppen_terugzet_valt_op_met_een_genoteerd_anker(
    database_url, engine, trail
):
    env = {"TRAJECTORY_DATABASE_URL": database_url}
    eerst = CliRunner().invoke(cli, ["audit", "verify"], env=env)
    anker = eerst.stdout.split("laatste hash ")[1].split()[0]
    assert f"{len(trail)} events" in eerst.stdout
    with buiten_de_app_om(engine) as conn:
        conn.execute(delete(PAYLOADS).where(PAYLOADS.c.event_id >= trail[-2]))
        conn.execute(delete(EVENTS).where(EVENTS.c.id >= trail[-2]))
        herstel_koppen(conn)

    zonder_anker = CliRunner().invoke(cli, ["audit", "verify"], env=env)
    met_anker = CliRunner().invoke(cli, ["audit", "verify", "--anker", anker], env=env)

    assert zonder_anker.exit_code == 0  # chains and heads agree: only what is kept outside sees it
    assert met_anker.exit_code == 1
    assert "het anker ontbreekt" in met_anker.stderr


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_keten SET aantal = aantal - 1",
        "UPDATE audit_keten SET kop = 'x'",
        "UPDATE audit_keten SET keten = 'leerling-999', aantal = aantal + 1",
        "UPDATE audit_keten SET aantal = aantal + 1 WHERE keten = 'tot-0028'",
        "DELETE FROM audit_keten",
    ],
    ids=["terug", "zelfde-aantal", "andere-keten", "oude-keten", "delete"],
)
def test_de_database_laat_een_ketenkop_alleen_een_event_vooruit_gaan(engine, sessions, trail, sql):
    with sessions() as session:
        voor = repo.keten_koppen(session)
    if "tot-0028" in sql and auditketen.OUDE_KETEN not in voor:
        pytest.skip("the test PostgreSQL is emptied with TRUNCATE: no chain of before 0028")

    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(sql))

    with sessions() as session:
        assert repo.keten_koppen(session) == voor


def test_postgresql_weigert_ook_truncate_op_de_ketenkoppen(engine, sessions, trail):
    if engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE bestaat alleen op PostgreSQL")
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_keten"))
