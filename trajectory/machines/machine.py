"""The `transitions` machine of each trajectory version, one per version per process.

Built once, on first use of its version: a Machine costs about a millisecond, and `add_model`
searches the list of attached models (O(n)), so one machine per leerling or a shared machine with
every leerling attached would both grow with the school. Auto transitions are off (they would add
a `to_<state>` trigger from every state). A leerling is never added to it: the engine fires the
event on a small carrier object whose `state` was set from the database, which costs microseconds
and leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from transitions import EventData, Machine

from trajectory.machines.definition import VERSION, Overgang
from trajectory.machines.versies import Definitie, definitie


@dataclass
class Carrier:
    """What the machine moves: the state, plus the route decisions of this firing."""

    state: str
    routes: Mapping[str, bool] = field(default_factory=dict)


def _route_condition(route: str) -> Callable[[EventData], bool]:
    def condition(event: EventData) -> bool:
        return bool(event.model.routes.get(route, False))

    condition.__name__ = f"route_{route}"
    return condition


def _as_library_row(overgang: Overgang) -> dict[str, Any]:
    row: dict[str, Any] = {
        "trigger": overgang.trigger,
        "source": overgang.source,
        "dest": overgang.dest,
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


def fire(state: str, trigger: str, routes: Mapping[str, bool], versie: str = VERSION) -> str:
    """Fire `trigger` from `state` and return the state the machine lands in.

    Guards are evaluated by the engine beforehand (the library stops at the first
    failing condition; we must report all). Only the route decides here.
    """
    carrier = Carrier(state=state, routes=routes)
    if not machine_voor(versie).events[trigger].trigger(carrier):
        raise LookupError(f"no route for {trigger} from {state}")
    return carrier.state
