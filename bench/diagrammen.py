"""How long does a leerling's path diagram take, next to the plain leerling page?

Both are fetched in the same process, interleaved, on the same demo school, so the ratio holds
on a noisy machine: `python -m bench.diagrammen [--leerlingen 150] [--rondes 30]`.
Writes its table to docs/BENCHMARKS.md (section "Diagrammen").
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from diagrams.render import dot_available
from service.app import create_app
from service.settings import Settings
from trajectory.clock import SystemClock
from trajectory.demo import build_demo_school
from trajectory.store import tables as t
from trajectory.store.db import make_engine, make_sessionmaker, upgrade
from trajectory.users import store_api_token

BENCH_TOKEN = "bench-token"  # a throw-away database in a temporary directory
MAX_SECONDEN = 300  # every loop is bounded in count and in time
DOEL = Path("docs/BENCHMARKS.md")
KOP = "## Diagrammen"


def _median_ms(client: TestClient, paden: list[str], headers: dict[str, str]) -> float:
    tijden = []
    for pad in paden:
        start = time.perf_counter()
        response = client.get(pad, headers=headers)
        tijden.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (pad, response.status_code)
    return statistics.median(tijden)


def meet(leerlingen: int, rondes: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        engine = make_engine(url)
        upgrade(engine)
        build_demo_school(make_sessionmaker(engine), leerlingen=leerlingen, seed=7)
        with make_sessionmaker(engine)() as session:
            ids = session.scalars(
                select(t.AuditEvent.leerling_id)
                .where(t.AuditEvent.soort == "overgang")
                .group_by(t.AuditEvent.leerling_id)
                .order_by(func.count().desc())
                .limit(10)
            ).all()
        engine.dispose()
        app = create_app(Settings(database_url=url, scheduler=False))
        with make_sessionmaker(engine).begin() as session:
            teamleider = session.scalar(
                select(t.Gebruiker.id).where(t.Gebruiker.rol == "teamleider")
            )
            store_api_token(session, teamleider, "bench", BENCH_TOKEN, SystemClock())
        headers = {"Authorization": f"Bearer {BENCH_TOKEN}"}
        soorten = {"pagina": "/api/leerlingen/{}", "pad.mmd": "/api/leerlingen/{}/pad.mmd"}
        if dot_available():
            soorten["pad.svg"] = "/api/leerlingen/{}/pad.svg"
        metingen: dict[str, list[float]] = {soort: [] for soort in soorten}
        deadline = time.monotonic() + MAX_SECONDEN
        with TestClient(app) as client:
            _median_ms(client, [soorten["pagina"].format(i) for i in ids], headers)  # warm up
            for _ in range(rondes):
                if time.monotonic() > deadline:
                    break
                for soort, sjabloon in soorten.items():  # interleaved: same noise for each
                    metingen[soort].append(
                        _median_ms(client, [sjabloon.format(i) for i in ids], headers)
                    )
        app.state.engine.dispose()
    return {soort: statistics.median(waarden) for soort, waarden in metingen.items()}


def rapport(uitslag: dict[str, float], leerlingen: int, rondes: int) -> str:
    pagina = uitslag["pagina"]
    regels = [
        KOP,
        "",
        f"{datetime.now(UTC):%Y-%m-%d}, {platform.machine()}, Python {platform.python_version()}, "
        f"SQLite, in-process (TestClient), demo of {leerlingen} leerlingen, median of {rondes} "
        "rounds over the 10 leerlingen with the longest histories. "
        "Command: `python -m bench.diagrammen`.",
        "",
        "| request | median ms | ratio to the plain leerling page |",
        "|---|---|---|",
    ]
    regels += [f"| {soort} | {ms:.2f} | {ms / pagina:.2f}× |" for soort, ms in uitslag.items()]
    return "\n".join(regels) + "\n"


def schrijf(tekst: str, doel: Path) -> None:
    bestaand = doel.read_text(encoding="utf-8") if doel.exists() else "# Benchmarks\n\n"
    if KOP in bestaand:
        voor, rest = bestaand.split(KOP, 1)
        na = rest.split("\n## ", 1)
        bestaand = voor + (("## " + na[1]) if len(na) > 1 else "")
    doel.parent.mkdir(parents=True, exist_ok=True)
    doel.write_text(bestaand.rstrip("\n") + "\n\n" + tekst, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leerlingen", type=int, default=150)
    parser.add_argument("--rondes", type=int, default=30)
    parser.add_argument("--uit", type=Path, default=DOEL)
    args = parser.parse_args(argv)
    uitslag = meet(args.leerlingen, min(args.rondes, 500))
    tekst = rapport(uitslag, args.leerlingen, args.rondes)
    schrijf(tekst, args.uit)
    print(tekst)


if __name__ == "__main__":
    main()
