"""The trajectory machine: definition (data) and the built `transitions` machine."""

from trajectory.machines.definition import (
    FINAL,
    INITIAL,
    PHASES,
    STATE_LABELS,
    STATES,
    TRANSITIONS,
    TRIGGER_LABELS,
    TRIGGERS,
    VERSION,
    Overgang,
    phase_of,
    transitions_from,
)

__all__ = [
    "FINAL",
    "INITIAL",
    "PHASES",
    "STATES",
    "STATE_LABELS",
    "TRANSITIONS",
    "TRIGGERS",
    "TRIGGER_LABELS",
    "VERSION",
    "Overgang",
    "phase_of",
    "transitions_from",
]
