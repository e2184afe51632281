"""The signed anchor of the audit trail: (sequence number, head hash) signed with a secret key.

A hash chain alone cannot tell a whole rewritten chain from the real one: someone with write
access to the database can change an old event and recompute every hash after it. The anchor
closes that gap. Every day the scheduler (or `trajectory audit anker`) signs the position and
hash of the newest event with HMAC-SHA256, using a key that is kept outside the database (the
environment variable `TRAJECTORY_ANKER_SLEUTEL` or a key file), and writes it next to the
backups. `trajectory audit verify --anker anker.json` then checks the signature and that the
chain still holds that hash at that position: a rewritten past no longer matches.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

ALGORITME = "HMAC-SHA256"
SLEUTEL_VARIABELE = "TRAJECTORY_ANKER_SLEUTEL"
MAP_VARIABELE = "TRAJECTORY_ANKER_MAP"  # where the scheduler writes the daily anchor


class AnkerFout(ValueError):
    """An anchor that cannot be used: no key, an unreadable file, or a wrong signature."""


@dataclass(frozen=True)
class Anker:
    volgnummer: int  # the head's position in the chain, counted from 1 in id order
    hash: str
    tijd: str  # when it was signed (ISO-8601 UTC); signed too
    algoritme: str = ALGORITME
    handtekening: str = ""


def _bericht(volgnummer: int, head: str, tijd: str) -> bytes:
    return f"stagetraject-anker|{volgnummer}|{head}|{tijd}".encode()


def onderteken(volgnummer: int, head: str, tijd: str, sleutel: bytes) -> Anker:
    mac = hmac.new(sleutel, _bericht(volgnummer, head, tijd), hashlib.sha256).hexdigest()
    return Anker(volgnummer=volgnummer, hash=head, tijd=tijd, handtekening=mac)


def controleer(anker: Anker, sleutel: bytes) -> None:
    """Raise AnkerFout unless the signature is the key's signature of this anchor."""
    if anker.algoritme != ALGORITME:
        raise AnkerFout(f"onbekend algoritme {anker.algoritme!r} (verwacht {ALGORITME})")
    verwacht = onderteken(anker.volgnummer, anker.hash, anker.tijd, sleutel).handtekening
    if not hmac.compare_digest(verwacht, anker.handtekening):
        raise AnkerFout(
            "de handtekening van het anker klopt niet (ander bestand of andere sleutel)"
        )


def als_json(anker: Anker) -> str:
    return json.dumps(asdict(anker), ensure_ascii=False, indent=2) + "\n"


def lees(pad: Path) -> Anker:
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
        return Anker(
            volgnummer=int(data["volgnummer"]),
            hash=str(data["hash"]),
            tijd=str(data["tijd"]),
            algoritme=str(data["algoritme"]),
            handtekening=str(data["handtekening"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AnkerFout(f"het anker {pad} is niet te lezen: {exc}") from exc


def sleutel(bestand: Path | None = None) -> bytes:
    """The key: from the key file when given, else from TRAJECTORY_ANKER_SLEUTEL."""
    if bestand is not None:
        try:
            waarde = bestand.read_bytes().strip()
        except OSError as exc:
            raise AnkerFout(f"het sleutelbestand {bestand} is niet te lezen: {exc}") from exc
    else:
        waarde = os.environ.get(SLEUTEL_VARIABELE, "").strip().encode()
    if len(waarde) < 16:
        raise AnkerFout(
            f"geen bruikbare ankersleutel: zet {SLEUTEL_VARIABELE} of geef --sleutel-bestand "
            "(minstens 16 tekens, buiten de database bewaard)"
        )
    return waarde
