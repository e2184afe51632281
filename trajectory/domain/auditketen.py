"""The tamper-evident audit trail: canonical content, SHA-256 chain, verification.

Each event's hash covers its content and the previous event's hash. Personal data
(payload, motivation) enters the chain only as `payload_hash`, so it can be erased
later while the chain still verifies.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
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
class Finding:
    event_id: int | None  # None: the chain is whole but an anchor is missing (tail removed)
    reden: str


def verify(
    events: Iterable[Mapping[Any, Any]],
    anker: str | None = None,
    positie: tuple[int, str] | None = None,
) -> Finding | None:
    """The first event that breaks the chain, or None when the trail is intact.

    `events` in id order, each with its `payload` (None when erased or absent). A chain only
    proves what comes before each event: removing the newest events leaves a valid chain. An
    `anker` (a hash noted earlier, e.g. printed by `trajectory audit verify`) must still be in it.
    `positie` (sequence number, hash), from a signed anchor (domain/anker.py), must hold at that
    position: a chain rewritten and recomputed from before that point no longer has it there.
    """
    previous = GENESIS
    anker_gezien = anker is None
    volgnummer = 0
    for event in events:
        volgnummer += 1
        if positie is not None and volgnummer == positie[0] and event["hash"] != positie[1]:
            return Finding(
                event["id"],
                f"wijkt af van het ondertekende anker op volgnummer {positie[0]} "
                "(de keten is herschreven of herberekend)",
            )
        if event["prev_hash"] != previous:
            return Finding(
                event["id"],
                "verwijst niet naar het vorige event "
                "(verwijderd, ingevoegd of van volgorde gewisseld)",
            )
        if event_hash(event) != event["hash"]:
            return Finding(event["id"], "inhoud gewijzigd (hash klopt niet)")
        payload = event.get("payload")
        if payload is not None and sha256(payload) != event["payload_hash"]:
            return Finding(event["id"], "payload gewijzigd (payload-hash klopt niet)")
        previous = event["hash"]
        anker_gezien = anker_gezien or event["hash"] == anker
    if not anker_gezien or (positie is not None and volgnummer < positie[0]):
        return Finding(None, "het anker ontbreekt: events aan het eind zijn verwijderd")
    return None
