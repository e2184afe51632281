"""Migration 0023 (personal links, issue #18): new tables only, and the outbox gets an
address outside the school — every existing notification keeps its account, text and state."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, select

from tests.integration.builders import nieuwe_leerling
from tests.integration.migraties import naar
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import links, vastleggen

VORIGE = "0023-1"  # the revision before 0023, whatever it is called after merging
PLAATSING = {"bedrijf": "Bakkerij", "sector": "08", "startdatum": "2025-03-10"}


def _meldingen(engine) -> list[tuple]:
    with engine.connect() as connection:
        return connection.execute(
            select(
                t.Melding.leerling_id,
                t.Melding.ontvanger_id,
                t.Melding.soort,
                t.Melding.tekst,
                t.Melding.verzonden,
            ).order_by(t.Melding.id)
        ).all()


def test_bestaande_meldingen_blijven_en_daarna_werken_links(sessions, engine, clock, staff):
    tl = staff.teamleider
    leerling = nieuwe_leerling(sessions, clock, tl, stagebegeleider_id=staff.stagebegeleider.id)
    with sessions.begin() as session:
        repo.queue_melding(
            session, leerling, "uitval", [staff.stagebegeleider.id],
            onderwerp="Uitval", tekst="Een melding van voor 0023.", moment=clock.now(),
            verschuldigd="e1",
        )  # fmt: skip
    voor = _meldingen(engine)
    naar(engine, VORIGE, command.downgrade)
    assert "link" not in inspect(engine).get_table_names()
    assert _meldingen_oud(engine) == [m[:4] for m in voor]

    naar(engine, "head", command.upgrade)

    assert _meldingen(engine) == voor
    with engine.connect() as connection:
        nieuw = connection.execute(
            select(t.Melding.ontvanger_email, t.Melding.geheim_versleuteld)
        ).all()
    assert nieuw == [(None, None)]
    plaatsing = vastleggen.add_plaatsing(sessions, leerling, PLAATSING, actor=tl, clock=clock)
    gemaakt = links.maak_link(sessions, plaatsing, "ouder", "ondertekenen", actor=tl, clock=clock)
    with sessions() as session:
        assert links.link_bij_token(session, gemaakt.token, clock.now()) is not None


def _meldingen_oud(engine) -> list[tuple]:
    with engine.connect() as connection:
        return [
            tuple(r)
            for r in connection.exec_driver_sql(
                "SELECT leerling_id, ontvanger_id, soort, tekst FROM melding ORDER BY id"
            ).all()
        ]
