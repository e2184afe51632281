"""The company of a placement about to start, as the register knows it (issue #17): its SBB
erkenning for Entree, its status, its places at a time. The rules themselves are in
`domain/bedrijfsregels.py`; these guards say in Dutch why a start waits."""

from __future__ import annotations

from datetime import date

from trajectory.domain.bedrijfsregels import GEEN_NIEUWE_PLAATSING, erkend_op, vrije_plaatsen
from trajectory.domain.snapshot import SECTOREN, Snapshot
from trajectory.guards.verdict import guard

# the guards that read `Snapshot.bedrijf_bezet`: only for a state with a step guarded by one of
# these does loading a leerling count the company's places (a test keeps this list complete)
HEEFT_PLAATS = "bedrijf_heeft_plaats"
LEZEN_BEDRIJFSBEZETTING = frozenset({HEEFT_PLAATS})


@guard
def erkend_leerbedrijf(s: Snapshot, op: date) -> str | None:
    """Entree (seed): 'stage of werkervaring bij een erkend leerbedrijf': the company's SBB
    erkenning covers the placement's sector on its start date (a PrO stage there is warned
    about, domain/waarschuwingen.py)."""
    p = s.geplande_plaatsing
    if p is None or erkend_op(p.erkenning_geldig_tot, p.erkenning_sectoren, p.sector, p.startdatum):
        return None
    if not p.erkenning_sectoren:
        return f"{p.bedrijf} is geen erkend leerbedrijf; dat is nodig voor Entree."
    if p.sector not in p.erkenning_sectoren:
        sector = SECTOREN.get(p.sector or "", p.sector or "onbekend")
        return (
            f"{p.bedrijf} is geen erkend leerbedrijf voor de sector {sector}; "
            "dat is nodig voor Entree."
        )
    if p.erkenning_geldig_tot is None:
        return (
            f"Van de SBB-erkenning van {p.bedrijf} is niet vastgelegd tot wanneer die geldig is; "
            "leg die datum vast in het bedrijvenregister (Entree vraagt een erkend leerbedrijf)."
        )
    return (
        f"De SBB-erkenning van {p.bedrijf} is geldig tot en met {p.erkenning_geldig_tot:%d-%m-%Y} "
        f"en de stage start op {p.startdatum:%d-%m-%Y}; Entree vraagt een erkend leerbedrijf "
        "op de startdatum."
    )


@guard
def bedrijf_niet_geblokkeerd(s: Snapshot, op: date) -> str | None:
    plaatsing = s.geplande_plaatsing
    if plaatsing is None or plaatsing.bedrijf_status not in GEEN_NIEUWE_PLAATSING:
        return None
    reden = plaatsing.bedrijf_status_reden.strip()
    return (
        f"{plaatsing.bedrijf} is geblokkeerd in het bedrijvenregister; daar start geen nieuwe "
        + (f"stage. Reden: {reden}" if reden else "stage.")
    )


@guard
def bedrijf_heeft_plaats(s: Snapshot, op: date) -> str | None:
    """The company's places at a time (`capaciteit`) taken by others' running placements."""
    plaatsing = s.geplande_plaatsing
    if plaatsing is None:
        return None
    if vrije_plaatsen(plaatsing.bedrijf_capaciteit, s.bedrijf_bezet) == 0:
        return (
            f"Bij {plaatsing.bedrijf} is geen stageplaats vrij: er lopen {s.bedrijf_bezet} "
            f"stages en het bedrijf heeft {plaatsing.bedrijf_capaciteit} plaatsen."
        )
    return None
