"""Engine overhead in-process: our engine's work per step vs the raw `transitions` trigger.

Subject, per iteration: hydrate a leerling snapshot from plain rows (as the database hands
them over), judge the guards of every trigger from its state (`engine.options`, the machine
choosing each edge on a carrier) and take the first. Baseline: the raw library trigger on a
Machine built from the same machine definition, with one model added once (never per
request). No HTTP, no database. Target: ≤ 3×.

On its own, on a school already built (e.g. `trajectory demo` into a SQLite file; the full
benchmark's school is its 150-leerling demo copied twice): `python -m bench.motor <database-url>
[herhalingen rondes]` (default 200 × 30, as `python -m bench`). It prints the medians, as the
benchmark reports them, and the best rounds too: on a busy machine the median of each varies
between runs far more than the best does.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bench.meten import Grens, Uitslag, om_beurten
from trajectory.domain.clock import SystemClock, today
from trajectory.domain.snapshot import Plaatsing, Snapshot, records_uit
from trajectory.machines.definition import TRANSITIONS
from trajectory.machines.machine import build_machine
from trajectory.store import tables as t
from trajectory.store.db import make_engine, make_sessionmaker
from trajectory.usecases import engine
from trajectory.usecases.laden import snapshot_van


def rijen_van(sessions: sessionmaker[Session]) -> dict[str, Any]:
    """The rows of a real (demo) leerling, read once: a typical one — the median number of
    records among those in a state with a step to take."""
    with sessions() as session:
        kandidaten = session.execute(
            select(t.Leerling.id, func.count(t.Vastlegging.id))
            .join(t.Vastlegging, t.Vastlegging.leerling_id == t.Leerling.id)
            .where(t.Leerling.state.in_({o.source for o in TRANSITIONS}))
            .group_by(t.Leerling.id)
            .order_by(func.count(t.Vastlegging.id), t.Leerling.id)
        ).all()
        leerling = session.get(t.Leerling, kandidaten[len(kandidaten) // 2][0])
        assert leerling is not None
        snapshot = snapshot_van(session, leerling, bezetting=False)
    return {
        "leerling": {
            veld: getattr(snapshot, veld)
            for veld in ("id", "geboortedatum", "leerjaar", "state", "definitieve_sector")
        },
        "vastleggingen": [tuple(r) for r in snapshot.records],  # as the database hands them
        "plaatsingen": [tuple(p) for p in snapshot.plaatsingen],
    }


def hydrate(rijen: dict[str, Any]) -> Snapshot:
    return Snapshot(
        **rijen["leerling"],
        records=records_uit(rijen["vastleggingen"]),  # as snapshot_van does
        plaatsingen=tuple(map(Plaatsing._make, rijen["plaatsingen"])),
    )


def stap(rijen: dict[str, Any], op: date) -> str:
    """Hydrate, judge every trigger's guards, fire the first trigger (the machine chooses)."""
    snapshot = hydrate(rijen)
    opties = engine.options(snapshot, op)
    overgang = engine.choose(snapshot, opties[0].trigger, op)
    assert overgang is not None
    return overgang.dest


class _Model:
    state: str
    route_houdt: Callable[[str], bool]


def kale_trigger(state: str, trigger: str, routes: dict[str, bool]) -> Callable[[], object]:
    """The library alone on the same definition (build_machine), one model added once."""
    machine = build_machine()
    model = _Model()
    model.route_houdt = lambda route: routes.get(route, False)
    machine.add_model(model)

    def doe() -> object:
        machine.set_state(state, model)
        return machine.events[trigger].trigger(model)

    return doe


def meet(
    sessions: sessionmaker[Session], herhalingen: int, rondes: int, grens: Grens
) -> list[Uitslag]:
    rijen = rijen_van(sessions)
    op = today(SystemClock())
    snapshot = hydrate(rijen)
    overgang = engine.choose(snapshot, engine.options(snapshot, op)[0].trigger, op)
    assert overgang is not None
    assert stap(rijen, op) == overgang.dest
    kaal = kale_trigger(
        snapshot.state, overgang.trigger, {overgang.route: True} if overgang.route else {}
    )

    def veel(werk: Callable[[], object]) -> Callable[[], None]:
        def doe() -> None:
            for _ in range(herhalingen):
                werk()

        return doe

    ms = om_beurten(
        {"engine": veel(lambda: stap(rijen, op)), "transitions": veel(kaal)}, rondes, grens
    )
    return [
        Uitslag(
            "2. engine overhead (in-process)",
            "—",
            "hydrate + options + fire",
            "raw transitions trigger",
            ms["engine"] * 1000 / herhalingen,
            ms["transitions"] * 1000 / herhalingen,
            "µs",
            3.0,
        )
    ]


def beste(sessions: sessionmaker[Session], herhalingen: int, rondes: int) -> tuple[float, float]:
    """The best round of each, in µs per step, the two run in turns as `meet` runs them."""
    rijen = rijen_van(sessions)
    op = today(SystemClock())
    snapshot = hydrate(rijen)
    overgang = engine.choose(snapshot, engine.options(snapshot, op)[0].trigger, op)
    assert overgang is not None
    kaal = kale_trigger(
        snapshot.state, overgang.trigger, {overgang.route: True} if overgang.route else {}
    )
    werk = {"engine": lambda: stap(rijen, op), "transitions": kaal}
    best = dict.fromkeys(werk, float("inf"))
    for ronde in range(rondes + 1):  # the first a warm-up
        for naam, doe in werk.items() if ronde % 2 else reversed(werk.items()):
            start = time.perf_counter()
            for _ in range(herhalingen):
                doe()
            if ronde:
                best[naam] = min(best[naam], (time.perf_counter() - start) * 1e6 / herhalingen)
    return best["engine"], best["transitions"]


def main(url: str, herhalingen: int = 200, rondes: int = 30) -> None:
    sessions = make_sessionmaker(make_engine(url))
    [uitslag] = meet(sessions, herhalingen, rondes, Grens(120))
    onderwerp, basis = uitslag.waarde_onderwerp, uitslag.waarde_basis
    print(
        f"medians: engine {onderwerp:.2f} µs, transitions {basis:.2f} µs: {onderwerp / basis:.2f}×"
    )
    onderwerp, basis = beste(sessions, herhalingen, rondes)
    print(
        f"best:    engine {onderwerp:.2f} µs, transitions {basis:.2f} µs: {onderwerp / basis:.2f}×"
    )


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:4]))
