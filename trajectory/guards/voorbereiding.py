"""Stagevoorbereiding in leerjaar 2: interne stage and snuffelstage (beleidsplan 2.1)."""

from __future__ import annotations

from datetime import date

from trajectory.domain.snapshot import Snapshot
from trajectory.guards.verdict import guard

SNUFFELSTAGE_CRITERIA = ("beroepsvaardigheden", "instructies_volgen", "werkhouding")


@guard
def interne_stage_beoordeeld(s: Snapshot, op: date) -> str | None:
    if s.laatste_beoordeling("interne_stage") is None:
        return "De beoordeling van de interne stage (kantinedienst) is nog niet vastgelegd."
    return None


@guard
def snuffelstage_beoordeeld(s: Snapshot, op: date) -> str | None:
    """Beleidsplan: beoordeeld op beroepsvaardigheden, instructies volgen en werkhouding."""
    beoordeling = s.laatste_beoordeling("snuffelstage")
    if beoordeling is None:
        return "De beoordeling van de snuffelstage is nog niet vastgelegd."
    criteria = beoordeling.data.get("criteria") or {}
    ontbreekt = [c.replace("_", " ") for c in SNUFFELSTAGE_CRITERIA if c not in criteria]
    if ontbreekt:
        return "De beoordeling van de snuffelstage mist: " + ", ".join(ontbreekt) + "."
    return None
