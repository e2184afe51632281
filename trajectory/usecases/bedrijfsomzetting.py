"""The free-text companies of the placements made into the register (migration 0020), and the
preview of it: both read the names through the same query and merge them with the same
function (`domain.bedrijven.samenvoegen`), so the dry run is what the run does."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.bedrijven import Samenvoeging, samenvoegen, schone_naam
from trajectory.store import bedrijven as rijen
from trajectory.store import tables as t


def omzetting(engine: Engine) -> list[Samenvoeging]:
    """What migration 0020 makes of this database's placements, without migrating it (on a
    database migrated already: what it made)."""
    return samenvoegen(rijen.bedrijfsnamen(engine))


def zet_om(sessions: sessionmaker[Session]) -> list[Samenvoeging]:
    """After the migration (the caller's sessions are migrated): the register as the
    placements made it, in the preview's terms — each company with the names its placements
    were typed with, read from the rows, so a test can hold the preview against it."""
    with sessions() as session:
        rows = session.execute(
            select(t.Stagebedrijf.naam_sleutel, t.Stagebedrijf.naam, t.Plaatsing.bedrijf)
            .join(t.Plaatsing, t.Plaatsing.stagebedrijf_id == t.Stagebedrijf.id)
            .order_by(t.Stagebedrijf.naam_sleutel)
        ).all()
    per_bedrijf: dict[tuple[str, str], Counter[str]] = {}
    for sleutel, naam, getypt in rows:
        per_bedrijf.setdefault((sleutel, naam), Counter())[schone_naam(getypt)] += 1
    return [
        Samenvoeging(sleutel, naam, tuple(sorted(telling.items(), key=lambda s: (-s[1], s[0]))))
        for (sleutel, naam), telling in per_bedrijf.items()
    ]
