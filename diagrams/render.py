"""Step two, the text forms: the extracted machine drawn by transitions' HierarchicalGraphMachine.

Graphviz source (`.dot`) and Mermaid text (`.mmd`) come from the library's two pure-Python
engines, with the steps' Dutch labels; a PNG needs Graphviz's `dot` binary (Debian package
`graphviz`). The SVG pictures the pages show are drawn in Python instead (`views`, `indeling`,
`svg`, `sankey`). The whole trajectory is drawn once per machine version and cached.
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from typing import Any, Literal, cast

from transitions.extensions import HierarchicalGraphMachine
from transitions.extensions.nesting import NestedState

from diagrams import extract
from trajectory.machines.definition import VERSION


def titel(versie: str = VERSION) -> str:
    """Every drawing of the trajectory names the version it draws."""
    return f"Stagetraject {versie}"


class FaseState(NestedState):
    """A nested state with a Dutch label for the picture (the library's markup reads it)."""

    separator = extract.SEPARATOR

    def __init__(self, *args: Any, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.label = label


Engine = Literal["graphviz", "mermaid"]  # `transitions`' graph engines we use (no pygraphviz)
_LIBRARY_STYLES = cast(dict[str, Any], HierarchicalGraphMachine.style_attributes)


class TrajectGraph(HierarchicalGraphMachine):
    """The machine for drawing only (never fired): phases as clusters, our own styles."""

    state_cls = FaseState
    machine_attributes: dict[str, Any] = {  # phases top to bottom, as the SVG pictures
        **cast(dict[str, Any], HierarchicalGraphMachine.machine_attributes),
        "rankdir": "TB",
    }
    style_attributes: dict[str, Any] = {
        **_LIBRARY_STYLES,
        "node": {
            **_LIBRARY_STYLES["node"],
            "bezocht": {"color": "#1f5fa8", "fillcolor": "#dbe8f7", "peripheries": "1"},
            "huidig": {"color": "#b3261e", "fillcolor": "#f6d5d2", "peripheries": "2"},
        },
        "edge": {
            **_LIBRARY_STYLES["edge"],
            "genomen": {"color": "#1f5fa8", "penwidth": "2.5", "fontcolor": "#1f5fa8"},
            "mogelijk": {"color": "#2e7d32", "penwidth": "2", "fontcolor": "#2e7d32"},
            "geblokkeerd": {"color": "#9e9e9e", "style": "dashed", "fontcolor": "#9e9e9e"},
            "stroom1": {"penwidth": "1.5"},
            "stroom2": {"penwidth": "3"},
            "stroom3": {"penwidth": "5"},
            "stroom4": {"penwidth": "8"},
        },
    }


def build(
    engine: Engine,
    *,
    state_labels: dict[str, str] | None = None,
    edge_labels: dict[tuple[str, str, str], str] | None = None,
    versie: str = VERSION,
) -> TrajectGraph:
    return TrajectGraph(
        model=None,
        states=extract.states(state_labels),
        transitions=extract.transitions(edge_labels, versie),
        initial=extract.initial(versie),
        auto_transitions=False,
        graph_engine=engine,
        show_conditions=True,
        title=titel(versie),
    )


def source(
    machine: TrajectGraph,
    title: str,
    node_styles: dict[str, str] | None = None,
    edge_styles: dict[tuple[str, str], str] | None = None,
) -> Any:
    """The library's graph object for the whole machine, with our styles applied."""
    graph: Any = machine.graph_cls(machine)  # the library's graph class, untyped there
    for state, style in (node_styles or {}).items():
        graph.custom_styles["node"][extract.node(state)] = style
    for (van, naar), style in (edge_styles or {}).items():
        graph.custom_styles["edge"][extract.node(van)][extract.node(naar)] = style
    return graph.get_graph(title=title)


@lru_cache(maxsize=4)
def trajectory_text(engine: Engine, version: str = VERSION) -> str:
    """The whole trajectory as Graphviz (`graphviz`) or Mermaid (`mermaid`) text."""
    return str(source(build(engine, versie=version), titel(version)).source)


def dot_available() -> bool:
    return shutil.which("dot") is not None


@lru_cache(maxsize=4)
def trajectory_image(fmt: str, version: str = VERSION) -> bytes:
    """SVG or PNG of the whole trajectory (needs Graphviz's `dot`)."""
    return pipe(trajectory_text("graphviz", version), fmt)


def pipe(dot_text: str, fmt: str) -> bytes:
    import graphviz

    return graphviz.Source(dot_text).pipe(format=fmt)
