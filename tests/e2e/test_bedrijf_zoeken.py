"""The placement form at scale (#17): a search step that works without JavaScript narrows the
register to at most KEUZE_MAX companies server-side, and the placement and its correction
choose the company and praktijkbegeleider the same way."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_leerling_pagina import post, tekst
from tests.integration.builders import breng_naar, nieuwe_leerling
from tests.web import log_in
from trajectory.store import tables as t
from trajectory.usecases import bedrijven, vastleggen
from trajectory.usecases.bedrijfsoverzicht import KEUZE_MAX

REDEN = "Verkeerde praktijkbegeleider gekozen."


def _registreer(sessions, clock, actor, naam: str) -> int:
    return bedrijven.registreer(sessions, {"naam": naam}, actor=actor, clock=clock)


def _pb(sessions, clock, actor, bedrijf_id: int, naam: str) -> int:
    return bedrijven.voeg_praktijkbegeleider_toe(
        sessions, bedrijf_id, {"naam": naam}, actor=actor, clock=clock
    )


@pytest.fixture
def leerling(sessions, clock, staff) -> int:
    tl = staff.teamleider
    lid = nieuwe_leerling(
        sessions, clock, tl, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, tl, lid, "stage_zoeken")
    return lid


def _plaatsingsformulier(html: str) -> str:
    (form,) = re.findall(r'<form [^>]*id="form-plaatsing">(.*?)</form>', html, re.S)
    return form


def _aangeboden(form: str) -> list[str]:
    (lijst,) = re.findall(r'<datalist id="plaatsing--bedrijf--lijst">(.*?)</datalist>', form, re.S)
    return re.findall(r'<option value="([^"]*)">', lijst)


def _bedrijfsveld(form: str) -> str:
    (waarde,) = re.findall(
        r'<input type="text" id="plaatsing--bedrijf" name="bedrijf" value="([^"]*)"', form
    )
    return waarde


def test_zonder_zoeken_biedt_het_formulier_geen_lijst_van_het_hele_register(
    client, sessions, clock, staff, leerling
):
    for i in range(3):
        _registreer(sessions, clock, staff.teamleider, f"Bakkerij {i}")
    log_in(client, sessions, "stagebegeleider")

    html = client.get(f"/leerlingen/{leerling}").text

    form = _plaatsingsformulier(html)
    assert "<datalist" not in form
    assert "Bakkerij 0" not in form  # (the matching section lists its own few)
    (zoeken,) = re.findall(r'(<form [^>]*id="bedrijf-zoeken".*?</form>)', html, re.S)
    assert 'method="get"' in zoeken
    # the URL it makes holds the typed part of a company's name only: no leerling, no token
    assert re.findall(r'name="([^"]+)"', zoeken) == ["bedrijf_zoek"]


def test_een_zoekterm_zonder_treffer_zegt_dat_een_nieuwe_naam_in_het_register_komt(
    client, sessions, clock, staff, leerling
):
    _registreer(sessions, clock, staff.teamleider, "Bakkerij de Korrel")
    csrf = log_in(client, sessions, "stagebegeleider")

    html = client.get(f"/leerlingen/{leerling}?bedrijf_zoek=garage").text

    assert 'Geen actief bedrijf in het register gevonden voor "garage"' in tekst(html)
    assert "<datalist" not in _plaatsingsformulier(html)
    nieuw = post(client, f"/leerlingen/{leerling}/vastleggen/plaatsing", csrf,
                 bedrijf="Garage Snel", sector="05", startdatum="2025-03-10")  # fmt: skip
    assert nieuw.status_code == 303
    with sessions() as session:
        assert session.query(t.Stagebedrijf).filter_by(naam="Garage Snel").count() == 1


def test_een_treffer_staat_ingevuld_met_zijn_praktijkbegeleiders_als_keuze(
    client, sessions, clock, staff, leerling
):
    tl = staff.teamleider
    korrel = _registreer(sessions, clock, tl, "Bakkerij de Korrel")
    _registreer(sessions, clock, tl, "Tuincentrum Groen")
    piet = _pb(sessions, clock, tl, korrel, "Piet Bakker")
    csrf = log_in(client, sessions, "stagebegeleider")

    html = client.get(f"/leerlingen/{leerling}?bedrijf_zoek=KORREL").text

    form = _plaatsingsformulier(html)
    assert "1 bedrijf gevonden" in tekst(html)
    assert _aangeboden(form) == ["Bakkerij de Korrel"]
    assert _bedrijfsveld(form) == "Bakkerij de Korrel"
    assert f'<option value="{piet}">Bakkerij de Korrel — Piet Bakker</option>' in form
    assert "Tuincentrum" not in form
    gekozen = post(client, f"/leerlingen/{leerling}/vastleggen/plaatsing", csrf,
                   bedrijf="Bakkerij de Korrel", praktijkbegeleider_id=str(piet), sector="08",
                   startdatum="2025-03-10")  # fmt: skip
    assert gekozen.status_code == 303
    with sessions() as session:
        plaatsing = session.query(t.Plaatsing).filter_by(leerling_id=leerling).one()
        assert (plaatsing.stagebedrijf_id, plaatsing.praktijkbegeleider_id) == (korrel, piet)


def test_meerdere_treffers_zijn_de_keuze_en_niets_staat_ingevuld(
    client, sessions, clock, staff, leerling
):
    tl = staff.teamleider
    for naam in ("Bakkerij Oost", "Bakkerij West", "Slagerij Noord"):
        _registreer(sessions, clock, tl, naam)
    log_in(client, sessions, "stagebegeleider")

    html = client.get(f"/leerlingen/{leerling}?bedrijf_zoek=bakkerij").text

    form = _plaatsingsformulier(html)
    assert "2 bedrijven gevonden" in tekst(html)
    assert _aangeboden(form) == ["Bakkerij Oost", "Bakkerij West"]
    assert _bedrijfsveld(form) == ""


def test_meer_dan_het_maximum_toont_de_eerste_en_vraagt_meer_van_de_naam(
    client, sessions, clock, staff, leerling
):
    tl = staff.teamleider
    for i in range(KEUZE_MAX + 5):
        _registreer(sessions, clock, tl, f"Winkel {i:02d}")
    log_in(client, sessions, "stagebegeleider")

    html = client.get(f"/leerlingen/{leerling}?bedrijf_zoek=winkel").text

    aangeboden = _aangeboden(_plaatsingsformulier(html))
    assert aangeboden == [f"Winkel {i:02d}" for i in range(KEUZE_MAX)]
    assert f"Meer dan {KEUZE_MAX} bedrijven gevonden" in tekst(html)
    assert "Typ meer van de naam" in tekst(html)


def test_een_geweigerde_plaatsing_houdt_de_praktijkbegeleiders_van_het_getypte_bedrijf(
    client, sessions, clock, staff, leerling
):
    tl = staff.teamleider
    korrel = _registreer(sessions, clock, tl, "Bakkerij de Korrel")
    piet = _pb(sessions, clock, tl, korrel, "Piet Bakker")
    csrf = log_in(client, sessions, "stagebegeleider")

    fout = post(client, f"/leerlingen/{leerling}/vastleggen/plaatsing", csrf,
                bedrijf="Bakkerij de Korrel", praktijkbegeleider_id=str(piet),
                sector="08")  # fmt: skip

    assert fout.status_code == 422
    form = _plaatsingsformulier(fout.text)
    assert f'<option value="{piet}" selected>Bakkerij de Korrel — Piet Bakker</option>' in form


def test_de_correctie_kiest_de_praktijkbegeleider_zoals_het_plaatsingsformulier(
    client, sessions, clock, staff, leerling
):
    tl = staff.teamleider
    korrel = _registreer(sessions, clock, tl, "Bakkerij de Korrel")
    piet = _pb(sessions, clock, tl, korrel, "Piet Bakker")
    anna = _pb(sessions, clock, tl, korrel, "Anna Deeg")
    groen = _registreer(sessions, clock, tl, "Tuincentrum Groen")
    gijs = _pb(sessions, clock, tl, groen, "Gijs Groen")
    plaatsing = vastleggen.add_plaatsing(
        sessions, leerling,
        {"stagebedrijf_id": korrel, "praktijkbegeleider_id": piet, "sector": "08",
         "startdatum": "2025-03-10"},
        actor=tl, clock=clock,
    )  # fmt: skip
    csrf = log_in(client, sessions, "stagebegeleider")
    adres = f"/leerlingen/{leerling}/stageplaatsen/{plaatsing}/corrigeren"

    html = client.get(adres).text  # the placement's own company found at once
    assert f'<option value="{piet}" selected>Bakkerij de Korrel — Piet Bakker</option>' in html
    assert f'<option value="{anna}">Bakkerij de Korrel — Anna Deeg</option>' in html
    assert 'type="text" id="correctie--praktijkbegeleider_id"' not in html  # no number to type
    gezocht = client.get(f"{adres}?bedrijf_zoek=groen").text
    assert f'<option value="{gijs}">Tuincentrum Groen — Gijs Groen</option>' in gezocht
    assert f'<option value="{piet}" selected>' in gezocht  # the current one stays a choice

    antwoord = post(client, adres, csrf, bedrijf="Bakkerij de Korrel",
                    praktijkbegeleider_id=str(anna), sector="08", startdatum="2025-03-10",
                    reden=REDEN)  # fmt: skip

    assert antwoord.status_code == 303
    with sessions() as session:
        nu = (
            session.query(t.Plaatsing)
            .filter(t.Plaatsing.leerling_id == leerling, t.HUIDIGE_PLAATSING)
            .one()
        )
        assert nu.praktijkbegeleider_id == anna
