"""Who sees which leerling: the Python rule (`domain.access.may_see`), the store's SQL filter
(`store.queries.visible`) and the one loader (`usecases.laden.zichtbare_leerling`) give the same
answer for every role, on both databases."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest
from sqlalchemy import select

from trajectory.domain.access import SYSTEEM, Actor, may_see
from trajectory.store import tables as t
from trajectory.store.queries import visible
from trajectory.usecases.laden import LeerlingNotFound, zichtbare_leerling
from trajectory.usecases.vastleggen import NieuweLeerling, create_leerlingen

KLASSEN = ("3A", "3B", None)


@pytest.fixture
def leerlingen(sessions, clock, staff) -> dict[int, tuple[int | None, str | None]]:
    """One leerling per (begeleider, klas): Stan's, Olga's, Ali's or nobody's; 3A, 3B or none."""
    begeleiders = (staff.stagebegeleider.id, staff.ondersteuner.id, staff.andere_begeleider.id)
    paren = list(product((*begeleiders, None), KLASSEN))
    nieuw = [
        NieuweLeerling(
            naam=f"Leerling {i}",
            geboortedatum=date(2010, 5, 1),
            leerjaar="3",
            klas=klas,
            stagebegeleider_id=begeleider,
        )
        for i, (begeleider, klas) in enumerate(paren)
    ]
    ids = create_leerlingen(sessions, nieuw, actor=staff.teamleider, clock=clock)
    return dict(zip(ids, paren, strict=True))


def _actoren(staff) -> dict[str, Actor]:
    return {
        "stagebegeleider": staff.stagebegeleider,
        "ondersteuner": staff.ondersteuner,
        "mentor": staff.mentor,
        "teamleider": staff.teamleider,
        "andere begeleider": staff.andere_begeleider,
        "andere mentor": staff.andere_mentor,
        "systeem": SYSTEEM,
        "mentor zonder klas": Actor(id=staff.mentor.id, rol="mentor", naam="Mees", klas=None),
        "onbekende rol": Actor(id=staff.teamleider.id, rol="ouder", naam="Onbekend"),
    }


def test_de_sql_filter_en_de_regel_zien_voor_elke_rol_dezelfde_leerlingen(
    sessions, staff, leerlingen
):
    for naam, actor in _actoren(staff).items():
        volgens_regel = {lid for lid, (b, k) in leerlingen.items() if may_see(actor, b, k)}
        with sessions() as session:
            volgens_sql = set(session.scalars(visible(select(t.Leerling.id), actor)))
        assert volgens_sql == volgens_regel, naam


def test_de_lader_geeft_een_leerling_alleen_aan_wie_hem_mag_zien(sessions, staff, leerlingen):
    for (naam, actor), (lid, (begeleider, klas)) in product(
        _actoren(staff).items(), leerlingen.items()
    ):
        with sessions() as session:
            if may_see(actor, begeleider, klas):
                assert zichtbare_leerling(session, lid, actor).id == lid, naam
            else:
                with pytest.raises(LeerlingNotFound):
                    zichtbare_leerling(session, lid, actor)


def test_de_regel_onderscheidt_elke_rol(staff, leerlingen):
    """The cases above are not all alike: every role sees a different set."""
    gezien = {
        naam: frozenset(lid for lid, (b, k) in leerlingen.items() if may_see(actor, b, k))
        for naam, actor in _actoren(staff).items()
    }
    assert len(gezien["teamleider"]) == len(leerlingen) == len(gezien["systeem"])
    assert gezien["mentor zonder klas"] == gezien["onbekende rol"] == frozenset()
    verschillend = [g for n, g in gezien.items() if n not in ("systeem", "onbekende rol")]
    assert len(set(verschillend)) == len(verschillend)
