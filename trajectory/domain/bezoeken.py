"""When a stagebezoek is due (DOMAIN.md, Timers: every 3 weeks on a placement, every 2 weeks
with stage-ondersteuning) and when a placement's eindbeoordeling comes up.

Pure date arithmetic, so the dashboard, and later the reminders of the timers, agree.
"""

from __future__ import annotations

from datetime import date, timedelta

BEZOEK_INTERVAL = timedelta(weeks=3)
BEZOEK_INTERVAL_ONDERSTEUNING = timedelta(weeks=2)
VOORUIT = timedelta(weeks=1)  # how far ahead the dashboard shows what is coming
EINDBEOORDELING_VOORUIT = timedelta(weeks=2)
# a groepsstage is supervised by the school itself: no stagebezoek
BEZOCHTE_STAGES = ("individuele_stage", "verdieping", "entree")


def bezoek_interval(stage_ondersteuning: bool) -> timedelta:
    return BEZOEK_INTERVAL_ONDERSTEUNING if stage_ondersteuning else BEZOEK_INTERVAL


def volgend_bezoek(vanaf: date, stage_ondersteuning: bool) -> date:
    """Due one interval after `vanaf`: the last bezoek, or the start when there was none yet
    (`plaatsing.bezoek_vanaf`)."""
    return vanaf + bezoek_interval(stage_ondersteuning)


def uiterste_laatste_bezoek(op: date, stage_ondersteuning: bool) -> date:
    """A placement whose last bezoek (or start) is on or before this date is due within
    VOORUIT of `op`: the database filter for the dashboard."""
    return op + VOORUIT - bezoek_interval(stage_ondersteuning)
