"""Fuzzing the CSV import with hypothesis: whatever the file, the result is the whole import or
clear Dutch errors with nothing saved; never a crash and never half an import.

Bounded: a fixed number of examples on each database (TRAJECTORY_FUZZ_VOORBEELDEN sets more for a
longer run). On PostgreSQL too: a NUL in one cell once made its import a 500 that logged every
name in the file (#14), which SQLite, storing the NUL, never showed."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from trajectory.store import tables as t
from trajectory.usecases import importeren

VOORBEELDEN = int(os.environ.get("TRAJECTORY_FUZZ_VOORBEELDEN", "25"))
KOP = st.sampled_from(
    [
        "naam;geboortedatum;klas;leerjaar;mentor",
        "naam,geboortedatum,leerjaar",
        "Naam ; Geboortedatum ; Leerjaar ; Klas",
        "naam;klas",  # a required column missing
        "",
    ]
)
CEL = st.one_of(
    st.sampled_from(["Sem de Vries", "Noor", "2", "3", "entree", "7", "3A", "", "No\x00or"]),
    st.sampled_from(["02-04-2011", "2011-04-02", "31-02-2011", "01-01-1990", "morgen"]),
    st.text(max_size=30),
)
RIJ = st.lists(CEL, min_size=0, max_size=6)


def als_csv(kop: str, rijen: list[list[str]], scheiding: str) -> str:
    return "\n".join([kop, *(scheiding.join(r) for r in rijen)])


def _aantal(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(t.Leerling)) or 0


@settings(
    max_examples=VOORBEELDEN,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    kop=KOP,
    rijen=st.lists(RIJ, max_size=5),
    scheiding=st.sampled_from([";", ","]),
    ruis=st.one_of(st.just(b""), st.binary(max_size=8)),
)
def test_een_willekeurig_bestand_wordt_helemaal_of_niet_ingelezen_met_duidelijke_fouten(
    sessions, clock, staff, kop, rijen, scheiding, ruis
):
    inhoud = als_csv(kop, rijen, scheiding).encode() + ruis
    voor = _aantal(sessions)

    try:
        uitslag = importeren.importeer(sessions, inhoud, actor=staff.teamleider, clock=clock)
    except importeren.ImportFout as fout:
        uitslag = importeren.Voorbeeld(fouten=(str(fout),))  # the whole file refused

    if isinstance(uitslag, list):
        assert _aantal(sessions) == voor + len(uitslag)
        assert uitslag
        return
    assert _aantal(sessions) == voor  # nothing half-saved
    fouten = [*uitslag.fouten, *(f for r in uitslag.foute_rijen for f in r.fouten)]
    assert fouten, "geweigerd zonder te zeggen waarom"
    assert all(f.strip() for f in fouten), fouten
