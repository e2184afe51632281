"""The matching's order on a generated register (#17, scale): the companies and their order
are exactly what the rules give when every company is judged one by one in Python (the
domain's own functions: `afstand`, `passing`, `vrije_plaatsen`, `erkend_op`), for leerlingen
with and without a home, Entree or not, with sectors or none, and with a distance typed
before. The query may rank in the database and fetch only the best; this holds it to the
rules."""

from __future__ import annotations

import heapq
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, select

from tests.integration.builders import als_entree_leerling, breng_naar, nieuwe_leerling
from trajectory.domain.bedrijven import BEDRIJFSSECTOREN, erkend_op, vrije_plaatsen
from trajectory.domain.stagezoeken import RECENTE_UITVAL, afstand, passing, sectoren_van
from trajectory.store import tables as t
from trajectory.usecases import stagezoeken
from trajectory.usecases.laden import snapshot_van

START = date(2025, 8, 25)
MOMENT = datetime(2025, 1, 1, tzinfo=UTC)
SECTOREN = list(BEDRIJFSSECTOREN)
THUIS = (52.09, 5.12)
AANTAL = 600


def _bedrijf(n: int) -> dict[str, object]:
    """A spread of everything the order reads: sectors, coordinates (some missing, some on the
    same spot), capacity, erkenning, status."""
    sectoren = sorted({SECTOREN[n % len(SECTOREN)], SECTOREN[(n // 3) % 10]})
    zonder_plek = n % 7 == 0
    return {
        "naam": f"Bedrijf {n % 40:02d}",  # names repeat: the id decides between equals
        "naam_sleutel": f"bedrijf {n:04d}",
        "sectoren": sectoren,
        "erkenning_sectoren": sectoren if n % 3 == 0 else [],
        "erkenning_geldig_tot": date(2025, 8, 24 + (n // 3) % 3) if n % 3 == 0 else None,
        "capaciteit": None if n % 5 == 0 else n % 4,
        "breedtegraad": None if zonder_plek else THUIS[0] + ((n % 23) - 11) / 60,
        "lengtegraad": None if zonder_plek else THUIS[1] + ((n % 19) - 9) / 50,
        "status": "geblokkeerd" if n % 29 == 0 else "actief",
        "version": 1,
        "aangemaakt": MOMENT,
    }


@pytest.fixture
def register(sessions, clock, staff) -> list[int]:
    ander = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Anna Ander")
    with sessions.begin() as session:
        session.execute(insert(t.Stagebedrijf), [_bedrijf(n) for n in range(AANTAL)])
        ids = list(session.scalars(select(t.Stagebedrijf.id).order_by(t.Stagebedrijf.id)))
        session.execute(
            insert(t.Praktijkbegeleider),
            [
                {"stagebedrijf_id": i, "naam": f"Pb {i}", "opgeleid": i % 4 == 0,
                 "actief": i % 8 != 0, "version": 1, "aangemaakt": MOMENT}
                for i in ids[::2]
            ],
        )  # fmt: skip
        session.execute(
            insert(t.Plaatsing),
            [_plaatsing(ander, ids[(k * 7) % len(ids)], "lopend") for k in range(AANTAL // 2)],
        )
    return ids


def _plaatsing(leerling_id: int, bedrijf_id: int, status: str, **meer) -> dict[str, object]:
    return {
        "leerling_id": leerling_id, "soort": "individuele_stage", "status": status,
        "bedrijf": "x", "stagebedrijf_id": bedrijf_id, "sector": "08",
        "startdatum": date(2024, 9, 2), "dagdelen": [], **meer,
    }  # fmt: skip


def _zoeker(sessions, clock, staff, *, thuis, noa, gekozen, entree=False, getypt=()) -> int:
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, geboortedatum=date(2008, 6, 1), klas="3A"
    )
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    if entree:
        als_entree_leerling(sessions, lid)
    with sessions.begin() as session:
        leerling = session.get_one(t.Leerling, lid)
        leerling.definitieve_sector = gekozen
        leerling.breedtegraad, leerling.lengtegraad = thuis
        if noa:
            session.add(
                t.Vastlegging(
                    leerling_id=lid, kind="noa_test", datum=date(2024, 2, 1),
                    data={"sectoren": list(noa)}, aangemaakt=MOMENT,
                )
            )  # fmt: skip
        for bedrijf_id, km, status in getypt:
            session.execute(
                insert(t.Plaatsing),
                [_plaatsing(lid, bedrijf_id, status, afstand_km=km, einddatum=date(2023, 6, 1))],
            )
    return lid


def _volgens_de_regels(sessions, lid: int, aantal: int) -> tuple[list[int], int]:
    """Every company judged on its own, in Python, by the domain's rules."""
    op = date(2025, 3, 3)
    with sessions() as session:
        leerling = session.get_one(t.Leerling, lid)
        snapshot = snapshot_van(session, leerling, bezetting=False)
        sectoren = sectoren_van(snapshot)
        entree = leerling.leerjaar == "entree"
        eigen = session.scalars(select(t.Plaatsing).where(t.Plaatsing.leerling_id == lid)).all()
        getypt = {p.stagebedrijf_id: p.afstand_km for p in sorted(eigen, key=lambda p: p.id)
                  if p.afstand_km is not None}  # fmt: skip
        uitval = {p.stagebedrijf_id for p in eigen if p.status == "afgebroken"
                  and (p.einddatum is None or p.einddatum >= op - RECENTE_UITVAL)}  # fmt: skip
        lopend = session.scalars(
            select(t.Plaatsing).where(t.Plaatsing.status == "lopend", t.HUIDIGE_PLAATSING)
        ).all()
        bezet: dict[int, int] = {}
        for p in lopend:
            if p.leerling_id != lid and p.stagebedrijf_id is not None:
                bezet[p.stagebedrijf_id] = bezet.get(p.stagebedrijf_id, 0) + 1
        pbs = session.scalars(select(t.Praktijkbegeleider)).all()
        opgeleid = {pb.stagebedrijf_id for pb in pbs if pb.opgeleid and pb.actief}
        gevonden = []
        for b in session.scalars(select(t.Stagebedrijf)).all():
            if b.status != "actief" or b.id in uitval:
                continue
            if sectoren and not set(sectoren) & set(b.sectoren):
                continue
            erkend_voor = b.erkenning_sectoren
            if entree and not any(
                erkend_op(b.erkenning_geldig_tot, erkend_voor, s, START)
                for s in (sectoren or erkend_voor)
            ):
                continue
            if vrije_plaatsen(b.capaciteit, bezet.get(b.id, 0)) == 0:
                continue
            hoever = afstand(
                (leerling.breedtegraad, leerling.lengtegraad),
                (b.breedtegraad, b.lengtegraad),
                getypt.get(b.id),
            )
            punten, _ = passing(
                in_gekozen_sector=snapshot.definitieve_sector in b.sectoren,
                in_noa_sector=bool(set(sectoren) & set(b.sectoren)),
                afstand_km=hoever.km,
                limiet_km=snapshot.beleid.max_fietsafstand_km,
                opgeleid=b.id in opgeleid,
            )
            km = float("inf") if hoever.km is None else hoever.km
            gevonden.append((-punten, km, b.naam, b.id))
    return [g[-1] for g in heapq.nsmallest(aantal, gevonden)], len(gevonden)


ZOEKERS = {
    "thuis, gekozen en Noa": {"thuis": THUIS, "noa": ("08", "03"), "gekozen": "08"},
    "geen thuis": {"thuis": (None, None), "noa": ("04", "03"), "gekozen": "04"},
    "geen sectoren": {"thuis": (52.2, 5.0), "noa": (), "gekozen": None},
    "entree": {"thuis": THUIS, "noa": ("08", "03"), "gekozen": "08", "entree": True},
}


@pytest.mark.parametrize("soort", ZOEKERS)
@pytest.mark.parametrize("aantal", [1, 10, 25])
def test_de_volgorde_is_die_van_de_regels_bedrijf_voor_bedrijf(
    sessions, clock, staff, register, soort, aantal
):
    getypt = ((register[5], 3.5, "afgerond"), (register[12], 40.0, "afgerond"),
              (register[20], 0.0, "afgebroken"))  # fmt: skip
    lid = _zoeker(sessions, clock, staff, **ZOEKERS[soort], getypt=getypt)

    zoek = stagezoeken.zoek(
        sessions, lid, actor=staff.teamleider, clock=clock, start=START, aantal=aantal
    )

    verwacht, gevonden = _volgens_de_regels(sessions, lid, aantal)
    assert [m.bedrijf_id for m in zoek.matches] == verwacht
    assert zoek.gevonden == gevonden
    assert gevonden > aantal  # the register is bigger than the page: the best are chosen
