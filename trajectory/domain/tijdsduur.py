"""Hours as people write them: "7 u 15", not "7,25 uur" (issue 15, Messages).

One format for every text about hours of work, so the refusal of a rooster, the warning box
and the hours overview never show the same day in two ways.
"""

from __future__ import annotations

from datetime import date


def uren_tekst(uren: float) -> str:
    """'7 u 15' for 7,25 hours; '7 uur' for whole hours; '45 min' below an hour."""
    minuten = round(uren * 60)
    heel, rest = divmod(minuten, 60)
    if rest == 0:
        return f"{heel} uur"
    if heel == 0:
        return f"{rest} min"
    return f"{heel} u {rest:02d}"


def datums_tekst(datums: list[date]) -> str:
    """'op 03-09-2024' for one day, '03-09-2024 t/m 04-03-2025' for the first and last of many."""
    if len(datums) == 1:
        return f"op {datums[0]:%d-%m-%Y}"
    return f"{min(datums):%d-%m-%Y} t/m {max(datums):%d-%m-%Y}"
