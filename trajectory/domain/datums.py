"""Calendar arithmetic the rules share: a date some whole years later or earlier."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

D = TypeVar("D", bound=date)  # a date or a datetime
MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def maandnaam(maand: int) -> str:
    """The Dutch name of a month (1-12), for texts that name a month of the policy."""
    return MAANDEN[maand - 1]


def jaren_later(dag: D, jaren: int) -> D:
    """The same day `jaren` years later (negative: earlier); 29 February becomes 28 February
    in a year without it (the nazorg's end, the uitstroom monitor's anniversary, retention)."""
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year + jaren, day=28)
