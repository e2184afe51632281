"""The daily digest carries what came in before 07:00 school time (summer and winter)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from trajectory.notifications.mail import ochtend_grens


@pytest.mark.parametrize(
    ("nu", "grens"),
    [
        (datetime(2025, 3, 4, 5, 30, tzinfo=UTC), datetime(2025, 3, 3, 6, 0, tzinfo=UTC)),
        (datetime(2025, 3, 4, 6, 0, tzinfo=UTC), datetime(2025, 3, 4, 6, 0, tzinfo=UTC)),
        (datetime(2025, 7, 4, 5, 0, tzinfo=UTC), datetime(2025, 7, 4, 5, 0, tzinfo=UTC)),
        # the night the clocks go forward: Sunday 07:00 CEST is 05:00 UTC, Saturday 06:00
        (datetime(2025, 3, 30, 4, 0, tzinfo=UTC), datetime(2025, 3, 29, 6, 0, tzinfo=UTC)),
    ],
)
def test_het_overzicht_van_vandaag_begint_om_zeven_uur_schooltijd(nu, grens):
    assert ochtend_grens(nu) == grens
