"""engine.advance on the real databases: one unit of work, audited, or nothing at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from tests.integration.builders import (
    MOTIVATIE,
    audit_events,
    breng_naar,
    groepsstage_contract,
    leg_vast,
    nieuwe_leerling,
    stand,
)
from tests.integration.builders import versie as huidige_versie
from trajectory.domain.records import FieldError
from trajectory.store.repository import verify_audit
from trajectory.usecases import engine
from trajectory.usecases.engine import (
    Geweigerd,
    NotPermitted,
    Overgegaan,
    PayloadError,
    UnknownTrigger,
    VersionConflict,
)

GROEPSSTAGE_ADVIES = {"reden": "nt2", "dagdelen": ["ma_ochtend", "di_middag"]}


@pytest.fixture
def leerling(sessions, clock, staff) -> int:
    return nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )


def advance(sessions, clock, leerling_id, trigger, actor, version, **kwargs):
    return engine.advance(
        sessions, leerling_id, trigger, actor=actor, version=version, clock=clock, **kwargs
    )


def test_een_toegestane_stap_zet_de_leerling_verder_en_logt_een_event_met_elk_oordeel(
    sessions, clock, staff, leerling
):
    breng_naar(sessions, clock, staff.teamleider, leerling, "stage_advies")
    groepsstage_contract(sessions, clock, staff.stagebegeleider, leerling)
    versie = huidige_versie(sessions, leerling)
    voor = stand(sessions, leerling)

    result = advance(
        sessions,
        clock,
        leerling,
        "advies_groepsstage",
        staff.stagebegeleider,
        versie,
        payload=GROEPSSTAGE_ADVIES,
    )

    assert isinstance(result, Overgegaan)
    assert (result.van, result.state, result.version) == ("stage_advies", "groepsstage", versie + 1)
    assert result.override is False
    na = stand(sessions, leerling)
    assert (na.state, na.version) == ("groepsstage", versie + 1)
    assert na.audit_events == voor.audit_events + 1
    ((event, payload),) = audit_events(sessions, leerling, soort="overgang")[-1:]
    assert event.id == result.event_id
    assert (event.trigger, event.van, event.naar, event.override) == (
        "advies_groepsstage",
        "stage_advies",
        "groepsstage",
        False,
    )
    assert event.actor_id == staff.stagebegeleider.id
    assert event.guards == [
        {"guard": "reden_groepsstage_geldig", "ok": True, "reden": None},
        {"guard": "groepsstage_plaats_vrij", "ok": True, "reden": None},
        {"guard": "minstens_14_bij_start", "ok": True, "reden": None},
        {"guard": "groepsstage_overeenkomst_compleet", "ok": True, "reden": None},
    ]
    assert payload == {"gegevens": GROEPSSTAGE_ADVIES}
    (advies,) = [r for r in na.records if r[1] == "voorlopig_advies"]
    assert advies[2] == {**GROEPSSTAGE_ADVIES, "advies": "groepsstage", "geplande_startdatum": None}
    assert [p[1:3] for p in na.plaatsingen] == [("groepsstage", "lopend")]
    with sessions() as session:
        assert verify_audit(session) is None


def test_een_vastgelegde_beoordeling_opent_de_stap_naar_de_snuffelstage(
    sessions, clock, staff, leerling
):
    leg_vast(
        sessions,
        clock,
        staff.stagebegeleider,
        leerling,
        "beoordeling",
        soort="interne_stage",
        uitslag="voldoende",
    )

    result = advance(sessions, clock, leerling, "interne_stage_afronden", staff.stagebegeleider, 1)

    assert isinstance(result, Overgegaan)
    assert result.verdicts[0].ok
    assert stand(sessions, leerling).state == "snuffelstage"


def test_een_geweigerde_stap_verandert_niets_en_bewaart_de_meegestuurde_gegevens_niet(
    sessions, clock, staff, leerling
):
    versie = breng_naar(sessions, clock, staff.teamleider, leerling, "stage_zoeken")
    voor = stand(sessions, leerling)

    result = advance(
        sessions,
        clock,
        leerling,
        "sector_kiezen",
        staff.stagebegeleider,
        versie,
        payload={"sector": "04"},
    )

    assert isinstance(result, Geweigerd)
    na = stand(sessions, leerling)
    assert (na.state, na.version, na.leerling) == (voor.state, voor.version, voor.leerling)
    assert na.records == voor.records
    assert all(r[1] != "sectorkeuze" for r in na.records)
    assert na.plaatsingen == voor.plaatsingen
    assert na.audit_events == voor.audit_events + 1
    ((event, payload),) = audit_events(sessions, leerling, soort="weigering")
    assert event.id == result.event_id
    assert (event.trigger, event.van, event.naar, event.override) == (
        "sector_kiezen",
        "stage_zoeken",
        "stage_zoeken",
        False,
    )
    failing = [g for g in event.guards if not g["ok"]]
    assert [g["guard"] for g in failing] == ["einde_leerjaar_3", "stage_afgerond_voor_sectorkeuze"]
    assert [v.as_dict() for v in result.failing] == failing
    assert all(g["reden"] for g in failing)
    assert [g["guard"] for g in event.guards if g["ok"]] == ["sector_geldig"]
    assert payload == {"gegevens": {"sector": "04"}}


def test_zonder_beoordeling_wordt_de_interne_stage_niet_afgerond_en_staat_de_reden_erbij(
    sessions, clock, staff, leerling
):
    result = advance(sessions, clock, leerling, "interne_stage_afronden", staff.stagebegeleider, 1)

    assert isinstance(result, Geweigerd)
    assert (result.state, result.version) == ("interne_stage", 1)
    (fout,) = result.failing
    assert fout.guard == "interne_stage_beoordeeld"
    assert "interne stage" in fout.reden
    assert stand(sessions, leerling).state == "interne_stage"


def test_een_stap_die_vanuit_de_huidige_fase_niet_kan_wordt_in_het_nederlands_geweigerd(
    sessions, clock, staff, leerling
):
    voor = stand(sessions, leerling)

    result = advance(sessions, clock, leerling, "stage_afronden", staff.stagebegeleider, 1)

    assert isinstance(result, Geweigerd)
    (fout,) = result.failing
    assert fout.guard == "vanuit_huidige_fase"
    assert fout.reden == "Vanuit 'Interne stage' kan 'Stage afronden' niet."
    na = stand(sessions, leerling)
    assert (na.state, na.version, na.records) == (voor.state, voor.version, voor.records)
    ((event, _),) = audit_events(sessions, leerling, soort="weigering")
    assert (event.van, event.naar, event.guards) == ("interne_stage", None, [fout.as_dict()])


def test_een_onbekende_stap_wordt_niet_geprobeerd(sessions, clock, staff, leerling):
    voor = stand(sessions, leerling)

    with pytest.raises(UnknownTrigger, match="vliegen"):
        advance(sessions, clock, leerling, "vliegen", staff.stagebegeleider, 1)

    assert stand(sessions, leerling) == voor


def test_de_teamleider_kan_met_een_motivatie_doorzetten_en_dat_staat_in_de_audittrail(
    sessions, clock, staff, leerling
):
    result = advance(
        sessions,
        clock,
        leerling,
        "interne_stage_afronden",
        staff.teamleider,
        1,
        motivatie="  " + MOTIVATIE + "  ",
    )

    assert isinstance(result, Overgegaan)
    assert result.override is True
    assert stand(sessions, leerling).state == "snuffelstage"
    ((event, payload),) = audit_events(sessions, leerling, soort="overgang")
    assert event.override is True
    assert event.actor_rol == "teamleider"
    assert event.guards == [
        {
            "guard": "interne_stage_beoordeeld",
            "ok": False,
            "reden": result.verdicts[0].reden,
        }
    ]
    assert payload == {"motivatie": MOTIVATIE}
    with sessions() as session:
        assert verify_audit(session) is None


def test_een_motivatie_bij_een_stap_die_toch_al_mag_is_geen_override(
    sessions, clock, staff, leerling
):
    leg_vast(
        sessions,
        clock,
        staff.teamleider,
        leerling,
        "beoordeling",
        soort="interne_stage",
        uitslag="voldoende",
    )

    result = advance(
        sessions,
        clock,
        leerling,
        "interne_stage_afronden",
        staff.teamleider,
        1,
        motivatie=MOTIVATIE,
    )

    assert isinstance(result, Overgegaan)
    assert result.override is False
    ((event, payload),) = audit_events(sessions, leerling, soort="overgang")
    assert event.override is False
    assert payload == {"motivatie": MOTIVATIE}


def test_een_stagebegeleider_kan_niet_doorzetten_en_er_wordt_niets_geschreven(
    sessions, clock, staff, leerling
):
    voor = stand(sessions, leerling)

    with pytest.raises(NotPermitted, match="Alleen de teamleider"):
        advance(
            sessions,
            clock,
            leerling,
            "interne_stage_afronden",
            staff.stagebegeleider,
            1,
            motivatie=MOTIVATIE,
        )

    assert stand(sessions, leerling) == voor


def test_een_te_korte_motivatie_wordt_geweigerd(sessions, clock, staff, leerling):
    voor = stand(sessions, leerling)

    with pytest.raises(PayloadError, match="minstens 10 tekens"):
        advance(
            sessions,
            clock,
            leerling,
            "interne_stage_afronden",
            staff.teamleider,
            1,
            motivatie="  omdat    ",
        )

    assert stand(sessions, leerling) == voor


def test_een_mentor_kan_een_leerling_niet_verder_zetten(sessions, clock, staff):
    leerling = nieuwe_leerling(sessions, clock, staff.teamleider, klas=staff.mentor.klas)
    leg_vast(
        sessions,
        clock,
        staff.teamleider,
        leerling,
        "beoordeling",
        soort="interne_stage",
        uitslag="voldoende",
    )
    voor = stand(sessions, leerling)

    with pytest.raises(NotPermitted, match="rol"):
        advance(sessions, clock, leerling, "interne_stage_afronden", staff.mentor, 1)

    assert stand(sessions, leerling) == voor


def test_een_stagebegeleider_ziet_de_leerling_van_een_ander_niet(sessions, clock, staff, leerling):
    voor = stand(sessions, leerling)

    with pytest.raises(engine.LeerlingNotFound):
        advance(sessions, clock, leerling, "interne_stage_afronden", staff.andere_begeleider, 1)

    assert stand(sessions, leerling) == voor


def test_wie_een_verouderde_versie_zag_krijgt_een_versieconflict_en_er_wordt_niets_gelogd(
    sessions, clock, staff, leerling
):
    eerste = advance(
        sessions,
        clock,
        leerling,
        "interne_stage_afronden",
        staff.teamleider,
        1,
        motivatie=MOTIVATIE,
    )
    assert isinstance(eerste, Overgegaan)
    voor = stand(sessions, leerling)

    with pytest.raises(VersionConflict) as conflict:
        advance(
            sessions,
            clock,
            leerling,
            "interne_stage_afronden",
            staff.teamleider,
            1,
            motivatie=MOTIVATIE,
        )

    assert conflict.value.huidige_versie == 2
    assert stand(sessions, leerling) == voor


def test_ook_lang_na_de_versie_die_je_zag_volgt_een_versieconflict_zonder_auditevent(
    sessions, clock, staff, leerling
):
    versie = breng_naar(sessions, clock, staff.teamleider, leerling, "groepsstage")
    clock.advance(days=120)
    voor = stand(sessions, leerling)

    for trigger, payload in (
        ("interne_stage_afronden", None),  # would be refused: no audit event for that either
        ("uitvallen", {"reden": "Weggestuurd na ruzie"}),  # would be accepted
    ):
        with pytest.raises(VersionConflict) as conflict:
            advance(sessions, clock, leerling, trigger, staff.stagebegeleider, 1, payload=payload)
        assert conflict.value.huidige_versie == versie

    assert stand(sessions, leerling) == voor


def test_een_uitval_met_de_stage_van_een_andere_leerling_wordt_geweigerd_voordat_er_iets_verandert(
    sessions, clock, staff, leerling
):
    ander = nieuwe_leerling(
        sessions, clock, staff.teamleider, naam="Noor Jansen", stagebegeleider_id=None
    )
    breng_naar(sessions, clock, staff.teamleider, ander, "groepsstage")
    versie = breng_naar(sessions, clock, staff.teamleider, leerling, "groepsstage")
    andere_plaatsing = stand(sessions, ander).plaatsingen[0][0]
    voor, voor_ander = stand(sessions, leerling), stand(sessions, ander)

    with pytest.raises(FieldError) as fout:
        advance(
            sessions,
            clock,
            leerling,
            "uitvallen",
            staff.stagebegeleider,
            versie,
            payload={"reden": "Weggestuurd", "plaatsing_id": andere_plaatsing},
        )

    assert fout.value.field == "plaatsing_id"
    assert stand(sessions, leerling) == voor
    assert stand(sessions, ander) == voor_ander


@contextmanager
def opslag_van_auditpayloads_faalt(engine: Engine) -> Iterator[None]:
    """A database that refuses the last write of advance (the audit payload, at commit)."""
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as conn:
        if sqlite:
            conn.execute(
                text(
                    "CREATE TRIGGER proef_faalt BEFORE INSERT ON audit_payload "
                    "BEGIN SELECT RAISE(ABORT, 'proef: schijf vol'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION proef_faalt() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    "BEGIN RAISE EXCEPTION 'proef: schijf vol'; END $$"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER proef_faalt BEFORE INSERT ON audit_payload "
                    "FOR EACH ROW EXECUTE FUNCTION proef_faalt()"
                )
            )
    try:
        yield
    finally:
        with engine.begin() as conn:
            if sqlite:
                conn.execute(text("DROP TRIGGER proef_faalt"))
            else:
                conn.execute(text("DROP TRIGGER proef_faalt ON audit_payload"))
                conn.execute(text("DROP FUNCTION proef_faalt()"))


def test_faalt_de_laatste_schrijfactie_dan_is_er_niets_half_opgeslagen(
    engine, sessions, clock, staff, leerling
):
    versie = breng_naar(sessions, clock, staff.teamleider, leerling, "groepsstage")
    voor = stand(sessions, leerling)
    assert [p[2] for p in voor.plaatsingen] == ["lopend"]

    with (
        opslag_van_auditpayloads_faalt(engine),
        pytest.raises(DBAPIError, match="proef: schijf vol"),
    ):
        advance(
            sessions,
            clock,
            leerling,
            "uitvallen",
            staff.stagebegeleider,
            versie,
            payload={"reden": "Weggestuurd na ruzie"},
        )

    na = stand(sessions, leerling)
    assert na == voor  # state, version, the uitval record, the afgebroken placement: none of it
    assert [p[2] for p in na.plaatsingen] == ["lopend"]
    with sessions() as session:
        assert verify_audit(session) is None


def test_na_een_mislukte_poging_lukt_dezelfde_stap_met_dezelfde_versie(
    engine, sessions, clock, staff, leerling
):
    versie = breng_naar(sessions, clock, staff.teamleider, leerling, "groepsstage")
    uitval = {"reden": "Weggestuurd na ruzie"}
    with opslag_van_auditpayloads_faalt(engine), pytest.raises(DBAPIError):
        advance(
            sessions, clock, leerling, "uitvallen", staff.stagebegeleider, versie, payload=uitval
        )

    result = advance(
        sessions, clock, leerling, "uitvallen", staff.stagebegeleider, versie, payload=uitval
    )

    assert isinstance(result, Overgegaan)
    na = stand(sessions, leerling)
    assert (na.state, na.version) == ("uitgevallen", versie + 1)
    assert [r[2] for r in na.records if r[1] == "uitval"] == [{"code": "overig", **uitval}]
    assert [p[2] for p in na.plaatsingen] == ["afgebroken"]
    with sessions() as session:
        assert verify_audit(session) is None


def test_een_python_aanroeper_mag_datums_meegeven_die_als_iso_tekst_worden_geaudit(
    sessions, clock, staff, leerling
):
    versie = breng_naar(sessions, clock, staff.teamleider, leerling, "stage_advies")

    result = advance(
        sessions,
        clock,
        leerling,
        "advies_zelfstandig",
        staff.teamleider,
        versie,
        payload={"geplande_startdatum": date(2025, 9, 1)},
        motivatie=MOTIVATIE,
    )

    assert isinstance(result, Overgegaan)
    ((_, payload),) = audit_events(sessions, leerling, soort="overgang")[-1:]
    assert payload["gegevens"] == {"geplande_startdatum": "2025-09-01"}
    with sessions() as session:
        assert verify_audit(session) is None


def test_een_stap_met_een_datum_in_de_toekomst_wordt_niet_gezet(sessions, clock, staff, leerling):
    versie = breng_naar(sessions, clock, staff.teamleider, leerling, "groepsstage")
    voor = stand(sessions, leerling)

    with pytest.raises(FieldError) as fout:
        advance(
            sessions,
            clock,
            leerling,
            "uitvallen",
            staff.stagebegeleider,
            versie,
            payload={"reden": "Weggestuurd", "datum": date(2025, 3, 4)},
        )

    assert fout.value.field == "datum"
    assert stand(sessions, leerling) == voor
