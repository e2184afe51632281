"""The server key: it encrypts the TOTP secrets at rest and keys the hashes of the login
throttle, so a copy of the database (or a backup) holds neither a usable secret nor a list of
e-mail addresses and IPs one can test guesses against.

Kept outside the database, like the audit anchor's key (`anker.py`): the environment variable
TRAJECTORY_SERVERSLEUTEL, or a file named by TRAJECTORY_SERVERSLEUTEL_BESTAND. On a fresh
machine with neither (`make run`, the demo) a random key is made once in a file in the user's
configuration directory (`~/.config/stagetraject/serversleutel`, mode 0600) and read from there
ever after; the log says so.

A key is a line of at least 32 characters (`trajectory sleutel nieuw` makes one). The variable
or the file may hold several, separated by white space (in the file: one per line): the first
encrypts and keys the hashes, the others are former keys that still decrypt. That is the
rotation without an outage (docs/BEHEER.md): put the new key in front, restart, run
`trajectory sleutel roteer` (re-encrypts every secret with the first key), drop the old one.

Encryption is `cryptography`'s Fernet (AES-128-CBC with HMAC-SHA256, authenticated) and
MultiFernet for the former keys. The Fernet key and the HMAC key are derived from the
configured key with HKDF-SHA256 under their own labels, so one key does both jobs and neither
output gives away the other.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SLEUTEL_VARIABELE = "TRAJECTORY_SERVERSLEUTEL"
BESTAND_VARIABELE = "TRAJECTORY_SERVERSLEUTEL_BESTAND"
MIN_LENGTE = 32
log = logging.getLogger("stagetraject.beveiliging")


class SleutelFout(ValueError):
    """No usable key, or a stored secret that none of the keys opens. The message names where
    the keys came from, never a key or a secret."""


def _afgeleid(sleutel: str, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(
        sleutel.encode()
    )


@dataclass(frozen=True)
class Sleutels:
    """The configured keys, the current one first; `herkomst` says where they came from."""

    sleutels: tuple[str, ...]
    herkomst: str
    _fernet: MultiFernet = field(init=False, repr=False, compare=False)
    _hmac: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.sleutels or any(len(s) < MIN_LENGTE for s in self.sleutels):
            raise SleutelFout(
                f"geen bruikbare serversleutel in {self.herkomst}: elke sleutel heeft minstens "
                f"{MIN_LENGTE} tekens (maak er een met `trajectory sleutel nieuw`)"
            )
        fernets = [
            Fernet(base64.urlsafe_b64encode(_afgeleid(s, b"stagetraject totp-geheimen")))
            for s in self.sleutels
        ]
        object.__setattr__(self, "_fernet", MultiFernet(fernets))
        object.__setattr__(self, "_hmac", _afgeleid(self.sleutels[0], b"stagetraject pogingen"))

    def versleutel(self, geheim: str) -> str:
        return self._fernet.encrypt(geheim.encode()).decode()

    def ontsleutel(self, opgeslagen: str) -> str:
        try:
            return self._fernet.decrypt(opgeslagen.encode()).decode()
        except InvalidToken:
            raise SleutelFout(self._past_niet) from None

    def herversleutel(self, opgeslagen: str) -> str:
        """The same secret encrypted with the current key (it may have been any of them)."""
        try:
            return self._fernet.rotate(opgeslagen.encode()).decode()
        except InvalidToken:
            raise SleutelFout(self._past_niet) from None

    def merk(self, waarde: str) -> str:
        """A keyed hash (HMAC-SHA256, hex): equal values give equal marks, and without the key
        nobody can compute the mark of a guessed address."""
        return hmac.new(self._hmac, waarde.encode(), hashlib.sha256).hexdigest()

    @property
    def _past_niet(self) -> str:
        return (
            f"een opgeslagen geheim past bij geen van de sleutels uit {self.herkomst} "
            "(een andere of verloren serversleutel?)"
        )


def nieuwe_sleutel() -> str:
    return secrets.token_urlsafe(32)  # 43 characters, 256 bits


def uit_omgeving(environ: Mapping[str, str] | None = None) -> Sleutels:
    """The keys from TRAJECTORY_SERVERSLEUTEL, else the file of TRAJECTORY_SERVERSLEUTEL_BESTAND,
    else the default file, made with a new random key when it does not exist yet."""
    env = os.environ if environ is None else environ
    waarde = env.get(SLEUTEL_VARIABELE, "").strip()
    if waarde:
        return Sleutels(tuple(waarde.split()), herkomst=SLEUTEL_VARIABELE)
    bestand = env.get(BESTAND_VARIABELE, "").strip()
    if bestand:
        return lees(Path(bestand))
    return lees_of_maak(standaard_bestand(env))


def standaard_bestand(env: Mapping[str, str]) -> Path:
    config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME") or Path.home()) / ".config")
    return Path(config) / "stagetraject" / "serversleutel"


def lees(pad: Path) -> Sleutels:
    try:
        tekst = pad.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SleutelFout(
            f"het sleutelbestand {pad} is niet te lezen ({type(exc).__name__}); zet "
            f"{BESTAND_VARIABELE} of {SLEUTEL_VARIABELE}"
        ) from None
    return Sleutels(tuple(tekst.split()), herkomst=str(pad))


def lees_of_maak(pad: Path) -> Sleutels:
    """The default key file, first made (mode 0600, in a 0700 directory) when it is missing.
    Written whole under another name and linked into place, so two processes starting at once
    both read the one key that won."""
    if not pad.exists():
        try:
            _maak(pad)
        except OSError as exc:
            raise SleutelFout(
                f"geen serversleutel ingesteld en {pad} kan niet worden gemaakt "
                f"({type(exc).__name__}); zet {SLEUTEL_VARIABELE} of {BESTAND_VARIABELE}"
            ) from None
    return lees(pad)


def _maak(pad: Path) -> None:
    pad.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tijdelijk = pad.with_name(f".{pad.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as bestand:
            bestand.write(nieuwe_sleutel() + "\n")
        os.link(tijdelijk, pad)
    except FileExistsError:
        return  # another process was first: its key is the one
    finally:
        tijdelijk.unlink(missing_ok=True)
    log.warning(
        "geen serversleutel ingesteld: een nieuwe staat in %s; bewaar hem buiten de database "
        "en haar back-ups (docs/BEHEER.md)",
        pad,
    )
