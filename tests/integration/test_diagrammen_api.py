"""Diagrams over the API: a leerling's path from the audit trail, a cohort's counts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from sqlalchemy import func, select

from diagrams import extract
from tests.conftest import as_user
from tests.integration.builders import (
    MOTIVATIE,
    ROUTE_NAAR,
    breng_naar,
    nieuwe_leerling,
    versie,
)
from trajectory.machines.definition import STATE_LABELS, TRANSITIONS, TRIGGER_LABELS, phase_of
from trajectory.store import tables as t
from trajectory.usecases import engine

SVG = "{http://www.w3.org/2000/svg}"
PIJL = re.compile(r'^\s*(\w+) -> (\w+) \[label="([^"]*)"(.*)\]$', re.M)


def _edge(trigger: str):
    return next(overgang for overgang in TRANSITIONS if overgang.trigger == trigger)


def _pijlen(dot: str) -> dict[tuple[str, str], tuple[str, str]]:
    return {(van, naar): (label, rest) for van, naar, label, rest in PIJL.findall(dot)}


def test_het_pad_van_een_leerling_nummert_precies_de_genomen_overgangen_op_volgorde(
    client, sessions, clock, staff
):
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, staff.teamleider, sem, "stage_zoeken")

    response = client.get(f"/api/leerlingen/{sem}/pad.dot", headers=as_user("stagebegeleider"))

    assert response.status_code == 200
    genummerd = {
        pijl: label for pijl, (label, _) in _pijlen(response.text).items() if re.match(r"\d", label)
    }
    assert genummerd == {
        (
            extract.node("interne_stage"),
            extract.node("snuffelstage"),
        ): "1. Interne stage afronden [beoordeling vastgelegd]",
        (
            extract.node("snuffelstage"),
            extract.node("stage_advies"),
        ): "2. Snuffelstage afronden [3 criteria beoordeeld]",
        (extract.node("stage_advies"), extract.node("stage_zoeken")): "3. Advies: zelfstandig "
        "stagelopen [" + " & ".join(extract.edge_label(_edge("advies_zelfstandig"))) + "]",
    }
    huidig = re.search(rf'{extract.node("stage_zoeken")} \[label="[^"]*"([^\]]*)\]', response.text)
    assert huidig is not None
    assert "peripheries=2" in huidig.group(1)
    assert "Sem" not in response.text


def test_het_pad_van_een_leerling_van_een_ander_is_niet_te_zien(client, sessions, clock, staff):
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )

    response = client.get(f"/api/leerlingen/{sem}/pad.mmd", headers=as_user("andere_begeleider"))

    assert response.status_code == 404


def test_de_cohortstroom_telt_wat_een_directe_telling_in_de_database_geeft(
    client, sessions, clock, staff
):
    for naam, doel in [
        ("A", "stage_zoeken"),
        ("B", "stage_zoeken"),
        ("C", "snuffelstage"),
        ("D", "interne_stage"),
    ]:
        leerling = nieuwe_leerling(sessions, clock, staff.teamleider, naam=naam, klas="2A")
        breng_naar(sessions, clock, staff.teamleider, leerling, doel)

    response = client.get("/api/diagrammen/cohort.dot?leerjaar=3", headers=as_user("teamleider"))
    assert response.status_code == 200

    with sessions() as session:
        per_state = dict(
            session.execute(
                select(t.Leerling.state, func.count())
                .where(t.Leerling.leerjaar == "3")
                .group_by(t.Leerling.state)
            ).all()
        )
        ids = session.scalars(select(t.Leerling.id).where(t.Leerling.leerjaar == "3")).all()
        per_trigger = Counter(
            session.scalars(
                select(t.AuditEvent.trigger).where(
                    t.AuditEvent.soort == "overgang", t.AuditEvent.leerling_id.in_(ids)
                )
            )
        )
    getekend = {
        state: int(n)
        for state, n in re.findall(r'fase_\w+?__(\w+) \[label="[^"(]*\((\d+)\)', response.text)
    }
    assert getekend == {state: per_state.get(state, 0) for state in STATE_LABELS}
    labels = [label for label, _ in _pijlen(response.text).values()]
    for trigger, aantal in per_trigger.items():
        assert any(label.startswith(f"{TRIGGER_LABELS[trigger]} ({aantal}×)") for label in labels)
    assert not re.search(r"\b[ABCD]\b", response.text.split("\n", 1)[1])


def test_zonder_graphviz_geeft_de_api_toch_het_svg_en_voor_png_de_mermaid_tekst_met_uitleg(
    client, sessions, clock, staff, monkeypatch, tmp_path
):
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without Graphviz's `dot`
    als = as_user("stagebegeleider")

    png = client.get("/api/diagrammen/trajectory.png", headers=als)
    plaatjes = [
        client.get(pad, headers=als)
        for pad in (
            "/api/diagrammen/trajectory.svg",
            f"/api/leerlingen/{sem}/pad.svg",
            "/api/diagrammen/cohort.svg",
        )
    ]

    assert png.status_code == 503
    assert "Graphviz" in png.json()["detail"]["melding"]
    assert png.json()["detail"]["mermaid"].startswith("---")
    for plaatje in plaatjes:
        assert plaatje.status_code == 200
        assert plaatje.headers["content-type"].startswith("image/svg+xml")
        assert ET.fromstring(plaatje.text).tag == f"{SVG}svg"


def _groepen(svg: str, attribuut: str) -> dict[str, ET.Element]:
    return {g.get(attribuut): g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get(attribuut)}


def test_het_pad_als_plaatje_nummert_de_genomen_stappen_en_toont_alleen_de_doorlopen_fasen(
    client, sessions, clock, staff
):
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, staff.teamleider, sem, "stage_zoeken")

    response = client.get(f"/api/leerlingen/{sem}/pad.svg", headers=as_user("stagebegeleider"))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    vakken = _groepen(response.text, "data-toestand")
    pijlen = _groepen(response.text, "data-pijl")
    tekst = {state: " ".join(g.itertext()) for state, g in vakken.items()}
    assert "1. Interne stage afronden → Snuffelstage" in tekst["interne_stage"]
    assert "2. Snuffelstage afronden → Voorlopig stage-advies" in tekst["snuffelstage"]
    assert "3. Advies: zelfstandig stagelopen → Stage zoeken" in tekst["stage_advies"]
    genomen = pijlen["interne_stage_afronden__interne_stage__snuffelstage"].get("class")
    assert genomen in ("pijl genomen", "pijl doorgezet")  # breng_naar pushes steps through
    assert vakken["stage_zoeken"].get("class") == "toestand huidig"
    assert "nu hier" in tekst["stage_zoeken"]
    # the open steps from here, and the states they lead to; no phase the leerling never saw
    assert "stage_starten__stage_zoeken__individuele_stage" in pijlen
    assert {phase_of(state) for state in vakken} == {"Stagevoorbereiding", "Oriëntatie"}
    assert "groepsstage" not in vakken
    assert f"Pad van leerling {sem}" in response.text
    assert "Sem" not in response.text


def test_het_pad_markeert_doorgezette_en_geweigerde_stappen(client, sessions, clock, staff):
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    for _ in range(2):  # refused twice: no beoordeling yet
        geweigerd = engine.advance(
            sessions,
            sem,
            "interne_stage_afronden",
            actor=staff.stagebegeleider,
            version=1,
            clock=clock,
        )
        assert not isinstance(geweigerd, engine.Overgegaan)
    breng_naar(sessions, clock, staff.teamleider, sem, "snuffelstage")  # pushed through

    response = client.get(f"/api/leerlingen/{sem}/pad.svg", headers=as_user("teamleider"))

    vakken = _groepen(response.text, "data-toestand")
    regel = " ".join(vakken["interne_stage"].itertext())
    assert "1. Interne stage afronden → Snuffelstage" in regel
    assert "doorgezet door de teamleider" in regel
    assert "eerst 2× geweigerd" in regel
    pijl = _groepen(response.text, "data-pijl")[
        "interne_stage_afronden__interne_stage__snuffelstage"
    ]
    assert "doorgezet" in pijl.get("class")


def test_de_cohortstroom_als_plaatje_telt_per_paar_fasen_elke_leerling_een_keer(
    client, sessions, clock, staff
):
    for naam, doel in [("A", "stage_zoeken"), ("B", "groepsstage"), ("C", "snuffelstage")]:
        leerling = nieuwe_leerling(sessions, clock, staff.teamleider, naam=naam, klas="2A")
        breng_naar(sessions, clock, staff.teamleider, leerling, doel)

    response = client.get("/api/diagrammen/cohort.svg?klas=2A", headers=as_user("teamleider"))

    assert response.status_code == 200
    banden = {
        (band.get("data-van"), band.get("data-naar")): int(band.get("data-aantal"))
        for band in ET.fromstring(response.text).iter(f"{SVG}path")
        if band.get("class") == "band"
    }
    assert banden == {("Stagevoorbereiding", "Oriëntatie"): 2}
    assert not re.search(r">[ABC]<", response.text)


def test_het_pad_als_plaatje_toont_een_stap_die_na_het_vorige_plaatje_is_gezet(
    client, sessions, clock, staff
):
    """The drawing is kept per process (service/api/diagrammen.py): what changed since the
    last one must show, also when another worker changed it."""
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, staff.teamleider, sem, "snuffelstage")
    ervoor = client.get(f"/api/leerlingen/{sem}/pad.svg", headers=as_user("teamleider")).text

    trigger, payload = ROUTE_NAAR["stage_advies"][-1]  # the step after, not through this app
    gezet = engine.advance(
        sessions,
        sem,
        trigger,
        actor=staff.teamleider,
        version=versie(sessions, sem),
        clock=clock,
        payload=payload,
        motivatie=MOTIVATIE,
    )
    assert isinstance(gezet, engine.Overgegaan)
    erna = client.get(f"/api/leerlingen/{sem}/pad.svg", headers=as_user("teamleider")).text

    assert _groepen(ervoor, "data-toestand")["snuffelstage"].get("class") == "toestand huidig"
    vakken = _groepen(erna, "data-toestand")
    assert vakken["stage_advies"].get("class") == "toestand huidig"
    assert "2. Snuffelstage afronden → Voorlopig stage-advies" in " ".join(
        vakken["snuffelstage"].itertext()
    )
