"""The uitstroom and bestendigheid report against a hand count (issue 8)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.integration.builders import MOTIVATIE, breng_naar, nieuwe_leerling
from trajectory.domain.access import Actor
from trajectory.domain.clock import Clock
from trajectory.domain.uitstroommonitor import csv_rijen
from trajectory.usecases import engine
from trajectory.usecases.overzichten import uitstroomrapport


def _stap(sessions, clock: Clock, actor: Actor, leerling: int, trigger: str, payload=None):  # noqa: ANN001
    from tests.integration.builders import versie

    result = engine.advance(
        sessions,
        leerling,
        trigger,
        actor=actor,
        version=versie(sessions, leerling),
        clock=clock,
        payload=payload,
        motivatie=MOTIVATIE,
    )
    assert isinstance(result, engine.Overgegaan), result


def vertrekt(sessions, clock, staff, naam: str, vertrek: date, categorie: str | None, profiel: str):  # noqa: ANN001
    """Walk a leerling to the nazorg, leaving on `vertrek` with this bestemming."""
    tl = staff.teamleider
    leerling = nieuwe_leerling(sessions, clock, tl, naam=naam, leerjaar="5", klas="5A")
    breng_naar(sessions, clock, tl, leerling, "groepsstage")
    _stap(sessions, clock, tl, leerling, "uitvallen", {"reden": "Te zwaar voor nu."})
    _stap(sessions, clock, tl, leerling, "alternatief_starten")
    _stap(sessions, clock, tl, leerling, "alternatief_afronden", {"vervolg": "uitstroom"})
    uitstroom = {"profiel": profiel, "bestemming": "Volgens plan", "vertrekdatum": vertrek}
    if categorie:
        uitstroom["categorie"] = categorie
    _stap(sessions, clock, tl, leerling, "uitstromen", uitstroom)
    return leerling


def contact(sessions, clock, staff, leerling: int, op: date, behouden: bool | None):  # noqa: ANN001
    clock.set(datetime(op.year, op.month, op.day, 10, tzinfo=UTC))
    gegevens = {"met_wie": "ex_leerling", "hoe_gaat_het": "Gesproken.", "datum": op}
    if behouden is not None:
        gegevens["bestemming_behouden"] = behouden
    _stap(sessions, clock, staff.teamleider, leerling, "nazorg_contact", gegevens)


def test_de_telling_van_het_rapport_is_die_van_een_handmatige_telling(sessions, clock, staff):
    # cohort 2022-2023: 5 leavers on 7 July 2023
    vertrek = date(2023, 7, 7)
    a = vertrekt(sessions, clock, staff, "A", vertrek, "arbeid", "arbeid")
    b = vertrekt(sessions, clock, staff, "B", vertrek, "bbl", "leren")
    c = vertrekt(sessions, clock, staff, "C", vertrek, None, "dagbesteding")  # old record
    vertrekt(sessions, clock, staff, "D", vertrek, "geen", "arbeid")
    vertrekt(sessions, clock, staff, "E", vertrek, None, "leren")  # category unknown
    # cohort 2024-2025: one leaver, only a year of nazorg due by the report date
    f = vertrekt(sessions, clock, staff, "F", date(2024, 9, 30), "bol", "leren")

    contact(sessions, clock, staff, a, date(2024, 3, 1), True)  # before the 1-year window
    contact(sessions, clock, staff, a, date(2024, 7, 1), False)  # 1 year: lost
    contact(sessions, clock, staff, a, date(2025, 6, 20), True)  # 2 years: works again
    contact(sessions, clock, staff, b, date(2024, 7, 10), True)
    contact(sessions, clock, staff, b, date(2025, 7, 1), True)
    contact(sessions, clock, staff, c, date(2024, 8, 1), True)  # 1 year; 2 years: nothing
    contact(sessions, clock, staff, c, date(2025, 6, 1), None)  # no structured answer
    contact(sessions, clock, staff, f, date(2025, 9, 1), False)

    with sessions() as session:
        nieuw, oud = uitstroomrapport(session, staff.teamleider, date(2025, 10, 31))

    assert (oud.naam, oud.uitgestroomd, oud.geplaatst) == ("2022-2023", 5, 3)  # a, b, c
    assert oud.per_categorie["onbekend"].uitgestroomd == 1  # e
    assert oud.per_categorie["geen"].uitgestroomd == 1  # d
    assert oud.per_categorie["dagbesteding"].uitgestroomd == 1  # c, by its profiel
    assert (oud.behouden(1), oud.gemeten(1)) == (2, 3)  # b, c held; a lost
    assert (oud.behouden(2), oud.gemeten(2)) == (2, 3)  # a, b held; c unknown
    assert oud.aandeel_geplaatst == 3 / 5
    assert oud.per_categorie["dagbesteding"].onbekend == (0, 1)

    assert (nieuw.naam, nieuw.uitgestroomd, nieuw.geplaatst) == ("2024-2025", 1, 1)
    assert (nieuw.behouden(1), nieuw.gemeten(1), nieuw.gemeten(2)) == (0, 1, 0)
    assert nieuw.per_categorie["bol"].nog_niet == (0, 1)
    assert nieuw.aandeel_behouden(2) is None

    rijen = csv_rijen([oud])
    assert rijen[0][:3] == ("cohort", "categorie", "uitgestroomd")
    assert ("2022-2023", "Leren: ROC BBL", 1, 1, 0, 0, 0, 1, 0, 0, 0) in rijen
    assert sum(r[2] for r in rijen[1:]) == 5


def test_het_rapport_van_een_begeleider_telt_alleen_de_eigen_leerlingen(sessions, clock, staff):
    vertrekt(sessions, clock, staff, "A", date(2023, 7, 7), "arbeid", "arbeid")
    with sessions() as session:
        assert uitstroomrapport(session, staff.andere_begeleider, date(2025, 10, 31)) == []
        (cohort,) = uitstroomrapport(session, staff.teamleider, date(2025, 10, 31))
    assert cohort.uitgestroomd == 1
