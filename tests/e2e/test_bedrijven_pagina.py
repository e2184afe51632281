"""The register's pages (issue #17): the list with filters and search, the company page with
its history (names only of leerlingen the viewer may see), the forms (version check, a status
needs a reason), the mentor reading only, and every text field sent with a script."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_leerling_pagina import post, tekst
from tests.e2e.test_leerling_xss import ALS_TEKST, SCRIPT, formulieren, met_script, tekstvelden
from tests.integration.builders import MOTIVATIE, breng_naar, nieuwe_leerling, versie, zet_stap
from tests.web import log_in
from trajectory.store import tables as t
from trajectory.usecases import bedrijven, engine, vastleggen

REDEN = "Incident met een leerling op de werkvloer."


def _registreer(sessions, clock, actor, **velden) -> int:
    return bedrijven.registreer(sessions, velden, actor=actor, clock=clock)


@pytest.fixture
def register(sessions, clock, staff):
    tl = staff.teamleider
    ids = {
        "bakker": _registreer(
            sessions, clock, tl, naam="Bakkerij de Korrel", plaats="Utrecht",
            sectoren=["08"], erkenning_sectoren=["08"], erkenning_geldig_tot="2025-06-30",
            capaciteit=2,
        ),
        "tuin": _registreer(
            sessions, clock, tl, naam="Tuincentrum Groen", plaats="Zeist", sectoren=["04"],
            erkenning_sectoren=["04"], erkenning_geldig_tot="2025-01-31",
        ),
        "vol": _registreer(
            sessions, clock, tl, naam="Supermarkt Vol", sectoren=["03"], capaciteit=0
        ),
    }  # fmt: skip
    bedrijven.zet_status(
        sessions, ids["vol"], {"status": "geblokkeerd", "reden": REDEN, "version": 1},
        actor=tl, clock=clock,
    )  # fmt: skip
    return ids


def _namen(html: str) -> list[str]:
    return re.findall(r'<a href="/bedrijven/\d+">([^<]+)</a>', html)


def test_de_lijst_filtert_op_sector_erkenning_status_vrije_plaats_en_naam(
    client, sessions, register
):
    log_in(client, sessions, "stagebegeleider")

    alles = client.get("/bedrijven")
    assert _namen(alles.text) == ["Bakkerij de Korrel", "Supermarkt Vol", "Tuincentrum Groen"]
    assert _namen(client.get("/bedrijven?sector=04").text) == ["Tuincentrum Groen"]
    # erkend on 3 March 2025: the bakery's runs to 30 June, the garden centre's ended in January
    assert _namen(client.get("/bedrijven?erkend=2025-03-03").text) == ["Bakkerij de Korrel"]
    assert _namen(client.get("/bedrijven?erkend=2025-01-31&sector=04").text) == [
        "Tuincentrum Groen"
    ]
    assert _namen(client.get("/bedrijven?status=geblokkeerd").text) == ["Supermarkt Vol"]
    assert "Supermarkt Vol" not in _namen(client.get("/bedrijven?vrij=1").text)
    assert _namen(client.get("/bedrijven?zoek=KORREL").text) == ["Bakkerij de Korrel"]
    assert _namen(client.get("/bedrijven?zoek=%25").text) == []  # a wildcard is a character
    aflopend = client.get("/bedrijven?sorteer=naam&richting=af").text
    assert _namen(aflopend) == ["Tuincentrum Groen", "Supermarkt Vol", "Bakkerij de Korrel"]
    assert "erkenning verlopen" in tekst(alles.text)  # the garden centre's mark


def test_een_onzinfilter_wordt_een_melding_bij_het_veld(client, sessions, register):
    log_in(client, sessions, "stagebegeleider")

    response = client.get("/bedrijven?sector=99&erkend=gisteren")

    assert response.status_code == 200
    assert "'99' is geen geldige keuze." in tekst(response.text)
    assert "'gisteren' is geen datum (dd-mm-jjjj)." in tekst(response.text)


def test_de_bedrijfspagina_noemt_alleen_leerlingen_die_de_kijker_mag_zien(
    client, sessions, clock, staff, register
):
    tl = staff.teamleider
    eigen = nieuwe_leerling(
        sessions, clock, tl, naam="Eva Eigen", klas="3A",
        stagebegeleider_id=staff.stagebegeleider.id,
    )  # fmt: skip
    anderen = [
        nieuwe_leerling(
            sessions,
            clock,
            tl,
            naam=f"Vera Vreemd {i}",
            klas="3B",
            stagebegeleider_id=staff.andere_begeleider.id,
        )  # fmt: skip
        for i in range(2)
    ]
    for leerling_id in (eigen, *anderen):
        plaatsing = {
            "stagebedrijf_id": register["bakker"],
            "sector": "08",
            "startdatum": "2025-03-10",
        }
        vastleggen.add_plaatsing(sessions, leerling_id, plaatsing, actor=tl, clock=clock)
    log_in(client, sessions, "stagebegeleider")

    html = client.get(f"/bedrijven/{register['bakker']}").text

    assert "Eva Eigen" in html
    assert "Vera Vreemd" not in html
    assert "2 stages van leerlingen die u niet kunt zien staan hier niet bij" in tekst(html)


def test_een_uitval_markeert_het_bedrijf_en_staat_met_zijn_code_op_de_pagina(
    client, sessions, clock, staff, register
):
    tl = staff.teamleider
    leerling = nieuwe_leerling(
        sessions, clock, tl, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, tl, leerling, "stage_zoeken")
    plaatsing = {"stagebedrijf_id": register["tuin"], "sector": "04", "startdatum": "2025-03-03"}
    vastleggen.add_plaatsing(sessions, leerling, plaatsing, actor=tl, clock=clock)
    gestart = engine.advance(
        sessions, leerling, "stage_starten", actor=tl, version=versie(sessions, leerling),
        clock=clock, motivatie=MOTIVATIE,
    )  # fmt: skip
    assert isinstance(gestart, engine.Overgegaan)
    zet_stap(sessions, clock, tl, leerling, "uitvallen", code="verzuim")
    log_in(client, sessions, "stagebegeleider")

    lijst = tekst(client.get("/bedrijven?zoek=tuincentrum").text)
    pagina = tekst(client.get(f"/bedrijven/{register['tuin']}").text)

    assert "uitval 03-03-2025" in lijst
    assert "uitgevallen: verzuim of niet meer verschenen" in pagina
    assert "Uitval 100% (1 van 1 afgelopen stages)" in pagina


def test_registreren_wijzigen_en_een_versieconflict(client, sessions, staff):
    csrf = log_in(client, sessions, "stagebegeleider")

    nieuw = post(client, "/bedrijven/nieuw", csrf, naam="Garage Snel", postcode="3811ab")
    assert nieuw.status_code == 303
    pad = nieuw.headers["location"].split("?")[0]
    pagina = client.get(nieuw.headers["location"]).text
    assert "Het stagebedrijf staat in het register." in pagina
    assert "3811 AB" in pagina

    eerst = post(client, f"{pad}/wijzigen", csrf, naam="Garage Snel", plaats="Amersfoort",
                 version="1")  # fmt: skip
    assert eerst.status_code == 303
    assert "De wijzigingen zijn opgeslagen." in client.get(eerst.headers["location"]).text
    # a second form still holding version 1 is refused and shows the company as it is now
    laat = post(client, f"{pad}/wijzigen", csrf, naam="Garage Traag", version="1")
    assert laat.status_code == 409
    assert "Iemand anders heeft dit stagebedrijf intussen gewijzigd." in laat.text
    assert 'value="Amersfoort"' in laat.text
    with sessions() as session:
        assert session.get(t.Stagebedrijf, int(pad.rsplit("/", 1)[1])).naam == "Garage Snel"


def test_een_fout_in_het_formulier_staat_bij_het_veld(client, sessions):
    csrf = log_in(client, sessions, "stagebegeleider")

    response = post(client, "/bedrijven/nieuw", csrf, naam="Garage", kvk="123", postcode="38")

    assert response.status_code == 422
    assert "Een KvK-nummer bestaat uit 8 cijfers." in response.text
    assert "Een postcode is vier cijfers en twee letters, zoals 3811 AB." in response.text
    assert 'value="Garage"' in response.text


def test_een_status_vraagt_een_reden(client, sessions, register):
    csrf = log_in(client, sessions, "teamleider")
    pad = f"/bedrijven/{register['bakker']}"

    kort = post(client, f"{pad}/status", csrf, status="gepauzeerd", reden="kort", version="1")
    assert kort.status_code == 422
    assert "Schrijf een reden van minstens 10 tekens." in kort.text

    goed = post(client, f"{pad}/status", csrf, status="gepauzeerd", reden=REDEN, version="1")
    assert goed.status_code == 303
    pagina = tekst(client.get(goed.headers["location"]).text)
    assert "De status van het stagebedrijf is gewijzigd." in pagina
    assert f"Status gepauzeerd: {REDEN} (door Tineke Leider" in pagina


def test_wijzigen_en_status_gaan_door_een_pad_fout_conflict_en_niets_veranderd(
    client, sessions, register
):
    csrf = log_in(client, sessions, "teamleider")
    pad = f"/bedrijven/{register['bakker']}"

    fout = post(client, f"{pad}/wijzigen", csrf, naam="Bakkerij de Korrel", postcode="38",
                version="1")  # fmt: skip
    assert fout.status_code == 422
    assert "Een postcode is vier cijfers en twee letters" in fout.text
    assert 'name="version" value="1"' in fout.text  # the version the form was rendered with
    zelfde = post(client, f"{pad}/wijzigen", csrf, naam="Bakkerij de Korrel", plaats="Utrecht",
                  sectoren="08", erkenning_sectoren="08", erkenning_geldig_tot="2025-06-30",
                  capaciteit="2", version="1")  # fmt: skip
    assert zelfde.headers["location"].endswith("?gelukt=ongewijzigd")
    status = post(client, f"{pad}/status", csrf, status="gepauzeerd", reden=REDEN, version="1")
    assert status.status_code == 303
    laat = post(client, f"{pad}/status", csrf, status="actief", reden=REDEN, version="1")
    assert laat.status_code == 409
    assert "Iemand anders heeft dit stagebedrijf intussen gewijzigd." in laat.text
    with sessions() as session:
        assert session.get(t.Stagebedrijf, register["bakker"]).status == "gepauzeerd"


def test_een_praktijkbegeleider_toevoegen_en_als_vertrokken_markeren(client, sessions, register):
    csrf = log_in(client, sessions, "stagebegeleider")
    pad = f"/bedrijven/{register['bakker']}"

    toegevoegd = post(client, f"{pad}/praktijkbegeleiders", csrf, naam="Piet Bakker",
                      telefoon="030-1234567", email="piet@korrel.test")  # fmt: skip
    assert toegevoegd.status_code == 303
    with sessions() as session:
        (pb,) = session.query(t.Praktijkbegeleider).all()
    vertrokken = post(client, f"{pad}/praktijkbegeleiders/{pb.id}", csrf, naam="Piet Bakker",
                      telefoon="030-1234567", version="1")  # fmt: skip  # 'actief' unticked
    assert vertrokken.status_code == 303
    pagina = tekst(client.get(vertrokken.headers["location"]).text)
    assert "De gegevens van de praktijkbegeleider zijn opgeslagen." in pagina
    assert "niet meer actief" in pagina
    # a praktijkbegeleider is edited only under its own company
    ander = post(client, f"/bedrijven/{register['tuin']}/praktijkbegeleiders/{pb.id}", csrf,
                 naam="X", version="2")  # fmt: skip
    assert ander.status_code == 404


def test_de_mentor_leest_alleen(client, sessions, register):
    csrf = log_in(client, sessions, "mentor")

    pagina = client.get(f"/bedrijven/{register['bakker']}")
    lijst = client.get("/bedrijven")

    assert pagina.status_code == lijst.status_code == 200
    assert [f["action"] for f in formulieren(pagina.text)] == []
    assert "Nieuw stagebedrijf" not in lijst.text
    assert client.get("/bedrijven/nieuw").status_code == 403
    geweigerd = post(client, f"/bedrijven/{register['bakker']}/status", csrf,
                     status="geblokkeerd", reden=REDEN, version="1")  # fmt: skip
    assert geweigerd.status_code == 403
    with sessions() as session:
        assert session.get(t.Stagebedrijf, register["bakker"]).status == "actief"


def test_elk_tekstveld_van_het_register_komt_als_tekst_terug(client, sessions, staff, register):
    csrf = log_in(client, sessions, "teamleider")
    pad = f"/bedrijven/{register['bakker']}"
    post(client, f"{pad}/praktijkbegeleiders", csrf, naam="Piet Bakker")
    verstuurd = 0
    for url in ("/bedrijven/nieuw", f"{pad}/wijzigen", pad):
        for form in formulieren(client.get(url).text):
            data = met_script(form)
            response = client.post(form["action"], data=data, follow_redirects=True)
            assert SCRIPT not in response.text, form["action"]
            verstuurd += tekstvelden(form)
    assert verstuurd >= 20
    # what is stored with a script (the free-text fields) shows as text on the list and page
    vrij = dict.fromkeys(("naam", "adres", "plaats", "notities", "erkenning_nummer"), SCRIPT)
    assert post(client, "/bedrijven/nieuw", csrf, **vrij).status_code == 303
    with sessions() as session:
        opgeslagen = session.query(t.Stagebedrijf).filter(t.Stagebedrijf.naam == SCRIPT).count()
    assert opgeslagen == 1
    for url in ("/bedrijven", pad, f"/bedrijven?zoek={SCRIPT}"):
        html = client.get(url).text
        assert SCRIPT not in html, url
    assert ALS_TEKST in client.get("/bedrijven").text


def test_een_stageplaats_kiest_bedrijf_en_praktijkbegeleider_uit_het_register(
    client, sessions, clock, staff, register
):
    tl = staff.teamleider
    pb = bedrijven.voeg_praktijkbegeleider_toe(
        sessions, register["bakker"],
        {"naam": "Piet Bakker", "functie": "chef", "telefoon": "030-1234567",
         "email": "piet@korrel.test"},
        actor=tl, clock=clock,
    )  # fmt: skip
    leerling = nieuwe_leerling(
        sessions, clock, tl, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, tl, leerling, "stage_zoeken")
    csrf = log_in(client, sessions, "stagebegeleider")

    html = client.get(f"/leerlingen/{leerling}?bedrijf_zoek=e").text  # a search finds them
    (form,) = re.findall(r'<form [^>]*id="form-plaatsing">(.*?)</form>', html, re.S)
    assert '<option value="Bakkerij de Korrel">' in form  # the datalist of the companies found
    assert "Supermarkt Vol" not in form  # blocked: not offered
    assert f'<option value="{pb}">Bakkerij de Korrel — Piet Bakker (chef)</option>' in form
    assert "erkend_leerbedrijf" not in form
    assert 'name="stagebedrijf_id"' not in form

    url = f"/leerlingen/{leerling}/vastleggen/plaatsing"
    plaatsing = {"sector": "08", "startdatum": "2025-03-10"}
    fout = post(client, url, csrf, bedrijf="Tuincentrum Groen", praktijkbegeleider_id=str(pb),
                **plaatsing)  # fmt: skip
    assert fout.status_code == 422
    assert "Deze praktijkbegeleider hoort niet bij Tuincentrum Groen." in tekst(fout.text)
    goed = post(client, url, csrf, bedrijf=" bakkerij  DE korrel", praktijkbegeleider_id=str(pb),
                **plaatsing)  # fmt: skip
    assert goed.status_code == 303
    pagina = client.get(f"/leerlingen/{leerling}").text
    assert f'<a href="/bedrijven/{register["bakker"]}">Bakkerij de Korrel</a>' in pagina
    assert "Praktijkbegeleider: Piet Bakker (chef)" in tekst(pagina)
    assert '<a href="tel:030-1234567">030-1234567</a>' in pagina
    assert '<a href="mailto:piet@korrel.test">piet@korrel.test</a>' in pagina


def test_een_getypte_nieuwe_naam_komt_in_het_register(client, sessions, clock, staff):
    leerling = nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, staff.teamleider, leerling, "stage_zoeken")
    csrf = log_in(client, sessions, "stagebegeleider")

    response = post(client, f"/leerlingen/{leerling}/vastleggen/plaatsing", csrf,
                    bedrijf="Fietsenmaker Trap", sector="05", startdatum="2025-03-10")  # fmt: skip

    assert response.status_code == 303
    assert _namen(client.get("/bedrijven").text) == ["Fietsenmaker Trap"]
