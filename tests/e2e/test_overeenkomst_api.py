"""The signed stage-overeenkomst as JSON (issue #18): versions and their hashes, every
signature (party, name, when, via link/account/paper/scan), complete or not and who is
missing; who may see the leerling reads it, anyone else gets the same 404 as for nothing."""

from __future__ import annotations

import pytest

from tests.conftest import as_user
from tests.integration.builders import leg_vast
from tests.integration.test_overeenkomst_ondertekenen import (
    PNG,
    _klaar_zonder_handtekeningen,
    _teken,
)
from tests.integration.test_placement_rules import DINSDAG_DONDERDAG, stage_klaar
from trajectory.domain.access import Actor
from trajectory.usecases import overeenkomst as ok
from trajectory.usecases import overeenkomst_bestanden as bestanden

pytestmark = pytest.mark.pdf  # draws the contract PDF (WeasyPrint, Pango)

SB, MENTOR, ANDERE_MENTOR = (
    as_user("stagebegeleider"),
    as_user("mentor"),
    as_user("andere_mentor"),
)


def _pad(lid: int, pid: int) -> str:
    return f"/api/leerlingen/{lid}/plaatsingen/{pid}/overeenkomst"


def test_de_api_geeft_versies_hashes_handtekeningen_en_wie_ontbreekt(
    client, sessions, clock, staff
):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    _teken(sessions, clock, staff, lid, pid, "school")
    link = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    ok.ondertekenen(
        sessions, lid, pid, partij="bedrijf", naam="Jan de Hoek", akkoord=True,
        sha256=link.sha256, actor=Actor(None, "praktijkbegeleider_link", "Jan de Hoek"),
        clock=clock, link_id=5,
    )  # fmt: skip
    bestanden.scan_uploaden(
        sessions, lid, pid, partij="ouder", inhoud=PNG, actor=staff.stagebegeleider, clock=clock
    )

    response = client.get(_pad(lid, pid), headers=MENTOR)

    assert response.status_code == 200, response.text
    body = response.json()
    stand = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    assert body["huidige_versie"] == {
        "contract_id": stand.versie.contract_id,
        "rooster_id": stand.versie.rooster_id,
        "pdf_sha256": stand.sha256,
    }
    assert (body["vereist"], body["getekend"], body["ontbreekt"], body["compleet"]) == (
        ["school", "leerling", "bedrijf", "ouder"],
        ["school", "bedrijf", "ouder"],
        ["leerling"],
        False,
    )
    (versie,) = body["versies"]
    assert versie["huidig"] is True
    assert versie["pdf_sha256"] == [stand.sha256]
    assert [
        (h["partij"], h["naam"], h["via"], h["pdf_sha256"]) for h in versie["handtekeningen"]
    ] == [
        ("school", "Karin Jansen", "account", stand.sha256),
        ("bedrijf", "Jan de Hoek", "link", stand.sha256),
        ("ouder", f"papier, verklaard door {staff.stagebegeleider.naam}", "scan", None),
    ]


def test_een_rooster_van_later_maakt_een_nieuwe_versie_de_oude_papieren_blijft_zichtbaar(
    client, sessions, clock, staff
):
    lid, pid = stage_klaar(sessions, clock, staff)  # boxes ticked: paper signatures
    compleet = client.get(_pad(lid, pid), headers=SB).json()
    clock.advance(days=1)
    leg_vast(
        sessions, clock, staff.stagebegeleider, lid, "rooster", plaatsing_id=pid,
        dagen=DINSDAG_DONDERDAG,
    )  # fmt: skip

    body = client.get(_pad(lid, pid), headers=SB).json()

    assert (compleet["compleet"], compleet["ontbreekt"]) == (True, [])
    assert {h["via"] for h in compleet["versies"][0]["handtekeningen"]} == {"papier"}
    assert (body["compleet"], body["getekend"]) == (False, [])
    nieuw, oud = body["versies"]
    assert (nieuw["huidig"], nieuw["handtekeningen"]) == (True, [])
    assert oud["huidig"] is False
    assert len(oud["handtekeningen"]) == 4


def test_wie_de_leerling_niet_ziet_of_een_andere_plaatsing_vraagt_krijgt_404(
    client, sessions, clock, staff
):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    ander, ander_pid = _klaar_zonder_handtekeningen(sessions, clock, staff)

    assert client.get(_pad(lid, pid), headers=ANDERE_MENTOR).status_code == 404
    assert client.get(_pad(lid, ander_pid), headers=SB).status_code == 404
    assert client.get(_pad(lid, pid)).status_code == 401


def test_de_openapi_beschrijft_de_route_met_een_voorbeeld(client):
    schema = client.get("/openapi.json").json()

    assert (
        _pad(0, 0).replace("/0/plaatsingen/0/", "/{leerling_id}/plaatsingen/{plaatsing_id}/")
        in (schema["paths"])
    )
    (voorbeeld,) = schema["components"]["schemas"]["OvereenkomstOut"]["examples"]
    assert voorbeeld["versies"][0]["handtekeningen"][0]["via"] == "account"
