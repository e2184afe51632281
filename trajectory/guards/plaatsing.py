"""Starting a placement: contract, age, work, distance, sector (beleidsplan 2.3, 5; WVO art. 35)."""

from __future__ import annotations

from datetime import date

from trajectory.domain.datums import maandnaam
from trajectory.domain.schooljaar import in_schooljaar_van
from trajectory.domain.snapshot import SECTOREN, Record, Snapshot
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
    return ontbreekt_in_overeenkomst(s, s.laatste("stage_overeenkomst", plaatsing_id=plaatsing_id))


def ontbreekt_in_overeenkomst(s: Snapshot, record: Record | None) -> list[str]:
    """What WVO art. 35 asks of this stage-overeenkomst and it does not hold."""
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


def groepsstage_overeenkomst(s: Snapshot) -> Record | None:
    """The contract of the groepsstage about to start: a stage-overeenkomst bound to no
    placement (the groepsstage's placement is made by the step), drawn up since the last
    placement ended (an opvang after an uitval needs a new one)."""
    einde = max((p.einddatum for p in s.plaatsingen if p.einddatum), default=None)
    nieuwste = None
    for r in s.records_van("stage_overeenkomst"):
        if r.plaatsing_id is None and (einde is None or r.datum >= einde):
            if nieuwste is None or r.datum >= nieuwste.datum:
                nieuwste = r
    return nieuwste


@guard
def groepsstage_overeenkomst_compleet(s: Snapshot, op: date) -> str | None:
    """Beleidsplan 2.2: 'Bij aanvang van de groepsstage wordt er een stagecontract opgesteld.'"""
    record = groepsstage_overeenkomst(s)
    if record is None:
        return (
            "Bij aanvang van de groepsstage wordt een stagecontract opgesteld; leg de "
            "stage-overeenkomst voor de groepsstage vast."
        )
    ontbreekt = ontbreekt_in_overeenkomst(s, record)
    if ontbreekt:
        return (
            "De stage-overeenkomst voor de groepsstage is niet compleet; er ontbreekt: "
            + ", ".join(ontbreekt)
            + "."
        )
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
