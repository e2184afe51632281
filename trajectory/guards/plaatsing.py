"""Starting a placement: age, work, distance, sector (beleidsplan 2.3, 5); the contract has its
own module (`overeenkomst.py`)."""

from __future__ import annotations

from datetime import date

from trajectory.domain.datums import maandnaam
from trajectory.domain.schooljaar import in_schooljaar_van
from trajectory.domain.snapshot import SECTOREN, Snapshot
from trajectory.guards.verdict import guard


@guard
def plaatsing_gepland(s: Snapshot, op: date) -> str | None:
    if s.geplande_plaatsing is None:
        return "Er is nog geen stageplaats vastgelegd om te starten."
    return None


def _km(afstand: float) -> str:
    """Dutch decimal comma: 15,1 km."""
    return f"{afstand:g}".replace(".", ",")


@guard
def binnen_fietsafstand(s: Snapshot, op: date) -> str | None:
    """Beleidsplan 2.3: 'het stagebedrijf op fietsafstand van de verblijfsplaats'."""
    plaatsing = s.geplande_plaatsing
    if plaatsing is None:
        return None
    if plaatsing.afstand_km is None:
        return "De afstand van huis naar het stagebedrijf is niet vastgelegd."
    limiet = s.beleid.max_fietsafstand_km
    if plaatsing.afstand_km > limiet:
        return (
            f"Het stagebedrijf ligt {_km(plaatsing.afstand_km)} km van huis; "
            f"de fietsafstand is maximaal {_km(limiet)} km."
        )
    return None


@guard
def sector_is_definitieve_sector(s: Snapshot, op: date) -> str | None:
    plaatsing = s.geplande_plaatsing
    if plaatsing is None:
        return None
    if s.definitieve_sector is None:
        return "De leerling heeft nog geen definitieve sector gekozen."
    if plaatsing.sector != s.definitieve_sector:
        gekozen = SECTOREN.get(s.definitieve_sector, s.definitieve_sector)
        return f"De stage is niet in de definitieve sector van de leerling ({gekozen})."
    return None


@guard
def stagebeoordeling_vastgelegd(s: Snapshot, op: date) -> str | None:
    plaatsing = s.lopende_plaatsing
    if plaatsing is None:
        return "Er is geen lopende stage."
    if s.laatste_beoordeling("stagebeoordeling", plaatsing_id=plaatsing.id) is None:
        return f"De stagebeoordeling van {plaatsing.bedrijf} is nog niet vastgelegd."
    return None


@guard
def einde_leerjaar_3(s: Snapshot, op: date) -> str | None:
    if s.leerjaar != "3":
        return f"De sector wordt gekozen aan het eind van leerjaar 3 (nu leerjaar {s.leerjaar})."
    if not s.beleid.sectorkeuze_vanaf_maand <= op.month <= s.beleid.sectorkeuze_tot_en_met_maand:
        maand = maandnaam(s.beleid.sectorkeuze_vanaf_maand)
        return f"De definitieve sector wordt gekozen aan het eind van leerjaar 3 (vanaf {maand})."
    return None


@guard
def stage_afgerond_voor_sectorkeuze(s: Snapshot, op: date) -> str | None:
    """A completed individuele stage; or a groepsstage that lasted the whole of leerjaar 3
    ('duur afhankelijk van de ontwikkeling') and was closed positively at its end (the ten
    basiswerknemersvaardigheden voldoende and the overleg positive: `naar_individueel`),
    from the month the sector is chosen on (docs/PLAATSINGSREGELS.md)."""
    if any(p.soort == "individuele_stage" and p.status == "afgerond" for p in s.plaatsingen):
        return None
    vanaf = in_schooljaar_van(op, s.beleid.sectorkeuze_vanaf_maand)
    if any(
        p.soort == "groepsstage" and p.status == "afgerond" and p.einddatum and p.einddatum >= vanaf
        for p in s.plaatsingen
    ):
        return None
    maand = maandnaam(s.beleid.sectorkeuze_vanaf_maand)
    return (
        "De leerling heeft nog geen individuele stage afgerond, en ook geen groepsstage die "
        f"aan het eind van leerjaar 3 (vanaf {maand}) positief is afgesloten."
    )


@guard
def sector_geldig(s: Snapshot, op: date) -> str | None:
    keuze = s.laatste("sectorkeuze")
    if keuze is None or keuze.data.get("sector") not in SECTOREN:
        return "Kies een van de tien Noa-sectoren als definitieve sector."
    return None
