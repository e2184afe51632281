"""Fuzzing the CSV intake (#16) with hypothesis, as the import's drill does: whatever the file,
the result is the whole intake or Dutch errors with nothing saved; never a crash, never half.
On both databases, as many examples as the import's drill."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.drills.test_fuzz_import import VOORBEELDEN, _aantal, als_csv
from trajectory.usecases import importeren, intake_import

KOP = st.sampled_from(
    [
        "naam;geboortedatum;leerjaar;fase;bedrijf;sector;startdatum;uren;rooster;dagdelen",
        "naam,geboortedatum,leerjaar,fase,vertrekdatum,uitstroomprofiel,bestemming",
        "naam;geboortedatum;leerjaar",  # fase missing
    ]
)
CEL = st.one_of(
    st.sampled_from(["Sem de Vries", "3", "4", "entree", "entree", "nazorg", "stage zoeken"]),
    st.sampled_from(["Bakkerij", "3", "10", "11", "412,5", "-1", "di 09:00-14:30 30", "ma 9-"]),
    st.sampled_from(["02-04-2008", "2024-09-02", "31-02-2011", "ma ochtend, di middag", "ja"]),
    st.text(max_size=20),
)


@settings(
    max_examples=VOORBEELDEN,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    kop=KOP,
    rijen=st.lists(st.lists(CEL, min_size=0, max_size=10), max_size=4),
    scheiding=st.sampled_from([";", ","]),
)
def test_een_willekeurige_intake_wordt_helemaal_of_niet_overgenomen_met_duidelijke_fouten(
    sessions, clock, staff, kop, rijen, scheiding
):
    inhoud = als_csv(kop, rijen, scheiding).encode()
    voor = _aantal(sessions)

    try:
        uitslag = intake_import.importeer(sessions, inhoud, actor=staff.teamleider, clock=clock)
    except importeren.ImportFout as fout:
        uitslag = intake_import.Voorbeeld(fouten=(str(fout),))

    if isinstance(uitslag, list):
        assert _aantal(sessions) == voor + len(uitslag)
        return
    assert _aantal(sessions) == voor
    fouten = [*uitslag.fouten, *(f for r in uitslag.foute_rijen for f in r.fouten)]
    assert fouten, "geweigerd zonder te zeggen waarom"
    assert all(f.strip() for f in fouten), fouten
