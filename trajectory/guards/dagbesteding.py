"""Dagbestedingsstages (beleidsplan 3.4): a placement at a dagbestedingsinstantie.

"Indien een leerling nog niet klaar is om individueel stage te lopen, herhaaldelijk vastloopt op
stage of de stage door andere (persoonlijke) problematiek belemmerd wordt, kan hij/zij (na
intern overleg) begeleiding krijgen van de stage-ondersteuningsbegeleider. De
stage-ondersteuningsbegeleider biedt extra ondersteuning op het gebied van o.a.
dagbestedingsstages en groepsstages." So a dagbestedingsstage is a placement of leerjaar 3
(individuele stage) or 4/5 (verdieping) for a leerling with stage-ondersteuning; it carries the
Noa sector of its activities like any placement (docs/PLAATSINGSREGELS.md).
"""

from __future__ import annotations

from datetime import date

from trajectory.domain.snapshot import Snapshot
from trajectory.guards.verdict import guard


@guard
def dagbesteding_met_ondersteuning(s: Snapshot, op: date) -> str | None:
    plaatsing = s.geplande_plaatsing
    if plaatsing is None or not plaatsing.dagbesteding:
        return None
    if s.leerjaar == "entree":
        return (
            "Een dagbestedingsstage telt niet voor Entree; Entree vraagt een stage bij een "
            "erkend leerbedrijf."
        )
    if not s.stage_ondersteuning:
        return (
            "Een dagbestedingsstage is er voor een leerling met stage-ondersteuning "
            "(beleidsplan 3.4); zet eerst de stage-ondersteuning aan, na intern overleg."
        )
    return None
