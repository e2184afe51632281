"""Scale of the register (issue #17): the matching page and the register list with a register
of 5,000 companies and 30,000 leerlingen vs 50 companies and 300 leerlingen. Target: median
≤ 1.5×.

The two schools of the scale benchmark get a register: `bedrijven` companies each (sectors
spread over the ten Noa sectors and dagbesteding, a third with an erkenning, most with a
capacity, coordinates around Utrecht), and the school's placements are spread over them, so the
free places are counted over every running placement of the school. The same leerling (the
first in `stage_zoeken`, with home coordinates) is searched for in both, and the list's first
page fetched, in the scale benchmark's interleaved rounds (`schaal.afwisselend`).
"""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from bench import schaal
from bench.meten import Grens, Uitslag
from trajectory.domain.bedrijven import BEDRIJFSSECTOREN
from trajectory.store import tables as t

DOEL = 1.5
SECTOREN = list(BEDRIJFSSECTOREN)
THUIS = (52.09, 5.12)


def register(sessions: sessionmaker[Session], aantal: int) -> int:
    """Pad the register to `aantal` companies and spread the placements over them; returns
    the number of companies."""
    with sessions.begin() as session:
        nu = session.scalar(select(func.count()).select_from(t.Stagebedrijf)) or 0
        moment = datetime.now(UTC)
        rijen = [_bedrijf(nummer, moment) for nummer in range(nu, aantal)]
        for begin in range(0, len(rijen), 1000):
            session.execute(insert(t.Stagebedrijf), rijen[begin : begin + 1000])
        laagste, hoogste, totaal = session.execute(
            select(func.min(t.Stagebedrijf.id), func.max(t.Stagebedrijf.id), func.count())
        ).one()
        assert hoogste - laagste + 1 == totaal, "the register's ids are not contiguous"
        # every placement at a company goes to the company its id points at, modulo the register
        session.execute(
            update(t.Plaatsing)
            .where(t.Plaatsing.stagebedrijf_id.is_not(None))
            .values(stagebedrijf_id=laagste + t.Plaatsing.id % totaal)
        )
        # the places taken moved with them (migration 0030's triggers): the pages read those
        lopend = select(func.count()).where(
            t.Plaatsing.stagebedrijf_id.is_not(None),
            t.Plaatsing.status == "lopend",
            t.HUIDIGE_PLAATSING,
        )
        bezet = select(func.coalesce(func.sum(t.Stagebedrijf.bezet), 0))
        assert session.scalar(bezet) == session.scalar(lopend), "stagebedrijf.bezet is off"
    # fresh statistics after the bulk change, as autovacuum gives a live database (stale ones
    # had PostgreSQL expect thousands of placements per company and scan the status index)
    engine = sessions.kw["bind"]
    opdracht = "VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(opdracht))
    return int(totaal)


def _bedrijf(nummer: int, moment: datetime) -> dict[str, object]:
    sectoren = sorted({SECTOREN[nummer % len(SECTOREN)], SECTOREN[(nummer // 3) % 10]})
    return {
        "naam": f"Benchbedrijf {nummer:05d}",
        "naam_sleutel": f"benchbedrijf {nummer:05d}",
        "sectoren": sectoren,
        "erkenning_sectoren": sectoren if nummer % 3 == 0 else [],
        "erkenning_geldig_tot": date(2030, 7, 31) if nummer % 3 == 0 else None,
        "capaciteit": None if nummer % 5 == 0 else 1 + nummer % 4,
        "breedtegraad": THUIS[0] + ((nummer % 41) - 20) / 100,
        "lengtegraad": THUIS[1] + ((nummer % 37) - 18) / 100,
        "status": "geblokkeerd" if nummer % 50 == 49 else "actief",
        "version": 1,
        "aangemaakt": moment,
    }


def zoeker(sessions: sessionmaker[Session]) -> int:
    """The first leerling in stage_zoeken (the same id in both schools), with a home."""
    with sessions.begin() as session:
        leerling_id = session.scalar(
            select(func.min(t.Leerling.id)).where(t.Leerling.state == "stage_zoeken")
        ) or session.scalar(select(func.min(t.Leerling.id)))
        session.execute(
            update(t.Leerling)
            .where(t.Leerling.id == leerling_id)
            .values(breedtegraad=THUIS[0], lengtegraad=THUIS[1])
        )
    assert leerling_id is not None
    return leerling_id


def meet(
    database: str,
    scholen: dict[str, tuple[str, sessionmaker[Session]]],
    bedrijven: dict[str, int],
    *,
    rondes: int,
    grens: Grens,
) -> list[Uitslag]:
    """`scholen`: "klein" and "groot", each its URL and sessions; `bedrijven`: the register
    size of each."""
    aantallen = {g: register(s, bedrijven[g]) for g, (_, s) in scholen.items()}
    ids = {g: zoeker(s) for g, (_, s) in scholen.items()}
    assert ids["klein"] == ids["groot"]
    adressen = {
        "matching page /stage-zoeken": f"/leerlingen/{ids['klein']}/stage-zoeken",
        "register list /bedrijven": "/bedrijven",
    }
    tijden = schaal.afwisselend(scholen, adressen, rondes=rondes, grens=grens)
    with scholen["groot"][1]() as session:
        leerlingen = session.scalar(select(func.count()).select_from(t.Leerling)) or 0
    with scholen["klein"][1]() as session:
        weinig = session.scalar(select(func.count()).select_from(t.Leerling)) or 0
    return [
        Uitslag(
            f"3. scale: {pagina}",
            database,
            f"{aantallen['groot']:,} companies, {leerlingen:,} leerlingen",
            f"{aantallen['klein']:,}, {weinig:,}",
            statistics.median(tijden[(pagina, "groot")]),
            statistics.median(tijden[(pagina, "klein")]),
            "ms",
            DOEL,
        )
        for pagina in adressen
    ]
