"""All four benchmarks on SQLite and PostgreSQL, written to docs/BENCHMARKS.md.

`python -m bench` (full size: 300 vs 30,000 leerlingen, 1,000 vs 100,000 timers; about half an
hour on two cores) or `python -m bench --klein` (the smoke size CI runs: proves every benchmark
still runs, its figures mean nothing); `--midden` keeps the register's 50 vs 5,000 companies
with 60 vs 600 leerlingen (a few minutes). `--databases sqlite` to skip PostgreSQL (reached at
$BENCH_POSTGRES, default postgresql://postgres@127.0.0.1:5432; databases
stagetraject_bench_<naam> are dropped and re-created).

Two more, each writing a section of its own: `python -m bench wrk` measures throughput from
outside with Debian's wrk against a bare app in its own process (bench/wrk.py); `python -m
bench maakrun` times `make run` on a fresh clone until the first page (bench/maakrun.py).
`python -m bench mail`: an uitval mail's latency from the step's commit to SMTP (bench/mail.py).
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench import diagrammen, doorvoer, maakrun, mail, motor, school, stagezoeken, wrk
from bench.meten import DOEL, Grens, Uitslag, machine, schrijf, tabel
from bench.schaal import meet_paginas, meet_tick

KOP = "## Results"
NAMEN = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass(frozen=True)
class Maat:
    naam: str  # in the database names, so a smoke run never drops a full run's databases
    basis: int  # demo leerlingen, built through the engine
    klein: int  # copies of the demo: the small school
    groot: int  # copies: the big school
    timers: tuple[int, int]
    rondes: int
    per_tick: int
    draden: int
    seconden: float
    herhalingen: int
    grens: float  # seconds per benchmark
    bedrijven: tuple[int, int] = (50, 5_000)  # the register of the small and the big school


VOL = Maat("vol", 150, 2, 200, (1_000, 100_000), 15, 5, 4, 3.0, 200, 300)
KLEIN = Maat("smoke", 16, 1, 3, (50, 200), 2, 2, 1, 0.3, 5, 30, (5, 20))
# reduced: the full register (50 vs 5,000 companies) at a tenth of the leerlingen (60 vs 600),
# for a run on a shared machine; the page and tick figures are not comparable to VOL's
MIDDEN = Maat("midden", 30, 2, 20, (1_000, 10_000), 9, 5, 2, 2.0, 50, 120)
ALLE = ("paginas", "stagezoeken", "diagrammen", "tick", "doorvoer", "motor")


def draai(
    maat: Maat, databases: list[str], map_: Path, alleen: tuple[str, ...] = ALLE
) -> list[Uitslag]:
    uitslagen: list[Uitslag] = []
    for soort in databases:
        naam = NAMEN[soort]
        basis = school.database(soort, f"{maat.naam}_basis", map_)
        school.demo(basis, maat.basis)
        urls = {g: school.kopie(basis, f"{maat.naam}_{g}", map_) for g in ("klein", "groot")}
        scholen = {
            "klein": school.vermenigvuldigd(urls["klein"], maat.klein),
            "groot": school.vermenigvuldigd(urls["groot"], maat.groot),
        }
        paren = {g: (urls[g], scholen[g]) for g in urls}
        if "paginas" in alleen:
            uitslagen += meet_paginas(naam, paren, rondes=maat.rondes, grens=Grens(maat.grens))
        if "stagezoeken" in alleen:
            uitslagen += stagezoeken.meet(
                naam,
                paren,
                dict(zip(("klein", "groot"), maat.bedrijven, strict=True)),
                rondes=maat.rondes,
                grens=Grens(maat.grens),
            )
        if "diagrammen" in alleen:
            uitslagen += diagrammen.meet(
                naam, urls["klein"], scholen["klein"], rondes=maat.rondes, grens=Grens(maat.grens)
            )
        if "tick" in alleen:
            uitslagen += meet_tick(
                naam,
                scholen,
                dict(zip(("klein", "groot"), maat.timers, strict=True)),
                per_tick=maat.per_tick,
                rondes=maat.rondes,
                grens=Grens(maat.grens),
            )
        if "doorvoer" in alleen:  # on the big school: many leerlingen in nazorg to spread over
            uitslagen += doorvoer.meet(
                naam,
                urls["groot"],
                scholen["groot"],
                draden=maat.draden,
                seconden=maat.seconden,
                rondes=max(3, maat.rondes // 3),
                grens=Grens(maat.grens),
            )
        if soort == databases[0] and "motor" in alleen:
            uitslagen += motor.meet(
                scholen["klein"], maat.herhalingen, maat.rondes * 2, Grens(maat.grens)
            )
        for sessions in scholen.values():
            sessions.kw["bind"].dispose()
    return sorted(uitslagen, key=lambda u: (u.naam, u.database))


def rapport(uitslagen: list[Uitslag], maat: Maat) -> str:
    return (
        f"{machine()}. Command: `python -m bench`. Schools: the demo school of {maat.basis} "
        f"leerlingen (built through the engine) copied {maat.klein}× and {maat.groot}× "
        f"({maat.basis * maat.klein:,} vs {maat.basis * maat.groot:,} leerlingen); timers "
        f"{maat.timers[0]:,} vs {maat.timers[1]:,} pending. Medians of up to {maat.rondes} "
        "interleaved rounds; throughput: "
        f"{maat.draden} client threads, {maat.seconden:g} s phases, uvicorn on 127.0.0.1.\n\n"
        + tabel(uitslagen)
    )


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["wrk"]:
        return wrk.main(argv[1:])
    if argv[:1] == ["maakrun"]:
        return maakrun.main(argv[1:])
    if argv[:1] == ["mail"]:
        return mail.main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--klein", action="store_true", help="smoke size (CI)")
    parser.add_argument(
        "--midden", action="store_true", help="full register, a tenth of the leerlingen"
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--uit", type=Path, default=DOEL)
    parser.add_argument(
        "--alleen",
        default=",".join(ALLE),
        help="only these, comma-separated; written to a section of their own: " + ", ".join(ALLE),
    )
    args = parser.parse_args(argv)
    maat = KLEIN if args.klein else MIDDEN if args.midden else VOL
    alleen = tuple(args.alleen.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        uitslagen = draai(maat, args.databases.split(","), Path(tmp), alleen)
    tekst = rapport(uitslagen, maat)
    # a partial run keeps the full run's table and writes its rows under a heading of its own
    kop = KOP if set(alleen) >= set(ALLE) else f"## Partial run ({', '.join(alleen)})"
    schrijf(kop, tekst, args.uit)
    print(tekst)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    main()
