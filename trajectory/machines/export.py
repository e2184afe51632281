"""The machine as plain data, for `trajectory machine --json`, the API and the diagrams."""

from __future__ import annotations

from typing import Any

from trajectory.machines.definition import INITIAL, PHASES, STATES, TRANSITIONS, VERSION


def machine_as_dict() -> dict[str, Any]:
    return {
        "version": VERSION,
        "initial": INITIAL,
        "states": list(STATES),
        "phases": {phase: list(states) for phase, states in PHASES.items()},
        "transitions": [
            {
                "trigger": t.trigger,
                "source": t.source,
                "dest": t.dest,
                "guards": list(t.guards),
                "route": t.route,
            }
            for t in TRANSITIONS
        ],
    }
