"""The contract of a placement: the stage-overeenkomst of WVO art. 35, or for Entree the
arbeidsovereenkomst of a duaal traject (beleidsplan 5.1, 5.2).

Complete is more than filled in: the contract's period covers the placement's, its times are
the rooster's, and it names who insures and who pays (not just any text).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time
from typing import Any

from trajectory.domain.overeenkomst_handtekeningen import (
    ARBEIDSOVEREENKOMST,
    STAGE_OVEREENKOMST,
    VINKJES,
    getekend,
)
from trajectory.domain.snapshot import Plaatsing, Record, Snapshot
from trajectory.guards.arbeidstijden import WEEKDAGEN, geldend_rooster, rooster_uit
from trajectory.guards.verdict import guard

CONTRACTSOORTEN: dict[str, str] = {
    STAGE_OVEREENKOMST: "Stage-overeenkomst",
    ARBEIDSOVEREENKOMST: "Arbeidsovereenkomst (duaal traject, alleen Entree)",
}

OVEREENKOMST_VELDEN: dict[str, str] = {  # WVO art. 35 lid 2 en 3, signed by all parties
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
# an arbeidsovereenkomst is between werkgever and leerling; the school is no party to it
ARBEIDSOVEREENKOMST_VELDEN: dict[str, str] = {
    "aanvangsdatum": "de aanvangsdatum",
    "tijden": "de tijden",
    "getekend_leerling": "de handtekening van de leerling",
    "getekend_bedrijf": "de handtekening van de werkgever",
}
HANDTEKENING_OUDER = ("getekend_ouder", "de handtekening van een ouder/verzorger")

# WVO art. 35 lid 3: "wie de verzekering ... zal sluiten en ten laste van wie de te betalen
# premie zal komen": a party (the school's collectieve verzekering, the company, the parents)
# or a named policy ("polis 123 bij ..."), not just any text
PARTIJ = re.compile(
    r"school|bedrijf|stagegever|werkgever|ouder|verzorger|polis\w*\W+\w+", re.IGNORECASE
)
VERZEKERING_VELDEN = ("verzekering_ongevallen", "verzekering_aansprakelijkheid", "kosten_door")
PARTIJ_UITLEG = (
    "noem de school (collectieve verzekering), het stagebedrijf, de ouders/verzorgers of een "
    "polis (verzekeraar en nummer)"
)

_TIJD = r"(\d{1,2})(?:[:.](\d{2}))?"
_BEREIK = re.compile(rf"(?<![\d:.]){_TIJD}\s*(?:-|–|tot)\s*{_TIJD}(?![\d:.])")


def contractsoort(data: Mapping[str, Any]) -> str:
    return str(data.get("soort") or STAGE_OVEREENKOMST)


def tijden_in(tekst: str) -> set[tuple[time, time]]:
    """The time ranges a contract's `tijden` names: "9-15", "8:30-15:00", "9.00 tot 14.30"."""
    bereiken = set()
    for u1, m1, u2, m2 in _BEREIK.findall(tekst):
        try:
            bereiken.add((time(int(u1), int(m1 or 0)), time(int(u2), int(m2 or 0))))
        except ValueError:
            continue  # "25:00" is no time
    return bereiken


def _datum(waarde: Any) -> date | None:
    return date.fromisoformat(waarde) if isinstance(waarde, str) else None


def _ontbreekt(s: Snapshot, data: Mapping[str, Any], velden: Mapping[str, str]) -> list[str]:
    ontbreekt = [label for veld, label in velden.items() if not data.get(veld)]
    start = _datum(data.get("aanvangsdatum"))
    if (start is None or s.leeftijd_op(start) < 18) and not data.get(HANDTEKENING_OUDER[0]):
        ontbreekt.append(HANDTEKENING_OUDER[1])
    return ontbreekt


def _met_handtekeningen(
    s: Snapshot, plaatsing: Plaatsing, data: Mapping[str, Any]
) -> dict[str, Any]:
    """The contract's fields with its signatures as they stand: a party has signed when it
    signed the current version (issue #18: an event, not the record's checkbox)."""
    velden = {k: v for k, v in data.items() if k not in VINKJES.values()}
    return velden | {VINKJES[partij]: True for partij in getekend(s, plaatsing)}


def _periode_klopt_niet(plaatsing: Plaatsing, data: Mapping[str, Any]) -> str | None:
    """The contract's period covers the placement's (WVO art. 35: aanvangsdatum, einddatum)."""
    aanvang, einde = _datum(data.get("aanvangsdatum")), _datum(data.get("einddatum"))
    if aanvang is not None and aanvang > plaatsing.startdatum:
        return (
            f"de aanvangsdatum ({aanvang:%d-%m-%Y}) ligt na de start van de stage "
            f"({plaatsing.startdatum:%d-%m-%Y})"
        )
    if einde is not None and einde < (plaatsing.einddatum or plaatsing.startdatum):
        tot = plaatsing.einddatum or plaatsing.startdatum
        wat = "het einde" if plaatsing.einddatum else "de start"
        return f"de einddatum ({einde:%d-%m-%Y}) ligt voor {wat} van de stage ({tot:%d-%m-%Y})"
    return None


def _tijden_kloppen_niet(s: Snapshot, plaatsing: Plaatsing, tekst: str) -> str | None:
    """The contract's times are the rooster's: each rooster day's start–end is named."""
    rooster = geldend_rooster(s, plaatsing)
    if rooster is None or not tekst:
        return None  # rooster_legaal and the missing field say so
    dagen = rooster_uit(rooster.data.get("dagen") or {})
    genoemd = tijden_in(tekst)
    missen = sorted(
        (dag, werk) for dag, werk in dagen.items() if (werk.start, werk.eind) not in genoemd
    )
    if not missen:
        return None
    volgens_rooster = ", ".join(
        f"{WEEKDAGEN[dag]} {werk.start:%H:%M}–{werk.eind:%H:%M}" for dag, werk in missen
    )
    return f"de tijden passen niet bij het rooster (het rooster heeft {volgens_rooster})"


def _partij_ontbreekt(data: Mapping[str, Any]) -> list[str]:
    return [
        OVEREENKOMST_VELDEN[veld]
        for veld in VERZEKERING_VELDEN
        if data.get(veld) and not PARTIJ.search(str(data[veld]))
    ]


def overeenkomst_bezwaren(s: Snapshot, plaatsing: Plaatsing) -> str | None:
    """Everything wrong with the placement's contract, as one Dutch sentence, or None."""
    record = s.laatste("stage_overeenkomst", plaatsing_id=plaatsing.id)
    data = _met_handtekeningen(s, plaatsing, record.data) if record else {}
    soort = contractsoort(data)
    naam = "arbeidsovereenkomst" if soort == ARBEIDSOVEREENKOMST else "stage-overeenkomst"
    if soort == ARBEIDSOVEREENKOMST and s.leerjaar != "entree":
        return (
            "Een arbeidsovereenkomst (duaal traject) kan alleen bij Entree; "
            "deze stage vraagt een stage-overeenkomst."
        )
    velden = ARBEIDSOVEREENKOMST_VELDEN if soort == ARBEIDSOVEREENKOMST else OVEREENKOMST_VELDEN
    zinnen = []
    if ontbreekt := _ontbreekt(s, data, velden):
        zinnen.append(f"De {naam} is niet compleet; er ontbreekt: " + ", ".join(ontbreekt) + ".")
    bezwaren = [
        b
        for b in (
            _periode_klopt_niet(plaatsing, data),
            _tijden_kloppen_niet(s, plaatsing, str(data.get("tijden") or "")),
        )
        if b
    ]
    if onduidelijk := _partij_ontbreekt(data):
        bezwaren.append(f"{' en '.join(onduidelijk)}: {PARTIJ_UITLEG}")
    if bezwaren:
        zinnen.append(f"De {naam} klopt niet: " + "; ".join(bezwaren) + ".")
    return " ".join(zinnen) or None


@guard
def stage_overeenkomst_compleet(s: Snapshot, op: date) -> str | None:
    """WVO art. 35: what a stage-overeenkomst must hold, signed by all parties, covering the
    placement; for Entree an arbeidsovereenkomst (duaal traject) may stand in for it."""
    plaatsing = s.geplande_plaatsing
    if plaatsing is None:
        return None  # plaatsing_gepland reports it
    return overeenkomst_bezwaren(s, plaatsing)


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
    """Beleidsplan 2.2: 'Bij aanvang van de groepsstage wordt er een stagecontract opgesteld.'
    The same WVO art. 35 list as any stage-overeenkomst, and the same parties named."""
    record = groepsstage_overeenkomst(s)
    if record is None:
        return (
            "Bij aanvang van de groepsstage wordt een stagecontract opgesteld; leg de "
            "stage-overeenkomst voor de groepsstage vast."
        )
    zinnen = []
    if ontbreekt := _ontbreekt(s, record.data, OVEREENKOMST_VELDEN):
        zinnen.append(
            "De stage-overeenkomst voor de groepsstage is niet compleet; er ontbreekt: "
            + ", ".join(ontbreekt)
            + "."
        )
    if onduidelijk := _partij_ontbreekt(record.data):
        zinnen.append(
            "De stage-overeenkomst voor de groepsstage klopt niet: "
            f"{' en '.join(onduidelijk)}: {PARTIJ_UITLEG}."
        )
    return " ".join(zinnen) or None
