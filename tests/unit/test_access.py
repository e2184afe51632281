"""Roles (DOMAIN.md, Roles): who may record what."""

from __future__ import annotations

import pytest

from trajectory.domain.access import Actor, may_record

MENTOR = Actor(id=1, rol="mentor", naam="M", klas="3A")
BEGELEIDER = Actor(id=2, rol="stagebegeleider", naam="S")
ONDERSTEUNER = Actor(id=3, rol="stage_ondersteuningsbegeleider", naam="O")
TEAMLEIDER = Actor(id=4, rol="teamleider", naam="T")


@pytest.mark.parametrize(
    ("actor", "kind", "soort", "mag"),
    [
        pytest.param(MENTOR, "beoordeling", "mentor", True, id="mentor_eigen_beoordeling"),
        pytest.param(MENTOR, "beoordeling", "docentenadvies", True, id="mentor_docentenadvies"),
        pytest.param(MENTOR, "beoordeling", "stagebeoordeling", False, id="mentor_geen_stage"),
        pytest.param(MENTOR, "uren", None, False, id="mentor_geen_uren"),
        pytest.param(BEGELEIDER, "beoordeling", "stagebeoordeling", True, id="sb_stage"),
        pytest.param(BEGELEIDER, "beoordeling", "mentor", False, id="sb_niet_namens_mentor"),
        pytest.param(ONDERSTEUNER, "beoordeling", "docentenadvies", False, id="sob_geen_advies"),
        pytest.param(ONDERSTEUNER, "bezoek", None, True, id="sob_bezoek"),
        pytest.param(BEGELEIDER, "afsluitbesluit", None, False, id="sb_geen_afsluitbesluit"),
        pytest.param(TEAMLEIDER, "afsluitbesluit", None, True, id="teamleider_alles"),
    ],
)
def test_wie_wat_mag_vastleggen(actor, kind, soort, mag):
    assert may_record(actor, kind, soort) is mag
