"""`make run` on a fresh clone: seconds from the command to the first page (target ≤ 30 s).

`python -m bench maakrun`: clones this repository's current branch (what is committed) into a
temporary folder, runs `make install` there (timed on its own: it is not part of the figure),
then starts `make run` — the demo school built through the engine, then `trajectory serve` on
its default address, 127.0.0.1:8000, with the clone's own SQLite file — and times it until
`GET /login` answers 200. Then it stops the process group it started. Refuses to start when
something already answers on port 8000 (its page would be timed instead).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from bench.meten import DOEL, Grens, belasting, machine, schrijf
from bench.wrk import wacht_op

KOP = "## `make run` on a fresh clone: results"
ADRES = ("127.0.0.1", 8000)  # `trajectory serve`'s default, which `make run` uses
BRON = Path(__file__).resolve().parents[1]


def poort_bezet() -> bool:
    with socket.socket() as s:
        return s.connect_ex(ADRES) == 0


def kloon(doel: Path) -> None:
    tak = subprocess.run(
        ["git", "-C", str(BRON), "rev-parse", "--abbrev-ref", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--branch", tak, str(BRON), str(doel)], check=True)


def tot_eerste_pagina(map_: Path, log: Path, grens: Grens) -> float:
    """Seconds from `make run` until /login answers 200; the run is stopped afterwards."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAJECTORY_")}
    basis = f"http://{ADRES[0]}:{ADRES[1]}"
    start = time.monotonic()
    with log.open("ab") as uit:
        run = subprocess.Popen(
            ["make", "run"],
            cwd=map_,
            env=env,
            stdout=uit,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wacht_op(basis, run, grens, "make run", log, klaar=lambda status: status == 200)
        return time.monotonic() - start
    finally:
        try:
            os.killpg(run.pid, signal.SIGTERM)
            run.wait(20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench maakrun", description=__doc__)
    parser.add_argument("--grens", type=float, default=900, help="seconds for make run at most")
    parser.add_argument("--uit", type=Path, default=DOEL)
    args = parser.parse_args(argv)
    if poort_bezet():
        raise SystemExit(f"iets luistert al op {ADRES[0]}:{ADRES[1]}: eerst stoppen")
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp) / "stagetraject"
        kloon(map_)
        log = Path(tmp) / "make.log"
        start = time.monotonic()
        with log.open("ab") as uit:
            subprocess.run(["make", "install"], cwd=map_, stdout=uit, stderr=uit, check=True)
        installeren = time.monotonic() - start
        seconden = tot_eerste_pagina(map_, log, Grens(args.grens))
    tekst = (
        f"{machine()}, load average at the end {belasting()}. "
        "Command: `python -m bench maakrun`.\n\n"
        "| fresh clone | seconds | target |\n|---|---|---|\n"
        f"| `make install` (not part of the figure) | {installeren:.1f} | — |\n"
        f"| `make run` until `GET /login` answers 200 | **{seconden:.1f}** | ≤ 30 s |\n"
    )
    schrijf(KOP, tekst, args.uit)
    print(tekst)
