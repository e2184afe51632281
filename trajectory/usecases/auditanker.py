"""Signing the heads of the audit chains and checking the chains against a signed anchor."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain import anker as a
from trajectory.domain import merkle
from trajectory.domain.auditketen import Finding, Kop, Verwachting, utc_stamp
from trajectory.domain.clock import Clock
from trajectory.domain.merkle import Blad
from trajectory.store.repository import keten_koppen, verify_audit


def _bladeren(session: Session) -> list[Blad]:
    return [(keten, kop.aantal, kop.hash) for keten, kop in keten_koppen(session).items()]


def huidig_anker(session: Session, sleutel: bytes, clock: Clock) -> a.Anker:
    """Every chain's committed (count, head) and their signed Merkle root."""
    return a.onderteken(_bladeren(session), utc_stamp(clock.now()), sleutel)


def vingerafdruk(session: Session) -> str:
    """The Merkle root over every chain's (count, head) as committed: one hash that a reader
    can note down and later hold the whole trail against (what a signed anchor signs)."""
    return merkle.wortel(_bladeren(session))


def verify_tegen_anker(session: Session, anker: a.Anker, sleutel: bytes) -> Finding | None:
    """AnkerFout for a bad signature or heads that do not give the signed root; else the first
    finding of the chains against the anchored heads."""
    a.controleer(anker, sleutel)
    verwacht = Verwachting(
        {keten: Kop(aantal, kop) for keten, aantal, kop in anker.ketens},
        bron="het ondertekende anker",
        ontbreekt="het anker ontbreekt",
    )
    return verify_audit(session, verwacht=verwacht)


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
