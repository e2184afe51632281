"""Correcting and voiding records and placements (#16 part 2): a new version supersedes the old
one, which stays in the history with the reason; every reader of the present follows."""

from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from pydantic import ValidationError
from sqlalchemy import func, select

from tests.conftest import as_user
from tests.integration.builders import audit_events, versie
from tests.integration.migraties import naar as _naar
from trajectory.domain import uren
from trajectory.domain.clock import today
from trajectory.domain.intake import IntakeIn
from trajectory.domain.schooljaar import huidige_kalender
from trajectory.store import queries
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import corrigeren, engine, intake, vastleggen
from trajectory.usecases.fouten import FieldError, NotPermitted
from trajectory.usecases.laden import snapshot_van

REDEN = "Verkeerd overgenomen van de presentielijst."
PLAATS = {"bedrijf": "Bakkerij Koster", "sector": "03", "startdatum": "2024-09-02"}


def _entree(sessions, clock, staff, uren_tot_nu: float, **extra) -> int:
    gegevens = {
        "naam": "Eva Entree",
        "geboortedatum": "2007-05-01",
        "leerjaar": "entree",
        "klas": "3A",
        "stagebegeleider_id": staff.stagebegeleider.id,
        "state": "entree",
        **PLAATS,
        "uren": uren_tot_nu,
        **extra,
    }
    return intake.neem_op(
        sessions, IntakeIn.model_validate(gegevens), actor=staff.teamleider, clock=clock
    )


def _dag(sessions, clock, staff, lid: int, datum: str, aantal: float) -> int:
    (record_id,) = vastleggen.add_uren(
        sessions, lid, [{"datum": datum, "uren": aantal}], actor=staff.stagebegeleider, clock=clock
    )
    return record_id


def _snapshot(sessions, lid: int):
    with sessions() as session:
        return snapshot_van(session, session.get(t.Leerling, lid))


def _stand(sessions, clock, lid: int):
    op = today(clock)
    return uren.entree_stand(_snapshot(sessions, lid), op, huidige_kalender())


def test_een_gecorrigeerde_urenregel_telt_met_de_nieuwe_uren_en_de_oude_blijft_zichtbaar(
    sessions, clock, staff
):
    lid = _entree(sessions, clock, staff, 100)
    oud = _dag(sessions, clock, staff, lid, "2025-02-27", 8)
    voor = _stand(sessions, clock, lid)

    result = corrigeren.corrigeer_record(
        sessions,
        lid,
        "uren",
        oud,
        {"datum": "2025-02-27", "uren": 4},
        reden=REDEN,
        actor=staff.stagebegeleider,
        clock=clock,
    )

    na = _stand(sessions, clock, lid)
    assert (voor.totaal, na.totaal) == (108, 104)
    assert na.prognose < voor.prognose
    with sessions() as session:
        rijen = {r.id: r for r in queries.records_of(session, lid) if r.kind == "uren"}
        assert repo.verify_audit(session) is None
    assert rijen[oud].data["uren"] == 8  # never changed in place
    assert (rijen[oud].vervallen_reden, rijen[oud].vervallen_door_id) == (
        REDEN,
        staff.stagebegeleider.id,
    )
    assert rijen[result.nieuw_id].vervangt_id == oud
    assert rijen[result.nieuw_id].vervallen is None
    ((_, payload),) = audit_events(sessions, lid, soort="correctie")
    assert (payload["record_id"], payload["nieuw_id"], payload["reden"]) == (
        oud,
        result.nieuw_id,
        REDEN,
    )


def test_een_correctie_die_al_door_een_ander_is_gedaan_geeft_409_en_verandert_niets(
    sessions, clock, staff
):
    lid = _entree(sessions, clock, staff, 100)
    oud = _dag(sessions, clock, staff, lid, "2025-02-27", 8)
    corrigeren.corrigeer_record(
        sessions, lid, "uren", oud, {"datum": "2025-02-27", "uren": 4}, reden=REDEN,
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip
    with sessions() as session:
        voor = session.scalar(select(func.count()).select_from(t.Vastlegging))
        events = session.scalar(select(func.count()).select_from(t.AuditEvent))

    with pytest.raises(corrigeren.AlGecorrigeerd) as fout:
        corrigeren.corrigeer_record(
            sessions, lid, "uren", oud, {"datum": "2025-02-27", "uren": 6}, reden=REDEN,
            actor=staff.stagebegeleider, clock=clock,
        )  # fmt: skip

    assert fout.value.soort == "conflict"
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(t.Vastlegging)) == voor
        assert session.scalar(select(func.count()).select_from(t.AuditEvent)) == events
    assert _stand(sessions, clock, lid).totaal == 104


def test_een_correctie_vraagt_een_reden_van_minstens_tien_tekens(sessions, clock, staff):
    lid = _entree(sessions, clock, staff, 100)
    oud = _dag(sessions, clock, staff, lid, "2025-02-27", 8)
    with pytest.raises(FieldError, match="minstens 10 tekens"):
        corrigeren.maak_record_ongeldig(
            sessions, lid, "uren", oud, reden="foutje", actor=staff.teamleider, clock=clock
        )


def test_de_mentor_corrigeert_geen_uren(sessions, clock, staff):
    lid = _entree(sessions, clock, staff, 100)
    oud = _dag(sessions, clock, staff, lid, "2025-02-27", 8)
    with pytest.raises(NotPermitted):
        corrigeren.maak_record_ongeldig(
            sessions, lid, "uren", oud, reden=REDEN, actor=staff.mentor, clock=clock
        )


def test_een_ongeldig_gemaakte_stageplaats_telt_niet_meer_en_blijft_in_de_geschiedenis(
    sessions, clock, staff
):
    lid = _entree(sessions, clock, staff, 100)
    plaatsing = _snapshot(sessions, lid).lopende_plaatsing.id

    corrigeren.maak_plaatsing_ongeldig(
        sessions, lid, plaatsing, reden="Dubbel ingevoerd bij de intake.", actor=staff.teamleider,
        clock=clock,
    )  # fmt: skip

    snapshot = _snapshot(sessions, lid)
    assert snapshot.lopende_plaatsing is None
    assert snapshot.records_van("uren") == ()
    with sessions() as session:
        (rij,) = queries.plaatsingen_of(session, lid)
        assert rij.vervallen_reden == "Dubbel ingevoerd bij de intake."
        assert repo.verify_audit(session) is None
    assert _stand(sessions, clock, lid) is None
    assert snapshot.state == "entree"  # the state does not move


def test_een_gecorrigeerde_stageplaats_neemt_haar_vastleggingen_mee(sessions, clock, staff):
    lid = _entree(sessions, clock, staff, 100)
    _dag(sessions, clock, staff, lid, "2025-02-27", 8)
    oud = _snapshot(sessions, lid).lopende_plaatsing.id

    result = corrigeren.corrigeer_plaatsing(
        sessions, lid, oud, {"bedrijf": "Bakkerij Koster & Zn."}, reden="Typefout in de naam.",
        actor=staff.stagebegeleider, clock=clock,
    )  # fmt: skip

    snapshot = _snapshot(sessions, lid)
    assert snapshot.lopende_plaatsing.id == result.nieuw_id
    assert snapshot.lopende_plaatsing.bedrijf == "Bakkerij Koster & Zn."
    assert snapshot.lopende_plaatsing.startdatum == date(2024, 9, 2)
    assert _stand(sessions, clock, lid).totaal == 108
    assert {r.plaatsing_id for r in snapshot.records_van("uren")} == {result.nieuw_id}


def test_een_correctie_die_een_gezette_stap_ongeldig_maakt_wordt_gemeld_zonder_de_fase_te_verzetten(
    sessions, clock, staff
):
    clock.set(date(2025, 5, 12))
    lid = _entree(sessions, clock, staff, 645, studieadvies_positief=True)
    voldoende = {"soort": "tussentijds", "uitslag": "voldoende", "periode": 2}
    vastleggen.add_record(
        sessions, lid, "beoordeling", voldoende, actor=staff.stagebegeleider, clock=clock
    )
    regel = _dag(sessions, clock, staff, lid, "2025-05-08", 8)
    stap = engine.advance(
        sessions, lid, "examen_aanmelden", actor=staff.stagebegeleider,
        version=versie(sessions, lid), clock=clock,
    )  # fmt: skip
    assert isinstance(stap, engine.Overgegaan)

    result = corrigeren.corrigeer_record(
        sessions, lid, "uren", regel, {"datum": "2025-05-08", "uren": 4}, reden=REDEN,
        actor=staff.stagebegeleider, clock=clock,
    )  # fmt: skip

    (ongeldig,) = result.ongeldige_stappen
    assert ongeldig.trigger == "examen_aanmelden"
    assert ongeldig.guards == ("uren_650",)
    assert "649" in ongeldig.redenen[0]
    with sessions() as session:
        assert session.get(t.Leerling, lid).state == "praktijkexamen"
        (melding,) = session.scalars(
            select(t.Melding).where(t.Melding.soort == "correctie_stap")
        ).all()
    assert melding.ontvanger_id == staff.stagebegeleider.id
    assert "Aanmelden praktijkexamen" in melding.tekst


def test_migratie_0017_neemt_bestaande_vastleggingen_en_stageplaatsen_als_huidig_over(
    sessions, engine, clock, staff
):
    lid = _entree(sessions, clock, staff, 100)
    _dag(sessions, clock, staff, lid, "2025-02-27", 8)
    _naar(engine, "0012", command.downgrade)  # the database as the previous version left it
    _naar(engine, "head", command.upgrade)

    with sessions() as session:
        assert session.scalar(select(func.count()).where(~t.HUIDIG_RECORD)) == 0
        assert session.scalar(select(func.count()).where(~t.HUIDIGE_PLAATSING)) == 0
    assert _stand(sessions, clock, lid).totaal == 108
    with pytest.raises(FieldError, match="al uren geregistreerd"):  # still one line a day
        _dag(sessions, clock, staff, lid, "2025-02-27", 2)


def test_de_api_corrigeert_een_urenregel_en_weigert_een_verouderde_correctie(
    client, sessions, clock, staff
):
    lid = _entree(sessions, clock, staff, 100)
    oud = _dag(sessions, clock, staff, lid, "2025-02-27", 8)
    adres = f"/api/leerlingen/{lid}/records/uren/{oud}/correctie"
    body = {"reden": REDEN, "gegevens": {"datum": "2025-02-27", "uren": 4}}

    te_veel = client.post(
        adres, json={**body, "gegevens": {"datum": "2025-02-27", "uren": 30}},
        headers=as_user("stagebegeleider"),
    )  # fmt: skip
    assert te_veel.status_code == 422
    assert te_veel.json()["detail"][0]["loc"] == ["body", "gegevens", "uren"]
    goed = client.post(adres, json=body, headers=as_user("stagebegeleider"))
    assert goed.status_code == 200, goed.text
    assert goed.json()["ongeldige_stappen"] == []
    nog_eens = client.post(adres, json=body, headers=as_user("teamleider"))
    assert nog_eens.status_code == 409
    assert "al gecorrigeerd" in nog_eens.json()["detail"]
    leerling = client.get(f"/api/leerlingen/{lid}", headers=as_user("teamleider")).json()
    assert leerling["entree_uren"]["totaal"] == 104
    lijst = client.get(f"/api/leerlingen/{lid}/records", headers=as_user("teamleider")).json()
    versies = {r["id"]: r for r in lijst if r["kind"] == "uren" and r["datum"] == "2025-02-27"}
    assert versies[oud]["vervallen_reden"] == REDEN
    assert versies[goed.json()["nieuw_id"]]["vervangt_id"] == oud
    verify = client.get("/api/audit/verify", headers=as_user("teamleider"))
    assert verify.json()["intact"] is True


def test_de_api_maakt_een_stageplaats_ongeldig(client, sessions, clock, staff):
    lid = _entree(sessions, clock, staff, 100)
    plaatsing = _snapshot(sessions, lid).lopende_plaatsing.id
    adres = f"/api/leerlingen/{lid}/plaatsingen/{plaatsing}/ongeldig"

    mentor = client.post(adres, json={"reden": REDEN}, headers=as_user("mentor"))
    assert mentor.status_code == 403
    kort = client.post(adres, json={"reden": "weg"}, headers=as_user("stagebegeleider"))
    assert kort.status_code == 422
    antwoord = client.post(adres, json={"reden": REDEN}, headers=as_user("stagebegeleider"))
    assert antwoord.status_code == 200
    assert _snapshot(sessions, lid).lopende_plaatsing is None


def test_een_gecorrigeerde_groepsstage_neemt_haar_plaatsen_mee_naar_de_nieuwe_dagdelen(
    sessions, clock, staff
):
    gegevens = {
        "naam": "Gijs Groep",
        "geboortedatum": "2010-05-01",
        "leerjaar": "3",
        "state": "groepsstage",
        "startdatum": "2024-09-02",
        "dagdelen": ["di_ochtend", "do_ochtend"],
    }
    lid = intake.neem_op(
        sessions, IntakeIn.model_validate(gegevens), actor=staff.teamleider, clock=clock
    )
    oud = _snapshot(sessions, lid).lopende_plaatsing.id

    result = corrigeren.corrigeer_plaatsing(
        sessions, lid, oud, {"dagdelen": ["di_ochtend", "vr_ochtend"]}, reden=REDEN,
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip

    with sessions() as session:
        plekken = session.execute(
            select(t.GroepsstagePlek.dagdeel, t.GroepsstagePlek.plaatsing_id)
        ).all()
    assert sorted(plekken) == [("di_ochtend", result.nieuw_id), ("vr_ochtend", result.nieuw_id)]


def _intake_regel(sessions, lid: int) -> int:
    with sessions() as session:
        return session.scalar(
            select(t.Vastlegging.id).where(
                t.Vastlegging.leerling_id == lid,
                t.Vastlegging.kind == "uren",
                t.Vastlegging.data["overgenomen"].as_boolean().is_(True),
                t.HUIDIG_RECORD,
            )
        )


def test_de_overgenomen_entree_uren_worden_gecorrigeerd_naar_een_ander_totaal(
    sessions, clock, staff
):
    """The intake's one line of hours so far is a total (up to 2000), not a day of at most 24:
    it is corrected like any uren line, a new version with a reason, and the Entree total and
    forecast follow; it stays the intake's line."""
    lid = _entree(sessions, clock, staff, 100)
    _dag(sessions, clock, staff, lid, "2025-02-27", 6)
    oud = _intake_regel(sessions, lid)
    voor = _stand(sessions, clock, lid)

    result = corrigeren.corrigeer_record(
        sessions, lid, "uren", oud, {"uren": 180, "toelichting": "Telling van de administratie."},
        reden="De administratie telde 180 uur, niet 100.", actor=staff.teamleider, clock=clock,
    )  # fmt: skip

    na = _stand(sessions, clock, lid)
    assert (voor.totaal, na.totaal) == (106, 186)
    assert na.prognose > voor.prognose
    assert _intake_regel(sessions, lid) == result.nieuw_id
    with sessions() as session:
        rijen = {r.id: r for r in queries.records_of(session, lid) if r.kind == "uren"}
        assert repo.verify_audit(session) is None
    assert rijen[oud].data["uren"] == 100  # never changed in place
    assert rijen[oud].vervallen is not None
    nieuw = rijen[result.nieuw_id]
    assert (nieuw.vervangt_id, nieuw.datum, nieuw.data["uren"]) == (oud, rijen[oud].datum, 180)
    with pytest.raises(ValidationError):  # still bounded: more than a school year is a typo
        corrigeren.corrigeer_record(
            sessions, lid, "uren", result.nieuw_id, {"uren": 5000},
            reden="Nog een keer anders geteld.", actor=staff.teamleider, clock=clock,
        )  # fmt: skip
    with pytest.raises(ValidationError):  # a day of the presentielijst stays a day
        corrigeren.corrigeer_record(
            sessions, lid, "uren", _dag(sessions, clock, staff, lid, "2025-02-28", 6),
            {"datum": "2025-02-28", "uren": 30},
            reden="Verkeerd overgenomen van de lijst.", actor=staff.teamleider, clock=clock,
        )  # fmt: skip
