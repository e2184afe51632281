"""Calendar arithmetic the rules share: a date some whole years later or earlier."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

D = TypeVar("D", bound=date)  # a date or a datetime


def jaren_later(dag: D, jaren: int) -> D:
    """The same day `jaren` years later (negative: earlier); 29 February becomes 28 February
    in a year without it (the nazorg's end, the uitstroom monitor's anniversary, retention)."""
    try:
        return dag.replace(year=dag.year + jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year + jaren, day=28)
