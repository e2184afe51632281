"""The waiting list on the groepsstage grid, and its form (issue 8)."""

from __future__ import annotations

from tests.integration.test_wachtlijst import DAGDEEL, _leerling, _stand, _vol
from tests.web import log_in


def test_een_begeleider_zet_een_leerling_via_het_rooster_op_de_wachtlijst(
    client, sessions, clock, staff
):
    _vol(sessions, clock, staff)
    wachtend = _leerling(sessions, clock, staff, "Wessel Wacht", "stage_advies")
    csrf = log_in(client, sessions, "stagebegeleider")
    rooster = client.get("/overzicht/groepsstage")
    assert 'name="leerling_id"' in rooster.text

    antwoord = client.post(
        "/overzicht/groepsstage/wachtlijst",
        data={"csrf_token": csrf, "leerling_id": str(wachtend), "dagdeel": DAGDEEL},
        follow_redirects=False,
    )
    assert antwoord.status_code == 303
    assert _stand(sessions) == ([(wachtend, "wacht")], 0)
    assert 'class="wachtlijst"' in client.get("/overzicht/groepsstage").text

    nog_eens = client.post(
        "/overzicht/groepsstage/wachtlijst",
        data={"csrf_token": csrf, "leerling_id": str(wachtend), "dagdeel": DAGDEEL},
    )
    assert nog_eens.status_code == 409
    assert "staat al op de wachtlijst" in nog_eens.text


def test_zonder_csrf_token_komt_niemand_op_de_wachtlijst(client, sessions, clock, staff):
    _vol(sessions, clock, staff)
    wachtend = _leerling(sessions, clock, staff, "Wessel Wacht", "stage_advies")
    log_in(client, sessions, "stagebegeleider")
    antwoord = client.post(
        "/overzicht/groepsstage/wachtlijst",
        data={"leerling_id": str(wachtend), "dagdeel": DAGDEEL},
    )
    assert antwoord.status_code == 403
    assert _stand(sessions) == ([], 0)
