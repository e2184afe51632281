"""When a stagebezoek is due (DOMAIN.md, Timers: an interval of weeks on a placement, shorter
with stage-ondersteuning; the weeks are the leerling's `Beleid`) and when a placement's
eindbeoordeling comes up.

Pure date arithmetic, so the dashboard, and later the reminders of the timers, agree.
"""

from __future__ import annotations

from datetime import date, timedelta

from trajectory.domain.snapshot import Beleid
from trajectory.machines.definition import BIJ_EEN_BEDRIJF

VOORUIT = timedelta(weeks=1)  # how far ahead the dashboard shows what is coming
EINDBEOORDELING_VOORUIT = timedelta(weeks=2)
BEZOCHTE_STAGES = BIJ_EEN_BEDRIJF  # a placement of one of these soorten is visited


def bezoek_interval(stage_ondersteuning: bool, beleid: Beleid) -> timedelta:
    weken = (
        beleid.bezoek_interval_weken_ondersteuning
        if stage_ondersteuning
        else beleid.bezoek_interval_weken
    )
    return timedelta(weeks=weken)


def volgend_bezoek(vanaf: date, stage_ondersteuning: bool, beleid: Beleid) -> date:
    """Due one interval after `vanaf`: the last bezoek, or the start when there was none yet
    (`plaatsing.bezoek_vanaf`)."""
    return vanaf + bezoek_interval(stage_ondersteuning, beleid)


def uiterste_laatste_bezoek(op: date, stage_ondersteuning: bool, beleid: Beleid) -> date:
    """A placement whose last bezoek (or start) is on or before this date is due within
    VOORUIT of `op`: the database filter for the dashboard."""
    return op + VOORUIT - bezoek_interval(stage_ondersteuning, beleid)
