"""The companies a leerling's search reads: persistence only (the rules that judge the rows are
in domain/bedrijven.py and domain/stagezoeken.py; the SQL twins here pre-select, held to them by
tests/integration/test_stagezoeken_volgorde.py)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Numeric,
    String,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    null,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session

from trajectory.domain.stagezoeken import (
    AARDSTRAAL_KM,
    OMRIJFACTOR,
    PUNTEN_AFSTAND,
    PUNTEN_BUITEN_FIETSAFSTAND,
    PUNTEN_DEFINITIEVE_SECTOR,
    PUNTEN_NOA_SECTOR,
    PUNTEN_OPGELEID,
)
from trajectory.store import tables as t
from trajectory.store.bedrijfsoverzicht import bevat, erkend_in_sql, vrij_in_sql


@dataclass(frozen=True)
class Zoekvraag:
    """What the search is for: the leerling, its sectors (the chosen one apart), the start date
    an Entree erkenning must hold on (None: not headed to Entree), its home and the distances
    typed before per company, the fietsafstand limit, and how many of the best are wanted."""

    leerling_id: int
    sectoren: Sequence[str]
    gekozen: str | None
    uitval_sinds: date
    erkend_op: date | None
    thuis: tuple[float | None, float | None]
    getypt: Mapping[int, float]
    limiet_km: float
    aantal: int


# how far the fit computed in SQL (`_punten`) may lie from `domain.stagezoeken.passing`: the
# distance rounded to 0.1 km by another floating-point path and the points rounded half-up
# rather than half-even each move it by at most 1; twice that, to be sure
FOUT = 2
MARGE = 2 * FOUT  # below the aantal-th best: a company there may still be above it by the rules


def passende_bedrijven(session: Session, vraag: Zoekvraag) -> tuple[list[tuple[int, t.Rij]], int]:
    """The companies that may be among the `aantal` best for the leerling, and how many pass
    the filters in all. The filters: active, in one of `sectoren` (all active companies when
    none is given), not one where this leerling had an uitval that ended on or after
    `uitval_sinds`, a free place (places taken: its running current placements, other
    leerlingen's) and, for Entree, an erkenning on `erkend_op` (the SQL twins of the domain's
    rules: `bedrijfsoverzicht.erkend_in_sql`, `vrij_in_sql`).

    The fit is ranked in the database (`_punten`, the SQL twin of `passing`) over the few
    columns it needs, so that only the ids of the companies within MARGE points of the
    `aantal`-th best leave it, not the thousands that pass; only those are then read whole,
    best first, each with its points in SQL, and the caller ranks them by the rules themselves
    (it may stop where FOUT more would not reach its `aantal`-th). Each row: the company, the
    places taken (`bezet`), whether an active praktijkbegeleider is trained, whether it works in the
    `gekozen` sector or another of `sectoren`; the JSON lists as their text (`sectoren_json`,
    `erkenning_json`)."""
    bezet = _bezet(session, vraag.leerling_id)
    # each company that passes the filters once, with its trained praktijkbegeleider and its
    # distance worked out once (not again in the order)
    kandidaat = (
        select(
            t.Stagebedrijf.id,
            _in_een_van([vraag.gekozen] if vraag.gekozen else []).label("in_gekozen"),
            _in_een_van([s for s in vraag.sectoren if s != vraag.gekozen]).label("in_ander"),
            _opgeleid().label("opgeleid"),
            _km(vraag).label("km_sql"),
        )
        .where(_filters(vraag), vrij_in_sql(bezet))
        .cte("kandidaat")
        .prefix_with("MATERIALIZED")
    )
    c = kandidaat.c
    punten = _punten(vraag, c.in_gekozen, c.in_ander, c.opgeleid, c.km_sql)
    gescoord = select(c.id, punten.label("punten")).cte("gescoord").prefix_with("MATERIALIZED")
    g = gescoord.c
    totaal = select(func.count()).select_from(gescoord).scalar_subquery()
    if vraag.aantal == 0:
        return [], session.scalar(select(totaal)) or 0
    # the `aantal`-th best's points less MARGE (none when fewer pass)
    drempel = (
        select(g.punten - MARGE)
        .order_by(g.punten.desc())
        .offset(vraag.aantal - 1)
        .limit(1)
        .scalar_subquery()
    )
    beste = session.execute(
        select(g.id, g.punten, totaal.label("totaal"))
        # without an `aantal`-th: all (no company scores below PUNTEN_BUITEN_FIETSAFSTAND)
        .where(g.punten >= func.coalesce(drempel, PUNTEN_BUITEN_FIETSAFSTAND))
        .order_by(g.punten.desc(), g.id)
    ).all()
    if not beste:
        return [], 0
    rijen = {r.id: r for r in _rijen(session, vraag, bezet, [r.id for r in beste])}
    return [(int(r.punten), rijen[r.id]) for r in beste], int(beste[0].totaal)


def _bezet(session: Session, leerling_id: int) -> ColumnElement[int]:
    """A company's places taken for this leerling: its running placements (`bezet`, kept by
    migration 0030's triggers) less this leerling's own there (a search is for a new place)."""
    eigen = session.execute(
        select(t.Plaatsing.stagebedrijf_id, func.count())
        .where(
            t.Plaatsing.leerling_id == leerling_id,
            t.Plaatsing.status == "lopend",
            t.HUIDIGE_PLAATSING,
            t.Plaatsing.stagebedrijf_id.is_not(None),
        )
        .group_by(t.Plaatsing.stagebedrijf_id)
    ).all()
    if not eigen:
        return t.Stagebedrijf.bezet.expression
    return t.Stagebedrijf.bezet - case(dict(eigen), value=t.Stagebedrijf.id, else_=0)


def _opgeleid() -> ColumnElement[bool]:
    return (
        select(t.Praktijkbegeleider.id)
        .where(
            t.Praktijkbegeleider.stagebedrijf_id == t.Stagebedrijf.id,
            t.Praktijkbegeleider.opgeleid.is_(true()),
            t.Praktijkbegeleider.actief.is_(true()),
        )
        .exists()
    )


def _rijen(
    session: Session, vraag: Zoekvraag, bezet: ColumnElement[int], ids: Sequence[int]
) -> Sequence[t.Rij]:
    """The companies `ids` whole, with what the caller's rules read."""
    anders = [s for s in vraag.sectoren if s != vraag.gekozen]
    return session.execute(
        select(
            t.Stagebedrijf.id,
            t.Stagebedrijf.naam,
            t.Stagebedrijf.plaats,
            _als_tekst(t.Stagebedrijf.sectoren).label("sectoren_json"),
            _als_tekst(t.Stagebedrijf.erkenning_sectoren).label("erkenning_json"),
            _in_een_van([vraag.gekozen] if vraag.gekozen else []).label("in_gekozen"),
            _in_een_van(anders).label("in_ander"),
            t.Stagebedrijf.erkenning_geldig_tot,
            t.Stagebedrijf.capaciteit,
            t.Stagebedrijf.breedtegraad,
            t.Stagebedrijf.lengtegraad,
            bezet.label("bezet"),
            _opgeleid().label("opgeleid"),
        ).where(t.Stagebedrijf.id.in_(ids))
    ).all()


def _als_tekst(kolom: Any) -> ColumnElement[str]:
    return cast(kolom, String)


def _in_een_van(codes: Sequence[str]) -> ColumnElement[bool]:
    """The sectors are a JSON list of codes ("01".."10", "dagbesteding"): a quoted code matches
    exactly one of them, on SQLite and PostgreSQL alike (`bedrijfsoverzicht.bevat`)."""
    return or_(*(bevat(t.Stagebedrijf.sectoren, code) for code in codes)) if codes else false()


def _filters(vraag: Zoekvraag) -> ColumnElement[bool]:
    uitval = select(t.Plaatsing.stagebedrijf_id).where(
        t.Plaatsing.leerling_id == vraag.leerling_id,
        t.Plaatsing.status == "afgebroken",
        t.HUIDIGE_PLAATSING,
        t.Plaatsing.stagebedrijf_id.is_not(None),
        or_(t.Plaatsing.einddatum.is_(None), t.Plaatsing.einddatum >= vraag.uitval_sinds),
    )
    erkend: ColumnElement[bool] = true()
    if vraag.erkend_op is not None:  # for any sector it covers when the leerling has none
        sectoren: Sequence[str | None] = vraag.sectoren or [None]
        erkend = or_(*(erkend_in_sql(vraag.erkend_op, s) for s in sectoren))
    return and_(
        t.Stagebedrijf.status == "actief",
        _in_een_van(vraag.sectoren) if vraag.sectoren else true(),
        t.Stagebedrijf.id.not_in(uitval),
        erkend,
    )


def _punten(
    vraag: Zoekvraag, in_gekozen: Any, in_ander: Any, opgeleid: Any, km: Any
) -> ColumnElement[float]:
    """The SQL twin of `domain.stagezoeken.passing` (within MARGE of it; the test
    tests/integration/test_stagezoeken_volgorde.py holds the order to the rules)."""
    limiet = vraag.limiet_km
    binnen = func.round(PUNTEN_AFSTAND * (1 - km / limiet)) if limiet else literal(0)
    return (
        case((in_gekozen, PUNTEN_DEFINITIEVE_SECTOR), (in_ander, PUNTEN_NOA_SECTOR), else_=0)
        + case((opgeleid, PUNTEN_OPGELEID), else_=0)
        + case((km.is_(None), 0), (km <= limiet, binnen), else_=PUNTEN_BUITEN_FIETSAFSTAND)
    )


def _km(vraag: Zoekvraag) -> ColumnElement[float]:
    """The SQL twin of `domain.stagezoeken.afstand`: haversine × OMRIJFACTOR where both have
    coordinates (the leerling's side computed here), else the distance typed before."""
    getypt: ColumnElement[Any] = null()
    if vraag.getypt:
        getypt = case(dict(vraag.getypt), value=t.Stagebedrijf.id, else_=null())
    breedte, lengte = vraag.thuis
    if breedte is None or lengte is None:
        return cast(getypt, Float)
    b1, l1 = math.radians(breedte), math.radians(lengte)
    b2 = func.radians(t.Stagebedrijf.breedtegraad)
    half_b = func.sin((b2 - b1) / 2)
    half_l = func.sin((func.radians(t.Stagebedrijf.lengtegraad) - l1) / 2)
    a = half_b * half_b + math.cos(b1) * func.cos(b2) * half_l * half_l
    berekend = func.round(
        cast(2 * AARDSTRAAL_KM * func.asin(func.sqrt(a)) * OMRIJFACTOR, Numeric), 1
    )
    heeft_plek = and_(
        t.Stagebedrijf.breedtegraad.is_not(None), t.Stagebedrijf.lengtegraad.is_not(None)
    )
    return cast(case((heeft_plek, berekend), else_=getypt), Float)


def eerdere_afstanden(session: Session, leerling_id: int) -> dict[int, float]:
    """Per company, the fietsafstand typed on this leerling's newest placement there."""
    rijen = session.execute(
        select(t.Plaatsing.stagebedrijf_id, t.Plaatsing.afstand_km)
        .where(
            t.Plaatsing.leerling_id == leerling_id,
            t.HUIDIGE_PLAATSING,
            t.Plaatsing.stagebedrijf_id.is_not(None),
            t.Plaatsing.afstand_km.is_not(None),
        )
        .order_by(t.Plaatsing.id)
    )
    return {bedrijf_id: km for bedrijf_id, km in rijen if bedrijf_id is not None and km is not None}


def bedrijfsnamen_van(session: Session, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    rijen = session.execute(
        select(t.Stagebedrijf.id, t.Stagebedrijf.naam).where(t.Stagebedrijf.id.in_(ids))
    )
    return {bedrijf_id: naam for bedrijf_id, naam in rijen}


def kandidaat_records(
    session: Session, leerling_id: int
) -> list[tuple[int, date, dict[str, object], int | None]]:
    """The leerling's current `kandidaat` records: (id, datum, data, door), in order."""
    rijen = session.execute(
        select(t.Vastlegging.id, t.Vastlegging.datum, t.Vastlegging.data, t.Vastlegging.door_id)
        .where(
            t.Vastlegging.leerling_id == leerling_id,
            t.Vastlegging.kind == "kandidaat",
            t.HUIDIG_RECORD,
        )
        .order_by(t.Vastlegging.datum, t.Vastlegging.id)
    )
    return [(i, d, dict(data), door) for i, d, data, door in rijen]
