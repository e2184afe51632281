"""The whole-trajectory diagram is drawn from the machine and cannot drift from it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diagrams import extract
from diagrams.render import trajectory_text
from diagrams.views import traject_svg
from trajectory.entrypoints.cli import app as cli
from trajectory.machines.definition import (
    PHASES,
    STATE_LABELS,
    STATES,
    TRANSITIONS,
    TRIGGER_LABELS,
    TRIGGERS,
)

SVG = "{http://www.w3.org/2000/svg}"

COMMITTED = Path(__file__).resolve().parents[2] / "diagrams"


def _mermaid_clusters(mmd: str) -> dict[str, set[str]]:
    """Which states each `state fase_x { ... }` block of the Mermaid text holds."""
    clusters: dict[str, set[str]] = {}
    for fase, body in re.findall(r"state (fase_\w+) \{\n(.*?)\n\s*\}", mmd, re.S):
        clusters[fase] = set(re.findall(rf"as {fase}{extract.SEPARATOR}(\w+)", body))
    return clusters


def test_het_mermaid_diagram_toont_elke_toestand_gegroepeerd_per_fase():
    clusters = _mermaid_clusters(trajectory_text("mermaid"))

    assert clusters == {extract.FASE_IDS[f]: set(states) for f, states in PHASES.items()}
    assert set().union(*clusters.values()) == set(STATES)


def test_het_mermaid_diagram_toont_elke_overgang_met_de_nederlandse_naam_van_de_stap():
    mmd = trajectory_text("mermaid")
    edges = re.findall(r"^\s*(\S+) --> (\S+): (.*)$", mmd, re.M)
    getekend = {(van, naar) for van, naar, _ in edges}
    labels = " | ".join(label for _, _, label in edges)

    assert getekend == {(extract.node(t.source), extract.node(t.dest)) for t in TRANSITIONS}
    assert all(TRIGGER_LABELS[trigger] in labels for trigger in TRIGGERS)
    assert not [t for t in TRIGGERS if "_" in t and re.search(rf"\b{t}\b", labels)]


def test_elke_guard_heeft_een_korte_vorm_voor_op_de_pijl():
    guards = {g for t in TRANSITIONS for g in t.guards}
    routes = {t.route for t in TRANSITIONS if t.route}

    assert guards <= set(extract.GUARD_KORT)
    assert routes <= set(extract.ROUTE_KORT)


def test_het_dot_diagram_heeft_een_cluster_per_fase():
    dot = trajectory_text("graphviz")

    assert set(re.findall(r"subgraph cluster_(fase_[a-z]+) \{", dot)) == set(
        extract.FASE_IDS.values()
    )
    for state in STATES:
        assert f"{extract.node(state)} [label=" in dot


@pytest.mark.parametrize(
    ("engine", "bestand"), [("graphviz", "trajectory.dot"), ("mermaid", "trajectory.mmd")]
)
def test_de_vastgelegde_tekstvormen_zijn_gelijk_aan_wat_de_machine_nu_tekent(engine, bestand):
    vastgelegd = (COMMITTED / bestand).read_text(encoding="utf-8")

    assert vastgelegd == trajectory_text(engine) + "\n", (
        f"diagrams/{bestand} is out of date: run `trajectory diagram` and commit the result"
    )


def test_het_vastgelegde_svg_is_gelijk_aan_wat_python_nu_tekent():
    vastgelegd = (COMMITTED / "trajectory.svg").read_text(encoding="utf-8")

    assert vastgelegd == traject_svg() + "\n", (
        "diagrams/trajectory.svg is out of date: run `trajectory diagram` and commit the result"
    )


def test_het_svg_van_het_hele_traject_toont_de_fasen_van_boven_naar_beneden():
    svg = ET.fromstring(traject_svg())
    fasen = [
        (g.find(f"{SVG}text").text, float(g.find(f"{SVG}rect").get("y")))
        for g in svg.iter(f"{SVG}g")
        if g.get("class") == "fase"
    ]

    assert [naam for naam, _ in fasen] == list(PHASES)
    assert [y for _, y in fasen] == sorted(y for _, y in fasen)


def test_het_svg_van_het_hele_traject_heeft_elke_toestand_in_zijn_fase_en_elke_stap_met_pijl():
    svg = ET.fromstring(traject_svg())
    vakken = {
        g.get("data-toestand"): "".join(g.itertext())
        for g in svg.iter(f"{SVG}g")
        if g.get("data-toestand")
    }
    pijlen = {g.get("data-pijl") for g in svg.iter(f"{SVG}g") if g.get("data-pijl")}

    assert set(vakken) == set(STATES)
    for t in TRANSITIONS:
        assert TRIGGER_LABELS[t.trigger] in vakken[t.source]
        assert "__".join((t.trigger, t.source, t.dest)) in pijlen
    assert STATE_LABELS["stage_advies"] in vakken["stage_advies"]
    tekst = " ".join(svg.itertext())
    assert not [t for t in TRIGGERS if "_" in t and re.search(rf"\b{t}\b", tekst)]


def test_de_voorwaarden_staan_als_korte_leesbare_tekst_in_het_svg():
    tekst = " ".join(ET.fromstring(traject_svg()).itertext())

    assert "voorwaarden: ≥14 jaar · sociale vaardigheden · werkhouding" in tekst
    assert "als leerjaar 3" in tekst
    assert "minstens_14_bij_start" not in tekst


def test_geen_tekst_in_het_svg_is_kleiner_dan_15_eenheden_of_loopt_uit_zijn_vak():
    """Shown at its own width (1:1, as the pages show it on a 1920 screen) every text is
    ≥ 15 px; the browser test measures the real rendering."""
    svg = ET.fromstring(traject_svg())
    for g in svg.iter(f"{SVG}g"):
        if not g.get("data-toestand"):
            continue
        kader = g.find(f"{SVG}rect")
        rechts = float(kader.get("x")) + float(kader.get("width"))
        for tekst in g.iter(f"{SVG}text"):
            grootte = float(tekst.get("font-size"))
            assert grootte >= 15
            geschat = float(tekst.get("x")) + len(tekst.text) * grootte * 0.5
            assert geschat < rechts, tekst.text


@pytest.mark.graphviz
def test_trajectory_diagram_schrijft_alle_vormen(tmp_path):
    result = CliRunner().invoke(cli, ["diagram", "--uitvoer", str(tmp_path)])

    assert result.exit_code == 0, result.output
    svg = ET.fromstring((tmp_path / "trajectory.svg").read_bytes())
    assert {g.get("data-toestand") for g in svg.iter(f"{SVG}g")} >= set(STATES)
    assert (tmp_path / "trajectory.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "trajectory.dot").read_text() == (COMMITTED / "trajectory.dot").read_text()


def test_trajectory_diagram_schrijft_zonder_graphviz_toch_het_svg(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` on this PATH
    uit = tmp_path / "uit"

    result = CliRunner().invoke(cli, ["diagram", "--uitvoer", str(uit)])

    assert result.exit_code == 0, result.output
    assert (uit / "trajectory.svg").read_text() == (COMMITTED / "trajectory.svg").read_text()
    assert not (uit / "trajectory.png").exists()
