"""Timer-driven transitions: nazorg closes itself two years after leaving, via advance()."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tests.integration.builders import MOTIVATIE, breng_naar, nieuwe_leerling
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
