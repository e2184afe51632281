"""The groepsstage grid, the Entree hours, and the diagram pages."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from sqlalchemy import func, select

from tests.e2e.overzicht_builders import lopende_stage, maak, naar_groepsstage, uren
from tests.web import log_in
from trajectory.domain.snapshot import DAGDELEN
from trajectory.machines import STATE_LABELS
from trajectory.store import tables as t

SCRIPT = "<script>alert(1)</script>"


def telling(html):
    """{dagdeel: (bezet, capaciteit)} as the grid shows it."""
    gevonden = re.findall(
        r'<th scope="row">([a-z]+-[a-z]+)</th>\s*<td class="telling">(\d+) / (\d+)</td>', html
    )
    return {d.replace("-", "_"): (int(b), int(c)) for d, b, c in gevonden}


def test_het_groepsstagerooster_telt_per_dagdeel_wat_de_database_heeft(
    client, sessions, clock, staff
):
    for i in range(3):
        leerling = maak(sessions, clock, staff, f"Groep {i}", klas="3A")
        naar_groepsstage(sessions, clock, staff, leerling, ["ma_ochtend", "di_ochtend"][: i + 1])
    log_in(client, sessions, "teamleider")

    rooster = telling(client.get("/overzicht/groepsstage").text)

    with sessions() as session:
        database = dict(
            session.execute(
                select(t.GroepsstagePlek.dagdeel, func.count()).group_by(t.GroepsstagePlek.dagdeel)
            ).all()
        )
    assert set(rooster) == set(DAGDELEN)
    assert {d: b for d, (b, _) in rooster.items()} == {d: database.get(d, 0) for d in DAGDELEN}
    assert rooster["ma_ochtend"] == (3, 5)
    assert rooster["di_ochtend"] == (2, 5)


def test_in_het_rooster_ziet_een_mentor_alleen_namen_van_de_eigen_klas(
    client, sessions, clock, staff
):
    eigen = maak(sessions, clock, staff, "Eline Eigen", klas="3A")
    ander = maak(sessions, clock, staff, "Otto Ander", klas="3B")
    naar_groepsstage(sessions, clock, staff, eigen, ["wo_middag"])
    naar_groepsstage(sessions, clock, staff, ander, ["wo_middag"])
    log_in(client, sessions, "mentor")

    html = client.get("/overzicht/groepsstage").text

    rij = html.split('<th scope="row">wo-middag</th>')[1].split("</tr>")[0]
    assert f'href="/leerlingen/{eigen}">Eline Eigen<' in rij
    assert "Otto Ander" not in html
    assert rij.count("<span>bezet</span>") == 1
    assert rij.count("<span>vrij</span>") == 3
    assert telling(html)["wo_middag"] == (2, 5)


def test_een_plaats_boven_de_capaciteit_staat_als_zodanig_in_het_rooster(
    client, sessions, clock, staff
):
    for i in range(6):  # the sixth by the teamleider's override
        leerling = maak(sessions, clock, staff, f"Groep {i}", klas="3A")
        naar_groepsstage(sessions, clock, staff, leerling, ["vr_ochtend"])
    log_in(client, sessions, "teamleider")

    html = client.get("/overzicht/groepsstage").text

    assert telling(html)["vr_ochtend"] == (6, 5)
    assert html.count("boven capaciteit</span>") == 1


def entree_volgorde(html):
    return re.findall(r'href="/leerlingen/\d+">(Entree [A-Z])<', html)


def test_entree_toont_de_uren_tegen_de_lijn_met_wie_achterloopt_bovenaan(
    client, sessions, clock, staff
):
    clock.set(date(2024, 8, 26))  # the first school day of 2024-2025: the line starts here
    start = clock.now().date()
    leerlingen = {}
    for letter in "ABC":
        leerlingen[letter] = maak(sessions, clock, staff, f"Entree {letter}", klas="E1")
        lopende_stage(sessions, clock, staff, leerlingen[letter], leerjaar="entree")
    clock.advance(days=28)  # four weeks: the line asks for 84 hours
    uren(sessions, clock, staff, leerlingen["A"], start, dagen=20, per_dag=6)  # 120: ahead
    uren(sessions, clock, staff, leerlingen["B"], start, dagen=20, per_dag=3)  # 60: 24 behind
    uren(sessions, clock, staff, leerlingen["C"], start, dagen=10, per_dag=2)  # 20: 64 behind
    maak(sessions, clock, staff, "Niet Entree", klas="E1")
    log_in(client, sessions, "teamleider")

    html = client.get("/overzicht/entree").text

    assert entree_volgorde(html) == ["Entree C", "Entree B", "Entree A"]
    assert "Niet Entree" not in html
    rij_a = html.split("Entree A<")[1].split("</tr>")[0]
    assert ">120.0<" in rij_a
    assert ">84.0<" in rij_a
    assert "op schema" in rij_a
    assert "achter" in html.split("Entree C<")[1].split("</tr>")[0]


def test_de_lijn_stopt_bij_650_en_wie_650_uren_heeft_heeft_ze_gehaald(
    client, sessions, clock, staff
):
    clock.set(date(2024, 8, 26))
    start = clock.now().date()
    leerling = maak(sessions, clock, staff, "Entree A", klas="E1")
    lopende_stage(sessions, clock, staff, leerling, leerjaar="entree")
    clock.set(date(2025, 6, 2))  # 36 school weeks: 21 × 36 = 756 > 650
    uren(sessions, clock, staff, leerling, start, dagen=100, per_dag=7.34)  # 734
    log_in(client, sessions, "teamleider")

    rij = client.get("/overzicht/entree").text.split("Entree A<")[1].split("</tr>")[0]

    assert ">734.0<" in rij
    assert ">650.0<" in rij
    assert "gehaald" in rij
    assert "achter" not in rij


def test_een_begeleider_ziet_in_entree_alleen_de_eigen_leerlingen(client, sessions, clock, staff):
    eigen = maak(sessions, clock, staff, "Entree A", klas="E1")
    ander = maak(sessions, clock, staff, "Entree B", klas="E1", begeleider=staff.andere_begeleider)
    for leerling in (eigen, ander):
        lopende_stage(sessions, clock, staff, leerling, leerjaar="entree")
    log_in(client, sessions, "stagebegeleider")

    assert entree_volgorde(client.get("/overzicht/entree").text) == ["Entree A"]


def test_de_cohortpagina_toont_het_diagram_en_telt_zoals_de_database(
    client, sessions, clock, staff
):
    for i in range(3):
        leerling = maak(sessions, clock, staff, f"Cohort {i}", klas="3A")
        if i:
            naar_groepsstage(sessions, clock, staff, leerling, ["ma_middag"])
    maak(sessions, clock, staff, "Ander Jaar", klas="4A", leerjaar="4")
    log_in(client, sessions, "teamleider")

    html = client.get("/overzicht/cohort?schooljaar=2024-2025&leerjaar=3").text

    assert '<svg xmlns="http://www.w3.org/2000/svg" class="stroomplaat"' in html
    assert 'data-van="Stagevoorbereiding" data-naar="Oriëntatie" data-aantal="2"' in html
    assert 'href="/api/diagrammen/cohort.svg?leerjaar=3&amp;van=2024-08-01' in html
    with sessions() as session:
        database = Counter(
            session.scalars(select(t.Leerling.state).where(t.Leerling.leerjaar == "3"))
        )
    tabel = dict(re.findall(r"<tr><td>([^<]+)</td><td class=\"getal\">(\d+)</td></tr>", html))
    assert {label: int(n) for label, n in tabel.items() if int(n)} == {
        STATE_LABELS[s]: n for s, n in database.items()
    }
    assert "Cohort 1" not in html  # counts only: no names on the meeting screen
    svg = client.get("/api/diagrammen/cohort.svg?leerjaar=3").text
    assert "Cohort 1" not in svg


def test_de_cohortpagina_kiest_de_leerlingen_van_een_begeleider(client, sessions, clock, staff):
    eigen = maak(sessions, clock, staff, "Eigen", klas="3A")
    ander = maak(sessions, clock, staff, "Ander", klas="3A", begeleider=staff.andere_begeleider)
    for leerling in (eigen, ander):
        naar_groepsstage(sessions, clock, staff, leerling, ["ma_middag"])
    log_in(client, sessions, "teamleider")

    html = client.get(f"/overzicht/cohort?begeleider={staff.stagebegeleider.id}").text

    assert 'data-van="Stagevoorbereiding" data-naar="Oriëntatie" data-aantal="1"' in html
    assert f'<option value="{staff.stagebegeleider.id}" selected>' in html


def test_zonder_graphviz_tonen_de_diagrampaginas_toch_een_plaatje(
    client, sessions, staff, monkeypatch, tmp_path
):
    log_in(client, sessions, "mentor")
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` on this PATH

    for pad in ("/overzicht/cohort", "/overzicht/traject"):
        html = client.get(pad).text
        assert re.search(r'<figure class="plaat">\s*<svg ', html), pad
        assert "stateDiagram-v2" not in html
        assert ".png" not in html  # the PNG needs Graphviz: not offered


def test_de_trajectpagina_toont_het_hele_traject_als_plaatje_om_te_downloaden(
    client, sessions, staff
):
    log_in(client, sessions, "stagebegeleider")

    html = client.get("/overzicht/traject").text

    assert '<svg xmlns="http://www.w3.org/2000/svg" class="toestandsplaat"' in html
    assert 'data-toestand="stage_zoeken"' in html
    assert 'href="/api/diagrammen/trajectory.svg" download' in html
    assert (
        client.get("/api/diagrammen/trajectory.svg")
        .headers["content-type"]
        .startswith("image/svg+xml")
    )


def test_de_trajectpagina_toont_het_traject_ook_fase_voor_fase(client, sessions, staff):
    log_in(client, sessions, "mentor")

    html = client.get("/overzicht/traject", params={"fase": "Oriëntatie"}).text
    onbekend = client.get("/overzicht/traject", params={"fase": "<b>x</b>"})

    assert 'aria-current="page">Oriëntatie</a>' in html
    assert 'data-toestand="stage_zoeken"' in html
    assert 'data-toestand="interne_stage"' not in html  # not a destination from Oriëntatie
    assert '<g class="toestand doel" data-toestand="verdieping">' in html
    assert onbekend.status_code == 200
    assert 'data-toestand="interne_stage"' in onbekend.text  # the whole trajectory instead


def test_een_script_in_de_klas_van_de_cohortpagina_komt_als_tekst_terug(client, sessions, staff):
    log_in(client, sessions, "teamleider")

    response = client.get("/overzicht/cohort", params={"klas": SCRIPT, "leerjaar": SCRIPT})

    assert response.status_code == 200
    assert "<script" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text  # the leerjaar's message
    assert 'value="&lt;script&gt;alert(1)&lt;/sc"' in response.text  # klas, cut at 20


def test_de_paginas_gaan_uit_van_vandaag_in_het_huidige_schooljaar(client, sessions, staff):
    log_in(client, sessions, "teamleider")

    html = client.get("/overzicht/cohort").text

    assert '<option value="2024-2025" selected>' in html
    assert "van=2024-08-01&amp;tot=2025-07-31" in html
