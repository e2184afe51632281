"""Mail latency (issue #20, section 3): from the uitval step's commit to the SMTP server's accept.

`python -m bench mail` (or `make bench-mail`). An aiosmtpd server in this process, on
127.0.0.1 at a free port, notes when each message arrives (time.monotonic and time.time) and
for whom. The server runs as an operator runs it, with TRAJECTORY_SMTP_HOST/PORT pointing there,
in three shapes:

- SQLite, `trajectory serve` with its scheduler in-process (the commit calls the scheduler);
- PostgreSQL, the same (NOTIFY within one process);
- PostgreSQL, compose.yaml's shape: `serve` without scheduler plus a separate `trajectory
  scheduler` process (the NOTIFY crosses processes).

`--workers N` starts every `serve` with N workers; each step comes on a connection of its own,
so it may land in any of them.

Each shape gets a fresh small school, made through the use cases before the server starts:
a teamleider, a stagebegeleider, the mentor of klas 2A with an e-mail address, and leerlingen
of 2A walked to groepsstage (teamleider overrides), so `uitvallen` is possible. Once the
scheduler holds the lease, its start-up mail is delivered and (PostgreSQL) its LISTEN is up,
the stagebegeleider takes `POST /api/leerlingen/{id}/triggers/uitvallen` (the payload: a
coded reason, what the `uitvalreden_vastgelegd` guard asks) for one leerling at a time; the
bench waits (bounded) for that leerling's uitval mail, then pauses 0.5–1 s before the next.

The figure is SMTP arrival − the moment the 2xx answer arrived. The answer comes after the
commit, so it is an upper bound for the commit time and the figure a lower bound of the true
latency; the true value lies below it by at most the step's own answer time (reported too). A
mail that does not arrive within `--wacht` seconds is counted as missing, not waited for.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any

import httpx2
from aiosmtpd.controller import Controller
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from bench import school
from bench.meten import DOEL, Grens, belasting, machine, schrijf
from bench.server import _vrije_poort
from bench.wrk import _stop, proces
from trajectory.domain.clock import SystemClock
from trajectory.store import mailwekker
from trajectory.store import tables as t
from trajectory.store.db import make_engine, make_sessionmaker, upgrade
from trajectory.usecases import engine, vastleggen
from trajectory.usecases.users import actor_for_email, add_user

KOP = "## Mail latency (issue #20)"
DOEL_SECONDEN = 2.0
KLAS = "2A"
TRIGGER = "uitvallen"
UITVAL = {"code": "verzuim"}  # a coded reason: what `uitvalreden_vastgelegd` asks
MOTIVATIE = "Benchmark: via de kortste weg naar de groepsstage."
NAAR_GROEPSSTAGE: tuple[tuple[str, dict[str, Any] | None], ...] = (
    ("interne_stage_afronden", None),
    ("snuffelstage_afronden", None),
    ("advies_groepsstage", {"reden": "nt2", "dagdelen": ["ma_ochtend", "di_ochtend"]}),
)
# the uitval mail's Message-ID (tables.Melding.message_id) names the leerling and the kind
UITVAL_ID = re.compile(r"<melding\.(\d+)\.uitval\.")
NAMEN = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass(frozen=True)
class Vorm:
    """How the server runs: its database, and the scheduler in `serve` or in its own process."""

    database: str
    los: bool  # `trajectory scheduler` separately, `serve` with TRAJECTORY_SCHEDULER=0
    workers: int = 1  # `serve --workers N`

    @property
    def naam(self) -> str:
        serve = "`serve`" if self.workers == 1 else f"`serve --workers {self.workers}`"
        if self.los:
            return f"{serve} (no scheduler) + `trajectory scheduler`"
        return f"{serve}, scheduler in-process"


# ---- the SMTP server ------------------------------------------------------------------------


@dataclass(frozen=True)
class Aankomst:
    monotoon: float
    wandklok: float  # time.time(), to set beside the server's log lines
    aan: tuple[str, ...]  # the envelope's recipients


@dataclass
class Postbus:
    """aiosmtpd's handler: per leerling its first uitval mail's arrival; a count of all."""

    uitval: dict[int, Aankomst] = field(default_factory=dict)
    berichten: int = 0
    _wacht: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        aankomst = Aankomst(time.monotonic(), time.time(), tuple(envelope.rcpt_tos))
        kop = BytesHeaderParser().parsebytes(envelope.content)
        gevonden = UITVAL_ID.match(str(kop.get("Message-ID", "")))
        with self._wacht:
            self.berichten += 1
            if gevonden:
                self.uitval.setdefault(int(gevonden[1]), aankomst)
            self._wacht.notify_all()
        return "250 OK"

    def wacht_op(self, leerling_id: int, tot: float) -> Aankomst | None:
        """This leerling's uitval mail, or None once the monotonic `tot` passed without it."""
        with self._wacht:
            rest = max(0.0, tot - time.monotonic())
            self._wacht.wait_for(lambda: leerling_id in self.uitval, rest)
            return self.uitval.get(leerling_id)


@contextmanager
def smtp_server() -> Iterator[tuple[Postbus, int]]:
    postbus, poort = Postbus(), _vrije_poort()
    controller = Controller(postbus, hostname="127.0.0.1", port=poort)
    controller.start()
    try:
        yield postbus, poort
    finally:
        controller.stop()


# ---- the school -----------------------------------------------------------------------------


@dataclass(frozen=True)
class School:
    sessions: sessionmaker[Session]
    token: str  # the stagebegeleider's API token
    mentor: str  # the mentor's e-mail address
    leerlingen: list[tuple[int, int]]  # (id, version), in groepsstage


def kleine_school(url: str, leerlingen: int) -> School:
    """Staff and `leerlingen` leerlingen of klas 2A in groepsstage, through the use cases."""
    db = make_engine(url)
    upgrade(db)
    sessions = make_sessionmaker(db)
    klok = SystemClock()
    mentor = "mentor.2a@bench.stagetraject.nl"
    for email, naam, rol, klas in (
        ("teamleider@bench.stagetraject.nl", "Tessa Teamleider", "teamleider", None),
        ("begeleider@bench.stagetraject.nl", "Bram Begeleider", "stagebegeleider", None),
        (mentor, "Mila Mentor", "mentor", KLAS),
    ):
        add_user(sessions, email=email, naam=naam, rol=rol, klas=klas, clock=klok)
    with sessions() as session:
        teamleider = actor_for_email(session, "teamleider@bench.stagetraject.nl")
        begeleider = actor_for_email(session, "begeleider@bench.stagetraject.nl")
    assert teamleider is not None
    assert begeleider is not None
    nieuw = [
        vastleggen.NieuweLeerling(
            naam=f"Leerling {n + 1} Bench",
            geboortedatum=date(2010, 4, 2),
            leerjaar="2",
            klas=KLAS,
            stagebegeleider_id=begeleider.id,
        )
        for n in range(leerlingen)
    ]
    klaar = []
    for lid in vastleggen.create_leerlingen(sessions, nieuw, actor=teamleider, clock=klok):
        versie = 0
        with sessions() as session:
            versie = session.scalar(select(t.Leerling.version).where(t.Leerling.id == lid)) or 0
        for trigger, payload in NAAR_GROEPSSTAGE:
            stap = engine.advance(
                sessions,
                lid,
                trigger,
                actor=teamleider,
                version=versie,
                clock=klok,
                payload=payload,
                motivatie=MOTIVATIE,
            )
            assert isinstance(stap, engine.Overgegaan), stap
            versie = stap.version
        klaar.append((lid, versie))
    return School(sessions, school.api_token(sessions, begeleider.id), mentor, klaar)


# ---- the servers ----------------------------------------------------------------------------


def omgeving(url: str, smtp_poort: int, scheduler: bool) -> dict[str, str]:
    return {
        "TRAJECTORY_DATABASE_URL": url,
        "TRAJECTORY_SCHEDULER": "1" if scheduler else "0",
        "TRAJECTORY_TOTP": "0",
        "TRAJECTORY_SMTP_HOST": "127.0.0.1",
        "TRAJECTORY_SMTP_PORT": str(smtp_poort),
    }


def trajectory() -> str:
    return str(Path(sys.executable).with_name("trajectory"))


@contextmanager
def los_scheduler(env: dict[str, str], log: Path) -> Iterator[None]:
    """`trajectory scheduler` in a process group of its own, stopped on the way out."""
    with log.open("ab") as uit:
        proc = subprocess.Popen(
            [trajectory(), "scheduler"],
            env=os.environ | env,
            stdout=uit,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield
    finally:
        _stop(proc)


def klaar_voor_meting(sessions: sessionmaker[Session], grens: Grens) -> None:
    """Until a scheduler holds the lease, the outbox is empty (the school's own mail, sent at
    start) and, on PostgreSQL, a connection listens on the mail channel; bounded."""
    postgresql = sessions.kw["bind"].dialect.name == "postgresql"
    while True:
        with sessions() as session:
            nu = datetime.now(UTC)
            houder = session.scalar(
                select(func.count())
                .select_from(t.SchedulerLease)
                .where(t.SchedulerLease.verloopt > nu)
            )
            open_ = session.scalar(
                select(func.count()).select_from(t.Melding).where(t.Melding.verzonden.is_(None))
            )
            luistert = not postgresql or session.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND query = :listen"
                ),
                {"listen": f"LISTEN {mailwekker.KANAAL}"},
            )
        if houder and not open_ and luistert:
            return
        if grens.over():
            raise RuntimeError(
                f"niet klaar om te meten: lease {houder}, open mail {open_}, luistert {luistert}"
            )
        time.sleep(0.2)


# ---- measuring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stap:
    leerling_id: int
    verstuurd: float  # monotonic, just before the request
    beantwoord: float  # monotonic, the 2xx answer arrived (after the commit)
    aankomst: float | None  # monotonic, the uitval mail accepted; None: missing

    @property
    def latentie(self) -> float | None:
        return None if self.aankomst is None else self.aankomst - self.beantwoord


def meet_stappen(
    basis: str, schoolje: School, postbus: Postbus, args: argparse.Namespace
) -> list[Stap]:
    """One uitval at a time: the step, its mail (bounded), an idle pause (0.5–1 s)."""
    toeval = random.Random(args.seed)
    gemeten = []
    headers = {"Authorization": f"Bearer {schoolje.token}"}
    for lid, versie in schoolje.leerlingen[: args.stappen]:
        verstuurd = time.monotonic()
        # a connection per step, as from different browsers: with --workers each step may
        # land in any worker, not always the one a kept-alive connection is bound to
        antwoord = httpx2.post(
            f"{basis}/api/leerlingen/{lid}/triggers/{TRIGGER}",
            json={"version": versie, "payload": UITVAL},
            headers=headers,
            timeout=30,
        )
        beantwoord = time.monotonic()
        if antwoord.status_code != 200:
            raise RuntimeError(f"uitval geweigerd ({antwoord.status_code}): {antwoord.text}")
        aankomst = postbus.wacht_op(lid, beantwoord + args.wacht)
        if aankomst is not None and schoolje.mentor not in aankomst.aan:
            raise RuntimeError(f"de uitvalmail ging naar {aankomst.aan}, niet de mentor")
        gemeten.append(Stap(lid, verstuurd, beantwoord, aankomst.monotoon if aankomst else None))
        time.sleep(toeval.uniform(args.pauze / 2, args.pauze))
    return gemeten


def meet_vorm(
    vorm: Vorm, naam: str, map_: Path, postbus: Postbus, smtp_poort: int, args: argparse.Namespace
) -> list[Stap]:
    url = school.database(vorm.database, f"{naam}_{'los' if vorm.los else 'serve'}", map_)
    schoolje = kleine_school(url, args.stappen)
    log = map_ / f"servers-{vorm.database}-{'los' if vorm.los else 'serve'}.log"
    try:
        with ExitStack() as stapel:
            if vorm.los:  # first: it starts while serve does
                stapel.enter_context(los_scheduler(omgeving(url, smtp_poort, True), log))
            opdracht = [trajectory(), "serve", "--host", "127.0.0.1"]
            opdracht += ["--workers", str(vorm.workers)]
            basis = stapel.enter_context(
                proces(opdracht, omgeving(url, smtp_poort, not vorm.los), log)
            )
            klaar_voor_meting(schoolje.sessions, Grens(args.wacht))
            return meet_stappen(basis, schoolje, postbus, args)
    finally:
        schoolje.sessions.kw["bind"].dispose()


# ---- the report -----------------------------------------------------------------------------


def kwantiel(waarden: list[float], p: float) -> float:
    """Nearest rank: the smallest value with at least p of them at or below it."""
    geordend = sorted(waarden)
    return geordend[max(0, math.ceil(p * len(geordend)) - 1)]


def regel(vorm: Vorm, stappen: list[Stap]) -> str:
    tijden = [s.latentie for s in stappen if s.latentie is not None]
    missend = sum(1 for s in stappen if s.aankomst is None)
    antwoord_ms = statistics.median((s.beantwoord - s.verstuurd) * 1000 for s in stappen)
    if tijden:
        cijfers = (
            f"{statistics.median(tijden):.3f} | {kwantiel(tijden, 0.9):.3f} | "
            f"{kwantiel(tijden, 0.99):.3f} | {max(tijden):.3f} | {tijden[0]:.3f}"
        )
    else:
        cijfers = "— | — | — | — | —"
    boven = sum(1 for x in tijden if x > DOEL_SECONDEN)
    return (
        f"| {NAMEN[vorm.database]} | {vorm.naam} | {len(stappen)} | {len(tijden)} | "
        f"**{missend}** | {cijfers} | **{boven}** | {antwoord_ms:.0f} |"
    )


TABELKOP = (
    "| database | shape | steps | mails arrived | missing | median s | p90 s | p99 s | max s "
    "| first step s | > 2 s | step answer ms (median) |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def rapport(regels: list[str], args: argparse.Namespace, voor: str, na: str, berichten: int) -> str:
    return (
        f"{machine()}; load average at the start {voor}, at the end {na}. Command: "
        f"`python -m bench mail --databases {args.databases} --stappen {args.stappen} "
        f"--workers {args.workers} "
        f"--wacht {args.wacht:g} --pauze {args.pauze:g}`.\n\n"
        "Seconds from the moment the 2xx answer to `POST /api/leerlingen/{id}/triggers/uitvallen` "
        "arrived to the moment aiosmtpd (in the bench process, 127.0.0.1) had the mentor's "
        "uitval mail. The answer comes after the commit, so these figures are lower bounds of "
        "commit → SMTP by at most the step's answer time (last column). One step at a time, "
        "its mail awaited (at most "
        f"{args.wacht:g} s: otherwise *missing*), then {args.pauze / 2:g}–{args.pauze:g} s idle. "
        f"Target ≤ {DOEL_SECONDEN:g} s. Percentiles by nearest rank (below 100 steps p99 is "
        f"the maximum). aiosmtpd accepted {berichten} messages in all, the schools' groepsstage "
        "mail at start included.\n\n" + TABELKOP + "\n" + "\n".join(regels) + "\n"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench mail", description=__doc__)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--stappen", type=int, default=20, help="uitval steps per shape (≤ 200)")
    parser.add_argument("--wacht", type=float, default=60, help="seconds a mail may take at most")
    parser.add_argument(
        "--pauze", type=float, default=1.0, help="idle between steps: half of this to all of it"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="serve --workers N (each step on a connection of its own, so in any worker)",
    )
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--naam", default="mail", help="PostgreSQL: stagetraject_bench_<naam>_*")
    parser.add_argument("--uit", type=Path, default=DOEL)
    args = parser.parse_args(argv)
    args.stappen = max(1, min(args.stappen, 200))  # bounded: at most 200 × --wacht per shape
    vormen = [
        Vorm(db, los, args.workers)
        for db in args.databases.split(",")
        for los in ((False, True) if db == "postgresql" else (False,))
    ]
    voor = belasting()
    regels = []
    with tempfile.TemporaryDirectory() as tmp, smtp_server() as (postbus, poort):
        for vorm in vormen:
            stappen = meet_vorm(vorm, args.naam, Path(tmp), postbus, poort, args)
            regels.append(regel(vorm, stappen))
            postbus.uitval.clear()  # every shape's school numbers its leerlingen from 1
        tekst = rapport(regels, args, voor, belasting(), postbus.berichten)
    # another number of workers writes a section of its own (a heading KOP is no part of)
    kop = KOP
    if args.workers != 1:
        kop = f"## Mail latency with `serve --workers {args.workers}` (issue #20)"
    schrijf(kop, tekst, args.uit)
    print(tekst)
