"""Measuring side by side: interleaved rounds, medians, ratios; and the report file.

Every benchmark compares a subject with its baseline in the same run, round by round in turns
(so both see the same noise of a shared machine), and reports the ratio of the medians. Every
loop is bounded in count (`rondes`) and in time (`Grens`).
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

DOEL = Path("docs/BENCHMARKS.md")


@dataclass
class Grens:
    """A time budget: `over()` is true once the seconds are spent."""

    seconden: float
    start: float = field(default_factory=time.monotonic)

    def over(self) -> bool:
        return time.monotonic() - self.start > self.seconden


def tijd_ms(werk: Callable[[], object]) -> float:
    start = time.perf_counter()
    werk()
    return (time.perf_counter() - start) * 1000


def om_beurten(
    werk: Mapping[str, Callable[[], object]], rondes: int, grens: Grens, *, opwarmen: int = 1
) -> dict[str, float]:
    """Median milliseconds per name, the works run in turns each round (after a warm-up)."""
    for _ in range(opwarmen):
        for doe in werk.values():
            doe()
    tijden: dict[str, list[float]] = {naam: [] for naam in werk}
    for ronde in range(rondes):
        if ronde and grens.over():
            break
        volgorde = list(werk.items())
        if ronde % 2:  # alternate who goes first
            volgorde.reverse()
        for naam, doe in volgorde:
            tijden[naam].append(tijd_ms(doe))
    return {naam: statistics.median(waarden) for naam, waarden in tijden.items()}


@dataclass(frozen=True)
class Uitslag:
    """One ratio with its target: `hoger_is_beter` for throughput, else lower is better."""

    naam: str
    database: str
    onderwerp: str
    basis: str
    waarde_onderwerp: float
    waarde_basis: float
    eenheid: str
    doel: float
    hoger_is_beter: bool = False

    @property
    def ratio(self) -> float:
        return self.waarde_onderwerp / self.waarde_basis if self.waarde_basis else float("inf")

    @property
    def gehaald(self) -> bool:
        return self.ratio >= self.doel if self.hoger_is_beter else self.ratio <= self.doel

    def regel(self) -> str:
        teken = "≥" if self.hoger_is_beter else "≤"
        return (
            f"| {self.naam} | {self.database} | {self.onderwerp}: {self.waarde_onderwerp:.2f} "
            f"{self.eenheid} | {self.basis}: {self.waarde_basis:.2f} {self.eenheid} | "
            f"**{self.ratio:.2f}×** | {teken} {self.doel}× | {'ja' if self.gehaald else 'nee'} |"
        )


def machine() -> str:
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, {os.cpu_count()} cores "
        f"({platform.processor() or platform.system()}), Python {platform.python_version()}"
    )


def belasting() -> str:
    """The load average (1, 5, 15 minutes), for beside a figure measured on a shared machine."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def tabel(uitslagen: list[Uitslag]) -> str:
    regels = [
        "| benchmark | database | subject (median) | baseline (median) | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    return "\n".join(regels + [u.regel() for u in uitslagen]) + "\n"


def schrijf(kop: str, tekst: str, doel: Path) -> None:
    """Replace the section `kop` ("## ...") of the report in its place (or add it at the
    end), keeping the others."""
    bestaand = doel.read_text(encoding="utf-8") if doel.exists() else "# Benchmarks\n\n"
    sectie = kop + "\n\n" + tekst.rstrip("\n") + "\n"
    if kop in bestaand:
        voor, rest = bestaand.split(kop, 1)
        na = rest.split("\n## ", 1)
        nieuw = voor + sectie + (("\n## " + na[1]) if len(na) > 1 else "")
    else:
        nieuw = bestaand.rstrip("\n") + "\n\n" + sectie
    doel.parent.mkdir(parents=True, exist_ok=True)
    doel.write_text(nieuw, encoding="utf-8")
