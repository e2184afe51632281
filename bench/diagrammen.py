"""A leerling's path diagram vs the plain leerling page, against the real server.

Both fetched from the same uvicorn (the 300-leerling school), logged in as the teamleider, in
turns, over the 10 leerlingen with the longest histories; also the JSON leerling (the API's
plain page) for reference. Target: the diagram (`pad.svg`) ≤ 0.25× the page it sits on.
"""

from __future__ import annotations

import statistics

import httpx2
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bench import school
from bench.belasting import verwacht_200
from bench.meten import Grens, Uitslag, tijd_ms
from bench.server import draaiend
from trajectory.store import tables as t

SOORTEN = {
    "pagina": "/leerlingen/{}",
    "json": "/api/leerlingen/{}",
    "pad.svg": "/api/leerlingen/{}/pad.svg",
}


def langste_geschiedenis(sessions: sessionmaker[Session], aantal: int = 10) -> list[int]:
    with sessions() as session:
        return list(
            session.scalars(
                select(t.AuditEvent.leerling_id)
                .where(t.AuditEvent.soort == "overgang")
                .group_by(t.AuditEvent.leerling_id)
                .order_by(func.count().desc(), t.AuditEvent.leerling_id)
                .limit(aantal)
            )
        )


def meet(
    database: str, url: str, sessions: sessionmaker[Session], *, rondes: int, grens: Grens
) -> list[Uitslag]:
    ids = langste_geschiedenis(sessions)
    cookie = school.sessie_cookie(sessions, school.teamleider(sessions))
    tijden: dict[str, list[float]] = {soort: [] for soort in SOORTEN}
    with draaiend(url) as basis, httpx2.Client(base_url=basis, cookies=cookie, timeout=60) as c:
        for ronde in range(rondes + 1):  # round 0 warms up
            if ronde > 1 and grens.over():
                break
            volgorde = list(SOORTEN.items())[:: 1 if ronde % 2 else -1]
            for soort, sjabloon in volgorde:
                for pad in (sjabloon.format(leerling) for leerling in ids):
                    ms = tijd_ms(lambda p=pad: verwacht_200(c.get(p)))
                    if ronde:
                        tijden[soort].append(ms)
    mediaan = {soort: statistics.median(waarden) for soort, waarden in tijden.items()}
    return [
        Uitslag(
            "4. diagram",
            database,
            "pad.svg",
            "leerling page (HTML)",
            mediaan["pad.svg"],
            mediaan["pagina"],
            "ms",
            0.25,
        ),
        Uitslag(
            "4. diagram (reference)",
            database,
            "pad.svg",
            "leerling (JSON API)",
            mediaan["pad.svg"],
            mediaan["json"],
            "ms",
            0.25,
        ),
    ]
