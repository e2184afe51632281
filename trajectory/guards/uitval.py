"""Uitval and what follows: reden, alternatief programma, back to stage (beleidsplan 6)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from trajectory.domain.snapshot import GELOPEN, Snapshot
from trajectory.guards.verdict import guard
from trajectory.machines.definition import VERVOLG_NA_ALTERNATIEF


def _heeft_reden(data: Mapping[str, Any]) -> bool:
    """A coded reason (other than "overig") or a free-text reden."""
    return data.get("code", "overig") != "overig" or bool(str(data.get("reden") or "").strip())


@guard
def uitvalreden_vastgelegd(s: Snapshot, op: date) -> str | None:
    plaatsing = s.lopende_plaatsing
    deze = [  # the reden of this uitval, not of an earlier placement
        r
        for r in s.records_van("uitval")
        if (r.plaatsing_id == plaatsing.id if plaatsing else r.in_deze_stap)
    ]
    if not any(_heeft_reden(r.data) for r in deze):
        return "Leg de reden van de uitval vast."
    return None


@guard
def overleg_ondersteuningsteam_vastgelegd(s: Snapshot, op: date) -> str | None:
    uitval = s.laatste("uitval")
    overleg = s.laatste("overleg", met="ondersteuningsteam")
    if overleg is None or (uitval is not None and overleg.datum < uitval.datum):
        return "Het overleg met het ondersteuningsteam na de uitval is nog niet vastgelegd."
    return None


@guard
def plan_geevalueerd(s: Snapshot, op: date) -> str | None:
    evaluatie = s.laatste("plan_evaluatie")
    if evaluatie is None or evaluatie.data.get("vervolg") not in VERVOLG_NA_ALTERNATIEF:
        return "Het integraal stappenplan is nog niet geëvalueerd (met een vervolg)."
    return None


@guard
def stagevaardig(s: Snapshot, op: date) -> str | None:
    """Entree: 'stagevaardig', i.e. earlier stages were completed with a voldoende."""
    afgerond = [p for p in s.plaatsingen if p.status == "afgerond" and p.soort != "groepsstage"]
    if not afgerond:
        return (
            "De leerling heeft nog geen stage afgerond; Entree vraagt een stagevaardige leerling."
        )
    beoordeeld = s.laatste_per_plaatsing("beoordeling", soort="stagebeoordeling")
    onvoldoende = [
        p.bedrijf
        for p in afgerond
        if (b := beoordeeld.get(p.id)) is None or b.data.get("uitslag") != "voldoende"
    ]
    if onvoldoende:
        return "Niet elke stage is met een voldoende afgerond: " + ", ".join(onvoldoende) + "."
    return None


@guard
def via_naar_entree(s: Snapshot, op: date) -> str | None:
    """Entree is reached through `entree_starten` and its `stagevaardig` guard: a leerling
    whose leerjaar says Entree (made so, or rolled over) but who never was stagevaardig does
    not skip it through `stage_starten`. A new placement after an uitval in Entree passes."""
    if any(p.soort == "entree" and p.status in GELOPEN for p in s.plaatsingen):
        return None
    reden = stagevaardig(s, op)
    if reden is not None:
        return f"Naar Entree gaat via 'Naar Entree', voor een stagevaardige leerling: {reden}"
    return None
