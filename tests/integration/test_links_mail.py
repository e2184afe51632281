"""A personal link's e-mail (issue #18) goes through the outbox to an address outside the
school: Dutch, plain text and HTML, with the link's URL; the outbox row holds the token only
encrypted, and not at all once the mail is sent. It is in nobody's inbox."""

from __future__ import annotations

from sqlalchemy import select

from tests.conftest import SLEUTELS
from tests.integration.builders import nieuwe_leerling
from tests.integration.test_mail import _delen
from trajectory.notifications.mail import SmtpSettings, deliver_due
from trajectory.store import tables as t
from trajectory.usecases import links, vastleggen

PLAATSING = {
    "bedrijf": "Bakkerij de Korrel",
    "sector": "08",
    "startdatum": "2025-03-10",
    "einddatum": "2025-06-27",
}


def _meldingen(sessions) -> list[t.Melding]:
    with sessions() as session:
        return list(session.scalars(select(t.Melding)))


def test_de_link_gaat_per_mail_naar_de_ouder_en_het_token_verlaat_de_database(
    sessions, clock, staff, postbus, poort
):
    tl = staff.teamleider
    lid = nieuwe_leerling(sessions, clock, tl, naam="Sem Vlasblom", klas="3A")
    pid = vastleggen.add_plaatsing(sessions, lid, PLAATSING, actor=tl, clock=clock)
    nieuw = links.maak_link(
        sessions, pid, "ouder", "ondertekenen", actor=tl, clock=clock,
        email="els@thuis.test", naam="Els Vlasblom", versturen=SLEUTELS,
    )  # fmt: skip
    (wachtend,) = _meldingen(sessions)
    assert wachtend.ontvanger_id is None
    assert nieuw.token not in wachtend.tekst
    assert nieuw.token not in (wachtend.geheim_versleuteld or "")

    basis = "https://stage.school.test"
    uitslag = deliver_due(
        sessions, SmtpSettings(port=poort, basis_url=basis), clock, sleutels=SLEUTELS
    )

    assert uitslag.verzonden == 1
    ((aan, bericht),) = postbus.berichten
    assert aan == ["els@thuis.test"]
    tekst, html = _delen(bericht)
    assert f"{basis}/l/{nieuw.token}" in tekst
    assert f"{basis}/l/{nieuw.token}" in html
    assert "Beste Els Vlasblom" in tekst
    assert "stage van Sem bij Bakkerij de Korrel" in tekst
    assert "/leerlingen/" not in tekst  # no staff page for someone without an account
    (verzonden,) = _meldingen(sessions)
    assert verzonden.verzonden is not None
    assert verzonden.geheim_versleuteld is None
