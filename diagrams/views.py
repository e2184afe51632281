"""The views on the trajectory: the whole of it, one leerling's path, and a cohort's flow.

The SVG pictures are drawn in Python from the extracted machine (`extract.traject`): a sketch
of boxes and steps (`indeling.Schets`), laid out and written by `indeling` and `svg`, so they
need no Graphviz and show exactly the states and edges the engine knows. The Graphviz and
Mermaid texts (`.dot`, `.mmd`, and `.png` through `dot`) come from the library's drawing machine
with the same labels and styles. Pictures carry no names: a leerling is "leerling 12", a cohort
is a count (privacy on the meeting screen).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from diagrams import extract, indeling, render, svg
from diagrams.indeling import Schets, Stapregel, Vak
from diagrams.render import Engine
from trajectory.machines.definition import STATE_LABELS, TRIGGER_LABELS, VERSION
from trajectory.machines.versies import definitie


@dataclass(frozen=True)
class Stap:
    """One accepted transition from the audit trail; `doorgezet` when a teamleider pushed it
    through a failing guard."""

    trigger: str
    van: str
    naar: str
    doorgezet: bool = False


@dataclass(frozen=True)
class Weigering:
    """A refused attempt at a step, from the audit trail."""

    trigger: str
    van: str


@dataclass(frozen=True)
class Open:
    """A step open from the current state: where it leads and the guards still failing
    (none: it can be taken now)."""

    trigger: str
    naar: str
    ontbreekt: tuple[str, ...] = ()


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
        edge_labels={key: f"{nr}. {TRIGGER_LABELS[key[0]]}" for key, nr in nummers.items()},
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


def _pijltekst(pijl: extract.Pijl) -> str:
    if pijl.van == pijl.naar:
        return f"{pijl.label} (blijft {STATE_LABELS[pijl.naar]})"
    return f"{pijl.label} → {STATE_LABELS[pijl.naar]}"


def _stapregel(p: extract.Pijl) -> Stapregel:
    voorwaarden = f"voorwaarden: {' · '.join(p.voorwaarden)}" if p.voorwaarden else ""
    return Stapregel(_pijltekst(p), voorwaarden or "geen voorwaarden", sleutel=p.sleutel)


def traject_schets(versie: str = VERSION, fase: str | None = None) -> Schets:
    """Every phase, state and step of a version, each step with its conditions; with `fase`
    only that phase's states with their steps, and the states those steps lead to."""
    traject = extract.traject(versie)
    eigen = {s for f, states in traject.fasen if fase in (None, f) for s in states}
    doelen = {p.naar for p in traject.pijlen if p.van in eigen} - eigen
    titel = render.titel(versie) + (f": {fase}" if fase else "")
    return Schets(
        titel,
        tuple(
            (
                f,
                tuple(
                    Vak(
                        state,
                        STATE_LABELS[state],
                        stappen=tuple(map(_stapregel, traject.vanuit(state))),
                    )
                    if state in eigen
                    else Vak(state, STATE_LABELS[state], "doel")
                    for state in states
                    if state in eigen | doelen
                ),
            )
            for f, states in traject.fasen
            if eigen.union(doelen).intersection(states)
        ),
    )


@lru_cache(maxsize=16)
def traject_svg(versie: str = VERSION, fase: str | None = None) -> str:
    """The whole trajectory (or one phase of it) as SVG, drawn in Python once per version."""
    return svg.svg(
        indeling.indeel(traject_schets(versie, fase)),
        "De fasen van boven naar beneden; in elke toestand de stappen eruit met hun "
        "voorwaarden, een pijl naar waar de stap heen gaat.",
    )


def _kort(guards: Iterable[str]) -> str:
    return " · ".join(extract.GUARD_KORT.get(g, g) for g in guards)


def _genomen_regels(
    state: str,
    stappen: Sequence[Stap],
    weigeringen: Counter[tuple[str, str]],
    versie: str,
) -> list[Stapregel]:
    """The steps taken from `state`, numbered in the order of the whole path."""
    per_pijl: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    doorgezet: set[tuple[str, str, str]] = set()
    for nummer, stap in enumerate(stappen, start=1):
        if stap.van == state:
            per_pijl[(stap.trigger, stap.van, stap.naar)].append(nummer)
            if stap.doorgezet:
                doorgezet.add((stap.trigger, stap.van, stap.naar))
    regels = []
    for sleutel, nummers in per_pijl.items():
        pijl = next(  # an edge of an older version (a migrated leerling) by its labels
            (p for p in extract.traject(versie).pijlen if p.sleutel == sleutel),
            extract.Pijl(sleutel[0], TRIGGER_LABELS[sleutel[0]], sleutel[1], sleutel[2], ()),
        )
        merk = ["doorgezet door de teamleider"] if sleutel in doorgezet else []
        if n := weigeringen.get((sleutel[0], state)):
            merk.append(f"eerst {n}× geweigerd")
        regels.append(
            Stapregel(
                f"{', '.join(map(str, nummers))}. {_pijltekst(pijl)}",
                " · ".join(merk),
                "doorgezet" if sleutel in doorgezet else "genomen",
                sleutel,
            )
        )
    return regels


def _weigerregels(
    state: str, genomen: set[str], weigeringen: Counter[tuple[str, str]]
) -> list[Stapregel]:
    """Refused steps from `state` that were never taken from it: text only."""
    return [
        Stapregel(f"{TRIGGER_LABELS[trigger]}: {n}× geweigerd", stijl="geweigerd")
        for (trigger, van), n in weigeringen.items()
        if van == state and trigger not in genomen
    ]


def _open_regels(
    state: str, open_stappen: Sequence[Open], weigeringen: Counter[tuple[str, str]]
) -> list[Stapregel]:
    regels = []
    for o in open_stappen:
        pijl = extract.Pijl(o.trigger, TRIGGER_LABELS[o.trigger], state, o.naar, ())
        uitleg = f"nog niet: {_kort(o.ontbreekt)}" if o.ontbreekt else "kan nu"
        if n := weigeringen.get((o.trigger, state)):
            uitleg += f" · {n}× geweigerd"
        regels.append(
            Stapregel(
                _pijltekst(pijl),
                uitleg,
                "geblokkeerd" if o.ontbreekt else "mogelijk",
                (o.trigger, state, o.naar),
            )
        )
    return regels


def pad_schets(
    leerling_id: int,
    stappen: Sequence[Stap],
    huidig: str,
    open_stappen: Sequence[Open] = (),
    weigeringen: Sequence[Weigering] = (),
    versie: str = VERSION,
) -> Schets:
    """Only the phases the leerling passed and the steps open now: the states visited with the
    steps taken (numbered in order, overrides and refusals marked), the current state with
    every step from it, and the states those lead to."""
    traject = extract.traject(versie)
    geweigerd = Counter((w.trigger, w.van) for w in weigeringen)
    bezocht = {s.van for s in stappen} | {s.naar for s in stappen} | {huidig}
    doelen = {o.naar for o in open_stappen} - bezocht
    vakken: dict[str, Vak] = {}
    for state in bezocht:
        regels = _genomen_regels(state, stappen, geweigerd, versie)
        genomen = {s.trigger for s in stappen if s.van == state}
        if state == huidig:
            regels += _open_regels(state, open_stappen, geweigerd)
        else:
            regels += _weigerregels(state, genomen, geweigerd)
        titel = f"{STATE_LABELS[state]} — nu hier" if state == huidig else STATE_LABELS[state]
        stijl = "huidig" if state == huidig else "bezocht"
        vakken[state] = Vak(state, titel, stijl, tuple(regels))
    for state in doelen:
        vakken[state] = Vak(state, STATE_LABELS[state], "doel")
    return Schets(
        _pad_titel(leerling_id, versie),
        tuple(
            (fase, tuple(vakken[s] for s in states if s in vakken))
            for fase, states in traject.fasen
            if any(s in vakken for s in states)
        ),
    )


def pad_svg(
    leerling_id: int,
    stappen: Sequence[Stap],
    huidig: str,
    open_stappen: Sequence[Open] = (),
    weigeringen: Sequence[Weigering] = (),
    versie: str = VERSION,
) -> str:
    """The path as SVG, drawn in Python (no `dot`): see `pad_schets`."""
    return svg.svg(
        indeling.indeel(
            pad_schets(leerling_id, stappen, huidig, open_stappen, weigeringen, versie)
        ),
        f"Nu: {STATE_LABELS[huidig]}. De genomen stappen zijn genummerd; groen kan nu, grijs "
        "nog niet; doorgezet en geweigerd staan erbij.",
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
        edge_labels={key: f"{TRIGGER_LABELS[key[0]]} ({aantal}×)" for key, aantal in langs.items()},
        node_styles={s: "bezocht" for s, n in nu.items() if n},
        edge_styles={pijl: _stroom(n, grootste) for pijl, n in per_pijl.items()},
    )
