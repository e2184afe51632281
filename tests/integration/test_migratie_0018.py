"""Migration 0018 (the uitstroom counts of erased leavers): a database of the previous version
whose erased leavers counted as `onbekend` keeps counting them so."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import inspect

from tests.integration.test_bewaartermijn import _afgesloten
from tests.integration.test_migratie_0016 import _naar
from trajectory.usecases.bewaartermijn import Bewaartermijnen, bewaartermijn
from trajectory.usecases.overzichten import uitstroomrapport

VORIGE = "0018-1"  # the revision before 0018, whatever it is called after merging


def test_gewiste_vertrekkers_van_een_oude_database_tellen_als_onbekend(
    sessions, engine, clock, staff
):
    _afgesloten(sessions, clock, staff, "Fenna Zwartkruis")  # left 11 July 2025
    clock.set(date(2029, 7, 12))
    assert len(bewaartermijn(sessions, clock, Bewaartermijnen()).leerlingen) == 1
    _naar(engine, VORIGE, command.downgrade)
    assert "uitstroom_telling" not in inspect(engine).get_table_names()

    _naar(engine, "head", command.upgrade)

    with sessions() as session:
        (cohort,) = uitstroomrapport(session, staff.teamleider, date(2029, 7, 12))
    assert (cohort.naam, cohort.uitgestroomd, cohort.geplaatst) == ("2024-2025", 1, 0)
    assert cohort.per_categorie["onbekend"].uitgestroomd == 1
