"""Verdicts and the guard registry.

A guard is a pure function of (snapshot, date) that returns None when it passes
and a Dutch sentence when it does not. `@guard` registers it by name, so the
machine table can refer to it, and wraps its answer in a `Verdict`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import NamedTuple

from trajectory.domain.snapshot import Snapshot

GuardFn = Callable[[Snapshot, date], "str | None"]
RouteFn = Callable[[Snapshot, date], bool]

GUARDS: dict[str, GuardFn] = {}
ROUTES: dict[str, RouteFn] = {}


class Verdict(NamedTuple):
    """One guard's answer (a named tuple: every option of every page and step makes some)."""

    guard: str
    ok: bool
    reden: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"guard": self.guard, "ok": self.ok, "reden": self.reden}


def guard(fn: GuardFn) -> GuardFn:
    if fn.__name__ in GUARDS:
        raise ValueError(f"guard {fn.__name__} registered twice")
    GUARDS[fn.__name__] = fn
    return fn


def route(fn: RouteFn) -> RouteFn:
    ROUTES[fn.__name__] = fn
    return fn


def judge(name: str, snapshot: Snapshot, op: date) -> Verdict:
    reden = GUARDS[name](snapshot, op)
    # tuple.__new__: the named tuple's own __new__ is a Python call, half the cost of a verdict
    return tuple.__new__(Verdict, (name, reden is None, reden))


def judge_all(names: Iterable[str], snapshot: Snapshot, op: date) -> tuple[Verdict, ...]:
    """Every guard's verdict, not just the first failure: the user sees them all."""
    return tuple([judge(name, snapshot, op) for name in names])
