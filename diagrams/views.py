"""Two views on the same drawing: one leerling's path, and a cohort's flow.

Both start from the whole-trajectory machine and only change labels and styles (the library's
custom styles), so they show exactly the states and edges the engine knows. Pictures carry no
names: a leerling is "leerling 12", a cohort is a count (privacy on the meeting screen).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from diagrams import markering, render
from diagrams.render import Engine
from trajectory.machines.definition import STATE_LABELS, VERSION
from trajectory.machines.versies import definitie


@dataclass(frozen=True)
class Stap:
    """One accepted transition from the audit trail."""

    trigger: str
    van: str
    naar: str


ENGINES = ("graphviz", "mermaid")


def _draw(
    engine: Engine,
    title: str,
    *,
    state_labels: dict[str, str] | None = None,
    edge_labels: dict[tuple[str, str, str], str] | None = None,
    node_styles: dict[str, str] | None = None,
    edge_styles: dict[tuple[str, str], str] | None = None,
    versie: str = VERSION,
) -> str:
    """Graphviz (`graphviz`) or Mermaid (`mermaid`) text; only the engine asked for is built."""
    machine = render.build(
        engine, state_labels=state_labels, edge_labels=edge_labels, versie=versie
    )
    return str(render.source(machine, title, node_styles, edge_styles).source)


def _pad_stijlen(
    stappen: Sequence[Stap], huidig: str, mogelijk: Mapping[str, bool], versie: str
) -> tuple[dict[tuple[str, str, str], str], dict[str, str], dict[tuple[str, str, str], str]]:
    """Step numbers per edge, node styles, and edge styles (keyed by trigger, source, dest)."""
    volgorde: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for nummer, stap in enumerate(stappen, start=1):
        volgorde[(stap.trigger, stap.van, stap.naar)].append(nummer)
    nummers = {key: ", ".join(map(str, lijst)) for key, lijst in volgorde.items()}
    node_styles = {s.van: "bezocht" for s in stappen} | {s.naar: "bezocht" for s in stappen}
    node_styles[huidig] = "huidig"
    edge_styles = {
        (t.trigger, t.source, t.dest): "mogelijk" if mogelijk[t.trigger] else "geblokkeerd"
        for t in definitie(versie).transitions
        if t.source == huidig and t.trigger in mogelijk
    }
    edge_styles |= {key: "genomen" for key in volgorde}
    return nummers, node_styles, edge_styles


def pad(
    engine: Engine,
    leerling_id: int,
    stappen: Sequence[Stap],
    huidig: str,
    mogelijk: Mapping[str, bool],
    versie: str = VERSION,
) -> str:
    """The states visited and the edges taken, numbered in order; the current state marked;
    the triggers from here green when allowed, grey when blocked (`mogelijk`: trigger → ok)."""
    nummers, node_styles, edge_styles = _pad_stijlen(stappen, huidig, mogelijk, versie)
    return _draw(
        engine,
        _pad_titel(leerling_id, versie),
        edge_labels={key: f"{nr}. {key[0]}" for key, nr in nummers.items()},
        node_styles=node_styles,
        edge_styles={  # per pair of states; a taken edge wins
            (van, naar): stijl
            for (_, van, naar), stijl in sorted(
                edge_styles.items(), key=lambda i: i[1] == "genomen"
            )
        },
        versie=versie,
    )


def _pad_titel(leerling_id: int, versie: str) -> str:
    return f"Pad van leerling {leerling_id} ({render.titel(versie)})"


def pad_svg(
    leerling_id: int,
    stappen: Sequence[Stap],
    huidig: str,
    mogelijk: Mapping[str, bool],
    versie: str = VERSION,
) -> str:
    """The same path as SVG: highlights on the cached drawing, without running `dot`."""
    nummers, node_styles, edge_styles = _pad_stijlen(stappen, huidig, mogelijk, versie)
    return markering.markeer(
        _pad_titel(leerling_id, versie), node_styles, edge_styles, nummers, versie=versie
    )


def _stroom(aantal: int, grootste: int) -> str:
    return f"stroom{min(4, 1 + (3 * aantal) // max(grootste, 1))}"


def cohort(engine: Engine, titel: str, toestanden: Iterable[str], stappen: Iterable[Stap]) -> str:
    """How many are in each state now, and how many moved along each edge in the period."""
    nu = Counter(toestanden)
    langs = Counter((s.trigger, s.van, s.naar) for s in stappen)
    per_pijl: Counter[tuple[str, str]] = Counter()
    for (_, van, naar), aantal in langs.items():
        per_pijl[(van, naar)] += aantal
    grootste = max(per_pijl.values(), default=0)
    return _draw(
        engine,
        titel,
        state_labels={s: f"{label} ({nu.get(s, 0)})" for s, label in STATE_LABELS.items()},
        edge_labels={key: f"{key[0]} ({aantal}×)" for key, aantal in langs.items()},
        node_styles={s: "bezocht" for s, n in nu.items() if n},
        edge_styles={pijl: _stroom(n, grootste) for pijl, n in per_pijl.items()},
    )
