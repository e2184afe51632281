"""The tamper-evident audit trail: canonical content, SHA-256 chains, verification.

Each event's hash covers its content and the previous event's hash in its chain. Personal data
(payload, motivation) enters the chain only as `payload_hash`, so it can be erased
later while the chain still verifies.

Since migration 0028 there is a chain per leerling (and one for the school), so steps on
different leerlingen no longer wait for each other's head (issue #20); the events from before
stay the one chain they were, and every new chain starts from its head. A signed Merkle root
over all chain heads (domain/anker.py) ties the chains together again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
OUDE_KETEN = "tot-0028"  # every event of before migration 0028: one chain, verified as then
SCHOOL = "school"  # the chain of events about no leerling
CHAINED_FIELDS = (
    "tijd",
    "leerling_id",
    "actor_id",
    "actor_rol",
    "soort",
    "trigger",
    "van",
    "naar",
    "guards",
    "override",
    "payload_hash",
    "prev_hash",
)


def canonical(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


def jsonable(value: Any) -> Any:
    """The value as the chain hashes it (dates as ISO text), so storing it as JSON cannot fail."""
    return json.loads(canonical(value))


def sha256(value: Any) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(fields: Mapping[str, Any]) -> str:
    return sha256({name: fields[name] for name in CHAINED_FIELDS})


@dataclass(frozen=True)
class Kop:
    """Where a chain stood: how many events it had and the hash of the newest."""

    aantal: int
    hash: str


LEEG = Kop(0, GENESIS)


@dataclass(frozen=True)
class Verwachting:
    """Positions the chains must still hold: the chain-head table's, or a signed anchor's.

    `bron` names it in a finding ("het ondertekende anker"); `ontbreekt` starts the finding when
    a chain is shorter than it says (its newest events were removed)."""

    koppen: Mapping[str, Kop]
    bron: str
    ontbreekt: str


@dataclass(frozen=True)
class Finding:
    event_id: int | None  # None: the chains are whole but an anchored position is missing
    reden: str
    keten: str | None = None
    volgnummer: int | None = None  # the event's position in its chain, counted from 1


def keten_van(leerling_id: int | None) -> str:
    """The chain an event appended since migration 0028 belongs to: its leerling's, or the
    school's for events about no leerling (accounts, companies, verifications)."""
    return SCHOOL if leerling_id is None else f"leerling-{leerling_id}"


def verify(
    events: Iterable[Mapping[Any, Any]],
    *,
    grens: int = 0,
    verwachtingen: Sequence[Verwachting] = (),
    anker: str | None = None,
) -> Finding | None:
    """The first event that breaks its chain, or None when the trail is intact.

    `events` in id order, each with its `payload` (None when erased or absent). Events up to id
    `grens` are the one chain of before migration 0028 (OUDE_KETEN, from GENESIS); every later
    event is in its leerling's chain (keten_van), which starts from the old chain's head, so
    each is tied to the whole past. A chain only proves what comes before each event: removing
    its newest events leaves a valid chain. So each `verwachting` (chain -> count and head)
    must still hold: the event at that position has that hash (a chain rewritten and recomputed
    from before it no longer has), and no chain is shorter. An `anker` (a hash noted earlier,
    e.g. printed by `trajectory audit verify`) must still be in some chain.
    """
    koppen: dict[str, Kop] = {}
    anker_gezien = anker is None
    for event in events:
        keten = OUDE_KETEN if event["id"] <= grens else keten_van(event["leerling_id"])
        if keten not in koppen:
            start = GENESIS if keten == OUDE_KETEN else koppen.get(OUDE_KETEN, LEEG).hash
            koppen[keten] = Kop(0, start)
        vorige = koppen[keten]
        volgnummer = vorige.aantal + 1
        reden = _breuk(event, vorige.hash, keten, volgnummer, verwachtingen)
        if reden is not None:
            return Finding(event["id"], reden, keten, volgnummer)
        koppen[keten] = Kop(volgnummer, event["hash"])
        anker_gezien = anker_gezien or event["hash"] == anker
    if not anker_gezien:
        return Finding(None, "het anker ontbreekt: events aan het eind zijn verwijderd")
    return _ingekort(koppen, verwachtingen)


def _breuk(
    event: Mapping[Any, Any],
    vorige: str,
    keten: str,
    volgnummer: int,
    verwachtingen: Sequence[Verwachting],
) -> str | None:
    for verwachting in verwachtingen:
        kop = verwachting.koppen.get(keten)
        if kop is not None and kop.aantal == volgnummer and kop.hash != event["hash"]:
            return (
                f"wijkt af van {verwachting.bron} op volgnummer {volgnummer} "
                "(de keten is herschreven of herberekend)"
            )
    if event["prev_hash"] != vorige:
        return (
            "verwijst niet naar het vorige event (verwijderd, ingevoegd of van volgorde gewisseld)"
        )
    if event_hash(event) != event["hash"]:
        return "inhoud gewijzigd (hash klopt niet)"
    payload = event.get("payload")
    if payload is not None and sha256(payload) != event["payload_hash"]:
        return "payload gewijzigd (payload-hash klopt niet)"
    return None


def _ingekort(koppen: Mapping[str, Kop], verwachtingen: Sequence[Verwachting]) -> Finding | None:
    for verwachting in verwachtingen:
        for keten, kop in sorted(verwachting.koppen.items()):
            aantal = koppen.get(keten, LEEG).aantal
            if aantal < kop.aantal:
                return Finding(
                    None,
                    f"{verwachting.ontbreekt}: keten {keten} heeft {aantal} events, "
                    f"{verwachting.bron} noemt er {kop.aantal} "
                    "(events aan het eind zijn verwijderd)",
                    keten,
                )
    return None
