"""The machine table against DOMAIN.md, the built `transitions` machine, and its JSON export."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from transitions import MachineError
from typer.testing import CliRunner

from trajectory.entrypoints.cli import app
from trajectory.guards import GUARDS, ROUTES
from trajectory.machines import INITIAL, STATES, TRANSITIONS, TRIGGERS
from trajectory.machines.machine import MACHINE, fire, kies

REPO = Path(__file__).resolve().parents[2]
# The specification ships with the repository; `make test` also checks it against the team's
# working copy (../shared/DOMAIN.md) where a developer has one.
DOMAIN_MD = REPO / "docs" / "DOMAIN.md"
FORBIDDEN_IN_CORE = ("fastapi", "sqlalchemy", "apscheduler", "jinja2", "pydantic")


def _domain_md() -> str:
    return DOMAIN_MD.read_text(encoding="utf-8")


def test_de_specificatie_staat_in_docs_met_de_tabellen_die_deze_tests_lezen():
    for heading in ("States", "Transitions and their guards"):
        assert _table_rows(_domain_md(), heading), f"docs/DOMAIN.md has no table under {heading}"


def _table_rows(markdown: str, heading: str) -> list[list[str]]:
    """The body rows of the first table under `## heading`, as lists of cells."""
    lines = markdown.splitlines()
    start = lines.index(f"## {heading}")
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|") and not re.fullmatch(r"\|[-| ]+\|", line):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows[1:]  # without the header row


def _names(cell: str) -> list[str]:
    return re.findall(r"`(\w+)`", cell)


def _edges(cell: str) -> list[tuple[str, str]]:
    """'a, b → c', 'a → b / c', 'a → b or c', 'a → a, b → b' as (source, dest) pairs."""
    cell = re.sub(r"\([^)]*\)", "", cell)  # '(lj 3 → lj 4)', '(positive)', ...
    pairs, pending = [], []
    for piece in (p.strip() for p in cell.split(",")):
        if "→" not in piece:
            pending.append(piece)
            continue
        source, dests = (part.strip() for part in piece.split("→"))
        for src in (*pending, source):
            pairs.extend((src, d.strip()) for d in re.split(r"/| or ", dests))
        pending = []
    assert not pending, f"sources without a destination in {cell!r}"
    return pairs


def domain_states() -> list[str]:
    return [name for row in _table_rows(_domain_md(), "States") for name in _names(row[1])]


def domain_transitions() -> list[tuple[str, str, str]]:
    rows = _table_rows(_domain_md(), "Transitions and their guards")
    return [(_names(row[0])[0], src, dest) for row in rows for src, dest in _edges(row[1])]


def table_edges() -> list[tuple[str, str, str]]:
    return [(t.trigger, t.source, t.dest) for t in TRANSITIONS]


@pytest.mark.parametrize(
    ("cell", "edges"),
    [
        ("interne_stage → snuffelstage", [("interne_stage", "snuffelstage")]),
        (
            "groepsstage, individuele_stage, verdieping, entree → uitgevallen",
            [
                ("groepsstage", "uitgevallen"),
                ("individuele_stage", "uitgevallen"),
                ("verdieping", "uitgevallen"),
                ("entree", "uitgevallen"),
            ],
        ),
        (
            "stage_zoeken → individuele_stage (lj 3) / verdieping (lj 4, 5) / entree (Entree)",
            [
                ("stage_zoeken", "individuele_stage"),
                ("stage_zoeken", "verdieping"),
                ("stage_zoeken", "entree"),
            ],
        ),
        (
            "alternatief_programma → stage_zoeken or uitstroom",
            [("alternatief_programma", "stage_zoeken"), ("alternatief_programma", "uitstroom")],
        ),
        (
            "verdieping → verdieping, entree → entree",
            [("verdieping", "verdieping"), ("entree", "entree")],
        ),
        ("stage_zoeken → stage_zoeken (lj 3 → lj 4)", [("stage_zoeken", "stage_zoeken")]),
    ],
    ids=["enkel", "meerdere_bronnen", "routes_met_haakjes", "of", "twee_pijlen", "pijl_in_haakjes"],
)
def test_de_van_naar_kolom_van_domain_md_wordt_goed_gelezen(cell, edges):
    assert _edges(cell) == edges


def test_de_toestanden_zijn_precies_die_van_domain_md():
    states = domain_states()
    assert len(states) == 14
    assert list(STATES) == states
    assert INITIAL == states[0] == "interne_stage"


def test_de_triggers_zijn_precies_die_van_domain_md():
    triggers = list(dict.fromkeys(trigger for trigger, _, _ in domain_transitions()))
    assert list(TRIGGERS) == triggers


def test_elke_overgang_uit_domain_md_staat_in_de_tabel_en_niet_meer():
    domain = domain_transitions()
    assert len(domain) == len(set(domain)), "a pair appears twice in DOMAIN.md"
    assert sorted(table_edges()) == sorted(domain)


def test_alle_toestanden_in_de_tabel_bestaan():
    used = {t.source for t in TRANSITIONS} | {t.dest for t in TRANSITIONS}
    assert used == set(STATES)


def test_elke_guard_en_route_uit_de_tabel_is_geregistreerd():
    guards = {g for t in TRANSITIONS for g in t.guards}
    routes = {t.route for t in TRANSITIONS if t.route}
    assert guards - set(GUARDS) == set()
    assert routes - set(ROUTES) == set()


def test_elke_geregistreerde_guard_wordt_door_een_overgang_gebruikt():
    used = {g for t in TRANSITIONS for g in t.guards}
    assert set(GUARDS) - used == set()


def test_een_trigger_met_meerdere_bestemmingen_kiest_die_met_een_route():
    per_bron = Counter((t.trigger, t.source) for t in TRANSITIONS)
    for t in TRANSITIONS:
        if per_bron[(t.trigger, t.source)] > 1:
            assert t.route is not None, t
        else:
            assert t.route is None, t


def test_de_machine_heeft_geen_automatische_overgangen():
    assert not [name for name in MACHINE.events if name.startswith("to_")]
    assert set(MACHINE.events) == set(TRIGGERS)
    assert list(MACHINE.states) == list(STATES)


def test_de_machine_kent_elke_overgang_uit_de_tabel():
    for trigger, source, dest in table_edges():
        assert MACHINE.get_transitions(trigger, source, dest), (trigger, source, dest)


@pytest.mark.parametrize(
    ("state", "trigger", "route", "dest"),
    [
        ("stage_zoeken", "stage_starten", "leerjaar_3", "individuele_stage"),
        ("stage_zoeken", "stage_starten", "leerjaar_4_of_5", "verdieping"),
        ("stage_zoeken", "stage_starten", "leerjaar_entree", "entree"),
        ("entree", "studieadvies", "advies_positief", "entree"),
        ("entree", "studieadvies", "advies_negatief", "uitstroom"),
        ("praktijkexamen", "examen_afronden", "geslaagd", "uitstroom"),
        ("praktijkexamen", "examen_afronden", "herkansing", "entree"),
        ("alternatief_programma", "alternatief_afronden", "vervolg_uitstroom", "uitstroom"),
        ("alternatief_programma", "alternatief_afronden", "vervolg_stage_zoeken", "stage_zoeken"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_fire_kiest_de_bestemming_met_de_route(state, trigger, route, dest):
    assert fire(state, trigger, {route: True}) == dest


def test_fire_zonder_route_bij_meerdere_bestemmingen_weigert():
    with pytest.raises(LookupError, match="no route for stage_starten"):
        fire("stage_zoeken", "stage_starten", {})


def test_fire_vanuit_de_verkeerde_toestand_weigert():
    with pytest.raises(MachineError):
        fire("interne_stage", "stage_starten", {"leerjaar_3": True})


def test_fire_zonder_routes_volgt_de_enige_overgang():
    assert fire("uitgevallen", "nieuwe_stage_zoeken", {}) == "stage_zoeken"


def test_trajectory_machine_json_geeft_elke_overgang_een_keer():
    result = CliRunner().invoke(app, ["machine", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"states", "transitions"} <= set(data)
    assert data["states"] == list(STATES)
    for t in data["transitions"]:
        assert {"trigger", "source", "dest", "guards"} <= set(t)
        assert all(isinstance(g, str) for g in t["guards"])
    exported = [(t["trigger"], t["source"], t["dest"]) for t in data["transitions"]]
    assert len(exported) == len(set(exported))
    assert sorted(exported) == sorted(table_edges())


def test_de_json_noemt_de_guards_van_stage_starten_naar_entree():
    data = json.loads(CliRunner().invoke(app, ["machine", "--json"]).output)
    (entree,) = [
        t for t in data["transitions"] if t["trigger"] == "stage_starten" and t["dest"] == "entree"
    ]
    assert "erkend_leerbedrijf" in entree["guards"]
    assert "stage_overeenkomst_compleet" in entree["guards"]


def test_machines_en_guards_laden_geen_web_of_database_ook_niet_via_een_bibliotheek():
    """Our own imports are the layer contracts' (pyproject.toml, `lint-imports` in make lint);
    they cannot see what a third-party library (transitions) imports in turn: this can."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import trajectory.machines, trajectory.guards\n"
        "for pkg in (trajectory.machines, trajectory.guards):\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        f"forbidden = {FORBIDDEN_IN_CORE!r}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(forbidden)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "[]"


def test_de_machine_kiest_de_overgang_waarvan_de_route_geldt():
    def alleen(route: str):
        return lambda r: r == route

    gekozen = kies("stage_zoeken", "stage_starten", alleen("leerjaar_entree"))

    assert gekozen is not None
    assert (gekozen.dest, gekozen.route) == ("entree", "leerjaar_entree")
    assert "stage_overeenkomst_compleet" in gekozen.guards


def test_de_machine_kiest_niets_zonder_geldende_route_of_zonder_overgang_van_hier():
    assert kies("stage_zoeken", "stage_starten", lambda r: False) is None
    assert kies("interne_stage", "stage_starten", lambda r: True) is None


def test_een_enkele_overgang_zonder_route_neemt_de_machine_ook_zo():
    """engine.options shows a trigger with one edge and no route without asking the library
    (nothing to choose); the library, fired, takes exactly that edge, whatever the routes say."""
    from trajectory.machines.versies import DEFINITIES

    enkele = 0
    for versie in DEFINITIES.values():
        for state in versie.states:
            for trigger, edges in versie.triggers_from(state):
                if len(edges) == 1 and not edges[0].route:
                    enkele += 1
                    for routes in (lambda r: True, lambda r: False):
                        assert kies(state, trigger, routes, versie.versie) == edges[0]
    assert enkele > 20  # most triggers are such: the shortcut is worth its test
