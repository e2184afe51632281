"""Fuzzing the leerling page's forms with hypothesis: every form (records and steps) gets random
values in its own fields, as the teamleider. The answer is a redirect (saved) or the page with
clear reasons (409/422), never a server error, and a refused form saves nothing. On both
databases (PostgreSQL cannot store a NUL; #14); TRAJECTORY_FUZZ_VOORBEELDEN sets more examples."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.pages import aangeboden_formulieren
from tests.integration.builders import breng_naar, nieuwe_leerling, stand, versie
from tests.web import log_in
from trajectory.domain.records import TRIGGER_PAYLOADS

VOORBEELDEN = int(os.environ.get("TRAJECTORY_FUZZ_VOORBEELDEN", "40"))
FORMULIEREN = [("vastleggen", k) for k in aangeboden_formulieren.FORMULIEREN] + [
    ("stappen", t) for t in TRIGGER_PAYLOADS
]
WAARDE = st.one_of(
    st.sampled_from(["", "1", "2", "0", "-3", "99999", "ja", "on", "voldoende", "ma_ochtend"]),
    st.just("a\x00b"),  # PostgreSQL cannot store a NUL (#14)
    st.sampled_from(["2025-03-03", "03-03-2025", "2031-01-01", "31-02-2025", "08:30", "25:00"]),
    st.text(max_size=20),
)


@pytest.fixture
def ingelogd(client, sessions, clock, staff):
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, staff.teamleider, lid, "groepsstage")
    return client, log_in(client, sessions, "teamleider"), lid


def _velden(soort: str, sleutel: str, lid: int) -> list[str]:
    if soort == "vastleggen":
        return sorted(aangeboden_formulieren.vastlegging(sleutel, lid).namen)
    return sorted(aangeboden_formulieren.stap(sleutel, lid, toch=True).namen)


def _zonder_audit(s):
    return (s.state, s.version, s.leerling, s.records, s.plaatsingen)


@settings(
    max_examples=VOORBEELDEN,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(formulier=st.sampled_from(FORMULIEREN), data=st.data())
def test_elk_formulier_geeft_opgeslagen_of_duidelijke_fouten_en_slaat_nooit_half_op(
    ingelogd, sessions, formulier, data
):
    client, csrf, lid = ingelogd
    soort, sleutel = formulier
    velden = _velden(soort, sleutel, lid)
    ingevuld = data.draw(st.fixed_dictionaries({}, optional={v: WAARDE for v in velden}))
    voor = stand(sessions, lid)

    response = client.post(
        f"/leerlingen/{lid}/{soort}/{sleutel}",
        data={"csrf_token": csrf, "version": str(versie(sessions, lid)), **ingevuld},
        follow_redirects=False,
    )

    assert response.status_code in (303, 409, 422), (formulier, ingevuld, response.status_code)
    if response.status_code != 303:
        assert _zonder_audit(stand(sessions, lid)) == _zonder_audit(voor)  # nothing half-saved
        assert re.search(r'class="fout" role="alert">[^<]+', response.text)  # says why
