"""The team-meeting view: the cohort's flow, then one leerling at a time among those to
discuss, each with their path and open steps; names only where the viewer may see them."""

from __future__ import annotations

import re

from tests.e2e.overzicht_builders import advance, maak, naar_uitgevallen
from tests.integration.builders import breng_naar
from tests.web import log_in
from trajectory.usecases import engine


def _dias(html: str) -> dict[str, str]:
    """Each leerling's slide by its heading (the name, or "Leerling n")."""
    return {
        kop: inhoud
        for kop, inhoud in re.findall(
            r'<section class="dia" id="dia-[1-9]\d*"[^>]*>.*?<h2[^>]*>([^<]+?) <span.*?</h2>'
            r"(.*?)</section>",
            html,
            re.S,
        )
    }


def test_het_teamoverleg_toont_de_stroom_en_alleen_wie_besproken_moet_worden(
    client, sessions, clock, staff
):
    uitgevallen = maak(sessions, clock, staff, "Uma Uitval", klas="3A")
    naar_uitgevallen(sessions, clock, staff, uitgevallen)
    vast = maak(sessions, clock, staff, "Vera Vast", klas="3A")
    geweigerd = engine.advance(
        sessions, vast, "interne_stage_afronden", actor=staff.stagebegeleider, version=1,
        clock=clock,
    )  # fmt: skip
    assert not isinstance(geweigerd, engine.Overgegaan)
    maak(sessions, clock, staff, "Rustig Roos", klas="3A")
    maak(sessions, clock, staff, "Andere Klas", klas="4B")
    clock.advance(weeks=5)
    log_in(client, sessions, "teamleider")

    html = client.get("/teamoverleg?klas=3A").text

    assert "Teamoverleg: klas 3A" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="stroomplaat"' in html
    dias = _dias(html)
    assert set(dias) == {"Uma Uitval", "Vera Vast"}
    assert "Uitgevallen sinds" in dias["Uma Uitval"]
    assert (
        "&#39;Interne stage afronden&#39; staat al 5 weken vast in Interne stage"
        in dias["Vera Vast"]
    )
    assert 'class="toestand huidig" data-toestand="uitgevallen"' in dias["Uma Uitval"]
    assert "Opvang in groepsstage" in dias["Uma Uitval"]  # an open step, with its reasons
    assert re.search(r'<script src="[^"]*/static/teamoverleg.js" defer></script>', html)


def test_een_stap_die_pas_kort_vastzit_is_nog_geen_reden(client, sessions, clock, staff):
    vast = maak(sessions, clock, staff, "Vera Vast", klas="3A")
    engine.advance(
        sessions, vast, "interne_stage_afronden", actor=staff.stagebegeleider, version=1,
        clock=clock,
    )  # fmt: skip
    clock.advance(weeks=2)
    log_in(client, sessions, "teamleider")

    assert _dias(client.get("/teamoverleg?klas=3A").text) == {}
    assert "Vera Vast" in _dias(client.get("/teamoverleg?klas=3A&weken=1").text)


def test_een_begeleider_ziet_alleen_de_eigen_leerlingen_en_kan_de_namen_verbergen(
    client, sessions, clock, staff
):
    eigen = maak(sessions, clock, staff, "Eigen Uitval", klas="3A")
    ander = maak(
        sessions, clock, staff, "Ander Uitval", klas="3A", begeleider=staff.andere_begeleider
    )
    naar_uitgevallen(sessions, clock, staff, eigen)
    versie = breng_naar(sessions, clock, staff.teamleider, ander, "groepsstage")
    advance(sessions, clock, staff.teamleider, ander, "uitvallen", versie,
            payload={"reden": "Weggestuurd na een conflict."})  # fmt: skip
    log_in(client, sessions, "stagebegeleider")

    html = client.get("/teamoverleg").text
    zonder = client.get("/teamoverleg?namen=nee").text

    assert set(_dias(html)) == {"Eigen Uitval"}
    assert "Ander Uitval" not in html
    assert set(_dias(zonder)) == {"Leerling 1"}
    assert "Eigen Uitval" not in zonder


def test_een_verkeerd_aantal_weken_geeft_een_melding_en_geen_fout(client, sessions, staff):
    log_in(client, sessions, "teamleider")

    response = client.get("/teamoverleg?weken=999&begeleider=abc")

    assert response.status_code == 200
    assert "Kies 1 tot 52 weken." in response.text
    assert "&#39;abc&#39; is geen nummer." in response.text


def test_het_script_van_het_teamoverleg_komt_van_de_eigen_server(client, sessions, staff):
    log_in(client, sessions, "mentor")

    script = client.get("/static/teamoverleg.js")
    pagina = client.get("/teamoverleg")

    assert script.status_code == 200
    assert "script-src 'self'" in pagina.headers["content-security-policy"]
    assert "<script>" not in pagina.text
