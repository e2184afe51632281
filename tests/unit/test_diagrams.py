"""The whole-trajectory diagram is drawn from the machine and cannot drift from it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diagrams import extract
from diagrams.render import trajectory_text
from trajectory.entrypoints.cli import app as cli
from trajectory.machines.definition import PHASES, STATES, TRANSITIONS, TRIGGERS

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


def test_het_mermaid_diagram_toont_elke_overgang_met_zijn_trigger():
    mmd = trajectory_text("mermaid")
    edges = re.findall(r"^\s*(\S+) --> (\S+): (.*)$", mmd, re.M)
    getekend = {(van, naar) for van, naar, _ in edges}
    labels = " | ".join(label for _, _, label in edges)

    assert getekend == {(extract.node(t.source), extract.node(t.dest)) for t in TRANSITIONS}
    assert {trigger for trigger in TRIGGERS if re.search(rf"\b{trigger}\b", labels)} == set(
        TRIGGERS
    )


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


@pytest.mark.graphviz
def test_trajectory_diagram_schrijft_alle_vormen(tmp_path):
    result = CliRunner().invoke(cli, ["diagram", "--uitvoer", str(tmp_path)])

    assert result.exit_code == 0, result.output
    svg = ET.fromstring((tmp_path / "trajectory.svg").read_bytes())
    titels = {el.text for el in svg.iter("{http://www.w3.org/2000/svg}title")}
    assert {extract.node(s) for s in STATES} <= titels
    assert (tmp_path / "trajectory.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "trajectory.dot").read_text() == (COMMITTED / "trajectory.dot").read_text()
