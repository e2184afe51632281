"""The `transitions` machine of each trajectory version, one per version per process.

The library chooses the edge: each edge's conditions are its route predicate (the leerjaar for
`stage_starten`, the advies for `studieadvies`), so firing a trigger lands where the table
says. The guards are not conditions: the library stops at the first failing condition and
the user must see every failing guard (LIBRARY-NOTES.md), so the engine judges all of them
on the edge the library chose and applies the step only when they pass. Chosen this way,
rather than the engine picking the edge and the library replaying it, the route logic has one
interpreter and `transitions` does real work; the diagrams use their own drawing machine.
(The buttons of a state, `engine.options`, skip the library only for a trigger with one edge
and no route: there is nothing to choose, and a test checks the library would take that edge.)

Built once, on first use of its version (a Machine costs ~1 ms; `add_model` is O(n) in the
number of models, LIBRARY-NOTES.md), with auto transitions off. A leerling is never added
to it: the event fires on a small carrier object whose `state` was set from the database,
which costs microseconds and leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from transitions import EventData, Machine

from trajectory.machines.definition import VERSION, Overgang
from trajectory.machines.versies import Definitie, definitie


@dataclass
class Carrier:
    """What the machine moves: the state, how to judge a route, and the edge it took."""

    state: str
    route_houdt: Callable[[str], bool]
    genomen: Overgang | None = None


def _route_condition(route: str) -> Callable[[EventData], bool]:
    def condition(event: EventData) -> bool:
        return bool(cast(Carrier, event.model).route_houdt(route))

    condition.__name__ = f"route_{route}"
    return condition


def _neemt(overgang: Overgang) -> Callable[[EventData], None]:
    def before(event: EventData) -> None:
        cast(Carrier, event.model).genomen = overgang

    return before


def _as_library_row(overgang: Overgang) -> dict[str, Any]:
    row: dict[str, Any] = {
        "trigger": overgang.trigger,
        "source": overgang.source,
        "dest": overgang.dest,
        "before": [_neemt(overgang)],
    }
    if overgang.route:
        row["conditions"] = [_route_condition(overgang.route)]
    return row


def build_machine(versie: Definitie | None = None) -> Machine:
    versie = versie or definitie(VERSION)
    return Machine(
        model=None,
        states=list(versie.states),
        transitions=[_as_library_row(t) for t in versie.transitions],
        initial=versie.initial,
        auto_transitions=False,
        send_event=True,
        ignore_invalid_triggers=False,
    )


@cache
def machine_voor(versie: str) -> Machine:
    """The machine of a trajectory version, built the first time it is asked for."""
    return build_machine(definitie(versie))


MACHINE = machine_voor(VERSION)


def kies(
    state: str, trigger: str, route_houdt: Callable[[str], bool], versie: str = VERSION
) -> Overgang | None:
    """The edge `trigger` takes from `state`: the first whose route holds, as the library
    picks it. None when the trigger has no edge from here or no route holds."""
    event = machine_voor(versie).events.get(trigger)
    if event is None or not event.transitions.get(state):
        return None
    carrier = Carrier(state, route_houdt)
    event.trigger(carrier)
    return carrier.genomen


def fire(state: str, trigger: str, routes: Mapping[str, bool], versie: str = VERSION) -> str:
    """Fire `trigger` from `state` with the routes decided beforehand; the state it lands in."""
    carrier = Carrier(state, lambda route: routes.get(route, False))
    if not machine_voor(versie).events[trigger].trigger(carrier):
        raise LookupError(f"no route for {trigger} from {state}")
    return carrier.state
