"""Throttled failed logins: counted per key in the database, on the injected clock.

Three counters, each over a sliding window of 15 minutes: per account (keyed on the e-mail
address as typed, so an unknown address is throttled exactly like a known one and the answer
never tells which exist), per client IP, per account's TOTP codes, and per account's current
password when changing it. Keys are stored as an HMAC with the server key
(`domain/geheimen.py`): the table holds no addresses, and without the key a copy of it cannot be
tested against a list of guessed addresses or IPs either.

Check and record are one step: `wachttijd` takes the key's lock for the rest of the caller's
write transaction, so parallel requests cannot all pass the count before any of them is recorded
(on PostgreSQL a transaction-level advisory lock per key, not one global lock; SQLite has one
writer at a time already, store/db.py).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from service.auth.sessies import aware
from trajectory.domain.geheimen import Sleutels
from trajectory.store import tables as t


@dataclass(frozen=True)
class Grens:
    soort: str
    maximum: int
    venster: timedelta = timedelta(minutes=15)

    def sleutel(self, waarde: str, sleutels: Sleutels) -> str:
        return f"{self.soort}:{sleutels.merk(waarde.strip().lower())}"


ACCOUNT = Grens("account", 5)
IP = Grens("ip", 20)
TOTP = Grens("totp", 5)
WACHTWOORD = Grens("wachtwoord", 5)  # the current password on the account page


def wachttijd(
    session: Session, sleutels: Sleutels, grens: Grens, waarde: str, now: datetime
) -> timedelta | None:
    """How long until one more attempt is allowed, or None when it is allowed now.

    Holds the key's lock until the transaction ends, so that the attempt it allows is checked
    and recorded (`noteer`) before the next request for the same key counts. Callers that check
    two keys take them in one fixed order (account, then IP), so no two wait on each other."""
    sleutel = grens.sleutel(waarde, sleutels)
    _sluit(session, sleutel)
    recent = session.scalars(
        select(t.MisluktePoging.tijd)
        .where(
            t.MisluktePoging.sleutel == sleutel,
            t.MisluktePoging.tijd > now - grens.venster,
        )
        .order_by(t.MisluktePoging.tijd.desc())
        .limit(grens.maximum)
    ).all()
    if len(recent) < grens.maximum:
        return None
    return aware(recent[-1]) + grens.venster - now


def _sluit(session: Session, sleutel: str) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_slotnummer(sleutel))))


def _slotnummer(sleutel: str) -> int:
    """A signed 64-bit number per key (PostgreSQL's advisory lock space)."""
    return int.from_bytes(hashlib.sha256(sleutel.encode()).digest()[:8], "big", signed=True)


def noteer(session: Session, sleutels: Sleutels, grens: Grens, waarde: str, now: datetime) -> None:
    sleutel = grens.sleutel(waarde, sleutels)
    session.execute(
        delete(t.MisluktePoging).where(
            t.MisluktePoging.sleutel == sleutel, t.MisluktePoging.tijd <= now - grens.venster
        )
    )
    session.add(t.MisluktePoging(sleutel=sleutel, tijd=now))


def wis(session: Session, sleutels: Sleutels, grens: Grens, waarde: str) -> None:
    session.execute(
        delete(t.MisluktePoging).where(t.MisluktePoging.sleutel == grens.sleutel(waarde, sleutels))
    )


def melding(wacht: timedelta) -> str:
    minuten = max(1, math.ceil(wacht.total_seconds() / 60))
    eenheid = "minuut" if minuten == 1 else "minuten"
    return (
        "Te veel mislukte pogingen achter elkaar. Om het account te beschermen kunt u het "
        f"over {minuten} {eenheid} opnieuw proberen."
    )
