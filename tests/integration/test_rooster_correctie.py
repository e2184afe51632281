"""Correcting a placement's rooster to one the labour law forbids for the leerling's age: the
guards refuse it as they refuse a new rooster, and only the teamleider may force it through,
with a written motivation of at least ten characters (the override's one rule); the correction
is then audited as an override and shown as one on the timeline."""

from __future__ import annotations

from sqlalchemy import select

from tests.conftest import as_user
from tests.integration.builders import MOTIVATIE, audit_events
from tests.integration.builders import stand as stand_van
from tests.integration.test_placement_rules import TOT_TWINTIG_UUR, stage_loopt
from tests.web import log_in
from trajectory.store import tables as t

REDEN = "Het rooster is verkeerd overgenomen."


def _rooster_id(sessions, lid: int) -> int:
    with sessions() as session:
        return session.scalar(
            select(t.Vastlegging.id).where(
                t.Vastlegging.leerling_id == lid,
                t.Vastlegging.kind == "rooster",
                t.HUIDIG_RECORD,
            )
        )


def _corrigeer(client, lid: int, pid: int, rid: int, user: str, **gegevens):
    return client.post(
        f"/api/leerlingen/{lid}/records/rooster/{rid}/correctie",
        json={
            "reden": REDEN,
            "gegevens": {"plaatsing_id": pid, "dagen": TOT_TWINTIG_UUR, **gegevens},
        },
        headers=as_user(user),
    )


def test_de_stagebegeleider_corrigeert_niet_naar_een_onwettig_rooster(
    client, sessions, clock, staff
):
    lid, pid = stage_loopt(sessions, clock, staff)  # 15 years old
    rid = _rooster_id(sessions, lid)

    zonder = _corrigeer(client, lid, pid, rid, "stagebegeleider")  # refused and audited
    voor = stand_van(sessions, lid)
    met = _corrigeer(client, lid, pid, rid, "stagebegeleider", motivatie=MOTIVATIE)

    assert zonder.status_code == 409, zonder.json()
    assert zonder.json()["detail"]["reden"] == "geweigerd"
    assert "mag niet werken tussen 19:00 en 07:00" in zonder.json()["detail"]["melding"]
    assert met.status_code == 403, met.json()
    assert stand_van(sessions, lid) == voor
    assert _rooster_id(sessions, lid) == rid


def test_de_teamleider_zonder_motivatie_of_met_een_te_korte_wordt_geweigerd(
    client, sessions, clock, staff
):
    lid, pid = stage_loopt(sessions, clock, staff)
    rid = _rooster_id(sessions, lid)

    zonder = _corrigeer(client, lid, pid, rid, "teamleider")
    kort = _corrigeer(client, lid, pid, rid, "teamleider", motivatie="Moet maar")

    assert zonder.status_code == 409, zonder.json()
    assert kort.status_code == 422, kort.json()
    assert "minstens 10 tekens" in str(kort.json())
    assert _rooster_id(sessions, lid) == rid
    assert audit_events(sessions, lid, soort="correctie") == []


def test_de_teamleider_zet_de_correctie_door_met_een_motivatie_en_de_audit_noemt_het_een_override(
    client, sessions, clock, staff
):
    lid, pid = stage_loopt(sessions, clock, staff)
    rid = _rooster_id(sessions, lid)

    antwoord = _corrigeer(client, lid, pid, rid, "teamleider", motivatie=MOTIVATIE)

    assert antwoord.status_code == 200, antwoord.json()
    nieuw = antwoord.json()["nieuw_id"]
    assert _rooster_id(sessions, lid) == nieuw != rid
    ((event, payload),) = audit_events(sessions, lid, soort="correctie")
    assert (event.trigger, event.override) == ("rooster", True)
    assert [g["guard"] for g in event.guards if not g["ok"]] == ["rooster_legaal"]
    assert (payload["motivatie"], payload["reden"]) == (MOTIVATIE, REDEN)

    log_in(client, sessions, "teamleider")
    pagina = client.get(f"/leerlingen/{lid}").text
    assert "Gecorrigeerd: weekrooster (toch vastgelegd)" in pagina
    assert 'class="gebeurtenis correctie override"' in pagina  # marked as advance() marks one
    assert f"Motivatie: {MOTIVATIE}" in pagina
    assert f"<dt>Reden van de correctie</dt><dd>{REDEN}</dd>" in pagina


def test_de_teamleider_zet_de_correctie_door_op_de_pagina(client, sessions, clock, staff):
    lid, pid = stage_loopt(sessions, clock, staff)
    rid = _rooster_id(sessions, lid)
    csrf = log_in(client, sessions, "teamleider")
    formulier = client.get(f"/leerlingen/{lid}/vastgelegd/rooster/{rid}/corrigeren").text
    assert 'name="motivatie"' in formulier

    antwoord = client.post(
        f"/leerlingen/{lid}/vastgelegd/rooster/{rid}/corrigeren",
        data={
            "csrf_token": csrf,
            "plaatsing_id": str(pid),
            "dagen.dinsdag.start": "13:00",
            "dagen.dinsdag.eind": "20:00",
            "dagen.dinsdag.pauzes": "30",
            "reden": REDEN,
            "motivatie": MOTIVATIE,
        },
        follow_redirects=False,
    )

    assert antwoord.status_code == 303, antwoord.text[:2000]
    assert _rooster_id(sessions, lid) != rid
    ((event, _),) = audit_events(sessions, lid, soort="correctie")
    assert event.override is True


def test_de_stagebegeleider_ziet_geen_motivatieveld_bij_het_corrigeren(
    client, sessions, clock, staff
):
    lid, _ = stage_loopt(sessions, clock, staff)
    rid = _rooster_id(sessions, lid)
    log_in(client, sessions, "stagebegeleider")
    formulier = client.get(f"/leerlingen/{lid}/vastgelegd/rooster/{rid}/corrigeren").text
    assert 'name="reden"' in formulier
    assert 'name="motivatie"' not in formulier
