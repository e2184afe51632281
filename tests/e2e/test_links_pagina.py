"""The placement's "Links voor buiten school" (issue #18): the stagebegeleider makes a link
(URL and QR code shown once), re-sends it (the old one stops), revokes it after confirming;
a mentor sees no section and may not; a bad address is a 422 naming the field, nothing saved;
every link action is in the timeline, an action through a link with its "(link)" label."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.e2e.test_leerling_pagina import post, tekst
from tests.integration.builders import nieuwe_leerling
from tests.web import log_in
from trajectory.domain.links import audit_payload, link_actor
from trajectory.store import repository as repo
from trajectory.store import tables as t
from trajectory.usecases import bedrijven, vastleggen

NAAM = "Sem Vlasblom"


@pytest.fixture
def plaatsing(sessions, clock, staff):
    tl = staff.teamleider
    bedrijf = bedrijven.registreer(
        sessions, {"naam": "Bakkerij de Korrel", "sectoren": ["08"]}, actor=tl, clock=clock
    )
    pb = bedrijven.voeg_praktijkbegeleider_toe(
        sessions, bedrijf, {"naam": "Jan de Vries", "email": "jan@korrel.test"},
        actor=tl, clock=clock,
    )  # fmt: skip
    lid = nieuwe_leerling(
        sessions, clock, tl, naam=NAAM, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    pid = vastleggen.add_plaatsing(
        sessions, lid,
        {"stagebedrijf_id": bedrijf, "praktijkbegeleider_id": pb, "sector": "08",
         "startdatum": "2025-03-10", "einddatum": "2025-06-27"},
        actor=tl, clock=clock,
    )  # fmt: skip
    return lid, pid


def _maak(client, csrf, lid, pid, **data):
    return post(client, f"/leerlingen/{lid}/stageplaatsen/{pid}/links", csrf, **data)


def _links(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(t.Link))


def test_de_stagebegeleider_maakt_een_link_en_ziet_url_en_qr_code_een_keer(
    client, sessions, plaatsing
):
    lid, pid = plaatsing
    csrf = log_in(client, sessions, "stagebegeleider")
    pagina = client.get(f"/leerlingen/{lid}")
    assert "Links voor buiten school" in pagina.text

    gemaakt = _maak(client, csrf, lid, pid, keuze="praktijkbegeleider:agenda", versturen="ja")

    assert gemaakt.status_code == 200
    url = re.search(r'value="(http[^"]+/l/[^"]+)"', gemaakt.text).group(1)
    assert "<svg" in gemaakt.text
    assert "QR-code van de link" in gemaakt.text
    assert "jan@korrel.test" in gemaakt.text
    token = url.rsplit("/", 1)[1]
    daarna = client.get(f"/leerlingen/{lid}")
    assert token not in daarna.text
    assert "actief tot 27-07-2025" in tekst(daarna.text)
    assert "Persoonlijke link gemaakt" in tekst(daarna.text)
    client.cookies.clear()
    assert client.get(f"/l/{token}", follow_redirects=False).status_code == 303


def test_opnieuw_sturen_vervangt_de_link_en_intrekken_vraagt_bevestiging(
    client, sessions, plaatsing
):
    lid, pid = plaatsing
    csrf = log_in(client, sessions, "stagebegeleider")
    _maak(client, csrf, lid, pid, keuze="ouder:ondertekenen", naam="Els", email="els@thuis.test")
    _maak(client, csrf, lid, pid, keuze="ouder:ondertekenen", naam="Els", email="els@thuis.test")

    pagina = tekst(client.get(f"/leerlingen/{lid}").text)
    assert "vervangen door een nieuwe link" in pagina
    assert "Ja, link intrekken" in pagina
    with sessions() as session:
        actief = session.scalar(
            select(t.Link.id)
            .outerjoin(t.LinkIntrekking, t.LinkIntrekking.link_id == t.Link.id)
            .where(t.LinkIntrekking.id.is_(None))
        )
    ingetrokken = post(client, f"/leerlingen/{lid}/links/{actief}/intrekken", csrf)

    assert ingetrokken.status_code == 303
    pagina = tekst(client.get(f"/leerlingen/{lid}").text)
    assert "Ja, link intrekken" not in pagina
    assert "Link ingetrokken" in pagina  # the timeline


def test_versturen_zonder_adres_is_een_422_bij_het_veld_en_er_is_niets_opgeslagen(
    client, sessions, plaatsing
):
    lid, pid = plaatsing
    csrf = log_in(client, sessions, "stagebegeleider")

    fout = _maak(client, csrf, lid, pid, keuze="ouder:ondertekenen", versturen="ja", email="")
    slecht = _maak(client, csrf, lid, pid, keuze="ouder:ondertekenen", email="geen adres")
    onbekend = _maak(client, csrf, lid, pid, keuze="ouder:agenda")

    assert fout.status_code == slecht.status_code == onbekend.status_code == 422
    assert 'id="email"' in fout.text
    assert "Vul een e-mailadres in" in fout.text
    assert "aria-invalid" in slecht.text
    assert "Kies voor wie en waarvoor" in onbekend.text
    assert _links(sessions) == 0


def test_een_mentor_ziet_geen_links_en_mag_er_geen_maken(client, sessions, plaatsing):
    lid, pid = plaatsing
    csrf = log_in(client, sessions, "mentor")

    assert "Links voor buiten school" not in client.get(f"/leerlingen/{lid}").text
    assert _maak(client, csrf, lid, pid, keuze="leerling:reflectie").status_code == 403
    assert _links(sessions) == 0


def test_een_plaatsing_van_een_andere_leerling_is_404(client, sessions, clock, staff, plaatsing):
    lid, pid = plaatsing
    ander = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    csrf = log_in(client, sessions, "stagebegeleider")

    assert _maak(client, csrf, ander, pid, keuze="leerling:reflectie").status_code == 404
    assert _links(sessions) == 0


def test_een_actie_via_een_link_staat_in_de_tijdlijn_met_het_label_link(
    client, sessions, clock, plaatsing
):
    lid, _ = plaatsing
    actor = link_actor("praktijkbegeleider", "Jan de Vries", 7)
    with sessions.begin() as session:
        repo.append_audit(
            session, tijd=clock.now(), actor=actor, soort="vastlegging", leerling_id=lid,
            trigger="stage_agenda", payload=audit_payload(actor, 7),
        )  # fmt: skip
    log_in(client, sessions, "stagebegeleider")

    pagina = tekst(client.get(f"/leerlingen/{lid}").text)

    assert "praktijkbegeleider Jan de Vries (link)" in pagina
