"""Timer-driven transitions: nazorg closes itself two years after leaving, via advance()."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.integration.builders import MOTIVATIE, breng_naar, leg_vast, nieuwe_leerling, zet_stap
from trajectory.store import tables as t
from trajectory.usecases import engine
from trajectory.usecases.timers import close_finished_nazorg

VERTREK = date(2025, 7, 11)


def _in_nazorg(
    sessions, clock, staff, naam: str, vertrek: date = VERTREK, begeleider: int | None = None
) -> int:
    """Walk a leerling to nazorg with teamleider overrides, leaving on `vertrek`."""
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, naam=naam, stagebegeleider_id=begeleider
    )
    versie = breng_naar(sessions, clock, staff.teamleider, lid, "groepsstage")
    stappen = [
        ("uitvallen", {"reden": "Ziek geworden"}),
        ("alternatief_starten", {"met": "ondersteuningsteam", "uitkomst": "positief"}),
        ("alternatief_afronden", {"vervolg": "uitstroom"}),
        ("uitstromen", {"profiel": "arbeid", "bestemming": "Bakkerij", "vertrekdatum": vertrek}),
    ]
    for trigger, payload in stappen:
        result = engine.advance(
            sessions,
            lid,
            trigger,
            actor=staff.teamleider,
            version=versie,
            clock=clock,
            payload=payload,
            motivatie=MOTIVATIE,
        )
        assert isinstance(result, engine.Overgegaan), result
        versie = result.version
    assert result.state == "nazorg"
    return lid


def _state(sessions, lid: int) -> str:
    with sessions() as session:
        return session.get(t.Leerling, lid).state


def test_de_nazorg_sluit_zichzelf_twee_jaar_na_vertrek_via_de_engine(sessions, clock, staff):
    clock.set(date(2025, 7, 11))
    lid = _in_nazorg(sessions, clock, staff, "Sem")
    clock.set(date(2027, 7, 10))

    assert close_finished_nazorg(sessions, clock).gesloten == 0  # the day before
    assert _state(sessions, lid) == "nazorg"

    clock.set(date(2027, 7, 11))
    uitslag = close_finished_nazorg(sessions, clock)

    assert uitslag.gesloten == 1
    assert _state(sessions, lid) == "afgesloten"
    with sessions() as session:
        laatste = session.scalars(
            select(t.AuditEvent)
            .where(t.AuditEvent.leerling_id == lid)
            .order_by(t.AuditEvent.id.desc())
        ).first()
    assert (laatste.soort, laatste.trigger, laatste.actor_rol, laatste.actor_id) == (
        "overgang",
        "nazorg_afsluiten",
        "systeem",
        None,
    )
    assert laatste.override is False


def test_een_gemiste_run_wordt_ingehaald_en_twee_keer_draaien_sluit_een_keer(
    sessions, clock, staff
):
    clock.set(date(2025, 7, 11))
    eerste = _in_nazorg(sessions, clock, staff, "Ali")
    tweede = _in_nazorg(sessions, clock, staff, "Bo", vertrek=date(2025, 9, 1))
    clock.set(date(2027, 12, 1))  # the service was down for months

    eerst = close_finished_nazorg(sessions, clock)
    daarna = close_finished_nazorg(sessions, clock)

    assert (eerst.gesloten, daarna.gesloten) == (2, 0)
    assert {_state(sessions, eerste), _state(sessions, tweede)} == {"afgesloten"}
    with sessions() as session:
        sluitingen = session.scalars(
            select(t.AuditEvent.id).where(t.AuditEvent.trigger == "nazorg_afsluiten")
        ).all()
    assert len(sluitingen) == 2


def test_de_stagebegeleider_hoort_dat_de_nazorg_vanzelf_is_afgesloten(sessions, clock, staff):
    clock.set(date(2025, 7, 11))
    lid = _in_nazorg(sessions, clock, staff, "Sem", begeleider=staff.stagebegeleider.id)
    clock.set(date(2027, 7, 12))

    close_finished_nazorg(sessions, clock)

    with sessions() as session:
        meldingen = session.execute(
            select(t.Melding.ontvanger_id, t.Melding.onderwerp, t.Melding.tekst).where(
                t.Melding.leerling_id == lid, t.Melding.soort == "nazorg_afgesloten"
            )
        ).all()
    assert len(meldingen) == 1
    ontvanger, onderwerp, tekst = meldingen[0]
    assert (ontvanger, onderwerp) == (staff.stagebegeleider.id, "Nazorg afgesloten: Sem")
    assert "vanzelf afgesloten" in tekst


# --- nazorg: "hulp voor hen te zoeken wanneer er problemen ontstaan" (issue #15 item 12) ---


def _nazorgcontact(sessions, clock, actor, lid: int, behouden: bool | None):  # noqa: ANN001
    payload = {
        "met_wie": "ex_leerling",
        "hoe_gaat_het": "Gesproken.",
        "bestemming_behouden": behouden,
    }
    return zet_stap(sessions, clock, actor, lid, "nazorg_contact", **payload)


def _meldingen(sessions, lid: int, soort: str) -> list[tuple[int, str, str, bool]]:  # noqa: ANN001
    with sessions() as session:
        return [
            tuple(r)
            for r in session.execute(
                select(
                    t.Melding.ontvanger_id, t.Melding.onderwerp, t.Melding.tekst, t.Melding.direct
                ).where(t.Melding.leerling_id == lid, t.Melding.soort == soort)
            )
        ]


def _vervolg(sessions, lid: int) -> list[date]:  # noqa: ANN001
    with sessions() as session:
        return list(
            session.scalars(
                select(t.Herinnering.verschuldigd).where(
                    t.Herinnering.leerling_id == lid,
                    t.Herinnering.soort == "nazorg_vervolg",
                    t.Herinnering.status == "gepland",
                )
            )
        )


def test_een_nazorgcontact_dat_een_probleem_vindt_meldt_het_de_stagebegeleider_meteen(
    sessions, clock, staff
):
    clock.set(VERTREK)
    lid = _in_nazorg(sessions, clock, staff, "Sem", begeleider=staff.stagebegeleider.id)
    clock.set(date(2025, 11, 12))  # a Wednesday
    _nazorgcontact(sessions, clock, staff.teamleider, lid, behouden=False)

    ((ontvanger, onderwerp, tekst, direct),) = _meldingen(sessions, lid, "nazorg_probleem")
    assert (ontvanger, onderwerp, direct) == (
        staff.stagebegeleider.id,
        "Nazorg: hulp nodig voor Sem",
        True,
    )
    assert "de bestemming van bij het vertrek niet meer" in tekst
    assert _vervolg(sessions, lid) == [date(2025, 11, 26)]


@pytest.mark.parametrize("behouden", [True, None], ids=["behouden", "niet_gevraagd"])
def test_een_nazorgcontact_zonder_probleem_meldt_niets_en_plant_geen_vervolg(
    sessions, clock, staff, behouden
):
    clock.set(VERTREK)
    lid = _in_nazorg(sessions, clock, staff, "Sem", begeleider=staff.stagebegeleider.id)
    clock.set(date(2025, 11, 12))
    _nazorgcontact(sessions, clock, staff.stagebegeleider, lid, behouden=behouden)

    assert _meldingen(sessions, lid, "nazorg_probleem") == []
    assert _vervolg(sessions, lid) == []


def test_een_nieuw_nazorgcontact_zonder_probleem_vervangt_het_vervolg(sessions, clock, staff):
    clock.set(VERTREK)
    lid = _in_nazorg(sessions, clock, staff, "Sem", begeleider=staff.stagebegeleider.id)
    clock.set(date(2025, 11, 12))
    _nazorgcontact(sessions, clock, staff.stagebegeleider, lid, behouden=False)
    clock.set(date(2025, 11, 20))
    _nazorgcontact(sessions, clock, staff.stagebegeleider, lid, behouden=True)

    assert _vervolg(sessions, lid) == []


def test_ook_een_los_vastgelegd_nazorgcontact_met_een_probleem_meldt_het_meteen(
    sessions, clock, staff
):
    clock.set(VERTREK)
    lid = _in_nazorg(sessions, clock, staff, "Sem", begeleider=staff.stagebegeleider.id)
    clock.set(date(2025, 11, 12))
    leg_vast(sessions, clock, staff.teamleider, lid, "nazorg_contact", met_wie="werkgever",
             hoe_gaat_het="Ontslagen.", bestemming_behouden=False)  # fmt: skip

    assert [m[0] for m in _meldingen(sessions, lid, "nazorg_probleem")] == [
        staff.stagebegeleider.id
    ]
    assert _vervolg(sessions, lid) == [date(2025, 11, 26)]
