"""Signing the head of the audit chain and checking a chain against a signed anchor."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain import anker as a
from trajectory.domain.auditketen import Finding, utc_stamp
from trajectory.domain.clock import Clock
from trajectory.store.repository import audit_head, verify_audit


def huidig_anker(session: Session, sleutel: bytes, clock: Clock) -> a.Anker:
    aantal, head = audit_head(session)
    return a.onderteken(aantal, head, utc_stamp(clock.now()), sleutel)


def verify_tegen_anker(session: Session, anker: a.Anker, sleutel: bytes) -> Finding | None:
    """AnkerFout for a bad signature; else the first finding of the chain against the anchor."""
    a.controleer(anker, sleutel)
    return verify_audit(session, positie=(anker.volgnummer, anker.hash))


def schrijf_dagelijks_anker(
    sessions: sessionmaker[Session], map_: Path, sleutel: bytes, clock: Clock
) -> Path:
    """`anker-YYYY-MM-DD.json` in the map (the scheduler's daily job; overwritten that day)."""
    with sessions() as session:
        anker = huidig_anker(session, sleutel, clock)
    map_.mkdir(parents=True, exist_ok=True)
    pad = map_ / f"anker-{clock.now():%Y-%m-%d}.json"
    tijdelijk = pad.with_suffix(".tmp")
    tijdelijk.write_text(a.als_json(anker), encoding="utf-8")
    tijdelijk.replace(pad)
    return pad
