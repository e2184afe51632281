"""Who must sign a placement's stage-overeenkomst, and which version is signed (issue #18).

DOMAIN.md, Stage-overeenkomst: "A signature is an event, not a checkbox: who (name, party,
link or account), when, and the SHA-256 of the exact document version signed. Changing a
contract field or the rooster after a signature makes a new version that needs every
signature again." A version is therefore the pair (contract record, rooster record): a
correction of either is a new record (`usecases/corrigeren.py`), so a new version, and the
signatures of the old one stay with the old one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from trajectory.domain.snapshot import Handtekening, Plaatsing, Record, Snapshot

STAGE_OVEREENKOMST = "stage_overeenkomst"
ARBEIDSOVEREENKOMST = "arbeidsovereenkomst"  # duaal traject: Entree only, the school no party
PARTIJEN: dict[str, str] = {
    "school": "de school (stagebegeleider)",
    "leerling": "de leerling",
    "bedrijf": "het bedrijf (praktijkbegeleider of tekenbevoegde)",
    "ouder": "een ouder/verzorger",
}
# who signs through a personal link (domain/links.PARTIJEN) for which party
PARTIJ_VAN_LINK: dict[str, str] = {
    "praktijkbegeleider": "bedrijf",
    "leerling": "leerling",
    "ouder": "ouder",
}
WIJZEN: dict[str, str] = {
    "scherm": "op het scherm van de stagebegeleider",
    "link": "via een persoonlijke link",
    "papier": "op papier (scan geüpload, of aangevinkt bij het vastleggen van het contract)",
    "overgenomen": "papier/overgenomen (afgevinkt vóór de digitale ondertekening)",
}
PAPIEREN_WIJZEN = ("papier", "overgenomen")
# the kinds whose storing can make signature rows (store/overeenkomst.papieren_handtekeningen:
# a contract's ticked boxes; a rooster taking a paper contract's signatures over)
MAAKT_HANDTEKENINGEN = frozenset({STAGE_OVEREENKOMST, "rooster"})


def maakt_handtekeningen(records: Iterable[Record]) -> bool:
    """Whether storing these records may have added signature rows (then read them again)."""
    return any(r.kind in MAAKT_HANDTEKENINGEN for r in records)


# the box a contract record may still carry (form, API, intake): stored, a ticked one becomes
# a `papier` signature row (`store/overeenkomst.papieren_handtekeningen`); migration 0025 made
# the boxes of older records `overgenomen` rows. The guard reads rows only.
VINKJES: dict[str, str] = {partij: f"getekend_{partij}" for partij in PARTIJEN}
MEERDERJARIG = 18


class Versie(NamedTuple):
    """The document version: the contract record and the rooster record it is made of."""

    contract_id: int | None
    rooster_id: int | None


def aanvang(plaatsing: Plaatsing, contract: Mapping[str, Any]) -> date:
    """The start date the contract names, else the placement's."""
    waarde = contract.get("aanvangsdatum")
    return date.fromisoformat(waarde) if isinstance(waarde, str) else plaatsing.startdatum


def vereiste_partijen(
    s: Snapshot, start: date | None, soort: str = STAGE_OVEREENKOMST
) -> tuple[str, ...]:
    """School, leerling and bedrijf; a parent too when the leerling is a minor on the start
    date (WVO art. 35; DOMAIN.md). No start date known: a parent, to be safe. An
    arbeidsovereenkomst is between werkgever and leerling: the school does not sign it."""
    minderjarig = start is None or s.leeftijd_op(start) < MEERDERJARIG
    return tuple(
        p
        for p in PARTIJEN
        if (p != "ouder" or minderjarig) and (p != "school" or soort != ARBEIDSOVEREENKOMST)
    )


def partijen_van(s: Snapshot, plaatsing: Plaatsing) -> tuple[str, ...]:
    """Who must sign the placement's current contract."""
    contract, _ = contract_en_rooster(s, plaatsing)
    data = contract.data if contract else {}
    return vereiste_partijen(
        s, aanvang(plaatsing, data), str(data.get("soort") or STAGE_OVEREENKOMST)
    )


def contract_en_rooster(s: Snapshot, plaatsing: Plaatsing) -> tuple[Record | None, Record | None]:
    return (
        s.laatste("stage_overeenkomst", plaatsing_id=plaatsing.id),
        s.laatste("rooster", plaatsing_id=plaatsing.id),
    )


def versie_van(s: Snapshot, plaatsing: Plaatsing) -> Versie:
    contract, rooster = contract_en_rooster(s, plaatsing)
    return Versie(contract.id if contract else None, rooster.id if rooster else None)


def getekend(s: Snapshot, plaatsing: Plaatsing) -> dict[str, str]:
    """Party → how it signed the current version (the first signature counts): signature
    rows only, never the record's boxes."""
    contract, rooster = contract_en_rooster(s, plaatsing)
    if contract is None:
        return {}
    versie = Versie(contract.id, rooster.id if rooster else None)
    partijen: dict[str, str] = {}
    for h in handtekeningen_van(s.handtekeningen, plaatsing.id, versie):
        partijen.setdefault(h.partij, h.wijze)
    return partijen


def handtekeningen_van(
    alle: tuple[Handtekening, ...], plaatsing_id: int, versie: Versie
) -> list[Handtekening]:
    return [
        h
        for h in alle
        if h.plaatsing_id == plaatsing_id
        and h.contract_id == versie.contract_id
        and h.rooster_id == versie.rooster_id
    ]


def ontbrekende_partijen(s: Snapshot, plaatsing: Plaatsing) -> list[str]:
    """The parties whose signature of the current version is missing, in signing order."""
    gedaan = getekend(s, plaatsing)
    return [p for p in partijen_van(s, plaatsing) if p not in gedaan]
