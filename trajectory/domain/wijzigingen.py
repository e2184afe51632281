"""What an accepted transition changes besides the state, as data: made by `domain.effects`,
applied by the store in the transaction of the state change and its audit event."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Wijzigingen:
    leerling: dict[str, Any] = field(default_factory=dict)
    plaatsingen: dict[int, dict[str, Any]] = field(default_factory=dict)
    nieuwe_plaatsingen: tuple[dict[str, Any], ...] = ()
