"""E-mail from the outbox through a real SMTP server (aiosmtpd) on loopback."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from tests.integration.builders import breng_naar, nieuwe_leerling, versie, zet_stap
from tests.integration.conftest import Postbus
from trajectory.notifications.mail import SmtpSettings, deliver_due
from trajectory.store import tables as t
from trajectory.usecases import engine

REDEN = "Weggestuurd na een conflict met de praktijkbegeleider"


@pytest.fixture
def uitgevallen(sessions, clock, staff) -> int:
    lid = nieuwe_leerling(
        sessions,
        clock,
        staff.teamleider,
        naam="Noor Jansen",
        klas="3A",
        stagebegeleider_id=staff.stagebegeleider.id,
    )
    breng_naar(sessions, clock, staff.teamleider, lid, "groepsstage")
    zet_stap(sessions, clock, staff.stagebegeleider, lid, "uitvallen", code="gedrag", reden=REDEN)
    return lid


def _delen(bericht) -> tuple[str, str]:
    """The plain-text and the HTML part of a multipart/alternative mail."""
    assert bericht.get_content_type() == "multipart/alternative"
    delen = {deel.get_content_type(): deel for deel in bericht.get_payload()}
    tekst, html = delen["text/plain"], delen["text/html"]
    return tekst.get_payload(decode=True).decode(), html.get_payload(decode=True).decode()


def _openstaand(sessions) -> list[t.Melding]:
    with sessions() as session:
        return list(session.scalars(select(t.Melding).where(t.Melding.verzonden.is_(None))))


def test_de_mail_over_de_uitval_komt_aan_bij_de_mentor_met_naam_en_gecodeerde_reden(
    sessions, clock, staff, uitgevallen, postbus, poort
):
    uitslag = deliver_due(sessions, SmtpSettings(port=poort), clock)

    uitval = [(aan, m) for aan, m in postbus.berichten if m["Subject"] == "Uitval: Noor Jansen"]
    assert len(uitval) == 1
    aan, bericht = uitval[0]
    assert aan == ["mentor@school.test"]
    tekst, html = _delen(bericht)
    assert "Reden (code): gedrag of conflict op de werkvloer" in tekst
    assert "gedrag of conflict op de werkvloer" in html
    assert REDEN not in tekst + html  # the free text is seen only in the application
    assert "Noor Jansen" in html  # the mentor may see the name, and needs it to call home
    assert bericht["Message-ID"].startswith(f"<melding.{uitgevallen}.uitval.")
    assert bericht["Message-ID"].endswith("@stagetraject>")  # whole, not cut off at a colon
    assert uitslag.mislukt == 0
    assert _openstaand(sessions) == []
    assert deliver_due(sessions, SmtpSettings(port=poort), clock).verzonden == 0  # exactly once


def test_zonder_smtp_server_blijft_de_mail_bewaard_en_gaat_hij_later_alsnog(
    sessions, clock, staff, uitgevallen, poort
):
    instellingen = SmtpSettings(port=poort)  # nothing listens here yet

    eerst = deliver_due(sessions, instellingen, clock)

    assert eerst.verzonden == 0
    assert eerst.mislukt >= 1
    wachtend = _openstaand(sessions)
    assert all(m.pogingen == 1 for m in wachtend)
    assert deliver_due(sessions, instellingen, clock).mislukt == 0  # not due again yet

    handler = Postbus()
    controller = Controller(handler, hostname="127.0.0.1", port=poort)
    controller.start()
    try:
        clock.advance(minutes=1)
        daarna = deliver_due(sessions, instellingen, clock)
    finally:
        controller.stop()

    assert daarna.verzonden == len(wachtend)
    assert _openstaand(sessions) == []
    onderwerpen = [m["Subject"] for _, m in handler.berichten]
    assert onderwerpen.count("Uitval: Noor Jansen") == 1


def test_de_service_start_de_mailbezorging_als_interval_job_en_stopt_hem_weer(
    database_url, clock, staff
):
    from fastapi.testclient import TestClient

    from service.app import create_app
    from service.settings import Settings

    app = create_app(Settings(database_url=database_url, clock=clock, scheduler=True))
    with TestClient(app):
        job = app.state.scheduler.get_job("mail")
        assert app.state.scheduler.running
        assert job.misfire_grace_time is None  # a delivery missed while down still runs
        assert app.state.scheduler.get_job("nazorg_afsluiten").misfire_grace_time is None
    assert not app.state.scheduler.running
    app.state.engine.dispose()


def test_wie_een_dagelijks_overzicht_kiest_krijgt_de_volgende_ochtend_een_mail_maar_uitval_meteen(
    client, sessions, clock, staff, postbus, poort
):
    from tests.conftest import as_user

    assert (
        client.put(
            "/api/meldingen/voorkeur", json={"meldingen": "dagelijks"}, headers=as_user("mentor")
        ).status_code
        == 204
    )
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, naam="Noor Jansen", klas="3A",
        stagebegeleider_id=staff.stagebegeleider.id,
    )  # fmt: skip
    breng_naar(sessions, clock, staff.teamleider, lid, "groepsstage")  # voorlopig advies
    for trigger, payload in (
        ("uitvallen", {"reden": "<b>Weggestuurd</b> & boos"}),
        ("opvang_groepsstage", {"dagdelen": ["do_ochtend"]}),
    ):
        result = engine.advance(
            sessions, lid, trigger, actor=staff.teamleider, version=versie(sessions, lid),
            clock=clock, payload=payload, motivatie="Speciaal geval, besproken in het team.",
        )  # fmt: skip
        assert isinstance(result, engine.Overgegaan)
    smtp = SmtpSettings(port=poort)

    deliver_due(sessions, smtp, clock)  # Monday 10:00: only the uitval goes
    assert [m["Subject"] for _, m in postbus.berichten] == ["Uitval: Noor Jansen"]
    _, html = _delen(postbus.berichten[0][1])
    assert "Weggestuurd" not in html  # the free text never leaves the application

    clock.set(datetime(2025, 3, 4, 5, 30, tzinfo=UTC))  # Tuesday 06:30 in Amsterdam
    deliver_due(sessions, smtp, clock)
    assert len(postbus.berichten) == 1
    clock.set(datetime(2025, 3, 4, 6, 30, tzinfo=UTC))  # 07:30: the digest
    deliver_due(sessions, smtp, clock)
    deliver_due(sessions, smtp, clock)

    assert len(postbus.berichten) == 2
    aan, overzicht = postbus.berichten[1]
    assert aan == ["mentor@school.test"]
    assert overzicht["Subject"] == "Stagetraject: uw overzicht (2)"
    tekst, html = _delen(overzicht)
    for onderwerp in ("Voorlopig stage-advies: Noor Jansen", "Groepsstage: Noor Jansen"):
        assert onderwerp in tekst
        assert onderwerp in html
    assert _openstaand(sessions) == []


def test_met_een_basisadres_eindigt_de_mail_met_een_link_naar_de_leerling(
    sessions, clock, staff, uitgevallen, postbus, poort
):
    instellingen = SmtpSettings(port=poort, basis_url="https://stage.school.test")

    deliver_due(sessions, instellingen, clock)

    (bericht,) = [m for _, m in postbus.berichten if m["Subject"].startswith("Uitval")]
    tekst, html = _delen(bericht)
    link = f"https://stage.school.test/leerlingen/{uitgevallen}"
    assert f"Bekijk het in Stagetraject: {link}" in tekst
    assert link in html
    assert REDEN not in tekst  # the link leads to what the mail leaves out


def test_het_basisadres_komt_uit_trajectory_basis_url():
    instellingen = SmtpSettings.from_environ({"TRAJECTORY_BASIS_URL": "https://stage.test/"})

    assert instellingen.basis_url == "https://stage.test"
