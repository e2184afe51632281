"""Starting a placement: contract, age, work, distance, sector (beleidsplan 2.3, 5; WVO art. 35)."""

from __future__ import annotations

from datetime import date

from trajectory.domain.datums import maandnaam
from trajectory.domain.snapshot import SECTOREN, Snapshot
from trajectory.guards.verdict import guard

OVEREENKOMST_VELDEN: dict[str, str] = {
    "leeractiviteiten": "de leeractiviteiten",
    "aanvangsdatum": "de aanvangsdatum",
    "einddatum": "de einddatum",
    "tijden": "de tijden",
    "begeleidingsregeling": "de begeleidingsregeling (stageleraar en praktijkbegeleider)",
    "beoordeling_door_bedrijf": "hoe het bedrijf meewerkt aan de beoordeling",
    "inspectie_regeling": "de regeling die inspectie mogelijk maakt",
    "verzekering_ongevallen": "wie ongevallen verzekert",
    "verzekering_aansprakelijkheid": "wie de aansprakelijkheid verzekert",
    "kosten_door": "wie de kosten draagt",
    "getekend_school": "de handtekening van de school",
    "getekend_leerling": "de handtekening van de leerling",
    "getekend_bedrijf": "de handtekening van het bedrijf",
}
HANDTEKENING_OUDER = ("getekend_ouder", "de handtekening van een ouder/verzorger")


def _overeenkomst_ontbreekt(s: Snapshot, plaatsing_id: int) -> list[str]:
    record = s.laatste("stage_overeenkomst", plaatsing_id=plaatsing_id)
    data = record.data if record else {}
    ontbreekt = [label for veld, label in OVEREENKOMST_VELDEN.items() if not data.get(veld)]
    aanvang = data.get("aanvangsdatum")
    start = date.fromisoformat(aanvang) if isinstance(aanvang, str) else None
    minderjarig = start is None or s.leeftijd_op(start) < 18
    if minderjarig and not data.get(HANDTEKENING_OUDER[0]):
        ontbreekt.append(HANDTEKENING_OUDER[1])
    return ontbreekt


@guard
def plaatsing_gepland(s: Snapshot, op: date) -> str | None:
    if s.geplande_plaatsing is None:
        return "Er is nog geen stageplaats vastgelegd om te starten."
    return None


@guard
def stage_overeenkomst_compleet(s: Snapshot, op: date) -> str | None:
    """WVO art. 35: what a stage-overeenkomst must hold, signed by all parties."""
    plaatsing = s.geplande_plaatsing
    if plaatsing is None:
        return None  # plaatsing_gepland reports it
    ontbreekt = _overeenkomst_ontbreekt(s, plaatsing.id)
    if ontbreekt:
        return "De stage-overeenkomst is niet compleet; er ontbreekt: " + ", ".join(ontbreekt) + "."
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
def erkend_leerbedrijf(s: Snapshot, op: date) -> str | None:
    plaatsing = s.geplande_plaatsing
    if plaatsing is not None and not plaatsing.erkend_leerbedrijf:
        return f"{plaatsing.bedrijf} is geen erkend leerbedrijf; dat is nodig voor Entree."
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
def individuele_stage_afgerond(s: Snapshot, op: date) -> str | None:
    if not any(p.soort == "individuele_stage" and p.status == "afgerond" for p in s.plaatsingen):
        return "De leerling heeft nog geen individuele stage afgerond."
    return None


@guard
def sector_geldig(s: Snapshot, op: date) -> str | None:
    keuze = s.laatste("sectorkeuze")
    if keuze is None or keuze.data.get("sector") not in SECTOREN:
        return "Kies een van de tien Noa-sectoren als definitieve sector."
    return None
