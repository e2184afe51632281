"""Diagrams over the API: a leerling's path from the audit trail, a cohort's counts."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from sqlalchemy import func, select

from diagrams import extract
from tests.conftest import as_user
from tests.integration.builders import breng_naar, nieuwe_leerling
from trajectory.machines.definition import STATE_LABELS, TRANSITIONS
from trajectory.store import tables as t

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
        ): "1. interne_stage_afronden [beoordeeld]",
        (
            extract.node("snuffelstage"),
            extract.node("stage_advies"),
        ): "2. snuffelstage_afronden [3 criteria beoordeeld]",
        (extract.node("stage_advies"), extract.node("stage_zoeken")): "3. advies_zelfstandig ["
        + " & ".join(extract.edge_label(_edge("advies_zelfstandig")))
        + "]",
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
        assert any(label.startswith(f"{trigger} ({aantal}×)") for label in labels), trigger
    assert not re.search(r"\b[ABCD]\b", response.text.split("\n", 1)[1])


def test_zonder_graphviz_geeft_de_api_de_mermaid_tekst_met_uitleg(client, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without Graphviz's `dot`

    response = client.get("/api/diagrammen/trajectory.svg", headers=as_user("mentor"))

    assert response.status_code == 503
    assert "Graphviz" in response.json()["detail"]["melding"]
    assert response.json()["detail"]["mermaid"].startswith("---")


@pytest.mark.graphviz
def test_het_pad_als_plaatje_kleurt_en_nummert_de_genomen_overgangen_in_de_getekende_svg(
    client, sessions, clock, staff
):
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    breng_naar(sessions, clock, staff.teamleider, sem, "stage_zoeken")

    response = client.get(f"/api/leerlingen/{sem}/pad.svg", headers=as_user("stagebegeleider"))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    pijlen = re.findall(r'<g id="e__(\w+?)__\w+" class="edge">(.*?)</g>', response.text, re.S)
    genummerd = [
        (trigger, tekst.group(1))
        for trigger, inhoud in pijlen
        if (tekst := re.search(r"<text[^>]*>(\d[^<]*)<", inhoud))
    ]
    assert [(trigger, label.split(".")[0]) for trigger, label in genummerd] == [
        ("interne_stage_afronden", "1"),
        ("snuffelstage_afronden", "2"),
        ("advies_zelfstandig", "3"),
    ]
    huidig = re.search(
        r'<g id="n__stage_zoeken" class="node">.*?<path ([^>]*)>', response.text, re.S
    )
    assert 'stroke="#b3261e"' in huidig.group(1)
    assert f"Pad van leerling {sem}" in response.text
    assert "Sem" not in response.text
