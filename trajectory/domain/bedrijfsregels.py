"""The rules of a company of the register that guards read (issue #17): whether its SBB
erkenning covers a sector on a day, how many places it has free, and which statuses take no
new placement. Plain standard library, so guards may read them (domain/bedrijven.py, with the
register's input schemas, re-exports them)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

# a company with one of these gets no new placement (a teamleider may override, audited)
GEEN_NIEUWE_PLAATSING = ("geblokkeerd",)


def erkend_op(
    geldig_tot: date | None, sectoren: Iterable[str], sector: str | None, op: date
) -> bool:
    """Whether an SBB erkenning covers `sector` on `op` (valid through `geldig_tot`)."""
    return geldig_tot is not None and op <= geldig_tot and sector in set(sectoren)


def vrije_plaatsen(capaciteit: int | None, bezet: int) -> int | None:
    """Places free at a company with `bezet` running placements; None: no limit recorded."""
    return None if capaciteit is None else max(capaciteit - bezet, 0)
