"""A week before the start, while the contract misses signatures, the reminder tells the
stagebegeleider who has not signed and mails each missing party with an `ondertekenen` link
(and an e-mail address) its link again: a new link replacing the old one (issue #18)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.integration.test_overeenkomst_ondertekenen import _klaar_zonder_handtekeningen, _teken
from trajectory.store import tables as t
from trajectory.usecases import links
from trajectory.usecases.herinneringen import fire_due

pytestmark = pytest.mark.pdf  # draws the contract PDF (WeasyPrint, Pango)


def _meldingen(sessions, soort: str) -> list[t.Melding]:
    with sessions() as session:
        return list(session.scalars(select(t.Melding).where(t.Melding.soort == soort)))


def test_de_herinnering_stuurt_de_ontbrekende_partij_haar_link_opnieuw(sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)  # starts 4 March, a minor
    _teken(sessions, clock, staff, lid, pid, "school")
    oud = links.maak_link(
        sessions, pid, "leerling", "ondertekenen", actor=staff.stagebegeleider, clock=clock,
        email="sem@leerling.test", naam="Sem",
    )  # fmt: skip
    links.maak_link(  # a link without an address cannot be mailed
        sessions, pid, "ouder", "ondertekenen", actor=staff.stagebegeleider, clock=clock,
        naam="Petra",
    )  # fmt: skip
    links.maak_link(  # signed already: not sent again
        sessions, pid, "leerling", "reflectie", actor=staff.stagebegeleider, clock=clock,
        email="reflectie@leerling.test", naam="Sem",
    )  # fmt: skip

    gevuurd = fire_due(sessions, clock)  # 3 March: the school day a week before, after a break

    assert gevuurd["handtekeningen_ontbreken"] == 1
    assert [m.ontvanger_email for m in _meldingen(sessions, "link")] == ["sem@leerling.test"]
    (herinnering,) = {m.tekst for m in _meldingen(sessions, "handtekeningen_ontbreken")}
    assert "De leerling heeft nog niet getekend; de link om te ondertekenen is opnieuw gemaild" in (
        herinnering
    )
    assert "Het bedrijf (praktijkbegeleider of tekenbevoegde) heeft nog niet getekend: laat" in (
        herinnering
    )
    assert "Een ouder/verzorger heeft nog niet getekend: laat op uw scherm" in herinnering
    assert "De school" not in herinnering
    with sessions() as session:
        werkend = {(s.partij, s.doel, s.link_id) for s in links.actieve_links(session, pid)}
    assert ("leerling", "ondertekenen", oud.link_id) not in werkend  # replaced by the mailed one
    assert len([w for w in werkend if w[:2] == ("leerling", "ondertekenen")]) == 1


def test_wie_al_getekend_heeft_krijgt_de_link_niet_opnieuw(sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    _teken(sessions, clock, staff, lid, pid, "school", "leerling")
    links.maak_link(
        sessions, pid, "leerling", "ondertekenen", actor=staff.stagebegeleider, clock=clock,
        email="sem@leerling.test", naam="Sem",
    )  # fmt: skip

    fire_due(sessions, clock)

    assert _meldingen(sessions, "link") == []
    (herinnering,) = {m.tekst for m in _meldingen(sessions, "handtekeningen_ontbreken")}
    assert "De leerling heeft" not in herinnering
    assert "Het bedrijf (praktijkbegeleider of tekenbevoegde) heeft nog niet getekend" in (
        herinnering
    )
