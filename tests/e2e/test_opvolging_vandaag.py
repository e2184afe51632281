"""A logbook follow-up reaches its owner (DOMAIN.md timers: "a logbook follow-up's due date |
follow-up action | its owner"): whoever recorded the contact. It fires on its day to that
owner only, stands on the owner's Vandaag and in the owner's calendar feed and nobody else's,
and leaves both when the owner marks it done with one click (a new version of the contact,
audited as a correction)."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar
from sqlalchemy import select

from tests.e2e.overzicht_builders import maak
from tests.integration.builders import leg_vast
from tests.web import log_in
from trajectory.store import tables as t
from trajectory.usecases.herinneringen import fire_due
from trajectory.usecases.users import new_agenda_token

ACTIE = "Moeder terugbellen over de reistijd"


def _werk(client) -> str:
    return client.get("/?taken=alle").text.split('id="kop-taken"')[1].split("kop-geblokkeerd")[0]


def _agenda(client, sessions, email) -> set[str]:
    token = new_agenda_token(sessions, email)
    feed = Calendar.from_ical(client.get(f"/agenda/{token}.ics").content)
    return {str(e["summary"]) for e in feed.walk("VEVENT")}


def _met_opvolging(sessions, clock, staff):
    leerling = maak(sessions, clock, staff, "Noor Jansen", klas="3A")
    leg_vast(
        sessions, clock, staff.stagebegeleider, leerling, "contact",
        met="ouders", hoe="telefoon", notitie="Moeder belde over de reistijd.",
        opvolging=ACTIE, opvolgen_op="2025-03-12",
    )  # fmt: skip
    return leerling


def test_de_vervolgactie_gaat_op_haar_dag_alleen_naar_haar_eigenaar(client, sessions, clock, staff):
    leerling = _met_opvolging(sessions, clock, staff)
    clock.set(date(2025, 3, 11))
    assert fire_due(sessions, clock)["opvolging"] == 0
    clock.set(date(2025, 3, 12))
    assert fire_due(sessions, clock)["opvolging"] == 1

    with sessions() as session:
        meldingen = session.execute(
            select(t.Melding.ontvanger_id, t.Melding.tekst).where(
                t.Melding.leerling_id == leerling, t.Melding.soort == "opvolging"
            )
        ).all()
        rij = session.scalars(select(t.Herinnering).where(t.Herinnering.soort == "opvolging"))
        (herinnering,) = rij.all()
    assert [ontvanger for ontvanger, _ in meldingen] == [staff.stagebegeleider.id]
    assert ACTIE in meldingen[0][1]
    assert herinnering.eigenaar_id == staff.stagebegeleider.id


def test_de_vervolgactie_staat_bij_de_eigenaar_op_vandaag_en_in_de_agenda_niet_bij_anderen(
    client, sessions, clock, staff
):
    _met_opvolging(sessions, clock, staff)

    log_in(client, sessions, "stagebegeleider")
    assert f"Vervolgactie: {ACTIE}" in _werk(client)
    assert "Opvolging van een contact: Noor J. (3A)" in _agenda(client, sessions, "sb@school.test")
    for ander, email in (
        ("teamleider", "teamleider@school.test"),
        ("mentor", "mentor@school.test"),
    ):
        client.cookies.clear()
        log_in(client, sessions, ander)
        assert ACTIE not in _werk(client), ander  # both may see Noor, neither owns the action
        assert not any("Opvolging" in s for s in _agenda(client, sessions, email)), ander


def test_de_vervolgactie_blijft_na_haar_dag_staan_tot_ze_is_afgerond(
    client, sessions, clock, staff
):
    leerling = _met_opvolging(sessions, clock, staff)
    clock.set(date(2025, 3, 13))
    fire_due(sessions, clock)
    csrf = log_in(client, sessions, "stagebegeleider")
    werk = _werk(client)
    assert ACTIE in werk  # fired yesterday, not done: still on the list, late
    herinnering_id = werk.split('action="/opvolgingen/')[1].split("/")[0]

    antwoord = client.post(
        f"/opvolgingen/{herinnering_id}/afgerond",
        data={"csrf_token": csrf},
        follow_redirects=False,
    )

    assert antwoord.status_code == 303
    assert "De vervolgactie is afgerond." in client.get(antwoord.headers["location"]).text
    assert ACTIE not in _werk(client)
    assert not any("Opvolging" in s for s in _agenda(client, sessions, "sb@school.test"))
    with sessions() as session:
        contacten = session.scalars(
            select(t.Vastlegging)
            .where(t.Vastlegging.leerling_id == leerling, t.Vastlegging.kind == "contact")
            .order_by(t.Vastlegging.id)
        ).all()
        event = session.scalars(
            select(t.AuditEvent).where(t.AuditEvent.leerling_id == leerling)
            .order_by(t.AuditEvent.id.desc())
        ).first()  # fmt: skip
    oud, nieuw = contacten
    assert oud.vervallen is not None
    assert oud.vervallen_reden == "Vervolgactie afgerond"
    assert nieuw.vervangt_id == oud.id
    assert nieuw.data["afgerond_op"] == "2025-03-13"
    assert (event.soort, event.trigger) == ("correctie", "contact")
    # a second click finds nothing left to do: 409, nothing written
    tweede = client.post(f"/opvolgingen/{herinnering_id}/afgerond", data={"csrf_token": csrf})
    assert tweede.status_code == 409


def test_afgerond_voor_haar_dag_gaat_de_vervolgactie_niet_meer_af(client, sessions, clock, staff):
    _met_opvolging(sessions, clock, staff)
    csrf = log_in(client, sessions, "stagebegeleider")
    herinnering_id = _werk(client).split('action="/opvolgingen/')[1].split("/")[0]
    client.post(f"/opvolgingen/{herinnering_id}/afgerond", data={"csrf_token": csrf})

    clock.set(date(2025, 3, 12))
    assert fire_due(sessions, clock)["opvolging"] == 0


def test_een_ander_kan_andermans_vervolgactie_niet_afronden(client, sessions, clock, staff):
    _met_opvolging(sessions, clock, staff)
    with sessions() as session:
        herinnering_id = session.scalar(
            select(t.Herinnering.id).where(t.Herinnering.soort == "opvolging")
        )
    csrf = log_in(client, sessions, "teamleider")

    antwoord = client.post(f"/opvolgingen/{herinnering_id}/afgerond", data={"csrf_token": csrf})

    assert antwoord.status_code == 404
    log_in(client, sessions, "stagebegeleider")
    assert ACTIE in _werk(client)
