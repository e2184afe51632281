"""The contact logbook (issue #16 part 4) on the real databases: a contact is a record in every
state; its follow-up becomes a reminder for whoever recorded it and fires through the
scheduler's reminder job on its date; the mentor logs contacts with the parents."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from tests.integration.builders import leg_vast, nieuwe_leerling
from trajectory.domain.clock import today
from trajectory.store import tables as t
from trajectory.usecases.fouten import FieldError, NotPermitted
from trajectory.usecases.herinneringen import fire_due

ACTIE = "Moeder terugbellen over het rooster"


@pytest.fixture
def leerling(sessions, clock, staff) -> int:
    return nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )


def _opvolging(sessions, lid) -> list[tuple[date, str]]:
    with sessions() as session:
        return session.execute(
            select(t.Herinnering.verschuldigd, t.Herinnering.status).where(
                t.Herinnering.leerling_id == lid, t.Herinnering.soort == "opvolging"
            )
        ).all()


def _meldingen(sessions) -> list[tuple[int, str]]:
    with sessions() as session:
        return session.execute(
            select(t.Melding.ontvanger_id, t.Melding.tekst).where(t.Melding.soort == "opvolging")
        ).all()


def test_de_vervolgactie_van_een_contact_gaat_op_zijn_datum_af_bij_wie_het_vastlegde(
    sessions, clock, staff, leerling
):
    """The mentor keeps the contact with the parents (seed §3.2) and logs it."""
    leg_vast(
        sessions, clock, staff.mentor, leerling, "contact",
        met="ouders", hoe="telefoon", notitie="Moeder belde: zorgen over de reistijd.",
        opvolging=ACTIE, opvolgen_op="2025-03-12",
    )  # fmt: skip
    assert _opvolging(sessions, leerling) == [(date(2025, 3, 12), "gepland")]

    clock.set(date(2025, 3, 11))
    assert fire_due(sessions, clock)["opvolging"] == 0
    clock.set(date(2025, 3, 12))
    assert fire_due(sessions, clock)["opvolging"] == 1
    assert fire_due(sessions, clock)["opvolging"] == 0  # once

    assert _opvolging(sessions, leerling) == [(date(2025, 3, 12), "gevuurd")]
    ((ontvanger, tekst),) = _meldingen(sessions)
    assert ontvanger == staff.mentor.id
    assert ACTIE in tekst


def test_twee_vervolgacties_op_een_dag_gaan_elk_naar_hun_eigen_eigenaar(
    sessions, clock, staff, leerling
):
    leg_vast(
        sessions, clock, staff.mentor, leerling, "contact",
        met="ouders", hoe="mail", notitie="Mail van vader.",
        opvolging="Vader mailen", opvolgen_op="2025-03-10",
    )  # fmt: skip
    leg_vast(
        sessions, clock, staff.stagebegeleider, leerling, "contact",
        met="bedrijf", hoe="bezoek", notitie="Bezoek bij de bakker.",
        opvolging="Rooster opvragen", opvolgen_op="2025-03-10",
    )  # fmt: skip
    clock.set(date(2025, 3, 10))

    fire_due(sessions, clock)

    per_ontvanger = dict(_meldingen(sessions))
    assert set(per_ontvanger) == {staff.mentor.id, staff.stagebegeleider.id}
    assert "Vader mailen" in per_ontvanger[staff.mentor.id]
    assert "Rooster opvragen" not in per_ontvanger[staff.mentor.id]
    assert "Rooster opvragen" in per_ontvanger[staff.stagebegeleider.id]


def test_een_contact_zonder_vervolgactie_plant_niets(sessions, clock, staff, leerling):
    leg_vast(
        sessions, clock, staff.stagebegeleider, leerling, "contact",
        met="leerling", hoe="persoonlijk", notitie="Gesprek over de stage.",
    )  # fmt: skip
    assert _opvolging(sessions, leerling) == []


def test_de_mentor_legt_alleen_contacten_met_ouders_vast(sessions, clock, staff, leerling):
    with pytest.raises(NotPermitted):
        leg_vast(
            sessions, clock, staff.mentor, leerling, "contact",
            met="bedrijf", hoe="telefoon", notitie="Gebeld met de bakker.",
        )  # fmt: skip


def test_een_vervolgactie_voor_het_contact_of_zonder_datum_wordt_geweigerd(
    sessions, clock, staff, leerling
):
    gisteren = date.fromordinal(today(clock).toordinal() - 1).isoformat()
    with pytest.raises(FieldError) as fout:
        leg_vast(
            sessions, clock, staff.stagebegeleider, leerling, "contact",
            met="ouders", hoe="telefoon", notitie="Gebeld.",
            opvolging="Terugbellen", opvolgen_op=gisteren,
        )  # fmt: skip
    assert fout.value.veld == "opvolgen_op"
    with pytest.raises(ValidationError):
        leg_vast(
            sessions, clock, staff.stagebegeleider, leerling, "contact",
            met="ouders", hoe="telefoon", notitie="Gebeld.", opvolging="Terugbellen",
        )  # fmt: skip
    assert _opvolging(sessions, leerling) == []
