"""The pictures drawn in Python: the layout keeps arrows out of the boxes, the path shows
only what the leerling passed and can do now, the cohort counts each leerling once."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from diagrams import indeling, sankey, stroom
from diagrams.views import Open, Stap, Weigering, pad_schets, pad_svg, traject_schets

SVG = "{http://www.w3.org/2000/svg}"


def test_geen_pijl_van_het_hele_traject_loopt_door_een_vak():
    tekening = indeling.indeel(traject_schets())
    rechts = max(v.kader.x + v.kader.breedte for v in tekening.vakken)

    for pijl in tekening.pijlen:
        assert all(x >= rechts for x, _ in pijl.punten), pijl.sleutel


def test_twee_pijlen_delen_alleen_een_baan_als_ze_elkaar_niet_overlappen():
    tekening = indeling.indeel(traject_schets())
    banen: dict[float, list[tuple[float, float]]] = {}
    for pijl in tekening.pijlen:
        if pijl.sleutel[1] == pijl.sleutel[2]:
            continue  # a step back into its own state: a small loop beside its box
        (_, y0), (x, _), _, (_, y1) = pijl.punten
        banen.setdefault(x, []).append((min(y0, y1), max(y0, y1)))

    for spannen in banen.values():
        spannen.sort()
        for (_, eind), (begin, _) in zip(spannen, spannen[1:], strict=False):
            assert eind < begin


def test_het_pad_toont_alleen_de_doorlopen_fasen_en_waar_de_open_stappen_heen_gaan():
    schets = pad_schets(
        3,
        [Stap("interne_stage_afronden", "interne_stage", "snuffelstage")],
        "snuffelstage",
        [Open("snuffelstage_afronden", "stage_advies", ("snuffelstage_beoordeeld",))],
    )

    assert [fase for fase, _ in schets.fasen] == ["Stagevoorbereiding"]
    vakken = {v.state: v for _, vs in schets.fasen for v in vs}
    assert {s: v.stijl for s, v in vakken.items()} == {
        "interne_stage": "bezocht",
        "snuffelstage": "huidig",
        "stage_advies": "doel",
    }
    (open_stap,) = vakken["snuffelstage"].stappen
    assert open_stap.stijl == "geblokkeerd"
    assert open_stap.toelichting == "nog niet: 3 criteria beoordeeld"


def test_een_geweigerde_stap_die_nooit_genomen_werd_staat_als_tekst_in_zijn_vak():
    svg = pad_svg(
        4,
        [
            Stap("interne_stage_afronden", "interne_stage", "snuffelstage"),
            Stap("snuffelstage_afronden", "snuffelstage", "stage_advies"),
            Stap("advies_groepsstage", "stage_advies", "groepsstage", doorgezet=True),
        ],
        "groepsstage",
        weigeringen=[Weigering("advies_zelfstandig", "stage_advies")] * 2,
    )
    vak = next(
        g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("data-toestand") == "stage_advies"
    )
    tekst = " | ".join(vak.itertext())

    assert "3. Advies: groepsstage → Groepsstage" in tekst
    assert "doorgezet door de teamleider" in tekst
    assert "Advies: zelfstandig stagelopen: 2× geweigerd" in tekst


def test_de_cohortstroom_telt_elke_leerling_een_keer_per_paar_fasen_en_niet_binnen_een_fase():
    telling = stroom.stroom(
        "Stroom",
        ["verdieping", "uitgevallen"],
        [
            (1, "stage_advies", "stage_zoeken"),
            (1, "stage_zoeken", "individuele_stage"),  # inside Oriëntatie: no flow
            (1, "individuele_stage", "uitgevallen"),
            (1, "uitgevallen", "stage_zoeken"),
            (1, "stage_zoeken", "individuele_stage"),
            (1, "individuele_stage", "uitgevallen"),  # the same pair again: still one
            (2, "stage_advies", "groepsstage"),
        ],
    )

    assert telling.wissels == (
        ("Stagevoorbereiding", "Oriëntatie", 2),
        ("Oriëntatie", "Uitval", 1),
        ("Uitval", "Oriëntatie", 1),
    )
    assert dict(telling.nu) == {
        "Stagevoorbereiding": 0,
        "Oriëntatie": 0,
        "Verdieping": 1,
        "Entree": 0,
        "Uitval": 1,
        "Uitstroom": 0,
        "Nazorg": 0,
    }


def test_de_banden_van_de_cohortstroom_zijn_zo_breed_als_hun_aantal():
    telling = stroom.stroom(
        "Stroom",
        [],
        [(i, "stage_advies", "stage_zoeken") for i in range(6)]
        + [(i, "stage_zoeken", "verdieping") for i in range(3)],
    )
    svg = ET.fromstring(sankey.svg(telling))
    hoogte = {}
    for band in svg.iter(f"{SVG}path"):
        getallen = [
            float(d.split(",")[1]) for d in band.get("d").replace("M", "").split() if "," in d
        ]
        hoogte[band.get("data-naar")] = getallen[-1] - getallen[0]

    assert hoogte["Oriëntatie"] == 2 * hoogte["Verdieping"]
    assert "Geen wissels" in sankey.svg(stroom.stroom("Leeg", [], []))


def test_een_stap_die_de_nieuwe_versie_niet_meer_kent_staat_toch_in_het_pad():
    """A migrated leerling's history may hold an edge the version's table no longer has."""
    svg = pad_svg(
        5,
        [Stap("sector_kiezen", "snuffelstage", "stage_advies")],  # no such edge in any version
        "stage_advies",
    )

    assert "1. Sector kiezen → Voorlopig stage-advies" in " ".join(ET.fromstring(svg).itertext())


def test_per_fase_toont_het_traject_die_fase_met_haar_stappen_en_waar_ze_heen_gaan():
    schets = traject_schets(fase="Verdieping")

    vakken = {v.state: v for _, vs in schets.fasen for v in vs}
    assert {s: v.stijl for s, v in vakken.items()} == {
        "verdieping": "gewoon",
        "uitgevallen": "doel",
        "uitstroom": "doel",
    }
    assert len(vakken["verdieping"].stappen) == 3
    assert schets.titel.endswith(": Verdieping")
