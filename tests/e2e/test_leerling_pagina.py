"""The leerling page over HTTP: steps as buttons, forms, refusals, conflicts and access."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from sqlalchemy import select

from tests.integration.builders import (
    als_entree_leerling,
    breng_naar,
    leg_vast,
    nieuwe_leerling,
    versie,
)
from tests.web import log_in
from trajectory.store import tables as t

VOLDOENDE_INTERN = {"soort": "interne_stage", "uitslag": "voldoende"}


@pytest.fixture
def leerling(sessions, clock, staff):
    """A leerling of the stagebegeleider in class 3A (the mentor's class)."""
    return nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )


def tekst(html: str) -> str:
    """The page's visible text, roughly: tags out, entities decoded, spaces squeezed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def stap_blok(html: str, trigger: str) -> str:
    match = re.search(
        rf'<li class="stap [a-z]+" id="stap-{trigger}">(.*?)</li>'
        r'\s*(?=<li class="stap|</ul>\s*</section>)',
        html,
        re.S,
    )
    assert match, f"no step {trigger} on the page"
    return match.group(1)


def post(client, url, csrf, **data):
    return client.post(url, data={"csrf_token": csrf, **data}, follow_redirects=False)


def test_een_geblokkeerde_stap_is_een_uitgeschakelde_knop_met_de_reden(client, sessions, leerling):
    log_in(client, sessions, "stagebegeleider")

    html = client.get(f"/leerlingen/{leerling}").text

    blok = stap_blok(html, "interne_stage_afronden")
    assert re.search(r"<button type=\"button\" disabled[^>]*>Interne stage afronden</button>", blok)
    assert "De beoordeling van de interne stage (kantinedienst) is nog niet vastgelegd." in blok
    assert "<form" not in blok  # no way to send it, and no "toch doorzetten" for this role


def test_een_beoordeling_vastleggen_en_de_stap_zetten_staat_in_de_tijdlijn(
    client, sessions, leerling
):
    csrf = log_in(client, sessions, "stagebegeleider")

    response = post(
        client, f"/leerlingen/{leerling}/vastleggen/beoordeling", csrf, **VOLDOENDE_INTERN
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/leerlingen/{leerling}?gelukt=beoordeling"
    html = client.get(response.headers["location"]).text
    assert "De beoordeling is vastgelegd." in tekst(html)
    blok = stap_blok(html, "interne_stage_afronden")
    assert "disabled" not in blok

    response = post(
        client,
        f"/leerlingen/{leerling}/stappen/interne_stage_afronden",
        csrf,
        version=str(versie(sessions, leerling)),
    )

    assert response.status_code == 303
    pagina = tekst(client.get(response.headers["location"]).text)
    assert "De stap 'Interne stage afronden' is gezet." in pagina
    assert "Fase Snuffelstage (Stagevoorbereiding)" in pagina
    tijdlijn = pagina.split("Tijdlijn", 1)[1]
    nieuwste = tijdlijn.split("Stan Begeleider (stagebegeleider)", 2)
    assert "Interne stage afronden: van Interne stage naar Snuffelstage" in nieuwste[1]
    assert "Vastgelegd: beoordeling" in tijdlijn


def test_een_geweigerde_stap_toont_de_pagina_opnieuw_met_de_redenen(client, sessions, leerling):
    csrf = log_in(client, sessions, "stagebegeleider")

    response = post(
        client,
        f"/leerlingen/{leerling}/stappen/interne_stage_afronden",
        csrf,
        version=str(versie(sessions, leerling)),
    )

    assert response.status_code == 409
    pagina = tekst(response.text)
    assert "Deze stap kan nog niet." in pagina
    assert "Geweigerd: Interne stage afronden" in pagina  # the refusal is in the timeline
    assert "nog niet vastgelegd" in pagina.split("Tijdlijn", 1)[1]
    stap = tekst(stap_blok(response.text, "interne_stage_afronden"))
    assert stap.count("nog niet vastgelegd") == 1  # said once, at its form: not plain and red


def test_de_teamleider_ziet_de_redenen_van_een_weigering_een_keer(client, sessions, leerling):
    csrf = log_in(client, sessions, "teamleider")

    response = post(
        client,
        f"/leerlingen/{leerling}/stappen/interne_stage_afronden",
        csrf,
        version=str(versie(sessions, leerling)),
    )

    assert response.status_code == 409
    stap = tekst(stap_blok(response.text, "interne_stage_afronden"))
    assert stap.count("nog niet vastgelegd") == 1


def test_de_teamleider_zet_een_geblokkeerde_stap_toch_door_met_een_motivatie(
    client, sessions, leerling
):
    csrf = log_in(client, sessions, "teamleider")
    html = client.get(f"/leerlingen/{leerling}").text
    assert "Toch doorzetten (teamleider)" in stap_blok(html, "interne_stage_afronden")

    response = post(
        client,
        f"/leerlingen/{leerling}/stappen/interne_stage_afronden",
        csrf,
        version=str(versie(sessions, leerling)),
        motivatie="Beoordeling zit nog op papier; besproken in het stageteam.",
    )

    assert response.status_code == 303
    pagina = tekst(client.get(response.headers["location"]).text)
    assert "(toch doorgezet)" in pagina
    assert "De stap 'Interne stage afronden' is toch doorgezet" in pagina
    assert "Motivatie: Beoordeling zit nog op papier; besproken in het stageteam." in pagina
    assert "Bezwaren die zijn overruled:" in pagina


def test_een_te_korte_motivatie_wordt_geweigerd_met_de_reden_naast_het_veld(
    client, sessions, leerling
):
    csrf = log_in(client, sessions, "teamleider")
    voor = versie(sessions, leerling)

    response = post(
        client,
        f"/leerlingen/{leerling}/stappen/interne_stage_afronden",
        csrf,
        version=str(voor),
        motivatie="omdat",
    )

    assert response.status_code == 422
    veld = re.search(
        r'<textarea id="interne_stage_afronden--motivatie"[^>]*aria-invalid="true"[^>]*>'
        r"omdat</textarea>\s*"
        r'<ul class="veld-fout" id="interne_stage_afronden--motivatie--fout">'
        r"<li>([^<]+)</li>",
        response.text,
    )
    assert veld, "the motivation with its message next to it"
    assert "minstens 10 tekens" in veld.group(1)
    assert versie(sessions, leerling) == voor


def test_een_verouderde_pagina_geeft_de_melding_dat_iemand_anders_iets_wijzigde(
    client, sessions, clock, staff, leerling
):
    csrf = log_in(client, sessions, "stagebegeleider")
    gezien = versie(sessions, leerling)
    leg_vast(sessions, clock, staff.stagebegeleider, leerling, "beoordeling", **VOLDOENDE_INTERN)
    breng_naar(sessions, clock, staff.teamleider, leerling, "snuffelstage")

    response = post(
        client,
        f"/leerlingen/{leerling}/stappen/interne_stage_afronden",
        csrf,
        version=str(gezien),
    )

    assert response.status_code == 409
    assert response.headers["content-type"].startswith("text/html")
    pagina = tekst(response.text)
    assert "Iemand anders heeft deze leerling intussen gewijzigd." in pagina
    assert "Fase Snuffelstage" in pagina  # the fresh page
    assert 'id="stap-snuffelstage_afronden"' in response.text


ALLE_POSTS = [
    *(
        f"vastleggen/{kind}"
        for kind in (
            "beoordeling",
            "noa_test",
            "vragenlijst",
            "basisvaardigheden",
            "overleg",
            "plaatsing",
            "stage_overeenkomst",
            "rooster",
            "uren",
            "bezoek",
            "praktijkopdracht",
        )
    ),
    "stappen/interne_stage_afronden",
    "stappen/uitvallen",
]


@pytest.mark.parametrize("wie", ["andere_mentor", "andere_begeleider"])
def test_wie_de_leerling_niet_mag_zien_krijgt_404_voor_de_pagina_en_elk_formulier(
    client, sessions, leerling, wie
):
    csrf = log_in(client, sessions, wie)

    assert client.get(f"/leerlingen/{leerling}").status_code == 404
    for pad in ALLE_POSTS:
        response = post(
            client,
            f"/leerlingen/{leerling}/{pad}",
            csrf,
            soort="mentor",
            uitslag="voldoende",
            version="1",
            motivatie="Een motivatie die lang genoeg is.",
            reden="weg",
        )
        assert response.status_code == 404, pad
        assert "Sem de Vries" not in response.text
    assert versie(sessions, leerling) == 1


def test_een_formulierfout_houdt_vast_wat_er_getypt_is(client, sessions, clock, staff, leerling):
    breng_naar(sessions, clock, staff.teamleider, leerling, "stage_zoeken")
    csrf = log_in(client, sessions, "stagebegeleider")

    response = post(
        client,
        f"/leerlingen/{leerling}/vastleggen/plaatsing",
        csrf,
        bedrijf="Bakkerij De Korenschoof",
        startdatum="3 maart",
        afstand_km="4,5",
        dagdelen=["ma_ochtend", "di_middag"],
        kassawerk="on",
    )

    assert response.status_code == 422
    html = response.text
    assert 'value="Bakkerij De Korenschoof"' in html
    assert 'value="3 maart"' in html
    assert 'value="4,5"' in html
    assert re.search(r'value="ma_ochtend" checked', html)
    assert re.search(r'value="di_middag" checked', html)
    assert re.search(r'id="plaatsing--kassawerk" name="kassawerk" value="on" checked', html)
    assert re.search(r'id="plaatsing--sector--fout"><li>Vul dit in.</li>', html)
    assert re.search(r'id="plaatsing--startdatum--fout"><li>Dit is geen datum', html)
    assert '<details class="invullen" open>\n    <summary>Stageplaats regelen' in html


def test_een_stap_met_gegevens_noemt_het_ontbrekende_veld(client, sessions, clock, staff, leerling):
    breng_naar(sessions, clock, staff.teamleider, leerling, "groepsstage")
    csrf = log_in(client, sessions, "stagebegeleider")

    response = post(
        client,
        f"/leerlingen/{leerling}/stappen/uitvallen",
        csrf,
        version=str(versie(sessions, leerling)),
        code="overig",
        reden="   ",
    )

    assert response.status_code == 422
    assert re.search(r'id="uitvallen--reden--fout"><li>Vul dit in.</li>', response.text)

    response = post(
        client,
        f"/leerlingen/{leerling}/stappen/uitvallen",
        csrf,
        version=str(versie(sessions, leerling)),
        reden="Kwam drie weken niet opdagen.",
    )
    assert response.status_code == 303
    pagina = tekst(client.get(response.headers["location"]).text)
    assert "Fase Uitgevallen" in pagina
    assert "Kwam drie weken niet opdagen." in pagina


def test_de_mentor_ziet_het_traject_alleen_en_legt_alleen_eigen_beoordelingen_vast(
    client, sessions, leerling
):
    csrf = log_in(client, sessions, "mentor")

    html = client.get(f"/leerlingen/{leerling}").text

    assert "/stappen/" not in html  # no step can be sent
    soorten = re.search(r'<select id="beoordeling--soort".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="([a-z_]+)"', soorten) == ["mentor", "docentenadvies"]
    assert "/vastleggen/noa_test" not in html
    response = post(
        client,
        f"/leerlingen/{leerling}/vastleggen/beoordeling",
        csrf,
        soort="mentor",
        uitslag="voldoende",
        toelichting="Gaat goed in de klas.",
    )
    assert response.status_code == 303
    response = post(
        client,
        f"/leerlingen/{leerling}/vastleggen/beoordeling",
        csrf,
        soort="interne_stage",
        uitslag="voldoende",
    )
    assert response.status_code == 403
    assert "Met uw rol kunt u dit niet vastleggen." in tekst(response.text)


def test_een_onwettig_rooster_wordt_geweigerd_met_de_redenen_van_de_arbeidstijdenwet(
    client, sessions, clock, staff
):
    leerling = nieuwe_leerling(
        sessions,
        clock,
        staff.teamleider,
        leerjaar="3",
        klas="3A",
        stagebegeleider_id=staff.stagebegeleider.id,
    )
    breng_naar(sessions, clock, staff.teamleider, leerling, "stage_zoeken")
    csrf = log_in(client, sessions, "teamleider")
    response = post(
        client,
        f"/leerlingen/{leerling}/vastleggen/plaatsing",
        csrf,
        bedrijf="Tuincentrum Groen",
        sector="04",
        startdatum="2025-03-03",
        afstand_km="3",
    )
    assert response.status_code == 303
    response = post(
        client,
        f"/leerlingen/{leerling}/stappen/stage_starten",
        csrf,
        version=str(versie(sessions, leerling)),
        motivatie="Contract volgt, besproken met ouders.",
    )
    assert response.status_code == 303

    response = post(
        client,
        f"/leerlingen/{leerling}/vastleggen/rooster",
        csrf,
        **{"dagen.maandag.start": "12:00", "dagen.maandag.eind": "21:00"},
        **{"dagen.maandag.pauzes": "30"},
    )

    assert response.status_code == 409
    fouten = tekst(
        re.search(r'<ul class="fout" role="alert">(.*?)</ul>', response.text, re.S).group(1)
    )
    assert fouten.startswith("Dit rooster kan niet:")
    assert "19:00" in fouten
    assert 'name="dagen.maandag.eind" value="21:00"' in response.text


def test_zonder_graphviz_staat_het_pad_toch_als_plaatje_op_de_pagina(
    client, sessions, clock, staff, leerling, monkeypatch, tmp_path
):
    breng_naar(sessions, clock, staff.teamleider, leerling, "snuffelstage")
    log_in(client, sessions, "stagebegeleider")
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without Graphviz's `dot`

    html = client.get(f"/leerlingen/{leerling}").text

    plaatje = re.search(r'<div class="pad-plaatje">\s*(<svg .*?</svg>)', html, re.S)
    assert plaatje is not None
    assert 'data-toestand="snuffelstage"' in plaatje.group(1)
    assert "1. Interne stage afronden → Snuffelstage" in plaatje.group(1)
    assert "mermaid" not in html.lower()


def test_het_pad_staat_als_plaatje_met_de_stappen_als_tekst(
    client, sessions, clock, staff, leerling
):
    breng_naar(sessions, clock, staff.teamleider, leerling, "snuffelstage")
    log_in(client, sessions, "stagebegeleider")

    html = client.get(f"/leerlingen/{leerling}").text

    assert '<g class="toestand huidig" data-toestand="snuffelstage">' in html
    assert client.get(f"/api/leerlingen/{leerling}/pad.svg").status_code == 200
    stappen = re.search(r'<ol class="pad-stappen">(.*?)</ol>', html, re.S).group(1)
    assert tekst(stappen) == (
        "Interne stage afronden: van Interne stage naar Snuffelstage (doorgezet)"
    )


def test_een_datum_in_de_toekomst_staat_als_fout_naast_het_datumveld(client, sessions, leerling):
    csrf = log_in(client, sessions, "stagebegeleider")

    response = post(
        client,
        f"/leerlingen/{leerling}/vastleggen/beoordeling",
        csrf,
        datum="2025-03-04",
        toelichting="Morgen pas",
        **VOLDOENDE_INTERN,
    )

    assert response.status_code == 422
    assert re.search(r'id="beoordeling--datum--fout"><li>Ligt in de toekomst.</li>', response.text)
    assert "Morgen pas</textarea>" in response.text
    assert re.search(r'<option value="interne_stage" selected>', response.text)


def test_in_entree_staan_de_uren_tegen_de_lijn_van_21_uur_per_week(client, sessions, clock, staff):
    leerling = nieuwe_leerling(
        sessions,
        clock,
        staff.teamleider,
        leerjaar="entree",
        klas="3A",
        geboortedatum=date(2008, 5, 1),
        stagebegeleider_id=staff.stagebegeleider.id,
    )
    breng_naar(sessions, clock, staff.teamleider, leerling, "stage_zoeken")
    als_entree_leerling(sessions, leerling)
    csrf = log_in(client, sessions, "teamleider")
    post(
        client,
        f"/leerlingen/{leerling}/vastleggen/plaatsing",
        csrf,
        bedrijf="Hotel De Linde",
        sector="03",
        startdatum="2025-03-03",
    )
    response = post(
        client,
        f"/leerlingen/{leerling}/stappen/stage_starten",
        csrf,
        version=str(versie(sessions, leerling)),
        motivatie="Contract volgt, besproken met ouders.",
    )
    assert response.status_code == 303
    response = post(
        client,
        f"/leerlingen/{leerling}/vastleggen/uren",
        csrf,
        uren="6",
        datum="2025-03-03",
        toelichting="Eerste dag",
    )
    assert response.status_code == 303

    pagina = tekst(client.get(response.headers["location"]).text)

    assert "Fase Entree (Entree)" in pagina
    assert "Entree-uren 6.0 uur geregistreerd" in pagina


def test_een_vastlegging_die_niet_bij_de_fase_past_wordt_met_de_reden_geweigerd(
    client, sessions, leerling
):
    csrf = log_in(client, sessions, "stagebegeleider")

    response = post(
        client, f"/leerlingen/{leerling}/vastleggen/bezoek", csrf, notitie="Goed bezoek."
    )

    assert response.status_code == 409
    melding = re.search(r'<p class="fout" role="alert">(.*?)</p>', response.text, re.S).group(1)
    assert tekst(melding) == (
        "Dit kan nu niet worden vastgelegd: 'Stagebezoek' kan alleen tijdens een lopende stage."
    )


def test_het_stageplaatsformulier_legt_de_toezichthouder_en_de_werkzaamheden_vast(
    client, sessions, clock, staff
):
    """Issue 15 items 8, 9: the form takes the new fields, bounded, with a Dutch error."""
    leerling = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, staff.teamleider, leerling, "stage_zoeken")
    csrf = log_in(client, sessions, "stagebegeleider")
    velden = {
        "bedrijf": "Kwekerij Groen",
        "sector": "04",
        "startdatum": "2025-03-10",
        "gedwongen_houding": "on",
        "gewasbeschermingsmiddelen": "on",
        "toezichthouder_18_plus": "on",
        "toezichthouder_direct_beschikbaar": "on",
    }

    te_lang = post(
        client,
        f"/leerlingen/{leerling}/vastleggen/plaatsing",
        csrf,
        toezichthouder="x" * 201,
        **velden,
    )
    goed = post(
        client,
        f"/leerlingen/{leerling}/vastleggen/plaatsing",
        csrf,
        toezichthouder="Jan Bakker",
        **velden,
    )

    assert te_lang.status_code == 422
    assert 'id="plaatsing--toezichthouder--fout"' in te_lang.text
    assert goed.status_code == 303
    with sessions() as session:
        (rij,) = session.scalars(
            select(t.Plaatsing).where(t.Plaatsing.leerling_id == leerling)
        ).all()
    assert (rij.toezichthouder, rij.toezichthouder_18_plus) == ("Jan Bakker", True)
    assert (rij.gedwongen_houding, rij.gewasbeschermingsmiddelen) == (True, True)
    assert rij.toezichthouder_direct_beschikbaar


# --- the records the stagebeleidsplan names (issue #15) -----------------------------------


def test_de_pagina_biedt_de_nieuwe_vastleggingen_in_de_voorbereiding_aan(
    client, sessions, leerling
):
    log_in(client, sessions, "stagebegeleider")
    html = client.get(f"/leerlingen/{leerling}").text
    for kind in ("doelen", "bedrijfsbezoek", "vragenlijst"):
        assert f'action="/leerlingen/{leerling}/vastleggen/{kind}"' in html, kind
    for veld in ("interesses", "belemmeringen", "voorkeuren"):
        assert f'name="{veld}"' in html


def test_leerdoelen_zonder_doelen_worden_in_het_nederlands_geweigerd(client, sessions, leerling):
    csrf = log_in(client, sessions, "stagebegeleider")
    response = post(client, f"/leerlingen/{leerling}/vastleggen/doelen", csrf, soort="leerdoelen",
                    afgesproken_met_leerling="ja")  # fmt: skip
    assert response.status_code == 422
    assert "Vul dit in." in tekst(response.text)

    response = post(client, f"/leerlingen/{leerling}/vastleggen/doelen", csrf, soort="leerdoelen",
                    doelen="Op tijd komen", afgesproken_met_leerling="ja")  # fmt: skip
    assert response.status_code == 303
    assert response.headers["location"] == f"/leerlingen/{leerling}?gelukt=doelen"


def test_een_stageplaats_met_een_onwettig_rooster_zegt_dat_meteen(client, sessions, clock, staff):
    leerling = nieuwe_leerling(
        sessions, clock, staff.teamleider, leerjaar="3", klas="3A",
        stagebegeleider_id=staff.stagebegeleider.id,
    )  # fmt: skip
    breng_naar(sessions, clock, staff.teamleider, leerling, "stage_zoeken")
    csrf = log_in(client, sessions, "stagebegeleider")

    response = post(
        client,
        f"/leerlingen/{leerling}/vastleggen/plaatsing",
        csrf,
        bedrijf="Tuincentrum Groen",
        sector="04",
        startdatum="2025-03-10",
        afstand_km="3",
        **{"rooster.maandag.start": "12:00", "rooster.maandag.eind": "21:00"},
        **{"rooster.maandag.pauzes": "30"},
    )

    assert response.status_code == 303
    pagina = tekst(client.get(response.headers["location"]).text)
    assert "De stageplaats is opgeslagen, maar het rooster mag zo niet." in pagina
    assert "19:00" in pagina.split("Stappen vanuit", 1)[0]  # said at the top, not only later
    with sessions() as session:
        assert session.scalar(select(t.Plaatsing.id).where(t.Plaatsing.leerling_id == leerling))
