"""The mentor hears about it: a notification row committed with the transition itself."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tests.conftest import as_user
from tests.integration.builders import (
    ROUTE_NAAR,
    breng_naar,
    groepsstage_contract,
    nieuwe_leerling,
    versie,
)
from trajectory.store import tables as t
from trajectory.usecases import engine

REDEN = "Twee keer niet komen opdagen zonder bericht"


@pytest.fixture
def in_groepsstage(sessions, clock, staff) -> int:
    lid = nieuwe_leerling(
        sessions,
        clock,
        staff.teamleider,
        naam="Sem de Vries",
        klas="3A",
        stagebegeleider_id=staff.stagebegeleider.id,
    )
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_advies")
    groepsstage_contract(sessions, clock, staff.stagebegeleider, lid)
    ((trigger, payload),) = ROUTE_NAAR["groepsstage"][-1:]
    result = engine.advance(
        sessions, lid, trigger, actor=staff.stagebegeleider, version=versie(sessions, lid),
        clock=clock, payload=payload,
    )  # fmt: skip
    assert isinstance(result, engine.Overgegaan), result
    assert not result.override
    return lid


def _meldingen(sessions) -> list[t.Melding]:
    with sessions() as session:
        return list(session.scalars(select(t.Melding).order_by(t.Melding.id)))


def _uitvallen(sessions, clock, staff, lid, reden=REDEN):
    return engine.advance(
        sessions,
        lid,
        "uitvallen",
        actor=staff.stagebegeleider,
        version=versie(sessions, lid),
        clock=clock,
        payload={"reden": reden},
    )


def test_bij_uitval_krijgt_de_mentor_van_de_klas_meteen_een_melding_met_naam_en_gecodeerde_reden(
    client, sessions, clock, staff, in_groepsstage
):
    voor = len(_meldingen(sessions))

    result = _uitvallen(sessions, clock, staff, in_groepsstage)

    assert isinstance(result, engine.Overgegaan)
    nieuw = _meldingen(sessions)[voor:]
    assert [(m.ontvanger_id, m.soort, m.direct) for m in nieuw] == [
        (staff.mentor.id, "uitval", True)
    ]
    inbox = client.get("/api/meldingen?alleen_ongelezen=true", headers=as_user("mentor")).json()
    uitval = next(m for m in inbox if m["soort"] == "uitval")
    assert uitval["onderwerp"] == "Uitval: Sem de Vries"
    assert "Reden (code): overig" in uitval["tekst"]
    assert REDEN not in uitval["tekst"]  # the free text stays in the application
    assert "Groepsstage De Viaan" in uitval["tekst"]
    assert client.get("/api/meldingen", headers=as_user("andere_mentor")).json() == []


def test_een_melding_heeft_een_vaste_sleutel_en_message_id(sessions, clock, staff, in_groepsstage):
    _uitvallen(sessions, clock, staff, in_groepsstage)
    melding = _meldingen(sessions)[-1]

    assert melding.verschuldigd.startswith("event:")
    sleutel = melding.verschuldigd.replace(":", "-")  # no colon in a Message-ID (RFC 5322)
    assert melding.message_id == (
        f"<melding.{in_groepsstage}.uitval.{staff.mentor.id}.{sleutel}@stagetraject>"
    )
    with pytest.raises(IntegrityError), sessions.begin() as session:  # same key: one row only
        session.add(
            t.Melding(
                leerling_id=melding.leerling_id,
                ontvanger_id=melding.ontvanger_id,
                soort=melding.soort,
                verschuldigd=melding.verschuldigd,
                onderwerp="x",
                tekst="x",
                direct=True,
                aangemaakt=clock.now(),
                pogingen=0,
            )
        )


def test_een_geweigerde_stap_of_een_versieconflict_stuurt_niemand_iets(
    sessions, clock, staff, in_groepsstage
):
    voor = len(_meldingen(sessions))
    geweigerd = engine.advance(
        sessions,
        in_groepsstage,
        "naar_individueel",
        actor=staff.stagebegeleider,
        version=versie(sessions, in_groepsstage),
        clock=clock,
    )
    with pytest.raises(engine.VersionConflict):
        engine.advance(
            sessions,
            in_groepsstage,
            "uitvallen",
            actor=staff.stagebegeleider,
            version=1,
            clock=clock,
            payload={"reden": REDEN},
        )

    assert isinstance(geweigerd, engine.Geweigerd)
    assert len(_meldingen(sessions)) == voor


def test_het_voorlopig_advies_komt_ook_bij_de_mentor(sessions, clock, staff):
    lid = nieuwe_leerling(sessions, clock, staff.teamleider, klas="3A")

    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")

    soorten = [m.soort for m in _meldingen(sessions) if m.leerling_id == lid]
    assert soorten == ["voorlopig_advies"]


def test_gelezen_markeren_mag_alleen_de_ontvanger(client, sessions, clock, staff, in_groepsstage):
    _uitvallen(sessions, clock, staff, in_groepsstage)
    melding = _meldingen(sessions)[-1]

    assert (
        client.post(
            f"/api/meldingen/{melding.id}/gelezen", headers=as_user("andere_mentor")
        ).status_code
        == 404
    )
    assert (
        client.post(f"/api/meldingen/{melding.id}/gelezen", headers=as_user("mentor")).status_code
        == 204
    )
    ongelezen = client.get("/api/meldingen?alleen_ongelezen=true", headers=as_user("mentor"))
    assert melding.id not in [m["id"] for m in ongelezen.json()]
    with sessions() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(t.Melding).where(t.Melding.gelezen.is_not(None))
            )
            == 1
        )


def test_de_mentor_leest_dat_een_stap_toch_is_doorgezet(sessions, clock, staff, in_groepsstage):
    gewoon = _meldingen(sessions)
    result = engine.advance(
        sessions,
        in_groepsstage,
        "naar_individueel",
        actor=staff.teamleider,
        version=versie(sessions, in_groepsstage),
        clock=clock,
        motivatie="Besproken met ouders en mentor: klaar voor een eigen stage.",
    )

    assert isinstance(result, engine.Overgegaan)
    assert result.override
    eerder = {m.id for m in gewoon}
    nieuw = [m for m in _meldingen(sessions) if m.id not in eerder]
    assert [m.soort for m in nieuw] == ["groepsstage"]
    assert "toch doorgezet" in nieuw[0].tekst
    assert all("toch doorgezet" not in m.tekst for m in gewoon)
