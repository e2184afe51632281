"""A bounded load generator on loopback: threads with their own httpx client.

Each thread repeats its request until the phase's seconds are spent or it has made
`max_verzoeken`; any answer other than the expected status stops the run (a benchmark that
measures errors measures nothing). Returns requests per second over the phase.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

import httpx2

Verzoek = Callable[[httpx2.Client], httpx2.Response]


def belast(
    basis: str, verzoeken: Sequence[Verzoek], seconden: float, max_verzoeken: int, status: int
) -> float:
    """One thread per entry of `verzoeken`; the phase's throughput in requests per second."""
    tellingen = [0] * len(verzoeken)
    fouten: list[str] = []
    start = time.monotonic()

    def draad(nummer: int) -> None:
        with httpx2.Client(base_url=basis, timeout=30) as client:
            while tellingen[nummer] < max_verzoeken and time.monotonic() - start < seconden:
                antwoord = verzoeken[nummer](client)
                if antwoord.status_code != status:
                    fouten.append(f"{antwoord.request.url.path}: {antwoord.status_code}")
                    return
                tellingen[nummer] += 1

    draden = [threading.Thread(target=draad, args=(n,)) for n in range(len(verzoeken))]
    for d in draden:
        d.start()
    for d in draden:
        d.join(seconden + 60)
    duur = time.monotonic() - start
    if fouten:
        raise RuntimeError(f"onverwacht antwoord: {fouten[0]}")
    return sum(tellingen) / duur


def verwacht_200(antwoord: httpx2.Response) -> None:
    if antwoord.status_code != 200:
        raise RuntimeError(f"{antwoord.request.url.path}: {antwoord.status_code}")
