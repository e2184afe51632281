"""Stage zoeken on the leerling page over HTTP (issue #17): the matches with a link to each
company, a company put on the kandidaat list, its status changed, and the candidate that
becomes the placement in one step; a refused placement saves nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.e2e.test_gegevens_pagina import _formulier
from tests.e2e.test_leerling_pagina import post, tekst
from tests.integration.builders import breng_naar, nieuwe_leerling
from tests.web import log_in
from trajectory.store import tables as t
from trajectory.usecases import bedrijven


@pytest.fixture
def zoeker(sessions, clock, staff) -> int:
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="3A", geboortedatum=date(2008, 6, 1),
        stagebegeleider_id=staff.stagebegeleider.id,
    )  # fmt: skip
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    with sessions.begin() as session:
        session.get_one(t.Leerling, lid).definitieve_sector = "08"
    return lid


@pytest.fixture
def korrel(sessions, clock, staff) -> int:
    gegevens = {"naam": "Bakkerij De Korrel", "plaats": "Utrecht", "sectoren": ["08"]}
    return bedrijven.registreer(sessions, gegevens, actor=staff.teamleider, clock=clock)


def _kandidaat_stand(sessions, lid) -> list[str]:
    with sessions() as session:
        return [
            d["status"]
            for d in session.scalars(
                select(t.Vastlegging.data)
                .where(t.Vastlegging.leerling_id == lid, t.Vastlegging.kind == "kandidaat")
                .order_by(t.Vastlegging.id)
            )
        ]


def test_de_leerlingpagina_toont_passende_bedrijven_met_een_link(client, sessions, zoeker, korrel):
    log_in(client, sessions, "mentor")

    html = client.get(f"/leerlingen/{zoeker}").text

    assert 'id="stage-zoeken"' in html
    assert f'href="/bedrijven/{korrel}"' in html
    assert "De fietsafstand is maximaal 15 km." in tekst(html)
    assert f'action="/leerlingen/{zoeker}/kandidaten"' not in html  # the mentor reads only


def test_een_bedrijf_benaderen_en_de_stand_wijzigen(client, sessions, zoeker, korrel):
    csrf = log_in(client, sessions, "stagebegeleider")

    antwoord = post(client, f"/leerlingen/{zoeker}/kandidaten", csrf, stagebedrijf_id=korrel)
    assert antwoord.status_code == 303
    pagina = tekst(client.get(antwoord.headers["location"]).text)
    assert "Het bedrijf staat op de lijst van benaderde bedrijven." in pagina
    assert "Bakkerij De Korrel : benaderd" in pagina

    zonder_datum = post(
        client, f"/leerlingen/{zoeker}/kandidaten/{korrel}/status", csrf,
        status="kennismaking_gepland",
    )  # fmt: skip
    assert zonder_datum.status_code == 422
    assert "Geef de datum van het kennismakingsgesprek." in tekst(zonder_datum.text)
    gepland = post(
        client, f"/leerlingen/{zoeker}/kandidaten/{korrel}/status", csrf,
        status="kennismaking_gepland", gesprek_op="2025-03-12", notitie="Met de eigenaar.",
    )  # fmt: skip
    assert gepland.status_code == 303
    assert _kandidaat_stand(sessions, zoeker) == ["benaderd", "kennismaking_gepland"]


def test_wordt_de_stage_legt_de_stageplaats_vast_in_een_stap(client, sessions, zoeker, korrel):
    csrf = log_in(client, sessions, "stagebegeleider")
    post(client, f"/leerlingen/{zoeker}/kandidaten", csrf, stagebedrijf_id=korrel)
    url = f"/leerlingen/{zoeker}/kandidaten/{korrel}/stage"

    fout = post(client, url, csrf, sector="08", startdatum="2025-08-25", einddatum="2025-08-01")
    assert fout.status_code == 422
    assert "Dit is niet opgeslagen." in tekst(fout.text)
    assert _kandidaat_stand(sessions, zoeker) == ["benaderd"]

    goed = post(client, url, csrf, sector="08", startdatum="2025-08-25", afstand_km="3,5")
    assert goed.status_code == 303
    assert goed.headers["location"] == f"/leerlingen/{zoeker}?gelukt=plaatsing"
    assert _kandidaat_stand(sessions, zoeker) == ["benaderd", "geaccepteerd"]
    with sessions() as session:
        plaatsingen = session.execute(
            select(t.Plaatsing.stagebedrijf_id, t.Plaatsing.afstand_km).where(
                t.Plaatsing.leerling_id == zoeker
            )
        ).all()
    assert plaatsingen == [(korrel, 3.5)]


def test_de_woonplek_wordt_gewijzigd_met_de_gegevens(client, sessions, zoeker):
    csrf = log_in(client, sessions, "stagebegeleider")
    velden = _formulier(client.get(f"/leerlingen/{zoeker}").text)
    velden |= {"breedtegraad": "52,0907", "lengtegraad": "5.1214", "reden": "Adres bekend."}
    velden.pop("csrf_token")

    antwoord = post(client, f"/leerlingen/{zoeker}/gegevens", csrf, **velden)

    assert antwoord.status_code == 303
    with sessions() as session:
        rij = session.get_one(t.Leerling, zoeker)
        assert (rij.breedtegraad, rij.lengtegraad) == (52.0907, 5.1214)
        assert session.scalar(select(func.count()).select_from(t.AuditEvent)) > 0
