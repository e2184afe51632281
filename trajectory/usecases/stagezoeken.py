"""Finding a company for a leerling (issue #17, *Finding a company*): the matches and the
kandidaat list, and a candidate that becomes the placement in one step.

`zoek` reads: the companies that pass the store's filters (active, a sector of the leerling,
no recent uitval of this leerling there, a free place by the places taken kept on the
company's row) near the top of the fit in SQL, then the register's own rules — the erkenning
on the planned start date for a leerling headed to Entree (`bedrijven.erkend_op`) and free
places (`bedrijven.vrije_plaatsen`) — and sorts by fit (`domain/stagezoeken.passing`). The
kandidaat list is `kandidaat` records, written through `vastleggen.add_record` like every
record (fit to the state, audited, correctable).
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor
from trajectory.domain.bedrijven import BEDRIJFSSECTOREN, erkend_op, vrije_plaatsen
from trajectory.domain.clock import Clock, today
from trajectory.domain.snapshot import Snapshot
from trajectory.domain.stagezoeken import (
    GEACCEPTEERD,
    RECENTE_UITVAL,
    Afstand,
    Kandidaat,
    afstand,
    kandidaten,
    passing,
    sectoren_van,
)
from trajectory.store import stagezoeken as rijen
from trajectory.store import tables as t
from trajectory.store.eenheid import EenTransactie
from trajectory.usecases import vastleggen
from trajectory.usecases.bedrijven import mag_inzien
from trajectory.usecases.geweigerd import Geweigerd
from trajectory.usecases.laden import snapshot_van, zichtbare_leerling

ZOEKEN = "stage_zoeken"  # the state whose page shows the search
MAX_GETOOND = 25  # matches on one page (a phone screen: more is scrolling, not choosing)


@dataclass(frozen=True)
class Match:
    bedrijf_id: int
    naam: str
    plaats: str
    sectoren: tuple[str, ...]  # labels
    afstand: Afstand
    vrij: int | None  # None: no capacity recorded
    opgeleid: bool
    erkend_tot: date | None
    punten: int
    redenen: tuple[str, ...]


@dataclass(frozen=True)
class Zoekresultaat:
    start: date
    sectoren: tuple[str, ...]  # codes, the chosen one first
    entree: bool  # headed to Entree: only companies with an erkenning on `start`
    limiet_km: float
    matches: tuple[Match, ...]
    gevonden: int  # matches in all (more than shown when over `aantal`)
    kandidaten: tuple[Kandidaat, ...]
    namen: Mapping[int, str]  # company names of the candidates


def zoek(
    sessions: sessionmaker[Session],
    leerling_id: int,
    *,
    actor: Actor,
    clock: Clock,
    start: date | None = None,
    aantal: int = 10,
) -> Zoekresultaat:
    """The companies that fit this leerling best for a start on `start` (default: the planned
    start of the voorlopig advies, if still ahead, else today), and the candidates so far."""
    mag_inzien(actor)
    op = today(clock)
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        snapshot = snapshot_van(session, leerling, bezetting=False)
        start = start or _geplande_start(snapshot, op)
        sectoren = sectoren_van(snapshot)
        entree = leerling.leerjaar == "entree"
        aantal = max(0, min(aantal, MAX_GETOOND))
        matches, gevonden = _matches(
            session, leerling, snapshot, sectoren, start, entree, op, aantal
        )
        lijst = kandidaten(rijen.kandidaat_records(session, leerling.id))
        namen = rijen.bedrijfsnamen_van(session, [k.stagebedrijf_id for k in lijst])
    return Zoekresultaat(
        start=start,
        sectoren=sectoren,
        entree=entree,
        limiet_km=snapshot.beleid.max_fietsafstand_km,
        matches=tuple(matches),
        gevonden=gevonden,
        kandidaten=tuple(lijst),
        namen=namen,
    )


def _geplande_start(snapshot: Snapshot, op: date) -> date:
    advies = snapshot.laatste("voorlopig_advies")
    gepland = advies.data.get("geplande_startdatum") if advies else None
    return max(op, date.fromisoformat(gepland)) if gepland else op


def _matches(
    session: Session,
    leerling: t.Leerling,
    snapshot: Snapshot,
    sectoren: tuple[str, ...],
    start: date,
    entree: bool,
    op: date,
    aantal: int,
) -> tuple[list[Match], int]:
    thuis = (leerling.breedtegraad, leerling.lengtegraad)
    getypt = rijen.eerdere_afstanden(session, leerling.id)
    limiet = snapshot.beleid.max_fietsafstand_km
    onbekend = float("inf")
    gevonden = []
    vraag = rijen.Zoekvraag(
        leerling_id=leerling.id,
        sectoren=sectoren,
        gekozen=snapshot.definitieve_sector,
        uitval_sinds=op - RECENTE_UITVAL,
        erkend_op=start if entree else None,
        thuis=thuis,
        getypt=getypt,
        limiet_km=limiet,
        aantal=aantal,
    )
    kandidaten_, totaal = rijen.passende_bedrijven(session, vraag)
    drempel: list[int] = []  # the best `aantal` points by the rules so far (a min-heap)
    for punten_sql, rij in kandidaten_:  # best first by the SQL twin
        if len(drempel) == aantal and punten_sql + rijen.FOUT < drempel[0]:
            break  # this one and all after it fall short of the `aantal`-th by the rules
        if entree and not _erkend(rij, sectoren, start):
            continue
        vrij = vrije_plaatsen(rij.capaciteit, rij.bezet)
        if vrij == 0:
            continue
        hoever = afstand(thuis, (rij.breedtegraad, rij.lengtegraad), getypt.get(rij.id))
        punten, redenen = passing(
            in_gekozen_sector=bool(rij.in_gekozen),
            in_noa_sector=bool(rij.in_ander),
            afstand_km=hoever.km,
            limiet_km=limiet,
            opgeleid=bool(rij.opgeleid),
        )
        km = onbekend if hoever.km is None else hoever.km
        gevonden.append(((-punten, km, rij.naam, rij.id), rij, hoever, vrij, punten, redenen))
        if len(drempel) < aantal:
            heapq.heappush(drempel, punten)
        else:
            heapq.heappushpop(drempel, punten)
    # the best `aantal` by fit, then nearest, then name, among those the database found near
    # the top (a register of thousands: only those shown become a Match)
    beste = heapq.nsmallest(aantal, gevonden, key=lambda g: g[0])
    return [_match(*g[1:]) for g in beste], totaal


def _erkend(rij: t.Rij, sectoren: tuple[str, ...], start: date) -> bool:
    """For Entree: an erkenning valid on `start` for one of the leerling's sectors (with none
    known: for any sector it covers)."""
    erkend_voor = json.loads(rij.erkenning_json or "[]")
    return any(
        erkend_op(rij.erkenning_geldig_tot, erkend_voor, s, start)
        for s in (sectoren or erkend_voor)
    )


def _match(
    rij: t.Rij, hoever: Afstand, vrij: int | None, punten: int, redenen: tuple[str, ...]
) -> Match:
    sectoren = json.loads(rij.sectoren_json or "[]")
    return Match(
        bedrijf_id=rij.id,
        naam=rij.naam,
        plaats=rij.plaats,
        sectoren=tuple(BEDRIJFSSECTOREN.get(s, s) for s in sectoren),
        afstand=hoever,
        vrij=vrij,
        opgeleid=bool(rij.opgeleid),
        erkend_tot=rij.erkenning_geldig_tot,
        punten=punten,
        redenen=redenen,
    )


def leg_kandidaat_vast(
    sessions: sessionmaker[Session],
    leerling_id: int,
    data: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
) -> int | Geweigerd:
    """A company contacted, or a change in how it goes: one `kandidaat` record."""
    return vastleggen.add_record(sessions, leerling_id, "kandidaat", data, actor=actor, clock=clock)


def wordt_de_stage(
    sessions: sessionmaker[Session],
    leerling_id: int,
    stagebedrijf_id: int,
    plaatsing: Mapping[str, Any],
    *,
    actor: Actor,
    clock: Clock,
    notitie: str = "",
) -> int | Geweigerd:
    """The candidate becomes the placement: its status `geaccepteerd` and the placement at that
    company (`vastleggen.add_plaatsing`, the same checks as the placement form), in one
    transaction: both or neither. The new placement's id, or the refusal."""
    with sessions.begin() as session:
        een = EenTransactie(session).als_sessionmaker()
        kandidaat = {"stagebedrijf_id": stagebedrijf_id, "status": GEACCEPTEERD}
        gedaan = leg_kandidaat_vast(
            een, leerling_id, {**kandidaat, "notitie": notitie}, actor=actor, clock=clock
        )
        if isinstance(gedaan, Geweigerd):
            return gedaan  # nothing written but the audited refusal
        return vastleggen.add_plaatsing(
            een,
            leerling_id,
            {**plaatsing, "stagebedrijf_id": stagebedrijf_id, "bedrijf": None},
            actor=actor,
            clock=clock,
        )
