"""The rules of a company of the register that guards read (issue #17): whether its SBB
erkenning covers a sector on a day, how many places it has free, and which statuses take no
new placement. Plain standard library, so guards may read them (domain/bedrijven.py, with the
register's input schemas, re-exports them)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

# an erkenning expiring during a running Entree placement: the stagebegeleider is reminded
# this long ahead (DOMAIN.md, Timers), and the dashboard shows it from then on
ERKENNING_VOORUIT = timedelta(weeks=6)
# a company with one of these gets no new placement (a teamleider may override, audited)
GEEN_NIEUWE_PLAATSING = ("geblokkeerd",)


def erkend_op(
    geldig_tot: date | None, sectoren: Iterable[str], sector: str | None, op: date
) -> bool:
    """Whether an SBB erkenning covers `sector` on `op` (valid through `geldig_tot`)."""
    return geldig_tot is not None and op <= geldig_tot and sector in set(sectoren)


def verloopt_tijdens(
    geldig_tot: date | None,
    sectoren: Iterable[str],
    sector: str | None,
    start: date,
    einde: date | None,
) -> bool:
    """Whether an erkenning that covered the placement at its start ends before the placement
    does (a placement without an end: any end)."""
    return (
        erkend_op(geldig_tot, sectoren, sector, start)
        and geldig_tot is not None
        and (einde is None or geldig_tot < einde)
    )


def vrije_plaatsen(capaciteit: int | None, bezet: int) -> int | None:
    """Places free at a company with `bezet` running placements; None: no limit recorded."""
    return None if capaciteit is None else max(capaciteit - bezet, 0)
