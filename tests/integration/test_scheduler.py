"""The scheduler: catch-up after a restart, two instances on PostgreSQL, and the lease that
lets one scheduler per deployment run the jobs."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date, timedelta

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from sqlalchemy import func, select

from tests.integration.builders import breng_naar
from tests.integration.cohort import bouw_cohort, leerling, start_stage
from trajectory.entrypoints.scheduler import (
    LEASE,
    LEASE_DUUR,
    Verkiezing,
    build_scheduler,
)
from trajectory.notifications.mail import SmtpSettings, deliver_due
from trajectory.store import lease
from trajectory.store import tables as t
from trajectory.store.db import make_engine, make_sessionmaker
from trajectory.usecases.herinneringen import fire_due


def _gevuurd(sessions) -> list[tuple[str, date]]:
    with sessions() as session:
        return [
            (soort, dag)
            for soort, dag in session.execute(
                select(t.Herinnering.soort, t.Herinnering.verschuldigd)
                .where(t.Herinnering.status == "gevuurd")
                .order_by(t.Herinnering.verschuldigd, t.Herinnering.soort)
            )
        ]


def _draai_tot_herinneringen_klaar(sessions, smtp, clock) -> None:
    """Start a real scheduler, wait until its reminder job has run once (it runs at start),
    then stop it. Waits on the job's event, not on time."""
    scheduler = build_scheduler(sessions, smtp, clock)
    klaar, fouten = threading.Event(), []

    def luister(event) -> None:
        if event.job_id == "herinneringen":
            if event.exception:
                fouten.append(event.exception)
            klaar.set()

    scheduler.add_listener(luister, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    scheduler.start()
    try:
        assert klaar.wait(timeout=60), "the reminder job did not run at start"
    finally:
        scheduler.shutdown(wait=True)
    assert fouten == []


def test_na_een_herstart_gaat_elke_gemiste_herinnering_precies_een_keer_af(
    sessions, clock, staff, poort
):
    clock.set(date(2025, 8, 25))
    lid = leerling(sessions, clock, staff, "Cem Yilmaz", "4")
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    clock.set(date(2025, 9, 1))
    start_stage(sessions, clock, staff, lid, date(2025, 9, 1), date(2026, 6, 26))
    smtp = SmtpSettings(port=poort)  # nobody listens: mail waits in the outbox
    clock.set(date(2025, 9, 5))
    _draai_tot_herinneringen_klaar(sessions, smtp, clock)
    assert _gevuurd(sessions) == []

    # down from Friday 5 until Tuesday 23 September: the stagemap of the 8th and the visit of
    # the 22nd came due meanwhile
    clock.set(date(2025, 9, 23))
    _draai_tot_herinneringen_klaar(sessions, smtp, clock)
    _draai_tot_herinneringen_klaar(sessions, smtp, clock)  # and once more: nothing new

    assert _gevuurd(sessions) == [("stagemap", date(2025, 9, 8)), ("bezoek", date(2025, 9, 22))]
    with sessions() as session:
        meldingen = session.execute(
            select(t.Melding.soort, func.count()).group_by(t.Melding.soort)
        ).all()
        volgende = session.scalar(
            select(t.Herinnering.verschuldigd).where(
                t.Herinnering.soort == "stagemap", t.Herinnering.status == "gepland"
            )
        )
    assert dict(meldingen)["stagemap"] == 1
    assert dict(meldingen)["bezoek"] == 1
    assert volgende == date(2025, 9, 29)  # the series goes on from today, no backlog


def test_twee_schedulers_op_postgresql_bezorgen_elke_herinnering_precies_een_keer(
    database_url, sessions, clock, staff, postbus, poort
):
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite ignores SKIP LOCKED: there the lease keeps a second one idle")
    bouw_cohort(sessions, clock, staff)
    smtp = SmtpSettings(port=poort)
    instanties = [make_engine(database_url) for _ in range(2)]
    start, klaar = threading.Barrier(3), threading.Barrier(3)
    per_instantie: list[Counter[str]] = [Counter(), Counter()]
    fouten: list[BaseException] = []
    dagen = [date(2025, 9, 1) + timedelta(days=n) for n in range(150)]

    def instantie(nummer: int) -> None:
        instance_sessions = make_sessionmaker(instanties[nummer])
        for _ in dagen:
            start.wait()
            try:
                per_instantie[nummer].update(fire_due(instance_sessions, clock))
                deliver_due(instance_sessions, smtp, clock)
            except BaseException as exc:  # noqa: BLE001 (reported below)
                fouten.append(exc)
            klaar.wait()

    threads = [threading.Thread(target=instantie, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for dag in dagen:
        clock.set(dag)
        start.wait()
        klaar.wait()
    for thread in threads:
        thread.join()
    for engine in instanties:
        engine.dispose()

    assert fouten == []
    with sessions() as session:
        meldingen = session.execute(
            select(t.Melding.verschuldigd, t.Melding.verzonden).where(
                t.Melding.verschuldigd.like("herinnering:%")
            )
        ).all()
        gevuurd = session.scalar(select(func.count()).where(t.Herinnering.status == "gevuurd"))
    samen = per_instantie[0] + per_instantie[1]
    assert sum(samen.values()) == gevuurd > 50
    assert all(per_instantie), "both instances fired some reminders"
    assert all(verzonden is not None for _, verzonden in meldingen)
    message_ids = [
        m["Message-ID"] for _, m in postbus.berichten if "herinnering" in m["Message-ID"]
    ]
    assert len(message_ids) == len(set(message_ids)) == len(meldingen)
    print(
        f"\nTwee instanties, {len(dagen)} dagen: {gevuurd} herinneringen gevuurd "
        f"({sum(per_instantie[0].values())} + {sum(per_instantie[1].values())}), "
        f"{len(meldingen)} meldingen, {len(message_ids)} mails, geen dubbele"
    )


def _wacht_op_job(scheduler, job_id: str) -> threading.Event:
    klaar = threading.Event()

    def luister(event) -> None:
        if event.job_id == job_id:
            klaar.set()

    scheduler.add_listener(luister, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    return klaar


def test_een_tweede_scheduler_start_maar_alleen_de_houder_voert_de_taken_uit(
    sessions, clock, staff, poort
):
    """Both databases (issue #20): every worker and instance may start a scheduler; the lease
    makes one of them run the jobs, and when it stops the other takes over."""
    clock.set(date(2025, 8, 25))
    lid = leerling(sessions, clock, staff, "Cem Yilmaz", "4")
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    clock.set(date(2025, 9, 1))
    start_stage(sessions, clock, staff, lid, date(2025, 9, 1), date(2026, 6, 26))
    smtp = SmtpSettings(port=poort)
    clock.set(date(2025, 9, 23))  # the stagemap and the visit came due
    eerste_keus, tweede_keus = Verkiezing(sessions, clock), Verkiezing(sessions, clock)
    assert eerste_keus.vernieuw()  # another instance holds the lease
    tweede = build_scheduler(sessions, smtp, clock, verkiezing=tweede_keus)
    gedaan = _wacht_op_job(tweede, "herinneringen")
    tweede.start()
    try:
        assert gedaan.wait(timeout=60), "the second scheduler's reminder job did not run"
        assert not tweede_keus.houdt
        # the job ran in the second scheduler, but only its lease check: nothing fired
        assert _gevuurd(sessions) == []
    finally:
        tweede.shutdown(wait=True)
    assert lease.houder_van(sessions, LEASE, clock.now()) == eerste_keus.houder
    eerste_keus.geef_vrij()  # the holder stops
    assert lease.houder_van(sessions, LEASE, clock.now()) is None

    derde = build_scheduler(sessions, smtp, clock, verkiezing=tweede_keus)
    gedaan = _wacht_op_job(derde, "herinneringen")
    derde.start()
    try:
        assert gedaan.wait(timeout=60)
        assert tweede_keus.houdt
    finally:
        derde.shutdown(wait=True)
    assert _gevuurd(sessions) == [("stagemap", date(2025, 9, 8)), ("bezoek", date(2025, 9, 22))]
    assert lease.houder_van(sessions, LEASE, clock.now()) is None  # given up on stopping


def test_een_gestorven_houder_wordt_na_de_leaseduur_opgevolgd(sessions, clock):
    """A holder that stops renewing (hung, cut off) keeps its slot: the other waits LEASE_DUUR
    (and, without the slot, the slot holder's VOORRANG_SLOT on top), then takes the lease."""
    dode, levende = Verkiezing(sessions, clock), Verkiezing(sessions, clock)
    assert dode.vernieuw()
    assert not levende.vernieuw()
    wachten = LEASE_DUUR + (lease.VOORRANG_SLOT if dode.slot.mogelijk else timedelta(0))
    clock.advance(seconds=wachten.total_seconds() - 1)
    assert not levende.vernieuw()
    clock.advance(seconds=1)
    assert levende.vernieuw()
    assert not dode.vernieuw()  # back from the dead: it stands by
    assert lease.houder_van(sessions, LEASE, clock.now()) == levende.houder
    assert not dode.slot.vast  # and lets the new holder have the slot
    levende.geef_vrij()


def test_wie_het_slot_niet_kreeg_maakt_de_lease_niet_aan(sessions, clock):
    """At a deployment's start the contenders race: the one without the slot used to create the
    lease row first and run jobs until the slot's holder overruled it a moment later (two
    holders, seen with two SQLite workers under CI load). Now only the slot's holder creates it."""
    met, zonder = Verkiezing(sessions, clock), Verkiezing(sessions, clock)
    if not met.slot.mogelijk:
        pytest.skip("SQLite in memory has no slot: the lease alone decides")
    assert met.slot.probeer()
    assert not zonder.vernieuw()  # it could not get the slot: it leaves the row to the holder
    assert lease.houder_van(sessions, LEASE, clock.now()) is None
    assert met.vernieuw()
    assert not zonder.vernieuw()
    assert lease.houder_van(sessions, LEASE, clock.now()) == met.houder
    met.geef_vrij()
    # released on purpose: the slot is free, so the next one takes the lease at once
    assert zonder.vernieuw()
    zonder.geef_vrij()


def test_sterft_het_proces_van_de_houder_dan_neemt_een_ander_meteen_over(sessions, clock):
    """Its slot (advisory lock, file lock) goes with the process: no waiting for the lease."""
    dode, levende = Verkiezing(sessions, clock), Verkiezing(sessions, clock)
    assert dode.vernieuw()
    assert not levende.vernieuw()
    assert dode.slot.vast or not dode.slot.mogelijk

    dode.slot.geef_vrij()  # what PostgreSQL or the OS does when the process dies; no lease row

    assert lease.houder_van(sessions, LEASE, clock.now()) == dode.houder  # not expired
    assert levende.vernieuw()
    assert lease.houder_van(sessions, LEASE, clock.now()) == levende.houder
    assert not dode.vernieuw()
    levende.geef_vrij()


def test_twee_services_met_scheduler_op_een_database_starten_allebei(database_url, clock):
    """On SQLite a second service used to refuse to start; with the lease both run (e.g. two
    uvicorn workers), one holds the lease, and stopping gives it up."""
    from fastapi.testclient import TestClient

    from service.app import create_app
    from service.settings import Settings

    eerste = create_app(Settings(database_url=database_url, clock=clock, scheduler=True))
    tweede = create_app(Settings(database_url=database_url, clock=clock, scheduler=True))
    sessions = eerste.state.sessions
    with TestClient(eerste), TestClient(tweede) as client:
        assert client.get("/login").status_code == 200
        assert eerste.state.scheduler.running
        assert tweede.state.scheduler.running
        assert lease.houder_van(sessions, LEASE, clock.now()) is not None
    assert lease.houder_van(sessions, LEASE, clock.now()) is None
    for app in (eerste, tweede):
        app.state.engine.dispose()


def test_verliest_de_houder_zijn_verbinding_dan_blijft_er_een_houder(
    database_url, engine, sessions, clock
):
    """PostgreSQL drops a holder's advisory lock with its connection (a restart, a network
    cut): the next contender takes over, and the old holder, alive, steps back at its next try."""
    if not database_url.startswith("postgresql"):
        pytest.skip("the advisory lock's connection is PostgreSQL's")
    from sqlalchemy import text

    eerste, tweede = Verkiezing(sessions, clock), Verkiezing(sessions, clock)
    assert eerste.vernieuw()
    pid = eerste.slot._verbinding.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    eerste.slot._verbinding.commit()
    with engine.begin() as verbinding:
        # waits (bounded, 10 s) until the backend is gone and its lock with it
        verbinding.execute(text("SELECT pg_terminate_backend(:p, 10000)"), {"p": pid})

    assert tweede.vernieuw()
    assert not eerste.vernieuw()
    assert lease.houder_van(sessions, LEASE, clock.now()) == tweede.houder
    assert tweede.vernieuw()
    tweede.geef_vrij()
    eerste.geef_vrij()
