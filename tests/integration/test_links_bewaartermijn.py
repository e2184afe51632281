"""The retention run (docs/PRIVACY.md) erases the names and addresses of a leerling's
personal links (issue #18), and the outbox's copy of the address and the encrypted token."""

from __future__ import annotations

from sqlalchemy import select

from tests.conftest import SLEUTELS
from tests.integration.builders import nieuwe_leerling
from trajectory.store import tables as t
from trajectory.usecases import links, vastleggen
from trajectory.usecases.bewaartermijn import wis_leerling

PLAATSING = {"bedrijf": "Bakkerij", "sector": "08", "startdatum": "2025-03-10"}


def test_het_wissen_van_een_leerling_wist_de_namen_en_adressen_van_haar_links(
    sessions, clock, staff
):
    tl = staff.teamleider
    lid = nieuwe_leerling(sessions, clock, tl)
    pid = vastleggen.add_plaatsing(sessions, lid, PLAATSING, actor=tl, clock=clock)
    links.maak_link(
        sessions, pid, "ouder", "ondertekenen", actor=tl, clock=clock,
        naam="Els Vlasblom", email="els@thuis.test", versturen=SLEUTELS,
    )  # fmt: skip

    with sessions.begin() as session:
        assert wis_leerling(session, lid, clock.now())

    with sessions() as session:
        assert session.execute(select(t.Link.naam, t.Link.email)).all() == [(None, None)]
        melding = session.scalar(select(t.Melding))
        assert (melding.ontvanger_email, melding.geheim_versleuteld) == (None, None)
        assert "Vlasblom" not in melding.tekst
