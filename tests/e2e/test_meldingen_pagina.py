"""Mijn meldingen: the whole inbox, and Vandaag shows only the newest unread ones."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.conftest import STAFF
from tests.e2e.overzicht_builders import maak
from tests.web import log_in
from trajectory.store import tables as t

MENTOR = STAFF["mentor"][0]


def meldingen_voor_mentor(sessions, clock, leerling_id, aantal):
    with sessions.begin() as session:
        mentor = session.scalar(select(t.Gebruiker.id).where(t.Gebruiker.email == MENTOR))
        for i in range(aantal):
            session.add(
                t.Melding(
                    leerling_id=leerling_id,
                    ontvanger_id=mentor,
                    soort="test",
                    verschuldigd=f"test-{i}",
                    onderwerp=f"Melding nummer {i:02d}",
                    tekst="Tekst.",
                    direct=False,
                    aangemaakt=clock.now(),
                    pogingen=0,
                )
            )


def ongelezen(sessions):
    with sessions() as session:
        return session.scalar(
            select(func.count()).select_from(t.Melding).where(t.Melding.gelezen.is_(None))
        )


def test_vandaag_toont_de_nieuwste_tien_en_het_echte_aantal(client, sessions, clock, staff):
    meldingen_voor_mentor(sessions, clock, maak(sessions, clock, staff, "Mo Melding"), 12)
    log_in(client, sessions, "mentor")

    html = client.get("/").text

    assert "Ongelezen meldingen (12)" in html
    assert "Melding nummer 11" in html
    assert "Melding nummer 01" not in html
    assert '<a href="/meldingen">Alle meldingen</a>' in html


def test_de_meldingenpagina_bladert_en_markeert_een_of_alles_als_gelezen(
    client, sessions, clock, staff
):
    meldingen_voor_mentor(sessions, clock, maak(sessions, clock, staff, "Mo Melding"), 30)
    csrf = log_in(client, sessions, "mentor")

    eerste = client.get("/meldingen").text
    tweede = client.get("/meldingen?pagina=2").text
    assert "Melding nummer 29" in eerste
    assert "Melding nummer 04" not in eerste
    assert "Melding nummer 04" in tweede
    assert "Pagina 2 van 2 (30 meldingen)" in tweede

    with sessions() as session:
        een = session.scalar(select(t.Melding.id).order_by(t.Melding.id))
    terug = client.post(
        f"/meldingen/{een}/gelezen",
        data={"csrf_token": csrf, "terug": "meldingen"},
        follow_redirects=False,
    )
    assert terug.headers["location"] == "/meldingen"
    assert ongelezen(sessions) == 29

    client.post("/meldingen/alles-gelezen", data={"csrf_token": csrf})
    assert ongelezen(sessions) == 0


def test_alles_gelezen_raakt_de_meldingen_van_een_ander_niet(client, sessions, clock, staff):
    meldingen_voor_mentor(sessions, clock, maak(sessions, clock, staff, "Mo Melding"), 3)
    csrf = log_in(client, sessions, "andere_mentor")

    client.post("/meldingen/alles-gelezen", data={"csrf_token": csrf})

    assert ongelezen(sessions) == 3
    assert "U hebt nog geen meldingen." in client.get("/meldingen").text
