"""The scheduler's lease (issue #20): one holder per deployment, taken over when the holder
stops renewing; time is the test's clock, never the wall clock."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select

from trajectory.store import lease
from trajectory.store import tables as t
from trajectory.store.db import make_engine, make_sessionmaker

DUUR = timedelta(seconds=90)


def test_twee_kandidaten_een_houdt_hem_en_de_ander_neemt_over_als_die_stopt(sessions, clock):
    assert lease.neem(sessions, "scheduler", "A", clock.now(), DUUR)
    assert not lease.neem(sessions, "scheduler", "B", clock.now(), DUUR)

    for _ in range(5):  # A renews every 60 s: B never gets it, however long
        clock.advance(seconds=60)
        assert lease.neem(sessions, "scheduler", "A", clock.now(), DUUR)
        assert not lease.neem(sessions, "scheduler", "B", clock.now(), DUUR)
    assert lease.houder_van(sessions, "scheduler", clock.now()) == "A"

    clock.advance(seconds=89)  # A stopped renewing (it died): not yet expired
    assert not lease.neem(sessions, "scheduler", "B", clock.now(), DUUR)
    clock.advance(seconds=1)
    assert lease.houder_van(sessions, "scheduler", clock.now()) is None
    assert lease.neem(sessions, "scheduler", "B", clock.now(), DUUR)
    assert not lease.neem(sessions, "scheduler", "A", clock.now(), DUUR)  # A came back: waits
    assert lease.houder_van(sessions, "scheduler", clock.now()) == "B"
    with sessions() as session:
        rij = session.get(t.SchedulerLease, "scheduler")
        assert rij is not None
        assert rij.houder == "B"
        assert session.scalar(select(func.count()).select_from(t.SchedulerLease)) == 1


def test_vrijgeven_laat_een_ander_meteen_nemen_en_alleen_de_houder_geeft_vrij(sessions, clock):
    assert lease.neem(sessions, "scheduler", "A", clock.now(), DUUR)
    lease.geef_vrij(sessions, "scheduler", "B", clock.now())  # not B's to give
    assert not lease.neem(sessions, "scheduler", "B", clock.now(), DUUR)
    lease.geef_vrij(sessions, "scheduler", "A", clock.now())
    assert lease.houder_van(sessions, "scheduler", clock.now()) is None
    assert lease.neem(sessions, "scheduler", "B", clock.now(), DUUR)


def _tegelijk(engines, clock, ronde: int) -> list[str]:
    """Every engine's contender tries to take the lease at the same moment; who won."""
    start = threading.Barrier(len(engines))
    gewonnen: list[str] = []
    fouten: list[BaseException] = []

    def kandidaat(nummer: int) -> None:
        sessions = make_sessionmaker(engines[nummer])
        start.wait()
        try:
            if lease.neem(sessions, "scheduler", f"k{ronde}.{nummer}", clock.now(), DUUR):
                gewonnen.append(f"k{ronde}.{nummer}")
        except BaseException as exc:  # noqa: BLE001 (reported below)
            fouten.append(exc)

    threads = [threading.Thread(target=kandidaat, args=(n,)) for n in range(len(engines))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fouten == []
    return gewonnen


def test_tegelijk_nemen_geeft_precies_een_houder(database_url, clock):
    """Contenders each with their own engine, all at once: on a fresh row (the insert race)
    and again on an expired one (the update race)."""
    engines = [make_engine(database_url) for _ in range(4)]
    sessions = make_sessionmaker(engines[0])
    try:
        for ronde in range(2):
            gewonnen = _tegelijk(engines, clock, ronde)
            assert len(gewonnen) == 1
            assert lease.houder_van(sessions, "scheduler", clock.now()) == gewonnen[0]
            clock.advance(seconds=91)  # the holder dies: the next round races for it
    finally:
        for engine in engines:
            engine.dispose()
