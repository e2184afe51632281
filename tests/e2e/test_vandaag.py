"""The dashboard "Vandaag": per role my leerlingen, uitgevallen, what is due, my notifications."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tests.e2e.overzicht_builders import lopende_stage, maak, naar_uitgevallen
from tests.integration.builders import leg_vast
from tests.web import log_in
from trajectory.store import tables as t
from trajectory.usecases import engine


def test_een_mentor_ziet_alleen_de_leerlingen_van_de_eigen_klas(client, sessions, clock, staff):
    maak(sessions, clock, staff, "Anna Eigenklas", klas="3A")
    maak(sessions, clock, staff, "Bram Andereklas", klas="3B")
    log_in(client, sessions, "mentor")

    html = client.get("/").text

    assert "Anna Eigenklas" in html
    assert "Bram Andereklas" not in html


def test_een_begeleider_ziet_alleen_de_eigen_leerlingen(client, sessions, clock, staff):
    maak(sessions, clock, staff, "Anna Eigen")
    maak(sessions, clock, staff, "Bram Vananderen", begeleider=staff.andere_begeleider)
    log_in(client, sessions, "stagebegeleider")

    html = client.get("/").text

    assert "Anna Eigen" in html
    assert "Bram Vananderen" not in html


def test_de_teamleider_ziet_iedereen_en_elke_naam_linkt_naar_de_leerlingpagina(
    client, sessions, clock, staff
):
    anna = maak(sessions, clock, staff, "Anna Eigen")
    bram = maak(sessions, clock, staff, "Bram Vananderen", klas="3B",
                begeleider=staff.andere_begeleider)  # fmt: skip
    log_in(client, sessions, "teamleider")

    html = client.get("/").text

    assert f'href="/leerlingen/{anna}">Anna Eigen<' in html
    assert f'href="/leerlingen/{bram}">Bram Vananderen<' in html
    assert "Interne stage" in html


def test_uitgevallen_leerlingen_staan_gemarkeerd_met_de_datum_van_uitval(
    client, sessions, clock, staff
):
    leerling = maak(sessions, clock, staff, "Uma Uitval")
    clock.advance(days=3)
    naar_uitgevallen(sessions, clock, staff, leerling)
    clock.advance(days=4)
    log_in(client, sessions, "stagebegeleider")

    html = client.get("/").text

    sectie = html.split('id="kop-uitgevallen"')[1].split("</section>")[0]
    assert "Uma Uitval" in sectie
    assert 'class="let-op"' in sectie
    assert "06-03-2025 (4 dagen)" in sectie


def test_een_ongelezen_melding_staat_er_tot_de_mentor_op_gelezen_drukt(
    client, sessions, clock, staff
):
    leerling = maak(sessions, clock, staff, "Uma Uitval", klas="3A")
    naar_uitgevallen(sessions, clock, staff, leerling)  # the mentor is told at once
    csrf = log_in(client, sessions, "mentor")
    with sessions() as session:
        meldingen = session.scalars(
            select(t.Melding).where(t.Melding.ontvanger_id == staff.mentor.id)
        ).all()
    html = client.get("/").text
    assert f"Ongelezen meldingen ({len(meldingen)})" in html
    melding = next(m for m in meldingen if m.soort == "uitval")
    assert melding.onderwerp in html

    zonder_token = client.post(f"/meldingen/{melding.id}/gelezen", follow_redirects=False)
    response = client.post(
        f"/meldingen/{melding.id}/gelezen", data={"csrf_token": csrf}, follow_redirects=False
    )

    assert zonder_token.status_code == 403
    assert response.status_code == 303
    html = client.get("/").text
    assert f"Ongelezen meldingen ({len(meldingen) - 1})" in html
    assert melding.onderwerp not in html


def test_een_melding_van_een_ander_kan_niet_gelezen_worden(client, sessions, clock, staff):
    leerling = maak(sessions, clock, staff, "Uma Uitval", klas="3A")
    naar_uitgevallen(sessions, clock, staff, leerling)
    csrf = log_in(client, sessions, "andere_mentor")
    with sessions() as session:
        melding_id = session.scalar(select(t.Melding.id))

    response = client.post(f"/meldingen/{melding_id}/gelezen", data={"csrf_token": csrf})

    assert response.status_code == 404
    with sessions() as session:
        assert session.get(t.Melding, melding_id).gelezen is None


def taken_van(html, wat=""):
    """The dashboard's list of what is due; with `wat`, only the rows of that kind."""
    lijst = html.split('id="kop-taken"')[1].split("</section>")[0]
    if not wat:
        return lijst
    return "".join(rij for rij in lijst.split("<tr")[1:] if wat in rij)


def test_een_stagebezoek_is_na_drie_weken_te_laat_en_twee_met_stage_ondersteuning(
    client, sessions, clock, staff
):
    gewoon = maak(sessions, clock, staff, "Gijs Gewoon")
    extra = maak(sessions, clock, staff, "Olle Ondersteund")
    lopende_stage(sessions, clock, staff, gewoon)
    lopende_stage(sessions, clock, staff, extra, ondersteuning=True)

    clock.advance(days=7)  # the bezoek with stage-ondersteuning is due in a week
    binnenkort = taken_van(dashboard(client, sessions), "Stagebezoek")
    assert "Gijs Gewoon" not in binnenkort
    assert "Olle Ondersteund" in binnenkort
    assert "te laat" not in binnenkort

    clock.advance(days=8)  # day 15: two weeks passed, not yet three
    taken = taken_van(dashboard(client, sessions), "Stagebezoek")
    assert "Olle Ondersteund" in taken.split("te laat")[1]
    assert "Gijs Gewoon" in taken  # due within a week

    leg_vast(sessions, clock, staff.stagebegeleider, extra, "bezoek", notitie="Gaat goed.")
    assert "Olle Ondersteund" not in taken_van(dashboard(client, sessions), "Stagebezoek")


def test_een_stage_die_binnen_twee_weken_eindigt_vraagt_om_de_stagebeoordeling(
    client, sessions, clock, staff
):
    leerling = maak(sessions, clock, staff, "Eva Einde")
    lopende_stage(sessions, clock, staff, leerling, einddatum=date(2025, 3, 14))
    leg_vast(sessions, clock, staff.stagebegeleider, leerling, "bezoek", notitie="Eerste bezoek.")

    taken = taken_van(dashboard(client, sessions))
    assert "Stagebeoordeling" in taken
    assert "14-03-2025" in taken

    leg_vast(sessions, clock, staff.stagebegeleider, leerling, "beoordeling",
             soort="stagebeoordeling", uitslag="voldoende")  # fmt: skip
    assert "Stagebeoordeling" not in taken_van(dashboard(client, sessions))


def dashboard(client, sessions, key="stagebegeleider"):
    """Log in afresh (the clock may have moved past the session's timeout) and open Vandaag."""
    log_in(client, sessions, key)
    return client.get("/").text


def test_per_fase_staan_de_eerste_25_namen_en_een_link_naar_de_rest(client, sessions, clock, staff):
    for i in range(27):
        maak(sessions, clock, staff, f"Leerling {i:02d}")

    html = dashboard(client, sessions, "teamleider")

    groep = html.split('id="kop-groepen"')[1]
    assert groep.count('href="/leerlingen/') == 25
    assert "Leerling 24" in groep
    assert "Leerling 25" not in groep
    assert '<a href="/overzicht?state=interne_stage">Alle 27 in het overzicht</a>' in groep


def test_de_geplande_herinneringen_van_de_komende_twee_weken_staan_erbij_voor_hun_rollen(
    client, sessions, clock, staff
):
    """Timers of DOMAIN.md: "end of lj 2 (May): voorlopig advies to decide" reaches the
    stagebegeleider and the mentor, and appears on their dashboards two weeks ahead."""
    clock.set(date(2025, 4, 14))
    maak(sessions, clock, staff, "Ada Advies")  # leerjaar 2, klas 3A, interne stage

    assert "Voorlopig stage-advies besluiten" not in taken_van(dashboard(client, sessions))

    clock.set(date(2025, 4, 25))
    for key in ("stagebegeleider", "mentor"):
        taken = taken_van(dashboard(client, sessions, key))
        assert "Voorlopig stage-advies besluiten" in taken, key
        assert "Ada Advies" in taken
    assert "Ada Advies" not in taken_van(dashboard(client, sessions, "andere_mentor"))


def test_een_stagebezoek_wordt_vanaf_vandaag_met_een_klik_vastgelegd(
    client, sessions, clock, staff
):
    leerling = maak(sessions, clock, staff, "Gijs Gewoon", klas="3B")
    lopende_stage(sessions, clock, staff, leerling)
    clock.advance(days=22)  # three weeks without a visit: overdue
    taken = taken_van(dashboard(client, sessions), "Stagebezoek")
    assert "Bezoek vastleggen" in taken
    assert "<td>3B</td>" in taken
    assert f"<td>{staff.stagebegeleider.naam}</td>" in taken
    csrf = log_in(client, sessions, "stagebegeleider")
    vandaag = clock.now().date().isoformat()

    zonder_token = client.post(
        f"/leerlingen/{leerling}/vastleggen/bezoek",
        data={"datum": vandaag, "terug": "vandaag"},
        follow_redirects=False,
    )
    response = client.post(
        f"/leerlingen/{leerling}/vastleggen/bezoek",
        data={"csrf_token": csrf, "datum": vandaag, "terug": "vandaag"},
        follow_redirects=False,
    )

    assert zonder_token.status_code == 403
    assert response.status_code == 303
    assert response.headers["location"].startswith("/?gelukt=bezoek")
    html = client.get(response.headers["location"]).text
    assert "Het stagebezoek is vastgelegd." in html
    assert "Gijs Gewoon" not in taken_van(html, "Stagebezoek")


def test_uitgevallen_kleurt_alleen_rood_als_er_iemand_uitgevallen_is(
    client, sessions, clock, staff
):
    leerling = maak(sessions, clock, staff, "Uma Uitval")
    zonder = dashboard(client, sessions)
    naar_uitgevallen(sessions, clock, staff, leerling)
    met = dashboard(client, sessions)

    assert 'aria-labelledby="kop-uitgevallen" class="blok"' in zonder
    assert 'aria-labelledby="kop-uitgevallen" class="blok uitgevallen"' in met


def test_een_geweigerde_stap_staat_bij_mijn_werk_tot_de_leerling_verder_is(
    client, sessions, clock, staff
):
    leerling = maak(sessions, clock, staff, "Wim Wacht", klas="3B")
    geweigerd = engine.advance(sessions, leerling, "interne_stage_afronden",
                               actor=staff.stagebegeleider, version=1, clock=clock)  # fmt: skip
    assert isinstance(geweigerd, engine.Geweigerd)

    werk = html_na(dashboard(client, sessions), 'id="kop-geblokkeerd"')
    assert "Wim Wacht" in werk
    assert "Interne stage afronden" in werk
    assert "<td>3B</td>" in werk


def test_meldingen_staan_gegroepeerd_per_soort_met_hun_aantal(client, sessions, clock, staff):
    for naam in ("Uma Uitval", "Udo Uitval"):
        naar_uitgevallen(sessions, clock, staff, maak(sessions, clock, staff, naam, klas="3A"))

    html = dashboard(client, sessions, "mentor")

    meldingen = html_na(html, 'id="kop-meldingen"')
    assert '<summary>Uitval <span class="aantal">2</span></summary>' in meldingen


def html_na(html, kenmerk):
    return html.split(kenmerk)[1].split("</section>")[0]
