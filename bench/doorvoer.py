"""API transition throughput against the real server vs a bare endpoint that commits one INSERT.

The transition: `POST /api/leerlingen/{id}/triggers/nazorg_contact` with the contact as its
payload, on leerlingen in nazorg. It is the one step that may be taken again
and again honestly: nazorg → nazorg, its guard (a contact recorded in this step) met by the
payload itself. So each request does all of it: token auth, load the leerling and its history,
judge the guards, validate and store the record, move the state (version check), append the
audit event, queue what is to be told, re-plan the reminders. Each load thread takes the step
for the nazorg leerlingen of one stagebegeleider in turn (tracking their versions), with that
user's own API token; on the big school, so each leerling's history grows by a few records only.
Baseline: `POST /bench/kaal` in the same uvicorn process, same engine. Target: ≥ 0.5×.
"""

from __future__ import annotations

import statistics

import httpx2
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bench import school
from bench.belasting import Verzoek, belast
from bench.meten import Grens, Uitslag
from bench.server import draaiend
from trajectory.store import tables as t

TRIGGER = "nazorg_contact"
CONTACT = {"met_wie": "ex_leerling", "hoe_gaat_het": "Gaat goed op het werk.", "actie": ""}


def _stap(leerlingen: list[tuple[int, int]], token: str) -> Verzoek:
    """Takes the step for its leerlingen in turn, each at the version it last saw."""
    versies = dict(leerlingen)
    volgorde = [lid for lid, _ in leerlingen]
    beurt = {"n": 0}
    headers = {"Authorization": f"Bearer {token}"}

    def verzoek(client: httpx2.Client) -> httpx2.Response:
        leerling_id = volgorde[beurt["n"] % len(volgorde)]
        beurt["n"] += 1
        antwoord = client.post(
            f"/api/leerlingen/{leerling_id}/triggers/{TRIGGER}",
            json={"version": versies[leerling_id], "payload": CONTACT},
            headers=headers,
        )
        if antwoord.status_code == 200:
            versies[leerling_id] = antwoord.json()["version"]
        return antwoord

    return verzoek


def _kaal(client: httpx2.Client) -> httpx2.Response:
    return client.post("/bench/kaal")


def nazorg_per_begeleider(
    sessions: sessionmaker[Session],
) -> dict[int | None, list[tuple[int, int]]]:
    """The leerlingen in nazorg (id, version) per stagebegeleider (None: none, the teamleider
    takes those), the largest group first."""
    with sessions() as session:
        rijen = session.execute(
            select(t.Leerling.id, t.Leerling.version, t.Leerling.stagebegeleider_id)
            .where(t.Leerling.state == "nazorg")
            .order_by(t.Leerling.id)
        ).all()
    groepen: dict[int | None, list[tuple[int, int]]] = {}
    for lid, versie, begeleider in rijen:
        groepen.setdefault(begeleider, []).append((lid, versie))
    return dict(sorted(groepen.items(), key=lambda g: (-len(g[1]), g[0] or 0)))


def stappen(sessions: sessionmaker[Session], draden: int) -> list[Verzoek]:
    """Per thread the nazorg leerlingen of one stagebegeleider (with that user's own token),
    so no two threads share a leerling and each leerling's history grows by a few records."""
    grootste = list(nazorg_per_begeleider(sessions).items())[:draden]
    if len(grootste) < draden:
        raise RuntimeError(f"te weinig begeleiders met leerlingen in nazorg voor {draden} draden")
    baas = school.teamleider(sessions)
    return [_stap(lijst, school.api_token(sessions, wie or baas)) for wie, lijst in grootste]


def meet(
    database: str,
    url: str,
    sessions: sessionmaker[Session],
    *,
    draden: int,
    seconden: float,
    rondes: int,
    grens: Grens,
) -> list[Uitslag]:
    """Rounds of a transition phase and a bare phase in turns; median requests/s of each."""
    verzoeken = stappen(sessions, draden)
    per = {"overgang": [], "kaal": []}
    with draaiend(url) as basis:
        belast(basis, verzoeken, seconden / 2, 50, 200)  # warm up both
        belast(basis, [_kaal] * draden, seconden / 2, 50, 201)
        for ronde in range(rondes):
            if ronde and grens.over():
                break
            fasen = [("overgang", verzoeken, 200), ("kaal", [_kaal] * draden, 201)]
            for naam, wat, status in fasen[:: 1 if ronde % 2 == 0 else -1]:
                per[naam].append(belast(basis, wat, seconden, 100_000, status))
    return [
        Uitslag(
            "1. API transition throughput",
            database,
            "POST trigger",
            "bare INSERT endpoint",
            statistics.median(per["overgang"]),
            statistics.median(per["kaal"]),
            "req/s",
            0.5,
            hoger_is_beter=True,
        )
    ]
