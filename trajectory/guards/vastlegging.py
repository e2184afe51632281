"""Whether a record fits the leerling's state (the table in `machines.vastleggingen`).

Judged like a guard, so a misplaced record is refused like a step: a `Verdict` with a Dutch
reason, audited as a refusal.
"""

from __future__ import annotations

from trajectory.domain.snapshot import Snapshot
from trajectory.guards.verdict import Verdict
from trajectory.machines.definition import STATE_LABELS
from trajectory.machines.vastleggingen import VASTLEGGINGEN

PAST_BIJ_FASE = "past_bij_fase"


def _reden(kind: str, s: Snapshot) -> str | None:
    regel = VASTLEGGINGEN[kind]
    if s.state not in regel.staten:
        return f"'{regel.titel}' past niet bij de fase '{STATE_LABELS[s.state]}'."
    if regel.leerjaar is not None and s.leerjaar != regel.leerjaar:
        return f"'{regel.titel}' is er alleen in leerjaar {regel.leerjaar}."
    if s.state in regel.zonder_plaatsing:
        return None
    if regel.plaatsing == "lopend" and s.lopende_plaatsing is None:
        return f"'{regel.titel}' kan alleen tijdens een lopende stage."
    if regel.plaatsing == "gelopen" and not s.heeft_stage_gelopen:
        return f"'{regel.titel}' kan pas als er een stage loopt of liep."
    if regel.plaatsing == "stageplaats" and (
        s.lopende_plaatsing is None and s.geplande_plaatsing is None
    ):
        return f"'{regel.titel}' kan pas als er een stageplaats is."
    return None


def vastlegging_past(kind: str, s: Snapshot) -> Verdict:
    """KeyError for a kind the table does not know (the table covers every record kind)."""
    reden = _reden(kind, s)
    return Verdict(PAST_BIJ_FASE, reden is None, reden)
