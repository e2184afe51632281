"""A leerling's path as highlights on the cached drawing of the whole trajectory.

Graphviz's `dot` runs once per machine version (STYLE.md: extract the graph once as data, render
it, cache it): the whole trajectory's SVG, with an `id` on every node (`n__<state>`) and every
edge (`e__<trigger>__<source>__<dest>`). A leerling's picture is that cached SVG with the styles of
its visited states, current state and edges, and the numbers of its steps, written into those
groups: no `dot` per request (docs/BENCHMARKS.md, "Diagrammen": 4.3× a plain page before).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from html import escape

from diagrams import extract, render
from trajectory.machines.definition import VERSION
from trajectory.machines.versies import definitie

_NODE_REGEL = re.compile(r"^(\s*)(\w+__(\w+)) \[label=", re.M)
_PIJL_REGEL = re.compile(r'^(\s*)(\w+) -> (\w+) \[label="(\w+)', re.M)
_GROEP = re.compile(r'<g id="([ne]__\w+)" class="(?:node|edge)">(.*?)</g>', re.S)
_TITEL = re.compile(
    r'(<g id="graph0" class="graph".*?<title>)(.*?)(</title>.*?<text[^>]*>)(.*?)(<)', re.S
)


def edge_id(trigger: str, van: str, naar: str) -> str:
    return f"e__{trigger}__{van}__{naar}"


def _met_ids(dot_text: str, version: str) -> str:
    """The trajectory's Graphviz text with stable ids on its nodes and edges."""
    transitions = definitie(version).transitions
    nodes = {extract.node(t.source) for t in transitions} | {
        extract.node(t.dest) for t in transitions
    }
    tekst = _NODE_REGEL.sub(
        lambda m: f'{m[1]}{m[2]} [id="n__{m[3]}" label=' if m[2] in nodes else m[0], dot_text
    )
    staat = {extract.node(s): s for t in transitions for s in (t.source, t.dest)}
    return _PIJL_REGEL.sub(
        lambda m: (
            f'{m[1]}{m[2]} -> {m[3]} [id="{edge_id(m[4], staat[m[2]], staat[m[3]])}" label="{m[4]}'
        ),
        tekst,
    )


@lru_cache(maxsize=8)
def trajectory_svg(version: str = VERSION) -> str:
    """The whole trajectory as SVG with ids, drawn by `dot` once per machine version."""
    tekst = render.trajectory_text("graphviz", version)
    return render.pipe(_met_ids(tekst, version), "svg").decode()


def _attributen(soort: str, stijl: str) -> dict[str, str]:
    return render.TrajectGraph.style_attributes[soort][stijl]


def _kleur_node(inhoud: str, stijl: str) -> str:
    attr = _attributen("node", stijl)
    breedte = ' stroke-width="3"' if attr.get("peripheries") == "2" else ""
    return re.sub(
        r'<path fill="[^"]*" stroke="[^"]*"',
        f'<path fill="{attr["fillcolor"]}" stroke="{attr["color"]}"{breedte}',
        inhoud,
        count=1,
    )


def _kleur_pijl(inhoud: str, stijl: str, nummers: str | None) -> str:
    attr = _attributen("edge", stijl)
    kleur = attr.get("color", "black")
    lijn = f' stroke-width="{attr["penwidth"]}"' if "penwidth" in attr else ""
    if attr.get("style") == "dashed":
        lijn += ' stroke-dasharray="5,2"'
    inhoud = re.sub(
        r'<path fill="none" stroke="[^"]*"', f'<path fill="none" stroke="{kleur}"{lijn}', inhoud
    )
    inhoud = re.sub(
        r'<polygon fill="[^"]*" stroke="[^"]*"', f'<polygon fill="{kleur}" stroke="{kleur}"', inhoud
    )
    inhoud = inhoud.replace("<text ", f'<text fill="{attr.get("fontcolor", kleur)}" ', 1)
    if nummers:
        inhoud = re.sub(r"(<text[^>]*>)", rf"\g<1>{escape(nummers)}. ", inhoud, count=1)
    return inhoud


@lru_cache(maxsize=8)
def _stukken(version: str = VERSION) -> tuple[tuple[str, ...], dict[str, int]]:
    """The cached SVG cut into pieces once: the title, and each node and edge group apart,
    so a request replaces only the pieces it styles and joins them."""
    svg = trajectory_svg(version)
    titel = _TITEL.search(svg)
    assert titel is not None
    stukken = [svg[: titel.start(2)], "", svg[titel.end(2) : titel.start(4)], ""]
    rest, plek, vorige = svg[titel.end(4) :], {}, 0
    for m in _GROEP.finditer(rest):
        stukken.append(rest[vorige : m.start()])
        plek[m[1]] = len(stukken)
        stukken.append(m[0])
        vorige = m.end()
    stukken.append(rest[vorige:])
    return tuple(stukken), plek


def markeer(
    titel: str,
    node_styles: Mapping[str, str],
    edge_styles: Mapping[tuple[str, str, str], str],
    nummers: Mapping[tuple[str, str, str], str],
    versie: str = VERSION,
) -> str:
    """The cached SVG with a title, node styles (state → style), edge styles and step numbers
    (both keyed by (trigger, source, dest))."""
    stukken, plek = _stukken(versie)
    uit = list(stukken)
    uit[1] = uit[3] = escape(titel)
    for state, stijl in node_styles.items():
        if (i := plek.get(f"n__{state}")) is not None:
            uit[i] = _kleur_node(uit[i], stijl)
    for key, stijl in edge_styles.items():
        if (i := plek.get(edge_id(*key))) is not None:
            uit[i] = _kleur_pijl(uit[i], stijl, nummers.get(key))
    return "".join(uit)
