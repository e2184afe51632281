"""Personal links (issue #18): a link opens only its own placement and purpose, until it
expires, is revoked or replaced — every miss the same 404; link forms need the link's CSRF
token and stay under a rate limit; the page shows the first name only."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

import pytest
from fastapi import APIRouter, Depends
from fastapi.responses import PlainTextResponse
from sqlalchemy import select

from service.extern.deps import ACTIES, COOKIE, OPENEN, LinkToegang, link_toegang
from tests.integration.builders import breng_naar, nieuwe_leerling, zet_stap
from trajectory.domain.links import UITLOOP
from trajectory.domain.records import UITVAL_CODES
from trajectory.store import tables as t
from trajectory.usecases import links, vastleggen

NAAM = "Sem Vlasblom"
REDEN = "Sloeg een collega na een ruzie"
PLAATSING = {
    "bedrijf": "Bakkerij de Korrel",
    "sector": "08",
    "startdatum": "2025-03-10",
    "einddatum": "2025-06-27",
}

proef = APIRouter()


@proef.post("/extern/proef")
def proef_actie(toegang: Annotated[LinkToegang, Depends(link_toegang("reflectie"))]):
    return PlainTextResponse(f"{toegang.actor.rol} {toegang.plaatsing_id}")


@pytest.fixture
def wereld(client, sessions, clock, staff):
    client.app.include_router(proef)
    tl = staff.teamleider
    a = nieuwe_leerling(sessions, clock, tl, naam=NAAM, stagebegeleider_id=staff.stagebegeleider.id)
    b = nieuwe_leerling(
        sessions, clock, tl, naam="Bo Anders", stagebegeleider_id=staff.stagebegeleider.id
    )
    pa = vastleggen.add_plaatsing(sessions, a, PLAATSING, actor=tl, clock=clock)
    pb = vastleggen.add_plaatsing(sessions, b, PLAATSING, actor=tl, clock=clock)
    return {"a": pa, "b": pb}


def _maak(sessions, clock, staff, plaatsing_id, doel="reflectie", partij="leerling"):
    return links.maak_link(
        sessions, plaatsing_id, partij, doel, actor=staff.stagebegeleider, clock=clock
    )


def _open(client, token):
    client.cookies.clear()
    return client.get(f"/l/{token}", follow_redirects=False)


def test_een_geldige_link_zet_een_cookie_en_toont_alleen_de_voornaam(
    client, sessions, clock, staff, wereld
):
    nieuw = _maak(sessions, clock, staff, wereld["a"])

    geopend = _open(client, nieuw.token)
    assert geopend.status_code == 303
    assert geopend.headers["location"] == "/extern"
    cookie = geopend.headers["set-cookie"]
    assert "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower()
    assert nieuw.token not in cookie
    thuis = client.get("/extern")
    assert thuis.status_code == 200
    assert "Sem" in thuis.text
    assert "Vlasblom" not in thuis.text
    assert "Bo Anders" not in thuis.text
    assert "Bakkerij de Korrel" in thuis.text


def test_een_onbekende_link_is_dezelfde_404_als_een_pagina_die_niet_bestaat(client, wereld):
    onbekend = _open(client, "x" * 43)
    nergens = client.get("/bestaat-niet")
    assert onbekend.status_code == nergens.status_code == 404
    assert onbekend.text == nergens.text
    assert client.get("/extern").status_code == 404


def test_een_link_voor_plaatsing_a_geeft_geen_toegang_tot_plaatsing_b(
    client, sessions, clock, staff, wereld
):
    nieuw = _maak(sessions, clock, staff, wereld["a"])
    _open(client, nieuw.token)
    csrf = _csrf(sessions, clock, client)

    response = client.post("/extern/proef", data={"csrf_token": csrf})

    assert response.status_code == 200
    assert response.text == f"leerling_link {wereld['a']}"


def test_een_verlopen_link_is_404(client, sessions, clock, staff, wereld):
    nieuw = _maak(sessions, clock, staff, wereld["a"])
    _open(client, nieuw.token)
    assert client.get("/extern").status_code == 200

    clock.set(date(2025, 6, 27) + UITLOOP + timedelta(days=1))

    assert client.get("/extern").status_code == 404
    assert _open(client, nieuw.token).status_code == 404


def test_een_ingetrokken_link_is_404_ook_in_een_browser_die_hem_al_opende(
    client, sessions, clock, staff, wereld
):
    nieuw = _maak(sessions, clock, staff, wereld["a"])
    _open(client, nieuw.token)

    links.intrekken(sessions, nieuw.link_id, actor=staff.stagebegeleider, clock=clock)

    assert client.get("/extern").status_code == 404
    assert _open(client, nieuw.token).status_code == 404


def test_een_vervangen_link_is_404_en_de_nieuwe_werkt(client, sessions, clock, staff, wereld):
    oud = _maak(sessions, clock, staff, wereld["a"])
    nieuw = _maak(sessions, clock, staff, wereld["a"])

    assert nieuw.vervangt == (oud.link_id,)
    assert _open(client, oud.token).status_code == 404
    assert _open(client, nieuw.token).status_code == 303
    with sessions() as session:
        assert [s.status for s in links.links_van(session, wereld["a"], clock.now())] == [
            "actief",
            "vervangen",
        ]


def test_een_link_voor_een_ander_doel_is_404(client, sessions, clock, staff, wereld):
    nieuw = _maak(sessions, clock, staff, wereld["a"], doel="ondertekenen")
    _open(client, nieuw.token)
    csrf = _csrf(sessions, clock, client)

    assert client.get("/extern").status_code == 200
    assert client.post("/extern/proef", data={"csrf_token": csrf}).status_code == 404


def test_een_linkformulier_zonder_csrf_token_wordt_geweigerd(
    client, sessions, clock, staff, wereld
):
    nieuw = _maak(sessions, clock, staff, wereld["a"])
    _open(client, nieuw.token)

    assert client.post("/extern/proef", data={}).status_code == 403
    assert client.post("/extern/proef", data={"csrf_token": "fout"}).status_code == 403


def test_te_veel_acties_via_een_link_geven_429_met_een_nederlandse_zin(
    client, sessions, clock, staff, wereld
):
    nieuw = _maak(sessions, clock, staff, wereld["a"])
    _open(client, nieuw.token)
    csrf = _csrf(sessions, clock, client)

    for _ in range(ACTIES.maximum):
        assert client.post("/extern/proef", data={"csrf_token": csrf}).status_code == 200
    te_veel = client.post("/extern/proef", data={"csrf_token": csrf})

    assert te_veel.status_code == 429
    assert "kwartier" in te_veel.text
    clock.advance(minutes=16)
    assert client.post("/extern/proef", data={"csrf_token": csrf}).status_code == 200


def test_te_veel_onbekende_links_vanaf_een_adres_geven_429(client, sessions, clock, staff, wereld):
    nieuw = _maak(sessions, clock, staff, wereld["a"])
    for n in range(OPENEN.maximum):
        assert _open(client, f"onbekend-{n}").status_code == 404

    assert _open(client, nieuw.token).status_code == 429


def _csrf(sessions, clock, client) -> str:
    with sessions() as session:
        gevonden = links.link_van_sessie(session, client.cookies[COOKIE], clock.now())
    assert gevonden is not None
    return gevonden[1]


def test_de_linkpagina_toont_geen_uitvalreden_geschiedenis_of_achternaam(
    client, sessions, clock, staff
):
    tl = staff.teamleider
    lid = nieuwe_leerling(
        sessions, clock, tl, naam=NAAM, stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, tl, lid, "groepsstage")
    zet_stap(sessions, clock, staff.stagebegeleider, lid, "uitvallen", code="gedrag", reden=REDEN)
    with sessions() as session:
        plaatsing_id = session.scalar(select(t.Plaatsing.id).where(t.Plaatsing.leerling_id == lid))
    nieuw = _maak(sessions, clock, staff, plaatsing_id)

    _open(client, nieuw.token)
    pagina = client.get("/extern")

    assert pagina.status_code == 200
    for geheim in (
        REDEN,
        "Vlasblom",
        "uitval",
        "Uitgevallen",
        "groepsstage",
        UITVAL_CODES["gedrag"],
    ):
        assert geheim not in pagina.text, geheim
