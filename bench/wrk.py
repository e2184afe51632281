"""Throughput measured from outside: Debian's `wrk` against the real server and a bare app.

`python -m bench wrk` (or `make bench-wrk`). Per database, one school (the demo school built
through the engine, copied in bulk SQL) and, for each number of workers asked (default 1 and 2),
two servers, each a process of its own and started with that many workers:

- the subject: `trajectory serve --workers N` (the scheduler off: its jobs are not the
  subject), taking `POST /api/leerlingen/{id}/triggers/nazorg_contact` with the contact as its
  payload (bench/doorvoer.py says why this step) for leerlingen in nazorg;
- the baseline: `bench/kaal.py`, a bare FastAPI app committing one INSERT per POST.

wrk runs 4 threads × 4 connections (one connection per thread, so the Lua script
`bench/doorvoer.lua` sees every answer after its own request and tracks each leerling's
version: each thread has its own share of one stagebegeleider's nazorg leerlingen and that
user's own API token). Phases of 8 s, alternating subject and baseline (who goes first turns
each round), a few rounds, bounded in count and time; before each subject phase the versions
are read again from the database. Only 2xx answers count as done; the others are reported.
The in-app `POST /bench/kaal` (bench/server.py: the project's app with its middleware) is
measured alongside as a reference, labelled as such.

Also: one client (`wrk -t1 -c1`) p50/p99 of the step and of the bare INSERT; the leerling
page (HTML) vs its JSON (`/api/leerlingen/{id}`), one client, the median over the 10
leerlingen with the longest histories; and, from the rounds, the subject's throughput with
the most workers vs one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bench import doorvoer, kaal, school
from bench.diagrammen import langste_geschiedenis
from bench.meten import DOEL, Grens, Uitslag, belasting, machine, schrijf, tabel
from bench.server import _vrije_poort, draaiend
from trajectory.store import tables as t

SCRIPT = Path(__file__).with_name("doorvoer.lua")
KOP = "## Throughput with wrk: results"
NAMEN = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
ONDERWERP_PAD = f"/api/leerlingen/%d/triggers/{doorvoer.TRIGGER}"
DOEL_RATIO, DOEL_WORKERS, DOEL_PAGINA = 0.5, 1.4, 2.0
RUST = 2.0  # seconds between phases (om_beurten)


@dataclass(frozen=True)
class School:
    """The demo school of `demo` leerlingen (built through the engine), copied `kopieen`×."""

    demo: int
    kopieen: int


VOL = School(150, 200)  # 30,000 leerlingen, as the in-process throughput benchmark
KLEIN = School(30, 20)  # 880 leerlingen: proves it runs; about 5 minutes per database


# ---- wrk and its output --------------------------------------------------------------------


@dataclass(frozen=True)
class Fase:
    """What one wrk run reported (the line `bench/doorvoer.lua` prints in its done())."""

    goed: int  # 2xx answers: the requests done
    niet_2xx: int
    statussen: dict[int, int]  # the non-2xx answers per status
    socketfouten: int  # connect, read, write errors and timeouts
    seconden: float
    p50_ms: float
    p99_ms: float

    @property
    def per_seconde(self) -> float:
        return self.goed / self.seconden if self.seconden else 0.0


REGEL = re.compile(
    r"^stagetraject 2xx=(?P<goed>\d+) niet2xx=(?P<niet>\d+) statussen=(?P<statussen>[\d:,]*) "
    r"socketfouten=(?P<socket>\d+) duur_us=(?P<duur>\d+) p50_us=(?P<p50>\d+) "
    r"p99_us=(?P<p99>\d+)$",
    re.MULTILINE,
)


def lees(uitvoer: str) -> Fase:
    """The figures of one wrk run from its output; an error when the script's line is missing
    (wrk ran without it, or the script failed)."""
    gevonden = REGEL.search(uitvoer)
    if gevonden is None:
        raise RuntimeError(f"geen uitslag van bench/doorvoer.lua in de uitvoer van wrk:\n{uitvoer}")
    statussen = {
        int(status): int(aantal)
        for status, aantal in (paar.split(":") for paar in gevonden["statussen"].split(",") if paar)
    }
    return Fase(
        goed=int(gevonden["goed"]),
        niet_2xx=int(gevonden["niet"]),
        statussen=statussen,
        socketfouten=int(gevonden["socket"]),
        seconden=int(gevonden["duur"]) / 1e6,
        p50_ms=int(gevonden["p50"]) / 1000,
        p99_ms=int(gevonden["p99"]) / 1000,
    )


def wrk(
    basis: str,
    modus: Sequence[str],
    *,
    draden: int,
    seconden: int,
    headers: Sequence[str] = (),
) -> Fase:
    """One wrk run of `seconden` against `basis`: `draden` threads, one connection each."""
    opdracht = ["wrk", f"-t{draden}", f"-c{draden}", f"-d{seconden}s", "--timeout", "10s"]
    for header in headers:
        opdracht += ["-H", header]
    opdracht += ["-s", str(SCRIPT), basis, "--", *modus]
    klaar = subprocess.run(
        opdracht, capture_output=True, text=True, timeout=seconden + 60, check=False
    )
    if klaar.returncode != 0:
        raise RuntimeError(f"wrk stopte met {klaar.returncode}: {klaar.stderr or klaar.stdout}")
    sys.stderr.write(klaar.stderr)  # the script's first other answer per thread, if any
    return lees(klaar.stdout)


# ---- the step's input: leerlingen, tokens, versions ----------------------------------------


@dataclass(frozen=True)
class Deel:
    """One wrk thread's share: leerlingen of one stagebegeleider, with that user's token."""

    token: str
    leerlingen: tuple[int, ...]


def verdeel(sessions: sessionmaker[Session], draden: int) -> list[Deel]:
    """A share per thread, no leerling in two: each begeleider's nazorg leerlingen are one
    share; with fewer begeleiders than threads the largest shares are halved (a thread each)."""
    baas = school.teamleider(sessions)
    delen = [
        (wie or baas, [lid for lid, _ in lijst])
        for wie, lijst in doorvoer.nazorg_per_begeleider(sessions).items()
    ]
    while len(delen) < draden:
        delen.sort(key=lambda d: -len(d[1]))
        if not delen or len(delen[0][1]) < 2:
            raise RuntimeError(f"te weinig leerlingen in nazorg voor {draden} draden")
        wie, ids = delen[0]
        delen[0:1] = [(wie, ids[::2]), (wie, ids[1::2])]
    delen = sorted(delen, key=lambda d: -len(d[1]))[:draden]
    return [Deel(school.api_token(sessions, wie), tuple(ids)) for wie, ids in delen]


def schrijf_stap(bestand: Path, sessions: sessionmaker[Session], delen: Sequence[Deel]) -> Path:
    """The Lua script's input for the step, with every leerling's version as it is now."""
    with sessions() as session:
        rijen = session.execute(
            select(t.Leerling.id, t.Leerling.version).where(
                t.Leerling.id.in_([lid for deel in delen for lid in deel.leerlingen])
            )
        )
        versies = {lid: versie for lid, versie in rijen}
    regels = [ONDERWERP_PAD, json.dumps(doorvoer.CONTACT, separators=(",", ":"))]
    regels += [
        " ".join([deel.token, *(f"{lid}:{versies[lid]}" for lid in deel.leerlingen)])
        for deel in delen
    ]
    bestand.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return bestand


# ---- the servers ----------------------------------------------------------------------------


@contextmanager
def proces(
    opdracht: list[str], env: dict[str, str], log: Path, opstarten: float = 120
) -> Iterator[str]:
    """A server on 127.0.0.1 at a free port, in a process group of its own (uvicorn's workers
    are its children); yields its base URL once it answers, stops the group on the way out."""
    poort = _vrije_poort()
    basis = f"http://127.0.0.1:{poort}"
    with log.open("ab") as uit:
        server = subprocess.Popen(
            [*opdracht, "--port", str(poort)],
            env=os.environ | env,
            stdout=uit,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wacht_op(basis, server, Grens(opstarten), " ".join(opdracht[:4]), log)
        yield basis
    finally:
        _stop(server)


def wacht_op(
    basis: str,
    proces: subprocess.Popen[bytes],
    grens: Grens,
    naam: str,
    log: Path,
    klaar: Callable[[int], bool] = lambda status: status < 500,  # the bare app: 404
) -> None:
    """Until GET /login answers `klaar`; a process that stops or the bound raises, with the
    tail of its log."""
    while True:
        try:
            if klaar(httpx2.get(f"{basis}/login", timeout=2).status_code):
                return
        except httpx2.TransportError:
            pass
        if proces.poll() is not None or grens.over():
            staart = log.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"kwam niet op: {naam} (stop {proces.poll()})\n{staart}")
        time.sleep(0.2)


def _stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the group this benchmark started (uvicorn's supervisor and its workers)."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(15)
    except ProcessLookupError:  # the group is gone already
        server.wait()
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def omgeving(url: str) -> dict[str, str]:
    return {"TRAJECTORY_DATABASE_URL": url, "TRAJECTORY_SCHEDULER": "0", "TRAJECTORY_TOTP": "0"}


def serve(url: str, workers: int, log: Path) -> AbstractContextManager[str]:
    """The project's server as an operator starts it: `trajectory serve --workers N`."""
    trajectory = str(Path(sys.executable).with_name("trajectory"))
    opdracht = [trajectory, "serve", "--host", "127.0.0.1", "--workers", str(workers)]
    return proces(opdracht, omgeving(url), log)


def kale_app(url: str, workers: int, log: Path) -> AbstractContextManager[str]:
    opdracht = [sys.executable, "-m", "uvicorn", "--factory", "bench.kaal:maak_app"]
    opdracht += ["--host", "127.0.0.1", "--workers", str(workers)]
    opdracht += ["--log-level", "warning", "--no-access-log"]
    return proces(opdracht, omgeving(url), log)


# ---- measuring ------------------------------------------------------------------------------

Meting = Callable[[int], Fase]  # one phase of the given seconds


def om_beurten(
    fasen: dict[str, tuple[Meting, int]], rondes: int, grens: Grens, opwarmen: int = 2
) -> dict[str, list[Fase]]:
    """Every phase once per round (each its seconds), who goes first turning each round, after
    a short warm-up of each; stops early when the time budget is spent (after round one).

    After each phase two seconds of rest: wrk stops without waiting for the requests in flight,
    which the server still commits, and the next phase (the same one, where a round ends and
    the next begins) reads the versions again; without the rest it read some too early."""
    for meting, _ in fasen.values():
        meting(opwarmen)
        time.sleep(RUST)
    per: dict[str, list[Fase]] = {naam: [] for naam in fasen}
    for ronde in range(rondes):
        if ronde and grens.over():
            break
        for naam, (meting, seconden) in list(fasen.items())[:: 1 if ronde % 2 == 0 else -1]:
            per[naam].append(meting(seconden))
            time.sleep(RUST)
    return per


def meet(
    database: str,
    url: str,
    sessions: sessionmaker[Session],
    map_: Path,
    *,
    workers: Sequence[int],
    draden: int,
    seconden: int,
    rondes: int,
    grens: Grens,
) -> tuple[list[Uitslag], list[str]]:
    """The ratios of this database, and the rows of the detail table (every phase)."""
    kaal.maak_tabel(sessions.kw["bind"])
    delen = verdeel(sessions, draden)
    ids = langste_geschiedenis(sessions)
    cookie = "; ".join(
        f"{k}={v}" for k, v in school.sessie_cookie(sessions, school.teamleider(sessions)).items()
    )
    paden = {"pagina": map_ / "pagina.txt", "json": map_ / "json.txt"}
    paden["pagina"].write_text("".join(f"/leerlingen/{i}\n" for i in ids), encoding="utf-8")
    paden["json"].write_text("".join(f"/api/leerlingen/{i}\n" for i in ids), encoding="utf-8")
    stapbestand, log = map_ / f"stap-{database}.txt", map_ / f"servers-{database}.log"
    een = workers[0]

    def stap(adres: str, aantal: int) -> Meting:
        def meting(s: int) -> Fase:
            bestand = schrijf_stap(stapbestand, sessions, delen[:aantal])
            return wrk(adres, ["stap", str(bestand)], draden=aantal, seconden=s)

        return meting

    def post(adres: str, pad: str, aantal: int) -> Meting:
        return lambda s: wrk(adres, ["post", pad], draden=aantal, seconden=s)

    def get(adres: str, soort: str) -> Meting:
        return lambda s: wrk(
            adres, ["get", str(paden[soort])], draden=1, seconden=s, headers=[f"Cookie: {cookie}"]
        )

    with ExitStack() as stapel:
        onderwerp = {n: stapel.enter_context(serve(url, n, log)) for n in workers}
        basis = {n: stapel.enter_context(kale_app(url, n, log)) for n in workers}
        in_app = stapel.enter_context(draaiend(url))
        fasen: dict[str, tuple[Meting, int]] = {}
        for n in workers:
            fasen[f"step, {n} worker(s)"] = (stap(onderwerp[n], draden), seconden)
            fasen[f"bare app, {n} worker(s)"] = (post(basis[n], kaal.PAD, draden), seconden)
        fasen["in-app /bench/kaal (reference), 1 worker"] = (
            post(in_app, "/bench/kaal", draden),
            seconden,
        )
        fasen[f"1 client: step, {een} worker(s)"] = (stap(onderwerp[een], 1), seconden)
        fasen[f"1 client: bare app, {een} worker(s)"] = (post(basis[een], kaal.PAD, 1), seconden)
        kort = max(2, seconden // 2)
        fasen["1 client: leerling page (HTML)"] = (get(onderwerp[een], "pagina"), kort)
        fasen["1 client: leerling JSON"] = (get(onderwerp[een], "json"), kort)
        per = om_beurten(fasen, rondes, grens)
    return _uitslagen(database, per, workers), [_detail(database, n, f) for n, f in per.items()]


def _mediaan(fasen: list[Fase], maat: Callable[[Fase], float]) -> float:
    return statistics.median(maat(f) for f in fasen)


def _uitslagen(database: str, per: dict[str, list[Fase]], workers: Sequence[int]) -> list[Uitslag]:
    def doorvoer_van(naam: str) -> float:
        return _mediaan(per[naam], lambda f: f.per_seconde)

    uitslagen = [
        Uitslag(
            "1w. API transition throughput (wrk)",
            database,
            f"POST trigger, serve --workers {n}",
            f"bare FastAPI app (own process), {n} worker(s)",
            doorvoer_van(f"step, {n} worker(s)"),
            doorvoer_van(f"bare app, {n} worker(s)"),
            "req/s",
            DOEL_RATIO,
            hoger_is_beter=True,
        )
        for n in workers
    ]
    uitslagen.append(
        Uitslag(
            "1w. reference: the in-app bare endpoint",
            database,
            f"POST trigger, serve --workers {workers[0]}",
            "POST /bench/kaal inside the project's app, 1 worker",
            doorvoer_van(f"step, {workers[0]} worker(s)"),
            doorvoer_van("in-app /bench/kaal (reference), 1 worker"),
            "req/s",
            DOEL_RATIO,
            hoger_is_beter=True,
        )
    )
    if len(workers) > 1:
        meer = max(workers)
        uitslagen.append(
            Uitslag(
                "1w. scaling over workers",
                database,
                f"serve --workers {meer}",
                f"--workers {workers[0]}",
                doorvoer_van(f"step, {meer} worker(s)"),
                doorvoer_van(f"step, {workers[0]} worker(s)"),
                "req/s",
                DOEL_WORKERS,
                hoger_is_beter=True,
            )
        )
    uitslagen.append(
        Uitslag(
            "1w. leerling page vs its JSON (1 client, p50)",
            database,
            "HTML /leerlingen/{id}",
            "JSON /api/leerlingen/{id}",
            _mediaan(per["1 client: leerling page (HTML)"], lambda f: f.p50_ms),
            _mediaan(per["1 client: leerling JSON"], lambda f: f.p50_ms),
            "ms",
            DOEL_PAGINA,
        )
    )
    return uitslagen


def _detail(database: str, naam: str, fasen: list[Fase]) -> str:
    """One row: median 2xx/s, every non-2xx answer and socket error of all rounds, p50/p99."""
    statussen: dict[int, int] = {}
    for fase in fasen:
        for status, aantal in fase.statussen.items():
            statussen[status] = statussen.get(status, 0) + aantal
    per_status = ", ".join(f"{s}: {a}" for s, a in sorted(statussen.items()))
    return (
        f"| {database} | {naam} | {len(fasen)} | "
        f"{_mediaan(fasen, lambda f: f.per_seconde):.1f} | {sum(f.goed for f in fasen):,} | "
        f"{sum(f.niet_2xx for f in fasen)}{f' ({per_status})' if per_status else ''} | "
        f"{sum(f.socketfouten for f in fasen)} | {_mediaan(fasen, lambda f: f.p50_ms):.1f} | "
        f"{_mediaan(fasen, lambda f: f.p99_ms):.1f} |"
    )


DETAIL_KOP = (
    "| database | phase | rounds | 2xx/s (median) | 2xx (all) | non-2xx (all rounds) "
    "| socket errors | p50 ms (median) | p99 ms (median) |\n|---|---|---|---|---|---|---|---|---|"
)


def rapport(
    uitslagen: list[Uitslag], details: list[str], maat: School, args: argparse.Namespace
) -> str:
    return (
        f"{machine()}, load average at the end {belasting()}. Command: `python -m bench wrk"
        f"{' --klein' if args.klein else ''} --workers {args.workers} --seconden {args.seconden} "
        f"--rondes {args.rondes}`. School: the demo school of {maat.demo} leerlingen copied "
        f"{maat.kopieen}×. wrk {args.draden} threads × 1 connection each (one client: 1 × 1), "
        f"phases of {args.seconden} s (the pages {max(2, args.seconden // 2)} s), "
        "alternating, after a 2 s warm-up of each; ratios of medians over the rounds, only "
        "2xx answers counted.\n\n"
        + tabel(sorted(uitslagen, key=lambda u: (u.naam, u.database)))
        + "\nEvery phase (the one-client rows are the latency figures):\n\n"
        + DETAIL_KOP
        + "\n"
        + "\n".join(details)
        + "\n"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench wrk", description=__doc__)
    parser.add_argument("--klein", action="store_true", help="a small school: proves it runs")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--workers", default="1,2", help="the first is also the one-client run")
    parser.add_argument("--draden", type=int, default=4, help="wrk threads, one connection each")
    parser.add_argument("--seconden", type=int, default=8, help="seconds per phase")
    parser.add_argument("--rondes", type=int, default=3)
    parser.add_argument("--grens", type=float, default=1800, help="seconds of rounds per database")
    parser.add_argument(
        "--naam", default="wrk", help="PostgreSQL: database stagetraject_bench_<naam>"
    )
    parser.add_argument("--uit", type=Path, default=DOEL)
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk ontbreekt: `apt-get install wrk` (make bench-wrk doet dat als root)")
    maat = KLEIN if args.klein else VOL
    workers = [int(n) for n in args.workers.split(",")]
    uitslagen: list[Uitslag] = []
    details: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for soort in args.databases.split(","):
            url = school.database(soort, args.naam, Path(tmp))
            school.demo(url, maat.demo)
            sessions = school.vermenigvuldigd(url, maat.kopieen)
            try:
                u, d = meet(
                    NAMEN[soort],
                    url,
                    sessions,
                    Path(tmp),
                    workers=workers,
                    draden=args.draden,
                    seconden=args.seconden,
                    rondes=args.rondes,
                    grens=Grens(args.grens),
                )
            finally:
                sessions.kw["bind"].dispose()
            uitslagen += u
            details += d
    tekst = rapport(uitslagen, details, maat, args)
    schrijf(KOP, tekst, args.uit)
    print(tekst)
