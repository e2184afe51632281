"""The overview of all leerlingen: per role, filters, paging, search by name in the body."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from tests.e2e.overzicht_builders import maak
from tests.integration.builders import nieuwe_leerling
from tests.web import log_in
from trajectory.store import tables as t

SCRIPT = "<script>alert(1)</script>"


def namen(html):
    return re.findall(r'href="/leerlingen/\d+">([^<]+)<', html)


@pytest.fixture
def school(sessions, clock, staff):
    """Two classes, two begeleiders."""
    maak(sessions, clock, staff, "Anna Aalbers", klas="3A")
    maak(sessions, clock, staff, "Bram Bos", klas="3A", begeleider=staff.andere_begeleider)
    maak(sessions, clock, staff, "Cas Claassen", klas="3B", leerjaar="4")
    maak(sessions, clock, staff, "Dina Dekker", klas="3B", begeleider=staff.andere_begeleider)


@pytest.mark.parametrize(
    ("key", "verwacht"),
    [
        ("mentor", ["Anna Aalbers", "Bram Bos"]),
        ("andere_mentor", ["Cas Claassen", "Dina Dekker"]),
        ("stagebegeleider", ["Anna Aalbers", "Cas Claassen"]),
        ("andere_begeleider", ["Bram Bos", "Dina Dekker"]),
        ("teamleider", ["Anna Aalbers", "Bram Bos", "Cas Claassen", "Dina Dekker"]),
    ],
)
def test_elke_rol_ziet_in_het_overzicht_alleen_wie_hij_mag_zien(
    client, sessions, school, key, verwacht
):
    log_in(client, sessions, key)

    assert namen(client.get("/overzicht").text) == verwacht


def test_de_filters_op_fase_leerjaar_klas_en_begeleider_werken_samen(
    client, sessions, staff, school
):
    log_in(client, sessions, "teamleider")

    assert namen(client.get("/overzicht?klas=3B").text) == ["Cas Claassen", "Dina Dekker"]
    assert namen(client.get("/overzicht?leerjaar=4").text) == ["Cas Claassen"]
    assert namen(client.get(f"/overzicht?begeleider={staff.andere_begeleider.id}").text) == [
        "Bram Bos",
        "Dina Dekker",
    ]
    assert namen(client.get("/overzicht?state=interne_stage&klas=3A").text) == [
        "Anna Aalbers",
        "Bram Bos",
    ]
    assert namen(client.get("/overzicht?state=entree").text) == []


def test_zoeken_op_naam_gaat_via_het_formulier_en_niet_via_de_url(client, sessions, school):
    csrf = log_in(client, sessions, "teamleider")

    response = client.post("/overzicht", data={"csrf_token": csrf, "zoek": "dEk"})

    assert namen(response.text) == ["Dina Dekker"]
    assert 'value="dEk"' in response.text
    assert "zoek=" not in response.text  # no link carries the search term
    assert client.post("/overzicht", data={"zoek": "dek"}).status_code == 403  # no CSRF token


def test_een_mentor_vindt_met_zoeken_geen_leerling_van_een_andere_klas(client, sessions, school):
    csrf = log_in(client, sessions, "mentor")

    response = client.post("/overzicht", data={"csrf_token": csrf, "zoek": "Dekker"})

    assert namen(response.text) == []
    assert "0 leerlingen" in response.text


def test_het_overzicht_bladert_per_50_en_houdt_de_zoekterm_in_het_formulier(
    client, sessions, clock, staff
):
    for i in range(55):
        maak(sessions, clock, staff, f"Leerling {i:02d}", klas="2C")
    maak(sessions, clock, staff, "Zoë Anders", klas="2C")
    csrf = log_in(client, sessions, "teamleider")

    eerste = client.get("/overzicht?klas=2C")
    tweede = client.get("/overzicht?klas=2C&pagina=2")
    gezocht = client.post(
        "/overzicht", data={"csrf_token": csrf, "zoek": "leerling", "pagina": "2"}
    )

    assert len(namen(eerste.text)) == 50
    assert "pagina 1 van 2" in eerste.text
    assert namen(tweede.text) == [f"Leerling {i}" for i in range(50, 55)] + ["Zoë Anders"]
    assert namen(gezocht.text) == [f"Leerling {i}" for i in range(50, 55)]
    vorige = gezocht.text.split('aria-label="Pagina\'s"')[1]
    assert 'method="post"' in vorige
    assert 'name="zoek" value="leerling"' in vorige


def test_het_overzicht_doet_een_vast_aantal_queries_hoeveel_leerlingen_er_ook_zijn(
    client, sessions, clock, staff
):
    """No N+1: the page costs the same number of statements for 3 or 40 leerlingen."""

    def statements():
        teller = []
        engine = client.app.state.engine
        luisteraar = lambda *args: teller.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", luisteraar)
        try:
            assert client.get("/overzicht").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", luisteraar)
        return len(teller)

    log_in(client, sessions, "teamleider")
    for i in range(3):
        maak(sessions, clock, staff, f"Eerste {i}", begeleider=staff.andere_begeleider)
    weinig = statements()
    for i in range(37):
        maak(sessions, clock, staff, f"Later {i}")

    assert statements() == weinig


@pytest.mark.parametrize("veld", ["zoek", "klas", "state", "leerjaar", "begeleider"])
def test_een_script_in_een_filterveld_komt_als_tekst_terug(client, sessions, school, veld):
    csrf = log_in(client, sessions, "teamleider")

    response = client.post("/overzicht", data={"csrf_token": csrf, veld: SCRIPT})

    assert response.status_code == 200
    assert SCRIPT not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_een_onbekende_fase_in_de_url_geeft_een_nederlandse_melding(client, sessions, school):
    log_in(client, sessions, "teamleider")

    response = client.get("/overzicht?state=bestaat_niet&begeleider=abc")

    assert "&#39;bestaat_niet&#39; is geen geldige keuze." in response.text
    assert "&#39;abc&#39; is geen nummer." in response.text


@pytest.mark.parametrize(
    ("key", "verwacht"),
    [("teamleider", ["2C", "3A", "3B"]), ("mentor", ["3A"]), ("andere_begeleider", ["3A", "3B"])],
)
def test_de_klassenlijst_van_het_filter_toont_alleen_de_klassen_die_de_rol_ziet(
    client, sessions, clock, staff, school, key, verwacht
):
    maak(sessions, clock, staff, "Eva Els", klas="2C")
    maak(sessions, clock, staff, "Fleur Zonder Klas", klas=None)

    log_in(client, sessions, key)
    html = client.get("/overzicht").text

    lijst = html.split('<datalist id="klassen">')[1].split("</datalist>")[0]
    assert re.findall(r'<option value="([^"]*)">', lijst) == verwacht


def test_de_lijst_laat_afgesloten_en_gewiste_leerlingen_weg_tenzij_gevraagd(
    client, sessions, clock, staff
):
    lopend = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Lies Lopend")
    dicht = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Dirk Dicht")
    gewist = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Gerda Gewist")
    with sessions.begin() as session:
        session.get(t.Leerling, dicht).state = "afgesloten"
        session.get(t.Leerling, gewist).gewist = clock.now()
    log_in(client, sessions, "teamleider")

    standaard = client.get("/overzicht").text
    alle = client.get("/overzicht?alle=1").text
    gekozen = client.get("/overzicht?state=afgesloten").text

    assert "Lies Lopend" in standaard
    assert "Dirk Dicht" not in standaard
    assert "Gerda Gewist" not in standaard
    assert all(naam in alle for naam in ("Lies Lopend", "Dirk Dicht", "Gerda Gewist"))
    assert "Dirk Dicht" in gekozen
    assert lopend


def test_de_kolommen_sorteren_en_de_csv_bevat_de_gefilterde_lijst(client, sessions, clock, staff):
    for naam, klas in (("Anna Aa", "3B"), ("Bert Bb", "3A"), ("Cor Cc", "2A")):
        nieuwe_leerling(sessions, clock, staff.teamleider, naam=naam, klas=klas)
    csrf = log_in(client, sessions, "teamleider")

    op_klas = client.get("/overzicht?sorteer=klas&richting=af").text
    csv = client.post(
        "/overzicht/export.csv", data={"csrf_token": csrf, "zoek": "b", "sorteer": "klas"}
    )

    assert op_klas.index("Anna Aa") < op_klas.index("Bert Bb") < op_klas.index("Cor Cc")
    assert 'aria-sort="descending"' in op_klas
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")
    regels = csv.text.lstrip("\ufeff").splitlines()
    assert regels[0] == "Naam;Klas;Leerjaar;Fase;Stagebegeleider"
    assert [r.split(";")[0] for r in regels[1:]] == ["Bert Bb"]


def _velden(formulier: str) -> dict[str, str]:
    """What submitting the form sends (hidden fields, text fields, the pressed button)."""
    velden = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', formulier))
    if 'name="alle" value="1" checked' not in formulier:
        velden.pop("alle", None)
    return velden


def _kop(html: str, sleutel: str) -> dict[str, str]:
    """The sorting form of a column heading."""
    formulieren = re.findall(r'<form method="post" action="/overzicht" class="sorteren">.*?</form>',
                             html, re.S)  # fmt: skip
    (formulier,) = [f for f in formulieren if f'name="sorteer" value="{sleutel}"' in f]
    return _velden(formulier)


def test_sorteren_na_een_zoekopdracht_houdt_de_zoekterm_en_de_filters(
    client, sessions, clock, staff
):
    for naam, klas in (
        ("Anna de Boer", "3B"),
        ("Bert Boersma", "3A"),
        ("Cor Boer", "2A"),  # another leerjaar: filtered out
        ("Dirk Dekker", "3A"),  # no match for the search
    ):
        nieuwe_leerling(sessions, clock, staff.teamleider, naam=naam, klas=klas, leerjaar=klas[0])
    csrf = log_in(client, sessions, "teamleider")
    gezocht = client.post("/overzicht", data={"csrf_token": csrf, "zoek": "boer", "leerjaar": "3"})
    assert namen(gezocht.text) == ["Anna de Boer", "Bert Boersma"]

    # the heading "Klas" is a form that carries the search and the filter along, never a link
    velden = _kop(gezocht.text, "klas")
    assert (velden["zoek"], velden["leerjaar"], velden["richting"]) == ("boer", "3", "op")
    assert "boer" not in " ".join(re.findall(r'href="([^"]*)"', gezocht.text))
    gesorteerd = client.post("/overzicht", data=velden).text

    assert namen(gesorteerd) == ["Bert Boersma", "Anna de Boer"]  # 3A before 3B
    assert 'aria-sort="ascending"' in gesorteerd
    # a second click turns the order around, the search and the filter still there
    omgekeerd = client.post("/overzicht", data=_kop(gesorteerd, "klas")).text
    assert namen(omgekeerd) == ["Anna de Boer", "Bert Boersma"]
    assert 'aria-sort="descending"' in omgekeerd
    # the CSV button submits the filter form: the search, the filter and the order as shown
    filters = re.search(r'<form method="post" action="/overzicht" class="filters">.*?</form>',
                        omgekeerd, re.S).group(0)  # fmt: skip
    formulier = _velden(filters)
    assert (formulier["zoek"], formulier["sorteer"], formulier["richting"]) == (
        "boer",
        "klas",
        "af",
    )
    assert '<option value="3" selected>' in filters
    csv = client.post("/overzicht/export.csv", data={**formulier, "leerjaar": "3"})
    regels = csv.text.lstrip("\ufeff").splitlines()
    assert [r.split(";")[0] for r in regels[1:]] == ["Anna de Boer", "Bert Boersma"]


def test_zonder_zoekterm_zijn_de_koppen_links_met_alle_filters(client, sessions, clock, staff):
    nieuwe_leerling(
        sessions, clock, staff.teamleider, naam="Anna Aa", klas="3B", leerjaar="3",
        stagebegeleider_id=staff.stagebegeleider.id,
    )  # fmt: skip
    log_in(client, sessions, "teamleider")

    html = client.get(f"/overzicht?leerjaar=3&klas=3B&begeleider={staff.stagebegeleider.id}&alle=1")

    (link,) = re.findall(r'href="(/overzicht\?[^"]*sorteer=klas[^"]*)"', html.text)
    assert "leerjaar=3" in link
    assert "klas=3B" in link
    assert f"begeleider={staff.stagebegeleider.id}" in link
    assert "alle=1" in link
