"""The signed anchor of the audit trail: every chain's head, and their Merkle root signed with a
secret key.

A hash chain alone cannot tell a whole rewritten chain from the real one: someone with write
access to the database can change an old event and recompute every hash after it. The anchor
closes that gap. Every day the scheduler (or `trajectory audit anker`) takes each chain's
(key, count, head), computes their Merkle root (domain/merkle.py) and signs it with
HMAC-SHA256, using a key that is kept outside the database (the environment variable
`TRAJECTORY_ANKER_SLEUTEL` or a key file), and writes the heads and the signed root next to
the backups. `trajectory audit verify --anker anker.json` then checks the signature, that the
heads give the root, and that every chain still holds its head at that position: a rewritten
past no longer matches. Anchors of before migration 0028 (one chain) still verify that chain.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from trajectory.domain import merkle
from trajectory.domain.auditketen import OUDE_KETEN
from trajectory.domain.merkle import Blad

ALGORITME = "HMAC-SHA256 over Merkle-wortel"
ALGORITME_VOOR_0028 = "HMAC-SHA256"  # (volgnummer, hash) of the single chain
SLEUTEL_VARIABELE = "TRAJECTORY_ANKER_SLEUTEL"
MAP_VARIABELE = "TRAJECTORY_ANKER_MAP"  # where the scheduler writes the daily anchor


class AnkerFout(ValueError):
    """An anchor that cannot be used: no key, an unreadable file, or a wrong signature."""


@dataclass(frozen=True)
class Anker:
    """The chains' heads at one moment and the signed Merkle root over them (domain/merkle.py).

    The heads travel with the root, so verifying needs nothing from the database but the events:
    each chain must still hold its head at that position, and the heads must give the root."""

    wortel: str
    ketens: tuple[Blad, ...]  # (chain key, count, head), in chain-key order
    tijd: str  # when it was signed (ISO-8601 UTC); signed too
    algoritme: str = ALGORITME
    handtekening: str = ""

    @property
    def aantal(self) -> int:
        """How many events the anchored chains held together."""
        return sum(aantal for _, aantal, _ in self.ketens)


def _bericht(wortel: str, tijd: str) -> bytes:
    return f"stagetraject-anker|merkle|{wortel}|{tijd}".encode()


def _bericht_voor_0028(volgnummer: int, head: str, tijd: str) -> bytes:
    """What an anchor of the single chain of before migration 0028 signed."""
    return f"stagetraject-anker|{volgnummer}|{head}|{tijd}".encode()


def onderteken(ketens: Iterable[Blad], tijd: str, sleutel: bytes) -> Anker:
    bladeren = tuple(sorted(ketens))
    root = merkle.wortel(bladeren)
    mac = hmac.new(sleutel, _bericht(root, tijd), hashlib.sha256).hexdigest()
    return Anker(wortel=root, ketens=bladeren, tijd=tijd, handtekening=mac)


def _handtekening(anker: Anker, sleutel: bytes) -> str:
    if anker.algoritme == ALGORITME_VOOR_0028:
        ((_, volgnummer, head),) = anker.ketens
        bericht = _bericht_voor_0028(volgnummer, head, anker.tijd)
    else:
        bericht = _bericht(anker.wortel, anker.tijd)
    return hmac.new(sleutel, bericht, hashlib.sha256).hexdigest()


def controleer(anker: Anker, sleutel: bytes) -> None:
    """Raise AnkerFout unless the signature is the key's signature of this anchor and its
    chain heads give its root."""
    if anker.algoritme not in (ALGORITME, ALGORITME_VOOR_0028):
        raise AnkerFout(f"onbekend algoritme {anker.algoritme!r} (verwacht {ALGORITME})")
    if not hmac.compare_digest(_handtekening(anker, sleutel), anker.handtekening):
        raise AnkerFout(
            "de handtekening van het anker klopt niet (ander bestand of andere sleutel)"
        )
    if anker.algoritme == ALGORITME and merkle.wortel(anker.ketens) != anker.wortel:
        raise AnkerFout("de ketens in het anker geven niet de ondertekende Merkle-wortel")


def als_json(anker: Anker) -> str:
    data = {
        "wortel": anker.wortel,
        "aantal": anker.aantal,
        "tijd": anker.tijd,
        "algoritme": anker.algoritme,
        "handtekening": anker.handtekening,
    }
    kop = json.dumps(data, ensure_ascii=False, indent=2)[:-2]  # without its closing "\n}"
    bladeren = ",\n".join(f"    {json.dumps(list(blad))}" for blad in anker.ketens)
    return f'{kop},\n  "ketens": [\n{bladeren}\n  ]\n}}\n'  # a chain per line


def lees(pad: Path) -> Anker:
    """An anchor file; one of before migration 0028 (volgnummer, hash of the single chain) is
    read as an anchor of that chain, which the migration kept as it was (OUDE_KETEN)."""
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
        if "volgnummer" in data:
            blad = (OUDE_KETEN, int(data["volgnummer"]), str(data["hash"]))
            return Anker(
                wortel="",
                ketens=(blad,),
                tijd=str(data["tijd"]),
                algoritme=ALGORITME_VOOR_0028,
                handtekening=str(data["handtekening"]),
            )
        return Anker(
            wortel=str(data["wortel"]),
            ketens=tuple((str(k), int(n), str(h)) for k, n, h in data["ketens"]),
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
