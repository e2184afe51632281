"""Who sees which reminders: the dashboard query and the calendar feed behind a secret token."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from tests.integration.builders import breng_naar
from tests.integration.cohort import leerling, start_stage
from trajectory.usecases.agenda import herinneringen_voor
from trajectory.usecases.users import new_agenda_token, token_hash


@pytest.fixture
def op_stage(sessions, clock, staff) -> int:
    """Cem Yilmaz (3A, Stan's), on a verdieping placement since 1 September 2025."""
    clock.set(date(2025, 8, 25))
    lid = leerling(sessions, clock, staff, "Cem Yilmaz", "4")
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    clock.set(date(2025, 9, 1))
    start_stage(sessions, clock, staff, lid, date(2025, 9, 1), date(2026, 6, 26))
    return lid


def _soorten(sessions, actor, van=date(2025, 9, 1), tot=date(2025, 9, 30)):
    with sessions() as session:
        return [(a.soort, a.verschuldigd) for a in herinneringen_voor(session, actor, van, tot)]


def test_de_stagebegeleider_ziet_zijn_eigen_herinneringen_in_een_venster(sessions, staff, op_stage):
    assert _soorten(sessions, staff.stagebegeleider) == [
        ("stagemap", date(2025, 9, 8)),
        ("bezoek", date(2025, 9, 22)),
    ]
    assert _soorten(sessions, staff.andere_begeleider) == []


def test_de_mentor_ziet_alleen_wat_voor_de_mentor_is_en_de_teamleider_alles(
    sessions, staff, op_stage
):
    assert _soorten(sessions, staff.mentor, tot=date(2026, 7, 1)) == [
        ("bezoek_achterstand", date(2025, 9, 29)),  # DOMAIN.md: every escalation
        ("stage_eindigt", date(2026, 6, 12)),
    ]
    assert _soorten(sessions, staff.andere_mentor, tot=date(2026, 7, 1)) == []
    assert ("bezoek_achterstand", date(2025, 9, 29)) in _soorten(
        sessions, staff.teamleider, tot=date(2025, 10, 1)
    )


def test_een_achterstallige_herinnering_staat_erin_als_het_venster_in_het_verleden_begint(
    sessions, clock, staff, op_stage
):
    clock.set(date(2025, 9, 10))  # the stagemap of the 8th has not fired: the job did not run
    assert ("stagemap", date(2025, 9, 8)) in _soorten(
        sessions, staff.stagebegeleider, van=date(2025, 9, 1)
    )
    assert ("stagemap", date(2025, 9, 8)) not in _soorten(
        sessions, staff.stagebegeleider, van=date(2025, 9, 10)
    )


def test_de_agenda_feed_toont_bezoeken_en_deadlines_met_voornaam_en_initiaal(
    client, sessions, clock, staff, op_stage
):
    token = new_agenda_token(sessions, "sb@school.test")

    antwoord = client.get(f"/agenda/{token}.ics")

    assert antwoord.status_code == 200
    assert antwoord.headers["content-type"].startswith("text/calendar")
    agenda = Calendar.from_ical(antwoord.content)
    events = {
        (str(e["summary"]), e.decoded("dtstart"))
        for e in agenda.walk("VEVENT")
        if e.decoded("dtstart") <= date(2025, 11, 30)
    }
    assert ("Stagebezoek: Cem Y. (3A)", date(2025, 9, 22)) in events
    assert ("Stage-agenda / stagemap aftekenen: Cem Y. (3A)", date(2025, 9, 8)) in events
    assert ("Tussentijdse beoordeling: Cem Y. (3A)", date(2025, 11, 21)) in events
    assert all("Yilmaz" not in summary for summary, _ in events)
    assert not any(summary.startswith("Stagebezoek een week te laat") for summary, _ in events)
    uids = [str(e["uid"]) for e in agenda.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_een_onbekend_of_vervangen_token_geeft_404(client, sessions, staff, op_stage):
    oud = new_agenda_token(sessions, "sb@school.test")
    nieuw = new_agenda_token(sessions, "sb@school.test")

    assert client.get(f"/agenda/{oud}.ics").status_code == 404
    assert client.get("/agenda/verzonnen.ics").status_code == 404
    assert client.get(f"/agenda/{nieuw}.ics").status_code == 200


def test_alleen_de_hash_van_het_token_wordt_bewaard(sessions, staff):
    from sqlalchemy import select

    from trajectory.store import tables as t

    token = new_agenda_token(sessions, "sb@school.test")
    with sessions() as session:
        opgeslagen = session.scalar(
            select(t.Gebruiker.agenda_token_hash).where(t.Gebruiker.email == "sb@school.test")
        )
    assert opgeslagen == token_hash(token) != token


def test_het_commando_agenda_token_geeft_een_nieuw_werkend_adres(
    client, database_url, staff, op_stage, monkeypatch
):
    from typer.testing import CliRunner

    from trajectory.entrypoints.cli import app

    monkeypatch.setenv("TRAJECTORY_DATABASE_URL", database_url)
    result = CliRunner().invoke(app, ["users", "agenda-token", "--email", "sb@school.test"])

    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[0]
    assert client.get(f"/agenda/{token}.ics").status_code == 200
    onbekend = CliRunner().invoke(app, ["users", "agenda-token", "--email", "niemand@x.nl"])
    assert onbekend.exit_code == 2


def test_het_toegangslog_schrijft_het_geheim_van_de_agenda_niet_op(
    client, sessions, staff, op_stage, caplog
):
    token = new_agenda_token(sessions, "sb@school.test")
    with caplog.at_level("INFO", logger="stagetraject.access"):
        client.get(f"/agenda/{token}.ics")
    assert token not in caplog.text
    assert "/agenda/***.ics" in caplog.text
